// A pseudo MSO neuron, with two dendrites (fake geometry) and synaptic inputs at their ends (summed synaptic conductances).
// Brian2 original: examples/compartmental/bipolar_with_inputs.py
import { startScope, Soma, Cylinder, SpatialNeuron, NeuronGroup, Synapses, StateMonitor, run, ms, um, uF, cm2, ohm, cm, siemens, mV, nS, figure } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();

// Morphology
const morpho = new Soma({ diameter: um(30) });
morpho.setChild('L', new Cylinder({ diameter: um(1), length: um(100), n: 50 }));
morpho.setChild('R', new Cylinder({ diameter: um(1), length: um(100), n: 50 }));

// Passive channels
const gL = siemens(1e-4).div(cm2(1));
const EL = mV(-70);
const Es = mV(0);
const eqs = `
Im = gL*(EL-v) : amp/meter**2
Is = gs*(Es-v) : amp (point current)
gs : siemens
`;

const neuron = new SpatialNeuron(morpho, eqs, { Cm: uF(1).div(cm2(1)), Ri: ohm(100).times(cm(1)), method: 'exponential_euler', namespace: { gL, EL, Es } });
neuron.v = EL;

// Regular inputs
const stimulation = new NeuronGroup(2, 'dx/dt = 300*Hz : 1', { threshold: 'x>1', reset: 'x=0', method: 'euler' });
stimulation.x = [0, 0.5]; // Asynchronous

// Synapses
const taus = ms(1);
const w = nS(20);
const S = new Synapses(stimulation, neuron, `dg/dt = -g/taus : siemens (clock-driven)
gs_post = g : siemens (summed)`, { onPre: 'g += w', method: 'exact', namespace: { taus, w } });

// Absolute indices of the last compartment of each dendrite (Brian2's morpho.L[-1], morpho.R[-1])
const L = neuron.child('L');
const R = neuron.child('R');
const lastL = morpho.child('L').index(-1);
const lastR = morpho.child('R').index(-1);
S.connect({ i: 0, j: lastL });
S.connect({ i: 1, j: lastR });

// Monitors
const mon_soma = new StateMonitor(neuron, 'v', { record: [0] });
const mon_L = new StateMonitor(L, 'v', { record: true });
const mon_R = new StateMonitor(R, 'v', { record: lastR - R.start }); // indices relative to the subgroup R

run(scaled(ms(50)), { report: 'text' });

const fig = figure({ rows: 2 });
const t = mon_L.t.in(ms);
const top = fig.subplot(0, 0);
top.plot(t, mon_soma.at(0).v.in(mV), 'k');
top.plot(t, mon_L.at(lastL - L.start).v.in(mV), 'r');
top.plot(t, mon_R.at(lastR - R.start).v.in(mV), 'b');
top.ylabel('v (mV)');
const bottom = fig.subplot(1, 0);
for (let k = 0; k < 10; k++) bottom.plot(t, mon_L.at(L.index(um(10 * k)) - L.start).v.in(mV)); // linspace(0*um, 100*um, 10, endpoint=False)
bottom.xlabel('Time (ms)');
bottom.ylabel('v (mV)');
await fig.save('bipolar_with_inputs.png');
