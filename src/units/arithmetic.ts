/**
 * The unit-aware arithmetic engine behind every Quantity / QuantityArray / Unit method, with
 * Brian2's Python semantics: which operand's method runs (reflected operators for a plain left
 * operand), which dimensions must match, the plain-zero (and, in comparisons, ±inf) exemption,
 * and the exact error wording. Dimensionless non-unit quantities act as plain numbers, as Brian2's
 * dimensionless results are plain floats / ndarrays.
 */
import { pythonFloorDiv, pythonMod } from '../util/index.ts';
import { DIMENSIONLESS } from './dimension.ts';
import type { Dimension } from './dimension.ts';
import { formatInBestUnit } from './display.ts';
import { DimensionMismatchError, ShapeMismatchError, UnitError } from './errors.ts';
import { SHORT_PRINT_OPTIONS, arrayStr, plainArrayStr, pythonFloatRepr, pythonNumberStr, scalarStr } from './format.ts';
import { Quantity } from './quantity.ts';
import { QuantityArray } from './quantity-array.ts';

/** Anything arithmetic accepts: plain numbers and arrays are dimensionless. */
export type Operand = number | ArrayLike<number> | Quantity | QuantityArray;

/** Values of a broadcastable operand: a scalar or an array. */
export type Values = number | Float64Array;

/** An operand reduced to values and dimension, remembering how Brian2 would see it. */
export interface Normalised {
  readonly v: Values;
  readonly dim: Dimension;
  /** Brian2 would hold a Quantity (a plain number, array or dimensionless result would not). */
  readonly quantity: boolean;
  readonly unit: boolean;
  readonly src: Operand;
}

/** Builds compound units; installed by unit.ts (a Unit cannot exist before that module loads). */
export interface CompoundUnitFactory {
  times(a: Quantity, b: Quantity): Quantity;
  div(a: Quantity, b: Quantity): Quantity;
  pow(a: Quantity, exponent: number): Quantity;
}
let compound: CompoundUnitFactory | undefined;
/** @internal Called once by unit.ts. */
export function installCompoundUnitFactory(factory: CompoundUnitFactory): void {
  compound = factory;
}
function compoundUnits(): CompoundUnitFactory {
  if (compound === undefined) throw new UnitError('Internal: unit.ts was not loaded before units were combined.');
  return compound;
}

/** Copies a plain array into a Float64Array, rejecting non-numbers with a typed error. */
export function toFloat64(values: ArrayLike<number>, what = 'value'): Float64Array {
  if (values instanceof Float64Array) return values;
  const out = new Float64Array(values.length);
  for (let k = 0; k < values.length; k++) {
    const x = values[k];
    if (typeof x !== 'number') {
      throw new UnitError(`Expected a number at index ${k} of the ${what}, got ${x === null ? 'null' : typeof x}.`);
    }
    out[k] = x;
  }
  return out;
}

/** Reduces an operand to values and dimension (throws UnitError for non-numeric input). */
export function normalise(x: Operand, what = 'operand'): Normalised {
  if (x instanceof Quantity) {
    const unit = x.isUnit;
    return { v: x.value, dim: x.dim, quantity: unit || x.dim !== DIMENSIONLESS, unit, src: x };
  }
  if (x instanceof QuantityArray) {
    return { v: x.values, dim: x.dim, quantity: x.dim !== DIMENSIONLESS, unit: false, src: x };
  }
  if (typeof x === 'number') return { v: x, dim: DIMENSIONLESS, quantity: false, unit: false, src: x };
  if (Array.isArray(x) || ArrayBuffer.isView(x)) {
    return { v: toFloat64(x, what), dim: DIMENSIONLESS, quantity: false, unit: false, src: x };
  }
  // Objects that convert themselves (a group's VariableView, like numpy's __array__): `mV(3).plus(G.v)`.
  const convert = (x as { toQuantityArray?: unknown } | null)?.toQuantityArray;
  if (typeof convert === 'function') {
    const q: unknown = convert.call(x);
    if (q instanceof QuantityArray) return normalise(q, what);
  }
  throw new UnitError(
    `Expected a number, an array of numbers, a Quantity or a QuantityArray as ${what}, got ${describeType(x)}.`,
  );
}

