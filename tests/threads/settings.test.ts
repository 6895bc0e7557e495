import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Network, NeuronGroup, PrefsError, SpikeMonitor, StateMonitor, Synapses, ThreadError, lastThreadRun, ms, prefs, resetPrefs, seed, shutdownThreads } from 'brian-ts';
import { getPref } from '../../src/core/index.ts';
import type { CodeObject, RangedCode } from '../../src/codegen/index.ts';
import { compileCodeBlock } from '../../src/codegen/index.ts';
import { AUTO_MIN_WORK, COUPLED_SERIAL_EVENTS, PARTITION_NS_PER_SYNAPSE, ParallelSession, WORKER_START_MS, autoStartsWorkers, lastThreadProfile } from '../../src/devices/index.ts';

after(() => shutdownThreads());

function lif(name: string): { net: Network; M: SpikeMonitor } {
  const G = new NeuronGroup(100, 'dv/dt = (1.5 - v)/(10*ms) : 1', { threshold: 'v > 1', reset: 'v = 0', name });
  G.v = 'i / 100.0';
  const M = new SpikeMonitor(G, { name: `${name}_spikes` });
  return { net: new Network(G, M), M };
}

describe('threads setting', () => {
  it('prefs.threads takes a positive integer or auto, with a typed error naming a bad value', () => {
    delete process.env['BRIAN_TS_THREADS'];
    assert.equal(prefs.threads, 'auto');
    prefs.threads = 3;
    assert.equal(prefs.threads, 3);
    prefs.threads = 'auto';
    assert.equal(prefs.threads, 'auto');
    for (const bad of [0, -1, 1.5, Number.NaN, '2', 'two', null, true]) {
      assert.throws(() => (prefs.threads = bad as never), (e: unknown) => e instanceof PrefsError && e.message.includes('prefs.threads') && e.message.includes(typeof bad === 'string' ? `'${bad}'` : String(bad)));
    }
    resetPrefs('threads');
  });

  it('BRIAN_TS_THREADS gives the default; a bad value is a typed error naming the variable and the value', () => {
    try {
      process.env['BRIAN_TS_THREADS'] = '2';
      assert.equal(getPref('threads'), 2);
      process.env['BRIAN_TS_THREADS'] = ' AUTO ';
      assert.equal(getPref('threads'), 'auto');
      process.env['BRIAN_TS_THREADS'] = 'lots';
      assert.throws(() => getPref('threads'), /BRIAN_TS_THREADS must be a positive integer or 'auto', got 'lots'/);
      process.env['BRIAN_TS_THREADS'] = '0';
      assert.throws(() => getPref('threads'), PrefsError);
      // An assigned value wins over the environment.
      prefs.threads = 1;
      assert.equal(prefs.threads, 1);
    } finally {
      delete process.env['BRIAN_TS_THREADS'];
      resetPrefs('threads');
    }
  });

  it('run(T, {threads}) validates the value and uses it for that run only', () => {
    const { net, M } = lif('setting_lif');
    assert.throws(() => net.run(ms(1), { threads: 0 }), (e: unknown) => e instanceof PrefsError && /threads must be a positive integer or 'auto', got 0/.test(e.message));
    assert.throws(() => net.run(ms(1), { threads: 'all' as never }), /got 'all'/);
    net.run(ms(5), { threads: 2 });
    assert.equal(lastThreadRun().threads, 2);
    assert.deepEqual(lastThreadRun().split, ['setting_lif_stateupdater', 'setting_lif_spike_thresholder', 'setting_lif_spike_resetter']);
    net.run(ms(5), { threads: 1 });
    assert.equal(lastThreadRun().threads, 1);
    assert.ok(M.numSpikes > 0);
  });

  it("'auto' keeps a small network on one thread, with no per-step session work", () => {
    const { net, M } = lif('auto_lif');
    // A session that split nothing stays out of the step loop (session 8): its per-object calls
    // would only find nothing pending.
    const proto = ParallelSession.prototype as unknown as { before(k: number): void; endStep(): void };
    const { before, endStep } = proto;
    let calls = 0;
    proto.before = function (this: unknown, k: number) {
      calls++;
      before.call(this, k);
    };
    proto.endStep = function (this: unknown) {
      calls++;
      endStep.call(this);
    };
    try {
      net.run(ms(5), { threads: 'auto' });
    } finally {
      proto.before = before;
      proto.endStep = endStep;
    }
    assert.equal(lastThreadRun().threads, 1);
    assert.equal(calls, 0);
    const reference = lif('auto_lif');
    reference.net.run(ms(5), { threads: 1 });
    assert.ok(M.numSpikes > 0);
    assert.deepEqual([...M.i], [...reference.M.i]);
    assert.deepEqual([...M.t], [...reference.M.t]);
  });
});

