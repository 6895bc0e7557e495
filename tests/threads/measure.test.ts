/**
 * 'auto' measures a run's split-able work when its start-up estimate does not pay (issue 10,
 * session 14): a network whose work is its pathways' events (Brunel 2000: ≈ 57 µs a step estimated
 * from the ranges against ≈ 700 µs measured) starts the workers mid-run, with the bits of one thread.
 */
import { after, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Network, NeuronGroup, SpikeMonitor, StateMonitor, Synapses, ThreadError, lastThreadRun, ms, seed, shutdownThreads } from 'brian-ts';
import { MEASURE_FAR, MEASURE_FIRST, MEASURE_PERIOD, MEASURE_WINDOW, WORKER_START_MS, workerStartMs } from '../../src/devices/index.ts';
import { assertSameRun } from './same-run.ts';

after(() => shutdownThreads());
// The start-up rule applies only while no workers run (with workers, 'auto' decides per code object).
beforeEach(() => shutdownThreads());

/**
 * 1000 neurons each firing every 20 steps (random phases: ≈ 50 spikes a step) into an all-to-all
 * pathway: ≈ 50 000 events a step, while the ranges' estimate is a few µs.
 */
function busy(name: string): { net: Network; M: SpikeMonitor; V: StateMonitor<'v'>; G: NeuronGroup } {
  seed(1414);
  const G = new NeuronGroup(1000, 'dv/dt = 1/(2*ms) : 1', { threshold: 'v > 1', reset: 'v = 0', method: 'euler', name });
  G.v = 'rand()';
  const S = new Synapses(G, G, '', { onPre: 'v_post += 0.0005', name: `${name}_syn` });
  S.connect();
  const M = new SpikeMonitor(G, { name: `${name}_spikes` });
  const V = new StateMonitor(G, 'v', { record: [0, 499, 999], name: `${name}_v` });
  return { net: new Network(G, S, M, V), M, V, G };
}

function withStartMs<T>(ms: string | undefined, f: () => T): T {
  const previous = process.env['BRIAN_TS_WORKER_START_MS'];
  if (ms === undefined) delete process.env['BRIAN_TS_WORKER_START_MS'];
  else process.env['BRIAN_TS_WORKER_START_MS'] = ms;
  try {
    return f();
  } finally {
    if (previous === undefined) delete process.env['BRIAN_TS_WORKER_START_MS'];
    else process.env['BRIAN_TS_WORKER_START_MS'] = previous;
  }
}

describe("'auto' measures the split-able work when its estimate does not pay (session 14)", () => {
  it('BRIAN_TS_WORKER_START_MS: a non-negative number of ms, unset the measured default, anything else a ThreadError naming it', () => {
    assert.equal(withStartMs('25', workerStartMs), 25);
    assert.equal(withStartMs(undefined, workerStartMs), WORKER_START_MS.sources);
    for (const bad of ['soon', '-5', 'Infinity']) {
      assert.throws(() => withStartMs(bad, workerStartMs), (e: unknown) => e instanceof ThreadError && e.message.includes(`got '${bad}'`));
    }
  });

  it('starts the workers mid-run where the measured work pays, with the bits of one thread', () => {
    const auto = busy('measure_auto');
    // 1 ms a worker, and ≈ 16 ms to partition the pathway's 10⁶ synapses: the ranges' estimate (≈ 1 µs
    // a step over 1000 steps: ≈ 0.3 ms saved) does not pay for it, the measured ≈ 50 000 events a
    // step (≥ 100 µs: ≥ 30 ms saved) do, by a wide margin either way.
    withStartMs('1', () => auto.net.run(ms(100), { threads: 'auto' }));
    const info = lastThreadRun();
    assert.equal(info.threads, 2, JSON.stringify(info));
    // The first decision comes after the warm-up and one window; the lower of two windows decides.
    assert.ok(info.startedAtStep !== undefined && info.startedAtStep >= MEASURE_FIRST + MEASURE_WINDOW && info.startedAtStep <= MEASURE_FIRST + 3 * MEASURE_PERIOD, JSON.stringify(info));
    assert.ok(info.measuredWorkNs !== undefined && info.measuredWorkNs > 10 * (info.work['measure_auto_syn_pre'] ?? Infinity), JSON.stringify(info));
    assert.ok(info.split.includes('measure_auto_syn_pre'), JSON.stringify(info));
    const one = busy('measure_auto');
    one.net.run(ms(100), { threads: 1 });
    assertSameRun(auto, one, 10_000);
  });

  it('stays on one thread where the measured work does not pay for the workers', () => {
    const auto = busy('measure_stay');
    // A worker's start of 60 s: no run of 1000 steps pays for it.
    withStartMs('60000', () => auto.net.run(ms(100), { threads: 'auto' }));
    const info = lastThreadRun();
    assert.equal(info.threads, 1, JSON.stringify(info));
    assert.equal(info.startedAtStep, undefined);
    // Far from paying (MEASURE_FAR): each next window after twice the last period (windows at steps
    // 16, 144, 400 and 912 of 1000), not one every MEASURE_PERIOD steps (8 windows).
    const every = Math.floor((1000 - MEASURE_FIRST) / MEASURE_PERIOD) + 1;
    assert.ok(MEASURE_FAR > 1 && info.measuredWindows !== undefined && info.measuredWindows >= 2 && info.measuredWindows <= Math.ceil(Math.log2(every)) + 1, `${every} at a fixed period; ${JSON.stringify(info)}`);
    const one = busy('measure_stay');
    one.net.run(ms(100), { threads: 1 });
    assertSameRun(auto, one, 10_000);
  });

  it('a second run, with the workers running, splits from its first step without measuring', () => {
    const auto = busy('measure_again');
    withStartMs('1', () => {
      auto.net.run(ms(100), { threads: 'auto' });
      assert.equal(lastThreadRun().threads, 2);
      auto.net.run(ms(50), { threads: 'auto' });
    });
    const info = lastThreadRun();
    // Workers running: no start-up rule, no measuring; the pathway splits from the first step.
    assert.equal(info.threads, 2, JSON.stringify(info));
    assert.equal(info.startedAtStep, undefined);
    const one = busy('measure_again');
    one.net.run(ms(100), { threads: 1 });
    one.net.run(ms(50), { threads: 1 });
    assertSameRun(auto, one, 10_000);
  });
});
