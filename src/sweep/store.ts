/**
 * The output folder of a sweep, shared by every engine (local pool, Slurm tasks):
 *
 *   sweep.json            the plan: parameters (names, units), points, sweep seed, script
 *   shards/<shard>.jsonl  one line per finished point, appended as it finishes (one shard per
 *                         process, so Slurm tasks never write the same file)
 *   arrays/point-<i>.npz  the arrays a point returned (numpy: np.load)
 *   results.{json,csv,npz} the table: one row per point (parameters, seed, returned scalars, error)
 *
 * Re-running into the folder skips the points that succeeded; failed points are run again.
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeNpz } from '../io/index.ts';
import type { NdArray } from '../io/index.ts';
import { Dimension, DIMENSIONLESS, getBaseUnit } from '../units/index.ts';
import { SweepError } from './errors.ts';
import { describeDimensions, type ParameterSpec, type SweepPlan } from './grid.ts';
import type { PointErrorInfo, PointOutcome } from './runner.ts';

const FORMAT = 'brian-ts-sweep';
const VERSION = 1;

/** The plan as stored in `sweep.json`. */
export interface Manifest {
  readonly format: typeof FORMAT;
  readonly version: number;
  /** The model script (absolute path), when the sweep runs one. */
  readonly script: string | undefined;
  readonly seed: number;
  readonly parameters: readonly ParameterSpec[];
  /** Each point's values (SI), in the order of `parameters`; the point's index is its position. */
  readonly points: readonly (readonly number[])[];
}

/** A finished point as stored in a shard (arrays are in `arrays/point-<index>.npz`). */
export type PointRecord =
  | { readonly index: number; readonly seed: number; readonly ok: true; readonly scalars: Record<string, number>; readonly units: Record<string, number[]>; readonly arrays: string[]; readonly elapsed: number }
  | { readonly index: number; readonly seed: number; readonly ok: false; readonly error: PointErrorInfo; readonly elapsed: number };

/** One row of the results table. */
export interface SweepRow {
  readonly index: number;
  readonly seed: number;
  /** Parameter values (SI). */
  readonly params: Record<string, number>;
  /** Returned scalars (SI); empty for a failed point. */
  readonly values: Record<string, number>;
  /** Names of the arrays the point returned (in `arrays/point-<index>.npz`). */
  readonly arrays: readonly string[];
  /** The point's error, when it failed. */
  readonly error: PointErrorInfo | undefined;
  readonly elapsed: number;
}

/** The unit a column's SI values are in (`s`, `V`, `1`). */
export function siUnit(dimensions: readonly number[]): string {
  const dim = Dimension.of(dimensions);
  return dim === DIMENSIONLESS ? '1' : String(getBaseUnit(dim) ?? dim);
}

const output = (message: string, cause?: unknown): SweepError => new SweepError('output', message, cause === undefined ? undefined : { cause });

function io<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw output(`${what}: ${e instanceof Error ? e.message : String(e)}`, e);
  }
}

function samePlan(a: Manifest, b: Manifest): string | undefined {
  if (a.seed !== b.seed) return `its seed is ${a.seed}, this sweep's ${b.seed}`;
  const names = (m: Manifest): string => m.parameters.map((p) => `${p.name} [${describeDimensions(p.dimensions)}]`).join(', ');
  if (names(a) !== names(b)) return `its parameters are ${names(a)}, this sweep's ${names(b)}`;
  if (a.points.length !== b.points.length) return `it has ${a.points.length} points, this sweep ${b.points.length}`;
  for (let k = 0; k < a.points.length; k++) {
    if (a.points[k]!.some((x, j) => x !== b.points[k]![j])) return `its point ${k} differs`;
  }
  return undefined;
}

/** An open output folder. */
export class SweepStore {
  readonly dir: string;
  readonly manifest: Manifest;

  /** Whether `arrays/` is known to exist (made once, not once per point). */
  private arraysDir = false;

  private constructor(dir: string, manifest: Manifest) {
    this.dir = dir;
    this.manifest = manifest;
  }

  /** Reads the plan of an existing sweep folder. */
  static readManifest(dir: string): Manifest {
    const path = join(dir, 'sweep.json');
    if (!existsSync(path)) throw output(`${dir} is not a sweep folder (it has no sweep.json).`);
    const m = io(`cannot read ${path}`, () => JSON.parse(readFileSync(path, 'utf8')) as Manifest);
    if (m.format !== FORMAT || typeof m.version !== 'number' || m.version > VERSION || !Array.isArray(m.points) || !Array.isArray(m.parameters)) {
      throw output(`${path} is not a brian-ts sweep plan (format ${FORMAT}, version ≤ ${VERSION}).`);
    }
    return m;
  }

  /** Opens an existing folder. */
  static open(dir: string): SweepStore {
    return new SweepStore(dir, SweepStore.readManifest(dir));
  }

