/**
 * Fast versions of `exp`, `expm1`, `exprel`, `log`, `sin`, `cos` for fast-math mode (issue 11).
 * Plain scalar JavaScript, small enough for V8 to inline at each call site of a generated loop:
 * no bit tricks on the hot path of `exp`/`expm1`/`exprel`/`sin`/`cos` (powers of two come from a
 * table), one 64-bit read for `log`'s exponent. Where the fast path would lose accuracy or range
 * (NaN, ±Infinity, overflow, results in the subnormal range, huge trigonometric arguments) they
 * call the exact `Math.*` function, so special values are exactly `Math.*`'s.
 *
 * Maximum error against `Math.*` (measured over 10^7 random arguments per function and range and
 * bounded by the property tests in fast-math.test.ts; `Math.*` itself is within 1 ulp of exact):
 *   exp, expm1 ≤ 2 ulp · exprel ≤ 3 ulp (against `exprel` = expm1(x)/x) · log ≤ 2 ulp ·
 *   sin, cos ≤ 2 ulp for |x| ≤ 2^19·π/2 (absolute ≤ 2^-53 near their zeros), Math.* beyond.
 *
 * Tables are computed at module load with BigInt fixed-point arithmetic (exact to ~120 bits), so
 * no constant is copied from elsewhere and every entry can be re-derived (the tests do).
 */
import { jsNumber } from './js-printer.ts';

/** Fixed-point precision (bits) of the table computations. */
const P = 128n;
const ONE = 1n << P;

/** 2^P · e^v for a fixed-point 0 ≤ v < 1 (series). */
function fixedExp(v: bigint): bigint {
  let term = ONE;
  let sum = 0n;
  for (let k = 1n; term !== 0n; k++) {
    sum += term;
    term = (term * v) / (k << P);
  }
  return sum;
}

/** 2^P · ln(x) for x = a/b in [1/2, 2], by ln x = 2·atanh((a-b)/(a+b)). */
function fixedLog(a: bigint, b: bigint): bigint {
  if (a < b) return -fixedLog(b, a);
  const num = a - b;
  const den = a + b;
  // s = num/den as fixed point, series Σ s^(2k+1)/(2k+1)
  const s = (num * ONE) / den;
  const s2 = (s * s) >> P;
  let term = s;
  let sum = 0n;
  for (let k = 1n; term !== 0n; k += 2n) {
    sum += term / k;
    term = (term * s2) >> P;
  }
  return 2n * sum;
}

/** Splits a fixed-point value into the nearest double and the nearest double of the rest. */
function split(v: bigint): [hi: number, lo: number] {
  const scale = 2 ** Number(P);
  const hi = Number(v) / scale; // Number(bigint) rounds to nearest; the division by 2^P is exact
  const rest = v - BigInt(hi * scale);
  return [hi, Number(rest) / scale];
}

/** A double with at most `bits` significant bits nearest to the fixed-point value v (Cody–Waite constants). */
function truncateBits(v: bigint, bits: number): number {
  const length = v.toString(2).length;
  const drop = BigInt(Math.max(0, length - bits));
  return Number((v >> drop) << drop) / 2 ** Number(P);
}

