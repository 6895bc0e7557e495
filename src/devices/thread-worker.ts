/**
 * The worker side of multi-threaded runs (devices/threads.ts), the same code for Node's
 * `worker_threads` and the browser's Web Workers: it receives a run's plan (the ranged sources,
 * printed from the syntax tree only, with their captures), compiles each distinct source once, and
 * runs the jobs the main thread publishes in shared control words until the run ends.
 *
 * Messages (main → worker): `plan` (a run starts), `resume` (after a pause: lists of pathway parts
 * this worker did not have, then back to the job loop). A worker leaves its job loop when the job
 * word is END (the run ended; it idles in its event loop) or PAUSE (a `resume` message follows).
 * Errors go back through shared memory (no message port is read while the main thread waits).
 */
import { workerHelpers } from '../codegen/index.ts';
import { envVar } from '../util/index.ts';
import type { SourceSpans } from '../codegen/index.ts';

// Control words (Int32Array over a SharedArrayBuffer), shared with devices/threads.ts. The words
// the main thread writes and the workers poll (GEN, JOB) and the one the workers write and the
// main thread polls (DONE) sit on different 64-byte cache lines, so a poll does not pull the line
// another core is writing.
export const GEN = 0; // bumped by the main thread for each batch of jobs (workers wait on it)
export const JOB = 1; // the number of jobs in the batch (listed in the plan's `batch`); END or PAUSE leave the workers' loop
export const JOIN = 2; // the workers taking part in the current batch, and whether it is closed (see joinTag)
export const ERR = 3; // the first worker (slot) that caught an error, 0 if none
export const SLEEPERS = 4; // workers waiting in Atomics.wait on GEN
export const ERR_LENGTH = 6; // bytes of the error text
export const ERR_JOB = 7; // the job whose range threw
export const DONE = 16; // workers that finished the current batch
export const MAIN_WAITING = 17; // the main thread waits in Atomics.wait on DONE
export const CONTROL_WORDS = 32;
export const END = -1;
export const PAUSE = -2;
/**
 * The JOIN word of a batch: its generation (GEN's low 16 bits), a closed flag (JOIN_CLOSED) and
 * the number of workers that joined it (15 bits). A worker runs a batch only after joining it
 * (compare-and-swap on the open word of the generation it saw), so the main thread, once it has
 * claimed every chunk of a dynamic batch, closes it and waits for the workers that joined only: a
 * worker still asleep (woken by Atomics.notify 60–150 µs later, measured in session 10) no longer
 * holds the step up; it finds the batch closed and polls for the next one.
 */
export function joinTag(gen: number): number {
  return (gen & 0xffff) << 16;
}
export const JOIN_CLOSED = 0x8000;

/** Bytes for an error message written by a worker. */
export const ERROR_TEXT_BYTES = 4096;
/** Chunks per thread of a job whose work is split dynamically (see {@link runShare}). */
export const CHUNKS_PER_THREAD = 4;
/** Int32 words between two threads' chunk counters (own cache lines). */
export const CLAIM_STRIDE = 16;
/**
 * Doubles per job and thread in the profile array (`BRIAN_TS_THREAD_PROFILE=1`): 64 bytes, so a
 * thread's profile counters do not share a cache line with another thread's (they are written
 * after every chunk). Thread 0 (main): own range µs, wait µs, executions, publication time.
 * Workers: start latency µs, busy µs, end time, tail µs, executions that found it asleep (woken
 * by Atomics.notify), and their start latency µs.
 */
export const PROF_STRIDE = 8;
/** The shortest polling before sleeping, in ms (see SPIN_MS in threads.ts). */
export const SPIN_MIN_MS = 0.03;

/**
 * The polling policy of a waiting thread (a worker between batches, the main thread for DONE),
 * session 11. It polls up to `cap` ms (SPIN_MS) before sleeping, unless most recent waits were
 * longer than `cap` (the other side does long serial work every step, and a sleep's wake-up is
 * small beside it); then it polls SPIN_MIN_MS only, except every 8th wait, which polls up to `cap`
 * again to see whether the waits are still long (only waits polled up to `cap` tell: see
 * {@link longWaitShare}). `share` is the recent share of long waits, `waits` counts the waits.
 * Long means longer than `cap`, not than a fraction of it: a thread that sleeps makes the other
 * thread's next wait longer by its wake-up (60–150 µs, up to ≈ 0.3 ms measured on a loaded host),
 * and with a shorter bound two threads kept each other sleeping (a 2-thread run with 0.05 ms of
 * serial work per step did, in a first version). Before, the limit was halved after every wait that slept: a few slow steps in a row
 * (a descheduled main thread) took it down to SPIN_MIN_MS, below LIF 10⁵'s step, and the worker
 * then slept between most steps (10–26 % of LIF 10⁵'s steps in a noisy sitting, a 60–150 µs
 * wake-up each), and stayed there while the steps' gaps exceeded SPIN_MIN_MS.
 */
export function spinLimit(share: number, cap: number, waits: number): number {
  return share <= LONG_WAITS || (waits & 7) === 0 ? cap : SPIN_MIN_MS;
}

