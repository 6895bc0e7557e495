/**
 * Brian2's `PopulationRateMonitor.smooth_rate`: the window definitions of
 * `brian2/monitors/ratemonitor.py` and numpy's `np.convolve(rate, window/sum(window), mode='same')`.
 */
import { DimensionMismatchError, Quantity, QuantityArray, hertz, second } from '../units/index.ts';
import { MonitorError } from './errors.ts';
import { showValue } from '../util/index.ts';

/** The predefined smoothing windows. */
export type SmoothingWindow = 'flat' | 'gaussian';

/** A smoothing kernel before normalisation, and the width actually used (flat windows round it). */
export interface SmoothingKernel {
  readonly window: Float64Array;
  /** For 'flat': the width after rounding to an odd number of samples, in seconds. */
  readonly usedWidth?: number;
}

/** numpy's `np.round` for the half-way cases: round half to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * The unnormalised window of Brian2's predefined smoothing windows, `width` and `dt` in seconds.
 * gaussian: `exp(-k²/(2·(width/dt)²))` for k in [-w, w], w = round(2·width/dt);
 * flat: `int(width/2/dt)*2 + 1` ones.
 */
export function smoothingKernel(window: SmoothingWindow, width: number, dt: number): SmoothingKernel {
  if (window === 'gaussian') {
    const w = roundHalfEven((2 * width) / dt);
    const r = width / dt;
    const denominator = 2 * (r * r);
    const out = new Float64Array(2 * w + 1);
    for (let k = -w; k <= w; k++) out[k + w] = Math.exp((-(k * k) * 1) / denominator);
    return { window: out };
  }
  const n = Math.trunc(width / 2 / dt) * 2 + 1;
  return { window: new Float64Array(n).fill(1), usedWidth: n * dt };
}

/**
 * numpy's `np.convolve(a, v, mode='same')`: the output has the length of the longer input (numpy
 * swaps the arguments when `v` is longer), centred as numpy centres it.
 */
export function convolveSame(a: Float64Array, v: Float64Array): Float64Array {
  const [long, short] = a.length >= v.length ? [a, v] : [v, a];
  const L = long.length;
  const n = short.length;
  const offset = n - 1 - Math.floor(n / 2);
  const out = new Float64Array(L);
  for (let i = 0; i < L; i++) {
    const m = i + offset; // index into the full convolution
    const jStart = Math.max(0, m - (n - 1));
    const jEnd = Math.min(L - 1, m);
    let acc = 0;
    for (let j = jStart; j <= jEnd; j++) acc += long[j]! * short[m - j]!;
    out[i] = acc;
  }
  return out;
}

/** Called when a flat window's width was rounded (Brian2 logs this at INFO level). */
export type WidthAdjustedHandler = (requested: Quantity, used: Quantity) => void;

/**
 * Smooths `rate` (Hz, recorded every `dt` seconds) with a predefined window of the given width
 * or with a custom odd-length window, normalised to sum 1, exactly as Brian2's `smooth_rate`.
 */
export function smoothRate(
  rate: Float64Array,
  dt: number,
  window: SmoothingWindow | ArrayLike<number>,
  width: Quantity | undefined,
  onWidthAdjusted?: WidthAdjustedHandler,
): QuantityArray {
  let kernel: Float64Array;
  if (typeof window === 'string') {
    if (width === undefined) throw new MonitorError('Need a width when using a predefined window.');
    if (!(width instanceof Quantity) || width.dim !== second.dim) {
      const got = width instanceof Quantity ? width : new Quantity(Number(width));
      throw new DimensionMismatchError(
        `Function 'smooth_rate' expected a quantitity with unit second for argument 'width' but got '${got.toString()}'`,
        got.dim,
      );
    }
    if (window !== 'gaussian' && window !== 'flat') {
      throw new MonitorError(`Unknown pre-defined window "${showValue(window)}"`);
    }
    if (!(width.value > 0) && !(window === 'flat' && width.value === 0)) {
      throw new MonitorError(`The width of a '${window}' window has to be positive, got ${width.toString()}.`);
    }
    const made = smoothingKernel(window, width.value, dt);
    kernel = made.window;
    if (made.usedWidth !== undefined && Math.abs(made.usedWidth - width.value) > 1e-6 * dt) {
      onWidthAdjusted?.(width, new Quantity(made.usedWidth, second.dim));
    }
  } else {
    if (width !== undefined) throw new MonitorError('Can only specify a width for a predefined window');
    kernel = Float64Array.from(window);
    if (kernel.length % 2 !== 1) throw new MonitorError('The window has to have an odd number of values.');
    for (const x of kernel) {
      if (!Number.isFinite(x)) throw new MonitorError('The window has to contain finite numbers only.');
    }
  }
  // Python's builtin sum: sequential from 0; then `window * 1. / sum(window)`.
  let total = 0;
  for (const x of kernel) total += x;
  if (total === 0) throw new MonitorError('The window sums to zero and cannot be normalised.');
  const normalised = new Float64Array(kernel.length);
  for (let k = 0; k < kernel.length; k++) normalised[k] = (kernel[k]! * 1) / total;
  if (rate.length === 0) {
    throw new MonitorError('Cannot smooth the rate: nothing has been recorded yet (run the network first).');
  }
  return new QuantityArray(convolveSame(rate, normalised), hertz.dim);
}
