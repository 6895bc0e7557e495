/**
 * Issue 10: per-element jobs cut into chunks that the threads take dynamically (runShare in
 * src/devices/thread-worker.ts) give the bits of one thread, whichever thread runs a chunk. The
 * chunk threshold is set to 0 here, so every per-element job of these small networks is chunked
 * (by default only jobs with ≥ 8 µs of estimated work per chunk are).
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';

process.env['BRIAN_TS_CHUNK_MIN_NS'] = '0';
const b = await import('brian-ts');
const { Network, NetworkOperation, NeuronGroup, SpikeMonitor, StateMonitor, Synapses, lastThreadRun, ms, seed, shutdownThreads } = b;
const { lastThreadProfile } = await import('../../src/devices/index.ts');

after(() => shutdownThreads());

function build(): { net: InstanceType<typeof Network>; read: () => Float64Array[] } {
  seed(321);
  const G = new NeuronGroup(3001, 'dv/dt = (1.1 - v)/(10*ms) + 0.2*xi/sqrt(10*ms) : 1', { threshold: 'v > 1', reset: 'v = 0', method: 'euler', name: 'chunked_g' });
  G.v = 'rand()';
  const H = new NeuronGroup(2003, 'dv/dt = (0.5 - v)/(5*ms) : 1', { threshold: 'v > 0.9', reset: 'v = 0.1', method: 'exact', name: 'chunked_h' });
  const S = new Synapses(G, H, 'w : 1', { onPre: 'v_post += w', name: 'chunked_s' });
  S.connect({ p: 0.02 });
  S.w = 'rand() * 0.05';
  const MG = new SpikeMonitor(G, { name: 'chunked_mg' });
  const MH = new SpikeMonitor(H, { name: 'chunked_mh' });
  const SV = new StateMonitor(H, 'v', { record: [0, 1000, 2002], name: 'chunked_sv' });
  const net = new Network(G, H, S, MG, MH, SV);
  return {
    net,
    read: () => [Float64Array.from(G.v.values), Float64Array.from(H.v.values), Float64Array.from(MG.i), Float64Array.from(MG.t.values), Float64Array.from(MH.i), Float64Array.from(MH.t.values), Float64Array.from((SV.v as unknown as { values: ArrayLike<number> }).values)],
  };
}

describe('dynamic chunks', () => {
  it('give the bits of one thread on 2, 3 and 4 threads, and are used', () => {
    const reference = build();
    reference.net.run(ms(30), { threads: 1 });
    const expected = reference.read();
    assert.ok(expected[2]!.length > 100 && expected[4]!.length > 10, 'both groups spike');
    for (const threads of [2, 3, 4]) {
      const other = build();
      other.net.run(ms(30), { threads });
      const info = lastThreadRun();
      assert.equal(info.threads, threads);
      assert.ok(info.chunked?.some((n) => n.startsWith('chunked_g')) && info.chunked.some((n) => n.startsWith('chunked_h')), `chunked: ${String(info.chunked)}`);
      const got = other.read();
      got.forEach((a, k) => assert.deepEqual([...a], [...expected[k]!], `${threads} threads, array ${k}`));
    }
  });

  it('a worker still asleep when the main thread has claimed every chunk is not waited for, and the bits stay', () => {
    const reference = build();
    reference.net.run(ms(20), { threads: 1 });
    const expected = reference.read();
    for (const threads of [2, 3]) {
      const other = build();
      // 3 ms of main-thread work per step (3× the polling limit, with room for a loaded machine):
      // the workers' polling limit passes, they sleep, and the main thread takes every chunk
      // before a woken worker joins (session 10, see joinTag).
      other.net.add(new NetworkOperation(() => {
        const until = performance.now() + 3;
        while (performance.now() < until);
      }, { name: `chunked_pause${threads}` }));
      const previous = process.env['BRIAN_TS_THREAD_PROFILE'];
      process.env['BRIAN_TS_THREAD_PROFILE'] = '1';
      try {
        other.net.run(ms(20), { threads });
      } finally {
        if (previous === undefined) delete process.env['BRIAN_TS_THREAD_PROFILE'];
        else process.env['BRIAN_TS_THREAD_PROFILE'] = previous;
      }
      assert.equal(lastThreadRun().threads, threads);
      const missed = (lastThreadProfile() ?? []).reduce((a, r) => a + r.missedShare * r.executions, 0);
      assert.ok(missed > 0, `the main thread ran a batch without a worker: ${JSON.stringify(lastThreadProfile()?.map((r) => [r.name, r.missedShare]))}`);
      const got = other.read();
      got.forEach((a, k) => assert.deepEqual([...a], [...expected[k]!], `${threads} threads, array ${k}`));
    }
  });
});
