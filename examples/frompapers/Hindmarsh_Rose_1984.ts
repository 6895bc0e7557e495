// Burst generation in the Hindmarsh-Rose model for three input currents (Fig. 6 of the paper).
// Brian2 original: examples/frompapers/Hindmarsh_Rose_1984.py
//
// Hindmarsh, J. L., and R. M. Rose. "A Model of Neuronal Bursting Using Three Coupled First Order
// Differential Equations." Proc. R. Soc. Lond. B 221, no. 1222 (1984): 87–102.
// Brian2 lays the panels out with subplot2grid (one wide panel above two); here they are stacked.
import { startScope, NeuronGroup, StateMonitor, run, defaultclock, ms, second, figure } from 'brian-ts';
import { scaled, durationScale } from '../_duration.ts';

startScope();
// In the original model, time is measured in arbitrary time units
const time_unit = ms(1);
defaultclock.dt = time_unit.div(10);

const x_1 = -1.6; // leftmost equilibrium point of the model without adaptation
const [a, b, c, d] = [1, 3, 1, 5];
const [r, s] = [0.001, 4];
const eqs = `
dx/dt = (y - a*x**3 + b*x**2 + I - z)/time_unit : 1
dy/dt = (c - d*x**2 - y)/time_unit : 1
dz/dt = r*(s*(x - x_1) - z)/time_unit : 1
I : 1 (constant)
`;

// We run the model with three different currents
const neuron = new NeuronGroup(3, eqs, { method: 'rk4', namespace: { time_unit, x_1, a, b, c, d, r, s } });

// Set all variables to their equilibrium point
neuron.x = x_1;
neuron.y = 'c - d*x**2';
neuron.z = 'r*(s*(x - x_1))';

// Set the constant current input
neuron.I = [0.4, 2, 4];

// Record the "membrane potential"
const mon = new StateMonitor(neuron, 'x', { record: true });

run(scaled(time_unit.times(2100)));

const t = mon.t.values.map((v: number) => v / time_unit.in(second)); // in time units
const fig = figure({ rows: 3, height: 600 });
const panels: [number, number][] = [[0, 2100], [700, 2100], [1400, 2100]];
panels.forEach(([from, to], k) => {
  const ax = fig.subplot(k);
  // Only the samples inside the panel's x range (see the docs fragment: long traces clipped by
  // xlim are drawn incompletely by the plot module at present).
  const lo = t.findIndex((v: number) => v >= from * durationScale);
  ax.plot(t.subarray(lo), mon.x.get(k).values.subarray(lo));
  ax.xlim(from * durationScale, to * durationScale);
  ax.ylim(-2, 2);
});
await fig.save('Hindmarsh_Rose_1984.png');
