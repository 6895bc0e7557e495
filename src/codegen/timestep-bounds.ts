/**
 * Division-free refractoriness checks. `timestep(a, dt) = trunc((a + 0.001*dt)/dt)` is monotone
 * non-decreasing in `a` for `dt > 0` (each operation rounds monotonically), so a comparison of it
 * with a loop-invariant `k` holds on a half-line of doubles: `timestep(a, dt) >= k` ⇔ `a >= L`
 * with `L` the smallest double for which it holds. Computing `L` once per step (by bisection over
 * the ordered doubles, with the very `timestep` generated code uses) lets the per-element test be
 * one comparison instead of a division and a truncation — with the same boolean for every `a`,
 * NaN included (`NaN >= L` and `NaN <= U` are false, as `timestep(NaN, dt) >= k` is).
 */
import { InternalError } from '../util/index.ts';

/** Brian2's `timestep(t, dt)`: `int64((t + 1e-3*dt)/dt)`. */
export function timestep(t: number, dt: number): number {
  return Math.trunc((t + 1e-3 * dt) / dt) + 0;
}

const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);
const SIGN_MASK = 0x7fffffffffffffffn;

/** Doubles (NaN excluded) in order as integers: -inf … -0 = 0 = +0 … +inf. */
function ordinal(x: number): bigint {
  f64[0] = x;
  const bits = i64[0]!;
  return bits < 0n ? -(bits & SIGN_MASK) : bits;
}

function fromOrdinal(o: bigint): number {
  i64[0] = o < 0n ? -o | -0x8000000000000000n : o;
  return f64[0]!;
}

/** Smallest double `x` (over -inf … +inf) with `holds(x)`, for an upward-closed `holds`; NaN if none. */
function smallestWhere(holds: (x: number) => boolean): number {
  if (holds(-Infinity)) return -Infinity;
  if (!holds(Infinity)) return Number.NaN;
  let lo = ordinal(-Infinity); // fails
  let hi = ordinal(Infinity); // holds
  while (hi - lo > 1n) {
    const mid = (lo + hi) >> 1n;
    if (holds(fromOrdinal(mid))) hi = mid;
    else lo = mid;
  }
  return fromOrdinal(hi);
}

/** Largest double `x` with `holds(x)`, for a downward-closed `holds`; NaN if none. */
function largestWhere(holds: (x: number) => boolean): number {
  if (holds(Infinity)) return Infinity;
  if (!holds(-Infinity)) return Number.NaN;
  let lo = ordinal(-Infinity); // holds
  let hi = ordinal(Infinity); // fails
  while (hi - lo > 1n) {
    const mid = (lo + hi) >> 1n;
    if (holds(fromOrdinal(mid))) lo = mid;
    else hi = mid;
  }
  return fromOrdinal(lo);
}

/** The four comparisons, as the name of the bound function generated code calls. */
export const TIMESTEP_BOUND_FUNCTIONS = {
  '>=': 'timestep_min_ge',
  '>': 'timestep_min_gt',
  '<=': 'timestep_max_le',
  '<': 'timestep_max_lt',
} as const;

export type TimestepBoundOp = keyof typeof TIMESTEP_BOUND_FUNCTIONS;

function compute(op: TimestepBoundOp, k: number, dt: number): number {
  if (!(dt > 0 && dt < Infinity)) throw new InternalError(`timestep bound needs a positive finite dt, got ${dt}`);
  switch (op) {
    case '>=':
      return smallestWhere((x) => timestep(x, dt) >= k);
    case '>':
      return smallestWhere((x) => timestep(x, dt) > k);
    case '<=':
      return largestWhere((x) => timestep(x, dt) <= k);
    case '<':
      return largestWhere((x) => timestep(x, dt) < k);
  }
}

// A few recent (op, k, dt) → bound entries: generated code asks every step, with the same
// arguments unless dt or the refractory period changed; several groups may alternate.
const CACHE_SIZE = 8;
const cacheOp: (TimestepBoundOp | undefined)[] = new Array<TimestepBoundOp | undefined>(CACHE_SIZE).fill(undefined);
const cacheK = new Float64Array(CACHE_SIZE);
const cacheDt = new Float64Array(CACHE_SIZE);
const cacheBound = new Float64Array(CACHE_SIZE);
let cacheNext = 0;

/**
 * The bound `B` with `compare(timestep(a, dt), k)` ⇔ `a >= B` (for `>=`, `>`) or `a <= B` (for
 * `<=`, `<`), for every double `a`; NaN where the comparison never holds.
 */
export function timestepBound(op: TimestepBoundOp, k: number, dt: number): number {
  for (let s = 0; s < CACHE_SIZE; s++) {
    if (cacheOp[s] === op && Object.is(cacheK[s], k) && cacheDt[s] === dt) return cacheBound[s]!;
  }
  const bound = compute(op, k, dt);
  cacheOp[cacheNext] = op;
  cacheK[cacheNext] = k;
  cacheDt[cacheNext] = dt;
  cacheBound[cacheNext] = bound;
  cacheNext = (cacheNext + 1) % CACHE_SIZE;
  return bound;
}

/** The bound functions by generated name (pure: registered with the default functions). */
export const TIMESTEP_BOUND_IMPLEMENTATIONS: ReadonlyMap<string, (k: number, dt: number) => number> = new Map(
  (Object.entries(TIMESTEP_BOUND_FUNCTIONS) as [TimestepBoundOp, string][]).map(([op, name]) => [name, (k: number, dt: number) => timestepBound(op, k, dt)]),
);
