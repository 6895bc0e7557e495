/** numpy's `linspace`, `arange` and `histogram`, bit for bit (same formulas, same operation order). */
import { DimensionMismatchError, Quantity, QuantityArray } from '../units/index.ts';
import type { Dimension } from '../units/index.ts';
import { NumericError } from './errors.ts';

type Bound = number | Quantity;

function finite(call: string, what: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new NumericError(call, `${what} must be a finite number, got ${String(v)}`);
  return v;
}

/** The SI values and the common dimension of the bounds (all plain numbers, or all quantities of one dimension). */
function bounds(call: string, values: readonly (Bound | undefined)[]): { numbers: (number | undefined)[]; dim: Dimension | undefined } {
  let dim: Dimension | undefined;
  let plain = false;
  const numbers = values.map((v, k) => {
    if (v === undefined) return undefined;
    if (v instanceof Quantity) {
      // A unit mismatch is Brian2's DimensionMismatchError, as for any arithmetic.
      if (plain || (dim !== undefined && dim !== v.dim)) throw new DimensionMismatchError(`${call}: the arguments must all have the same units, got ${values.map(String).join(', ')}`);
      dim = v.dim;
      return finite(call, `argument ${k + 1}`, v.value);
    }
    if (dim !== undefined && v !== 0) throw new DimensionMismatchError(`${call}: the arguments must all have the same units, got ${values.map(String).join(', ')}`);
    plain = dim === undefined;
    return finite(call, `argument ${k + 1}`, v);
  });
  return { numbers, dim };
}

function result(values: Float64Array, dim: Dimension | undefined): Float64Array | QuantityArray {
  return dim === undefined ? values : new QuantityArray(values, dim);
}

/**
 * numpy's `linspace(start, stop, num=50, endpoint=True)`: `num` evenly spaced values. Quantities
 * give a QuantityArray (`linspace(mV(-70), mV(-50), 5)`).
 */
export function linspace(start: number, stop: number, num?: number, options?: { endpoint?: boolean }): Float64Array;
export function linspace(start: Quantity, stop: Quantity, num?: number, options?: { endpoint?: boolean }): QuantityArray;
export function linspace(start: Bound, stop: Bound, num = 50, options: { endpoint?: boolean } = {}): Float64Array | QuantityArray {
  const { numbers, dim } = bounds('linspace', [start, stop]);
  const [a, b] = numbers as [number, number];
  if (!Number.isInteger(num) || num < 0) throw new NumericError('linspace', `num must be a non-negative integer, got ${String(num)}`);
  const endpoint = options.endpoint ?? true;
  const div = endpoint ? num - 1 : num;
  const delta = b - a;
  const out = new Float64Array(num);
  const step = div > 0 ? delta / div : NaN;
  for (let k = 0; k < num; k++) {
    // numpy: y = arange(num) * step + start (or / div * delta when the step underflows to 0)
    out[k] = div > 0 ? (step === 0 ? ((k / div) * delta) + a : k * step + a) : k * delta + a;
  }
  if (endpoint && num > 1) out[num - 1] = b;
  return result(out, dim);
}

/**
 * numpy's `arange(stop)` / `arange(start, stop, step=1)`: values `start + k·step` below `stop`.
 * Quantities give a QuantityArray (`arange(ms(0), ms(10), ms(0.5))`).
 */
export function arange(stop: number): Float64Array;
export function arange(start: number, stop: number, step?: number): Float64Array;
export function arange(start: Quantity, stop: Quantity, step: Quantity): QuantityArray;
export function arange(first: Bound, second?: Bound, third?: Bound): Float64Array | QuantityArray {
  if (first === undefined) throw new NumericError('arange', 'needs at least a stop value');
  const [startB, stopB, stepB] = second === undefined ? [0, first, 1] : [first, second, third ?? 1];
  const { numbers, dim } = bounds('arange', [startB, stopB, stepB]);
  const [start, stop, step] = numbers as [number, number, number];
  if (step === 0) throw new NumericError('arange', 'step must not be zero');
  const n = Math.max(0, Math.ceil((stop - start) / step));
  if (n > 2 ** 30) throw new NumericError('arange', `${n} values are too many`);
  // numpy fills from the first two values: start + k·((start + step) − start).
  const delta = start + step - start;
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = start + k * delta;
  return result(out, dim);
}

