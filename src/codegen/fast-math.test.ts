/**
 * The fast-math functions against `Math.*` (and against the exact `exprel`): within their
 * documented ulp bounds over the whole double domain — subnormals, ±0, ±Infinity, NaN, the
 * fallback boundaries and exprel's singular point included.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FAST_REPLACED, fastMathFunctions } from './fast-math.ts';
import { exprel } from './functions.ts';
import { ulps } from './ulps.test-util.ts';

const F = fastMathFunctions();

const TRIG_MAX = 2 ** 19 * (Math.PI / 2);
const CASES: { name: string; fast: (x: number) => number; exact: (x: number) => number; maxUlp: number; ranges: [number, number][] }[] = [
  { name: 'exp', fast: F.get('exp')!, exact: Math.exp, maxUlp: 2, ranges: [[-746, 710], [-1, 1], [-0.02, 0.02], [-709, -707], [708, 710]] },
  { name: 'expm1', fast: F.get('expm1')!, exact: Math.expm1, maxUlp: 2, ranges: [[-746, 710], [-1, 1], [-0.05, 0.05], [-1e-6, 1e-6]] },
  { name: 'exprel', fast: F.get('exprel')!, exact: exprel, maxUlp: 3, ranges: [[-100, 720], [-1, 1], [-1e-3, 1e-3], [-2e-16, 2e-16], [716, 718]] },
  { name: 'log', fast: F.get('log')!, exact: Math.log, maxUlp: 2, ranges: [[0, 1e-300], [0.5, 2], [0.99, 1.01], [1 - 1e-9, 1 + 1e-9], [1, 1e308]] },
  { name: 'sin', fast: F.get('sin')!, exact: Math.sin, maxUlp: 2, ranges: [[-10, 10], [-TRIG_MAX, TRIG_MAX], [-1e-8, 1e-8], [1e6, 1e7]] },
  { name: 'cos', fast: F.get('cos')!, exact: Math.cos, maxUlp: 2, ranges: [[-10, 10], [-TRIG_MAX, TRIG_MAX], [-1e-8, 1e-8], [1e6, 1e7]] },
];
const SPECIAL = [NaN, Infinity, -Infinity, 0, -0, 5e-324, -5e-324, 2.2250738585072014e-308, -2.2250738585072014e-308, 1e-16, -1e-16, 1e-300, Number.MAX_VALUE, -Number.MAX_VALUE, 1, -1];

for (const c of CASES) {
  test(`fast ${c.name}: within ${c.maxUlp} ulp of the exact function over the whole domain`, () => {
    const check = (x: number): void => {
      const got = c.fast(x);
      const want = c.exact(x);
      assert.ok(ulps(got, want) <= c.maxUlp, `${c.name}(${x}) = ${got}, exact ${want} (${ulps(got, want)} ulp)`);
      if (want === 0 || Number.isNaN(want) || !Number.isFinite(want)) assert.ok(Object.is(got, want), `${c.name}(${x}): special value ${got}, exact ${want}`);
    };
    for (const x of SPECIAL) check(x);
    // Every double (subnormals, ±0, ±Infinity, NaN included), then the ranges that matter.
    fc.assert(fc.property(fc.double(), (x) => check(x)), { numRuns: 20000 });
    for (const [min, max] of c.ranges) fc.assert(fc.property(fc.double({ min, max, noNaN: true }), (x) => check(x)), { numRuns: 20000 });
  });
}

test('fast exprel at its singular point and overflow: the exact exprel\'s values', () => {
  const f = F.get('exprel')!;
  for (const x of [0, -0, 1e-17, -1e-17, 5e-324, 9.99e-17]) assert.equal(f(x), 1);
  assert.equal(f(718), Infinity);
  assert.equal(f(-Infinity), 0);
  assert.ok(Number.isNaN(f(NaN)));
  // Just outside the cut-off the value is 1 to within an ulp, as the exact function's.
  for (const x of [1.0000001e-16, -1.0000001e-16, 1e-15, -1e-15]) assert.ok(ulps(f(x), exprel(x)) <= 1);
});

test('fast exp and log: exact where the exact result is a double', () => {
  const exp = F.get('exp')!;
  const log = F.get('log')!;
  assert.equal(exp(0), 1);
  assert.equal(exp(-0), 1);
  assert.equal(log(1), 0);
  for (let k = -1022; k <= 1023; k += 7) assert.ok(ulps(log(2 ** k), k * Math.LN2) <= 1, `log(2^${k})`);
});

test('only functions measured faster than V8 are replaced in generated code', () => {
  assert.deepEqual([...FAST_REPLACED].sort(), ['cos', 'exp', 'expm1', 'exprel', 'sin']);
  for (const name of FAST_REPLACED) assert.ok(F.has(name as 'exp'));
});
