// A pseudo MSO neuron, with two dendrites and one axon (fake geometry): a current pulse in the left dendrite.
// Brian2 original: examples/compartmental/bipolar_cell.py
import { startScope, Soma, Cylinder, SpatialNeuron, StateMonitor, run, ms, um, uF, cm2, ohm, cm, siemens, mV, nA, amp, figure } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();

// Morphology
const morpho = new Soma({ diameter: um(30) });
morpho.setChild('axon', new Cylinder({ diameter: um(1), length: um(300), n: 100 }));
morpho.setChild('L', new Cylinder({ diameter: um(1), length: um(100), n: 50 }));
morpho.setChild('R', new Cylinder({ diameter: um(1), length: um(150), n: 50 }));

// Passive channels
const gL = siemens(1e-4).div(cm2(1));
const EL = mV(-70);
const eqs = `
Im = gL * (EL - v) : amp/meter**2
I : amp (point current)
`;

const neuron = new SpatialNeuron(morpho, eqs, { Cm: uF(1).div(cm2(1)), Ri: ohm(100).times(cm(1)), method: 'exponential_euler', namespace: { gL, EL } });
neuron.v = EL;
neuron.I = amp(0);

// Compartment indices by distance along a section (Brian2's morpho.L[50*um]): absolute indices.
const L = neuron.child('L');
const R = neuron.child('R');
const at = (section: typeof L, x: number): number => section.index(um(x));

// Monitors
const mon_soma = new StateMonitor(neuron, 'v', { record: [0] });
const mon_L = new StateMonitor(L, 'v', { record: true });
const mon_R = new StateMonitor(neuron, 'v', { record: at(R, 75) });

run(ms(1));
neuron.I[at(L, 50)] = nA(0.2); // injecting in the left dendrite
run(ms(5));
neuron.I = amp(0);
run(scaled(ms(50)), { report: 'text' });

// mon_L records the subgroup neuron.L, so its indices are relative to L's first compartment.
const inL = (x: number): number => at(L, x) - L.start;
const fig = figure({ rows: 2 });
const t = mon_L.t.in(ms);
const top = fig.subplot(0, 0);
top.plot(t, mon_soma.at(0).v.in(mV), 'k');
top.plot(t, mon_L.at(inL(50)).v.in(mV), 'r');
top.plot(t, mon_R.at(at(R, 75)).v.in(mV), 'b');
top.ylabel('v (mV)');
const bottom = fig.subplot(1, 0);
for (let k = 0; k < 10; k++) bottom.plot(t, mon_L.at(inL(k * 10)).v.in(mV)); // linspace(0*um, 100*um, 10, endpoint=False)
bottom.xlabel('Time (ms)');
bottom.ylabel('v (mV)');
await fig.save('bipolar_cell.png');