/** Above this share of long waits a thread polls SPIN_MIN_MS only (see spinLimit). */
export const LONG_WAITS = 0.75;

/**
 * The share of long waits after a wait polled with limit `limit` (`slept`: it polled that long
 * and slept). A shorter limit's sleep says nothing about the wait's length, so only waits polled
 * up to `cap` count (an average over ≈ 8).
 */
export function longWaitShare(share: number, slept: boolean, limit: number, cap: number): number {
  return limit === cap ? share + ((slept ? 1 : 0) - share) / 8 : share;
}

let calibrated = 0;

/**
 * Polls (an Atomics.load and a compare) per millisecond on this thread, measured once per thread
 * (the best of a few rounds, so the loop is optimized as the polling loops are). Waiting threads
 * count polls instead of reading the clock: `performance.now()` returns a new heap number per
 * call in Node 20 (≈ 32 bytes, measured), and a worker polling with it allocated ≈ 130 bytes a
 * step — young-generation collections inside the run, and the full collections they start.
 */
export function pollsPerMs(): number {
  if (calibrated > 0) return calibrated;
  const word = new Int32Array(new SharedArrayBuffer(4));
  let best = 0;
  for (let round = 0; round < 6; round++) {
    const t0 = performance.now();
    const n = pollRound(word, 1 << 14);
    const ms = performance.now() - t0;
    if (ms > 0) best = Math.max(best, n / ms);
  }
  // At least 1000 polls per ms (a clock of 1 ms resolution leaves `best` at 0 or small).
  calibrated = Math.max(1000, best);
  return calibrated;
}

function pollRound(word: Int32Array, n: number): number {
  let k = 0;
  while (k < n && Atomics.load(word, 0) === 0) k++;
  return k;
}


/** The name a Web Worker started as a brian-ts thread has (`new Worker(url, { name })`). */
export const THREAD_WORKER_NAME = 'brian-ts-thread';

/** A job as the worker gets it. */
export interface PlanJob {
  /** This thread's source: bound to its range (RangedCode.bind: unique, compiled by this thread only), or the ranged source. */
  readonly source: string;
  /**
   * Captures: `{ h }` a library helper by key, `{ a }` a shared array, `{ o }` dynamic storage's
   * array, `{ c }` a copied constant, null unused; `i`: the captured object's id on the main
   * thread (the same object in every plan that sends it: see serveThreadJobs).
   */
  readonly caps: readonly ({ h?: string; a?: unknown; o?: unknown; c?: unknown; i?: number } | null)[];
  /** Per chunk (see {@link runShare}; one per thread, or CHUNKS_PER_THREAD per thread): its range. */
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  readonly segs: Int32Array;
  /** A pathway (see {@link deliverPart}): `segs` = [ring position, each part's own list's count, the step's source count]. */
  readonly pathway?: boolean;
  /** A pathway whose queue records spiking sources (SpikeQueue.partition's `deferPush`): the parts' CSRs. */
  readonly spans?: SourceSpans;
}

/**
 * Out-degree from which a source neuron gets a prepared view of its CSR synapse list, so a push
 * copies it with one `TypedArray.set` (≈ 0.15 ns per synapse into plain memory, ≈ 1 ns into
 * shared memory, against ≈ 1.4 ns for the element loop). A view costs ≈ 100 bytes of JS heap,
 * below 0.4 byte per synapse from this degree on.
 */
export const VIEW_MIN_DEGREE = 256;

/** Per source neuron of a CSR (offsets, synapses) with out-degree ≥ VIEW_MIN_DEGREE, its slice of `synapses` (empty if none). */
export function csrViews(offsets: Int32Array, synapses: Int32Array): (Int32Array | undefined)[] {
  const views: (Int32Array | undefined)[] = [];
  const nSources = offsets.length - 1;
  for (let k = 0; k < nSources; k++) {
    if (offsets[k + 1]! - offsets[k]! < VIEW_MIN_DEGREE) continue;
    if (views.length === 0) views.length = nSources;
    views[k] = synapses.subarray(offsets[k]!, offsets[k + 1]!);
  }
  return views;
}

/**
 * Appends, from `buf[at]` on, the CSR synapses of the sources `spikes[start, stop)` (minus
 * `sourceStart`), source after source: a spike queue's push with homogeneous delays (the space
 * is reserved by the caller). Returns the end position.
 */
export function copySynapses(spikes: ArrayLike<number>, start: number, stop: number, sourceStart: number, offsets: Int32Array, synapses: Int32Array, views: readonly (Int32Array | undefined)[], buf: Int32Array, at: number): number {
  let c = at;
  const withViews = views.length > 0;
  for (let k = start; k < stop; k++) {
    const src = spikes[k]! - sourceStart;
    const view = withViews ? views[src] : undefined;
    if (view !== undefined) {
      buf.set(view, c);
      c += view.length;
      continue;
    }
    for (let s = offsets[src]!, end = offsets[src + 1]!; s < end; s++) buf[c++] = synapses[s]!;
  }
  return c;
}

/**
 * A pathway's delivery of part `p` (one thread's) of its partitioned queue this step: the part's
 * own list (`segs[1 + p]` events of `list`: events pending from before the partition, or pushed
 * one by one), then for each source of `sources` (`segs[segs.length - 1]` of them) its synapses
 * in the part's CSR — in this order, each key's events keep the serial order.
 */
