// Astrocytes connected in a network (Figure 5 of Stimberg et al. 2018): intercellular calcium
// wave propagation in a ring of 50 astrocytes connected by bidirectional gap junctions.
// Brian2 original: examples/frompapers/Stimberg_et_al_2018/example_5_astro_ring.py
//
// Stimberg M, Goodman DFM, Brette R, De Pittà M (2018). Modeling neuron-glia interactions with the
// Brian 2 simulator. bioRxiv 198366 (after Goldberg et al. 2010). The middle astrocyte receives an
// exogenous IP_3 stimulus for 20 s every 50 s; IP_3 diffuses along the ring through gap junctions
// (a Synapses object with a summed coupling current), and calcium waves travel around it.
// Brian2's example runs in C++ standalone mode; brian-ts runs it as is.
import { startScope, defaultclock, NeuronGroup, Synapses, StateMonitor, run, arange, second, ms, mmolar, umolar, figure } from 'brian-ts';
import { scaled } from '../../_duration.ts';

startScope();

// ------------------------------------------------------------------------------------------
// Model parameters
// ------------------------------------------------------------------------------------------
// General parameters
const duration = scaled(second(4000)); // Total simulation time
const sim_dt = ms(50); // Integrator/sampling step

const perSecond = second(1).pow(-1);
const uM_s = umolar(1).div(second(1));
const namespace = {
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
  F_ex: uM_s.times(0.09), // Maximal exogenous IP3 flow
  F: uM_s.times(0.09), // GJC IP_3 permeability
  I_Theta: umolar(0.3), // Threshold gradient for IP_3 diffusion
  omega_I: umolar(0.05), // Scaling factor of diffusion
};

// ------------------------------------------------------------------------------------------
// Model definition
// ------------------------------------------------------------------------------------------
defaultclock.dt = sim_dt; // Set the integration time

const astro_eqs = `
dI/dt = J_delta - J_3K - J_5P + J_ex + J_coupling : mmolar
J_delta = O_delta/(1 + I/kappa_delta) * C**2/(C**2 + K_delta**2) : mmolar/second
J_3K = O_3K * C**4/(C**4 + K_D**4) * I/(I + K_3K)                : mmolar/second
J_5P = Omega_5P*I                                                : mmolar/second
# Exogenous stimulation (rectangular wave with period of 50s and duty factor 0.4)
stimulus = int((t % (50*second))<20*second)                      : 1
delta_I_bias = I - I_bias*stimulus                               : mmolar
J_ex = -F_ex/2*(1 + tanh((abs(delta_I_bias) - I_Theta)/omega_I)) *
                sign(delta_I_bias)                               : mmolar/second
# Diffusion between astrocytes
J_coupling : mmolar/second

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
I_bias : mmolar (constant)
`;

const N_astro = 50; // Total number of astrocytes in the network
const astrocytes = new NeuronGroup(N_astro, astro_eqs, { method: 'rk4', namespace });
// Asymmetric stimulation on the 50th cell to get some nice chaotic patterns
astrocytes.I_bias[Math.trunc(N_astro / 2)] = umolar(1.0);
astrocytes.h = 0.9;
// Diffusion between astrocytes
const astro_to_astro_eqs = `
delta_I = I_post - I_pre        : mmolar
J_coupling_post = -F/2 * (1 + tanh((abs(delta_I) - I_Theta)/omega_I)) *
                  sign(delta_I) : mmolar/second (summed)
`;
const astro_to_astro = new Synapses(astrocytes, astrocytes, astro_to_astro_eqs, { namespace });
// Couple neighboring astrocytes: two connections per astrocyte pair, as the above formulation
// will only update the I_coupling term of one of the astrocytes
astro_to_astro.connect({ condition: 'j == (i + 1) % N_pre or j == (i + N_pre - 1) % N_pre' });

// Monitors
export const astro_mon = new StateMonitor(astrocytes, ['C'], { record: true });

// Simulation run
run(duration, { report: 'text' });

// ------------------------------------------------------------------------------------------
// Analysis and plotting
// ------------------------------------------------------------------------------------------
const fig = figure({ width: 627, height: 414 });
const scaling = 1.2;
const step = 10;
const t = astro_mon.t.in(second);
const C = astro_mon.C.values;
const Cmax = Math.max(...C.map((trace) => trace.reduce((a, b) => Math.max(a, b), -Infinity)));
C.forEach((trace, k) => {
  // the cell just before the stimulated one in colour, as in Brian2's figure
  fig.plot(t, Float64Array.from(trace, (c) => c / Cmax + k * scaling), { color: k === N_astro / 2 - 1 ? 'C0' : 'black', lineWidth: 0.7 });
});
const T = duration.in(second);
const yt = arange(0.5 * scaling, (N_astro + 1.5) * scaling, step * scaling);
fig.xlim(0, T).ylim(0, (N_astro + 1.5) * scaling)
  .xticks(arange(0, T, T >= 1000 ? 500 : 100)).xlabel('time (s)')
  .yticks(yt, Array.from(yt, (_, k) => String(k * step))).ylabel('C/C_max (cell index)');
await fig.save('example_5_astro_ring.png');
