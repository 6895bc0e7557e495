// A simple example of using Synapses: one-to-one connections with random delays and an event-driven weight.
// Brian2 original: examples/synapses/synapses.py
import { startScope, NeuronGroup, Synapses, StateMonitor, run, ms, figure } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();
const G1 = new NeuronGroup(10, 'dv/dt = -v / (10*ms) : 1', { threshold: 'v > 1', reset: 'v=0.', method: 'exact' });
G1.v = 1.2;
const G2 = new NeuronGroup(10, 'dv/dt = -v / (10*ms) : 1', { threshold: 'v > 1', reset: 'v=0', method: 'exact' });

const syn = new Synapses(G1, G2, 'dw/dt = -w / (50*ms): 1 (event-driven)', { onPre: 'v += w' });

syn.connect({ condition: 'i == j', p: 0.75 });

// Set the delays
syn.delay = '1*ms + i*ms + 0.25*ms * randn()';
// Set the initial values of the synaptic variable
syn.w = 1;

const mon = new StateMonitor(G2, 'v', { record: true });
run(scaled(ms(20)));
const fig = figure();
for (const trace of mon.v) fig.plot(mon.t.in(ms), trace);
fig.xlabel('Time (ms)');
fig.ylabel('v');
await fig.save('synapses.png');
