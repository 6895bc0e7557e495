// Voltage-based triplet STDP with homeostatic metaplasticity: competition between five inputs
// onto one neuron (after Clopath et al. 2010).
// Brian2 original: examples/frompapers/Clopath_et_al_2010_homeostasis.py (Jacopo Bono, 12/2015)
//
// Clopath C, Büsing L, Vasilaki E, Gerstner W (2010). Connectivity reflects coding: a model of
// voltage-based STDP with homeostasis. Nature Neuroscience 13: 344-352.
// The rule is adapted to a leaky integrate-and-fire neuron: the voltage filters v_lowpass1 and
// v_lowpass2 jump by a constant at each postsynaptic spike, standing in for the spike's
// depolarisation; the depression amplitude scales with the square of a slow voltage average
// v_homeo (homeostasis). Every 100 ms one of five Poisson inputs, chosen at random, fires at
// 35 Hz; the inputs compete for the weights. The parameters were chosen to reproduce the
// behaviour qualitatively.
import { startScope, defaultclock, NeuronGroup, Synapses, StateMonitor, run, mV, ms, us, nS, pF, amp, siemens, second, Hz, figure } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();

// ------------------------------------------------------------------------------------------
// PLASTICITY MODEL
// ------------------------------------------------------------------------------------------

// Plasticity parameters
const V_rest = mV(-70); // resting potential
const V_thresh = mV(-55); // spiking threshold
const Theta_low = V_rest; // depolarization threshold for plasticity
const x_reset = 1; // spike trace reset value
const taux = ms(15); // spike trace time constant
const A_LTD = 1.5e-4; // depression amplitude
const A_LTP = 1.5e-2; // potentiation amplitude
const tau_lowpass1 = ms(40); // timeconstant for low-pass filtered voltage
const tau_lowpass2 = ms(30); // timeconstant for low-pass filtered voltage
const tau_homeo = ms(1000); // homeostatic timeconstant
const v_target = mV(1).pow(2).times(12); // target depolarisation

// Plasticity equations: executed at every timestep
const Syn_model = `
w_ampa:1                # synaptic weight (ampa synapse)
`;

// executed only when a presynaptic spike occurs
const Pre_eq = `
g_ampa_post += w_ampa*ampa_max_cond                                                               # increment synaptic conductance
A_LTD_u = A_LTD*(v_homeo**2/v_target)                                                             # metaplasticity
w_minus = A_LTD_u*(v_lowpass1_post/mV - Theta_low/mV)*int(v_lowpass1_post/mV - Theta_low/mV > 0)  # synaptic depression
w_ampa = clip(w_ampa-w_minus, 0, w_max)                                                           # hard bounds
`;

// executed only when a postsynaptic spike occurs
const Post_eq = `
v_lowpass1 += 10*mV                                                                                        # mimics the depolarisation effect due to a spike
v_lowpass2 += 10*mV                                                                                        # mimics the depolarisation effect due to a spike
v_homeo += 0.1*mV                                                                                          # mimics the depolarisation effect due to a spike
w_plus = A_LTP*x_trace_pre*(v_lowpass2_post/mV - Theta_low/mV)*int(v_lowpass2_post/mV - Theta_low/mV > 0)  # synaptic potentiation
w_ampa = clip(w_ampa+w_plus, 0, w_max)                                                                     # hard bounds
`;

// ------------------------------------------------------------------------------------------
// I&F parameters and equations
// ------------------------------------------------------------------------------------------

const gleak = nS(30); // leak conductance
const C = pF(300); // membrane capacitance
const tau_AMPA = ms(2); // AMPA synaptic timeconstant
const E_AMPA = mV(0); // reversal potential AMPA
const ampa_max_cond = siemens(5e-8); // Ampa maximal conductance
const w_max = 1; // maximal ampa weight

