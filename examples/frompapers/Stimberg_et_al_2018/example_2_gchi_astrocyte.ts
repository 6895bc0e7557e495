// Modeling of synaptically-activated astrocytes (Figure 2 of Stimberg et al. 2018): two
// astrocytes, one deterministic and one stochastic, activated by the same synapse.
// Brian2 original: examples/frompapers/Stimberg_et_al_2018/example_2_gchi_astrocyte.py
//
// Stimberg M, Goodman DFM, Brette R, De Pittà M (2018). Modeling neuron-glia interactions with the
// Brian 2 simulator. bioRxiv 198366 (the G-ChI model of De Pittà et al. 2009). The synapse between
// two "dummy" neuron groups only releases neurotransmitter; a Synapses object on the synapse sums
// it into the astrocytes' Y_S. Brian2's example runs in C++ standalone mode; brian-ts runs it as is.
import { startScope, defaultclock, seed, NeuronGroup, Synapses, StateMonitor, run, arange, second, ms, Hz, mmolar, umolar, figure } from 'brian-ts';
import { scaled } from '../../_duration.ts';

startScope();

seed(790824); // to get identical figures for repeated runs

// ------------------------------------------------------------------------------------------
// Model parameters
// ------------------------------------------------------------------------------------------
// General parameters
const duration = scaled(second(30)); // Total simulation time
const sim_dt = ms(1); // Integrator/sampling step

const perSecond = second(1).pow(-1);
const uM_s = umolar(1).div(second(1));
const namespace = {
  // Neuron parameters
  f_0: Hz(0.5), // Spike rate of the "source" neurons
  // Synapse parameters
  rho_c: 0.001, // Synaptic vesicle-to-extracellular space volume ratio
  Y_T: mmolar(500), // Total vesicular neurotransmitter concentration
  Omega_c: perSecond.times(40), // Neurotransmitter clearance rate
  // Astrocyte parameters
  // ---  Calcium fluxes
  O_P: uM_s.times(0.9), // Maximal Ca^2+ uptake rate by SERCAs
  K_P: umolar(0.1), // Ca2+ affinity of SERCAs
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
  O_beta: uM_s.times(5), // Maximal rate of IP_3 production by PLCbeta
  O_N: perSecond.div(umolar(1)).times(0.3), // Agonist binding rate
  Omega_N: perSecond.times(0.5), // Maximal inactivation rate
  K_KC: umolar(0.5), // Ca^2+ affinity of PKC
  zeta: 10, // Maximal reduction of receptor affinity by PKC
  // --- IP_3 production
  O_delta: uM_s.times(0.2), // Maximal rate of IP_3 production by PLCdelta
  kappa_delta: umolar(1.5), // Inhibition constant of PLC_delta by IP_3
  K_delta: umolar(0.3), // Ca^2+ affinity of PLCdelta
  // --- IP_3 degradation
  Omega_5P: perSecond.times(0.1), // Maximal rate of IP_3 degradation by IP-5P
  K_D: umolar(0.5), // Ca^2+ affinity of IP3-3K
  K_3K: umolar(1), // IP_3 affinity of IP_3-3K
  O_3K: uM_s.times(4.5), // Maximal rate of IP_3 degradation by IP_3-3K
  // --- IP_3 external production
  F_ex: uM_s.times(0.09), // Maximal exogenous IP3 flow
  I_Theta: umolar(0.3), // Threshold gradient for IP_3 diffusion
  omega_I: umolar(0.05), // Scaling factor of diffusion
};

// ------------------------------------------------------------------------------------------
// Model definition
// ------------------------------------------------------------------------------------------
defaultclock.dt = sim_dt; // Set the integration time

// "Neurons": we are only interested in the activity of the synapse, so the neurons are trivial
// "dummy" groups: a regular spiking neuron and a dummy neuron
const source_neurons = new NeuronGroup(1, 'dx/dt = f_0 : 1', { threshold: 'x>1', reset: 'x=0', method: 'euler', namespace });
const target_neurons = new NeuronGroup(1, '');

// Synapses: the synapse model is trivial, only its neurotransmitter release matters
const synapses = new Synapses(source_neurons, target_neurons, 'dY_S/dt = -Omega_c * Y_S : mmolar (clock-driven)', {
  onPre: 'Y_S += rho_c * Y_T',
  method: 'exact',
  namespace,
});
synapses.connect();

