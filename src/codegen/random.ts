/**
 * Seeded, counter-based random numbers (Random123's Threefry2x32-20), designed to be inlined
 * into generated code. A draw is a pure function of
 *
 *   key     = (seed, streamKey(site) + j·0x9E3779B9)   j: the draw number for rejection loops (0 = fast path)
 *   counter = (element index, execution count of the code object)
 *
 * so the numbers do not depend on loop order or on how elements are split across threads, and a
 * later multi-threaded backend gives the same results for the same seed. The only state is the
 * seed and one execution counter per stream, held in typed arrays so `store`/`restore` can
 * snapshot them. Normals use Doornik's ZIGNOR Ziggurat (128 layers, layer bits separate from the
 * magnitude bits); Poisson uses the multiplication method below λ = 10 and PTRS above (as
 * Brian2's C++ and numpy).
 */
import { CodegenError } from './errors.ts';
import { sharedBuffer } from '../util/index.ts';

/** Threefry's key-schedule parity constant. */
export const SKEIN_PARITY = 0x1bd11bda;
/** Added (times the draw number) to a stream key for the extra blocks of rejection loops. */
export const DRAW_STRIDE = 0x9e3779b9;
/** Threefry2x32 rotation constants. */
export const ROTATIONS: readonly number[] = [13, 15, 26, 6, 17, 29, 16, 24];

/** 2^-53. */
const TWO_M53 = 1.1102230246251565e-16;

/**
 * Threefry2x32-20 of counter `(c0, c1)` under key `(k0, k1)`; writes the two output words
 * (as unsigned 32-bit integers) to `out`.
 */
export function threefry2x32(k0: number, k1: number, c0: number, c1: number, out: Uint32Array): void {
  // Unrolled by hand (rotations ROTATIONS, key injection every 4 rounds): no per-call allocation,
  // which matters for connect()'s one draw per candidate. Same words as threefrySource.
  const ka = k0 | 0;
  const kb = k1 | 0;
  const kc = (SKEIN_PARITY ^ k0 ^ k1) | 0;
  let x0 = (c0 + k0) | 0;
  let x1 = (c1 + k1) | 0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
  x0 = (x0 + kb) | 0; x1 = (x1 + kc + 1) | 0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 17) | (x1 >>> 15)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 29) | (x1 >>> 3)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 16) | (x1 >>> 16)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 24) | (x1 >>> 8)) ^ x0;
  x0 = (x0 + kc) | 0; x1 = (x1 + ka + 2) | 0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
  x0 = (x0 + ka) | 0; x1 = (x1 + kb + 3) | 0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 17) | (x1 >>> 15)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 29) | (x1 >>> 3)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 16) | (x1 >>> 16)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 24) | (x1 >>> 8)) ^ x0;
  x0 = (x0 + kb) | 0; x1 = (x1 + kc + 4) | 0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
  x0 = (x0 + kc) | 0; x1 = (x1 + ka + 5) | 0;
  out[0] = x0;
  out[1] = x1;
}

/**
 * JavaScript statements computing Threefry2x32-20 inline (unrolled): the outputs land in the
 * variables named `x0`, `x1` (which must be declared). All arguments are trusted code
 * fragments made by the generator, never user text.
 */
export function threefrySource(k0: string, k1: string, ks2: string, c0: string, c1: string, x0: string, x1: string): string {
  const ks = [k0, k1, ks2];
  const lines = [`${x0} = (${c0} + ${k0}) | 0; ${x1} = (${c1} + ${k1}) | 0;`];
  for (let r = 0; r < 20; r++) {
    const rot = ROTATIONS[r % 8]!;
    lines.push(`${x0} = (${x0} + ${x1}) | 0; ${x1} = ((${x1} << ${rot}) | (${x1} >>> ${32 - rot})) ^ ${x0};`);
    if (r % 4 === 3) {
      const s = (r + 1) / 4;
      lines.push(`${x0} = (${x0} + ${ks[s % 3]!}) | 0; ${x1} = (${x1} + ${ks[(s + 1) % 3]!} + ${s}) | 0;`);
    }
  }
  return lines.join('\n');
}

/** The key word of draw `j` of a stream (`j = 0` is the fast path). */
export function drawKey(k1: number, j: number): number {
  return (k1 + Math.imul(j, DRAW_STRIDE)) | 0;
}

const block = new Uint32Array(2);