function describeType(x: unknown): string {
  if (x === null) return 'null';
  if (typeof x === 'object') return (x as object).constructor?.name ?? 'object';
  return typeof x;
}

/** Wraps values as Quantity (scalar) or QuantityArray. */
export function makeResult(v: Values, dim: Dimension): Quantity | QuantityArray {
  return typeof v === 'number' ? new Quantity(v, dim) : new QuantityArray(v, dim);
}

/** Brian2's `_short_str`: how a value appears inside an error message. */
export function shortStr(x: Normalised, asQuantity = false): string {
  const src = x.src;
  if (x.unit) return (src as Quantity & { dispname: string }).dispname;
  if (x.quantity) return formatInBestUnit(x.v, x.dim, undefined, false, SHORT_PRINT_OPTIONS);
  if (asQuantity) return typeof x.v === 'number' ? scalarStr(x.v, SHORT_PRINT_OPTIONS) : arrayStr(x.v, SHORT_PRINT_OPTIONS);
  if (typeof src === 'number') return pythonNumberStr(src);
  if (src instanceof Quantity) return pythonFloatRepr(src.value); // a dimensionless result is a float in Brian2
  if (src instanceof QuantityArray) return arrayStr(src.values, SHORT_PRINT_OPTIONS);
  return plainArrayStr(src as ArrayLike<number>, SHORT_PRINT_OPTIONS);
}

function allZero(v: Values): boolean {
  if (typeof v === 'number') return v === 0;
  for (let k = 0; k < v.length; k++) if (v[k] !== 0) return false;
  return true;
}

/**
 * Brian2's `fail_for_dimension_mismatch(a, b, message)`: a plain (dimensionless) zero matches
 * any dimension; a unit as second operand is not restated in the unit suffix.
 */
export function checkSameDimensions(a: Normalised, b: Normalised, describe: () => string): void {
  if (a.dim === b.dim) return;
  if ((a.dim === DIMENSIONLESS && allZero(a.v)) || (b.dim === DIMENSIONLESS && allZero(b.v))) return;
  if (b.unit) throw new DimensionMismatchError(describe(), a.dim);
  throw new DimensionMismatchError(describe(), a.dim, b.dim);
}

// ---- elementwise kernels ---------------------------------------------------------------------

function lengthOf(a: Values, b: Values): number {
  if (typeof a === 'number') return typeof b === 'number' ? -1 : b.length;
  if (typeof b === 'number' || a.length === b.length) return a.length;
  // numpy broadcasts length-1 arrays, but QuantityArrays of length 1 are rare: keep the rule simple
  throw new ShapeMismatchError(a.length, b.length);
}

// One loop per operation (not a shared loop taking a callback) so each stays monomorphic and fast.
function addValues(a: Values, b: Values): Values {
  const n = lengthOf(a, b);
  if (n < 0) return (a as number) + (b as number);
  const out = new Float64Array(n);
  if (typeof a === 'number') for (let k = 0; k < n; k++) out[k] = a + (b as Float64Array)[k]!;
  else if (typeof b === 'number') for (let k = 0; k < n; k++) out[k] = a[k]! + b;
  else for (let k = 0; k < n; k++) out[k] = a[k]! + b[k]!;
  return out;
}

function subValues(a: Values, b: Values): Values {
  const n = lengthOf(a, b);
  if (n < 0) return (a as number) - (b as number);
  const out = new Float64Array(n);
  if (typeof a === 'number') for (let k = 0; k < n; k++) out[k] = a - (b as Float64Array)[k]!;
  else if (typeof b === 'number') for (let k = 0; k < n; k++) out[k] = a[k]! - b;
  else for (let k = 0; k < n; k++) out[k] = a[k]! - b[k]!;
  return out;
}

