import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Network, NetworkOperation, NeuronGroup, lastThreadRun, ms, shutdownThreads } from 'brian-ts';
import { lastThreadProfile, lastThreadStepProfile } from '../../src/devices/index.ts';
import { SPIN_MIN_MS, longWaitShare, spinLimit } from '../../src/devices/thread-worker.ts';

after(() => shutdownThreads());

/**
 * A 2-thread run of a split LIF group (`steps` steps) with BRIAN_TS_THREAD_PROFILE=1; `pauseMs`:
 * main-thread work per step between the barriers (a function of the step index, or a constant).
 */
function profiledRun(pauseMs: number | ((step: number) => number), steps = 30): NonNullable<ReturnType<typeof lastThreadProfile>>[number] {
  let step = 0;
  const G = new NeuronGroup(4000, 'dv/dt = (1.1 - v)/(10*ms) : 1', { threshold: 'v > 1', reset: 'v = 0', method: 'exact', name: 'prof_g' });
  G.v = 'rand()';
  // Serial main-thread work between two steps' split executions (the worker polls, then sleeps).
  const pause = new NetworkOperation(() => {
    const until = performance.now() + (typeof pauseMs === 'number' ? pauseMs : pauseMs(step++));
    while (performance.now() < until);
  }, { name: 'prof_pause' });
  const net = new Network(G, pause);
  const previous = process.env['BRIAN_TS_THREAD_PROFILE'];
  process.env['BRIAN_TS_THREAD_PROFILE'] = '1';
  try {
    net.run(ms(steps / 10), { threads: 2 });
  } finally {
    if (previous === undefined) delete process.env['BRIAN_TS_THREAD_PROFILE'];
    else process.env['BRIAN_TS_THREAD_PROFILE'] = previous;
  }
  assert.equal(lastThreadRun().threads, 2);
  const row = lastThreadProfile()?.find((r) => r.name === 'prof_g_stateupdater');
  assert.ok(row !== undefined, `profile rows: ${lastThreadProfile()?.map((r) => r.name).join(', ')}`);
  assert.equal(row.executions, steps);
  return row;
}

describe('thread profile (BRIAN_TS_THREAD_PROFILE=1)', () => {
  it('counts the executions that found the worker asleep: all of them when the main thread pauses past the polling limit', () => {
    // 10 ms of serial work per step: ten times the polling limit (SPIN_MS = 1 ms by default). Polls
    // are counted against a calibrated rate, so a worker descheduled on a loaded machine polls for
    // longer than the limit in wall time — a 2 ms pause failed CI once (asleep in 23 of 30 steps).
    const row = profiledRun(10);
    const w = row.workers[0]!;
    assert.ok(w.sleptShare >= 0.8 && w.sleptShare <= 1, `asleep in ${w.sleptShare} of the executions`);
    assert.ok(w.startLatencyUs > 0 && w.busyUs > 0, JSON.stringify(w));
    // The mean start latency splits into the asleep executions' and the polling ones'.
    assert.ok(w.pollingLatencyUs >= 0 && w.pollingLatencyUs * (1 - w.sleptShare) <= w.startLatencyUs + 1e-9, JSON.stringify(w));
  });

  it('records every step: wall time percentiles and the slow steps', () => {
    profiledRun(2);
    const steps = lastThreadStepProfile();
    assert.ok(steps !== undefined, 'no step profile');
    assert.equal(steps.steps, 30);
    // Each step holds the 2 ms pause.
    assert.ok(steps.p50Us >= 2000 && steps.p50Us <= steps.p90Us && steps.p90Us <= steps.p99Us && steps.p99Us <= steps.maxUs, JSON.stringify(steps));
    assert.ok(steps.meanUs >= 2000 && steps.slowShare >= 0 && steps.slowShare < 0.5, JSON.stringify(steps));
  });
});

describe('polling policy (spinLimit, longWaitShare)', () => {
  it('polls up to the cap while most recent waits are short, SPIN_MIN_MS (probing every 8th wait) when most are long', () => {
    let share = 0;
    let waits = 0;
    const wait = (long: boolean): number => {
      const limit = spinLimit(share, 1, waits++);
      share = longWaitShare(share, long, limit, 1);
      return limit;
    };
    // Session 10's rule halved the limit after each sleep: three in a row took it to 0.125 of the
    // cap, and a worker then slept between steps that were shorter than the cap.
    for (let k = 0; k < 5; k++) assert.equal(wait(true), 1, 'a few long waits in a row keep the cap');
    for (let k = 0; k < 20; k++) wait(true);
    const limits = Array.from({ length: 16 }, () => wait(true));
    assert.equal(limits.filter((l) => l === SPIN_MIN_MS).length, 14, `mostly long waits: SPIN_MIN_MS but for every 8th (${limits.join(', ')})`);
    // Short waits polled at SPIN_MIN_MS (they slept) do not count; the probes bring the cap back.
    for (let k = 0; k < 200 && spinLimit(share, 1, 1) !== 1; k++) wait(false);
    assert.equal(spinLimit(share, 1, 1), 1, 'short waits again: the cap');
  });
});
