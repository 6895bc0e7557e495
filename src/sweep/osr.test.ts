import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { concurrentCompileHeldOff, holdConcurrentCompileOff, holdOsrOff, osrHeldOff, releaseConcurrentCompile, releaseOsr } from './osr.ts';

describe('OSR off during local sweeps', () => {
  const saved = process.env['BRIAN_TS_SWEEP_OSR'];
  const savedCompile = process.env['BRIAN_TS_SWEEP_CONCURRENT_COMPILE'];
  afterEach(() => {
    if (saved === undefined) delete process.env['BRIAN_TS_SWEEP_OSR'];
    else process.env['BRIAN_TS_SWEEP_OSR'] = saved;
    if (savedCompile === undefined) delete process.env['BRIAN_TS_SWEEP_CONCURRENT_COMPILE'];
    else process.env['BRIAN_TS_SWEEP_CONCURRENT_COMPILE'] = savedCompile;
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

  it('holds concurrent recompilation off the same way, independently of OSR', () => {
    delete process.env['BRIAN_TS_SWEEP_CONCURRENT_COMPILE'];
    delete process.env['BRIAN_TS_SWEEP_OSR'];
    assert.equal(concurrentCompileHeldOff(), false);
    holdConcurrentCompileOff();
    assert.equal(concurrentCompileHeldOff(), true);
    assert.equal(osrHeldOff(), false, 'OSR is a flag of its own');
    holdOsrOff();
    holdConcurrentCompileOff();
    releaseConcurrentCompile();
    assert.equal(concurrentCompileHeldOff(), true, 'the other sweep still runs');
    releaseConcurrentCompile();
    assert.equal(concurrentCompileHeldOff(), false);
    assert.equal(osrHeldOff(), true, 'OSR stays off until its own holder ends');
    releaseOsr();
    releaseConcurrentCompile(); // an extra release changes nothing
    assert.equal(concurrentCompileHeldOff(), false);
    process.env['BRIAN_TS_SWEEP_CONCURRENT_COMPILE'] = '1';
    holdConcurrentCompileOff();
    assert.equal(concurrentCompileHeldOff(), false, 'BRIAN_TS_SWEEP_CONCURRENT_COMPILE=1 keeps it on');
    releaseConcurrentCompile();
  });
});