function mulValues(a: Values, b: Values): Values {
  const n = lengthOf(a, b);
  if (n < 0) return (a as number) * (b as number);
  const out = new Float64Array(n);
  if (typeof a === 'number') for (let k = 0; k < n; k++) out[k] = a * (b as Float64Array)[k]!;
  else if (typeof b === 'number') for (let k = 0; k < n; k++) out[k] = a[k]! * b;
  else for (let k = 0; k < n; k++) out[k] = a[k]! * b[k]!;
  return out;
}

function divValues(a: Values, b: Values): Values {
  const n = lengthOf(a, b);
  if (n < 0) return (a as number) / (b as number);
  const out = new Float64Array(n);
  if (typeof a === 'number') for (let k = 0; k < n; k++) out[k] = a / (b as Float64Array)[k]!;
  else if (typeof b === 'number') for (let k = 0; k < n; k++) out[k] = a[k]! / b;
  else for (let k = 0; k < n; k++) out[k] = a[k]! / b[k]!;
  return out;
}

function mapValues2(a: Values, b: Values, f: (x: number, y: number) => number): Values {
  const n = lengthOf(a, b);
  if (n < 0) return f(a as number, b as number);
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = f(typeof a === 'number' ? a : a[k]!, typeof b === 'number' ? b : b[k]!);
  return out;
}

/** Applies `f` to every value. */
export function mapValues(a: Values, f: (x: number) => number): Values {
  if (typeof a === 'number') return f(a);
  const out = new Float64Array(a.length);
  for (let k = 0; k < a.length; k++) out[k] = f(a[k]!);
  return out;
}

/** numpy's `remainder` / Python's `%`. */
export const pyMod = pythonMod;

/** numpy's `floor_divide` / Python's `//`. */
export const pyFloorDiv = pythonFloorDiv;

/** numpy's `power` with its fast paths for common scalar exponents (square, sqrt, reciprocal). */
function powValues(a: Values, e: number): Values {
  if (e === 2) return mapValues(a, (x) => x * x);
  if (e === 0.5) return mapValues(a, Math.sqrt);
  if (e === -1) return mapValues(a, (x) => 1 / x);
  if (e === 1) return mapValues(a, (x) => x);
  if (e === 0) return mapValues(a, () => 1);
  return mapValues(a, (x) => Math.pow(x, e));
}

function compareValues(a: Values, b: Values, f: (x: number, y: number) => boolean): boolean | boolean[] {
  const n = lengthOf(a, b);
  if (n < 0) return f(a as number, b as number);
  const out = new Array<boolean>(n);
  for (let k = 0; k < n; k++) out[k] = f(typeof a === 'number' ? a : a[k]!, typeof b === 'number' ? b : b[k]!);
  return out;
}

// ---- operators -------------------------------------------------------------------------------

/** The binary operators, with their Python spelling. */
export type BinaryOperator = '+' | '-' | '*' | '/' | '//' | '%' | '**';
/** The comparison operators, with their Python spelling. */
export type ComparisonOperator = '<' | '<=' | '>' | '>=' | '==' | '!=';

const MIRROR: Record<ComparisonOperator, ComparisonOperator> = {
  '<': '>', '<=': '>=', '>': '<', '>=': '<=', '==': '==', '!=': '!=',
};

const COMPARE: Record<ComparisonOperator, (x: number, y: number) => boolean> = {
  '<': (x, y) => x < y,
  '<=': (x, y) => x <= y,
  '>': (x, y) => x > y,
  '>=': (x, y) => x >= y,
  '==': (x, y) => x === y,
  '!=': (x, y) => x !== y,
};

