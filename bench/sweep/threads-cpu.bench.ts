/**
 * Question (issue 12, session 9): during a local sweep, which threads use the CPU — the main
 * thread (messages, shard lines, per-point .npz, the table), the worker threads (points), or V8's
 * shared platform threads (concurrent compilation, GC helpers of every isolate)? With 2 workers on
 * 2 cores, all CPU besides the two workers' own takes time from a point.
 * Linux's per-thread `schedstat` (ns on CPU) of every thread of this process, polled every 100 ms
 * (a worker's thread ends when the sweep closes its pool); threads present before the sweep other
 * than the main thread are V8's platform pool (libuv's pool is not used: writes are synchronous).
 * Runs the sweep bench's 64-point sweep (brunel-hakim.model.ts, an output folder) with 1 and 2
 * workers, alternating, `repeats` times; prints each run. `--compile-ab` adds 2 workers with V8's
 * concurrent recompilation kept on (BRIAN_TS_SWEEP_CONCURRENT_COMPILE=1; src/sweep/osr.ts turns it
 * off for a pool with a worker per core). Polling costs the main thread ≈ 0.3 ms per poll.
 * Run: node --import tsx bench/sweep/threads-cpu.bench.ts [points_per_axis=8] [repeats=3] [--compile-ab] [--paper]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareScript, sweep, workerBundle } from 'brian-ts/sweep';

const [perAxis = 8, repeats = 3] = process.argv.slice(2).filter((a) => !a.startsWith('--')).map(Number);
// --paper: the paper-size model (sweep.bench.ts --size=paper; session 10).
const script = fileURLToPath(new URL(process.argv.includes('--paper') ? './brunel-hakim-paper.model.ts' : './brunel-hakim.model.ts', import.meta.url));
const linspace = (a: number, b: number, n: number): number[] => Array.from({ length: n }, (_, k) => (n === 1 ? a : a + ((b - a) * k) / (n - 1)));
const grid = { muext: linspace(20, 30, perAxis).map((v) => `${v} mV`), sigmaext: linspace(0.5, 4, perAxis).map((v) => `${v} mV`) };

/** ns on CPU per thread id, now. */
function threads(): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of readdirSync('/proc/self/task')) {
    try {
      out.set(t, Number(readFileSync(`/proc/self/task/${t}/schedstat`, 'utf8').split(' ')[0]));
    } catch {
      // ended meanwhile
    }
  }
  return out;
}

async function once(workers: number, concurrentCompile = false): Promise<string> {
  if (concurrentCompile) process.env['BRIAN_TS_SWEEP_CONCURRENT_COMPILE'] = '1';
  else delete process.env['BRIAN_TS_SWEEP_CONCURRENT_COMPILE'];
  const out = mkdtempSync(join(tmpdir(), 'brian-ts-threads-cpu-'));
  const before = threads();
  const last = new Map(before);
  const poll = (): void => {
    for (const [t, ns] of threads()) last.set(t, ns);
  };
  const timer = setInterval(poll, 100);
  const t0 = performance.now();
  try {
    await sweep(script, grid, { workers, out, seed: 1, progress: false });
  } finally {
    clearInterval(timer);
    rmSync(out, { recursive: true, force: true });
    delete process.env['BRIAN_TS_SWEEP_CONCURRENT_COMPILE'];
  }
  const wall = performance.now() - t0;
  poll();
  const pid = String(process.pid);
  const d = (t: string): number => ((last.get(t) ?? 0) - (before.get(t) ?? 0)) / 1e6;
  const main = d(pid);
  const platform = [...before.keys()].filter((t) => t !== pid).reduce((s, t) => s + d(t), 0);
  const fresh = [...last.keys()].filter((t) => !before.has(t)).map(d).filter((x) => x > 1).sort((a, b) => b - a);
  const total = main + platform + fresh.reduce((a, b) => a + b, 0);
  return `| ${workers}${concurrentCompile ? ', concurrent recompilation kept on' : ''} | ${wall.toFixed(0)} | ${main.toFixed(0)} | ${platform.toFixed(0)} | ${fresh.map((x) => x.toFixed(0)).join(', ')} | ${total.toFixed(0)} |`;
}

await workerBundle(prepareScript(script));
console.log(`${perAxis * perAxis}-point sweep; CPU ms per thread group`);
console.log('| workers | wall (ms) | main thread | V8 platform threads | worker threads | total |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (let k = 0; k < repeats; k++) {
  for (const w of [1, 2]) console.log(await once(w));
  if (process.argv.includes('--compile-ab')) console.log(await once(2, true));
}
