/**
 * Question (issue 10): what does a multi-threaded run cost besides the work itself, and does
 * reusing the workers across runs pay? Three numbers, in one process:
 *  - worker start: wall time to start the workers (first threaded run of the process);
 *  - per-run preparation with warm workers (each run sends the generated sources again);
 *  - barrier per split execution: a 64-neuron LIF (almost no work) on 2 threads minus 1 thread, per step;
 * and the per-element cost at which splitting starts to pay (what the 'auto' rule's AUTO_MIN_WORK encodes).
 * Run: node --import tsx bench/threads/overhead.bench.ts [steps=20000]
 */
import { loadavg } from 'node:os';
import { NeuronGroup, Network, lastThreadRun, ms, shutdownThreads } from 'brian-ts';
import { threadStartMilliseconds } from '../../src/devices/index.ts';

const steps = Number(process.argv[2] ?? 20000);

function lif(N: number, name: string): Network {
  const G = new NeuronGroup(N, 'dv/dt = (1.2 - v)/(10*ms) : 1', { threshold: 'v > 1', reset: 'v = 0', name });
  G.v = 'i / (N * 1.0)';
  return new Network(G);
}

function time(f: () => void): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

console.log(`load before: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
// Worker start (first threaded run) and per-run preparation afterwards.
const first = lif(64, 'start_probe');
const firstMs = time(() => first.run(ms(0.1), { threads: 2 }));
console.log(`first 2-thread run (1 step): ${firstMs.toFixed(1)} ms, of which starting 1 worker: ${threadStartMilliseconds().toFixed(1)} ms`);
const again: number[] = [];
for (let k = 0; k < 10; k++) again.push(time(() => first.run(ms(0.1), { threads: 2 })));
const single: number[] = [];
for (let k = 0; k < 10; k++) single.push(time(() => first.run(ms(0.1), { threads: 1 })));
console.log(`later 1-step runs, min of 10: 2 threads ${Math.min(...again).toFixed(2)} ms, 1 thread ${Math.min(...single).toFixed(2)} ms (reusing workers)`);

// Barrier cost: almost no work per step.
for (const N of [64, 4000, 100000]) {
  const net1 = lif(N, `b1_${N}`);
  const net2 = lif(N, `b2_${N}`);
  const T = ms((steps * 0.1) / (N >= 100000 ? 20 : 1));
  const n = Math.round(T.value / 1e-4);
  let best1 = Infinity;
  let best2 = Infinity;
  for (let r = 0; r < 3; r++) {
    best1 = Math.min(best1, time(() => net1.run(T, { threads: 1 })));
    best2 = Math.min(best2, time(() => net2.run(T, { threads: 2 })));
  }
  const info = lastThreadRun();
  console.log(
    `LIF N=${N}: ${(1e3 * best1 / n).toFixed(2)} µs/step on 1 thread, ${(1e3 * best2 / n).toFixed(2)} µs/step on 2 (${info.split.length} split objects, est. work ${JSON.stringify(info.work)} ns)`,
  );
}
console.log(`load after: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
shutdownThreads();
