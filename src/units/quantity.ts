/** A scalar physical quantity: an SI value with a dimension (Brian2's 0-d `Quantity`). */
import { absolute, binary, checkSameDimensions, compare, negate, normalise, shortStr } from './arithmetic.ts';
import type { Operand } from './arithmetic.ts';
import { DIMENSIONLESS } from './dimension.ts';
import type { Dimension } from './dimension.ts';
import { formatInBestUnit, formatInUnit } from './display.ts';
import type { DisplayTarget } from './display.ts';
import { DimensionMismatchError, UnitError } from './errors.ts';
import { pythonFloatRepr } from './format.ts';
import type { QuantityArray } from './quantity-array.ts';

/** A plain scalar or scalar quantity. */
export type ScalarOperand = number | Quantity;
/** A plain array or array quantity. */
export type ArrayOperand = ArrayLike<number> | QuantityArray;

/**
 * A scalar quantity. Create one by calling a unit: `mV(-70)`. `value` is the SI value; use
 * `q.in(ms)` for the number in another unit. A quantity with dimensions never silently turns into
 * a plain number: `+mV(3)` throws, while a dimensionless one (`mV(6).div(mV(3))`) acts as a number.
 * @example
 * const v = mV(-70);
 * v.in(volt);               // -0.07
 * String(mV(3).times(nS(2))) // '6. pA'
 */
export class Quantity {
  /** The value in SI units (volt for mV). */
  readonly value: number;
  /** The physical dimension. */
  readonly dim: Dimension;

  constructor(value: number, dim: Dimension = DIMENSIONLESS) {
    if (typeof value !== 'number') throw new UnitError(`A Quantity needs a number as value, got ${typeof value}.`);
    this.value = value;
    this.dim = dim;
  }

  /** The SI value (same as `value`; mirrors `QuantityArray.values`). */
  get values(): number {
    return this.value;
  }

  /** Whether this is a named Unit (mV, volt) rather than a plain quantity. */
  get isUnit(): boolean {
    return false;
  }

  /** Whether the dimension is 1. */
  get isDimensionless(): boolean {
    return this.dim === DIMENSIONLESS;
  }

  /** Whether `other` has the same dimension (plain numbers are dimensionless). */
  hasSameDimensions(other: Operand): boolean {
    return normalise(other).dim === this.dim;
  }

  /** The value as a plain number in `unit`: `ms(5).in(second)` is 0.005. Throws on a dimension mismatch. */
  in(unit: Quantity): number {
    checkUnitArgument(this, unit);
    return this.value / unit.value;
  }

  /** Brian2's `in_unit`: `mV(25.123456).inUnit(volt, 3)` is `'0.025 V'`. */
  inUnit(unit: Quantity, precision?: number): string {
    checkInUnit(this, unit);
    return formatInUnit(this.value, displayTarget(unit), precision, false);
  }

  /** Brian2's `in_best_unit`: `volt(0.00123456).inBestUnit(3)` is `'1.235 mV'`. */
  inBestUnit(precision?: number): string {
    return formatInBestUnit(this.value, this.dim, precision, false);
  }

  /** Brian2's `str()`: `-70. mV`; a dimensionless quantity prints like a Python float (`2.0`). */
  toString(): string {
    if (this.dim === DIMENSIONLESS) return pythonFloatRepr(this.value);
    return formatInBestUnit(this.value, this.dim, undefined, false);
  }

  /** Brian2's `repr()`: `-70. * mvolt`. */
  toPythonString(): string {
    if (this.dim === DIMENSIONLESS) return pythonFloatRepr(this.value);
    return formatInBestUnit(this.value, this.dim, undefined, true);
  }

  /** The plain number of a dimensionless quantity; throws DimensionMismatchError otherwise. */
  valueOf(): number {
    if (this.dim !== DIMENSIONLESS) {
      throw new DimensionMismatchError(
        `Cannot use ${shortStr(normalise(this))} as a plain number, it has units; ` +
          'use .in(unit) for its value in a unit or .value for the SI value',
        this.dim,
      );
    }
    return this.value;
  }

