/**
 * Multi-threaded runs (issue 10): per-element code objects split their loop by index range across
 * workers (Node's `worker_threads`, or Web Workers from a browser's Web Worker) over shared state
 * arrays, with one barrier (Atomics) per execution; the worker side is ./thread-worker.ts.
 *
 * Why the results cannot depend on the thread count: each element is computed by exactly one
 * thread with the same code; random draws are keyed by (stream, element, step), not by thread;
 * the random counter advances once per execution, after every range ran; a threshold writes its
 * range's events into its own part of the event space and the main thread merges the parts in
 * index order (before anything reads the event space as a whole); a pathway's spike queue is
 * partitioned by the ranges, each thread delivering its own part. Code that cannot be split that
 * way (scalar writes, user functions, dynamic storage, writes through an index) runs unsplit on
 * the main thread at the same point of the schedule.
 *
 * Workers are started once per process and reused across runs (measured: starting them costs far
 * more than a short run; see docs/design.md). Between runs they idle in their event loop, unref'd,
 * so they never keep a process alive. Each run sends every worker the generated sources (printed
 * from the syntax tree only) and their captures: shared arrays, library helpers by key.
 */
import { setParallelHook, workerHelpers } from '../codegen/index.ts';
import { CHUNKS_PER_THREAD, CLAIM_STRIDE, CONTROL_WORDS, DONE, END, ERR, ERR_JOB, ERR_LENGTH, ERROR_TEXT_BYTES, GEN, JOB, JOIN, JOIN_CLOSED, MAIN_WAITING, PAUSE, PROF_STRIDE, SLEEPERS, SPIN_MIN_MS, THREAD_WORKER_NAME, deliverPart, partSlot, planJob, planMessage, joinTag, longWaitShare, pollsPerMs, runShare, spinLimit, warmRanged } from './thread-worker.ts';
import type { Plan, PlanJob, Resume } from './thread-worker.ts';
import type { CodeObject, SourceSpans, RangeAccess, RangedCode, SynapticEvents } from '../codegen/index.ts';
import type { ArrayVariable } from '../variables/index.ts';
import { BrianError, envVar, isShared, sameElements, sharedMemoryAvailable, warn } from '../util/index.ts';

/** A worker thread failed (an error thrown by generated code, or a worker that could not start). */
export class ThreadError extends BrianError {
  /** The code object that was running, if any. */
  readonly objectName: string | undefined;
  constructor(message: string, objectName?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.objectName = objectName;
  }
}

/** Thread count setting: a positive integer or `'auto'`. */
export type ThreadsSetting = number | 'auto';

/**
 * Milliseconds a waiting thread polls before sleeping in Atomics.wait. Measured on the 2-core
 * development VM: waking a sleeping thread takes 50–80 µs (a futex wake-up), more than a LIF step
 * over 10⁵ neurons; with the former 2000 polls (≈ 30 µs at ≈ 15 ns per Atomics.load) every worker
 * slept between two steps and every split execution paid two wake-ups. The waits of a healthy
 * run are a step's serial part and the ranges' imbalance — tens of µs — so polling up to 1 ms
 * keeps workers awake through them and through most of a noisy host's short preemptions (session
 * 10: 1 ms cut LIF 10⁵'s sleeps 3–10× against 0.25); a run's end or a long serial stretch every
 * step still lets them sleep (see spinLimit in thread-worker.ts: after mostly long waits a thread
 * polls SPIN_MIN_MS only). With more threads than cores SPIN_MIN_MS is used throughout (a polling
 * thread would take the core from the thread it waits for). The limit stays well below a
 * scheduler time slice. `BRIAN_TS_SPIN_MS` overrides it (for measurements).
 */
const SPIN_MS = Number(envVar('BRIAN_TS_SPIN_MS') ?? 1);

/**
 * Whether consecutive split code objects share one barrier (see {@link ParallelSession.flush});
 * `BRIAN_TS_FUSE=0` gives each its own (for measurements; the bits are the same either way).
 */
const FUSE = envVar('BRIAN_TS_FUSE') !== '0';

/**
 * Whether split code still pending at a step's end may stay pending into the next step's batch
 * (see {@link ParallelSession.endStep}: COBAHH's deliveries then share the next state update's
 * barrier). On unless `BRIAN_TS_FUSE_STEPS=0` (read at each run's start; for measurements, the
 * bits are the same either way). Session 11 (s11-cobahh) measured no gain while the fused batch
 * ran static (the pathways' parts fixed per thread); since session 16 (s16-fuse) it stays dynamic
 * (runPrefix in thread-worker.ts) and COBAHH 4000 on 2 threads is ≈ 2 % faster at the median
 * (docs/design.md, Threads).
 */
function fuseSteps(): boolean {
  return FUSE && envVar('BRIAN_TS_FUSE_STEPS') !== '0';
}

/**
 * Whether, with {@link fuseSteps}, a pathway is partitioned by the dynamic chunks of the split code
 * it may share a batch with (T × CHUNKS_PER_THREAD parts, see ParallelSession.chunkPathways).
 * Off unless `BRIAN_TS_CHUNK_PATHWAYS=1` (read at each run's start): measured in session 16
 * (s16-fuse) on COBAHH 4000, delivering 8 parts instead of 2 doubled the deliveries' time (one
 * kernel call per spiking source and part); a fused batch stays dynamic without it (runPrefix in
 * thread-worker.ts). The bits are the same either way.
 */
function chunkPathways(): boolean {
  return fuseSteps() && envVar('BRIAN_TS_CHUNK_PATHWAYS') === '1';
}

/**
 * What a scheduled object's `run()` does, for running it while split code of earlier objects is
 * still pending (several split code objects between two barriers): the code objects it runs
 * (each must be one the run split, or could have: its own dependencies are checked when it is
 * submitted) and the arrays its own main-thread work reads and writes besides them. An object
 * that cannot say (`undefined`) makes pending split code complete first.
 */
export interface ThreadWork {
  readonly code: readonly (CodeObject | undefined)[];
  readonly reads: readonly object[];
  readonly writes: readonly object[];
}

/** An object the network schedules, as a multi-threaded run sees it. */
export interface ThreadScheduled {
  threadWork(): ThreadWork | undefined;
}

