import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  DIMENSIONLESS,
  DimensionMismatchError,
  Quantity,
  QuantityArray,
  ShapeMismatchError,
  UnitError,
  add,
  amp,
  kilogram,
  mV,
  ms,
  nS,
  resetUserRegistry,
  second,
  subtract,
  volt,
} from './index.ts';

beforeEach(() => resetUserRegistry());

describe('Quantity', () => {
  it('mV(-70) is a Quantity with the SI value and dimension of volt', () => {
    const v = mV(-70);
    assert.ok(v instanceof Quantity);
    assert.equal(v.value, -0.07);
    assert.equal(v.values, -0.07);
    assert.equal(v.dim, volt.dim);
  });

  it('q.in(unit) gives the plain number in that unit', () => {
    assert.equal(ms(5).in(second), 0.005);
    assert.equal(volt(0.5).in(mV), 500);
  });

  it('q.in(unit) throws DimensionMismatchError naming both units on a mismatch', () => {
    assert.throws(() => mV(3).in(ms), (e: unknown) =>
      e instanceof DimensionMismatchError && /^Cannot express 3\. mV in ms, units do not match \(units are V and s\)\.$/.test(e.message));
  });

  it('String(mV(3).times(nS(2))) is Brian2\'s "6. pA"', () => {
    assert.equal(String(mV(3).times(nS(2))), '6. pA');
    assert.equal(`${mV(-70)}`, '-70. mV');
    assert.equal(mV(3).toPythonString(), '3. * mvolt');
  });

  it('plus() of mismatched dimensions throws with Brian2\'s wording and the dims as data', () => {
    assert.throws(() => kilogram(3).plus(amp(3)), (e: unknown) => {
      assert.ok(e instanceof DimensionMismatchError);
      assert.match(e.message, /^Cannot calculate 3\. kg \+ 3\. A, units do not match \(units are kg and A\)\.$/);
      assert.deepEqual(e.dims, [kilogram.dim, amp.dim]);
      assert.equal(e.description, 'Cannot calculate 3. kg + 3. A, units do not match');
      return true;
    });
  });

  it('plus(0) and comparisons with 0 or ±inf are exempt from dimension checks, as in Brian2', () => {
    assert.equal(String(mV(3).plus(0)), '3. mV');
    assert.equal(String(subtract(0, mV(3))), '-3. mV');
    assert.equal(mV(1).lt(0), false);
    assert.equal(mV(1).lt(Infinity), true);
    assert.throws(() => mV(1).lt(1), DimensionMismatchError);
  });

  it('a dimensionless result behaves as a number; one with units refuses to', () => {
    const ratio = mV(6).div(mV(3));
    assert.equal(ratio.dim, DIMENSIONLESS);
    assert.equal(+ratio, 2);
    assert.equal(Math.exp(ratio as unknown as number), Math.exp(2));
    assert.equal(String(ratio), '2.0');
    assert.throws(() => +mV(3), (e: unknown) =>
      e instanceof DimensionMismatchError && /Cannot use 3\. mV as a plain number, it has units/.test(e.message));
  });

  it('pow() with a dimensioned exponent throws DimensionMismatchError', () => {
    assert.throws(() => mV(3).pow(mV(3)), /^DimensionMismatchError: Cannot calculate 3\. mV \*\* 3\. mV, the exponent has to be dimensionless \(unit is V\)\.$/);
  });

  it('floorDiv and mod follow Python semantics', () => {
    assert.equal(ms(7).floorDiv(ms(2)).value, 3);
    assert.ok(Math.abs(mV(-7).mod(mV(3)).in(mV) - 2) < 1e-12); // sign of the divisor, as Python
    assert.equal(mV(-7).mod(mV(3)).dim, volt.dim);
  });

  it('arithmetic on bad input throws UnitError rather than producing NaN', () => {
    assert.throws(() => mV(3).plus('3' as unknown as number), (e: unknown) =>
      e instanceof UnitError && /Expected a number, an array of numbers, a Quantity or a QuantityArray as right operand, got string/.test(e.message));
    assert.throws(() => new Quantity('1' as unknown as number), UnitError);
  });

  it('(a*b)/b has the dimension and value of a (property)', () => {
    const units = [mV, ms, nS, amp, kilogram, second];
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
        fc.integer({ min: 0, max: units.length - 1 }),
        fc.integer({ min: 0, max: units.length - 1 }),
        (x, y, i, j) => {
          const a = units[i]!(x);
          const b = units[j]!(y);
          const back = a.times(b).div(b);
          assert.equal(back.dim, a.dim);
          assert.ok(Math.abs(back.value - a.value) <= 1e-12 * Math.abs(a.value));
        },
      ),
    );
  });

  it('mV(x).in(mV) round-trips (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }).filter((x) => x === 0 || Math.abs(x) > 1e-290), (x) => {
        assert.ok(Math.abs(mV(x).in(mV) - x) <= 1e-15 * Math.abs(x));
      }),
    );
  });
});