export function deliverPart(fn: RangedFn, lo: number, hi: number, p: number, segs: Int32Array, list: Int32Array | undefined, spans: SourceSpans | undefined, sources: Int32Array | undefined): void {
  const n = segs[1 + p]!;
  if (n > 0) fn(lo, hi, p, segs, list, 0, n);
  const m = spans === undefined ? 0 : segs[segs.length - 1]!;
  if (m === 0) return;
  const offsets = spans!.offsets[p]!;
  const synapses = spans!.synapses[p]!;
  const first = spans!.first[p]!;
  for (let k = 0; k < m; k++) {
    const x = sources![k]!;
    const from = offsets[x]!;
    const to = offsets[x + 1]!;
    if (to === from) continue;
    const a = first[x]!;
    // Consecutive synapses: their indices, not the CSR's copy of them (half the memory read per event).
    if (a >= 0) fn(lo, hi, p, segs, undefined, a, a + to - from);
    else fn(lo, hi, p, segs, synapses, from, to);
  }
}

/**
 * Where a worker keeps a pathway's list of part `part` (of `parts`) at ring position `pos` (see
 * serveThreadJobs): by position and part — in a dynamic batch any thread may deliver any part
 * (see runPrefix).
 */
export function partSlot(pos: number, part: number, parts: number): number {
  return pos * parts + part;
}

export interface Plan {
  readonly type: 'plan';
  readonly ctrl: Int32Array;
  readonly ready: Int32Array;
  readonly errText: Uint8Array;
  readonly slot: number;
  readonly workers: number;
  readonly threads: number;
  readonly prof: Float64Array | null;
  readonly spinMs: number;
  readonly jobs: readonly PlanJob[];
  /** The jobs of the current batch, in order (its first `ctrl[JOB]` entries). */
  readonly batch: Int32Array;
  /** Per job: its number of chunks (the threads, or the threads × CHUNKS_PER_THREAD). */
  readonly chunks: Int32Array;
  /** Per thread (every CLAIM_STRIDE words): the next of its own chunks to take, for dynamic batches. */
  readonly claims: Int32Array;
}

/**
 * Runs thread `me`'s share of a batch of `count` jobs (`batch`), calling `run(job, chunk)` for
 * each chunk it takes (false: it failed, stop). A job's elements are cut into chunks, each with
 * its own event segment (a threshold's) merged in chunk order after the barrier, so which thread
 * runs a chunk never changes a bit. Static: thread t runs the chunks of its t-th share of every
 * job, job after job (a pathway's parts are fixed by its partitioned queue). Dynamic (every job
 * in the batch has CHUNKS_PER_THREAD chunks per thread, but for jobs with one chunk per thread
 * before them: see runPrefix): each thread takes its own chunks in turn
 * from its counter, then helps the others through theirs, running a chunk of every job of the
 * batch in order before the next chunk (jobs of a batch touch a shared array only at the
 * element's own index in the same index space: the same chunk boundaries). Why: measured on the
 * 2-vCPU development VM, one vCPU ran the same machine code 1.3–1.9× slower than the other for
 * minutes at a time (LIF 10⁵ pinned with taskset), so equal static halves wait for the slower one.
 * Returns whether the batch is dynamic (then every chunk is claimed when it returns).
 */
export function runShare(me: number, threads: number, count: number, batch: Int32Array, chunks: Int32Array, claims: Int32Array, run: (job: number, chunk: number) => boolean): boolean {
  const K = CHUNKS_PER_THREAD;
  // Jobs with one chunk per thread that come first (`prefix`), then only jobs with K per thread:
  // dynamic, a thread's part of each prefix job run with its first chunk (see below).
  let prefix = 0;
  let dynamic = true;
  for (let k = 0; k < count; k++) {
    const n = chunks[batch[k]!];
    if (n === threads * K) continue;
    if (n === threads && k === prefix) prefix++;
    else dynamic = false;
  }
  if (!dynamic || prefix === count) {
    for (let k = 0; k < count; k++) {
      const j = batch[k]!;
      const per = chunks[j]! / threads;
      for (let c = me * per; c < (me + 1) * per; c++) if (!run(j, c)) return false;
    }
    return false;
  }
  for (let d = 0; d < threads; d++) {
    const u = (me + d) % threads; // own chunks first, then the others'
    for (;;) {
      const i = Atomics.add(claims, u * CLAIM_STRIDE, 1);
      if (i >= K) break;
      if (prefix > 0 && !runPrefix(u, i, prefix, batch, claims, run)) return true;
      const c = u * K + i;
      for (let k = prefix; k < count; k++) if (!run(batch[k]!, c)) return true;
    }
  }
  return true;
}

/**
 * A dynamic batch's prefix jobs (one chunk per thread: a pathway's deliveries into thread u's
 * range, pending from the step before, see ParallelSession.endStep) before chunk `i` of thread
 * u's range: whoever claims its first chunk (i = 0; chunks are claimed in order) runs part u of
 * each, then says so in the word after u's counter (reset with it per batch); whoever claims a
 * later chunk waits for that first (each element's serial order: deliveries, then its update). A
 * part runs once, on any thread. False when a prefix job failed (reported by `run`; the word is
 * set all the same, also when `run` throws, so no thread waits for it).
 */
