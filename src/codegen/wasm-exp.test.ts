/**
 * The exact f64x2 exp, expm1 and exprel (wasm-exp.ts, session 8 s8-exp) against this engine's
 * Math.exp, Math.expm1 and functions.ts's exprel, bit for bit
 * (any NaN equals any NaN): over 2^20 doubles uniform in their bits, 2^20 uniform in [−750, 710],
 * and dense neighbourhoods of every bound of fdlibm's algorithm (±0.5·ln2, ±1.5·ln2, ±2^-28, the
 * overflow/underflow thresholds, |x| ≥ 709.78…, the k = ±1, 1023/1024 and −1021/−1022 edges,
 * subnormal results; expm1's ±56·ln2, 2^-54, k = ±1, 2, 19/20, 56/57; exprel's 1e-16 and 717),
 * the specials (±0, NaN, ±Infinity, subnormal arguments, x = 1), and each value in either lane.
 * Every check runs both forms a kernel uses (session 9): pairs by the ordinary forms (the full
 * form for a pair with a lane outside their range) and the full form alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXACT_WASM_MATH, exactMathAvailable, exactMathModule, sameDouble, selfCheckValues } from './wasm-exp.ts';
import { instantiate, wasmSimd } from './wasm-emit.ts';

const skip = !wasmSimd && 'no WebAssembly SIMD';
const N = 1 << 20;

/**
 * fn's kernels over a reused buffer of N doubles — pair by pair as a kernel runs them (the ordinary
 * form, the full form for a pair with a lane outside its range) and the full form alone: asserts
 * every result of both is the JavaScript's bits; returns the count checked.
 */
function checker(fn: string): (xs: Float64Array, what: string) => number {
  const js = EXACT_WASM_MATH.get(fn)!;
  const forms = [false, true].map((full) => {
    const m = instantiate(exactMathModule(fn, N, full));
    return { full, m, a: new Float64Array(m.buffer, 0, N) };
  });
  return (xs, what) => {
    let done = 0;
    for (let start = 0; start < xs.length; start += N) {
      const chunk = xs.subarray(start, start + N);
      for (const { full, m, a } of forms) {
        a.set(chunk);
        m.k(8 * (chunk.length + (chunk.length % 2)));
        for (let i = 0; i < chunk.length; i++) {
          const x = chunk[i]!;
          const want = js(x);
          if (!sameDouble(a[i]!, want)) assert.fail(`${what}${full ? ' (full form)' : ''}: ${fn}(${x}) (0x${bitsOf(x)}) is ${a[i]} (0x${bitsOf(a[i]!)}), JavaScript gives ${want} (0x${bitsOf(want)})`);
        }
      }
      done += chunk.length;
    }
    return done;
  };
}
const bitsOf = (x: number): string => new BigUint64Array(new Float64Array([x]).buffer)[0]!.toString(16);

/** A seeded generator (xorshift128+ on two 32-bit halves' worth): the same values every run. */
function random(seed: number): () => number {
  let s0 = BigInt(seed) | 1n;
  let s1 = 0x9e3779b97f4a7c15n;
  const mask = (1n << 64n) - 1n;
  return () => {
    let x = s0;
    const y = s1;
    s0 = y;
    x = (x ^ (x << 23n)) & mask;
    s1 = x ^ y ^ (x >> 17n) ^ (y >> 26n);
    return Number((s1 + y) & mask & ((1n << 53n) - 1n)) / 2 ** 53;
  };
}

/** Doubles around `x`: x·(1 + j·2^-52) for |j| ≤ 64 and a spread of relative steps. */
function around(x: number, out: number[]): void {
  const f = new Float64Array(1);
  const u = new BigInt64Array(f.buffer);
  f[0] = x;
  const b = u[0]!;
  for (let j = -64n; j <= 64n; j++) {
    u[0] = b + j;
    out.push(f[0]!);
  }
  for (let e = -50; e <= -1; e++) out.push(x * (1 + 2 ** e), x * (1 - 2 ** e));
}

