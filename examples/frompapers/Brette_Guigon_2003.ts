// Reliability of spike timing is a general property of spiking neurons, even non-leaky ones (Brette & Guigon 2003, Fig. 10D,E).
// Brian2 original: examples/frompapers/Brette_Guigon_2003.py
//
// Brette R, Guigon E (2003). Reliability of Spike Timing Is a General Property of Spiking Model
// Neurons. Neural Computation 15: 279-308. A non-physiological model, leaky or anti-leaky
// depending on the sign of its input I. All neurons receive the same fluctuating input, scaled by
// a parameter p that varies across neurons. This shows (1) reproducibility of spike timing,
// (2) robustness to deterministic changes (the parameter) and (3) more reproducibility in the
// fluctuation-driven regime (where the input crosses the threshold).
import { NeuronGroup, SpikeMonitor, StateMonitor, figure, linkedVar, ms, run, startScope } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();
const N = 500;
const namespace = { N, tau: ms(33), taux: ms(20), sigma: 0.02 };

const eqs_input = `
dx/dt = -x/taux + (2/taux)**.5*xi : 1
`;
const eqs = `
dv/dt = (v*I + 1)/tau + sigma*(2/tau)**.5*xi : 1
I = 0.5 + 3*p*B : 1
B = 2./(1 + exp(-2*x)) - 1 : 1 (shared)
p : 1
x : 1 (linked)
`;
const input = new NeuronGroup(1, eqs_input, { method: 'euler', namespace });
export const neurons = new NeuronGroup(N, eqs, { threshold: 'v>1', reset: 'v=0', method: 'euler', namespace });
neurons.p = '1.0*i/N';
neurons.v = 'rand()';
neurons.x = linkedVar(input, 'x');
const M = new StateMonitor(neurons, 'B', { record: 0 });
export const S = new SpikeMonitor(neurons);
const duration = scaled(ms(1000));
run(duration, { report: 'text' });

const fig = figure({ rows: 2 });
// The input
fig.subplot(0).plot(M.t.in(ms), M.at(0).B.values).xticks([]).title('shared input');
const p = neurons.p.values as Float64Array;
fig
  .subplot(1)
  .plot(S.t.in(ms), Array.from(S.i, (i) => p[i]!), ',')
  .plot([0, duration.in(ms)], [0.5, 0.5], { color: 'C1' })
  .xlabel('time (ms)')
  .ylabel('p')
  .title('spiking activity');
await fig.save('Brette_Guigon_2003.png');
