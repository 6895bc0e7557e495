/**
 * Engines run a sweep's points; they are adapters, so another (a different scheduler, a remote
 * pool) can be added without touching grids, seeds or the output folder:
 *
 * - {@link LocalPool}: node:worker_threads workers on this machine, each with its own copy of the
 *   model (and of brian-ts); a crashed or out-of-memory worker costs its point and is replaced.
 * - {@link InProcess}: the points one after another in this thread (`workers: 0`; also takes a
 *   model function instead of a script).
 * - Slurm (slurm.ts) submits a job array whose tasks each run a {@link LocalPool} on their share.
 */
import { availableParallelism } from 'node:os';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { SweepError } from './errors.ts';
import type { ParameterSpec } from './grid.ts';
import type { FromWorker, ToWorker, WorkerSetup } from './protocol.ts';
import { loadScript, type LoadedModel, type PointOutcome, type PointTask } from './runner.ts';
import { resolveTsxApi, type ScriptLoad } from './script.ts';
import { workerBundle, type WorkerBundle } from './bundle.ts';
import { holdConcurrentCompileOff, holdOsrOff, releaseConcurrentCompile, releaseOsr } from './osr.ts';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** What an engine runs. */
export interface EngineRun {
  readonly tasks: readonly PointTask[];
  readonly parameters: readonly ParameterSpec[];
  /** Called once per finished point (in the order they finish). */
  onOutcome(outcome: PointOutcome): void;
  /** Aborting stops handing out points; running ones are abandoned (not recorded). */
  readonly signal: AbortSignal;
}

/** A way of running points. */
export interface SweepEngine {
  /** Loads the model once (so a bad script fails before any point) and returns its declared parameters. */
  prepare(): Promise<ParameterSpec[] | undefined>;
  /** Runs the tasks; resolves when all finished or after an abort. */
  run(run: EngineRun): Promise<void>;
  /** Releases the engine's resources (workers). */
  close(): Promise<void>;
  /** How the engine started (worker pools), for timing reports. */
  startup?(): StartupStats | undefined;
}

/** How a worker pool started: what its workers loaded and how long that took. */
export interface StartupStats {
  /** 'built' or 'cached' (the workers ran the worker bundle), else why they loaded the script unbundled. */
  readonly bundle: string;
  /** Seconds spent finding or building the bundle (main thread, before the workers start). */
  readonly bundleSeconds: number;
  /** For each worker started: seconds from its start to its model being loaded (NaN if it never was). */
  readonly workerLoadSeconds: readonly number[];
}

/** The points in this thread, one after another. */
export class InProcess implements SweepEngine {
  private readonly source: LoadedModel | ScriptLoad;
  private model: LoadedModel | undefined;

  constructor(source: LoadedModel | ScriptLoad) {
    this.source = source;
  }

  async prepare(): Promise<ParameterSpec[] | undefined> {
    this.model ??= 'run' in this.source ? this.source : await loadScript(this.source, 'brian-ts-sweep-main');
    return this.model.parameters;
  }

  async run(run: EngineRun): Promise<void> {
    const model = this.model ?? (await this.prepare(), this.model!);
    for (const task of run.tasks) {
      if (run.signal.aborted) return;
      run.onOutcome(await model.run(task, run.parameters));
      // Let a pending SIGINT be handled between points.
      await new Promise((r) => setImmediate(r));
    }
  }

  async close(): Promise<void> {}
}

/** Options of {@link LocalPool}. */
export interface LocalPoolOptions {
  /** Number of worker threads (default: `os.availableParallelism()`). */
  readonly workers?: number | undefined;
  /** Heap limit of each worker in MiB (`resourceLimits.maxOldGenerationSizeMb`); default Node's. */
  readonly memoryLimitMb?: number | undefined;
  /**
   * Start the workers on the worker bundle (the script and brian-ts in one file, see bundle.ts)
   * when esbuild can build it (default true); false loads the script in each worker through the
   * module loader.
   */
  readonly bundle?: boolean | undefined;
}

const OWN_URL = import.meta.url;
const FROM_SOURCE = /\.ts$/.test(new URL(OWN_URL).pathname);

function crash(task: PointTask, code: 'worker-crashed' | 'out-of-memory', message: string): PointOutcome {
  return { index: task.index, seed: task.seed, ok: false, error: { name: 'SweepError', code, message }, elapsed: 0 };
}

