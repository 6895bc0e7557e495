// Neurons and synapses with short-term plasticity (Stimberg et al. 2018, Fig. 1): a COBA network of 3200 excitatory and 800 inhibitory neurons, activity and one neuron's dynamics.
// Brian2 original: examples/frompapers/Stimberg_et_al_2018/example_1_COBA.py
//
// Stimberg M, Goodman DFM, Brette R, De Pittà M (2018). Modeling neuron-glia interactions with the
// Brian 2 simulator. bioRxiv 198366. Randomly connected conductance-based (COBA) integrate-and-fire
// neurons (Brunel 2000); the synapses show short-term depression and facilitation (Tsodyks 2005):
// per synapse, u_S (use of resources) and x_S (available resources) relax between spikes
// (event-driven) and set the released fraction r_S = u_S*x_S at each presynaptic spike.
import { NeuronGroup, SpikeMonitor, StateMonitor, Synapses, defaultclock, figure, histogram, mV, ms, nS, pA, pF, run, second, seed, startScope } from 'brian-ts';
import { scaled } from '../../_duration.ts';

startScope();

seed(11922); // to get identical figures for repeated runs

// Model parameters
const duration = scaled(second(1)); // Total simulation time
const sim_dt = ms(0.1); // Integrator/sampling step
const N_e = 3200; // Number of excitatory neurons
const N_i = 800; // Number of inhibitory neurons
const namespace = {
  // Neuron parameters
  E_l: mV(-60), // Leak reversal potential
  g_l: nS(9.99), // Leak conductance
  E_e: mV(0), // Excitatory synaptic reversal potential
  E_i: mV(-80), // Inhibitory synaptic reversal potential
  C_m: pF(198), // Membrane capacitance
  tau_e: ms(5), // Excitatory synaptic time constant
  tau_i: ms(10), // Inhibitory synaptic time constant
  tau_r: ms(5), // Refractory period
  I_ex: pA(150), // External current
  V_th: mV(-50), // Firing threshold
  V_r: mV(-60), // Reset potential (= E_l)
  // Synapse parameters
  w_e: nS(0.05), // Excitatory synaptic conductance
  w_i: nS(1.0), // Inhibitory synaptic conductance
  U_0: 0.6, // Synaptic release probability at rest
  Omega_d: second(1).pow(-1).times(2.0), // Synaptic depression rate
  Omega_f: second(1).pow(-1).times(3.33), // Synaptic facilitation rate
};

// Model definition
defaultclock.dt = sim_dt;
// Neurons
const neuron_eqs = `
dv/dt = (g_l*(E_l-v) + g_e*(E_e-v) + g_i*(E_i-v) +
         I_ex)/C_m    : volt (unless refractory)
dg_e/dt = -g_e/tau_e  : siemens  # post-synaptic exc. conductance
dg_i/dt = -g_i/tau_i  : siemens  # post-synaptic inh. conductance
`;
const neurons = new NeuronGroup(N_e + N_i, neuron_eqs, { threshold: 'v>V_th', reset: 'v=V_r', refractory: 'tau_r', method: 'euler', namespace });
// Random initial membrane potential values and conductances
neurons.v = 'E_l + rand()*(V_th-E_l)';
neurons.g_e = 'rand()*w_e';
neurons.g_i = 'rand()*w_i';
const exc_neurons = neurons.slice(0, N_e);
const inh_neurons = neurons.slice(N_e, N_e + N_i);

// Synapses
const synapses_eqs = `
# Usage of releasable neurotransmitter per single action potential:
du_S/dt = -Omega_f * u_S     : 1 (event-driven)
# Fraction of synaptic neurotransmitter resources available:
dx_S/dt = Omega_d *(1 - x_S) : 1 (event-driven)
`;
const synapses_action = `
u_S += U_0 * (1 - u_S)
r_S = u_S * x_S
x_S -= r_S
`;
export const exc_syn = new Synapses(exc_neurons, neurons, synapses_eqs, { onPre: synapses_action + 'g_e_post += w_e*r_S', namespace });
export const inh_syn = new Synapses(inh_neurons, neurons, synapses_eqs, { onPre: synapses_action + 'g_i_post += w_i*r_S', namespace });
exc_syn.connect({ p: 0.05 });
inh_syn.connect({ p: 0.2 });
// Start from "resting" condition: all synapses have fully-replenished neurotransmitter resources
exc_syn.x_S = 1;
inh_syn.x_S = 1;

// Monitors (one per population, which makes plotting easier)
export const exc_mon = new SpikeMonitor(exc_neurons);
export const inh_mon = new SpikeMonitor(inh_neurons);
// We record some additional data from a single excitatory neuron
const ni = 50;
// Record conductances and membrane potential of neuron ni
const state_mon = new StateMonitor(exc_neurons, ['v', 'g_e', 'g_i'], { record: ni });
// Synaptic variables are recorded after the synapses are updated, so that simple recurrence
// relations reconstruct them. Record all synapses originating from neuron ni.
const synapse_mon = new StateMonitor(exc_syn, ['u_S', 'x_S'], { record: exc_syn.indicesOf(ni, null), when: 'after_synapses' });

