/**
 * numpy-compatible number formatting (numpy 1.24 `arrayprint`, the version Brian2 2.5.1 runs on):
 * Dragon4 positional/scientific output with precision 8 and `maxprec` float mode, the common
 * width and scientific-switch rules of `FloatingFormat`, `array2string` line wrapping and
 * `...` summarisation, plus Python's `repr(float)`. Brian2's `str(quantity)` is built on these,
 * so matching them digit for digit is what makes our display identical to Brian2's.
 */

/** numpy print options that matter for Brian2's display. */
export interface PrintOptions {
  /** Digits after the decimal point (numpy default 8). */
  readonly precision: number;
  /** Arrays with more elements than this are summarised (numpy default 1000). */
  readonly threshold: number;
  /** Elements shown at each end of a summarised array (numpy default 3). */
  readonly edgeitems: number;
  /** Maximum line width before wrapping (numpy default 75). */
  readonly linewidth: number;
}

/** numpy's default print options. */
export const DEFAULT_PRINT_OPTIONS: PrintOptions = { precision: 8, threshold: 1000, edgeitems: 3, linewidth: 75 };
/** The options Brian2's `_short_str` uses for quantities inside error messages. */
export const SHORT_PRINT_OPTIONS: PrintOptions = { precision: 8, threshold: 5, edgeitems: 2, linewidth: 75 };

/** A non-negative decimal `0.digits × 10^point`; `digits` has no leading or trailing zeros ('' is zero). */
interface Decimal {
  readonly digits: string;
  readonly point: number;
}

const float64 = new Float64Array(1);
const bits = new BigUint64Array(float64.buffer);

