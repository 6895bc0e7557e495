/**
 * The model that deopt-loops.test.ts runs in a child process under `--trace-deopt`: two summed
 * variables over 40,000 synapses each (one method, two generated kernels it calls) and spike
 * queues that count 40,000 synapses per source pass, for 1000 steps. Shapes that made V8
 * deoptimise one function at every call (session 13).
 */
import { NeuronGroup, Synapses, ms, run, seed, startScope } from 'brian-ts';

startScope();
seed(1);
const G = new NeuronGroup(200, 'dv/dt = -v/(10*ms) + 0.11/ms : 1\ny1 : 1\ny2 : 1', { threshold: 'v > 1', reset: 'v = 0', method: 'euler' });
const S1 = new Synapses(G, G, 'w : 1\ny1_post = w : 1 (summed)', { onPre: 'v_post += 0.001' });
S1.connect({ p: 1 });
S1.w = 'rand()';
const S2 = new Synapses(G, G, 'w : 1\ny2_post = 2*w : 1 (summed)', { onPre: 'v_post += 0.001' });
S2.connect({ p: 1 });
S2.w = 'rand()';
run(ms(100));
console.log('done', G.N);
