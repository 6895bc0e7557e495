/**
 * Question: how fast does brian-ts run Brian2's STDP example (Song, Miller & Abbott 2000: N = 1000
 * Poisson inputs at 15 Hz onto one neuron, all-to-one plastic synapses with event-driven pre/post
 * traces and clip) against Brian2 numpy / cython / cpp_standalone? In Brian2 C++ the Poisson
 * draws dominate (≈ 73 %); per-step overhead matters.
 * Brian2 side: ./brian2/stdp.py (../shared/bench-ref/stdp.py plus bytes per synapse).
 * Run: node --import tsx bench/synapses/stdp.bench.ts [duration_s=100] [N=1000]
 */
import { Hz, ms, mV, NeuronGroup, PoissonGroup, second, seed, SpikeMonitor, StateMonitor, Synapses } from 'brian-ts';
import { runChild, runMatrix, timed } from './harness.ts';

if (process.argv[2] === '--child') {
  const durationS = Number(process.argv[3]);
  const N = Number(process.argv[4]);
  runChild('stdp', () => {
    seed(12345);
    const gmax = 0.01;
    const namespace = {
      taum: ms(10), taupre: ms(20), taupost: ms(20), Ee: mV(0), vt: mV(-54), vr: mV(-60), El: mV(-74),
      taue: ms(5), F: Hz(15), gmax, dApre: 0.01 * gmax, dApost: -0.01 * 1.05 * gmax,
    };
    const input = new PoissonGroup(N, { rates: 'F', namespace });
    const neurons = new NeuronGroup(1, `
dv/dt = (ge * (Ee-v) + El - v) / taum : volt
dge/dt = -ge / taue : 1
`, { threshold: 'v>vt', reset: 'v = vr', method: 'euler', namespace });
    const S = new Synapses(input, neurons, `
w : 1
dApre/dt = -Apre / taupre : 1 (event-driven)
dApost/dt = -Apost / taupost : 1 (event-driven)
`, {
      onPre: `ge += w
Apre += dApre
w = clip(w + Apost, 0, gmax)`,
      onPost: `Apost += dApost
w = clip(w + Apre, 0, gmax)`,
      namespace,
    });
    const connectS = timed(() => S.connect());
    S.w = 'rand() * gmax';
    const mon = new StateMonitor(S, 'w', { record: [0, 1] });
    const sMon = new SpikeMonitor(input);
    const postMon = new SpikeMonitor(neurons);
    return {
      objects: [input, neurons, S, mon, sMon, postMon],
      synapses: [S],
      connectS,
      result: () => {
        const pre = sMon.numSpikes;
        const post = postMon.numSpikes;
        const w = S.w.values as ArrayLike<number>;
        let sum = 0;
        let above = 0;
        for (let k = 0; k < w.length; k++) {
          sum += w[k]! / gmax;
          if (w[k]! / gmax > 0.5) above++;
        }
        return { N: N + 1, duration_s: durationS, synapses: S.N, spikes: pre + post, pre_spikes: pre, post_spikes: post, syn_events: pre + post * N, final_w_mean: sum / w.length, final_w_frac_gt_half: above / w.length };
      },
    };
  }, second(durationS));
} else {
  const durationS = process.argv[2] ?? '100';
  const N = process.argv[3] ?? '1000';
  runMatrix({ benchFile: import.meta.url, model: 'stdp', script: 'stdp.py', title: `STDP, ${N} Poisson inputs → 1 neuron, ${durationS} s, dt = 0.1 ms`, tsArgs: [durationS, N], pyArgs: [durationS, N] });
}