function plainValues(op: BinaryOperator, a: Values, b: Values): Values {
  switch (op) {
    case '+': return addValues(a, b);
    case '-': return subValues(a, b);
    case '*': return mulValues(a, b);
    case '/': return divValues(a, b);
    case '//': return mapValues2(a, b, pyFloorDiv);
    case '%': return mapValues2(a, b, pyMod);
    case '**': return mapValues2(a, b, Math.pow);
  }
}

function scalarExponent(self: Normalised, exponent: Normalised): number {
  if (typeof exponent.v !== 'number') {
    throw new UnitError(
      `Cannot calculate ${shortStr(self)} ** ${shortStr(exponent)}: the exponent of a quantity must be a single number.`,
    );
  }
  return exponent.v;
}

/** `self OP other` where `self` is a quantity (Brian2's `Quantity.__op__`). */
function forward(op: BinaryOperator, self: Normalised, other: Normalised): Quantity | QuantityArray {
  switch (op) {
    case '*':
      if (self.unit && other.unit) return compoundUnits().times(self.src as Quantity, other.src as Quantity);
      return makeResult(mulValues(self.v, other.v), self.dim.times(other.dim));
    case '/':
      if (self.unit && other.unit) return compoundUnits().div(self.src as Quantity, other.src as Quantity);
      return makeResult(divValues(self.v, other.v), self.dim.div(other.dim));
    case '//':
      return makeResult(mapValues2(self.v, other.v, pyFloorDiv), self.dim.div(other.dim));
    case '+':
    case '-':
    case '%':
      checkSameDimensions(self, other, () => `Cannot calculate ${shortStr(self)} ${op} ${shortStr(other)}, units do not match`);
      return makeResult(plainValues(op, self.v, other.v), self.dim);
    case '**': {
      if (other.dim !== DIMENSIONLESS) {
        throw new DimensionMismatchError(
          `Cannot calculate ${shortStr(self)} ** ${shortStr(other)}, the exponent has to be dimensionless`,
          other.dim,
        );
      }
      const e = scalarExponent(self, other);
      if (self.unit) return compoundUnits().pow(self.src as Quantity, e);
      return makeResult(powValues(self.v, e), self.dim.pow(e));
    }
  }
}

/** `other OP self` where only `self` is a quantity (Brian2's reflected `Quantity.__rop__`). */
function reflected(op: BinaryOperator, other: Normalised, self: Normalised): Quantity | QuantityArray {
  switch (op) {
    case '*':
    case '+':
      return forward(op, self, other);
    case '/':
      if (self.unit && other.v === 1) return compoundUnits().pow(self.src as Quantity, -1);
      return makeResult(divValues(other.v, self.v), DIMENSIONLESS.div(self.dim));
    case '//':
      return makeResult(mapValues2(other.v, self.v, pyFloorDiv), DIMENSIONLESS.div(self.dim));
    case '-':
      if (allZero(other.v)) return makeResult(mapValues(self.v, (x) => -x), self.dim);
      // Brian2 turns the plain left operand into a Quantity and subtracts
      checkSameDimensions(other, self, () => `Cannot calculate ${shortStr(other, true)} - ${shortStr(self)}, units do not match`);
      return makeResult(subValues(other.v, self.v), DIMENSIONLESS);
    case '%':
      // numpy's ufunc path, not Quantity.__rmod__, so the wording differs from `-`
      checkSameDimensions(other, self, () => `Cannot calculate ${shortStr(other)} remainder ${shortStr(self)}, the units do not match`);
      return makeResult(mapValues2(other.v, self.v, pyMod), self.dim); // numpy keeps the quantity's dimension
    case '**':
      if (self.dim !== DIMENSIONLESS) {
        throw new DimensionMismatchError(
          `Cannot calculate ${shortStr(other)} ** ${shortStr(self)}, the exponent has to be dimensionless.`,
          self.dim,
        );
      }
      return makeResult(powValues(other.v, scalarExponent(other, self)), DIMENSIONLESS);
  }
}

