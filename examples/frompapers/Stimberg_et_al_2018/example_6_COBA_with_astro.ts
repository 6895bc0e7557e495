// Neuron-glia network (Figure 6 of Stimberg et al. 2018): the COBA network of example 1 with
// synapses modulated by a lattice of 3200 gap-junction-coupled astrocytes, and a step increase of
// the external drive from 2 to 4 s.
// Brian2 original: examples/frompapers/Stimberg_et_al_2018/example_6_COBA_with_astro.py
//
// Stimberg M, Goodman DFM, Brette R, De Pittà M (2018). Modeling neuron-glia interactions with the
// Brian 2 simulator. bioRxiv 198366. Excitatory neurons sit on a square lattice; each excitatory
// synapse belongs to the astrocyte of its postsynaptic neuron's place; synapses release
// neurotransmitter onto their astrocyte (averaged with a summed variable over N_incoming), the
// astrocyte's gliotransmitter lowers their release probability, and astrocytes within 75 µm are
// coupled by IP_3 diffusion. The astrocytes use their own clock (dt = 10 ms). Brian2's example
// runs in C++ standalone mode; brian-ts runs it as is (1.3 million synapses with clock-driven
// variables for 8 s: a long run).
import { startScope, defaultclock, seed, NeuronGroup, Synapses, SpikeMonitor, TimedArray, run, arange, linspace, histogram, second, ms, mV, nS, pA, pF, mmolar, umolar, mmeter, figure } from 'brian-ts';
import { scaled } from '../../_duration.ts';

startScope();

seed(28371); // to get identical figures for repeated runs

// ------------------------------------------------------------------------------------------
// Model parameters
// ------------------------------------------------------------------------------------------
// General parameters
const N_e = 3200; // Number of excitatory neurons
const N_i = 800; // Number of inhibitory neurons
const N_a = 3200; // Number of astrocytes
// Some metrics parameters needed to establish proper connections
const size = mmeter(3.75); // Length and width of the square lattice

// HF stimulus: the external drive is 1.2 times stronger from 2 to 4 s (shortened with the run)
const stimulus = new TimedArray([1.0, 1.2, 1.0, 1.0], scaled(second(2)));
// Simulation time (based on the stimulus)
const duration = scaled(second(8)); // Total simulation time

// The lattices of the excitatory neurons and of the astrocytes
const N_rows = Math.trunc(Math.sqrt(N_e));
const N_cols = Math.trunc(N_e / N_rows);
const grid_dist = size.div(N_cols);
const N_rows_a = Math.trunc(Math.sqrt(N_a));
const N_cols_a = N_a / N_rows_a;
const grid_dist_a = size.div(N_rows_a); // Brian2 reuses the name grid_dist for this one

