// Demonstrate the usage of the Morphology object: sections, paths, and per-section state access.
// Brian2 original: examples/compartmental/morphotest.py
import { startScope, Soma, Cylinder, SpatialNeuron, um, uF, cm2, ohm, cm, siemens, mV, volt } from 'brian-ts';

startScope();

// Morphology (Brian2: morpho.L = ..., morpho.LL = ...: 'LL' is the path L → L)
const morpho = new Soma({ diameter: um(30) });
morpho.setChild('L', new Cylinder({ diameter: um(1), length: um(100), n: 5 }));
morpho.setChild('LL', new Cylinder({ diameter: um(1), length: um(20), n: 2 }));
morpho.setChild('R', new Cylinder({ diameter: um(1), length: um(100), n: 5 }));

// Passive channels
const gL = siemens(1e-4).div(cm2(1));
const EL = mV(-70);
const eqs = `
Im = gL * (EL-v) : amp/meter**2
`;

const neuron = new SpatialNeuron(morpho, eqs, { Cm: uF(1).div(cm2(1)), Ri: ohm(100).times(cm(1)), method: 'exponential_euler', namespace: { gL, EL } });
neuron.v = volt(Array.from({ length: 13 }, (_, k) => k)); // arange(0, 13)*volt

// Sections as attributes, as in Brian2 (typed: neuron.child('L'), neuron.child('LL'), neuron.child('L').main)
console.log(String(neuron.v));
console.log(String(neuron.L.v));
console.log(String(neuron.LL.v));
console.log(String(neuron.L.main.v));
