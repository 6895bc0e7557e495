/** Brian2 2.5.1 `brian2/tests/test_timedarray.py`, translated (status: README.md in this folder). */
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Network, NeuronGroup, StateMonitor, TimedArray, amp, defaultclock, ms, nA, run, second, startScope } from '../../src/index.ts';
import { assertAllclose, raises } from './helpers.ts';

beforeEach(() => {
  startScope();
  defaultclock.dt = ms(0.1);
});

const range = (n: number, f: (k: number) => number = (k) => k): number[] => Array.from({ length: n }, (_, k) => f(k));
const rows4x3 = (unit: (v: number[]) => unknown = (v) => v) => range(4).map((r) => unit(range(3, (c) => 3 * r + c)));

describe('test_timedarray (Brian2 2.5.1)', () => {
  it('test_timedarray_direct_use', () => {
    let ta = new TimedArray(range(11), ms(1));
    assert.equal(ta.at(ms(-1)).value, 0);
    assert.equal(ta.at(ms(5)).value, 5);
    assert.equal(ta.at(ms(10)).value, 10);
    assert.equal(ta.at(ms(15)).value, 10);
    ta = new TimedArray(amp(range(11)), ms(1));
    assert.ok(ta.at(ms(-1)).eq(amp(0)));
    assert.ok(ta.at(ms(5)).eq(amp(5)));
    assert.ok(ta.at(ms(15)).eq(amp(10)));
    const ta2d = new TimedArray(rows4x3((v) => amp(v)) as never, ms(1));
    assert.ok(ta2d.at(ms(-1), 0).eq(amp(0)));
    assert.ok(ta2d.at(ms(0), 1).eq(amp(1)));
    assert.ok(ta2d.at(ms(1), 1).eq(amp(4)));
    assertAllclose([0, 1, 2].map((i) => ta2d.at(ms(1), i).value), [3, 4, 5]);
    assertAllclose([0, 1, 2].map((i) => ta2d.at(ms(15), i).value), [9, 10, 11]);
  });

  it('test_timedarray_semantics', () => {
    // values hold between t and t+dt (not t-dt/2 and t+dt/2 as in Brian1)
    const ta = new TimedArray([0, 1], ms(0.4));
    const G = new NeuronGroup(1, 'value = ta(t) : 1', { dt: ms(0.1), namespace: { ta } });
    const mon = new StateMonitor(G, 'value', { record: 0 });
    run(ms(0.8));
    assertAllclose(mon.value.values[0]!, [0, 0, 0, 0, 1, 1, 1, 1]);
    assertAllclose(mon.value.values[0]!, Array.from(mon.t.values, (t) => ta.at(ms(t * 1e3)).value));
  });

  it('test_timedarray_no_units', () => {
    const ta = new TimedArray(range(10), ms(0.1));
    const G = new NeuronGroup(1, 'value = ta(t) + 1: 1', { dt: ms(0.1), namespace: { ta } });
    const mon = new StateMonitor(G, 'value', { record: true, dt: ms(0.1) });
    run(ms(1.1));
    assertAllclose(mon.value.values[0]!, range(mon.t.length, (k) => Math.min(k, 9) + 1));
  });

  it('test_timedarray_with_units', () => {
    const ta = new TimedArray(amp(range(10)), ms(0.1));
    const G = new NeuronGroup(1, 'value = ta(t) + 2*nA: amp', { dt: ms(0.1), namespace: { ta } });
    const mon = new StateMonitor(G, 'value', { record: true, dt: ms(0.1) });
    run(ms(1.1));
    assertAllclose(mon.value.values[0]!, range(mon.t.length, (k) => Math.min(k, 9) + nA(2).value));
  });

  it('test_timedarray_2d', () => {
    const ta2d = new TimedArray(rows4x3() as never, ms(0.1));
    const G = new NeuronGroup(3, 'value = ta2d(t, i) + 1: 1', { dt: ms(0.1), namespace: { ta2d } });
    const mon = new StateMonitor(G, 'value', { record: true, dt: ms(0.1) });
    run(ms(0.5));
    assertAllclose(mon.value.values[0]!, [0, 3, 6, 9, 9].map((x) => x + 1));
    assertAllclose(mon.value.values[1]!, [1, 4, 7, 10, 10].map((x) => x + 1));
    assertAllclose(mon.value.values[2]!, [2, 5, 8, 11, 11].map((x) => x + 1));
  });

  it('test_timedarray_incorrect_use', () => {
    const ta = new TimedArray(range(11), ms(1));
    const ta2d = new TimedArray(rows4x3((v) => amp(v)) as never, ms(1));
    const G = new NeuronGroup(3, 'I : amp', { namespace: { ta, ta2d } });
    raises(() => { G.I = 'ta2d(t)*amp'; }, 'ValueError');
    raises(() => { G.I = 'ta(t, i)*amp'; }, 'ValueError');
    raises(() => { G.I = 'ta()*amp'; }, 'ValueError');
    raises(() => { G.I = 'ta*amp'; }, 'ValueError');
  });

  it('test_timedarray_no_upsampling', () => {
    const ta = new TimedArray(range(10), ms(0.01));
    const G = new NeuronGroup(1, 'value = ta(t): 1', { dt: ms(0.1), namespace: { ta } });
    const mon = new StateMonitor(G, 'value', { record: true, dt: ms(1) });
    run(ms(2.1));
    assertAllclose(mon.value.values[0]!, [0, 9, 9]);
  });

  it('test_timedarray_repeated_use', () => {
    const values = [[1, 2, 3], [2, 4, 6]];
    for (let runIdx = 0; runIdx < 2; runIdx++) {
      startScope();
      const ta = new TimedArray(values[runIdx]!, defaultclock.dt, { name: 'ta' });
      const G = new NeuronGroup(1, 'dx/dt = ta(t)/dt : 1', { name: 'G', namespace: { ta } });
      run(defaultclock.dt.times(3));
      assert.equal(G.x.values[0], 6 * (runIdx + 1));
    }
  });

  it('test_long_timedarray', () => {
    // a very long TimedArray with a big dt, where upsampling can overflow integers
    const ta = new TimedArray(range(16385), second(1));
    const G = new NeuronGroup(1, 'value = ta(t) : 1', { namespace: { ta } });
    const mon = new StateMonitor(G, 'value', { record: true });
    const net = new Network(G, mon);
    // start close to the critical boundary (Brian2: net.t_ = float(16384*second - 5*ms))
    net.t = second(16384 - 5e-3);
    net.run(ms(10));
    const t = Array.from(mon.t.values);
    const value = Array.from(mon.at(0).value.values);
    assertAllclose(value.filter((_, k) => t[k]! < 16384), 16383);
    assertAllclose(value.filter((_, k) => t[k]! >= 16384), 16384);
    assert.equal(value.length, 100);
    assert.equal(t.filter((x) => x < 16384).length, 50);
  });
});
