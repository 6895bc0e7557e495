/**
 * Session 15 (s15-warm). How much of a 2-thread run's cold-start cost does warm library code remove,
 * apart from the run's own compiled kernels? COBAHH 4000 for D s, `net.run()` from its call (ms),
 * after (a) nothing, (b) a warm-up run of the same network (its split kernels are reused: the
 * harness's BENCH_WARM_S case), or (c) a warm-up run of a *different* COBAHH network (N = 1000: new
 * kernels, but the library's per-step code — network, session, worker, pathways — optimized); and
 * (d) `started`: nothing run, the workers started beforehand (`none` includes their start).
 * Usage: node --import tsx bench/threads/warmnet.ts none|started|same|other THREADS [D=1]   (one JSON line)
 */
import { Network, second, startThreads } from 'brian-ts';
import { cobahhNetwork } from '../models/cobahh.ts';

function cobahh(N: number, name: string): { net: Network; spikes: () => number } {
  const { P, Ce, Ci, trace, M } = cobahhNetwork(N, { name });
  return { net: new Network(P, Ce, Ci, trace, M), spikes: () => M.numSpikes };
}

const [mode = 'none', threadsArg = '2', dArg = '1'] = process.argv.slice(2);
const threads = Number(threadsArg);
const D = Number(dArg);
const measured = cobahh(4000, 'm');
let warmMs = 0;
// 'started': the workers started beforehand (startThreads), nothing run: the cold run without the workers' start.
if (mode === 'started' && threads > 1) await startThreads(threads);
if (mode === 'same' || mode === 'other') {
  const w = mode === 'same' ? measured : cobahh(1000, 'w');
  const t0 = performance.now();
  w.net.run(second(1), { threads });
  warmMs = performance.now() - t0;
}
const spikes0 = measured.spikes();
const t0 = performance.now();
measured.net.run(second(D), { threads });
const runMs = performance.now() - t0;
console.log(JSON.stringify({ mode, threads, run_ms: +runMs.toFixed(1), warm_ms: +warmMs.toFixed(1), spikes: measured.spikes() - spikes0 }));
