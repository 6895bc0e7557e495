import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseStatements } from '../parsing/index.ts';
import { Variables, addIndexVariables } from '../variables/index.ts';
import { CodegenError, RandomState, compileCodeBlock, fillUniforms, normalAt, poissonAt, threefry2x32, uniformAt } from './index.ts';
import { logGamma } from './random.ts';

test('threefry2x32 matches the Random123 known-answer vectors', () => {
  const out = new Uint32Array(2);
  const hex = () => Array.from(out, (x) => x.toString(16).padStart(8, '0'));
  threefry2x32(0, 0, 0, 0, out);
  assert.deepEqual(hex(), ['6b200159', '99ba4efe']);
  threefry2x32(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, out);
  assert.deepEqual(hex(), ['1cb996fc', 'bb002be7']);
  threefry2x32(0x13198a2e, 0x03707344, 0x243f6a88, 0x85a308d3, out);
  assert.deepEqual(hex(), ['c4923a9c', '483df7a0']);
});

test('fillUniforms gives uniformAt of consecutive counters, bit for bit (any keys, counters wrapping past 2^31 and 2^32)', () => {
  const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
  const counter = fc.oneof(int32, fc.constantFrom(2 ** 31 - 3, -1, -(2 ** 31), 2 ** 32 - 2, 0));
  fc.assert(
    fc.property(int32, int32, counter, int32, fc.integer({ min: 0, max: 40 }), (k0, k1, c0, c1, n) => {
      const out = new Float64Array(n);
      fillUniforms(k0, k1, c0, c1, out);
      for (let q = 0; q < n; q++) assert.equal(out[q], uniformAt(k0, k1, (c0 + q) | 0, c1), `q = ${q}`);
    }),
    { numRuns: 300 },
  );
});

function moments(draw: (k: number) => number, n: number): { mean: number; sd: number; values: Float64Array } {
  const values = new Float64Array(n);
  let s = 0;
  for (let k = 0; k < n; k++) s += values[k] = draw(k);
  const mean = s / n;
  let s2 = 0;
  for (const x of values) s2 += (x - mean) ** 2;
  return { mean, sd: Math.sqrt(s2 / n), values };
}

test('uniformAt is uniform on [0, 1) (moments and a 100-bin chi-square)', () => {
  const n = 200_000;
  const { mean, sd, values } = moments((k) => uniformAt(7, 11, k, 3), n);
  assert.ok(Math.abs(mean - 0.5) < 4 * Math.sqrt(1 / 12 / n), `mean ${mean}`);
  assert.ok(Math.abs(sd - Math.sqrt(1 / 12)) < 0.003, `sd ${sd}`);
  const bins = new Array<number>(100).fill(0);
  for (const x of values) {
    assert.ok(x >= 0 && x < 1);
    bins[Math.floor(x * 100)]! += 1;
  }
  const chi2 = bins.reduce((acc, b) => acc + (b - n / 100) ** 2 / (n / 100), 0);
  assert.ok(chi2 < 160, `chi2 ${chi2}`); // 99 dof: p ≈ 1e-4
});

test('normalAt is standard normal (moments, tail mass beyond the Ziggurat base, symmetry)', () => {
  const n = 400_000;
  const { mean, sd, values } = moments((k) => normalAt(3, 5, k, 9), n);
  assert.ok(Math.abs(mean) < 4 / Math.sqrt(n), `mean ${mean}`);
  assert.ok(Math.abs(sd - 1) < 0.005, `sd ${sd}`);
  let tail = 0;
  let within1 = 0;
  for (const x of values) {
    if (Math.abs(x) > 3.442619855899) tail++;
    if (Math.abs(x) < 1) within1++;
  }
  // P(|x| > R) = 5.76e-4, P(|x| < 1) = 0.6827
  assert.ok(Math.abs(tail / n - 5.76e-4) < 1.5e-4, `tail ${tail / n}`);
  assert.ok(Math.abs(within1 / n - 0.6827) < 0.004, `within1 ${within1 / n}`);
});

test('poissonAt has mean and variance λ on both algorithms (λ < 10 and PTRS)', () => {
  for (const lam of [0, 0.05, 2.5, 9.9, 10, 37, 500]) {
    const n = 60_000;
    const { mean, sd } = moments((k) => poissonAt(1, 2, k, lam * 10, lam), n);
    const tol = 5 * Math.sqrt(Math.max(lam, 1e-3) / n) + 1e-9;
    assert.ok(Math.abs(mean - lam) < tol, `λ=${lam}: mean ${mean}`);
    assert.ok(Math.abs(sd * sd - lam) < 0.05 * lam + 1e-9, `λ=${lam}: var ${sd * sd}`);
  }
  assert.throws(() => poissonAt(1, 2, 0, 0, -1), (e: unknown) => e instanceof CodegenError && e.code === 'domain-error' && /lam >= 0/.test(e.message));
});

test('logGamma matches log((n-1)!)', () => {
  let lf = 0;
  for (let n = 1; n < 60; n++) {
    assert.ok(Math.abs(logGamma(n) - lf) < 1e-10 * Math.max(1, lf), `n=${n}`);
    lf += Math.log(n);
  }
});

function noisy(N: number, random: RandomState, name = 'g') {
  const vars = new Variables(name);
  addIndexVariables(vars, N);
  const x = vars.addArray('x', { size: N });
  const code = compileCodeBlock({ name, template: 'stateupdate', statements: parseStatements('x = randn()'), variables: vars, N, random });
  return { x: x.array, run: () => code.run() };
}

test('a draw depends on (seed, stream, element, execution) only: not on N or loop order', () => {
  const small = noisy(10, new RandomState(42));
  const large = noisy(1000, new RandomState(42));
  for (let step = 0; step < 5; step++) {
    small.run();
    large.run();
    assert.deepEqual(Array.from(small.x), Array.from(large.x.subarray(0, 10)));
  }
  const other = noisy(10, new RandomState(43));
  other.run();
  assert.notDeepEqual(Array.from(other.x), Array.from(noisy(10, new RandomState(42)).x));
});

test('RandomState.seed(n) rewinds every stream; getState/setState restore mid-run', () => {
  const random = new RandomState(5);
  const g = noisy(20, random);
  g.run();
  const first = Array.from(g.x);
  const snapshot = random.getState();
  g.run();
  const second = Array.from(g.x);
  assert.notDeepEqual(first, second);
  random.setState(snapshot);
  g.run();
  assert.deepEqual(Array.from(g.x), second);
  random.seed(5);
  g.run();
  assert.deepEqual(Array.from(g.x), first);
  assert.deepEqual(random.getState(), { seed: 5, counters: [['g:stateupdate', 1]] });
});

test('RandomState.seed rejects seeds numpy rejects', () => {
  for (const bad of [-1, 2 ** 32, 1.5, Number.NaN]) {
    assert.throws(() => new RandomState(bad), (e: unknown) => e instanceof CodegenError && e.code === 'invalid-random-state' && /seed\(n\) needs an integer 0 <= n < 2\*\*32/.test(e.message));
  }
  assert.throws(() => new RandomState(1).setState({ seed: -3, counters: [] }), CodegenError);
  const r = new RandomState();
  assert.ok(r.currentSeed >= 0 && r.currentSeed < 2 ** 32);
});

test('different sites, streams and executions give independent draws (property)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 0, max: 1000 }), (seed, element) => {
      const a = uniformAt(seed, 1, element, 0);
      return a !== uniformAt(seed, 2, element, 0) && a !== uniformAt(seed, 1, element + 1, 0) && a !== uniformAt(seed, 1, element, 1);
    }),
  );
});
