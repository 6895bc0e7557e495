// Input-frequency curve of 100 unconnected Hodgkin-Huxley neurons (exponential Euler).
// Brian2 original: examples/IF_curve_Hodgkin_Huxley.py
//
// Network: 100 unconnected Hodgkin-Huxley neurons with an input current I, set differently for
// each neuron.
import { startScope, Equations, NeuronGroup, SpikeMonitor, run, umetre, ufarad, cm, siemens, msiemens, mV, nA, second, figure } from 'brian-ts';
import { scaled } from './_duration.ts';

startScope();
const num_neurons = 100;
const duration = scaled(second(2));

// Parameters
const area = umetre.pow(2).times(20000);
const namespace = {
  num_neurons,
  Cm: ufarad.times(cm.pow(-2)).times(area),
  gl: siemens(5e-5).times(cm.pow(-2)).times(area),
  El: mV(-65),
  EK: mV(-90),
  ENa: mV(50),
  g_na: msiemens(100).times(cm.pow(-2)).times(area),
  g_kd: msiemens(30).times(cm.pow(-2)).times(area),
  VT: mV(-63),
};

// The model
const eqs = new Equations(`
dv/dt = (gl*(El-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK) + I)/Cm : volt
dm/dt = 0.32*(mV**-1)*4*mV/exprel((13.*mV-v+VT)/(4*mV))/ms*(1-m)-0.28*(mV**-1)*5*mV/exprel((v-VT-40.*mV)/(5*mV))/ms*m : 1
dn/dt = 0.032*(mV**-1)*5*mV/exprel((15.*mV-v+VT)/(5*mV))/ms*(1.-n)-.5*exp((10.*mV-v+VT)/(40.*mV))/ms*n : 1
dh/dt = 0.128*exp((17.*mV-v+VT)/(18.*mV))/ms*(1.-h)-4./(1+exp((40.*mV-v+VT)/(5.*mV)))/ms*h : 1
I : amp
`);
// Threshold and refractoriness are only used for spike counting
const group = new NeuronGroup(num_neurons, eqs, {
  threshold: 'v > -40*mV',
  refractory: 'v > -40*mV',
  method: 'exponential_euler',
  namespace,
});
group.v = namespace.El;
group.I = '0.7*nA * i / num_neurons';

const monitor = new SpikeMonitor(group);

run(duration);

const fig = figure();
fig.plot(group.I.in(nA), Array.from(monitor.count, (c) => c / duration.in(second)));
fig.xlabel('I (nA)');
fig.ylabel('Firing rate (sp/s)');
await fig.save('IF_curve_Hodgkin_Huxley.png');
