/**
 * Sweep grids: a cartesian product of named values (`{ tau: ms([10, 20]), w: [0.1, 0.2] }`) or an
 * explicit list (`{ points: [{ tau: ms(10), w: 0.1 }, …] }`), checked against the parameters the
 * model declares (names, units, defaults). Values are held in SI units with one dimension per
 * parameter. Grid files are JSON: numbers, or strings with a unit (`"10 ms"`, `"10*ms"`).
 * Quantities are recognised by shape (value + dim exponents), so ones made by another copy of
 * brian-ts (a model script's) work too.
 */
import { allUnits, Dimension, DIMENSIONLESS, getBaseUnit } from '../units/index.ts';
import { suggestNames } from '../util/index.ts';
import { SweepError } from './errors.ts';

/** One grid value: a number (dimensionless), a Quantity, or a string such as `'10 ms'`. */
export type GridValue = number | string | { readonly value: number; readonly dim: Dimension };

/** A cartesian grid: every combination of the listed values (the first parameter varies slowest). */
export type CartesianGrid = Readonly<Record<string, readonly GridValue[] | { readonly values: ArrayLike<number>; readonly dim: Dimension }>>;

/** An explicit list of points; parameters a point leaves out take their declared default. */
export interface PointList {
  readonly points: readonly Readonly<Record<string, GridValue>>[];
}

/** A grid: cartesian or an explicit list of points. */
export type Grid = CartesianGrid | PointList;

/** A declared parameter: its name, dimension and default (SI), as the model script's `parameters` export gives them. */
export interface ParameterSpec {
  readonly name: string;
  /** Dimension exponents (m, kg, s, A, K, mol, cd). */
  readonly dimensions: readonly number[];
  /** The default in SI units (undefined: the grid must give it). */
  readonly default?: number | undefined;
}

/** One point of a sweep: its index and parameter values (SI, in the plan's parameter order). */
export interface SweepPoint {
  readonly index: number;
  readonly values: readonly number[];
}

/** A checked grid: the parameters (in column order) and the points. */
export interface SweepPlan {
  readonly parameters: readonly ParameterSpec[];
  readonly points: readonly SweepPoint[];
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Column names of the results table that parameters may not take. */
export const RESERVED_COLUMNS: readonly string[] = ['index', 'seed', 'error', 'error_code', 'elapsed'];
const MAX_POINTS = 10_000_000;

const grid = (message: string): SweepError => new SweepError('invalid-grid', message);

/** A Quantity-like object of any brian-ts copy: a finite-or-not number and 7 dimension exponents. */
export function quantityParts(x: unknown): { value: number; dimensions: number[] } | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const q = x as { value?: unknown; dim?: { exponents?: unknown } };
  const exps = q.dim?.exponents;
  if (typeof q.value !== 'number' || !Array.isArray(exps) || exps.length !== 7 || !exps.every((e) => typeof e === 'number')) return undefined;
  return { value: q.value, dimensions: [...(exps as number[])] };
}

/** A QuantityArray-like object of any brian-ts copy. */
export function quantityArrayParts(x: unknown): { values: ArrayLike<number>; dimensions: number[] } | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const q = x as { values?: unknown; dim?: { exponents?: unknown } };
  const exps = q.dim?.exponents;
  if (!(q.values instanceof Float64Array) || !Array.isArray(exps) || exps.length !== 7) return undefined;
  return { values: q.values, dimensions: [...(exps as number[])] };
}

/** The unit name of a dimension for messages (`second`, `volt`, `1`). */
export function describeDimensions(dimensions: readonly number[]): string {
  const dim = Dimension.of(dimensions);
  return dim === DIMENSIONLESS ? 'dimensionless' : String(getBaseUnit(dim) ?? dim);
}

/** SI symbols that Brian2 (and so brian-ts) spells out. */
const SI_SYMBOLS: Readonly<Record<string, string>> = { s: 'second', V: 'volt', A: 'amp', S: 'siemens', F: 'farad', m: 'meter', g: 'gram', K: 'kelvin', H: 'henry', C: 'coulomb', W: 'watt', J: 'joule', N: 'newton', T: 'tesla', Pa: 'pascal', Wb: 'weber', L: 'liter', l: 'liter' };