/** A uniform double in [0, 1) with 53 random bits from one Threefry block. */
export function uniformAt(k0: number, k1: number, c0: number, c1: number): number {
  threefry2x32(k0, k1, c0, c1, block);
  return ((block[0]! >>> 5) * 67108864 + (block[1]! >>> 6)) * TWO_M53;
}

/**
 * `out[q] = uniformAt(k0, k1, (c0 + q) | 0, c1)` for every `q` of `out`: the same numbers,
 * computed in one loop whose iterations are independent, so the CPU overlaps several blocks'
 * rounds (a single draw is one long dependency chain). Connect's sampler reads its draws from
 * such blocks (≈ 2.5× the throughput of draw-by-draw calls).
 */
export function fillUniforms(k0: number, k1: number, c0: number, c1: number, out: Float64Array): void {
  const ka = k0 | 0;
  const kb = k1 | 0;
  const kc = (SKEIN_PARITY ^ k0 ^ k1) | 0;
  const kb1 = (kb + 1) | 0;
  const kc1 = (kc + 1) | 0;
  const ka2 = (ka + 2) | 0;
  const kb3 = (kb + 3) | 0;
  const kc4 = (kc + 4) | 0;
  const ka5 = (ka + 5) | 0;
  const y1 = (c1 + kb) | 0;
  const n = out.length;
  for (let q = 0; q < n; q++) {
    let x0 = (c0 + q + ka) | 0;
    let x1 = y1;
    x0 = (x0 + x1) | 0; x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
    x0 = (x0 + x1) | 0; x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
    x0 = (x0 + x1) | 0; x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
    x0 = (x0 + x1) | 0; x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
    x0 = (x0 + kb) | 0; x1 = (x1 + kc1) | 0;
    x0 = (x0 + x1) | 0; x1 = ((x1 << 17) | (x1 >>> 15)) ^ x0;
    x0 = (x0 + x1) | 0; x1 = ((x1 << 29) | (x1 >>> 3)) ^ x0;
    x0 = (x0 + x1) | 0; x1 = ((x1 << 16) | (x1 >>> 16)) ^ x0;
    x0 = (x0 + x1) | 0; x1 = ((x1 << 24) | (x1 >>> 8)) ^ x0;
    x0 = (x0 + kc) | 0; x1 = (x1 + ka2) | 0;
    x0 = (x0 + x1) | 0; x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
    x0 = (x0 + x1) | 0; x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
    x0 = (x0 + x1) | 0; x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
    x0 = (x0 + x1) | 0; x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
    x0 = (x0 + ka) | 0; x1 = (x1 + kb3) | 0;
    x0 = (x0 + x1) | 0; x1 = ((x1 << 17) | (x1 >>> 15)) ^ x0;
    x0 = (x0 + x1) | 0; x1 = ((x1 << 29) | (x1 >>> 3)) ^ x0;
    x0 = (x0 + x1) | 0; x1 = ((x1 << 16) | (x1 >>> 16)) ^ x0;
    x0 = (x0 + x1) | 0; x1 = ((x1 << 24) | (x1 >>> 8)) ^ x0;
    x0 = (x0 + kb) | 0; x1 = (x1 + kc4) | 0;
    x0 = (x0 + x1) | 0; x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
    x0 = (x0 + x1) | 0; x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
    x0 = (x0 + x1) | 0; x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
    x0 = (x0 + x1) | 0; x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
    x0 = (x0 + kc) | 0; x1 = (x1 + ka5) | 0;
    out[q] = ((x0 >>> 5) * 67108864 + (x1 >>> 6)) * TWO_M53;
  }
}

/** Source of the same uniform from the words `x0`, `x1`. */
export function uniformSource(x0: string, x1: string): string {
  return `(((${x0} >>> 5) * 67108864 + (${x1} >>> 6)) * ${TWO_M53})`;
}

// Doornik's ZIGNOR constants for 128 layers.
const ZIG_C = 128;
const ZIG_R = 3.442619855899;
const ZIG_V = 9.91256303526217e-3;

