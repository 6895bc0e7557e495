/** How a value substituted into an equation is written into its right-hand side. */
import { pythonFloatRepr, Quantity } from '../units/index.ts';
import { EquationError } from './errors.ts';

/** A value that can replace a name in equations: a number, a boolean or a scalar quantity. */
export type SubstitutionValue = number | boolean | Quantity;

// Significant digits in the shortest round-tripping decimal form of x.
function significantDigits(x: number): number {
  const mantissa = pythonFloatRepr(Math.abs(x)).split('e')[0]!.replace('.', '').replace(/^0+/, '');
  return mantissa.replace(/0+$/, '').length;
}

/**
 * The text Brian2 inserts for a value (`repr(value)`): `3`, `2.5`, `True`, `-65. * mvolt`.
 * Brian2's quantity repr keeps 8 significant digits; a value that needs more is written
 * exactly in SI units instead (`0.0123456789 * second`), so substitution never loses precision.
 */
export function formatSubstitutionValue(value: SubstitutionValue, name: string): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new EquationError('substitution', `Cannot replace '${name}' with ${value}: only finite values can be substituted.`, { variable: name });
    }
    return Number.isInteger(value) && !Object.is(value, -0) ? String(value) : pythonFloatRepr(value);
  }
  if (value instanceof Quantity) {
    if (!Number.isFinite(value.value)) {
      throw new EquationError('substitution', `Cannot replace '${name}' with ${value.toString()}: only finite values can be substituted.`, { variable: name });
    }
    if (significantDigits(value.value) <= 8) return value.toPythonString();
    return value.dim.isDimensionless ? pythonFloatRepr(value.value) : `${pythonFloatRepr(value.value)} * ${value.dim.toPythonString()}`;
  }
  throw new EquationError('substitution', `Cannot replace '${name}' with a value of this type: use a string (a new name), a number, a boolean or a scalar Quantity.`, { variable: name });
}
