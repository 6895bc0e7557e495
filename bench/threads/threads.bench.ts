/**
 * Question (issue 10): how much faster is brian-ts on 2 threads than on 1, and how does it compare
 * with Brian2 2.5.1 cpp_standalone on 1 and 2 OpenMP threads, model by model?
 *
 * Method: every measurement is a fresh process running an existing benchmark's child mode —
 * brian-ts with BRIAN_TS_THREADS=1 or 2, Brian2 cpp_standalone with BRIAN_BENCH_OPENMP_THREADS=1
 * or 2 (prefs.devices.cpp_standalone.openmp_threads) — the four back to back per row, repeated
 * `reps` times, taking the minimum wall time of the simulation loop (`run_wall_s`: CPU time adds
 * up over threads, so it cannot show a speed-up). brian-ts's two runs must report the same spike
 * count (the results are bit-identical); Brian2's may differ (its results depend on the thread count).
 *
 * A column runs brian-ts with the default 'auto' (the available cores where the per-step
 * work pays, one thread elsewhere) and says how many threads it used. The like-for-like row
 * against Brian2: cpp_standalone compiles with -ffast-math by default, so the last columns run
 * brian-ts on 1 and 2 threads in fast mode (BRIAN_TS_FAST_MATH=1: prefs.fastMath, with the
 * WebAssembly kernels where they apply; its 1 → 2 thread speed-up since session 8) and divide the
 * 2 threads by Brian2's 2 threads. Fast mode may change results (its spike count is not compared).
 *
 * Run: node --import tsx bench/threads/threads.bench.ts [filter] [reps=1]   (filter: a substring of
 *   the row's name, or '^' + its start)
 *   BENCH_DURATION_SCALE=0.2 shortens every row; BRIAN2_TARGETS= (empty) skips Brian2;
 *   BRIAN2_IEEE=1 adds Brian2 on 2 OpenMP threads compiled without -ffast-math (IEEE arithmetic,
 *   BRIAN_BENCH_NO_FAST_MATH=1) and brian-ts's exact 2 threads against it: the exact-vs-exact row;
 *   BRIAN_TS_THREAD_PROFILE=1 adds, per row, where the fastest 2-thread run's time went: µs per
 *   execution of each split code object on the main thread (own range / waiting) and on the
 *   worker (start latency / busy / tail), and the run's CPU time against its wall time.
 *   --ceiling adds, per row and repetition, right after the 1-thread run, TWO brian-ts 1-thread
 *   children of the row at once (see measurePair): the host's ceiling = 2 × T1 / max(wall_a, wall_b),
 *   the speed-up a split with no synchronisation at all could reach on this host at that moment.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg } from 'node:os';
import { parseLast } from '../neurongroup/harness.ts';

interface Row {
  name: string;
  /** Benchmark file (relative to bench/) and its child arguments. */
  ts: [file: string, args: (scale: number) => string[]];
  /** Brian2 script (relative to bench/) and its arguments after TARGET. */
  py: [file: string, args: (scale: number) => string[]];
}

