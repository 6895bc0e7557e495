// Wang-Buzsáki interneuron model: a single neuron firing under constant current.
// Brian2 original: examples/frompapers/Wang_Buszaki_1996.py
//
// Wang XJ, Buzsaki G. Gamma oscillation by synaptic inhibition in a hippocampal interneuronal
// network model. J Neurosci. 1996 Oct 15;16(20):6402-13.
import { startScope, NeuronGroup, StateMonitor, run, defaultclock, uF, uA, msiemens, mV, ms, figure } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();
defaultclock.dt = ms(0.01);

const namespace = {
  Cm: uF(1), // /cm**2
  Iapp: uA(2),
  gL: msiemens(0.1),
  EL: mV(-65),
  ENa: mV(55),
  EK: mV(-90),
  gNa: msiemens(35),
  gK: msiemens(9),
};

const eqs = `
dv/dt = (-gNa*m**3*h*(v-ENa)-gK*n**4*(v-EK)-gL*(v-EL)+Iapp)/Cm : volt
m = alpha_m/(alpha_m+beta_m) : 1
alpha_m = 0.1/mV*10*mV/exprel(-(v+35*mV)/(10*mV))/ms : Hz
beta_m = 4*exp(-(v+60*mV)/(18*mV))/ms : Hz
dh/dt = 5*(alpha_h*(1-h)-beta_h*h) : 1
alpha_h = 0.07*exp(-(v+58*mV)/(20*mV))/ms : Hz
beta_h = 1./(exp(-0.1/mV*(v+28*mV))+1)/ms : Hz
dn/dt = 5*(alpha_n*(1-n)-beta_n*n) : 1
alpha_n = 0.01/mV*10*mV/exprel(-(v+34*mV)/(10*mV))/ms : Hz
beta_n = 0.125*exp(-(v+44*mV)/(80*mV))/ms : Hz
`;

const neuron = new NeuronGroup(1, eqs, { method: 'exponential_euler', namespace });
neuron.v = mV(-70);
neuron.h = 1;
const M = new StateMonitor(neuron, 'v', { record: 0 });

run(scaled(ms(100)), { report: 'text' });

const fig = figure();
fig.plot(M.t.in(ms), M.at(0).v.in(mV));
await fig.save('Wang_Buszaki_1996.png');
