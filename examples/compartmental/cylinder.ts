// A short cylinder with constant injection at one end; steady state against the cable theory (red).
// Brian2 original: examples/compartmental/cylinder.py
import { startScope, defaultclock, Cylinder, SpatialNeuron, run, ms, um, uF, cm2, ohm, cm, siemens, mV, nA, figure } from 'brian-ts';
import type { Quantity } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();
defaultclock.dt = ms(0.01);

// Morphology
const diameter = um(1);
const length = um(300);
const Cm = uF(1).div(cm2(1));
const Ri = ohm(150).times(cm(1));
const N = 200;
const morpho = new Cylinder({ diameter, length, n: N });

// Passive channels
const gL = siemens(1e-4).div(cm2(1));
const EL = mV(-70);
const eqs = `
Im = gL * (EL - v) : amp/meter**2
I : amp (point current)
`;

const neuron = new SpatialNeuron(morpho, eqs, { Cm, Ri, method: 'exponential_euler', namespace: { gL, EL } });
neuron.v = EL;

const la = neuron.space_constant.get(0) as Quantity;
console.log(`Electrotonic length: ${la}`);

neuron.I[0] = nA(0.02); // injecting at the left end
run(scaled(ms(100)), { report: 'text' });

const fig = figure();
fig.plot(neuron.distance.in(um), neuron.v.in(mV), 'kx');
// Theory
const x = neuron.distance_ as Float64Array;
const ra = (la.value * 4 * Ri.value) / (Math.PI * diameter.value ** 2);
const I0 = (neuron.I.get(0) as Quantity).value;
const theory = x.map((xi) => EL.value + (ra * I0 * Math.cosh((length.value - xi) / la.value)) / Math.sinh(length.value / la.value));
fig.plot(neuron.distance.in(um), theory.map((v) => v * 1e3), 'r');
fig.xlabel('x (um)');
fig.ylabel('v (mV)');
await fig.save('cylinder.png');
