// Neurons with gap junctions: a summed variable couples ten oscillating integrate-and-fire neurons.
// Brian2 original: examples/synapses/gapjunctions.py
import { startScope, NeuronGroup, Synapses, StateMonitor, run, ms, figure } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();
const n = 10;
const v0 = 1.05;
const tau = ms(10);

const eqs = `
dv/dt = (v0 - v + Igap) / tau : 1
Igap : 1 # gap junction current
`;

const neurons = new NeuronGroup(n, eqs, { threshold: 'v > 1', reset: 'v = 0', method: 'exact', namespace: { n, v0, tau } });
neurons.v = 'i * 1.0 / (n-1)';
const trace = new StateMonitor(neurons, 'v', { record: [0, 5] });

const S = new Synapses(neurons, neurons, `
w : 1 # gap junction conductance
Igap_post = w * (v_pre - v_post) : 1 (summed)
`);
S.connect();
S.w = 0.02;

run(scaled(ms(500)));

const fig = figure();
fig.plot(trace.t.in(ms), trace.at(0).v);
fig.plot(trace.t.in(ms), trace.at(5).v);
fig.xlabel('Time (ms)');
fig.ylabel('v');
await fig.save('gapjunctions.png');