const perSecond = second(1).pow(-1);
const uM_s = umolar(1).div(second(1));
const I_ex = pA(100); // External current
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
  I_ex,
  V_th: mV(-50), // Firing threshold
  V_r: mV(-60), // Reset potential (= E_l)
  // Synapse parameters
  rho_c: 0.005, // Synaptic vesicle-to-extracellular space volume ratio
  Y_T: mmolar(500), // Total vesicular neurotransmitter concentration
  Omega_c: perSecond.times(40), // Neurotransmitter clearance rate
  U_0__star: 0.6, // Resting synaptic release probability
  Omega_f: perSecond.times(3.33), // Synaptic facilitation rate
  Omega_d: perSecond.times(2.0), // Synaptic depression rate
  w_e: nS(0.05), // Excitatory synaptic conductance
  w_i: nS(1.0), // Inhibitory synaptic conductance
  // --- Presynaptic receptors
  O_G: perSecond.div(umolar(1)).times(1.5), // Agonist binding (activating) rate
  Omega_G: second(60).pow(-1).times(0.5), // Agonist release (deactivating) rate
  // Astrocyte parameters
  // ---  Calcium fluxes
  O_P: uM_s.times(0.9), // Maximal Ca^2+ uptake rate by SERCAs
  K_P: umolar(0.05), // Ca2+ affinity of SERCAs
  C_T: umolar(2), // Total cell free Ca^2+ content
  rho_A: 0.18, // ER-to-cytoplasm volume ratio
  Omega_C: perSecond.times(6), // Maximal rate of Ca^2+ release by IP_3Rs
  Omega_L: perSecond.times(0.1), // Maximal rate of Ca^2+ leak from the ER
  // --- IP_3R kinectics
  d_1: umolar(0.13), // IP_3 binding affinity
  d_2: umolar(1.05), // Ca^2+ inactivation dissociation constant
  O_2: perSecond.div(umolar(1)).times(0.2), // IP_3R binding rate for Ca^2+ inhibition
  d_3: umolar(0.9434), // IP_3 dissociation constant
  d_5: umolar(0.08), // Ca^2+ activation dissociation constant
  // --- Agonist-dependent IP_3 production
  O_beta: uM_s.times(0.5), // Maximal rate of IP_3 production by PLCbeta
  O_N: perSecond.div(umolar(1)).times(0.3), // Agonist binding rate
  Omega_N: perSecond.times(0.5), // Maximal inactivation rate
  K_KC: umolar(0.5), // Ca^2+ affinity of PKC
  zeta: 10, // Maximal reduction of receptor affinity by PKC
  // --- Endogenous IP3 production
  O_delta: uM_s.times(1.2), // Maximal rate of IP_3 production by PLCdelta
  kappa_delta: umolar(1.5), // Inhibition constant of PLC_delta by IP_3
  K_delta: umolar(0.1), // Ca^2+ affinity of PLCdelta
  // --- IP_3 degradation
  Omega_5P: perSecond.times(0.05), // Maximal rate of IP_3 degradation by IP-5P
  K_D: umolar(0.7), // Ca^2+ affinity of IP3-3K
  K_3K: umolar(1.0), // IP_3 affinity of IP_3-3K
  O_3K: uM_s.times(4.5), // Maximal rate of IP_3 degradation by IP_3-3K
  // --- IP_3 diffusion
  F: uM_s.times(0.09), // GJC IP_3 permeability
  I_Theta: umolar(0.3), // Threshold gradient for IP_3 diffusion
  omega_I: umolar(0.05), // Scaling factor of diffusion
  // --- Gliotransmitter release and time course
  C_Theta: umolar(0.5), // Ca^2+ threshold for exocytosis
  Omega_A: perSecond.times(0.6), // Gliotransmitter recycling rate
  U_A: 0.6, // Gliotransmitter release probability
  G_T: mmolar(200), // Total vesicular gliotransmitter concentration
  rho_e: 6.5e-4, // Astrocytic vesicle-to-extracellular volume ratio
  Omega_e: perSecond.times(60), // Gliotransmitter clearance rate
  alpha: 0.0, // Gliotransmission nature
  stimulus, N_rows, N_cols, N_rows_a, N_cols_a, grid_dist, grid_dist_a,
};

// ------------------------------------------------------------------------------------------
// Model definition
// ------------------------------------------------------------------------------------------
// Neurons
const neuron_eqs = `
dv/dt = (g_l*(E_l-v) + g_e*(E_e-v) + g_i*(E_i-v) + I_ex*stimulus(t))/C_m : volt (unless refractory)
dg_e/dt = -g_e/tau_e : siemens  # post-synaptic excitatory conductance
dg_i/dt = -g_i/tau_i : siemens  # post-synaptic inhibitory conductance
# Neuron position in space
x : meter (constant)
y : meter (constant)
`;
const neurons = new NeuronGroup(N_e + N_i, neuron_eqs, { threshold: 'v>V_th', reset: 'v=V_r', refractory: 'tau_r', method: 'euler', namespace });
const exc_neurons = neurons.slice(0, N_e);
const inh_neurons = neurons.slice(N_e, N_e + N_i);
// Arrange excitatory neurons in a grid
exc_neurons.x = '(i // N_rows)*grid_dist - N_rows/2.0*grid_dist';
exc_neurons.y = '(i % N_rows)*grid_dist - N_cols/2.0*grid_dist';
// Random initial membrane potential values and conductances
neurons.v = 'E_l + rand()*(V_th-E_l)';
neurons.g_e = 'rand()*w_e';
neurons.g_i = 'rand()*w_i';