/** Ziggurat layer x-coordinates (`ZIG_X[i]`, 129 entries) and acceptance ratios (`ZIG_RATIO[i] = X[i+1]/X[i]`). */
export const ZIG_X = new Float64Array(ZIG_C + 1);
export const ZIG_RATIO = new Float64Array(ZIG_C);
{
  let f = Math.exp(-0.5 * ZIG_R * ZIG_R);
  ZIG_X[0] = ZIG_V / f;
  ZIG_X[1] = ZIG_R;
  ZIG_X[ZIG_C] = 0;
  for (let i = 2; i < ZIG_C; i++) {
    ZIG_X[i] = Math.sqrt(-2 * Math.log(ZIG_V / ZIG_X[i - 1]! + f));
    f = Math.exp(-0.5 * ZIG_X[i]! * ZIG_X[i]!);
  }
  for (let i = 0; i < ZIG_C; i++) ZIG_RATIO[i] = ZIG_X[i + 1]! / ZIG_X[i]!;
}

/**
 * The Ziggurat's (u, layer) from a block: layer = the low 7 bits of `x0`; u ∈ [-1, 1) from the
 * top 21 bits of `x0` and all of `x1` (disjoint bits).
 */
function zigU(x0: number, x1: number): number {
  return 2 * ((x0 >>> 11) * 4294967296 + (x1 >>> 0)) * TWO_M53 - 1;
}

/** Source of the Ziggurat's `u` from the words `x0`, `x1`. */
export function zigUSource(x0: string, x1: string): string {
  return `(2 * ((${x0} >>> 11) * 4294967296 + (${x1} >>> 0)) * ${TWO_M53} - 1)`;
}

/**
 * The slow path of the Ziggurat, after the fast path's `(u, layer)` (from draw 0) failed: the
 * wedge test or the tail, then new `(u, layer)` pairs from draws 1, 2, … until one is accepted.
 */
export function normalSlow(k0: number, k1: number, c0: number, c1: number, u: number, layer: number): number {
  let j = 1;
  for (;;) {
    if (Math.abs(u) < ZIG_RATIO[layer]!) return u * ZIG_X[layer]!;
    if (layer === 0) {
      // Marsaglia's tail: x > R.
      let x: number;
      let y: number;
      do {
        x = Math.log(1 - uniformAt(k0, drawKey(k1, j++), c0, c1)) / ZIG_R;
        y = Math.log(1 - uniformAt(k0, drawKey(k1, j++), c0, c1));
      } while (-2 * y < x * x);
      return u < 0 ? x - ZIG_R : ZIG_R - x;
    }
    const x = u * ZIG_X[layer]!;
    const f0 = Math.exp(-0.5 * (ZIG_X[layer]! * ZIG_X[layer]! - x * x));
    const f1 = Math.exp(-0.5 * (ZIG_X[layer + 1]! * ZIG_X[layer + 1]! - x * x));
    if (f1 + uniformAt(k0, drawKey(k1, j++), c0, c1) * (f0 - f1) < 1.0) return x;
    threefry2x32(k0, drawKey(k1, j++), c0, c1, block);
    layer = block[0]! & 127;
    u = zigU(block[0]!, block[1]!);
  }
}

/** A standard normal draw (the same number the inlined code computes). */
export function normalAt(k0: number, k1: number, c0: number, c1: number): number {
  threefry2x32(k0, k1, c0, c1, block);
  const layer = block[0]! & 127;
  const u = zigU(block[0]!, block[1]!);
  if (u < ZIG_RATIO[layer]! && u > -ZIG_RATIO[layer]!) return u * ZIG_X[layer]!;
  return normalSlow(k0, k1, c0, c1, u, layer);
}

const LOGGAM_A = [
  8.333333333333333e-2, -2.777777777777778e-3, 7.936507936507937e-4, -5.952380952380952e-4, 8.417508417508418e-4,
  -1.917526917526918e-3, 6.41025641025641e-3, -2.955065359477124e-2, 1.796443723688307e-1, -1.3924322169059,
];

/** log Γ(x) for x ≥ 1 (numpy's `random_loggam`). */
export function logGamma(x: number): number {
  if (x === 1 || x === 2) return 0;
  let x0 = x;
  let n = 0;
  if (x <= 7) {
    n = Math.trunc(7 - x);
    x0 = x + n;
  }
  const x2 = 1 / (x0 * x0);
  let gl0 = LOGGAM_A[9]!;
  for (let k = 8; k >= 0; k--) gl0 = gl0 * x2 + LOGGAM_A[k]!;
  let gl = gl0 / x0 + 0.5 * 1.8378770664093453 + (x0 - 0.5) * Math.log(x0) - x0;
  if (x <= 7) {
    for (let k = 1; k <= n; k++) {
      gl -= Math.log(x0 - 1);
      x0 -= 1;
    }
  }
  return gl;
}

