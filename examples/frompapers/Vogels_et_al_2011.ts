// Inhibitory synaptic plasticity balancing a recurrent network (Vogels et al. 2011): spikes before and after learning.
// Brian2 original: examples/frompapers/Vogels_et_al_2011.py
//
// (F. Zenke, 2011) (from the 2012 Brian twister). Adapted from: Vogels, T. P., H. Sprekeler,
// F. Zenke, C. Clopath, and W. Gerstner. Inhibitory Plasticity Balances Excitation and Inhibition
// in Sensory Pathways and Memory Networks. Science (November 10, 2011).
import { startScope, NeuronGroup, Synapses, SpikeMonitor, run, ms, mV, nS, pF, pA, Hz, second, figure } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();
// ###########################################
// Defining network model parameters
// ###########################################

const NE = 8000; // Number of excitatory cells
const NI = NE / 4; // Number of inhibitory cells

const tau_ampa = ms(5.0); // Glutamatergic synaptic time constant
const tau_gaba = ms(10.0); // GABAergic synaptic time constant
const epsilon = 0.02; // Sparseness of synaptic connections

const tau_stdp = ms(20); // STDP time constant

const simtime = scaled(second(10)); // Simulation time

// ###########################################
// Neuron model
// ###########################################

const gl = nS(10.0); // Leak conductance
const el = mV(-60); // Resting potential
const er = mV(-80); // Inhibitory reversal potential
const vt = mV(-50); // Spiking threshold
const memc = pF(200.0); // Membrane capacitance
const bgcurrent = pA(200); // External current

const eqsNeurons = `
dv/dt=(-gl*(v-el)-(g_ampa*v+g_gaba*(v-er))+bgcurrent)/memc : volt (unless refractory)
dg_ampa/dt = -g_ampa/tau_ampa : siemens
dg_gaba/dt = -g_gaba/tau_gaba : siemens
`;

// ###########################################
// Initialize neuron group
// ###########################################

const neurons = new NeuronGroup(NE + NI, eqsNeurons, {
  threshold: 'v > vt', reset: 'v=el', refractory: ms(5), method: 'euler',
  namespace: { gl, el, er, vt, memc, bgcurrent, tau_ampa, tau_gaba },
});
const Pe = neurons.slice(0, NE);
const Pi = neurons.slice(NE, NE + NI);

// ###########################################
// Connecting the network
// ###########################################

const con_e = new Synapses(Pe, neurons, undefined, { onPre: 'g_ampa += 0.3*nS' });
con_e.connect({ p: epsilon });
const con_ii = new Synapses(Pi, Pi, undefined, { onPre: 'g_gaba += 3*nS' });
con_ii.connect({ p: epsilon });

// ###########################################
// Inhibitory Plasticity
// ###########################################

const eqsStdpInhib = `
w : 1
dApre/dt=-Apre/tau_stdp : 1 (event-driven)
dApost/dt=-Apost/tau_stdp : 1 (event-driven)
`;
const alpha = Hz(3).times(tau_stdp).times(2).valueOf(); // Target rate parameter
const gmax = 100; // Maximum inhibitory weight

// The learning rate eta is read from this namespace at each run's start, as Brian2 reads it from
// the script's variables.
const plasticity = { tau_stdp, alpha, gmax, eta: 0 };
const con_ie = new Synapses(Pi, Pe, eqsStdpInhib, {
  onPre: `Apre += 1.
w = clip(w+(Apost-alpha)*eta, 0, gmax)
g_gaba += w*nS`,
  onPost: `Apost += 1.
w = clip(w+Apre*eta, 0, gmax)
`,
  namespace: plasticity,
});
con_ie.connect({ p: epsilon });
con_ie.w = 1e-10;

// ###########################################
// Setting up monitors
// ###########################################

const sm = new SpikeMonitor(Pe);

// ###########################################
// Run without plasticity
// ###########################################
plasticity.eta = 0; // Learning rate
run(scaled(second(1)));

// ###########################################
// Run with plasticity
// ###########################################
plasticity.eta = 1e-2; // Learning rate
run(simtime.minus(scaled(second(1))), { report: 'text' });

// ###########################################
// Make plots
// ###########################################

const [i, t] = sm.it;
const fig = figure({ rows: 2 });
fig.subplot(0, 0);
fig.plot(t.in(ms), i, 'k.', { markerSize: 0.25 });
fig.title('Before');
fig.xlabel('');
fig.xlim(scaled(ms(800)).in(ms), scaled(ms(1000)).in(ms));
fig.subplot(1, 0);
fig.plot(t.in(ms), i, 'k.', { markerSize: 0.25 });
fig.xlabel('time (ms)');
fig.title('After');
fig.xlim(simtime.minus(scaled(second(0.2))).in(ms), simtime.in(ms));
await fig.save('Vogels_et_al_2011.png');