// Astrocytes: the first is deterministic, the second displays stochastic dynamics
const astro_eqs = `
# Fraction of activated astrocyte receptors:
dGamma_A/dt = O_N * Y_S * (1 - Gamma_A) -
              Omega_N*(1 + zeta * C/(C + K_KC)) * Gamma_A : 1

# IP_3 dynamics:
dI/dt = J_beta + J_delta - J_3K - J_5P + J_ex     : mmolar
J_beta = O_beta * Gamma_A                         : mmolar/second
J_delta = O_delta/(1 + I/kappa_delta) *
                         C**2/(C**2 + K_delta**2) : mmolar/second
J_3K = O_3K * C**4/(C**4 + K_D**4) * I/(I + K_3K) : mmolar/second
J_5P = Omega_5P*I                                 : mmolar/second
delta_I_bias = I - I_bias : mmolar
J_ex = -F_ex/2*(1 + tanh((abs(delta_I_bias) - I_Theta)/omega_I)) *
                sign(delta_I_bias)                : mmolar/second
I_bias                                            : mmolar (constant)

# Ca^2+-induced Ca^2+ release:
dC/dt = J_r + J_l - J_p                : mmolar
# IP3R de-inactivation probability
dh/dt = (h_inf - h_clipped)/tau_h *
        (1 + noise*xi*tau_h**0.5)      : 1
h_clipped = clip(h,0,1)                : 1
J_r = (Omega_C * m_inf**3 * h_clipped**3) *
      (C_T - (1 + rho_A)*C)            : mmolar/second
J_l = Omega_L * (C_T - (1 + rho_A)*C)  : mmolar/second
J_p = O_P * C**2/(C**2 + K_P**2)       : mmolar/second
m_inf = I/(I + d_1) * C/(C + d_5)      : 1
h_inf = Q_2/(Q_2 + C)                  : 1
tau_h = 1/(O_2 * (Q_2 + C))            : second
Q_2 = d_2 * (I + d_1)/(I + d_3)        : mmolar

# Neurotransmitter concentration in the extracellular space
Y_S     : mmolar
# Noise flag
noise   : 1 (constant)
`;
// Milstein integration method for the multiplicative noise
const astrocytes = new NeuronGroup(2, astro_eqs, { method: 'milstein', namespace });
astrocytes.h = 0.9; // IP3Rs are initially mostly available for CICR
// The first astrocyte is deterministic ("zero noise"), the second stochastic
astrocytes.noise = [0, 1];
// Connection between synapses and astrocytes (both astrocytes receive the same input from the
// synapse); a Synapses object whose source is the Synapses object above.
const ecs_syn_to_astro = new Synapses(synapses, astrocytes, 'Y_S_post = Y_S_pre : mmolar (summed)');
ecs_syn_to_astro.connect();

// Monitors
export const astro_mon = new StateMonitor(astrocytes, ['Gamma_A', 'C', 'h', 'I'], { record: true });

// Simulation run
run(duration, { report: 'text' });

// ------------------------------------------------------------------------------------------
// Analysis and plotting
// ------------------------------------------------------------------------------------------
const fig = figure({ width: 627, height: 414, rows: 4 });
const t = astro_mon.t.in(second);
const T = duration.in(second);
const two = (row: number, traces: Float64Array[], labels?: [string, string]): ReturnType<typeof fig.subplot> => {
  const ax = fig.subplot(row);
  traces.forEach((y, k) => ax.plot(t, y, labels === undefined ? {} : { label: labels[k]! }));
  return ax.xlim(0, T);
};
two(0, astro_mon.Gamma_A.values).ylim(-0.05, 1.02).yticks([0, 0.5, 1]).ylabel('Γ_A');
const axI = two(1, astro_mon.I.in(umolar), ['deterministic', 'stochastic']).ylim(-0.1, 5).yticks(arange(0, 5.1, 1)).ylabel('I (μM)');
axI.legend({ loc: 'upper left' });
two(2, astro_mon.C.in(umolar)).ylim(-0.1, 1.3).ylabel('C (μM)');
two(3, astro_mon.h.values).ylim(0.4, 1.02).ylabel('h').xlabel('time (s)');
await fig.save('example_2_gchi_astrocyte.png');
