import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defineUserFunction } from '../codegen/index.ts';
import { Clock, Network } from '../core/index.ts';
import { parseExpression } from '../parsing/index.ts';
import { Hz, ms, mV, second, volt } from '../units/index.ts';
import type { Quantity, QuantityArray } from '../units/index.ts';
import { setWarningHandler } from '../util/index.ts';
import type { Variables } from '../variables/index.ts';
import { MonitorError, MonitorIndexError } from './errors.ts';
import { EventMonitor, SpikeMonitor } from './event-monitor.ts';
import { PopulationRateMonitor } from './population-rate-monitor.ts';
import { StateMonitor } from './state-monitor.ts';
import { FakeGroup } from './fake-source.test-util.ts';

const close = (a: number, b: number, tol = 1e-12): void => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} != ${b}`);

describe('StateMonitor', () => {
  it("new StateMonitor(G, 'v', {record: true}) records in slot 'start', before the step's update", () => {
    const G = new FakeGroup(3);
    const M = new StateMonitor(G, 'v', { record: true });
    new Network(G, M).run(ms(0.5));
    assert.deepEqual(Array.from(M.t.in(ms), (x) => Math.round(x * 1e9) / 1e9), [0, 0.1, 0.2, 0.3, 0.4]);
    assert.equal(M.N, 5);
    assert.equal(M.v.length, 3);
    assert.equal(M.v.samples, 5);
    // Sample at t sees the group's write of the previous step (1000*(t - dt) + k).
    assert.equal(M.v[0].values[0], 0);
    close(M.v.get(2).values[3]!, 1000 * 0.2e-3 + 2);
    assert.equal(M.v.get(1).dim, volt.dim);
    close(M.v_[2]![4]!, 1000 * 0.3e-3 + 2);
    close(M.v.values[2]![4]!, 1000 * 0.3e-3 + 2);
    close(M.v.in(mV)[2]![4]!, (1000 * 0.3e-3 + 2) * 1000);
  });

  it("new StateMonitor(G, ['v', 'w', 'g', 'c'], {record: [2, 0]}) records indices in the given order", () => {
    const G = new FakeGroup(3);
    const seen: string[] = [];
    setWarningHandler((key) => seen.push(key));
    const M = new StateMonitor(G, ['v', 'w', 'g', 'c'], { record: [2, 0], when: 'end' });
    setWarningHandler(undefined);
    assert.deepEqual(seen, ['statemonitor.shared_variable', 'statemonitor.shared_variable']);
    new Network(G, M).run(ms(0.3));
    close(M.v[0].values[1]!, 1000 * 0.1e-3 + 2);
    close(M.v.get(1).values[1]!, 1000 * 0.1e-3);
    assert.deepEqual(Array.from(M.w.get(1).values), [7, 7, 7]);
    assert.deepEqual(Array.from(M.g[0].values), [3, 3, 3]);
    assert.deepEqual(Array.from(M.c.get(1).values), [2.5, 2.5, 2.5]);
    assert.deepEqual(Array.from(M.record), [2, 0]);
  });

  it("StateMonitor on a subexpression calling a namespace function ('u = half(v)') asks the source's resolution for the function name too", () => {
    const G = new FakeGroup(2);
    G.variables.addSubexpression('u', { dim: volt.dim, expr: parseExpression('half(v)'), type: 'float', scalar: false });
    const half = defineUserFunction('half', (x: number) => x / 2, { argUnits: [volt], returnUnit: volt });
    const asked: string[] = [];
    // A minimal resolution that resolves only the names it is given (no transitive expansion of its own).
    Object.assign(G, {
      resolution: () => ({
        variablesFor(identifiers: Iterable<string>): Variables {
          const table = G.variables.clone();
          for (const n of identifiers) {
            asked.push(n);
            if (n === 'half') table.set('half', { kind: 'function', name: 'half', descriptor: half.descriptor, implementation: half.implementation });
          }
          return table;
        },
      }),
    });
    const M = new StateMonitor(G, 'u', { record: true });
    new Network(G, M).run(ms(0.3));
    assert.ok(asked.includes('half'), String(asked));
    close(M.u.get(1).values[2]!, (1000 * 0.1e-3 + 1) / 2);
  });

  it('StateMonitor.at(k) selects by absolute source index and rejects unrecorded ones', () => {
    const G = new FakeGroup(10);
    const M = new StateMonitor(G, 'v', { record: [1, 3] });
    new Network(G, M).run(ms(0.3));
    assert.deepEqual(Array.from(M.at(3).v.values), Array.from(M.v.get(1).values));
    assert.deepEqual(M.at([3, 1]).v.values, [M.v.get(1).values, M.v[0].values]);
    assert.equal(M.at(3).t.length, 3);
    assert.throws(() => M.at(2), (e: unknown) => e instanceof MonitorIndexError && /^Index number 2 has not been recorded$/.test(e.message));
    assert.throws(() => M.v.get(2), { name: 'MonitorIndexError', message: /index 2 is out of bounds for the 2 recorded elements of 'statemonitor/ });
    // Brian2 raises IndexError for M.v[2] with two recorded neurons: a typed error, not undefined.
    assert.throws(() => M.v[2], { name: 'MonitorIndexError', message: /index 2 is out of bounds for the 2 recorded elements/ });
    assert.equal(2 in M.v, false);
  });

  it('StateMonitor traces are snapshots: continuing the run does not change them', () => {
    const G = new FakeGroup(2);
    const M = new StateMonitor(G, 'v', { record: true });
    const net = new Network(G, M);
    net.run(ms(0.2));
    const before = M.v;
    const t0 = M.t;
    net.run(ms(0.3));
    assert.equal(before.samples, 2);
    assert.equal(before.get(1).length, 2);
    assert.equal(t0.length, 2);
    assert.equal(M.v.get(1).length, 5);
    close(M.t.values[4]!, 0.4e-3);
  });

  it('StateMonitor with its own dt records on its own clock', () => {
    const G = new FakeGroup(1);
    const M = new StateMonitor(G, 'v', { record: 0, dt: ms(0.3) });
    new Network(G, M).run(ms(1));
    assert.deepEqual(Array.from(M.t.in(ms), (x) => Math.round(x * 1e9) / 1e9), [0, 0.3, 0.6, 0.9]);
    assert.equal(M.clock.name, `${M.name}_clock`);
  });

  it('StateMonitor with record: false records only times', () => {
    const G = new FakeGroup(4);
    const M = new StateMonitor(G, 'v', { record: false });
    new Network(G, M).run(ms(0.2));
    assert.equal(M.t.length, 2);
    assert.equal(M.v.length, 0);
    assert.throws(() => M.v[0], (e: unknown) => e instanceof MonitorIndexError);
  });

  it('StateMonitor(G, true, …) records every model name', () => {
    const G = new FakeGroup(2);
    const M = new StateMonitor(G, true, { record: true });
    assert.deepEqual(M.recordVariables, ['v', 'w']);
  });

  it('StateMonitor.recordSingleTimestep() adds the final state after a run', () => {
    const G = new FakeGroup(1);
    const M = new StateMonitor(G, 'v', { record: true });
    assert.throws(() => M.recordSingleTimestep(), { name: 'MonitorError', message: /^Can only record a single time step after the network has been run once\.$/ });
    new Network(G, M).run(ms(0.2));
    M.recordSingleTimestep();
    assert.equal(M.t.length, 3);
    close(M.t.values[2]!, 0.2e-3);
    close(M.v[0].values[2]!, 1000 * 0.1e-3);
  });

  it('StateMonitor store/restore restores the recorded data', () => {
    const G = new FakeGroup(2);
    const M = new StateMonitor(G, 'v', { record: true });
    const net = new Network(G, M);
    net.run(ms(0.2));
    net.store();
    net.run(ms(0.3));
    assert.equal(M.N, 5);
    net.restore();
    assert.equal(M.N, 2);
    assert.equal(M.v.get(1).length, 2);
    net.run(ms(0.1));
    assert.equal(M.N, 3);
    close(M.t.values[2]!, 0.2e-3);
  });

  it('StateMonitor rejects unknown variables, bad indices and bad records', () => {
    const G = new FakeGroup(10);
    assert.throws(() => new StateMonitor(G, 'x' as string, { record: true }), (e: unknown) => e instanceof MonitorError && /^'x' is not a variable of the recorded group 'fakegroup(_\d+)?'\.$/.test(e.message));
    assert.throws(
      () => new StateMonitor(G, 'v', { record: [0, 10] }),
      (e: unknown) => e instanceof MonitorIndexError && /^The indices to record from contain values outside of the range \[0, 9\] allowed for the group 'fakegroup(_\d+)?'$/.test(e.message),
    );
    assert.throws(() => new StateMonitor(G, 'v', { record: [1.5] }), { name: 'MonitorError', message: /^The indices to record have to be integers, got 1\.5\.$/ });
    assert.throws(() => new StateMonitor(G, 'v', { record: 'all' as unknown as boolean }), { name: 'MonitorError', message: /'record' argument has to be true, false/ });
  });

  it('StateMonitor.get(name) reads a recorded variable and rejects others', () => {
    const G = new FakeGroup(1);
    const M = new StateMonitor(G, 'v', { record: true });
    assert.equal(M.get('v').length, 1);
    assert.throws(() => M.get('w'), { name: 'MonitorError', message: /does not record a variable called 'w' \(it records 'v'\)/ });
    assert.equal(String(M), `<StateMonitor, recording 'v' from '${G.name}'>`);
  });
});

describe('SpikeMonitor', () => {
  const pattern = (step: number, k: number): boolean => (step + k) % 3 === 0;

  it('new SpikeMonitor(G) records i, t, count in time order, ascending within a step', () => {
    const G = new FakeGroup(4, { spikes: pattern });
    const M = new SpikeMonitor(G);
    assert.equal(M.when, 'thresholds');
    assert.equal(M.order, 1);
    new Network(G, M).run(ms(0.4));
    // steps 0..3: step 0 → k=0,3 ; 1 → k=2 ; 2 → k=1 ; 3 → k=0,3
    assert.deepEqual(Array.from(M.i), [0, 3, 2, 1, 0, 3]);
    assert.deepEqual(Array.from(M.t.in(ms), (x) => Math.round(x * 1e9) / 1e9), [0, 0, 0.1, 0.2, 0.3, 0.3]);
    assert.deepEqual(Array.from(M.count), [2, 1, 1, 2]);
    assert.equal(M.numSpikes, 6);
    assert.equal(M.numEvents, 6);
    const [i, t] = M.it;
    assert.equal(i.length, t.length);
    const trains = M.spikeTrains();
    assert.equal(trains.length, 4);
    assert.deepEqual(Array.from(trains[0]!.in(ms), (x) => Math.round(x * 1e9) / 1e9), [0, 0.3]);
    assert.equal(trains[1]!.dim, second.dim);
  });

  it("new SpikeMonitor(G, {variables: 'v'}) records values at spike time", () => {
    const G = new FakeGroup(4, { spikes: pattern });
    const M = new SpikeMonitor(G, { variables: ['v', 'g'] });
    new Network(G, M).run(ms(0.3));
    assert.equal(M.v.dim, volt.dim);
    close(M.v.values[2]!, 1000 * 0.1e-3 + 2);
    close(M.v_[3]!, 1000 * 0.2e-3 + 1);
    assert.deepEqual(Array.from(M.g.values), [3, 3, 3, 3]);
    const perNeuron = M.values('v');
    assert.equal(perNeuron[3]!.length, 1);
    assert.equal(perNeuron[1]!.length, 1);
    const all = M.allValues();
    assert.deepEqual(Object.keys(all).sort(), ['g', 't', 'v']);
  });

  it('new SpikeMonitor(G, {record: false}) keeps only counts', () => {
    const G = new FakeGroup(4, { spikes: pattern });
    const M = new SpikeMonitor(G, { record: false });
    new Network(G, M).run(ms(0.4));
    assert.deepEqual(Array.from(M.count), [2, 1, 1, 2]);
    assert.equal(M.numSpikes, 6);
    for (const read of [() => M.i, () => M.t, () => M.it, () => M.spikeTrains()]) {
      assert.throws(read, { name: 'MonitorError', message: /^Indices and times have not been recorded\. Set the record argument to true to record them\.$/ });
    }
  });

  it('SpikeMonitor of a subgroup records relative indices of its range only', () => {
    const G = new FakeGroup(3, { spikes: () => true, start: 2, stop: 5, parentN: 6 });
    const M = new SpikeMonitor(G);
    const R = new PopulationRateMonitor(G);
    new Network(G, M, R).run(ms(0.2));
    assert.deepEqual(Array.from(M.i), [0, 1, 2, 0, 1, 2]);
    assert.deepEqual(Array.from(M.count), [2, 2, 2]);
    close(R.rate.values[0]!, 3 / 1e-4 / 3);
  });

  it('SpikeMonitor store/restore restores events and counts', () => {
    const G = new FakeGroup(4, { spikes: pattern });
    const M = new SpikeMonitor(G, { variables: 'v' });
    const net = new Network(G, M);
    net.run(ms(0.1));
    net.store('a');
    net.run(ms(0.3));
    net.restore('a');
    assert.deepEqual(Array.from(M.i), [0, 3]);
    assert.deepEqual(Array.from(M.count), [1, 0, 0, 1]);
    assert.equal(M.v.length, 2);
  });

  it('SpikeMonitor rejects bad options with Brian2 messages', () => {
    const G = new FakeGroup(4);
    const silent = new FakeGroup(4, { events: [] });
    assert.throws(() => new SpikeMonitor(G, { order: 2 }), { name: 'MonitorError', message: /^Cannot specify order if when is not specified\.$/ });
    assert.throws(() => new SpikeMonitor(silent), { name: 'MonitorError', message: /^Recorded group 'fakegroup_?\d*' does not define an event 'spike'\. Did you forget to set a 'threshold'\?$/ });
    assert.throws(() => new EventMonitor(G, 'foo'), { name: 'MonitorError', message: /^Recorded group 'fakegroup_?\d*' does not define an event 'foo'\.$/ });
    assert.throws(() => new SpikeMonitor(G, { variables: 'x' as string }), { name: 'MonitorError', message: /^'x' is not a variable of the recorded group 'fakegroup_?\d*'$/ });
    assert.throws(() => new PopulationRateMonitor(silent), { name: 'MonitorError', message: /does not define an event 'spike'/ });
  });

  it("SpikeMonitor with explicit when/order uses them", () => {
    const G = new FakeGroup(4);
    const M = new SpikeMonitor(G, { when: 'end' });
    assert.equal(M.when, 'end');
    assert.equal(M.order, 0);
  });
});

describe('EventMonitor', () => {
  it("new EventMonitor(G, 'up') records a custom event after 'after_thresholds'", () => {
    const G = new FakeGroup(2, { spikes: (s, k) => s === k, events: ['spike', 'up'] });
    const E = new EventMonitor(G, 'up');
    assert.equal(E.when, 'after_thresholds');
    assert.equal(E.order, 1);
    assert.equal(E.event, 'up');
    new Network(G, E).run(ms(0.3));
    assert.deepEqual(Array.from(E.i), [0, 1]);
    assert.equal(E.eventTrains().length, 2);
    assert.equal(String(E), `<EventMonitor, recording event 'up' from '${G.name}'>`);
  });
});

describe('PopulationRateMonitor', () => {
  it("new PopulationRateMonitor(G) records spikes/dt/N in slot 'end' at the step start", () => {
    const G = new FakeGroup(4, { spikes: (s, k) => (s + k) % 3 === 0 });
    const R = new PopulationRateMonitor(G);
    assert.equal(R.when, 'end');
    new Network(G, R).run(ms(0.4));
    assert.equal(R.rate.dim, Hz.dim);
    assert.deepEqual(Array.from(R.rate_), [2 / 1e-4 / 4, 1 / 1e-4 / 4, 1 / 1e-4 / 4, 2 / 1e-4 / 4]);
    close(R.t.values[3]!, 0.3e-3);
    assert.equal(R.smoothRate('flat', ms(0.3)).length, 4);
    const seen: string[] = [];
    setWarningHandler((key, message) => seen.push(`${key}: ${message}`));
    try {
      R.smoothRate('flat', ms(0.25));
    } finally {
      setWarningHandler(undefined);
    }
    assert.deepEqual(seen, ['ratemonitor.adjusted_width: width adjusted from 250. us to 300. us']);
    close(R.smoothRate([1, 1, 1]).values[1]!, (2 + 1 + 1) / 1e-4 / 4 / 3);
    assert.throws(() => R.smoothRate('flat', undefined as unknown as Quantity), (e: unknown) => e instanceof MonitorError && e.monitorName === R.name);
  });

  it('PopulationRateMonitor follows a clock with another dt', () => {
    const clock = new Clock(ms(0.5));
    const G = new FakeGroup(2, { spikes: () => true, clock });
    const R = new PopulationRateMonitor(G);
    new Network(G, R).run(ms(2));
    assert.equal(R.N, 4);
    close(R.rate.values[0]!, 2 / 5e-4 / 2);
    assert.equal(R.clock, clock);
  });
});

describe('monitor typing', () => {
  it('recorded variables are typed members (checked by tsc; @ts-expect-error marks non-members)', () => {
    const G = new FakeGroup(2);
    const all = new StateMonitor(G, true, { record: true });
    const t: QuantityArray = all.t;
    const M = new StateMonitor(G, ['v', 'w'], { record: true });
    const first: QuantityArray = M.v[0];
    const raw: Float64Array[] = M.w_;
    // @ts-expect-error 'x' is not recorded
    assert.equal(M.x, undefined);
    const S = new SpikeMonitor(G, { variables: 'v' });
    const values: QuantityArray = S.v;
    const plain: Float64Array = S.v_;
    const S0 = new SpikeMonitor(G);
    // @ts-expect-error SpikeMonitor without variables has no 'v'
    assert.equal(S0.v, undefined);
    assert.equal([t, first, raw, values, plain].length, 5);
  });
});