/** The result of `histogram`: `counts[k]` values in `[edges[k], edges[k+1])` (the last bin is closed). */
export interface Histogram {
  /** Values per bin (or densities with `density`). */
  readonly counts: Float64Array;
  /** The bin edges, one more than the bins. */
  readonly edges: Float64Array;
}

/** Options of `histogram`. */
export interface HistogramOptions {
  /** The range of the bins (default: the data's minimum and maximum). */
  range?: readonly [number, number];
  /** Divide by the number of values and the bin width, so the histogram integrates to 1. */
  density?: boolean;
  /** One weight per value (default 1). */
  weights?: ArrayLike<number>;
}

function dataOf(call: string, data: ArrayLike<number> | QuantityArray): ArrayLike<number> {
  if (data instanceof QuantityArray) return data.values;
  if (data === null || typeof data !== 'object' || typeof data.length !== 'number') throw new NumericError(call, 'expected an array of numbers');
  return data;
}

/**
 * numpy's `histogram(a, bins=10, range=None, density=False)`: `bins` equal bins over the range, or
 * explicit increasing bin edges. Quantities are binned by their SI values.
 */
export function histogram(data: ArrayLike<number> | QuantityArray, bins: number | ArrayLike<number> = 10, options: HistogramOptions = {}): Histogram {
  const a = dataOf('histogram', data);
  const weights = options.weights;
  if (weights !== undefined && weights.length !== a.length) throw new NumericError('histogram', `weights has ${weights.length} values but the data has ${a.length}`);
  let edges: Float64Array;
  let uniform = 0;
  if (typeof bins === 'number') {
    if (!Number.isInteger(bins) || bins < 1) throw new NumericError('histogram', `bins must be a positive integer or an array of edges, got ${String(bins)}`);
    let lo: number;
    let hi: number;
    if (options.range !== undefined) {
      [lo, hi] = options.range;
      if (!(lo <= hi)) throw new NumericError('histogram', `max must be larger than min in range parameter, got [${lo}, ${hi}]`);
    } else if (a.length === 0) [lo, hi] = [0, 1];
    else {
      lo = Infinity;
      hi = -Infinity;
      for (let k = 0; k < a.length; k++) {
        const v = a[k]!;
        if (!Number.isFinite(v)) throw new NumericError('histogram', `autodetected range of [${lo}, ${hi}] is not finite (value ${v} at ${k})`);
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
    if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];
    edges = linspace(lo, hi, bins + 1);
    uniform = bins;
  } else {
    edges = Float64Array.from(bins);
    if (edges.length < 2) throw new NumericError('histogram', 'bins must have at least two edges');
    for (let k = 1; k < edges.length; k++) {
      if (!(edges[k]! >= edges[k - 1]!)) throw new NumericError('histogram', '`bins` must increase monotonically, when an array');
    }
  }
  const n = edges.length - 1;
  const counts = new Float64Array(n);
  const first = edges[0]!;
  const last = edges[n]!;
  const norm = uniform > 0 ? uniform / (last - first) : 0;
  for (let k = 0; k < a.length; k++) {
    const v = a[k]!;
    if (!(v >= first && v <= last)) continue;
    let bin: number;
    if (uniform > 0) {
      // numpy's fast path for equal bins, with its corrections for rounding at the edges.
      bin = Math.floor((v - first) * norm);
      if (bin === n) bin -= 1;
      if (v < edges[bin]!) bin -= 1;
      else if (v >= edges[bin + 1]! && bin !== n - 1) bin += 1;
    } else {
      // searchsorted(edges, v, 'right') − 1, the last edge belonging to the last bin
      let lo = 0;
      let hi = edges.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (edges[mid]! <= v) lo = mid + 1;
        else hi = mid;
      }
      bin = Math.min(lo - 1, n - 1);
    }
    counts[bin]! += weights === undefined ? 1 : weights[k]!;
  }
  if (options.density === true) {
    let total = 0;
    for (let k = 0; k < n; k++) total += counts[k]!;
    for (let k = 0; k < n; k++) counts[k] = counts[k]! / (edges[k + 1]! - edges[k]!) / total;
  }
  return { counts, edges };
}
