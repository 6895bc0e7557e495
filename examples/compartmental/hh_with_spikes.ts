// Hodgkin-Huxley equations (1952) on a 10 cm axon: spikes are recorded along it, and the propagation velocity is calculated.
// Brian2 original: examples/compartmental/hh_with_spikes.py
import { startScope, defaultclock, Cylinder, SpatialNeuron, StateMonitor, SpikeMonitor, run, ms, cm, cm2, um, mV, msiemens, uF, ohm, uA, amp, figure } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();
defaultclock.dt = ms(0.01);

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

const neuron = new SpatialNeuron(morpho, eqs, {
  method: 'exponential_euler',
  refractory: 'm > 0.4',
  threshold: 'm > 0.5',
  Cm: uF(1).div(cm2(1)),
  Ri: ohm(35.4).times(cm(1)),
  namespace: { El, ENa, EK, gl, gK },
});
neuron.v = mV(0);
neuron.h = 1;
neuron.m = 0;
neuron.n = 0.5;
neuron.I = amp(0);
neuron.gNa = gNa0;
const M = new StateMonitor(neuron, 'v', { record: true });
const spikes = new SpikeMonitor(neuron);

run(scaled(ms(50)), { report: 'text' });
neuron.I[0] = uA(1); // current injection at one end
run(ms(3));
neuron.I = amp(0);
run(scaled(ms(50)), { report: 'text' });

// Calculation of velocity: least-squares fit of position against spike time (scipy's linregress)
const spikeT = spikes.t_;
const distance = neuron.distance_ as Float64Array;
const position = Float64Array.from(spikes.i, (i) => distance[i]!);
const n = spikeT.length;
const meanT = spikeT.reduce((a, b) => a + b, 0) / n;
const meanX = position.reduce((a, b) => a + b, 0) / n;
let sxy = 0;
let sxx = 0;
for (let k = 0; k < n; k++) {
  sxy += (spikeT[k]! - meanT) * (position[k]! - meanX);
  sxx += (spikeT[k]! - meanT) ** 2;
}
const slope = sxy / sxx;
const intercept = meanX - slope * meanT;
console.log(`Velocity = ${slope.toFixed(2)} m/s`);

const fig = figure({ rows: 2 });
const top = fig.subplot(0, 0);
const tms = M.t.in(ms);
for (let i = 0; i < 10; i++) top.plot(tms, M.at(i * 100).v.in(mV));
top.ylabel('v');
const bottom = fig.subplot(1, 0);
const length0 = (neuron.length_ as Float64Array)[0]!;
bottom.plot(spikes.t.in(ms), Float64Array.from(spikes.i, (i) => (i * length0) / 1e-2), '.k');
bottom.plot(spikes.t.in(ms), spikeT.map((t) => (intercept + slope * t) / 1e-2), 'r');
bottom.xlabel('Time (ms)');
bottom.ylabel('Position (cm)');
await fig.save('hh_with_spikes.png');
