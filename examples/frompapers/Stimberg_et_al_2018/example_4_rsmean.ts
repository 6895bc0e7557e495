// Closed-loop gliotransmission (Figure 4C of Stimberg et al. 2018): I/O curves, the average
// per-spike release against the stimulation rate, for synapses without gliotransmission and with
// open- and closed-loop gliotransmission.
// Brian2 original: examples/frompapers/Stimberg_et_al_2018/example_4_rsmean.py
//
// Stimberg M, Goodman DFM, Brette R, De Pittà M (2018). Modeling neuron-glia interactions with the
// Brian 2 simulator. bioRxiv 198366. The model of example_4_synrel with 100 Poisson sources at
// rates from 0.1 to 100 Hz (log-spaced), run for 15 s of transient and 180 s. Brian2's example
// records r_S of all 300 synapses at every step (58 million values); here every 10 ms, which
// gives the same time averages (r_S only changes at spikes). Brian2's example runs in C++
// standalone mode; brian-ts runs it as is.
import { startScope, defaultclock, seed, NeuronGroup, PoissonGroup, Synapses, StateMonitor, linspace, run, arange, second, ms, Hz, mmolar, umolar, figure } from 'brian-ts';
import { scaled } from '../../_duration.ts';

startScope();

seed(1929); // to get identical figures for repeated runs

// ------------------------------------------------------------------------------------------
// Model parameters
// ------------------------------------------------------------------------------------------
// General parameters
const N_synapses = 100;
const N_astro = 2;
const transient = scaled(second(15));
const duration = transient.plus(scaled(second(180))); // Total simulation time
const sim_dt = ms(1); // Integrator/sampling step

