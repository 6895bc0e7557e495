/**
 * An f64x2 exp for exact-mode kernels that gives V8's Math.exp bit for bit (session 8, s8-exp).
 *
 * V8's Math.exp (src/base/ieee754.cc `exp`, every tier calls it) is fdlibm's e_exp.c: with hx the
 * high word of |x| —
 *   NaN → NaN; x > o_threshold (+Infinity too) → +Infinity; x < u_threshold (−Infinity too) → +0;
 *   x == 1 → Math.E (V8's special case);
 *   0.5·ln2 < |x| < 1.5·ln2 (by hx): k = ±1; beyond: k = trunc(x·invln2 ± 0.5); hi = x − k·ln2HI,
 *   lo = k·ln2LO, r = hi − lo; |x| ≤ 0.5·ln2: k = 0, r = x;
 *   t = r², c = r − t·(P1 + t·(P2 + t·(P3 + t·(P4 + t·P5))));
 *   k = 0: |x| < 2^-28 → 1 + x, else 1 − ((r·c)/(c − 2) − r);
 *   k ≠ 0: y = 1 − ((lo − (r·c)/(2 − c)) − hi), scaled by y·2^k (−1021 ≤ k ≤ 1023), y·2·2^1023
 *   (k = 1024), y·2^(k+1000)·2^-1000 (k < −1021: subnormal results).
 * Here every lane computes every path with the same IEEE operations in the same order (WebAssembly
 * has no FMA contraction and no reassociation) and the lane's case is selected by masks; the hx
 * tests are comparisons of |x| with the double whose high word is the bound. The two k = ±1 forms
 * (hi = x − ln2HI[sign]) are the general form with k = ±1 (k·ln2HI and k·ln2LO are exact), and
 * the three scalings are one form (y·s1)·s2 (s2 = 1 is exact).
 *
 * Another engine (a browser's, or an arm64 build whose C compiler contracted a multiply-add) may
 * compute Math.exp differently: {@link exactExpAvailable} runs a start-up self-check once per
 * process and exact mode uses this form only where it passed.
 */
import { FunctionBody, SIMD, instantiate, moduleBytes, wasmSimd } from './wasm-emit.ts';
import { exprel } from './functions.ts';

/** The double whose high word is `h` and low word 0 (fdlibm's hx bounds). */
function highWord(h: number): number {
  const b = new Uint32Array([0, h >>> 0]);
  return new Float64Array(b.buffer)[0]!;
}
/** The double of a 64-bit pattern. */
function bits(hi: number, lo: number): number {
  const b = new Uint32Array([lo >>> 0, hi >>> 0]);
  return new Float64Array(b.buffer)[0]!;
}

const O_THRESHOLD = bits(0x40862e42, 0xfefa39ef);
const U_THRESHOLD = bits(0xc0874910, 0xd52d3051);
const LN2HI = bits(0x3fe62e42, 0xfee00000);
const LN2LO = bits(0x3dea39ef, 0x35793c76);
const INVLN2 = bits(0x3ff71547, 0x652b82fe);
const P1 = bits(0x3fc55555, 0x5555553e);
const P2 = bits(0xbf66c16c, 0x16bebd93);
const P3 = bits(0x3f11566a, 0xaf25de2c);
const P4 = bits(0xbebbbd41, 0xc5d26bf1);
const P5 = bits(0x3e663769, 0x72bea4d0);
const E = bits(0x4005bf0a, 0x8b145769);
const TWOM1000 = highWord(0x01700000);
const TWO1023 = highWord(0x7fe00000);
/** hx > 0x3FD62E42 (|x| > 0.5·ln2) ⇔ |x| ≥ this. */
const HALF_LN2_BOUND = highWord(0x3fd62e43);
/** hx < 0x3FF0A2B2 (|x| < 1.5·ln2) ⇔ |x| < this. */
const THREE_HALVES_LN2_BOUND = highWord(0x3ff0a2b2);
/** hx < 0x3E300000 (|x| < 2^-28) ⇔ |x| < this. */
const TINY_BOUND = highWord(0x3e300000);
/** Exactly 1.5·2^52: the low bits of (k + SHIFT)'s pattern are k + 2^51 for an integer |k| < 2^51. */
const SHIFT = 6755399441055744;
const SIGN = -0x8000000000000000n;

/** The locals of one function body's exact exp (shared by every call in it: each completes before the next). */
export class ExactExpScratch {
  readonly x: number;
  readonly ax: number;
  readonly k: number;
  readonly hi: number;
  readonly lo: number;
  readonly r: number;
  readonly t: number;
  readonly c: number;
  readonly rc: number;
  readonly m: number;
  constructor(readonly f: FunctionBody) {
    this.x = f.v128();
    this.ax = f.v128();
    this.k = f.v128();
    this.hi = f.v128();
    this.lo = f.v128();
    this.r = f.v128();
    this.t = f.v128();
    this.c = f.v128();
    this.rc = f.v128();
    this.m = f.v128();
  }
}

