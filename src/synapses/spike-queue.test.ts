import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { delayToSteps, SpikeQueue, SpikeQueueError } from './index.ts';
import { PASS_CHUNK } from './spike-queue.ts';

const DT = 0.1e-3;

/** Delivers `steps` steps, pushing `spikes[step]` before each peek; returns the delivered lists. */
function simulate(q: SpikeQueue, spikes: readonly (readonly number[])[], steps: number): number[][] {
  const out: number[][] = [];
  for (let s = 0; s < steps; s++) {
    q.push(spikes[s] ?? []);
    out.push([...q.peek()]);
    q.advance();
  }
  return out;
}

describe('SpikeQueue', () => {
  it('delayToSteps rounds as cspikequeue.cpp: 0, 0.25, 0.15, 0.35 ms at 0.1 ms → 0, 3, 1, 4 (semantics §15.3)', () => {
    assert.deepEqual([0, 0.25e-3, 0.15e-3, 0.35e-3].map((d) => delayToSteps(d, DT)), [0, 3, 1, 4]);
  });

  it('SpikeQueue.prepare with heterogeneous delays delivers after 0, 3, 1, 4 steps', () => {
    const q = new SpikeQueue(0, 1, 'syn_pre');
    q.prepare([0, 0.25e-3, 0.15e-3, 0.35e-3], DT, [0, 0, 0, 0]);
    assert.equal(q.homogeneous, false);
    assert.deepEqual(simulate(q, [[0]], 6), [[0], [2], [], [1], [3], []]);
  });

  it('SpikeQueue.push with a homogeneous delay orders by source then synapse index', () => {
    const q = new SpikeQueue(0, 3);
    // Synapses not grouped by source: 0→src2, 1→src0, 2→src2, 3→src1.
    q.prepare(0.2e-3, DT, [2, 0, 2, 1]);
    assert.equal(q.homogeneous, true);
    assert.deepEqual(simulate(q, [[0, 2], [1, 2]], 4), [[], [], [1, 0, 2], [3, 0, 2]]);
  });

  it('SpikeQueue.push with a homogeneous delay: high out-degree neurons (copied by views) give the reference order', () => {
    // Out-degrees around the view threshold (256), synapses interleaved between sources.
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 600 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (degrees, seed) => {
        let r = seed;
        const next = (): number => (r = (Math.imul(r, 1103515245) + 12345) >>> 1);
        const sources: number[] = [];
        degrees.forEach((d, src) => {
          for (let k = 0; k < d; k++) sources.push(src);
        });
        for (let k = sources.length - 1; k > 0; k--) {
          const m = next() % (k + 1);
          [sources[k], sources[m]] = [sources[m]!, sources[k]!];
        }
        const q = new SpikeQueue(1, degrees.length + 1);
        q.prepare(0.1e-3, DT, sources.map((x) => x + 1));
        const spikes = [0, 1, 2, 3, 4, 5, 6].filter(() => next() % 2 === 0);
        const delivered = simulate(q, [spikes, spikes.slice(1)], 3);
        const expected = (list: number[]): number[] => list.filter((n) => n >= 1 && n <= degrees.length).flatMap((n) => sources.flatMap((src, s) => (src === n - 1 ? [s] : [])));
        assert.deepEqual(delivered, [[], expected(spikes), expected(spikes.slice(1))]);
      }),
      { numRuns: 200 },
    );
  });

  it('SpikeQueue.push with heterogeneous delays keeps push order within a step', () => {
    const q = new SpikeQueue(0, 2);
    q.prepare([0.2e-3, 0.1e-3], DT, [0, 1]);
    // Step 0 pushes synapse 0 (2 steps), step 1 pushes synapse 1 (1 step): both at step 2, push order.
    assert.deepEqual(simulate(q, [[0], [1]], 3), [[], [], [0, 1]]);
  });

  it('SpikeQueue.prepare treats equal per-synapse delays as homogeneous (Brian2 scalar_delay)', () => {
    const q = new SpikeQueue(0, 2);
    q.prepare([0.1e-3, 0.1e-3, 0.1e-3], DT, [1, 0, 1]);
    assert.equal(q.homogeneous, true);
    assert.deepEqual(simulate(q, [[0, 1]], 2), [[], [1, 0, 2]]);
  });

  it('SpikeQueue.push ignores spikes outside a subgroup source range', () => {
    const q = new SpikeQueue(10, 13);
    q.prepare(0, DT, [10, 12, 11]);
    assert.deepEqual(simulate(q, [[3, 11, 12, 13, 20]], 1), [[2, 1]]);
  });

  it('SpikeQueue.prepare re-bins pending events when dt changes', () => {
    const q = new SpikeQueue(0, 1);
    q.prepare(0.4e-3, DT, [0]);
    q.push([0]);
    q.advance(); // 3 steps of 0.1 ms left
    q.prepare(0.4e-3, DT / 2, [0]); // → 6 steps of 0.05 ms
    const delivered = simulate(q, [], 8).map((l) => l.length);
    assert.deepEqual(delivered, [0, 0, 0, 0, 0, 0, 1, 0]);
  });

  it('SpikeQueue.prepare keeps every event when dt grows and lists merge (Brian2 drops some)', () => {
    const q = new SpikeQueue(0, 1);
    q.prepare([0.1e-3, 0.2e-3], DT, [0, 0]);
    q.push([0]);
    q.advance(); // pending: synapse 0 in 0 steps, synapse 1 in 1 step
    q.prepare([0.1e-3, 0.2e-3], DT * 4, [0, 0]);
    assert.equal(q.pending, 2);
  });

  it('SpikeQueue.storeState / restoreState round-trip the pending events', () => {
    const q = new SpikeQueue(0, 2);
    q.prepare([0.1e-3, 0.3e-3], DT, [0, 1]);
    q.push([0, 1]);
    const state = q.storeState();
    const expected = simulate(q, [[1]], 5);
    q.restoreState(state);
    assert.deepEqual(simulate(q, [[1]], 5), expected);
  });

  it('SpikeQueue reuses its buffers after warm-up', () => {
    const q = new SpikeQueue(0, 4);
    q.prepare([0, 0.1e-3, 0.2e-3, 0.3e-3], DT, [0, 1, 2, 3]);
    for (let s = 0; s < 20; s++) (q.push([0, 1, 2, 3]), q.advance());
    const buffers = Array.from({ length: q.length }, () => {
      const b = q.peekBuffer();
      q.advance();
      return b;
    });
    for (let s = 0; s < 50; s++) (q.push([0, 1, 2, 3]), q.advance());
    const after = Array.from({ length: q.length }, () => {
      const b = q.peekBuffer();
      q.advance();
      return b;
    });
    assert.ok(after.every((b) => buffers.includes(b)));
  });

  it('SpikeQueue rejects negative or non-finite delays, bad dt and mismatched lengths', () => {
    const q = new SpikeQueue(0, 2, 'syn_pre');
    const err = (re: RegExp) => (e: unknown) => e instanceof SpikeQueueError && re.test(e.message);
    assert.throws(() => q.prepare([0, -1e-3], DT, [0, 1]), err(/Spike queue 'syn_pre': delays must be finite and non-negative, got -0\.001 s for synapse 1/));
    assert.throws(() => q.prepare(Number.NaN, DT, [0]), err(/non-negative, got NaN/));
    assert.throws(() => q.prepare(0, 0, [0]), err(/dt must be a positive/));
    assert.throws(() => q.prepare([0, 0, 0], DT, [0, 1]), err(/got 3 delays for 2 synapses/));
    assert.throws(() => q.prepare(0, DT, [0, 5]), err(/synapse 1 has presynaptic index 5/));
    assert.throws(() => new SpikeQueue(0, 1).push([0]), err(/push\(\) before prepare\(\)/));
  });

  it('SpikeQueue groups synapses by source over several loop chunks (PASS_CHUNK) as a stable sort does, and names a bad source past the first chunk', () => {
    const n = 2 * PASS_CHUNK + 37;
    const sources = Int32Array.from({ length: n }, (_, s) => 3 + ((s * 7919) % 11));
    const q = new SpikeQueue(3, 14, 'syn_pre');
    q.prepare(0, DT, sources);
    const expected = Array.from({ length: n }, (_, s) => s).sort((a, b) => sources[a]! - sources[b]! || a - b);
    assert.deepEqual([...q.csrSynapses], expected);
    assert.deepEqual([...q.csrOffsets].slice(0, 3), [0, expected.filter((s) => sources[s] === 3).length, expected.filter((s) => sources[s]! <= 4).length]);
    const bad = sources.slice();
    bad[PASS_CHUNK + 5] = 14;
    assert.throws(() => new SpikeQueue(3, 14, 'syn_pre').prepare(0, DT, bad), (e: unknown) => e instanceof SpikeQueueError && new RegExp(`synapse ${PASS_CHUNK + 5} has presynaptic index 14`).test(e.message));
  });

  it('SpikeQueue keeps no synapse list when the sources are non-decreasing (over several PASS_CHUNKs), and one when a single source drops, at a chunk boundary too', () => {
    const n = 3 * PASS_CHUNK + 11;
    const sorted = Int32Array.from({ length: n }, (_, s) => 2 + Math.floor((s * 9) / n));
    const steps = Float64Array.from({ length: n }, (_, s) => ((s * 7) % 5) * DT);
    for (const delays of [0.3e-3, steps]) {
      const q = new SpikeQueue(2, 12, 'syn_pre');
      q.prepare(delays, DT, sorted, new Int32Array(11));
      assert.equal(q.csrSynapses.length, 0);
      // Offsets (11), delay steps (1 or n) and the per-source first synapse (10 or none): no 4 bytes per synapse.
      assert.equal(q.byteLength, 4 * 11 + 4 * (typeof delays === 'number' ? 1 + 10 : n));
      assert.deepEqual([...q.csrOffsets], Array.from({ length: 11 }, (_, x) => sorted.findIndex((v) => v >= 2 + x) < 0 ? n : sorted.findIndex((v) => v >= 2 + x)));
      if (typeof delays === 'number') assert.deepEqual([...q.csrFirst], [...q.csrOffsets].slice(0, 10).map((o, x) => (q.csrOffsets[x + 1]! > o ? o : -1)));
    }
    for (const at of [PASS_CHUNK, PASS_CHUNK + 1, n - 1]) {
      // One source below its predecessor (first position of a chunk, inside one, the last): the counting sort.
      const unsorted = sorted.slice();
      unsorted[at] = 2;
      const q = new SpikeQueue(2, 12, 'syn_pre');
      q.prepare(0, DT, unsorted);
      const expected = Array.from({ length: n }, (_, s) => s).sort((a, b) => unsorted[a]! - unsorted[b]! || a - b);
      assert.deepEqual([...q.csrSynapses], expected, `drop at ${at}`);
    }
  });

  it('SpikeQueue delivers the same with sorted sources (identity CSR) as with the same synapses permuted, through every push path', () => {
    // Sources 0,0,1,1,1,3 (sorted) against a permutation: same deliveries after mapping the indices.
    const sorted = [0, 0, 1, 1, 1, 3];
    const perm = [4, 0, 5, 2, 1, 3]; // permuted synapse k is sorted synapse perm[k]
    const permuted = perm.map((p) => sorted[p]!);
    const hetero = [0.1e-3, 0.3e-3, 0, 0.2e-3, 0.1e-3, 0.4e-3];
    for (const delays of [0.2e-3, hetero]) {
      for (const how of ['plain', 'space', 'partition'] as const) {
        const a = new SpikeQueue(0, 4);
        const b = new SpikeQueue(0, 4);
        const space = new Int32Array(new SharedArrayBuffer(4 * 5));
        a.prepare(delays, DT, sorted, how === 'plain' ? undefined : space);
        b.prepare(typeof delays === 'number' ? delays : perm.map((p) => delays[p]!), DT, permuted, how === 'plain' ? undefined : space);
        assert.equal(a.csrSynapses.length, 0);
        assert.equal(b.csrSynapses.length, 6);
        if (how === 'partition') {
          a.partition(undefined, Int32Array.from([0, 3, 6]), true);
          b.partition(perm, Int32Array.from([0, 3, 6]), true);
        }
        const trains = [[0, 1], [3], [0, 1, 3], [], [1], [], [], []];
        for (const train of trains) {
          space.set(train);
          a.push(how === 'plain' ? train : space, train.length);
          b.push(how === 'plain' ? train : space, train.length);
          const got = [...a.peek()];
          const mapped = [...b.peek()].map((k) => perm[k]!);
          // Within a source the order is by synapse index on both sides (perm keeps it here: per source ascending).
          assert.deepEqual(got.slice().sort(), mapped.slice().sort(), `${how} ${typeof delays}`);
          a.advance();
          b.advance();
        }
        assert.equal(a.pending, 0);
      }
    }
  });

  it('SpikeQueue matches a naive model of delivery times (property)', () => {
    const caseArb = fc.record({
      nSources: fc.integer({ min: 1, max: 5 }),
      synapses: fc.array(fc.tuple(fc.nat(4), fc.integer({ min: 0, max: 60 })), { maxLength: 12 }),
      // Sorted sources: the identity CSR (no synapse list).
      sorted: fc.boolean(),
      homogeneous: fc.boolean(),
      spikes: fc.array(fc.uniqueArray(fc.nat(4), { maxLength: 5 }), { maxLength: 20 }),
    });
    fc.assert(
      fc.property(caseArb, ({ nSources, synapses, sorted, homogeneous, spikes }) => {
        const sources = synapses.map(([s]) => s % nSources);
        if (sorted) sources.sort((a, b) => a - b);
        const delays = homogeneous ? (synapses[0]?.[1] ?? 0) * 0.01e-3 : synapses.map(([, d]) => d * 0.01e-3);
        const q = new SpikeQueue(0, nSources);
        q.prepare(delays, DT, sources);
        const trains = spikes.map((l) => [...l].map((v) => v % nSources).filter((v, k, a) => a.indexOf(v) === k).sort((a, b) => a - b));
        const steps = trains.length + 10;
        const got = simulate(q, trains, steps);
        // Naive model: each (step, source, synapse) in push order lands at step + round(delay).
        const want: number[][] = Array.from({ length: steps }, () => []);
        trains.forEach((train, step) => {
          for (const src of train) {
            sources.forEach((s, syn) => {
              if (s !== src) return;
              const d = typeof delays === 'number' ? delays : delays[syn]!;
              const at = step + Math.floor(d / DT + 0.5);
              if (at < steps) want[at]!.push(syn);
            });
          }
        });
        assert.deepEqual(got, want);
      }),
      { numRuns: 300 },
    );
  });

  it('SpikeQueue records the spiking sources of pushes from its event space (homogeneous delays), not their synapses', () => {
    const q = new SpikeQueue(0, 3, 'syn_pre');
    const space = new Int32Array(4);
    // Source 0 → synapses 0, 1 (consecutive); source 2 → synapses 2, 4; source 1 → 3.
    q.prepare(0.2e-3, DT, [0, 0, 2, 1, 2], space);
    space.set([0, 2]);
    space[3] = 2;
    q.push(space, 2);
    q.advance();
    q.advance();
    assert.equal(q.sourceCount(), 2);
    assert.equal(q.ownCount(), 0);
    assert.equal(q.peekCount(), 4);
    assert.deepEqual([...q.sourceList().subarray(0, 2)], [0, 2]);
    assert.deepEqual([...q.csrFirst], [0, 3, -1]);
    assert.deepEqual([...q.peek()], [0, 1, 2, 4]);
    assert.equal(q.sourceCount(), 0);
    // Heterogeneous delays keep the synapse lists.
    const h = new SpikeQueue(0, 3, 'syn_pre');
    h.prepare([0, 0, 0, 0, 0.1e-3], DT, [0, 0, 2, 1, 2], space);
    h.push(space, 2);
    assert.equal(h.sourceCount(), 0);
    assert.deepEqual([...h.peek()], [0, 1, 2]);
  });

  it('SpikeQueue unpartitioned source lists: the pathway code\'s delivery (own list, then each source\'s CSR synapses) equals today\'s queue (property)', () => {
    const caseArb = fc.record({
      nSources: fc.integer({ min: 1, max: 5 }),
      // Sorted synapses make sources' synapses consecutive (index ranges); unsorted ones use the CSR.
      synapses: fc.array(fc.tuple(fc.nat(4), fc.integer({ min: 0, max: 60 })), { maxLength: 40 }),
      sorted: fc.boolean(),
      homogeneous: fc.boolean(),
      spikes: fc.array(fc.tuple(fc.uniqueArray(fc.nat(4), { maxLength: 5 }), fc.nat(7)), { maxLength: 14 }),
      rebinAt: fc.nat(14),
    });
    fc.assert(
      fc.property(caseArb, ({ nSources, synapses, sorted, homogeneous, spikes, rebinAt }) => {
        const sources = synapses.map(([s]) => s % nSources);
        if (sorted) sources.sort((a, b) => a - b);
        const delays = homogeneous ? (synapses[0]?.[1] ?? 0) * 0.01e-3 : synapses.map(([, d]) => d * 0.01e-3);
        const trains = spikes.map(([l, how]) => ({ train: [...l].map((v) => v % nSources).filter((v, k, a) => a.indexOf(v) === k).sort((a, b) => a - b), how }));
        const today = new SpikeQueue(0, nSources);
        const q = new SpikeQueue(0, nSources);
        const space = new Int32Array(nSources + 1);
        today.prepare(delays, DT, sources);
        q.prepare(delays, DT, sources, space);
        const steps = trains.length + 8;
        for (let s = 0; s < steps; s++) {
          if (s === rebinAt) {
            // A new run at another dt: pending events (source lists included) are re-binned alike.
            today.prepare(delays, DT / 2, sources);
            q.prepare(delays, DT / 2, sources, space);
          }
          const { train, how } = trains[s] ?? { train: [], how: 0 };
          today.push(train);
          space.set(train);
          space[nSources] = train.length;
          // Mostly from the event space (sources recorded); sometimes from another array, or twice.
          if (how === 1) q.push(train);
          else q.push(space, train.length);
          if (how === 2) {
            today.push(train);
            q.push(space, train.length);
          }
          const want = [...today.peek()];
          assert.equal(q.peekCount(), want.length);
          const m = q.sourceCount();
          if (!q.homogeneous) assert.equal(m, 0);
          if (how === 3) assert.deepEqual([...q.peek()], want, `peek at step ${s}`);
          else {
            const got = [...q.ownBuffer().subarray(0, q.ownCount())];
            const list = q.sourceList();
            for (let k = 0; k < m; k++) {
              const x = list[k]!;
              const from = q.csrOffsets[x]!;
              const to = q.csrOffsets[x + 1]!;
              const a = q.csrFirst[x]!;
              got.push(...(a >= 0 ? Array.from({ length: to - from }, (_, j) => a + j) : q.csrSynapses.subarray(from, to)));
            }
            assert.deepEqual(got, want, `step ${s}`);
          }
          assert.equal(q.pending, today.pending);
          today.advance();
          q.advance();
          if (s === steps - 5) {
            const state = q.storeState();
            assert.deepEqual(state, today.storeState());
            q.restoreState(state);
          }
        }
        assert.deepEqual(q.storeState(), today.storeState());
      }),
      { numRuns: 400 },
    );
  });

  it('SpikeQueue.partition: each part delivers its keys in the serial order; unpartition restores the serial state (property)', () => {
    const caseArb = fc.record({
      nSources: fc.integer({ min: 1, max: 5 }),
      synapses: fc.array(fc.tuple(fc.nat(4), fc.integer({ min: 0, max: 60 }), fc.nat(9)), { maxLength: 40 }),
      sorted: fc.boolean(),
      homogeneous: fc.boolean(),
      byKey: fc.boolean(),
      // Keys ascending with the synapse index (connect()'s order): each part is a run of each source's synapses.
      keysAscending: fc.boolean(),
      parts: fc.integer({ min: 1, max: 4 }),
      spikes: fc.array(fc.uniqueArray(fc.nat(4), { maxLength: 5 }), { maxLength: 12 }),
      at: fc.nat(12),
      // Pushes from a shared event space, which lets the partition keep source lists (homogeneous delays).
      deferPush: fc.boolean(),
      peekEvery: fc.boolean(),
    });
    fc.assert(
      fc.property(caseArb, ({ nSources, synapses, sorted, homogeneous, byKey, keysAscending, parts, spikes, at, deferPush, peekEvery }) => {
        const sources = synapses.map(([s]) => s % nSources);
        if (sorted) sources.sort((a, b) => a - b);
        const keys = byKey ? synapses.map(([, , k]) => k) : undefined;
        if (keysAscending) keys?.sort((a, b) => a - b);
        const keyRange = byKey ? 10 : synapses.length;
        const bounds = Int32Array.from({ length: parts + 1 }, (_, p) => Math.floor((p * keyRange) / parts));
        const delays = homogeneous ? (synapses[0]?.[1] ?? 0) * 0.01e-3 : synapses.map(([, d]) => d * 0.01e-3);
        const trains = spikes.map((l) => [...l].map((v) => v % nSources).filter((v, k, a) => a.indexOf(v) === k).sort((a, b) => a - b));
        const serial = new SpikeQueue(0, nSources);
        const split = new SpikeQueue(0, nSources);
        const space = new Int32Array(new SharedArrayBuffer(4 * (nSources + 1)));
        serial.prepare(delays, DT, sources);
        split.prepare(delays, DT, sources, deferPush ? space : undefined);
        const steps = trains.length + 8;
        const keyOf = (syn: number): number => (keys === undefined ? syn : keys[syn]!);
        for (let s = 0; s < steps; s++) {
          // Partitioned from step `at` on (pending events move into the parts).
          if (s === Math.min(at, steps - 1)) {
            split.partition(keys, bounds, deferPush);
            assert.equal(split.spans !== undefined, deferPush && split.homogeneous);
          }
          const train = trains[s] ?? [];
          serial.push(train);
          space.set(train);
          space[nSources] = train.length;
          split.push(deferPush ? space : train, train.length);
          const want = [...serial.peek()];
          assert.equal(split.peekCount(), want.length);
          if (split.partitioned) {
            const spans = split.spans;
            for (let p = 0; p < parts; p++) {
              // A thread's delivery: the part's own list, then each recorded source's synapses of the part.
              const got = [...split.partBuffer(p).subarray(0, split.partEvents(p))];
              if (spans !== undefined) {
                const list = split.spanSources(split.position);
                for (let k = 0; k < split.spanCount(); k++) {
                  const from = spans.offsets[p]![list[k]!]!;
                  const to = spans.offsets[p]![list[k]! + 1]!;
                  const a = spans.first[p]![list[k]!]!;
                  // Consecutive synapses are delivered as their index range.
                  got.push(...(a >= 0 ? Array.from({ length: to - from }, (_, j) => a + j) : spans.synapses[p]!.subarray(from, to)));
                }
              } else assert.equal(split.spanCount(), 0);
              assert.deepEqual(got, want.filter((syn) => keyOf(syn) >= bounds[p]! && (keyOf(syn) < bounds[p + 1]! || p === parts - 1)), `part ${p} at step ${s}`);
            }
          }
          // Whatever the parts, every key's events come in the serial order (some steps delivered
          // whole: the source list moves into the parts' lists).
          const all = peekEvery || s % 3 === 0 ? [...split.peek()] : want;
          for (let k = 0; k < keyRange; k++) assert.deepEqual(all.filter((syn) => keyOf(syn) === k), want.filter((syn) => keyOf(syn) === k));
          serial.advance();
          split.advance();
          if (s === steps - 4) {
            // Merged back mid-way: the stored state is exactly the serial one.
            assert.deepEqual(split.storeState(), serial.storeState());
            assert.equal(split.partitioned, false);
          }
        }
        split.unpartition();
        assert.deepEqual(split.storeState(), serial.storeState());
      }),
      { numRuns: 400 },
    );
  });

  it('SpikeQueue.partition keeps its part lists across runs while the synapses and ranges do not change, and makes new ones when they do (session 14)', () => {
    const space = new Int32Array(new SharedArrayBuffer(4 * 5));
    const q = new SpikeQueue(0, 4);
    const sources = [0, 0, 0, 1, 1, 2, 3, 3, 3];
    const keys = Int32Array.from([0, 2, 5, 1, 4, 3, 0, 3, 5]);
    const bounds = Int32Array.from([0, 3, 6]);
    const part = (p: number, src: number): number[] => {
      const spans = q.spans!;
      return [...spans.synapses[p]!.subarray(spans.offsets[p]![src]!, spans.offsets[p]![src + 1]!)];
    };
    q.prepare(0.2e-3, DT, sources, space);
    q.partition(keys, bounds, true);
    const lists = q.spans!.synapses[1]!;
    assert.deepEqual([part(0, 3), part(1, 3)], [[6], [7, 8]]);
    q.unpartition();
    // The next run: the same synapses and ranges, the same lists.
    q.prepare(0.2e-3, DT, sources, space);
    q.partition(keys, bounds, true);
    assert.equal(q.spans!.synapses[1], lists);
    q.unpartition();
    // Other ranges: new lists.
    q.partition(keys, Int32Array.from([0, 5, 6]), true);
    assert.notEqual(q.spans!.synapses[1], lists);
    assert.deepEqual([part(0, 3), part(1, 3)], [[6, 7], [8]]);
    q.unpartition();
    // A synapse more (source 3, key 5): new lists that hold it.
    q.prepare(0.2e-3, DT, [...sources, 3], space);
    q.partition(Int32Array.from([...keys, 5]), bounds, true);
    assert.deepEqual([part(0, 3), part(1, 3)], [[6], [7, 8, 9]]);
    q.unpartition();
  });
});
