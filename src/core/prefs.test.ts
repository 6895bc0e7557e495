import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { prefs, resetPrefs, getPref, PrefsError } from './index.ts';

describe('prefs', () => {
  const saved = process.env['BRIAN_TS_CHECK_FINITE'];
  afterEach(() => {
    resetPrefs();
    if (saved === undefined) delete process.env['BRIAN_TS_CHECK_FINITE'];
    else process.env['BRIAN_TS_CHECK_FINITE'] = saved;
  });

  it('defaults, assignment, and reset back to the default', () => {
    delete process.env['BRIAN_TS_CHECK_FINITE'];
    assert.equal(prefs.checkFinite, false);
    prefs.checkFinite = true;
    assert.equal(prefs.checkFinite, true);
    assert.equal(getPref('checkFinite'), true);
    resetPrefs('checkFinite');
    assert.equal(prefs.checkFinite, false);
  });

  it('reads the environment variable when nothing was assigned; an assignment wins over it', () => {
    process.env['BRIAN_TS_CHECK_FINITE'] = '1';
    assert.equal(prefs.checkFinite, true);
    process.env['BRIAN_TS_CHECK_FINITE'] = 'off';
    assert.equal(prefs.checkFinite, false);
    process.env['BRIAN_TS_CHECK_FINITE'] = 'yes';
    prefs.checkFinite = false;
    assert.equal(prefs.checkFinite, false);
    process.env['BRIAN_TS_CHECK_FINITE'] = 'maybe';
    resetPrefs();
    assert.throws(() => prefs.checkFinite, (e: unknown) => e instanceof PrefsError && /BRIAN_TS_CHECK_FINITE.*'maybe'/.test(e.message));
  });

  it('rejects values of the wrong type and unknown keys with a PrefsError', () => {
    const p = prefs as unknown as Record<string, unknown>;
    assert.throws(() => (p['checkFinite'] = 1), (e: unknown) => e instanceof PrefsError && /true or false, got 1/.test(e.message));
    assert.throws(() => (p['chekFinite'] = true), (e: unknown) => e instanceof PrefsError && /Unknown preference 'chekFinite'.*'checkFinite'/.test(e.message));
    assert.throws(() => delete p['checkFinite'], PrefsError);
    assert.throws(() => resetPrefs('nope' as 'checkFinite'), PrefsError);
    assert.equal(p['chekFinite'], undefined);
  });

  it('lists its keys and serialises to JSON', () => {
    delete process.env['BRIAN_TS_CHECK_FINITE'];
    delete process.env['BRIAN_TS_THREADS'];
    assert.ok(Object.keys(prefs).includes('checkFinite'));
    assert.ok('checkFinite' in prefs);
    delete process.env['BRIAN_TS_DEFAULT_SCHEDULE'];
    const fastEnv = process.env['BRIAN_TS_FAST_MATH'];
    const dtypeEnv = process.env['BRIAN_TS_FLOAT_DTYPE'];
    const reuseEnv = process.env['BRIAN_TS_CODE_REUSE'];
    delete process.env['BRIAN_TS_FAST_MATH'];
    delete process.env['BRIAN_TS_FLOAT_DTYPE'];
    delete process.env['BRIAN_TS_CODE_REUSE'];
    try {
      assert.deepEqual(JSON.parse(JSON.stringify(prefs)), {
        checkFinite: false,
        codeReuse: true,
        defaultSchedule: ['start', 'groups', 'thresholds', 'synapses', 'resets', 'end'],
        fastMath: false,
        fastMathKernels: true,
        exactKernels: true,
        wasmStorage: true,
        floatDtype: 'float64',
        threads: 'auto',
      });
    } finally {
      if (fastEnv !== undefined) process.env['BRIAN_TS_FAST_MATH'] = fastEnv;
      if (dtypeEnv !== undefined) process.env['BRIAN_TS_FLOAT_DTYPE'] = dtypeEnv;
      if (reuseEnv !== undefined) process.env['BRIAN_TS_CODE_REUSE'] = reuseEnv;
    }
    Object.assign(prefs, { checkFinite: true });
    assert.equal(prefs.checkFinite, true);
  });

  it('fastMath is a boolean, false by default, read from BRIAN_TS_FAST_MATH', () => {
    resetPrefs();
    const saved = process.env['BRIAN_TS_FAST_MATH'];
    try {
      delete process.env['BRIAN_TS_FAST_MATH'];
      assert.equal(prefs.fastMath, false);
      process.env['BRIAN_TS_FAST_MATH'] = '1';
      assert.equal(prefs.fastMath, true);
      process.env['BRIAN_TS_FAST_MATH'] = 'maybe';
      assert.throws(() => prefs.fastMath, (e: unknown) => e instanceof PrefsError && /BRIAN_TS_FAST_MATH/.test(e.message));
      assert.throws(() => { prefs.fastMath = 1 as never; }, PrefsError);
      prefs.fastMath = false;
      assert.equal(prefs.fastMath, false, 'an assigned value wins over the environment');
    } finally {
      resetPrefs('fastMath');
      if (saved === undefined) delete process.env['BRIAN_TS_FAST_MATH'];
      else process.env['BRIAN_TS_FAST_MATH'] = saved;
    }
  });

  it("floatDtype is 'float64' or 'float32', 'float64' by default, read from BRIAN_TS_FLOAT_DTYPE", () => {
    resetPrefs();
    const saved = process.env['BRIAN_TS_FLOAT_DTYPE'];
    try {
      delete process.env['BRIAN_TS_FLOAT_DTYPE'];
      assert.equal(prefs.floatDtype, 'float64');
      process.env['BRIAN_TS_FLOAT_DTYPE'] = 'Float32';
      assert.equal(prefs.floatDtype, 'float32');
      process.env['BRIAN_TS_FLOAT_DTYPE'] = 'float16';
      assert.throws(() => prefs.floatDtype, (e: unknown) => e instanceof PrefsError && /BRIAN_TS_FLOAT_DTYPE must be 'float64' or 'float32', got 'float16'/.test(e.message));
      assert.throws(() => { prefs.floatDtype = 'double' as never; }, (e: unknown) => e instanceof PrefsError && /prefs.floatDtype must be 'float64' or 'float32', got 'double'/.test(e.message));
      assert.throws(() => { prefs.floatDtype = 32 as never; }, PrefsError);
      prefs.floatDtype = 'float64';
      assert.equal(prefs.floatDtype, 'float64', 'an assigned value wins over the environment');
    } finally {
      resetPrefs('floatDtype');
      if (saved === undefined) delete process.env['BRIAN_TS_FLOAT_DTYPE'];
      else process.env['BRIAN_TS_FLOAT_DTYPE'] = saved;
    }
  });

  it('defaultSchedule is checked like Network.schedule and read from BRIAN_TS_DEFAULT_SCHEDULE', () => {
    resetPrefs();
    assert.throws(() => { prefs.defaultSchedule = ['start', 'start']; }, (e: unknown) => e instanceof PrefsError && /prefs.defaultSchedule must be a list of scheduling slot names/.test(e.message));
    assert.throws(() => { prefs.defaultSchedule = 'start' as never; }, PrefsError);
    process.env['BRIAN_TS_DEFAULT_SCHEDULE'] = 'end, start';
    try {
      assert.deepEqual(prefs.defaultSchedule, ['end', 'start']);
    } finally {
      delete process.env['BRIAN_TS_DEFAULT_SCHEDULE'];
    }
    prefs.defaultSchedule = ['groups', 'start'];
    assert.deepEqual(prefs.defaultSchedule, ['groups', 'start']);
    resetPrefs('defaultSchedule');
    assert.deepEqual(prefs.defaultSchedule, ['start', 'groups', 'thresholds', 'synapses', 'resets', 'end']);
  });
});