/** Pops x, pushes V8's Math.exp(x) per lane (see the file's comment). */
export function emitExactExp(s: ExactExpScratch): void {
  const { f } = s;
  f.set(s.x);
  f.get(s.x).simd(SIMD.f64x2Abs).set(s.ax);
  // k = trunc(invln2·x + halF[sign]) (halF: 0.5 with x's sign bit)
  f.get(s.x).f64x2(INVLN2).simd(SIMD.f64x2Mul);
  f.get(s.x).i64x2(SIGN).simd(SIMD.and).f64x2(0.5).simd(SIMD.or);
  f.simd(SIMD.f64x2Add).simd(SIMD.f64x2Trunc).set(s.k);
  // k = ±1 where |x| < 1.5·ln2 (1 with x's sign bit)
  f.get(s.x).i64x2(SIGN).simd(SIMD.and).f64x2(1).simd(SIMD.or);
  f.get(s.k).get(s.ax).f64x2(THREE_HALVES_LN2_BOUND).simd(SIMD.f64x2Lt).simd(SIMD.bitselect);
  // k = +0 where |x| ≤ 0.5·ln2 (then hi = x − 0 = x, lo = 0, r = x − 0 = x: x's bits)
  f.get(s.ax).f64x2(HALF_LN2_BOUND).simd(SIMD.f64x2Lt).tee(s.m).simd(SIMD.andnot).set(s.k);
  // hi = x − k·ln2HI; lo = k·ln2LO; r = hi − lo
  f.get(s.x).get(s.k).f64x2(LN2HI).simd(SIMD.f64x2Mul).simd(SIMD.f64x2Sub).tee(s.hi);
  f.get(s.k).f64x2(LN2LO).simd(SIMD.f64x2Mul).tee(s.lo).simd(SIMD.f64x2Sub).set(s.r);
  // t = r·r; c = r − t·(P1 + t·(P2 + t·(P3 + t·(P4 + t·P5))))
  f.get(s.r).get(s.r).simd(SIMD.f64x2Mul).set(s.t);
  f.get(s.r).get(s.t);
  f.get(s.t).f64x2(P5).simd(SIMD.f64x2Mul).f64x2(P4).simd(SIMD.f64x2Add);
  for (const p of [P3, P2, P1]) f.get(s.t).simd(SIMD.f64x2Mul).f64x2(p).simd(SIMD.f64x2Add);
  f.simd(SIMD.f64x2Mul).simd(SIMD.f64x2Sub).set(s.c);
  f.get(s.r).get(s.c).simd(SIMD.f64x2Mul).set(s.rc);
  // k = 0: |x| < 2^-28 ? 1 + x : 1 − ((r·c)/(c − 2) − r)   (value 1 of the final select)
  f.f64x2(1).get(s.x).simd(SIMD.f64x2Add);
  f.f64x2(1).get(s.rc).get(s.c).f64x2(2).simd(SIMD.f64x2Sub).simd(SIMD.f64x2Div).get(s.r).simd(SIMD.f64x2Sub).simd(SIMD.f64x2Sub);
  f.get(s.ax).f64x2(TINY_BOUND).simd(SIMD.f64x2Lt).simd(SIMD.bitselect);
  // k ≠ 0: y = 1 − ((lo − (r·c)/(2 − c)) − hi)   (r is free from here: it holds y)
  f.f64x2(1).get(s.lo).get(s.rc).f64x2(2).get(s.c).simd(SIMD.f64x2Sub).simd(SIMD.f64x2Div).simd(SIMD.f64x2Sub);
  f.get(s.hi).simd(SIMD.f64x2Sub).simd(SIMD.f64x2Sub).set(s.r);
  // (y·s1)·s2: s1 = 2^k, s2 = 1; k = 1024: s1 = 2, s2 = 2^1023; k < −1021: s1 = 2^(k+1000), s2 = 2^-1000.
  // lo := the k < −1021 mask, hi := the k = 1024 mask, t := the exponent of s1.
  f.get(s.k).f64x2(-1021).simd(SIMD.f64x2Lt).set(s.lo);
  f.get(s.k).f64x2(1024).simd(SIMD.f64x2Eq).set(s.hi);
  f.f64x2(1).get(s.k).f64x2(1000).get(s.lo).simd(SIMD.and).simd(SIMD.f64x2Add).get(s.hi).simd(SIMD.bitselect);
  // 2^e
  pow2(f);
  f.get(s.r).simd(SIMD.f64x2Mul);
  f.f64x2(TWOM1000).f64x2(TWO1023).f64x2(1).get(s.hi).simd(SIMD.bitselect).get(s.lo).simd(SIMD.bitselect);
  f.simd(SIMD.f64x2Mul);
  // the k = 0 value where |x| ≤ 0.5·ln2
  f.get(s.m).simd(SIMD.bitselect);
  // x == 1 → E; x > o_threshold → +Infinity; x < u_threshold → +0; NaN → x
  f.set(s.r).f64x2(E).get(s.r).get(s.x).f64x2(1).simd(SIMD.f64x2Eq).simd(SIMD.bitselect);
  f.set(s.r).f64x2(Infinity).get(s.r).get(s.x).f64x2(O_THRESHOLD).simd(SIMD.f64x2Gt).simd(SIMD.bitselect);
  f.set(s.r).f64x2(0).get(s.r).get(s.x).f64x2(U_THRESHOLD).simd(SIMD.f64x2Lt).simd(SIMD.bitselect);
  f.set(s.r).get(s.x).get(s.r).get(s.x).get(s.x).simd(SIMD.f64x2Ne).simd(SIMD.bitselect);
}


