// Reliability of spike timing with a constant input: noise alone makes the trials diverge.
// Brian2 original: examples/non_reliability.py
//
// See e.g. Mainen & Sejnowski (1995) for experimental results in vitro. Here a constant current
// is injected in all trials.
import { startScope, NeuronGroup, SpikeMonitor, run, ms, figure } from 'brian-ts';
import { scaled } from './_duration.ts';

startScope();
const N = 25;
const tau = ms(20);
const sigma = 0.015;
const eqs_neurons = `
dx/dt = (1.1 - x) / tau + sigma * (2 / tau)**.5 * xi : 1 (unless refractory)
`;
const neurons = new NeuronGroup(N, eqs_neurons, {
  threshold: 'x > 1',
  reset: 'x = 0',
  refractory: ms(5),
  method: 'euler',
  namespace: { tau, sigma },
});
const spikes = new SpikeMonitor(neurons);

run(scaled(ms(500)));
const fig = figure();
fig.plot(spikes.t.in(ms), spikes.i, '.k');
fig.xlabel('Time (ms)');
fig.ylabel('Neuron index');
await fig.save('non_reliability.png');
