import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { timestep, timestepBound } from './timestep-bounds.ts';
import type { TimestepBoundOp } from './timestep-bounds.ts';

const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);
/** The double `steps` ulps away from x (same sign side; enough for probing a boundary). */
function ulps(x: number, steps: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  f64[0] = x;
  i64[0] = i64[0]! + BigInt(x > 0 ? steps : -steps);
  return f64[0]!;
}

const compare = (op: TimestepBoundOp, a: number, b: number): boolean => (op === '>=' ? a >= b : op === '>' ? a > b : op === '<=' ? a <= b : a < b);
const viaBound = (op: TimestepBoundOp, a: number, bound: number): boolean => (op === '>=' || op === '>' ? a >= bound : a <= bound);

const ops: TimestepBoundOp[] = ['>=', '>', '<=', '<'];
const dts = fc.oneof(fc.constantFrom(1e-4, 1e-5, 0.1e-3, 0.025e-3, 1 / 3, 0.01), fc.double({ min: 1e-9, max: 1e3, noNaN: true }));
const ks = fc.oneof(fc.integer({ min: -1000, max: 100_000 }), fc.double({ noNaN: false }), fc.constantFrom(Number.NaN, Infinity, -Infinity, 0, -0, 50, 0.5));

test('timestepBound: timestep(a, dt) OP k ⇔ a >= bound (or a <= bound) for every a, at and around the boundary', () => {
  fc.assert(
    fc.property(ks, dts, fc.constantFrom(...ops), fc.double({ noNaN: false }), fc.integer({ min: -3, max: 3 }), (k, dt, op, free, offset) => {
      const bound = timestepBound(op, k, dt);
      const near = Number.isFinite(k) ? [k * dt, (k - 1e-3) * dt, (k + 1) * dt, Math.ceil(k) * dt] : [];
      const probes = [free, Number.NaN, Infinity, -Infinity, 0, -0, bound, ...near].flatMap((x) => [x, ulps(x, offset), ulps(x, 1), ulps(x, -1)]);
      for (const a of probes) {
        assert.equal(viaBound(op, a, bound), compare(op, timestep(a, dt), k), `op ${op} k ${k} dt ${dt} a ${a} bound ${bound}`);
      }
    }),
    { numRuns: 3000 },
  );
});

test('timestepBound: the refractoriness check of a 5 ms period at dt = 0.1 ms', () => {
  const dt = 1e-4;
  const k = timestep(0.005, dt);
  assert.equal(k, 50);
  const bound = timestepBound('>=', k, dt);
  assert.ok(timestep(bound, dt) >= 50 && timestep(ulps(bound, -1), dt) < 50);
  // Cached: a second call returns the same value.
  assert.equal(timestepBound('>=', k, dt), bound);
});
