/**
 * Physical dimensions: exponents of the 7 SI base dimensions (m, kg, s, A, K, mol, cd).
 * Exponents are floats (`sqrt` gives 0.5, noise `xi` has s^-0.5). Instances are interned,
 * so equal dimensions are the same object and `===` is a valid equality test, as in Brian2.
 */
import { UnitError } from './unit-error.ts';

/** Display labels of the base dimensions, in Brian2's order. */
export const BASE_DIMENSION_LABELS = ['m', 'kg', 's', 'A', 'K', 'mol', 'cd'] as const;
/** Python-code names of the base units, in the same order (Brian2's `_iclass_label`). */
export const BASE_UNIT_NAMES = ['metre', 'kilogram', 'second', 'amp', 'kelvin', 'mole', 'candle'] as const;

/** The 7 exponents of a dimension, in the order m, kg, s, A, K, mol, cd. */
export type DimensionExponents = readonly [number, number, number, number, number, number, number];

const interned = new Map<string, Dimension>();

/** Exponents equal within Brian2's `np.allclose` default tolerance are the same dimension. */
function normalise(exponent: number): number {
  const rounded = Math.round(exponent);
  const close = Math.abs(exponent - rounded) <= 1e-8 + 1e-5 * Math.abs(rounded);
  return close ? rounded + 0 : exponent; // `+ 0` turns -0 into 0
}

/**
 * A physical dimension (Brian2's `Dimension`): interned, so equal dimensions are the same object.
 * @example Dimension.of([2, 1, -3, -1, 0, 0, 0]).toString()   // 'm^2 kg s^-3 A^-1' (volt)
 */
export class Dimension {
  /** The exponents of the seven SI base units (m, kg, s, A, K, mol, cd). */
  readonly exponents: DimensionExponents;
  /**
   * Which exponents Brian2 holds as Python floats. Brian2 interns the first tuple it sees, so a
   * dimension first made by `** 0.5` prints `m^3.0` where one made from integers prints `m^3`;
   * we keep that first-creation typing to print identically.
   */
  private readonly floatTyped: readonly boolean[];

  private constructor(exponents: DimensionExponents, floatTyped: readonly boolean[]) {
    this.exponents = exponents;
    this.floatTyped = floatTyped;
    Object.freeze(this);
  }

  /**
   * The interned dimension with these exponents (Brian2's `get_or_create_dimension`).
   * `floatTyped` marks exponents that are floats in Brian2 (only used when the dimension is new).
   */
  static of(exponents: readonly number[], floatTyped?: readonly boolean[]): Dimension {
    if (!Array.isArray(exponents) || exponents.length !== 7) {
      const got = Array.isArray(exponents) ? String(exponents.length) : typeof exponents;
      throw new UnitError(`A dimension needs 7 exponents (m, kg, s, A, K, mol, cd), got ${got}.`);
    }
    const normalised = exponents.map(normalise) as unknown as DimensionExponents;
    const key = normalised.join(',');
    let dimension = interned.get(key);
    if (dimension === undefined) {
      const floats = normalised.map((e, k) => (floatTyped?.[k] ?? false) || !Number.isInteger(e));
      dimension = new Dimension(normalised, floats);
      interned.set(key, dimension);
    }
    return dimension;
  }

  /** An exponent as Brian2 prints it: Python's `str` of an int or a float. */
  private exponentString(k: number): string {
    const e = this.exponents[k]!;
    return this.floatTyped[k] && Number.isInteger(e) ? `${e}.0` : String(e);
  }

  /** Whether every exponent is zero. */
  get isDimensionless(): boolean {
    return this === DIMENSIONLESS;
  }

  /** The dimension of a product (exponents added). */
  times(other: Dimension): Dimension {
    const floats = this.floatTyped.map((f, k) => f || other.floatTyped[k]!);
    return Dimension.of(this.exponents.map((e, k) => e + other.exponents[k]!), floats);
  }

  /** The dimension of a quotient (exponents subtracted). */
  div(other: Dimension): Dimension {
    const floats = this.floatTyped.map((f, k) => f || other.floatTyped[k]!);
    return Dimension.of(this.exponents.map((e, k) => e - other.exponents[k]!), floats);
  }

  /** The dimension raised to a power (exponents multiplied). */
  pow(exponent: number): Dimension {
    const floats = this.floatTyped.map((f) => f || !Number.isInteger(exponent));
    return Dimension.of(this.exponents.map((e) => e * exponent), floats);
  }

  /** Whether both dimensions have the same exponents. */
  equals(other: Dimension): boolean {
    return this === other;
  }

  /** Brian2's `str(dim)`: `m^2 kg s^-3 A^-1`, or `1` when dimensionless. */
  toString(): string {
    const parts: string[] = [];
    this.exponents.forEach((e, k) => {
      if (e !== 0) parts.push(e === 1 ? BASE_DIMENSION_LABELS[k]! : `${BASE_DIMENSION_LABELS[k]}^${this.exponentString(k)}`);
    });
    return parts.length === 0 ? '1' : parts.join(' ');
  }

  /** Brian2's `repr(dim)`: `metre ** 2 * kilogram * second ** -3 * amp ** -1`, or `Dimension()`. */
  toPythonString(): string {
    const parts: string[] = [];
    this.exponents.forEach((e, k) => {
      if (e !== 0) parts.push(e === 1 ? BASE_UNIT_NAMES[k]! : `${BASE_UNIT_NAMES[k]} ** ${this.exponentString(k)}`);
    });
    return parts.length === 0 ? 'Dimension()' : parts.join(' * ');
  }
}

/** The dimension of pure numbers (all exponents 0); prints as `1`. */
export const DIMENSIONLESS: Dimension = Dimension.of([0, 0, 0, 0, 0, 0, 0]);
