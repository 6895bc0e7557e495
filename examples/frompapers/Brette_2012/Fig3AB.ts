// Kink at spike initiation with only Nav1.6 channels, in a ball-and-stick model (Brette 2013, Fig. 3A,B): voltage traces and phase plot.
// Brian2 original: examples/frompapers/Brette_2012/Fig3AB.py (parameters from its params.py)
//
// Brette R (2013). Sharpness of spike initiation in neurons explained by compartmentalization.
// PLoS Comp Biol, doi: 10.1371/journal.pcbi.1003338. Na channels sit in one compartment 40 um down
// the axon; a current step into the soma at 20 ms starts a spike. Left: the somatic (red) and
// axonal (black) voltage and the open channels (dashed); right: dV/dt against V, with the kink at
// the somatic spike onset.
import { Cylinder, Soma, SpatialNeuron, StateMonitor, cm, cm2, defaultclock, figure, meter, mV, ms, ohm, run, startScope, uF, um } from 'brian-ts';

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
morpho.setChild('axon', new Cylinder({ diameter: um(1), length: um(300), n: 300 }));
const location = um(40); // where Na channels are placed

// Channels
const eqs = `
Im = gL*(EL - v) + gNa*m*(ENa - v) : amp/meter**2
dm/dt = (minf - m) / taum : 1 # simplified Na channel
minf = 1 / (1 + exp((va - v) / ka)) : 1
gNa : siemens/meter**2
Iin : amp (point current)
`;
export const neuron = new SpatialNeuron(morpho, eqs, { Cm, Ri, method: 'exponential_euler', namespace: { gL, EL, ENa, ka, va, taum } });
export const compartment = morpho.child('axon').index(location);
neuron.v = EL;
neuron.gNa.setAt(compartment, gNa_0.div(neuron.area[compartment]));
export const M = new StateMonitor(neuron, ['v', 'm'], { record: true });
run(ms(20), { report: 'text' });
neuron.Iin.setAt(0, gL.times(mV(20)).times(neuron.area[0]));
run(ms(80), { report: 'text' });

const fig = figure({ cols: 2, width: 900, height: 420 });
const t = M.t.in(ms);
const vSoma = M.at(0).v!.in(mV);
const vAxon = M.at(compartment).v!.in(mV);
const m = M.at(compartment).m!.values;
fig
  .subplot(0, 0)
  .plot(t, vSoma, 'r')
  .plot(t, vAxon, 'k')
  .plot(t, Array.from(m, (x) => x * (80 + 60) - 80), 'k--') // open channels
  .ylim(-80, 60)
  .xlabel('Time (ms)')
  .ylabel('V (mV)')
  .title('Voltage traces');
const dt = defaultclock.dt.in(ms); // dV/dt in mV/ms = V/s
const slope = (v: Float64Array): number[] => Array.from(v.subarray(1), (x, k) => (x - v[k]!) / dt);
fig
  .subplot(0, 1)
  .plot(vSoma.subarray(1), slope(vSoma), 'r')
  .plot(vAxon.subarray(1), slope(vAxon), 'k')
  .xlim(-80, 40)
  .xlabel('V (mV)')
  .ylabel('dV/dt (V/s)')
  .title('Phase plot');
await fig.save('Fig3AB.png');
