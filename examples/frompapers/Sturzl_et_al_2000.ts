// Theory of arachnid prey localization (adapted from Stürzl, Kempter & van Hemmen, PRL 2000;
// Poisson inputs replaced by integrate-and-fire neurons; Romain Brette).
// Brian2 original: examples/frompapers/Sturzl_et_al_2000.py
//
// A scorpion's eight legs sense the surface wave of a prey at angle φ with delays set by the
// leg angles; each command neuron is excited by one leg and inhibited by the opposite ones.
// The population vector of the command neurons' spike counts estimates φ (polar plot: counts
// per leg, the true angle in green, the estimate in blue). The random phases of the wave's
// frequency components are drawn with `RandomState` (numpy's generator; Brian2 uses `rand()`).
import { startScope, defaultclock, NeuronGroup, Synapses, SpikeMonitor, TimedArray, RandomState, arange, run, ms, cm, meter, second, Hz, figure } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();
const degree = (2 * Math.PI) / 360;
const duration = scaled(ms(500));
const R = cm(2.5); // radius of scorpion
const vr = meter(50).div(second(1)); // Rayleigh wave speed
const phi = 144 * degree; // angle of prey
const deltaI = ms(0.7); // inhibitory delay
const gamma = arange(8).map((k) => (22.5 + 45 * k) * degree); // leg angle
const delay = gamma.map((g) => R.div(vr).in(second) * (1 - Math.cos(phi - g))); // wave delay (s)

// Wave (vector w)
const dt = defaultclock.dt.in(second);
const time = arange(Math.trunc(duration.in(second) / dt) + 1).map((k) => k * dt);
const rng = new RandomState(2000);
let Dtot = 0;
const w = new Float64Array(time.length);
for (let f = 150; f <= 450; f++) {
  const D = Math.exp(-((f - 300) ** 2) / (2 * 50 ** 2));
  const randAngle = 2 * Math.PI * rng.random();
  for (let k = 0; k < time.length; k++) w[k] = w[k]! + 100 * D * Math.cos(2 * Math.PI * f * time[k]! + randAngle);
  Dtot += D;
}
const rates = new TimedArray(w.map((x) => (0.01 * x) / Dtot), defaultclock.dt);

// Leg mechanical receptors
const tau_legs = ms(1);
const sigma = 0.01;
const eqs_legs = `
dv/dt = (1 + rates(t - d) - v)/tau_legs + sigma*(2./tau_legs)**.5*xi:1
d : second
`;
const legs = new NeuronGroup(8, eqs_legs, { threshold: 'v > 1', reset: 'v = 0', refractory: ms(1), method: 'euler', namespace: { rates, tau_legs, sigma } });
legs.d = second(delay);
const spikes_legs = new SpikeMonitor(legs); // Brian2 records them too (unused in its plot)
void spikes_legs;

// Command neurons
const tau = ms(1);
const taus = ms(1.001);
const wex = 7;
const winh = -2;
const eqs_neuron = `
dv/dt = (x - v)/tau : 1
dx/dt = (y - x)/taus : 1 # alpha currents
dy/dt = -y/taus : 1
`;
const neurons = new NeuronGroup(8, eqs_neuron, { threshold: 'v>1', reset: 'v=0', method: 'exact', namespace: { tau, taus } });
const synapses_ex = new Synapses(legs, neurons, undefined, { onPre: 'y+=wex', namespace: { wex } });
synapses_ex.connect({ j: 'i' });
const synapses_inh = new Synapses(legs, neurons, undefined, { onPre: 'y+=winh', delay: deltaI, namespace: { winh } });
synapses_inh.connect({ condition: 'abs(((j - i) % N_post) - N_post/2) <= 1' });
const spikes = new SpikeMonitor(neurons);

run(duration, { report: 'text' });

const nspikes = Array.from(spikes.count);
// The population vector's angle: imag(log(sum(n * exp(i γ)))) = atan2(Σ n sin γ, Σ n cos γ)
const phi_est = Math.atan2(
  nspikes.reduce((a, n, k) => a + n * Math.sin(gamma[k]!), 0),
  nspikes.reduce((a, n, k) => a + n * Math.cos(gamma[k]!), 0),
);
console.log(`True angle (deg): ${(phi / degree).toFixed(2)}`);
console.log(`Estimated angle (deg): ${(phi_est / degree).toFixed(2)}`);
const T = duration.in(second);
const fig = figure({ width: 480, height: 480 });
fig.subplot(0, 0, { projection: 'polar' })
  .plot([...gamma, gamma[0]! + 2 * Math.PI], [...nspikes, nspikes[0]!].map((n) => n / T), { color: 'k' })
  .axvline(phi, { lineStyle: '-', color: 'g' })
  .axvline(phi_est, { lineStyle: '-', color: 'b' });
void Hz;
await fig.save('Sturzl_et_al_2000.png');
