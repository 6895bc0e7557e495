/**
 * Child of osr.test.ts: long per-step loops (LIF 10⁵ with threshold, reset and a spike monitor,
 * and a second group without threshold: the fused and the plain state-update forms) run in
 * JavaScript (exact kernels off) for a few hundred steps, under the parent's V8 trace flags.
 */
import { Network, NeuronGroup, SpikeMonitor, defaultclock, ms, prefs, seed } from '../../src/index.ts';

prefs.exactKernels = false;
prefs.threads = 1;
seed(7);
defaultclock.dt = ms(0.1);
const N = 100_000;
const G = new NeuronGroup(N, 'dv/dt = (v_inf - v)/tau : 1', { threshold: 'v > 1', reset: 'v = 0', method: 'exact', namespace: { tau: ms(10), v_inf: 1.1 } });
G.v = 'rand()';
const H = new NeuronGroup(N, 'du/dt = (0.5 - u)/tau : 1', { method: 'exact', namespace: { tau: ms(20) } });
const S = new SpikeMonitor(G, { record: false });
const net = new Network(G, H, S);
net.run(ms(40));
console.log(JSON.stringify({ spikes: S.numSpikes }));