/**
 * The ordinary range of exp: 2^-28 ≤ |x| ≤ this and x ≠ 1. Inside it k ∈ [−1020, 1020], so none of
 * fdlibm's special scalings, overflow, underflow or NaN can occur (the bound only has to lie below
 * those cases; 707 does).
 */
const EXP_ORDINARY_BOUND = 707;

/**
 * Pops x (x and |x| in their locals on return too), pushes exp(x) for the lanes of the ordinary
 * range, the same bits as {@link emitExactExp} there (proven in wasm-exp.test.ts):
 * - fdlibm's k = ±1 branch (0.5·ln2 < |x| < 1.5·ln2 by hx) is the general k = trunc(x·invln2 ± 0.5),
 *   which is ±1 on that range (x·invln2 lies in [0.5000000014, 1.4999969]), so no select;
 * - k = 0's value 1 − ((r·c)/(c − 2) − r) is the general y = 1 − ((lo − (r·c)/(2 − c)) − hi)
 *   scaled by 2^0 = 1: there hi = r = x, lo = +0, c − 2 = −(2 − c) exactly (|c| < 0.35, so
 *   neither is 0) and a/(−b) = −(a/b), so (r·c)/(c − 2) = 0 − q for q = (r·c)/(2 − c) ≠ 0 (and
 *   for q = ±0 both give −x after subtracting x ≠ 0): one division instead of two, no select;
 * - −1020 ≤ k ≤ 1020, so the scale is 2^k alone (fdlibm's second factor is 1, an exact multiply),
 *   and none of the final special-case selects applies.
 * Lanes outside the range get some value; {@link emitExactOrdinary} flags them.
 */
function emitExactExpOrdinary(s: ExactExpScratch): void {
  const { f } = s;
  f.set(s.x);
  f.get(s.x).simd(SIMD.f64x2Abs).set(s.ax);
  f.get(s.x).f64x2(INVLN2).simd(SIMD.f64x2Mul);
  f.get(s.x).i64x2(SIGN).simd(SIMD.and).f64x2(0.5).simd(SIMD.or);
  f.simd(SIMD.f64x2Add).simd(SIMD.f64x2Trunc);
  f.get(s.ax).f64x2(HALF_LN2_BOUND).simd(SIMD.f64x2Lt).simd(SIMD.andnot).set(s.k);
  f.get(s.x).get(s.k).f64x2(LN2HI).simd(SIMD.f64x2Mul).simd(SIMD.f64x2Sub).tee(s.hi);
  f.get(s.k).f64x2(LN2LO).simd(SIMD.f64x2Mul).tee(s.lo).simd(SIMD.f64x2Sub).set(s.r);
  f.get(s.r).get(s.r).simd(SIMD.f64x2Mul).set(s.t);
  f.get(s.r).get(s.t);
  f.get(s.t).f64x2(P5).simd(SIMD.f64x2Mul).f64x2(P4).simd(SIMD.f64x2Add);
  for (const p of [P3, P2, P1]) f.get(s.t).simd(SIMD.f64x2Mul).f64x2(p).simd(SIMD.f64x2Add);
  f.simd(SIMD.f64x2Mul).simd(SIMD.f64x2Sub).set(s.c);
  // y = 1 − ((lo − (r·c)/(2 − c)) − hi); 2^k·y
  f.f64x2(1).get(s.lo).get(s.r).get(s.c).simd(SIMD.f64x2Mul).f64x2(2).get(s.c).simd(SIMD.f64x2Sub).simd(SIMD.f64x2Div).simd(SIMD.f64x2Sub);
  f.get(s.hi).simd(SIMD.f64x2Sub).simd(SIMD.f64x2Sub).set(s.r);
  f.get(s.k);
  pow2(f);
  f.get(s.r).simd(SIMD.f64x2Mul);
}

/** Pushes exp's lanes outside the ordinary range: NaN, |x| > 707, x = 1, |x| < 2^-28 (x, |x| in their locals). */
function expExtraordinary(s: ExactExpScratch): void {
  const { f } = s;
  f.get(s.ax).f64x2(EXP_ORDINARY_BOUND).simd(SIMD.f64x2Le).simd(SIMD.not);
  f.get(s.x).f64x2(1).simd(SIMD.f64x2Eq).simd(SIMD.or);
  f.get(s.ax).f64x2(TINY_BOUND).simd(SIMD.f64x2Lt).simd(SIMD.or);
}

const Q1 = bits(0xbfa11111, 0x111110f4);
const Q2 = bits(0x3f5a01a0, 0x19fe5585);
const Q3 = bits(0xbf14ce19, 0x9eaadbb7);
const Q4 = bits(0x3ed0cfca, 0x86e65239);
const Q5 = bits(0xbe8afdb7, 0x6e09c32d);
/** hx ≥ 0x4043687A (|x| ≥ 56·ln2) ⇔ |x| ≥ this. */
const FIFTY_SIX_LN2_BOUND = highWord(0x4043687a);
/** hx < 0x3C900000 (|x| < 2^-54) ⇔ |x| < this. */
const EXPM1_TINY_BOUND = highWord(0x3c900000);

