import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { holdOsrOff, osrHeldOff, releaseOsr } from './osr.ts';

describe('OSR off during local sweeps', () => {
  const saved = process.env['BRIAN_TS_SWEEP_OSR'];
  afterEach(() => {
    if (saved === undefined) delete process.env['BRIAN_TS_SWEEP_OSR'];
    else process.env['BRIAN_TS_SWEEP_OSR'] = saved;
  });

  it('turns OSR off while any sweep holds it and restores it when the last one ends', () => {
    delete process.env['BRIAN_TS_SWEEP_OSR'];
    assert.equal(osrHeldOff(), false);
    holdOsrOff();
    assert.equal(osrHeldOff(), true);
    holdOsrOff(); // a second sweep at the same time
    releaseOsr();
    assert.equal(osrHeldOff(), true, 'the other sweep still runs');
    releaseOsr();
    assert.equal(osrHeldOff(), false);
    releaseOsr(); // an extra release changes nothing
    assert.equal(osrHeldOff(), false);
    holdOsrOff();
    assert.equal(osrHeldOff(), true, 'an extra release does not leave a debt');
    releaseOsr();
  });

  it('keeps OSR on with BRIAN_TS_SWEEP_OSR=1', () => {
    process.env['BRIAN_TS_SWEEP_OSR'] = '1';
    holdOsrOff();
    assert.equal(osrHeldOff(), false);
    releaseOsr();
    assert.equal(osrHeldOff(), false);
  });
});
