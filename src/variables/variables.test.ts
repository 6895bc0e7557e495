import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseExpression } from '../parsing/index.ts';
import { DIMENSIONLESS, volt, second } from '../units/index.ts';
import { DEFAULT_FUNCTIONS, analyse, createScope } from '../inference/index.ts';
import { Variables, VariablesError, addIndexVariables, createArrayVariable, ensureCapacity, resizeDynamic, usedValues } from './index.ts';

test('Variables.addArray creates typed storage with Brian2 defaults', () => {
  const vars = new Variables('neurongroup');
  const v = vars.addArray('v', { dim: volt.dim, size: 3, values: -0.07 });
  assert.ok(v.array instanceof Float64Array);
  assert.deepEqual(Array.from(v.array), [-0.07, -0.07, -0.07]);
  assert.equal(v.index, '_idx');
  const nr = vars.addArray('not_refractory', { dtype: 'bool', size: 3, values: true });
  assert.ok(nr.array instanceof Uint8Array);
  assert.deepEqual(Array.from(nr.array), [1, 1, 1]);
  const t = vars.addArray('t', { dim: second.dim, size: 1, scalar: true });
  assert.equal(t.index, '0');
  const n = vars.addArray('n', { dtype: 'int32', size: 2, values: [4, 5] });
  assert.ok(n.array instanceof Int32Array);
  assert.equal(vars.size, 4);
  assert.deepEqual([...vars.names()], ['v', 'not_refractory', 't', 'n']);
});

test('Variables rejects duplicate and invalid names and bad options with VariablesError', () => {
  const vars = new Variables('neurongroup');
  vars.addArray('v', { size: 1 });
  const cases: [() => unknown, string, RegExp][] = [
    [() => vars.addArray('v', { size: 1 }), 'duplicate-name', /'neurongroup' already has a variable named 'v'/],
    [() => vars.addArray('1v', { size: 1 }), 'invalid-name', /'1v' is not a valid variable name for 'neurongroup'/],
    [() => vars.addArray('lambda', { size: 1 }), 'invalid-name', /not a valid variable name/],
    [() => vars.addArray('a.b', { size: 1 }), 'invalid-name', /not a valid variable name/],
    [() => vars.addArray('w', { size: 2, values: [1, 2, 3] }), 'invalid-options', /3 initial values were given for 2 elements/],
    [() => vars.addArray('w', { size: -1 }), 'invalid-options', /size must be a non-negative integer/],
    [() => vars.addArray('w', { size: 2, scalar: true }), 'invalid-options', /a scalar variable has size 1/],
    [() => vars.addConstant('N', { value: 2.5, type: 'integer' }), 'invalid-options', /declared integer but has value 2.5/],
    [() => vars.getArray('nothing'), 'unknown-variable', /'neurongroup' has no variable named 'nothing'/],
  ];
  for (const [f, code, message] of cases) {
    assert.throws(f, (e: unknown) => e instanceof VariablesError && e.code === code && e.owner === 'neurongroup' && message.test(e.message));
  }
  vars.addConstant('c', { value: 1 });
  assert.throws(() => vars.getArray('c'), (e: unknown) => e instanceof VariablesError && /'c' of 'neurongroup' is a constant, not an array variable/.test(e.message));
});

test('Variables is a Map: Object.prototype names are not defined', () => {
  const vars = new Variables('g');
  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
    assert.equal(vars.get(name), undefined);
    assert.equal(vars.has(name), false);
    assert.equal(vars.toResolver()(name), undefined);
  }
});

test('Variables.toResolver gives inference the symbols of every kind', () => {
  const vars = new Variables('g');
  addIndexVariables(vars, 4);
  vars.addArray('v', { dim: volt.dim, size: 4 });
  vars.addConstant('tau', { dim: second.dim, value: 0.01 });
  vars.addSubexpression('I', { dim: volt.dim, expr: parseExpression('2*v') });
  vars.addFunction('exp', DEFAULT_FUNCTIONS.get('exp')!);
  const resolve = vars.toResolver();
  assert.deepEqual(resolve('i'), { kind: 'variable', dim: DIMENSIONLESS, type: 'integer', scalar: false, readOnly: true });
  assert.deepEqual(resolve('N'), { kind: 'constant', dim: DIMENSIONLESS, type: 'integer', scalar: true, value: 4, readOnly: true });
  assert.equal(resolve('tau')?.kind, 'constant');
  assert.equal(resolve('I')?.kind, 'subexpression');
  assert.equal(resolve('exp')?.kind, 'function');
  const info = analyse(parseExpression('(I - v)/tau * exp(-i/N)'), createScope({ variables: resolve }));
  assert.equal(info.dim, volt.dim.div(second.dim));
  assert.equal(info.scalar, false);
});

test('Variables.addReference shares storage, also after a dynamic variable grows', () => {
  const source = createArrayVariable('x', { size: 'dynamic', values: [1, 2] }, 'other');
  const vars = new Variables('synapses');
  vars.addArray('_idx_pre', { dtype: 'int32', size: 2, values: [1, 0] });
  const ref = vars.addReference('x_pre', source, '_idx_pre');
  assert.equal(ref.index, '_idx_pre');
  assert.equal(ref.name, 'x');
  ensureCapacity(source, 100);
  assert.equal(ref.array, source.array);
  ref.array[0] = 42;
  assert.equal(source.array[0], 42);
  assert.equal(vars.get('x_pre'), ref);
});

test('ensureCapacity and resizeDynamic grow dynamic storage geometrically, keeping the values', () => {
  const v = createArrayVariable('rec', { size: 'dynamic', dtype: 'int32' });
  assert.equal(v.length, 0);
  resizeDynamic(v, 3);
  v.array.set([7, 8, 9]);
  const before = v.array;
  ensureCapacity(v, 17);
  assert.notEqual(v.array, before);
  assert.ok(v.array.length >= 32);
  assert.deepEqual(Array.from(usedValues(v)), [7, 8, 9]);
  resizeDynamic(v, 1);
  resizeDynamic(v, 2);
  assert.deepEqual(Array.from(usedValues(v)), [7, 0]);
  const fixed = createArrayVariable('f', { size: 2 });
  assert.throws(() => resizeDynamic(fixed, 3), (e: unknown) => e instanceof VariablesError && /fixed size of 2/.test(e.message));
});

test('Variables.clone shares variables; set replaces one (a monitor’s own t)', () => {
  const vars = new Variables('g');
  addIndexVariables(vars, 2);
  const t = vars.addArray('t', { size: 1, scalar: true });
  const copy = vars.clone('statemonitor');
  assert.equal(copy.owner, 'statemonitor');
  assert.equal(copy.get('t'), t);
  const t2 = createArrayVariable('t', { size: 1, scalar: true });
  copy.set('t', t2);
  assert.equal(copy.get('t'), t2);
  assert.equal(vars.get('t'), t);
  assert.deepEqual(Array.from(vars.getArray('i').array), [0, 1]);
});
