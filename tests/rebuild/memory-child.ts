// Run by rebuild.test.ts as `node --expose-gc --import tsx memory-child.ts <builds>`: builds a
// small network (groups, synapses, monitor, PoissonInput, random init) again and again, each in a
// fresh scope, and prints the heap after a full GC and the median build time per block of 100.
import { NeuronGroup, PoissonInput, SpikeMonitor, Synapses, Hz, mV, ms, run, seed, startScope } from 'brian-ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');
const builds = Number(process.argv[2] ?? 1000);

function build(): number {
  startScope();
  seed(1);
  const g = new NeuronGroup(50, 'dv/dt = -v/(10*ms) : volt', { threshold: 'v > 10*mV', reset: 'v = 0*mV', method: 'exact' });
  g.v = 'rand()*10*mV';
  const s = new Synapses(g, g, '', { onPre: 'v += 0.5*mV' });
  s.connect({ p: 0.1 });
  new PoissonInput(g, 'v', 10, Hz(200), mV(1));
  const m = new SpikeMonitor(g);
  run(ms(2));
  return m.numSpikes;
}

const heap: number[] = [];
const medians: number[] = [];
let times: number[] = [];
for (let i = 1; i <= builds; i++) {
  const t0 = performance.now();
  build();
  times.push(performance.now() - t0);
  if (i % 100 === 0) {
    startScope(); // let go of the last build too
    gc();
    heap.push(process.memoryUsage().heapUsed);
    times.sort((a, b) => a - b);
    medians.push(times[times.length >> 1]!);
    times = [];
  }
}
process.stdout.write(JSON.stringify({ heap, medians }));
