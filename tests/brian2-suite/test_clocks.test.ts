/** Brian2 2.5.1 `brian2/tests/test_clocks.py`, translated (status: README.md in this folder). */
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Clock, defaultclock, ms, second } from '../../src/index.ts';
import { catchLogs, raises } from './helpers.ts';

afterEach(() => {
  defaultclock.dt = ms(0.1);
});

describe('test_clocks (Brian2 2.5.1)', () => {
  it('test_clock_attributes', () => {
    const clock = new Clock(ms(1));
    assert.equal(clock.t.value, 0);
    assert.equal(clock.timestep, 0);
    assert.equal(clock.dt.value, 1e-3);
  });

  it('test_clock_dt_change', () => {
    const clock = new Clock(ms(1));
    // at time 0s, all dt changes are allowed
    for (const dt of [0.75, 2.5, 1]) {
      clock.dt = ms(dt);
      clock.setTime(0);
    }
    clock.dt = ms(0.1);
    clock.setTime(0);
    clock.dt = ms(0.05);
    clock.setTime(0.1e-3);
    clock.dt = ms(0.1);
    clock.setTime(0.1e-3);
    clock.dt = ms(0.3);
    raises(() => clock.setTime(0.1e-3), 'ValueError');
  });

  it('test_defaultclock', () => {
    defaultclock.dt = ms(1);
    assert.equal(defaultclock.dt.value, 1e-3);
    assert.equal(defaultclock.name, 'defaultclock');
  });

  it('test_set_interval_warning', () => {
    const clock = new Clock(ms(0.1));
    let logs = catchLogs(() => clock.setInterval(0, 1000)); // no problem
    assert.equal(logs.length, 0);
    logs = catchLogs(() => clock.setInterval(0, 10000000000)); // too long
    assert.equal(logs.length, 1);
    assert.ok(logs[0]![0].endsWith('many_timesteps'));
    void second;
  });
});
