/**
 * Question (issue 10, session 10): is a thread's share of split work slower per element than the
 * same elements on one thread, and why? Runs brian-ts's own LIF kernel — the in-place WebAssembly
 * update + threshold that a 2-thread run of bench/neurongroup/lif-scaling.bench.ts splits, over
 * the group's shared WebAssembly memory — from a bare loop: the main thread and T - 1 workers
 * each run a static share every step, a spin barrier (no sleeping), then the main thread resets
 * every spiking neuron (as the group's resetter does) and a second barrier. No ParallelSession,
 * no chunks, no profile counters. Prints per thread the busy time per step: mean and
 * p10/p50/p90 of the steps (the percentiles are robust to the host's preemptions).
 * Run: node --import tsx bench/threads/split-probe.ts [N=100000] [STEPS=5000] [THREADS=2]
 *      PIN=a,b: the main thread on vCPU a, the workers on vCPU b (taskset on each thread);
 *      RESET=own: each thread resets its own spiking neurons; INIT=ramp: v = i / N initially;
 *      SYNC=K (session 14): the threads meet at a barrier every K steps instead of every step
 *      (0: never, only at the end); implies RESET=own — the ranges are then uncoupled (LIF has no
 *      synapses), as in a "temporal blocking" of uncoupled networks where each thread runs K steps
 *      of its range between barriers. K = 1 with RESET=own is the per-step loop.
 *      COPY=1 (session 14): each thread runs ALL N neurons on its own copy of the memory (the
 *      threads share nothing but the barrier; implies RESET=own): T threads of one process doing T
 *      times the work, as threads.bench.ts --ceiling's two processes do — the ceiling for threads.
 */
