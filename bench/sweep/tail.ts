/**
 * Question (issue 12, session 11 s11-sweep): how much of a 2-worker sweep's wall time is the tail —
 * one worker idle while the other finishes its last point — and how uneven are the points? Runs
 * the sweep bench's grid (`--paper`: brunel-hakim-paper.model.ts) on a LocalPool with 1 and 2
 * workers (points in sweep()'s hand-out order, src/sweep/order.ts, or `--order=index`) and prints,
 * per run, the workers' start-up, each point's time by index, and the last outcomes' arrival times
 * before the end; then what a list schedule of these point costs gives in index order and
 * longest first (the tail: one worker idle while the other finishes its last point).
 * Run: node --import tsx bench/sweep/tail.ts [points_per_axis=8] [--paper] [--workers=1,2] [--order=sweep|index]
 */
import { fileURLToPath } from 'node:url';
import { LocalPool, planSweep, pointSeed, prepareScript, workerBundle, type PointOutcome } from 'brian-ts/sweep';
import { handOutOrder } from '../../src/sweep/order.ts';

const perAxis = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 8);
const paper = process.argv.includes('--paper');
const order = process.argv.find((a) => a.startsWith('--order='))?.slice(8) ?? 'sweep';
const workersList = (process.argv.find((a) => a.startsWith('--workers='))?.slice(10) ?? '1,2').split(',').map(Number);
const script = fileURLToPath(new URL(paper ? './brunel-hakim-paper.model.ts' : './brunel-hakim.model.ts', import.meta.url));
const linspace = (a: number, b: number, n: number): number[] => Array.from({ length: n }, (_, k) => (n === 1 ? a : a + ((b - a) * k) / (n - 1)));
const grid = { muext: linspace(20, 30, perAxis).map((v) => `${v} mV`), sigmaext: linspace(0.5, 4, perAxis).map((v) => `${v} mV`) };
const load = prepareScript(script);
await workerBundle(load);
for (const workers of workersList) {
  const pool = new LocalPool(load, { workers });
  const t0 = performance.now();
  const parameters = await pool.prepare();
  const plan = planSweep(grid, parameters);
  const all = plan.points.map((p) => ({ index: p.index, seed: pointSeed(1, p.index), values: p.values }));
  // As sweep() hands them out (src/sweep/order.ts), or in index order with --order=index.
  const tasks = order === 'index' ? all : handOutOrder(all);
  const arrivals: { at: number; o: PointOutcome }[] = [];
  await pool.run({ tasks, parameters: plan.parameters, onOutcome: (o) => arrivals.push({ at: performance.now() - t0, o }), signal: new AbortController().signal });
  const wall = performance.now() - t0;
  await pool.close();
  const cost = new Array<number>(tasks.length).fill(0);
  for (const { o } of arrivals) cost[o.index] = o.elapsed * 1000;
  const sum = cost.reduce((a, b) => a + b, 0);
  console.log(`\n${workers} worker(s): wall ${wall.toFixed(0)} ms, points' sum ${sum.toFixed(0)} ms, wall - sum/workers ${(wall - sum / workers).toFixed(0)} ms; start-up ${pool.startup().workerLoadSeconds.map((s) => (s * 1000).toFixed(0)).join(', ')} ms`);
  console.log(`  points by index (ms): ${cost.map((c) => c.toFixed(0)).join(' ')}`);
  console.log(`  last outcomes (index: ms before the end): ${arrivals.slice(-4).map((a) => `${a.o.index}: ${(wall - a.at).toFixed(0)}`).join(', ')}`);
  if (workers > 1) {
    // List scheduling with these costs (the first `workers` points start at once): index order vs longest first.
    const makespan = (order: number[]): number => {
      const free = new Array<number>(workers).fill(0);
      for (const k of order) {
        const w = free.indexOf(Math.min(...free));
        free[w]! += cost[k]!;
      }
      return Math.max(...free);
    };
    const idx = cost.map((_, k) => k);
    const lpt = [...idx].sort((a, b) => cost[b]! - cost[a]!);
    console.log(`  list schedule of these costs: index order ${makespan(idx).toFixed(0)} ms, longest first ${makespan(lpt).toFixed(0)} ms, ideal ${(sum / workers).toFixed(0)} ms`);
  }
}
