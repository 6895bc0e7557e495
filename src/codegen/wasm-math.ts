/**
 * Table-free f64x2 versions of exp, expm1 and exprel for the WebAssembly kernels (session 6,
 * issue 11), emitted inline into a {@link FunctionBody}: every lane runs the same IEEE operations
 * as every other, so a value's bits never depend on its lane or on the loop's length.
 *
 * exp x: x clamped to [-746, 710] (NaN stays NaN), t = x·log2(e) + 1.5·2^52 rounds k = t - 1.5·2^52
 * to an integer (magic-number rounding), r = x - k·ln2_hi - k·ln2_lo (Cody–Waite, |r| ≤ ln2/2),
 * q = e^r - 1 = r + r²·(1/2! + r·(1/3! + … + r/13!)) (Horner; truncation < 5e-18), k's integer
 * from t's low bits, 2^k as two factors 2^(k>>1)·2^(k-(k>>1)) built in the exponent field, so
 * `(1 + q)·s1·s2` rounds once and gives subnormal results and overflow to +Infinity as Math.exp.
 * expm1 x: s·q + (s - 1) (s = 2^k, s - 1 exact for |k| ≤ 53: no cancellation) for k ≤ 60, else
 * exp(x) - 1; ±0 → ±0. exprel x: the exact exprel's cut-offs (|x| < 1e-16 → 1, x > 717 →
 * +Infinity), else expm1(x)/x.
 *
 * Maximum error (bounded by the property test in wasm-math.test.ts over every double and the
 * ranges that matter; Math.* itself is within 1 ulp of exact): exp ≤ 2 ulp, expm1 ≤ 2 ulp of
 * Math.*; exprel ≤ 3 ulp of the exact exprel. NaN, ±Infinity and results 0 are Math.*'s exactly.
 */
import { FunctionBody, SIMD, moduleBytes } from './wasm-emit.ts';
import { ln2Parts } from './fast-math.ts';

/** The functions with an inline f64x2 form. */
export const WASM_MATH: ReadonlySet<string> = new Set(['exp', 'expm1', 'exprel']);

/** Exactly 1.5·2^52: adding and subtracting it rounds |t| < 2^51 to the nearest integer. */
const SHIFT = 6755399441055744;

/** Scratch locals of one function body, shared by every inline call (each call completes before the next starts). */
export class MathScratch {
  readonly x: number;
  readonly k: number;
  readonly t: number;
  readonly r: number;
  readonly q: number;
  readonly s1: number;
  readonly s2: number;
  readonly e: number;
  constructor(readonly f: FunctionBody) {
    this.x = f.v128();
    this.k = f.v128();
    this.t = f.v128();
    this.r = f.v128();
    this.q = f.v128();
    this.s1 = f.v128();
    this.s2 = f.v128();
    this.e = f.v128();
  }
}

/** 1/n! for n = 0..13 (each the double nearest the quotient). */
function inverseFactorials(): number[] {
  const c = [1];
  let f = 1;
  for (let n = 1; n <= 13; n++) c.push(1 / (f *= n));
  return c;
}

/**
 * From `x` (in s.x): k (s.k), q = e^r - 1 (s.q), and 2^k as two factors (s.s1, s.s2). Leaves the
 * stack unchanged.
 */