/**
 * Pushes 2^e for the integral doubles e of the top of the stack (normal results): e + (SHIFT + 1023)
 * is exact (an integer below 2^53), and the low 12 bits of its pattern are e + 1023, which the shift
 * moves into the exponent field — the bits of (bits(e + SHIFT) + 1023) << 52, one integer add fewer
 * (session 10).
 */
function pow2(f: FunctionBody): void {
  f.f64x2(SHIFT + 1023).simd(SIMD.f64x2Add).i32Const(52).simd(SIMD.i64x2Shl);
}

/**
 * Pops x, pushes V8's Math.expm1(x) per lane: fdlibm's s_expm1.c (V8 ieee754.cc `expm1`) —
 *   NaN → NaN; x > o_threshold (+Infinity too) → +Infinity; x ≤ −56·ln2 by hx (−Infinity too) → −1;
 *   |x| < 2^-54 → x; k and hi, lo as exp's, r = hi − lo, c = (hi − r) − lo (k = 0: r = x);
 *   hfx = 0.5·r, hxs = r·hfx, r1 = 1 + hxs·(Q1 + hxs·(Q2 + hxs·(Q3 + hxs·(Q4 + hxs·Q5)))),
 *   t = 3 − r1·hfx, e = hxs·((r1 − t)/(6 − r·t));
 *   k = 0: r − (r·e − hxs); else e' = (r·(e − c) − c) − hxs and
 *   k = −1: 0.5·(r − e') − 0.5; k = 1: r < −0.25 ? −2·(e' − (r + 0.5)) : 1 + 2·(r − e');
 *   k ≤ −2 or k > 56: (1 − (e' − r))·2^k − 1 (k = 1024: ·2·2^1023); 2 ≤ k < 20: ((1 − 2^-k) − (e' − r))·2^k;
 *   20 ≤ k ≤ 56: ((r − (e' + 2^-k)) + 1)·2^k.
 * Every case is computed in every lane and selected by masks, as {@link emitExactExp}.
 */
