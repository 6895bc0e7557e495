import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DIMENSIONLESS, Dimension } from '../units/index.ts';
import { DEFAULT_FUNCTIONS } from './functions.ts';
import { ExpressionError } from './errors.ts';
import {
  constantSymbol,
  constantsResolver,
  createScope,
  functionsResolver,
  isValueSymbol,
  layerResolvers,
  namespaceResolver,
  tableResolver,
  unitsResolver,
  variableSymbol,
} from './scope.ts';

const VOLT = Dimension.of([2, 1, -3, -1, 0, 0, 0]);
const SECOND = Dimension.of([0, 0, 1, 0, 0, 0, 0]);

describe('symbols', () => {
  it('variableSymbol(dim, options) defaults to a writable float vector variable', () => {
    assert.deepEqual(variableSymbol(VOLT), { kind: 'variable', dim: VOLT, type: 'float', scalar: false, readOnly: false });
    assert.equal(variableSymbol(DIMENSIONLESS, { type: 'integer', scalar: true, readOnly: true }).readOnly, true);
  });

  it('constantSymbol(value, dim, type) is a scalar read-only constant; booleans are boolean', () => {
    assert.deepEqual(constantSymbol(0.005, SECOND), { kind: 'constant', dim: SECOND, type: 'float', scalar: true, value: 0.005, readOnly: true });
    assert.equal(constantSymbol(true).type, 'boolean');
    assert.equal(constantSymbol(true).value, 1);
    assert.equal(constantSymbol(3, DIMENSIONLESS, 'integer').type, 'integer');
  });
});

describe('resolvers', () => {
  it('constantsResolver(name) knows pi, e and inf', () => {
    assert.equal(constantsResolver('pi')?.kind, 'constant');
    const inf = constantsResolver('inf');
    assert.ok(inf !== undefined && isValueSymbol(inf) && inf.value === Infinity);
    assert.equal(constantsResolver('-inf'), undefined);
  });

  it('unitsResolver(name) gives units as scalar float symbols with their SI scale', () => {
    const mV = unitsResolver('mV');
    assert.ok(mV !== undefined && isValueSymbol(mV));
    assert.equal(mV.kind, 'unit');
    assert.equal(mV.dim, VOLT);
    assert.equal(mV.value, 0.001);
    assert.equal(mV.type, 'float');
    assert.equal(mV.scalar, true);
    assert.equal(unitsResolver('not_a_unit'), undefined);
    assert.equal(unitsResolver('mV'), mV, 'symbols are cached');
  });

  it('functionsResolver(name) wraps DEFAULT_FUNCTIONS', () => {
    const exp = functionsResolver('exp');
    assert.ok(exp?.kind === 'function');
    assert.equal(exp.fn, DEFAULT_FUNCTIONS.get('exp'));
  });

  it('tableResolver(table) and namespaceResolver(ns) accept records and maps without inherited keys', () => {
    const v = variableSymbol(VOLT);
    assert.equal(tableResolver({ v })('v'), v);
    assert.equal(tableResolver(new Map([['v', v]]))('v'), v);
    assert.equal(tableResolver({ v })('toString'), undefined);
    assert.deepEqual(namespaceResolver({ a: 2 })('a'), constantSymbol(2));
    assert.deepEqual(namespaceResolver(new Map([['flag', true]]))('flag'), constantSymbol(true));
    assert.equal(namespaceResolver({})('constructor'), undefined);
  });

  it('layerResolvers(...layers) returns the first match', () => {
    const first = layerResolvers(() => undefined, tableResolver({ a: constantSymbol(1) }), tableResolver({ a: constantSymbol(2) }));
    assert.equal((first('a') as { value: number }).value, 1);
    assert.equal(first('b'), undefined);
  });

  it('createScope(options) resolves in Brian2\'s order: variables, constants, units, functions, namespaces', () => {
    const scope = createScope({
      variables: { v: variableSymbol(VOLT), e: variableSymbol(SECOND) },
      namespaces: [{ ms: 5, exp: 2, tau: 0.01 }, { tau: 0.02, extra: 1 }],
    });
    assert.equal(scope('v')?.kind, 'variable');
    assert.equal((scope('e') as { dim: Dimension }).dim, SECOND, 'a variable shadows the constant e');
    assert.equal(scope('pi')?.kind, 'constant');
    assert.equal(scope('ms')?.kind, 'unit', 'a unit shadows a namespace value');
    assert.equal(scope('exp')?.kind, 'function', 'a function shadows a namespace value');
    assert.equal((scope('tau') as { value: number }).value, 0.01, 'the first namespace wins');
    assert.equal((scope('extra') as { value: number }).value, 1);
    assert.equal(scope('nothing'), undefined);
    assert.equal(createScope()('mV')?.kind, 'unit');
  });
});

describe('namespaceResolver with quantities', () => {
  it('namespaceResolver({tau: ms(10)}) gives a float constant with the quantity\'s SI value and dimension', async () => {
    const { ms, mV } = await import('../units/index.ts');
    const resolve = namespaceResolver({ tau: ms(10), v0: mV(-10) });
    const tau = resolve('tau');
    assert.ok(tau !== undefined && tau.kind === 'constant');
    assert.equal(tau.value, 0.01);
    assert.equal(tau.dim, ms.dim);
    assert.equal(tau.type, 'float');
  });

  it('namespaceResolver rejects a non-scalar value with ExpressionError', async () => {
    const { ms } = await import('../units/index.ts');
    const resolve = namespaceResolver({ taus: ms([1, 2]) as unknown as number });
    assert.throws(() => resolve('taus'), (err: unknown) => err instanceof ExpressionError && /not a scalar value/.test(err.message));
  });
});
