// Synfire chains (Diesmann et al. 1999): stable propagation of synchronous spiking through ten groups.
// Brian2 original: examples/frompapers/Diesmann_et_al_1999.py
//
// M. Diesmann et al. (1999). Stable propagation of synchronous spiking in cortical neural
// networks. Nature 402, 529-533.
import { startScope, Equations, NeuronGroup, RandomState, SpikeGeneratorGroup, Synapses, SpikeMonitor, run, ms, mV, figure } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();
const duration = scaled(ms(100));

// Neuron model parameters
const Vr = mV(-70);
const Vt = mV(-55);
const taum = ms(10);
const taupsp = ms(0.325);
const weight = mV(4.86);
// Neuron model
const eqs = new Equations(`
dV/dt = (-(V-Vr)+x)*(1./taum) : volt
dx/dt = (-x+y)*(1./taupsp) : volt
dy/dt = -y*(1./taupsp)+25.27*mV/ms+
        (39.24*mV/ms**0.5)*xi : volt
`);

// Neuron groups
const n_groups = 10;
const group_size = 100;
const P = new NeuronGroup(n_groups * group_size, eqs, {
  threshold: 'V>Vt', reset: 'V=Vr', refractory: ms(1), method: 'euler', namespace: { Vr, Vt, taum, taupsp },
});

// numpy's generator (unseeded in Brian2's example; seeded here for a reproducible figure)
const rng = new RandomState(1999);
const inputIndices = Array.from({ length: 85 }, (_, k) => k);
const Pinput = new SpikeGeneratorGroup(85, inputIndices, ms(rng.randn(85).map((x) => x * 1 + 50)));
// The network structure
const S = new Synapses(P, P, undefined, { onPre: 'y+=weight', namespace: { weight } });
S.connect({
  j: 'k for k in range((int(i/group_size)+1)*group_size, (int(i/group_size)+2)*group_size) if i<N_pre-group_size',
  namespace: { group_size },
});
const Sinput = new Synapses(Pinput, P.slice(0, group_size), undefined, { onPre: 'y+=weight', namespace: { weight } });
Sinput.connect();

// Record the spikes
const Mgp = new SpikeMonitor(P);
new SpikeMonitor(Pinput); // Brian2's Minput (not plotted)
// Setup the network, and run it
P.V = 'Vr + rand() * (Vt - Vr)';
run(duration);

const fig = figure();
fig.plot(Mgp.t.in(ms), Float64Array.from(Mgp.i, (i) => (1.0 * i) / group_size), '.');
for (let g = 0; g < n_groups; g++) fig.plot([0, duration.in(ms)], [g, g], 'k-');
fig.ylabel('group number');
fig.xlabel('time (ms)');
await fig.save('Diesmann_et_al_1999.png');