function runPrefix(u: number, i: number, prefix: number, batch: Int32Array, claims: Int32Array, run: (job: number, chunk: number) => boolean): boolean {
  const flag = u * CLAIM_STRIDE + 1;
  if (i > 0) {
    while (Atomics.load(claims, flag) === 0) {
      // the part's deliveries run on the thread that claimed chunk 0 (a few µs)
    }
    return true;
  }
  let ok = true;
  try {
    for (let k = 0; k < prefix && ok; k++) ok = run(batch[k]!, u);
  } finally {
    // Also when the main thread's generated code threw: a worker may be waiting for the word.
    Atomics.store(claims, flag, 1);
  }
  return ok;
}

export interface Resume {
  readonly type: 'resume';
  /** Pathway lists: job, slot (see partSlot; the ring position for a source list), the list (shared memory): a part's own, or (`src`) the source list. */
  readonly updates: readonly { j: number; pos: number; buf: Int32Array; src?: boolean }[];
}

export type RangedFn = (lo: number, hi: number, seg: number, segs: Int32Array, evp?: Int32Array, from?: number, to?: number) => void;

/** Shared, like the jobs' own `segs` (the same array kind keeps the code's feedback monomorphic). */
const WARM_SEGS = new Int32Array(typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(4 * 512) : new ArrayBuffer(4 * 512));

/**
 * Runs a ranged function over an empty range 20 times before its first real execution (on every
 * thread). Measured with Node 20's V8: a function's first real execution is long enough to be
 * on-stack replaced inside its loop before the code after the loop (a threshold's
 * `$segs[$seg] = $n - $lo`) has run; that code then has no type feedback, the OSR code
 * deoptimizes there on every later call and is kept (the deopt is outside the OSR'd loop): a LIF
 * 10⁵ range at 2× its time, at random. Empty calls run the code around the loop only (feedback
 * vectors are allocated after a few calls, hence 20); the loop is not entered, a pathway delivers
 * `segs[1 + seg]` = 0 events and a threshold writes its count into the scratch array.
 */
export function warmRanged(fn: RangedFn, lo: number, seg: number): void {
  if (seg + 1 >= WARM_SEGS.length) return;
  WARM_SEGS.fill(0);
  try {
    for (let k = 0; k < 20; k++) fn(lo, lo, seg, WARM_SEGS, undefined);
  } catch {
    // A range that throws does so again when it really runs, and is reported then.
  }
}

/** A worker's polling state between batches (see serveThreadJobs): doubles kept in an object's fields, not boxed per write. */
export interface Polling {
  gen: number;
  waits: number;
  share: number;
  perMs: number;
}

/**
 * Polls GEN while it holds `gen`, at most `most` times, then sleeps until it changes. Returns
 * the polls made, or -1 when it slept. A loop function of its own that ends in a plain return:
 * it gets regular optimized code from its calls (see serveBatch). The polling is a function of
 * its own and the sleep a do-while (Atomics.wait returns at once when GEN moved), so that
 * {@link warmServe} can run both paths without another thread (type feedback for each).
 */
export function awaitGeneration(ctrl: Int32Array, gen: number, most: number): number {
  const spins = pollGeneration(ctrl, gen, most);
  if (spins <= most) return spins;
  Atomics.add(ctrl, SLEEPERS, 1);
  do Atomics.wait(ctrl, GEN, gen);
  while (Atomics.load(ctrl, GEN) === gen);
  Atomics.sub(ctrl, SLEEPERS, 1);
  return -1;
}

/** Polls GEN while it holds `gen`: the polls made, or `most + 1` when it still held it after `most`. */
function pollGeneration(ctrl: Int32Array, gen: number, most: number): number {
  let spins = 0;
  while (Atomics.load(ctrl, GEN) === gen) {
    if (++spins > most) break;
  }
  return spins;
}

/**
 * Waits for, joins and runs one batch on a worker (see serveThreadJobs' loop); false at END or
 * PAUSE. A named module function (not a closure): it shows by name in V8's traces.
 */
