// Turning an expensive `Synapses.connect` into cheap ones with a mathematical trick.
// Brian2 original: examples/synapses/efficient_gaussian_connectivity.py
//
// Connecting with the Gaussian probability p = exp(-α(i-j)²) evaluates p for all N² pairs
// ("Naive"). With a cutoff q, only |i-j| < w = sqrt(-log(q)/α) needs to be searched ("Limited",
// not exact). "Divided" is exact: inside the window as Limited; outside it, a synapse needs two
// events with probabilities p(w) and p(i-j)/p(w), the first of which does not depend on i or j,
// so `sample(…, p=pmax)` generates the candidates. The timings of the three are plotted.
// Brian2 times N up to 20,000 with 3 to 300 repeats; here N goes up to 10,000 with 1 to 10
// repeats (the gallery build must stay within its time limit); a shortened run
// (BRIAN_TS_DURATION_SCALE < 1) uses N up to 1000 and one repeat.
import { startScope, NeuronGroup, Synapses, figure } from 'brian-ts';
import { durationScale } from '../_duration.ts';

function network(N: number): Synapses {
  startScope();
  const G = new NeuronGroup(N, 'v:1', { threshold: 'v>1', name: 'G' });
  return new Synapses(G, G, undefined, { onPre: 'v += 1', name: 'S' });
}

export function naive(N: number): Synapses {
  const S = network(N);
  S.connect({ p: 'exp(-0.1*(i-j)**2)' });
  return S;
}

export function limited(N: number, q = 0.001): Synapses {
  const S = network(N);
  const w = Math.ceil(Math.sqrt(Math.log(q) / -0.1));
  // w is written into the string, as Brian2 reads it from the calling frame.
  S.connect({ j: `k for k in range(i-${w}, i+${w}) if rand()<exp(-0.1*(i-j)**2)`, skipIfInvalid: true });
  return S;
}

export function divided(N: number, q = 0.001): Synapses {
  const S = network(N);
  const w = Math.ceil(Math.sqrt(Math.log(q) / -0.1));
  // w is written into the string, as Brian2 reads it from the calling frame.
  S.connect({ j: `k for k in range(i-${w}, i+${w}) if rand()<exp(-0.1*(i-j)**2)`, skipIfInvalid: true });
  const pmax = Math.exp(-0.1 * w ** 2);
  S.connect({ j: `k for k in sample(0, i-${w}, p=pmax) if rand()<exp(-0.1*(i-j)**2)/pmax`, skipIfInvalid: true, namespace: { pmax } });
  S.connect({ j: `k for k in sample(i+${w}, N_post, p=pmax) if rand()<exp(-0.1*(i-j)**2)/pmax`, skipIfInvalid: true, namespace: { pmax } });
  return S;
}

function repeatedRun(f: (N: number) => Synapses, N: number, repeats: number): number {
  const start = performance.now();
  for (let k = 0; k < repeats; k++) f(N);
  return (performance.now() - start) / 1000 / repeats;
}

const short = durationScale < 1;
const Ns = short ? [100, 500, 1000] : [100, 500, 1000, 5000, 10000];
const repeats = short ? [1, 1, 1] : [10, 3, 3, 1, 1];
naive(10);
limited(10);
divided(10);
const fig = figure();
for (const [label, f] of [['Naive', naive], ['Limited', limited], ['Divided', divided]] as const) {
  console.log(`Starting ${label.toLowerCase()}`);
  fig.plot(Ns, Ns.map((n, k) => repeatedRun(f, n, repeats[k]!)), { label, lineWidth: 2 });
}
fig.xscale('log').yscale('log').xlabel('N').ylabel('Time (s)').legend({ loc: 'best' });
await fig.save('efficient_gaussian_connectivity.png');