// Synapses
const synapses_eqs = `
# Neurotransmitter
dY_S/dt = -Omega_c * Y_S                                    : mmolar (clock-driven)
# Fraction of activated presynaptic receptors
dGamma_S/dt = O_G * G_A * (1 - Gamma_S) - Omega_G * Gamma_S : 1 (clock-driven)
# Usage of releasable neurotransmitter per single action potential:
du_S/dt = -Omega_f * u_S                                    : 1 (event-driven)
# Fraction of synaptic neurotransmitter resources available for release:
dx_S/dt = Omega_d *(1 - x_S)                                : 1 (event-driven)
U_0                                                         : 1
# released synaptic neurotransmitter resources:
r_S                                                         : 1
# gliotransmitter concentration in the extracellular space:
G_A                                                         : mmolar
# which astrocyte covers this synapse ?
astrocyte_index : integer (constant)
`;
const synapses_action = `
U_0 = (1 - Gamma_S) * U_0__star + alpha * Gamma_S
u_S += U_0 * (1 - u_S)
r_S = u_S * x_S
x_S -= r_S
Y_S += rho_c * Y_T * r_S
`;
export const exc_syn = new Synapses(exc_neurons, neurons, synapses_eqs, { onPre: synapses_action + 'g_e_post += w_e*r_S', method: 'exact', namespace });
exc_syn.connect({ condition: true, p: 0.05 });
exc_syn.x_S = 1.0;
export const inh_syn = new Synapses(inh_neurons, neurons, synapses_eqs, { onPre: synapses_action + 'g_i_post += w_i*r_S', method: 'exact', namespace });
inh_syn.connect({ condition: true, p: 0.2 });
inh_syn.x_S = 1.0;
// Connect excitatory synapses to an astrocyte depending on the position of the post-synaptic neuron
exc_syn.astrocyte_index = 'int(x_post/grid_dist_a) + N_cols_a*int(y_post/grid_dist_a)';

// Astrocytes: the astrocyte emits gliotransmitter when its Ca^2+ concentration crosses a threshold
const astro_eqs = `
# Fraction of activated astrocyte receptors (1):
dGamma_A/dt = O_N * Y_S * (1 - clip(Gamma_A,0,1)) -
              Omega_N*(1 + zeta * C/(C + K_KC)) * clip(Gamma_A,0,1) : 1
# Intracellular IP_3
dI/dt = J_beta + J_delta - J_3K - J_5P + J_coupling              : mmolar
J_beta = O_beta * Gamma_A                                        : mmolar/second
J_delta = O_delta/(1 + I/kappa_delta) * C**2/(C**2 + K_delta**2) : mmolar/second
J_3K = O_3K * C**4/(C**4 + K_D**4) * I/(I + K_3K)                : mmolar/second
J_5P = Omega_5P*I                                                : mmolar/second
# Diffusion between astrocytes:
J_coupling                                                       : mmolar/second

# Ca^2+-induced Ca^2+ release:
dC/dt = J_r + J_l - J_p                                   : mmolar
dh/dt = (h_inf - h)/tau_h                                 : 1
J_r = (Omega_C * m_inf**3 * h**3) * (C_T - (1 + rho_A)*C) : mmolar/second
J_l = Omega_L * (C_T - (1 + rho_A)*C)                     : mmolar/second
J_p = O_P * C**2/(C**2 + K_P**2)                          : mmolar/second
m_inf = I/(I + d_1) * C/(C + d_5)                         : 1
h_inf = Q_2/(Q_2 + C)                                     : 1
tau_h = 1/(O_2 * (Q_2 + C))                               : second
Q_2 = d_2 * (I + d_1)/(I + d_3)                           : mmolar

# Fraction of gliotransmitter resources available for release:
dx_A/dt = Omega_A * (1 - x_A) : 1
# gliotransmitter concentration in the extracellular space:
dG_A/dt = -Omega_e*G_A        : mmolar
# Neurotransmitter concentration in the extracellular space:
Y_S                           : mmolar
# The astrocyte position in space
x : meter (constant)
y : meter (constant)
`;
const glio_release = `
G_A += rho_e * G_T * U_A * x_A
x_A -= U_A *  x_A
`;
const astrocytes = new NeuronGroup(N_a, astro_eqs, {
  // A "spike" only at the first threshold crossing; the gliotransmitter release is the "reset"
  threshold: 'C>C_Theta', refractory: 'C>C_Theta', reset: glio_release, method: 'rk4', dt: ms(10), namespace,
});
// Arrange astrocytes in a grid
astrocytes.x = '(i // N_rows_a)*grid_dist_a - N_rows_a/2.0*grid_dist_a';
astrocytes.y = '(i % N_rows_a)*grid_dist_a - N_cols_a/2.0*grid_dist_a';
// Add random initialization
astrocytes.C = umolar(0.01);
astrocytes.h = 0.9;
astrocytes.I = umolar(0.01);
astrocytes.x_A = 1.0;

