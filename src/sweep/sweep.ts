/**
 * `sweep(model, grid, options)`: runs a model over a grid of parameters, one fresh simulation per
 * point seeded from the sweep seed and the point's index, on an engine (worker threads by
 * default), writing a results table as the points finish.
 */
import { resolve } from 'node:path';
import { checkOptions, optionNames } from '../util/index.ts';
import { InProcess, LocalPool, type StartupStats, type SweepEngine } from './engines.ts';
import { SweepError } from './errors.ts';
import { planSweep, type Grid, type ParameterSpec, type SweepPlan } from './grid.ts';
import { ProgressBar, type ProgressStream } from './progress.ts';
import { functionModel, type ModelFunction, type PointOutcome, type PointTask } from './runner.ts';
import { prepareScript } from './script.ts';
import { handOutOrder } from './order.ts';
import { pointSeed } from './seeds.ts';
import { rowsOf, SweepStore, type PointRecord, type SweepRow } from './store.ts';

/** Options of {@link sweep}. */
export interface SweepOptions {
  /** Worker threads (default: all cores, `os.availableParallelism()`); 0 runs the points in this thread. */
  workers?: number;
  /** Output folder: results are written there as points finish, and a re-run skips finished points. */
  out?: string;
  /** The sweep seed (integer in [0, 2^32)); default: the folder's recorded seed, else 0. */
  seed?: number;
  /** Heap limit per worker in MiB: a point exceeding it is recorded as 'out-of-memory' and its worker replaced. */
  memoryLimitMb?: number;
  /**
   * Start the workers on one bundled file of the script and brian-ts, built by esbuild and cached
   * (default true; without esbuild, or for a script it cannot bundle, the workers load the script
   * through the module loader, as with false). Results are the same either way; start-up is not.
   */
  bundle?: boolean;
  /** Progress bar with ETA: true (stderr, the default when stderr is a terminal), false, or a stream. */
  progress?: boolean | ProgressStream;
  /** Stop cleanly on Ctrl-C (SIGINT), keeping the finished points (default true). */
  handleSigint?: boolean;
  /** Aborting stops the sweep like Ctrl-C. */
  signal?: AbortSignal;
  /** Parameter declarations for a model function (a script exports `parameters` instead). */
  parameters?: Record<string, unknown>;
  /** Run only this share of the points: those with `index % tasks === task` (what each Slurm task does). */
  share?: { readonly task: number; readonly tasks: number };
  /** Name of the shard file this process appends to (default `local`, or `task-<k>` with `share`). */
  shard?: string;
}

const SWEEP_OPTIONS = optionNames<SweepOptions>({
  workers: true,
  out: true,
  seed: true,
  memoryLimitMb: true,
  bundle: true,
  progress: true,
  handleSigint: true,
  signal: true,
  parameters: true,
  share: true,
  shard: true,
});

/** What {@link sweep} returns. */
export interface SweepResult {
  /** The checked grid. */
  readonly plan: SweepPlan;
  readonly seed: number;
  /** One row per finished point (this run's and, with `out`, earlier runs'), by index. */
  readonly rows: readonly SweepRow[];
  /** Per-point arrays of this run's points (with `out` they are also in `arrays/point-<index>.npz`). */
  readonly arrays: ReadonlyMap<number, Record<string, Float64Array>>;
  /** Points run now, points that failed (all runs), points skipped because an earlier run finished them. */
  readonly ran: number;
  readonly failed: number;
  readonly skipped: number;
  /** Points not finished (interrupted, or outside this share). */
  readonly pending: number;
  /** Whether Ctrl-C or the signal stopped the sweep. */
  readonly interrupted: boolean;
  /** The output folder, if any. */
  readonly out: string | undefined;
  /** How the worker pool started (bundle, seconds per worker); undefined in this thread. */
  readonly startup: StartupStats | undefined;
}

const invalid = (message: string): SweepError => new SweepError('invalid-option', message);