const perSecond = second(1).pow(-1);
const uM_s = umolar(1).div(second(1));
const namespace = {
  N_synapses,
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
  // --- Agonist-dependent IP_3 production
  O_beta: uM_s.times(3.2), // Maximal rate of IP_3 production by PLCbeta
  O_N: perSecond.div(umolar(1)).times(0.3), // Agonist binding rate
  Omega_N: perSecond.times(0.5), // Maximal inactivation rate
  K_KC: umolar(0.5), // Ca^2+ affinity of PKC
  zeta: 10, // Maximal reduction of receptor affinity by PKC
  // --- Endogenous IP3 production
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
  C_Theta: umolar(0.5), // Ca^2+ threshold for exocytosis
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

// "Neurons": only the synapses matter, so the targets are trivial "dummy" groups
export const f_vals = linspace(-1, 2, N_synapses).map((x) => 10 ** x); // Hz (numpy's logspace(-1, 2, N_synapses))
const source_neurons = new PoissonGroup(N_synapses, Hz(f_vals));
const target_neurons = new NeuronGroup(N_synapses, '');

// Synapses: they do not act on the postsynaptic target
const synapses_eqs = `
# Neurotransmitter
dY_S/dt = -Omega_c * Y_S : mmolar (clock-driven)
# Fraction of activated presynaptic receptors
dGamma_S/dt = O_G * G_A * (1 - Gamma_S) - Omega_G * Gamma_S : 1 (clock-driven)
# Usage of releasable neurotransmitter per single action potential:
du_S/dt = -Omega_f * u_S : 1 (event-driven)
# Fraction of synaptic neurotransmitter resources available:
dx_S/dt = Omega_d *(1 - x_S) : 1 (event-driven)
r_S : 1  # released synaptic neurotransmitter resources
G_A : mmolar  # gliotransmitter concentration in the extracellular space
`;
const synapses_action = `
U_0 = (1 - Gamma_S) * U_0__star + alpha * Gamma_S
u_S += U_0 * (1 - u_S)
r_S = u_S * x_S
x_S -= r_S
Y_S += rho_c * Y_T * r_S
`;
const synapses = new Synapses(source_neurons, target_neurons, synapses_eqs, { onPre: synapses_action, method: 'exact', namespace });
// Three synapses per connection, by three connect calls (connect({ j: 'i', n: 3 }) would order
// them (0, 0), (0, 0), (0, 0), (1, 1), ... instead of (0, 0), (1, 1), ..., (0, 0), (1, 1), ...)
synapses.connect({ j: 'i' }); // closed-loop modulation
synapses.connect({ j: 'i' }); // open modulation
synapses.connect({ j: 'i' }); // no modulation
synapses.x_S = 1.0;

// Astrocytes: they emit gliotransmitter when their Ca^2+ concentration crosses a threshold
const astro_eqs = `
# Fraction of activated astrocyte receptors:
dGamma_A/dt = O_N * Y_S * (1 - Gamma_A) -
              Omega_N*(1 + zeta * C/(C + K_KC)) * Gamma_A : 1

# IP_3 dynamics:
dI/dt = J_beta + J_delta - J_3K - J_5P + J_ex             : mmolar
J_beta = O_beta * Gamma_A                                 : mmolar/second
J_delta = O_delta/(1 + I/kappa_delta) *
                         C**2/(C**2 + K_delta**2)         : mmolar/second
J_3K = O_3K * C**4/(C**4 + K_D**4) * I/(I + K_3K)         : mmolar/second
J_5P = Omega_5P*I                                         : mmolar/second
delta_I_bias = I - I_bias : mmolar
J_ex = -F_ex/2*(1 + tanh((abs(delta_I_bias) - I_Theta)/omega_I)) *
                sign(delta_I_bias)                        : mmolar/second
I_bias                                                    : mmolar (constant)

# Ca^2+-induced Ca^2+ release:
dC/dt = (Omega_C * m_inf**3 * h**3 + Omega_L) * (C_T - (1 + rho_A)*C) -
        O_P * C**2/(C**2 + K_P**2) : mmolar
dh/dt = (h_inf - h)/tau_h          : 1  # IP3R de-inactivation probability
m_inf = I/(I + d_1) * C/(C + d_5)  : 1
h_inf = Q_2/(Q_2 + C)              : 1
tau_h = 1/(O_2 * (Q_2 + C))        : second
Q_2 = d_2 * (I + d_1)/(I + d_3)    : mmolar

# Fraction of gliotransmitter resources available for release
dx_A/dt = Omega_A * (1 - x_A) : 1
# gliotransmitter concentration in the extracellular space
dG_A/dt = -Omega_e*G_A        : mmolar
# Neurotransmitter concentration in the extracellular space
Y_S                           : mmolar
`;
const glio_release = `
G_A += rho_e * G_T * U_A * x_A
x_A -= U_A *  x_A
`;
// A "spike" only at the first threshold crossing (the threshold is also the refractoriness
// condition); the gliotransmitter release is the "reset".
const astrocyte = new NeuronGroup(N_astro * N_synapses, astro_eqs, { threshold: 'C>C_Theta', refractory: 'C>C_Theta', reset: glio_release, method: 'rk4', namespace });
astrocyte.h = 0.9;
astrocyte.x_A = 1.0;
// Only the second half of the astrocytes is stimulated exogenously
astrocyte.I_bias = umolar(Array.from({ length: N_astro * N_synapses }, (_, k) => (k < N_synapses ? 0 : 1)));

// Connections between synapses and astrocytes: the first N_synapses synapses drive the first
// N_synapses astrocytes (closed loop), which act back on them; the second half of the astrocytes
// act on the second set of synapses (open loop).
const ecs_syn_to_astro = new Synapses(synapses, astrocyte, 'Y_S_post = Y_S_pre : mmolar (summed)');
ecs_syn_to_astro.connect({ j: 'i if i < N_synapses', namespace });
const ecs_astro_to_syn = new Synapses(astrocyte, synapses, 'G_A_post = G_A_pre : mmolar (summed)');
ecs_astro_to_syn.connect({ j: 'i if i < N_synapses', namespace }); // closed-loop
ecs_astro_to_syn.connect({ j: 'i if i >= N_synapses and i < 2*N_synapses', namespace }); // open-loop

// Monitors (every 10 ms: see above)
export const syn_mon = new StateMonitor(synapses, 'r_S', { record: arange(0, N_synapses * (N_astro + 1), 1), dt: ms(10) });

// Simulation run
run(duration, { report: 'text' });

// ------------------------------------------------------------------------------------------
// Analysis and plotting
// ------------------------------------------------------------------------------------------
/** The time average and standard deviation of r_S for each synapse from..to. */
export function rsStats(from: number, to: number): { mean: number[]; sd: number[] } {
  const r = syn_mon.r_S.values;
  const mean: number[] = [];
  const sd: number[] = [];
  for (let k = from; k < to; k++) {
    const x = r[k]!;
    const m = x.reduce((a, b) => a + b, 0) / x.length;
    mean.push(m);
    sd.push(Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / x.length));
  }
  return { mean, sd };
}
// (Brian2's figure has an empty first row, turned off; left out here)
const fig = figure({ width: 460, height: 520, rows: 3 });
const panel = (row: number, from: number, color: string, ymax: number): ReturnType<typeof fig.subplot> => {
  const { mean, sd } = rsStats(from, from + N_synapses);
  return fig.subplot(row).errorbar(f_vals, mean, { yerr: sd, fmt: 'o', color, lineWidth: 0.5, markerSize: 4 })
    .xlim(0.08, 100).xscale('log').ylim(0, ymax).ylabel('⟨r_S⟩');
};
panel(0, 2 * N_synapses, 'black', 0.7);
panel(1, N_synapses, 'C2', 0.2);
panel(2, 0, 'C3', 0.7).xlabel('input frequency (Hz)');
await fig.save('example_4_rsmean.png');
