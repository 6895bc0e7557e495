/**
 * Unit-aware math (Brian2's `unitsafefunctions` and its numpy ufunc rules): `sqrt` halves the
 * dimension, `exp`/`log`/trigonometric functions need dimensionless input, `abs`/`floor`/`ceil`
 * keep it, `clip`/`where` need matching dimensions.
 */
import { checkSameDimensions, makeResult, mapValues, normalise, shortStr as shortOf } from './arithmetic.ts';
import type { Normalised, Operand, Values } from './arithmetic.ts';
import { DIMENSIONLESS } from './dimension.ts';
import { DimensionMismatchError, UnitError } from './errors.ts';
import { Quantity } from './quantity.ts';
import { QuantityArray } from './quantity-array.ts';

/** A function of dimensionless input; returns a number for scalar input, a Float64Array for arrays. */
function dimensionlessFunction(name: string, f: (x: number) => number) {
  function apply(x: number | Quantity): number;
  function apply(x: ArrayLike<number> | QuantityArray): Float64Array;
  function apply(x: Operand): number | Float64Array;
  function apply(x: Operand): number | Float64Array {
    const n = normalise(x, `argument of ${name}`);
    if (n.dim !== DIMENSIONLESS) {
      throw new DimensionMismatchError(`${name} expects a dimensionless argument but got ${shortOf(n)}`, n.dim);
    }
    return mapValues(n.v, f);
  }
  return apply;
}

/** e^x of a dimensionless value. */
export const exp = dimensionlessFunction('exp', Math.exp);
/** Natural logarithm of a dimensionless value. */
export const log = dimensionlessFunction('log', Math.log);
/** Base-10 logarithm of a dimensionless value. */
export const log10 = dimensionlessFunction('log10', Math.log10);
/** e^x − 1 of a dimensionless value. */
export const expm1 = dimensionlessFunction('expm1', Math.expm1);
/** ln(1 + x) of a dimensionless value. */
export const log1p = dimensionlessFunction('log1p', Math.log1p);
/** Sine of a dimensionless value. */
export const sin = dimensionlessFunction('sin', Math.sin);
/** Cosine of a dimensionless value. */
export const cos = dimensionlessFunction('cos', Math.cos);
/** Tangent of a dimensionless value. */
export const tan = dimensionlessFunction('tan', Math.tan);
/** Arc sine of a dimensionless value. */
export const arcsin = dimensionlessFunction('arcsin', Math.asin);
/** Arc cosine of a dimensionless value. */
export const arccos = dimensionlessFunction('arccos', Math.acos);
/** Arc tangent of a dimensionless value. */
export const arctan = dimensionlessFunction('arctan', Math.atan);
/** Hyperbolic sine of a dimensionless value. */
export const sinh = dimensionlessFunction('sinh', Math.sinh);
/** Hyperbolic cosine of a dimensionless value. */
export const cosh = dimensionlessFunction('cosh', Math.cosh);
/** Hyperbolic tangent of a dimensionless value. */
export const tanh = dimensionlessFunction('tanh', Math.tanh);
/** Inverse hyperbolic sine of a dimensionless value. */
export const arcsinh = dimensionlessFunction('arcsinh', Math.asinh);
/** Inverse hyperbolic cosine of a dimensionless value. */
export const arccosh = dimensionlessFunction('arccosh', Math.acosh);
/** Inverse hyperbolic tangent of a dimensionless value. */
export const arctanh = dimensionlessFunction('arctanh', Math.atanh);

/** Brian2's `exprel`: (e^x − 1)/x, 1 near 0 (|x| < 1e-16) and inf above 717. */
export function exprel(x: number | Quantity): number;
export function exprel(x: ArrayLike<number> | QuantityArray): Float64Array;
export function exprel(x: Operand): number | Float64Array;
export function exprel(x: Operand): number | Float64Array {
  const n = normalise(x, 'argument of exprel');
  if (n.dim !== DIMENSIONLESS) {
    throw new DimensionMismatchError(
      `Function 'exprel' expected a quantitity with unit 1 for argument 'x' but got '${shortOf(n)}'`,
      n.dim,
    );
  }
  return mapValues(n.v, (v) => (Math.abs(v) < 1e-16 ? 1 : v > 717 ? Infinity : Math.expm1(v) / v));
}

function keepDimensions(n: Normalised, f: (x: number) => number): Quantity | QuantityArray | number | Float64Array {
  const v = mapValues(n.v, f);
  return n.quantity || n.src instanceof Quantity || n.src instanceof QuantityArray ? makeResult(v, n.dim) : v;
}

