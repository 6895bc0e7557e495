import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseStatements } from '../parsing/index.ts';
import { DimensionMismatchError, volt, second } from '../units/index.ts';
import { Variables, addIndexVariables } from '../variables/index.ts';
import { CodegenError, compileCodeBlock, compileReference, defineUserFunction, isUserFunction, RandomState } from './index.ts';

/** Evaluates `expr` (dimensionless) for x = xs[k] in generated code and in the reference; returns the generated results. */
function evaluate(expr: string, xs: readonly number[], extra: (vars: Variables) => void = () => {}): number[] {
  const results: number[][] = [];
  for (const backend of [compileCodeBlock, compileReference]) {
    const vars = new Variables('g');
    addIndexVariables(vars, xs.length);
    vars.addArray('x', { size: xs.length, values: xs });
    vars.addArray('y', { size: xs.length });
    extra(vars);
    backend({ name: 'g', template: 'stateupdate', statements: parseStatements(`y = ${expr}`), variables: vars, N: xs.length, random: new RandomState(0) }).run();
    results.push(Array.from(vars.getArray('y').array));
  }
  assert.deepEqual(results[0]!.map(String), results[1]!.map(String), expr);
  return results[0]!;
}

test('// and % follow Python floor semantics for floats and integers', () => {
  assert.deepEqual(evaluate('x // 2', [-7, 7, -7.5, 0]), [-4, 3, -4, 0]);
  assert.deepEqual(evaluate('x // -2', [-7, 7]), [3, -4]);
  assert.deepEqual(evaluate('x % 3', [-7, 7, -7.5, 2]), [2, 1, 1.5, 2]);
  assert.deepEqual(evaluate('x % 2', [-7.5]), [0.5]);
  assert.deepEqual(evaluate('1 // 0.1 + 0*x', [0]), [9]); // Python: 1 // 0.1 == 9.0
  assert.deepEqual(evaluate('i // 2 - 7 // 2', [0, 0, 0]), [-3, -3, -2]);
});

test('/ is true division, ** is C pow, int() truncates toward zero', () => {
  assert.deepEqual(evaluate('i / 2', [0, 0, 0]), [0, 0.5, 1]);
  assert.deepEqual(evaluate('7 / 2 + 0*x', [0]), [3.5]);
  assert.deepEqual(evaluate('2 ** -1 + 0*x', [0]), [0.5]);
  assert.deepEqual(evaluate('1 ** x', [Number.NaN, Infinity]), [1, 1]);
  assert.deepEqual(evaluate('(-1) ** x', [Infinity, -Infinity]), [1, 1]);
  assert.deepEqual(evaluate('int(x)', [-2.7, 3.99, -0.5]), [-2, 3, 0]);
  assert.deepEqual(evaluate('int(x > 0)', [-1, 1]), [0, 1]);
});

test('floor, ceil, abs, sign, clip, sqrt return Brian2 values (ceil(-0.5) is -0.)', () => {
  assert.deepEqual(evaluate('floor(x)', [-1.5, 1.5]), [-2, 1]);
  assert.ok(Object.is(evaluate('ceil(x)', [-0.5])[0], -0));
  assert.deepEqual(evaluate('abs(x)', [-3, 3]), [3, 3]);
  assert.deepEqual(evaluate('sign(x)', [-3, 0, 2]), [-1, 0, 1]);
  assert.deepEqual(evaluate('clip(x, 0, inf)', [-1, 5]), [0, 5]);
  assert.deepEqual(evaluate('clip(x, -1, 1)', [-5, 0.5, 5]), [-1, 0.5, 1]);
  assert.deepEqual(evaluate('sqrt(x)', [4, 2]), [2, Math.SQRT2]);
});

test('exprel is (exp(x)-1)/x with Brian2 cut-offs; every dimensionless default function evaluates', () => {
  assert.deepEqual(evaluate('exprel(x)', [0, 1e-17, 718, 1, -1]), [1, 1, Infinity, Math.expm1(1), Math.expm1(-1) / -1]);
  const x = 0.3;
  const expected: Record<string, number> = {
    exp: Math.exp(x), log: Math.log(x), log10: Math.log10(x), expm1: Math.expm1(x), log1p: Math.log1p(x),
    sin: Math.sin(x), cos: Math.cos(x), tan: Math.tan(x), sinh: Math.sinh(x), cosh: Math.cosh(x), tanh: Math.tanh(x),
    arcsin: Math.asin(x), arccos: Math.acos(x), arctan: Math.atan(x),
  };
  for (const [fn, value] of Object.entries(expected)) assert.equal(evaluate(`${fn}(x)`, [x])[0], value, fn);
});

