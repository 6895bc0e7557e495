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

// Units are made on first use: the catalogue has ~2000 records, a program needs a handful, and
// making them all cost a noticeable part of the package's import time.
const RECORD_UNITS: (Unit | undefined)[] = new Array<Unit | undefined>(UNIT_RECORDS.length);
function recordUnit(k: number): Unit {
  let unit = RECORD_UNITS[k];
  if (unit === undefined) {
    const [name, dispname, , scaleExponent, scale, isCompound] = UNIT_RECORDS[k]!;
    unit = new Unit({ name, dispname, dim: RECORD_ENTRIES[k]!.dim, scaleExponent, scale, isCompound });
    RECORD_UNITS[k] = unit;
  }
  return unit;
}
const indexForEntry = new Map<DisplayUnit, number>(RECORD_ENTRIES.map((entry, k) => [entry, k]));

/** A read-only name → Unit map over record indices, making each Unit on first access. */
class LazyUnitMap implements ReadonlyMap<string, Unit> {
  constructor(private readonly indices: ReadonlyMap<string, number>) {}
  get size(): number {
    return this.indices.size;
  }
  get(name: string): Unit | undefined {
    const k = this.indices.get(name);
    return k === undefined ? undefined : recordUnit(k);
  }
  has(name: string): boolean {
    return this.indices.has(name);
  }
  forEach(callback: (value: Unit, key: string, map: ReadonlyMap<string, Unit>) => void, thisArg?: unknown): void {
    for (const [name, k] of this.indices) callback.call(thisArg, recordUnit(k), name, this);
  }
  keys(): MapIterator<string> {
    return this.indices.keys();
  }
  *values(): MapIterator<Unit> {
    for (const k of this.indices.values()) yield recordUnit(k);
  }
  *entries(): MapIterator<[string, Unit]> {
    for (const [name, k] of this.indices) yield [name, recordUnit(k)];
  }
  [Symbol.iterator](): MapIterator<[string, Unit]> {
    return this.entries();
  }
}

const byName = new Map<string, number>();
const inModelStrings = new Map<string, number>();
for (const [name, index, modelStrings] of UNIT_NAMES) {
  byName.set(name, index);
  if (modelStrings) inModelStrings.set(name, index);
}
const allUnitsMap = new LazyUnitMap(byName);
const modelStringUnitsMap = new LazyUnitMap(inModelStrings);

/** Every named unit of Brian2 (allunits, stdunits, DEFAULT_UNITS), e.g. `newton`, `cmetre`, `mV`. */
export const allUnits: ReadonlyMap<string, Unit> = allUnitsMap;

/** The unit names usable inside model strings (Brian2's `DEFAULT_UNITS`, 1710 names). */
export const modelStringUnits: ReadonlyMap<string, Unit> = modelStringUnitsMap;

/**
 * The unit a name denotes inside model strings (`'mV'`, `'um2'`, `'mmolar'`, `'kHz'`), or
 * `undefined`. Covers exactly Brian2's `DEFAULT_UNITS`: no c/d/da/h prefixes except `cm`, `cm2`,
 * `cm3` and the liter/litre variants.
 */
export function lookupUnit(name: string): Unit | undefined {
  return modelStringUnitsMap.get(name);
}

/** The named Brian2 unit `name` (any catalogue name); throws UnitError for unknown names. */
export function unitNamed(name: string): Unit {
  const unit = allUnitsMap.get(name);
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
  const k = indexForEntry.get(entry);
  return k === undefined ? undefined : recordUnit(k);
}