// Simulation run
run(duration, { report: 'text' });

// Analysis and plotting
const T = duration.in(ms);
// Spiking activity (with rate)
const fig1 = figure({ rows: 2, heightRatios: [3, 1], width: 460, height: 460 });
const quarter = (mon: SpikeMonitor, n: number, offset: number): [number[], number[]] => {
  const t: number[] = [];
  const i: number[] = [];
  mon.i.forEach((k, s) => {
    if (k <= Math.floor(n / 4)) {
      t.push(mon.t_[s]! * 1000);
      i.push(k + offset);
    }
  });
  return [t, i];
};
const ax0 = fig1.subplot(0);
ax0.plot(...quarter(exc_mon, N_e, 0), '|', { color: 'C0' });
ax0.plot(...quarter(inh_mon, N_i, Math.floor(N_e / 4)), '|', { color: 'C1' });
ax0.xlim(0, T).ylim(0, Math.floor((N_e + N_i) / 4)).ylabel('neuron index');
// Generate frequencies
const bin_size = 1; // ms
const allSpikes = [...Array.from(exc_mon.t_, (t) => t * 1000), ...Array.from(inh_mon.t_, (t) => t * 1000)];
const { counts, edges } = histogram(allSpikes, Math.round(T));
const rate = Array.from(counts, (c) => c / (N_e + N_i) / (bin_size / 1000));
fig1.subplot(1).plot(edges.subarray(0, edges.length - 1), rate, '-', { color: 'k' }).xlim(0, T).ylim(0, 10).xlabel('time (ms)').ylabel('rate (Hz)');
await fig1.save('example_1_COBA_activity.png');

// Dynamics of a single neuron
const fig2 = figure({ rows: 4, width: 460, height: 600 });
const t = state_mon.t.in(ms);
// Postsynaptic conductances
const ax = [0, 1, 2, 3].map((k) => fig2.subplot(k));
ax[0]!.plot(t, state_mon.g_e[0].in(nS), { color: 'C0' });
ax[0]!.plot(t, state_mon.g_i[0].in(nS).map((x) => -x), { color: 'C1' });
ax[0]!.plot([t[0]!, t[t.length - 1]!], [0, 0], { color: 'grey', lineStyle: ':' });
ax[0]!.xlim(0, T).ylim(-5.0, 0.25).ylabel('postsyn.\nconduct.\n(nS)');
// Membrane potential
ax[1]!.axhline(namespace.V_th.in(mV), { color: 'C2', lineStyle: ':' }); // Threshold
// Artificially insert spikes
ax[1]!.plot(t, state_mon.v[0].in(mV), { color: 'black' });
const niSpikes = Array.from(exc_mon.t_).filter((_, s) => exc_mon.i[s] === ni);
ax[1]!.vlines(niSpikes.map((x) => x * 1000), namespace.V_th.in(mV), 0, { color: 'black' });
ax[1]!.xlim(0, T).ylim(-1 + namespace.V_r.in(mV), 0).ylabel('membrane\npotential\n(mV)');
// Synaptic variables: the samples at the spikes of neuron ni (monitor and spikes share dt)
const time = synapse_mon.t_;
const spiking = new Set(niSpikes);
const spk_index = Array.from(time, (x) => spiking.has(x));
const x_S = synapse_mon.x_S[0].values;
const u_S = synapse_mon.u_S[0].values;
const at = <T>(a: ArrayLike<T>): T[] => Array.from(a).filter((_, k) => spk_index[k]);
ax[2]!.plot(at(time).map((x) => x * 1000), at(x_S), '.', { markerSize: 4, color: 'C3' });
ax[2]!.plot(at(time).map((x) => x * 1000), at(u_S), '.', { markerSize: 4, color: 'C4' });
// Super-impose reconstructed solutions: tspk is the last spike time up to each time
const tspk = Float64Array.from(time);
for (const ts of niSpikes) for (let k = 0; k < time.length; k++) if (time[k]! >= ts) tspk[k] = ts;
const Od = namespace.Omega_d.in(second.pow(-1));
const Of = namespace.Omega_f.in(second.pow(-1));
const tms = Array.from(time, (x) => x * 1000);
ax[2]!.plot(tms, Array.from(x_S, (x, k) => 1 + (x - 1) * Math.exp(-(time[k]! - tspk[k]!) * Od)), '-', { color: 'C3' });
ax[2]!.plot(tms, Array.from(u_S, (u, k) => u * Math.exp(-(time[k]! - tspk[k]!) * Of)), '-', { color: 'C4' });
ax[2]!.xlim(0, T).ylim(-0.05, 1.05).ylabel('synaptic\nvariables\nu_S, x_S');
const xs = at(x_S);
const us = at(u_S);
ax[3]!.vlines(at(time).map((x) => x * 1000), 0, xs.map((x, k) => (x * us[k]!) / (1 - us[k]!)));
ax[3]!.xlim(0, T).ylim(-0.01, 0.62).yticks([0, 0.2, 0.4, 0.6]).xlabel('time (ms)').ylabel('r_S');
await fig2.save('example_1_COBA_neuron.png');