export function emitExactExpm1(s: ExactExpScratch): void {
  const { f } = s;
  f.set(s.x);
  f.get(s.x).simd(SIMD.f64x2Abs).set(s.ax);
  // k as exp's (the same three cases and bounds)
  f.get(s.x).f64x2(INVLN2).simd(SIMD.f64x2Mul);
  f.get(s.x).i64x2(SIGN).simd(SIMD.and).f64x2(0.5).simd(SIMD.or);
  f.simd(SIMD.f64x2Add).simd(SIMD.f64x2Trunc).set(s.k);
  f.get(s.x).i64x2(SIGN).simd(SIMD.and).f64x2(1).simd(SIMD.or);
  f.get(s.k).get(s.ax).f64x2(THREE_HALVES_LN2_BOUND).simd(SIMD.f64x2Lt).simd(SIMD.bitselect);
  f.get(s.ax).f64x2(HALF_LN2_BOUND).simd(SIMD.f64x2Lt).tee(s.m).simd(SIMD.andnot).set(s.k);
  // hi, lo, r = hi − lo, c = (hi − r) − lo
  f.get(s.x).get(s.k).f64x2(LN2HI).simd(SIMD.f64x2Mul).simd(SIMD.f64x2Sub).tee(s.hi);
  f.get(s.k).f64x2(LN2LO).simd(SIMD.f64x2Mul).tee(s.lo).simd(SIMD.f64x2Sub).set(s.r);
  f.get(s.hi).get(s.r).simd(SIMD.f64x2Sub).get(s.lo).simd(SIMD.f64x2Sub).set(s.c);
  // hi := hfx = 0.5·r; lo := hxs = r·hfx
  f.f64x2(0.5).get(s.r).simd(SIMD.f64x2Mul).tee(s.hi).get(s.r).simd(SIMD.f64x2Mul).set(s.lo);
  // t := r1 = 1 + hxs·(Q1 + hxs·(Q2 + hxs·(Q3 + hxs·(Q4 + hxs·Q5))))
  f.f64x2(1).get(s.lo);
  f.get(s.lo).f64x2(Q5).simd(SIMD.f64x2Mul).f64x2(Q4).simd(SIMD.f64x2Add);
  for (const q of [Q3, Q2, Q1]) f.get(s.lo).simd(SIMD.f64x2Mul).f64x2(q).simd(SIMD.f64x2Add);
  f.simd(SIMD.f64x2Mul).simd(SIMD.f64x2Add).set(s.t);
  // rc := t = 3 − r1·hfx; hi := e = hxs·((r1 − t)/(6 − r·t))
  f.f64x2(3).get(s.t).get(s.hi).simd(SIMD.f64x2Mul).simd(SIMD.f64x2Sub).set(s.rc);
  f.get(s.lo).get(s.t).get(s.rc).simd(SIMD.f64x2Sub).f64x2(6).get(s.r).get(s.rc).simd(SIMD.f64x2Mul).simd(SIMD.f64x2Sub).simd(SIMD.f64x2Div).simd(SIMD.f64x2Mul).set(s.hi);
  // The k = 0 value: r − (r·e − hxs)   (kept on the stack for the last select)
  f.get(s.r).get(s.r).get(s.hi).simd(SIMD.f64x2Mul).get(s.lo).simd(SIMD.f64x2Sub).simd(SIMD.f64x2Sub);
  // c := e' = (r·(e − c) − c) − hxs
  f.get(s.r).get(s.hi).get(s.c).simd(SIMD.f64x2Sub).simd(SIMD.f64x2Mul).get(s.c).simd(SIMD.f64x2Sub).get(s.lo).simd(SIMD.f64x2Sub).set(s.c);
  // t := 2^k (k ≤ 1023; k = 1024: 2, then ·2^1023)
  f.f64x2(1).get(s.k).get(s.k).f64x2(1024).simd(SIMD.f64x2Eq).simd(SIMD.bitselect);
  pow2(f);
  f.set(s.t);
  // k ≤ −2 or k > 56: ((1 − (e' − r))·2^k)·s2 − 1
  f.f64x2(1).get(s.c).get(s.r).simd(SIMD.f64x2Sub).simd(SIMD.f64x2Sub).get(s.t).simd(SIMD.f64x2Mul);
  f.f64x2(TWO1023).f64x2(1).get(s.k).f64x2(1024).simd(SIMD.f64x2Eq).simd(SIMD.bitselect).simd(SIMD.f64x2Mul);
  f.f64x2(1).simd(SIMD.f64x2Sub);
  // 20 ≤ k ≤ 56: ((r − (e' + 2^-k)) + 1)·2^k
  f.get(s.r).get(s.c).f64x2(0).get(s.k).simd(SIMD.f64x2Sub);
  pow2(f);
  f.simd(SIMD.f64x2Add).simd(SIMD.f64x2Sub).f64x2(1).simd(SIMD.f64x2Add).get(s.t).simd(SIMD.f64x2Mul);
  // 2 ≤ k < 20: ((1 − 2^-k) − (e' − r))·2^k (1 − 2^-k is exact)
  f.f64x2(1).f64x2(0).get(s.k).simd(SIMD.f64x2Sub);
  pow2(f);
  f.simd(SIMD.f64x2Sub).get(s.c).get(s.r).simd(SIMD.f64x2Sub).simd(SIMD.f64x2Sub).get(s.t).simd(SIMD.f64x2Mul);
  // (the 20 ≤ k value where k ≥ 20, then the k ≤ −2 or k > 56 value where k > 56 or k < 2: k = 0, ±1 are replaced below)
  f.get(s.k).f64x2(20).simd(SIMD.f64x2Ge).simd(SIMD.bitselect).set(s.t);
  f.get(s.t).get(s.k).f64x2(56).simd(SIMD.f64x2Gt).get(s.k).f64x2(2).simd(SIMD.f64x2Lt).simd(SIMD.or).simd(SIMD.bitselect);
  // k = 1: r < −0.25 ? −2·(e' − (r + 0.5)) : 1 + 2·(r − e')
  f.f64x2(-2).get(s.c).get(s.r).f64x2(0.5).simd(SIMD.f64x2Add).simd(SIMD.f64x2Sub).simd(SIMD.f64x2Mul);
  f.f64x2(1).f64x2(2).get(s.r).get(s.c).simd(SIMD.f64x2Sub).simd(SIMD.f64x2Mul).simd(SIMD.f64x2Add);
  f.get(s.r).f64x2(-0.25).simd(SIMD.f64x2Lt).simd(SIMD.bitselect);
  f.set(s.hi).set(s.t).get(s.hi).get(s.t).get(s.k).f64x2(1).simd(SIMD.f64x2Eq).simd(SIMD.bitselect);
  // k = −1: 0.5·(r − e') − 0.5
  f.set(s.hi).f64x2(0.5).get(s.r).get(s.c).simd(SIMD.f64x2Sub).simd(SIMD.f64x2Mul).f64x2(0.5).simd(SIMD.f64x2Sub);
  f.get(s.hi).get(s.k).f64x2(-1).simd(SIMD.f64x2Eq).simd(SIMD.bitselect);
  // the k = 0 value where |x| ≤ 0.5·ln2; x where |x| < 2^-54
  f.get(s.m).simd(SIMD.bitselect);
  f.set(s.r).get(s.x).get(s.r).get(s.ax).f64x2(EXPM1_TINY_BOUND).simd(SIMD.f64x2Lt).simd(SIMD.bitselect);
  // x ≤ −56·ln2 (by hx) → −1; x > o_threshold → +Infinity; NaN → x
  f.set(s.r).f64x2(-1).get(s.r).get(s.x).f64x2(-FIFTY_SIX_LN2_BOUND).simd(SIMD.f64x2Le).simd(SIMD.bitselect);
  f.set(s.r).f64x2(Infinity).get(s.r).get(s.x).f64x2(O_THRESHOLD).simd(SIMD.f64x2Gt).simd(SIMD.bitselect);
  f.set(s.r).get(s.x).get(s.r).get(s.x).get(s.x).simd(SIMD.f64x2Ne).simd(SIMD.bitselect);
}