// The Node worker's program: fixed text, no user or generated text in it. It loads this package's
// worker module (thread-worker.ts, from dist/ as .js or from the TypeScript sources through tsx's
// tsImport, since Node 20 workers do not inherit tsx's loader hooks) and serves jobs.
const NODE_WORKER_SOURCE = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const mod = workerData.tsx === undefined
    ? await import(workerData.module)
    : await (await import(workerData.tsx)).tsImport(workerData.module, workerData.parent);
  mod.serveThreadJobs((handler) => parentPort.on('message', handler));
  Atomics.store(workerData.boot, 0, 1);
  Atomics.notify(workerData.boot, 0);
})().catch((e) => {
  const { written } = new TextEncoder().encodeInto(String(e && e.message || e).slice(0, 1000), workerData.text);
  Atomics.store(workerData.boot, 1, written);
  Atomics.store(workerData.boot, 0, 2);
  Atomics.notify(workerData.boot, 0);
});
`;

type WorkerThreads = typeof import('node:worker_threads');

function workerThreads(): WorkerThreads | undefined {
  const p = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return typeof p?.getBuiltinModule === 'function' ? (p.getBuiltinModule('node:worker_threads') as WorkerThreads) : undefined;
}

// In bundles without module URLs (a browser IIFE) `import.meta.url` is undefined; only module
// load must not fail there.
const OWN_URL: string = typeof import.meta.url === 'string' ? import.meta.url : '';

/** Where a Node worker loads the worker module from: this package's built or TypeScript sources. */
function workerModuleLocation(): { module: string; tsx: string | undefined; parent: string } {
  const fromSources = OWN_URL.endsWith('.ts');
  const module = new URL(`./thread-worker.${fromSources ? 'ts' : 'js'}`, OWN_URL).href;
  let tsx: string | undefined;
  if (fromSources) {
    try {
      tsx = import.meta.resolve('tsx/esm/api');
    } catch (e) {
      throw new ThreadError('Worker threads running brian-ts from its TypeScript sources need the tsx package (npm install tsx), or use the built package.', undefined, { cause: e });
    }
  }
  return { module, tsx, parent: OWN_URL };
}

const BOOT_TIMEOUT_MS = 120_000;

/** A started worker: Node's `Worker` or a Web Worker, seen the same way. */
interface ThreadHandle {
  post(message: unknown): void;
  terminate(): void;
}

/** The minimal Web Worker API used here (the project compiles without the DOM lib). */
interface WebWorker {
  postMessage(message: unknown, transfer?: unknown[]): void;
  terminate(): void;
  addEventListener(type: 'message' | 'error', handler: (event: { data?: unknown; message?: string }) => void): void;
}
type WebWorkerConstructor = new (url: string | URL, options?: { type?: 'classic' | 'module'; name?: string }) => WebWorker;
interface WebPort {
  postMessage(message: unknown): void;
  close(): void;
}
type WebChannelConstructor = new () => { port1: WebPort; port2: unknown };

/**
 * Web Workers usable for threads: in a Web Worker (the page's main thread may not block in
 * Atomics.wait) of a cross-origin isolated page (shared memory), where `Worker` exists.
 */
function webWorkerPlatform(): { Worker: WebWorkerConstructor; MessageChannel: WebChannelConstructor; url: string; type: 'classic' | 'module' } | undefined {
  const g = globalThis as { Worker?: WebWorkerConstructor; MessageChannel?: WebChannelConstructor; WorkerGlobalScope?: unknown; crossOriginIsolated?: boolean; location?: { href?: string } };
  if (typeof g.Worker !== 'function' || typeof g.MessageChannel !== 'function' || g.WorkerGlobalScope === undefined || g.crossOriginIsolated !== true) return undefined;
  const url = threadScript?.url ?? g.location?.href;
  if (url === undefined) return undefined;
  // Without a set script, the thread workers run this worker's own script (see setThreadScript).
  return { Worker: g.Worker, MessageChannel: g.MessageChannel, url, type: threadScript?.type ?? (OWN_URL === '' ? 'classic' : 'module') };
}

let threadScript: { url: string; type: 'classic' | 'module' } | undefined;

/**
 * Browsers: the script each thread's Web Worker runs (default: the script of the worker that runs
 * the simulation). It must load brian-ts; in a worker named `brian-ts-thread` the library serves
 * jobs by itself, so the script's own work should be skipped there (`isThreadWorker()`).
 */
export function setThreadScript(url: string, type: 'classic' | 'module' = 'module'): void {
  threadScript = { url, type };
}

/** The process's workers (reused across runs); grown on demand, rebuilt if a worker died. */
class Pool {
  readonly workers: ThreadHandle[] = [];
  readonly ctrl = new Int32Array(new SharedArrayBuffer(4 * CONTROL_WORDS));
  readonly errText = new Uint8Array(new SharedArrayBuffer(ERROR_TEXT_BYTES));
  broken = false;
  /**
   * Wall-clock milliseconds spent starting workers (for the 'auto' rule and the measurements). A
   * double from the start (−0): its first fraction would otherwise change the pools' map, and the
   * main thread's warm-up (a pool that never grows, see ParallelSession.warmMain) would leave
   * runPending optimized for the old one (session 16: "wrong map" at the run's first batch).
   */
  startMs = -0;

  /**
   * Node: starts workers up to `count`, waiting for each (a Node worker starts without this
   * thread's event loop). `whileBooting` runs on this thread after every new worker was started
   * and before waiting for them (see ParallelSession.warmMain: the workers' start takes 150–500
   * ms); its argument says whether a new worker is still starting.
   */
  grow(count: number, whileBooting?: (booting: () => boolean) => void): void {
    const wt = workerThreads();
    if (count <= this.workers.length) return;
    if (wt === undefined) throw new ThreadError('Web Workers start asynchronously: call `await startThreads()` before the run.');
    const started = performance.now();
    const location = workerModuleLocation();
    const booting: { worker: InstanceType<WorkerThreads['Worker']>; boot: Int32Array; text: Uint8Array }[] = [];
    while (this.workers.length + booting.length < count) {
      const boot = new Int32Array(new SharedArrayBuffer(8));
      const text = new Uint8Array(new SharedArrayBuffer(4096));
      const worker = new wt.Worker(NODE_WORKER_SOURCE, { eval: true, execArgv: [], workerData: { boot, text, ...location } });
      // Reported by the event loop after a run; the pool is then rebuilt on next use.
      worker.on('error', () => (this.broken = true));
      worker.on('exit', () => (this.broken = true));
      worker.unref();
      booting.push({ worker, boot, text });
    }
    if (whileBooting !== undefined) {
      try {
        whileBooting(() => booting.some((b) => Atomics.load(b.boot, 0) === 0));
      } catch {
        // Only a speed-up: the run goes on without it.
      }
    }
    for (let k = 0; k < booting.length; k++) {
      const { worker, boot, text } = booting[k]!;
      if (Atomics.wait(boot, 0, 0, BOOT_TIMEOUT_MS) === 'timed-out' || boot[0] !== 1) {
        const message = boot[0] === 2 ? new TextDecoder().decode(text.slice(0, boot[1]!)) : 'no answer within 120 s';
        for (let r = k; r < booting.length; r++) void booting[r]!.worker.terminate();
        throw new ThreadError(`A worker thread could not start: ${message}.`);
      }
      this.workers.push({ post: (m) => worker.postMessage(m), terminate: () => void worker.terminate() });
    }
    this.startMs += performance.now() - started;
  }

  /** Browsers: starts Web Workers up to `count` and resolves when each has loaded the library. */
  async growWeb(count: number): Promise<void> {
    const web = webWorkerPlatform();
    if (web === undefined) throw new ThreadError('Web Workers for threads need a Web Worker of a cross-origin isolated page (SharedArrayBuffer and Atomics.wait).');
    const started = performance.now();
    const pending: Promise<ThreadHandle>[] = [];
    for (let k = this.workers.length; k < count; k++) {
      pending.push(
        new Promise((resolve, reject) => {
          const worker = new web.Worker(web.url, { type: web.type, name: THREAD_WORKER_NAME });
          // Plans go through a MessagePort (see thread-worker.ts: delivered while this thread blocks).
          const channel = new web.MessageChannel();
          worker.postMessage({ type: 'brian-ts-thread-port', port: channel.port2 }, [channel.port2]);
          const timer = setTimeout(() => reject(new ThreadError(`A Web Worker thread did not start within ${BOOT_TIMEOUT_MS / 1000} s.`)), BOOT_TIMEOUT_MS);
          worker.addEventListener('message', (e) => {
            if ((e.data as { type?: string } | undefined)?.type !== 'brian-ts-thread-ready') return;
            clearTimeout(timer);
            resolve({
              post: (m) => channel.port1.postMessage(m),
              terminate: () => {
                channel.port1.close();
                worker.terminate();
              },
            });
          });
          worker.addEventListener('error', (e) => {
            clearTimeout(timer);
            this.broken = true;
            reject(new ThreadError(`A Web Worker thread failed: ${e.message ?? 'error'}.`));
          });
        }),
      );
    }
    const started_ = await Promise.allSettled(pending);
    for (const r of started_) if (r.status === 'fulfilled') this.workers.push(r.value);
    const failed = started_.find((r) => r.status === 'rejected');
    this.startMs += performance.now() - started;
    if (failed !== undefined) throw (failed as PromiseRejectedResult).reason;
  }

  /** The error text a worker wrote (and clears the error). */
  takeError(): string {
    const n = Atomics.load(this.ctrl, ERR_LENGTH);
    const text = n > 0 ? new TextDecoder().decode(this.errText.slice(0, n)) : 'unknown error';
    Atomics.store(this.ctrl, ERR_LENGTH, 0);
    Atomics.store(this.ctrl, ERR, 0);
    return text;
  }

  terminate(): void {
    for (const w of this.workers) w.terminate();
    this.workers.length = 0;
  }
}

/**
 * Starts the worker threads for later runs (`count`: default the available cores less one, the
 * main thread being the other). In Node runs start them when needed and this only moves the
 * cost; in a browser Web Workers start asynchronously, so a multi-threaded run needs this awaited
 * first (otherwise it runs on one thread with one warning).
 */
export async function startThreads(count = availableCores()): Promise<void> {
  if (!Number.isInteger(count) || count < 1) throw new ThreadError(`startThreads: the thread count must be a positive integer, got ${String(count)}.`);
  if (pool !== undefined && pool.broken) shutdownThreads();
  pool ??= new Pool();
  if (workerThreads() !== undefined) pool.grow(count - 1);
  else await pool.growWeb(count - 1);
}

let pool: Pool | undefined;

/** What the last multi-threaded run did (for tests and benchmarks). */
export interface ThreadRunInfo {
  /** The number of threads of the run. */
  readonly threads: number;
  /** Code objects that ran split across the threads. */
  readonly split: readonly string[];
  /** Code objects that could be split but ran on the main thread ('auto' found them too small). */
  readonly unsplit: readonly string[];
  /** Estimated work per execution in ns (elements × estimated ns per element) of each splittable code object. */
  readonly work: Readonly<Record<string, number>>;
  /** Split code objects whose chunks the threads take dynamically (see runShare in thread-worker.ts). */
  readonly chunked?: readonly string[];
  /** Split pathways whose queue records the spiking sources and whose threads deliver from their part's CSR (see SpikeQueue.partition). */
  readonly sourceLists?: readonly string[];
  /** After the run: how often all threads synchronised (one barrier per batch of split code objects). */
  readonly barriers?: number;
  /**
   * Under 'auto', a run that measured its split-able work first (see ParallelSession.measuring):
   * the step at which the workers took over.
   */
  readonly startedAtStep?: number;
  /** With {@link startedAtStep}: the measured split-able work (ns per step) that decided it. */
  readonly measuredWorkNs?: number;
  /** Under 'auto' when it measured (see ParallelSession.measuring): the windows it measured. */
  readonly measuredWindows?: number;
  /** Split code objects that ran the last run's compiled functions (the same network run again: same code and arrays). */
  readonly reused?: readonly string[];
  /** After the run: the number of steps of its fastest clock. */
  readonly steps?: number;
  /**
   * After the run: the batches that ran dynamic after jobs with one part per thread (a pathway's
   * deliveries pending from the step before, see runPrefix in thread-worker.ts).
   */
  readonly prefixed?: number;
  /**
   * After the run: how often a split threshold's events were merged into one list (only when
   * something read the event space as a whole: serial code, an object's own work, a report, the
   * run's end; see ParallelSession.mergeEvents).
   */
  readonly merges?: number;
}
/**
 * Per split code object of the last run, when profiling (`BRIAN_TS_THREAD_PROFILE=1`): mean
 * microseconds per execution the main thread spent on its own range and waiting for the workers,
 * and per worker the delay from the job's publication to its start, its busy time, and the time
 * from its end to the main thread seeing every range done.
 */
export interface ThreadProfileRow {
  readonly name: string;
  readonly executions: number;
  readonly mainBusyUs: number;
  readonly mainWaitUs: number;
  /**
   * The share of (execution, worker) pairs where the worker had not joined the batch when the
   * main thread had claimed every chunk (it ran them all and did not wait: see joinTag).
   */
  readonly missedShare: number;
  /**
   * Per worker; `sleptShare`: the share of executions for which it had fallen asleep (polled
   * longer than its limit, see SPIN_MS) and was woken by Atomics.notify, `pollingLatencyUs`: the
   * mean start latency of the others (found while polling). Measured in session 10: the mean start
   * latency is dominated by the few executions that found the worker asleep (a futex wake-up,
   * 60-150 µs), the polling ones take < 1 µs.
   */
  readonly workers: readonly { readonly startLatencyUs: number; readonly busyUs: number; readonly tailUs: number; readonly sleptShare: number; readonly pollingLatencyUs: number }[];
}
let lastProfile: ThreadProfileRow[] | undefined;

/**
 * The steps of the last threaded run, when profiling (`BRIAN_TS_THREAD_PROFILE=1`): wall µs from
 * one step's end to the next (the main thread's clock), percentiles, and the slow steps (more than
 * twice the median): their share, the mean µs per step they add over the median, and of them the
 * share where a worker had slept (woken by Atomics.notify) or had not joined a batch (the main
 * thread ran every chunk), and the share where the main thread's chunks took twice their median time per
 * chunk (the main thread descheduled or slowed). Session 11: which steps make LIF's tail.
 */
export interface ThreadStepProfile {
  readonly steps: number;
  readonly meanUs: number;
  readonly p50Us: number;
  readonly p90Us: number;
  readonly p99Us: number;
  readonly maxUs: number;
  readonly slowShare: number;
  readonly slowExcessUs: number;
  readonly slowSleptShare: number;
  readonly slowMissedShare: number;
  readonly slowMainShare: number;
}
let lastStepProfile: ThreadStepProfile | undefined;

/** The last threaded run's steps (`BRIAN_TS_THREAD_PROFILE=1`), else `undefined`. */
export function lastThreadStepProfile(): ThreadStepProfile | undefined {
  return lastStepProfile;
}

/** The last threaded run's profile (`BRIAN_TS_THREAD_PROFILE=1`), else `undefined`. */
export function lastThreadProfile(): readonly ThreadProfileRow[] | undefined {
  return lastProfile;
}

function profilingThreads(): boolean {
  return envVar('BRIAN_TS_THREAD_PROFILE') === '1';
}

let lastInfo: ThreadRunInfo = { threads: 1, split: [], unsplit: [], work: {} };

/** What the last run did with threads (one thread and nothing split for a single-threaded run). */
export function lastThreadRun(): ThreadRunInfo {
  return lastInfo;
}

/** Records a single-threaded run (called by the network). */
export function noteSingleThreadRun(): void {
  lastInfo = { threads: 1, split: [], unsplit: [], work: {} };
}

/** Ends the worker threads (they are otherwise reused by later runs and never keep the process alive). */
export function shutdownThreads(): void {
  pool?.terminate();
  pool = undefined;
}

/** Milliseconds spent starting worker threads in this process so far. */
export function threadStartMilliseconds(): number {
  return (pool?.startMs ?? 0) + 0; // +0, not the field's −0
}

/** The number of logical cores (`os.availableParallelism()`), 1 where unknown. */
export function availableCores(): number {
  const p = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const os = typeof p?.getBuiltinModule === 'function' ? (p.getBuiltinModule('node:os') as typeof import('node:os') | undefined) : undefined;
  const n = os?.availableParallelism?.() ?? (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
  return Math.max(1, n | 0);
}

/**
 * A job's chunk, for dynamic splitting (see runShare), is worth its chunk-counter update and the
 * cache lines a chunk run by another thread moves when it holds at least this many ns of
 * estimated work (LIF 10⁵ on 2 threads: 12 500 elements ≈ 16 µs per chunk in exact mode, ≈ 3.75
 * µs with fast mode's in-place kernel). Session 8 lowered it from 8 µs to 3 µs so that fast
 * mode's LIF 10⁵ is chunked too: measured, the worker ran the same WebAssembly kernel 1.5–2.5×
 * slower per element than the main thread (even pinned to the same vCPU), and static halves
 * waited for it (min of 3, three alternations: 2 threads 36.2–45.7 µs per step static, 33.5–35.1
 * chunked). `BRIAN_TS_CHUNK_MIN_NS` overrides it (tests: 0 chunks every per-element job).
 */
const CHUNK_MIN_WORK = Number(envVar('BRIAN_TS_CHUNK_MIN_NS') ?? 3_000);

/** A code object turned into a job: its ranged form, the ranges, where its threshold segments go. */
export interface Job {
  readonly code: CodeObject;
  readonly ranged: RangedCode;
  readonly caps: readonly unknown[];
  /**
   * Per chunk (one per thread, or CHUNKS_PER_THREAD per thread: see runShare): its range. The
   * jobs over one event space (its thresholds and event code) share them: event code reads each
   * chunk's events where the threshold's chunk left them (see RangedCode.eventInput).
   */
  lo: Int32Array;
  hi: Int32Array;
  segs: Int32Array;
  /** A pathway's partitioned queue (else undefined). */
  readonly events: PartitionedEvents | undefined;
  /** Pathways: per worker, the part lists it has, by ring position. */
  readonly sent: (Int32Array | undefined)[][];
  /** The arrays of the job's dynamic storage that the workers have (of the run's start). */
  readonly arrays: readonly unknown[];
  /** Decided at `start`: whether this job runs split (else its serial code runs). */
  parallel: boolean;
  /**
   * Under 'auto': split because it touches arrays that other split code writes (or writes arrays
   * that split code reads), whatever its own work; a coupled pathway delivers on the main thread
   * only on steps with at most COUPLED_SERIAL_EVENTS events.
   */
  coupled: boolean;
  /** The storage the ranged loop touches (see RangedCode.access). */
  readonly access: ReadonlyMap<object, RangeAccess>;
  /** A pathway whose queue records the spiking sources (deferred pushes): the parts' CSRs (see deliverPart). */
  spans: SourceSpans | undefined;
  /** Pathways with spans: per worker, the source lists it has, by ring position. */
  readonly sentSources: (Int32Array | undefined)[][];
  /** The source list of the submitted execution. */
  sources0: Int32Array | undefined;
  /** A pathway's part lists of the submitted execution, by part (the main thread may run any part of a dynamic batch). */
  readonly evps: (Int32Array | undefined)[];
  /** Set at `start` for a split job: per thread, the source of its range's function (see RangedCode.bind), or the shared ranged source. */
  sources: readonly string[];
  /** The main thread's function for range 0. */
  run0: RangedCode['run'];
}

/**
 * Whether two split code objects may run between the same two barriers, each thread doing its
 * range of the first, then of the second: every array one of them writes must be touched by both
 * only at the element's own index of the same index space (the same ranges: no element another
 * thread handles), and not at all by one of them otherwise.
 */
function independent(a: ReadonlyMap<object, RangeAccess>, b: ReadonlyMap<object, RangeAccess>, except?: object): boolean {
  for (const [array, x] of a) {
    if (array === except) continue;
    const y = b.get(array);
    if (y === undefined || (!x.write && !y.write)) continue;
    if (x.own === null || x.own !== y.own) return false;
  }
  return true;
}

/**
 * Whether two code objects may run in either order: no array one of them writes is touched by
 * the other (at any index). A serial execution may then run before split code still pending from
 * earlier objects (see ParallelSession.completeFor).
 */
function disjoint(a: ReadonlyMap<object, RangeAccess>, b: ReadonlyMap<object, RangeAccess>): boolean {
  for (const [array, x] of a) {
    const y = b.get(array);
    if (y !== undefined && (x.write || y.write)) return false;
  }
  return true;
}

/**
 * An empty list for a pathway's lists by ring position (Job.sent), already of V8's holey object
 * kind, so that no store changes its kind. A kind change is a new map, and keyed loads' feedback
 * keeps the most general kind only: code optimized during the main thread's warm-up (lists long
 * filled) deoptimized ("wrong map") at a real run's first lookups in its new, empty lists (session 16).
 */
function listByPosition(): (Int32Array | undefined)[] {
  const list = new Array<Int32Array | undefined>(1);
  list[0] = undefined;
  list.length = 0;
  return list;
}

/** A pathway list a worker gets in a resume message (see ParallelSession.resume). */
type ListUpdate = { j: number; pos: number; buf: Int32Array; src?: boolean };
const NO_UPDATE: ListUpdate = { j: -1, pos: -1, buf: new Int32Array(0) };

/**
 * Per worker, an empty list of updates for a resume, of V8's object kind from birth (see
 * listByPosition): a push into a new list then changes no map (session 16: submit's optimized
 * code from the main thread's warm-up deoptimized at a real run's first push, "not a Smi").
 */
function updateLists(nw: number): ListUpdate[][] {
  const lists: ListUpdate[][] = [];
  for (let w = 0; w < nw; w++) {
    const list = [NO_UPDATE];
    list.length = 0;
    lists.push(list);
  }
  return lists;
}

/** A split job's compiled code in the last run that split work (see ParallelSession.launch). */
interface CompiledJob {
  readonly captures: readonly unknown[];
  /** The workers' captures (ids and helper keys, see captureKey): the same objects there too. */
  readonly sent: string;
  readonly sources: readonly string[];
  readonly run0: RangedCode['run'];
}
let lastCompiled = new Map<string, CompiledJob>();

/** A job's captures as the workers key them (see serveThreadJobs): helper keys and object ids; '' where one has no id. */
function captureKey(caps: readonly unknown[]): string {
  let key = '';
  for (const cap of caps) {
    const d = cap as { h?: string; i?: number } | null;
    if (d === null) key += ' -';
    else if (d.h !== undefined) key += ` h${d.h}`;
    else if (d.i !== undefined) key += ` ${d.i}`;
    else return '';
  }
  return key;
}

/**
 * An id per object captured by split code (weakly held): a worker keeps the objects of its last
 * plan by id, so that a capture sent again is the same object there and the last run's compiled
 * function can be reused (see serveThreadJobs).
 */
const captureIds = new WeakMap<object, number>();
let nextCaptureId = 1;
function captureId(value: object): number {
  let id = captureIds.get(value);
  if (id === undefined) captureIds.set(value, (id = nextCaptureId++));
  return id;
}

/**
 * The `'auto'` rule's constants (measured, see docs/design.md): an execution is split only when
 * its estimated work (elements × estimated ns per element) reaches `AUTO_MIN_WORK` ns, and a run
 * uses threads only when the time the split saves over all its steps exceeds the workers' start
 * (when they are not running yet).
 */
export const AUTO_MIN_WORK = 50_000;
/**
 * Under 'auto', the most events a pathway coupled to split code (see Job.coupled) delivers on the
 * main thread instead of split: ≈ 60 ns of cross-core line transfer per event into a worker's
 * range (session 10) against a barrier's 2–5 µs. COBAHH 4000's ≈ 1000 events a step delivered
 * serially cost 10–15 % of its 2-thread time (session 12).
 */
export const COUPLED_SERIAL_EVENTS = 32;
const AUTO_MIN_ELEMENTS = 512;
/**
 * Under 'auto', a run whose start-up estimate does not pay (see ParallelSession.measuring) times
 * its split-able work on one thread in windows of MEASURE_WINDOW steps, one every MEASURE_PERIOD
 * steps (after MEASURE_FIRST steps of warm-up, whose code is not optimised yet), and starts the
 * workers after a window where the remaining steps pay for them. Brunel 2000's pathways are
 * ≈ 90 % of its step, but their events are not known before the run (session 13: 57 µs estimated
 * against ≈ 700 µs measured a step). Runs shorter than MEASURE_MIN_STEPS do not measure.
 */
export const MEASURE_FIRST = 16;
export const MEASURE_WINDOW = 16;
export const MEASURE_PERIOD = 128;
/**
 * A window whose work would not pay for the workers even this many times over is far from it:
 * the next window then comes after twice the last period, so a run that never pays (CUBA 4000:
 * a few µs of split work a step) measures O(log steps) windows instead of one every
 * MEASURE_PERIOD steps — session 15 measured those at ≈ 8 % of CUBA 4000's 1-s run. A run whose
 * activity grows (Brunel 2000: 290 µs a step at step 160, 877 at step 544) comes within the
 * factor before it pays and is measured every MEASURE_PERIOD steps from then on.
 */
export const MEASURE_FAR = 4;
const MEASURE_MIN_STEPS = MEASURE_FIRST + 2 * MEASURE_PERIOD;
/** A pathway's queue that can be partitioned by key ranges (SpikeQueue). */
type PartitionedEvents = Required<Pick<SynapticEvents, 'partition' | 'unpartition' | 'partBuffer' | 'partEvents'>> & SynapticEvents & { readonly partitioned: boolean; readonly position: number };

function partitionable(events: SynapticEvents): events is PartitionedEvents {
  return typeof events.partition === 'function' && typeof events.unpartition === 'function' && typeof events.partBuffer === 'function' && typeof events.partEvents === 'function';
}
/** A partitioned queue records each synapse's part in a byte. */
const MAX_PARTS = 255;
/**
 * The start-up cost of one worker, in ms, from the TypeScript sources (tsx compiles the library in
 * the worker) and from dist/. Measured in session 12 (s12-lif, bench/threads/start.bench.ts, fresh
 * processes, medians): 468–499 ms from the sources, 143–186 ms from dist/ (minima 405 / 133); the
 * main thread waits for it (Pool.grow). Before: 800 / 300 (session 9 measured 540–554 / 174–200;
 * 2000 at load 22 in session 5).
 */
export const WORKER_START_MS = { sources: 500, dist: 150 } as const;
/**
 * The measured 2-thread speed-up of split work, as the share of each added thread's ideal: session
 * 11's rows 1.56–1.70× on LIF 10⁶, HH 4000 and COBAHH (bench/README, threads) — 1 + 0.6 per thread.
 */
const THREAD_EFFICIENCY = 0.6;

/**
 * The `'auto'` start-up rule (when no workers run yet): start `threads - 1` workers when the time
 * the split saves over the run — `steps` executions of `workNs` ns of split work, at the measured
 * speed-up — exceeds their start. From the sources LIF 10⁶ for 0.2 s (≈ 0.3 ms of split work a
 * step) stays on one thread: it saves ≈ 0.3 s on two, less than a worker's start; from dist/ it
 * takes two (session 12, bench/threads/start.bench.ts: both choices the faster `net.run()`).
 */
export function autoStartsWorkers(steps: number, workNs: number, threads: number, fromSources: boolean, startMs: number = fromSources ? WORKER_START_MS.sources : WORKER_START_MS.dist, partitionMs = 0): boolean {
  const speedUp = 1 + THREAD_EFFICIENCY * (threads - 1);
  const savedMs = (steps * workNs * (1 - 1 / speedUp)) / 1e6;
  return savedMs >= startMs * (threads - 1) + partitionMs;
}

/**
 * The main thread's cost of partitioning a split pathway's queue at a run's start, ns per synapse
 * (SpikeQueue.partition; session 14, Brunel 2000's 15.6 M synapses: ≈ 250 ms, mostly the first
 * touch of the parts' new lists — ≈ 15 µs a page on this VM — and ≈ 3 ns a synapse of search).
 */
export const PARTITION_NS_PER_SYNAPSE = 16;

/**
 * A worker's start-up cost for the 'auto' rule here: WORKER_START_MS, or `BRIAN_TS_WORKER_START_MS`
 * (read at each decision; for measurements and tests, or a machine whose workers start faster or
 * slower). A value that is not a non-negative number of milliseconds is a ThreadError naming it.
 */
export function workerStartMs(): number {
  const set = envVar('BRIAN_TS_WORKER_START_MS');
  if (set === undefined || set === '') return OWN_URL.endsWith('.ts') ? WORKER_START_MS.sources : WORKER_START_MS.dist;
  const ms = Number(set);
  if (!(ms >= 0) || !Number.isFinite(ms)) throw new ThreadError(`BRIAN_TS_WORKER_START_MS must be a non-negative number of milliseconds, got '${set}'.`);
  return ms;
}

/**
 * Publishes a batch of `job` jobs (or END, PAUSE) to the workers: the job word, the batch's open
 * JOIN word (see joinTag), then the next generation (the workers poll GEN). The main thread is
 * the only writer of GEN, and DONE and the claims are reset before this.
 */
function publish(ctrl: Int32Array, job: number): void {
  Atomics.store(ctrl, JOB, job);
  Atomics.store(ctrl, JOIN, joinTag(Atomics.load(ctrl, GEN) + 1));
  Atomics.add(ctrl, GEN, 1);
}

/**
 * Polls DONE until it is `expect`, at most `most` times, then sleeps on it (woken by the last
 * worker, or every `sleepMs`). Returns the polls made, or -1 when it slept. A loop function of its
 * own that ends in a plain return: regular optimized code from its calls (with the loop inside
 * `flush`, V8 entered flush's OSR code at hundreds of waits of a LIF run). `sleepMs` = 0 (a wait
 * that times out at once, and no second one) is for {@link warmAwaitDone} only.
 */
export function awaitDone(ctrl: Int32Array, expect: number, most: number, sleepMs = 1000): number {
  let spins = 0;
  for (;;) {
    const done = Atomics.load(ctrl, DONE);
    if (done === expect) return spins;
    if (++spins > most) break;
  }
  Atomics.store(ctrl, MAIN_WAITING, 1);
  for (let done = Atomics.load(ctrl, DONE); done !== expect; ) {
    Atomics.wait(ctrl, DONE, done, sleepMs);
    done = Atomics.load(ctrl, DONE);
    if (sleepMs === 0) break;
  }
  Atomics.store(ctrl, MAIN_WAITING, 0);
  return -1;
}

/**
 * Runs both paths of {@link awaitDone} on a scratch word before a run's first step (session 15):
 * V8 optimized awaitDone during the first steps' polls, before any wait had slept, and its code
 * then deoptimized at each sleep for lack of type feedback there (up to 27 deopts a COBAHH run,
 * the code kept each time). WARM_CALLS calls of each path: V8 allocates a function's feedback
 * vector only after its first few calls (Node 20: 8), and records nothing before. Returns
 * awaitDone's results of the last two calls (tests).
 */
export function warmAwaitDone(): [number, number] {
  const scratch = new Int32Array(new SharedArrayBuffer(4 * CONTROL_WORDS));
  let polled = 0;
  let slept = 0;
  for (let k = 0; k < WARM_CALLS; k++) {
    polled = awaitDone(scratch, 0, 0);
    slept = awaitDone(scratch, 1, 0, 0);
  }
  return [polled, slept];
}

/** Calls that leave a function with type feedback (see warmAwaitDone and warmRanged's 20). */
const WARM_CALLS = 20;

/**
 * The main thread's warm-up while new workers start (see ParallelSession.warmMain), if
 * registered: at most `steps` steps, stopping once `going()` is false.
 */
type MainWarmup = (steps: number, going: () => boolean) => void;
let mainWarmup: MainWarmup | undefined;

/** Registers the main thread's warm-up (warmup/thread-warmup.ts, loaded with the package's entry point). */
export function setMainThreadWarmup(warm: MainWarmup | undefined): void {
  mainWarmup = warm;
}

/**
 * Steps of the main thread's warm-up (see ParallelSession.warmMain): `BRIAN_TS_WARM_MAIN_STEPS`
 * (read at each start of workers; 4000 measured, session 16), else none. Off by default: on the
 * 2-vCPU development VM it took ≈ 100 ms (COBAHH 4000) and ≈ 30 ms (HH 4000) off the first 2-thread run
 * (run_wall_s), but the workers' start took 60–110 ms longer — the warm-up (≈ 130–150 ms of this
 * thread in a cold process, mostly generating its network's code, plus TurboFan's compiles) shares
 * the two cores with the booting worker — so `net.run()` from its call was not shorter.
 */
function mainWarmSteps(): number {
  const set = envVar('BRIAN_TS_WARM_MAIN_STEPS');
  const n = set === undefined || set === '' ? 0 : Number(set);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

/** Set by {@link runSolo}: the next session begun is a solo one. */
let soloNext = false;

/**
 * Runs `run` (a network's multi-threaded run) with a solo session: two threads' chunks, split and
 * batched as in a 2-thread run, but no workers — this thread runs its own chunks (all chunks of a
 * dynamic batch) and waits for no one, so the other thread's ranges are not computed. For the
 * main thread's warm-up only (warmup/thread-warmup.ts): its results are not a simulation's.
 */
export function runSolo(run: () => void): void {
  soloNext = true;
  try {
    run();
  } finally {
    soloNext = false;
  }
}

/**
 * What a code object that may run split becomes in a session (see ParallelSession.wrap). One class
 * for every session rather than a closure per session: the objects' `run` methods call
 * `code.run()` and V8 inlines the target, so a new closure at each run deoptimized them in every
 * later run of a process ("wrong call target", sessions 13–15); this method is the same function
 * in every run.
 */
class SessionCode implements CodeObject {
  readonly name: string;
  readonly template: CodeObject['template'];
  readonly source: string;
  constructor(
    private readonly session: ParallelSession,
    private readonly job: Job,
    private readonly index: number,
  ) {
    this.name = job.code.name;
    this.template = job.code.template;
    this.source = job.code.source;
  }
  run(): void {
    this.session.runWrapped(this.job, this.index);
  }
}

/** What a run's threads do: collects jobs while the run compiles, then dispatches them each step. */
export class ParallelSession {
  private readonly jobs: Job[] = [];
  /** Per event space, the chunks of its first threshold job (see Job.lo). */
  private readonly spaces = new Map<Int32Array, { lo: Int32Array; hi: Int32Array; segs: Int32Array; N: number }>();
  /** The code objects `wrap` returned, by identity: the jobs objects run (and their index). */
  private readonly wrappers = new Map<CodeObject, number>();
  private pool: Pool | undefined;
  private started = false;
  /** Per worker: 1 when it is in its job loop. */
  private ready: Int32Array | undefined;
  /** How long a waiting thread polls at most before sleeping (see SPIN_MS), and the main thread's current limit. */
  private readonly spinMs: number;
  /**
   * The polling policy's state (see spinLimit). A double from the start (−0, not a small integer):
   * set to a small integer, the field's first fraction — the run's first sleep — changed the
   * session's map, and V8 deoptimized every method compiled for it inside the run (session 15).
   */
  private waitShare = -0;
  private waits = 0;
  /** Polls per ms (see pollsPerMs: measured once per process, 2–5 ms), set when the run splits work. */
  private perMs = 0;
  /** Per job and thread, when profiling (`BRIAN_TS_THREAD_PROFILE=1`): see {@link ThreadProfileRow}. */
  private prof: Float64Array | undefined;
  private readonly helperKeys: Map<unknown, string>;
  /** The submitted jobs not run yet (their first `pending` entries; shared: the workers read the batch). */
  private batch: Int32Array = new Int32Array(0);
  /** Per job its chunk count, and per thread its chunk counter (see runShare; shared with the workers). */
  private chunks: Int32Array = new Int32Array(0);
  private claims: Int32Array = new Int32Array(0);
  /** The job whose chunk the main thread is running (to name it when it throws). */
  private running = -1;
  private pending = 0;
  /** `clash[i * jobs + j]`: jobs i and j may not share a batch. */
  private clash = new Uint8Array(0);
  /** `apart[i * jobs + j]`: jobs i and j touch no array that one of them writes (see {@link completeFor}). */
  private apart = new Uint8Array(0);
  /** Per scheduled object (see {@link schedule}): 1 when it may run while jobs are pending, and its own arrays' clashes with the jobs. */
  private mayDefer = new Uint8Array(0);
  private objectClash = new Uint8Array(0);
  /**
   * Split thresholds whose last execution's events are not merged yet (see {@link mergeEvents}):
   * job indices, the first `unmerged` entries.
   */
  private unmergedJobs = new Int32Array(0);
  private unmerged = 0;
  /** Per scheduled object: 1 when it may read an event space that a split threshold writes (merged first, see {@link before}). */
  private readsEvents = new Uint8Array(0);
  /** Per job: 1 when it may not stay pending past a step's end (see endStep). */
  private stepBound = new Uint8Array(0);
  private barriers = 0;
  private prefixed = 0;
  private merges = 0;
  private steps = 0;
  /** The scheduled object running now (see {@link before}), the object of each pending job, and the one whose job failed. */
  private object = -1;
  private owners = new Int32Array(0);
  private failed: number | undefined;
  /** When profiling: per step its wall µs, the main thread's own chunks' µs, sleeps and missed joins (see ThreadStepProfile). */
  private stepRec: Float64Array | undefined;
  private stepCount = 0;
  private stepStart = 0;
  private stepBusy = 0;
  private stepChunks = 0;
  private stepSlept = 0;
  private stepMissed = 0;
  /**
   * Under 'auto', when the start-up rule's estimate did not pay at the run's start: per job, 1 when
   * it would run split (see {@link start}); the run then times those jobs on one thread in windows
   * ({@link measure}) and starts the workers when the measured work pays ({@link startMeasured}).
   */
  private candidates: Uint8Array | undefined;
  /** Whether the wrappers time the candidate jobs now, and the ms they took (see {@link measure}). */
  private timing = false;
  private timedMs = 0;
  /** The estimated cost of partitioning the split pathways' queues (see PARTITION_NS_PER_SYNAPSE). */
  private partitionMs = 0;
  /** The last window's measured candidate work, ns per step (a decision takes the lower of two consecutive windows). */
  private lastWindowNs = Infinity;
  /** The measured windows of this run, and the steps from the last one to the next (see {@link measureGap}). */
  private windows = 0;
  private gap = 0;

  /**
   * `threads`: the count (≥ 2) or `'auto'` (the available cores, where it pays). `solo`: a session
   * with no workers (see {@link runSolo}): this thread runs its own chunks and waits for no one.
   */
  private constructor(
    readonly threads: number,
    readonly auto: boolean,
    readonly solo = false,
  ) {
    this.helperKeys = new Map([...workerHelpers()].map(([k, v]) => [v, k]));
    this.spinMs = threads <= availableCores() ? SPIN_MS : SPIN_MIN_MS;
  }

  /**
   * Starts collecting a run's code objects (until {@link compiled}). Returns `undefined` (one
   * thread) where threads cannot be used here: one warning says why.
   */
  static begin(setting: ThreadsSetting): ParallelSession | undefined {
    const auto = setting === 'auto';
    let threads = auto ? availableCores() : setting;
    if (threads <= 1) return undefined;
    if (soloNext && sharedMemoryAvailable) {
      soloNext = false;
      const solo = new ParallelSession(2, false, true);
      setParallelHook((code, ranged) => solo.wrap(code, ranged), 2);
      return solo;
    }
    // Asked for explicitly, threads that cannot be had are worth one warning; under 'auto', not.
    if (!sharedMemoryAvailable) {
      if (!auto) warn('threads', 'SharedArrayBuffer is not available (a browser page needs cross-origin isolation): running on one thread.');
      return undefined;
    }
    if (workerThreads() === undefined) {
      // Browsers: Web Workers from a Web Worker of a cross-origin isolated page, started beforehand.
      if (webWorkerPlatform() === undefined) {
        if (!auto) warn('threads', 'Threads need Node worker threads, or in a browser a Web Worker of a cross-origin isolated page (the page itself may not wait on other threads): running on one thread.');
        return undefined;
      }
      // 'auto' uses the Web Workers started so far (startThreads), if any.
      if (auto && pool !== undefined && !pool.broken) threads = Math.min(threads, pool.workers.length + 1);
      if (threads <= 1) return undefined;
      if (pool === undefined || pool.broken || pool.workers.length < threads - 1) {
        if (!auto) warn('threads', `Web Workers start asynchronously: \`await startThreads(${threads})\` before the run to use ${threads} threads; running on one thread.`);
        return undefined;
      }
    }
    const session = new ParallelSession(threads, auto);
    setParallelHook((code, ranged) => session.wrap(code, ranged), auto ? AUTO_MIN_ELEMENTS : threads);
    return session;
  }

  /**
   * Whether {@link start} handed split work to the workers. When it did not (nothing split, or
   * 'auto' found it would not pay), the step loop can run without the session: its per-object
   * calls would only find nothing pending.
   */
  get active(): boolean {
    return this.started;
  }

  /**
   * Whether the run is to measure its split-able work on one thread before deciding on threads
   * ('auto' whose start-up estimate did not pay, see {@link start}): the network then runs windows
   * of steps under {@link measure} and asks {@link startMeasured} after each.
   */
  get measuring(): boolean {
    return this.candidates !== undefined && !this.started;
  }

  /** Starts (`true`) or ends a window of steps in which the wrappers time the jobs that would run split. */
  measure(on: boolean): void {
    this.timing = on;
    if (on) this.timedMs = 0;
  }

  /**
   * After a measured window of `windowSteps` steps: starts the workers when the measured work (the
   * lower of this window's and the last one's, so that one preempted window does not decide) pays
   * for their start over the `remaining` steps, by the start-up rule ({@link autoStartsWorkers}).
   * `step`: the steps run so far (reported in {@link lastThreadRun}). Returns whether it started them.
   */
  startMeasured(windowSteps: number, remaining: number, step: number): boolean {
    if (this.candidates === undefined || this.started || windowSteps <= 0) return false;
    const ns = (this.timedMs * 1e6) / windowSteps;
    const work = Math.min(ns, this.lastWindowNs);
    const first = this.lastWindowNs === Infinity;
    this.lastWindowNs = ns;
    this.windows++;
    const pays = (workNs: number): boolean => autoStartsWorkers(remaining, workNs, this.threads, OWN_URL.endsWith('.ts'), workerStartMs(), this.partitionMs);
    // Far by this window's own work (the first's is, if anything, too high: code still tiering up):
    // the next window after twice the last period, else after MEASURE_PERIOD.
    const far = !pays(MEASURE_FAR * ns);
    this.gap = far && this.gap > 0 ? 2 * (this.gap + MEASURE_WINDOW) - MEASURE_WINDOW : MEASURE_PERIOD - MEASURE_WINDOW;
    lastInfo = { ...lastInfo, measuredWindows: this.windows };
    // The first window decides nothing alone: its code may still be tiering up.
    if (first || !pays(work)) return false;
    const candidates = this.candidates;
    this.jobs.forEach((job, j) => (job.parallel = candidates[j] === 1));
    this.candidates = undefined;
    this.launch(false);
    lastInfo = { ...lastInfo, startedAtStep: step, measuredWorkNs: Math.round(work), measuredWindows: this.windows };
    return this.started;
  }

  /**
   * The steps from the end of the window {@link startMeasured} just judged to the start of the
   * next: MEASURE_PERIOD - MEASURE_WINDOW, or twice the last period where the window was far
   * from paying (see MEASURE_FAR).
   */
  get measureGap(): number {
    return this.gap;
  }

  /** A job run on the main thread while its time is measured (see {@link measure}). */
  private timedRun(index: number, code: CodeObject): void {
    const t0 = performance.now();
    code.run();
    if (this.candidates?.[index] === 1) this.timedMs += performance.now() - t0;
  }

  /** Stops collecting (call after the run's `beforeRun`, also when it failed). */
  compiled(): void {
    setParallelHook(undefined);
  }

  private wrap(code: CodeObject, ranged: RangedCode): CodeObject {
    const T = this.threads;
    if (ranged.N < T || (this.auto && ranged.N < AUTO_MIN_ELEMENTS)) return code;
    const caps: unknown[] = [];
    for (let k = 0; k < ranged.captures.length; k++) {
      const value = ranged.captures[k];
      const name = ranged.captureNames[k];
      const key = value === undefined ? undefined : this.helperKeys.get(value);
      if (value === undefined || name === undefined) caps.push(null);
      else if (key !== undefined) caps.push({ h: key });
      else if (ArrayBuffer.isView(value) && isShared(value)) caps.push({ a: value, i: captureId(value) });
      else if (name.startsWith('$o_') && ranged.dynamic.includes(value as ArrayVariable) && isShared((value as ArrayVariable).array)) {
        const array = (value as ArrayVariable).array;
        caps.push({ o: array, i: captureId(array) }); // dynamic storage: its array of this run
      } else if (name.startsWith('$bp_') || name === '$kv' || name === '$wk') {
        // Binomial tables, constants, a kernel's module: read-only data.
        caps.push(typeof value === 'object' && value !== null ? { c: value, i: captureId(value) } : { c: value });
      }
      else return code; // storage not in shared memory, or a value a worker cannot have
    }
    // Pathways: the queue is partitioned by the ranges at the run's start; segs holds the ring
    // position and each range's event count. A queue that cannot be partitioned stays unsplit.
    const events = ranged.events;
    if (events !== undefined && (!partitionable(events) || T > MAX_PARTS)) return code;
    // Chunks: one per thread, or CHUNKS_PER_THREAD per thread where a chunk holds enough work
    // (split dynamically, see runShare). Chunk boundaries of T·K chunks include those of T.
    // The thresholds of one event space share the chunks of the first (see Job.lo; event code takes them at start).
    const space = ranged.eventSpace ?? ranged.eventInput;
    const known = space === undefined ? undefined : this.spaces.get(space);
    const shared = known?.N === ranged.N ? known : undefined;
    // A solo session's small network chunks every job it can, as COBAHH's and HH 4000's are (see warmMain).
    const C = shared !== undefined ? shared.lo.length : events === undefined && ranged.bind !== undefined && (ranged.N / (T * CHUNKS_PER_THREAD)) * ranged.costNs >= (this.solo ? 0 : CHUNK_MIN_WORK) ? T * CHUNKS_PER_THREAD : T;
    const lo = shared?.lo ?? new Int32Array(new SharedArrayBuffer(4 * C));
    const hi = shared?.hi ?? new Int32Array(new SharedArrayBuffer(4 * C));
    for (let c = 0; c < C; c++) {
      lo[c] = Math.floor((c * ranged.N) / C);
      hi[c] = Math.floor(((c + 1) * ranged.N) / C);
    }
    // A pathway's: [ring position, each part's own list's count, the step's source count].
    const segs = shared?.segs ?? new Int32Array(new SharedArrayBuffer(4 * (C + (events === undefined ? 1 : 2))));
    if (ranged.eventSpace !== undefined && known === undefined) this.spaces.set(ranged.eventSpace, { lo, hi, segs, N: ranged.N });
    const sent = Array.from({ length: T - 1 }, () => listByPosition());
    const job: Job = { code, ranged, caps, lo, hi, segs, events, sent, arrays: ranged.dynamic.map((v) => v.array), parallel: false, coupled: false, access: ranged.access, spans: undefined, sentSources: Array.from({ length: T - 1 }, () => listByPosition()), sources0: undefined, evps: listByPosition(), sources: [], run0: ranged.run };
    this.jobs.push(job);
    const index = this.jobs.length - 1;
    const wrapper: CodeObject = Object.freeze(new SessionCode(this, job, index));
    this.wrappers.set(wrapper, index);
    return wrapper;
  }

  /** One execution of a wrapped code object (see SessionCode). */
  runWrapped(job: Job, index: number): void {
    if (job.parallel) this.submit(job, index);
    else if (this.started) {
      this.serialRun(index);
      job.code.run();
    } else if (this.timing) this.timedRun(index, job.code);
    // Before the workers start (all of a run 'auto' keeps on one thread) nothing split can be
    // pending: the code runs as it would without a session (session 15: the completion checks
    // cost CUBA 4000 ≈ 0.2–0.3 µs of a 5.7 µs step under 'auto').
    else job.code.run();
  }

  /**
   * Decides which jobs run split and hands them to the workers. `steps`: the run's length in
   * steps (for the `'auto'` start-up rule).
   */
  start(steps: number): void {
    this.steps = steps;
    if (this.jobs.length === 0) {
      lastInfo = { threads: 1, split: [], unsplit: [], work: {} };
      return;
    }
    const T = this.threads;
    let work = 0;
    for (const job of this.jobs) {
      // Event code: decided below, with its threshold (its work is per event, not per element).
      if (job.ranged.eventInput !== undefined) continue;
      const w = job.ranged.N * job.ranged.costNs;
      // A pathway's execution delivers up to one event per synapse: it may pay on busy steps even
      // when its postsynaptic range is small (each step then decides by its event count). The
      // start-up rule below counts only the range's estimate.
      const most = job.events === undefined ? w : Math.max(w, job.ranged.maxEvents * job.ranged.costNs);
      job.parallel = !this.auto || most >= AUTO_MIN_WORK;
      job.coupled = false;
      if (job.parallel) work += w;
    }
    if (this.auto) {
      // Small code that shares arrays with split code is split too: run serially, it would read or
      // write the workers' ranges from this thread — a cross-core line transfer per cache line
      // (session 10's rule), more than its own work — and force the pending split code to finish
      // first. COBAHH 4000 under 'auto' kept its threshold (reading every v) and a pathway (writing
      // gi) serial and ran 10–15 % slower than with threads: 2 (session 12).
      for (let grown = true; grown; ) {
        grown = false;
        for (const job of this.jobs) {
          if (job.ranged.eventInput !== undefined || job.coupled) continue;
          if (!this.jobs.some((other) => other !== job && other.parallel && other.ranged.eventInput === undefined && !disjoint(job.access, other.access))) continue;
          job.coupled = true;
          // Its work stays out of the start-up rule's estimate: that decision is the one of its own.
          if (!job.parallel) job.parallel = grown = true;
        }
      }
    }
    for (const job of this.jobs) {
      // Event code splits with a split threshold of its event space (the same N), over its chunks.
      const input = job.ranged.eventInput;
      if (input === undefined) continue;
      const space = this.spaces.get(input);
      job.parallel = space !== undefined && space.N === job.ranged.N && this.jobs.some((j) => j.parallel && j.ranged.eventSpace === input);
      if (!job.parallel) continue;
      job.lo = space!.lo;
      job.hi = space!.hi;
      job.segs = space!.segs;
    }
    this.candidates = undefined;
    this.lastWindowNs = Infinity;
    this.windows = 0;
    this.gap = 0;
    if (this.auto && (pool === undefined || pool.workers.length < T - 1 || pool.broken)) {
      // Worth starting workers (and partitioning the split pathways' queues)? The estimate counts
      // the ranges' work only (a pathway's events are not known before the run): where it does
      // not pay, the run measures (see measure).
      let synapses = 0;
      for (const job of this.jobs) if (job.parallel && job.events !== undefined) synapses += job.ranged.maxEvents;
      this.partitionMs = (synapses * PARTITION_NS_PER_SYNAPSE) / 1e6;
      if (!autoStartsWorkers(steps, work, T, OWN_URL.endsWith('.ts'), workerStartMs(), this.partitionMs)) {
        const candidates = Uint8Array.from(this.jobs, (job) => (job.parallel ? 1 : 0));
        for (const job of this.jobs) job.parallel = false;
        if (candidates.includes(1) && steps >= MEASURE_MIN_STEPS) this.candidates = candidates;
      }
    }
    this.launch(true);
  }

  /**
   * Hands the jobs that run split to the workers (none: the run stays on one thread). `atStart`:
   * before the run's first step (not a mid-run start under 'auto'): new workers' start is then
   * used to warm this thread's per-batch code (see {@link warmMain}).
   */
  private launch(atStart: boolean): void {
    const T = this.threads;
    const steps = this.steps;
    const jobs = this.jobs.filter((j) => j.parallel);
    if (chunkPathways()) this.chunkPathways(jobs);
    lastInfo = {
      threads: jobs.length === 0 ? 1 : T,
      split: jobs.map((j) => j.code.name),
      chunked: jobs.filter((j) => j.lo.length > T).map((j) => j.code.name),
      unsplit: this.jobs.filter((j) => !j.parallel).map((j) => j.code.name),
      work: Object.fromEntries(this.jobs.map((j) => [j.code.name, Math.round(j.ranged.N * j.ranged.costNs)])),
    };
    if (jobs.length === 0) return;
    if (this.solo) {
      // Its control words only: no workers. As if a worker slept (runPending then wakes it: that
      // path's feedback too; a notify without waiters only returns).
      this.pool = new Pool();
      Atomics.store(this.pool.ctrl, SLEEPERS, 1);
    } else {
      if (pool !== undefined && pool.broken) shutdownThreads();
      pool ??= new Pool();
      pool.grow(T - 1, atStart && mainWarmup !== undefined && mainWarmSteps() > 0 ? (booting) => this.warmMain(booting) : undefined);
      this.pool = pool;
    }
    const own = this.pool;
    this.perMs = pollsPerMs();
    const ctrl = own.ctrl;
    Atomics.store(ctrl, ERR, 0);
    Atomics.store(ctrl, ERR_LENGTH, 0);
    Atomics.store(ctrl, DONE, 0);
    const ready = new Int32Array(new SharedArrayBuffer(4 * (T - 1)));
    this.ready = ready;
    for (const job of jobs) {
      if (job.events === undefined) continue;
      const P = job.lo.length;
      const bounds = new Int32Array(P + 1);
      bounds.set(job.lo);
      bounds[P] = job.hi[P - 1]!;
      // Homogeneous delays: pushes record the spiking sources only, and each thread delivers
      // its part's synapses of each from the part's CSR (no list of synapses is copied).
      job.events.partition(job.ranged.key?.array, bounds, true);
      job.spans = job.events.spans;
    }
    lastInfo = { ...lastInfo, sourceLists: jobs.filter((j) => j.spans !== undefined).map((j) => j.code.name) };
    const compiled = new Map<string, CompiledJob>();
    const reused: string[] = [];
    for (const job of jobs) {
      const { ranged } = job;
      const key = `${T} ${ranged.N}\n${ranged.source}`;
      const before = ranged.bind === undefined || this.solo ? undefined : lastCompiled.get(key);
      const sent = captureKey(job.caps);
      if (before !== undefined && sent !== '' && before.sent === sent && sameElements(before.captures, ranged.captures)) {
        reused.push(job.code.name);
        // The previous run's code of the same network (the same source, range and arrays): its
        // functions, already optimized, on this thread and — the same texts — on the workers.
        job.sources = before.sources;
        job.run0 = before.run0;
      } else {
        // Each thread compiles its own function, with its range's bounds as literals (see
        // RangedCode.bind; printed from the syntax tree, integers added), or shares the ranged one.
        job.sources = Array.from({ length: T }, () => (ranged.bind === undefined ? ranged.source : ranged.bind()));
        // eslint-disable-next-line @typescript-eslint/no-implied-eval
        job.run0 = ranged.bind === undefined ? ranged.run : (new Function('$cap', job.sources[0]!) as (caps: readonly unknown[]) => RangedCode['run'])(ranged.captures);
        // The main thread's range: feedback for the code around its loop first.
        warmRanged(job.run0, job.lo[0]!, 0);
      }
      if (ranged.bind !== undefined) compiled.set(key, { captures: ranged.captures, sent, sources: job.sources, run0: job.run0 });
    }
    // Only the last run's: a network's arrays are not kept alive by later networks' runs.
    if (!this.solo) lastCompiled = compiled;
    lastInfo = { ...lastInfo, reused };
    const J = this.jobs.length;
    this.batch = new Int32Array(new SharedArrayBuffer(4 * J));
    this.chunks = new Int32Array(new SharedArrayBuffer(4 * J));
    this.jobs.forEach((job, j) => (this.chunks[j] = job.lo.length));
    this.claims = new Int32Array(new SharedArrayBuffer(4 * CLAIM_STRIDE * T));
    this.owners = new Int32Array(J);
    this.pending = 0;
    this.unmergedJobs = new Int32Array(J);
    this.unmerged = 0;
    this.clash = new Uint8Array(J * J);
    this.apart = new Uint8Array(J * J);
    for (let i = 0; i < J; i++) {
      for (let j = 0; j < J; j++) {
        const a = this.jobs[i]!;
        const b = this.jobs[j]!;
        this.apart[i * J + j] = i !== j && disjoint(a.access, b.access) && disjoint(b.access, a.access) ? 1 : 0;
        // Same ranges are implied by the same index space; a job never shares a batch with itself.
        this.clash[i * J + j] = i === j || !independent(a.access, b.access) || !independent(b.access, a.access) ? 1 : 0;
        // Event code may join its threshold's batch (after it: not the other way round) when
        // nothing else clashes: each range then visits the events its own range found.
        const input = a.ranged.eventInput;
        if (i !== j && input !== undefined && b.ranged.eventSpace === input && independent(a.access, b.access, input) && independent(b.access, a.access, input)) this.clash[i * J + j] = 0;
      }
    }
    // Jobs that stay serial are never dispatched: sent as an empty function.
    const planJobs = (slot: number): PlanJob[] =>
      this.jobs.map((j) => planJob(j.parallel ? j.sources[slot]! : "'use strict';\nreturn function unused() {};", j.parallel ? (j.caps as PlanJob['caps']) : [], j.lo, j.hi, j.segs, j.events !== undefined, j.parallel ? j.spans : undefined));
    this.prof = profilingThreads() ? new Float64Array(new SharedArrayBuffer(8 * PROF_STRIDE * T * this.jobs.length)) : undefined;
    lastProfile = undefined;
    lastStepProfile = undefined;
    this.stepRec = this.prof === undefined ? undefined : new Float64Array(STEP_FIELDS * Math.min(steps + 1, 1 << 22));
    this.stepCount = 0;
    const prof = this.prof ?? null;
    this.started = true;
    if (!this.solo) {
      for (let w = 0; w < T - 1; w++) {
        const plan: Plan = planMessage(ctrl, ready, own.errText, w + 1, T - 1, T, prof, this.spinMs, planJobs(w + 1), this.batch, this.chunks, this.claims);
        own.workers[w]!.post(plan);
      }
      warmAwaitDone();
      this.awaitReady();
    }
    this.stepStart = performance.now();
  }

  /**
   * While new workers start (Pool.grow; 150–500 ms): runs the registered warm-up (see
   * setMainThreadWarmup; warmup/thread-warmup.ts runs a small network of its own in a solo session), so
   * that this thread's per-batch code — the step loop, the session's before/submit/runPending/
   * endStep, runShare, deliverPart, the objects' and queues' per-step methods — is optimized by
   * TurboFan, with the type feedback of real objects, before the run's first step instead of
   * inside it (session 16). It stops when the workers have started (`booting()` false; checked
   * every few steps), so the run's start is not delayed by more than a few steps. What a run
   * reports (lastThreadRun) and reuses (lastCompiled) is this run's.
   */
  private warmMain(booting: () => boolean): void {
    const info = lastInfo;
    const compiled = lastCompiled;
    try {
      // awaitDone's both paths first: runPending inlines it, and is optimized during the warm-up.
      warmAwaitDone();
      if (booting()) mainWarmup!(mainWarmSteps(), booting);
    } finally {
      lastInfo = info;
      lastCompiled = compiled;
      soloNext = false;
    }
  }

  /**
   * The run's scheduled objects in step order (after {@link start}): decides, for each, whether
   * it may run while split code of earlier objects is pending — it declares its work
   * ({@link ThreadWork}), runs only code objects this run split, and its own main-thread work
   * touches no array a pending job writes (or writes one it touches; checked per step).
   */
  schedule(objects: readonly ThreadScheduled[], clocks: readonly { readonly variables: { readonly t: { readonly array: object }; readonly t_in_timesteps: { readonly array: object } } }[] = []): void {
    const J = this.jobs.length;
    this.mayDefer = new Uint8Array(objects.length);
    this.objectClash = new Uint8Array(objects.length * J);
    // Objects that do not declare their work may read anything: events merged before them.
    this.readsEvents = new Uint8Array(objects.length).fill(1);
    const spaces = new Set<object>();
    for (const job of this.jobs) if (job.ranged.eventSpace !== undefined) spaces.add(job.ranged.eventSpace);
    // A job reading a clock's time cannot run after the clock ticked (see endStep).
    const time = new Set<object>(clocks.flatMap((c) => [c.variables.t.array, c.variables.t_in_timesteps.array]));
    const fuse = fuseSteps();
    this.stepBound = Uint8Array.from(this.jobs, (job) => (!fuse || [...job.access.keys()].some((a) => time.has(a)) ? 1 : 0));
    if (!FUSE || !this.started) return;
    objects.forEach((obj, k) => {
      const work = obj.threadWork();
      if (work === undefined || !work.code.every((c) => c === undefined || this.wrappers.has(c))) return;
      this.mayDefer[k] = 1;
      // Its code objects merge what they need themselves (see serialRun); its own work, if it says so.
      this.readsEvents[k] = work.reads.some((a) => spaces.has(a)) || work.writes.some((a) => spaces.has(a)) ? 1 : 0;
      this.jobs.forEach((job, j) => {
        const touched = (a: object): boolean => job.access.has(a);
        const written = (a: object): boolean => job.access.get(a)?.write === true;
        if (work.reads.some(written) || work.writes.some(touched)) this.objectClash[k * J + j] = 1;
      });
      // Its own jobs of the step before (pending across endStep) run first: a pathway's push
      // writes the queue lists that its pending delivery reads.
      for (const c of work.code) {
        const j = c === undefined ? undefined : this.wrappers.get(c);
        if (j !== undefined) this.objectClash[k * J + j] = 1;
      }
    });
  }

  /** Before the `k`-th scheduled object runs (see {@link schedule}): completes pending jobs it depends on. */
  before(k: number): void {
    this.object = k;
    this.completeBefore(k);
    // A solo session skips the merge in every other four batches, so that events stay unmerged
    // into the next batch as in a run where nothing reads them (runPending then drops them: that
    // path's type feedback; see warmMain). Its objects then read older events: its results are not used.
    if (this.unmerged > 0 && this.readsEvents[k] === 1 && !(this.solo && (this.barriers & 4) !== 0)) this.mergeEvents();
  }

  /** Runs the pending jobs unless object `k` may run while they are pending (see {@link before}). */
  private completeBefore(k: number): void {
    const n = this.pending;
    if (n === 0) return;
    if (this.mayDefer[k] !== 1) {
      this.runPending();
      return;
    }
    const J = this.jobs.length;
    const batch = this.batch;
    for (let p = 0; p < n; p++) {
      if (this.objectClash[k * J + batch[p]!] === 1) {
        this.runPending();
        return;
      }
    }
  }

  /** Waits until every worker is in its job loop (after a plan or a resume). */
  private awaitReady(): void {
    const ready = this.ready!;
    const deadline = performance.now() + BOOT_TIMEOUT_MS;
    for (let w = 0; w < ready.length; w++) {
      // A wait can return while the worker's word is still 0 (seen with 3 and 4 threads on 2
      // cores in the thread-identity test): wait again until it is set or the time is up.
      let state = Atomics.load(ready, w);
      for (let left = BOOT_TIMEOUT_MS; state === 0 && left > 0; left = deadline - performance.now()) {
        Atomics.wait(ready, w, 0, left);
        state = Atomics.load(ready, w);
      }
      if (state !== 1) {
        const message = this.pool!.takeError();
        this.end();
        this.pool!.broken = true;
        throw new ThreadError(`A worker thread could not prepare the run's code: ${message}.`);
      }
    }
  }

  /**
   * Hands workers the pathway part lists they do not have yet (first use, or grown): they leave
   * their job loop (PAUSE), take the list from a message in their event loop and come back. Only
   * during a run's first steps, while the lists grow. Pending jobs are not affected (not published).
   */
  private resume(updates: { j: number; pos: number; buf: Int32Array }[][]): void {
    if (this.solo) return; // no workers to hand the lists to
    const ctrl = this.pool!.ctrl;
    const ready = this.ready!;
    for (let w = 0; w < ready.length; w++) {
      Atomics.store(ready, w, 0);
      const message: Resume = { type: 'resume', updates: updates[w]! };
      this.pool!.workers[w]!.post(message);
    }
    publish(ctrl, PAUSE);
    if (Atomics.load(ctrl, SLEEPERS) !== 0) Atomics.notify(ctrl, GEN);
    this.awaitReady();
  }

  /**
   * Pathways whose deliveries may share a batch with dynamically chunked split code of the same
   * index space (COBAHH: ge/gi at the postsynaptic index, the state update next step, see
   * {@link endStep}) take its chunks as their parts (T × CHUNKS_PER_THREAD, see
   * SpikeQueue.partition): chunk c of the batch is then "deliver part c, update chunk c", and the
   * batch stays dynamic (runShare runs a batch static unless every job has those chunks) — session
   * 11 measured the static fused batch no faster, a late worker holding the whole step. Whoever
   * claims chunk c runs both: part c's deliveries touch only chunk c's elements, in the serial
   * order, before chunk c's update reads them (the same bits).
   */
  private chunkPathways(jobs: readonly Job[]): void {
    const T = this.threads;
    const C = T * CHUNKS_PER_THREAD;
    if (C > MAX_PARTS) return;
    for (const job of jobs) {
      if (job.events === undefined || job.lo.length !== T) continue;
      const partner = jobs.find((o) => o.events === undefined && o.lo.length === C && o.ranged.N === job.ranged.N && independent(job.access, o.access) && independent(o.access, job.access));
      if (partner === undefined) continue;
      job.lo = partner.lo;
      job.hi = partner.hi;
      // [ring position, each part's own list's count, the step's source count]
      job.segs = new Int32Array(new SharedArrayBuffer(4 * (C + 2)));
    }
  }

  /**
   * One execution of a split job: prepared now (a pathway's lists of this step), run with the
   * pending jobs it does not depend on at the next {@link flush} — or now, alone or serially,
   * where it must.
   */
  private submit(job: Job, index: number): void {
    const { ranged, segs, lo, events } = job;
    // Storage replaced during the run (a network operation connecting synapses): the workers'
    // arrays are stale, so this execution runs unsplit.
    for (let k = 0; k < job.arrays.length; k++) {
      if (ranged.dynamic[k]!.array !== job.arrays[k]) {
        this.flush();
        job.code.run();
        return;
      }
    }
    if (events !== undefined) {
      // Merged back mid-run (a network operation stored the state): the serial code delivers all.
      if (!events.partitioned) {
        this.flush();
        job.code.run();
        return;
      }
      // Under 'auto', a step with few events is not worth a barrier: this thread delivers every
      // part in turn (each key's events in the serial order: the same bits), no list copied. Into
      // arrays other split code writes, each event may cost a cross-core line transfer (≈ 60 ns):
      // only a handful then (see COUPLED_SERIAL_EVENTS).
      if (this.auto && (job.coupled ? events.peekCount() <= COUPLED_SERIAL_EVENTS : events.peekCount() * ranged.costNs < AUTO_MIN_WORK)) {
        this.serialRun(index);
        events.completePush?.();
        for (let t = 0; t < lo.length; t++) {
          const n = events.partEvents(t);
          if (n > 0) ranged.run(lo[t]!, job.hi[t]!, t, segs, events.partBuffer(t), 0, n);
        }
        const counter = ranged.counter;
        if (counter !== undefined) counter[0] = counter[0]! + 1;
        return;
      }
      this.preparePathway(job, index, events);
    }
    const J = this.jobs.length;
    const batch = this.batch;
    for (let p = 0; p < this.pending; p++) {
      if (this.clash[index * J + batch[p]!] === 1) {
        this.runPending();
        break;
      }
    }
    // Event code runs split only after its threshold's split execution in the same batch (see
    // RangedCode.eventInput); otherwise its serial code visits the merged events.
    const input = ranged.eventInput;
    if (input !== undefined) {
      let found = false;
      for (let p = 0; p < this.pending; p++) if (this.jobs[batch[p]!]!.ranged.eventSpace === input) found = true;
      if (!found) {
        this.serialRun(index);
        job.code.run();
        return;
      }
    }
    this.owners[this.pending] = this.object;
    batch[this.pending++] = index;
    // Pending past the object's run() only when the object declared all it does (see schedule);
    // otherwise (or outside the step loop) it runs now, with the jobs pending before it.
    if (this.object < 0 || this.mayDefer[this.object] !== 1) this.flush();
  }

  /**
   * A split pathway's execution of this step: the ring position, each part's event count and list
   * and the source list in `segs` and the job, and the lists a worker does not have yet (first
   * use, or grown) sent to it — every part's: in a dynamic batch any thread may deliver any part
   * (see runPrefix in thread-worker.ts).
   */
  private preparePathway(job: Job, index: number, events: PartitionedEvents): void {
    const { segs, lo, evps } = job;
    const nw = this.threads - 1;
    const C = lo.length;
    const pos = events.position;
    segs[0] = pos;
    for (let c = 0; c < C; c++) {
      segs[1 + c] = events.partEvents(c);
      evps[c] = events.partBuffer(c);
    }
    let updates: ListUpdate[][] | undefined;
    const m = job.spans === undefined ? 0 : events.spanCount!();
    segs[segs.length - 1] = m;
    const sources = m > 0 ? events.spanSources!(pos) : undefined;
    job.sources0 = sources;
    for (let t = 1; t <= nw; t++) {
      const sent = job.sent[t - 1]!;
      for (let c = 0; c < C; c++) {
        const buf = evps[c]!;
        const slot = partSlot(pos, c, C);
        if (segs[1 + c]! > 0 && sent[slot] !== buf) {
          sent[slot] = buf;
          updates ??= updateLists(nw);
          updates[t - 1]!.push({ j: index, pos: slot, buf });
        }
      }
      const sentSources = job.sentSources[t - 1]!;
      if (sources !== undefined && sentSources[pos] !== sources) {
        sentSources[pos] = sources;
        updates ??= updateLists(nw);
        updates[t - 1]!.push({ j: index, pos, buf: sources, src: true });
      }
    }
    if (updates !== undefined) this.resume(updates);
  }

  /**
   * Before job `index` runs serially on this thread (not split, or its event code's threshold not
   * pending): completes the pending jobs unless none touches an array that one of the two writes
   * — then the serial run may come first (e.g. a serial reset of `v` while deliveries onto `ge`
   * wait for the next step's batch; see {@link endStep}).
   */
  private completeFor(index: number): void {
    const n = this.pending;
    const J = this.jobs.length;
    const batch = this.batch;
    for (let p = 0; p < n; p++) {
      if (this.apart[index * J + batch[p]!] !== 1) {
        this.runPending();
        return;
      }
    }
  }

  /**
   * Before job `index` runs on this thread alone (its serial code, or its parts in turn): the
   * pending jobs it depends on complete (see {@link completeFor}), and the split thresholds' events
   * are merged (serial code reads an event space as a whole).
   */
  private serialRun(index: number): void {
    this.completeFor(index);
    if (this.unmerged > 0) this.mergeEvents();
  }

  /**
   * The end of a step (before the clocks tick). Pending jobs stay pending into the next step's
   * batch unless one reads a clock's time: every later object completes what it depends on (see
   * {@link before}, {@link submit}; its own job of this step included), and the network completes
   * them before a report, and at the run's end. So a pathway's deliveries of step n run with the
   * state update of step n + 1 in one batch, each thread delivering into its own range and then
   * updating it: the serial order per element (COBAHH: one barrier per step instead of two).
   */
  endStep(): void {
    this.object = -1;
    const n = this.pending;
    const batch = this.batch;
    for (let p = 0; p < n; p++) {
      // A solo session (see warmMain) also completes them in every other eight batches: as in a
      // run whose pending batch holds a threshold (HH 4000's), for that path's type feedback.
      if (this.stepBound[batch[p]!] === 1 || (this.solo && (this.barriers & 8) !== 0)) {
        this.runPending();
        break;
      }
    }
    if (this.stepRec !== undefined) this.recordStep(this.stepRec);
  }

  /** Profiling: this step's wall time, main-thread chunk time, sleeps and missed joins (see ThreadStepProfile). */
  private recordStep(rec: Float64Array): void {
    const now = performance.now();
    const prof = this.prof!;
    const T = this.threads;
    let slept = 0;
    let missed = 0;
    for (let j = 0; j < this.jobs.length; j++) {
      const o = j * T * PROF_STRIDE;
      missed += prof[o + 4]!;
      for (let t = 1; t < T; t++) slept += prof[o + t * PROF_STRIDE + 4]!;
    }
    const o = STEP_FIELDS * this.stepCount;
    if (o + STEP_FIELDS <= rec.length) {
      rec[o] = now - this.stepStart;
      rec[o + 1] = this.stepBusy;
      rec[o + 2] = slept - this.stepSlept;
      rec[o + 3] = missed - this.stepMissed;
      rec[o + 4] = this.stepChunks;
      this.stepCount++;
    }
    this.stepStart = now;
    this.stepBusy = 0;
    this.stepChunks = 0;
    this.stepSlept = slept;
    this.stepMissed = missed;
  }

  /**
   * Completes every pending job and merges every split threshold's events: for code outside the
   * schedule (a report callback, the run's end) and objects that do not declare their work.
   */
  flush(): void {
    this.runPending();
    if (this.unmerged > 0) this.mergeEvents();
  }

  /**
   * Runs the pending jobs: every thread does its range of each in turn, then one barrier — the
   * jobs of a batch touch no element another thread handles (see {@link independent}), so no
   * barrier is needed between them. Called before anything that may depend on them runs (the
   * network calls {@link before} for each object and {@link endStep} at the end of each step).
   */
  private runPending(): void {
    const n = this.pending;
    if (n === 0) return;
    this.pending = 0;
    const batch = this.batch;
    const jobs = this.jobs;
    const ctrl = this.pool!.ctrl;
    const prof = this.prof;
    const T = this.threads;
    const nw = T - 1;
    const first = batch[0]!;
    const last = batch[n - 1]!;
    if (prof !== undefined) prof[first * T * PROF_STRIDE + 3] = performance.timeOrigin + performance.now();
    // A threshold of this batch rewrites its event space: its events not merged so far were read by no one.
    if (this.unmerged > 0) for (let k = 0; k < n; k++) this.dropUnmerged(jobs[batch[k]!]!.ranged.eventSpace);
    Atomics.store(ctrl, DONE, 0);
    for (let t = 0; t < T; t++) {
      Atomics.store(this.claims, t * CLAIM_STRIDE, 0);
      Atomics.store(this.claims, t * CLAIM_STRIDE + 1, 0); // see runPrefix
    }
    if (prof !== undefined) for (let t = 1; t < T; t++) prof[last * T * PROF_STRIDE + t * PROF_STRIDE + 2] = -1; // no end time unless it joins
    publish(ctrl, n);
    if (Atomics.load(ctrl, SLEEPERS) !== 0) Atomics.notify(ctrl, GEN);
    this.barriers++;
    let p1 = 0;
    // The workers to wait for: all, unless every chunk was claimed here (see joinTag); none in a solo session.
    let expect = this.solo ? 0 : nw;
    try {
      ParallelSession.current = this;
      if (runShare(0, T, n, batch, this.chunks, this.claims, ParallelSession.runCurrentChunk)) {
        for (let w = Atomics.load(ctrl, JOIN); ; ) {
          const seen = Atomics.compareExchange(ctrl, JOIN, w, w | JOIN_CLOSED);
          if (seen === w) {
            expect = w & (JOIN_CLOSED - 1);
            break;
          }
          w = seen;
        }
        if (this.chunks[first] === T) this.prefixed++;
        if (prof !== undefined) prof[first * T * PROF_STRIDE + 4] = prof[first * T * PROF_STRIDE + 4]! + nw - expect;
      }
      if (prof !== undefined) for (let k = 0; k < n; k++) prof[batch[k]! * T * PROF_STRIDE + 2] = prof[batch[k]! * T * PROF_STRIDE + 2]! + 1;
    } catch (e) {
      this.failed = this.owners[Math.max(0, batch.subarray(0, n).indexOf(this.running))];
      throw e;
    } finally {
      if (prof !== undefined) p1 = performance.now();
      // Polls counted, not timed (see pollsPerMs).
      const perMs = this.perMs;
      const limit = spinLimit(this.waitShare, this.spinMs, this.waits++);
      const spins = awaitDone(ctrl, expect, Math.floor(limit * perMs));
      // A solo session never waits: it counts 12 of every 16 waits as slept, so that the polling
      // policy's long-wait paths run too (their type feedback; see warmMain).
      this.waitShare = longWaitShare(this.waitShare, spins < 0 || (this.solo && (this.barriers & 15) < 12), limit, this.spinMs);
    }
    if (prof !== undefined) {
      // The batch's wait and the workers' tails are counted on its last job.
      const p2 = performance.now();
      const o = last * T * PROF_STRIDE;
      prof[o + 1] = prof[o + 1]! + p2 - p1;
      const end = performance.timeOrigin + p2;
      for (let t = 1; t < T; t++) {
        const stop = prof[o + t * PROF_STRIDE + 2]!;
        if (stop >= 0) prof[o + t * PROF_STRIDE + 3] = prof[o + t * PROF_STRIDE + 3]! + end - stop;
      }
    }
    if (Atomics.load(ctrl, ERR) !== 0) {
      const worker = Atomics.load(ctrl, ERR);
      const j = batch.indexOf(Atomics.load(ctrl, ERR_JOB));
      const failed = jobs[batch[Math.max(0, j)]!]!.code.name;
      this.failed = this.owners[Math.max(0, j)];
      Atomics.store(ctrl, ERR, 0);
      throw new ThreadError(`Worker thread ${worker} failed running '${failed}': ${this.pool!.takeError()}`, failed);
    }
    for (let k = 0; k < n; k++) {
      const ranged = jobs[batch[k]!]!.ranged;
      // A threshold's events are merged when something reads them as a whole (see mergeEvents).
      if (ranged.eventSpace !== undefined) this.unmergedJobs[this.unmerged++] = batch[k]!;
      const counter = ranged.counter;
      if (counter !== undefined) counter[0] = counter[0]! + 1;
    }
  }

  /** Forgets the unmerged events of `space` (a threshold rewrites it). */
  private dropUnmerged(space: Int32Array | undefined): void {
    if (space === undefined) return;
    let kept = 0;
    for (let u = 0; u < this.unmerged; u++) {
      const j = this.unmergedJobs[u]!;
      if (this.jobs[j]!.ranged.eventSpace !== space) this.unmergedJobs[kept++] = j;
    }
    this.unmerged = kept;
  }

  /**
   * Merges the events of the split thresholds that ran since the last merge, each chunk's in
   * index order: chunk t's events sit at [lo[t], lo[t] + segs[t]) (where its range of the
   * threshold left them; event code of the threshold's batch reads them there). Deferred until
   * something reads the event space as a whole — serial code, an object's own work, code outside
   * the step loop — and skipped when nothing does before the threshold runs again (LIF 10⁵ on 2
   * threads: the merge read the worker's event lines on the main thread after every barrier, ≈ 2 µs
   * of a ≈ 24 µs step; session 12).
   */
  private mergeEvents(): void {
    for (let u = 0; u < this.unmerged; u++) {
      const { ranged, segs, lo } = this.jobs[this.unmergedJobs[u]!]!;
      const ev = ranged.eventSpace!;
      let c = segs[0]!;
      for (let t = 1; t < lo.length; t++) {
        const m = segs[t]!;
        const from = lo[t]!;
        if (m > 0 && c !== from) ev.copyWithin(c, from, from + m);
        c += m;
      }
      ev[ranged.N] = c;
      this.merges++;
    }
    this.unmerged = 0;
  }

  /** The session whose batch the main thread runs now (set by runPending; runs do not nest). */
  private static current: ParallelSession | undefined;
  /**
   * The main thread's chunk runner for runShare: one function for every session (session 15). A
   * closure per session made runPending's and runShare's optimized code — which inline it — deoptimize
   * ("wrong call target") in every later 2-thread run of a process, and compile again inside it.
   */
  private static readonly runCurrentChunk = (j: number, c: number): boolean => ParallelSession.current!.runChunk(j, c);

  /** Runs chunk c of job j on the main thread (see runShare). */
  private runChunk(j: number, c: number): boolean {
    const job = this.jobs[j]!;
    const prof = this.prof;
    this.running = j;
    const b0 = prof === undefined ? 0 : performance.now();
    if (job.events !== undefined) deliverPart(job.run0, job.lo[c]!, job.hi[c]!, c, job.segs, job.evps[c], job.spans, job.sources0);
    else job.run0(job.lo[c]!, job.hi[c]!, c, job.segs);
    if (prof !== undefined) {
      const o = j * this.threads * PROF_STRIDE;
      const b = performance.now() - b0;
      prof[o] = prof[o]! + b;
      this.stepBusy += b;
      this.stepChunks++;
    }
    return true;
  }

  /** The index (in {@link schedule}'s list) of the object whose split code failed in the last batch, if one did (read once). */
  failedObject(): number | undefined {
    const k = this.failed;
    this.failed = undefined;
    return k !== undefined && k >= 0 ? k : undefined;
  }

  /** Ends the run's use of the workers (they return to their event loop); call in a `finally`. */
  end(): void {
    setParallelHook(undefined);
    // Not kept alive by the chunk runner after its run (see runCurrentChunk).
    if (ParallelSession.current === this) ParallelSession.current = undefined;
    this.timing = false;
    this.candidates = undefined;
    // Pending jobs of a run that failed are dropped (the network reports the failure), and
    // unmerged events (a run that ended normally merged them in its last flush).
    this.pending = 0;
    this.unmerged = 0;
    for (const job of this.jobs) if (job.events?.partitioned === true) job.events.unpartition();
    if (!this.started) return;
    this.started = false;
    lastInfo = { ...lastInfo, barriers: this.barriers, steps: this.steps, merges: this.merges, prefixed: this.prefixed };
    const prof = this.prof;
    if (prof !== undefined) {
      const T = this.threads;
      lastProfile = this.jobs.flatMap((job, j) => {
        const o = j * T * PROF_STRIDE;
        const n = prof[o + 2]!;
        if (n === 0) return [];
        const us = (x: number): number => (1e3 * x) / n;
        return [{
          name: job.code.name,
          executions: n,
          mainBusyUs: us(prof[o]!),
          mainWaitUs: us(prof[o + 1]!),
          missedShare: prof[o + 4]! / (n * (T - 1)),
          workers: Array.from({ length: T - 1 }, (_, w) => {
            const q = o + (w + 1) * PROF_STRIDE;
            const slept = prof[q + 4]!;
            return { startLatencyUs: us(prof[q]!), busyUs: us(prof[q + 1]!), tailUs: us(prof[q + 3]!), sleptShare: slept / n, pollingLatencyUs: n > slept ? (1e3 * (prof[q]! - prof[q + 5]!)) / (n - slept) : 0 };
          }),
        }];
      });
    }
    if (this.stepRec !== undefined && this.stepCount > 0) lastStepProfile = stepProfile(this.stepRec, this.stepCount);
    const ctrl = this.pool!.ctrl;
    publish(ctrl, END);
    Atomics.notify(ctrl, GEN);
  }
}

