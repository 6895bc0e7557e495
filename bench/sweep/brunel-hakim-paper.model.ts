// Brunel & Hakim (1999) at the size of Brian2's frompapers example (examples/frompapers/
// Brunel_Hakim_1999.py): N = 5000, C = 1000 (p = 0.2), 100 ms, its own constants; swept over
// `muext` and `sigmaext` by bench/sweep/sweep.bench.ts --size paper. The spike monitor counts
// without recording (as the shrunk ./brunel-hakim.model.ts and the Brian2 script do).
import { NeuronGroup, PopulationRateMonitor, SpikeMonitor, Synapses, Hz, ms, mV, run } from 'brian-ts';
import type { Quantity } from 'brian-ts';

export const parameters = { muext: mV(25), sigmaext: mV(1) };

export function model(p: { muext: Quantity; sigmaext: Quantity }) {
  const N = 5000;
  const C = 1000;
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
  conn.connect({ p: C / N });
  const spikes = new SpikeMonitor(group, { record: false });
  const lfp = new PopulationRateMonitor(group);
  run(ms(100));
  return { rate: Hz(spikes.numSpikes / N / 0.1), spikes: spikes.numSpikes, lfp: lfp.rate };
}