/** Pops x, pushes the exact exprel(x) (functions.ts): |x| < 1e-16 → 1, x > 717 → +Infinity, else expm1(x)/x. */
export function emitExactExprel(s: ExactExpScratch, tmp: number): void {
  const { f } = s;
  f.tee(tmp);
  emitExactExpm1(s);
  f.get(tmp).simd(SIMD.f64x2Div);
  f.set(s.r).f64x2(Infinity).get(s.r).get(tmp).f64x2(717).simd(SIMD.f64x2Gt).simd(SIMD.bitselect);
  f.set(s.r).f64x2(1).get(s.r).get(tmp).simd(SIMD.f64x2Abs).f64x2(1e-16).simd(SIMD.f64x2Lt).simd(SIMD.bitselect);
}

/** bits(2^-k) = bits(2^1023)·2 − bits(2^k) for normal powers 2^±k (an exact integer subtraction). */
const TWO_2046 = 2046n << 52n;

/**
 * Pops x (x and |x| in their locals on return too), pushes expm1(x) for the lanes of its ordinary
 * range 2^-54 ≤ |x| < 56·ln2 (by hx), the same bits as {@link emitExactExpm1} there: k = ±1 as
 * exp's (no select); −56 ≤ k ≤ 56, so no k = 1024 scale, no k > 56 form and none of the final
 * special cases; 2^-k from 2^k's bits by one integer subtraction instead of a second power.
 */
function emitExactExpm1Ordinary(s: ExactExpScratch): void {
  const { f } = s;
  f.set(s.x);
  f.get(s.x).simd(SIMD.f64x2Abs).set(s.ax);
  f.get(s.x).f64x2(INVLN2).simd(SIMD.f64x2Mul);
  f.get(s.x).i64x2(SIGN).simd(SIMD.and).f64x2(0.5).simd(SIMD.or);
  f.simd(SIMD.f64x2Add).simd(SIMD.f64x2Trunc);
  f.get(s.ax).f64x2(HALF_LN2_BOUND).simd(SIMD.f64x2Lt).tee(s.m).simd(SIMD.andnot).set(s.k);
  // hi, lo, r = hi − lo, c = (hi − r) − lo
  f.get(s.x).get(s.k).f64x2(LN2HI).simd(SIMD.f64x2Mul).simd(SIMD.f64x2Sub).tee(s.hi);
  f.get(s.k).f64x2(LN2LO).simd(SIMD.f64x2Mul).tee(s.lo).simd(SIMD.f64x2Sub).set(s.r);
  f.get(s.hi).get(s.r).simd(SIMD.f64x2Sub).get(s.lo).simd(SIMD.f64x2Sub).set(s.c);
  // hi := hfx = 0.5·r; lo := hxs = r·hfx
  f.f64x2(0.5).get(s.r).simd(SIMD.f64x2Mul).tee(s.hi).get(s.r).simd(SIMD.f64x2Mul).set(s.lo);
  // t := r1 = 1 + hxs·(Q1 + hxs·(Q2 + hxs·(Q3 + hxs·(Q4 + hxs·Q5))))
  f.f64x2(1).get(s.lo);
  f.get(s.lo).f64x2(Q5).simd(SIMD.f64x2Mul).f64x2(Q4).simd(SIMD.f64x2Add);
  for (const q of [Q3, Q2, Q1]) f.get(s.lo).simd(SIMD.f64x2Mul).f64x2(q).simd(SIMD.f64x2Add);
  f.simd(SIMD.f64x2Mul).simd(SIMD.f64x2Add).set(s.t);
  // rc := t = 3 − r1·hfx; hi := e = hxs·((r1 − t)/(6 − r·t))
  f.f64x2(3).get(s.t).get(s.hi).simd(SIMD.f64x2Mul).simd(SIMD.f64x2Sub).set(s.rc);
  f.get(s.lo).get(s.t).get(s.rc).simd(SIMD.f64x2Sub).f64x2(6).get(s.r).get(s.rc).simd(SIMD.f64x2Mul).simd(SIMD.f64x2Sub).simd(SIMD.f64x2Div).simd(SIMD.f64x2Mul).set(s.hi);
  // The k = 0 value: r − (r·e − hxs)   (kept on the stack for the last select)
  f.get(s.r).get(s.r).get(s.hi).simd(SIMD.f64x2Mul).get(s.lo).simd(SIMD.f64x2Sub).simd(SIMD.f64x2Sub);
  // c := e' = (r·(e − c) − c) − hxs
  f.get(s.r).get(s.hi).get(s.c).simd(SIMD.f64x2Sub).simd(SIMD.f64x2Mul).get(s.c).simd(SIMD.f64x2Sub).get(s.lo).simd(SIMD.f64x2Sub).set(s.c);
  // t := 2^k; rc := 2^-k
  f.get(s.k);
  pow2(f);
  f.tee(s.t).set(s.rc);
  f.i64x2(TWO_2046).get(s.rc).simd(SIMD.i64x2Sub).set(s.rc);
  // k ≤ −2: (1 − (e' − r))·2^k − 1
  f.f64x2(1).get(s.c).get(s.r).simd(SIMD.f64x2Sub).simd(SIMD.f64x2Sub).get(s.t).simd(SIMD.f64x2Mul);
  f.f64x2(1).simd(SIMD.f64x2Sub);
  // 20 ≤ k ≤ 56: ((r − (e' + 2^-k)) + 1)·2^k
  f.get(s.r).get(s.c).get(s.rc).simd(SIMD.f64x2Add).simd(SIMD.f64x2Sub).f64x2(1).simd(SIMD.f64x2Add).get(s.t).simd(SIMD.f64x2Mul);
  // 2 ≤ k < 20: ((1 − 2^-k) − (e' − r))·2^k
  f.f64x2(1).get(s.rc).simd(SIMD.f64x2Sub).get(s.c).get(s.r).simd(SIMD.f64x2Sub).simd(SIMD.f64x2Sub).get(s.t).simd(SIMD.f64x2Mul);
  // (the 20 ≤ k value where k ≥ 20, then the k ≤ −2 value where k < 2: k = 0, ±1 are replaced below)
  f.get(s.k).f64x2(20).simd(SIMD.f64x2Ge).simd(SIMD.bitselect);
  f.get(s.k).f64x2(2).simd(SIMD.f64x2Lt).simd(SIMD.bitselect);
  // k = 1: r < −0.25 ? −2·(e' − (r + 0.5)) : 1 + 2·(r − e')
  f.f64x2(-2).get(s.c).get(s.r).f64x2(0.5).simd(SIMD.f64x2Add).simd(SIMD.f64x2Sub).simd(SIMD.f64x2Mul);
  f.f64x2(1).f64x2(2).get(s.r).get(s.c).simd(SIMD.f64x2Sub).simd(SIMD.f64x2Mul).simd(SIMD.f64x2Add);
  f.get(s.r).f64x2(-0.25).simd(SIMD.f64x2Lt).simd(SIMD.bitselect);
  f.set(s.hi).set(s.t).get(s.hi).get(s.t).get(s.k).f64x2(1).simd(SIMD.f64x2Eq).simd(SIMD.bitselect);
  // k = −1: 0.5·(r − e') − 0.5
  f.set(s.hi).f64x2(0.5).get(s.r).get(s.c).simd(SIMD.f64x2Sub).simd(SIMD.f64x2Mul).f64x2(0.5).simd(SIMD.f64x2Sub);
  f.get(s.hi).get(s.k).f64x2(-1).simd(SIMD.f64x2Eq).simd(SIMD.bitselect);
  // the k = 0 value where |x| ≤ 0.5·ln2
  f.get(s.m).simd(SIMD.bitselect);
}

