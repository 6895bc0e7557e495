// Random network of 4000 integrate-and-fire neurons with exponential synaptic currents (CUBA).
// Brian2 original: examples/CUBA.py
//
// Benchmark 2 of Brette et al. (2007), Simulation of networks of spiking neurons: a review of
// tools and strategies, J Comput Neurosci 23(3):349-98. Clock-driven implementation with exact
// subthreshold integration (but spike times are aligned to the grid).
import { startScope, NeuronGroup, Synapses, SpikeMonitor, run, mV, ms, second, figure } from 'brian-ts';
import { scaled } from './_duration.ts';

startScope();
const taum = ms(20);
const taue = ms(5);
const taui = ms(10);
const Vt = mV(-50);
const Vr = mV(-60);
const El = mV(-49);

const eqs = `
dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
dge/dt = -ge/taue : volt
dgi/dt = -gi/taui : volt
`;

const P = new NeuronGroup(4000, eqs, {
  threshold: 'v>Vt',
  reset: 'v = Vr',
  refractory: ms(5),
  method: 'exact',
  namespace: { taum, taue, taui, Vt, Vr, El },
});
P.v = 'Vr + rand() * (Vt - Vr)';
P.ge = mV(0);
P.gi = mV(0);

const we = mV((60 * 0.27) / 10); // excitatory synaptic weight (voltage)
const wi = mV((-20 * 4.5) / 10); // inhibitory synaptic weight
const Ce = new Synapses(P, P, '', { onPre: 'ge += we', namespace: { we } });
const Ci = new Synapses(P, P, '', { onPre: 'gi += wi', namespace: { wi } });
Ce.connect({ condition: 'i<3200', p: 0.02 });
Ci.connect({ condition: 'i>=3200', p: 0.02 });

const s_mon = new SpikeMonitor(P);

run(scaled(second(1)));

const fig = figure();
fig.plot(s_mon.t.in(ms), s_mon.i, ',k');
fig.xlabel('Time (ms)');
fig.ylabel('Neuron index');
await fig.save('CUBA.png');
