/**
 * numpy's legacy `RandomState` (what `np.random.seed(s)` + `np.random.rand(…)` use), bit for bit:
 * the Mersenne Twister comes from pure-rand (fast-check's generator library), the distributions
 * follow numpy's legacy algorithms. For the numbers around a model (initial values, weights,
 * input patterns), so a port of a Brian2 script can draw exactly the numbers numpy drew.
 * Random numbers inside model code (`rand()` in equations) come from brian-ts's own generator.
 */
import { mersenne } from 'pure-rand/generator/mersenne';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';
import { Quantity, QuantityArray } from '../units/index.ts';
import { NumericError } from './errors.ts';

function checkSeed(seed: number): number {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new NumericError('RandomState', `Seed must be between 0 and 2**32 - 1, got ${String(seed)}`);
  return seed;
}

function checkSize(call: string, size: number): number {
  if (!Number.isInteger(size) || size < 0) throw new NumericError(call, `size must be a non-negative integer, got ${String(size)}`);
  return size;
}

/** Smallest all-ones bit mask covering `max` (numpy's `gen_mask`). */
function mask(max: number): number {
  let m = max;
  m |= m >>> 1;
  m |= m >>> 2;
  m |= m >>> 4;
  m |= m >>> 8;
  m |= m >>> 16;
  return m >>> 0;
}

type Scale = number | Quantity;

/**
 * A seeded generator with numpy's `RandomState` methods. `new RandomState(42).rand(3)` equals
 * `np.random.RandomState(42).rand(3)` to the last bit; so do `randn`, `uniform`, `normal`,
 * `exponential`, `randint`, `permutation`, `shuffle` and `choice`.
 * @example
 * const rng = new RandomState(1);
 * G.v = mV(rng.uniform(-70, -50, G.N)); // np.random.uniform(-70, -50, N)*mV
 */
export class RandomState {
  private gen: JumpableRandomGenerator;
  private gauss: number | undefined;

  constructor(seed = 0) {
    this.gen = mersenne(checkSeed(seed));
  }

  /** Restarts the sequence from `seed` (numpy's `seed(s)`). */
  seed(seed: number): void {
    this.gen = mersenne(checkSeed(seed));
    this.gauss = undefined;
  }

  private uint32(): number {
    return this.gen.next() >>> 0;
  }

