// Modeling of modulation of synaptic release by gliotransmission (Figure 3 of Stimberg et al.
// 2018): three synapses, the first without astrocyte, the other two with open-loop
// gliotransmission from astrocytes of different activity.
// Brian2 original: examples/frompapers/Stimberg_et_al_2018/example_3_io_synapse.py
//
// Stimberg M, Goodman DFM, Brette R, De Pittà M (2018). Modeling neuron-glia interactions with the
// Brian 2 simulator. bioRxiv 198366 (after De Pittà et al. 2011, 2016). An astrocyte releases
// gliotransmitter when its Ca²⁺ crosses a threshold (a "spike" with the threshold also as
// refractoriness condition, and the release as reset); a Synapses object from the astrocytes to
// the synapses sums the gliotransmitter into the synapses' G_A, which lowers their release
// probability. Brian2's example runs in C++ standalone mode; brian-ts runs it as is.
import { startScope, defaultclock, NeuronGroup, SpikeGeneratorGroup, Synapses, StateMonitor, run, second, ms, mmolar, umolar, figure } from 'brian-ts';
import { scaled } from '../../_duration.ts';

startScope();

// ------------------------------------------------------------------------------------------
// Model parameters
// ------------------------------------------------------------------------------------------
// General parameters
const transient = scaled(second(16.5));
const duration = transient.plus(ms(600)); // Total simulation time
const sim_dt = ms(1); // Integrator/sampling step

const perSecond = second(1).pow(-1);
const uM_s = umolar(1).div(second(1));
const C_Theta = umolar(0.5); // Ca^2+ threshold for exocytosis
const namespace = {
  // Synapse parameters
  rho_c: 0.005, // Synaptic vesicle-to-extracellular space volume ratio
  Y_T: mmolar(500), // Total vesicular neurotransmitter concentration
  Omega_c: perSecond.times(40), // Neurotransmitter clearance rate
  U_0__star: 0.6, // Resting synaptic release probability
  Omega_f: perSecond.times(3.33), // Synaptic facilitation rate
  Omega_d: perSecond.times(2.0), // Synaptic depression rate
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
  // --- IP_3 production
  O_delta: uM_s.times(0.6), // Maximal rate of IP_3 production by PLCdelta
  kappa_delta: umolar(1.5), // Inhibition constant of PLC_delta by IP_3
  K_delta: umolar(0.1), // Ca^2+ affinity of PLCdelta
  // --- IP_3 degradation
  Omega_5P: perSecond.times(0.05), // Maximal rate of IP_3 degradation by IP-5P
  K_D: umolar(0.7), // Ca^2+ affinity of IP3-3K
  K_3K: umolar(1.0), // IP_3 affinity of IP_3-3K
  O_3K: uM_s.times(4.5), // Maximal rate of IP_3 degradation by IP_3-3K
  // --- IP_3 diffusion
  F_ex: uM_s.times(2.0), // Maximal exogenous IP3 flow
  I_Theta: umolar(0.3), // Threshold gradient for IP_3 diffusion
  omega_I: umolar(0.05), // Scaling factor of diffusion
  // --- Gliotransmitter release and time course
  C_Theta,
  Omega_A: perSecond.times(0.6), // Gliotransmitter recycling rate
  U_A: 0.6, // Gliotransmitter release probability
  G_T: mmolar(200), // Total vesicular gliotransmitter concentration
  rho_e: 6.5e-4, // Astrocytic vesicle-to-extracellular volume ratio
  Omega_e: perSecond.times(60), // Gliotransmitter clearance rate
  alpha: 0.0, // Gliotransmission nature
};

// ------------------------------------------------------------------------------------------
// Model definition
// ------------------------------------------------------------------------------------------
defaultclock.dt = sim_dt; // Set the integration time

// "Neurons": only the synapse matters, so the neurons are trivial "dummy" groups
const spikeTimes = [0, 50, 100, 150, 200, 300, 310, 320, 330, 340, 350, 360, 370, 380, 390, 400];
const spikes = ms(spikeTimes).plus(transient); // allow for some initial transient
const source_neurons = new SpikeGeneratorGroup(1, new Array<number>(spikeTimes.length).fill(0), spikes);
const target_neurons = new NeuronGroup(1, '');

// Synapses: they do not act on the postsynaptic target. For easier plotting u_S and x_S are
// clock-driven here, though they only need updating when a spike arrives.
const synapses_eqs = `
# Neurotransmitter
dY_S/dt = -Omega_c * Y_S        : mmolar (clock-driven)
# Fraction of activated presynaptic receptors
dGamma_S/dt = O_G * G_A * (1 - Gamma_S) -
              Omega_G * Gamma_S : 1 (clock-driven)
# Usage of releasable neurotransmitter per single action potential:
du_S/dt = -Omega_f * u_S        : 1 (clock-driven)
# Fraction of synaptic neurotransmitter resources available:
dx_S/dt = Omega_d *(1 - x_S)    : 1 (clock-driven)
# released synaptic neurotransmitter resources:
r_S                             : 1
# gliotransmitter concentration in the extracellular space:
G_A                             : mmolar
`;
const synapses_action = `
U_0 = (1 - Gamma_S) * U_0__star + alpha * Gamma_S
u_S += U_0 * (1 - u_S)
r_S = u_S * x_S
x_S -= r_S
Y_S += rho_c * Y_T * r_S
`;
const synapses = new Synapses(source_neurons, target_neurons, synapses_eqs, { onPre: synapses_action, method: 'exact', namespace });
// We create three synapses, only the second and third ones are modulated by astrocytes
synapses.connect({ condition: true, n: 3 });

