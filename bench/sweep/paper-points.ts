/**
 * Question (issue 12, session 9 s9-sweep2): is the paper-size sweep's 2-worker slowdown per point
 * (median 269 → 354 ms) a matter of two workers sharing one process? Runs points [from, to) of
 * `sweep.bench.ts --size=paper`'s grid (brunel-hakim-paper.model.ts, the sweep's seeds) on this
 * process's main thread and prints the median point and the CPU per point. Run it alone, then two
 * copies at once as separate processes, and compare with the sweep's 1- and 2-worker medians.
 * Run: node --import tsx bench/sweep/paper-points.ts [from=0] [to=32] [--recycle]
 */
import { mV, seed, startScope } from 'brian-ts';
import { pointSeed } from '../../src/sweep/seeds.ts';
import { pointDone, recycleStats, startRecycling } from '../../src/util/recycle.ts';
import { model } from './brunel-hakim-paper.model.ts';

const args = process.argv.slice(2);
// --recycle: large buffers reused between points, as a sweep worker does (src/util/recycle.ts).
const recycle = args.includes('--recycle');
const [from = 0, to = 32] = args.filter((a) => !a.startsWith('--')).map(Number);
if (recycle) startRecycling();
const times: number[] = [];
const c0 = process.cpuUsage();
let spikes = 0;
for (let j = from; j < to; j++) {
  const t0 = performance.now();
  startScope();
  seed(pointSeed(1, j));
  spikes += model({ muext: mV(20 + Math.floor(j / 8) * (10 / 7)), sigmaext: mV(0.5 + (j % 8) * 0.5) }).spikes;
  startScope();
  if (recycle) pointDone();
  times.push(performance.now() - t0);
}
const c = process.cpuUsage(c0);
const sorted = [...times].sort((a, b) => a - b);
console.log(
  `points ${from}–${to - 1}: first ${times[0]!.toFixed(0)} ms, median ${sorted[Math.floor((sorted.length - 1) / 2)]!.toFixed(0)} ms, sum ${times.reduce((a, b) => a + b, 0).toFixed(0)} ms, CPU ${((c.user + c.system) / 1000 / times.length).toFixed(0)} ms a point (user ${(c.user / 1000 / times.length).toFixed(0)}, system ${(c.system / 1000 / times.length).toFixed(0)}); spikes ${spikes}${recycle ? `; buffers ${JSON.stringify(recycleStats())}` : ''}`,
);
