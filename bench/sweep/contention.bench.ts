/**
 * Question (issue 12): two sweep points running at once on this machine's two cores are slower than
 * one alone — what do they contend for: the caches and memory (the worker threads' own CPU time per
 * point would grow), or CPU time taken by other threads (their own CPU time stays, their wall time
 * grows by the time they wait to run)?
 * Part 1, the real sweep: `sweep()` of sweep.bench.ts's 64-point grid on 1 and on 2 workers,
 * alternating; the CPU time of every thread of this process, read from Linux's
 * /proc/self/task/<tid>/schedstat every 20 ms: the main thread, the sweep's worker threads (threads
 * started during the sweep) and the threads that existed before it (V8's platform workers — the
 * concurrent optimising compiler and the GC's helpers — and libuv's). A worker's last < 20 ms are
 * missed (it exits before the next reading).
 * Part 2, steady state: two persistent worker threads (contention-worker.ts) warm up on `warm`
 * points, then `rounds` times run `units` identical points alone (one worker, then the other) and
 * both at once; per point: wall time, the worker thread's own CPU time, its run-queue wait (runnable
 * but not running) and the other threads' CPU time. The same point every time, so every batch does
 * the same work.
 * Part 3, a fresh thread's warm-up: a new worker thread runs the grid's 64 points three times over
 * (index order); the excess of its first pass over its third is the JIT warm-up (code run in the
 * interpreter before V8 optimises it, and the optimising itself) that every worker of a sweep pays
 * for its own points.
 * Decompose with process-wide V8 flags, e.g. `node --single-threaded --import tsx …` (no helper threads).
 * Run: node --import tsx bench/sweep/contention.bench.ts [sweeps=2] [units=8] [rounds=5] [warm=40] [fresh=2]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { prepareScript, sweep, workerBundle } from 'brian-ts/sweep';

const [sweeps = 2, units = 8, rounds = 5, warm = 40, fresh = 2] = process.argv.slice(2).filter((a) => !a.startsWith('--')).map(Number);
const flags = process.execArgv.filter((a) => a.startsWith('--') && a !== '--import' && !a.startsWith('--import='));
console.log(`V8/node flags: ${flags.join(' ') || 'none'}`);

/** CPU ms of every thread of this process (and run-queue wait ms), by thread id. */
const threads = (): Map<number, [number, number]> => {
  const m = new Map<number, [number, number]>();
  for (const t of readdirSync('/proc/self/task')) {
    try {
      const [cpu, wait] = readFileSync(`/proc/self/task/${t}/schedstat`, 'utf8').split(' ').map(Number);
      m.set(Number(t), [cpu! / 1e6, wait! / 1e6]);
    } catch {
      // exited between the listing and the read
    }
  }
  return m;
};
const f0 = (x: number): string => x.toFixed(0);
const f1 = (x: number): string => x.toFixed(1);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

// Part 1: the real sweep.
const script = fileURLToPath(new URL('./brunel-hakim.model.ts', import.meta.url));
const linspace = (a: number, b: number, n: number): number[] => Array.from({ length: n }, (_, k) => a + ((b - a) * k) / (n - 1));
const grid = { muext: linspace(20, 30, 8).map((v) => `${v} mV`), sigmaext: linspace(0.5, 4, 8).map((v) => `${v} mV`) };
await workerBundle(prepareScript(script));
const before = new Set(threads().keys());
console.log('\n## Part 1: one sweep (64 points), CPU time of each thread (ms)');
console.log('| workers | wall | points: sum of their wall times | main thread | worker threads | other threads (V8 helpers, libuv) |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (let s = 0; s < sweeps; s++) {
  for (const workers of [1, 2]) {
    const base = threads();
    const last = new Map(base);
    const timer = setInterval(() => {
      for (const [t, v] of threads()) last.set(t, v);
    }, 20);
    const out = mkdtempSync(join(tmpdir(), 'brian-ts-contention-'));
    const t0 = performance.now();
    const r = await sweep(script, grid, { workers, out, seed: 1, progress: false });
    const wall = performance.now() - t0;
    clearInterval(timer);
    for (const [t, v] of threads()) last.set(t, v);
    rmSync(out, { recursive: true, force: true });
    let main = 0;
    let helpers = 0;
    const own: number[] = [];
    for (const [t, [cpu]] of last) {
      const d = cpu - (base.get(t)?.[0] ?? 0);
      if (t === process.pid) main += d;
      else if (before.has(t)) helpers += d;
      else if (d > 50) own.push(d);
      else helpers += d;
    }
    const points = r.rows.reduce((a, x) => a + x.elapsed, 0) * 1000;
    console.log(`| ${workers} | ${f0(wall)} | ${f0(points)} | ${f0(main)} | ${own.map(f0).join(', ')} | ${f0(helpers)} |`);
  }
}

