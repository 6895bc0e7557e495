/**
 * Brian2 2.5.1 `brian2/tests/test_units.py`, translated (status of every function: README.md in
 * this folder). Python operators on quantities are methods here (`a.times(b)`), and arrays are
 * one-dimensional `QuantityArray`s.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DIMENSIONLESS,
  Dimension,
  Quantity,
  QuantityArray,
  amp,
  arange,
  arccos,
  arccosh,
  arcsin,
  arcsinh,
  arctan,
  arctanh,
  cos,
  cosh,
  exp,
  linspace,
  log,
  lookupUnit,
  mV,
  meter,
  ms,
  mvolt,
  nS,
  ohm,
  second,
  siemens,
  sin,
  sinh,
  tan,
  tanh,
  volt,
} from '../../src/index.ts';
import { assertAllclose, raises } from './helpers.ts';

/** Brian2's `assert_quantity`: values (SI) and dimension. */
function assertQuantity(q: Quantity | QuantityArray, values: number | number[], unit: { dim: Dimension } | 1): void {
  assertAllclose(q instanceof Quantity ? q.value : q.values, values);
  assert.equal(q.dim, unit === 1 ? DIMENSIONLESS : unit.dim);
}

describe('test_units (Brian2 2.5.1)', () => {
  it('test_construction', () => {
    assertQuantity(ms(500), 0.5, second);
    assertQuantity(ms([500, 1000]), [0.5, 1], second);
    assertQuantity(new Quantity(500), 500, 1);
    assertQuantity(new Quantity(500, second.dim), 500, second);
    assertQuantity(new QuantityArray([0.5, 1], second.dim), [0.5, 1], second);
    assertQuantity(new QuantityArray(new Float64Array([0.5, 1]), second.dim), [0.5, 1], second);
    assertQuantity(second([0.5, 1]), [0.5, 1], second);
    // dimensionless quantities
    assertQuantity(new QuantityArray([1, 2, 3]), [1, 2, 3], 1);
    assertQuantity(new QuantityArray([]), [], 1);
    // (Brian2's Quantity([500*ms, 1*second]) from a list of quantities, and copy/reference
    // semantics of Quantity(q) have no counterpart: QuantityArrays are built from numbers.)
    // Illegal constructor calls
    raises(() => new QuantityArray(['some', 'nonsense'] as never), 'TypeError');
    raises(() => new Quantity('500' as never), 'TypeError');
  });

  it('test_get_dimensions', () => {
    const q = ms(500);
    assert.equal(q.dim, Dimension.of([0, 0, 1, 0, 0, 0, 0]));
    assert.ok(q.hasSameDimensions(second(3)));
    assert.equal(q.dim.exponents[2], 1); // time
    assert.equal(q.dim.exponents[0], 0); // length
    assert.equal(new Quantity(5).dim, DIMENSIONLESS);
    // wrong number of exponents, not a sequence
    raises(() => Dimension.of([1, 2, 3, 4, 5, 6]), 'TypeError');
    raises(() => Dimension.of(42 as never), 'TypeError');
  });

  it('test_display', () => {
    assert.equal(volt(3).inUnit(mvolt), '3000. mV');
    assert.equal(mV(10).inUnit(ohm.times(amp) as Quantity), '0.01 ohm A');
    raises(() => nS(10).inUnit(ohm), 'DimensionMismatchError');
  });

  it('test_scale', () => {
    const siprefixes: Record<string, number> = {
      y: 1e-24, z: 1e-21, a: 1e-18, f: 1e-15, p: 1e-12, n: 1e-9, u: 1e-6, m: 1e-3, '': 1.0,
      k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, Z: 1e21, Y: 1e24,
    };
    const unit = (name: string): Quantity => {
      const u = lookupUnit(name);
      assert.ok(u !== undefined, name);
      return u;
    };
    for (const [prefix, factor] of Object.entries(siprefixes)) {
      for (const [suffix, power] of [['', 1], ['2', 2], ['3', 3]] as const) {
        const scaled = unit(`${prefix}meter${suffix}`);
        assertAllclose(scaled.value, factor ** power);
        assertAllclose((scaled.times(5).div(unit(`meter${suffix}`)) as Quantity).value, 5 * factor ** power);
      }
      // liter, gram, and molar are special: not base units with a value of one
      for (const [name, f] of [['liter', 1e-3], ['litre', 1e-3], ['gram', 1e-3], ['gramme', 1e-3], ['molar', 1e3]] as const) {
        const scaled = unit(prefix + name);
        assertAllclose(scaled.value, factor * f);
        assertAllclose((scaled.times(5).div(unit(name)) as Quantity).value, 5 * factor);
      }
    }
    assert.equal(unit('meter').value, meter.value);
  });

  it('test_unitsafe_functions', () => {
    const funcs: [(x: never) => unknown, (x: number) => number][] = [
      [sin, Math.sin], [sinh, Math.sinh], [arcsin, Math.asin], [arcsinh, Math.asinh],
      [cos, Math.cos], [cosh, Math.cosh], [arccos, Math.acos], [arccosh, Math.acosh],
      [tan, Math.tan], [tanh, Math.tanh], [arctan, Math.atan], [arctanh, Math.atanh],
      [log, Math.log], [exp, Math.exp],
    ];
    const values = (r: unknown): number[] =>
      typeof r === 'number' ? [r] : r instanceof Quantity ? [r.value] : r instanceof QuantityArray ? Array.from(r.values) : Array.from(r as ArrayLike<number>);
    for (const [func, npFunc] of funcs) {
      // these functions raise errors when run on values with dimensions
      for (const val of [mV(3), mV([1, 2]), mV([1, 1, 1, 1, 1, 1, 1, 1, 1])]) raises(() => func(val as never), 'DimensionMismatchError');
      // and are equivalent to their numpy counterparts on unitless values
      for (const [val, plain] of [[mV(3).div(mV(1)), [3]], [mV([1, 2]).div(mV(1)), [1, 2]], [new QuantityArray(new Array(9).fill(1)), new Array(9).fill(1)]] as const) {
        assert.deepEqual(values(func(val as never)), (plain as readonly number[]).map(npFunc));
      }
      assert.deepEqual(values(func(3 as never)), [npFunc(3)]);
    }
  });

  it('test_arange_linspace', () => {
    // For dimensionless values, the unit-safe functions give numpy's results
    assert.deepEqual(Array.from(arange(5)), [0, 1, 2, 3, 4]);
    assert.deepEqual(Array.from(arange(1, 5)), [1, 2, 3, 4]);
    assert.deepEqual(Array.from(arange(0, 10, 2)), [0, 2, 4, 6, 8]);
    assert.deepEqual(Array.from(arange(0, 5, 0.5)), Array.from({ length: 10 }, (_, k) => k * 0.5));
    assertAllclose(linspace(0, 1), Array.from({ length: 50 }, (_, k) => k / 49));
    assertAllclose(linspace(0, 1, 10), Array.from({ length: 10 }, (_, k) => k / 9));
    // Make sure units are checked
    raises(() => arange(mV(1) as never, 5 as never), 'DimensionMismatchError');
    raises(() => arange(mV(1), mV(5), 1 as never), 'DimensionMismatchError');
    raises(() => arange(1 as never, mV(5) as never), 'DimensionMismatchError');
    raises(() => arange(mV(1), ms(5), ms(1)), 'DimensionMismatchError');
    raises(() => arange(mV(1), mV(5), ms(1)), 'DimensionMismatchError');
    raises(() => arange(ms(1), mV(5), ms(1)), 'DimensionMismatchError');
    // Check correct functioning with units
    assertQuantity(arange(mV(0), mV(5), mV(1)), [0, 1, 2, 3, 4].map((x) => x * 1e-3), mV);
    assertQuantity(arange(mV(1), mV(5), mV(1)), [1, 2, 3, 4].map((x) => x * 1e-3), mV);
    assertQuantity(linspace(mV(1), mV(2)), Array.from({ length: 50 }, (_, k) => (1 + k / 49) * 1e-3), mV);
    // (Brian2's keyword-argument errors of arange have no counterpart.)
    raises(() => (arange as () => unknown)(), 'TypeError');
  });

  it('test_get_best_unit', () => {
    // Only the first and last few values of long arrays matter (see github issue #966)
    const long = new Array<number>(10000).fill(1);
    for (let k = 0; k < 10; k++) {
      long[k] = 1e-9;
      long[long.length - 1 - k] = 2e-9;
    }
    const cases: [QuantityArray, string][] = [
      [mV(Array.from({ length: 10 }, (_, k) => k)), 'mV'],
      [second([0.001, 0.002, 0.003]), 'ms'],
      [new QuantityArray(long, siemens.dim), 'nS'],
    ];
    for (const [ar, expected] of cases) assert.ok(ar.inBestUnit().includes(expected), `${ar.inBestUnit().slice(0, 40)} is not in ${expected}`);
  });
});
