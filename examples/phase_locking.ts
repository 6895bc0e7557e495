// Phase locking of integrate-and-fire neurons to a periodic input.
// Brian2 original: examples/phase_locking.py
import { startScope, NeuronGroup, SpikeMonitor, StateMonitor, run, ms, Hz, figure } from 'brian-ts';
import { scaled } from './_duration.ts';

startScope();
const tau = ms(20);
const n = 100;
const b = 1.2; // constant current mean, the modulation varies
const freq = Hz(10);

const eqs = `
dv/dt = (-v + a * sin(2 * pi * freq * t) + b) / tau : 1
a : 1
`;
const neurons = new NeuronGroup(n, eqs, { threshold: 'v > 1', reset: 'v = 0', method: 'euler', namespace: { tau, n, b, freq } });
neurons.v = 'rand()';
neurons.a = '0.05 + 0.7*i/n';
const S = new SpikeMonitor(neurons);
const trace = new StateMonitor(neurons, 'v', { record: 50 });

run(scaled(ms(1000)));
const fig = figure({ rows: 2 });
fig.subplot(0);
fig.plot(S.t.in(ms), S.i, '.k');
fig.xlabel('Time (ms)');
fig.ylabel('Neuron index');
fig.subplot(1);
fig.plot(trace.t.in(ms), trace.v[0].values);
fig.xlabel('Time (ms)');
fig.ylabel('v');
await fig.save('phase_locking.png');