// We connect 5 presynaptic neurons to 1 downstream neuron
// downstream neuron
const eqs_neurons = `
dv/dt = (gleak*(V_rest-v) + I_ext + I_syn)/C: volt      # voltage
dv_lowpass1/dt = (v-v_lowpass1)/tau_lowpass1 : volt     # low-pass filter of the voltage
dv_lowpass2/dt = (v-v_lowpass2)/tau_lowpass2 : volt     # low-pass filter of the voltage
dv_homeo/dt = (v-V_rest-v_homeo)/tau_homeo : volt       # low-pass filter of the voltage
I_ext : amp                                             # external current
I_syn = g_ampa*(E_AMPA-v): amp                          # synaptic current
dg_ampa/dt = -g_ampa/tau_AMPA : siemens                 # synaptic conductance
dx_trace/dt = -x_trace/taux :1                          # spike trace
`;

// input neurons
const eqs_inputs = `
dv/dt = gleak*(V_rest-v)/C: volt                        # voltage
dx_trace/dt = -x_trace/taux :1                          # spike trace
rates : Hz                                              # input rates
selected_index : integer (shared)                       # active neuron
`;

// ------------------------------------------------------------------------------------------
// Simulation
// ------------------------------------------------------------------------------------------

defaultclock.dt = us(500); // timestep
const Nr_neurons = 1; // Number of downstream neurons
const Nr_inputs = 5; // Number of input neurons
const input_rate = Hz(35); // Rates
const init_weight = 0.5; // initial synaptic weight
const final_t = scaled(second(20)); // end of simulation
const input_time = ms(100); // duration of an input

const namespace = {
  V_rest, V_thresh, Theta_low, x_reset, taux, A_LTD, A_LTP, tau_lowpass1, tau_lowpass2, tau_homeo, v_target,
  gleak, C, tau_AMPA, E_AMPA, ampa_max_cond, w_max, Nr_inputs, input_rate,
};

// Create neuron objects
const Nrn_downstream = new NeuronGroup(Nr_neurons, eqs_neurons, { threshold: 'v>V_thresh', reset: 'v=V_rest;x_trace+=x_reset/(taux/ms)', method: 'euler', namespace });
const Nrns_input = new NeuronGroup(Nr_inputs, eqs_inputs, { threshold: 'rand()<rates*dt', reset: 'v=V_rest;x_trace+=x_reset/(taux/ms)', method: 'exact', namespace });

// create Synapses
const Syn = new Synapses(Nrns_input, Nrn_downstream, Syn_model, { onPre: Pre_eq, onPost: Post_eq, namespace });
Syn.connect({ i: Array.from({ length: Nr_inputs }, (_, k) => k), j: 0 });

// Monitors and storage
export const W_evolution = new StateMonitor(Syn, 'w_ampa', { record: true });

// Initial values
Nrn_downstream.v = V_rest;
Nrn_downstream.v_lowpass1 = V_rest;
Nrn_downstream.v_lowpass2 = V_rest;
Nrn_downstream.v_homeo = mV(0);
Nrn_downstream.I_ext = amp(0);
Nrn_downstream.x_trace = 0;
Nrns_input.v = V_rest;
Nrns_input.x_trace = 0;
Syn.w_ampa = init_weight;

// Switch on a different input every 100ms
Nrns_input.runRegularly(`
selected_index = int(floor(rand()*Nr_inputs))
rates = input_rate * int(selected_index == i)  # All rates are zero except for the selected neuron
`, { dt: input_time });
run(final_t, { report: 'text' });

// ------------------------------------------------------------------------------------------
// Plots
// ------------------------------------------------------------------------------------------
const fig = figure({ width: 800, height: 500 });
const t = W_evolution.t.in(second); // Brian2 plots the times in seconds, labelled "[ms]"
for (let kk = 0; kk < Nr_inputs; kk++) fig.plot(t, W_evolution.w_ampa.values[kk]!, '-', { lineWidth: 2 });
fig.xlabel('Time [s]').ylabel('Weight [a.u.]');
fig.title('Synaptic Competition');
await fig.save('Clopath_et_al_2010_homeostasis.png');