/** `a OP b` with Python's dispatch: the left quantity's method, else the right one's reflected method. */
export function binary(op: BinaryOperator, a: Operand, b: Operand): Quantity | QuantityArray {
  const left = normalise(a, 'left operand');
  const right = normalise(b, 'right operand');
  if (left.quantity) return forward(op, left, right);
  if (right.quantity) return reflected(op, left, right);
  if (op === '**' && typeof right.v === 'number') return makeResult(powValues(left.v, right.v), DIMENSIONLESS);
  return makeResult(plainValues(op, left.v, right.v), DIMENSIONLESS);
}

function compareForward(op: ComparisonOperator, self: Normalised, other: Normalised): boolean | boolean[] {
  if (self.unit && other.unit && op === '==') {
    // Unit.__eq__ compares dimension and scale, not values: mV == volt is false (there is no Unit.__ne__)
    const a = self.src as Quantity & { scaleExponent: number };
    const b = other.src as Quantity & { scaleExponent: number };
    return a.dim === b.dim && a.scaleExponent === b.scaleExponent;
  }
  const exemptInfinity = typeof other.v === 'number' && other.dim === DIMENSIONLESS && !other.unit &&
    (other.v === Infinity || other.v === -Infinity);
  if (!exemptInfinity) {
    checkSameDimensions(self, other, () => `Cannot perform comparison ${shortStr(self)} ${op} ${shortStr(other)}, units do not match`);
  }
  return compareValues(self.v, other.v, COMPARE[op]);
}

/** `a OP b` for comparisons; a plain left operand mirrors the operator, as Python does. */
export function compare(op: ComparisonOperator, a: Operand, b: Operand): boolean | boolean[] {
  const left = normalise(a, 'left operand');
  const right = normalise(b, 'right operand');
  // Python tries the reflected comparison first when the right operand's class is a subclass of the
  // left one's (a Unit on the right of a plain quantity, a quantity on the right of a plain value)
  if (left.quantity && !(right.unit && !left.unit)) return compareForward(op, left, right);
  if (right.quantity) return compareForward(MIRROR[op], right, left);
  return compareValues(left.v, right.v, COMPARE[op]);
}

/** Unary minus; keeps the dimension. */
export function negate(a: Operand): Quantity | QuantityArray {
  const x = normalise(a);
  return makeResult(mapValues(x.v, (v) => -v), x.dim);
}

/** Absolute value; keeps the dimension. */
export function absolute(a: Operand): Quantity | QuantityArray {
  const x = normalise(a);
  return makeResult(mapValues(x.v, Math.abs), x.dim);
}

// ---- free functions with Python operator semantics (for evaluators of model expressions) ------

/** `a + b` with Brian2's Python semantics (reflected for a plain left operand). */
export function add(a: Operand, b: Operand): Quantity | QuantityArray {
  return binary('+', a, b);
}
/** `a - b` with Brian2's Python semantics. */
export function subtract(a: Operand, b: Operand): Quantity | QuantityArray {
  return binary('-', a, b);
}
/** `a * b`; two Units give a compound Unit. */
export function multiply(a: Operand, b: Operand): Quantity | QuantityArray {
  return binary('*', a, b);
}
/** `a / b`; two Units give a compound Unit, `1 / unit` gives `unit ** -1`. */
export function divide(a: Operand, b: Operand): Quantity | QuantityArray {
  return binary('/', a, b);
}
/** `a // b` (floor division). */
export function floorDivide(a: Operand, b: Operand): Quantity | QuantityArray {
  return binary('//', a, b);
}
/** `a % b` (Python modulo: sign of the divisor). */
export function remainder(a: Operand, b: Operand): Quantity | QuantityArray {
  return binary('%', a, b);
}
/** `a ** b`; the exponent must be dimensionless. */
export function power(a: Operand, b: Operand): Quantity | QuantityArray {
  return binary('**', a, b);
}
