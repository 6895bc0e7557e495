// Kink at spike initiation with Nav1.6 and Nav1.2 channels (Brette 2013, Fig. 3C-F): voltage traces, activation curves and phase plots.
// Brian2 original: examples/frompapers/Brette_2012/Fig3CF.py (parameters from its params.py)
//
// Brette R (2013). Sharpness of spike initiation in neurons explained by compartmentalization.
// PLoS Comp Biol, doi: 10.1371/journal.pcbi.1003338. As Fig. 3A,B, with depolarized Nav1.2
// channels (20 times the conductance) 15 um from the soma besides the Nav1.6 channels at 40 um.
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

defaultclock.dt = ms(0.01);
// Morphology
const morpho = new Soma({ diameter: um(50) }); // chosen for a target Rm
morpho.setChild('axon', new Cylinder({ diameter: um(1), length: um(300), n: 300 }));
const location16 = um(40); // where Nav1.6 channels are placed
const location12 = um(15); // where Nav1.2 channels are placed
const va2 = va.plus(mV(15)); // depolarized Nav1.2

// Channels
const eqs = `
Im = gL * (EL - v) + gNa*m*(ENa - v) + gNa2*m2*(ENa - v) : amp/meter**2
dm/dt = (minf - m) / taum : 1  # simplified Na channel
minf = 1 / (1 + exp((va - v) / ka)) : 1
dm2/dt = (minf2 - m2) / taum : 1 # simplified Na channel, Nav1.2
minf2 = 1/(1 + exp((va2 - v) / ka)) : 1
gNa : siemens/meter**2
gNa2 : siemens/meter**2  # Nav1.2
Iin : amp (point current)
`;
export const neuron = new SpatialNeuron(morpho, eqs, { Cm, Ri, method: 'exponential_euler', namespace: { gL, EL, ENa, ka, va, va2, taum } });
export const compartment16 = morpho.child('axon').index(location16);
export const compartment12 = morpho.child('axon').index(location12);
neuron.v = EL;
neuron.gNa.setAt(compartment16, gNa_0.div(neuron.area[compartment16]));
neuron.gNa2.setAt(compartment12, gNa_0.times(20).div(neuron.area[compartment12]));

// Monitors
export const M = new StateMonitor(neuron, ['v', 'm', 'm2'], { record: true });
run(ms(20), { report: 'text' });
neuron.Iin.setAt(0, gL.times(mV(20)).times(neuron.area[0]));
run(ms(80), { report: 'text' });

const fig = figure({ rows: 2, cols: 2, width: 900, height: 720 });
const t = M.t.in(ms);
const vSoma = M.at(0).v!.in(mV);
const vAxon = M.at(compartment16).v!.in(mV);
const m16 = M.at(compartment16).m!.values;
const m12 = M.at(compartment12).m2!.values;
const boltzmann = (half: number) => Array.from(vSoma, (v) => 1 / (1 + Math.exp((half - v) / ka.in(mV))));
fig
  .subplot(0, 0)
  .plot(t, vSoma, 'r')
  .plot(t, vAxon, 'k')
  .plot(t, Array.from(m16, (x) => x * (80 + 60) - 80), 'k--') // open channels
  .ylim(-80, 60)
  .xlabel('Time (ms)')
  .ylabel('V (mV)')
  .title('Voltage traces');
fig
  .subplot(0, 1)
  .plot(vSoma, m16, 'k')
  .plot(vSoma, boltzmann(va.in(mV)), 'k--')
  .plot(vSoma, m12, 'r')
  .plot(vSoma, boltzmann(va2.in(mV)), 'r--')
  .xlim(-70, 0)
  .xlabel('V (mV)')
  .ylabel('m')
  .title('Activation curves');
const dt = defaultclock.dt.in(ms); // dV/dt in mV/ms = V/s
const slope = (v: Float64Array): number[] => Array.from(v.subarray(1), (x, k) => (x - v[k]!) / dt);
const dm = slope(vSoma);
const dm40 = slope(vAxon);
fig.subplot(1, 0).plot(vSoma.subarray(1), dm, 'r').plot(vAxon.subarray(1), dm40, 'k').xlim(-80, 40).xlabel('V (mV)').ylabel('dV/dt (V/s)').title('Phase plot');
fig
  .subplot(1, 1)
  .plot(vSoma.subarray(1), dm, 'r')
  .plot(vAxon.subarray(1), dm40, 'k')
  .plot(vSoma.subarray(1), dm.map(() => 10), 'k--')
  .xlim(-70, -40)
  .ylim(0, 20)
  .xlabel('V (mV)')
  .ylabel('dV/dt (V/s)')
  .title('Phase plot(zoom)');
await fig.save('Fig3CF.png');
