// An (almost) infinite cable with pulse injection in the middle, against the cable theory (red).
// Brian2 original: examples/compartmental/infinite_cable.py
import { startScope, Quantity, defaultclock, Cylinder, SpatialNeuron, StateMonitor, run, ms, um, mm, uF, cm2, ohm, cm, siemens, mV, nA, amp, figure } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();
defaultclock.dt = ms(0.001);

// Morphology
const diameter = um(1);
const Cm = uF(1).div(cm2(1));
const Ri = ohm(100).times(cm(1));
const N = 500;
const morpho = new Cylinder({ diameter, length: mm(3), n: N });

// Passive channels
const gL = siemens(1e-4).div(cm2(1));
const EL = mV(-70);
const eqs = `
Im = gL * (EL-v) : amp/meter**2
I : amp (point current)
`;

const neuron = new SpatialNeuron(morpho, eqs, { Cm, Ri, method: 'exponential_euler', namespace: { gL, EL } });
neuron.v = EL;

const taum = Cm.div(gL); // membrane time constant
console.log(`Time constant: ${taum}`);
const la = neuron.space_constant.get(0) as Quantity; // characteristic length
console.log(`Characteristic length: ${la}`);

// Monitors
const record: number[] = [];
for (let i = 0; i < N / 2; i += 20) record.push(i);
const mon = new StateMonitor(neuron, 'v', { record });

neuron.I[Math.floor(neuron.N / 2)] = nA(1); // injecting in the middle
run(ms(0.02));
neuron.I = amp(0);
run(scaled(ms(10)), { report: 'text' });

const t = mon.t_; // seconds
const fig = figure();
mon.v_.forEach((v) => fig.plot(t.map((x) => x * 1e3), v.map((x) => x * 1e3), 'k'));
// Theory (incorrect near cable ends): the response to the brief pulse (1 nA for 0.02 ms).
const dt = defaultclock.dtSeconds;
const [tm, lam, cm_, d, el] = [taum.value, la.value, Cm.value, diameter.value, EL.value];
const charge = nA(1).times(ms(0.02)).value;
for (const i of record) {
  const x = (N / 2 - i) * morpho.length_[0]!;
  const theory = t.map((s) => {
    const ts = s + dt;
    return el + ((1 / (lam * cm_ * Math.PI * d)) * Math.sqrt(tm / (4 * Math.PI * ts)) * Math.exp(-ts / tm - (tm / (4 * ts)) * (x / lam) ** 2)) * charge;
  });
  fig.plot(t.map((x) => x * 1e3), theory.map((x) => x * 1e3), 'r');
}
fig.xlabel('Time (ms)');
fig.ylabel('v (mV)');
await fig.save('infinite_cable.png');
