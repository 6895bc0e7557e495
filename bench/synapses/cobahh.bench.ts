/**
 * Question: how fast does brian-ts run Brian2's COBAHH example (Brette et al. 2007 benchmark 3:
 * 4000 Hodgkin–Huxley neurons, exponential Euler, conductance synapses, p = 0.02, 1 s) against
 * Brian2 numpy / cython / cpp_standalone? The state update dominates (≈ 97 % in Brian2 C++).
 * Brian2 side: ./brian2/cobahh.py (../shared/bench-ref/cobahh.py plus bytes per synapse).
 * Run: node --import tsx bench/synapses/cobahh.bench.ts [duration_s=1] [N=4000]
 * Child probes (session 10, s10-cobahh): COBAHH_SYNAPSES=none connects nothing (uncoupled HH neurons),
 * COBAHH_SYNAPSES=zero connects as usual with we = wi = 0 (the same neuron dynamics as `none` —
 * ge + 0 = ge — with every delivery still made): which per-element cost comes from the deliveries.
 */
import { second } from 'brian-ts';
import { runChild, runMatrix, timed } from './harness.ts';
import { cobahhNetwork } from '../models/cobahh.ts';

if (process.argv[2] === '--child') {
  const durationS = Number(process.argv[3]);
  const N = Number(process.argv[4]);
  const synapses = process.env['COBAHH_SYNAPSES'] ?? 'usual';
  if (!['usual', 'none', 'zero'].includes(synapses)) throw new Error(`COBAHH_SYNAPSES: 'none' or 'zero', got '${synapses}'`);
  runChild('cobahh', () => {
    let connectS = 0;
    const { P, Ce, Ci, Ne, trace, M } = cobahhNetwork(N, {
      weights: synapses === 'zero' ? [0, 0] : [6, 67],
      p: synapses === 'none' ? 0 : 0.02,
      connect: (connect) => (connectS = timed(connect)),
    });
    return {
      objects: [P, Ce, Ci, trace, M],
      synapses: [Ce, Ci],
      connectS,
      result: () => {
        const count = M.count;
        const oe = Ce.N_outgoing_pre;
        const oi = Ci.N_outgoing_pre;
        let events = 0;
        for (let k = 0; k < Ne; k++) events += count[k]! * oe[k]!;
        for (let k = Ne; k < N; k++) events += count[k]! * oi[k - Ne]!;
        return { N, duration_s: durationS, synapses: Ce.N + Ci.N, spikes: M.numSpikes, syn_events: events };
      },
    };
  }, second(durationS));
} else {
  const durationS = process.argv[2] ?? '1';
  const N = process.argv[3] ?? '4000';
  runMatrix({ benchFile: import.meta.url, model: 'cobahh', script: 'cobahh.py', title: `COBAHH, N = ${N}, p = 0.02, ${durationS} s, dt = 0.1 ms`, tsArgs: [durationS, N], pyArgs: [durationS, N] });
}
