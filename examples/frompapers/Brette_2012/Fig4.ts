// Spatial distribution of Na channels in an axon tapering near the soma (Brette 2013, Fig. 4E-F): the voltage along the axon under somatic voltage clamp.
// Brian2 original: examples/frompapers/Brette_2012/Fig4.py (parameters from its params.py)
//
// Brette R (2013). Sharpness of spike initiation in neurons explained by compartmentalization.
// PLoS Comp Biol, doi: 10.1371/journal.pcbi.1003338. The axon's diameter tapers from 4 to 1 um over
// its first 10 um; Na channels are spread over 35-50 um from the soma, with a linearly decreasing
// density (panel F; a uniform one is panel E). The soma is clamped with a ramp from -75 to -25 mV.
import { Section, Soma, SpatialNeuron, StateMonitor, cm, cm2, defaultclock, figure, linspace, meter, mV, ms, ohm, run, siemens, startScope, uF, um } from 'brian-ts';
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
// Morphology
const morpho = new Soma({ diameter: um(50) }); // chosen for a target Rm
// Tapering (change this for the other figure panels)
const diameters = um([...linspace(4, 1, 11), ...new Array<number>(290).fill(1)]);
morpho.setChild('axon', new Section({ diameter: diameters, length: um(new Array<number>(300).fill(1)), n: 300 }));
// Na channels
const Na_start = um(25 + 10);
const Na_end = um(40 + 10);
const linear_distribution = true; // true is F, false is E
const duration = scaled(ms(500));

// Channels
const eqs = `
Im = gL*(EL - v) + gclamp*(vc - v) + gNa*m*(ENa - v) : amp/meter**2
dm/dt = (minf - m) / taum: 1  # simplified Na channel
minf = 1 / (1 + exp((va - v) / ka)) : 1
gclamp : siemens/meter**2
gNa : siemens/meter**2
vc = EL + 50*mV * t / duration : volt (shared)  # Voltage clamp with a ramping voltage command
`;
export const neuron = new SpatialNeuron(morpho, eqs, { Cm, Ri, method: 'exponential_euler', namespace: { gL, EL, ENa, ka, va, taum, duration } });
const compartments = neuron.segment(morpho.child('axon').slice(Na_start, Na_end));
neuron.v = EL;
neuron.gclamp.setAt(0, gL.times(500));
const n = compartments.N;
let profile = linear_distribution ? Array.from(linspace(1, 0, n)) : new Array<number>(n).fill(1);
const total = profile.reduce((a, b) => a + b, 0);
profile = profile.map((p) => p / total); // normalization
const area = compartments.area.values as Float64Array; // m^2
compartments.gNa = siemens(Float64Array.from(profile, (p, k) => (gNa_0.in(siemens) * p) / area[k]!)).div(meter(1).pow(2));

// Monitors
export const mon = new StateMonitor(neuron, 'v', { record: true });
run(duration, { report: 'text' });

const fig = figure();
const dtPerVolt = mon.t.values.length / 50e-3;
const v = mon.get('v').values as Float64Array[];
for (const clamp of [-64, -61, -58, -55, -52]) {
  const step = Math.trunc(dtPerVolt * (clamp - EL.in(mV)) * 1e-3);
  fig.plot(v.slice(0, 100).map((trace) => trace[step]! * 1000), 'k');
}
fig.xlim(0, 50 + 10).ylim(-65, -25).ylabel('V (mV)').xlabel('Location (um)').title('Voltage across axon');
await fig.save('Fig4.png');