/** Per step recorded when profiling: wall ms, the main thread's chunks' ms, sleeps, missed joins, the main thread's chunks. */
const STEP_FIELDS = 5;

/** Summarises `n` steps recorded by ParallelSession.recordStep (profiling only: allocates). */
function stepProfile(rec: Float64Array, n: number): ThreadStepProfile {
  const F = STEP_FIELDS;
  const wall = Float64Array.from({ length: n }, (_, k) => rec[F * k]!);
  // The main thread's time per chunk it ran (it runs more chunks when a worker is late).
  const busy = Float64Array.from({ length: n }, (_, k) => rec[F * k + 1]! / Math.max(1, rec[F * k + 4]!));
  const sorted = wall.slice().sort();
  const q = (x: number): number => 1e3 * sorted[Math.min(n - 1, Math.floor(x * n))]!;
  const median = sorted[n >> 1]!;
  const busyMedian = busy.slice().sort()[n >> 1]!;
  let slow = 0;
  let excess = 0;
  let slept = 0;
  let missed = 0;
  let main = 0;
  let sum = 0;
  for (let k = 0; k < n; k++) {
    sum += wall[k]!;
    if (wall[k]! <= 2 * median) continue;
    slow++;
    excess += wall[k]! - median;
    if (rec[F * k + 2]! > 0) slept++;
    if (rec[F * k + 3]! > 0) missed++;
    if (busy[k]! > 2 * busyMedian) main++;
  }
  const share = (x: number): number => (slow === 0 ? 0 : x / slow);
  return { steps: n, meanUs: (1e3 * sum) / n, p50Us: 1e3 * median, p90Us: q(0.9), p99Us: q(0.99), maxUs: 1e3 * sorted[n - 1]!, slowShare: slow / n, slowExcessUs: (1e3 * excess) / n, slowSleptShare: share(slept), slowMissedShare: share(missed), slowMainShare: share(main) };
}
