// Adaptive exponential integrate-and-fire model (AdEx), regular spiking, driven by a current step.
// Brian2 original: examples/frompapers/Brette_Gerstner_2005.py
//
// http://www.scholarpedia.org/article/Adaptive_exponential_integrate-and-fire_model
// Introduced in Brette R. and Gerstner W. (2005), Adaptive Exponential Integrate-and-Fire Model as
// an Effective Description of Neuronal Activity, J. Neurophysiol. 94: 3637 - 3642.
import { startScope, NeuronGroup, StateMonitor, SpikeMonitor, run, defaultclock, pF, nS, mV, ms, nA, figure } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();
// Parameters
const C = pF(281);
const gL = nS(30);
const EL = mV(-70.6);
const VT = mV(-50.4);
const DeltaT = mV(2);
const Vcut = VT.plus(DeltaT.times(5));

// Pick an electrophysiological behaviour
const [tauw, a, b, Vr] = [ms(144), nS(4), nA(0.0805), mV(-70.6)]; // Regular spiking (as in the paper)
// const [tauw, a, b, Vr] = [ms(20), nS(4), nA(0.5), VT.plus(mV(5))]; // Bursting
// const [tauw, a, b, Vr] = [ms(144), C.times(2).div(ms(144)), nA(0), mV(-70.6)]; // Fast spiking

const eqs = `
dvm/dt = (gL*(EL - vm) + gL*DeltaT*exp((vm - VT)/DeltaT) + I - w)/C : volt
dw/dt = (a*(vm - EL) - w)/tauw : amp
I : amp
`;

const neuron = new NeuronGroup(1, eqs, {
  threshold: 'vm>Vcut',
  reset: 'vm=Vr; w+=b',
  method: 'euler',
  namespace: { C, gL, EL, VT, DeltaT, Vcut, tauw, a, b, Vr },
});
neuron.vm = EL;
const trace = new StateMonitor(neuron, 'vm', { record: 0 });
const spikes = new SpikeMonitor(neuron);

run(scaled(ms(20)));
neuron.I = nA(1);
run(scaled(ms(100)));
neuron.I = nA(0);
run(scaled(ms(20)));

// We draw nicer spikes
const vm = trace.vm[0].in(mV);
for (const t of spikes.t_) {
  const i = Math.trunc(t / defaultclock.dtSeconds);
  vm[i] = 20;
}

const fig = figure();
fig.plot(trace.t.in(ms), vm);
fig.xlabel('time (ms)');
fig.ylabel('membrane potential (mV)');
await fig.save('Brette_Gerstner_2005.png');