describe("'auto' start-up rule (session 12: a worker's start measured, bench/threads/start.bench.ts)", () => {
  it('starts a worker where the split saves more than its start, at the measured speed-up', () => {
    // LIF 10^6 for 0.2 s: 2000 steps of ~0.3 ms split work save ~0.23 s on two threads: more than a
    // worker's start from dist/ (150 ms), less than from the sources (500 ms).
    assert.equal(autoStartsWorkers(2000, 3e5, 2, true), false);
    assert.equal(autoStartsWorkers(2000, 3e5, 2, false), true);
    // Twice as long (saves ~0.45 s): still not from the sources; 0.5 s (~0.56 s) does.
    assert.equal(autoStartsWorkers(4000, 3e5, 2, true), false);
    assert.equal(autoStartsWorkers(5000, 3e5, 2, true), true);
    // HH 4000 for 1 s (~0.18 ms a step): 0.68 s saved, two threads from either.
    assert.equal(autoStartsWorkers(10000, 1.8e5, 2, true), true);
    // More threads: each added worker must pay for its own start (4 threads at 2.8x: 0.39 s saved
    // against 3 starts of 150 ms; 0.3 s of LIF 10^6: 0.58 s).
    assert.equal(autoStartsWorkers(2000, 3e5, 4, false), false);
    assert.equal(autoStartsWorkers(3000, 3e5, 4, false), true);
    // A small network (CUBA 4000's state update, ~2 µs a step) never.
    assert.equal(autoStartsWorkers(10000, 2e3, 2, false), false);
    assert.deepEqual(WORKER_START_MS, { sources: 500, dist: 150 });
    // Split pathways' queues are partitioned on the main thread (session 14): Brunel 2000's 15.6 M
    // synapses ≈ 250 ms, added once to the workers' start. 5000 steps of 0.3 ms from dist/ save
    // ≈ 0.56 s: enough for a worker and that partition, not for one of 10⁸ synapses.
    assert.equal(autoStartsWorkers(5000, 3e5, 2, false, WORKER_START_MS.dist, (15.6e6 * PARTITION_NS_PER_SYNAPSE) / 1e6), true);
    assert.equal(autoStartsWorkers(5000, 3e5, 2, false, WORKER_START_MS.dist, (1e8 * PARTITION_NS_PER_SYNAPSE) / 1e6), false);
  });
});

