/**
 * Run by warm.test.ts in a child process with `--allow-natives-syntax` (V8's own
 * optimization status, not timing): whether code V8 optimizes after the session-15 warm-ups stays
 * optimized on the paths a run takes later — awaitDone's sleep (after warmAwaitDone) and the
 * worker's serveBatch under the long-wait polling policy (after warmServe) — without the type
 * feedback those paths would deoptimize the code — and runShare and an object's `run` into a
 * process's next run (the main thread's chunk runner and a session's wrapped code objects are one
 * function each for every session). Prints one JSON line.
 */
import { ParallelSession, awaitDone, warmAwaitDone } from '../../src/devices/threads.ts';
import { CHUNKS_PER_THREAD, CONTROL_WORDS, deliverPart, partSlot, runShare, serveBatch, warmCycle, warmPublish, warmServe } from '../../src/devices/thread-worker.ts';
import type { Plan, Polling, RangedFn } from '../../src/devices/thread-worker.ts';

// V8's natives, through fixed text (a test fixture: --allow-natives-syntax is set by the test).
const natives = (body: string): ((f: unknown) => number) => new Function('f', body) as (f: unknown) => number;
const status = natives('return %GetOptimizationStatus(f);');
const prepare = natives('%PrepareFunctionForOptimization(f);');
const optimizeNext = natives('%OptimizeFunctionOnNextCall(f);');
/** V8's OptimizationStatus::kTurboFanned (src/runtime/runtime.h). */
const TURBOFANNED = 1 << 6;
const optimized = (f: unknown): boolean => (status(f) & TURBOFANNED) !== 0;

const result: Record<string, boolean> = {};

// A session's polling state: its first fraction (a run's first sleep) keeps the session's map.
const sameMap = new Function('a', 'b', 'return %HaveSameMap(a, b);') as (a: unknown, b: unknown) => boolean;
const a = ParallelSession.begin(2)!;
a.compiled();
const b = ParallelSession.begin(2)!;
b.compiled();
(b as unknown as { waitShare: number }).waitShare = 0.125;
result['sessionMapKept'] = sameMap(a, b);

// awaitDone: polled waits only (a run's first steps), optimized, then a sleep.
warmAwaitDone();
const scratch = new Int32Array(new SharedArrayBuffer(4 * CONTROL_WORDS));
prepare(awaitDone);
awaitDone(scratch, 0, 0);
optimizeNext(awaitDone);
awaitDone(scratch, 0, 0);
result['awaitDoneOptimized'] = optimized(awaitDone);
awaitDone(scratch, 1, 0, 0);
result['awaitDoneAfterSleep'] = optimized(awaitDone);

// runShare optimized with one run's feedback stays optimized in the next run (a new session): the
// main thread's chunk runner it calls (and inlines) is the same function for every session.
const { Network, NeuronGroup, SpikeMonitor, ms, shutdownThreads } = await import('brian-ts');
const G = new NeuronGroup(4000, 'dv/dt = (1.2 - v)/(10*ms) : 1', { threshold: 'v > 1', reset: 'v = 0', method: 'exact', name: 'warm_g' });
G.v = 'i / 4000.0';
const net = new Network(G, new SpikeMonitor(G, { name: 'warm_spikes' }));
// The same for an object's `run`, which calls (and inlines) its code object's: in a multi-threaded
// run a session's wrapper (SessionCode), whose `run` is the same function in every session.
const updaterRun = G.stateUpdater.run;
prepare(runShare);
prepare(updaterRun);
net.run(ms(5), { threads: 2 });
// Compiled at its next call — the next run's first batch — with the last run's feedback.
optimizeNext(runShare);
optimizeNext(updaterRun);
net.run(ms(2), { threads: 2 });
result['runShareNextRun'] = optimized(runShare);
result['objectRunNextRun'] = optimized(updaterRun);
// serveBatch: the warm-up's batches, optimized, then batches with mostly long waits (spinLimit's other path).
let plan: Plan | undefined;
let fns: (RangedFn | null)[] = [];
let bufs: (Int32Array | undefined)[][] = [];
let srcBufs: (Int32Array | undefined)[][] = [];
const runChunk = (j: number, c: number): boolean => {
  const job = plan!.jobs[j]!;
  if (job.pathway === true) deliverPart(fns[j]!, job.lo[c]!, job.hi[c]!, c, job.segs, bufs[j]![partSlot(job.segs[0]!, c, job.lo.length)], job.spans, srcBufs[j]![job.segs[0]!]);
  else fns[j]!(job.lo[c]!, job.hi[c]!, c, job.segs);
  return true;
};
const batches = Number(process.env['WARM_FIXTURE_BATCHES'] ?? 64);
warmServe(runChunk, (p, f, b, s) => {
  plan = p;
  fns = f;
  bufs = b;
  srcBufs = s;
}, batches);
const p = plan!;
const E = p.jobs.filter((j) => j.pathway !== true).length;
const P = p.jobs.length - E;
const cycle = warmCycle(E, P);
const s: Polling = { gen: 0, waits: 0, share: 0.25, perMs: 1000.5 };
prepare(serveBatch);
warmPublish(p, s, 0, cycle);
serveBatch(p, s, runChunk);
optimizeNext(serveBatch);
warmPublish(p, s, 2, cycle);
serveBatch(p, s, runChunk);
result['serveBatchOptimized'] = optimized(serveBatch);
// Mostly long waits: every wait but each 8th polls SPIN_MIN_MS only.
for (let k = 0; k < 8; k++) {
  warmPublish(p, s, 2 * k, cycle);
  s.share = 0.9;
  serveBatch(p, s, runChunk);
}
result['serveBatchAfterLongWaits'] = optimized(serveBatch);
result['chunks'] = p.jobs[0]!.lo.length === 2 * CHUNKS_PER_THREAD;

shutdownThreads();
console.log(JSON.stringify(result));