const PRELOAD_FLAGS = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader']);

/** `execArgv` without the module preloads and loaders (`--import tsx`, `--require x`, …). */
export function withoutPreloads(execArgv: readonly string[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < execArgv.length; k++) {
    const arg = execArgv[k]!;
    if (PRELOAD_FLAGS.has(arg)) {
      k++; // and its value
      continue;
    }
    if ([...PRELOAD_FLAGS].some((f) => arg.startsWith(`${f}=`))) continue;
    out.push(arg);
  }
  return out;
}

/** The execArgv of bundled workers, once known to be accepted. */
let bundledExecArgv: string[] | undefined;

/**
 * A worker on `file` with the parent's execArgv less its preloads (the bundle needs no loader; the
 * parent's `--import tsx` or `.ts` test set-up would only slow each worker, or fail there), and
 * less the process-wide options a worker refuses (V8 flags such as `--single-threaded-gc`, which
 * apply to the workers anyway).
 */
function startWorker(file: string, options: WorkerOptions): Worker {
  let argv = bundledExecArgv ?? withoutPreloads(process.execArgv);
  for (;;) {
    try {
      const worker = new Worker(file, { ...options, execArgv: argv });
      bundledExecArgv = argv;
      return worker;
    } catch (e) {
      const refused = (e as { code?: string }).code === 'ERR_WORKER_INVALID_EXEC_ARGV' ? /flags: (.*)$/.exec((e as Error).message)?.[1]?.split(', ') : undefined;
      const kept = refused === undefined ? argv : argv.filter((a) => !refused.includes(a));
      if (kept.length === argv.length) throw e;
      argv = kept;
    }
  }
}

/** Why a worker did not load the model; `retry`: the bundle may be at fault, so loading unbundled may work. */
class LoadFailure extends SweepError {
  readonly retry: boolean;
  constructor(message: string, retry: boolean, options?: { cause?: unknown }) {
    super('invalid-script', message, options);
    this.retry = retry;
  }
}

/**
 * Worker threads on this machine. All workers start at once in {@link prepare} (each loads the
 * model on its own core while the main thread plans the sweep); each then runs one point at a time
 * (with the next one queued behind it) until the queue is empty.
 */
export class LocalPool implements SweepEngine {
  private readonly load: ScriptLoad;
  readonly workers: number;
  private readonly memoryLimitMb: number | undefined;
  private readonly useBundle: boolean;
  /** The worker bundle, once decided (undefined: workers load the script unbundled). */
  private bundleFile: WorkerBundle | undefined;
  private bundleNote = 'not started';
  private bundleSeconds = 0;
  private prepared = false;
  private declared: ParameterSpec[] | undefined;
  private readonly live = new Set<Worker>();
  /** Workers started by prepare() and not yet taken by run(), whether loaded. */
  private readonly waiting = new Map<Worker, { loaded: boolean }>();
  private readonly loadTimes: number[] = [];
  /** Whether this pool holds V8's OSR off (osr.ts), from prepare() to close(). */
  private osrOff = false;
  /** Whether this pool holds V8's concurrent recompilation off (a worker per core; osr.ts), from prepare() to close(). */
  private compileOff = false;

  constructor(load: ScriptLoad, options: LocalPoolOptions = {}) {
    this.load = load;
    this.workers = options.workers ?? availableParallelism();
    this.memoryLimitMb = options.memoryLimitMb;
    this.useBundle = options.bundle ?? true;
  }

  startup(): StartupStats {
    return { bundle: this.bundleNote, bundleSeconds: this.bundleSeconds, workerLoadSeconds: [...this.loadTimes] };
  }

