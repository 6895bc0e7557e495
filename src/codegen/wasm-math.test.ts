/**
 * The f64x2 exp/expm1/exprel of the WebAssembly kernels against `Math.*` (and the exact `exprel`):
 * within their documented ulp bounds over the whole double domain — subnormals, ±0, ±Infinity,
 * NaN, the clamps and exprel's singular point — with each value computed in either lane.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mathModule } from './wasm-math.ts';
import { instantiate } from './wasm-emit.ts';
import { exprel } from './functions.ts';
import { ulps } from './ulps.test-util.ts';


/** fn over one pair of lanes: [f(a), f(b)]. */
function kernel(fn: string): (a: number, b: number) => [number, number] {
  const { buffer, k } = instantiate(mathModule(fn, 2));
  const m = new Float64Array(buffer, 0, 2);
  return (a, b) => {
    m[0] = a;
    m[1] = b;
    k(16);
    return [m[0]!, m[1]!];
  };
}

const CASES: { name: string; exact: (x: number) => number; maxUlp: number; ranges: [number, number][] }[] = [
  { name: 'exp', exact: Math.exp, maxUlp: 2, ranges: [[-750, 720], [-1, 1], [-0.02, 0.02], [-746, -707], [708, 710], [-1e-300, 1e-300]] },
  { name: 'expm1', exact: Math.expm1, maxUlp: 2, ranges: [[-750, 720], [-1, 1], [-0.4, 0.4], [-0.05, 0.05], [-1e-6, 1e-6], [30, 60], [700, 710]] },
  { name: 'exprel', exact: exprel, maxUlp: 3, ranges: [[-800, 720], [-1, 1], [-1e-3, 1e-3], [-2e-16, 2e-16], [716, 718], [-40, -30]] },
];
const SPECIAL = [NaN, Infinity, -Infinity, 0, -0, 5e-324, -5e-324, 2.2250738585072014e-308, -2.2250738585072014e-308, 1e-16, -1e-16, 9.99e-17, 1e-300, Number.MAX_VALUE, -Number.MAX_VALUE, 1, -1, 709.782712893384, 709.7827128933841, -745.1332191019411, -745.1332191019412, -708.3964185322641, 717, 717.0000000000001, 0.34657359027997264];

for (const c of CASES) {
  test(`wasm f64x2 ${c.name}: within ${c.maxUlp} ulp of the exact function over the whole domain, the same in both lanes`, () => {
    const f = kernel(c.name);
    const check = (x: number, y: number): void => {
      const [gx, gy] = f(x, y);
      const [hy, hx] = f(y, x);
      assert.ok(Object.is(gx, hx) && Object.is(gy, hy), `${c.name}: lane-dependent result for ${x}, ${y}`);
      for (const [arg, got] of [[x, gx], [y, gy]] as const) {
        const want = c.exact(arg);
        assert.ok(ulps(got, want) <= c.maxUlp, `${c.name}(${arg}) = ${got}, exact ${want} (${ulps(got, want)} ulp)`);
        if (want === 0 || Number.isNaN(want) || !Number.isFinite(want)) assert.ok(Object.is(got, want), `${c.name}(${arg}): special value ${got}, exact ${want}`);
      }
    };
    for (const x of SPECIAL) for (const y of SPECIAL) check(x, y);
    fc.assert(fc.property(fc.double(), fc.double(), (x, y) => check(x, y)), { numRuns: 20000 });
    for (const [min, max] of c.ranges) {
      const d = fc.double({ min, max, noNaN: true });
      fc.assert(fc.property(d, d, (x, y) => check(x, y)), { numRuns: 20000 });
    }
  });
}

test('wasm f64x2 exprel at its singular point and overflow: the exact exprel\'s values', () => {
  const f = kernel('exprel');
  for (const x of [0, -0, 1e-17, -1e-17, 5e-324, 9.99e-17]) assert.deepEqual(f(x, -x), [1, 1]);
  assert.deepEqual(f(718, -Infinity), [Infinity, 0]);
  const [nan] = f(NaN, 0);
  assert.ok(Number.isNaN(nan));
  for (const x of [1.0000001e-16, -1.0000001e-16, 1e-15, -1e-15]) assert.ok(ulps(f(x, x)[0], exprel(x)) <= 1);
});

test('wasm f64x2 exp: exact at ±0 and ±Infinity, near 2^k at the multiples of ln 2', () => {
  const f = kernel('exp');
  assert.deepEqual(f(0, -0), [1, 1]);
  assert.deepEqual(f(-Infinity, Infinity), [0, Infinity]);
  for (let k = -1070; k <= 1023; k += 13) assert.ok(ulps(f(k * Math.LN2, 0)[0], Math.exp(k * Math.LN2)) <= 1, `exp(${k}·ln2)`);
});
