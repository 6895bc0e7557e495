import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Network, NetworkOperation, NeuronGroup, lastThreadRun, ms, shutdownThreads } from 'brian-ts';
import { lastThreadProfile } from '../../src/devices/index.ts';

after(() => shutdownThreads());

/** A 2-thread run of a split LIF group with BRIAN_TS_THREAD_PROFILE=1; `pauseMs`: main-thread work per step between the barriers. */
function profiledRun(pauseMs: number): NonNullable<ReturnType<typeof lastThreadProfile>>[number] {
  const G = new NeuronGroup(4000, 'dv/dt = (1.1 - v)/(10*ms) : 1', { threshold: 'v > 1', reset: 'v = 0', method: 'exact', name: 'prof_g' });
  G.v = 'rand()';
  // Serial main-thread work between two steps' split executions (the worker polls, then sleeps).
  const pause = new NetworkOperation(() => {
    const until = performance.now() + pauseMs;
    while (performance.now() < until);
  }, { name: 'prof_pause' });
  const net = new Network(G, pause);
  const previous = process.env['BRIAN_TS_THREAD_PROFILE'];
  process.env['BRIAN_TS_THREAD_PROFILE'] = '1';
  try {
    net.run(ms(3), { threads: 2 });
  } finally {
    if (previous === undefined) delete process.env['BRIAN_TS_THREAD_PROFILE'];
    else process.env['BRIAN_TS_THREAD_PROFILE'] = previous;
  }
  assert.equal(lastThreadRun().threads, 2);
  const row = lastThreadProfile()?.find((r) => r.name === 'prof_g_stateupdater');
  assert.ok(row !== undefined, `profile rows: ${lastThreadProfile()?.map((r) => r.name).join(', ')}`);
  assert.equal(row.executions, 30);
  return row;
}

describe('thread profile (BRIAN_TS_THREAD_PROFILE=1)', () => {
  it('counts the executions that found the worker asleep: all of them when the main thread pauses past the polling limit', () => {
    // 2 ms of serial work per step: longer than any polling limit (SPIN_MS ≤ 0.25 ms by default).
    const row = profiledRun(2);
    const w = row.workers[0]!;
    assert.ok(w.sleptShare >= 0.8 && w.sleptShare <= 1, `asleep in ${w.sleptShare} of the executions`);
    assert.ok(w.startLatencyUs > 0 && w.busyUs > 0, JSON.stringify(w));
    // The mean start latency splits into the asleep executions' and the polling ones'.
    assert.ok(w.pollingLatencyUs >= 0 && w.pollingLatencyUs * (1 - w.sleptShare) <= w.startLatencyUs + 1e-9, JSON.stringify(w));
  });
});
