/**
 * Question: how fast does brian-ts run Brian2's CUBA example (Brette et al. 2007 benchmark 2:
 * 4000 LIF neurons, exact integration, 80/20 exc/inh current synapses, p = 0.02, 1 s) against
 * Brian2 numpy / cython / cpp_standalone, and how many bytes does it store per synapse?
 * Brian2 side: ./brian2/cuba.py (../shared/bench-ref/cuba.py plus bytes per synapse).
 * Run: node --import tsx bench/synapses/cuba.bench.ts [duration_s=1] [N=4000]
 */
import { ms, mV, NeuronGroup, second, seed, SpikeMonitor, Synapses } from 'brian-ts';
import { runChild, runMatrix, timed } from './harness.ts';

if (process.argv[2] === '--child') {
  const durationS = Number(process.argv[3]);
  const N = Number(process.argv[4]);
  runChild('cuba', () => {
    seed(12345);
    const Ne = Math.trunc(0.8 * N);
    const namespace = { taum: ms(20), taue: ms(5), taui: ms(10), Vt: mV(-50), Vr: mV(-60), El: mV(-49), we: mV((60 * 0.27) / 10), wi: mV((-20 * 4.5) / 10), Ne };
    const P = new NeuronGroup(N, `
dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
dge/dt = -ge/taue : volt
dgi/dt = -gi/taui : volt
`, { threshold: 'v>Vt', reset: 'v = Vr', refractory: ms(5), method: 'exact', namespace });
    P.v = 'Vr + rand() * (Vt - Vr)';
    const Ce = new Synapses(P, P, '', { onPre: 'ge += we', namespace });
    const Ci = new Synapses(P, P, '', { onPre: 'gi += wi', namespace });
    const connectS = timed(() => {
      Ce.connect({ condition: 'i<Ne', p: 0.02 });
      Ci.connect({ condition: 'i>=Ne', p: 0.02 });
    });
    const M = new SpikeMonitor(P, { record: false });
    return {
      objects: [P, Ce, Ci, M],
      synapses: [Ce, Ci],
      connectS,
      result: () => {
        const count = M.count;
        const oe = Ce.N_outgoing_pre;
        const oi = Ci.N_outgoing_pre;
        let events = 0;
        for (let k = 0; k < N; k++) events += count[k]! * (oe[k]! + oi[k]!);
        return { N, duration_s: durationS, synapses: Ce.N + Ci.N, spikes: M.numSpikes, syn_events: events };
      },
    };
  }, second(durationS));
} else {
  const durationS = process.argv[2] ?? '1';
  const N = process.argv[3] ?? '4000';
  runMatrix({ benchFile: import.meta.url, model: 'cuba', script: 'cuba.py', title: `CUBA, N = ${N}, p = 0.02, ${durationS} s, dt = 0.1 ms`, tsArgs: [durationS, N], pyArgs: [durationS, N] });
}
