import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defineUserFunction } from '../codegen/index.ts';
import { Network } from '../core/index.ts';
import { ExpressionError } from '../inference/index.ts';
import { parseExpression } from '../parsing/index.ts';
import { QuantityArray, mV, ms, second, volt } from '../units/index.ts';
import { Variables } from '../variables/index.ts';
import { GroupError } from './errors.ts';
import { NameResolution, checkNamespace } from './namespace.ts';
import { NeuronGroup } from './neuron-group.ts';

describe('NameResolution', () => {
  const own = new Variables('g');
  own.addArray('v', { dim: volt.dim, size: 2 });

  it('resolves in Brian2 order: own variables, constants, units, functions, group namespace, run namespace', () => {
    const r = new NameResolution('g', own, { tau: ms(10), v: 1, pi: 3, a: 1 }, { tau: ms(20), b: true, a: 2 });
    assert.equal(r.lookup('v')?.kind, 'array');
    const pi = r.lookup('pi');
    assert.ok(pi?.kind === 'constant' && pi.value === Math.PI, 'the constant pi wins over the group namespace');
    const tau = r.lookup('tau');
    assert.ok(tau?.kind === 'constant' && tau.value === 0.01 && tau.dim === second.dim);
    assert.ok(r.lookup('mV')?.kind === 'constant');
    assert.equal(r.lookup('exp')?.kind, 'function');
    const b = r.lookup('b');
    assert.ok(b?.kind === 'constant' && b.type === 'boolean');
    assert.equal(r.lookup('nothing'), undefined);
  });

  it('namespace values must be scalars (Brian2: "... is not a scalar value")', () => {
    const r = new NameResolution('g', own, { arr: new QuantityArray([1, 2], volt.dim) }, {});
    assert.throws(() => r.lookup('arr'), (e: unknown) => e instanceof ExpressionError && e.code === 'non-scalar-namespace-value' && /Variable arr was found in the group-specific namespace of 'g', but is not a scalar value/.test(e.message));
  });

  it('variablesFor(identifiers) adds only the external names used, on top of the group table', () => {
    const r = new NameResolution('g', own, { tau: ms(10) }, {});
    const table = r.variablesFor(['v', 'tau', 'mV', 'missing']);
    assert.deepEqual([...table.names()].sort(), ['mV', 'tau', 'v']);
  });

  it('variablesFor(identifiers) also resolves the names and functions used inside subexpressions, transitively', () => {
    const table0 = new Variables('g');
    table0.addArray('v', { dim: volt.dim, size: 2 });
    table0.addSubexpression('I', { dim: volt.dim, expr: parseExpression('J + I0'), type: 'float', scalar: false });
    table0.addSubexpression('J', { dim: volt.dim, expr: parseExpression('double(v)'), type: 'float', scalar: false });
    const double = defineUserFunction('double', (x: number) => 2 * x, { argUnits: [volt], returnUnit: volt });
    const r = new NameResolution('g', table0, { I0: mV(1), double, unused: 3 }, {});
    const table = r.variablesFor(['I']);
    assert.deepEqual([...table.names()].sort(), ['I', 'I0', 'J', 'double', 'v']);
    assert.equal(table.get('double')?.kind, 'function');
  });

  it('with dtSeconds, values having forDt are bound to it; isLocallyConstantFunction asks the unbound value', () => {
    const calls: number[] = [];
    const inner = defineUserFunction('ta', () => 1, { argUnits: [second], returnUnit: null });
    const fake = {
      kind: 'user-function',
      descriptor: inner.descriptor,
      implementation: () => 0,
      forDt: (dt: number) => (calls.push(dt), inner),
      isLocallyConstant: (dt: number) => dt === 1e-4,
    };
    const bound = new NameResolution('g', own, { ta: fake }, { tb: fake }, 1e-4);
    const ta = bound.lookup('ta');
    assert.ok(ta?.kind === 'function' && ta.implementation === inner.implementation);
    assert.equal(bound.lookup('tb')?.kind, 'function');
    assert.deepEqual(calls, [1e-4, 1e-4]);
    assert.equal(bound.isLocallyConstantFunction('ta'), true);
    assert.equal(bound.isLocallyConstantFunction('exp'), false);
    assert.equal(bound.isLocallyConstantFunction('v'), false);
    assert.equal(new NameResolution('g', own, { ta: fake }, {}, 2e-4).isLocallyConstantFunction('ta'), false);
    const unbound = new NameResolution('g', own, { ta: fake }, {});
    const raw = unbound.lookup('ta');
    assert.ok(raw?.kind === 'function' && raw.implementation === fake.implementation, 'without dtSeconds values are used as given');
    assert.equal(unbound.isLocallyConstantFunction('ta'), false);
  });

  it('suggest(name) proposes close names from variables, namespaces, functions and units', () => {
    const r = new NameResolution('g', own, { tau_m: ms(10) }, {});
    assert.deepEqual(r.suggest('tau_n'), ['tau_m']);
    assert.deepEqual(r.suggest('exq'), ['exp']);
  });

  it('checkNamespace rejects non-objects and names starting with an underscore', () => {
    assert.throws(() => checkNamespace('g', [1]), (e: unknown) => e instanceof GroupError && e.code === 'invalid-option');
    assert.throws(() => checkNamespace('g', { _x: 1 }), (e: unknown) => e instanceof GroupError && /underscore/.test(e.message));
  });

  it('user functions from defineUserFunction can be called from model code', () => {
    const double = defineUserFunction('double', (x: number) => 2 * x, { argUnits: [volt], returnUnit: volt });
    const G = new NeuronGroup(2, 'v : volt\nw : volt', { namespace: { double } });
    G.v = 'i*mV';
    G.w = 'double(v)';
    assert.deepEqual([...G.w.in(mV)].map(Math.round), [0, 2]);
    G.runRegularly('v = double(w)');
    new Network(G).run(ms(0.1));
    assert.deepEqual([...G.v.in(mV)].map(Math.round), [0, 4]);
  });
});
