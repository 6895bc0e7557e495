/**
 * Run by warm.test.ts in a child process with `--allow-natives-syntax` (V8's own optimization
 * status, not timing): at the first step of the process's first 2-thread run, whether the main
 * thread's per-batch code (the session's before/submit/runPending, runShare, deliverPart)
 * is already optimized or being optimized by TurboFan — the session-16 warm-up (src/warmup/thread-warmup.ts)
 * runs while the worker starts. Without it these functions have not run yet at that point.
 * The warm-up runs with `BRIAN_TS_WARM_MAIN_STEPS` set (off by default). Prints one JSON line.
 */
import { BrianObject, Network, NeuronGroup, SpikeMonitor, Synapses, lastThreadRun, ms, shutdownThreads } from 'brian-ts';
import { ParallelSession } from '../../src/devices/threads.ts';
import { deliverPart, runShare } from '../../src/devices/thread-worker.ts';

const status = new Function('f', 'return %GetOptimizationStatus(f);') as (f: unknown) => number;
/** V8's OptimizationStatus (src/runtime/runtime.h): kTurboFanned, kMarkedForOptimization, kMarkedForConcurrentOptimization, kOptimizingConcurrently. */
const TURBOFANNED = 1 << 6;
const ON_ITS_WAY = (1 << 8) | (1 << 9) | (1 << 10);

const methods = ParallelSession.prototype as unknown as Record<string, unknown>;
const watched: Record<string, unknown> = { before: methods['before'], submit: methods['submit'], runPending: methods['runPending'], runShare, deliverPart };
const atFirstStep: Record<string, boolean> = {};

class Probe extends BrianObject {
  private seen = false;
  constructor() {
    super({ when: 'start', order: -1e9, name: 'warm_main_probe' });
  }
  override run(): void {
    if (this.seen) return;
    this.seen = true;
    for (const [name, f] of Object.entries(watched)) atFirstStep[name] = (status(f) & (TURBOFANNED | ON_ITS_WAY)) !== 0;
  }
  override threadWork(): { code: []; reads: []; writes: [] } {
    return { code: [], reads: [], writes: [] };
  }
}

const G = new NeuronGroup(4000, 'dv/dt = (1.2 - v)/(10*ms) : 1', { threshold: 'v > 1', reset: 'v = 0', method: 'exact', name: 'wm_g' });
G.v = 'i / 4000.0';
const S = new Synapses(G, G, '', { onPre: 'v += 0.001', name: 'wm_s' });
S.connect({ condition: 'j == (i * 7) % 4000' });
const net = new Network(G, S, new SpikeMonitor(G, { record: false, name: 'wm_spikes' }), new Probe());
net.run(ms(5), { threads: 2 });
const info = lastThreadRun();
shutdownThreads();
console.log(JSON.stringify({ atFirstStep, threads: info.threads, split: info.split }));
