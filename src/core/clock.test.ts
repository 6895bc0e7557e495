import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Quantity, DimensionMismatchError, ms, mV, second } from '../units/index.ts';
import { BrianObject, Clock, ClockError, Network, checkDt, defaultclock, roundHalfEven, findName, InvalidNameError } from './index.ts';

describe('Clock', () => {
  it('new Clock(dt) keeps t = timestep*dt, never accumulated', () => {
    const c = new Clock(ms(0.1));
    c.setInterval(0, 1);
    for (let k = 0; k < 71; k++) c.tick();
    assert.equal(c.timestep, 71);
    assert.equal(c.tSeconds, 71 * 1e-4);
    assert.equal(c.tSeconds, 0.0071000000000000005);
    assert.equal(c.variables.t.array[0], c.tSeconds);
    assert.equal(c.variables.t_in_timesteps.array[0], 71);
    assert.equal(c.variables.dt.array[0], 1e-4);
    assert.ok(c.variables.dt.constant && c.variables.t.scalar && c.variables.t.readOnly);
    assert.equal(c.variables.t_in_timesteps.dtype, 'int64'); // Brian2's int64 time step
  });

  it('Clock.calcTimestep(t) rounds within 1e-4*dt and otherwise rounds up', () => {
    const c = new Clock(ms(0.1));
    assert.equal(c.calcTimestep(0.25e-3), 3);
    assert.equal(c.calcTimestep(0.5e-3), 5);
    assert.equal(c.calcTimestep(0.54e-3), 6);
    assert.equal(c.calcTimestep(0.5401e-3), 6);
    assert.equal(c.calcTimestep(0.10000001e-3), 1);
    assert.equal(c.calcTimestep(0.1001e-3), 2);
    assert.equal(c.calcTimestep(0), 0);
  });

  it('Clock.dt = x rejects non-times and non-positive values', () => {
    const c = new Clock(ms(0.1), { name: 'myclock' });
    assert.throws(() => (c.dt = mV(1)), (e: unknown) => e instanceof DimensionMismatchError && /myclock.*dt has to be a time/.test(e.message));
    assert.throws(() => (c.dt = ms(0)), (e: unknown) => e instanceof ClockError && /positive/.test(e.message));
    assert.throws(() => new Clock(ms(-1)), ClockError);
    assert.throws(() => new Clock(3 as unknown as Quantity), DimensionMismatchError);
  });

  it("checkDt(new, old, t) throws Brian2's message when t is not on the new grid", () => {
    checkDt(17e-3, 0.1e-3, 0);
    checkDt(0.05e-3, 0.1e-3, 10e-3);
    assert.throws(
      () => checkDt(0.2e-3, 0.1e-3, 10.1e-3),
      (e: unknown) => e instanceof ClockError && e.message === 'Cannot set dt from 100. us to 200. us, the time 10.1 ms is not a multiple of 200. us.',
    );
  });

  it('Clock dt changes take effect at the next run and keep failing until t fits', () => {
    const c = new Clock(ms(0.5));
    c.setInterval(0, 2e-3);
    c.dt = ms(0.3);
    assert.equal(c.dtSeconds, 0.3e-3);
    assert.throws(() => c.setInterval(2e-3, 3e-3), /is not a multiple of 300. us/);
    assert.throws(() => c.setInterval(2e-3, 3e-3), ClockError);
    c.dt = ms(0.25);
    c.setInterval(2e-3, 3e-3);
    assert.equal(c.timestep, 8);
    assert.equal(c.endTimestep, 12);
  });

  it('Clock.storeState()/restoreState() round-trip timestep and dt', () => {
    const c = new Clock(ms(0.1));
    c.setInterval(0.3e-3, 1e-3);
    const s = c.storeState();
    c.dt = ms(0.2);
    c.setInterval(0.4e-3, 1e-3);
    c.restoreState(s);
    assert.equal(c.timestep, 3);
    assert.equal(c.dtSeconds, 1e-4);
    assert.equal(c.tSeconds, 3 * 1e-4);
  });

  it('Clock.setInterval rejects more steps than t_in_timesteps holds exactly (2**53 - 1); 2**31 and more are fine', () => {
    const c = new Clock(new Quantity(1e-9, second.dim));
    c.setInterval(0, 10); // 1e10 steps: beyond int32, as Brian2's int64 time steps allow
    assert.equal(c.endTimestep, 1e10);
    const tiny = new Clock(new Quantity(1e-18, second.dim));
    assert.throws(() => tiny.setInterval(0, 1e3), (e: unknown) => e instanceof ClockError && /time steps/.test(e.message));
  });

  it("defaultclock has dt 0.1 ms and name 'defaultclock'; String(clock) is Brian2's repr", () => {
    assert.equal(defaultclock.name, 'defaultclock');
    assert.equal(String(new Clock(ms(0.1), { name: 'c0' })), "Clock(dt=100. us, name='c0')");
  });

  it('roundHalfEven(x) rounds halves to even as numpy', () => {
    assert.deepEqual([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4, 2.6].map(roundHalfEven), [0, 2, 2, -0, -2, -2, 2, 3]);
  });
});

describe('BrianObject clocks and names', () => {
  it('new BrianObject({dt}) gets a private clock <name>_clock; {dt, clock} is an error', () => {
    const o = new BrianObject({ dt: ms(0.5), name: 'priv' });
    assert.equal(o.clock.name, 'priv_clock');
    assert.equal(o.clock.dtSeconds, 0.5e-3);
    assert.throws(() => new BrianObject({ dt: ms(1), clock: defaultclock }), (e: unknown) => e instanceof ClockError && /either a dt or a clock/.test(e.message));
    assert.equal(new BrianObject().clock, defaultclock);
  });

  it("new BrianObject({name: 'x*'}) picks x, x_1, x_2 while the earlier ones are alive", () => {
    const a = new BrianObject({}, 'uniq*');
    const b = new BrianObject({ name: 'uniq*' });
    const c = new BrianObject({ name: 'uniq*' });
    assert.deepEqual([a.name, b.name, c.name], ['uniq', 'uniq_1', 'uniq_2']);
    assert.equal(findName('uniq*'), 'uniq_3');
    assert.equal(findName('uniq'), 'uniq');
    // Explicit names are not made unique (a network rejects duplicates instead).
    assert.equal(new BrianObject({ name: 'uniq' }).name, 'uniq');
  });

  it('new BrianObject({name}) rejects names that are not identifiers', () => {
    for (const bad of ['1abc', 'a-b', 'a b', '', 'x**']) {
      assert.throws(() => new BrianObject({ name: bad }), (e: unknown) => e instanceof InvalidNameError && /not valid variable name/.test(e.message));
    }
  });

  it('defaultclock.dt = x affects existing objects (they share the clock)', () => {
    const o = new BrianObject();
    const net = new Network(o);
    const old = defaultclock.dt;
    try {
      defaultclock.dt = ms(0.05);
      net.run(ms(0.2));
      assert.equal(o.clock.dtSeconds, 0.05e-3);
      assert.equal(defaultclock.timestep, 4);
    } finally {
      defaultclock.dt = old;
    }
  });
});
