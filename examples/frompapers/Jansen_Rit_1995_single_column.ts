// The Jansen & Rit (1995) neural mass model (Figure 3): six single columns with different
// connectivity constants C, driven by random input.
// Brian2 original: examples/frompapers/Jansen_Rit_1995_single_column.py (Ruben Tikidji-Hamburyan 2021)
//
// Equations are the system (6) of the paper; the rates a = 100/s and b = 200/s are written as
// the time constants τe = 10 ms and τi = 20 ms. Units were removed from e0, v0, r0, A, B and p.
// The random input comes from numpy's generator: `new RandomState(2021)` draws exactly what
// `np.random.seed(2021); np.random.rand(70000)` draws (Brian2's example leaves it unseeded).
import { startScope, defaultclock, NeuronGroup, StateMonitor, TimedArray, RandomState, run, ms, second, figure } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();
defaultclock.dt = ms(0.1); // default time step

const [te, ti] = [ms(10), ms(20)]; // taus for excitatory and inhibitory populations
const e0 = 5; // max firing rate
const v0 = 6; // (max FR)/2 input
const r0 = 0.56; // gain rate
const [A, B, C] = [3.25, 22, 135]; // standard parameters as in the set (7) of the original paper
const [P, deltaP] = [120, 320 - 120]; // random input uniformly distributed between 120 and 320 pulses/s

const nstim = new TimedArray(new RandomState(2021).rand(70000), ms(2));

const equs = `
dy0/dt = y3                             /second : 1
dy3/dt = (A        * Sp -2*y3 -y0/te*second)/te : 1
dy1/dt = y4                             /second : 1
dy4/dt = (A*(p+ C2 * Se)-2*y4 -y1/te*second)/te : 1
dy2/dt = y5                             /second : 1
dy5/dt = (B   * C4 * Si -2*y5 -y2/ti*second)/ti : 1
p  = P0+nstim(t)*dlP                   : 1
Sp = e0/(1+exp(r0*(v0 - (y1-y2)    ))) : 1
Se = e0/(1+exp(r0*(v0 -  C1*y0     ))) : 1
Si = e0/(1+exp(r0*(v0 -  C3*y0     ))) : 1
C1            : 1
C2 = 0.8 *C1  : 1
C3 = 0.25*C1  : 1
C4 = 0.25*C1  : 1
P0            : 1
dlP           : 1
`;

// 6 JR models for different connectivity parameters
const n = new NeuronGroup(6, equs, { method: 'euler', namespace: { te, ti, e0, v0, r0, A, B, nstim } });
n.C1 = [68, 128, C, 270, 675, 1350];
n.P0 = P;
n.dlP = deltaP;

const sm = new StateMonitor(n, ['y4', 'y1', 'y3', 'y0', 'y5', 'y2'], { record: true });

run(scaled(second(5)), { report: 'text' });

// From 2 s on (40% of the run when shortened), as the original.
const t = sm.t.in(second);
const from = t.findIndex((x) => x > 2 * (scaled(second(5)).in(second) / 5));
const fig = figure({ rows: 6, cols: 3, width: 1100, height: 900, sharex: true });
for (let p = 0; p < 6; p++) {
  const row: [string, 'y1' | 'y0' | 'y2', string][] = [['E', 'y1', 'g-'], ['P', 'y0', 'b-'], ['I', 'y2', 'r-']];
  row.forEach(([title, v, fmt], c) => {
    const ax = fig.subplot(p, c);
    ax.plot(t.subarray(from), sm[v].get(p).values.subarray(from), fmt);
    if (p === 0) ax.title(title);
    if (c === 0) ax.ylabel(`C=${n.C1.values[p]}`);
    if (p === 5) ax.xlabel('Time (seconds)');
  });
}
await fig.save('Jansen_Rit_1995_single_column.png');
