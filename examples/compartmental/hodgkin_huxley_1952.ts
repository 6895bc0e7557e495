// Hodgkin-Huxley equations (1952) on a 10 cm axon whose second half is passive: the action potential travels and dies out.
// Brian2 original: examples/compartmental/hodgkin_huxley_1952.py
import { startScope, Cylinder, SpatialNeuron, StateMonitor, run, ms, cm, cm2, um, mV, msiemens, siemens, uF, ohm, uA, amp, figure } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();

const morpho = new Cylinder({ length: cm(10), diameter: um(2 * 238), n: 1000, type: 'axon' });

const El = mV(10.613);
const ENa = mV(115);
const EK = mV(-12);
const gl = msiemens(0.3).div(cm2(1));
const gNa0 = msiemens(120).div(cm2(1));
const gK = msiemens(36).div(cm2(1));

// Typical equations
const eqs = `
# The same equations for the whole neuron, but possibly different parameter values
# distributed transmembrane current
Im = gl * (El-v) + gNa * m**3 * h * (ENa-v) + gK * n**4 * (EK-v) : amp/meter**2
I : amp (point current) # applied current
dm/dt = alpham * (1-m) - betam * m : 1
dn/dt = alphan * (1-n) - betan * n : 1
dh/dt = alphah * (1-h) - betah * h : 1
alpham = (0.1/mV) * 10*mV/exprel((-v+25*mV)/(10*mV))/ms : Hz
betam = 4 * exp(-v/(18*mV))/ms : Hz
alphah = 0.07 * exp(-v/(20*mV))/ms : Hz
betah = 1/(exp((-v+30*mV) / (10*mV)) + 1)/ms : Hz
alphan = (0.01/mV) * 10*mV/exprel((-v+10*mV)/(10*mV))/ms : Hz
betan = 0.125*exp(-v/(80*mV))/ms : Hz
gNa : siemens/meter**2
`;

const neuron = new SpatialNeuron(morpho, eqs, { Cm: uF(1).div(cm2(1)), Ri: ohm(35.4).times(cm(1)), method: 'exponential_euler', namespace: { El, ENa, EK, gl, gK } });
neuron.v = mV(0);
neuron.h = 1;
neuron.m = 0;
neuron.n = 0.5;
neuron.I = amp(0);
neuron.gNa = gNa0;
neuron.range(cm(5), cm(10)).gNa = siemens(0).div(cm2(1)); // Brian2: neuron[5*cm:10*cm].gNa = 0*siemens/cm**2
const M = new StateMonitor(neuron, 'v', { record: true });

run(scaled(ms(50)), { report: 'text' });
neuron.I[0] = uA(1); // current injection at one end
run(ms(3));
neuron.I = amp(0);
run(scaled(ms(100)), { report: 'text' });

// One line per time step (every 5th step from step 375): the voltage profile along the axon,
// shifted up by its time index. Brian2 plots M.v[:, i*5], i.e. times 375·dt to 620·dt (37.5–62 ms
// at the default 0.1 ms), from the start of the recording.
const position = new Float64Array(neuron.N);
let acc = 0;
(neuron.length_ as Float64Array).forEach((l, k) => (position[k] = (acc += l) / 1e-2)); // cumsum(neuron.length)/cm
const fig = figure();
const samples = M.t_.length;
for (let i = 75; i < 125; i++) {
  if (i * 5 >= samples) break;
  const profile = Float64Array.from(M.v_, (trace) => i + (1 / 60) * (trace[i * 5]! / 1e-3));
  fig.plot(position, profile, 'k');
}
// Brian2 also hides the y ticks (yticks([])) and uses axis('tight'): brian-ts has no tick control.
fig.xlim(position[0]!, position[position.length - 1]!);
fig.ylabel('Time [major] v (mV) [minor]');
fig.xlabel('Position (cm)');
await fig.save('hodgkin_huxley_1952.png');
