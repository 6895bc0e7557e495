import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { binomialInversion } from './binomial.ts';
import { parseStatements } from '../parsing/index.ts';
import { ExpressionError } from '../inference/index.ts';
import { Variables, addIndexVariables } from '../variables/index.ts';
import { volt } from '../units/index.ts';
import {
  CodegenError,
  RandomState,
  binomialAt,
  binomialOf,
  binomialParameters,
  compileCodeBlock,
  defineBinomialFunction,
  seed,
} from './index.ts';
import type { UserFunction } from './index.ts';
import { twins } from './testing.ts';

/** Sample mean and (unbiased) variance. */
function moments(xs: ArrayLike<number>): { mean: number; variance: number } {
  let s = 0;
  for (let k = 0; k < xs.length; k++) s += xs[k]!;
  const mean = s / xs.length;
  let ss = 0;
  for (let k = 0; k < xs.length; k++) ss += (xs[k]! - mean) ** 2;
  return { mean, variance: ss / (xs.length - 1) };
}

/**
 * Bounds for M samples of Binomial(n, p): 5 standard errors. SE(mean) = σ/√M;
 * SE(s²) = σ²·sqrt((2 + (1 - 6pq)/(npq))/M) (from the binomial's excess kurtosis). A correct
 * sampler fails a check with probability < 1e-6; the draws are seeded, so the tests are fixed.
 */
function assertBinomialMoments(xs: ArrayLike<number>, n: number, p: number, label: string): void {
  const q = 1 - p;
  const variance = n * p * q;
  const M = xs.length;
  const got = moments(xs);
  const seMean = Math.sqrt(variance / M);
  const seVar = variance * Math.sqrt((2 + (1 - 6 * p * q) / variance) / M);
  assert.ok(Math.abs(got.mean - n * p) < 5 * seMean, `${label}: mean ${got.mean} vs ${n * p} ± ${5 * seMean}`);
  assert.ok(Math.abs(got.variance - variance) < 5 * seVar, `${label}: variance ${got.variance} vs ${variance} ± ${5 * seVar}`);
}

test('binomialParameters uses the normal approximation only when np > 5 and n(1-p) > 5 (and approximate)', () => {
  assert.equal(binomialParameters(100, 0.1).normal, true);
  assert.equal(binomialParameters(100, 0.05).normal, false, 'np = 5 is not > 5');
  assert.equal(binomialParameters(100, 0.96).normal, false, 'n(1-p) = 4');
  assert.equal(binomialParameters(100, 0.1, false).normal, false);
  const b = binomialParameters(1000, 0.01);
  assert.equal(b.loc, 10);
  assert.equal(b.scale, Math.sqrt(1000 * 0.01 * 0.99));
  const r = binomialParameters(10, 0.9);
  assert.equal(r.reverse, true);
  assert.ok(Math.abs(r.P - 0.1) < 1e-15);
});

test('binomialParameters rejects n that is not a non-negative integer and p outside [0, 1]', () => {
  for (const [n, p, re] of [[2.5, 0.1, /n of binomial function 'b' has to be an integer >= 0, got 2\.5/], [-1, 0.1, /got -1/], [10, 1.5, /p of binomial function 'b' has to be in \[0, 1\], got 1\.5/], [10, NaN, /got NaN/]] as const) {
    assert.throws(() => binomialParameters(n, p, true, 'b'), (e: unknown) => e instanceof CodegenError && e.code === 'domain-error' && re.test(e.message));
  }
});

test('binomialAt (inversion) has the binomial mean and variance, for p < 0.5 and p > 0.5', () => {
  for (const [n, p] of [[100, 0.001], [20, 0.2], [5, 0.5], [10, 0.9], [1000, 0.004]] as const) {
    const b = binomialParameters(n, p, false);
    const xs = Float64Array.from({ length: 40000 }, (_, k) => binomialAt(7, 11, k, n, b));
    for (const x of xs) assert.ok(Number.isInteger(x) && x >= 0 && x <= n, `Binomial(${n}, ${p}) drew ${x}`);
    assertBinomialMoments(xs, n, p, `Binomial(${n}, ${p})`);
  }
});

