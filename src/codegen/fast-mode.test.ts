/**
 * Fast-math code generation: what it changes in the generated source (fast exp/expm1/exprel,
 * reciprocal multiplication, regrouped invariant factors and terms), that exact mode is untouched
 * by it, and that its results stay within a few ulps of the exact ones.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseExpression, parseStatements } from '../parsing/index.ts';
import { Variables, addIndexVariables } from '../variables/index.ts';
import { compileCodeBlock, withFastMath } from './index.ts';
import { FAST_REPLACED, fastMathFunctions } from './fast-math.ts';
import type { CodeBlockSpec } from './spec.ts';

const N = 64;

function table(values: (i: number) => number = (i) => -3 + (6 * i) / (N - 1)): Variables {
  const vars = new Variables('g');
  addIndexVariables(vars, N);
  vars.addArray('x', { size: N, values: Array.from({ length: N }, (_, i) => values(i)) });
  vars.addArray('y', { size: N, values: 0 });
  vars.addArray('z', { size: N, values: 0 });
  vars.addArray('nr', { dtype: 'bool', size: N, values: Array.from({ length: N }, (_, i) => i % 3) });
  vars.addArray('_spikespace', { dtype: 'int32', size: N + 1 });
  vars.addArray('dt', { size: 1, scalar: true, values: 1e-4, readOnly: true });
  vars.addConstant('tau', { value: 0.02 });
  vars.addConstant('c', { value: 3.5 });
  return vars;
}

const CODE = 'y = exp(x/tau*dt)*c/tau + exprel(x) - expm1(x/3)\nz = (x - c) / (-3 - int(nr)) + (1.5 - x) + c';

/** Fast mode here is the JavaScript loop (`kernels: true`: WebAssembly kernels allowed, see wasm-kernel.test.ts). */
function run(code: string, fastMath: boolean | undefined, values?: (i: number) => number, kernels = false): { y: Float64Array; z: Float64Array; source: string } {
  const vars = table(values);
  const spec: CodeBlockSpec = { name: 'g', template: 'stateupdate', statements: parseStatements(code), variables: vars, N };
  const o = compileCodeBlock(spec, fastMath === undefined ? {} : { fastMath, kernels });
  o.run();
  const get = (name: string): Float64Array => Float64Array.from((vars.get(name) as { array: Float64Array }).array);
  return { y: get('y'), z: get('z'), source: o.source };
}

const relative = (a: number, b: number): number => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));

test('fast mode: fast functions, reciprocals and regrouped invariants in the source; exact mode unchanged', () => {
  const exact = run(CODE, false);
  const fast = run(CODE, true);
  assert.equal(run(CODE, undefined).source, exact.source, 'the default is exact');
  assert.ok(fast.source.startsWith("'use strict'; // fast math\n"));
  assert.ok(!exact.source.includes('fast math'));
  // Division by an invariant becomes a multiplication: no '/' left in the loop body of the fast code.
  // (Outside the inlined exp/expm1/exprel blocks, `{ … }` lines: exprel's own division stays.)
  const loop = (s: string): string => s.slice(s.indexOf('for ('), s.indexOf('\n};\n', s.indexOf('for ('))).split('\n').filter((l) => !l.trim().startsWith('{ ')).join('\n');
  assert.ok(/ \/ /.test(loop(exact.source)), exact.source);
  assert.ok(!/ \/ /.test(loop(fast.source)), fast.source);
  // The select over nr holds the reciprocals (here folded); invariant factors and terms are grouped.
  assert.ok(fast.source.includes('($v_nr ? (-0.25) : (-0.3333333333333333))'), fast.source);
  assert.ok(fast.source.includes('* 175)'), 'c/tau as one factor');
  assert.ok(fast.source.includes('(5 + '), '1.5 + c as one term');
  for (let i = 0; i < N; i++) {
    assert.ok(relative(fast.y[i]!, exact.y[i]!) < 1e-14, `y[${i}]: ${fast.y[i]} vs ${exact.y[i]}`);
    assert.ok(Math.abs(fast.z[i]! - exact.z[i]!) < 1e-14 * 10, `z[${i}]: ${fast.z[i]} vs ${exact.z[i]}`);
  }
});

