/**
 * JSON and CSV export. JSON keeps every array with its dtype, shape, unit and dimension (and
 * reads back); CSV writes one table with a header row of `name (unit)`, rows being samples.
 * Values are in SI units. Non-finite floats are written as `"NaN"`, `"Infinity"`, `"-Infinity"` in
 * JSON (which has no such numbers) and `nan`, `inf`, `-inf` in CSV (as Python parses them).
 */
import { Dimension, DIMENSIONLESS } from '../units/index.ts';
import { readBytes, writeBytes } from './files.ts';
import { eventTable, isExportableMonitor, stateMonitorLabels } from './monitors.ts';
import type { ExportData } from './monitors.ts';
import { elementAt, fail, isNpyDtype, toNdArray } from './npy.ts';
import type { NdArray, NpyData, NpyDtype, Where } from './npy.ts';
import { checkName, siUnitName, toNdArrays } from './npz.ts';
import type { ExportMetadata, LoadedArrays } from './npz.ts';
import { Group } from '../groups/index.ts';
import { checkIoOptions } from './errors.ts';
import { showValue } from '../util/index.ts';

/** Options of the JSON export. */
export interface JsonOptions {
  /** Extra JSON-serialisable data stored under `user`. */
  metadata?: unknown;
  /** Indentation (as JSON.stringify); default none. */
  indent?: number;
}

type JsonNumber = number | string | boolean;

function jsonValue(dtype: NpyDtype, data: NpyData, k: number): JsonNumber {
  const v = data[k]!;
  if (dtype === '|b1') return v !== 0;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (Number.isFinite(v)) return v;
  return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
}

/** C-order data as nested lists of `shape`. */
function nested(array: NdArray): unknown {
  const { shape, data, dtype } = array;
  let k = 0;
  const build = (axis: number): unknown => {
    if (axis === shape.length) return jsonValue(dtype, data, k++);
    return Array.from({ length: shape[axis]! }, () => build(axis + 1));
  };
  return build(0);
}

/**
 * Encodes arrays (or a monitor's or group's data) as JSON:
 * `{format, version, arrays: {name: {dtype, shape, unit, dimensions, data}}, user?}` with `data`
 * nested by shape (a 2-D array is a list of rows).
 */
export function encodeJson(data: ExportData, options?: JsonOptions, where: Where = { call: 'encodeJson' }): string {
  options = checkIoOptions(options, ['metadata', 'indent'], where);
  const arrays: Record<string, unknown> = {};
  for (const [name, array] of toNdArrays(data, where)) {
    arrays[name] = {
      dtype: array.dtype,
      shape: array.shape,
      unit: siUnitName(array.dim),
      dimensions: [...(array.dim ?? DIMENSIONLESS).exponents],
      data: nested(array),
    };
  }
  const doc = { format: 'brian-ts', version: 1, arrays, ...(options.metadata === undefined ? {} : { user: options.metadata }) };
  try {
    return JSON.stringify(doc, null, options.indent);
  } catch (e) {
    return fail(where, 'the metadata is not JSON-serialisable', e);
  }
}

const TYPED: Record<NpyDtype, (n: number) => NpyData> = {
  '<f8': (n) => new Float64Array(n),
  '<f4': (n) => new Float32Array(n),
  '<i8': (n) => new BigInt64Array(n),
  '<i4': (n) => new Int32Array(n),
  '<i2': (n) => new Int16Array(n),
  '|i1': (n) => new Int8Array(n),
  '<u8': (n) => new BigUint64Array(n),
  '<u4': (n) => new Uint32Array(n),
  '<u2': (n) => new Uint16Array(n),
  '|u1': (n) => new Uint8Array(n),
  '|b1': (n) => new Uint8Array(n),
};

