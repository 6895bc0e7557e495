// Parallel runs: one neuron's decay v(t) (Euler) for ten values of tau, each simulation on a worker thread (Brian2: a Pool of standalone processes).
// Brian2 original: examples/multiprocessing/02_using_standalone.py
//
// Brian2 maps `run_sim` over a `multiprocessing.Pool(4)`; each process sets up its own C++
// standalone device and code folder (`standalone<pid>`) and calls `device.reinit()` between runs.
// brian-ts's way: this file exports the per-value `model`, and `sweep()` from 'brian-ts/sweep'
// runs it on worker threads (here 4), one fresh simulation per value, results in the grid's order.
// There is no standalone device to set up, name or reinit: each run compiles its generated code.
import { isMainThread } from 'node:worker_threads';
import { NeuronGroup, StateMonitor, figure, ms, run, second } from 'brian-ts';
import type { Quantity } from 'brian-ts';
import { sweep } from 'brian-ts/sweep';
import { scaled } from '../_duration.ts';

export const parameters = { tau: ms(10) };

/** One simulation: v(t) of a neuron decaying from 1 with time constant tau. */
export function model(p: { tau: Quantity }) {
  const G = new NeuronGroup(1, 'dv/dt = -v/tau : 1', { method: 'euler', namespace: { tau: p.tau } });
  G.v = 1;
  const mon = new StateMonitor(G, 'v', { record: 0 });
  run(scaled(ms(100)));
  return { t: mon.t, v: mon.v[0].values };
}

if (isMainThread && process.env.BRIAN_TS_NO_MAIN === undefined) {
  const tauValues = Array.from({ length: 10 }, (_, k) => ms(k + 5)); // np.arange(10)*ms + 5*ms
  const result = await sweep(new URL(import.meta.url), { tau: tauValues }, { workers: 4 });
  const fig = figure();
  for (const row of result.rows) {
    const { t, v } = result.arrays.get(row.index)!;
    fig.plot(t!.map((x) => x * 1000), v!, { label: String(second(row.params['tau']!)) });
  }
  fig.xlabel('t (ms)');
  fig.ylabel('v');
  fig.legend();
  await fig.save('02_using_standalone.png');
}
