/**
 * Question: how fast does brian-ts's SpatialNeuron simulate the Hodgkin–Huxley cable model of
 * ./model.ts on a branched morphology read from an SWC file (./branched.swc: spherical soma, a
 * 40-point axon and two binary dendritic trees of depth 5; 537 compartments, 64 sections) against
 * Brian2 2.5.1 numpy, cython and cpp_standalone? 1 nA into the soma for the whole run, dt = 0.01 ms.
 * Method: ../neurongroup/harness.ts (N = compartments; the size argument is ignored).
 * Run: node --import tsx bench/spatial/swc-branched.bench.ts [ignored] [duration_s]   (default 0.05)
 */
import { fileURLToPath } from 'node:url';
import { amp, defaultclock, morphologyFromSwcFile, mV, ms, nA, second, SpatialNeuron, SpikeMonitor } from 'brian-ts';
import { parseArgs, runChild, runMatrix } from '../neurongroup/harness.ts';
import { HH_EQS, hhNamespace, gNa0, Cm, Ri } from './model.ts';

const MODEL = 'swc_branched';
const SWC = fileURLToPath(new URL('./branched.swc', import.meta.url));

if (process.argv[2] === '--child') {
  const durationS = Number(process.argv[4]);
  const morpho = morphologyFromSwcFile(SWC);
  runChild(MODEL, morpho.totalCompartments, durationS, 1e-5, () => {
    defaultclock.dt = ms(0.01);
    const neuron = new SpatialNeuron(morpho, HH_EQS, {
      method: 'exponential_euler', refractory: 'm > 0.4', threshold: 'm > 0.5', Cm: Cm(), Ri: Ri(), namespace: hhNamespace(),
    });
    neuron.v = mV(0);
    neuron.h = 1;
    neuron.m = 0;
    neuron.n = 0.5;
    neuron.I = amp(0);
    neuron.gNa = gNa0();
    neuron.I[0] = nA(1);
    const S = new SpikeMonitor(neuron, { record: false });
    return { objects: [neuron, S], spikes: () => S.numSpikes };
  }, second(durationS));
} else {
  const { durationS, targets } = parseArgs([0], 0.05);
  runMatrix({
    benchFile: import.meta.url,
    model: MODEL,
    script: '../../spatial/brian2/swc_branched.py',
    title: `Hodgkin–Huxley model on branched.swc (SpatialNeuron, exponential Euler), ${durationS * 1000} ms, dt = 0.01 ms; N = compartments`,
    sizes: [morphologyFromSwcFile(SWC).totalCompartments],
    durationS,
    targets,
  });
}
