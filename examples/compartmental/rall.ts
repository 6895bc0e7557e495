// A cylinder plus two branches, with diameters according to Rall's formula; steady state against the theory (red).
// Brian2 original: examples/compartmental/rall.py
import { startScope, defaultclock, Cylinder, SpatialNeuron, run, ms, um, uF, cm2, ohm, cm, siemens, mV, nA, meter, figure } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();
defaultclock.dt = ms(0.01);

// Passive channels
const gL = siemens(1e-4).div(cm2(1));
const EL = mV(-70);

// Morphology
const diameter = um(1);
const length = um(300);
const Cm = uF(1).div(cm2(1));
const Ri = ohm(150).times(cm(1));
const N = 500;
// Space length of a cylinder of diameter d: sqrt(rm/ra), with the membrane resistance per unit
// length rm = 1/(gL*pi*d) and the axial resistance per unit length ra = 4*Ri/(pi*d**2).
const spaceLength = (d: number): number => Math.sqrt(1 / (gL.value * Math.PI * d) / ((4 * Ri.value) / (Math.PI * d ** 2)));
const la = spaceLength(diameter.value);
const morpho = new Cylinder({ diameter, length, n: N });
const d1 = um(0.5);
const L1 = um(200);
const l1 = spaceLength(d1.value);
morpho.setChild('L', new Cylinder({ diameter: d1, length: L1, n: N }));
const d2 = (diameter.value ** 1.5 - d1.value ** 1.5) ** (1 / 1.5);
const l2 = spaceLength(d2);
const L2 = (L1.value / l1) * l2;
morpho.setChild('R', new Cylinder({ diameter: meter(d2), length: meter(L2), n: N }));

const eqs = `
Im = gL * (EL-v) : amp/meter**2
I : amp (point current)
`;

const neuron = new SpatialNeuron(morpho, eqs, { Cm, Ri, method: 'exponential_euler', namespace: { gL, EL } });
neuron.v = EL;

neuron.I[0] = nA(0.02); // injecting at the left end
run(scaled(ms(100)), { report: 'text' });

const main = neuron.main;
const L = neuron.child('L');
const R = neuron.child('R');
const fig = figure();
for (const section of [main, L, R]) fig.plot(section.distance.in(um), section.v.in(mV), 'k');
// Theory
const I0 = (neuron.I.get(0) as typeof EL).value;
const ra = (la * 4 * Ri.value) / (Math.PI * diameter.value ** 2);
const l = length.value / la + L1.value / l1;
const el = EL.value;
const xMain = main.distance_ as Float64Array;
const end = xMain[xMain.length - 1]!; // distance at the end of the main section's last compartment midpoint
const theory = (x: Float64Array, arg: (x: number) => number): Float64Array => x.map((xi) => (el + (ra * I0 * Math.cosh(arg(xi))) / Math.sinh(l)) * 1e3);
fig.plot(main.distance.in(um), theory(xMain, (x) => l - x / la), 'r');
fig.plot(L.distance.in(um), theory(L.distance_ as Float64Array, (x) => l - end / la - (x - end) / l1), 'r');
fig.plot(R.distance.in(um), theory(R.distance_ as Float64Array, (x) => l - end / la - (x - end) / l2), 'r');
fig.xlabel('x (um)');
fig.ylabel('v (mV)');
await fig.save('rall.png');
