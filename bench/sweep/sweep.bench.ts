/**
 * Question: how long does a 64-point parameter sweep of a small network take with brian-ts's
 * `sweep()` on 1 and on 2 worker threads, against the same sweep in Brian2 2.5.1 (runtime mode,
 * cython) with `multiprocessing.Pool(2)`? Targets (issue 12): 2-worker speed-up >= 1.8x; total
 * wall time below Brian2's.
 * Model: Brunel & Hakim (1999) with N = 1000, C = 100, 100 ms (./brunel-hakim.model.ts; Brian2:
 * ./brian2/brunel_hakim_sweep.py), over muext in [20, 30] mV x sigmaext in [0.5, 4] mV.
 * Wall time counts everything a user waits for in `sweep()`: finding the cached worker bundle,
 * starting the workers (each loads the bundle), every point's build, compilation and simulation,
 * writing the results (an output folder, as a user would). The bundle is built once before the
 * timed runs (like tsx's and cython's caches, warm for every timed run; the cold build is printed
 * separately), so 1 and 2 workers pay the same kind of start-up. The configurations alternate
 * (1, 2, 1, 2, …) `repeats` times and the minimum of each is reported (the machine is shared).
 * Besides wall time, each run's CPU time (process.cpuUsage: main thread and workers; esbuild not
 * included) and a phase breakdown: bundle lookup, each worker's start-up (start to model loaded),
 * the points' own time (sum over points, and the first points against the median: JIT warm-up).
 * `--no-reuse` adds the same runs with prefs.codeReuse off (BRIAN_TS_CODE_REUSE=0 in the workers'
 * environment: constants printed as literals, so every point generates and compiles new code — the
 * session-5 behaviour); `--ceiling` then runs ceiling.bench.ts (what 2 workers can give at all).
 * `--osr-ab` adds the same runs with V8's OSR kept on during the sweep (BRIAN_TS_SWEEP_OSR=1,
 * the behaviour before session 8's src/sweep/osr.ts), interleaved with the default runs.
 * `--compile-ab` adds the 2-worker run with V8's concurrent recompilation kept on
 * (BRIAN_TS_SWEEP_CONCURRENT_COMPILE=1, the behaviour before session 9: a pool with a worker per
 * core turns it off, src/sweep/osr.ts), interleaved with the default runs.
 * `--size=paper` sweeps the model at the size of Brian2's frompapers example instead (N = 5000,
 * C = 1000, 100 ms: ./brunel-hakim-paper.model.ts; the Brian2 script's size argument `paper`).
 * `--side=brian-ts` or `--side=brian2` runs one side only (a long sweep split into two locked
 * commands run back to back); `--rates-out=FILE` writes each side's per-point rates, and
 * `--compare=FILE` reads the other side's from such a file, for the agreement check.
 * `--brian2-repeats=R` runs Brian2's Pool(2) R times (minimum reported; default 1); `--pool1` adds
 * Brian2 with Pool(1), interleaved with Pool(2).
 * `--env-ab=NAME=VALUE` (repeatable) adds the 1- and 2-worker runs with NAME=VALUE in the environment
 * (a knob such as BRIAN_TS_SWEEP_YOUNG_MB=0), interleaved with the default runs.
 * `--recycle-ab` adds the 1- and 2-worker runs with the workers' buffer recycling off
 * (BRIAN_TS_SWEEP_RECYCLE=0: fresh synapse arrays every point, the behaviour before session 10's
 * src/util/recycle.ts), interleaved with the default runs.
 * Agreement: every brian-ts run gives bit-identical rates; brian-ts against Brian2 (other seeds,
 * so statistically): the grid's mean rate and each point's relative difference.
 * Run: node --import tsx bench/sweep/sweep.bench.ts [points_per_axis=8] [repeats=3] [--unbundled] [--no-reuse] [--ceiling] [--osr-ab] [--compile-ab] [--recycle-ab] [--env-ab=NAME=VALUE] [--size=small|paper] [--side=both|brian-ts|brian2] [--brian2-repeats=1] [--pool1] [--rates-out=FILE] [--compare=FILE]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareScript, sweep, workerBundle, type SweepResult } from 'brian-ts/sweep';
import { handOutOrder } from '../../src/sweep/order.ts';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const unbundled = process.argv.includes('--unbundled');
const noReuse = process.argv.includes('--no-reuse');
const ceiling = process.argv.includes('--ceiling');
const osrAb = process.argv.includes('--osr-ab');
const compileAb = process.argv.includes('--compile-ab');
const recycleAb = process.argv.includes('--recycle-ab');
// --env-ab=NAME=VALUE (repeatable): the 1- and 2-worker runs again with NAME=VALUE in the environment, interleaved.
const envAb = process.argv.filter((a) => a.startsWith('--env-ab=')).map((a) => a.slice('--env-ab='.length));
const option = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const size = option('size') ?? 'small';
if (size !== 'small' && size !== 'paper') throw new Error(`--size=${size}: expected small or paper`);
const side = option('side') ?? 'both';
if (side !== 'both' && side !== 'brian-ts' && side !== 'brian2') throw new Error(`--side=${side}: expected both, brian-ts or brian2`);
const brian2Repeats = Number(option('brian2-repeats') ?? 1);
const pool1 = process.argv.includes('--pool1');
const ratesOut = option('rates-out');
const compareWith = option('compare');
const perAxis = Number(args[0] ?? 8);
const repeats = Number(args[1] ?? 3);
const script = fileURLToPath(new URL(size === 'paper' ? './brunel-hakim-paper.model.ts' : './brunel-hakim.model.ts', import.meta.url));
const sizeLabel = size === 'paper' ? 'N=5000 C=1000 100 ms (the frompapers example)' : 'N=1000 C=100 100 ms';
const linspace = (a: number, b: number, n: number): number[] => Array.from({ length: n }, (_, k) => (n === 1 ? a : a + ((b - a) * k) / (n - 1)));
const grid = { muext: linspace(20, 30, perAxis).map((v) => `${v} mV`), sigmaext: linspace(0.5, 4, perAxis).map((v) => `${v} mV`) };
const points = perAxis * perAxis;
const load = (): string => loadavg().map((x) => x.toFixed(1)).join(' ');

interface Run {
  readonly wall: number;
  readonly cpu: number;
  readonly rates: number[];
  readonly result?: SweepResult;
}

async function briants(workers: number, bundle: boolean, reuse = true, osr = false, concurrentCompile = false, recycle = true, env: Record<string, string> = {}): Promise<Run> {
  const out = mkdtempSync(join(tmpdir(), 'brian-ts-sweep-bench-'));
  const savedEnv = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const saved = process.env['BRIAN_TS_CODE_REUSE'];
  // Read by sweep() in this thread: keep V8's concurrent recompilation on with a worker per core (src/sweep/osr.ts).
  if (concurrentCompile) process.env['BRIAN_TS_SWEEP_CONCURRENT_COMPILE'] = '1';
  else delete process.env['BRIAN_TS_SWEEP_CONCURRENT_COMPILE'];
  // Worker threads start with a copy of this environment (prefs.codeReuse is read there).
  process.env['BRIAN_TS_CODE_REUSE'] = reuse ? '1' : '0';
  // Read by each worker (src/sweep/serve.ts): recycle large buffers between points.
  if (recycle) delete process.env['BRIAN_TS_SWEEP_RECYCLE'];
  else process.env['BRIAN_TS_SWEEP_RECYCLE'] = '0';
  // Read by sweep() in this thread: keep V8's OSR on during the sweep (src/sweep/osr.ts).
  if (osr) process.env['BRIAN_TS_SWEEP_OSR'] = '1';
  else delete process.env['BRIAN_TS_SWEEP_OSR'];
  try {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await sweep(script, grid, { workers, out, seed: 1, progress: false, bundle });
    const wall = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    if (r.failed > 0) throw new Error(`${r.failed} points failed: ${r.rows.find((x) => x.error)?.error?.message}`);
    return { wall, cpu: (c.user + c.system) / 1e6, rates: r.rows.map((x) => x.values['rate']!), result: r };
  } finally {
    if (saved === undefined) delete process.env['BRIAN_TS_CODE_REUSE'];
    else process.env['BRIAN_TS_CODE_REUSE'] = saved;
    delete process.env['BRIAN_TS_SWEEP_CONCURRENT_COMPILE'];
    delete process.env['BRIAN_TS_SWEEP_RECYCLE'];
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(out, { recursive: true, force: true });
  }
}

function brian2(processes: number): Run {
  const py = fileURLToPath(new URL('./brian2/brunel_hakim_sweep.py', import.meta.url));
  const r = spawnSync('/usr/bin/python3', [py, String(perAxis), String(processes), size], { encoding: 'utf8', timeout: 3_600_000 });
  if (r.status !== 0) throw new Error(`Brian2 failed: ${r.stderr.slice(-500)}`);
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { wall_s: number; cpu_s?: number; rates: number[] };
  return { wall: out.wall_s, cpu: out.cpu_s ?? NaN, rates: out.rates };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const ms = (s: number): string => (s * 1000).toFixed(0);

console.log(`${points}-point sweep, Brunel & Hakim ${sizeLabel}; ${repeats} repeat(s) (Brian2: ${brian2Repeats}), minimum reported; load average before: ${load()}`);
// The bundle, built (or found) once: the cold build is what a changed script costs once.
const bundle = await workerBundle(prepareScript(script));
console.log('reason' in bundle ? `no worker bundle: ${bundle.reason}` : `worker bundle ${bundle.built ? 'built' : 'found in the cache'} in ${ms(bundle.ms / 1000)} ms: ${bundle.file}`);

const configs: { label: string; run: () => Promise<Run> | Run }[] = [];
if (side !== 'brian2') {
  configs.push({ label: 'brian-ts sweep(), 1 worker', run: () => briants(1, true) });
  configs.push({ label: 'brian-ts sweep(), 2 workers', run: () => briants(2, true) });
}
if (noReuse) {
  configs.push({ label: 'brian-ts sweep(), 1 worker, code reuse off', run: () => briants(1, true, false) });
  configs.push({ label: 'brian-ts sweep(), 2 workers, code reuse off', run: () => briants(2, true, false) });
}
if (osrAb) {
  configs.push({ label: 'brian-ts sweep(), 1 worker, OSR kept on', run: () => briants(1, true, true, true) });
  configs.push({ label: 'brian-ts sweep(), 2 workers, OSR kept on', run: () => briants(2, true, true, true) });
}
if (compileAb) configs.push({ label: 'brian-ts sweep(), 2 workers, concurrent recompilation kept on', run: () => briants(2, true, true, false, true) });
if (recycleAb) {
  configs.push({ label: 'brian-ts sweep(), 1 worker, recycling off', run: () => briants(1, true, true, false, false, false) });
  configs.push({ label: 'brian-ts sweep(), 2 workers, recycling off', run: () => briants(2, true, true, false, false, false) });
}
for (const kv of envAb) {
  const [name, value] = [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)];
  configs.push({ label: `brian-ts sweep(), 1 worker, ${kv}`, run: () => briants(1, true, true, false, false, true, { [name]: value }) });
  configs.push({ label: `brian-ts sweep(), 2 workers, ${kv}`, run: () => briants(2, true, true, false, false, true, { [name]: value }) });
}
if (unbundled) {
  configs.push({ label: 'brian-ts sweep(), 1 worker, unbundled', run: () => briants(1, false) });
  configs.push({ label: 'brian-ts sweep(), 2 workers, unbundled', run: () => briants(2, false) });
}
const best = new Map<string, Run>();
for (let k = 0; k < repeats; k++) {
  for (const c of configs) {
    const r = await c.run();
    console.log(`  ${c.label}: ${r.wall.toFixed(2)} s (CPU ${r.cpu.toFixed(2)})`);
    const b = best.get(c.label);
    if (b === undefined || r.wall < b.wall) best.set(c.label, r);
  }
}
// Brian2 after brian-ts (as before session 9): R runs of Pool(2), interleaved with Pool(1) when asked.
const b2Configs: { label: string; run: () => Run }[] = [];
if (side !== 'brian-ts') {
  b2Configs.push({ label: 'Brian2 2.5.1 cython, Pool(2)', run: () => brian2(2) });
  if (pool1) b2Configs.push({ label: 'Brian2 2.5.1 cython, Pool(1)', run: () => brian2(1) });
}
for (let k = 0; k < brian2Repeats; k++) {
  for (const c of b2Configs) {
    const r = c.run();
    console.log(`  ${c.label}: ${r.wall.toFixed(2)} s`);
    const b = best.get(c.label);
    if (b === undefined || r.wall < b.wall) best.set(c.label, r);
  }
}
const other = compareWith === undefined ? {} : (JSON.parse(readFileSync(compareWith, 'utf8')) as { briants?: number[]; brian2?: number[] });
const ratesOf = { briants: best.get('brian-ts sweep(), 1 worker')?.rates ?? other.briants, brian2: best.get('Brian2 2.5.1 cython, Pool(2)')?.rates ?? other.brian2 };
if (ratesOut !== undefined) writeFileSync(ratesOut, JSON.stringify(ratesOf));

console.log('| run | wall time (s) | CPU time (s) | per point: wall (s) | per point: CPU (ms) | mean rate (Hz) |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const [label, r] of best) {
  const cpu = Number.isNaN(r.cpu) ? '–' : r.cpu.toFixed(2);
  const cpuPoint = Number.isNaN(r.cpu) ? '–' : ((1000 * r.cpu) / points).toFixed(0);
  console.log(`| ${label} | ${r.wall.toFixed(2)} | ${cpu} | ${(r.wall / points).toFixed(3)} | ${cpuPoint} | ${mean(r.rates).toFixed(2)} |`);
}
console.log('\nPhases of the fastest runs (ms; a point\'s time is its build, compilation and simulation in the worker):');
console.log('| run | bundle lookup | worker start-up (each) | points: sum | first point(s) | median point | wall - sum/workers |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const [label, r] of best) {
  const s = r.result;
  if (s === undefined || s.startup === undefined) continue;
  const workers = s.startup.workerLoadSeconds.length;
  const elapsed = s.rows.map((x) => x.elapsed);
  const sum = elapsed.reduce((a, b) => a + b, 0);
  // The first point of each worker: with two queued per worker at the start (engines.ts), worker k
  // starts with the (2k)-th point handed out (src/sweep/order.ts's order, or index order).
  const order = process.env['BRIAN_TS_SWEEP_ORDER'] === 'index' ? s.rows.map((_, k) => k) : handOutOrder(s.rows.map((x, k) => ({ index: k, seed: x.seed, values: Object.values(x.params) }))).map((t) => t.index);
  const firsts = Array.from({ length: workers }, (_, k) => elapsed[order[workers > 1 && s.rows.length > workers ? 2 * k : k]!]!);
  console.log(
    `| ${label} | ${ms(s.startup.bundleSeconds)} | ${s.startup.workerLoadSeconds.map(ms).join(', ')} | ${ms(sum)} | ${firsts.map(ms).join(', ')} | ${ms(median(elapsed))} | ${ms(r.wall - sum / workers)} |`,
  );
}
const one = best.get('brian-ts sweep(), 1 worker');
const two = best.get('brian-ts sweep(), 2 workers');
const b2 = best.get('Brian2 2.5.1 cython, Pool(2)');
if (ratesOf.briants !== undefined && ratesOf.brian2 !== undefined) {
  // Other seeds on each side: a point's rate differs by its noise; the grid's mean rate by far less.
  const a = ratesOf.briants;
  const b = ratesOf.brian2;
  const rel = a.map((x, k) => (x - b[k]!) / b[k]!);
  const abs = rel.map(Math.abs);
  console.log(
    `\nagreement with Brian2 (${a.length} points, other seeds): grid mean rate ${mean(a).toFixed(2)} vs ${mean(b).toFixed(2)} Hz (${(100 * (mean(a) / mean(b) - 1)).toFixed(2)} %); ` +
      `per point |relative difference|: median ${(100 * median(abs)).toFixed(2)} %, max ${(100 * Math.max(...abs)).toFixed(2)} %, mean signed ${(100 * mean(rel)).toFixed(2)} %; within 5 %: ${abs.filter((x) => x <= 0.05).length}/${a.length}`,
  );
  console.log(`rates per point (brian-ts / Brian2, Hz): ${a.map((x, k) => `${x.toFixed(1)}/${b[k]!.toFixed(1)}`).join(' ')}`);
}
if (one === undefined || two === undefined) {
  if (b2 !== undefined) console.log(`\nBrian2 Pool(2): ${b2.wall.toFixed(2)} s${best.has('Brian2 2.5.1 cython, Pool(1)') ? `; Pool(1): ${best.get('Brian2 2.5.1 cython, Pool(1)')!.wall.toFixed(2)} s` : ''}; load average after: ${load()}`);
  process.exit(0);
}
console.log(`\n2-worker speed-up: ${(one.wall / two.wall).toFixed(2)}x (target >= 1.8); brian-ts 2 workers / Brian2 Pool(2): ${b2 === undefined ? '– (not run)' : (two.wall / b2.wall).toFixed(2)} (target < 1)`);
console.log(`CPU time of 2 workers - 1 worker (the second worker's start-up and warm-up): ${(two.cpu - one.cpu).toFixed(2)} s`);
const identical = [...best.entries()].filter(([label]) => label.startsWith('brian-ts')).every(([, r]) => JSON.stringify(r.rates) === JSON.stringify(one.rates));
if (noReuse) {
  const oneOff = best.get('brian-ts sweep(), 1 worker, code reuse off')!;
  const twoOff = best.get('brian-ts sweep(), 2 workers, code reuse off')!;
  console.log(`code reuse off: 2-worker speed-up ${(oneOff.wall / twoOff.wall).toFixed(2)}x; CPU per point ${((1000 * oneOff.cpu) / points).toFixed(0)} -> ${((1000 * one.cpu) / points).toFixed(0)} ms (1 worker), ${((1000 * twoOff.cpu) / points).toFixed(0)} -> ${((1000 * two.cpu) / points).toFixed(0)} ms (2 workers) with reuse`);
}
if (osrAb) {
  const oneOn = best.get('brian-ts sweep(), 1 worker, OSR kept on')!;
  const twoOn = best.get('brian-ts sweep(), 2 workers, OSR kept on')!;
  console.log(`OSR kept on: 1 worker ${oneOn.wall.toFixed(2)} s, 2 workers ${twoOn.wall.toFixed(2)} s, 2-worker speed-up ${(oneOn.wall / twoOn.wall).toFixed(2)}x (OSR off: ${one.wall.toFixed(2)} s, ${two.wall.toFixed(2)} s)`);
}
if (compileAb) {
  const twoOn = best.get('brian-ts sweep(), 2 workers, concurrent recompilation kept on')!;
  console.log(`concurrent recompilation kept on: 2 workers ${twoOn.wall.toFixed(2)} s, 2-worker speed-up ${(one.wall / twoOn.wall).toFixed(2)}x (off, the default with a worker per core: ${two.wall.toFixed(2)} s, ${(one.wall / two.wall).toFixed(2)}x)`);
}
if (recycleAb) {
  const oneOff = best.get('brian-ts sweep(), 1 worker, recycling off')!;
  const twoOff = best.get('brian-ts sweep(), 2 workers, recycling off')!;
  console.log(`recycling off: 1 worker ${oneOff.wall.toFixed(2)} s (CPU ${oneOff.cpu.toFixed(2)}), 2 workers ${twoOff.wall.toFixed(2)} s (CPU ${twoOff.cpu.toFixed(2)}), 2-worker speed-up ${(oneOff.wall / twoOff.wall).toFixed(2)}x (on: ${one.wall.toFixed(2)} s, ${two.wall.toFixed(2)} s, ${(one.wall / two.wall).toFixed(2)}x)`);
}
for (const kv of envAb) {
  const oneE = best.get(`brian-ts sweep(), 1 worker, ${kv}`)!;
  const twoE = best.get(`brian-ts sweep(), 2 workers, ${kv}`)!;
  console.log(`${kv}: 1 worker ${oneE.wall.toFixed(2)} s (CPU ${oneE.cpu.toFixed(2)}), 2 workers ${twoE.wall.toFixed(2)} s (CPU ${twoE.cpu.toFixed(2)}), 2-worker speed-up ${(oneE.wall / twoE.wall).toFixed(2)}x (default: ${one.wall.toFixed(2)} s, ${two.wall.toFixed(2)} s, ${(one.wall / two.wall).toFixed(2)}x)`);
}
console.log(`identical rates in every brian-ts run (1 and 2 workers${noReuse ? ', code reuse on and off' : ''}${recycleAb ? ', recycling on and off' : ''}${unbundled ? ', bundled and not' : ''}): ${identical}; load average after: ${load()}`);
if (ceiling) {
  console.log('\n## ceiling: the same two cores on ideal kernels (ceiling.bench.ts)');
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./ceiling.bench.ts', import.meta.url))], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = 1;
}
