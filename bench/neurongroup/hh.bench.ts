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
import { cm, defaultclock, mV, ms, msiemens, nA, NeuronGroup, second, siemens, SpikeMonitor, ufarad, umetre } from 'brian-ts';
import type { Quantity } from 'brian-ts';
import { parseArgs, runChild, runMatrix } from './harness.ts';

const MODEL = 'hh';
const EQS = `
dv/dt = (gl*(El-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK) + I)/Cm : volt
dm/dt = 0.32*(mV**-1)*4*mV/exprel((13.*mV-v+VT)/(4*mV))/ms*(1-m)-0.28*(mV**-1)*5*mV/exprel((v-VT-40.*mV)/(5*mV))/ms*m : 1
dn/dt = 0.032*(mV**-1)*5*mV/exprel((15.*mV-v+VT)/(5*mV))/ms*(1.-n)-.5*exp((10.*mV-v+VT)/(40.*mV))/ms*n : 1
dh/dt = 0.128*exp((17.*mV-v+VT)/(18.*mV))/ms*(1.-h)-4./(1+exp((40.*mV-v+VT)/(5.*mV)))/ms*h : 1
I : amp
`;

if (process.argv[2] === '--child') {
  const N = Number(process.argv[3]);
  const durationS = Number(process.argv[4]);
  runChild(MODEL, N, durationS, 1e-4, () => {
    defaultclock.dt = ms(0.1);
    const area = umetre(1).times(umetre(1)).times(20000) as Quantity;
    const perCm2 = (q: Quantity): Quantity => q.div(cm(1).times(cm(1))).times(area) as Quantity;
    const namespace = {
      Cm: perCm2(ufarad(1)), gl: perCm2(siemens(5e-5)), El: mV(-65), EK: mV(-90), ENa: mV(50),
      g_na: perCm2(msiemens(100)), g_kd: perCm2(msiemens(30)), VT: mV(-63), I_max: nA(2),
    };
    const G = new NeuronGroup(N, EQS, { threshold: 'v > -40*mV', refractory: 'v > -40*mV', method: 'exponential_euler', namespace });
    G.v = mV(-65);
    G.I = 'I_max*i/(N-1)';
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
