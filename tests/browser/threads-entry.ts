/**
 * Browser entry for tests/browser/threads.test.ts (bundled by esbuild as ESM). One script, three
 * roles, as a page using brian-ts with threads would have it:
 *  - on the page: starts a module Web Worker running this same script, shows its answer in the DOM
 *    (`data-status`, `data-result`), and also runs the model itself with `threads: 2` (a page's
 *    main thread may not wait on other threads: one warning, one thread, the same bits);
 *  - in that worker: `await startThreads(2)`, runs the model with 1 and 2 threads and compares
 *    every state bit and the spikes;
 *  - in the thread workers it starts (named `brian-ts-thread`): nothing — the library serves jobs.
 */
import {
  Hz, Network, NeuronGroup, PoissonInput, SpikeMonitor, Synapses, isThreadWorker, lastThreadRun, mV, ms, seed, startThreads,
} from 'brian-ts';

interface Result {
  threads: number;
  split: string[];
  spikes: number;
  /** FNV-1a over the bytes of v, ge, the spike indices and times. */
  hash: string;
  warnings: string[];
}

// Warnings go to console.warn in a browser: collected here.
const warnings: string[] = [];
console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));

function fnv(arrays: readonly ArrayBufferView[]): string {
  let h = 0x811c9dc5;
  for (const a of arrays) {
    const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    for (let k = 0; k < bytes.length; k++) h = Math.imul(h ^ bytes[k]!, 0x01000193) >>> 0;
  }
  return h.toString(16);
}

/** A CUBA-like network (fixed names: random streams are keyed by the object's name): split state update and threshold, a split pathway (partitioned queue) with delays, a PoissonInput. */
function simulate(threads: number): Result {
  seed(2024);
  const N = 2000;
  const G = new NeuronGroup(N, 'dv/dt = (ge - (v + 49*mV))/(20*ms) : volt (unless refractory)\ndge/dt = -ge/(5*ms) : volt', {
    threshold: 'v > -50*mV',
    reset: 'v = -60*mV',
    refractory: ms(5),
    method: 'exact',
    name: 'g',
  });
  G.v = '-60*mV + rand() * 10*mV';
  const S = new Synapses(G, G, 'w : volt', { onPre: 'ge += w', delay: ms(1), name: 's' });
  S.connect({ p: 0.05 });
  S.w = '(0.5 + rand()) * 0.3*mV';
  const P = new PoissonInput(G, 'ge', 20, Hz(50), mV(0.5), { name: 'p' });
  const M = new SpikeMonitor(G, { name: 'm' });
  new Network(G, S, P, M).run(ms(100), { threads });
  const info = lastThreadRun();
  return {
    threads: info.threads,
    split: [...info.split],
    spikes: M.numSpikes,
    hash: fnv([G.state('v').values as Float64Array, G.state('ge').values as Float64Array, M.i, Float64Array.from(M.t.values)]),
    warnings: warnings.splice(0),
  };
}

interface PageBody {
  setAttribute(name: string, value: string): void;
}
type Scope = { postMessage(m: unknown): void; WorkerGlobalScope?: unknown; crossOriginIsolated?: boolean };
const scope = globalThis as unknown as Scope;

if (isThreadWorker()) {
  // A thread: the library serves jobs by itself.
} else if (scope.WorkerGlobalScope !== undefined) {
  void (async () => {
    try {
      const isolated = scope.crossOriginIsolated === true;
      if (isolated) await startThreads(2);
      const one = simulate(1);
      const two = simulate(2);
      scope.postMessage({ ok: true, isolated, one, two });
    } catch (e) {
      scope.postMessage({ ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    }
  })();
} else {
  const body = (globalThis as unknown as { document: { body: PageBody } }).document.body;
  try {
    const onPage = simulate(2);
    const WorkerCtor = (globalThis as unknown as { Worker: new (u: string, o: { type: string }) => { onmessage: ((e: { data: unknown }) => void) | null; onerror: ((e: { message?: string }) => void) | null } }).Worker;
    const worker = new WorkerCtor(import.meta.url, { type: 'module' });
    worker.onmessage = (e) => {
      body.setAttribute('data-result', JSON.stringify({ ...(e.data as object), onPage }));
      body.setAttribute('data-status', 'done');
    };
    worker.onerror = (e) => body.setAttribute('data-status', `worker error: ${e.message ?? ''}`);
  } catch (e) {
    body.setAttribute('data-status', `error: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  }
}
