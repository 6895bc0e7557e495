import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  Dimension,
  Quantity,
  QuantityArray,
  Unit,
  UnitError,
  allUnits,
  cm,
  cm2,
  divide,
  getBaseUnit,
  getUnitForDisplay,
  lookupUnit,
  metre,
  modelStringUnits,
  ms,
  mV,
  nS,
  resetUserRegistry,
  siemens,
  uS,
  um2,
  volt,
} from './index.ts';

beforeEach(() => resetUserRegistry());

describe('Unit', () => {
  it('is callable: mV(3) is a Quantity, mV([1, 2]) and mV(Float64Array) QuantityArrays', () => {
    assert.ok(mV(3) instanceof Quantity);
    assert.ok(mV([1, 2]) instanceof QuantityArray);
    assert.ok(mV(new Float64Array([1, 2])) instanceof QuantityArray);
    assert.ok(mV instanceof Unit && mV instanceof Quantity);
    assert.equal(typeof mV, 'function');
  });

  it('has name, dispname, dim, scale (SI factor) and scaleExponent', () => {
    assert.equal(mV.name, 'mvolt');
    assert.equal(mV.dispname, 'mV');
    assert.equal(mV.dim, volt.dim);
    assert.equal(mV.scale, 1e-3);
    assert.equal(mV.scaleExponent, -3);
    assert.equal(String(mV), 'mV');
    assert.equal(mV.toPythonString(), 'mvolt');
  });

  it('rejects non-numeric arguments with UnitError', () => {
    assert.throws(() => (mV as unknown as (x: unknown) => unknown)('3'), (e: unknown) =>
      e instanceof UnitError && /Unit mV must be called with a number or an array of numbers, got string/.test(e.message));
    assert.throws(() => mV(['a'] as unknown as number[]), UnitError);
  });

  it('times/div/pow of units give compound Units named as in Brian2', () => {
    assert.equal(String(mV.times(ms)), 'mV ms');
    assert.equal(mV.times(ms).toPythonString(), 'mvolt * msecond');
    assert.equal(String(mV.times(ms).div(ms)), '(mV ms)/ms');
    assert.equal(String(ms.pow(-1)), 'ms^-1');
    assert.equal(String(divide(1, ms)), 'ms^-1');
    assert.ok(mV.times(ms) instanceof Unit);
  });

  it('a compound unit registers for display, so later quantities print in it (history)', () => {
    const density = nS(10).div(um2(20000));
    assert.equal(String(density), '0.5 m^-4 kg^-1 s^3 A^2');
    uS.div(cm.pow(2));
    assert.equal(String(density), '50. uS/(cm^2)');
    resetUserRegistry();
    assert.equal(String(density), '0.5 m^-4 kg^-1 s^3 A^2');
  });

  it('standard units win over user units of the same dimension', () => {
    uS.div(cm2);
    assert.equal(String(nS(10)), '10. nS');
    assert.equal(String(cm(1)), '10. mm'); // c-prefixed units are never chosen for display
  });

  it('mV.eq(volt) compares dimension and scale, as Brian2\'s Unit ==', () => {
    assert.equal(mV.eq(volt), false);
    assert.equal(mV.eq(volt.times(0.001)), true);
  });
});

describe('unit catalogue', () => {
  it('lookupUnit covers Brian2\'s DEFAULT_UNITS (1710 names), without c/d/da/h prefixes', () => {
    assert.equal(modelStringUnits.size, 1710);
    assert.equal(lookupUnit('mV'), mV);
    assert.equal(lookupUnit('um2')?.dispname, 'um^2');
    assert.equal(lookupUnit('mmetre3')?.dispname, 'mm^3');
    assert.equal(lookupUnit('cm'), cm);
    assert.equal(lookupUnit('mliter')?.dispname, 'ml');
    assert.equal(lookupUnit('cmetre'), undefined);
    assert.equal(lookupUnit('V'), undefined);
    assert.ok(allUnits.has('cmetre'));
  });

  it('getBaseUnit finds the unscaled unit of a dimension', () => {
    assert.equal(getBaseUnit(mV.dim)?.name, 'volt');
    assert.equal(getBaseUnit(nS.dim), siemens);
    assert.equal(getBaseUnit(Dimension.of([3, 0, 0, 0, 0, 0, 1])), undefined);
    assert.equal(getBaseUnit(metre.dim.pow(3))?.dispname, 'm^3');
  });

  it('getUnitForDisplay gives the base dispname, the SI form, or 1', () => {
    assert.equal(getUnitForDisplay(mV.dim), 'V');
    assert.equal(getUnitForDisplay(nS.dim.div(um2.dim)), 'm^-4 kg^-1 s^3 A^2');
    assert.equal(getUnitForDisplay(Dimension.of([0, 0, 0, 0, 0, 0, 0])), '1');
  });
});