  private spawn(): Worker {
    const resourceLimits = this.memoryLimitMb === undefined ? {} : { resourceLimits: { maxOldGenerationSizeMb: this.memoryLimitMb } };
    let worker: Worker;
    if (this.bundleFile !== undefined) {
      // The bundle needs no loader: the parent's --import/--require hooks (tsx, test set-up) would
      // only slow each worker's start, or fail there (TypeScript preloads).
      const options = { workerData: { bundle: pathToFileURL(this.bundleFile.file).href }, ...resourceLimits };
      worker = startWorker(this.bundleFile.boot, options);
    } else {
      const setup: WorkerSetup = { load: this.load, namespace: 'brian-ts-sweep' };
      if (FROM_SOURCE) {
        // Running from brian-ts's TypeScript sources (tests, examples): the worker module itself
        // needs tsx, registered before it is imported. Fixed bootstrap text; paths travel as data.
        const tsxApi = this.load.tsxApi ?? resolveTsxApi([dirname(fileURLToPath(OWN_URL))]);
        if (tsxApi === undefined) throw new SweepError('invalid-script', 'brian-ts runs from its TypeScript sources but tsx cannot be found.');
        const bootstrap =
          "const { workerData } = require('node:worker_threads');" +
          'import(workerData.tsxApi).then((api) => { api.register(); return import(workerData.entry); });';
        worker = new Worker(bootstrap, { eval: true, workerData: { ...setup, tsxApi, entry: new URL('./worker.ts', OWN_URL).href }, ...resourceLimits });
      } else {
        worker = new Worker(new URL('./worker.js', OWN_URL), { workerData: setup, ...resourceLimits });
      }
    }
    const spawnedAt = performance.timeOrigin + performance.now();
    const slot = this.loadTimes.push(NaN) - 1;
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'loaded') this.loadTimes[slot] = (m.loadedAt - spawnedAt) / 1000;
    });
    this.live.add(worker);
    worker.once('exit', () => this.live.delete(worker));
    return worker;
  }

  /** Waits for a new worker's first message: its parameters, or the reason it cannot load the model. */
  private loaded(worker: Worker): Promise<ParameterSpec[] | undefined> {
    const bundled = this.bundleFile !== undefined;
    return new Promise((resolve, reject) => {
      const onMessage = (m: FromWorker): void => {
        cleanup();
        if (m.type === 'loaded') resolve(m.parameters);
        else if (m.type === 'load-error') reject(new LoadFailure(m.error.message, bundled && m.stage === 'import'));
      };
      const onError = (e: Error): void => {
        cleanup();
        reject(new LoadFailure(`The sweep worker failed to start: ${e.message}`, bundled, { cause: e }));
      };
      const onExit = (code: number): void => {
        cleanup();
        reject(new LoadFailure(`The sweep worker exited (code ${code}) while loading the model.`, bundled));
      };
      const cleanup = (): void => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
    });
  }

  /** Starts `count` workers; resolves with the first one's parameters (the others go on loading). */
  private async start(count: number): Promise<ParameterSpec[] | undefined> {
    const started: Promise<ParameterSpec[] | undefined>[] = [];
    for (let k = 0; k < count; k++) {
      const worker = this.spawn();
      const state = { loaded: false };
      this.waiting.set(worker, state);
      const ready = this.loaded(worker);
      ready.then(
        () => (state.loaded = true),
        () => undefined, // the first worker's failure is reported below; a later one's is a crash handled by run()
      );
      started.push(ready);
    }
    try {
      return await started[0]!;
    } catch (e) {
      await this.close();
      throw e;
    }
  }

  async prepare(): Promise<ParameterSpec[] | undefined> {
    if (this.prepared) return this.declared;
    if (!this.osrOff) {
      holdOsrOff();
      this.osrOff = true;
    }
    // Every core runs a worker: V8's optimising compiler runs in each worker's own thread rather
    // than on a helper thread that would take its time from a worker (osr.ts).
    if (!this.compileOff && this.workers >= availableParallelism()) {
      holdConcurrentCompileOff();
      this.compileOff = true;
    }
    if (this.useBundle) {
      const b = await workerBundle(this.load);
      if ('reason' in b) {
        this.bundleNote = b.reason;
      } else {
        this.bundleFile = b;
        this.bundleNote = b.built ? 'built' : 'cached';
        this.bundleSeconds = b.ms / 1000;
      }
    } else {
      this.bundleNote = 'not asked for';
    }
    try {
      this.declared = await this.start(this.workers);
    } catch (e) {
      if (!(e instanceof LoadFailure && e.retry)) throw e;
      // The bundle did not load (something esbuild bundled differently from the module loader):
      // load the script unbundled, as without esbuild.
      this.bundleFile = undefined;
      this.bundleNote = `the bundle failed to load (${e.message}); loaded unbundled`;
      this.loadTimes.length = 0;
      this.declared = await this.start(this.workers);
    }
    this.prepared = true;
    return this.declared;
  }

  async run(run: EngineRun): Promise<void> {
    await this.prepare();
    const queue = [...run.tasks];
    // Each worker's points in the order sent: the first is running, the others wait in its port.
    const inFlight = new Map<Worker, PointTask[]>();
    const wanted = Math.max(1, Math.min(this.workers, queue.length));
    let pending = queue.length;
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const finish = (error?: unknown): void => {
        if (settled) return;
        settled = true;
        run.signal.removeEventListener('abort', onAbort);
        if (error === undefined) resolve();
        else {
          for (const w of this.live) void w.terminate();
          reject(error);
        }
      };
      const record = (outcome: PointOutcome): void => {
        pending--;
        try {
          run.onOutcome(outcome);
        } catch (e) {
          finish(e);
          return;
        }
        if (pending === 0) finish();
      };
      // While more points remain than workers, each worker gets a second point queued behind the
      // running one, so it never waits for the main thread between points; near the end, one at a
      // time, so no point waits behind another while a worker is idle.
      const assign = (worker: Worker): void => {
        const list = inFlight.get(worker) ?? [];
        while (!settled && !run.signal.aborted && queue.length > 0 && list.length < (queue.length > wanted ? 2 : 1)) {
          const task = queue.shift()!;
          list.push(task);
          worker.postMessage({ type: 'point', task } satisfies ToWorker);
        }
        if (list.length === 0) {
          inFlight.delete(worker);
          void worker.terminate();
        } else {
          inFlight.set(worker, list);
        }
      };
      // A lost worker: its running point failed; the ones queued behind it go back to the queue.
      const lose = (worker: Worker, outcome: (task: PointTask) => PointOutcome): void => {
        const list = inFlight.get(worker);
        inFlight.delete(worker);
        if (list === undefined || list.length === 0 || settled) return;
        queue.unshift(...list.slice(1));
        record(outcome(list[0]!));
      };
      const adopt = (worker: Worker, ready: boolean): void => {
        const start = (): void => {
          worker.postMessage({ type: 'configure', parameters: run.parameters } satisfies ToWorker);
          assign(worker);
        };
        worker.on('message', (m: FromWorker) => {
          if (settled) return;
          if (m.type === 'loaded') start();
          // The model loaded in the first worker; a later one failing is a crash of that worker.
          else if (m.type === 'load-error') void worker.terminate();
          else {
            const list = inFlight.get(worker) ?? [];
            const k = list.findIndex((t) => t.index === m.outcome.index);
            if (k >= 0) list.splice(k, 1);
            record(m.outcome);
            if (!settled) assign(worker);
          }
        });
        worker.on('error', (e: Error & { code?: string }) => {
          const oom = e.code === 'ERR_WORKER_OUT_OF_MEMORY';
          lose(worker, (task) =>
            crash(task, oom ? 'out-of-memory' : 'worker-crashed', oom ? `The worker ran out of memory (limit ${this.memoryLimitMb ?? 'Node default'} MiB): ${e.message}` : `The worker crashed: ${e.message}`),
          );
        });
        worker.on('exit', (code) => {
          if (run.signal.aborted) return;
          lose(worker, (task) => crash(task, 'worker-crashed', `The worker exited with code ${code} while running the point.`));
          // Replace a lost worker while points remain.
          if (!settled && queue.length > 0 && this.live.size < wanted) adopt(this.spawn(), false);
        });
        if (ready) start();
      };
      const onAbort = (): void => {
        for (const w of this.live) void w.terminate();
        finish();
      };
      if (run.signal.aborted) return onAbort();
      run.signal.addEventListener('abort', onAbort, { once: true });
      if (pending === 0) finish();
      // The workers prepare() started: as many as wanted run points; the others stop now.
      const started = [...this.waiting];
      this.waiting.clear();
      this.prepared = false;
      let adopted = 0;
      for (const [worker, state] of started) {
        if (!this.live.has(worker)) continue; // exited while loading
        if (adopted < wanted && !settled) {
          adopt(worker, state.loaded);
          adopted++;
        } else {
          void worker.terminate();
        }
      }
      for (; adopted < wanted && !settled; adopted++) adopt(this.spawn(), false);
    });
  }

  async close(): Promise<void> {
    // Idle workers stop in the background: the results do not wait for their exit.
    for (const w of this.live) void w.terminate();
    this.waiting.clear();
    this.prepared = false;
    if (this.osrOff) {
      releaseOsr();
      this.osrOff = false;
    }
    if (this.compileOff) {
      releaseConcurrentCompile();
      this.compileOff = false;
    }
  }
}
