/** A 1-d array of values sharing one dimension (Brian2's array `Quantity`), backed by a Float64Array. */
import { absolute, binary, compare, negate, normalise, toFloat64 } from './arithmetic.ts';
import type { Operand } from './arithmetic.ts';
import { DIMENSIONLESS } from './dimension.ts';
import type { Dimension } from './dimension.ts';
import { formatInBestUnit, formatInUnit } from './display.ts';
import { UnitError } from './errors.ts';
import { arrayRepr, arrayStr } from './format.ts';
import { Quantity, checkInUnit, checkUnitArgument, displayTarget } from './quantity.ts';

const ELEMENT_ACCESS: ProxyHandler<QuantityArray> = {
  get(target, key, receiver) {
    if (typeof key === 'string') {
      const c = key.charCodeAt(0);
      if ((c >= 48 && c <= 57) || (c === 45 && key.length > 1)) {
        if (/^-?(?:0|[1-9]\d*)$/.test(key)) {
          const k = Number(key);
          return target.get(k < 0 ? k + target.values.length : k);
        }
      }
    }
    return Reflect.get(target, key, receiver);
  },
  has(target, key) {
    if (typeof key === 'string' && /^(?:0|[1-9]\d*)$/.test(key)) return Number(key) < target.values.length;
    return Reflect.has(target, key);
  },
  set(target, key, value, receiver) {
    if (typeof key === 'string' && /^-?(?:0|[1-9]\d*)$/.test(key)) {
      throw new UnitError(`Cannot assign to element ${key} of a QuantityArray by index; write to its SI values (q.values[${key}] = …).`);
    }
    return Reflect.set(target, key, value, receiver);
  },
};

/**
 * An array quantity: `ms([1, 2, 3])`. `values` holds the SI values; `in(unit)` converts.
 * Arithmetic is elementwise; scalars broadcast. Comparisons return `boolean[]`.
 * @example
 * const t = ms([1, 2, 3]);
 * t.in(second);   // Float64Array [0.001, 0.002, 0.003]
 * String(t)       // '[1. 2. 3.] ms'
 */
export class QuantityArray implements Iterable<Quantity> {
  /** The values in SI units. Mutating it mutates the array (as numpy does). */
  readonly values: Float64Array;
  /** The physical dimension shared by all elements. */
  readonly dim: Dimension;
  /**
   * Element `k` as a Quantity (`q[k]`, Brian2's `q[k]`; negative `k` counts from the end); an
   * index out of range throws UnitError, as numpy raises IndexError.
   */
  readonly [k: number]: Quantity;

  constructor(values: ArrayLike<number>, dim: Dimension = DIMENSIONLESS) {
    this.values = toFloat64(values, 'array');
    this.dim = dim;
    // Element access (`q[3]`) through a Proxy that only intercepts integer keys.
    return new Proxy(this, ELEMENT_ACCESS);
  }

  /** Number of elements. */
  get length(): number {
    return this.values.length;
  }

  /** Whether the dimension is 1. */
  get isDimensionless(): boolean {
    return this.dim === DIMENSIONLESS;
  }

  /** Whether `other` has the same dimension (plain numbers are dimensionless). */
  hasSameDimensions(other: Operand): boolean {
    return normalise(other).dim === this.dim;
  }

  /** Element `k` as a Quantity; throws UnitError when out of range. */
  get(k: number): Quantity {
    if (!Number.isInteger(k) || k < 0 || k >= this.values.length) {
      throw new UnitError(`Index ${k} is out of range for a QuantityArray of length ${this.values.length}.`);
    }
    return new Quantity(this.values[k]!, this.dim);
  }

  /** Element `k`, counting from the end for negative `k`; `undefined` when out of range. */
  at(k: number): Quantity | undefined {
    const v = this.values.at(k);
    return v === undefined ? undefined : new Quantity(v, this.dim);
  }

  /** Elements `start` (inclusive) to `end` (exclusive), as a copy. */
  slice(start?: number, end?: number): QuantityArray {
    return new QuantityArray(this.values.slice(start, end), this.dim);
  }

  *[Symbol.iterator](): Iterator<Quantity> {
    for (let k = 0; k < this.values.length; k++) yield new Quantity(this.values[k]!, this.dim);
  }

  /** The elements as Quantities (Brian2's `tolist()`). */
  toArray(): Quantity[] {
    return Array.from(this);
  }

  /** The values as plain numbers in `unit`. Throws DimensionMismatchError on a mismatch. */
  in(unit: Quantity): Float64Array {
    checkUnitArgument(this, unit);
    const out = new Float64Array(this.values.length);
    for (let k = 0; k < out.length; k++) out[k] = this.values[k]! / unit.value;
    return out;
  }

  /** Brian2's `in_unit`: `'[1. 2.] ms'`. */
  inUnit(unit: Quantity, precision?: number): string {
    checkInUnit(this, unit);
    return formatInUnit(this.values, displayTarget(unit), precision, false);
  }

  /** Brian2's `in_best_unit`. */
  inBestUnit(precision?: number): string {
    return formatInBestUnit(this.values, this.dim, precision, false);
  }

  /** Brian2's `str()`: `[1. 2. 3.] mV`; dimensionless arrays print like numpy arrays. */
  toString(): string {
    if (this.dim === DIMENSIONLESS) return arrayStr(this.values);
    return formatInBestUnit(this.values, this.dim, undefined, false);
  }