function reduce(s: MathScratch): void {
  const { f } = s;
  const { hi, lo } = ln2Parts();
  const c = inverseFactorials();
  // t = clamp(x)·log2e + SHIFT; k = t - SHIFT (pmin(x, c) = c < x ? c : x keeps a NaN x, one instruction)
  f.get(s.x).f64x2(710).simd(SIMD.f64x2Pmin).f64x2(-746).simd(SIMD.f64x2Pmax).tee(s.r);
  f.f64x2(Math.LOG2E).simd(SIMD.f64x2Mul).f64x2(SHIFT).simd(SIMD.f64x2Add).tee(s.t);
  f.f64x2(SHIFT).simd(SIMD.f64x2Sub).set(s.k);
  // r = (xc - k·hi) - k·lo
  f.get(s.r).get(s.k).f64x2(hi).simd(SIMD.f64x2Mul).simd(SIMD.f64x2Sub);
  f.get(s.k).f64x2(lo).simd(SIMD.f64x2Mul).simd(SIMD.f64x2Sub).set(s.r);
  // q = r + r²·(c2 + r·(c3 + … + r·c13))
  f.f64x2(c[13]!);
  for (let n = 12; n >= 2; n--) f.get(s.r).simd(SIMD.f64x2Mul).f64x2(c[n]!).simd(SIMD.f64x2Add);
  f.get(s.r).get(s.r).simd(SIMD.f64x2Mul).simd(SIMD.f64x2Mul).get(s.r).simd(SIMD.f64x2Add).set(s.q);
  // k1 = floor(k/2), k2 = k - k1 (exact); 2^ki = (bits(ki + SHIFT) + 1023) << 52: the low bits of
  // bits(ki + SHIFT) are ki + 2^51, and 2^51 << 52 leaves the 64 bits (no 64-bit arithmetic shift,
  // which x64 lacks before AVX-512).
  f.get(s.k).f64x2(0.5).simd(SIMD.f64x2Mul).simd(SIMD.f64x2Floor).set(s.s1);
  f.get(s.k).get(s.s1).simd(SIMD.f64x2Sub).set(s.s2);
  f.get(s.s1).f64x2(SHIFT).simd(SIMD.f64x2Add).i64x2(1023n).simd(SIMD.i64x2Add).i32Const(52).simd(SIMD.i64x2Shl).set(s.s1);
  f.get(s.s2).f64x2(SHIFT).simd(SIMD.f64x2Add).i64x2(1023n).simd(SIMD.i64x2Add).i32Const(52).simd(SIMD.i64x2Shl).set(s.s2);
}

/** Pushes exp(x) (x in s.x). */
function exp(s: MathScratch): void {
  reduce(s);
  s.f.get(s.q).f64x2(1).simd(SIMD.f64x2Add).get(s.s1).simd(SIMD.f64x2Mul).get(s.s2).simd(SIMD.f64x2Mul);
}

/** Pushes expm1(x) (x in s.x). */
function expm1(s: MathScratch): void {
  const { f } = s;
  reduce(s);
  // big k: exp(x) - 1
  f.get(s.q).f64x2(1).simd(SIMD.f64x2Add).get(s.s1).simd(SIMD.f64x2Mul).get(s.s2).simd(SIMD.f64x2Mul).f64x2(1).simd(SIMD.f64x2Sub).set(s.e);
  // small k: s·q + (s - 1), s = s1·s2 (exact, or a subnormal/0 that only rounds -1)
  f.get(s.s1).get(s.s2).simd(SIMD.f64x2Mul).tee(s.s1).get(s.q).simd(SIMD.f64x2Mul);
  f.get(s.s1).f64x2(1).simd(SIMD.f64x2Sub).simd(SIMD.f64x2Add);
  f.get(s.e);
  f.get(s.k).f64x2(60).simd(SIMD.f64x2Le).simd(SIMD.bitselect);
  // ±0 → ±0
  f.set(s.e).get(s.x).get(s.e).get(s.x).f64x2(0).simd(SIMD.f64x2Eq).simd(SIMD.bitselect);
}

/** Pushes exprel(x) (x in s.x). */
function exprel(s: MathScratch): void {
  const { f } = s;
  expm1(s);
  f.get(s.x).simd(SIMD.f64x2Div);
  f.set(s.e).f64x2(Infinity).get(s.e).get(s.x).f64x2(717).simd(SIMD.f64x2Gt).simd(SIMD.bitselect);
  f.set(s.e).f64x2(1).get(s.e).get(s.x).simd(SIMD.f64x2Abs).f64x2(1e-16).simd(SIMD.f64x2Lt).simd(SIMD.bitselect);
}

/** Pops the argument, pushes `fn(argument)` for fn in {@link WASM_MATH}. */
export function emitMath(s: MathScratch, fn: string): void {
  s.f.set(s.x);
  if (fn === 'exp') exp(s);
  else if (fn === 'expm1') expm1(s);
  else exprel(s);
}

/**
 * A module applying `fn` to `n` doubles in place at byte 0 of its memory (for the tests and the
 * benchmarks): `k(bytes)` with bytes a multiple of 16.
 */
export function mathModule(fn: string, n: number): Uint8Array {
  const f = new FunctionBody();
  const s = new MathScratch(f);
  const i = f.i32();
  f.i32Const(0).set(i);
  f.loop(() => {
    f.get(i).get(0).op(0x4f /* i32.ge_u */).brIf(1);
    f.get(i).get(i).mem(SIMD.load, 0);
    emitMath(s, fn);
    f.mem(SIMD.store, 0);
    f.get(i).i32Const(16).op(0x6a /* i32.add */).set(i).br(0);
  });
  return moduleBytes(f, Math.max(1, Math.ceil((8 * n + 16) / 65536)));
}

