// Brunel & Hakim (1999), Brian2's frompapers example, shrunk for a sweep (N = 1000, C = 100,
// 100 ms): sparsely connected inhibitory LIF neurons driven by noisy input of mean `muext` and
// amplitude `sigmaext`. The model function of bench/sweep/sweep.bench.ts and the README's sweep.
import { NeuronGroup, PopulationRateMonitor, SpikeMonitor, Synapses, Hz, ms, mV, run } from 'brian-ts';
import type { Quantity } from 'brian-ts';

export const parameters = { muext: mV(25), sigmaext: mV(1) };

export function model(p: { muext: Quantity; sigmaext: Quantity }) {
  const N = 1000;
  const namespace = { muext: p.muext, sigmaext: p.sigmaext, tau: ms(20), theta: mV(20), Vr: mV(10), J: mV(0.1) };
  const group = new NeuronGroup(N, 'dV/dt = (-V + muext + sigmaext*sqrt(tau)*xi)/tau : volt', {
    threshold: 'V > theta',
    reset: 'V = Vr',
    refractory: ms(2),
    method: 'euler',
    namespace,
  });
  group.V = mV(10);
  const conn = new Synapses(group, group, '', { onPre: 'V += -J', delay: ms(2), namespace });
  conn.connect({ p: 0.1 });
  const spikes = new SpikeMonitor(group, { record: false });
  const lfp = new PopulationRateMonitor(group);
  run(ms(100));
  return { rate: Hz(spikes.numSpikes / N / 0.1), spikes: spikes.numSpikes, lfp: lfp.rate };
}
