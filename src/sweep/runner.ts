/**
 * Runs the points of a sweep in one thread: loads the model script (through tsx's namespaced
 * loader, so the script and this runner share one copy of brian-ts), then for each point starts a
 * fresh scope, restores the default clock's dt, seeds the point's seed, calls the model and turns
 * its result into scalars and arrays. Used inside each worker thread and in-process (`workers: 0`).
 */
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { defaultclock, seed as ownSeed, startScope as ownStartScope } from '../core/index.ts';
import { Dimension, Quantity } from '../units/index.ts';
import { SweepError } from './errors.ts';
import { quantityArrayParts, quantityParts, RESERVED_COLUMNS, type ParameterSpec } from './grid.ts';
import type { ScriptLoad } from './script.ts';

/** What the model function gets besides its parameters. */
export interface ModelContext {
  /** The point's index in the grid. */
  readonly index: number;
  /** The point's seed (already applied with `seed()` before the call). */
  readonly seed: number;
}

/** A model: parameters (Quantities, or numbers when dimensionless) → a record of scalars and arrays. */
export type ModelFunction = (params: Record<string, any>, context: ModelContext) => unknown;

/** One point to run. */
export interface PointTask {
  readonly index: number;
  readonly seed: number;
  /** SI values in the order of the plan's parameters. */
  readonly values: readonly number[];
}

/** A returned array: SI values and dimension exponents. */
export interface ResultArray {
  readonly data: Float64Array;
  readonly dimensions: readonly number[];
}

/** The error of a failed point, as recorded. */
export interface PointErrorInfo {
  /** The error's class name (`DimensionMismatchError`, `SweepError`…). */
  readonly name: string;
  /** Its code, for typed errors that have one (`out-of-memory`…). */
  readonly code?: string | undefined;
  readonly message: string;
}

/** The outcome of one point. */
export type PointOutcome =
  | {
      readonly index: number;
      readonly seed: number;
      readonly ok: true;
      /** Returned scalars in SI units. */
      readonly scalars: Record<string, number>;
      /** Their dimension exponents. */
      readonly units: Record<string, number[]>;
      readonly arrays: Record<string, ResultArray>;
      /** Wall-clock seconds of the point. */
      readonly elapsed: number;
    }
  | { readonly index: number; readonly seed: number; readonly ok: false; readonly error: PointErrorInfo; readonly elapsed: number };

/** The parts of brian-ts the runner drives (the script's copy, or this one). */
interface Brian {
  startScope(): void;
  seed(n?: number): void;
  defaultclock: { dt: unknown };
  Quantity: new (value: number, dim: unknown) => unknown;
  Dimension: { of(exponents: readonly number[]): unknown };
}

const OWN: Brian = {
  startScope: ownStartScope,
  seed: ownSeed,
  defaultclock: defaultclock as unknown as { dt: unknown },
  Quantity: Quantity as unknown as Brian['Quantity'],
  Dimension,
};

/** A loaded model, ready to run points. */
export interface LoadedModel {
  /** The parameters the script declares (`export const parameters = { tau: ms(10), … }`), if it does. */
  readonly parameters: ParameterSpec[] | undefined;
  /** Runs one point (never throws: a failure is an outcome). */
  run(task: PointTask, parameters: readonly ParameterSpec[]): Promise<PointOutcome>;
}

/** An error as recorded in the table. */
export function errorInfo(e: unknown): PointErrorInfo {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return { name: e.constructor.name === 'Error' ? e.name : e.constructor.name, code: typeof code === 'string' ? code : undefined, message: e.message };
  }
  return { name: 'Error', message: String(e) };
}

/** Reads the `parameters` export: a record of defaults (Quantities or numbers). */
export function readParameters(value: unknown, where: string): ParameterSpec[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SweepError('invalid-script', `${where}: 'parameters' must be an object of default values ({ tau: ms(10), w: 0.5 }).`);
  }
  return Object.entries(value).map(([name, v]) => {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new SweepError('invalid-script', `${where}: the default of parameter '${name}' is not finite.`);
      return { name, dimensions: [0, 0, 0, 0, 0, 0, 0], default: v };
    }
    const q = quantityParts(v);
    if (q === undefined || !Number.isFinite(q.value)) {
      throw new SweepError('invalid-script', `${where}: the default of parameter '${name}' must be a finite number or Quantity.`);
    }
    return { name, dimensions: q.dimensions, default: q.value };
  });
}

function toResult(result: unknown): { scalars: Record<string, number>; units: Record<string, number[]>; arrays: Record<string, ResultArray> } {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) {
    throw new SweepError('invalid-result', `The model must return an object of scalars and arrays ({ rate: Hz(3.2), v: M.v[0] }), got ${result === null ? 'null' : Array.isArray(result) ? 'an array' : typeof result}.`);
  }
  const scalars: Record<string, number> = {};
  const units: Record<string, number[]> = {};
  const arrays: Record<string, ResultArray> = {};
  for (const [name, v] of Object.entries(result)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new SweepError('invalid-result', `The result name ${JSON.stringify(name)} is not an identifier.`);
    if (typeof v === 'number' || typeof v === 'boolean') {
      scalars[name] = Number(v);
      units[name] = [0, 0, 0, 0, 0, 0, 0];
      continue;
    }
    const q = quantityParts(v);
    if (q !== undefined) {
      scalars[name] = q.value;
      units[name] = q.dimensions;
      continue;
    }
    const qa = quantityArrayParts(v);
    if (qa !== undefined) {
      arrays[name] = { data: Float64Array.from(qa.values), dimensions: qa.dimensions };
      continue;
    }
    if (ArrayBuffer.isView(v) && !(v instanceof DataView) && !(v instanceof BigInt64Array) && !(v instanceof BigUint64Array)) {
      arrays[name] = { data: Float64Array.from(v as unknown as ArrayLike<number>), dimensions: [0, 0, 0, 0, 0, 0, 0] };
      continue;
    }
    if (Array.isArray(v) && v.every((x) => typeof x === 'number')) {
      arrays[name] = { data: Float64Array.from(v as number[]), dimensions: [0, 0, 0, 0, 0, 0, 0] };
      continue;
    }
    throw new SweepError('invalid-result', `The result '${name}' is neither a number, a Quantity nor an array of numbers.`);
  }
  return { scalars, units, arrays };
}

