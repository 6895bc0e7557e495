// Hodgkin-Huxley equations (1952) on an axon with coordinates: the extracellular field potential at five electrodes.
// Brian2 original: examples/compartmental/lfp.py
import { startScope, defaultclock, Cylinder, SpatialNeuron, NeuronGroup, Synapses, StateMonitor, run, ms, cm, cm2, um, mm, mV, msiemens, siemens, meter, uF, ohm, uA, amp, figure } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();
defaultclock.dt = ms(0.01);
const morpho = new Cylinder({ x: cm([0, 10]), diameter: um(2 * 238), n: 1000, type: 'axon' });

const El = mV(10.613);
const ENa = mV(115);
const EK = mV(-12);
const gl = msiemens(0.3).div(cm2(1));
const gNa0 = msiemens(120).div(cm2(1));
const gK = msiemens(36).div(cm2(1));

// Typical equations
const eqs = `
# The same equations for the whole neuron, but possibly different parameter values
# distributed transmembrane current
Im = gl * (El-v) + gNa * m**3 * h * (ENa-v) + gK * n**4 * (EK-v) : amp/meter**2
I : amp (point current) # applied current
dm/dt = alpham * (1-m) - betam * m : 1
dn/dt = alphan * (1-n) - betan * n : 1
dh/dt = alphah * (1-h) - betah * h : 1
alpham = (0.1/mV) * 10*mV/exprel((-v+25*mV)/(10*mV))/ms : Hz
betam = 4 * exp(-v/(18*mV))/ms : Hz
alphah = 0.07 * exp(-v/(20*mV))/ms : Hz
betah = 1/(exp((-v+30*mV) / (10*mV)) + 1)/ms : Hz
alphan = (0.01/mV) * 10*mV/exprel((-v+10*mV)/(10*mV))/ms : Hz
betan = 0.125*exp(-v/(80*mV))/ms : Hz
gNa : siemens/meter**2
`;

const neuron = new SpatialNeuron(morpho, eqs, { Cm: uF(1).div(cm2(1)), Ri: ohm(35.4).times(cm(1)), method: 'exponential_euler', namespace: { El, ENa, EK, gl, gK } });
neuron.v = mV(0);
neuron.h = 1;
neuron.m = 0;
neuron.n = 0.5;
neuron.I = amp(0);
neuron.gNa = gNa0;
neuron.range(cm(5), cm(10)).gNa = siemens(0).div(cm2(1)); // Brian2: neuron[5*cm:10*cm].gNa = 0*siemens/cm**2
const M = new StateMonitor(neuron, 'v', { record: true });

// LFP recorder
const Ne = 5; // Number of electrodes
const sigma = siemens(0.3).div(meter); // Resistivity of extracellular field (0.3-0.4 S/m)
const lfp = new NeuronGroup(Ne, `v : volt
x : meter
y : meter
z : meter`);
lfp.x = cm(7); // Off center (to be far from stimulating electrode)
lfp.y = mm([1, 2, 4, 8, 16]);
// Im_pre refers to the neuron's constants (gl, El, …): brian-ts resolves them in the Synapses'
// namespace (Brian2 finds them among the script's globals).
const S = new Synapses(neuron, lfp, `w : ohm*meter**2 (constant) # Weight in the LFP calculation
v_post = w*(Ic_pre-Im_pre) : volt (summed)`, { namespace: { sigma, El, ENa, EK, gl, gK } });
// Otherwise Ic has not yet been updated for the current time step.
S.summedUpdaters.find((u) => u.targetVariable === 'v')!.when = 'after_groups';
S.connect();
S.w = 'area_pre/(4*pi*sigma)/((x_pre-x_post)**2+(y_pre-y_post)**2+(z_pre-z_post)**2)**.5';

const Mlfp = new StateMonitor(lfp, 'v', { record: true });

run(scaled(ms(50)), { report: 'text' });
neuron.I[0] = uA(1); // current injection at one end
run(ms(3));
neuron.I = amp(0);
run(scaled(ms(100)), { report: 'text' });

const fig = figure({ rows: 2 });
const t = M.t.in(ms);
const top = fig.subplot(0, 0);
for (let i = 0; i < 10; i++) top.plot(t, M.at(i * 100).v.in(mV));
top.ylabel('V_m (mV)');
const bottom = fig.subplot(1, 0);
for (let i = 0; i < 5; i++) bottom.plot(t, Mlfp.at(i).v.in(mV));
bottom.ylabel('LFP (mV)');
bottom.xlabel('Time (ms)');
await fig.save('lfp.png');
