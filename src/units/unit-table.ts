/**
 * The Unit objects of Brian2's unit catalogue, and name lookup. Kept apart from registry.ts so
 * the registries (needed to print any Quantity) do not depend on the Unit class.
 */
import type { Dimension } from './dimension.ts';
import { UnitError } from './errors.ts';
import type { DisplayUnit } from './registry.ts';
import { RECORD_ENTRIES, findBaseUnit } from './registry.ts';
import { UNIT_NAMES, UNIT_RECORDS } from './si-units.generated.ts';
import { Unit } from './unit.ts';

const RECORD_UNITS: readonly Unit[] = UNIT_RECORDS.map(
  ([name, dispname, , scaleExponent, scale, isCompound], k) =>
    new Unit({ name, dispname, dim: RECORD_ENTRIES[k]!.dim, scaleExponent, scale, isCompound }),
);
const unitForEntry = new Map<DisplayUnit, Unit>(RECORD_ENTRIES.map((entry, k) => [entry, RECORD_UNITS[k]!]));

const byName = new Map<string, Unit>();
const inModelStrings = new Map<string, Unit>();
for (const [name, index, modelStrings] of UNIT_NAMES) {
  const unit = RECORD_UNITS[index]!;
  byName.set(name, unit);
  if (modelStrings) inModelStrings.set(name, unit);
}

/** Every named unit of Brian2 (allunits, stdunits, DEFAULT_UNITS), e.g. `newton`, `cmetre`, `mV`. */
export const allUnits: ReadonlyMap<string, Unit> = byName;

/** The unit names usable inside model strings (Brian2's `DEFAULT_UNITS`, 1710 names). */
export const modelStringUnits: ReadonlyMap<string, Unit> = inModelStrings;

/**
 * The unit a name denotes inside model strings (`'mV'`, `'um2'`, `'mmolar'`, `'kHz'`), or
 * `undefined`. Covers exactly Brian2's `DEFAULT_UNITS`: no c/d/da/h prefixes except `cm`, `cm2`,
 * `cm3` and the liter/litre variants.
 */
export function lookupUnit(name: string): Unit | undefined {
  return inModelStrings.get(name);
}

/** The named Brian2 unit `name` (any catalogue name); throws UnitError for unknown names. */
export function unitNamed(name: string): Unit {
  const unit = byName.get(name);
  if (unit === undefined) throw new UnitError(`'${name}' is not the name of a Brian2 unit.`);
  return unit;
}

/**
 * The registered unscaled unit of a dimension (`volt` for V, `siemens` for S), searching the
 * standard, user and additional registries like Brian2's `get_unit`; `undefined` if none.
 */
export function getBaseUnit(dim: Dimension): Unit | undefined {
  const entry = findBaseUnit(dim);
  if (entry === undefined) return undefined;
  if (entry instanceof Unit) return entry;
  return unitForEntry.get(entry);
}