function build(): ReadonlyMap<FastFunctionName, (x: number) => number> {
  const LN2 = fixedLog(2n, 1n);
  const PI_DIGITS = 3141592653589793238462643383279502884197169399375105820974944592307816406286208998628034825342117067n;
  const PI_SCALE = 10n ** 99n;

  // exp: x = n·ln2/32 + r, |r| ≤ ln2/64; e^x = 2^(n>>5) · 2^((n&31)/32) · e^r.
  const EXP_N = 32;
  const EXP_HI = new Float64Array(EXP_N);
  const EXP_LO = new Float64Array(EXP_N);
  for (let j = 0; j < EXP_N; j++) [EXP_HI[j], EXP_LO[j]] = split(fixedExp((LN2 * BigInt(j)) / BigInt(EXP_N)));
  /** 2^k for -1023 ≤ k ≤ 1023, at index k + 1023 (exact; avoids assembling exponent bits). */
  const POW2 = new Float64Array(2047);
  for (let k = -1023; k <= 1023; k++) POW2[k + 1023] = 2 ** k;
  const INV_LN2_32 = EXP_N / Math.LN2; // rounding of n only; r is computed from the split constant below
  const LN2_32 = LN2 / BigInt(EXP_N);
  // 32 significant bits: n·LN2_32_HI is exact for |n| < 2^21.
  const LN2_32_HI = truncateBits(LN2_32, 32);
  const LN2_32_LO = Number(LN2_32 - BigInt(Math.round(LN2_32_HI * 2 ** 128))) / 2 ** 128;
  /** Round-to-nearest integer of |t| < 2^51 by adding and subtracting 1.5·2^52. */
  const SHIFT = 6755399441055744;
  // Fast paths: results stay normal and finite.
  const EXP_MIN = -708;
  const EXP_MAX = 709;

  // exp, expm1 and exprel are written once, as statement templates over a local `x` setting a
  // declared `out`: generated code inlines them (V8 does not inline ten calls into one loop), and
  // the functions below are compiled from the very same text, so both give the same bits.
  const k = (v: number): string => jsNumber(v);
  const reduce = (x: string): string =>
    `const $q_nf = ${x} * ${k(INV_LN2_32)} + ${k(SHIFT)} - ${k(SHIFT)}; const $q_n = $q_nf | 0; ` +
    `const $q_r = ${x} - $q_nf * ${k(LN2_32_HI)} - $q_nf * ${k(LN2_32_LO)};`;
  // e^r - 1 by Taylor to r^6 (exp: |r| ≤ 0.0109, truncation < 4e-18) or r^7 (expm1: relative to r itself < 3e-19).
  const taylor = (degree: 6 | 7): string => {
    let f = 1;
    const c = Array.from({ length: degree + 1 }, (_, i) => (i === 0 ? 1 : 1 / (f *= i)));
    let inner = k(c[degree]!);
    for (let i = degree - 1; i >= 2; i--) inner = `${k(c[i]!)} + $q_r * (${inner})`;
    return `const $q_p = $q_r + $q_r * $q_r * (${inner});`;
  };
  const expSource = (x: string, out: string): string =>
    `if (${x} > ${k(EXP_MIN)} && ${x} < ${k(EXP_MAX)}) { ${reduce(x)} ${taylor(6)} const $q_j = $q_n & 31; const $q_h = $fm_hi[$q_j]; ` +
    `${out} = $fm_p2[($q_n >> 5) + 1023] * ($q_h + ($fm_lo[$q_j] + $q_h * $q_p)); } else ${out} = $fm_exp(${x});`;
  // expm1: 2^k·T_hi - 1 is exact where it cancels (2^k·T_hi in [1/2, 2], Sterbenz); n = 0 keeps -0.
  const expm1Source = (x: string, out: string): string =>
    `if (${x} > ${k(EXP_MIN)} && ${x} < ${k(EXP_MAX)}) { ${reduce(x)} ${taylor(7)} ` +
    `if ($q_n === 0) ${out} = ${x} === 0 ? ${x} : $q_p; else { const $q_j = $q_n & 31; const $q_s = $fm_p2[($q_n >> 5) + 1023]; const $q_h = $fm_hi[$q_j]; ` +
    `${out} = $q_s * $q_h - 1 + $q_s * ($fm_lo[$q_j] + $q_h * $q_p); } } else ${out} = $fm_expm1(${x});`;
  // exprel: the exact function's cut-offs (|x| < 1e-16 → 1, x > 717 → Infinity; NaN falls through).
  const exprelSource = (x: string, out: string): string =>
    `if (${x} < 1e-16 && ${x} > -1e-16) ${out} = 1; else if (${x} > 717) ${out} = (1/0); else { ${expm1Source(x, out)} ${out} = ${out} / ${x}; }`;
  const captures = new Map<string, unknown>([
    ['$fm_hi', EXP_HI],
    ['$fm_lo', EXP_LO],
    ['$fm_p2', POW2],
    ['$fm_exp', Math.exp],
    ['$fm_expm1', Math.expm1],
  ]);
  const sources: Record<'exp' | 'expm1' | 'exprel', (x: string, out: string) => string> = { exp: expSource, expm1: expm1Source, exprel: exprelSource };
  inlineForms = {
    captures,
    source: (fn, x, out) => (Object.prototype.hasOwnProperty.call(sources, fn) ? sources[fn as 'exp'](x, out) : undefined),
  };
  const compiled = (fn: 'exp' | 'expm1' | 'exprel'): ((x: number) => number) =>
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- fixed text built above, no input
    new Function(...captures.keys(), `'use strict'; return function fast_${fn}(x) { let out; ${sources[fn]('x', 'out')} return out; };`)(...captures.values()) as (x: number) => number;
  /** e^x within 2 ulp; Math.exp outside (-708, 709) and for NaN. */
  const fastExp = compiled('exp');
  /** e^x - 1 within 2 ulp; Math.expm1 outside (-708, 709) and for NaN. */
  const fastExpm1 = compiled('expm1');
  /** (e^x - 1)/x with the singular point and overflow handled as the exact `exprel`: within 3 ulp of it. */
  const fastExprel = compiled('exprel');

  // log: x = 2^e·m, m in [1, 2); c = 1 + i/128 nearest to m; for c ≥ √2 use c/2 and e + 1, so that
  // log x = e·ln2 + log(c) + log1p(r) with no cancellation between the terms near x = 1.
  const LOG_N = 128;
  const LOG_HI = new Float64Array(LOG_N + 1);
  const LOG_LO = new Float64Array(LOG_N + 1);
  const LOG_INVC = new Float64Array(LOG_N + 1);
  const LOG_C = new Float64Array(LOG_N + 1);
  const LOG_E = new Int32Array(LOG_N + 1);
  for (let i = 0; i <= LOG_N; i++) {
    const c = 1 + i / LOG_N;
    const half = c * c >= 2;
    const [hi, lo] = split(fixedLog(BigInt(LOG_N + i), BigInt(half ? 2 * LOG_N : LOG_N)));
    LOG_HI[i] = hi;
    LOG_LO[i] = lo;
    LOG_C[i] = c;
    LOG_INVC[i] = 1 / c;
    LOG_E[i] = half ? 1 : 0;
  }
  const [LN2_HI, LN2_LO] = split(LN2);
  const SCRATCH = new Float64Array(1);
  const SCRATCH_HI = new Uint32Array(SCRATCH.buffer, new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 4 : 0, 1);
  const MIN_NORMAL = 2.2250738585072014e-308;

  /** Natural logarithm within 2 ulp; Math.log for 0, negatives, subnormals, +Infinity and NaN. */
  function fastLog(x: number): number {
    if (!(x >= MIN_NORMAL && x < Infinity)) return Math.log(x);
    SCRATCH[0] = x;
    const e = (SCRATCH_HI[0]! >>> 20) - 1023;
    const m = x * POW2[1023 - e]!; // exact: m in [1, 2)
    const i = ((m - 1) * LOG_N + 0.5) | 0;
    // m - c is exact (Sterbenz); one rounding in the product, |r| ≤ 1/256.
    const r = (m - LOG_C[i]!) * LOG_INVC[i]!;
    const ef = e + LOG_E[i]!;
    const r2 = r * r;
    // log1p(r) - r, Taylor to r^8 (truncation relative to r < 2e-19)
    const q = r2 * (-0.5 + r * (1 / 3 + r * (-0.25 + r * (0.2 + r * (-1 / 6 + r * (1 / 7 + r * -0.125))))));
    return ef * LN2_HI + LOG_HI[i]! + (r + (q + (LOG_LO[i]! + ef * LN2_LO)));
  }

  // sin/cos: x = n·π/2 + r, |r| ≤ π/4, with π/2 in three parts (33 + 33 + 53 bits).
  const PIO2 = (PI_DIGITS << P) / (2n * PI_SCALE);
  const PIO2_1 = truncateBits(PIO2, 33);
  const PIO2_REST1 = PIO2 - BigInt(PIO2_1 * 2 ** 128);
  const PIO2_2 = truncateBits(PIO2_REST1, 33);
  const PIO2_3 = Number(PIO2_REST1 - BigInt(PIO2_2 * 2 ** 128)) / 2 ** 128;
  const INV_PIO2 = Number((2n * PI_SCALE << P) / PI_DIGITS) / 2 ** 128;
  /** Above this |x| the reduction's n·PIO2_1 may be inexact: use Math.sin/Math.cos. */
  const TRIG_MAX = 2 ** 19 * (Math.PI / 2);

  // Taylor coefficients: sin to r^17, cos to r^16 (|r| ≤ π/4: truncation < 1e-19 relative).
  function sinPoly(r: number): number {
    const z = r * r;
    return r + r * z * (-1 / 6 + z * (1 / 120 + z * (-1 / 5040 + z * (1 / 362880 + z * (-1 / 39916800 + z * (1 / 6227020800 + z * (-1 / 1307674368000 + z * (1 / 355687428096000))))))));
  }
  function cosPoly(r: number): number {
    const z = r * r;
    const h = 0.5 * z;
    const w = 1 - h;
    // 1 - h rounds; add back its rounding error so the result keeps ≈ 1 ulp.
    return w + (1 - w - h + z * z * (1 / 24 + z * (-1 / 720 + z * (1 / 40320 + z * (-1 / 3628800 + z * (1 / 479001600 + z * (-1 / 87178291200 + z * (1 / 20922789888000))))))));
  }

  /** sin x within 2 ulp for |x| ≤ 2^19·π/2; Math.sin beyond and for NaN/±Infinity. */
  function fastSin(x: number): number {
    if (!(Math.abs(x) <= TRIG_MAX) || x === 0) return Math.sin(x); // ±0 stays ±0
    const nf = x * INV_PIO2 + SHIFT - SHIFT;
    const r = x - nf * PIO2_1 - nf * PIO2_2 - nf * PIO2_3;
    switch ((nf | 0) & 3) {
      case 0:
        return sinPoly(r);
      case 1:
        return cosPoly(r);
      case 2:
        return -sinPoly(r);
      default:
        return -cosPoly(r);
    }
  }

  /** cos x within 2 ulp for |x| ≤ 2^19·π/2; Math.cos beyond and for NaN/±Infinity. */
  function fastCos(x: number): number {
    if (!(Math.abs(x) <= TRIG_MAX)) return Math.cos(x);
    const nf = x * INV_PIO2 + SHIFT - SHIFT;
    const r = x - nf * PIO2_1 - nf * PIO2_2 - nf * PIO2_3;
    switch ((nf | 0) & 3) {
      case 0:
        return cosPoly(r);
      case 1:
        return -sinPoly(r);
      case 2:
        return -cosPoly(r);
      default:
        return sinPoly(r);
    }
  }

  return new Map([
    ['exp', fastExp],
    ['expm1', fastExpm1],
    ['exprel', fastExprel],
    ['log', fastLog],
    ['sin', fastSin],
    ['cos', fastCos],
  ]);
}