/** A runner around a model function and the brian-ts copy it uses. */
function makeRunner(model: ModelFunction, brian: Brian, declared: ParameterSpec[] | undefined): LoadedModel {
  // Restored before each point: a model may change dt; the next point must not see that.
  const dt0 = brian.defaultclock.dt;
  return {
    parameters: declared,
    async run(task, parameters) {
      const t0 = performance.now();
      const elapsed = (): number => (performance.now() - t0) / 1000;
      try {
        if (quantityParts(brian.defaultclock.dt)?.value !== quantityParts(dt0)?.value) brian.defaultclock.dt = dt0;
        brian.startScope();
        brian.seed(task.seed);
        const params: Record<string, unknown> = {};
        parameters.forEach((p, k) => {
          const value = task.values[k]!;
          params[p.name] = p.dimensions.every((e) => e === 0) ? value : new brian.Quantity(value, brian.Dimension.of(p.dimensions));
        });
        const result = toResult(await model(params, { index: task.index, seed: task.seed }));
        for (const name of [...Object.keys(result.scalars), ...Object.keys(result.arrays)]) {
          if (RESERVED_COLUMNS.includes(name) || parameters.some((p) => p.name === name)) {
            throw new SweepError('invalid-result', `The result '${name}' has the name of a ${RESERVED_COLUMNS.includes(name) ? 'column of the results table' : 'parameter'}; rename it.`);
          }
        }
        return { index: task.index, seed: task.seed, ok: true, ...result, elapsed: elapsed() };
      } catch (e) {
        return { index: task.index, seed: task.seed, ok: false, error: errorInfo(e), elapsed: elapsed() };
      } finally {
        // Let go of the point's objects before the next one.
        brian.startScope();
      }
    },
  };
}

/** A model function run in this thread with this copy of brian-ts. */
export function functionModel(model: ModelFunction, parameters?: Record<string, unknown>): LoadedModel {
  return makeRunner(model, OWN, readParameters(parameters, 'sweep()'));
}

function isBrian(x: unknown): x is Brian {
  const b = x as Partial<Brian> | null;
  return typeof b === 'object' && b !== null && typeof b.startScope === 'function' && typeof b.seed === 'function' && typeof b.Quantity === 'function';
}

/**
 * Loads a model script: its `model` export (or default export) must be a function; `parameters`
 * is optional. `namespace` keeps the loader's module instances apart per worker.
 */
export async function loadScript(load: ScriptLoad, namespace: string): Promise<LoadedModel> {
  const url = pathToFileURL(load.script).href;
  let mod: Record<string, unknown>;
  let brian: unknown;
  try {
    if (load.tsxApi !== undefined) {
      const api = (await import(load.tsxApi)) as { register(o: { namespace: string; tsconfig?: string }): { import(s: string, parent: string): Promise<unknown> } };
      const scoped = api.register({ namespace, ...(load.tsconfig === undefined ? {} : { tsconfig: load.tsconfig }) });
      mod = (await scoped.import(url, import.meta.url)) as Record<string, unknown>;
      // The copy the script itself imports ('brian-ts' resolved from the script, in the same namespace).
      brian = await scoped.import('brian-ts', url).catch(() => undefined);
    } else {
      mod = (await import(url)) as Record<string, unknown>;
      try {
        brian = await import(pathToFileURL(createRequire(load.script).resolve('brian-ts')).href);
      } catch {
        brian = undefined;
      }
    }
  } catch (e) {
    throw new SweepError('invalid-script', `The model script ${load.script} failed to load: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  return modelOfModule(mod, brian, load.script);
}

/**
 * The runner of a loaded script module: its `model` export (or default export) must be a function;
 * `brian` is the copy of brian-ts the script imports (undefined when it imports none).
 */
export function modelOfModule(mod: Record<string, unknown>, brian: unknown, script: string): LoadedModel {
  const model = typeof mod['model'] === 'function' ? mod['model'] : typeof mod['default'] === 'function' ? mod['default'] : undefined;
  if (model === undefined) {
    const exported = Object.keys(mod).filter((k) => k !== 'default');
    throw new SweepError(
      'invalid-script',
      `The model script ${script} exports no model function: add \`export function model(params, context) { … return { … }; }\`${exported.length > 0 ? ` (it exports ${exported.join(', ')})` : ''}.`,
    );
  }
  // The script does not import brian-ts (or not resolvably): this copy's scope and seed do no harm.
  const lib = isBrian(brian) ? brian : OWN;
  return makeRunner(model as ModelFunction, lib, readParameters(mod['parameters'], script));
}
