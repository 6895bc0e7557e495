// A network of 1000 randomly coupled Izhikevich neurons (Izhikevich 2003, Fig. 3): rhythmic activity.
// Brian2 original: examples/frompapers/Izhikevich_2003.py
//
// Izhikevich, E. M. Simple Model of Spiking Neurons. IEEE Transactions on Neural Networks 14(6),
// 1569–1572 (2003). Based on net.m by Eugene M. Izhikevich
// (http://izhikevich.org/publications/spikes.htm); Brian2 port by Akif Erdem Sağtekin and
// Sebastian Schmitt, 2022.
//
// Saves Izhikevich_2003.png: the raster of all 1000 neurons above the membrane potential of
// neuron 0. A shortened run (BRIAN_TS_DURATION_SCALE) scales tfinal.
import { defaultclock, NeuronGroup, RandomState, Synapses, SpikeMonitor, StateMonitor, run, ms, figure } from 'brian-ts';
import { scaled } from '../_duration.ts';

const tfinal = scaled(ms(1000));
const Ne = 800;
const Ni = 200;

// numpy's generator (Brian2's example leaves it unseeded; seeded here for a reproducible figure):
// the same draws, in the same order, as np.random.seed(2003) would give Brian2's example.
const rng = new RandomState(2003);
const re = rng.uniform(0, 1, Ne);
const ri = rng.uniform(0, 1, Ni);
// weights = hstack([0.5*U(Ne+Ni, Ne), -U(Ne+Ni, Ni)]).T: weights[i, j] for source i, target j
const excWeights = rng.rand((Ne + Ni) * Ne); // row j, column i
const inhWeights = rng.rand((Ne + Ni) * Ni); // row j, column i - Ne

defaultclock.dt = ms(1);

const eqs = `dv/dt = (0.04*v**2 + 5*v + 140 - u + I + I_noise )/ms : 1
         du/dt = (a*(b*v - u))/ms  : 1
         I : 1
         I_noise : 1
         a : 1
         b : 1
         c : 1
         d : 1
       `;

const N = new NeuronGroup(Ne + Ni, eqs, { threshold: 'v>=30', reset: 'v=c; u+=d', method: 'euler' });
N.v = -65;

const N_exc = N.slice(0, Ne);
const N_inh = N.slice(Ne, Ne + Ni);

const spikemon = new SpikeMonitor(N);
const statemon = new StateMonitor(N, 'v', { record: 0, when: 'after_thresholds' });
N_exc.a = 0.02;
N_exc.b = 0.2;
N_exc.c = re.map((r) => -65 + 15 * r ** 2);
N_exc.d = re.map((r) => 8 - 6 * r ** 2);

N_inh.a = ri.map((r) => 0.02 + 0.08 * r);
N_inh.b = ri.map((r) => 0.25 - 0.05 * r);
N_inh.c = -65;
N_inh.d = 2;

N_exc.u = 'b*v';
N_inh.u = 'b*v';

const S = new Synapses(N, N, 'w : 1', {
  onPre: { up: 'I += w', down: 'I -= w' },
  delay: { up: ms(0), down: ms(1) },
});
S.connect();
// Brian2: S.w[:] = weights.flatten(), in the (i, j) order of connect()
const targets = S.state('j').values;
S.w = Float64Array.from(S.state('i').values, (i, k) => {
  const j = targets[k]!;
  return i < Ne ? 0.5 * excWeights[j * Ne + i]! : -inhWeights[j * Ni + (i - Ne)]!;
});

N_exc.runRegularly('I_noise = 5*randn()', { dt: ms(1) });
N_inh.runRegularly('I_noise = 2*randn()', { dt: ms(1) });

run(tfinal);

const tEnd = tfinal.in(ms);
// Brian2: height ratios 3:1, shared x axis, despined; brian-ts's rows are equal.
const fig = figure({ width: 640, height: 640, rows: 2 });
const ax = fig.subplot(0, 0);
ax.scatter(spikemon.t.in(ms), spikemon.i, { marker: 's', color: 'black', size: 4 }); // Brian2: '_' markers, s=10
ax.plot([0, tEnd], [Ne, Ne], 'k'); // axhline(Ne)
ax.xlim(0, tEnd);
ax.ylim(0, Ne + Ni);
ax.ylabel('neuron number');
// Brian2 also writes 'inhibitory' / 'excitatory' on the panel; brian-ts has no text annotations,
// so the panel title names the two populations instead.
ax.title('excitatory (0–799) | inhibitory (800–999)');

const ax_voltage = fig.subplot(1, 0);
ax_voltage.plot(statemon.t.in(ms), statemon.get('v')[0].values.map((v: number) => Math.min(v, 30)), 'k', { label: 'v₁(t)' });
ax_voltage.xlim(0, tEnd);
ax_voltage.xlabel('time, ms');
ax_voltage.legend();

await fig.save('Izhikevich_2003.png');
