/**
 * Reference implementation of Brian2's `sample()` iterator (the `_sample_without_replacement`
 * helper of the numpy template `synapses_create_generator.py_`), over a supplied uniform
 * generator. Generated connect code must make the same algorithm choices; the random streams
 * themselves differ from numpy's, so only the statistics match Brian2.
 */
import { pythonFloorDiv } from '../util/index.ts';
import { ConnectError } from './errors.ts';

/** A source of uniform draws in [0, 1). */
export type UniformSource = () => number;

/** Brian2's threshold between the two random-sample algorithms ("based on rough profiling"). */
export const DENSE_SAMPLE_MAX_N = 1000;
export const DENSE_SAMPLE_MIN_P = 0.25;

/** Number of candidates of `range(low, high, step)` (Python's formula; `step` must not be 0). */
export function rangeLength(low: number, high: number, step: number): number {
  if (step === 0) throw new ConnectError('invalid-value', 'ValueError', undefined, 'range() arg 3 must not be zero');
  const n = step > 0 ? pythonFloorDiv(high - low - 1, step) + 1 : pythonFloorDiv(low - high - 1, -step) + 1;
  return Math.max(n, 0);
}

/**
 * Which algorithm Brian2 uses for `sample(…, p=p)` over `n` candidates: one draw per candidate
 * (`rand(n) < p`) if `n ≤ 1000` or `p > 0.25`, otherwise geometric jumps between hits.
 */
export function sampleMethod(n: number, p: number): 'dense' | 'jump' {
  return n <= DENSE_SAMPLE_MAX_N || p > DENSE_SAMPLE_MIN_P ? 'dense' : 'jump';
}

/** Options of {@link sampleIndices}: exactly one of `p` and `size`. */
export type SampleOptions =
  | { readonly p: number; readonly size?: undefined; readonly skipIfInvalid?: boolean; readonly objectName?: string }
  | { readonly size: number; readonly p?: undefined; readonly skipIfInvalid?: boolean; readonly objectName?: string };

function arange(low: number, n: number, step: number): number[] {
  const out = new Array<number>(n);
  for (let k = 0; k < n; k++) out[k] = low + k * step;
  return out;
}

/**
 * The values `sample(low, high, step, p=…)` or `sample(low, high, step, size=…)` yields, in
 * ascending candidate order, drawing from `uniform`.
 *
 * - `p`: `p == 0` gives nothing, `p == 1` everything; otherwise {@link sampleMethod} picks one
 *   draw per candidate, or jumps of `ceil(log(u) / log(1 - p))` candidates.
 * - `size`: that many distinct candidates (Floyd's algorithm), sorted. A negative size or one
 *   above the population is Brian2's `IndexError`, or with `skipIfInvalid` clamped (to nothing /
 *   to everything).
 */
export function sampleIndices(low: number, high: number, step: number, options: SampleOptions, uniform: UniformSource): number[] {
  const { p, size } = options;
  if (p !== undefined && Number.isNaN(p)) throw new ConnectError('invalid-value', 'ValueError', options.objectName, 'The sample probability p is NaN');
  // p outside [0, 1] behaves as Brian2's dense draw does: nothing, or everything.
  if (p !== undefined && p <= 0) return [];
  const n = rangeLength(low, high, step);
  if (p !== undefined && p >= 1) return arange(low, n, step);
  if (n <= 0 || size === 0) return [];
  if (size !== undefined) {
    let k = size;
    if (k < 0) {
      if (options.skipIfInvalid) return [];
      throw new ConnectError('invalid-value', 'IndexError', options.objectName, `Requested sample size ${k} is negative.`);
    }
    if (k > n) {
      if (!options.skipIfInvalid) {
        throw new ConnectError('invalid-value', 'IndexError', options.objectName, `Requested sample size ${k} is bigger than the population size ${n}.`);
      }
      k = n;
    }
    if (k === n) return arange(low, n, step);
    // Floyd's algorithm: k distinct values of 0..n-1 with k draws.
    const chosen = new Set<number>();
    for (let t = n - k; t < n; t++) {
      const r = Math.floor(uniform() * (t + 1));
      chosen.add(chosen.has(r) ? t : r);
    }
    return [...chosen].sort((a, b) => a - b).map((c) => low + c * step);
  }
  const out: number[] = [];
  if (sampleMethod(n, p!) === 'dense') {
    for (let c = 0; c < n; c++) if (uniform() < p!) out.push(low + c * step);
    return out;
  }
  // Jump method: the gap to the next hit is geometric with parameter p (at least 1).
  const scale = 1 / Math.log(1 - p!);
  for (let c = -1; ; ) {
    const jump = Math.ceil(Math.log(uniform()) * scale);
    // Also ends on u == 0 (an infinite jump), and for p < 2^-53, where 1 - p rounds to 1 and
    // every jump is infinite (the sign of log(u) / 0 is wrong: -Infinity).
    if (!(jump >= 1 && jump < n - c)) break;
    c += jump;
    out.push(low + c * step);
  }
  return out;
}