  /**
   * Opens `dir` for `plan`: writes `sweep.json` into a new or empty folder, or checks that the
   * folder holds this same sweep (a different one is an error: results must not mix).
   */
  static create(dir: string, plan: SweepPlan, seed: number, script: string | undefined): SweepStore {
    const manifest: Manifest = { format: FORMAT, version: VERSION, script, seed, parameters: plan.parameters, points: plan.points.map((p) => p.values) };
    if (existsSync(join(dir, 'sweep.json'))) {
      const old = SweepStore.readManifest(dir);
      const diff = samePlan(old, manifest);
      if (diff !== undefined) throw output(`${dir} holds another sweep (${diff}): choose another output folder or delete it.`);
      return new SweepStore(dir, old);
    }
    io(`cannot create the output folder ${dir}`, () => {
      mkdirSync(join(dir, 'shards'), { recursive: true });
      // Written whole, then renamed: a reader never sees half a plan.
      writeFileSync(join(dir, 'sweep.json.tmp'), JSON.stringify(manifest));
      renameSync(join(dir, 'sweep.json.tmp'), join(dir, 'sweep.json'));
    });
    return new SweepStore(dir, manifest);
  }

  /** Records a finished point in shard `shard` (and its arrays as an .npz). */
  record(shard: string, outcome: PointOutcome): PointRecord {
    let rec: PointRecord;
    if (outcome.ok) {
      const names = Object.keys(outcome.arrays);
      if (names.length > 0) {
        const arrays: Record<string, NdArray> = {};
        for (const [name, a] of Object.entries(outcome.arrays)) {
          const dim = Dimension.of(a.dimensions);
          arrays[name] = dim === DIMENSIONLESS ? { dtype: '<f8', shape: [a.data.length], data: a.data } : { dtype: '<f8', shape: [a.data.length], data: a.data, dim };
        }
        const bytes = encodeNpz(arrays, { metadata: { index: outcome.index, seed: outcome.seed } });
        io('cannot write the arrays of a point', () => {
          if (!this.arraysDir) mkdirSync(join(this.dir, 'arrays'), { recursive: true });
          this.arraysDir = true;
          writeFileSync(join(this.dir, 'arrays', `point-${outcome.index}.npz`), bytes);
        });
      }
      rec = { index: outcome.index, seed: outcome.seed, ok: true, scalars: outcome.scalars, units: outcome.units, arrays: names, elapsed: outcome.elapsed };
    } else {
      rec = { index: outcome.index, seed: outcome.seed, ok: false, error: outcome.error, elapsed: outcome.elapsed };
    }
    // One line per point, appended whole: an interrupted write leaves at most a torn last line, which loading skips.
    io('cannot write a result', () => appendFileSync(join(this.dir, 'shards', `${shard}.jsonl`), `${JSON.stringify(rec)}\n`));
    return rec;
  }

  /** Every recorded point, merged over the shards: a success wins over failures, else the last failure. */
  load(): Map<number, PointRecord> {
    const out = new Map<number, PointRecord>();
    const shards = join(this.dir, 'shards');
    if (!existsSync(shards)) return out;
    for (const file of readdirSync(shards).filter((f) => f.endsWith('.jsonl')).sort()) {
      const text = io(`cannot read ${file}`, () => readFileSync(join(shards, file), 'utf8'));
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue;
        let rec: PointRecord;
        try {
          rec = JSON.parse(line) as PointRecord;
        } catch {
          continue; // a torn line from an interrupted write
        }
        if (!Number.isInteger(rec.index) || rec.index < 0 || rec.index >= this.manifest.points.length) continue;
        const old = out.get(rec.index);
        if (old === undefined || !old.ok) out.set(rec.index, rec);
      }
    }
    return out;
  }

  /** The table rows of the recorded points, by index. */
  rows(records: ReadonlyMap<number, PointRecord> = this.load()): SweepRow[] {
    return rowsOf(this.manifest.parameters, this.manifest.points, records);
  }

  /** Writes `results.json`, `results.csv` and `results.npz` from the recorded points. */
  writeTables(records: ReadonlyMap<number, PointRecord> = this.load()): SweepRow[] {
    const rows = this.rows(records);
    const table = resultsTable(this.manifest.parameters, rows, records);
    io('cannot write the results', () => {
      writeFileSync(join(this.dir, 'results.json'), `${JSON.stringify(table.json, null, 1)}\n`);
      writeFileSync(join(this.dir, 'results.csv'), table.csv);
      writeFileSync(join(this.dir, 'results.npz'), table.npz);
    });
    return rows;
  }
}