function checkSweepOptions(options: SweepOptions | undefined): SweepOptions {
  const o = checkOptions(options, SWEEP_OPTIONS, { what: 'sweep()', error: (message) => invalid(message) });
  if (o.workers !== undefined && (!Number.isInteger(o.workers) || o.workers < 0)) throw invalid(`'workers' must be an integer >= 0, got ${String(o.workers)}.`);
  if (o.seed !== undefined && (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff)) throw invalid(`'seed' must be an integer in [0, 2**32), got ${String(o.seed)}.`);
  if (o.memoryLimitMb !== undefined && !(Number.isFinite(o.memoryLimitMb) && o.memoryLimitMb >= 16)) throw invalid(`'memoryLimitMb' must be a number >= 16, got ${String(o.memoryLimitMb)}.`);
  if (o.bundle !== undefined && typeof o.bundle !== 'boolean') throw invalid(`'bundle' must be true or false, got ${String(o.bundle)}.`);
  if (o.out !== undefined && typeof o.out !== 'string') throw invalid(`'out' must be a folder path, got ${typeof o.out}.`);
  if (o.shard !== undefined && !/^[A-Za-z0-9_.-]+$/.test(o.shard)) throw invalid(`'shard' must be a plain file name, got ${JSON.stringify(o.shard)}.`);
  const share = o.share;
  if (share !== undefined && !(Number.isInteger(share.tasks) && share.tasks >= 1 && Number.isInteger(share.task) && share.task >= 0 && share.task < share.tasks)) {
    throw invalid(`'share' must be { task, tasks } with 0 <= task < tasks, got ${JSON.stringify(share)}.`);
  }
  return o;
}

function progressStream(option: SweepOptions['progress']): ProgressStream | undefined {
  if (option === false) return undefined;
  if (option === undefined) return process.stderr.isTTY ? process.stderr : undefined;
  return option === true ? process.stderr : option;
}

/** The engine for a model and the options (worker threads unless `workers: 0`). */
function engineFor(model: string | URL | ModelFunction, o: SweepOptions): { engine: SweepEngine; script: string | undefined } {
  if (typeof model === 'function') {
    if (o.workers !== undefined && o.workers !== 0) {
      throw invalid('A model function runs only in this thread (workers: 0); for worker threads pass the path of a script that exports it as `model`.');
    }
    return { engine: new InProcess(functionModel(model as ModelFunction, o.parameters)), script: undefined };
  }
  if (typeof model !== 'string' && !(model instanceof URL)) throw invalid(`The model must be a script path or a function, got ${model === null ? 'null' : typeof model}.`);
  if (o.parameters !== undefined) throw invalid("'parameters' is for model functions; a script declares them with `export const parameters = { … }`.");
  const load = prepareScript(model instanceof URL ? decodeURIComponent(model.pathname) : model);
  const engine = o.workers === 0 ? new InProcess(load) : new LocalPool(load, { workers: o.workers, memoryLimitMb: o.memoryLimitMb, bundle: o.bundle });
  return { engine, script: load.script };
}

/**
 * Runs `model` over every point of `grid`. The model is a script exporting
 * `model(params, context)` (and optionally `parameters`, the declared defaults with units) — run
 * on worker threads — or, with `workers: 0`, a function. Each point runs in a fresh scope after
 * `seed(pointSeed(seed, index))`, so results do not depend on the number of workers or machines.
 * A point that throws, crashes its worker or runs out of memory is recorded with its error and
 * the sweep goes on.
 * @example
 * const r = await sweep('model.ts', { tau: ['10 ms', '20 ms'], w: [0.1, 0.2] }, { out: 'results' });
 */
export async function sweep(model: string | URL | ModelFunction, grid: Grid, options?: SweepOptions): Promise<SweepResult> {
  const o = checkSweepOptions(options);
  const { engine, script } = engineFor(model, o);
  try {
    const declared = await engine.prepare();
    const plan = planSweep(grid, declared);
    return await execute(engine, plan, script, o);
  } finally {
    await engine.close();
  }
}

