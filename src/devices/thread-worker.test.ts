/**
 * The worker's warm-up before its first run (warmServe, session 13): synthetic batches through the
 * real per-batch runtime, so V8 optimizes it outside a run. It is only worth anything if every
 * synthetic batch is joined and run through the paths a run takes (dynamic and static batches,
 * pathway deliveries with and without source lists) — a wrong publication would silently warm
 * nothing — and it must return (a wait that blocked would hang the worker's start).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CHUNKS_PER_THREAD, CLAIM_STRIDE, GEN, awaitGeneration, deliverPart, partSlot, runShare, warmServe } from './thread-worker.ts';
import type { Plan, RangedFn } from './thread-worker.ts';

describe('warmServe', () => {
  it('joins and runs every synthetic batch, on every path a run takes', () => {
    let plan: Plan | undefined;
    let fns: (RangedFn | null)[] = [];
    let bufs: (Int32Array | undefined)[][] = [];
    let srcBufs: (Int32Array | undefined)[][] = [];
    const calls = new Map<string, number>();
    const count = (key: string): void => void calls.set(key, (calls.get(key) ?? 0) + 1);
    // As the worker's own chunk runner (serveThreadJobs), counting.
    const runChunk = (j: number, c: number): boolean => {
      const job = plan!.jobs[j]!;
      count(`${j}:${c}`);
      const fn: RangedFn = (lo, hi, seg, segs, evp, from, to) => {
        count(job.pathway === true ? (evp === undefined ? 'consecutive' : 'listed') : 'element');
        fns[j]!(lo, hi, seg, segs, evp, from, to);
      };
      if (job.pathway === true) deliverPart(fn, job.lo[c]!, job.hi[c]!, c, job.segs, bufs[j]![partSlot(job.segs[0]!, c, job.lo.length)], job.spans, srcBufs[j]![job.segs[0]!]);
      else fn(job.lo[c]!, job.hi[c]!, c, job.segs);
      return true;
    };
    const batches = 48;
    const ran = warmServe(runChunk, (p, f, b, s) => {
      plan = p;
      fns = f;
      bufs = b;
      srcBufs = s;
    }, batches);
    assert.equal(ran, batches);
    const jobs = plan!.jobs;
    const element = jobs.filter((j) => j.pathway !== true).length;
    const pathways = jobs.length - element;
    assert.ok(element >= 5 && pathways >= 5, 'more kernels of each kind than V8 inlines polymorphically');
    // Dynamic batches (even): the only thread present runs every chunk of every element job.
    const C = 2 * CHUNKS_PER_THREAD;
    for (let j = 0; j < element; j++) for (let c = 0; c < C; c++) assert.equal(calls.get(`${j}:${c}`), batches / 2, `element job ${j} chunk ${c}`);
    // Static batches (odd): one pathway job each, thread 1's part. Dynamic batches with a pathway
    // first (k % 4 = 2, see runPrefix): both parts, each with its half's first chunk.
    for (let j = element; j < jobs.length; j++) {
      assert.equal(calls.get(`${j}:0`), batches / 4 / pathways, `pathway job ${j} part 0`);
      assert.equal(calls.get(`${j}:1`), batches / 2 / pathways + batches / 4 / pathways, `pathway job ${j} part 1`);
    }
    // Deliveries from the part's own list and, with source lists, of consecutive and listed synapses.
    assert.ok((calls.get('consecutive') ?? 0) > 0 && (calls.get('listed') ?? 0) > 0, JSON.stringify(Object.fromEntries(calls)));
    assert.equal(calls.get('element'), (batches / 2) * element * C);
    assert.equal(plan!.spinMs, 1, 'a run on at most one thread per core polls 1 ms: the same field kind');
  });

  it('does nothing when asked for no batches', () => {
    let installed = false;
    assert.equal(warmServe(() => true, () => (installed = true), 0), 0);
    assert.equal(installed, false);
  });
});

describe('runShare with one part per thread before chunked jobs (runPrefix)', () => {
  const K = CHUNKS_PER_THREAD;
  // Jobs 0 and 1: one part per thread (pathways); job 2: K chunks per thread (a state update).
  const chunks = Int32Array.of(2, 2, 2 * K);
  const batch = Int32Array.of(0, 1, 2);
  const claims = (): Int32Array => new Int32Array(new SharedArrayBuffer(4 * CLAIM_STRIDE * 2));
  const record = (calls: string[]) => (j: number, c: number): boolean => {
    calls.push(`${j}:${c}`);
    return true;
  };

  it("runs a range's parts with its first chunk, before every chunk of it, once", () => {
    const calls: string[] = [];
    assert.equal(runShare(0, 2, 3, batch, chunks, claims(), record(calls)), true, 'dynamic');
    const range = (u: number): string[] => [`0:${u}`, `1:${u}`, ...Array.from({ length: K }, (_, i) => `2:${u * K + i}`)];
    assert.deepEqual(calls, [...range(0), ...range(1)]);
  });

  it("a range whose first chunk another thread took: its later chunks only, after that thread's parts", () => {
    const calls: string[] = [];
    const c = claims();
    c[CLAIM_STRIDE] = 1; // thread 1 took its first chunk...
    c[CLAIM_STRIDE + 1] = 1; // ...and delivered its parts
    runShare(0, 2, 3, batch, chunks, c, record(calls));
    assert.deepEqual(calls.filter((x) => !x.startsWith('2:')), ['0:0', '1:0']);
    assert.deepEqual(calls.filter((x) => x.startsWith('2:')), Array.from({ length: 2 * K - 1 }, (_, i) => `2:${i < K ? i : i + 1}`));
  });

  it('says the parts are done when they throw (no thread waits for them for ever)', () => {
    const c = claims();
    assert.throws(() => runShare(0, 2, 3, batch, chunks, c, (j) => {
      if (j === 1) throw new Error('boom');
      return true;
    }), /boom/);
    assert.equal(c[1], 1);
  });

  it('static when a job with one part per thread comes after a chunked one, or no job is chunked', () => {
    const calls: string[] = [];
    assert.equal(runShare(1, 2, 3, Int32Array.of(2, 0, 1), chunks, claims(), record(calls)), false);
    assert.deepEqual(calls, [...Array.from({ length: K }, (_, i) => `2:${K + i}`), '0:1', '1:1']);
    assert.equal(runShare(1, 2, 2, Int32Array.of(0, 1), chunks, claims(), () => true), false);
  });
});

describe('awaitGeneration', () => {
  it('returns the polls made when the generation moved, and -1 after a sleep (at once when it moved)', () => {
    const ctrl = new Int32Array(new SharedArrayBuffer(4 * 32));
    ctrl[GEN] = 5;
    assert.equal(awaitGeneration(ctrl, 4, 100), 0);
    // Polled its limit (-1: none), it sleeps; Atomics.wait returns at once since GEN is not 4.
    assert.equal(awaitGeneration(ctrl, 4, -1), -1);
  });
});
