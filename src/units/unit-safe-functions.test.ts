import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DimensionMismatchError,
  Quantity,
  amp,
  clip,
  exp,
  exprel,
  floor,
  mV,
  ms,
  sign,
  sin,
  sqrt,
  where,
} from './index.ts';

describe('unit-safe functions', () => {
  it('sqrt halves the dimension', () => {
    assert.equal(String(sqrt(mV(4).times(mV))), '2. mV');
    assert.equal(sqrt(16), 4);
    assert.deepEqual(Array.from(sqrt([4, 9])), [2, 3]);
  });

  it('exp(x) needs a dimensionless argument and returns a plain number', () => {
    assert.equal(exp(mV(2).div(mV(1))), Math.exp(2));
    assert.throws(() => exp(mV(1)), (e: unknown) =>
      e instanceof DimensionMismatchError && /^exp expects a dimensionless argument but got 1\. mV \(unit is V\)\.$/.test(e.message));
    assert.throws(() => sin(ms([1, 2])), /sin expects a dimensionless argument but got \[1\. 2\.\] ms/);
  });

  it('exprel is 1 near 0 and inf above 717', () => {
    assert.equal(exprel(0), 1);
    assert.equal(exprel(800), Infinity);
    assert.equal(exprel(1), Math.expm1(1));
    assert.throws(() => exprel(mV(3)), /Function 'exprel' expected a quantitity with unit 1 for argument 'x' but got '3\. mV' \(unit is V\)\./);
  });

  it('floor acts on the SI value and keeps the dimension; sign drops it', () => {
    assert.equal(String(floor(mV(3.7))), '0. V');
    assert.equal(sign(mV(-3)), -1);
  });

  it('clip needs bounds with the dimension of x (plain 0 and ±inf are fine)', () => {
    assert.equal(String(clip(mV(30), mV(1), mV(5))), '5. mV');
    assert.equal(String(clip(mV(-3), 0, Infinity)), '0. V');
    assert.throws(() => clip(mV(3), amp(1), mV(5)), (e: unknown) =>
      e instanceof DimensionMismatchError && /^clip \(units are V and A\)\.$/.test(e.message));
  });

  it('where picks elementwise and needs matching dimensions', () => {
    assert.equal(String(where([true, false], mV([1, 2]), mV([3, 4]))), '[1. 4.] mV');
    assert.ok(where(true, mV(1), mV(2)) instanceof Quantity);
    assert.throws(() => where([true], mV([1]), amp([1])), /^DimensionMismatchError: x and y need to have the same dimensions \(units are V and A\)\.$/);
  });
});