const NUMBER_WITH_UNIT = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[-+]?inf)\s*(?:\*?\s*([A-Za-z_][A-Za-z0-9_]*))?\s*$/;

/** Parses one grid value to SI value and dimensions. */
export function parseGridValue(value: unknown, where: string): { value: number; dimensions: number[] } {
  if (typeof value === 'number') return { value, dimensions: [0, 0, 0, 0, 0, 0, 0] };
  if (typeof value === 'string') {
    const m = NUMBER_WITH_UNIT.exec(value);
    if (m === null) throw grid(`${where}: '${value}' is not a number with an optional unit (such as '10 ms' or '0.5*nS').`);
    const x = Number(m[1]!.replace(/inf$/, 'Infinity'));
    if (m[2] === undefined) return { value: x, dimensions: [0, 0, 0, 0, 0, 0, 0] };
    const unit = allUnits.get(m[2]);
    if (unit === undefined) {
      // Brian2 has no one-letter SI symbols (`second`, not `s`): name the unit the user meant first.
      const full = Object.hasOwn(SI_SYMBOLS, m[2]) && allUnits.has(SI_SYMBOLS[m[2]]!) ? SI_SYMBOLS[m[2]] : undefined;
      const close = [...(full !== undefined ? [full] : []), ...suggestNames(m[2], [...allUnits.keys()])].slice(0, 3);
      throw grid(`${where}: '${m[2]}' in '${value}' is not a unit.${close.length > 0 ? ` Did you mean ${close.map((c) => `'${c}'`).join(', ')}?` : ''}`);
    }
    return { value: x * unit.value, dimensions: [...unit.dim.exponents] };
  }
  const q = quantityParts(value);
  if (q !== undefined) return q;
  throw grid(`${where}: expected a number, a Quantity or a string with a unit, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}.`);
}

function sameDimensions(a: readonly number[], b: readonly number[]): boolean {
  return a.every((x, k) => x === b[k]);
}

function checkName(name: string, declared: readonly ParameterSpec[] | undefined): void {
  if (declared !== undefined) {
    if (declared.some((p) => p.name === name)) return;
    const close = suggestNames(name, declared.map((p) => p.name));
    const hint = close.length > 0 ? ` Did you mean '${close[0]}'?` : '';
    throw grid(`The grid sets '${name}', which the model does not declare.${hint} Its parameters are: ${declared.map((p) => p.name).join(', ') || '(none)'}.`);
  }
  if (!IDENTIFIER.test(name)) throw grid(`The grid parameter name ${JSON.stringify(name)} is not an identifier.`);
  if (RESERVED_COLUMNS.includes(name)) throw grid(`'${name}' cannot be a parameter name (it is a column of the results table).`);
}

/** Formats a point's values for messages (`tau=10. ms, w=0.1`). */
export function describePoint(parameters: readonly ParameterSpec[], values: readonly number[]): string {
  return parameters
    .map((p, k) => {
      const dim = Dimension.of(p.dimensions);
      return `${p.name}=${dim === DIMENSIONLESS ? values[k] : `${values[k]} ${describeDimensions(p.dimensions)}`}`;
    })
    .join(', ');
}

/**
 * Checks a grid against the declared parameters (if the model declares them) and expands it.
 * Errors (`SweepError` 'invalid-grid'): not an object, unknown or undeclared parameters, values
 * with the wrong unit, empty value lists or point lists, points missing a parameter without a
 * default, duplicate points, non-finite values.
 */
