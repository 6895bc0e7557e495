import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defaultclock } from '../core/index.ts';
import { DimensionMismatchError, Hz, QuantityArray, mV, ms, second } from '../units/index.ts';
import { setWarningHandler } from '../util/index.ts';
import { InputError } from './errors.ts';
import { TimedArray, bindTimedArrays, findK, isTimedArray } from './timed-array.ts';

describe('new TimedArray(values, dt)', () => {
  it('returns the value of the bin t falls in, clipped at both ends (Brian2 docstring)', () => {
    const ta = new TimedArray(mV([1, 2, 3, 4]), ms(0.1));
    assert.equal(String(ta.at(ms(0.3))), '4. mV');
    assert.equal(ta.at(ms(-1)).value, mV(1).value);
    assert.equal(ta.at(ms(5)).value, mV(4).value);
    assert.equal(ta.dim, mV.dim);
    assert.equal(ta.ndim, 1);
  });

  it('snaps a time just below a boundary up: ta(0.0999 ms) is the 2nd value (semantics §14.32)', () => {
    const ta = new TimedArray([10, 20, 30], ms(0.1));
    assert.equal(ta.at(ms(0.0999)).value, 20);
    assert.equal(ta.at(ms(0.09)).value, 10);
  });

  it('takes 2-D values as rows (axis 0 is time) and returns NaN for a column out of range in code', () => {
    const ta2 = new TimedArray([mV([1, 2]), mV([3, 4]), mV([5, 6])], ms(0.1));
    assert.equal(ta2.ndim, 2);
    assert.equal(ta2.rows, 3);
    assert.equal(ta2.columns, 2);
    assert.equal(ta2.at(ms(0.1), 1).value, mV(4).value);
    const f = ta2.implementationFor(1e-4);
    assert.equal(f(0.15e-3, 0), mV(3).value);
    assert.ok(Number.isNaN(f(0.15e-3, 2) as number));
    assert.ok(Number.isNaN(f(0.15e-3, -1) as number));
    assert.throws(() => ta2.at(ms(0.1), 2), (e: unknown) => e instanceof InputError && /2 columns/.test(e.message));
  });

  it('accepts plain numbers (dimensionless) and Float64Arrays', () => {
    assert.equal(new TimedArray(Float64Array.of(1, 2), ms(1)).dim, new TimedArray([1, 2], ms(1)).dim);
    assert.equal(new TimedArray([[1, 2], [3, 4]], ms(1)).at(ms(1.5), 0).value, 3);
  });

  it('rejects values of the wrong shape with InputError naming the TimedArray', () => {
    const shape = (re: RegExp) => (e: unknown) => e instanceof InputError && e.code === 'shape' && /'stim'/.test(e.message) && re.test(e.message);
    assert.throws(() => new TimedArray([[1, 2], [3]], ms(1), { name: 'stim' }), shape(/different lengths/));
    assert.throws(() => new TimedArray([], ms(1), { name: 'stim' }), shape(/at least one value/));
    assert.throws(() => new TimedArray([[[1]]] as unknown as number[][], ms(1), { name: 'stim' }), shape(/Only 1d and 2d/));
    assert.throws(() => new TimedArray([1, 'a'] as unknown as number[], ms(1), { name: 'stim' }), shape(/numbers/));
    assert.throws(() => new TimedArray(5 as unknown as number[], ms(1), { name: 'stim' }), shape(/1d or 2d/));
    assert.throws(
      () => new TimedArray([mV([1]), new QuantityArray([1], second.dim)], ms(1), { name: 'stim' }),
      (e: unknown) => e instanceof DimensionMismatchError && /'stim'/.test(e.message),
    );
  });

  it('rejects a dt that is not a positive time', () => {
    assert.throws(() => new TimedArray([1], mV(1), { name: 'stim' }), (e: unknown) => e instanceof DimensionMismatchError && /TimedArray 'stim': dt has to be a time/.test(e.message));
    assert.throws(() => new TimedArray([1], 0.1 as never, { name: 'stim' }), (e: unknown) => e instanceof DimensionMismatchError && /'stim'.*number 0.1/.test(e.message));
    assert.throws(() => new TimedArray([1], ms(0), { name: 'stim' }), (e: unknown) => e instanceof InputError && /positive/.test(e.message));
  });

  it('is a user function for namespaces, with descriptor units (second[, 1]) → values', () => {
    const ta = new TimedArray(Hz([1, 2]), ms(1));
    assert.equal(ta.kind, 'user-function');
    assert.equal(ta.descriptor.argUnits.length, 1);
    assert.equal(ta.descriptor.returnDim, Hz.dim);
    assert.ok(isTimedArray(ta));
    assert.ok(!isTimedArray({ kind: 'user-function' }));
  });
});