let built: ReadonlyMap<FastFunctionName, (x: number) => number> | undefined;
let inlineForms: FastInline | undefined;

/** The inline forms of the fast functions for the code generator. */
export interface FastInline {
  /** The values the inline statements read, by the names they use (`$fm_…`): capture them. */
  readonly captures: ReadonlyMap<string, unknown>;
  /**
   * Statements setting `out` (a declared `let`) to `fn(x)` for a local `x`, or undefined where
   * `fn` has no inline form. Block-scoped `$q_…` names only; the same bits as {@link fastMathFunctions}.
   */
  source(fn: string, x: string, out: string): string | undefined;
}

/** The inline forms (builds the tables on first use, as {@link fastMathFunctions}). */
export function fastMathInline(): FastInline {
  fastMathFunctions();
  return inlineForms!;
}

/** The names of the functions with a fast version. */
export type FastFunctionName = 'exp' | 'expm1' | 'exprel' | 'log' | 'sin' | 'cos';

/**
 * The fast replacements generated code calls in fast-math mode, by default-function name. The
 * tables are built on the first call (≈ 5 ms of BigInt arithmetic), so exact-mode programs never pay.
 */
export function fastMathFunctions(): ReadonlyMap<FastFunctionName, (x: number) => number> {
  return (built ??= build());
}

/**
 * The functions fast-math mode replaces: those measured faster than V8's `Math.*` (or the exact
 * `exprel`) in a generated-style loop (bench/codegen/fast-math.bench.ts, CPU time per element:
 * exp 0.49×, expm1 0.62×, exprel 0.64×, sin 0.91×, cos 0.86×). `log` has a fast version here but
 * measured slower (1.18×: its exponent needs a store and load through a Float64Array), so
 * generated code keeps `Math.log`.
 */
export const FAST_REPLACED: ReadonlySet<string> = new Set<FastFunctionName>(['exp', 'expm1', 'exprel', 'sin', 'cos']);

/**
 * ln 2 as a Cody–Waite pair for the WebAssembly kernels (wasm-math.ts): `hi` with 32 significant
 * bits (k·hi is exact for |k| < 2^21) and `lo` the nearest double of the rest.
 */
export function ln2Parts(): { readonly hi: number; readonly lo: number } {
  const LN2 = fixedLog(2n, 1n);
  const hi = truncateBits(LN2, 32);
  const lo = Number(LN2 - BigInt(hi * 2 ** Number(P))) / 2 ** Number(P);
  return { hi, lo };
}