import { Worker } from 'node:worker_threads';
import { readlinkSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { defaultclock, ms, Network, NeuronGroup, seed } from 'brian-ts';
import { setParallelHook } from '../../src/codegen/index.ts';

const N = Number(process.argv[2] ?? 1e5);
const STEPS = Number(process.argv[3] ?? 5000);
const T = Number(process.argv[4] ?? 2);
// RESET=own: each thread resets its own spiking neurons before the barrier (else the main thread resets all after it, as brian-ts's serial resetter).
const SYNC = Number(process.env['SYNC'] ?? 1);
const COPY = process.env['COPY'] === '1';
const OWN = process.env['RESET'] === 'own' || SYNC !== 1 || COPY;
// INIT=ramp: v = i / N (neighbours spike together: few cache lines reset), else the group's rand() (brian-ts's LIF benchmark).

interface WasmMemory {
  readonly buffer: ArrayBufferLike;
}
interface Shared {
  bytes: Uint8Array;
  memory: WasmMemory;
  h0: number;
  h1: number;
  v: Float64Array;
  ev: Int32Array;
  ctl: Int32Array;
  counts: Int32Array;
  /** COPY=1: every thread all N neurons on a copy of the memory of its own. */
  copy: boolean;
}
interface Result {
  busy: number;
  pct: string;
  /** p10/p50/p90 of the step's wall time (this thread's clock, from one step's start to the next). */
  stepPct: string;
  reset: number;
  spikes: number;
}

/** One thread's steps (also the workers' program: its text is sent to them, see workerSource). */
function loop(id: number, s: Shared, n: number, steps: number, threads: number, own: boolean, sync: number): Result {
  const W = (globalThis as unknown as { WebAssembly: { Instance: new (m: unknown, i: unknown) => { exports: Record<string, unknown> }; Module: new (b: Uint8Array) => unknown; Memory: new (d: { initial: number; maximum: number; shared: boolean }) => WasmMemory } }).WebAssembly;
  let { memory, v, ev } = s;
  if (s.copy) {
    // A memory of this thread's own (the same layout as the group's: initial = maximum, shared), the state copied in.
    const pages = memory.buffer.byteLength / 65536;
    memory = new W.Memory({ initial: pages, maximum: pages, shared: true });
    new Uint8Array(memory.buffer).set(new Uint8Array(s.memory.buffer));
    v = new Float64Array(memory.buffer, v.byteOffset, v.length);
    ev = new Int32Array(memory.buffer, ev.byteOffset, ev.length);
  }
  const kernel = new W.Instance(new W.Module(s.bytes), { e: { m: memory } }).exports['k'] as (lo: number, hi: number, h0: number, h1: number) => number;
  const { ctl, counts, h0, h1 } = s;
  const lo = s.copy ? 0 : Math.floor((n * id) / threads);
  const hi = s.copy ? n : Math.floor((n * (id + 1)) / threads);
  const per = new Float64Array(steps);
  const wall = new Float64Array(steps);
  let busy = 0;
  let reset = 0;
  let spikes = 0;
  const barrier = (): void => {
    const g = Atomics.load(ctl, 16);
    if (Atomics.add(ctl, 0, 1) === threads - 1) {
      Atomics.store(ctl, 0, 0);
      Atomics.add(ctl, 16, 1);
    } else while (Atomics.load(ctl, 16) === g);
  };
  barrier(); // start together (a worker would otherwise run ahead where it never meets the main thread: SYNC=0)
  let last = performance.now();
  for (let step = 0; step < steps; step++) {
    const t0 = performance.now();
    wall[step] = 1e3 * (t0 - last);
    last = t0;
    const m = kernel(lo, hi, h0, h1); // events at ev[lo, lo + m)
    const b = performance.now() - t0;
    busy += b;
    per[step] = 1e3 * b;
    counts[id * 16] = m;
    spikes += m;
    if (own) {
      // Each thread resets its own spiking neurons (no cache line of another thread's range written here).
      const t1 = performance.now();
      for (let q = lo, end = lo + m; q < end; q++) v[ev[q]!] = 0;
      reset += performance.now() - t1;
    }
    // Every `sync` steps (0: never; the serial reset needs every step), and after the last step.
    if (!own || (sync > 0 && (step + 1) % sync === 0) || step === steps - 1) barrier();
    if (!own) {
      if (id === 0) {
        const t1 = performance.now();
        for (let t = 0; t < threads; t++) {
          const from = Math.floor((n * t) / threads);
          for (let q = from, end = from + counts[t * 16]!; q < end; q++) v[ev[q]!] = 0;
        }
        reset += performance.now() - t1;
      }
      barrier();
    }
  }
  per.sort();
  const pct = [0.1, 0.5, 0.9].map((q) => per[Math.floor(q * (steps - 1))]!.toFixed(2)).join('/');
  const w = wall.subarray(1).sort();
  const stepPct = [0.1, 0.25, 0.5, 0.75, 0.9, 0.99].map((q) => w[Math.floor(q * (w.length - 1))]!.toFixed(2)).join('/');
  return { busy: (1e3 * busy) / steps, pct, stepPct, reset: (1e3 * reset) / steps, spikes };
}

// The workers' program: fixed text and the loop's own text (Node 20 workers do not inherit tsx's loader).
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const { readlinkSync } = require('node:fs');
const { id, s, n, steps, threads, own, sync } = workerData;
const __name = (f) => f; // tsx's keep-names helper, referenced by the loop's text
Atomics.store(s.ctl, 32 + id, Number(readlinkSync('/proc/thread-self').split('/').at(-1)));
Atomics.notify(s.ctl, 32 + id);
const loop = ${loop.toString()};
parentPort.postMessage(loop(id, s, n, steps, threads, own, sync));
`;

// The group, compiled as a 2-thread run would (ranged form offered to the hook), run on one thread.
seed(12345);
defaultclock.dt = ms(0.1);
const G = new NeuronGroup(N, 'dv/dt = (v_inf - v)/tau : 1', { threshold: 'v > 1', reset: 'v = 0', method: 'exact', namespace: { tau: ms(10), v_inf: 1.1 } });
G.v = 'rand()';
const ranged: { name: string; captures: readonly unknown[]; names: readonly (string | undefined)[] }[] = [];
setParallelHook((code, r) => {
  ranged.push({ name: code.name, captures: r.captures, names: r.captureNames });
  return code;
}, 2);
new Network(G).run(ms(0.1), { threads: 1 });
setParallelHook(undefined);
const capture = (object: string, name: string): unknown => {
  const r = ranged.find((x) => x.name.endsWith(object));
  if (r === undefined) throw new Error(`no ranged code for ${object} (got ${ranged.map((x) => x.name).join(', ')})`);
  return r.captures[r.names.indexOf(name)];
};
const wk = capture('stateupdater', '$wk') as { bytes: Uint8Array; memory: WasmMemory } | undefined;
if (wk?.memory === undefined) throw new Error('the state updater is not an in-place WebAssembly kernel here');
const v = capture('thresholder', '$a_v') as Float64Array;
const ev = capture('thresholder', '$ev') as Int32Array;
const h0 = Math.exp(-0.0001 / 0.01);
const s: Shared = { bytes: wk.bytes, memory: wk.memory, h0, h1: h0 * 1.1, v, ev, ctl: new Int32Array(new SharedArrayBuffer(4 * 64)), counts: new Int32Array(new SharedArrayBuffer(64 * 16)), copy: COPY };
if (process.env['INIT'] === 'ramp') for (let i = 0; i < N; i++) v[i] = i / N;
if (COPY && (v.buffer !== wk.memory.buffer || ev.buffer !== wk.memory.buffer)) throw new Error('COPY=1: v and the events are not in the kernel memory');

const workers: Worker[] = [];
for (let id = 1; id < T; id++) workers.push(new Worker(WORKER_SOURCE, { eval: true, workerData: { id, s, n: N, steps: STEPS, threads: T, own: OWN, sync: SYNC } }));
for (const w of workers) {
  w.on('error', (e) => {
    console.error('worker failed:', e);
    process.exit(1);
  });
}
const results = workers.map((w) => new Promise<Result>((r) => w.once('message', r)));
for (let id = 1; id < T; id++) while (Atomics.load(s.ctl, 32 + id) === 0) await new Promise((r) => setTimeout(r, 10));
const pin = process.env['PIN'];
if (pin !== undefined) {
  const [a, b] = pin.split(',');
  execSync(`taskset -p -c ${a} ${readlinkSync('/proc/thread-self').split('/').at(-1)} >/dev/null`);
  for (let id = 1; id < T; id++) execSync(`taskset -p -c ${b} ${Atomics.load(s.ctl, 32 + id)} >/dev/null`);
}
const t0 = performance.now();
const main = loop(0, s, N, STEPS, T, OWN, SYNC);
const all = [main, ...(await Promise.all(results))];
const wall = performance.now() - t0;
console.log(
  `split-probe N=${N} T=${T} RESET=${OWN ? 'own' : 'serial'} SYNC=${SYNC}${COPY ? ' COPY (each thread all N)' : ''} INIT=${process.env['INIT'] === 'ramp' ? 'ramp' : 'rand'}${pin === undefined ? '' : ` PIN=${pin}`}: ${((1e3 * wall) / STEPS).toFixed(2)} us/step; busy per thread (main first) mean ${all.map((x) => x.busy.toFixed(2)).join(' ')}, p10/p50/p90 ${all.map((x) => x.pct).join(' ')}; step p10/p25/p50/p75/p90/p99 ${main.stepPct}; serial reset ${main.reset.toFixed(2)}; spikes ${all.reduce((a, x) => a + x.spikes, 0)}`,
);