const d = (s: number, scale: number): string => String(+(s * scale).toPrecision(6));
const ROWS: Row[] = [
  { name: 'COBAHH 4000, 1 s', ts: ['synapses/cobahh.bench.ts', (k) => [d(1, k), '4000']], py: ['synapses/brian2/cobahh.py', (k) => [d(1, k), '4000']] },
  { name: 'HH 4000, 1 s', ts: ['neurongroup/hh.bench.ts', (k) => ['4000', d(1, k)]], py: ['neurongroup/brian2/hh.py', (k) => ['4000', d(1, k)]] },
  { name: 'HH 10^5, 0.1 s', ts: ['neurongroup/hh.bench.ts', (k) => ['100000', d(0.1, k)]], py: ['neurongroup/brian2/hh.py', (k) => ['100000', d(0.1, k)]] },
  { name: 'LIF 10^5, 1 s', ts: ['neurongroup/lif-scaling.bench.ts', (k) => ['100000', d(1, k)]], py: ['neurongroup/brian2/lif_scaling.py', (k) => ['100000', d(1, k)]] },
  { name: 'LIF 10^6, 0.2 s', ts: ['neurongroup/lif-scaling.bench.ts', (k) => ['1000000', d(0.2, k)]], py: ['neurongroup/brian2/lif_scaling.py', (k) => ['1000000', d(0.2, k)]] },
  { name: 'CUBA 4000, 1 s', ts: ['synapses/cuba.bench.ts', (k) => [d(1, k), '4000']], py: ['synapses/brian2/cuba.py', (k) => [d(1, k), '4000']] },
  { name: 'CUBA 40000, 0.2 s', ts: ['synapses/cuba.bench.ts', (k) => [d(0.2, k), '40000']], py: ['synapses/brian2/cuba.py', (k) => [d(0.2, k), '40000']] },
  { name: 'Brunel 2000 (12500), 0.5 s', ts: ['synapses/brunel.bench.ts', (k) => [d(0.5, k), '1']], py: ['synapses/brian2/brunel.py', (k) => [d(0.5, k), '1', 'B']] },
  { name: 'STDP 1000 inputs, 10 s', ts: ['synapses/stdp.bench.ts', (k) => [d(10, k), '1000']], py: ['synapses/brian2/stdp.py', (k) => [d(10, k), '1000']] },
  { name: 'HH axon 1000 compartments, 50 ms', ts: ['spatial/hh-axon.bench.ts', (k) => ['1000', d(0.05, k)]], py: ['spatial/brian2/hh_axon.py', (k) => ['1000', d(0.05, k)]] },
];

interface Result {
  wall?: number;
  cpu?: number;
  spikes?: number;
  threads?: number;
  barriers?: number;
  profile?: { name: string; executions: number; main: number; wait: number; missed_pct?: number; workers: { latency: number; busy: number; tail: number; slept_pct?: number; polling_latency?: number }[] }[];
  /** Per-step wall time (µs) of the threaded run: percentiles and the slow steps (see ThreadStepProfile). */
  steps?: { p50: number; p90: number; p99: number; mean: number; slow_pct: number; slow_excess: number; slow_slept_pct: number; slow_missed_pct: number; slow_main_pct: number };
  /** The loop's start and end, ms since the epoch (the children's loopEpochs). */
  start?: number;
  end?: number;
  error?: string;
}

function result(status: number | null, stdout: string, stderr: string, error?: Error): Result {
  const out = parseLast(stdout);
  if (status !== 0 || out === undefined || typeof out['run_wall_s'] !== 'number') {
    return { error: (stderr || stdout || String(error)).trim().split('\n').slice(-2).join(' | ').slice(0, 200) };
  }
  const num = (k: string): number | undefined => (typeof out[k] === 'number' ? (out[k] as number) : undefined);
  return {
    wall: out['run_wall_s'] as number,
    cpu: num('run_cpu_s'),
    spikes: num('spikes'),
    threads: num('threads_used'),
    barriers: num('barriers_per_step'),
    profile: out['split_us_per_execution'] as Result['profile'],
    steps: out['step_us'] as Result['steps'],
    start: num('loop_start_epoch_ms'),
    end: num('loop_end_epoch_ms'),
  };
}

function measure(cmd: string, args: string[], env: Record<string, string>): Result {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env, PYTHONWARNINGS: 'ignore' }, maxBuffer: 1 << 24 });
  return result(r.status, r.stdout, r.stderr, r.error);
}

