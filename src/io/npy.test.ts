import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { QuantityArray, mV, second } from '../units/index.ts';
import { IoError, decodeNpy, encodeNpy, toNdArray } from './index.ts';
import type { NdArray } from './index.ts';

function headerLength(bytes: Uint8Array): number {
  return bytes[8]! | (bytes[9]! << 8);
}

describe('encodeNpy / decodeNpy', () => {
  it('encodeNpy(array) writes numpy 1.0 headers whose data start at a multiple of 64', () => {
    const bytes = encodeNpy({ dtype: '<f8', shape: [3], data: Float64Array.of(1, 2, 3) });
    assert.deepEqual([...bytes.subarray(0, 8)], [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    const len = headerLength(bytes);
    assert.equal((10 + len) % 64, 0);
    const header = new TextDecoder('latin1').decode(bytes.subarray(10, 10 + len));
    assert.match(header, /^\{'descr': '<f8', 'fortran_order': False, 'shape': \(3,\), \} *\n$/);
    assert.equal(bytes.length, 10 + len + 24);
  });

  it('decodeNpy(encodeNpy(a)) gives back every dtype, 0-d, 1-D and 2-D', () => {
    const cases: NdArray[] = [
      { dtype: '<f8', shape: [], data: Float64Array.of(Math.PI) },
      { dtype: '<f8', shape: [2, 3], data: Float64Array.of(1, -0, NaN, Infinity, -1e-300, 5) },
      { dtype: '<f4', shape: [2], data: Float32Array.of(1.5, -2) },
      { dtype: '<i4', shape: [4], data: Int32Array.of(-2147483648, -1, 0, 2147483647) },
      { dtype: '<i2', shape: [1], data: Int16Array.of(-7) },
      { dtype: '|i1', shape: [1], data: Int8Array.of(-7) },
      { dtype: '<u4', shape: [1], data: Uint32Array.of(4294967295) },
      { dtype: '<u2', shape: [1], data: Uint16Array.of(65535) },
      { dtype: '|u1', shape: [2], data: Uint8Array.of(0, 255) },
      { dtype: '|b1', shape: [3], data: Uint8Array.of(1, 0, 1) },
      { dtype: '<i8', shape: [1], data: BigInt64Array.of(-(2n ** 62n)) },
      { dtype: '<u8', shape: [1], data: BigUint64Array.of(2n ** 63n) },
      { dtype: '<f8', shape: [0, 5], data: new Float64Array(0) },
    ];
    for (const array of cases) {
      const back = decodeNpy(encodeNpy(array));
      assert.equal(back.dtype, array.dtype);
      assert.deepEqual(back.shape, array.shape);
      assert.deepEqual(back.data, array.data);
    }
  });

  it('decodeNpy(encodeNpy(x)) is the identity on random float64 matrices', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), fc.array(fc.double(), { minLength: 36, maxLength: 36 }), (r, c, xs) => {
        const data = Float64Array.from(xs.slice(0, r * c));
        const back = decodeNpy(encodeNpy({ dtype: '<f8', shape: [r, c], data }));
        assert.deepEqual(back.shape, [r, c]);
        assert.deepEqual(back.data, data);
      }),
    );
  });

  it('decodeNpy(bytes) rejects bad magic, unsupported dtypes and truncated data with IoError', () => {
    assert.throws(() => decodeNpy(new Uint8Array(20), 'x'), (e: unknown) => e instanceof IoError && /'x' is not a \.npy array/.test(e.message));
    const big = encodeNpy({ dtype: '<f8', shape: [1], data: Float64Array.of(1) });
    const text = new TextDecoder('latin1').decode(big).replace("'<f8'", "'>f8'");
    const swapped = Uint8Array.from(text, (ch) => ch.charCodeAt(0));
    assert.throws(() => decodeNpy(swapped), (e: unknown) => e instanceof IoError && /unsupported dtype '>f8'/.test(e.message));
    assert.throws(() => decodeNpy(big.subarray(0, big.length - 1)), (e: unknown) => e instanceof IoError && /has 7 data bytes.*needs 8/.test(e.message));
  });

  it('encodeNpy(array) rejects a dtype that does not match the data, or a wrong shape', () => {
    assert.throws(
      () => encodeNpy({ dtype: '<i4', shape: [1], data: Float64Array.of(1) }, 'n'),
      (e: unknown) => e instanceof IoError && /'n' has dtype <i4 but its data is a Float64Array/.test(e.message),
    );
    assert.throws(
      () => encodeNpy({ dtype: '<f8', shape: [2, 2], data: Float64Array.of(1) }, 'm'),
      (e: unknown) => e instanceof IoError && /'m' has shape \(2, 2\) but 1 values/.test(e.message),
    );
    assert.throws(
      () => encodeNpy({ dtype: '>f8' as '<f8', shape: [1], data: Float64Array.of(1) }, 'm'),
      (e: unknown) => e instanceof IoError && /unsupported dtype >f8/.test(e.message),
    );
  });
});

describe('toNdArray', () => {
  it('toNdArray(value) converts typed arrays, QuantityArrays, numbers, booleans and rows', () => {
    assert.deepEqual(toNdArray(Int32Array.of(1, 2), 'i'), { dtype: '<i4', shape: [2], data: Int32Array.of(1, 2) });
    const v = toNdArray(mV([1, 2]), 'v');
    assert.equal(v.dtype, '<f8');
    assert.deepEqual([...v.data], [0.001, 0.002]);
    assert.equal(v.dim, mV.dim);
    assert.deepEqual(toNdArray(second(2), 't'), { dtype: '<f8', shape: [], data: Float64Array.of(2), dim: second.dim });
    assert.deepEqual(toNdArray([true, false], 'b'), { dtype: '|b1', shape: [2], data: Uint8Array.of(1, 0) });
    assert.deepEqual(toNdArray([[1, 2], [3, 4], [5, 6]], 'm'), { dtype: '<f8', shape: [3, 2], data: Float64Array.of(1, 2, 3, 4, 5, 6) });
    assert.deepEqual(toNdArray([Int32Array.of(1), Int32Array.of(2)], 'k').dtype, '<i4');
    const rows = toNdArray([new QuantityArray([1, 2], second.dim), new QuantityArray([3, 4], second.dim)], 'q');
    assert.deepEqual(rows.shape, [2, 2]);
    assert.equal(rows.dim, second.dim);
  });

  it('toNdArray(value) rejects ragged rows, mixed units, unsupported typed arrays and other objects with IoError', () => {
    const bad: [unknown, RegExp][] = [
      [[[1, 2], [3]], /'x' has rows of different lengths \(row 0: 2, row 1: 1\)/],
      [[new QuantityArray([1], second.dim), new QuantityArray([1], mV.dim)], /the rows of 'x' have different units/],
      [new Uint8ClampedArray(2), /'x' is a Uint8ClampedArray, an unsupported dtype/],
      [new Map(), /'x' is a Map, not an array/],
      [[1, true], /'x' mixes numbers, booleans and arrays/],
      ['abc', /'x' is a string, not an array/],
    ];
    for (const [value, pattern] of bad) {
      assert.throws(() => toNdArray(value as never, 'x', { call: 'exportNpz', path: 'a.npz' }), (e: unknown) => e instanceof IoError && pattern.test(e.message) && e.path === 'a.npz');
    }
  });
});
