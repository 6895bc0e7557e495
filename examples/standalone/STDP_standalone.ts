// Spike-timing dependent plasticity (Song, Miller & Abbott 2000), the standalone-mode version of synapses/STDP: 1000 Poisson inputs onto one neuron for 100 s.
// Brian2 original: examples/standalone/STDP_standalone.py
//
// Adapted from Song, Miller and Abbott (2000) and Song and Abbott (2001). Brian2 writes this model
// as a C++ standalone project (directory STDP_standalone) and compiles it; brian-ts runs the same
// model directly (its generated code is compiled per run), so the port equals synapses/STDP.ts.
import { startScope, PoissonGroup, NeuronGroup, Synapses, StateMonitor, SpikeMonitor, run, ms, mV, Hz, second, figure } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();
const N = 1000;
const taum = ms(10);
const taupre = ms(20);
const taupost = taupre;
const Ee = mV(0);
const vt = mV(-54);
const vr = mV(-60);
const El = mV(-74);
const taue = ms(5);
const F = Hz(15);
const gmax = 0.01;
let dApre = 0.01;
let dApost = (-dApre * taupre.div(taupost).valueOf()) * 1.05;
dApost *= gmax;
dApre *= gmax;
const namespace = { taum, taupre, taupost, Ee, vt, vr, El, taue, gmax, dApre, dApost };

const eqsNeurons = `
dv/dt = (ge * (Ee-v) + El - v) / taum : volt
dge/dt = -ge / taue : 1
`;

const poissonInput = new PoissonGroup(N, F);
const neurons = new NeuronGroup(1, eqsNeurons, { threshold: 'v>vt', reset: 'v = vr', method: 'euler', namespace });
export const S = new Synapses(poissonInput, neurons, `w : 1
dApre/dt = -Apre / taupre : 1 (event-driven)
dApost/dt = -Apost / taupost : 1 (event-driven)`, {
  onPre: `ge += w
Apre += dApre
w = clip(w + Apost, 0, gmax)`,
  onPost: `Apost += dApost
w = clip(w + Apre, 0, gmax)`,
  namespace,
});
S.connect();
S.w = 'rand() * gmax';
const mon = new StateMonitor(S, 'w', { record: [0, 1] });
export const s_mon = new SpikeMonitor(poissonInput); // recorded as in Brian2's example (not plotted)

run(scaled(second(100)), { report: 'text' });

const w = Float64Array.from(S.w.values as Float64Array, (x) => x / gmax);
const fig = figure({ rows: 3, height: 720 });
fig.subplot(0, 0);
fig.plot(w, '.k');
fig.ylabel('Weight / gmax');
fig.xlabel('Synapse index');
fig.subplot(1, 0);
hist(w, 20);
fig.xlabel('Weight / gmax');
fig.subplot(2, 0);
for (const trace of mon.w) fig.plot(mon.t.in(second), trace.values.map((x: number) => x / gmax));
fig.xlabel('Time (s)');
fig.ylabel('Weight / gmax');
await fig.save('STDP_standalone.png');

/** matplotlib's hist(values, bins): equal bins over the data's range, drawn as bar outlines. */
function hist(values: Float64Array, bins: number): void {
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.floor(((v - lo) / (hi - lo)) * bins))]! += 1;
  const xs = [lo];
  const ys = [0];
  counts.forEach((c, k) => {
    const left = lo + ((hi - lo) * k) / bins;
    const right = lo + ((hi - lo) * (k + 1)) / bins;
    xs.push(left, right, right);
    ys.push(c, c, 0);
  });
  fig.plot(xs, ys, '-');
}
