// Chaos in the AdEx model: w at spike times as the reset value Vr varies (Fig. 8B).
// Brian2 original: examples/frompapers/Touboul_Brette_2008.py
//
// Touboul, J. and Brette, R. (2008). Dynamics and bifurcations of the adaptive exponential
// integrate-and-fire model. Biological Cybernetics 99(4-5):319-34. The vertical axis shows the
// values of w at spike times for a given reset value Vr.
import { startScope, NeuronGroup, StateMonitor, SpikeMonitor, run, defaultclock, pF, nS, mV, ms, nA, second, figure } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();
defaultclock.dt = ms(0.01);

const C = pF(281);
const gL = nS(30);
const EL = mV(-70.6);
const VT = mV(-50.4);
const DeltaT = mV(2);
const tauw = ms(40);
const a = nS(4);
const b = nA(0.08);
const I = nA(0.8);
const Vcut = VT.plus(DeltaT.times(5)); // practical threshold condition
const N = 200;

const eqs = `
dvm/dt=(gL*(EL-vm)+gL*DeltaT*exp((vm-VT)/DeltaT)+I-w)/C : volt
dw/dt=(a*(vm-EL)-w)/tauw : amp
Vr:volt
`;

const neuron = new NeuronGroup(N, eqs, {
  threshold: 'vm > Vcut',
  reset: 'vm = Vr; w += b',
  method: 'euler',
  namespace: { C, gL, EL, VT, DeltaT, tauw, a, b, I, Vcut },
});
neuron.vm = EL;
neuron.w = 'a * (vm - EL)';
neuron.Vr = mV(Array.from({ length: N }, (_, k) => -48.3 + (0.6 * k) / (N - 1))); // bifurcation parameter

const init_time = scaled(second(3));
run(init_time, { report: 'text' }); // we discard the first spikes

const states = new StateMonitor(neuron, 'w', { record: true, when: 'start' });
const spikes = new SpikeMonitor(neuron);
run(scaled(second(1)), { report: 'text' });

// Get the values of Vr and w for each spike
const VrAll: Float64Array = neuron.Vr.in(mV);
const wTraces = states.w.in(nA);
const dt = defaultclock.dtSeconds;
const Vr = Array.from(spikes.i, (i) => VrAll[i]!);
const w = Array.from(spikes.i, (i, k) => wTraces[i]![Math.trunc((spikes.t_[k]! - init_time.in(second)) / dt)]!);

const fig = figure();
fig.plot(Vr, w, '.k');
fig.xlabel('Vr (mV)');
fig.ylabel('w (nA)');
await fig.save('Touboul_Brette_2008.png');