/** Table rows of recorded points, by index. */
export function rowsOf(parameters: readonly ParameterSpec[], points: readonly (readonly number[])[], records: ReadonlyMap<number, PointRecord>): SweepRow[] {
  return [...records.values()]
    .sort((a, b) => a.index - b.index)
    .map((r) => ({
      index: r.index,
      seed: r.seed,
      params: Object.fromEntries(parameters.map((p, k) => [p.name, points[r.index]![k]!])),
      values: r.ok ? r.scalars : {},
      arrays: r.ok ? r.arrays : [],
      error: r.ok ? undefined : r.error,
      elapsed: r.elapsed,
    }));
}

interface Column {
  readonly name: string;
  readonly dimensions: readonly number[];
}

/** The table in the three formats. A scalar whose unit differs from its column's makes that point an error. */
export function resultsTable(
  parameters: readonly ParameterSpec[],
  rows: readonly SweepRow[],
  records: ReadonlyMap<number, PointRecord>,
): { json: Record<string, unknown>[]; csv: string; npz: Uint8Array } {
  const scalarColumns: Column[] = [];
  for (const row of rows) {
    const rec = records.get(row.index);
    if (rec === undefined || !rec.ok) continue;
    for (const name of Object.keys(rec.scalars)) {
      if (!scalarColumns.some((c) => c.name === name)) scalarColumns.push({ name, dimensions: rec.units[name] ?? [0, 0, 0, 0, 0, 0, 0] });
    }
  }
  const errors = new Map<number, PointErrorInfo>();
  for (const row of rows) {
    if (row.error !== undefined) errors.set(row.index, row.error);
    const rec = records.get(row.index);
    if (rec === undefined || !rec.ok) continue;
    for (const c of scalarColumns) {
      const dims = rec.units[c.name];
      if (dims !== undefined && dims.some((x, k) => x !== c.dimensions[k])) {
        errors.set(row.index, { name: 'SweepError', code: 'invalid-result', message: `The result '${c.name}' is in ${describeDimensions(dims)} here but in ${describeDimensions(c.dimensions)} at other points.` });
      }
    }
  }
  const value = (row: SweepRow, c: Column): number => (errors.has(row.index) ? NaN : (row.values[c.name] ?? NaN));
  const json = rows.map((row) => {
    const out: Record<string, unknown> = { index: row.index };
    for (const p of parameters) out[p.name] = row.params[p.name];
    out['seed'] = row.seed;
    for (const c of scalarColumns) {
      const v = value(row, c);
      out[c.name] = Number.isFinite(v) ? v : Number.isNaN(v) ? null : String(v);
    }
    const e = errors.get(row.index);
    out['error'] = e === undefined ? null : `${e.name}: ${e.message}`;
    out['error_code'] = e?.code ?? null;
    return out;
  });
  const label = (name: string, dims: readonly number[]): string => (dims.every((x) => x === 0) ? name : `${name} (${siUnit(dims)})`);
  const field = (text: string): string => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const num = (x: number): string => (Number.isFinite(x) ? String(x) : Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf');
  const header = ['index', ...parameters.map((p) => label(p.name, p.dimensions)), 'seed', ...scalarColumns.map((c) => label(c.name, c.dimensions)), 'error', 'error_code'];
  const lines = [header.map(field).join(',')];
  for (const row of rows) {
    const e = errors.get(row.index);
    lines.push(
      [
        String(row.index),
        ...parameters.map((p) => num(row.params[p.name]!)),
        String(row.seed),
        ...scalarColumns.map((c) => num(value(row, c))),
        field(e === undefined ? '' : `${e.name}: ${e.message}`),
        field(e?.code ?? ''),
      ].join(','),
    );
  }
  const column = (values: number[], dims: readonly number[]): NdArray => {
    const dim = Dimension.of(dims);
    const data = Float64Array.from(values);
    return dim === DIMENSIONLESS ? { dtype: '<f8', shape: [values.length], data } : { dtype: '<f8', shape: [values.length], data, dim };
  };
  const arrays: Record<string, NdArray> = {
    index: { dtype: '<i8', shape: [rows.length], data: BigInt64Array.from(rows.map((r) => BigInt(r.index))) },
  };
  for (const p of parameters) arrays[p.name] = column(rows.map((r) => r.params[p.name]!), p.dimensions);
  arrays['seed'] = { dtype: '<u4', shape: [rows.length], data: Uint32Array.from(rows.map((r) => r.seed)) };
  for (const c of scalarColumns) arrays[c.name] = column(rows.map((r) => value(r, c)), c.dimensions);
  arrays['ok'] = { dtype: '|b1', shape: [rows.length], data: Uint8Array.from(rows.map((r) => (errors.has(r.index) ? 0 : 1))) };
  const npz = encodeNpz(arrays, { metadata: { errors: Object.fromEntries([...errors].map(([i, e]) => [String(i), e])) } });
  return { json, csv: `${lines.join('\n')}\n`, npz };
}