/**
 * A Poisson draw with mean `lam`: the multiplication method for λ < 10, Hörmann's PTRS above
 * (numpy's `random_poisson`). Draw `j` of the stream supplies the j-th uniform.
 */
export function poissonAt(k0: number, k1: number, c0: number, c1: number, lam: number): number {
  if (!(lam >= 0) || !Number.isFinite(lam)) {
    throw new CodegenError('domain-error', '<generated code>', `poisson(lam) needs a finite lam >= 0, got ${lam}.`);
  }
  let j = 0;
  const next = (): number => uniformAt(k0, drawKey(k1, j++), c0, c1);
  if (lam < 10) {
    if (lam === 0) return 0;
    const enlam = Math.exp(-lam);
    let x = 0;
    let prod = 1;
    for (;;) {
      prod *= next();
      if (prod > enlam) x += 1;
      else return x;
    }
  }
  const slam = Math.sqrt(lam);
  const loglam = Math.log(lam);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const U = next() - 0.5;
    const V = next();
    const us = 0.5 - Math.abs(U);
    const k = Math.floor(((2 * a) / us + b) * U + lam + 0.43);
    if (us >= 0.07 && V <= vr) return k;
    if (k < 0 || (us < 0.013 && V > us)) continue;
    if (Math.log(V) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lam + k * loglam - logGamma(k + 1)) return k;
  }
}

/** 32-bit FNV-1a hash of a stream name: the stream's key word. */
export function streamKey(name: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < name.length; k++) {
    h ^= name.charCodeAt(k);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** A snapshot of a {@link RandomState}: the seed and each stream's execution counter. */
export interface RandomStateSnapshot {
  readonly seed: number;
  readonly counters: readonly (readonly [stream: string, count: number])[];
}

/**
 * The state of all random streams: a 32-bit seed and one execution counter per stream (one
 * stream per compiled code object). Generated code reads the seed and its counter from these
 * typed arrays at each execution, so `seed()` and `setState()` take effect immediately.
 */
export class RandomState {
  /** `[seed]`, read by generated code. */
  readonly seedWord = new Int32Array(sharedBuffer(4));
  private readonly counters = new Map<string, Uint32Array>();

  constructor(seed?: number) {
    this.seed(seed);
  }

  /** The current seed (an integer in [0, 2^32)). */
  get currentSeed(): number {
    return this.seedWord[0]! >>> 0;
  }

  /**
   * Reseeds and rewinds every stream. Without an argument, picks a random seed (Brian2's
   * `seed()`); otherwise `n` must be an integer in [0, 2^32), as numpy requires.
   */
  seed(n?: number): void {
    if (n !== undefined && (!Number.isInteger(n) || n < 0 || n > 0xffffffff)) {
      throw new CodegenError('invalid-random-state', 'seed', `seed(n) needs an integer 0 <= n < 2**32, got ${n}.`);
    }
    const value = n ?? Math.floor(Math.random() * 4294967296);
    this.seedWord[0] = value | 0;
    for (const counter of this.counters.values()) counter[0] = 0;
  }

  /** The execution counter of `stream` (a one-element array shared with generated code). */
  counter(stream: string): Uint32Array {
    let counter = this.counters.get(stream);
    if (counter === undefined) {
      counter = new Uint32Array(sharedBuffer(4)); // shared: worker threads read it
      this.counters.set(stream, counter);
    }
    return counter;
  }

  /** A snapshot for `store()`. */
  getState(): RandomStateSnapshot {
    return { seed: this.currentSeed, counters: [...this.counters].map(([name, c]) => [name, c[0]!] as const) };
  }

  /** Restores a snapshot; streams not in the snapshot are rewound to 0. */
  setState(snapshot: RandomStateSnapshot): void {
    const { seed, counters } = snapshot;
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new CodegenError('invalid-random-state', 'RandomState', `Invalid random-state snapshot: seed ${seed}.`);
    }
    this.seedWord[0] = seed | 0;
    for (const counter of this.counters.values()) counter[0] = 0;
    for (const [name, count] of counters) this.counter(name)[0] = count;
  }
}

/** The random state used by code objects that are not given one (what `seed(n)` resets). */
export const defaultRandomState = new RandomState();

/** Seeds the default random state (Brian2's `seed(n)`); no argument picks a random seed. */
export function seed(n?: number): void {
  defaultRandomState.seed(n);
}