export function planSweep(input: unknown, declared?: readonly ParameterSpec[]): SweepPlan {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw grid(`A grid is an object of parameter values ({ tau: ['10 ms', '20 ms'] }) or { points: [...] }, got ${Array.isArray(input) ? 'an array' : input === null ? 'null' : typeof input}.`);
  }
  const dims = new Map<string, number[]>();
  const unit = (name: string, dimensions: number[], where: string): void => {
    const spec = declared?.find((p) => p.name === name);
    const expected = spec?.dimensions ?? dims.get(name);
    if (expected !== undefined && !sameDimensions(expected, dimensions)) {
      throw grid(`${where}: wrong units for '${name}': expected ${describeDimensions(expected)}${spec !== undefined ? ' (as the model declares it)' : ''}, got ${describeDimensions(dimensions)}.`);
    }
    if (!dims.has(name)) dims.set(name, dimensions);
  };
  const finite = (x: number, where: string): void => {
    if (!Number.isFinite(x)) throw grid(`${where}: the value ${x} is not finite.`);
  };
  let rows: Map<string, number>[];
  if ('points' in input) {
    const extra = Object.keys(input).filter((k) => k !== 'points');
    if (extra.length > 0) throw grid(`A point list has only the key 'points', got also ${extra.map((k) => `'${k}'`).join(', ')}.`);
    const list = (input as PointList).points;
    if (!Array.isArray(list)) throw grid(`'points' must be a list of objects, got ${typeof list}.`);
    if (list.length === 0) throw grid('The grid has no points (an empty list).');
    rows = list.map((point: unknown, k) => {
      const where = `point ${k}`;
      if (typeof point !== 'object' || point === null || Array.isArray(point)) throw grid(`${where} must be an object of parameter values.`);
      const row = new Map<string, number>();
      for (const [name, raw] of Object.entries(point)) {
        checkName(name, declared);
        const v = parseGridValue(raw, `${where}, '${name}'`);
        finite(v.value, `${where}, '${name}'`);
        unit(name, v.dimensions, where);
        row.set(name, v.value);
      }
      return row;
    });
  } else {
    const entries = Object.entries(input as CartesianGrid);
    if (entries.length === 0) throw grid('The grid has no parameters (an empty object).');
    const axes: [string, number[]][] = entries.map(([name, raw]) => {
      checkName(name, declared);
      const qa = quantityArrayParts(raw);
      let values: number[];
      if (qa !== undefined) {
        values = Array.from(qa.values);
        unit(name, qa.dimensions, `'${name}'`);
      } else {
        if (!Array.isArray(raw)) throw grid(`The values of '${name}' must be a list, got ${raw === null ? 'null' : typeof raw}.`);
        values = raw.map((x: unknown, k) => {
          const v = parseGridValue(x, `'${name}'[${k}]`);
          unit(name, v.dimensions, `'${name}'[${k}]`);
          return v.value;
        });
      }
      if (values.length === 0) throw grid(`'${name}' has no values (an empty list).`);
      values.forEach((x, k) => finite(x, `'${name}'[${k}]`));
      return [name, values];
    });
    const total = axes.reduce((n, [, v]) => n * v.length, 1);
    if (total > MAX_POINTS) throw grid(`The grid has ${total} points; at most ${MAX_POINTS} are supported.`);
    rows = [];
    for (let i = 0; i < total; i++) {
      const row = new Map<string, number>();
      let rest = i;
      for (let a = axes.length - 1; a >= 0; a--) {
        const [name, values] = axes[a]!;
        row.set(name, values[rest % values.length]!);
        rest = Math.floor(rest / values.length);
      }
      rows.push(row);
    }
  }
  // Columns: the declared order, else the order of first appearance.
  const parameters: ParameterSpec[] =
    declared !== undefined
      ? [...declared]
      : [...dims].map(([name, dimensions]) => ({ name, dimensions }));
  const seen = new Map<string, number>();
  const points = rows.map((row, index): SweepPoint => {
    const values = parameters.map((p) => {
      const v = row.get(p.name) ?? p.default;
      if (v === undefined) throw grid(`point ${index} does not set '${p.name}', which has no default.`);
      return v;
    });
    const key = values.join(',');
    const earlier = seen.get(key);
    if (earlier !== undefined) throw grid(`points ${earlier} and ${index} are the same (${describePoint(parameters, values)}).`);
    seen.set(key, index);
    return { index, values };
  });
  return { parameters, points };
}