/** Pushes expm1's (tiny = 2^-54) or exprel's (tiny = 1e-16) lanes outside the ordinary range: NaN, |x| ≥ 56·ln2 (by hx), |x| < tiny. */
function expm1Extraordinary(s: ExactExpScratch, tiny: number): void {
  const { f } = s;
  f.get(s.ax).f64x2(FIFTY_SIX_LN2_BOUND).simd(SIMD.f64x2Lt).simd(SIMD.not);
  f.get(s.ax).f64x2(tiny).simd(SIMD.f64x2Lt).simd(SIMD.or);
}

/**
 * Pops x, pushes `fn(x)` (fn in {@link EXACT_WASM_MATH}) by its ordinary form, and ORs into the
 * v128 local `special` the lanes outside that form's range (session 9, s9-hh). Where `special` has
 * no lane set after a pair's statements, every value is {@link emitExact}'s bits; otherwise the
 * caller computes the pair again with {@link emitExact} — one well-predicted branch per pair
 * instead of every case selected in every lane (HH's kernel: 72–74 → 46–50 ns per neuron-step).
 * A branch per call (ordinary or full form) was tried first: 78–80 ns, slower than the full forms —
 * ten control-flow joins per pair made TurboFan spill the live values around each.
 */
export function emitExactOrdinary(s: ExactExpScratch, fn: string, tmp: () => number, special: number): void {
  const { f } = s;
  if (fn === 'exp') {
    emitExactExpOrdinary(s);
    f.get(special);
    expExtraordinary(s);
  } else if (fn === 'expm1') {
    emitExactExpm1Ordinary(s);
    f.get(special);
    expm1Extraordinary(s, EXPM1_TINY_BOUND);
  } else {
    // exprel = expm1(x)/x where 1e-16 ≤ |x| < 56·ln2 (neither of its own cases applies)
    const x = tmp();
    f.tee(x);
    emitExactExpm1Ordinary(s);
    f.get(x).simd(SIMD.f64x2Div);
    f.get(special);
    expm1Extraordinary(s, 1e-16);
  }
  f.simd(SIMD.or).set(special);
}

/** The functions with an exact f64x2 form, and the JavaScript each must match bit for bit. */
export const EXACT_WASM_MATH: ReadonlyMap<string, (x: number) => number> = new Map([
  ['exp', Math.exp],
  ['expm1', Math.expm1],
  ['exprel', exprel],
]);

/** Pops x, pushes `fn(x)` for fn in {@link EXACT_WASM_MATH} (`tmp`: a v128 local for exprel). */
export function emitExact(s: ExactExpScratch, fn: string, tmp: () => number): void {
  if (fn === 'exp') emitExactExp(s);
  else if (fn === 'expm1') emitExactExpm1(s);
  else emitExactExprel(s, tmp());
}

