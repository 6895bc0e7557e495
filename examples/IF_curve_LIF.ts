// Input-frequency curve of 1000 unconnected leaky integrate-and-fire neurons.
// Brian2 original: examples/IF_curve_LIF.py
//
// Network: 1000 unconnected integrate-and-fire neurons (leaky IF) with an input parameter v0.
// The input is set differently for each neuron.
import { startScope, NeuronGroup, SpikeMonitor, run, mV, ms, second, figure } from 'brian-ts';
import { scaled } from './_duration.ts';

startScope();
const n = 1000;
const duration = scaled(second(1));
const tau = ms(10);
const eqs = `
dv/dt = (v0 - v) / tau : volt (unless refractory)
v0 : volt
`;
const group = new NeuronGroup(n, eqs, {
  threshold: 'v > 10*mV',
  reset: 'v = 0*mV',
  refractory: ms(5),
  method: 'exact',
  namespace: { tau, n },
});
group.v = mV(0);
group.v0 = '20*mV * i / (n-1)';

const monitor = new SpikeMonitor(group);

run(duration);

const fig = figure();
fig.plot(group.v0.in(mV), Array.from(monitor.count, (c) => c / duration.in(second)));
fig.xlabel('v0 (mV)');
fig.ylabel('Firing rate (sp/s)');
await fig.save('IF_curve_LIF.png');