/**
 * Two children at once, their loops started together: each blocks at its first step
 * (BENCH_START_GATE=1, harness.ts startGate) until both have said they are ready, then both are
 * released by one line on stdin. Why gated: the children's start-up (tsx's compile, construction,
 * code generation) takes 0.5–2 s and varies by hundreds of ms, so two children merely spawned
 * together would run their loops partly alone — a short row's loops (LIF 10⁵: 0.4 s) might barely
 * overlap and show 2× for nothing. Gated, both loops run side by side from their first step; the
 * slower one may still run its end alone, as the slower thread of a split does, so
 * max(wall_a, wall_b) is what a perfectly parallel split would take for twice the work. The
 * overlap of the two loops (common time / the longer loop) is reported to show it.
 */
async function measurePair(args: string[], env: Record<string, string>): Promise<[Result, Result]> {
  const children = [0, 1].map(() => spawn(process.execPath, args, { env: { ...process.env, ...env, BENCH_START_GATE: '1' }, stdio: ['pipe', 'pipe', 'pipe'] }));
  let ready = 0;
  const release = (): void => {
    for (const c of children) c.stdin.end('go\n');
  };
  const done = children.map(
    (c) =>
      new Promise<Result>((resolve) => {
        let stdout = '';
        let stderr = '';
        let said = false;
        c.stdout.setEncoding('utf8').on('data', (x: string) => (stdout += x));
        c.stderr.setEncoding('utf8').on('data', (x: string) => {
          stderr += x;
          if (!said && stderr.includes('BENCH_READY\n')) {
            said = true;
            if (++ready === 2) release();
          }
        });
        c.stdin.on('error', () => {}); // a child that failed early has closed its stdin
        c.on('error', (e) => resolve({ error: String(e) }));
        c.on('close', (status) => {
          // A child that ended before its gate must not leave the other waiting.
          if (!said) release();
          resolve(result(status, stdout, stderr.replace(/BENCH_READY\n/g, '')));
        });
      }),
  );
  const [a, b] = await Promise.all(done);
  return [a!, b!];
}

const bench = (p: string): string => fileURLToPath(new URL(`../${p}`, import.meta.url));
const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const filter = positional[0] ?? '';
const reps = Number(positional[1] ?? 1);
const withCeiling = process.argv.includes('--ceiling');
const scale = Number(process.env['BENCH_DURATION_SCALE'] ?? 1);
const withBrian2 = process.env['BRIAN2_TARGETS'] === undefined || process.env['BRIAN2_TARGETS'].includes('cpp_standalone');
const withIeee = withBrian2 && process.env['BRIAN2_IEEE'] === '1';

