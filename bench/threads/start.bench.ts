/**
 * Question (issue 10, session 12): what does starting a worker cost now, from the TypeScript
 * sources (the worker loads the library through tsx) and from dist/ (plain JavaScript) — the cost
 * that threads: 'auto' weighs against a run's saving (WORKER_START_MS in src/devices/threads.ts)?
 * And is 'auto''s choice right for a run near the threshold (LIF 10⁶ for 0.2 s), counting what a
 * user waits for: `net.run()` from its call, the workers' start included?
 * Each measurement is a fresh process (library loaded from `src` or `dist`):
 *   start: `startThreads(2)` (one worker) — the first in the process (cold), then after
 *          `shutdownThreads()` a second one (warm: the library's files read before) — ms each;
 *   run:   LIF N for D s with threads 1, 2 or 'auto' — `net.run()`'s wall time from its call (ms),
 *          the part spent starting workers, and the threads the run used.
 * Run: node --import tsx bench/threads/start.bench.ts [reps=5] [N=1000000] [D=0.2]
 *      (dist/ must be built: npm run build)
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

type Lib = typeof import('../../src/index.ts') & { threadStartMilliseconds?: () => number };

async function load(from: string): Promise<{ lib: Lib; startMs: () => number }> {
  if (from === 'dist') {
    const lib = (await import(new URL('../../dist/index.js', import.meta.url).href)) as Lib;
    const devices = (await import(new URL('../../dist/devices/index.js', import.meta.url).href)) as { threadStartMilliseconds: () => number };
    return { lib, startMs: devices.threadStartMilliseconds };
  }
  const lib = (await import('../../src/index.ts')) as Lib;
  const devices = await import('../../src/devices/index.ts');
  return { lib, startMs: devices.threadStartMilliseconds };
}

if (process.argv[2] === '--child') {
  const [mode, from, threads, N, D] = process.argv.slice(3) as [string, string, string, string, string];
  const { lib, startMs } = await load(from);
  if (mode === 'start') {
    const t0 = performance.now();
    await lib.startThreads(2);
    const cold = performance.now() - t0;
    lib.shutdownThreads();
    const t1 = performance.now();
    await lib.startThreads(2);
    const warm = performance.now() - t1;
    lib.shutdownThreads();
    console.log(JSON.stringify({ cold_ms: cold, warm_ms: warm }));
  } else {
    const { NeuronGroup, Network, SpikeMonitor, defaultclock, ms, second, seed, lastThreadRun } = lib;
    seed(12345);
    defaultclock.dt = ms(0.1);
    const G = new NeuronGroup(Number(N), 'dv/dt = (v_inf - v)/tau : 1', { threshold: 'v > 1', reset: 'v = 0', method: 'exact', namespace: { tau: ms(10), v_inf: 1.1 } });
    G.v = 'rand()';
    const S = new SpikeMonitor(G, { record: false });
    const net = new Network(G, S);
    const t0 = performance.now();
    net.run(second(Number(D)), { threads: threads === 'auto' ? 'auto' : Number(threads) });
    const wall = performance.now() - t0;
    console.log(JSON.stringify({ run_ms: wall, start_ms: startMs(), threads_used: lastThreadRun().threads, spikes: S.numSpikes }));
    lib.shutdownThreads();
  }
} else {
  const reps = Number(process.argv[2] ?? 5);
  const N = process.argv[3] ?? '1000000';
  const D = process.argv[4] ?? '0.2';
  const self = fileURLToPath(import.meta.url);
  const child = (args: string[]): Record<string, number> => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', ...args], { encoding: 'utf8', env: process.env });
    const line = r.stdout.trim().split('\n').filter((l) => l.startsWith('{')).at(-1);
    if (r.status !== 0 || line === undefined) throw new Error(`child ${args.join(' ')} failed: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    return JSON.parse(line) as Record<string, number>;
  };
  const rows: Record<string, number[]> = {};
  const add = (key: string, x: number): void => void (rows[key] ??= []).push(x);
  for (let k = 0; k < reps; k++) {
    for (const from of ['src', 'dist']) {
      const s = child(['start', from, '2', N, D]);
      add(`${from} start cold ms`, s['cold_ms']!);
      add(`${from} start warm ms`, s['warm_ms']!);
      for (const threads of ['1', '2', 'auto']) {
        const r = child(['run', from, threads, N, D]);
        add(`${from} run threads=${threads} ms`, r['run_ms']!);
        if (threads !== '1') add(`${from} run threads=${threads} starting ms`, r['start_ms']!);
        add(`${from} run threads=${threads} used`, r['threads_used']!);
      }
    }
  }
  console.log(`# worker start and LIF ${N} for ${D} s (net.run() from its call), min / median of ${reps} fresh processes\n`);
  console.log('| measurement | min | median | all |');
  console.log('| --- | --- | --- | --- |');
  for (const [key, xs] of Object.entries(rows)) {
    const s = [...xs].sort((a, b) => a - b);
    console.log(`| ${key} | ${s[0]!.toFixed(1)} | ${s[s.length >> 1]!.toFixed(1)} | ${xs.map((x) => x.toFixed(0)).join(' ')} |`);
  }
}