test('binomialAt matches the probability of zero, (1-p)^n', () => {
  const b = binomialParameters(100, 0.01, false);
  const M = 100000;
  let zeros = 0;
  for (let k = 0; k < M; k++) if (binomialAt(3, 5, k, 0, b) === 0) zeros++;
  const p0 = 0.99 ** 100;
  assert.ok(Math.abs(zeros / M - p0) < 5 * Math.sqrt((p0 * (1 - p0)) / M), `${zeros / M} vs ${p0}`);
});

test('binomialAt gives 0 for p = 0 and n for p = 1', () => {
  assert.equal(binomialAt(1, 2, 3, 4, binomialParameters(50, 0)), 0);
  assert.equal(binomialAt(1, 2, 3, 4, binomialParameters(50, 1)), 50);
  assert.equal(binomialAt(1, 2, 3, 4, binomialParameters(0, 0.3)), 0);
});

function table(N: number, f: UserFunction): Variables {
  const vars = new Variables('g');
  addIndexVariables(vars, N);
  vars.addArray('x', { size: N });
  vars.addArray('y', { size: N });
  vars.addArray('v', { dim: volt.dim, size: N, conditionalWrite: 'not_refractory' });
  vars.addArray('not_refractory', { dtype: 'bool', size: N, values: Array.from({ length: N }, (_, k) => (k % 3 === 0 ? 0 : 1)) });
  vars.addFunction('binom', f.descriptor, f.implementation);
  return vars;
}

test('compileCodeBlock and compileReference give identical binomial draws in both regimes', () => {
  for (const f of [defineBinomialFunction('binom', 100, 0.02), defineBinomialFunction('binom', 1000, 0.1), defineBinomialFunction('binom', 10, 0.9, false)]) {
    const tw = twins(
      () => table(300, f),
      (vars) => ({ name: 'g', template: 'stateupdate', statements: parseStatements('x = binom()\ny += binom() + x\nv += binom()*0.001*volt'), variables: vars, N: 300 }),
    );
    tw.step(5);
    tw.assertSame(`n=${binomialOf(f.implementation)!.n}`);
  }
});

test('compileCodeBlock: the normal regime is randn()*scale + loc, the exact regime an inversion helper', () => {
  const normal = defineBinomialFunction('binom', 1000, 0.1);
  const exact = defineBinomialFunction('binom', 1000, 0.001);
  const src = (f: UserFunction) => compileCodeBlock({ name: 'g', template: 'stateupdate', statements: parseStatements('x = binom()'), variables: table(4, f), N: 4 }).source;
  assert.doesNotMatch(src(normal), /\$binv|\$u_binom/);
  assert.match(src(normal), /\* 9\.486832980505138\) \+ 100\)/);
  assert.match(src(exact), /\$binv\(/);
  assert.doesNotMatch(src(exact), /\$u_binom/);
});

test('compileCodeBlock: binomial draws are fractional (and can be negative) only in the normal regime', () => {
  const run = (f: UserFunction) => {
    const vars = table(20000, f);
    compileCodeBlock({ name: 'g', template: 'stateupdate', statements: parseStatements('x = binom()'), variables: vars, N: 20000, random: new RandomState(5) }).run();
    return vars.getArray('x').array;
  };
  const approx = run(defineBinomialFunction('binom', 12, 0.5));
  assert.ok(approx.some((x) => !Number.isInteger(x)));
  assert.ok(approx.some((x) => x < 0), 'N(6, sqrt(3)) is negative with probability 2.7e-4');
  assertBinomialMoments(approx, 12, 0.5, 'normal N(6, sqrt 3)');
  const exact = run(defineBinomialFunction('binom', 12, 0.5, false));
  assert.ok(exact.every((x) => Number.isInteger(x) && x >= 0 && x <= 12));
  assertBinomialMoments(exact, 12, 0.5, 'exact Binomial(12, 0.5)');
});

