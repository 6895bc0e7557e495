// Random network of 4000 Hodgkin-Huxley neurons with exponential synaptic conductances (COBAHH).
// Brian2 original: examples/COBAHH.py
//
// Benchmark 3 of Brette et al. (2007), Simulation of networks of spiking neurons: a review of
// tools and strategies, J Comput Neurosci 23(3):349-98. Clock-driven implementation (no spike
// time interpolation). R. Brette - Dec 2007.
import { startScope, Equations, NeuronGroup, Synapses, StateMonitor, run, umetre, ufarad, cm, siemens, msiemens, mV, ms, nS, second, figure } from 'brian-ts';
import { scaled } from './_duration.ts';

startScope();
// Parameters
const area = umetre.pow(2).times(20000);
const namespace = {
  Cm: ufarad.times(cm.pow(-2)).times(area),
  gl: siemens(5e-5).times(cm.pow(-2)).times(area),
  El: mV(-60),
  EK: mV(-90),
  ENa: mV(50),
  g_na: msiemens(100).times(cm.pow(-2)).times(area),
  g_kd: msiemens(30).times(cm.pow(-2)).times(area),
  VT: mV(-63),
  // Time constants
  taue: ms(5),
  taui: ms(10),
  // Reversal potentials
  Ee: mV(0),
  Ei: mV(-80),
  we: nS(6), // excitatory synaptic weight
  wi: nS(67), // inhibitory synaptic weight
};

// The model
const eqs = new Equations(`
dv/dt = (gl*(El-v)+ge*(Ee-v)+gi*(Ei-v)-
         g_na*(m*m*m)*h*(v-ENa)-
         g_kd*(n*n*n*n)*(v-EK))/Cm : volt
dm/dt = alpha_m*(1-m)-beta_m*m : 1
dn/dt = alpha_n*(1-n)-beta_n*n : 1
dh/dt = alpha_h*(1-h)-beta_h*h : 1
dge/dt = -ge*(1./taue) : siemens
dgi/dt = -gi*(1./taui) : siemens
alpha_m = 0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms : Hz
beta_m = 0.28*(mV**-1)*5*mV/exprel((v-VT-40*mV)/(5*mV))/ms : Hz
alpha_h = 0.128*exp((17*mV-v+VT)/(18*mV))/ms : Hz
beta_h = 4./(1+exp((40*mV-v+VT)/(5*mV)))/ms : Hz
alpha_n = 0.032*(mV**-1)*5*mV/exprel((15*mV-v+VT)/(5*mV))/ms : Hz
beta_n = .5*exp((10*mV-v+VT)/(40*mV))/ms : Hz
`);

const P = new NeuronGroup(4000, eqs, { threshold: 'v>-20*mV', refractory: ms(3), method: 'exponential_euler', namespace });
const Pe = P.slice(0, 3200);
const Pi = P.slice(3200, 4000);
const Ce = new Synapses(Pe, P, '', { onPre: 'ge+=we', namespace });
const Ci = new Synapses(Pi, P, '', { onPre: 'gi+=wi', namespace });
Ce.connect({ p: 0.02 });
Ci.connect({ p: 0.02 });

// Initialization
P.v = 'El + (randn() * 5 - 5)*mV';
P.ge = '(randn() * 1.5 + 4) * 10.*nS';
P.gi = '(randn() * 12 + 20) * 10.*nS';

// Record a few traces
const trace = new StateMonitor(P, 'v', { record: [1, 10, 100] });
run(scaled(second(1)), { report: 'text' });
const fig = figure();
fig.plot(trace.t.in(ms), trace.at(1).v.in(mV));
fig.plot(trace.t.in(ms), trace.at(10).v.in(mV));
fig.plot(trace.t.in(ms), trace.at(100).v.in(mV));
fig.xlabel('t (ms)');
fig.ylabel('v (mV)');
await fig.save('COBAHH.png');
