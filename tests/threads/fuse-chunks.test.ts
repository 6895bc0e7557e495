/**
 * Issue 10 (session 16, s16-fuse): with deliveries pending into the next step's batch (the
 * default; `BRIAN_TS_FUSE_STEPS=0` turns it off), the fused batch — the pathways' deliveries, then the state update and
 * threshold of the same postsynaptic group — stays dynamic: whoever claims the first chunk of a
 * thread's range delivers that range's part first, and whoever claims a later chunk of it waits
 * for that (runPrefix in src/devices/thread-worker.ts); or (`BRIAN_TS_CHUNK_PATHWAYS=1`) each
 * pathway is partitioned by the group's chunks, chunk c being "deliver part c, update chunk c"
 * (ParallelSession.chunkPathways). The bits must be one thread's: with heterogeneous delays
 * (events of several push steps in one part's list), two pathways onto the same variable of the
 * same post range, a homogeneous delay (source lists) and delay 0, with 2, 3 and 4 threads over an
 * odd N. The chunk threshold is 0 here so these small groups chunk.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';

process.env['BRIAN_TS_CHUNK_MIN_NS'] = '0';
const b = await import('brian-ts');
const { Network, NeuronGroup, SpikeMonitor, StateMonitor, Synapses, lastThreadRun, ms, seed, shutdownThreads } = b;

after(() => shutdownThreads());

/**
 * Runs `run` with the deliveries fused into the next step's batch as by default, or with
 * `BRIAN_TS_CHUNK_PATHWAYS=1` (`chunked`), or not fused (`BRIAN_TS_FUSE_STEPS=0`, `off`).
 */
function fusing<T>(mode: 'default' | 'chunked' | 'off', run: () => T): T {
  const names = ['BRIAN_TS_FUSE_STEPS', 'BRIAN_TS_CHUNK_PATHWAYS'];
  const keep = names.map((n) => process.env[n]);
  delete process.env['BRIAN_TS_FUSE_STEPS'];
  delete process.env['BRIAN_TS_CHUNK_PATHWAYS'];
  if (mode === 'off') process.env['BRIAN_TS_FUSE_STEPS'] = '0';
  if (mode === 'chunked') process.env['BRIAN_TS_CHUNK_PATHWAYS'] = '1';
  try {
    return run();
  } finally {
    names.forEach((n, k) => {
      if (keep[k] === undefined) delete process.env[n];
      else process.env[n] = keep[k];
    });
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

const PATHWAYS = ['fc_e_pre', 'fc_h_pre', 'fc_i_pre'];

describe('the fused batch of deliveries and the state update stays dynamic', () => {
  let expected: Float64Array[] | undefined;
  const reference = (): Float64Array[] => {
    if (expected !== undefined) return expected;
    const one = build('fc');
    runTwice(one, 1);
    assert.ok(one.M.numSpikes > 300, `spikes: ${one.M.numSpikes}`);
    return (expected = one.read());
  };

  for (const chunked of [false, true]) {
    const how = chunked ? 'pathways partitioned by the chunks (BRIAN_TS_CHUNK_PATHWAYS=1)' : 'each range\'s deliveries with its first chunk';
    it(`${how}: the bits of one thread with 2, 3 and 4 threads (heterogeneous delays, two pathways onto ge, one onto gi), one barrier a step`, () => {
      const want = reference();
      for (const threads of [2, 3, 4]) {
        const m = build('fc');
        fusing(chunked ? 'chunked' : 'default', () => runTwice(m, threads));
        const info = lastThreadRun();
        assert.equal(info.threads, threads);
        for (const p of PATHWAYS) assert.ok(info.split.includes(p), `${threads} threads: split ${info.split.join(', ')} include ${p}`);
        // Partitioned by the group's T × 4 chunks, or one part per thread.
        for (const p of PATHWAYS) assert.equal(info.chunked?.includes(p), chunked, `${threads} threads: chunked ${String(info.chunked)}`);
        assert.ok(info.sourceLists?.includes('fc_i_pre'), `source lists: ${String(info.sourceLists)}`);
        // One barrier a step (the last step's deliveries after the loop): the batch is the fused one,
        // and dynamic (after the pathways' parts, see runPrefix) unless the pathways have the chunks.
        const { steps = 0, barriers = 0, prefixed = 0 } = info;
        assert.ok(steps === 100 && (barriers === 100 || barriers === 101), `${threads} threads: ${barriers} barriers in ${steps} steps`);
        if (chunked) assert.equal(prefixed, 0);
        else assert.ok(prefixed >= 98 && prefixed <= barriers, `${threads} threads: ${prefixed} batches with deliveries first`);
        m.read().forEach((a, k) => assert.deepEqual(a, want[k], `${threads} threads, array ${k}`));
      }
    });
  }

  it('BRIAN_TS_FUSE_STEPS=0: the deliveries in a batch of their own each step, the same bits', () => {
    const want = reference();
    const m = build('fc');
    fusing('off', () => runTwice(m, 2));
    const { steps = 0, barriers = 0, prefixed = 0 } = lastThreadRun();
    assert.ok(steps === 100 && barriers > 190 && prefixed === 0, `${barriers} barriers in ${steps} steps, ${prefixed} with deliveries first`);
    m.read().forEach((a, k) => assert.deepEqual(a, want[k], `array ${k}`));
  });
});
