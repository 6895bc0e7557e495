/**
 * Question: how fast does brian-ts run Brian2's frompapers/Brunel_2000 example (panel B: N_E =
 * 10000·scale, N_I = N_E/4, p = 0.1, 1.5 ms homogeneous delay, 1 s) against Brian2 numpy / cython /
 * cpp_standalone, and how many bytes per synapse does it hold (15.6 M synapses at scale 1)?
 * The external drive is a PoissonInput (C_ext inputs at ν_ext onto v, weight J), as Brian2's.
 * Brian2 side: ./brian2/brunel.py.
 * Run: node --import tsx bench/synapses/brunel.bench.ts [duration_s=1] [scale=1]
 */
import { Hz, ms, mV, NeuronGroup, PoissonInput, PopulationRateMonitor, second, seed, SpikeMonitor, Synapses } from 'brian-ts';
import { runChild, runMatrix, timed } from './harness.ts';

if (process.argv[2] === '--child') {
  const durationS = Number(process.argv[3]);
  const scale = Number(process.argv[4]);
  runChild('brunel', () => {
    seed(12345);
    const N_E = Math.round(10000 * scale);
    const N_I = Math.round(0.25 * N_E);
    const N = N_E + N_I;
    const epsilon = 0.1;
    const C_E = epsilon * N_E;
    const C_ext = Math.trunc(C_E);
    const g = 6;
    const J = 0.1e-3;
    const nuThr = 20e-3 / (J * C_E * 20e-3);
    const nuExt = 4 * nuThr;
    const namespace = { tau: ms(20), theta: mV(20), V_r: mV(10), J: mV(0.1), g };
    const neurons = new NeuronGroup(N, 'dv/dt = -v/tau : volt (unless refractory)', { threshold: 'v > theta', reset: 'v = V_r', refractory: ms(2), method: 'exact', namespace });
    const exc = new Synapses(neurons.slice(0, N_E), neurons, '', { onPre: 'v += J', delay: ms(1.5), namespace });
    const inh = new Synapses(neurons.slice(N_E, N), neurons, '', { onPre: 'v += -g*J', delay: ms(1.5), namespace });
    const connectS = timed(() => {
      exc.connect({ p: epsilon });
      inh.connect({ p: epsilon });
    });
    const drive = new PoissonInput(neurons, 'v', C_ext, Hz(nuExt), mV(0.1));
    // The monitors of Brian2's example (as in ./brian2/brunel.py), plus the count-only one.
    const rateMonitor = new PopulationRateMonitor(neurons);
    const spikeMonitor = new SpikeMonitor(neurons.slice(0, 50));
    const M = new SpikeMonitor(neurons, { record: false });
    return {
      objects: [neurons, exc, inh, drive, rateMonitor, spikeMonitor, M],
      synapses: [exc, inh],
      connectS,
      result: () => {
        const count = M.count;
        const oe = exc.N_outgoing_pre;
        const oi = inh.N_outgoing_pre;
        let events = 0;
        for (let k = 0; k < N_E; k++) events += count[k]! * oe[k]!;
        for (let k = N_E; k < N; k++) events += count[k]! * oi[k - N_E]!;
        return { N, duration_s: durationS, synapses: exc.N + inh.N, spikes: M.numSpikes, mean_rate_hz: M.numSpikes / N / durationS, syn_events: events };
      },
    };
  }, second(durationS));
} else {
  const durationS = process.argv[2] ?? '1';
  const scale = process.argv[3] ?? '1';
  runMatrix({ benchFile: import.meta.url, model: 'brunel', script: 'brunel.py', title: `Brunel 2000 panel B, scale ${scale}, ${durationS} s, dt = 0.1 ms`, tsArgs: [durationS, scale], pyArgs: [durationS, scale, 'B'] });
}