export function serveBatch(p: Plan, s: Polling, runChunk: (job: number, chunk: number) => boolean): boolean {
  const ctrl = p.ctrl;
  // The polling policy (see spinLimit).
  const limit = spinLimit(s.share, p.spinMs, s.waits++);
  const spins = awaitGeneration(ctrl, s.gen, Math.floor(limit * s.perMs));
  const slept = spins < 0;
  s.share = longWaitShare(s.share, slept, limit, p.spinMs);
  let gen = Atomics.load(ctrl, GEN);
  s.gen = gen;
  // Join the batch of this generation unless the main thread closed it (it ran every chunk).
  let joined = false;
  for (let w = Atomics.load(ctrl, JOIN); w >>> 16 === (gen & 0xffff) && (w & JOIN_CLOSED) === 0; ) {
    const seen = Atomics.compareExchange(ctrl, JOIN, w, w + 1);
    if (seen === w) {
      joined = true;
      break;
    }
    w = seen;
  }
  if (!joined) return true;
  // The batch's own generation (GEN does not move while a joined worker runs it): not joined twice.
  gen = Atomics.load(ctrl, GEN);
  s.gen = gen;
  const count = Atomics.load(ctrl, JOB);
  if (count < 0) return false; // END or PAUSE
  const me = p.slot;
  const batch = p.batch;
  const prof = p.prof;
  // The batch: this thread's share of each job (runShare), one barrier after the last.
  if (prof !== null && count > 0) {
    // Start latency (from the main thread's publication), on the batch's first job.
    const f = batch[0]!;
    const o = (f * p.threads + me) * PROF_STRIDE;
    const latency = performance.timeOrigin + performance.now() - prof[f * p.threads * PROF_STRIDE + 3]!;
    prof[o] = prof[o]! + latency;
    if (slept) {
      prof[o + 4] = prof[o + 4]! + 1;
      prof[o + 5] = prof[o + 5]! + latency;
    }
  }
  runShare(me, p.threads, count, batch, p.chunks, p.claims, runChunk);
  if (prof !== null && count > 0) prof[(batch[count - 1]! * p.threads + me) * PROF_STRIDE + 2] = performance.timeOrigin + performance.now(); // end (read by the main thread)
  // The main thread waits for the workers that joined (it knows how many once it closed the batch).
  Atomics.add(ctrl, DONE, 1);
  if (Atomics.load(ctrl, MAIN_WAITING) !== 0) Atomics.notify(ctrl, DONE);
  return true;
}

/**
 * Synthetic batches a new worker serves before its first run (session 13): the per-batch runtime
 * (serveBatch, runShare, the worker's chunk runner, deliverPart) is otherwise interpreted for the
 * run's first ≈ 500–2000 steps and then optimized by TurboFan inside the run — 20–30 ms of
 * compiles on a vCPU that a 2-thread run needs (one thread leaves the other vCPU idle for them).
 * Here they run while the main thread waits for the worker's start (Pool.grow). The feedback is
 * the real runs': the plan goes through structuredClone (the maps of a posted plan: the same
 * property order as ParallelSession.start's plan and jobs), static and dynamic batches, pathway
 * jobs with and without source lists; over ten distinct kernels (more than V8's four polymorphic
 * targets), so the kernel call sites are megamorphic and a run's own kernels deoptimize nothing.
 * It touches only its own arrays; WARM_BATCHES = 0 (`BRIAN_TS_WARM_BATCHES`) skips it. Returns the
 * batches the worker joined and finished (all of them unless the synthetic publication is wrong).
 */