  /** One uniform double in [0, 1) from 53 random bits (numpy's `random_sample`). */
  random(): number {
    const a = this.uint32() >>> 5;
    const b = this.uint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  private standardNormal(): number {
    if (this.gauss !== undefined) {
      const g = this.gauss;
      this.gauss = undefined;
      return g;
    }
    // numpy's legacy polar Box–Muller: two values per accepted pair, the second kept for the next call.
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.random() - 1;
      x2 = 2 * this.random() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * Math.log(r2)) / r2);
    this.gauss = f * x1;
    return f * x2;
  }

  private fill(call: string, size: number, draw: () => number): Float64Array {
    const out = new Float64Array(checkSize(call, size));
    for (let k = 0; k < out.length; k++) out[k] = draw();
    return out;
  }

  /** `size` uniform values in [0, 1) (numpy's `rand(size)`). */
  rand(size: number): Float64Array {
    return this.fill('rand', size, () => this.random());
  }

  /** `size` standard normal values (numpy's `randn(size)`). */
  randn(size: number): Float64Array {
    return this.fill('randn', size, () => this.standardNormal());
  }

  /** `size` uniform values in [low, high); quantities give a QuantityArray (numpy's `uniform`). */
  uniform(low: number, high: number, size: number): Float64Array;
  uniform(low: Quantity, high: Quantity, size: number): QuantityArray;
  uniform(low: Scale, high: Scale, size: number): Float64Array | QuantityArray {
    const [lo, hi, dim] = pair('uniform', low, high);
    const range = hi - lo;
    const out = this.fill('uniform', size, () => lo + range * this.random());
    return dim === undefined ? out : new QuantityArray(out, dim);
  }

  /** `size` normal values with mean `loc` and standard deviation `scale` (numpy's `normal`). */
  normal(loc: number, scale: number, size: number): Float64Array;
  normal(loc: Quantity, scale: Quantity, size: number): QuantityArray;
  normal(loc: Scale, scale: Scale, size: number): Float64Array | QuantityArray {
    const [mu, sigma, dim] = pair('normal', loc, scale);
    if (!(sigma >= 0)) throw new NumericError('normal', `scale must be non-negative, got ${String(scale)}`);
    const out = this.fill('normal', size, () => mu + sigma * this.standardNormal());
    return dim === undefined ? out : new QuantityArray(out, dim);
  }

  /** `size` exponential values with mean `scale` (numpy's `exponential`). */
  exponential(scale: number, size: number): Float64Array;
  exponential(scale: Quantity, size: number): QuantityArray;
  exponential(scale: Scale, size: number): Float64Array | QuantityArray {
    const [beta, , dim] = pair('exponential', scale, scale);
    if (!(beta >= 0)) throw new NumericError('exponential', `scale must be non-negative, got ${String(scale)}`);
    const out = this.fill('exponential', size, () => beta * -Math.log(1 - this.random()));
    return dim === undefined ? out : new QuantityArray(out, dim);
  }

  /** An integer in [0, max] by masked rejection (numpy's `random_interval` / bounded masked draws). */
  private interval(max: number): number {
    if (max === 0) return 0;
    const m = mask(max);
    let v: number;
    do v = (this.uint32() & m) >>> 0;
    while (v > max);
    return v;
  }

  /** `size` integers in [low, high) (numpy's `randint(low, high, size)`). */
  randint(low: number, high: number, size: number): Int32Array {
    if (!Number.isInteger(low) || !Number.isInteger(high) || high <= low) throw new NumericError('randint', `expected integers low < high, got ${String(low)}, ${String(high)}`);
    const range = high - low - 1;
    if (range > 0xffffffff || low < -(2 ** 31) || high > 2 ** 31) throw new NumericError('randint', 'the range must fit in 32 bits');
    const out = new Int32Array(checkSize('randint', size));
    for (let k = 0; k < out.length; k++) out[k] = low + (range === 0xffffffff ? this.uint32() : this.interval(range));
    return out;
  }

  /** Shuffles `array` in place (numpy's `shuffle`: Fisher–Yates from the end). */
  shuffle<T extends { length: number; [k: number]: unknown }>(array: T): T {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.interval(i);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }

  /** A random permutation of 0…n−1 (numpy's `permutation(n)`). */
  permutation(n: number): Int32Array {
    const out = new Int32Array(checkSize('permutation', n));
    for (let k = 0; k < n; k++) out[k] = k;
    return this.shuffle(out);
  }

  /**
   * `size` indices drawn from 0…n−1 (numpy's `choice(n, size, replace)`); pick from your own
   * array with them.
   */
  choice(n: number, size: number, options: { replace?: boolean } = {}): Int32Array {
    if (!Number.isInteger(n) || n <= 0) throw new NumericError('choice', `n must be a positive integer, got ${String(n)}`);
    if (options.replace ?? true) return this.randint(0, n, size);
    if (size > n) throw new NumericError('choice', "Cannot take a larger sample than population when 'replace=False'");
    return this.permutation(n).slice(0, checkSize('choice', size));
  }
}

function pair(call: string, a: Scale, b: Scale): [number, number, QuantityArray['dim'] | undefined] {
  if (a instanceof Quantity || b instanceof Quantity) {
    if (!(a instanceof Quantity && b instanceof Quantity) || a.dim !== b.dim) throw new NumericError(call, `both arguments must have the same units, got ${String(a)} and ${String(b)}`);
    return [a.value, b.value, a.dim];
  }
  if (typeof a !== 'number' || typeof b !== 'number' || !Number.isFinite(a) || !Number.isFinite(b)) throw new NumericError(call, `expected finite numbers, got ${String(a)} and ${String(b)}`);
  return [a, b, undefined];
}
