/**
 * Question: how fast does brian-ts simulate N uncoupled LIF neurons (exact integration, threshold,
 * reset, count-only SpikeMonitor) for 1 s of biological time, N = 10³…10⁶, against Brian2 2.5.1
 * numpy, cython and cpp_standalone on the same machine in the same command? Target: at or below
 * cpp_standalone's loop time for N ≥ 10⁵. Also: time from process start to the first simulated
 * step (target < 0.2 s).
 *
 * Model (Brian2: bench/neurongroup/brian2/lif_scaling.py, from ../shared/bench-ref/):
 *   dv/dt = (v_inf - v)/tau : 1, v_inf = 1.1, tau = 10 ms, threshold v > 1, reset v = 0,
 *   v = rand() initially, dt = 0.1 ms → every neuron fires at about 41.7 Hz.
 * Method: bench/neurongroup/harness.ts (fresh process per measurement, loop CPU time from the
 * first step to the end of run(), targets interleaved per N).
 * Run: node --import tsx bench/neurongroup/lif-scaling.bench.ts [N,N,…] [duration_s]
 *      (BRIAN2_TARGETS=numpy,cython,cpp_standalone by default; BRIAN2_TARGETS= for brian-ts only)
 *      BENCH_NO_MONITOR=1 (children): no SpikeMonitor (spikes reported as 0) — the per-neuron count
 *      is ≈ 7–10 % of a 2-thread LIF 10⁶ step, work that bench/threads/split-probe.ts does not do
 *      (session 15, s15-lif).
 */
import { defaultclock, ms, NeuronGroup, second, seed, SpikeMonitor } from 'brian-ts';
import { parseArgs, runChild, runMatrix } from './harness.ts';

const MODEL = 'lif_scaling';

if (process.argv[2] === '--child') {
  const N = Number(process.argv[3]);
  const durationS = Number(process.argv[4]);
  runChild(MODEL, N, durationS, 1e-4, () => {
    seed(12345);
    defaultclock.dt = ms(0.1);
    const G = new NeuronGroup(N, 'dv/dt = (v_inf - v)/tau : 1', {
      threshold: 'v > 1',
      reset: 'v = 0',
      method: 'exact',
      namespace: { tau: ms(10), v_inf: 1.1 },
    });
    G.v = 'rand()';
    if (process.env['BENCH_NO_MONITOR'] === '1') return { objects: [G], spikes: () => 0 };
    const S = new SpikeMonitor(G, { record: false });
    return { objects: [G, S], spikes: () => S.numSpikes };
  }, second(durationS));
} else {
  const { sizes, durationS, targets } = parseArgs([1e3, 1e4, 1e5, 1e6], 1.0);
  runMatrix({
    benchFile: import.meta.url,
    model: MODEL,
    script: 'lif_scaling.py',
    title: `Uncoupled LIF (exact, threshold, reset), ${durationS} s of biological time, dt = 0.1 ms`,
    sizes,
    durationS,
    targets,
  });
}