const fmt = (x: number | undefined, digits = 3): string => (x === undefined ? '—' : x.toFixed(digits));
console.log(`# brian-ts threads vs Brian2 cpp_standalone OpenMP (${cpus().length} cores, load ${loadavg().map((x) => x.toFixed(1)).join(' ')}, duration scale ${scale}, min of ${reps})\n`);
const profiles: string[] = [];
const ceilingHead = withCeiling ? ' two 1T at once s (max of the two) | ceiling (per rep) | speed-up / ceiling | loops overlap |' : '';
console.log(`| model | brian-ts 1T s | brian-ts 2T s | speed-up | same spikes | Brian2 1T s | Brian2 2T s | Brian2 speed-up | brian-ts 2T / Brian2 2T | brian-ts 'auto' s (threads) | brian-ts fast 1T s | brian-ts fast 2T s | fast speed-up | fast 2T / Brian2 2T |${withIeee ? ' Brian2 2T IEEE s | brian-ts 2T / Brian2 2T IEEE |' : ''}${ceilingHead}`);
console.log(`| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |${withIeee ? ' --- | --- |' : ''}${withCeiling ? ' --- | --- | --- | --- |' : ''}`);
for (const row of ROWS) {
  // A filter starting with '^' matches the start of a row's name ('^HH 4000' is not COBAHH 4000).
  const name = row.name.toLowerCase();
  const f = filter.toLowerCase();
  if (f.startsWith('^') ? !name.startsWith(f.slice(1)) : !name.includes(f)) continue;
  const best: Record<string, Result> = {};
  const keep = (key: string, r: Result): void => {
    const b = best[key];
    if (b === undefined || (r.wall !== undefined && (b.wall === undefined || r.wall < b.wall))) best[key] = r;
  };
  // --ceiling: per repetition, 2 × T1 / max of the pair (the same repetition's T1); the pair's max
  // wall (min over reps, as the other columns) and the smallest overlap of the two loops.
  const ceilings: number[] = [];
  const pairs: (number | undefined)[] = [];
  const t2s: (number | undefined)[] = [];
  let pairBest: number | undefined;
  let overlap = Infinity;
  const pairErrors: string[] = [];
  for (let k = 0; k < reps; k++) {
    for (const threads of [1, 2]) {
      const tsRun = measure(process.execPath, ['--import', 'tsx', bench(row.ts[0]), '--child', ...row.ts[1](scale)], { BRIAN_TS_THREADS: String(threads), BENCH_SPAWN_EPOCH_MS: String(Date.now()) });
      keep(`ts${threads}`, tsRun);
      if (threads === 2) t2s[k] = tsRun.wall;
      if (withCeiling && threads === 1) {
        const [a, b] = await measurePair(['--import', 'tsx', bench(row.ts[0]), '--child', ...row.ts[1](scale)], { BRIAN_TS_THREADS: '1' });
        if (a.wall === undefined || b.wall === undefined || tsRun.wall === undefined) pairErrors.push(...[a.error, b.error].filter((e) => e !== undefined));
        else {
          const longer = Math.max(a.wall, b.wall);
          ceilings.push((2 * tsRun.wall) / longer);
          pairs[k] = longer;
          pairBest = Math.min(pairBest ?? Infinity, longer);
          if (a.start !== undefined && b.start !== undefined && a.end !== undefined && b.end !== undefined) {
            overlap = Math.min(overlap, Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start)) / (Math.max(a.end - a.start, b.end - b.start)));
          }
          if (a.spikes !== tsRun.spikes || b.spikes !== tsRun.spikes) pairErrors.push(`pair spikes ${a.spikes}/${b.spikes} vs ${tsRun.spikes}`);
        }
      }
      keep(`tsfast${threads}`, measure(process.execPath, ['--import', 'tsx', bench(row.ts[0]), '--child', ...row.ts[1](scale)], { BRIAN_TS_THREADS: String(threads), BRIAN_TS_FAST_MATH: '1', BENCH_SPAWN_EPOCH_MS: String(Date.now()) }));
      if (threads === 2) keep('tsauto', measure(process.execPath, ['--import', 'tsx', bench(row.ts[0]), '--child', ...row.ts[1](scale)], { BRIAN_TS_THREADS: 'auto', BENCH_SPAWN_EPOCH_MS: String(Date.now()) }));
      if (withBrian2) keep(`py${threads}`, measure('/usr/bin/python3', [bench(row.py[0]), 'cpp_standalone', ...row.py[1](scale)], { BRIAN_BENCH_OPENMP_THREADS: String(threads) }));
      if (withIeee && threads === 2) keep('pyieee2', measure('/usr/bin/python3', [bench(row.py[0]), 'cpp_standalone', ...row.py[1](scale)], { BRIAN_BENCH_OPENMP_THREADS: '2', BRIAN_BENCH_NO_FAST_MATH: '1' }));
    }
  }
  const { ts1, ts2, py1, py2, tsauto, tsfast1, tsfast2, pyieee2 } = best as Record<'ts1' | 'ts2' | 'py1' | 'py2' | 'tsauto' | 'tsfast1' | 'tsfast2' | 'pyieee2', Result | undefined>;
  const ratio = (a?: number, b?: number): string => (a === undefined || b === undefined ? '—' : (a / b).toFixed(2));
  const errors = [...[ts1, ts2, py1, py2, tsauto, tsfast1, tsfast2, pyieee2].map((r) => r?.error).filter((e) => e !== undefined), ...pairErrors];
  // The ceiling from the minima, as the speed-up column (min T1 / min T2); the per-repetition values after it.
  // speed-up / ceiling = pair's max wall / (2 × T2): brian-ts's 2-thread throughput against two independent copies'
  // (T1 cancels); per repetition after it, each with its own pair and T2.
  const shares = pairs.flatMap((p, k) => (p === undefined || t2s[k] === undefined ? [] : [(p / (2 * t2s[k]!)).toFixed(2)]));
  const ceiling = ts1?.wall === undefined || pairBest === undefined ? undefined : (2 * ts1.wall) / pairBest;
  const ceilingCells = withCeiling
    ? ` ${fmt(pairBest)} | ${ceiling === undefined ? '—' : `${ceiling.toFixed(2)} (${ceilings.map((c) => c.toFixed(2)).join(' ')})`} | ${pairBest === undefined || ts2?.wall === undefined ? '—' : `${(pairBest / (2 * ts2.wall)).toFixed(2)} (${shares.join(' ')})`} | ${Number.isFinite(overlap) ? `${(100 * overlap).toFixed(1)} %` : '—'} |`
    : '';
  console.log(
    `| ${row.name} | ${fmt(ts1?.wall)} | ${fmt(ts2?.wall)} | ${ratio(ts1?.wall, ts2?.wall)} | ${ts1?.spikes === undefined ? '—' : ts1.spikes === ts2?.spikes && (tsauto?.spikes === undefined || tsauto.spikes === ts1.spikes) ? `yes (${ts1.spikes})` : `NO (${ts1.spikes} vs ${ts2?.spikes}, auto ${tsauto?.spikes})`} | ` +
      `${fmt(py1?.wall)} | ${fmt(py2?.wall)} | ${ratio(py1?.wall, py2?.wall)} | ${ratio(ts2?.wall, py2?.wall)} | ${fmt(tsauto?.wall)} (${tsauto?.threads ?? '—'}) | ${fmt(tsfast1?.wall)} | ${fmt(tsfast2?.wall)} | ${ratio(tsfast1?.wall, tsfast2?.wall)} | ${ratio(tsfast2?.wall, py2?.wall)} |${withIeee ? ` ${fmt(pyieee2?.wall)} | ${ratio(ts2?.wall, pyieee2?.wall)} |` : ''}${ceilingCells}${errors.length > 0 ? ` errors: ${errors.join('; ')}` : ''}`,
  );
  if (ts2?.profile !== undefined) {
    const parts = ts2.profile.map((p) => `${p.name} ×${p.executions}: main ${p.main}/${p.wait}${p.missed_pct ? ` (ran all, worker not joined: ${p.missed_pct} %)` : ''}, worker ${p.workers.map((w) => `${w.latency}/${w.busy}/${w.tail}${w.slept_pct !== undefined ? ` (asleep ${w.slept_pct} %, else latency ${w.polling_latency})` : ''}`).join(', ')}`);
    const st = ts2.steps;
    const steps = st === undefined ? '' : `; steps µs p50 ${st.p50} / p90 ${st.p90} / p99 ${st.p99} / mean ${st.mean}, ${st.slow_pct} % slow (> 2× p50; ${st.slow_excess} µs per step over p50; of them worker asleep ${st.slow_slept_pct} %, not joined ${st.slow_missed_pct} %, main's chunks slow ${st.slow_main_pct} %)`;
    profiles.push(`- ${row.name} (2 threads, wall ${fmt(ts2.wall)} s, CPU ${fmt(ts2.cpu)} s; 1 thread CPU ${fmt(ts1?.cpu)} s; ${ts2.barriers ?? '—'} barriers per step): ${parts.join('; ')}${steps}`);
  }
}
if (profiles.length > 0) {
  console.log('\nµs per execution, main own range / waiting, worker start latency / busy / tail (share of executions that found the worker asleep, start latency of the others) (BRIAN_TS_THREAD_PROFILE=1):\n');
  for (const line of profiles) console.log(line);
}
console.log(`\nload after: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
