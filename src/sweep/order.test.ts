import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { handOutOrder } from './order.ts';
import type { PointTask } from './runner.ts';

const tasksOf = (values: number[][]): PointTask[] => values.map((v, index) => ({ index, seed: index, values: v }));
const cartesian = (sizes: number[]): number[][] => sizes.reduce<number[][]>((acc, n) => acc.flatMap((p) => Array.from({ length: n }, (_, k) => [...p, k])), [[]]);

describe('handOutOrder(tasks)', () => {
  it('hands out every point once, the first one first, each differing from the one before in every parameter where it can', () => {
    const order = handOutOrder(tasksOf(cartesian([8, 8])));
    assert.deepEqual([...order.map((t) => t.index)].sort((a, b) => a - b), Array.from({ length: 64 }, (_, k) => k));
    assert.equal(order[0]!.index, 0);
    // In index order the second point (0, 1) keeps the first parameter: its code would compile again at (1, 0).
    assert.deepEqual(order[1]!.values, [1, 1]);
    const differ = order.slice(1).filter((t, k) => t.values.every((v, p) => v !== order[k]!.values[p])).length;
    assert.ok(differ >= 56, `${differ} of 63 steps vary both parameters`);
  });

  it('ignores parameters with one value, and keeps index order with BRIAN_TS_SWEEP_ORDER=index', () => {
    assert.deepEqual(handOutOrder(tasksOf(cartesian([1, 3, 2]))).map((t) => t.index), [0, 3, 4, 1, 2, 5]);
    const saved = process.env['BRIAN_TS_SWEEP_ORDER'];
    process.env['BRIAN_TS_SWEEP_ORDER'] = 'index';
    try {
      assert.deepEqual(handOutOrder(tasksOf(cartesian([2, 3]))).map((t) => t.index), [0, 1, 2, 3, 4, 5]);
    } finally {
      if (saved === undefined) delete process.env['BRIAN_TS_SWEEP_ORDER'];
      else process.env['BRIAN_TS_SWEEP_ORDER'] = saved;
    }
  });

  it('is a permutation of any list of points (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 2 }), { maxLength: 40 }), (values) => {
        const order = handOutOrder(tasksOf(values));
        assert.deepEqual([...order.map((t) => t.index)].sort((a, b) => a - b), values.map((_, k) => k));
        if (values.length > 0) assert.equal(order[0]!.index, 0);
      }),
    );
  });

  it('stays linear on a large grid (lookahead-bounded search)', () => {
    const t0 = performance.now();
    const order = handOutOrder(tasksOf(cartesian([400, 250])));
    assert.equal(order.length, 100_000);
    assert.ok(performance.now() - t0 < 5_000);
  });
});
