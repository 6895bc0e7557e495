/**
 * The sweep worker's buffer pool (util/recycle.ts): off by default; a point's large buffers serve
 * the next point, zero-filled where fresh semantics need zeros (a previous point's values never
 * show); temporaries released at once; unused buffers dropped; nothing pooled below the threshold.
 */
import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { pointDone, RECYCLE_MIN_BYTES, recycledArray, recycleStats, recyclingOn, releaseArray, startRecycling, stopRecycling } from './recycle.ts';
import { allocateArray } from '../variables/index.ts';

const BIG = RECYCLE_MIN_BYTES / 8 + 100; // float64 elements: just over the threshold

describe('buffer recycling between sweep points', () => {
  afterEach(() => stopRecycling());

  it('is off unless started: arrays are fresh', () => {
    assert.equal(recyclingOn(), false);
    assert.equal(recycledArray(Float64Array, BIG, true, true), undefined);
    const a = allocateArray('float64', BIG, true);
    a.fill(3);
    pointDone();
    assert.notEqual(allocateArray('float64', BIG, true).buffer, a.buffer);
  });

  it("hands a finished point's buffer to the next point, zero-filled in full (never the previous values)", () => {
    startRecycling();
    const a = allocateArray('float64', BIG, true);
    assert.ok(a.buffer instanceof SharedArrayBuffer);
    assert.ok(a.buffer.byteLength >= a.byteLength);
    a.fill(7.5);
    new Float64Array(a.buffer).fill(7.5); // the headroom behind the view too
    // Same point: not handed out again.
    const b = allocateArray('float64', BIG, true);
    assert.notEqual(b.buffer, a.buffer);
    pointDone();
    const c = allocateArray('float64', BIG - 10, true);
    assert.ok(c.buffer === a.buffer || c.buffer === b.buffer);
    assert.equal(c.length, BIG - 10);
    assert.ok(c.buffer === a.buffer ? true : allocateArray('float64', BIG, true).buffer === a.buffer, 'a was reused');
    for (const x of [c, new Float64Array(a.buffer)]) assert.ok(x.every((v) => v === 0), 'zero-filled');
    assert.equal(recycleStats().reused, c.buffer === a.buffer ? 1 : 2);
  });

  it('keeps shared and unshared buffers apart, takes the best fit, and none more than twice the size', () => {
    startRecycling();
    const shared = recycledArray(Int32Array, 5 * BIG, true, false)!;
    const small = recycledArray(Int32Array, 2 * BIG, false, false)!;
    const large = recycledArray(Int32Array, 4 * BIG, false, false)!;
    assert.ok(shared.buffer instanceof SharedArrayBuffer && !(small.buffer instanceof SharedArrayBuffer));
    pointDone();
    assert.equal(recycledArray(Int32Array, 2 * BIG, false, false)!.buffer, small.buffer);
    assert.equal(recycledArray(Int32Array, 3 * BIG, false, false)!.buffer, large.buffer);
    assert.equal(recycledArray(Int32Array, 4 * BIG, true, false)!.buffer, shared.buffer);
    assert.equal(recycleStats().reused, 3);
    pointDone();
    assert.notEqual(recycledArray(Int32Array, 2 * BIG, true, false)!.buffer, shared.buffer, 'a buffer over twice the size is not used');
  });

  it('leaves small arrays to the allocator', () => {
    startRecycling();
    assert.equal(recycledArray(Float64Array, 16, true, true), undefined);
  });

  it('takes a released temporary back within the point, ignores arrays it did not hand out', () => {
    startRecycling();
    const t = recycledArray(Int32Array, 2 * BIG, false, false)!;
    releaseArray(t);
    releaseArray(new Int32Array(2 * BIG));
    assert.equal(recycleStats().freeBuffers, 1);
    assert.equal(recycledArray(Int32Array, 2 * BIG, false, false)!.buffer, t.buffer);
  });

  it('drops buffers no request took for a whole point', () => {
    startRecycling();
    recycledArray(Float64Array, BIG, false, false);
    pointDone();
    assert.equal(recycleStats().freeBuffers, 1);
    pointDone();
    assert.equal(recycleStats().freeBuffers, 0);
  });
});
