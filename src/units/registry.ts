/**
 * Brian2's three display registries (standard, user, additional) and its best-unit choice.
 *
 * Entries are plain descriptions of units (`DisplayUnit`), so this module does not depend on the
 * `Unit` class: that keeps the module graph acyclic (a Unit is a Quantity, and a Quantity needs
 * the registries to print itself). `Unit` objects satisfy `DisplayUnit` structurally and are what
 * the user registry holds for compound units.
 */
import { Dimension, DIMENSIONLESS } from './dimension.ts';
import type { PrintOptions } from './format.ts';
import { shownElements } from './format.ts';
import {
  ADDITIONAL_REGISTRY_ORDER,
  INITIAL_USER_REGISTRY_ORDER,
  POW10_EXCEPTIONS,
  STANDARD_REGISTRY_ORDER,
  UNIT_RECORDS,
} from './si-units.generated.ts';

/** What the registries need to know about a unit. */
export interface DisplayUnit {
  /** Python-code name (Brian2's `repr`): `mvolt`, `mvolt * msecond`. */
  readonly name: string;
  /** Display name (Brian2's `str`): `mV`, `mV ms`. */
  readonly dispname: string;
  /** SI factor: 1e-3 for mV. */
  readonly scale: number;
  readonly dim: Dimension;
  /** Made by `*`, `/` or `**` of units; such names get parentheses when combined again. */
  readonly isCompound: boolean;
}

/** Python's `10.0**k`, which Brian2 uses as the value of a unit with scale exponent k. */
export function pow10(k: number): number {
  if (Number.isInteger(k)) return POW10_EXCEPTIONS.get(k) ?? Number(`1e${k}`);
  return Math.pow(10, k);
}

/** A registry of units for display, searched by dimension (Brian2's `UnitRegistry`). */
export class UnitRegistry {
  private readonly byName = new Map<string, DisplayUnit>();
  // Keyed by SI factor: a later unit with the same dimension and factor replaces an earlier one
  // but keeps its position, exactly like Brian2's dict-of-dicts.
  private readonly byDimension = new Map<Dimension, Map<number, DisplayUnit>>();

  /** Registers `unit` (Brian2's `UnitRegistry.add`). */
  add(unit: DisplayUnit): void {
    this.byName.set(unit.name, unit);
    let forDim = this.byDimension.get(unit.dim);
    if (forDim === undefined) {
      forDim = new Map();
      this.byDimension.set(unit.dim, forDim);
    }
    forDim.set(unit.scale, unit);
  }

  /** Removes every unit. */
  clear(): void {
    this.byName.clear();
    this.byDimension.clear();
  }

  /** The registered units of a dimension, in Brian2's search order. */
  unitsFor(dim: Dimension): readonly DisplayUnit[] {
    return [...(this.byDimension.get(dim)?.values() ?? [])];
  }

  /** The registered unit of this dimension with factor 1, if any. */
  baseUnit(dim: Dimension): DisplayUnit | undefined {
    return this.byDimension.get(dim)?.get(1);
  }

  /** Every registered unit, in registration order. */
  units(): readonly DisplayUnit[] {
    return [...this.byName.values()];
  }

  /**
   * The unit that puts the shown values closest to 10: it minimises Σ (log10|x/u| − 1)² over the
   * non-zero shown elements. All zeros pick the factor-1 unit. `undefined` where Brian2 raises
   * KeyError (no unit of this dimension, or all zeros and no factor-1 unit).
   */
  bestUnit(values: ArrayLike<number>, dim: Dimension, options: PrintOptions): DisplayUnit | undefined {
    const matching = this.byDimension.get(dim);
    if (matching === undefined || matching.size === 0) return undefined;
    const shown = shownElements(values, options);
    const factors = [...matching.keys()];
    const deviations = new Float64Array(factors.length);
    let allIgnored = true;
    for (let k = 0; k < shown.length; k++) {
      const a = Math.abs(shown[k]!);
      for (let j = 0; j < factors.length; j++) {
        const ratio = a / factors[j]!;
        if (ratio === 0 || Number.isNaN(ratio)) continue; // zeros and NaN are ignored (nansum)
        allIgnored = false;
        const d = Math.log10(ratio) - 1;
        deviations[j] = deviations[j]! + d * d;
      }
    }
    if (allIgnored) return matching.get(1);
    let best = 0;
    for (let j = 1; j < factors.length; j++) if (deviations[j]! < deviations[best]!) best = j;
    return matching.get(factors[best]!);
  }
}