function parseJsonNumber(x: unknown, name: string, where: Where): number | bigint {
  if (typeof x === 'number' || typeof x === 'boolean') return Number(x);
  if (x === 'NaN') return NaN;
  if (x === 'Infinity') return Infinity;
  if (x === '-Infinity') return -Infinity;
  if (typeof x === 'string' && /^-?\d+$/.test(x)) return BigInt(x);
  return fail(where, `'${name}' holds a value that is not a number: ${JSON.stringify(x)}`);
}

/** Reads JSON written by `encodeJson`/`exportJson` back into arrays with dimensions. */
export function decodeJson(text: string, where: Where = { call: 'decodeJson' }): LoadedArrays {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return fail(where, `not valid JSON: ${e instanceof Error ? e.message : String(e)}`, e);
  }
  const d = doc as { format?: unknown; version?: unknown; arrays?: unknown; user?: unknown } | null;
  if (typeof d !== 'object' || d === null || d.format !== 'brian-ts' || typeof d.arrays !== 'object' || d.arrays === null) {
    fail(where, 'not a brian-ts JSON export (no "format": "brian-ts" with "arrays")');
  }
  if (typeof d.version !== 'number' || d.version > 1) fail(where, `version ${showValue(d.version)} is not supported (this brian-ts reads version 1)`);
  const arrays: Record<string, NdArray> = {};
  const units: Record<string, string> = {};
  const dimensions: Record<string, number[]> = {};
  for (const [name, entry] of Object.entries(d.arrays as Record<string, unknown>)) {
    const e = entry as { dtype?: unknown; shape?: unknown; dimensions?: unknown; unit?: unknown; data?: unknown } | null;
    if (typeof e !== 'object' || e === null || !isNpyDtype(e.dtype) || !Array.isArray(e.shape) || !e.shape.every((n) => Number.isSafeInteger(n) && n >= 0)) {
      return fail(where, `'${name}' is not a valid array entry (dtype, shape and data expected)`);
    }
    const shape = e.shape as number[];
    const flat = shape.length === 0 ? [e.data] : (e.data as unknown[] | undefined)?.flat(shape.length - 1) ?? [];
    const count = shape.reduce((a, b) => a * b, 1);
    if (flat.length !== count) fail(where, `'${name}' has ${flat.length} values, its shape (${shape.join(', ')}) needs ${count}`);
    const data = TYPED[e.dtype](count);
    const target = data as unknown as { [k: number]: number | bigint };
    const big = data instanceof BigInt64Array || data instanceof BigUint64Array;
    flat.forEach((x, k) => {
      const v = parseJsonNumber(x, name, where);
      target[k] = big ? BigInt(v) : Number(v);
    });
    const exps = e.dimensions;
    let dim: Dimension = DIMENSIONLESS;
    if (exps !== undefined) {
      if (!Array.isArray(exps) || exps.length !== 7 || !exps.every((x) => typeof x === 'number')) fail(where, `'${name}' has invalid dimensions`);
      dim = Dimension.of(exps as number[]);
    }
    arrays[name] = dim === DIMENSIONLESS ? { dtype: e.dtype, shape, data } : { dtype: e.dtype, shape, data, dim };
    units[name] = typeof e.unit === 'string' ? e.unit : siUnitName(dim);
    dimensions[name] = [...dim.exponents];
  }
  const metadata: ExportMetadata = { format: 'brian-ts', version: 1, units, dimensions, ...(d.user === undefined ? {} : { user: d.user }) };
  return { arrays, metadata };
}

/** Writes arrays, a monitor's or a group's data as JSON (see `encodeJson`). */
export async function exportJson(path: string, data: ExportData, options?: JsonOptions): Promise<void> {
  const where = { call: 'exportJson', path };
  await writeBytes(where, encodeJson(data, options, where));
}

/** Reads a JSON file written by `exportJson`. */
export async function loadJson(path: string): Promise<LoadedArrays> {
  const where = { call: 'loadJson', path };
  return decodeJson(new TextDecoder().decode(await readBytes(where)), where);
}

interface Column {
  readonly label: string;
  readonly dtype: NpyDtype;
  readonly get: (row: number) => number;
  readonly rows: number;
}

