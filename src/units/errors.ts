/** Typed errors of the units layer. */
import { BrianError } from '../util/index.ts';
import type { Dimension } from './dimension.ts';
import { getUnitForDisplay } from './registry.ts';

/**
 * An operation combined values whose dimensions do not fit (Brian2's `DimensionMismatchError`).
 * The message is the description plus ` (unit is X).` for one dimension or
 * ` (units are X and Y).` for two, where X is the unscaled unit of the dimension (`V`, `S`) or
 * its SI form (`m^-4 kg^-1 s^3 A^2`).
 * @example
 * mV(3).plus(amp(2)) // throws: Cannot calculate 3. mV + 2. A, units do not match (units are V and A).
 */
export class DimensionMismatchError extends BrianError {
  /** What was attempted, without the unit suffix. */
  readonly description: string;
  /** The dimensions involved, in the order of the message. */
  readonly dims: readonly Dimension[];

  constructor(description: string, ...dims: Dimension[]) {
    super(formatMismatch(description, dims));
    this.description = description;
    this.dims = dims;
  }
}

function formatMismatch(description: string, dims: readonly Dimension[]): string {
  if (dims.length === 0) return description;
  if (dims.length === 1) return `${description} (unit is ${getUnitForDisplay(dims[0]!)}).`;
  if (dims.length === 2) {
    return `${description} (units are ${getUnitForDisplay(dims[0]!)} and ${getUnitForDisplay(dims[1]!)}).`;
  }
  return `${description} (units are ${dims.map((d) => `(${getUnitForDisplay(d)})`).join(' ')}).`;
}

// UnitError lives in its own module so that dimension.ts can throw it without an import cycle.
export { UnitError } from './unit-error.ts';

/** Array operands whose lengths cannot be broadcast together (numpy's wording). */
export class ShapeMismatchError extends BrianError {
  /** The two lengths. */
  readonly shapes: readonly [number, number];

  constructor(left: number, right: number) {
    super(`operands could not be broadcast together with shapes (${left},) (${right},)`);
    this.shapes = [left, right];
  }
}
