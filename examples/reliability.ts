// Reliability of spike timing: noisy neurons driven by a common noisy input.
// Brian2 original: examples/reliability.py
//
// See e.g. Mainen & Sejnowski (1995) for experimental results in vitro.
import { startScope, NeuronGroup, SpikeMonitor, linkedVar, run, ms, figure } from 'brian-ts';
import { scaled } from './_duration.ts';

startScope();
// The common noisy input
const N = 25;
const tau_input = ms(5);
const neuron_input = new NeuronGroup(1, 'dx/dt = -x / tau_input + (2 /tau_input)**.5 * xi : 1', { namespace: { tau_input } });

// The noisy neurons receiving the same input
const tau = ms(10);
const sigma = 0.015;
const eqs_neurons = `
dx/dt = (0.9 + .5 * I - x) / tau + sigma * (2 / tau)**.5 * xi : 1
I : 1 (linked)
`;
const neurons = new NeuronGroup(N, eqs_neurons, {
  threshold: 'x > 1',
  reset: 'x = 0',
  refractory: ms(5),
  method: 'euler',
  namespace: { tau, sigma },
});
neurons.x = 'rand()';
neurons.I = linkedVar(neuron_input, 'x'); // input.x is continuously fed into neurons.I
const spikes = new SpikeMonitor(neurons);

run(scaled(ms(500)));
const fig = figure();
fig.plot(spikes.t.in(ms), spikes.i, '.k');
fig.xlabel('Time (ms)');
fig.ylabel('Neuron index');
await fig.save('reliability.png');