export function warmServe(runChunk: (job: number, chunk: number) => boolean, install: (p: Plan, fns: (RangedFn | null)[], bufs: (Int32Array | undefined)[][], srcBufs: (Int32Array | undefined)[][]) => void, batches = WARM_BATCHES): number {
  if (batches <= 0 || typeof SharedArrayBuffer !== 'function' || typeof structuredClone !== 'function') return 0;
  const ints = (n: number, fill?: (k: number) => number): Int32Array => {
    const a = new Int32Array(new SharedArrayBuffer(4 * n));
    if (fill !== undefined) for (let k = 0; k < n; k++) a[k] = fill(k);
    return a;
  };
  const T = 2;
  const C = T * CHUNKS_PER_THREAD;
  const N = 64;
  const lo = ints(C, (c) => (c * N) / C);
  const hi = ints(C, (c) => ((c + 1) * N) / C);
  const pLo = ints(T, (c) => (c * N) / T);
  const pHi = ints(T, (c) => ((c + 1) * N) / T);
  // A part's CSR: sources 0 and 1 with 2 synapses each (source 0's consecutive, source 1's listed).
  const part = (): { offsets: Int32Array; synapses: Int32Array; first: Int32Array } => ({ offsets: ints(3, (k) => 2 * k), synapses: ints(4, (k) => k), first: ints(2, (k) => (k === 0 ? 0 : -1)) });
  const parts = [part(), part()];
  const spans: SourceSpans = { offsets: parts.map((q) => q.offsets), synapses: parts.map((q) => q.synapses), first: parts.map((q) => q.first) };
  const jobs: PlanJob[] = [];
  const fns: (RangedFn | null)[] = [];
  // Each a kernel of its own (its own function literal): V8 counts targets by function.
  const element: RangedFn[] = [
    (a, b, seg, segs) => void (segs[seg] = b - a),
    (a, b, seg, segs) => void (segs[seg] = a - b),
    (a, b, seg, segs) => void (segs[seg] = a),
    (a, b, seg, segs) => void (segs[seg] = b),
    (a, b, seg, segs) => void (segs[seg] = 0),
    (a, b, seg, segs) => void (segs[seg] = 1),
  ];
  const events: RangedFn[] = [
    (a, b, seg, segs, evp, from, to) => void (evp === undefined ? from! - to! : evp[from!]),
    (a, b, seg, segs, evp, from, to) => void (evp === undefined ? to! - from! : evp[to! - 1]),
    (a, b, seg, segs, evp, from) => void (evp === undefined ? from : evp.length),
    (a, b, seg, segs, evp, from, to) => void (evp === undefined ? to : evp[0]),
    (a, b, seg, segs, evp) => void (evp === undefined ? a : b),
    (a, b, seg, segs, evp) => void (evp === undefined ? b : a),
  ];
  for (const fn of element) {
    jobs.push(planJob('', [], lo, hi, ints(C + 1), false, undefined));
    fns.push(fn);
  }
  events.forEach((fn, k) => {
    // [ring position, the parts' own list counts, the step's source count]
    jobs.push(planJob('', [], pLo, pHi, ints(T + 2, (i) => (i === 0 ? 0 : i <= T ? 2 : 2)), true, k % 2 === 0 ? spans : undefined));
    fns.push(fn);
  });
  const p = structuredClone(planMessage(ints(CONTROL_WORDS), ints(1), new Uint8Array(new SharedArrayBuffer(16)), 1, T - 1, T, null, SPIN_MS_DEFAULT, jobs, ints(jobs.length), ints(jobs.length, (j) => jobs[j]!.lo.length), ints(CLAIM_STRIDE * T)));
  // A pathway's lists by ring position and part (see partSlot), of each kind a run's resume
  // messages leave: packed, holey (a list first sent at a later position), none sent yet (each
  // kind from an allocation site of its own: V8 pretransitions a site's later arrays to its holey
  // kind). Source lists are by position only (index 0 here).
  const packed = (x: Int32Array): (Int32Array | undefined)[] => [x, x];
  const holey = (x: Int32Array): (Int32Array | undefined)[] => {
    const a: (Int32Array | undefined)[] = [];
    a[2 * T] = x;
    a[2 * T + 1] = x;
    a[0] = x;
    a[1] = x;
    return a;
  };
  const none = (): (Int32Array | undefined)[] => [];
  const kinds = [packed, holey, (): (Int32Array | undefined)[] => none()];
  const E0 = element.length;
  const lists = p.jobs.map((_, k) => kinds[k % 3]!(ints(4, (i) => i)));
  // A job with source lists has the step's list (spans: the even event jobs, see above).
  const sources = p.jobs.map((_, k) => (k >= E0 && (k - E0) % 2 === 0 ? kinds[((k - E0) >> 1) % 2]! : kinds[k % 3]!)(ints(2, (i) => i)));
  install(p, fns, lists, sources);
  // Doubles where a run's polling state holds doubles (the same field kinds: no map change later).
  const s: Polling = { gen: 0, waits: 0, share: 0.5, perMs: 1000.5 };
  const ctrl = p.ctrl;
  const E = element.length;
  let ran = 0;
  // The loop does little itself (the batch is published by warmPublish): V8 then neither
  // optimizes nor on-stack-replaces warmServe, whose code no run uses (a 16–40 ms compile that
  // finished inside the first run, session 15).
  const cycle = warmCycle(E, events.length);
  for (let k = 0; k < batches; k++) {
    warmPublish(p, s, k, cycle);
    serveBatch(p, s, runChunk);
    ran += Atomics.load(ctrl, DONE);
    // The waits' other paths: polls that find GEN unchanged, and a sleep (GEN moved: at once).
    if (k % 16 === 0) {
      pollGeneration(ctrl, Atomics.load(ctrl, GEN), 32);
      awaitGeneration(ctrl, s.gen - 1, -1);
    }
  }
  // The batches the worker joined and finished (each added 1 to DONE, reset per batch).
  return ran;
}

/**
 * Publishes synthetic batch `k` of {@link warmServe} as the main thread publishes (see publish in
 * threads.ts): the job list `cycle[k % cycle.length]` (see warmCycle). Lists made beforehand, so
 * that this function runs too little bytecode per call for V8 to optimize it during the warm-up
 * (a compile no run uses, in the queue before the ones that matter). Every fourth batch finds the
 * worker's share of long waits above LONG_WAITS, as a run with long serial steps does (COBAHH,
 * HH's first steps): spinLimit's and longWaitShare's other paths then have type feedback too
 * (without it serveBatch's optimized code deoptimized inside the first such run — "insufficient
 * type feedback for binary operation", session 15).
 */
export function warmPublish(p: Plan, s: Polling, k: number, cycle: readonly Int32Array[]): void {
  const ctrl = p.ctrl;
  const jobs = cycle[k % cycle.length]!;
  p.batch.set(jobs);
  Atomics.store(ctrl, DONE, 0);
  for (let t = 0; t < p.threads; t++) {
    Atomics.store(p.claims, t * CLAIM_STRIDE, 0);
    Atomics.store(p.claims, t * CLAIM_STRIDE + 1, 0);
  }
  s.gen = Atomics.load(ctrl, GEN);
  if (k % 4 === 3) s.share = WARM_LONG_SHARE;
  Atomics.store(ctrl, JOB, jobs.length);
  Atomics.store(ctrl, JOIN, joinTag(s.gen + 1));
  Atomics.add(ctrl, GEN, 1);
  // Now and then as if the main thread slept on DONE (the worker then notifies it).
  Atomics.store(ctrl, MAIN_WAITING, k % 8 === 5 ? 1 : 0);
}

