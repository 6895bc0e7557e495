/** Brian2 2.5.1 `brian2/tests/test_poissoninput.py`, translated (status: README.md in this folder). */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Hz, Network, NeuronGroup, PoissonInput, StateMonitor, collect, defaultclock, ms, run, startScope, volt } from '../../src/index.ts';
import { assertAllclose, raises } from './helpers.ts';

beforeEach(() => {
  startScope();
  defaultclock.dt = ms(0.1);
});
afterEach(() => {
  defaultclock.dt = ms(0.1);
});

const variance = (v: readonly number[]): number => {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  return v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length;
};

describe('test_poissoninput (Brian2 2.5.1)', () => {
  it('test_poissoninput', () => {
    const G = new NeuronGroup(10, 'x : volt\ny : volt\ny2 : volt\nz : volt\nz2 : volt\nw : 1');
    G.w = 0.5;
    const perStep = Hz(1 / defaultclock.dt.value);
    const neverUpdate = new PoissonInput(G, 'x', 100, Hz(0), volt(1));
    const alwaysUpdate = new PoissonInput(G, 'y', 50, perStep, volt(2));
    new PoissonInput(G, 'y2', 50, perStep, '1*volt + 1*volt');
    const sometimesUpdate = new PoissonInput(G, 'z', 10000, Hz(50), volt(0.5));
    new PoissonInput(G, 'z2', 10000, Hz(50), 'w*volt');
    assert.equal(neverUpdate.rate.value, 0);
    assert.equal(neverUpdate.N, 100);
    assert.equal(alwaysUpdate.rate.value, perStep.value);
    assert.equal(alwaysUpdate.N, 50);
    assert.equal(sometimesUpdate.rate.value, 50);
    assert.equal(sometimesUpdate.N, 10000);
    const mon = new StateMonitor(G, ['x', 'y', 'y2', 'z', 'z2'], { record: true, when: 'end' });
    run(ms(1));
    for (const trace of mon.x.values) assert.ok(trace.every((v) => v === 0));
    for (const name of ['y', 'y2'] as const) {
      for (const trace of mon[name].values) assert.deepEqual(Array.from(trace), Array.from(trace, (_, k) => (1 + k) * 50 * 2));
    }
    for (const name of ['z', 'z2'] as const) {
      const traces = mon[name].values.map((t) => Array.from(t));
      for (const t of traces) assert.ok(variance(t.slice(1).map((x, k) => x - t[k]!)) > 0); // variability over time
      for (let k = 0; k < traces[0]!.length; k++) assert.ok(variance(traces.map((t) => t[k]!)) > 0); // over neurons
    }
  });

  it('test_poissoninput_errors', () => {
    const G = new NeuronGroup(10, 'x : volt\ny : 1');
    raises(() => new PoissonInput(G, 'z', 100, Hz(100), 1.0), 'KeyError'); // non-existing variable
    raises(() => new PoissonInput(G, 'x', 100, Hz(100), 1.0), 'DimensionMismatchError');
    raises(() => new PoissonInput(G, 'y', 100, Hz(100), volt(1.0)), 'DimensionMismatchError');
    // dt change
    const oldDt = defaultclock.dt;
    new PoissonInput(G, 'x', 100, Hz(100), volt(1));
    defaultclock.dt = oldDt.times(2);
    const net = new Network(...collect());
    raises(() => net.run(ms(0)), 'BrianObjectException');
    raises(() => net.run(ms(0)), 'NotImplementedError');
  });

  it('test_poissoninput_refractory', () => {
    const G = new NeuronGroup(10, 'dv/dt = 0/second : 1 (unless refractory)', { reset: 'v=0', threshold: 'v>4.5', refractory: defaultclock.dt.times(5) });
    // Increases the value by 1.0 at each time step
    new PoissonInput(G, 'v', 1, Hz(1 / defaultclock.dt.value), 1.0);
    const mon = new StateMonitor(G, 'v', { record: 5 });
    run(defaultclock.dt.times(10));
    const expected = Array.from({ length: 10 }, (_, k) => (k >= 6 ? 0 : k)); // schedule_propagation_offset() is 0
    assertAllclose(mon.v.values[0]!, expected);
  });
});
