/**
 * Per-point seeds: a pure function of the sweep seed and the point's index (Threefry2x32-20, the
 * generator of the simulations themselves), so a point's result does not depend on which worker,
 * task or machine ran it, nor on the order.
 */
import { threefry2x32 } from '../codegen/index.ts';

/** Key word separating point seeds from any stream of the simulations ('SWEP'). */
const POINT_SEED_KEY = 0x53574550;
const out = new Uint32Array(2);

/** The seed of point `index` of a sweep seeded with `sweepSeed` (an integer in [0, 2^32)). */
export function pointSeed(sweepSeed: number, index: number): number {
  threefry2x32(sweepSeed | 0, POINT_SEED_KEY, index | 0, Math.floor(index / 4294967296) | 0, out);
  return out[0]! >>> 0;
}