test('fast mode calls the fast functions only for exp, expm1, exprel, sin and cos', () => {
  // Same source shape in both modes except the marker: the captured implementations differ.
  const code = 'y = exp(x) + expm1(x) + exprel(x) + log(x*x + 1) + sin(x) + cos(x)';
  const exact = run(code, false);
  const fast = run(code, true);
  // exp, expm1, exprel inlined (three blocks, no calls left); sin and cos called (captured fast versions); log as in exact mode.
  assert.equal(fast.source.split('\n').filter((l) => l.trim().startsWith('{ if (')).length, 3, fast.source);
  for (const f of ['exp', 'expm1', 'exprel']) assert.ok(!fast.source.includes(`$f_${f}(`), f);
  for (const f of ['sin', 'cos', 'log']) assert.ok(fast.source.includes(`$f_${f}(`), f);
  assert.deepEqual([...FAST_REPLACED].sort(), ['cos', 'exp', 'expm1', 'exprel', 'sin']);
  let differs = false;
  for (let i = 0; i < N; i++) {
    assert.ok(relative(fast.y[i]!, exact.y[i]!) < 1e-14);
    if (fast.y[i] !== exact.y[i]) differs = true;
  }
  assert.ok(differs, 'the fast functions are in use (some value differs in its last bits)');
  // log is not replaced (measured slower): identical values.
  const logCode = 'y = log(x*x + 1) + sqrt(x*x)';
  assert.deepEqual(run(logCode, true).y, run(logCode, false).y);
});

test('withFastMath sets the default of every compile inside it, and restores it', () => {
  const spec = (): CodeBlockSpec => ({ name: 'g', template: 'stateupdate', statements: parseStatements('y = exp(x)'), variables: table(), N });
  assert.ok(withFastMath(true, () => compileCodeBlock(spec()).source).includes('fast math'));
  assert.ok(!compileCodeBlock(spec()).source.includes('fast math'));
  assert.ok(!withFastMath(true, () => compileCodeBlock(spec(), { fastMath: false }).source).includes('fast math'), 'an explicit option wins');
  assert.throws(() => withFastMath(true, () => { throw new Error('x'); }));
  assert.ok(!compileCodeBlock(spec()).source.includes('fast math'), 'restored after an exception');
});

test('fast mode (JavaScript and kernel) is within 1e-13 relative of exact mode on HH-style rate expressions for any membrane potential', () => {
  const code =
    'y = 0.32*4/exprel((13 - x + 63)/4)*(1 - 0.5) - 0.28*5/exprel((x - 63 - 40)/5)*0.5\n' +
    'z = 0.128*exp((17 - x + 63)/18)*(1 - 0.25) - 4/(1 + exp((40 - x + 63)/5))*0.25';
  fc.assert(
    fc.property(fc.double({ min: -120, max: 80, noNaN: true }), (v) => {
      const exact = run(code, false, () => v);
      const fast = run(code, true, () => v);
      const kernel = run(code, true, () => v, true);
      assert.ok(kernel.source.includes('$K.run('));
      for (const k of ['y', 'z'] as const) {
        const e = exact[k][0]!;
        const f = fast[k][0]!;
        const w = kernel[k][0]!;
        assert.ok(Math.abs(w - e) <= 1e-13 * Math.max(Math.abs(e), 1e-3), `kernel ${k}(${v}): ${w} vs ${e}`);
        // Absolute slack for values that cancel to ~0 (the sum of two rates of opposite sign).
        assert.ok(Math.abs(f - e) <= 1e-13 * Math.max(Math.abs(e), 1e-3), `${k}(${v}): ${f} vs ${e}`);
      }
    }),
    { numRuns: 300 },
  );
});

test('exact mode stays bit-identical whatever the fast-math default outside compile calls', () => {
  const a = run(CODE, false);
  const b = withFastMath(true, () => run(CODE, false));
  assert.deepEqual(a, b);
  assert.ok(parseExpression('x') !== undefined);
});

test('the inlined exp/expm1/exprel give the same bits as the fast functions (any double)', () => {
  const F = fastMathFunctions();
  fc.assert(
    fc.property(fc.array(fc.double(), { minLength: N, maxLength: N }), (xs) => {
      const fast = run('y = exp(x) + 0*expm1(x)\nz = expm1(x)', true, (i) => xs[i]!);
      const rel = run('y = exprel(x)', true, (i) => xs[i]!);
      xs.forEach((x, i) => {
        assert.ok(Object.is(fast.z[i], F.get('expm1')!(x)), `expm1(${x})`);
        assert.ok(Object.is(rel.y[i], F.get('exprel')!(x)), `exprel(${x})`);
        const e = F.get('exp')!(x);
        const m = 0 * F.get('expm1')!(x);
        assert.ok(Object.is(fast.y[i], e + m), `exp(${x})`);
      });
    }),
    { numRuns: 30 },
  );
});
