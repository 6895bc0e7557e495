/**
 * Question: what does one sweep worker cost before and between its points — start-up (thread,
 * loading brian-ts and the model), the first points (JIT warm-up) against later ones — with the
 * worker bundle and without it (each worker loading the script through tsx from TypeScript)?
 * This is the fixed cost a 2-worker speed-up has to amortise (sweep.bench.ts).
 * One worker at a time runs while the main thread waits, so the process's CPU time
 * (process.cpuUsage: all threads) is that worker's (plus the main thread's few ms of set-up):
 * CPU time does not depend on what else runs on the machine the way wall time does.
 * Model: ./brunel-hakim.model.ts (the sweep bench's), the same point (muext 25 mV, sigmaext 1 mV)
 * `points` times. Each configuration `repeats` times, alternating; medians reported.
 * Run: node --import tsx bench/sweep/startup.bench.ts [points=10] [repeats=3]
 */
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { LocalPool, prepareScript, workerBundle, type PointTask } from 'brian-ts/sweep';

const points = Number(process.argv[2] ?? 10);
const repeats = Number(process.argv[3] ?? 3);
const load = prepareScript(fileURLToPath(new URL('./brunel-hakim.model.ts', import.meta.url)));
const cpuNow = (): number => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

interface Sample {
  startWall: number;
  startCpu: number;
  /** CPU time of each point: between consecutive outcomes (the worker is never idle: the next point waits queued in its port). */
  cpu: number[];
}

async function one(bundle: boolean): Promise<Sample> {
  const pool = new LocalPool(load, { workers: 1, bundle });
  const t0 = performance.now();
  const c0 = cpuNow();
  const declared = (await pool.prepare())!;
  const startWall = (performance.now() - t0) / 1000;
  const c1 = cpuNow();
  const mV = 1e-3;
  const tasks: PointTask[] = Array.from({ length: points }, (_, index) => ({ index, seed: index, values: [25 * mV, 1 * mV] }));
  const at: number[] = [c1];
  await pool.run({ tasks, parameters: declared, signal: new AbortController().signal, onOutcome: () => void at.push(cpuNow()) });
  await pool.close();
  return { startWall, startCpu: c1 - c0, cpu: at.slice(1).map((c, k) => c - at[k]!) };
}

const fmt = (s: number): string => (s * 1000).toFixed(0);
console.log(`load average before: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
const b = await workerBundle(load);
console.log('reason' in b ? `no bundle: ${b.reason}` : `bundle ${b.built ? 'built' : 'cached'} (${fmt(b.ms / 1000)} ms)`);
const samples = new Map<string, Sample[]>([
  ['bundled', []],
  ['unbundled (tsx, TypeScript sources)', []],
]);
for (let k = 0; k < repeats; k++) {
  samples.get('bundled')!.push(await one(true));
  samples.get('unbundled (tsx, TypeScript sources)')!.push(await one(false));
}
console.log('| worker | start-up wall (ms) | start-up CPU (ms) | CPU of points 1, 2, 3 (ms) | median point CPU (ms) | warm-up: CPU beyond the median, all points (ms) |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const [label, s] of samples) {
  const first = [0, 1, 2].map((k) => median(s.map((x) => x.cpu[k]!)));
  const med = median(s.map((x) => median(x.cpu)));
  const warm = median(s.map((x) => x.cpu.reduce((a, c) => a + c - median(x.cpu), 0)));
  console.log(`| ${label} | ${fmt(median(s.map((x) => x.startWall)))} | ${fmt(median(s.map((x) => x.startCpu)))} | ${first.map(fmt).join(', ')} | ${fmt(med)} | ${fmt(warm)} |`);
}
console.log(`load average after: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