/** Runs a stored plan (a Slurm task's share): the folder's script, seed and points. */
export async function runStoredSweep(dir: string, options?: Omit<SweepOptions, 'seed' | 'parameters'>): Promise<SweepResult> {
  const o = checkSweepOptions(options);
  const manifest = SweepStore.readManifest(dir);
  if (manifest.script === undefined) throw new SweepError('output', `The sweep in ${dir} ran a model function, which cannot be run again from the folder.`);
  const { engine } = engineFor(manifest.script, o);
  try {
    const declared = await engine.prepare();
    const plan: SweepPlan = { parameters: manifest.parameters, points: manifest.points.map((values, index) => ({ index, values })) };
    if (declared !== undefined) {
      const names = (ps: readonly ParameterSpec[]): string => ps.map((p) => `${p.name}:${p.dimensions.join(' ')}`).join(',');
      if (names(declared) !== names(plan.parameters)) throw new SweepError('output', `The script ${manifest.script} no longer declares the parameters of the sweep in ${dir}.`);
    }
    return await execute(engine, plan, manifest.script, { ...o, out: dir, seed: manifest.seed });
  } finally {
    await engine.close();
  }
}

async function execute(engine: SweepEngine, plan: SweepPlan, script: string | undefined, o: SweepOptions): Promise<SweepResult> {
  const out = o.out === undefined ? undefined : resolve(o.out);
  let seed = o.seed;
  if (seed === undefined && out !== undefined) {
    try {
      seed = SweepStore.readManifest(out).seed;
    } catch {
      seed = undefined;
    }
  }
  seed ??= 0;
  const store = out === undefined ? undefined : SweepStore.create(out, plan, seed, script);
  const shard = o.shard ?? (o.share === undefined ? 'local' : `task-${o.share.task}`);
  const records = new Map<number, PointRecord>(store?.load() ?? []);
  const inShare = plan.points.filter((p) => o.share === undefined || p.index % o.share.tasks === o.share.task);
  // Handed out so that each worker's second point varies every parameter (order.ts): fewer compiles.
  const tasks: PointTask[] = handOutOrder(inShare.filter((p) => records.get(p.index)?.ok !== true).map((p) => ({ index: p.index, seed: pointSeed(seed, p.index), values: p.values })));
  const skipped = inShare.length - tasks.length;

  const controller = new AbortController();
  const stop = (): void => controller.abort();
  o.signal?.addEventListener('abort', stop, { once: true });
  if (o.signal?.aborted === true) controller.abort();
  const onSigint = (): void => {
    process.stderr.write('\nInterrupted: stopping; the finished points are kept.\n');
    stop();
  };
  if (o.handleSigint !== false) process.once('SIGINT', onSigint);

  const stream = progressStream(o.progress);
  const bar = stream === undefined ? undefined : new ProgressBar(stream, tasks.length, skipped);
  const arrays = new Map<number, Record<string, Float64Array>>();
  let ran = 0;
  const onOutcome = (outcome: PointOutcome): void => {
    ran++;
    const rec: PointRecord =
      store !== undefined
        ? store.record(shard, outcome)
        : outcome.ok
          ? { index: outcome.index, seed: outcome.seed, ok: true, scalars: outcome.scalars, units: outcome.units, arrays: Object.keys(outcome.arrays), elapsed: outcome.elapsed }
          : outcome;
    records.set(outcome.index, rec);
    if (outcome.ok && Object.keys(outcome.arrays).length > 0) arrays.set(outcome.index, Object.fromEntries(Object.entries(outcome.arrays).map(([k, a]) => [k, a.data])));
    bar?.tick(outcome.ok);
  };
  try {
    await engine.run({ tasks, parameters: plan.parameters, onOutcome, signal: controller.signal });
  } finally {
    process.off('SIGINT', onSigint);
    o.signal?.removeEventListener('abort', stop);
  }
  const interrupted = controller.signal.aborted;
  bar?.finish(interrupted ? `interrupted: ${ran} of ${tasks.length} points finished${out === undefined ? '' : `, kept in ${out}`}` : undefined);
  let rows: SweepRow[];
  if (store !== undefined) {
    // All shards (other tasks' too), so the table is as complete as the folder.
    rows = store.writeTables(store.load());
  } else {
    rows = rowsOf(plan.parameters, plan.points.map((p) => p.values), records);
  }
  const failed = rows.filter((r) => r.error !== undefined).length;
  return { plan, seed, rows, arrays, ran, failed, skipped, pending: plan.points.length - rows.filter((r) => r.error === undefined).length - failed, interrupted, out, startup: engine.startup?.() };
}