test('timestep(t, dt) is int((t + 1e-3*dt)/dt)', () => {
  const extra = (vars: Variables) => {
    vars.addArray('tt', { dim: second.dim, size: 3, values: [0.3e-3, 0.29999999e-3, 1e-3 * 5.0001] });
    vars.addConstant('step', { dim: second.dim, value: 0.1e-3 });
  };
  assert.deepEqual(evaluate('timestep(tt, step)', [0, 0, 0], extra), [3, 3, 50]);
});

test('defineUserFunction: a JS function with declared units, called from generated code', () => {
  const f = defineUserFunction('piecewise', (v) => (v > 0 ? v : 0.1 * v), { argUnits: [volt], returnUnit: volt });
  assert.ok(isUserFunction(f));
  const vars = new Variables('g');
  addIndexVariables(vars, 2);
  vars.addArray('v', { dim: volt.dim, size: 2, values: [-0.02, 0.03] });
  vars.addArray('w', { dim: volt.dim, size: 2 });
  vars.addFunction('piecewise', f.descriptor, f.implementation);
  const code = compileCodeBlock({ name: 'g', template: 'stateupdate', statements: parseStatements('w = piecewise(v) + piecewise(0*volt)'), variables: vars, N: 2 });
  code.run();
  assert.deepEqual(Array.from(vars.getArray('w').array), [-0.002, 0.03]);
  // Units are checked against the declaration.
  assert.throws(
    () => compileCodeBlock({ name: 'g', template: 'stateupdate', statements: parseStatements('w = piecewise(1)'), variables: vars, N: 2 }),
    (e: unknown) => e instanceof DimensionMismatchError && /Argument number 1 for function piecewise does not have the correct units/.test(e.message),
  );
});

test('user functions that throw or return non-numbers raise CodegenError naming the function', () => {
  const bad = defineUserFunction('bad', () => 'x' as unknown as number, { argUnits: [], returnUnit: null });
  const boom = defineUserFunction('boom', () => {
    throw new Error('kaput');
  }, { argUnits: [null], returnUnit: null });
  for (const [f, message] of [[bad, /User function 'bad' returned string, not a number/], [boom, /User function 'boom' threw: kaput/]] as const) {
    const vars = new Variables('g');
    addIndexVariables(vars, 1);
    vars.addArray('y', { size: 1 });
    vars.addFunction(f.name, f.descriptor, f.implementation);
    const code = compileCodeBlock({ name: 'g', template: 'stateupdate', statements: parseStatements(`y = ${f.name}(${f.descriptor.argUnits.length === 0 ? '' : 'y'})`), variables: vars, N: 1 });
    assert.throws(() => code.run(), (e: unknown) => e instanceof CodegenError && e.code === 'function-failed' && message.test(e.message));
  }
});

test('stateful user functions are neither folded nor hoisted; pure ones are hoisted', () => {
  let calls = 0;
  const counter = defineUserFunction('counter', () => ++calls, { argUnits: [], returnUnit: null, stateful: true });
  const pure = defineUserFunction('pure', (a) => a * 2, { argUnits: [null], returnUnit: null });
  const vars = new Variables('g');
  addIndexVariables(vars, 3);
  vars.addArray('y', { size: 3 });
  vars.addArray('z', { size: 3 });
  vars.addFunction('counter', counter.descriptor, counter.implementation);
  vars.addFunction('pure', pure.descriptor, pure.implementation);
  const code = compileCodeBlock({ name: 'g', template: 'stateupdate', statements: parseStatements('y = counter()\nz = pure(3) + y'), variables: vars, N: 3 });
  code.run();
  assert.deepEqual(Array.from(vars.getArray('y').array), [1, 2, 3]);
  assert.deepEqual(Array.from(vars.getArray('z').array), [7, 8, 9]);
  assert.match(code.source, /const \$h_0 = \$u_pure\(3\);/);
});