describe("'auto' splits small code coupled to split code (session 12)", () => {
  /** A costly state update (split under 'auto') with a cheap threshold reading `v` and a pathway writing `g`. */
  function coupled(name: string): { net: Network; M: SpikeMonitor; V: StateMonitor<'v' | 'g'> } {
    seed(2012);
    const G = new NeuronGroup(
      3000,
      `dv/dt = (0.1*exp(-v*v) + 0.2*sin(3*v) + g*(1.2 - v) + cos(v)*exp(-abs(v)) - 0.05*v)/(10*ms) : 1
       dg/dt = -g/(5*ms) : 1`,
      { threshold: 'v > 0.9', reset: 'v = 0', method: 'euler', name },
    );
    G.v = 'rand()';
    const S = new Synapses(G, G, '', { onPre: 'g_post += 0.05', name: `${name}_syn` });
    S.connect({ p: 0.0004 });
    const M = new SpikeMonitor(G, { name: `${name}_spikes` });
    const V = new StateMonitor(G, ['v', 'g'], { record: [0, 1499, 2999], name: `${name}_v` });
    return { net: new Network(G, S, M, V), M, V };
  }

  it('runs the threshold and the pathway split with the update (the pathway on all but its quiet steps), with the bits of one thread', () => {
    // Workers already running: the start-up rule does not apply, 'auto' decides per code object.
    lif('auto_coupled_pool').net.run(ms(1), { threads: 2 });
    const { net, M, V } = coupled('auto_coupled');
    const previous = process.env['BRIAN_TS_THREAD_PROFILE'];
    process.env['BRIAN_TS_THREAD_PROFILE'] = '1';
    try {
      net.run(ms(20), { threads: 'auto' });
    } finally {
      if (previous === undefined) delete process.env['BRIAN_TS_THREAD_PROFILE'];
      else process.env['BRIAN_TS_THREAD_PROFILE'] = previous;
    }
    const info = lastThreadRun();
    const pathway = lastThreadProfile()?.find((r) => r.name === 'auto_coupled_syn_pre');
    // ≈ 1 target a spike, ≈ 20–30 events a step: split on busier steps, delivered on this thread
    // on steps with at most COUPLED_SERIAL_EVENTS events.
    assert.ok(pathway !== undefined && pathway.executions > 0 && pathway.executions < 200, `the coupled pathway ran split on ${pathway?.executions} of 200 steps (at most ${COUPLED_SERIAL_EVENTS} events: on this thread)`);
    assert.equal(info.threads, 2);
    // The update's estimated work passes AUTO_MIN_WORK, the threshold's and the pathway's do not:
    // run serially they would read v and write g in the worker's range every step.
    assert.ok(info.split.includes('auto_coupled_stateupdater'), JSON.stringify(info));
    assert.ok(info.split.includes('auto_coupled_spike_thresholder') && info.split.includes('auto_coupled_syn_pre'), JSON.stringify(info));
    assert.ok(info.work['auto_coupled_spike_thresholder']! < AUTO_MIN_WORK, JSON.stringify(info.work));
    const reference = coupled('auto_coupled');
    reference.net.run(ms(20), { threads: 1 });
    assert.ok(M.numSpikes > 50, `spikes: ${M.numSpikes}`);
    assert.deepEqual([...M.i], [...reference.M.i]);
    assert.deepEqual([...M.t], [...reference.M.t]);
    const trace = (m: StateMonitor<'v' | 'g'>, name: 'v' | 'g'): number[][] => m[name].values.map((row) => [...row]);
    assert.deepEqual(trace(V, 'v'), trace(reference.V, 'v'));
    assert.deepEqual(trace(V, 'g'), trace(reference.V, 'g'));
  });
});

describe('worker failures', () => {
  /** A job whose worker ranges throw (the main thread's first range does not). */
  function failing(session: ParallelSession): CodeObject {
    const G = new NeuronGroup(8, 'v : 1', { name: 'failing_host' });
    const code = compileCodeBlock({ name: 'failing_job', template: 'stateupdate', statements: [], variables: (G as unknown as { variables: never }).variables, N: 8 });
    const ranged: RangedCode = {
      source: "'use strict';\nreturn function failing($lo, $hi) { if ($lo > 0) throw new RangeError('boom in range ' + $lo); };",
      captures: [],
      captureNames: [],
      run: () => {},
      N: 8,
      events: undefined,
      key: undefined,
      maxEvents: 0,
      dynamic: [],
      counter: undefined,
      eventSpace: undefined,
      costNs: 1,
      access: new Map(),
    };
    return (session as unknown as { wrap(c: CodeObject, r: RangedCode): CodeObject }).wrap(code, ranged);
  }

  it('an error thrown in a worker stops the execution with a ThreadError naming the object; the next run works', () => {
    const session = ParallelSession.begin(3)!;
    const job = failing(session);
    session.compiled();
    session.start(1);
    try {
      assert.throws(() => job.run(), (e: unknown) => e instanceof ThreadError && e.objectName === 'failing_job' && /failing_job.*boom in range [25]/.test(e.message));
    } finally {
      session.end();
    }
    const { net, M } = lif('after_failure');
    net.run(ms(10), { threads: 3 });
    assert.equal(lastThreadRun().threads, 3);
    const reference = lif('after_failure');
    reference.net.run(ms(10), { threads: 1 });
    assert.deepEqual([...M.i], [...reference.M.i]);
  });

  it('without SharedArrayBuffer a run warns once and uses one thread, with the same result', () => {
    const script = fileURLToPath(new URL('./nosab.fixture.ts', import.meta.url));
    const out = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(out.status, 0, out.stderr);
    const lines = out.stdout.trim().split('\n');
    assert.deepEqual(JSON.parse(lines.at(-1)!), { shared: false, threads: 1, warnings: ['threads'], same: true });
  });
});
