// Slope-threshold relationship with noisy inputs in the adaptive threshold model (Platkiewicz & Brette 2011, Fig. 5E,F).
// Brian2 original: examples/frompapers/Platkiewicz_Brette_2011.py
//
// Platkiewicz J, Brette R (2011). Impact of Fast Sodium Channel Inactivation on Spike Threshold
// Dynamics and Synaptic Integration. PLoS Comp Biol 7(5): e1001129. The threshold theta follows
// the membrane potential above Vi (sodium inactivation), so fast depolarizations meet a lower
// threshold. Left: v and theta of one neuron with its spikes; right: for every spike of the 200
// neurons, the threshold against the depolarization slope before it (a least-squares line over
// the last tauh), with the theoretical relation (solved numerically; Brian2 uses scipy's fsolve
// and linregress, written out here).
import { NeuronGroup, SpikeMonitor, StateMonitor, defaultclock, figure, linspace, mV, ms, run, second, startScope } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();
const N = 200; // 200 neurons to get more statistics, only one is shown
const duration = scaled(second(1));
// Biophysical parameters
const ENa = mV(60);
const EL = mV(-70);
const vT = mV(-55);
const Vi = mV(-63);
const tauh = ms(5);
const tau = ms(5);
const ka = mV(5);
const ki = mV(6);
const a = ka.div(ki).valueOf();
const tauI = ms(5);
const mu = mV(15);
const sigma = mV(6).div(tauI.div(tauI.plus(tau)).valueOf() ** 0.5);

// Theoretical prediction (approximation a = 1 + epsilon), in SI units
const thresh = (slope: number): number => Vi.value - slope * tauh.value * Math.log(1 + (Vi.value - vT.value / a) / (slope * tauh.value));
// Exact relation: the root of f(th) near the approximation (Newton's method; Brian2: scipy's fsolve)
function threshExact(s: number): number {
  const th0 = thresh(s);
  const T = tauh.value;
  const f = (th: number): number => a * s * T * Math.exp((Vi.value - th) / (s * T)) - th * (1 - a) - a * (s * T + Vi.value) + vT.value;
  const df = (th: number): number => -a * Math.exp((Vi.value - th) / (s * T)) - (1 - a);
  let th = th0;
  for (let k = 0; k < 50; k++) {
    const step = f(th) / df(th);
    th -= step;
    if (Math.abs(step) < 1e-15) break;
  }
  return th;
}

const eqs = `
dv/dt=(EL-v+mu+sigma*I)/tau : volt
dtheta/dt=(vT+a*clip(v-Vi, 0*mV, inf*mV)-theta)/tauh : volt
dI/dt=-I/tauI+(2/tauI)**.5*xi : 1 # Ornstein-Uhlenbeck
`;
export const neurons = new NeuronGroup(N, eqs, { threshold: 'v>theta', reset: 'v=EL', refractory: ms(5), namespace: { EL, mu, sigma, tau, vT, a, Vi, tauh, tauI } });
neurons.v = EL;
neurons.theta = vT;
neurons.I = 0;
export const S = new SpikeMonitor(neurons);
const M = new StateMonitor(neurons, 'v', { record: true });
const Mt = new StateMonitor(neurons, 'theta', { record: 0 });
run(duration, { report: 'text' });

// Linear regression gives the depolarization slope before each spike
const t = M.t_;
const dt = defaultclock.dt.value;
const window = Math.round(tauh.value / dt); // samples in (t - tauh, t)
export const slope: number[] = [];
export const threshold: number[] = [];
const v = M.get('v').values as Float64Array[];
S.i.forEach((i, k) => {
  const step = Math.round(S.t_[k]! / dt);
  const first = Math.max(0, step - window + 1);
  const ys = v[i]!.subarray(first, step); // (t - tauh, t): samples strictly before the spike
  if (ys.length < 2) return;
  // least squares of v (mV) on time (ms) from 0: linregress(tx[:len(mx)]/ms, mx/mV)
  const n = ys.length;
  let sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (let j = 0; j < n; j++) {
    const x = (t[j + 1]! * 1000);
    const y = ys[j]! * 1000;
    sx += x; sy += y; sxx += x * x; sxy += x * y;
  }
  slope.push((n * sxy - sx * sy) / (n * sxx - sx * sx));
  threshold.push(ys[n - 1]!);
});

// Figure
const fig = figure({ cols: 2, width: 1000, height: 400 });
const ax1 = fig.subplot(0, 0);
ax1.plot(M.t.in(ms), M.at(0).v!.in(mV), 'k');
ax1.plot(Mt.t.in(ms), Mt.at(0).theta!.in(mV), 'r');
// Display spikes on the trace
const spikes0 = Array.from(S.t_).filter((_, k) => S.i[k] === 0);
const v0 = v[0]!;
const atSpike = spikes0.map((ts) => v0[Math.round(ts / dt)]! * 1000);
ax1.vlines(spikes0.map((x) => x * 1000), atSpike, 0, { color: 'r' });
ax1.plot(spikes0.map((x) => x * 1000), atSpike, 'ro', { markerSize: 3 });
ax1.xlabel('Time (ms)').ylabel('Voltage (mV)').xlim(0, 500).ylim(-75, -35);
const ax2 = fig.subplot(0, 1);
ax2.plot(slope, threshold.map((x) => x * 1000), 'r.');
const sx = linspace(0.5, 4, 100); // mV/ms = V/s
ax2.plot(sx, Array.from(sx, (s) => threshExact(s) * 1000), 'k');
ax2.xlim(0.5, 4).xlabel('Depolarization slope (mV/ms)').ylabel('Threshold (mV)');
await fig.save('Platkiewicz_Brette_2011.png');
