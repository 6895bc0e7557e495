// Run by settings.test.ts in its own process: as in a browser page without cross-origin isolation,
// SharedArrayBuffer does not exist when brian-ts loads; a run asked for 2 threads warns and uses one.
delete (globalThis as { SharedArrayBuffer?: unknown }).SharedArrayBuffer;
const { Network, NeuronGroup, SpikeMonitor, lastThreadRun, ms } = await import('brian-ts');
const { setWarningHandler } = await import('../../src/util/index.ts');

const warnings: string[] = [];
setWarningHandler((key: string) => warnings.push(key));
function run(threads: number): number[] {
  const G = new NeuronGroup(50, 'dv/dt = (1.5 - v)/(10*ms) : 1', { threshold: 'v > 1', reset: 'v = 0', name: 'nosab' });
  G.v = 'i / 50.0';
  const M = new SpikeMonitor(G, { name: 'nosab_spikes' });
  new Network(G, M).run(ms(20), { threads });
  return [...M.i];
}
const two = run(2);
const threads = lastThreadRun().threads;
run(2);
const one = run(1);
console.log(JSON.stringify({ shared: typeof SharedArrayBuffer === 'function', threads, warnings, same: JSON.stringify(two) === JSON.stringify(one) && two.length > 0 }));
