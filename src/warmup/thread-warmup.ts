/**
 * The main thread's warm-up for a process's first multi-threaded run (session 16, issue 10): while
 * the new workers start (150–500 ms, Pool.grow), a small network of its own runs a few thousand
 * steps in a solo session (threads.ts runSolo: batches, chunks and barriers as on two threads,
 * without workers). Its objects are the library's own classes — groups, thresholds, pathways with
 * partitioned spike queues, monitors, the step loop and the session — so TurboFan optimizes the
 * per-batch code of the main thread with the type feedback (maps, call targets, branches) a real
 * run gives it, before the real run's first step. Without it that code ran interpreted for the run's
 * first ≈ 1000 steps and was compiled inside the run, where on two cores each compile takes a core
 * from one of the run's two threads (session 15: ≈ 40–50 ms of compiles by V8's clock in COBAHH).
 *
 * It lives above the layers it runs (groups, synapses, monitors, the network) and registers
 * itself with the threads device (setMainThreadWarmup), so devices/ imports none of them; the
 * package's entry point loads it. The network touches nothing of the user's: its own clock,
 * names, no random numbers; its objects leave the scope (magic `run()` never sees them) and free
 * their names afterwards. Off by default (`BRIAN_TS_WARM_MAIN_STEPS`; see mainWarmSteps in
 * devices/threads.ts for why).
 */
import { BrianObject, Clock, Network, objectsInScope, releaseName, unregisterFromScope } from '../core/index.ts';
import { runSolo, setMainThreadWarmup } from '../devices/index.ts';
import { NeuronGroup } from '../groups/index.ts';
import { SpikeMonitor, StateMonitor } from '../monitors/index.ts';
import { Synapses } from '../synapses/index.ts';
import { ms } from '../units/index.ts';

/** Neurons of the warm-up network (the first 80 % excitatory, as COBAHH), and synapses per source. */
const WARM_N = 512;
const WARM_OUT = 8;

/**
 * Conductance-like dynamics that spike without random numbers: each neuron's drive `a` lies
 * between 0.8 and 1.4, so some never spike, the others every few ms with staggered phases (steps
 * with and without events), and the threshold has a refractory period as COBAHH's and HH's.
 */
const WARM_EQS = `
dv/dt = (a - v + ge*(1.5 - v) - gi*(v + 0.5))/(2*ms) : 1
dge/dt = -ge/(5*ms) : 1
dgi/dt = -gi/(10*ms) : 1
a : 1
`;

/** Stops its network's run once `going()` is false (asked every STOP_EVERY steps). */
class WarmStop extends BrianObject {
  private count = 0;
  net: Network | undefined;
  constructor(
    private readonly going: () => boolean,
    clock: Clock,
  ) {
    super({ when: 'end', clock, name: 'brian_ts_warm_stop' });
  }
  override run(): void {
    if (++this.count % STOP_EVERY === 0 && !this.going()) this.net?.stop();
  }
  /** Touches no simulation state (split code pending may stay pending). */
  override threadWork(): { code: []; reads: []; writes: [] } {
    return { code: [], reads: [], writes: [] };
  }
}
const STOP_EVERY = 32;
const SECOND_RUN_STEPS = 64;

/**
 * Builds and runs the warm-up network in a solo session, at most `steps` steps, until `going()` is
 * false (the workers have started); then forgets its objects.
 */
export function warmMainThread(steps: number, going: () => boolean = () => true): void {
  const scope = objectsInScope();
  const first = scope.length;
  const named: { name: string }[] = [];
  try {
    const clock = new Clock(ms(0.1), { name: 'brian_ts_warm_clock' });
    named.push(clock);
    const G = new NeuronGroup(WARM_N, WARM_EQS, { threshold: 'v > 1', refractory: ms(1), method: 'euler', clock, name: 'brian_ts_warm_group', namespace: {} });
    // Values, not expressions (an expression is generated code: 15–20 ms of a cold process's warm-up).
    G.a = Float64Array.from({ length: WARM_N }, (_, i) => 0.8 + (0.6 * i) / WARM_N);
    G.v = Float64Array.from({ length: WARM_N }, (_, i) => i / WARM_N);
    const Ne = Math.trunc(0.8 * WARM_N);
    const pathway = (from: number, to: number, onPre: string, name: string): Synapses => {
      const S = new Synapses(G.slice(from, to), G, '', { onPre, clock, name, namespace: {} });
      const i: number[] = [];
      const j: number[] = [];
      for (let k = 0; k < to - from; k++) for (let m = 0; m < WARM_OUT; m++) {
        i.push(k);
        j.push((k * 7 + m * 61) % WARM_N);
      }
      S.connect({ i, j });
      return S;
    };
    const Ce = pathway(0, Ne, 'ge += 0.05', 'brian_ts_warm_ce');
    const Ci = pathway(Ne, WARM_N, 'gi += 0.2', 'brian_ts_warm_ci');
    const trace = new StateMonitor(G, 'v', { record: [1, 10, 100], clock, name: 'brian_ts_warm_trace' });
    const M = new SpikeMonitor(G, { record: false, name: 'brian_ts_warm_spikes' });
    const stop = new WarmStop(going, clock);
    const net = new Network(G, Ce, Ci, trace, M, stop, { name: 'brian_ts_warm_network' });
    stop.net = net;
    named.push(net);
    runSolo(() => net.run(ms(0.1 * steps), { threads: 2, report: null, namespace: {} }));
    // A second, short run while the workers still start: the step loop (Network.steps, one call a
    // run) was optimized on the stack during the first; its regular code is compiled now, at its
    // next call, instead of inside the real run's (HH 4000: 18 ms by V8's clock).
    if (going()) runSolo(() => net.run(ms(0.1 * SECOND_RUN_STEPS), { threads: 2, report: null, namespace: {} }));
  } finally {
    for (const x of named) releaseName(x, x.name);
    const made = scope.slice(first);
    for (const obj of made) {
      unregisterFromScope(obj);
      releaseName(obj, obj.name);
    }
  }
}

setMainThreadWarmup(warmMainThread);
