/**
 * Issue 10 (session 16, s16-fuse): with deliveries pending into the next step's batch
 * (`BRIAN_TS_FUSE_STEPS=1`), a pathway onto a dynamically chunked group is partitioned by that
 * group's chunks (ParallelSession.chunkPathways), so chunk c of the fused batch is "deliver part c,
 * update chunk c", whichever thread claims it. The bits must be one thread's: with heterogeneous
 * delays (events of several push steps in one part's list), both pathways onto the same variable
 * of the same post range, a homogeneous delay (source lists) and delay 0, with 2, 3 and 4 threads
 * (8, 12 and 16 parts over an odd N). The chunk threshold is 0 here so these small groups chunk.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';

process.env['BRIAN_TS_CHUNK_MIN_NS'] = '0';
const b = await import('brian-ts');
const { Network, NeuronGroup, SpikeMonitor, StateMonitor, Synapses, lastThreadRun, ms, seed, shutdownThreads } = b;

after(() => shutdownThreads());

/** Runs `run` with `BRIAN_TS_FUSE_STEPS=1` and `BRIAN_TS_CHUNK_PATHWAYS` as given. */
function fusing<T>(chunkPathways: boolean, run: () => T): T {
  const keep = [process.env['BRIAN_TS_FUSE_STEPS'], process.env['BRIAN_TS_CHUNK_PATHWAYS']];
  process.env['BRIAN_TS_FUSE_STEPS'] = '1';
  process.env['BRIAN_TS_CHUNK_PATHWAYS'] = chunkPathways ? '1' : '0';
  try {
    return run();
  } finally {
    for (const [k, name] of ['BRIAN_TS_FUSE_STEPS', 'BRIAN_TS_CHUNK_PATHWAYS'].entries()) {
      if (keep[k] === undefined) delete process.env[name];
      else process.env[name] = keep[k];
    }
  }
}

/**
 * Conductance LIF over an odd N (chunk bounds not multiples of anything): `e` (heterogeneous
 * delays) and `h` (delay 0, weights) both onto ge, `i` (a homogeneous 0.4 ms) onto gi. The update
 * reads ge and gi every step, so a delivery that ran after its element's update changes v. (A
 * monitor of ge would complete the deliveries before the next step: no fused batch.)
 */
function build(name: string) {
  seed(1616);
  const G = new NeuronGroup(1601, 'dv/dt = (ge*(1.5 - v) + gi*(-0.5 - v) + (1.12 - v))/(10*ms) : 1 (unless refractory)\ndge/dt = -ge/(5*ms) : 1\ndgi/dt = -gi/(10*ms) : 1', {
    threshold: 'v > 1', reset: 'v = 0', refractory: ms(1), method: 'euler', name,
  });
  G.v = 'rand()';
  const e = new Synapses(G.slice(0, 1200), G, 'w : 1', { onPre: 'ge_post += w', name: `${name}_e` });
  e.connect({ p: 0.05 });
  e.w = 'rand() * 0.03';
  e.delay = 'rand() * 2 * ms';
  const h = new Synapses(G, G, '', { onPre: 'ge_post += 0.01', name: `${name}_h` });
  h.connect({ p: 0.02 });
  const i = new Synapses(G.slice(1200, 1601), G, '', { onPre: 'gi_post += 0.05', delay: ms(0.4), name: `${name}_i` });
  i.connect({ p: 0.05 });
  const M = new SpikeMonitor(G, { name: `${name}_spikes` });
  const V = new StateMonitor(G, 'v', { record: [0, 200, 201, 799, 800, 1600], name: `${name}_trace` });
  const net = new Network(G, e, h, i, M, V);
  const read = (): Float64Array[] => [
    ...['v', 'ge', 'gi', 'lastspike'].map((v) => Float64Array.from(G.variables.getArray(v).array as Float64Array)),
    Float64Array.from(M.i), Float64Array.from(M.t.values as unknown as Float64Array),
    ...V.v.values.map((row) => Float64Array.from(row as unknown as Float64Array)),
  ];
  return { net, read, M };
}

/** Two runs (the queue, with events still pending at the first run's end, is partitioned twice). */
function runTwice(m: ReturnType<typeof build>, threads: number): void {
  m.net.run(ms(20), { threads });
  m.net.run(ms(10), { threads });
}

describe('pathways partitioned by the fused batch\'s dynamic chunks', () => {
  it('give the bits of one thread with 2, 3 and 4 threads (heterogeneous delays, two pathways onto ge, one onto gi), one barrier a step', () => {
    const one = build('fc');
    runTwice(one, 1);
    const expected = one.read();
    assert.ok(one.M.numSpikes > 300, `spikes: ${one.M.numSpikes}`);
    for (const threads of [2, 3, 4]) {
      const m = build('fc');
      fusing(true, () => runTwice(m, threads));
      const info = lastThreadRun();
      assert.equal(info.threads, threads);
      // The pathways have the group's T × 4 chunks as their parts.
      for (const p of ['fc_e_pre', 'fc_h_pre', 'fc_i_pre']) assert.ok(info.chunked?.includes(p), `${threads} threads: chunked ${String(info.chunked)} include ${p}`);
      assert.ok(info.sourceLists?.includes('fc_i_pre'), `source lists: ${String(info.sourceLists)}`);
      // One barrier a step (the last step's deliveries after the loop): the batch is the fused one.
      assert.ok(info.steps === 100 && (info.barriers === 100 || info.barriers === 101), `${threads} threads: ${info.barriers} barriers in ${info.steps} steps`);
      m.read().forEach((a, k) => assert.deepEqual(a, expected[k], `${threads} threads, array ${k}`));
    }
  });

  it('with BRIAN_TS_CHUNK_PATHWAYS=0 keep one part per thread (the same bits)', () => {
    const one = build('fs');
    runTwice(one, 1);
    const expected = one.read();
    const m = build('fs');
    fusing(false, () => runTwice(m, 2));
    const info = lastThreadRun();
    assert.ok(!info.chunked?.some((n) => n.endsWith('_pre')), `chunked: ${String(info.chunked)}`);
    m.read().forEach((a, k) => assert.deepEqual(a, expected[k], `array ${k}`));
  });
});
