/** Brian2's `in_unit`, `in_best_unit` and `_short_str` on raw SI values. */
import { DIMENSIONLESS } from './dimension.ts';
import type { Dimension } from './dimension.ts';
import { DEFAULT_PRINT_OPTIONS, arrayRepr, arrayStr, scalarStr } from './format.ts';
import type { PrintOptions } from './format.ts';
import { findBestUnit } from './registry.ts';

/** A unit to display in: a registered unit (with names) or a bare quantity (no names). */
export interface DisplayTarget {
  /** SI value of the unit. */
  readonly scale: number;
  readonly dim: Dimension;
  /** Present for units; a bare quantity displays its SI dimension instead. */
  readonly dispname?: string;
  readonly name?: string;
}

/** Brian2's `Quantity.in_unit(u, precision, python_code)` for SI values `values`. */
export function formatInUnit(
  values: number | ArrayLike<number>,
  unit: DisplayTarget,
  precision: number | undefined,
  pythonCode: boolean,
  options: PrintOptions = DEFAULT_PRINT_OPTIONS,
): string {
  const opts = precision === undefined ? options : { ...options, precision };
  let s: string;
  if (typeof values === 'number') {
    // numpy only applies print options to arrays, so Brian2 formats a scalar as a 1-element array
    s = scalarStr(values / unit.scale, opts);
  } else {
    const scaled = new Float64Array(values.length);
    for (let k = 0; k < values.length; k++) scaled[k] = values[k]! / unit.scale;
    s = pythonCode ? arrayRepr(scaled, opts) : arrayStr(scaled, opts);
  }
  if (!unit.dim.isDimensionless) {
    if (unit.dispname !== undefined) s += pythonCode ? ` * ${unit.name ?? unit.dispname}` : ` ${unit.dispname}`;
    else s += pythonCode ? ` * ${unit.dim.toPythonString()}` : ` ${unit.dim.toString()}`;
  } else if (pythonCode) {
    return `Quantity(${s.trim()})`;
  }
  return s.trim();
}

const ONE: DisplayTarget = { scale: 1, dim: DIMENSIONLESS, dispname: '1', name: 'Unit(1)' };

/** Brian2's `Quantity.in_best_unit(precision, python_code)`: the registry's best unit, else SI. */
export function formatInBestUnit(
  values: number | ArrayLike<number>,
  dim: Dimension,
  precision: number | undefined,
  pythonCode: boolean,
  options: PrintOptions = DEFAULT_PRINT_OPTIONS,
): string {
  if (dim === DIMENSIONLESS) return formatInUnit(values, ONE, precision, pythonCode, options);
  const unit = findBestUnit(typeof values === 'number' ? [values] : values, dim, options);
  return formatInUnit(values, unit ?? { scale: 1, dim }, precision, pythonCode, options);
}