describe('findK(groupDt, dt) and binding to a group dt', () => {
  it("is Brian2's max(2^ceil(log2(8·dt/groupDt)), 1)", () => {
    const quiet: string[] = [];
    setWarningHandler((k) => quiet.push(k));
    try {
      assert.equal(findK(1e-4, 1e-4), 8);
      assert.equal(findK(0.0999e-3, 1e-4), 16);
      assert.equal(findK(0.03e-3, 1e-4), 32);
      assert.equal(findK(5e-4, 1e-4), 2);
      assert.equal(findK(1e-2, 1e-4), 1);
      assert.deepEqual(quiet, ['TimedArray.grids_not_aligned', 'TimedArray.grids_not_aligned']);
    } finally {
      setWarningHandler(undefined);
    }
  });

  it('forDt uses the group dt, the unbound implementation uses defaultclock.dt', () => {
    setWarningHandler(() => {});
    try {
      const ta = new TimedArray([0, 1], ms(0.1));
      // t = 0.096 ms is 4 µs below the boundary: snapped up with K = 8 (window 6.25 µs), not with K = 16 (3.125 µs).
      assert.equal(ta.forDt(0.096e-3).implementation(0.096e-3), 0);
      assert.equal(ta.implementation(0.096e-3), 1);
      assert.equal(ta.forDt(ms(0.096)), ta.forDt(0.096e-3), 'bindings are cached');
      assert.equal(ta.forDt(1e-4).timedArray, ta);
      defaultclock.dt = ms(0.096);
      assert.equal(ta.implementation(0.096e-3), 0, 'the unbound implementation follows defaultclock.dt');
    } finally {
      defaultclock.dt = ms(0.1);
      setWarningHandler(undefined);
    }
  });

  it('bindTimedArrays replaces only TimedArrays and keeps a namespace without them', () => {
    const ta = new TimedArray([1], ms(1));
    const ns = { ta, tau: ms(10) };
    const bound = bindTimedArrays(ns, 1e-4);
    assert.equal(bound['tau'], ns.tau);
    assert.equal(bound['ta'], ta.forDt(1e-4));
    const plain = { tau: ms(1) };
    assert.equal(bindTimedArrays(plain, 1e-4), plain);
  });

  it("isLocallyConstant: group dt ≤ array dt and an integer ratio (Brian2's is_locally_constant)", () => {
    const ta = new TimedArray([1], ms(1));
    assert.equal(ta.isLocallyConstant(1e-4), true);
    assert.equal(ta.isLocallyConstant(1e-3), true);
    assert.equal(ta.isLocallyConstant(2e-3), false);
    assert.equal(ta.isLocallyConstant(0.3e-3), false);
  });

  it('maps NaN to the first value and +inf to the last', () => {
    const f = new TimedArray([1, 2, 3], ms(1)).implementationFor(1e-4);
    assert.equal(f(Number.NaN), 1);
    assert.equal(f(Infinity), 3);
    assert.equal(f(-Infinity), 1);
  });
});
