// Somatic voltage clamp in a ball-and-stick model with Na channels at one axonal location (Brette 2013, Fig. 1C-E).
// Brian2 original: examples/frompapers/Brette_2012/Fig1.py (parameters from its params.py)
//
// Brette R (2013). Sharpness of spike initiation in neurons explained by compartmentalization.
// PLoS Comp Biol, doi: 10.1371/journal.pcbi.1003338. The soma is clamped with a voltage ramp from
// -75 mV to -25 mV; the Na channels sit in one compartment 40 um down the axon. Panels: the
// somatic I-V curve, the activation m against the clamp voltage, the voltage along the axon at
// four clamp voltages, and the axonal against the somatic voltage.
import { Cylinder, Soma, SpatialNeuron, StateMonitor, cm, cm2, defaultclock, figure, meter, mV, ms, ohm, run, siemens, startScope, uF, um } from 'brian-ts';
import { scaled } from '../../_duration.ts';

startScope();
// params.py: passive parameters
const EL = mV(-75);
const S = meter(7.85e-9).times(meter(1)); // area (sphere of 50 um diameter)
const Cm = uF(0.75).div(cm2(1));
const gL = ohm(30000).times(cm2(1)).pow(-1); // 1 / (30000 ohm cm^2)
const Ri = ohm(150).times(cm(1));
// Na channels
const ENa = mV(60);
const ka = mV(6);
const va = mV(-40);
const gNa_0 = gL.times(S).times(2);
const taum = ms(0.1);

defaultclock.dt = ms(0.025);
// Morphology
const morpho = new Soma({ diameter: um(50) }); // chosen for a target Rm
morpho.setChild('axon', new Cylinder({ diameter: um(1), length: um(300), n: 300 }));
const location = um(40); // where Na channels are placed
const duration = scaled(ms(500));

// Channels
const eqs = `
Im = gL*(EL - v) + gclamp*(vc - v) + gNa*m*(ENa - v) : amp/meter**2
dm/dt = (minf - m) / taum: 1  # simplified Na channel
minf = 1 / (1 + exp((va - v) / ka)) : 1
gclamp : siemens/meter**2
gNa : siemens/meter**2
vc = EL + 50*mV * t/duration : volt (shared)  # Voltage clamp with a ramping voltage command
`;
export const neuron = new SpatialNeuron(morpho, eqs, { Cm, Ri, namespace: { gL, EL, ENa, ka, va, taum, duration } });
export const compartment = morpho.child('axon').index(location);
neuron.v = EL;
neuron.gclamp.setAt(0, gL.times(500));
neuron.gNa.setAt(compartment, gNa_0.div(neuron.area[compartment]));

// Monitors
export const mon = new StateMonitor(neuron, ['v', 'vc', 'm'], { record: true });
run(duration, { report: 'text' });

const fig = figure({ rows: 2, cols: 2, width: 800, height: 640 });
const vc = mon.at(0).vc.in(mV);
const vSoma = mon.at(0).v.in(mV);
const clampArea = neuron.gclamp[0].times(neuron.area[0]).in(siemens); // gclamp*area (S)
fig
  .subplot(0, 0)
  .plot(vc, vc.map((x, k) => (-((x - vSoma[k]!) * 1e-3 * clampArea)) / 1e-9) /* nA */, 'k')
  .xlabel('V (mV)')
  .ylabel('I (nA)')
  .xlim(-75, -45)
  .title('I-V curve');
fig.subplot(0, 1).plot(vc, mon.at(compartment).m.values, 'k').xlabel('V (mV)').ylabel('m').title('Activation curve (m(V))');
// Number of simulation time steps for each volt increment in the voltage clamp
const dtPerVolt = mon.t.values.length / 50e-3;
const ax = fig.subplot(1, 0);
const v = mon.get('v').values as Float64Array[];
for (const clamp of [-64, -61, -58, -55]) {
  const step = Math.trunc(dtPerVolt * (clamp - EL.in(mV)) * 1e-3);
  ax.plot(v.slice(0, 100).map((trace) => trace[step]! * 1000), 'k');
}
ax.xlabel('Distance from soma (um)').ylabel('V (mV)').title('Voltage across axon');
const vAxon = mon.at(compartment).v.in(mV);
fig.subplot(1, 1).plot(vAxon, vAxon, 'k--').plot(vSoma, vAxon, 'k').xlabel('Vs (mV)').ylabel('Va (mV)');
await fig.save('Fig1.png');