// Each excitatory synapse with its astrocyte, both ways. Brian2's example connects with the
// conditions 'i == astrocyte_index_post' and 'astrocyte_index_pre == j', which test every
// (astrocyte, synapse) pair: 2 billion of them. The same synapses, in the same order (by astrocyte,
// then by synapse; by synapse), come from the index arrays directly.
const astroOf = Int32Array.from(exc_syn.astrocyte_index.values as ArrayLike<number>);
const covered = Array.from(astroOf.keys()).filter((k) => astroOf[k]! >= 0 && astroOf[k]! < N_a);
const byAstrocyte = [...covered].sort((a, b) => astroOf[a]! - astroOf[b]! || a - b);
export const ecs_astro_to_syn = new Synapses(astrocytes, exc_syn, 'G_A_post = G_A_pre : mmolar (summed)');
ecs_astro_to_syn.connect({ i: byAstrocyte.map((k) => astroOf[k]!), j: byAstrocyte });
export const ecs_syn_to_astro = new Synapses(exc_syn, astrocytes, 'Y_S_post = Y_S_pre/N_incoming : mmolar (summed)');
ecs_syn_to_astro.connect({ i: covered, j: covered.map((k) => astroOf[k]!) });
// Diffusion between astrocytes
const astro_to_astro_eqs = `
delta_I = I_post - I_pre            : mmolar
J_coupling_post = -(1 + tanh((abs(delta_I) - I_Theta)/omega_I))*
                  sign(delta_I)*F/2 : mmolar/second (summed)
`;
export const astro_to_astro = new Synapses(astrocytes, astrocytes, astro_to_astro_eqs, { namespace });
astro_to_astro.connect({ condition: 'i != j and sqrt((x_pre-x_post)**2 + (y_pre-y_post)**2) < 75*um' });

// Monitors
export const exc_mon = new SpikeMonitor(exc_neurons);
export const inh_mon = new SpikeMonitor(inh_neurons);
export const ast_mon = new SpikeMonitor(astrocytes);

// Simulation run
defaultclock.dt = ms(0.1);
run(duration, { report: 'text' });

// ------------------------------------------------------------------------------------------
// Analysis and plotting
// ------------------------------------------------------------------------------------------
const T = duration.in(second);
const fig = figure({ width: 627, height: 502, rows: 3, heightRatios: [1, 6, 2], sharex: true });
const timeRange = linspace(0, T, Math.trunc(T * 100));
const step = scaled(second(2)).in(second);
fig.subplot(0).plot(timeRange, Array.from(timeRange, (t) => I_ex.in(pA) * [1.0, 1.2, 1.0, 1.0][Math.min(3, Math.floor(t / step))]!), 'k')
  .xlim(0, T).ylim(98, 122).yticks([100, 120]).ylabel('I_ex (pA)');
// a quarter of each population in the raster
const fraction = 4;
const ax1 = fig.subplot(1);
const raster = (m: SpikeMonitor, n: number, offset: number, color: string): void => {
  const keep = Array.from(m.i, (i) => i <= Math.trunc(n / fraction));
  const t = m.t.in(second).filter((_, k) => keep[k]);
  const i = Array.from(m.i).filter((_, k) => keep[k]).map((x) => x + offset);
  ax1.plot(t, i, '|', { color, markerSize: 3 });
};
raster(exc_mon, N_e, 0, 'C0');
raster(inh_mon, N_i, Math.trunc(N_e / fraction), 'C1');
raster(ast_mon, N_a, Math.trunc((N_e + N_i) / fraction), 'C2');
ax1.xlim(0, T).ylim(0, Math.trunc((N_e + N_i + N_a) / fraction)).yticks(arange(0, Math.trunc((N_e + N_i + N_a) / fraction) + 1, 250)).ylabel('cell index');
// Population rate in 1 ms bins
const binSize = 1e-3;
const nBins = Math.trunc(T / binSize);
const all = Float64Array.from([...exc_mon.t_, ...inh_mon.t_]);
const { counts, edges } = histogram(all, nBins);
const rate = Array.from(counts, (c) => Math.max(c / (N_e + N_i) / binSize, 0.001)); // 0.001: lower bound for the log scale
fig.subplot(2).plot(Array.from(edges).slice(0, -1), rate, '-', { color: 'k' }).yscale('log')
  .xlim(0, T).ylim(0.1, 150).yticks([0.1, 1, 10, 100]).xlabel('time (s)').ylabel('rate (Hz)');
await fig.save('example_6_COBA_with_astro.png');