/**
 * The job lists of {@link warmServe}'s batches, one full period: every one of the `E` element jobs
 * in one dynamic batch, rotated (k % 4 = 0), the same after one of the `P` pathway jobs (k % 4 =
 * 2: a dynamic batch with a prefix, see runPrefix), or one of the pathway jobs alone (odd k, static).
 */
export function warmCycle(E: number, P: number): Int32Array[] {
  const cycle: Int32Array[] = [];
  for (let k = 0; k < 4 * E * P; k++) {
    const elements = Array.from({ length: E }, (_, j) => (j + (k >> 2)) % E);
    if (k % 2 === 1) cycle.push(Int32Array.of(E + ((k >> 1) % P)));
    else cycle.push(Int32Array.from(k % 4 === 0 ? elements : [E + ((k >> 2) % P), ...elements]));
  }
  return cycle;
}

/** A share of long waits above LONG_WAITS (see warmPublish). */
const WARM_LONG_SHARE = 0.875;

/**
 * Synthetic batches of {@link warmServe}: measured with Node 20's V8, serveBatch is optimized after
 * ≈ 1200 (600 were too few); 10–20 ms of the worker's time, while the main thread prepares the run.
 */
const WARM_BATCHES = Number(envVar('BRIAN_TS_WARM_BATCHES') ?? 1500);
/** The polling limit of a run with at most one thread per core (threads.ts's SPIN_MS): a plan's field of the same kind. */
const SPIN_MS_DEFAULT = 1;

/** A plan message (see ParallelSession.start): one property order for the posted plans and {@link warmServe}'s (the same maps). */
export function planMessage(ctrl: Int32Array, ready: Int32Array, errText: Uint8Array, slot: number, workers: number, threads: number, prof: Float64Array | null, spinMs: number, jobs: readonly PlanJob[], batch: Int32Array, chunks: Int32Array, claims: Int32Array): Plan {
  return { type: 'plan', ctrl, ready, errText, slot, workers, threads, prof, spinMs, jobs, batch, chunks, claims };
}

/** A plan's job (see ParallelSession.start): one property order for every plan and {@link warmServe}'s. */
export function planJob(source: string, caps: PlanJob['caps'], lo: Int32Array, hi: Int32Array, segs: Int32Array, pathway: boolean, spans: SourceSpans | undefined): PlanJob {
  if (!pathway) return { source, caps, lo, hi, segs };
  return spans === undefined ? { source, caps, lo, hi, segs, pathway: true } : { source, caps, lo, hi, segs, pathway: true, spans };
}

/** Writes an error's text for the main thread (the first error of an execution wins). */
function report(plan: Plan, e: unknown, job: number): void {
  if (Atomics.compareExchange(plan.ctrl, ERR, 0, plan.slot) !== 0) return;
  Atomics.store(plan.ctrl, ERR_JOB, job);
  const text = e instanceof Error ? e.message : String(e);
  const { written } = new TextEncoder().encodeInto(text.slice(0, ERROR_TEXT_BYTES / 3), plan.errText);
  Atomics.store(plan.ctrl, ERR_LENGTH, written);
}

/**
 * Serves runs on this worker: `listen` installs the message handler (Node's parentPort or the
 * Web Worker's global). Returns when the handler is installed; the work happens in the handler.
 */
