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
import { Worker } from 'node:worker_threads';
import { SweepError } from './errors.ts';
import type { ParameterSpec } from './grid.ts';
import type { FromWorker, ToWorker, WorkerSetup } from './protocol.ts';
import { loadScript, type LoadedModel, type PointOutcome, type PointTask } from './runner.ts';
import { resolveTsxApi, type ScriptLoad } from './script.ts';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

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
}

const OWN_URL = import.meta.url;
const FROM_SOURCE = /\.ts$/.test(new URL(OWN_URL).pathname);

function crash(task: PointTask, code: 'worker-crashed' | 'out-of-memory', message: string): PointOutcome {
  return { index: task.index, seed: task.seed, ok: false, error: { name: 'SweepError', code, message }, elapsed: 0 };
}

/** Worker threads on this machine. */
export class LocalPool implements SweepEngine {
  private readonly load: ScriptLoad;
  readonly workers: number;
  private readonly memoryLimitMb: number | undefined;
  private first: Worker | undefined;
  private declared: ParameterSpec[] | undefined;
  private readonly live = new Set<Worker>();

  constructor(load: ScriptLoad, options: LocalPoolOptions = {}) {
    this.load = load;
    this.workers = options.workers ?? availableParallelism();
    this.memoryLimitMb = options.memoryLimitMb;
  }

  private spawn(): Worker {
    const setup: WorkerSetup = { load: this.load, namespace: 'brian-ts-sweep' };
    const resourceLimits = this.memoryLimitMb === undefined ? {} : { resourceLimits: { maxOldGenerationSizeMb: this.memoryLimitMb } };
    let worker: Worker;
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
    this.live.add(worker);
    worker.once('exit', () => this.live.delete(worker));
    return worker;
  }

  /** Waits for a new worker's first message: its parameters, or the reason it cannot load the model. */
  private loaded(worker: Worker): Promise<ParameterSpec[] | undefined> {
    return new Promise((resolve, reject) => {
      const onMessage = (m: FromWorker): void => {
        cleanup();
        if (m.type === 'loaded') resolve(m.parameters);
        else if (m.type === 'load-error') reject(new SweepError('invalid-script', m.error.message));
      };
      const onError = (e: Error): void => {
        cleanup();
        reject(new SweepError('invalid-script', `The sweep worker failed to start: ${e.message}`, { cause: e }));
      };
      const onExit = (code: number): void => {
        cleanup();
        reject(new SweepError('invalid-script', `The sweep worker exited (code ${code}) while loading the model.`));
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

  async prepare(): Promise<ParameterSpec[] | undefined> {
    if (this.first === undefined) {
      const worker = this.spawn();
      try {
        this.declared = await this.loaded(worker);
      } catch (e) {
        await worker.terminate();
        throw e;
      }
      this.first = worker;
    }
    return this.declared;
  }

  async run(run: EngineRun): Promise<void> {
    await this.prepare();
    const queue = [...run.tasks];
    const current = new Map<Worker, PointTask>();
    const wanted = Math.max(1, Math.min(this.workers, queue.length));
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const assign = (worker: Worker): void => {
        const task = run.signal.aborted ? undefined : queue.shift();
        if (task === undefined) {
          void worker.terminate();
          return;
        }
        current.set(worker, task);
        worker.postMessage({ type: 'point', task } satisfies ToWorker);
      };
      const finishIfDone = (): void => {
        if (this.live.size === 0) resolve();
      };
      const adopt = (worker: Worker, ready: boolean): void => {
        worker.on('message', (m: FromWorker) => {
          if (m.type === 'loaded') {
            worker.postMessage({ type: 'configure', parameters: run.parameters } satisfies ToWorker);
            assign(worker);
          } else if (m.type === 'load-error') {
            // The model loaded in the first worker; a later one failing is a crash of that worker.
            void worker.terminate();
          } else {
            current.delete(worker);
            try {
              run.onOutcome(m.outcome);
            } catch (e) {
              failed = true;
              for (const w of this.live) void w.terminate();
              reject(e);
              return;
            }
            assign(worker);
          }
        });
        worker.on('error', (e: Error & { code?: string }) => {
          const task = current.get(worker);
          if (task === undefined) return;
          current.delete(worker);
          const oom = e.code === 'ERR_WORKER_OUT_OF_MEMORY';
          run.onOutcome(
            crash(task, oom ? 'out-of-memory' : 'worker-crashed', oom ? `The worker ran out of memory (limit ${this.memoryLimitMb ?? 'Node default'} MiB): ${e.message}` : `The worker crashed: ${e.message}`),
          );
        });
        worker.on('exit', (code) => {
          const task = current.get(worker);
          if (task !== undefined && !run.signal.aborted && !failed) {
            current.delete(worker);
            run.onOutcome(crash(task, 'worker-crashed', `The worker exited with code ${code} while running the point.`));
          }
          // Replace a lost worker while points remain.
          if (!failed && !run.signal.aborted && queue.length > 0 && this.live.size < wanted) adopt(this.spawn(), false);
          finishIfDone();
        });
        if (ready) {
          worker.postMessage({ type: 'configure', parameters: run.parameters } satisfies ToWorker);
          assign(worker);
        }
      };
      const onAbort = (): void => {
        for (const w of this.live) void w.terminate();
      };
      run.signal.addEventListener('abort', onAbort, { once: true });
      const first = this.first!;
      this.first = undefined;
      adopt(first, true);
      for (let k = 1; k < wanted; k++) adopt(this.spawn(), false);
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.live].map((w) => w.terminate()));
    this.first = undefined;
  }
}