/** Square root; the dimension is raised to 1/2 (`sqrt(mV(4).times(mV))` is 2 mV). */
export function sqrt(x: number): number;
export function sqrt(x: Quantity): Quantity;
export function sqrt(x: QuantityArray): QuantityArray;
export function sqrt(x: ArrayLike<number>): Float64Array;
export function sqrt(x: Operand): Quantity | QuantityArray | number | Float64Array;
export function sqrt(x: Operand): Quantity | QuantityArray | number | Float64Array {
  const n = normalise(x, 'argument of sqrt');
  const v = mapValues(n.v, Math.sqrt);
  return n.quantity || n.src instanceof Quantity || n.src instanceof QuantityArray ? makeResult(v, n.dim.pow(0.5)) : v;
}

function keeping(name: string, f: (x: number) => number) {
  function apply(x: number): number;
  function apply(x: Quantity): Quantity;
  function apply(x: QuantityArray): QuantityArray;
  function apply(x: ArrayLike<number>): Float64Array;
  function apply(x: Operand): Quantity | QuantityArray | number | Float64Array;
  function apply(x: Operand): Quantity | QuantityArray | number | Float64Array {
    return keepDimensions(normalise(x, `argument of ${name}`), f);
  }
  return apply;
}

/** Absolute value; keeps the dimension. */
export const abs = keeping('abs', Math.abs);
/** Floor of the SI value (as numpy on a Quantity: `floor(mV(3.7))` is 0 V); keeps the dimension. */
export const floor = keeping('floor', Math.floor);
/** Ceiling of the SI value; keeps the dimension. */
export const ceil = keeping('ceil', Math.ceil);

/** −1, 0 or 1 (NaN stays NaN); always dimensionless, as numpy's sign drops Brian2's units. */
export function sign(x: number | Quantity): number;
export function sign(x: ArrayLike<number> | QuantityArray): Float64Array;
export function sign(x: Operand): number | Float64Array;
export function sign(x: Operand): number | Float64Array {
  return mapValues(normalise(x, 'argument of sign').v, (v) => (Number.isNaN(v) ? NaN : v > 0 ? 1 : v < 0 ? -1 : 0));
}

/** Limits `x` to [low, high]; the bounds need `x`'s dimension (a plain 0 or ±inf bound is fine). */
export function clip(x: Quantity, low: Operand, high: Operand): Quantity;
export function clip(x: QuantityArray, low: Operand, high: Operand): QuantityArray;
export function clip(x: number, low: number, high: number): number;
export function clip(x: Operand, low: Operand, high: Operand): Quantity | QuantityArray | number | Float64Array;
export function clip(x: Operand, low: Operand, high: Operand): Quantity | QuantityArray | number | Float64Array {
  const n = normalise(x, 'argument of clip');
  const lo = normalise(low, 'lower bound of clip');
  const hi = normalise(high, 'upper bound of clip');
  const isInf = (b: Normalised): boolean => typeof b.v === 'number' && b.dim === DIMENSIONLESS && !Number.isFinite(b.v) && !Number.isNaN(b.v);
  // Brian2 checks plain bounds like any other value; ±inf is exempt here for usability (clip(w, 0, inf))
  if (!isInf(lo)) checkSameDimensions(n, lo, () => 'clip');
  if (!isInf(hi)) checkSameDimensions(n, hi, () => 'clip');
  if (typeof lo.v !== 'number' || typeof hi.v !== 'number') {
    throw new UnitError('clip(x, low, high) needs scalar bounds.');
  }
  const [a, b] = [lo.v, hi.v];
  // numpy's clip is minimum(maximum(x, low), high), propagating NaN
  const v = mapValues(n.v, (t) => (Number.isNaN(t) ? t : Math.min(Math.max(t, a), b)));
  return n.quantity || n.src instanceof Quantity || n.src instanceof QuantityArray ? makeResult(v, n.dim) : v;
}

/** Elementwise choice: `x[k]` where `condition[k]`, else `y[k]`; x and y need the same dimension. */
export function where(condition: ArrayLike<boolean> | boolean, x: Operand, y: Operand): Quantity | QuantityArray {
  const a = normalise(x, 'x of where');
  const b = normalise(y, 'y of where');
  checkSameDimensions(a, b, () => 'x and y need to have the same dimensions');
  if (typeof condition === 'boolean') {
    return makeResult(condition ? a.v : b.v, a.dim);
  }
  const n = condition.length;
  const pick = (v: Values, k: number): number => {
    if (typeof v === 'number') return v;
    if (v.length !== n) throw new UnitError(`where(): condition has length ${n}, but a value has length ${v.length}.`);
    return v[k]!;
  };
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = condition[k] ? pick(a.v, k) : pick(b.v, k);
  return new QuantityArray(out, a.dim);
}
