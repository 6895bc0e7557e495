/**
 * A Synapses' first connect() writes its pairs into memory that becomes the storage itself
 * (creation.ts PairBuffer, session 10), in a sweep worker recycled from an earlier point: the
 * pairs equal those of a fresh process's path, the storage has no slack, and nothing of the
 * earlier point is left in the buffer behind it; later connect() calls append as before.
 */
import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { NeuronGroup, seed, startScope } from '../index.ts';
import { pointDone, recycleStats, startRecycling, stopRecycling } from '../util/recycle.ts';
import { Synapses } from './index.ts';

function build(): { s: Synapses; pre: Int32Array } {
  startScope();
  seed(11);
  const g = new NeuronGroup(300, 'v : 1');
  const s = new Synapses(g, g, 'w : 1');
  s.connect({ p: 0.5 });
  return { s, pre: s.variables.getArray('_synaptic_pre').array as Int32Array };
}

describe('connect() into empty storage', () => {
  afterEach(() => stopRecycling());

  it('gives the same pairs with the storage written in place, recycled or not; no slack; the reused buffer zeroed behind the pairs', () => {
    const plain = build();
    const i0 = Array.from(plain.s.i.values);
    const j0 = Array.from(plain.s.j.values);
    assert.equal(plain.pre.length, plain.s.N, 'no slack');
    startRecycling();
    const first = build();
    // What an earlier point leaves behind: junk in the whole buffer.
    const buffer = first.pre.buffer;
    new Int32Array(buffer).fill(-7);
    startScope();
    pointDone();
    const second = build();
    assert.equal(second.pre.buffer, buffer, 'the storage is the recycled buffer');
    assert.ok(recycleStats().reused > 0);
    assert.deepEqual(Array.from(second.s.i.values), i0);
    assert.deepEqual(Array.from(second.s.j.values), j0);
    assert.equal(second.pre.length, second.s.N);
    assert.ok(new Int32Array(buffer, 4 * second.s.N).every((x) => x === 0), 'zeros behind the pairs');
    // A second connect() appends after the first one's pairs.
    second.s.connect({ i: 0, j: 1 });
    assert.deepEqual(Array.from(second.s.i.values).slice(0, -1), i0);
    assert.equal(second.s.i.values[i0.length], 0);
  });
});
