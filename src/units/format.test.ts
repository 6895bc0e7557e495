import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SHORT_PRINT_OPTIONS, arrayRepr, arrayStr, plainArrayStr, pythonFloatRepr, scalarStr } from './format.ts';

describe('format', () => {
  it('scalarStr(x) formats like numpy: precision 8, "1." for whole floats', () => {
    assert.equal(scalarStr(3), '3.');
    assert.equal(scalarStr(1.23456789123), '1.23456789');
    assert.equal(scalarStr(0.001953125), '0.00195312'); // exact tie, rounded half to even
    assert.equal(scalarStr(1e-5), '1.e-05');
    assert.equal(scalarStr(123456789), '1.23456789e+08');
    assert.equal(scalarStr(-0), '-0.');
    assert.equal(scalarStr(NaN), 'nan');
  });

  it('arrayStr pads to a common width and switches to scientific like numpy', () => {
    assert.equal(arrayStr([1.5, 2]), '[1.5 2. ]');
    assert.equal(arrayStr([-1, 2.5, -3.25]), '[-1.    2.5  -3.25]');
    assert.equal(arrayStr([1, 1000, 1e6]), '[1.e+00 1.e+03 1.e+06]');
    assert.equal(arrayStr([Infinity, -1, 2]), '[inf -1.  2.]');
    assert.equal(arrayStr([]), '[]');
  });

  it('arrayStr wraps at 75 columns and summarises long arrays', () => {
    const twenty = Array.from({ length: 20 }, (_, k) => k);
    assert.equal(arrayStr(twenty), '[ 0.  1.  2.  3.  4.  5.  6.  7.  8.  9. 10. 11. 12. 13. 14. 15. 16. 17.\n 18. 19.]');
    assert.equal(arrayStr(twenty, SHORT_PRINT_OPTIONS), '[ 0.  1. ... 18. 19.]');
  });

  it('arrayRepr matches numpy\'s array_repr', () => {
    assert.equal(arrayRepr([10, 20, 30]), 'array([10., 20., 30.])');
    assert.equal(arrayRepr([]), 'array([], dtype=float64)');
  });

  it('plainArrayStr prints integer JS arrays as numpy int arrays', () => {
    assert.equal(plainArrayStr([1, 2, 3]), '[1 2 3]');
    assert.equal(plainArrayStr([1, 2.5]), '[1.  2.5]');
  });

  it('pythonFloatRepr matches Python repr(float)', () => {
    assert.equal(pythonFloatRepr(5), '5.0');
    assert.equal(pythonFloatRepr(0.0001), '0.0001');
    assert.equal(pythonFloatRepr(0.00001), '1e-05');
    assert.equal(pythonFloatRepr(1.5e16), '1.5e+16');
    assert.equal(pythonFloatRepr(1e16), '1e+16');
    assert.equal(pythonFloatRepr(123456789012345.6), '123456789012345.6');
    assert.equal(pythonFloatRepr(-0), '-0.0');
    assert.equal(pythonFloatRepr(-Infinity), '-inf');
  });

  it('pythonFloatRepr round-trips every double (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const s = pythonFloatRepr(x);
        assert.ok(Object.is(Number(s), x), `${s} != ${x}`);
      }),
    );
  });

  it('scalarStr never has more than 8 fractional digits in positional mode (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-4, max: 1e7, noNaN: true }), (x) => {
        const s = scalarStr(x);
        if (!s.includes('e')) assert.ok(s.split('.')[1]!.length <= 8, s);
        assert.ok(Math.abs(Number(s) - x) <= 5e-9 + 1e-15 * x, `${s} too far from ${x}`);
      }),
    );
  });
});
