/**
 * Question: how fast does brian-ts's SpatialNeuron simulate a Hodgkin–Huxley axon (Brian2's
 * examples/compartmental/hh_with_spikes.py: 10 cm cylinder, diameter 476 µm, dt = 0.01 ms) against
 * Brian2 2.5.1 numpy, cython and cpp_standalone, and is the cost linear in the number of
 * compartments? The example's 1 µA step is applied at compartment 0 for the whole run (one
 * run() call, as the harness times one), so the axon fires repeatedly; count-only SpikeMonitor.
 * Method: ../neurongroup/harness.ts (ns per neuron-step = ns per compartment-step here).
 * Run: node --import tsx bench/spatial/hh-axon.bench.ts [n,n,…] [duration_s]   (default 1000, 0.05)
 */
import { cm, defaultclock, mV, ms, second, SpatialNeuron, SpikeMonitor, uA, um, Cylinder, amp } from 'brian-ts';
import { parseArgs, runChild, runMatrix } from '../neurongroup/harness.ts';
import { HH_EQS, hhNamespace, gNa0, Cm, Ri } from './model.ts';

const MODEL = 'hh_axon';

if (process.argv[2] === '--child') {
  const n = Number(process.argv[3]);
  const durationS = Number(process.argv[4]);
  runChild(MODEL, n, durationS, 1e-5, () => {
    defaultclock.dt = ms(0.01);
    const morpho = new Cylinder({ length: cm(10), diameter: um(2 * 238), n, type: 'axon' });
    const neuron = new SpatialNeuron(morpho, HH_EQS, {
      method: 'exponential_euler', refractory: 'm > 0.4', threshold: 'm > 0.5', Cm: Cm(), Ri: Ri(), namespace: hhNamespace(),
    });
    neuron.v = mV(0);
    neuron.h = 1;
    neuron.m = 0;
    neuron.n = 0.5;
    neuron.I = amp(0);
    neuron.gNa = gNa0();
    neuron.I[0] = uA(1);
    const S = new SpikeMonitor(neuron, { record: false });
    return { objects: [neuron, S], spikes: () => S.numSpikes };
  }, second(durationS));
} else {
  const { sizes, durationS, targets } = parseArgs([1000], 0.05);
  runMatrix({
    benchFile: import.meta.url,
    model: MODEL,
    script: '../../spatial/brian2/hh_axon.py',
    title: `Hodgkin–Huxley axon (SpatialNeuron, exponential Euler), ${durationS * 1000} ms of biological time, dt = 0.01 ms; N = compartments`,
    sizes,
    durationS,
    targets,
  });
}