/** The exact decimal expansion of |x| (finite x): every binary double is a finite decimal. */
function exactDecimal(x: number): Decimal {
  float64[0] = Math.abs(x);
  const raw = bits[0]!;
  const biased = Number((raw >> 52n) & 0x7ffn);
  let mantissa = raw & 0xfffffffffffffn;
  let exponent: number;
  if (biased === 0) {
    exponent = -1074;
  } else {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  if (mantissa === 0n) return { digits: '', point: 0 };
  let digits: string;
  let point: number;
  if (exponent >= 0) {
    digits = (mantissa << BigInt(exponent)).toString();
    point = digits.length;
  } else {
    digits = (mantissa * 5n ** BigInt(-exponent)).toString();
    point = digits.length + exponent;
  }
  return stripZeros(digits, point);
}

function stripZeros(digits: string, point: number): Decimal {
  let start = 0;
  while (start < digits.length && digits[start] === '0') start++;
  let end = digits.length;
  while (end > start && digits[end - 1] === '0') end--;
  if (start === end) return { digits: '', point: 0 };
  return { digits: digits.slice(start, end), point: point - start };
}

/** The shortest digits that round-trip (what Python's repr and JS's toString both choose). */
function shortestDecimal(x: number): Decimal {
  if (x === 0) return { digits: '', point: 0 };
  const [mantissa, exp] = Math.abs(x).toExponential().split('e') as [string, string];
  return stripZeros(mantissa.replace('.', ''), Number(exp) + 1);
}

/** Keeps the first `keep` digits of `d`, rounding the rest half-to-even (numpy's "unbiased" rounding). */
function roundDigits(d: Decimal, keep: number): Decimal {
  if (keep >= d.digits.length) return d;
  if (keep < 0) return { digits: '', point: 0 };
  const kept = d.digits.slice(0, keep);
  const first = d.digits.charCodeAt(keep) - 48;
  let up: boolean;
  if (first !== 5) {
    up = first > 5;
  } else if (keep + 1 < d.digits.length) {
    up = true; // digits are stripped of trailing zeros, so anything after the 5 is non-zero
  } else {
    const last = keep > 0 ? kept.charCodeAt(keep - 1) - 48 : 0;
    up = last % 2 === 1;
  }
  if (!up) return stripZeros(kept, d.point);
  // Increment the kept digits as a decimal string; a carry out of the top adds a digit.
  const chars = kept.split('');
  let k = chars.length - 1;
  while (k >= 0 && chars[k] === '9') {
    chars[k] = '0';
    k--;
  }
  if (k < 0) return stripZeros('1' + chars.join(''), d.point + 1);
  chars[k] = String.fromCharCode(chars[k]!.charCodeAt(0) + 1);
  return stripZeros(chars.join(''), d.point);
}

/** Options of numpy's `dragon4_positional` / `dragon4_scientific` that FloatingFormat uses. */
interface Dragon4Options {
  readonly precision: number;
  /** Print at least this many fractional digits (exact digits, not zero padding). */
  readonly minDigits: number;
  /** 'k': keep trailing zeros up to `minDigits`; '.': trim zeros, keep the point. */
  readonly trim: 'k' | '.';
  readonly padLeft: number;
  readonly padRight: number;
  /** Minimum exponent digits (scientific only). */
  readonly expDigits: number;
}

/** numpy's `format_float_positional(x, precision, unique=True, fractional=True, ...)`. */
function dragon4Positional(x: number, o: Dragon4Options): string {
  const negative = x < 0 || Object.is(x, -0);
  let d = shortestDecimal(x);
  const fracLen = Math.max(0, d.digits.length - d.point);
  if (fracLen > o.precision) d = roundDigits(exactDecimal(x), exactDecimal(x).point + o.precision);
  else if (fracLen < o.minDigits) d = roundDigits(exactDecimal(x), exactDecimal(x).point + o.minDigits);
  let intPart: string;
  let frac: string;
  if (d.digits === '') {
    intPart = '0';
    frac = '';
  } else if (d.point <= 0) {
    intPart = '0';
    frac = '0'.repeat(-d.point) + d.digits;
  } else {
    intPart = d.digits.slice(0, d.point).padEnd(d.point, '0');
    frac = d.digits.slice(d.point);
  }
  if (frac.length < o.minDigits) frac = frac.padEnd(o.minDigits, '0');
  const left = (negative ? '-' : '') + intPart;
  return left.padStart(o.padLeft, ' ') + '.' + frac.padEnd(o.padRight, ' ');
}

/** numpy's `format_float_scientific(x, precision, unique=True, ...)`. */
function dragon4Scientific(x: number, o: Dragon4Options): string {
  const negative = x < 0 || Object.is(x, -0);
  let d = shortestDecimal(x);
  const fracLen = Math.max(0, d.digits.length - 1);
  if (fracLen > o.precision) d = roundDigits(exactDecimal(x), o.precision + 1);
  else if (fracLen < o.minDigits && d.digits !== '') d = roundDigits(exactDecimal(x), o.minDigits + 1);
  const digits = d.digits === '' ? '0' : d.digits;
  const exponent = d.digits === '' ? 0 : d.point - 1;
  let frac = digits.slice(1);
  if (o.trim === 'k' && frac.length < o.minDigits) frac = frac.padEnd(o.minDigits, '0');
  const left = (negative ? '-' : '') + digits[0];
  const exp = String(Math.abs(exponent)).padStart(Math.max(o.expDigits, 2), '0');
  return `${left.padStart(o.padLeft, ' ')}.${frac}e${exponent < 0 ? '-' : '+'}${exp}`;
}

/** numpy's `FloatingFormat` (floatmode 'maxprec', sign '-'): one formatter for all shown elements. */
export function floatingFormatter(data: ArrayLike<number>, precision: number): (x: number) => string {
  const finite: number[] = [];
  for (let k = 0; k < data.length; k++) if (Number.isFinite(data[k]!)) finite.push(data[k]!);
  let expFormat = false;
  let maxVal = -Infinity;
  let minVal = Infinity;
  for (const v of finite) {
    const a = Math.abs(v);
    if (a === 0) continue;
    if (a > maxVal) maxVal = a;
    if (a < minVal) minVal = a;
  }
  if (maxVal !== -Infinity && (maxVal >= 1e8 || minVal < 0.0001 || maxVal / minVal > 1000)) expFormat = true;

  let padLeft = 0;
  let padRight = 0;
  let options: Dragon4Options;
  if (finite.length === 0) {
    options = { precision, minDigits: 0, trim: '.', padLeft: 0, padRight: 0, expDigits: -1 };
  } else if (expFormat) {
    const first = { precision, minDigits: 0, trim: '.' as const, padLeft: 0, padRight: 0, expDigits: -1 };
    let expSize = 0;
    let fracPrecision = 0;
    for (const v of finite) {
      const s = dragon4Scientific(v, first);
      const [mantissa, exp] = s.split('e') as [string, string];
      const [intPart, frac] = mantissa.split('.') as [string, string];
      expSize = Math.max(expSize, exp.length - 1);
      fracPrecision = Math.max(fracPrecision, frac.length);
      padLeft = Math.max(padLeft, intPart.length);
    }
    padRight = expSize + 2 + fracPrecision;
    options = { precision: fracPrecision, minDigits: fracPrecision, trim: 'k', padLeft, padRight: 0, expDigits: expSize };
  } else {
    const first = { precision, minDigits: 0, trim: '.' as const, padLeft: 0, padRight: 0, expDigits: -1 };
    for (const v of finite) {
      const [intPart, frac] = dragon4Positional(v, first).split('.') as [string, string];
      padLeft = Math.max(padLeft, intPart.length);
      padRight = Math.max(padRight, frac.length);
    }
    options = { precision, minDigits: 0, trim: '.', padLeft, padRight, expDigits: -1 };
  }
  if (finite.length !== data.length) {
    // Non-finite values may widen the left padding so that 'nan' / '-inf' fit the column.
    let negInf = false;
    for (let k = 0; k < data.length; k++) if (data[k] === -Infinity) negInf = true;
    const offset = padRight + 1;
    padLeft = Math.max(padLeft, 3 - offset, 3 + (negInf ? 1 : 0) - offset);
    options = { ...options, padLeft };
  }
  const width = padLeft + padRight + 1;
  return (x: number): string => {
    if (!Number.isFinite(x)) {
      const s = Number.isNaN(x) ? 'nan' : x < 0 ? '-inf' : 'inf';
      return s.padStart(width, ' ');
    }
    return expFormat ? dragon4Scientific(x, options) : dragon4Positional(x, options);
  };
}

/** The elements numpy shows for a summarised 1-d array (`_leading_trailing`). */
export function shownElements(values: ArrayLike<number>, options: PrintOptions): ArrayLike<number> {
  if (values.length <= options.threshold || values.length <= 2 * options.edgeitems) return values;
  const shown: number[] = [];
  for (let k = 0; k < options.edgeitems; k++) shown.push(values[k]!);
  for (let k = values.length - options.edgeitems; k < values.length; k++) shown.push(values[k]!);
  return shown;
}

function extendLine(s: string, line: string, word: string, width: number, prefix: string): [string, string] {
  const needsWrap = line.length + word.length > width && line.length > prefix.length;
  if (needsWrap) {
    s += line.trimEnd() + '\n';
    line = prefix;
  }
  return [s, line + word];
}

/**
 * numpy's `array2string` for a 1-d float64 array: `[1. 2. 3.]`, wrapped at `linewidth`,
 * summarised as `[0. 1. 2. ... 7. 8. 9.]` above `threshold` elements.
 */
export function arrayToString(
  values: ArrayLike<number>,
  options: PrintOptions = DEFAULT_PRINT_OPTIONS,
  layout: { separator?: string; prefix?: string; suffix?: string } = {},
): string {
  if (values.length === 0) return '[]';
  const summarise = values.length > options.threshold;
  const format = floatingFormatter(summarise ? shownElements(values, options) : values, options.precision);
  return layoutArray(values, options, format, layout);
}

/** numpy's `_formatArray` for one dimension: hanging indent, wrapping, `...` summary. */
function layoutArray(
  values: ArrayLike<number>,
  options: PrintOptions,
  format: (x: number) => string,
  { separator = ' ', prefix = '', suffix = '' }: { separator?: string; prefix?: string; suffix?: string },
): string {
  const hanging = ' ' + ' '.repeat(prefix.length);
  const elemWidth = options.linewidth - suffix.length - Math.max(separator.trimEnd().length, 1);
  const showSummary = values.length > options.threshold && 2 * options.edgeitems < values.length;
  const leading = showSummary ? options.edgeitems : 0;
  const trailing = showSummary ? options.edgeitems : values.length;
  let s = '';
  let line = hanging;
  for (let k = 0; k < leading; k++) {
    [s, line] = extendLine(s, line, format(values[k]!), elemWidth, hanging);
    line += separator;
  }
  if (showSummary) {
    [s, line] = extendLine(s, line, '...', elemWidth, hanging);
    line += separator;
  }
  for (let k = trailing; k > 1; k--) {
    [s, line] = extendLine(s, line, format(values[values.length - k]!), elemWidth, hanging);
    line += separator;
  }
  [s, line] = extendLine(s, line, format(values[values.length - 1]!), elemWidth, hanging);
  s += line;
  return '[' + s.slice(hanging.length) + ']';
}

/** numpy's `array_str` of a 1-d float64 array. */
export function arrayStr(values: ArrayLike<number>, options: PrintOptions = DEFAULT_PRINT_OPTIONS): string {
  return arrayToString(values, options);
}

/** numpy's `array_repr` of a 1-d float64 array: `array([1., 2.])`. */
export function arrayRepr(values: ArrayLike<number>, options: PrintOptions = DEFAULT_PRINT_OPTIONS): string {
  if (values.length === 0) return 'array([], dtype=float64)';
  return 'array(' + arrayToString(values, options, { separator: ', ', prefix: 'array(', suffix: ')' }) + ')';
}

/** A scalar formatted as numpy formats a one-element array, without the brackets (Brian2's `in_unit`). */
export function scalarStr(value: number, options: PrintOptions = DEFAULT_PRINT_OPTIONS): string {
  return arrayToString([value], options).replace(/[[\]]/g, '').trim();
}

/** Python's `repr(float)` / `str(float)`: `5.0`, `0.001`, `1e-05`, `1.5e+16`, `inf`, `nan`. */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const d = shortestDecimal(x);
  if (d.digits === '') return sign + '0.0';
  const exponent = d.point - 1;
  if (exponent >= -4 && exponent < 16) {
    if (d.point <= 0) return `${sign}0.${'0'.repeat(-d.point)}${d.digits}`;
    if (d.point >= d.digits.length) return `${sign}${d.digits.padEnd(d.point, '0')}.0`;
    return `${sign}${d.digits.slice(0, d.point)}.${d.digits.slice(d.point)}`;
  }
  const mantissa = d.digits.length > 1 ? `${d.digits[0]}.${d.digits.slice(1)}` : d.digits;
  return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/**
 * How Python prints a plain number: integers as ints (`2`), others as floats (`2.5`).
 * JS cannot tell `2` from `2.0`; treating whole numbers as ints matches what users usually wrote.
 */
export function pythonNumberStr(x: number): string {
  return Number.isInteger(x) && !Object.is(x, -0) ? String(x) : pythonFloatRepr(x);
}

/** numpy's str of a plain array built from a JS array: integer arrays print as `[1 2 3]`. */
export function plainArrayStr(values: ArrayLike<number>, options: PrintOptions = DEFAULT_PRINT_OPTIONS): string {
  const isFloatArray = values instanceof Float64Array || values instanceof Float32Array;
  let allInts = !isFloatArray;
  for (let k = 0; allInts && k < values.length; k++) allInts = Number.isInteger(values[k]!) && Math.abs(values[k]!) < 2 ** 53;
  if (!allInts || values.length === 0) return arrayStr(values, options);
  const shown = values.length > options.threshold ? shownElements(values, options) : values;
  let width = 0;
  for (let k = 0; k < shown.length; k++) width = Math.max(width, String(shown[k]!).length);
  // numpy right-aligns integers to a common width; reuse the float wrapper with a custom formatter.
  return layoutArray(values, options, (v) => String(v).padStart(width, ' '), {});
}