describe('QuantityArray', () => {
  it('ms([1, 2, 3]) is a Float64Array-backed QuantityArray', () => {
    const t = ms([1, 2, 3]);
    assert.ok(t instanceof QuantityArray);
    assert.ok(t.values instanceof Float64Array);
    assert.equal(t.length, 3);
    assert.equal(String(t), '[1. 2. 3.] ms');
    assert.equal(t.toPythonString(), 'array([1., 2., 3.]) * msecond');
    assert.deepEqual(Array.from(t.in(second)), [0.001, 0.002, 0.003]);
  });

  it('broadcasts scalars and checks lengths', () => {
    assert.equal(String(mV([1, 2]).plus(mV(1))), '[2. 3.] mV');
    assert.equal(String(mV(1).times([1, 2])), '[1. 2.] mV');
    assert.throws(() => add(mV([1, 2, 3]), mV([1, 2])), (e: unknown) =>
      e instanceof ShapeMismatchError && /operands could not be broadcast together with shapes \(3,\) \(2,\)/.test(e.message));
  });

  it('get(k), at(k), iteration and toArray() yield Quantities', () => {
    const v = mV([1, 2, 3]);
    assert.equal(String(v.get(1)), '2. mV');
    assert.equal(String(v.at(-1)), '3. mV');
    assert.equal(v.at(5), undefined);
    assert.deepEqual([...v].map(String), ['1. mV', '2. mV', '3. mV']);
    assert.equal(v.toArray().length, 3);
    assert.throws(() => v.get(3), (e: unknown) => e instanceof UnitError && /Index 3 is out of range/.test(e.message));
  });

  it('comparisons return boolean[]', () => {
    assert.deepEqual(mV([1, 2, 3]).gt(mV(1.5)), [false, true, true]);
  });

  it('sum, mean, min, max, std and variance keep (or square) the dimension', () => {
    const v = mV([1, 2, 3, 4]);
    assert.equal(String(v.sum()), '10. mV');
    assert.equal(String(v.mean()), '2.5 mV');
    assert.equal(String(v.min()), '1. mV');
    assert.equal(String(v.max()), '4. mV');
    assert.equal(v.variance().dim, volt.dim.pow(2));
    assert.ok(Math.abs(v.std().in(mV) - Math.sqrt(1.25)) < 1e-12);
  });

  it('prints long arrays summarised like numpy', () => {
    const long = ms(Array.from({ length: 2000 }, (_, k) => k));
    assert.equal(String(long), '[0.000e+00 1.000e+00 2.000e+00 ... 1.997e+03 1.998e+03 1.999e+03] ms');
  });
});

describe('QuantityArray element access (Brian2: q[k])', () => {
  it('q[k] is a Quantity, negative k counts from the end, out of range throws UnitError', () => {
    const QA = QuantityArray;
    const UE = UnitError;
    const q = new QuantityArray([1e-3, 2e-3, 3e-3], volt.dim);
    assert.equal(String(q[1]), '2. mV');
    assert.equal(String(q[-1]), '3. mV');
    const y = new QA([0.5, 0.25]);
    assert.equal(Number(y[1]), 0.25);
    assert.equal(0 in y, true);
    assert.equal(2 in y, false);
    assert.throws(() => q[3], (e: unknown) => e instanceof UE && /out of range/.test(e.message));
    assert.throws(() => {
      (q as unknown as number[])[0] = 1;
    }, (e: unknown) => e instanceof UE);
    assert.ok(q instanceof QA);
  });
});