// Astrocytes: they emit gliotransmitter when their Ca^2+ concentration crosses a threshold
const astro_eqs = `
# IP_3 dynamics:
dI/dt = J_delta - J_3K - J_5P + J_ex                             : mmolar
J_delta = O_delta/(1 + I/kappa_delta) * C**2/(C**2 + K_delta**2) : mmolar/second
J_3K = O_3K * C**4/(C**4 + K_D**4) * I/(I + K_3K)                : mmolar/second
J_5P = Omega_5P*I                                                : mmolar/second
# Exogenous stimulation
delta_I_bias = I - I_bias          : mmolar
J_ex = -F_ex/2*(1 + tanh((abs(delta_I_bias) - I_Theta)/omega_I)) *
                sign(delta_I_bias) : mmolar/second
I_bias                             : mmolar (constant)

# Ca^2+-induced Ca^2+ release:
dC/dt = (Omega_C * m_inf**3 * h**3 + Omega_L) * (C_T - (1 + rho_A)*C) -
        O_P * C**2/(C**2 + K_P**2) : mmolar
dh/dt = (h_inf - h)/tau_h : 1  # IP3R de-inactivation probability
m_inf = I/(I + d_1) * C/(C + d_5)  : 1
h_inf = Q_2/(Q_2 + C)              : 1
tau_h = 1/(O_2 * (Q_2 + C))        : second
Q_2 = d_2 * (I + d_1)/(I + d_3)    : mmolar
# Fraction of gliotransmitter resources available:
dx_A/dt = Omega_A * (1 - x_A)      : 1
# gliotransmitter concentration in the extracellular space:
dG_A/dt = -Omega_e*G_A             : mmolar
`;
const glio_release = `
G_A += rho_e * G_T * U_A * x_A
x_A -= U_A *  x_A
`;
// A "spike" only at the first threshold crossing: the astrocyte stays "refractory" while its Ca2+
// remains above threshold; the gliotransmitter release is the "reset".
const astrocyte = new NeuronGroup(2, astro_eqs, { threshold: 'C>C_Theta', refractory: 'C>C_Theta', reset: glio_release, method: 'rk4', namespace });
// Different length of stimulation
astrocyte.x_A = 1.0;
astrocyte.h = 0.9;
astrocyte.I = umolar(0.4);
astrocyte.I_bias = umolar([0.8, 1.25]);

// Connection between the astrocytes and the second and third synapse (summed gliotransmitter)
const ecs_astro_to_syn = new Synapses(astrocyte, synapses, 'G_A_post = G_A_pre : mmolar (summed)');
ecs_astro_to_syn.connect({ j: 'i+1' });

// Monitors
export const syn_mon = new StateMonitor(synapses, ['u_S', 'x_S', 'r_S', 'Y_S'], { record: [0, 1, 2] });
export const ast_mon = new StateMonitor(astrocyte, ['C', 'G_A'], { record: true });

// Simulation run
run(duration, { report: 'text' });

// ------------------------------------------------------------------------------------------
// Analysis and plotting
// ------------------------------------------------------------------------------------------
const fig = figure({ width: 627, height: 752, rows: 6, heightRatios: [3, 2, 1.5, 3, 3, 3] });
const tr = transient.in(second);
const tAst = Array.from(ast_mon.t.in(second), (x) => x - tr);
const tSyn = Array.from(syn_mon.t.in(ms), (x) => x - tr * 1000);
const window = (duration.in(ms) - tr * 1000);

// Ca^2+ traces of the two astrocytes, with the threshold for gliotransmitter release
const ax0 = fig.subplot(0);
const C = ast_mon.C.in(umolar);
ax0.plot(tAst, C[0]!, '-', { color: 'C2' });
ax0.plot(tAst, C[1]!, '-', { color: 'C3' });
ax0.plot([-tr, 0], [C_Theta.in(umolar), C_Theta.in(umolar)], ':', { color: 'gray' });
ax0.xlim(-tr, 0).yticks([0, 0.4, 0.8, 1.2]).ylabel('C (μM)');

// Gliotransmitter concentration in the extracellular space
const ax1 = fig.subplot(1);
const G_A = ast_mon.G_A.in(umolar);
ax1.plot(tAst, G_A[0]!, '-', { color: 'C2' });
ax1.plot(tAst, G_A[1]!, '-', { color: 'C3' });
ax1.yticks([0, 50, 100]).xlim(-tr, 0).xlabel('time (s)').ylabel('G_A (μM)');

// Synaptic stimulation (Brian2 draws the spikes as vertical lines in a panel without axes)
const ax2 = fig.subplot(2);
ax2.plot(spikeTimes, spikeTimes.map(() => 0.5), '|', { color: 'k', markerSize: 12 });
ax2.xlim(0, window).ylim(0, 1).yticks([]);

// Synaptic variables: black for the synapse without astrocyte, then C2 and C3 as above
const colors = ['k', 'C2', 'C3'];
const panel = (row: number, traces: Float64Array[], ylabel: string): ReturnType<typeof fig.subplot> => {
  const ax = fig.subplot(row);
  traces.forEach((y, k) => ax.plot(tSyn, y, { color: colors[k]! }));
  return ax.xlim(0, window).ylabel(ylabel);
};
panel(3, syn_mon.u_S.values, 'u_S').ylim(0, 1).yticks([0, 0.25, 0.5, 0.75, 1]);
panel(4, syn_mon.x_S.values, 'x_S').ylim(-0.05, 1).yticks([0, 0.25, 0.5, 0.75, 1]);
const ax6 = panel(5, syn_mon.Y_S.in(umolar), 'Y_S (μM)').ylim(-5, 1500).yticks([0, 500, 1000, 1500]).xlabel('time (ms)');
ax6.legend(['no gliotransmission', 'weak gliotransmission', 'stronger gliotransmission'], { loc: 'upper right' });
await fig.save('example_3_io_synapse.png');