test('compileCodeBlock: binomial draws are reproducible under seed and differ across elements and steps', () => {
  const f = defineBinomialFunction('binom', 50, 0.05);
  const draw = (s: number, steps: number) => {
    const vars = table(50, f);
    const code = compileCodeBlock({ name: 'g', template: 'stateupdate', statements: parseStatements('y += binom()'), variables: vars, N: 50, random: new RandomState(s) });
    for (let k = 0; k < steps; k++) code.run();
    return Array.from(vars.getArray('y').array);
  };
  assert.deepEqual(draw(1, 3), draw(1, 3));
  assert.notDeepEqual(draw(1, 3), draw(2, 3));
  assert.ok(new Set(draw(1, 1)).size > 1);
});

test('compileCodeBlock: a binomial function respects conditional writes and takes no arguments', () => {
  const f = defineBinomialFunction('binom', 1000, 0.5);
  const vars = table(30, f);
  compileCodeBlock({ name: 'g', template: 'stateupdate', statements: parseStatements('v += binom()*volt'), variables: vars, N: 30 }).run();
  const v = vars.getArray('v').array;
  for (let k = 0; k < 30; k++) assert.equal(v[k] === 0, k % 3 === 0, `element ${k}: ${v[k]}`);
  assert.throws(
    () => compileCodeBlock({ name: 'g', template: 'stateupdate', statements: parseStatements('x = binom(3)'), variables: table(3, f), N: 3 }),
    (e: unknown) => e instanceof ExpressionError && /binom/.test(e.message),
  );
});

test('defineBinomialFunction: a direct call draws from the default random state (reset by seed)', () => {
  const f = defineBinomialFunction('binom', 20, 0.1);
  seed(3);
  const a = [f.implementation(), f.implementation(), f.implementation()];
  seed(3);
  const b = [f.implementation(), f.implementation(), f.implementation()];
  assert.deepEqual(a, b);
  assert.ok(a.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 20));
  assert.equal(f.descriptor.stateful, true);
});

test('inversion from the precomputed table gives exactly the draws of the recurrence (restarts included)', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 3000 }),
      fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, 0.5, 1e-9, 0.004, 0.999)),
      fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      fc.integer({ min: 0, max: 0xffffffff }),
      fc.integer({ min: 0, max: 1000 }),
      (n, p, u, key, counter) => {
        let b: ReturnType<typeof binomialParameters>;
        try {
          b = binomialParameters(n, p, false);
        } catch (e) {
          assert.ok(e instanceof CodegenError && /underflows/.test(e.message));
          return; // q^n underflows: refused rather than looping forever
        }
        const plain = { ...b, table: new Float64Array(0) };
        assert.equal(binomialInversion(u, 7, key, counter, 3, b), binomialInversion(u, 7, key, counter, 3, plain));
      },
    ),
    { numRuns: 3000 },
  );
  assert.throws(() => binomialParameters(3000, 0.5, false), (e: unknown) => e instanceof CodegenError && /underflows/.test(e.message));
  // u at and around every rounded cumulative sum (where the guide-table search defers to the loop).
  for (const [n, p] of [[1000, 0.004], [50, 0.3], [7, 0.9], [2000, 1e-4]] as const) {
    const bp = binomialParameters(n, p, false);
    const plainParams = { ...bp, table: new Float64Array(0) };
    for (const c of bp.cumulative) {
      for (const d of [0, 1e-16, -1e-16, 1e-13, -1e-13, 1e-11, -1e-11, 2e-11, -2e-11]) {
        const u = Math.min(Math.max(c + d, 0), 1 - 2 ** -53);
        assert.equal(binomialInversion(u, 1, 2, 3, 4, bp), binomialInversion(u, 1, 2, 3, 4, plainParams), `n ${n} p ${p} u ${u}`);
      }
    }
  }
  // u close to 1 forces restarts past the bound.
  const b = binomialParameters(1000, 0.004, false);
  assert.ok(b.table.length > 0 && b.table.length <= Math.floor(b.bound) + 1);
  for (const u of [1 - 1e-16, 1 - 1e-12, 0.999999]) assert.equal(binomialInversion(u, 1, 2, 3, 4, b), binomialInversion(u, 1, 2, 3, 4, { ...b, table: new Float64Array(0) }));
});
