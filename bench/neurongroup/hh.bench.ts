/**
 * Question: how fast does brian-ts simulate an uncoupled Hodgkin–Huxley population (exponential
 * Euler; exp and exprel per neuron and step) against Brian2 2.5.1 numpy, cython and
 * cpp_standalone on the same machine in the same command?
 *
 * Model (Brian2: bench/neurongroup/brian2/hh.py): Traub & Miles HH as in
 * tests/conformance/generate/hh.py, I = I_max*i/(N-1) with I_max = 2 nA, threshold and boolean
 * refractoriness 'v > -40*mV', count-only SpikeMonitor, dt = 0.1 ms, N = 4000 (COBAHH's size).
 * Method: bench/neurongroup/harness.ts.
 * Run: node --import tsx bench/neurongroup/hh.bench.ts [N,N,…] [duration_s]
 */
import { defaultclock, ms, second, SpikeMonitor } from 'brian-ts';
import { hhGroup } from './hh.model.ts';
import { parseArgs, runChild, runMatrix } from './harness.ts';

const MODEL = 'hh';

if (process.argv[2] === '--child') {
  const N = Number(process.argv[3]);
  const durationS = Number(process.argv[4]);
  runChild(MODEL, N, durationS, 1e-4, () => {
    defaultclock.dt = ms(0.1);
    const G = hhGroup(N);
    const S = new SpikeMonitor(G, { record: false });
    return { objects: [G, S], spikes: () => S.numSpikes };
  }, second(durationS));
} else {
  const { sizes, durationS, targets } = parseArgs([4000], 1.0);
  runMatrix({
    benchFile: import.meta.url,
    model: MODEL,
    script: 'hh.py',
    title: `Uncoupled Hodgkin–Huxley population (exponential Euler), ${durationS} s of biological time, dt = 0.1 ms`,
    sizes,
    durationS,
    targets,
  });
}
