/**
 * Question: how long does a 64-point parameter sweep of a small network take with brian-ts's
 * `sweep()` on 1 and on 2 worker threads, against the same sweep in Brian2 2.5.1 (runtime mode,
 * cython) with `multiprocessing.Pool(2)`? Targets (issue 12): 2-worker speed-up >= 1.8x; total
 * wall time below Brian2's.
 * Model: Brunel & Hakim (1999) with N = 1000, C = 100, 100 ms (./brunel-hakim.model.ts; Brian2:
 * ./brian2/brunel_hakim_sweep.py), over muext in [20, 30] mV x sigmaext in [0.5, 4] mV.
 * Wall time counts everything a user waits for: worker start-up (loading the model and brian-ts),
 * compilation, simulation, writing the results. Each configuration runs `repeats` times; the
 * minimum is reported (the machine is shared).
 * Run: node --import tsx bench/sweep/sweep.bench.ts [points_per_axis=8] [repeats=1]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sweep } from 'brian-ts/sweep';

const perAxis = Number(process.argv[2] ?? 8);
const repeats = Number(process.argv[3] ?? 1);
const script = fileURLToPath(new URL('./brunel-hakim.model.ts', import.meta.url));
const linspace = (a: number, b: number, n: number): number[] => Array.from({ length: n }, (_, k) => (n === 1 ? a : a + ((b - a) * k) / (n - 1)));
const grid = { muext: linspace(20, 30, perAxis).map((v) => `${v} mV`), sigmaext: linspace(0.5, 4, perAxis).map((v) => `${v} mV`) };
const points = perAxis * perAxis;

async function briants(workers: number): Promise<{ wall: number; rates: number[] }> {
  const out = mkdtempSync(join(tmpdir(), 'brian-ts-sweep-bench-'));
  try {
    const t0 = performance.now();
    const r = await sweep(script, grid, { workers, out, seed: 1, progress: false });
    const wall = (performance.now() - t0) / 1000;
    if (r.failed > 0) throw new Error(`${r.failed} points failed: ${r.rows.find((x) => x.error)?.error?.message}`);
    return { wall, rates: r.rows.map((x) => x.values['rate']!) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function brian2(processes: number): { wall: number; rates: number[] } | string {
  const py = fileURLToPath(new URL('./brian2/brunel_hakim_sweep.py', import.meta.url));
  const r = spawnSync('/usr/bin/python3', [py, String(perAxis), String(processes)], { encoding: 'utf8', timeout: 3_600_000 });
  if (r.status !== 0) return `Brian2 failed: ${r.stderr.slice(-500)}`;
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { wall_s: number; rates: number[] };
  return { wall: out.wall_s, rates: out.rates };
}

const best = async <T extends { wall: number }>(f: () => Promise<T> | T): Promise<T> => {
  let b: T | undefined;
  for (let k = 0; k < repeats; k++) {
    const r = await f();
    if (b === undefined || r.wall < b.wall) b = r;
  }
  return b!;
};

console.log(`${points}-point sweep, Brunel & Hakim N=1000 C=100 100 ms; load average before: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log('| run | wall time (s) | per point (s) | mean rate (Hz) |');
console.log('| --- | --- | --- | --- |');
const row = (label: string, r: { wall: number; rates: number[] }): void =>
  console.log(`| ${label} | ${r.wall.toFixed(1)} | ${(r.wall / points).toFixed(2)} | ${mean(r.rates).toFixed(2)} |`);
const one = await best(() => briants(1));
row('brian-ts sweep(), 1 worker', one);
const two = await best(() => briants(2));
row('brian-ts sweep(), 2 workers', two);
const b2 = await best(() => {
  const r = brian2(2);
  if (typeof r === 'string') throw new Error(r);
  return r;
});
row('Brian2 2.5.1 cython, Pool(2)', b2);
console.log(`2-worker speed-up: ${(one.wall / two.wall).toFixed(2)}x (target >= 1.8); brian-ts 2 workers / Brian2 Pool(2): ${(two.wall / b2.wall).toFixed(2)} (target < 1)`);
console.log(`identical rates on 1 and 2 workers: ${JSON.stringify(one.rates) === JSON.stringify(two.rates)}; load average after: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