export function serveThreadJobs(listen: (handler: (message: unknown) => void) => void): void {
  const table = workerHelpers();
  let plan: Plan | undefined;
  let fns: (RangedFn | null)[] = [];
  // A pathway job's part lists this worker may deliver, by ring position and part (see partSlot;
  // sent when first used or grown).
  let bufs: (Int32Array | undefined)[][] = [];
  // A pathway job's source lists (deferred pushes), by ring position.
  let srcBufs: (Int32Array | undefined)[][] = [];
  // The share of long waits (see spinLimit), kept across a pause.
  let waitShare = 0;
  // The last plan's captured objects by their main-thread id, and its functions by source and
  // capture ids: a run of the same network sends the same source texts and objects again (see
  // ParallelSession.launch), and then runs the functions this thread compiled and optimized for
  // the last one. Only the last plan's: nothing of an earlier network stays alive here.
  let lastObjects = new Map<number, unknown>();
  let lastFns = new Map<string, RangedFn>();

  // Runs chunk c of job j (see runShare); false when it threw (reported for the main thread).
  const runChunk = (j: number, c: number): boolean => {
    const p = plan!;
    const job = p.jobs[j]!;
    const prof = p.prof;
    const ws = prof === null ? 0 : performance.now();
    try {
      const pos = job.segs[0]!;
      if (job.pathway === true) deliverPart(fns[j]!, job.lo[c]!, job.hi[c]!, c, job.segs, bufs[j]![partSlot(pos, c, job.lo.length)], job.spans, srcBufs[j]![pos]);
      else fns[j]!(job.lo[c]!, job.hi[c]!, c, job.segs);
    } catch (e) {
      report(p, e, j);
      return false;
    }
    if (prof !== null) {
      const o = (j * p.threads + p.slot) * PROF_STRIDE + 1;
      prof[o] = prof[o]! + performance.now() - ws; // busy
    }
    return true;
  };

  const loop = (p: Plan): void => {
    const state: Polling = { gen: 0, waits: 0, share: waitShare, perMs: pollsPerMs() };
    // Read before saying ready: the main thread's next job bumps GEN only after every worker is ready.
    state.gen = Atomics.load(p.ctrl, GEN);
    Atomics.store(p.ready, p.slot - 1, 1);
    Atomics.notify(p.ready, p.slot - 1);
    // One call per batch: serveBatch gets regular optimized code with full type feedback, and the
    // loop here does too little to matter before it is optimized (session 11: with the whole
    // batch in this loop, V8 on-stack-replaced it during a first wait, the OSR code deoptimized
    // after the wait for lack of feedback, and the worker ran its batches in the interpreter —
    // boxing every double — until a later OSR compile, 15 ms on the other core, came in).
    while (serveBatch(p, state, runChunk)) {
      // next batch
    }
    waitShare = state.share;
  };

  // A microtask: after the caller said the worker started (the main thread goes on with the run's
  // preparation meanwhile), before any message (a plan waits for it).
  queueMicrotask(() => {
    try {
      warmServe(runChunk, (p, f, b, sb) => {
        plan = p;
        fns = f;
        bufs = b;
        srcBufs = sb;
      });
    } catch {
      // Only a speed-up (e.g. a platform whose structuredClone refuses shared memory): the worker serves runs as before.
    }
    plan = undefined;
    fns = [];
    bufs = [];
    srcBufs = [];
  });

  listen((message) => {
    const m = message as Plan | Resume;
    if (m.type === 'plan') {
      plan = m;
      waitShare = 0;
      fns = [];
      bufs = m.jobs.map(() => []);
      srcBufs = m.jobs.map(() => []);
      let bad: unknown;
      const objects = new Map<number, unknown>();
      const compiled = new Map<string, RangedFn>();
      for (const job of m.jobs) {
        try {
          let key: string | undefined = job.source;
          const caps = job.caps.map((d) => {
            if (d === null) return undefined;
            if (d.h !== undefined) {
              if (key !== undefined) key += ` h${d.h}`;
              return table.get(d.h);
            }
            const sent = d.a !== undefined ? d.a : d.o !== undefined ? { array: d.o } : d.c;
            if (d.i === undefined) {
              key = undefined;
              return sent;
            }
            if (key !== undefined) key += ` ${d.i}`;
            const object = objects.get(d.i) ?? lastObjects.get(d.i) ?? sent;
            objects.set(d.i, object);
            return object;
          });
          // The ranged source, printed from the syntax tree by the code generator (no user text).
          // Each text is compiled once (unique per thread and run, see RangedCode.bind): a second
          // function from the same compiled source would share its feedback cell, and V8 then
          // stops treating the captured arrays as constants (measured 2.2-2.6x per element on
          // LIF 10^5). The last plan's function of the same text and objects is that function.
          const known = key === undefined ? undefined : lastFns.get(key);
          const fn = known ?? (new Function('$cap', job.source) as (caps: unknown[]) => RangedFn)(caps);
          if (key !== undefined) compiled.set(key, fn);
          const home = (m.slot * job.lo.length) / m.threads; // this thread's first chunk
          if (known === undefined) warmRanged(fn, job.lo[home]!, home);
          fns.push(fn);
        } catch (e) {
          bad ??= e;
          fns.push(null);
        }
      }
      lastObjects = objects;
      lastFns = compiled;
      if (bad !== undefined) {
        report(m, bad, -1);
        Atomics.store(m.ready, m.slot - 1, 2);
        Atomics.notify(m.ready, m.slot - 1);
        return;
      }
      loop(m);
    } else if (m.type === 'resume' && plan !== undefined) {
      for (const u of m.updates) (u.src === true ? srcBufs : bufs)[u.j]![u.pos] = u.buf;
      loop(plan);
    }
  });
}

/** Whether this global scope is a Web Worker started as a brian-ts thread. */
export function isThreadWorker(): boolean {
  const g = globalThis as { name?: unknown; WorkerGlobalScope?: unknown; process?: unknown };
  return g.WorkerGlobalScope !== undefined && g.name === THREAD_WORKER_NAME;
}

// A Web Worker started as a brian-ts thread serves jobs as soon as the library is loaded in it.
// Its messages come through a MessagePort it gets first: Chromium delivers a Worker's own
// postMessage to a nested worker only while the sender's event loop runs, which a run blocked in
// Atomics.wait never lets it do; a MessageChannel's port delivers at once. It says when ready.
if (isThreadWorker()) {
  type Port = { onmessage: ((e: { data: unknown }) => void) | null };
  const scope = globalThis as unknown as { addEventListener(type: 'message', h: (e: { data: unknown }) => void): void; postMessage(m: unknown): void };
  scope.addEventListener('message', (e) => {
    const m = e.data as { type?: string; port?: Port } | undefined;
    if (m?.type !== 'brian-ts-thread-port' || m.port === undefined) return;
    const port = m.port;
    serveThreadJobs((handler) => (port.onmessage = (pe) => handler(pe.data)));
    scope.postMessage({ type: 'brian-ts-thread-ready' });
  });
}