// Part 2: steady state, identical points.
const tsxApi = import.meta.resolve('tsx/esm/api');
const entry = new URL('./contention-worker.ts', import.meta.url).href;
const start = (): Worker =>
  new Worker("const { workerData } = require('node:worker_threads'); import(workerData.tsxApi).then((api) => { api.register(); return import(workerData.entry); });", { eval: true, workerData: { tsxApi, entry } });
interface Batch {
  wall: number;
  cpu: number;
  wait: number;
  times: number[];
}
const ask = (w: Worker, n: number, same = true): Promise<Batch> =>
  new Promise((resolve) => {
    w.once('message', resolve);
    w.postMessage({ units: n, same, times: !same });
  });
const total = (): number => [...threads().values()].reduce((a, [cpu]) => a + cpu, 0);
const [a, b] = [start(), start()];
await Promise.all([ask(a, warm), ask(b, warm)]);
const rows: { mode: string; wall: number; cpu: number; wait: number; other: number }[] = [];
for (let r = 0; r < rounds; r++) {
  let c0 = total();
  const x = await ask(a, units);
  const y = await ask(b, units);
  rows.push({ mode: 'alone', wall: (x.wall + y.wall) / 2 / units, cpu: (x.cpu + y.cpu) / 2 / units, wait: (x.wait + y.wait) / 2 / units, other: (total() - c0 - x.cpu - y.cpu) / 2 / units });
  c0 = total();
  const [u, v] = await Promise.all([ask(a, units), ask(b, units)]);
  rows.push({ mode: 'both', wall: Math.max(u.wall, v.wall) / units, cpu: (u.cpu + v.cpu) / 2 / units, wait: (u.wait + v.wait) / 2 / units, other: (total() - c0 - u.cpu - v.cpu) / 2 / units });
}
await Promise.all([a.terminate(), b.terminate()]);
console.log(`\n## Part 2: steady state after ${warm} points per worker; ${rounds} rounds of ${units} identical points; medians per point (ms)`);
console.log('| run | wall | worker thread CPU | its run-queue wait | other threads\' CPU (per worker) |');
console.log('| --- | --- | --- | --- | --- |');
const stat: Record<string, { wall: number; cpu: number; wait: number; other: number }> = {};
for (const mode of ['alone', 'both']) {
  const m = rows.filter((r) => r.mode === mode);
  stat[mode] = { wall: median(m.map((r) => r.wall)), cpu: median(m.map((r) => r.cpu)), wait: median(m.map((r) => r.wait)), other: median(m.map((r) => r.other)) };
  const s = stat[mode]!;
  console.log(`| ${mode === 'alone' ? 'one worker at a time' : 'two at once (the slower)'} | ${f1(s.wall)} | ${f1(s.cpu)} | ${f1(s.wait)} | ${f1(s.other)} |`);
}
const minWall = (mode: string): number => Math.min(...rows.filter((r) => r.mode === mode).map((r) => r.wall));
console.log(
  `\nthroughput speed-up of two at once: ${((2 * stat['alone']!.wall) / stat['both']!.wall).toFixed(2)}x (medians), ${((2 * minWall('alone')) / minWall('both')).toFixed(2)}x (minima); ` +
    `a worker thread's own CPU per point ${f1(stat['alone']!.cpu)} alone, ${f1(stat['both']!.cpu)} with the other running`,
);

// Part 3: a fresh thread's warm-up.
console.log(`\n## Part 3: a fresh worker thread runs the 64-point grid three times (ms); ${fresh} thread(s), one at a time`);
console.log('| thread | pass 1 | pass 2 | pass 3 | first 32 points of pass 1 | the same 32 in pass 3 | warm-up: pass 1 - pass 3 |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
const sum = (xs: number[]): number => xs.reduce((p, q) => p + q, 0);
for (let k = 0; k < fresh; k++) {
  const w = start();
  const { times } = await ask(w, 192, false);
  await w.terminate();
  const pass = [0, 1, 2].map((r) => sum(times.slice(64 * r, 64 * r + 64)));
  console.log(`| ${k + 1} | ${pass.map(f0).join(' | ')} | ${f0(sum(times.slice(0, 32)))} | ${f0(sum(times.slice(128, 160)))} | ${f0(pass[0]! - pass[2]!)} |`);
}
