// Continuous synaptic interaction: a conductance-based synapse between two Traub-Miles neurons, updated every step.
// Brian2 original: examples/synapses/continuous_interaction.py
//
// Two Reduced Traub-Miles Model (RTM) neurons are connected through a directed synapse from
// neuron 0 to neuron 1; the synaptic gating variable s is a continuous function of the
// presynaptic membrane potential (part of the presynaptic neuron model, as the time constant is
// the same for all synapses). References: Börgers, Introduction to modeling neural dynamics,
// chapter 20; https://brian.discourse.group/t/how-to-implement-a-conductance-base-synapse/77/2
import { startScope, NeuronGroup, Synapses, StateMonitor, run, ms, mV, uA, msiemens, ufarad, figure } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();
const I_e = uA(1.5);
const simulation_time = scaled(ms(100));
// neuron RTM parameters
const El = mV(-67);
const EK = mV(-100);
const ENa = mV(50);
const ESyn = mV(0);
const gl = msiemens(0.1);
const gK = msiemens(80);
const gNa = msiemens(100);

const C = ufarad(1);

const weight = 0.25;
const gSyn = msiemens(1.0);
const tau_d = ms(2);
const tau_r = ms(0.2);

// forming RTM model with differential equations
const eqs = `
alphah = 0.128 * exp(-(vm + 50.0*mV) / (18.0*mV))/ms :Hz
alpham = 0.32/mV * (vm + 54*mV) / (1.0 - exp(-(vm + 54.0*mV) / (4.0*mV)))/ms:Hz
alphan = 0.032/mV * (vm + 52*mV) / (1.0 - exp(-(vm + 52.0*mV) / (5.0*mV)))/ms:Hz

betah  = 4.0 / (1.0 + exp(-(vm + 27.0*mV) / (5.0*mV)))/ms:Hz
betam  = 0.28/mV * (vm + 27.0*mV) / (exp((vm + 27.0*mV) / (5.0*mV)) - 1.0)/ms:Hz
betan  = 0.5 * exp(-(vm + 57.0*mV) / (40.0*mV))/ms:Hz

membrane_Im = I_ext + gNa*m**3*h*(ENa-vm) +
              gl*(El-vm) + gK*n**4*(EK-vm) + gSyn*s_in*(-vm): amp
I_ext : amp
s_in  : 1

dm/dt = alpham*(1-m)-betam*m : 1
dn/dt = alphan*(1-n)-betan*n : 1
dh/dt = alphah*(1-h)-betah*h : 1

ds/dt = 0.5 * (1 + tanh(0.1*vm/mV)) * (1-s)/tau_r - s/tau_d : 1

dvm/dt = membrane_Im/C : volt
`;

const neuron = new NeuronGroup(2, eqs, { method: 'exponential_euler', namespace: { El, EK, ENa, ESyn, gl, gK, gNa, C, gSyn, tau_d, tau_r } });

// initialize variables
neuron.vm = mV([-70.0, -65.0]);
neuron.m = 'alpham / (alpham + betam)';
neuron.h = 'alphah / (alphah + betah)';
neuron.n = 'alphan / (alphan + betan)';
neuron.I_ext = uA([I_e.in(uA), 0.0]);

const S = new Synapses(neuron, neuron, 's_in_post = weight*s_pre:1 (summed)', { namespace: { weight } });
S.connect({ i: 0, j: 1 });

// tracking variables
const st_mon = new StateMonitor(neuron, ['vm', 's', 's_in'], { record: [0, 1] });

// running the simulation
run(simulation_time);

// plot the results (Brian2's panels have height ratios 3:1; brian-ts's grid rows are equal)
const fig = figure({ width: 1000, height: 600, rows: 2 });
const t = st_mon.t.in(ms);
const ax0 = fig.subplot(0, 0);
ax0.plot(t, st_mon.vm[0].in(mV), { lineWidth: 2, color: 'r', alpha: 0.5, label: 'neuron 0' });
ax0.plot(t, st_mon.vm.get(1).in(mV), { lineWidth: 2, color: 'b', alpha: 0.5, label: 'neuron 1' });
const ax1 = fig.subplot(1, 0);
ax1.plot(t, st_mon.s[0], { lineWidth: 2, color: 'r', alpha: 0.5, label: 's, neuron 0' });
ax1.plot(t, st_mon.s_in.get(1), { lineWidth: 2, color: 'b', alpha: 0.5, label: 's_in, neuron 1' });
ax0.ylabel('v [mV]').xlim(0, Math.max(...t)).ylim(-100, 50);
ax1.xlabel('t [ms]').ylabel('s').xlim(0, Math.max(...t)).ylim(0, 1);

ax0.legend();
ax1.legend();
await fig.save('continuous_interaction.png');