  /** Brian2's `repr()`: `array([1., 2., 3.]) * mvolt`. */
  toPythonString(): string {
    if (this.dim === DIMENSIONLESS) return arrayRepr(this.values);
    return formatInBestUnit(this.values, this.dim, undefined, true);
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  /** Elementwise sum; dimensions must match (plain zeros match any). */
  plus(other: Operand): QuantityArray {
    return binary('+', this, other) as QuantityArray;
  }

  /** Elementwise difference; dimensions must match (plain zeros match any). */
  minus(other: Operand): QuantityArray {
    return binary('-', this, other) as QuantityArray;
  }

  /** Elementwise product. */
  times(other: Operand): QuantityArray {
    return binary('*', this, other) as QuantityArray;
  }

  /** Elementwise quotient. */
  div(other: Operand): QuantityArray {
    return binary('/', this, other) as QuantityArray;
  }

  /** Elementwise floor division. */
  floorDiv(other: Operand): QuantityArray {
    return binary('//', this, other) as QuantityArray;
  }

  /** Elementwise Python `%`; dimensions must match. */
  mod(other: Operand): QuantityArray {
    return binary('%', this, other) as QuantityArray;
  }

  /** Elementwise power with a dimensionless scalar exponent. */
  pow(exponent: number | Quantity): QuantityArray {
    return binary('**', this, exponent) as QuantityArray;
  }

  /** Elementwise negation. */
  neg(): QuantityArray {
    return negate(this) as QuantityArray;
  }

  /** Elementwise absolute value. */
  abs(): QuantityArray {
    return absolute(this) as QuantityArray;
  }

  /** Elementwise `<`. */
  lt(other: Operand): boolean[] {
    return compare('<', this, other) as boolean[];
  }

  /** Elementwise `<=`. */
  le(other: Operand): boolean[] {
    return compare('<=', this, other) as boolean[];
  }

  /** Elementwise `>`. */
  gt(other: Operand): boolean[] {
    return compare('>', this, other) as boolean[];
  }

  /** Elementwise `>=`. */
  ge(other: Operand): boolean[] {
    return compare('>=', this, other) as boolean[];
  }

  /** Elementwise `==`. */
  eq(other: Operand): boolean[] {
    return compare('==', this, other) as boolean[];
  }

  /** Elementwise `!=`. */
  ne(other: Operand): boolean[] {
    return compare('!=', this, other) as boolean[];
  }

  /** Sum of the elements (numpy's pairwise summation), same dimension. */
  sum(): Quantity {
    return new Quantity(numpySum(this.values), this.dim);
  }

  /** Mean of the elements, same dimension. */
  mean(): Quantity {
    return new Quantity(numpySum(this.values) / this.values.length, this.dim);
  }

  /** Smallest element (NaN if any is NaN); throws UnitError when empty. */
  min(): Quantity {
    return new Quantity(extreme(this.values, 'min'), this.dim);
  }

  /** Largest element (NaN if any is NaN); throws UnitError when empty. */
  max(): Quantity {
    return new Quantity(extreme(this.values, 'max'), this.dim);
  }

  /** Variance (population, as numpy's default); the dimension is squared. */
  variance(): Quantity {
    return new Quantity(numpyVar(this.values), this.dim.pow(2));
  }

  /** Standard deviation (population, as numpy's default), same dimension. */
  std(): Quantity {
    return new Quantity(Math.sqrt(numpyVar(this.values)), this.dim);
  }

  /** Running sum, same dimension. */
  cumsum(): QuantityArray {
    const out = new Float64Array(this.values.length);
    let acc = 0;
    for (let k = 0; k < out.length; k++) out[k] = acc = k === 0 ? this.values[0]! : acc + this.values[k]!;
    return new QuantityArray(out, this.dim);
  }
}

function extreme(values: Float64Array, which: 'min' | 'max'): number {
  if (values.length === 0) {
    throw new UnitError(`zero-size array to reduction operation ${which === 'min' ? 'minimum' : 'maximum'} which has no identity`);
  }
  let best = values[0]!;
  for (let k = 1; k < values.length; k++) {
    const v = values[k]!;
    if (Number.isNaN(v)) return NaN;
    if (which === 'min' ? v < best : v > best) best = v;
  }
  return best;
}

/** numpy's pairwise summation (`DOUBLE_pairwise_sum`), so sums agree with Brian2 to the last bit. */
function pairwiseSum(a: Float64Array, start: number, n: number): number {
  if (n < 8) {
    let res = -0; // numpy starts from -0.0 so that a sum of -0.0 stays -0.0
    for (let k = 0; k < n; k++) res += a[start + k]!;
    return res;
  }
  if (n <= 128) {
    const r = new Float64Array(8);
    for (let j = 0; j < 8; j++) r[j] = a[start + j]!;
    let k = 8;
    for (; k < n - (n % 8); k += 8) for (let j = 0; j < 8; j++) r[j] = r[j]! + a[start + k + j]!;
    let res = r[0]! + r[1]! + (r[2]! + r[3]!) + (r[4]! + r[5]! + (r[6]! + r[7]!));
    for (; k < n; k++) res += a[start + k]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, start, n2) + pairwiseSum(a, start + n2, n - n2);
}

/** numpy's `add.reduce` over a contiguous float64 array (checked against numpy 1.24 bit for bit). */
export function numpySum(values: Float64Array): number {
  if (values.length === 0) return 0;
  return pairwiseSum(values, 0, values.length);
}

function numpyVar(values: Float64Array): number {
  const mean = numpySum(values) / values.length;
  const sq = new Float64Array(values.length);
  for (let k = 0; k < sq.length; k++) {
    const d = values[k]! - mean;
    sq[k] = d * d;
  }
  return numpySum(sq) / values.length;
}