/**
 * A module applying the exact `fn` to `n` doubles in place at byte 0 of its memory (the tests,
 * the self-check), pair by pair as a kernel does (the ordinary form, the full form where a lane is
 * outside its range; `full`: the full form only): `k(bytes)` with bytes a multiple of 16.
 */
export function exactMathModule(fn: string, n: number, full = false): Uint8Array {
  const f = new FunctionBody();
  const s = new ExactExpScratch(f);
  const tmp = f.v128();
  const i = f.i32();
  f.i32Const(0).set(i);
  const special = f.v128();
  const y = f.v128();
  f.loop(() => {
    f.get(i).get(0).op(0x4f /* i32.ge_u */).brIf(1);
    // As a kernel's pair: the ordinary form, the full form where a lane is outside its range.
    if (full) f.i64x2(-1n).set(special);
    else {
      f.i64x2(0n).set(special);
      f.get(i).mem(SIMD.load, 0);
      emitExactOrdinary(s, fn, () => tmp, special);
      f.set(y);
    }
    f.get(special).simd(SIMD.anyTrue).when(() => {
      f.get(i).mem(SIMD.load, 0);
      emitExact(s, fn, () => tmp);
      f.set(y);
    });
    f.get(i).get(y).mem(SIMD.store, 0);
    f.get(i).i32Const(16).op(0x6a /* i32.add */).set(i).br(0);
  });
  return moduleBytes(f, Math.max(1, Math.ceil((8 * n + 16) / 65536)));
}

/** Whether two doubles are the same bits (any NaN equals any NaN). */
export function sameDouble(a: number, b: number): boolean {
  return Object.is(a, b) || (a !== a && b !== b);
}

/**
 * The self-check's arguments: every case and bound of the algorithm (both sides of each), the
 * specials, and a deterministic spread over the whole range.
 */
export function selfCheckValues(): number[] {
  const v = [NaN, Infinity, -Infinity, 0, -0, 1, -1, 5e-324, -5e-324, 0.5, -0.5, 2, -2, 10, -10, 100, -100, 700, -700, 709.7, -740];
  const edges = [O_THRESHOLD, U_THRESHOLD, HALF_LN2_BOUND, THREE_HALVES_LN2_BOUND, TINY_BOUND, 0.5 * Math.LN2, 1.5 * Math.LN2, highWord(0x40862e42), -708.3964185322641, -708.39641853226, -707.7, -709.1, -744.44, -745.1332, 709.782712893384];
  for (const e of edges) {
    for (const s of [1, -1]) {
      const x = s * Math.abs(e);
      v.push(x, x * (1 + 2 ** -52), x * (1 - 2 ** -53), x * (1 + 1e-9), x * (1 - 1e-9));
    }
  }
  // k = −1021/−1022 and k = 1024 edges: x around (k ± 0.5)·ln2
  for (const k of [-1020, -1021, -1022, -1023, -1050, -1074, -1075, 1023, 1024, 1, 2, -1, -2]) {
    for (const d of [-0.5, -0.25, 0, 0.25, 0.5]) v.push((k + d) * Math.LN2, (k + d) * Math.LN2 * (1 + 2 ** -52));
  }
  // A golden-ratio spread over [−750, 710] and over small magnitudes.
  for (let i = 0; i < 200; i++) {
    const u = (i * 0.6180339887498949) % 1;
    v.push(-750 + 1460 * u, (u - 0.5) * 2 ** (-40 + (i % 45)));
  }
  return v;
}

const checked = new Map<string, boolean>();

/**
 * Whether the f64x2 form of `fn` (in {@link EXACT_WASM_MATH}) gives this engine's JavaScript bit
 * for bit: checked once per process and function over {@link selfCheckValues} (with the expm1
 * bounds added); false (exact mode then keeps the JavaScript call) on any mismatch or without
 * WebAssembly SIMD.
 */
export function exactMathAvailable(fn: string): boolean {
  let ok = checked.get(fn);
  if (ok !== undefined) return ok;
  ok = false;
  const js = EXACT_WASM_MATH.get(fn);
  if (wasmSimd && js !== undefined) {
    try {
      const xs = selfCheckValues();
      for (const b of [56 * Math.LN2, 2 ** -54, 20 * Math.LN2, 56.5 * Math.LN2, 19.5 * Math.LN2, 2.5 * Math.LN2, 0.25, 1e-16, 717]) for (const sg of [1, -1]) xs.push(sg * b, sg * b * (1 + 2 ** -52), sg * b * (1 - 2 ** -53));
      const n = xs.length + (xs.length % 2);
      ok = true;
      // Both forms a kernel uses on every value: ordinary pairs (the full form where flagged), and the full form alone.
      for (const full of [false, true]) {
        const m = instantiate(exactMathModule(fn, n, full));
        const a = new Float64Array(m.buffer, 0, n);
        a.set(xs);
        m.k(8 * n);
        ok &&= xs.every((x, i) => sameDouble(a[i]!, js(x)));
      }
    } catch {
      ok = false;
    }
  }
  checked.set(fn, ok);
  return ok;
}

/** {@link exactMathAvailable} of exp. */
export const exactExpAvailable = (): boolean => exactMathAvailable('exp');

/** The module of the exact exp (see {@link exactMathModule}). */
export const exactExpModule = (n: number): Uint8Array => exactMathModule('exp', n);