function csvNumber(dtype: NpyDtype, x: number): string {
  if (dtype === '|b1') return x === 0 ? '0' : '1';
  if (Number.isFinite(x)) return String(x);
  return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function label(name: string, array: NdArray): string {
  return array.dim === undefined || array.dim === DIMENSIONLESS ? name : `${name} (${siUnitName(array.dim)})`;
}

/** Columns of a table: 1-D arrays as they are, 2-D `[k × rows]` arrays as k columns `name[j]`. */
function columnsOf(arrays: readonly [string, NdArray][], labels: ArrayLike<number> | undefined, where: Where): Column[] {
  const columns: Column[] = [];
  for (const [name, array] of arrays) {
    const { shape, data, dtype } = array;
    if (shape.length === 1) {
      columns.push({ label: label(name, array), dtype, rows: shape[0]!, get: (r) => elementAt(data, r) });
    } else if (shape.length === 2) {
      const [k, rows] = shape as [number, number];
      for (let j = 0; j < k; j++) {
        const index = labels?.[j] ?? j;
        columns.push({ label: label(`${name}[${index}]`, array), dtype, rows, get: (r) => elementAt(data, j * rows + r) });
      }
    } else {
      fail(where, `'${name}' has shape (${shape.join(', ')}); a CSV table takes 1-D columns and 2-D [columns × rows] arrays`);
    }
  }
  const first = columns[0];
  for (const c of columns) {
    if (c.rows !== first!.rows) fail(where, `the columns have different lengths: '${first!.label}' has ${first!.rows} rows, '${c.label}' has ${c.rows}`);
  }
  return columns;
}

/** The table arrays of export data: a StateMonitor by time, an event monitor by event, a group by neuron. */
function tableArrays(data: ExportData, where: Where): { arrays: [string, NdArray][]; labels: ArrayLike<number> | undefined } {
  if (isExportableMonitor(data)) {
    const events = eventTable(data, where);
    if (events !== undefined) return { arrays: Object.entries(events).map(([n, v]) => [n, toNdArray(v, n, where)]), labels: undefined };
    return { arrays: toNdArrays(data, where).filter(([n]) => n !== 'record'), labels: stateMonitorLabels(data) };
  }
  if (data instanceof Group) {
    // Per-neuron variables only: shared scalars (N, t, dt, …) do not fit the table.
    const arrays = toNdArrays(data, where).filter(([, a]) => a.shape.length === 1 && a.shape[0] === data.N);
    return { arrays, labels: undefined };
  }
  return { arrays: toNdArrays(data, where), labels: undefined };
}

/**
 * Encodes a table as CSV: a header row `name (unit)` and one row per sample, values in SI units.
 * A StateMonitor gives `t (s), v[0] (V), v[1] (V), …` (one row per time, columns named by neuron
 * index), a SpikeMonitor `t (s), i` (one row per spike), a group one row per neuron.
 * Named arrays must all have the same length (2-D arrays `[k × rows]` give k columns).
 */
export function encodeCsv(data: ExportData, where: Where = { call: 'encodeCsv' }): string {
  const { arrays, labels } = tableArrays(data, where);
  for (const [name] of arrays) checkName(name, where);
  const columns = columnsOf(arrays, labels, where);
  if (columns.length === 0) fail(where, 'there is nothing to write (no columns)');
  const lines = [columns.map((c) => csvField(c.label)).join(',')];
  const rows = columns[0]!.rows;
  for (let r = 0; r < rows; r++) lines.push(columns.map((c) => csvNumber(c.dtype, c.get(r))).join(','));
  return lines.join('\n') + '\n';
}

/**
 * Writes a table as CSV (see `encodeCsv`).
 * @example
 * await exportCsv('spikes.csv', spikeMonitor);   // t (s),i
 */
export async function exportCsv(path: string, data: ExportData): Promise<void> {
  const where = { call: 'exportCsv', path };
  await writeBytes(where, encodeCsv(data, where));
}
