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
import { cm, ms, msiemens, mV, nS, NeuronGroup, second, seed, siemens, SpikeMonitor, StateMonitor, Synapses, ufarad, umetre } from 'brian-ts';
import type { Quantity } from 'brian-ts';
import { runChild, runMatrix, timed } from './harness.ts';
import { COBAHH as EQS } from '../models/cobahh.ts';


if (process.argv[2] === '--child') {
  const durationS = Number(process.argv[3]);
  const N = Number(process.argv[4]);
  const synapses = process.env['COBAHH_SYNAPSES'] ?? 'usual';
  if (!['usual', 'none', 'zero'].includes(synapses)) throw new Error(`COBAHH_SYNAPSES: 'none' or 'zero', got '${synapses}'`);
  runChild('cobahh', () => {
    seed(12345);
    const area = umetre(1).times(umetre(1)).times(20000) as Quantity;
    const perCm2 = (q: Quantity): Quantity => q.div(cm(1).times(cm(1))).times(area) as Quantity;
    const namespace = {
      Cm: perCm2(ufarad(1)), gl: perCm2(siemens(5e-5)), El: mV(-60), EK: mV(-90), ENa: mV(50),
      g_na: perCm2(msiemens(100)), g_kd: perCm2(msiemens(30)), VT: mV(-63), taue: ms(5), taui: ms(10),
      Ee: mV(0), Ei: mV(-80), we: nS(synapses === 'zero' ? 0 : 6), wi: nS(synapses === 'zero' ? 0 : 67),
    };
    const P = new NeuronGroup(N, EQS, { threshold: 'v>-20*mV', refractory: ms(3), method: 'exponential_euler', namespace });
    const Ne = Math.trunc(0.8 * N);
    const Pe = P.slice(0, Ne);
    const Pi = P.slice(Ne, N);
    const Ce = new Synapses(Pe, P, '', { onPre: 'ge+=we', namespace });
    const Ci = new Synapses(Pi, P, '', { onPre: 'gi+=wi', namespace });
    const connectS = timed(() => {
      Ce.connect({ p: synapses === 'none' ? 0 : 0.02 });
      Ci.connect({ p: synapses === 'none' ? 0 : 0.02 });
    });
    P.v = 'El + (randn() * 5 - 5)*mV';
    P.ge = '(randn() * 1.5 + 4) * 10.*nS';
    P.gi = '(randn() * 12 + 20) * 10.*nS';
    const trace = new StateMonitor(P, 'v', { record: [1, 10, 100] });
    const M = new SpikeMonitor(P, { record: false });
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