  [Symbol.toPrimitive](hint: string): string | number {
    return hint === 'string' ? this.toString() : this.valueOf();
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  /** Sum; dimensions must match (a plain 0 matches any). */
  plus(other: ScalarOperand): Quantity;
  plus(other: ArrayOperand): QuantityArray;
  plus(other: Operand): Quantity | QuantityArray;
  plus(other: Operand): Quantity | QuantityArray {
    return binary('+', this, other);
  }

  /** Difference; dimensions must match (a plain 0 matches any). */
  minus(other: ScalarOperand): Quantity;
  minus(other: ArrayOperand): QuantityArray;
  minus(other: Operand): Quantity | QuantityArray;
  minus(other: Operand): Quantity | QuantityArray {
    return binary('-', this, other);
  }

  /** Product; dimensions multiply. */
  times(other: ScalarOperand): Quantity;
  times(other: ArrayOperand): QuantityArray;
  times(other: Operand): Quantity | QuantityArray;
  times(other: Operand): Quantity | QuantityArray {
    return binary('*', this, other);
  }

  /** Quotient; dimensions divide. */
  div(other: ScalarOperand): Quantity;
  div(other: ArrayOperand): QuantityArray;
  div(other: Operand): Quantity | QuantityArray;
  div(other: Operand): Quantity | QuantityArray {
    return binary('/', this, other);
  }

  /** Floor division (Python `//`); dimensions divide. */
  floorDiv(other: ScalarOperand): Quantity;
  floorDiv(other: ArrayOperand): QuantityArray;
  floorDiv(other: Operand): Quantity | QuantityArray;
  floorDiv(other: Operand): Quantity | QuantityArray {
    return binary('//', this, other);
  }

  /** Python's `%` (sign of the divisor); dimensions must match. */
  mod(other: ScalarOperand): Quantity;
  mod(other: ArrayOperand): QuantityArray;
  mod(other: Operand): Quantity | QuantityArray;
  mod(other: Operand): Quantity | QuantityArray {
    return binary('%', this, other);
  }

  /** Power with a dimensionless scalar exponent; the dimension is raised too. */
  pow(exponent: number | Quantity): Quantity {
    return binary('**', this, exponent) as Quantity;
  }

  /** Negation. */
  neg(): Quantity {
    return negate(this) as Quantity;
  }

  /** Absolute value. */
  abs(): Quantity {
    return absolute(this) as Quantity;
  }

  /** `<`; dimensions must match (plain 0 and ±inf match any). */
  lt(other: ScalarOperand): boolean;
  lt(other: ArrayOperand): boolean[];
  lt(other: Operand): boolean | boolean[] {
    return compare('<', this, other);
  }

  /** `<=`; dimensions must match (plain 0 and ±inf match any). */
  le(other: ScalarOperand): boolean;
  le(other: ArrayOperand): boolean[];
  le(other: Operand): boolean | boolean[] {
    return compare('<=', this, other);
  }

  /** `>`; dimensions must match (plain 0 and ±inf match any). */
  gt(other: ScalarOperand): boolean;
  gt(other: ArrayOperand): boolean[];
  gt(other: Operand): boolean | boolean[] {
    return compare('>', this, other);
  }

  /** `>=`; dimensions must match (plain 0 and ±inf match any). */
  ge(other: ScalarOperand): boolean;
  ge(other: ArrayOperand): boolean[];
  ge(other: Operand): boolean | boolean[] {
    return compare('>=', this, other);
  }

  /** `==` on values; dimensions must match (plain 0 and ±inf match any). */
  eq(other: ScalarOperand): boolean;
  eq(other: ArrayOperand): boolean[];
  eq(other: Operand): boolean | boolean[] {
    return compare('==', this, other);
  }

  /** `!=` on values; dimensions must match (plain 0 and ±inf match any). */
  ne(other: ScalarOperand): boolean;
  ne(other: ArrayOperand): boolean[];
  ne(other: Operand): boolean | boolean[] {
    return compare('!=', this, other);
  }
}

/** How a quantity used as a unit displays: a Unit by its names, a bare quantity by its dimension. */
export function displayTarget(unit: Quantity): DisplayTarget {
  if (unit.isUnit) {
    const u = unit as Quantity & { dispname: string; name: string };
    return { scale: unit.value, dim: unit.dim, dispname: u.dispname, name: u.name };
  }
  return { scale: unit.value, dim: unit.dim };
}

/** Validates the target of `in(unit)`. */
export function checkUnitArgument(self: Quantity | QuantityArray, unit: Quantity): void {
  if (!(unit instanceof Quantity)) {
    throw new UnitError(`in(unit) expects a Unit or a Quantity (e.g. mV), got ${unit === null ? 'null' : typeof unit}.`);
  }
  if (unit.dim !== self.dim) {
    const target = unit.isUnit ? (unit as Quantity & { dispname: string }).dispname : unit.toString();
    throw new DimensionMismatchError(
      `Cannot express ${shortStr(normalise(self))} in ${target}, units do not match`,
      self.dim,
      unit.dim,
    );
  }
}

/** Brian2's check in `in_unit`: 'Non-matching unit for method "in_unit"'. */
export function checkInUnit(self: Quantity | QuantityArray, unit: Quantity): void {
  if (!(unit instanceof Quantity)) {
    throw new UnitError(`inUnit(unit) expects a Unit or a Quantity (e.g. mV), got ${unit === null ? 'null' : typeof unit}.`);
  }
  checkSameDimensions(normalise(self), normalise(unit), () => 'Non-matching unit for method "in_unit"');
}