for (const fn of EXACT_WASM_MATH.keys()) {
test(`exact ${fn}: the f64x2 port gives the JavaScript's bits over 2^20 doubles uniform in their bits`, { skip }, () => {
    const check = checker(fn);
    const xs = new Float64Array(N);
    const w = new Uint32Array(xs.buffer);
    const r = random(1);
    for (let i = 0; i < w.length; i++) w[i] = Math.floor(r() * 2 ** 32) >>> 0;
    // Half of them with the exponent field of [2^-60, 2^10): where exp is neither 1, 0 nor Infinity.
    for (let i = 1; i < w.length; i += 4) w[i] = (w[i]! & 0x800fffff) | ((1023 - 60 + Math.floor(r() * 70)) << 20);
    assert.equal(check(xs, 'uniform bits'), N);
  });

  test(`exact ${fn}: … over 2^20 doubles uniform in [−750, 710]`, { skip }, () => {
    const check = checker(fn);
    const xs = new Float64Array(N);
    const r = random(2);
    for (let i = 0; i < N; i++) xs[i] = -750 + 1460 * r();
    assert.equal(check(xs, 'uniform in [−750, 710]'), N);
  });

  test(`exact ${fn}: … around every bound of the algorithm, the specials and the self-check values, in either lane`, { skip }, () => {
    const check = checker(fn);
    const v: number[] = [...selfCheckValues()];
    const bounds = [
      0.5 * Math.LN2,
      1.5 * Math.LN2,
      2 ** -28,
      709.782712893384, // o_threshold
      745.1332191019411, // −u_threshold
      708.3964185322641, // the smallest normal result
      56 * Math.LN2,
      2 ** -54,
      0.25,
      1e-16,
      717,
      709.0895657128241, // hx = 0x40862E42's region
      1,
      2 ** -1022,
      5e-324,
    ];
    for (const b of bounds) for (const s of [1, -1]) around(s * b, v);
    // The hx bounds exactly (doubles with those high words and low word 0, and their neighbours).
    for (const h of [0x3fd62e42, 0x3fd62e43, 0x3ff0a2b1, 0x3ff0a2b2, 0x3e300000, 0x3e2fffff, 0x40862e42, 0x4043687a, 0x40436879, 0x3c900000, 0x3c8fffff]) {
      for (const s of [0, 0x80000000]) around(new Float64Array(new Uint32Array([0, (h | s) >>> 0]).buffer)[0]!, v);
    }
    // k edges: x = (k ± 1/2)·ln2 for the scalings' k (−1021/−1022: the subnormal path; 1023/1024: the top; ±1, ±2).
    for (const k of [-1075, -1074, -1060, -1023, -1022, -1021, -1020, -57, -56, -3, -2, -1, 1, 2, 3, 19, 20, 21, 56, 57, 1022, 1023, 1024]) {
      for (const d of [-0.5, 0, 0.5]) around((k + d) * Math.LN2, v);
    }
    // expm1's k = 1 split at r = −0.25 is inside (0.5·ln2, 1.5·ln2): dense steps there.
    for (let x = 0.3; x < 1.1; x += 0.00037) v.push(x, -x);
    // Every subnormal result's scale: x from −708.4 to −745.2 in fine steps.
    for (let x = -708.4; x > -745.2; x -= 0.0137) v.push(x);
    v.push(NaN, -NaN, Infinity, -Infinity, 0, -0, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, -Number.MIN_VALUE);
    // Both lanes: the list and the list shifted by one.
    const xs = Float64Array.from([...v, ...v.slice(1), v[0]!]);
    assert.ok(check(xs, 'bounds') > 10000);
  });

  test(`exact ${fn}: … the ordinary forms (session 9) over their whole ranges, their bounds, and each value paired with every special`, { skip }, () => {
    const check = checker(fn);
    const r = random(3);
    const v: number[] = [];
    // exp's ordinary range 2^-28 ≤ |x| ≤ 707 and expm1/exprel's 2^-54 (1e-16) ≤ |x| < 56·ln2, uniform
    // in value and in exponent (small arguments: the k = 0 form, where the ordinary form's single division replaces two).
    const top = fn === 'exp' ? 707 : 56 * Math.LN2;
    for (let i = 0; i < 1 << 18; i++) {
      const sgn = r() < 0.5 ? -1 : 1;
      v.push(sgn * top * r(), sgn * 2 ** (-60 + 70 * r()));
    }
    for (const b of [707, 707 * (1 + 2 ** -52), 56 * Math.LN2, 2 ** -28, 2 ** -54, 1e-16, 1, 0.5 * Math.LN2, 1.5 * Math.LN2, 2, 20 * Math.LN2]) for (const sgn of [1, -1]) around(sgn * b, v);
    // The ordinary form is kept only where both lanes are ordinary: every special next to ordinary values (either lane).
    const specials = [NaN, Infinity, -Infinity, 0, -0, 1, 708, -708, 709.9, -746, 40, -40, 1e-20, 5e-324, 1e300];
    const ordinary = [0.1, -0.1, 2.5, -2.5, 30, -30, 1e-3];
    for (const sp of specials) for (const o of ordinary) v.push(sp, o, o, sp);
    assert.ok(check(Float64Array.from(v), 'ordinary ranges') > 500000);
  });

  test(`exact ${fn}: the self-check passes on this engine (so exact mode uses the port)`, { skip }, () => {
    assert.equal(exactMathAvailable(fn), true);
    assert.equal(Math.exp(1), Math.E, "V8's special case");
  });
}
