import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GroupError } from './errors.ts';
import { resolveIndices, sliceBounds, toStartStop } from './indexing.ts';

const fails = (f: () => unknown, re: RegExp): void => {
  assert.throws(f, (e: unknown) => e instanceof GroupError && e.code === 'invalid-index' && re.test(e.message));
};

describe('subgroup indexing', () => {
  it('sliceBounds(n, start, stop) follows Python slice.indices for negative and out-of-range bounds', () => {
    assert.deepEqual(sliceBounds(10), [0, 10]);
    assert.deepEqual(sliceBounds(10, -3), [7, 10]);
    assert.deepEqual(sliceBounds(10, 2, -2), [2, 8]);
    assert.deepEqual(sliceBounds(10, -20, 50), [0, 10]);
  });

  it('toStartStop(name, item, N) accepts G[a:b], G[i] and contiguous index lists (Brian2 to_start_stop)', () => {
    assert.deepEqual(toStartStop('g', { start: 3, stop: 6 }, 10), [3, 6]);
    assert.deepEqual(toStartStop('g', { start: 3 }, 10), [3, 10]);
    assert.deepEqual(toStartStop('g', 5, 10), [5, 6]);
    assert.deepEqual(toStartStop('g', [3, 4, 5], 10), [3, 6]);
  });

  it('toStartStop rejects non-contiguous, empty and out-of-range subgroups with Brian2 messages naming the group', () => {
    fails(() => toStartStop('neurongroup', [3, 5, 7], 10), /'neurongroup'.*Subgroups can only be constructed using contiguous indices/);
    fails(() => toStartStop('neurongroup', { start: 5, stop: 5 }, 10), /Illegal start\/end values for subgroup, 5>=5/);
    fails(() => toStartStop('neurongroup', 10, 10), /Illegal start value for subgroup, 10>=10/);
    fails(() => toStartStop('neurongroup', [8, 9, 10], 10), /Illegal stop value for subgroup, 11>10/);
    fails(() => toStartStop('neurongroup', 1.5, 10), /integer/);
  });

  it('resolveIndices(name, var, indices, n) counts negatives from the end and rejects out-of-bounds indices', () => {
    assert.deepEqual([...resolveIndices('g', 'v', [0, -1], 4)], [0, 3]);
    fails(() => resolveIndices('g', 'v', 4, 4), /Index 4 is out of bounds for 'g.v' with 4 elements/);
  });
});
