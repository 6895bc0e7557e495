// A model with an adaptive threshold that increases with each spike.
// Brian2 original: examples/adaptive_threshold.py
import { startScope, NeuronGroup, PoissonGroup, Synapses, StateMonitor, SpikeMonitor, run, mV, ms, Hz, second, figure } from 'brian-ts';
import { scaled } from './_duration.ts';

startScope();
const eqs = `
dv/dt = -v/(10*ms) : volt
dvt/dt = (10*mV-vt)/(15*ms) : volt
`;
const reset = `
v = 0*mV
vt += 3*mV
`;
const IF = new NeuronGroup(1, eqs, { reset, threshold: 'v>vt', method: 'exact' });
IF.vt = mV(10);
const PG = new PoissonGroup(1, Hz(500));

const C = new Synapses(PG, IF, '', { onPre: 'v += 3*mV' });
C.connect();

const Mv = new StateMonitor(IF, 'v', { record: true });
const Mvt = new StateMonitor(IF, 'vt', { record: true });
// Record the value of v when the threshold is crossed
const M_crossings = new SpikeMonitor(IF, { variables: 'v' });
run(scaled(second(2)), { report: 'text' });

const fig = figure({ cols: 2 });
fig.subplot(0, 0);
fig.plot(Mv.t.in(ms), Mv.v[0].in(mV));
fig.plot(Mvt.t.in(ms), Mvt.vt[0].in(mV));
fig.ylabel('v (mV)');
fig.xlabel('t (ms)');
// zoom in on the first 100ms
fig.xlim(0, 100);
fig.subplot(0, 1);
// matplotlib's hist(M_crossings.v / mV, bins=np.arange(10, 20, 0.5)): bar outlines
const edges = Array.from({ length: 20 }, (_, k) => 10 + 0.5 * k);
const counts = new Array<number>(edges.length - 1).fill(0);
for (const v of M_crossings.v.in(mV)) {
  const k = Math.floor((v - 10) / 0.5);
  // numpy's last bin is closed on the right
  if (k >= 0 && k < counts.length) counts[k]! += 1;
  else if (v === edges[edges.length - 1]) counts[counts.length - 1]! += 1;
}
const hx: number[] = [];
const hy: number[] = [];
counts.forEach((c, k) => {
  hx.push(edges[k]!, edges[k]!, edges[k + 1]!, edges[k + 1]!);
  hy.push(0, c, c, 0);
});
fig.plot(hx, hy, '-C0');
fig.xlabel('v at threshold crossing (mV)');
await fig.save('adaptive_threshold.png');
