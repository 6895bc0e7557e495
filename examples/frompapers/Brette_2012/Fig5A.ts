// Voltage trace of a ball-and-stick neuron under noisy current injection, with a reset of the whole neuron after each spike (Brette 2013, Fig. 5A).
// Brian2 original: examples/frompapers/Brette_2012/Fig5A.py (parameters from its params.py)
//
// Brette R (2013). Sharpness of spike initiation in neurons explained by compartmentalization.
// PLoS Comp Biol, doi: 10.1371/journal.pcbi.1003338. Spikes are detected in the Na compartment
// (`thresholdLocation`); to reset the entire neuron, synapses from that compartment to every
// compartment apply `v = EL` at each spike. The spikes are drawn into the somatic trace.
import { Cylinder, Soma, SpatialNeuron, SpikeMonitor, StateMonitor, Synapses, cm, cm2, defaultclock, figure, meter, mV, ms, ohm, run, startScope, uF, um } from 'brian-ts';
import { scaled } from '../../_duration.ts';

startScope();
// params.py
const EL = mV(-75);
const S = meter(7.85e-9).times(meter(1)); // area (sphere of 50 um diameter)
const Cm = uF(0.75).div(cm2(1));
const gL = ohm(30000).times(cm2(1)).pow(-1); // 1 / (30000 ohm cm^2)
const Ri = ohm(150).times(cm(1));
const ENa = mV(60);
const ka = mV(6);
const va = mV(-40);
const gNa_0 = gL.times(S).times(2);
const taum = ms(0.1);

defaultclock.dt = ms(0.025);
const duration = scaled(ms(500));
// Morphology
const morpho = new Soma({ diameter: um(50) }); // chosen for a target Rm
morpho.setChild('axon', new Cylinder({ diameter: um(1), length: um(300), n: 300 }));
// Input
const taux = ms(5);
const sigmax = mV(12);
const xx0 = mV(7);
const compartment = 40;

// Channels
const eqs = `
Im = gL * (EL - v) + gNa * m * (ENa - v) + gLx * (xx0 + xx) : amp/meter**2
dm/dt = (minf - m) / taum : 1  # simplified Na channel
minf = 1 / (1 + exp((va - v) / ka)) : 1
gNa : siemens/meter**2
gLx : siemens/meter**2
dxx/dt = -xx / taux + sigmax * (2 / taux)**.5 *xi : volt
`;
const namespace = { gL, EL, ENa, ka, va, taum, taux, sigmax, xx0, compartment };
export const neuron = new SpatialNeuron(morpho, eqs, { Cm, Ri, threshold: 'm>0.5', thresholdLocation: compartment, refractory: ms(5), namespace });
neuron.v = EL;
neuron.gLx.setAt(0, gL);
neuron.gNa.setAt(compartment, gNa_0.div(neuron.area[compartment]));

// Reset the entire neuron when there is a spike
const reset = new Synapses(neuron, neuron, '', { onPre: 'v = EL', namespace });
reset.connect({ condition: 'i == compartment' }); // connects the spike initiation compartment to all compartments

// Monitors
export const spikes = new SpikeMonitor(neuron);
export const M = new StateMonitor(neuron, 'v', { record: 0 });
run(duration, { report: 'text' });

// Add spikes for display
const v = Float64Array.from(M.at(0).v!.in(mV));
const dt = defaultclock.dt.in(ms);
for (const t of spikes.t.in(ms)) v[Math.trunc(t / dt)] = 50;
const fig = figure();
fig.plot(M.t.in(ms), v, 'k');
await fig.save('Fig5A.png');
