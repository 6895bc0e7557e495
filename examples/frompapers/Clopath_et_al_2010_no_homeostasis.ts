// Voltage-based triplet STDP without homeostasis: weight change against the pairing frequency
// (analogous to Fig. 2b of Clopath et al. 2010, after Sjöström et al. 2001).
// Brian2 original: examples/frompapers/Clopath_et_al_2010_no_homeostasis.py (Jacopo Bono, 12/2015)
//
// Clopath C, Büsing L, Vasilaki E, Gerstner W (2010). Connectivity reflects coding: a model of
// voltage-based STDP with homeostasis. Nature Neuroscience 13: 344-352. Sjöström PJ, Turrigiano
// GG, Nelson SB (2001). Rate, timing and cooperativity jointly determine cortical synaptic
// plasticity. Neuron 32: 1149-1164.
// The rule is adapted to a leaky integrate-and-fire neuron: the voltage filters v_lowpass1 and
// v_lowpass2 jump by a constant at each postsynaptic spike, standing in for the spike's
// depolarisation. Two neurons connected both ways are made to fire 10 ms apart, 15 times at each
// pairing frequency; the parameters were chosen to reproduce the behaviour qualitatively.
import { startScope, defaultclock, NeuronGroup, Synapses, run, mV, ms, us, nS, pF, amp, siemens, Hz, figure } from 'brian-ts';

startScope();

// ------------------------------------------------------------------------------------------
// PLASTICITY MODEL
// ------------------------------------------------------------------------------------------

// Plasticity parameters
const V_rest = mV(-70); // resting potential
const V_thresh = mV(-50); // spiking threshold
const Theta_low = V_rest; // depolarization threshold for plasticity
const x_reset = 1; // spike trace reset value
const taux = ms(15); // spike trace time constant
const A_LTD = 1.5e-4; // depression amplitude
const A_LTP = 1.5e-2; // potentiation amplitude
const tau_lowpass1 = ms(40); // timeconstant for low-pass filtered voltage
const tau_lowpass2 = ms(30); // timeconstant for low-pass filtered voltage

// Plasticity equations: executed at every timestep
const Syn_model = `
w_ampa:1                # synaptic weight (ampa synapse)
`;

// executed only when a presynaptic spike occurs
const Pre_eq = `
g_ampa_post += w_ampa*ampa_max_cond                                                             # increment synaptic conductance
w_minus = A_LTD*(v_lowpass1_post/mV - Theta_low/mV)*int(v_lowpass1_post/mV - Theta_low/mV > 0)  # synaptic depression
w_ampa = clip(w_ampa-w_minus,0,w_max)                                                           # hard bounds
`;

// executed only when a postsynaptic spike occurs
const Post_eq = `
v_lowpass1 += 10*mV                                                                                        # mimics the depolarisation by a spike
v_lowpass2 += 10*mV                                                                                        # mimics the depolarisation by a spike
w_plus = A_LTP*x_trace_pre*(v_lowpass2_post/mV - Theta_low/mV)*int(v_lowpass2_post/mV - Theta_low/mV > 0)  # synaptic potentiation
w_ampa = clip(w_ampa+w_plus,0,w_max)                                                                       # hard bounds
`;

// ------------------------------------------------------------------------------------------
// I&F parameters and equations
// ------------------------------------------------------------------------------------------

const gleak = nS(30); // leak conductance
const C = pF(300); // membrane capacitance
const tau_AMPA = ms(2); // AMPA synaptic timeconstant
const E_AMPA = mV(0); // reversal potential AMPA
const ampa_max_cond = siemens(5e-10); // Ampa maximal conductance
const w_max = 1; // maximal ampa weight

const eqs_neurons = `
dv/dt = (gleak*(V_rest-v) + I_ext + I_syn)/C: volt      # voltage
dv_lowpass1/dt = (v-v_lowpass1)/tau_lowpass1 : volt     # low-pass filter of the voltage
dv_lowpass2/dt = (v-v_lowpass2)/tau_lowpass2 : volt     # low-pass filter of the voltage
I_ext : amp                                             # external current
I_syn = g_ampa*(E_AMPA-v): amp                          # synaptic current
dg_ampa/dt = -g_ampa/tau_AMPA : siemens                 # synaptic conductance
dx_trace/dt = -x_trace/taux :1                          # spike trace
`;

const namespace = { V_rest, V_thresh, Theta_low, x_reset, taux, A_LTD, A_LTP, tau_lowpass1, tau_lowpass2, gleak, C, tau_AMPA, E_AMPA, ampa_max_cond, w_max };

// ------------------------------------------------------------------------------------------
// Simulation
// ------------------------------------------------------------------------------------------

defaultclock.dt = us(100); // timestep
const Nr_neurons = 2; // Number of neurons
const rate_array = [1, 5, 10, 15, 20, 30, 50]; // Rates (Hz)
const init_weight = 0.5; // initial synaptic weight
const reps = 15; // Number of pairings

const Nrns = new NeuronGroup(Nr_neurons, eqs_neurons, { threshold: 'v>V_thresh', reset: 'v=V_rest;x_trace+=x_reset/(taux/ms)', method: 'euler', namespace });
const Syn = new Synapses(Nrns, Nrns, Syn_model, { onPre: Pre_eq, onPost: Post_eq, namespace });
Syn.connect({ condition: 'i!=j' });

/** The final weights in % of the initial one: [0] pre-post (synapse 0 → 1), [1] post-pre, per rate. */
export const weight_result: [number[], number[]] = [[], []];

// loop over rates
for (const rate of rate_array) {
  // interval between pairs
  const pair_interval = Hz(rate).pow(-1).minus(ms(10));
  console.log(`Starting simulations for ${rate} Hz`);
  // Initial values
  Nrns.v = V_rest;
  Nrns.v_lowpass1 = V_rest;
  Nrns.v_lowpass2 = V_rest;
  Nrns.I_ext = amp(0);
  Nrns.x_trace = 0;
  Syn.w_ampa = init_weight;
  // loop over pairings
  for (let ii = 0; ii < reps; ii++) {
    // 1st SPIKE
    Nrns.v[0] = V_thresh.plus(mV(1));
    // 2nd SPIKE
    run(ms(10));
    Nrns.v[1] = V_thresh.plus(mV(1));
    run(pair_interval);
  }
  // store weight changes
  const w = Syn.w_ampa.values as ArrayLike<number>;
  weight_result[0].push((100 * w[0]!) / init_weight);
  weight_result[1].push((100 * w[1]!) / init_weight);
}

// ------------------------------------------------------------------------------------------
// Plots
// ------------------------------------------------------------------------------------------
const fig = figure({ width: 800, height: 500 });
fig.plot(rate_array, weight_result[0], '-', { lineWidth: 2, color: 'k', label: 'Pre-Post' });
fig.plot(rate_array, weight_result[1], ':', { lineWidth: 2, color: 'k', label: 'Post-Pre' });
fig.xlabel('Pairing frequency [Hz]').ylabel('Normalised Weight [%]');
fig.legend({ loc: 'best' });
fig.title('Pairings');
await fig.save('Clopath_et_al_2010_no_homeostasis.png');
