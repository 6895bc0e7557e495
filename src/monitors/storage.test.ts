import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DIMENSIONLESS, mV, volt } from '../units/index.ts';
import { DynamicArray, DynamicArray2D } from './storage.ts';
import { makeStateTraces } from './traces.ts';
import { groupByIndex } from './event-values.ts';
import { MonitorIndexError } from './errors.ts';

describe('DynamicArray', () => {
  it('DynamicArray.push grows geometrically and keeps the values', () => {
    const a = DynamicArray.int32();
    for (let k = 0; k < 100; k++) a.push(k);
    assert.equal(a.length, 100);
    assert.ok(a.capacity >= 100 && a.capacity <= 200);
    assert.deepEqual(Array.from(a.view()), Array.from({ length: 100 }, (_, k) => k));
  });

  it('DynamicArray.reserve(n, true) reserves exactly and does not reallocate below capacity', () => {
    const a = DynamicArray.float64();
    a.reserve(10, true);
    assert.equal(a.capacity, 10);
    const buffer = a.data;
    a.reserve(10, true);
    assert.equal(a.data, buffer);
    a.length = 10;
    a.reserve(1);
    assert.equal(a.capacity, 20);
  });

  it('DynamicArray.copy is independent; view shares; resize zero-fills', () => {
    const a = DynamicArray.float64();
    a.push(1);
    a.push(2);
    const c = a.copy();
    const v = a.view();
    a.data[0] = 5;
    assert.equal(c[0], 1);
    assert.equal(v[0], 5);
    a.resize(4);
    assert.equal(a.variable.length, 4);
    assert.deepEqual(Array.from(a.view()), [5, 2, 0, 0]);
    a.clear();
    assert.equal(a.length, 0);
  });

  it('DynamicArray behaves like an array under any push/reserve sequence (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.constant(null)), { maxLength: 200 }), (ops) => {
        const a = DynamicArray.int32();
        const ref: number[] = [];
        for (const op of ops) {
          if (op === null) a.reserve(3);
          else {
            a.push(op);
            ref.push(op);
          }
        }
        assert.deepEqual(Array.from(a.view()), ref);
      }),
    );
  });
});

describe('DynamicArray2D', () => {
  it('DynamicArray2D stores rows and gathers columns', () => {
    const a = new DynamicArray2D(3);
    for (let r = 0; r < 5; r++) a.appendRow([r, 10 + r, 20 + r]);
    assert.deepEqual(Array.from(a.column(1)), [10, 11, 12, 13, 14]);
    assert.deepEqual(Array.from(a.row(2)), [2, 12, 22]);
    assert.equal(a.copy().length, 15);
  });

  it('DynamicArray2D grows by adding blocks: recorded rows are never copied, allocation stays within 1.25× of the data', () => {
    const a = new DynamicArray2D(100);
    const first: Float64Array[] = [];
    let rows = 0;
    for (let run = 0; run < 10; run++) {
      a.reserveRows(50, true); // one run of 50 steps, reserved exactly
      for (let s = 0; s < 50; s++) a.appendRow(Float64Array.from({ length: 100 }, (_, k) => (rows + s) * 1000 + k));
      rows += 50;
      first.push(a.blocks()[0] as Float64Array);
      assert.ok(a.allocatedElements <= 1.25 * rows * 100, `${a.allocatedElements} elements for ${rows * 100}`);
    }
    // The first run's block is the same buffer after nine more runs: nothing was copied.
    assert.ok(first.every((b) => b.buffer === first[0]!.buffer));
    for (let s = 0; s < 300; s++) a.appendRow(new Float64Array(100).fill(s)); // unknown growth
    assert.ok(a.allocatedElements <= 1.25 * a.rows * 100);
    assert.deepEqual(Array.from(a.column(3)).slice(0, 2), [3, 1003]);
    assert.deepEqual(Array.from(a.row(499)).slice(0, 2), [499000, 499001]);
    assert.equal(a.column(0)[799], 299);
    assert.equal(a.copy().length, 800 * 100);
  });

  it('DynamicArray2D.assign replaces the contents in a new buffer', () => {
    const a = new DynamicArray2D(2);
    a.reserveRows(4);
    const old = a.data;
    a.assign(Float64Array.of(1, 2, 3, 4), 2);
    assert.notEqual(a.data, old);
    assert.equal(a.rows, 2);
    assert.deepEqual(Array.from(a.column(0)), [1, 3]);
  });

  it('DynamicArray2D with no columns counts rows only', () => {
    const a = new DynamicArray2D(0);
    a.reserveRows(5);
    a.rows = 5;
    assert.equal(a.rows, 5);
    assert.equal(a.column(0).length, 5);
    assert.equal(a.copy().length, 0);
  });
});

describe('makeStateTraces', () => {
  const data = Float64Array.of(1, 2, 3, 4, 5, 6); // 3 samples × 2 elements, time-major
  it('makeStateTraces(...)[k] gathers element k over time with units', () => {
    const tr = makeStateTraces(data, 3, 2, volt.dim, 'm');
    assert.deepEqual(Array.from(tr[0].values), [1, 3, 5]);
    assert.deepEqual(Array.from(tr.get(1).in(mV)), [2000, 4000, 6000]);
    assert.equal(tr.length, 2);
    assert.equal(tr.samples, 3);
    assert.throws(() => tr[2], (e: unknown) => e instanceof MonitorIndexError);
    assert.ok(1 in tr && !(2 in tr));
    assert.deepEqual(tr.values.map((x) => Array.from(x)), [[1, 3, 5], [2, 4, 6]]);
    assert.equal([...tr].length, 2);
    assert.equal(tr[1], tr.get(1)); // cached
  });

  it('StateTraces.get rejects out-of-range positions with MonitorIndexError', () => {
    const tr = makeStateTraces(data, 3, 2, DIMENSIONLESS, 'm');
    assert.throws(() => tr.get(-1), { name: 'MonitorIndexError', message: /^index -1 is out of bounds for the 2 recorded elements of 'm'$/ });
  });
});

describe('groupByIndex', () => {
  it('groupByIndex(i, values, N) splits values per element in recording order', () => {
    const out = groupByIndex(Int32Array.of(2, 0, 2, 1, 2), Float64Array.of(1, 2, 3, 4, 5), 4, DIMENSIONLESS);
    assert.deepEqual(out.map((q) => Array.from(q.values)), [[2], [4], [1, 3, 5], []]);
  });
});
