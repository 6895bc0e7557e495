// Phase locking in a leaky integrate-and-fire model (Fig. 2A of Brette 2004).
// Brian2 original: examples/frompapers/Brette_2004.py
//
// Brette R (2004). Dynamics of one-dimensional spiking neuron models. J Math Biol 48(1): 38-56.
// The phase-locking structure of a LIF driven by a sinusoidal current: when the current crosses
// the threshold (a < 3), the model almost always phase locks (in a measure-theoretical sense).
import { startScope, NeuronGroup, SpikeMonitor, run, linspace, ms, second, figure } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();
// defaultclock.dt = ms(0.01);  // for a more precise picture
const N = 2000;
const tau = ms(100);

const eqs = `
dv/dt = (-v + a + 2*sin(2*pi*t/tau))/tau : 1
a : 1
`;

const neurons = new NeuronGroup(N, eqs, { threshold: 'v>1', reset: 'v=0', method: 'euler', namespace: { tau } });
neurons.a = linspace(2, 4, N);

run(scaled(second(5)), { report: 'text' }); // discard the first spikes (wait for convergence)
const S = new SpikeMonitor(neurons);
run(scaled(second(5)), { report: 'text' });

const [i, t] = [S.i, S.t_];
const period = tau.in(second);
const a = neurons.a.values;
const fig = figure();
fig.plot(
  t.map((x) => (x % period) / period),
  Float64Array.from(i, (k) => a[k]!),
  ',',
);
fig.xlabel('Spike phase').ylabel('Parameter a');
await fig.save('Brette_2004.png');
