// Several independent runs: the firing rate of a neuron driven by 100 Poisson inputs, against its membrane time constant tau (1 to 15 ms).
// Brian2 original: examples/standalone/standalone_multiplerun.py (from Brian2's tutorial part 3)
//
// Brian2 runs the 15 simulations one after the other in C++ standalone mode, calling
// `device.reinit()` and `device.activate()` before each. brian-ts's way: `sweep()` from
// 'brian-ts/sweep' over a grid of tau, one fresh, seeded simulation per value on worker threads
// (the same results for any number of workers).
import { isMainThread } from 'node:worker_threads';
import { Hz, Network, NeuronGroup, PoissonGroup, SpikeMonitor, Synapses, figure, ms, second } from 'brian-ts';
import type { Quantity } from 'brian-ts';
import { sweep } from 'brian-ts/sweep';
import { scaled } from '../_duration.ts';

const numInputs = 100;
const inputRate = Hz(10);
const weight = 0.1;
export const parameters = { tau: ms(10) };

/** One simulation; returns the output firing rate. */
export function model(p: { tau: Quantity }) {
  const net = new Network();
  const P = new PoissonGroup(numInputs, inputRate);
  const G = new NeuronGroup(1, 'dv/dt = -v/tau : 1', { threshold: 'v>1', reset: 'v=0', method: 'euler', namespace: { tau: p.tau } });
  const S = new Synapses(P, G, '', { onPre: 'v += weight', namespace: { weight } });
  S.connect();
  const M = new SpikeMonitor(G);
  net.add(P, G, S, M);
  const duration = scaled(ms(1000));
  net.run(duration);
  return { rate: Hz(M.numSpikes / duration.in(second)) };
}

if (isMainThread && process.env.BRIAN_TS_NO_MAIN === undefined) {
  const started = performance.now();
  const npoints = 15;
  const tauRange = Array.from({ length: npoints }, (_, k) => ms(1 + k)); // np.linspace(1, 15, npoints)*ms
  const result = await sweep(new URL(import.meta.url), { tau: tauRange }, { seed: 3 });
  console.log(`Done in ${((performance.now() - started) / 1000).toFixed(2)} s`);
  const fig = figure();
  fig.plot(
    result.rows.map((r) => r.params['tau']! * 1000),
    result.rows.map((r) => r.values['rate']!),
  );
  fig.xlabel('τ (ms)');
  fig.ylabel('Firing rate (sp/s)');
  await fig.save('standalone_multiplerun.png');
}
