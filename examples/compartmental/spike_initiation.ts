// Ball and stick with Na and K channels: spikes initiated in the axon initial segment.
// Brian2 original: examples/compartmental/spike_initiation.py
import { startScope, defaultclock, Soma, Cylinder, SpatialNeuron, StateMonitor, run, ms, um, uF, cm2, ohm, cm, siemens, mV, nA, amp, figure } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();
defaultclock.dt = ms(0.025);

// Morphology
const morpho = new Soma({ diameter: um(30) });
morpho.setChild('axon', new Cylinder({ diameter: um(1), length: um(300), n: 100 }));

// Channels
const gL = siemens(1e-4).div(cm2(1));
const EL = mV(-70);
const ENa = mV(50);
const ka = mV(6);
const ki = mV(6);
const va = mV(-30);
const vi = mV(-50);
const EK = mV(-90);
const vk = mV(-20);
const kk = mV(8);
const eqs = `
Im = gL*(EL-v)+gNa*m*h*(ENa-v)+gK*n*(EK-v) : amp/meter**2
dm/dt = (minf-m)/(0.3*ms) : 1 # simplified Na channel
dh/dt = (hinf-h)/(3*ms) : 1 # inactivation
dn/dt = (ninf-n)/(5*ms) : 1 # K+
minf = 1/(1+exp((va-v)/ka)) : 1
hinf = 1/(1+exp((v-vi)/ki)) : 1
ninf = 1/(1+exp((vk-v)/kk)) : 1
I : amp (point current)
gNa : siemens/meter**2
gK : siemens/meter**2
`;

const neuron = new SpatialNeuron(morpho, eqs, {
  Cm: uF(1).div(cm2(1)),
  Ri: ohm(100).times(cm(1)),
  method: 'exponential_euler',
  namespace: { gL, EL, ENa, ka, ki, va, vi, EK, vk, kk },
});
neuron.v = mV(-65);
neuron.I = amp(0);
// Brian2: neuron.axon[30*um:60*um].gNa = 700*gL
const initialSegment = neuron.child('axon').range(um(30), um(60));
initialSegment.gNa = gL.times(700);
initialSegment.gK = gL.times(700);

// Monitors
const mon = new StateMonitor(neuron, 'v', { record: true });

run(ms(1));
neuron.main.I = nA(0.15);
run(scaled(ms(50)));
neuron.I = amp(0);
run(scaled(ms(95)), { report: 'text' });

const fig = figure();
const t = mon.t.in(ms);
fig.plot(t, mon.at(0).v.in(mV), 'r');
fig.plot(t, mon.at(20).v.in(mV), 'g');
fig.plot(t, mon.at(40).v.in(mV), 'b');
fig.plot(t, mon.at(60).v.in(mV), 'k');
fig.plot(t, mon.at(80).v.in(mV), 'y');
fig.xlabel('Time (ms)');
fig.ylabel('v (mV)');
await fig.save('spike_initiation.png');
