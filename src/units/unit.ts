/** Callable physical units: `mV(-70)` is a Quantity, `ms([1, 2])` a QuantityArray. */
import { binary, installCompoundUnitFactory, toFloat64 } from './arithmetic.ts';
import type { Operand } from './arithmetic.ts';
import { DIMENSIONLESS } from './dimension.ts';
import type { Dimension } from './dimension.ts';
import { UnitError } from './errors.ts';
import { pythonNumberStr } from './format.ts';
import { Quantity } from './quantity.ts';
import type { ArrayOperand, ScalarOperand } from './quantity.ts';
import { QuantityArray } from './quantity-array.ts';
import { pow10, registerNewUnit } from './registry.ts';

/** How to build a Unit. */
export interface UnitSpec {
  /** Python-code name, e.g. `mvolt` or `mvolt * msecond`. */
  readonly name: string;
  /** Display name, e.g. `mV`. */
  readonly dispname: string;
  /** The unit's physical dimension. */
  readonly dim: Dimension;
  /** Brian2's `scale`: the power of ten of the unit (−3 for mV). */
  readonly scaleExponent: number;
  /** SI factor; defaults to Python's `10.0**scaleExponent`, which is what Brian2 uses. */
  readonly scale?: number;
  /** Made by combining units (`*`, `/`, `**`); gets parentheses when combined again. */
  readonly isCompound?: boolean;
  /** Register in the user display registry, as Brian2 does for every unit created at run time. */
  readonly register?: boolean;
}

/** Calling a unit multiplies: `mV(3)` is 3 mV, `mV([1, 2])` is `[1. 2.] mV`. */
export interface Unit {
  (value: number): Quantity;
  (values: ArrayLike<number>): QuantityArray;
  (value: number | ArrayLike<number>): Quantity | QuantityArray;
}

/**
 * A physical unit: a callable Quantity of value `scale` with a name. Combining units with
 * `times`, `div` or `pow` gives a compound Unit that, as in Brian2, is registered for display
 * (afterwards quantities of its dimension may print in it).
 * @example
 * mV(-70)                   // Quantity -70. mV
 * ms([1, 2, 3])             // QuantityArray [1. 2. 3.] ms
 * String(uS.div(cm2))       // 'uS/cm^2'
 */
export class Unit extends Quantity {
  /** Python-code name (Brian2's `repr`): `mvolt`. */
  declare readonly name: string;
  /** Display name (Brian2's `str`): `mV`. */
  declare readonly dispname: string;
  /** SI factor: 1e-3 for mV (equal to `value`). */
  declare readonly scale: number;
  /** Brian2's `scale`: the power of ten (−3 for mV). */
  declare readonly scaleExponent: number;
  /** Whether the unit was made by combining units. */
  declare readonly isCompound: boolean;

  constructor(spec: UnitSpec) {
    const scale = spec.scale ?? pow10(spec.scaleExponent);
    super(scale, spec.dim);
    const dim = spec.dim;
    const call = (x: number | ArrayLike<number>): Quantity | QuantityArray => {
      if (typeof x === 'number') return new Quantity(scale * x, dim);
      if (x === null || typeof x !== 'object' || typeof (x as ArrayLike<number>).length !== 'number') {
        throw new UnitError(`Unit ${spec.dispname} must be called with a number or an array of numbers, got ${x === null ? 'null' : typeof x}.`);
      }
      const values = toFloat64(x, `argument of ${spec.dispname}(...)`);
      const out = new Float64Array(values.length);
      for (let k = 0; k < out.length; k++) out[k] = scale * values[k]!;
      return new QuantityArray(out, dim);
    };
    // The instance is the function itself, so `mV(3)` works and `mV instanceof Unit` holds.
    Object.setPrototypeOf(call, new.target.prototype);
    const fields: Record<string, unknown> = {
      value: scale,
      dim,
      name: spec.name,
      dispname: spec.dispname,
      scale,
      scaleExponent: spec.scaleExponent,
      isCompound: spec.isCompound ?? false,
    };
    for (const [key, value] of Object.entries(fields)) {
      Object.defineProperty(call, key, { value, enumerable: true, writable: false, configurable: false });
    }
    Object.freeze(call);
    const unit = call as unknown as Unit;
    if (spec.register === true) registerNewUnit(unit);
    return unit;
  }

  /**
   * Creates and registers a named unit (Brian2's `Unit.create`).
   * @example Unit.create(volt.dim.div(metre.dim), 'volt_per_metre', 'V/m')
   */
  static create(dim: Dimension, name: string, dispname: string, scaleExponent = 0): Unit {
    return new Unit({ name, dispname, dim, scaleExponent, register: true });
  }

  override get isUnit(): boolean {
    return true;
  }

  /** Product: a compound Unit for a Unit operand (`mV.times(ms)` is `mV ms`), else a Quantity. */
  override times(other: Unit): Unit;
  override times(other: ScalarOperand): Quantity;
  override times(other: ArrayOperand): QuantityArray;
  override times(other: Operand): Quantity | QuantityArray;
  override times(other: Operand): Quantity | QuantityArray {
    return binary('*', this, other);
  }

  /** Quotient: a compound Unit for a Unit operand (`uS.div(cm2)` is `uS/cm^2`), else a Quantity. */
  override div(other: Unit): Unit;
  override div(other: ScalarOperand): Quantity;
  override div(other: ArrayOperand): QuantityArray;
  override div(other: Operand): Quantity | QuantityArray;
  override div(other: Operand): Quantity | QuantityArray {
    return binary('/', this, other);
  }

  /** Power: a compound Unit (`ms.pow(-1)` is `ms^-1`). */
  override pow(exponent: number | Quantity): Unit {
    return binary('**', this, exponent) as Unit;
  }

  /** The display name (Brian2's `str(unit)`): `mV`. */
  override toString(): string {
    return this.dispname;
  }

  /** The Python-code name (Brian2's `repr(unit)`): `mvolt`. */
  override toPythonString(): string {
    return this.name;
  }
}

function parenthesised(unit: Unit, field: 'name' | 'dispname'): string {
  return unit.isCompound ? `(${unit[field]})` : unit[field];
}

installCompoundUnitFactory({
  times(a, b) {
    const [x, y] = [a as Unit, b as Unit];
    return new Unit({
      name: `${x.name} * ${y.name}`,
      dispname: `${x.dispname} ${y.dispname}`,
      dim: x.dim.times(y.dim),
      scaleExponent: x.scaleExponent + y.scaleExponent,
      isCompound: true,
      register: true,
    });
  },
  div(a, b) {
    const [x, y] = [a as Unit, b as Unit];
    return new Unit({
      name: `${parenthesised(x, 'name')} / ${parenthesised(y, 'name')}`,
      dispname: `${parenthesised(x, 'dispname')}/${parenthesised(y, 'dispname')}`,
      dim: x.dim.div(y.dim),
      scaleExponent: x.scaleExponent - y.scaleExponent,
      isCompound: true,
      register: true,
    });
  },
  pow(a, exponent) {
    const x = a as Unit;
    return new Unit({
      name: `${parenthesised(x, 'name')} ** ${pythonNumberStr(exponent)}`,
      dispname: `${parenthesised(x, 'dispname')}^${pythonNumberStr(exponent)}`,
      dim: x.dim.pow(exponent),
      scaleExponent: x.scaleExponent * exponent,
      isCompound: true,
      register: true,
    });
  },
});

/** The dimensionless unit 1 (Brian2's `Unit(1)`). */
export const ONE: Unit = new Unit({ name: 'Unit(1)', dispname: '1', dim: DIMENSIONLESS, scaleExponent: 0 });
