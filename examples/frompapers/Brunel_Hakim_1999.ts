// Fast global oscillations in a sparse network of inhibitory integrate-and-fire neurons.
// Brian2 original: examples/frompapers/Brunel_Hakim_1999.py
//
// Brunel N, Hakim V (1999). Fast Global Oscillations in Networks of Integrate-and-Fire Neurons
// with Low Firing Rates. Neural Computation 11, 1621-1671.
// Individual neurons fire irregularly at a low rate, but the network is in an oscillatory global
// activity regime where neurons are weakly synchronized.
import { startScope, NeuronGroup, Synapses, SpikeMonitor, PopulationRateMonitor, run, mV, ms, second, Hz, figure } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();
const N = 5000;
const Vr = mV(10);
const theta = mV(20);
const tau = ms(20);
const delta = ms(2);
const taurefr = ms(2);
const duration = scaled(second(0.1));
const C = 1000;
const sparseness = C / N;
const J = mV(0.1);
const muext = mV(25);
const sigmaext = mV(1);

const eqs = `
dV/dt = (-V+muext + sigmaext * sqrt(tau) * xi)/tau : volt
`;

const group = new NeuronGroup(N, eqs, {
  threshold: 'V>theta',
  reset: 'V=Vr',
  refractory: taurefr,
  method: 'euler',
  namespace: { muext, sigmaext, tau, theta, Vr },
});
group.V = Vr;
const conn = new Synapses(group, group, undefined, { onPre: 'V += -J', delay: delta, namespace: { J } });
conn.connect({ p: sparseness });
const M = new SpikeMonitor(group);
const LFP = new PopulationRateMonitor(group);

run(duration);

const fig = figure({ rows: 2 });
fig.subplot(0).plot(M.t.in(ms), M.i, '.', { markerSize: 2 }).xlim(0, duration.in(ms));
fig.subplot(1).plot(LFP.t.in(ms), LFP.smoothRate('flat', ms(0.5)).in(Hz)).xlim(0, duration.in(ms));
await fig.save('Brunel_Hakim_1999.png');