/** One display entry per generated unit record (index-aligned with UNIT_RECORDS). */
export const RECORD_ENTRIES: readonly DisplayUnit[] = UNIT_RECORDS.map(([name, dispname, dims, , value, isCompound]) => ({
  name,
  dispname,
  scale: value,
  dim: Dimension.of(dims),
  isCompound,
}));

/** Brian2's standard registry: base, derived, prefixed and powered units. Never changes. */
export const standardRegistry = new UnitRegistry();
/** Brian2's additional registry: compound SI units (`N m`, `W/(m^2)`…) and liter/litre. */
export const additionalRegistry = new UnitRegistry();
/** Brian2's user registry: compound units the program created (`mV.times(ms)`), in creation order. */
export const userRegistry = new UnitRegistry();

for (const k of STANDARD_REGISTRY_ORDER) standardRegistry.add(RECORD_ENTRIES[k]!);
for (const k of ADDITIONAL_REGISTRY_ORDER) additionalRegistry.add(RECORD_ENTRIES[k]!);

/**
 * Restores the user registry to its state right after `import brian2` (which already holds
 * `cmetre ** 2`). Display depends on which compound units were created before; tests call this
 * to start from Brian2's initial state.
 */
export function resetUserRegistry(): void {
  userRegistry.clear();
  for (const k of INITIAL_USER_REGISTRY_ORDER) userRegistry.add(RECORD_ENTRIES[k]!);
}
resetUserRegistry();

/** Registers a unit for display (Brian2's `register_new_unit`). */
export function registerNewUnit(unit: DisplayUnit): void {
  userRegistry.add(unit);
}

/** The registries in Brian2's search order. */
const SEARCH_ORDER = [standardRegistry, userRegistry, additionalRegistry] as const;

/** The best display unit for these SI values, or `undefined` to display in SI dimensions. */
export function findBestUnit(values: ArrayLike<number>, dim: Dimension, options: PrintOptions): DisplayUnit | undefined {
  for (const registry of SEARCH_ORDER) {
    const unit = registry.bestUnit(values, dim, options);
    if (unit !== undefined) return unit;
  }
  return undefined;
}

/** The registered unscaled unit of a dimension (standard, then user, then additional). */
export function findBaseUnit(dim: Dimension): DisplayUnit | undefined {
  for (const registry of SEARCH_ORDER) {
    const unit = registry.baseUnit(dim);
    if (unit !== undefined) return unit;
  }
  return undefined;
}

/**
 * Brian2's `get_unit_for_display`: the dispname of the unscaled unit of `dim` (`V`, `S`, `kg`), or
 * the SI dimension string (`m^-4 kg^-1 s^3 A^2`), or `1` when dimensionless. Like Brian2's
 * `get_unit`, an unknown dimension registers an anonymous unit in the user registry.
 */
export function getUnitForDisplay(dim: Dimension): string {
  if (dim === DIMENSIONLESS) return '1';
  const unit = findBaseUnit(dim);
  if (unit !== undefined) return unit.dispname;
  const anonymous: DisplayUnit = {
    name: dim.toPythonString(),
    dispname: dim.toString(),
    scale: 1,
    dim,
    isCompound: false,
  };
  userRegistry.add(anonymous);
  return anonymous.dispname;
}
