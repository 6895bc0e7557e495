// NMDA synapses: nonlinear clock-driven synaptic dynamics summed into a postsynaptic conductance.
// Brian2 original: examples/synapses/nonlinear.py
import { startScope, NeuronGroup, Synapses, StateMonitor, run, ms, Hz, figure } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();
const a = Hz(100); // 1 / (10*ms)
const b = Hz(100);
const c = Hz(100);

const neuronInput = new NeuronGroup(2, 'dv/dt = 1/(10*ms) : 1', { threshold: 'v>1', reset: 'v = 0', method: 'euler' });
const neurons = new NeuronGroup(1, `dv/dt = (g-v)/(10*ms) : 1
g : 1`, { method: 'exact' });
const S = new Synapses(neuronInput, neurons, `
dg_syn/dt = -a*g_syn+b*x*(1-g_syn) : 1 (clock-driven)
g_post = g_syn : 1 (summed)
dx/dt=-c*x : 1 (clock-driven)
w : 1 # synaptic weight
`, { onPre: 'x += w', namespace: { a, b, c } }); // NMDA synapses

S.connect();
S.w = [1, 10];
neuronInput.v = [0, 0.5];

// 'g' in the synapses' context is the postsynaptic g (g_post), as in Brian2.
const M = new StateMonitor(S, 'g', { record: [0, 1] });
const Mn = new StateMonitor(neurons, 'g', { record: 0 });

run(scaled(ms(1000)));

const fig = figure({ rows: 2 });
fig.subplot(0, 0);
for (const trace of M.g) fig.plot(M.t.in(ms), trace);
fig.xlabel('Time (ms)');
fig.ylabel('g_syn');
fig.subplot(1, 0);
fig.plot(Mn.t.in(ms), Mn.at(0).g);
fig.ylabel('g'); // Brian2's example labels only the y axis here (its xlabel call is a ylabel typo)
await fig.save('nonlinear.png');
