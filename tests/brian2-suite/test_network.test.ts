/**
 * Brian2 2.5.1 `brian2/tests/test_network.py`, translated (status of every function:
 * README.md in this folder). Each `it` is named after Brian2's test function.
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  BrianObject,
  Clock,
  MagicError,
  MagicNetwork,
  NetworkOperation,
  magicNetwork,
  networkOperation,
  profilingSummary,
  schedulingSummary,
  stop,
  Hz,
  Network,
  NeuronGroup,
  PoissonGroup,
  PopulationRateMonitor,
  SpikeGeneratorGroup,
  TimedArray,
  collect,
  linspace,
  restore,
  store,
  us,
  SpikeMonitor,
  StateMonitor,
  Synapses,
  defaultclock,
  loadSnapshot,
  ms,
  prefs,
  run,
  saveSnapshot,
  second,
  startScope,
} from '../../src/index.ts';
import { resetPrefs } from '../../src/core/index.ts';
import type { BrianObjectOptions } from '../../src/index.ts';
import { silenceWarnings } from '../../src/util/index.ts';
import { assertAllclose, catchLogs, isKind, raises } from './helpers.ts';
import type { BrianKind } from './helpers.ts';

/** `raises` for a promise. */
async function rejects(fn: () => Promise<unknown>, kind: BrianKind): Promise<void> {
  let thrown: unknown;
  let threw = false;
  try {
    await fn();
  } catch (e) {
    threw = true;
    thrown = e;
  }
  assert.ok(threw, `expected ${kind}, nothing was thrown`);
  assert.ok(isKind(thrown, kind), `expected ${kind}, got ${String((thrown as Error)?.name)}: ${String((thrown as Error)?.message)}`);
}


/** Brian2's test `Counter`: counts its time steps; has a `state` for getStates/setStates. */
class Counter extends BrianObject {
  count = 0;
  state: Record<string, unknown> = { state: 0 };
  constructor(options: BrianObjectOptions = {}) {
    super(options, 'counter*');
  }
  override get addToMagicNetwork(): boolean {
    return true;
  }
  getStates(): Record<string, unknown> {
    return { ...this.state };
  }
  setStates(values: Record<string, unknown>): void {
    Object.assign(this.state, values);
  }
  override run(): void {
    this.count++;
  }
}

class CounterWithContained extends Counter {
  readonly subCounter: Counter;
  constructor(options: BrianObjectOptions = {}) {
    super(options);
    this.subCounter = new Counter();
    this.containedObjects.push(this.subCounter);
  }
}

class NoninvalidatingCounter extends Counter {
  override get invalidatesMagicNetwork(): boolean {
    return false;
  }
}

/** Brian2's `NameLister`: records the names of the objects in the order they run. */
class NameLister extends BrianObject {
  static updates: string[] = [];
  override get addToMagicNetwork(): boolean {
    return true;
  }
  override run(): void {
    NameLister.updates.push(this.name);
  }
}

/** Brian2's `Stopper`: calls `stopfunc` after `stoptime` steps. */
class Stopper extends BrianObject {
  constructor(
    private stoptime: number,
    private readonly stopfunc: () => void,
    options: BrianObjectOptions = {},
  ) {
    super(options, 'stopper*');
  }
  override get addToMagicNetwork(): boolean {
    return true;
  }
  override run(): void {
    this.stoptime -= 1;
    if (this.stoptime <= 0) this.stopfunc();
  }
}

let dir = '';
beforeEach(() => {
  startScope();
  defaultclock.dt = ms(0.1);
  dir = mkdtempSync(join(tmpdir(), 'brian2-suite-network-'));
});
afterEach(() => {
  resetPrefs();
  defaultclock.dt = ms(0.1);
  rmSync(dir, { recursive: true, force: true });
});

const traces = (M: StateMonitor<'v'>): number[][] => M.v.values.map((row: Float64Array) => Array.from(row));

describe('test_network (Brian2 2.5.1)', () => {
  it('test_incorrect_network_use', () => {
    raises(() => new Network({ name: 'mynet', anotherkwd: 'does not exist' } as never), 'TypeError');
    raises(() => new Network('not a BrianObject' as never), 'TypeError');
    const net = new Network();
    raises(() => net.add('not a BrianObject' as never), 'TypeError');
    raises(() => new MagicNetwork(), 'ValueError');
    const G = new NeuronGroup(10, 'v:1');
    net.add(G);
    raises(() => net.remove(new (class NotABrianObject {})() as never), 'TypeError');
    raises(() => magicNetwork.add(G), 'ValueError'); // Brian2's MagicError
    assert.throws(() => magicNetwork.add(G), MagicError);
    assert.throws(() => magicNetwork.remove(G), MagicError);
  });

  it('test_network_contains', () => {
    const G = new NeuronGroup(1, 'v:1', { name: 'mygroup' });
    const net = new Network(G);
    assert.ok(net.has('mygroup'));
    assert.ok(!net.has('neurongroup'));
  });

  it('test_empty_network', () => {
    const net = new Network();
    net.run(second(1));
  });

  it('test_network_single_object', () => {
    const x = new Counter();
    const net = new Network(x);
    net.run(ms(1));
    assert.equal(x.count, 10);
  });

  it('test_network_two_objects', () => {
    const x = new Counter({ order: 5 });
    const y = new Counter({ order: 6 });
    const net = new Network();
    net.add([x, [y]]); // check that a funky way of adding objects work correctly
    net.run(ms(1));
    assert.equal(net.objects.length, 2);
    assert.equal(x.count, 10);
    assert.equal(y.count, 10);
  });

  it('test_network_from_dict', () => {
    const x = new Counter();
    const y = new Counter();
    const net = new Network();
    net.add({ a: x, b: y });
    net.run(ms(1));
    assert.equal(net.objects.length, 2);
    assert.equal(x.count, 10);
    assert.equal(y.count, 10);
  });

  it('test_network_different_clocks', () => {
    NameLister.updates.length = 0;
    const x = new NameLister({ name: 'x', dt: ms(0.1), order: 0 });
    const y = new NameLister({ name: 'y', dt: ms(1), order: 1 });
    const net = new Network(x, y);
    net.run(second(100).plus(defaultclock.dt), { report: () => {} });
    const updates = NameLister.updates.join('').slice(2); // ignore the first time step
    assert.equal(updates, 'xxxxxxxxxxy'.repeat(100000));
  });

  it('test_network_different_when', () => {
    NameLister.updates.length = 0;
    const x = new NameLister({ name: 'x', when: 'start' });
    const y = new NameLister({ name: 'y', when: 'end' });
    const net = new Network(x, y);
    net.run(ms(0.3));
    assert.equal(NameLister.updates.join(''), 'xyxyxy');
  });

  it('test_network_schedule_change', () => {
    NameLister.updates.length = 0;
    const x = new NameLister({ name: 'x', when: 'thresholds' });
    const y = new NameLister({ name: 'y', when: 'resets' });
    const net = new Network(x, y);
    net.run(ms(0.3));
    assert.equal(NameLister.updates.join(''), 'xyxyxy');
    NameLister.updates.length = 0;
    net.schedule = ['start', 'groups', 'synapses', 'resets', 'thresholds', 'end'];
    net.run(ms(0.3));
    assert.equal(NameLister.updates.join(''), 'yxyxyx');
  });

  it('test_network_before_after_schedule', () => {
    NameLister.updates.length = 0;
    const x = new NameLister({ name: 'x', when: 'before_resets' });
    const y = new NameLister({ name: 'y', when: 'after_thresholds' });
    const net = new Network(x, y);
    net.schedule = ['thresholds', 'resets', 'end'];
    net.run(ms(0.3));
    assert.equal(NameLister.updates.join(''), 'yxyxyx');
  });

  it('test_network_custom_slots', () => {
    NameLister.updates.length = 0;
    const x = new NameLister({ name: 'x', when: 'thresholds' });
    const y = new NameLister({ name: 'y', when: 'in_between' });
    const z = new NameLister({ name: 'z', when: 'resets' });
    const net = new Network(x, y, z);
    net.schedule = ['start', 'groups', 'thresholds', 'in_between', 'synapses', 'resets', 'end'];
    net.run(ms(0.3));
    assert.equal(NameLister.updates.join(''), 'xyzxyzxyz');
  });

  it('test_network_incorrect_schedule', () => {
    const net = new Network();
    raises(() => { net.schedule = {} as never; }, 'TypeError');
    raises(() => { net.schedule = 1 as never; }, 'TypeError');
    raises(() => { net.schedule = new Set(['slot1', 'slot2']) as never; }, 'TypeError');
    raises(() => { net.schedule = ['slot', 1] as never; }, 'TypeError');
    raises(() => { net.schedule = ['start', 'after_start']; }, 'ValueError');
    raises(() => { net.schedule = ['before_start', 'start']; }, 'ValueError');
  });

  it('test_scheduling_summary_magic', () => {
    const basename = `name${randomUUID().replaceAll('-', '_')}`;
    const group = new NeuronGroup(10, 'dv/dt = -v/(10*ms) : 1', { threshold: 'v>1', reset: 'v=1', name: basename });
    group.runRegularly('v = rand()', { dt: defaultclock.dt.times(10), when: 'end' });
    new StateMonitor(group, 'v', { record: true, name: `${basename}_sm` });
    const inactive = new StateMonitor(group, 'v', { record: true, name: `${basename}_sm_ia`, when: 'after_end' });
    inactive.active = false;
    const before = schedulingSummary();
    assert.deepEqual(before.entries.map((e) => e.name), [`${basename}_sm`, `${basename}_stateupdater`, `${basename}_spike_thresholder`, `${basename}_spike_resetter`, `${basename}_run_regularly`, `${basename}_sm_ia`]);
    assert.deepEqual(before.entries.map((e) => e.when), ['start', 'groups', 'thresholds', 'resets', 'end', 'after_end']);
    const dt = defaultclock.dt.value;
    assert.deepEqual(before.entries.map((e) => e.dt), [dt, dt, dt, dt, dt * 10, dt]);
    assert.deepEqual(before.entries.map((e) => e.active), [true, true, true, true, true, false]);
    assert.ok(String(before).length > 0);
    run(defaultclock.dt);
    const after = schedulingSummary();
    assert.equal(String(after), String(before));
  });

  it('test_scheduling_summary', () => {
    const basename = `name${randomUUID().replaceAll('-', '_')}`;
    const group = new NeuronGroup(10, 'dv/dt = -v/(10*ms) : 1', { threshold: 'v>1', reset: 'v=1', name: basename });
    group.runRegularly('v = rand()', { dt: defaultclock.dt.times(10), when: 'end' });
    const stateMon = new StateMonitor(group, 'v', { record: true, name: `${basename}_sm` });
    const inactive = new StateMonitor(group, 'v', { record: true, name: `${basename}_sm_ia`, when: 'after_end' });
    inactive.active = false;
    const foo = networkOperation(() => {}, { name: `${basename}_net_op`, when: 'before_end' });
    const net = new Network(group, stateMon, inactive, foo);
    const before = net.schedulingSummary();
    assert.deepEqual(before.entries.map((e) => e.name), [`${basename}_sm`, `${basename}_stateupdater`, `${basename}_spike_thresholder`, `${basename}_spike_resetter`, `${basename}_net_op`, `${basename}_run_regularly`, `${basename}_sm_ia`]);
    assert.deepEqual(before.entries.map((e) => e.when), ['start', 'groups', 'thresholds', 'resets', 'before_end', 'end', 'after_end']);
    const dt = defaultclock.dt.value;
    assert.deepEqual(before.entries.map((e) => e.dt), [dt, dt, dt, dt, dt, dt * 10, dt]);
    assert.deepEqual(before.entries.map((e) => e.active), [true, true, true, true, true, true, false]);
    assert.ok(String(before).length > 0);
    run(defaultclock.dt);
    const after = net.schedulingSummary();
    assert.equal(String(after), String(before));
  });

  it('test_magic_network', () => {
    const x = new Counter();
    const y = new Counter();
    run(ms(10));
    assert.equal(x.count, 100);
    assert.equal(y.count, 100);
    assert.ok(String(magicNetwork).length > 0);
  });

  it('test_network_stop', () => {
    let net = new Network();
    let x = new Stopper(10, () => net.stop());
    net.add(x);
    net.run(ms(10));
    assertAllclose(defaultclock.t.value, 1e-3);
    x = new Stopper(10, stop);
    net = new Network(x);
    net.run(ms(10));
    assertAllclose(defaultclock.t.value, 1e-3);
  });

  it('test_network_operations', () => {
    const seq: string[] = [];
    const op1 = new NetworkOperation(() => seq.push('a'), { when: 'start', order: 1 });
    const f2 = networkOperation(() => { seq.push('b'); });
    const f3 = networkOperation(() => { seq.push('c'); }, { when: 'end', order: 1 });
    // In complex frameworks, network operations might be object methods that access some common data
    class Container {
      g1Data = 'B';
      g2Data = 'C';
      g1(): void { seq.push(this.g1Data); }
      g2(): void { seq.push(this.g2Data); }
    }
    const c = new Container();
    const cOp1 = new NetworkOperation(() => c.g1());
    const cOp2 = new NetworkOperation(() => c.g2(), { when: 'end', order: 1 });
    const net = new Network(op1, f2, f3, cOp1, cOp2);
    net.run(ms(1));
    assert.equal(seq.join(''), 'bBacC'.repeat(10));
  });

  it('test_incorrect_network_operations', () => {
    // Network operations with more than one argument are not allowed
    const func = (_x: unknown, _y: unknown): void => {};
    class Container {
      func(_x: unknown, _y: unknown): void {}
    }
    const c = new Container();
    raises(() => new NetworkOperation(func as never), 'TypeError');
    raises(() => new NetworkOperation(c.func.bind(c) as never), 'TypeError');
    // (Brian2's decorator on an instance method has no JavaScript counterpart.)
  });

  it('test_network_operations_name', () => {
    const seq: string[] = [];
    const f1 = (): void => { seq.push('a'); };
    const f2 = (): void => { seq.push('b'); };
    const x = (): void => {};
    const op = new NetworkOperation(() => x);
    assert.equal(op.name, 'networkoperation');
    const op0 = new NetworkOperation(() => x, { name: 'named_network' });
    assert.equal(op0.name, 'named_network');
    const op1 = new NetworkOperation(f1, { name: 'networkoperation_1' });
    const op2 = new NetworkOperation(f1, { name: 'networkoperation_3' });
    const op3 = new NetworkOperation(f2, { name: 'networkoperation_2' });
    const net = new Network(op1, op2, op3);
    net.run(ms(1));
    assert.equal(seq.join(''), 'aba'.repeat(10));
  });

  it('test_network_active_flag', () => {
    const x = new Counter();
    const y = new Counter();
    y.active = false;
    run(ms(1));
    assert.equal(x.count, 10);
    assert.equal(y.count, 0);
  });

  it('test_spikes_after_deactivating', () => {
    const alwaysSpike = new NeuronGroup(1, '', { threshold: 'True', reset: '' });
    const spikeMon = new SpikeMonitor(alwaysSpike);
    run(defaultclock.dt);
    alwaysSpike.active = false;
    run(defaultclock.dt);
    assert.deepEqual(Array.from(spikeMon.t_), [0]);
  });

  it('test_network_t', () => {
    let x = new Counter({ dt: ms(1) });
    let y = new Counter({ dt: ms(2) });
    const net = new Network(x, y);
    const check = (t: number, cx: number, cy: number, tnow = net.t.value): void => {
      assertAllclose(tnow, t);
      assert.equal(x.count, cx);
      assert.equal(y.count, cy);
    };
    net.run(ms(4));
    assertAllclose(net.t.value, 4e-3);
    net.run(ms(1));
    check(5e-3, 5, 3);
    net.run(ms(0.5)); // should only update x
    check(5.5e-3, 6, 3);
    net.run(ms(0.5)); // shouldn't do anything
    check(6e-3, 6, 3);
    net.run(ms(0.5)); // should update x and y
    check(6.5e-3, 7, 4);
    // now test with magic run
    startScope();
    x = new Counter({ dt: ms(1) });
    y = new Counter({ dt: ms(2) });
    run(ms(4));
    check(4e-3, 4, 2, magicNetwork.t.value);
    run(ms(4));
    check(8e-3, 8, 4, magicNetwork.t.value);
    run(ms(1));
    check(9e-3, 9, 5, magicNetwork.t.value);
  });

  it('test_incorrect_dt_defaultclock', () => {
    defaultclock.dt = ms(0.5);
    const G = new NeuronGroup(1, 'dv/dt = -v / (10*ms) : 1');
    const net = new Network(G);
    net.run(ms(0.5));
    defaultclock.dt = ms(1);
    raises(() => net.run(ms(0)), 'ValueError');
  });

  it('test_incorrect_dt_custom_clock', () => {
    const clock = new Clock(ms(0.5));
    const G = new NeuronGroup(1, 'dv/dt = -v / (10*ms) : 1', { clock });
    const net = new Network(G);
    net.run(ms(0.5));
    clock.dt = ms(1);
    raises(() => net.run(ms(0)), 'ValueError');
  });

  it('test_network_remove', () => {
    const x = new Counter();
    const y = new Counter();
    const net = new Network(x, y);
    net.remove(y);
    net.run(ms(1));
    assert.equal(x.count, 10);
    assert.equal(y.count, 0);
    for (const obj of [...net.objects]) net.remove(obj);
    net.run(ms(1));
    assert.equal(x.count, 10);
    assert.equal(y.count, 0);
  });

  it('test_contained_objects', () => {
    const obj = new CounterWithContained();
    const net = new Network(obj);
    // The contained object should not be stored explicitly
    assert.equal(net.objects.length, 1);
    // It should be accessible via the network interface, though
    assert.equal(net.size, 2);
    net.run(defaultclock.dt);
    // The contained object should be executed during the run
    assert.equal(obj.count, 1);
    assert.equal(obj.subCounter.count, 1);
    // contained objects should be accessible via getStates/setStates
    const states = net.getStates();
    assert.equal(Object.keys(states).length, 2);
    assert.deepEqual(new Set(Object.keys(states)), new Set([obj.name, obj.subCounter.name]));
    assert.deepEqual(Object.keys(states[obj.name]!), ['state']);
    assert.deepEqual(Object.keys(states[obj.subCounter.name]!), ['state']);
    (net.get(obj.name) as Counter).setStates({ state: 1 });
    (net.get(obj.subCounter.name) as Counter).setStates({ state: 2 });
    net.remove(obj);
    assert.equal(net.objects.length, 0);
    assert.equal(net.size, 0);
    assert.equal(Object.keys(net.getStates()).length, 0);
    net.run(defaultclock.dt);
    assert.equal(obj.count, 1);
    assert.equal(obj.subCounter.count, 1);
  });

  it('test_invalid_magic_network', () => {
    let x = new Counter();
    run(ms(1));
    assert.equal(x.count, 10);
    let y: Counter = new Counter();
    raises(() => run(ms(1)), 'ValueError');
    assert.throws(() => run(ms(1)), MagicError);
    // Brian2's `del x, y` (garbage collection): a new scope
    startScope();
    x = new Counter();
    run(ms(1));
    y = new NoninvalidatingCounter();
    run(ms(1));
    assert.equal(x.count, 20);
    assert.equal(y.count, 10);
    y.active = false; // Brian2's `del y`
    run(ms(1));
    assert.equal(x.count, 30);
    startScope();
    x = new Counter();
    run(ms(1));
    assertAllclose(magicNetwork.t.value, 1e-3);
    startScope();
    x = new Counter();
    y = new Counter();
    run(ms(1));
    assert.equal(x.count, 10);
    assert.equal(y.count, 10);
  });

  it('test_multiple_networks_invalid', () => {
    const x = new Counter();
    const net = new Network(x);
    net.run(ms(1));
    raises(() => run(ms(1)), 'ValueError'); // Brian2's RuntimeError
    raises(() => new Network(x), 'ValueError');
  });

  it('test_network_access', () => {
    const x = new Counter({ name: 'counter' });
    const net = new Network(x);
    assert.equal(net.size, 1);
    assert.ok(String(net).length > 0);
    // accessing objects
    assert.equal(net.get('counter'), x);
    raises(() => net.get(123 as never), 'TypeError');
    raises(() => net.get([1, 3] as never), 'TypeError');
    raises(() => net.get('non-existing'), 'KeyError');
    assert.deepEqual(new Set([...net]), new Set(net.objects));
    // deleting objects
    net.delete('counter');
    raises(() => net.delete(123 as never), 'TypeError');
    raises(() => net.delete([1, 3] as never), 'TypeError');
    raises(() => net.delete('counter'), 'KeyError');
  });

  it('test_network_default_schedule', () => {
    const net = new Network();
    assert.deepEqual(net.schedule, ['start', 'groups', 'thresholds', 'synapses', 'resets', 'end']);
    // Set the preference and check that the change is taken into account
    prefs.defaultSchedule = ['start', 'groups', 'thresholds', 'synapses', 'resets', 'end'].reverse();
    assert.deepEqual(net.schedule, ['end', 'resets', 'synapses', 'thresholds', 'groups', 'start']);
  });

  it('test_get_set_states', () => {
    const G = new NeuronGroup(10, 'v:1', { name: 'a_neurongroup' });
    G.v = 'i';
    const net = new Network(G);
    const states1 = net.getStates();
    const states3 = net.getStates({ readOnlyVariables: false });
    assert.deepEqual(Object.keys(states1), ['a_neurongroup']);
    assert.deepEqual(Object.keys(states3), ['a_neurongroup']);
    assert.deepEqual(new Set(Object.keys(states1['a_neurongroup']!)), new Set(['i', 'dt', 'N', 't', 'v', 't_in_timesteps']));
    assert.deepEqual(Object.keys(states3['a_neurongroup']!), ['v']);
    // Try re-setting the state
    G.v = 0;
    net.setStates(states3);
    assert.deepEqual(Array.from(G.v.values as ArrayLike<number>), Array.from({ length: 10 }, (_, k) => k));
  });

  it('test_store_restore_to_file', async () => {
    const filename = join(dir, 'brian_test_state');
    const source = new NeuronGroup(10, 'dv/dt = rates : 1\nrates : Hz', { threshold: 'v>1', reset: 'v=0' });
    source.rates = 'i*100*Hz';
    const target = new NeuronGroup(10, 'v:1');
    const synapses = new Synapses(source, target, 'w:1', { onPre: 'v+=w' });
    synapses.connect({ j: 'i' });
    synapses.w = 'i*1.0';
    synapses.delay = 'i*ms';
    const stateMon = new StateMonitor(target, 'v', { record: true });
    const spikeMon = new SpikeMonitor(source);
    const net = new Network(source, target, synapses, stateMon, spikeMon);
    await saveSnapshot(net, filename); // default time slot
    net.run(ms(10));
    await saveSnapshot(net, filename, { name: 'second' });
    net.run(ms(10));
    const vValues = traces(stateMon);
    const [spikeIndices, spikeTimes] = spikeMon.it_;
    await loadSnapshot(net, filename); // Go back to beginning
    assert.equal(defaultclock.t.value, 0);
    assert.equal(net.t.value, 0);
    net.run(ms(20));
    assert.deepEqual(traces(stateMon), vValues);
    assert.deepEqual(spikeMon.i, spikeIndices);
    assert.deepEqual(spikeMon.t_, spikeTimes);
    // Go back to middle
    await loadSnapshot(net, filename, { name: 'second' });
    assert.equal(defaultclock.t.value, 0.01);
    assert.equal(net.t.value, 0.01);
    net.run(ms(10));
    assert.deepEqual(traces(stateMon), vValues);
    assert.deepEqual(spikeMon.i, spikeIndices);
    assert.deepEqual(spikeMon.t_, spikeTimes);
  });

  it('test_store_restore_magic_to_file', async () => {
    const filename = join(dir, 'brian_test_state_magic');
    const source = new NeuronGroup(10, 'dv/dt = rates : 1\nrates : Hz', { threshold: 'v>1', reset: 'v=0' });
    source.rates = 'i*100*Hz';
    const target = new NeuronGroup(10, 'v:1');
    const synapses = new Synapses(source, target, 'w:1', { onPre: 'v+=w' });
    synapses.connect({ j: 'i' });
    synapses.w = 'i*1.0';
    synapses.delay = 'i*ms';
    const stateMon = new StateMonitor(target, 'v', { record: true });
    const spikeMon = new SpikeMonitor(source);
    await saveSnapshot(filename);
    run(ms(10));
    await saveSnapshot(filename, { name: 'second' });
    run(ms(10));
    const vValues = traces(stateMon);
    const [spikeIndices, spikeTimes] = spikeMon.it_;
    await loadSnapshot(filename);
    run(ms(20));
    assert.equal(defaultclock.t.value, 0.02);
    assert.deepEqual(traces(stateMon), vValues);
    assert.deepEqual(spikeMon.i, spikeIndices);
    assert.deepEqual(spikeMon.t_, spikeTimes);
    await loadSnapshot(filename, { name: 'second' });
    run(ms(10));
    assert.equal(defaultclock.t.value, 0.02);
    assert.deepEqual(traces(stateMon), vValues);
    assert.deepEqual(spikeMon.i, spikeIndices);
    assert.deepEqual(spikeMon.t_, spikeTimes);
  });

  it('test_long_run', () => {
    defaultclock.dt = ms(0.1);
    const group = new NeuronGroup(1, 'x : 1');
    group.runRegularly('x += 1');
    // Time steps are kept as 64-bit integers in Brian2: one huge step past 2**31 - 1, then six normal ones.
    const startStep = 2 ** 31 - 5;
    const startTime = ms(0.1).times(startStep);
    defaultclock.dt = startTime;
    run(startTime); // a single, *very* long time step
    defaultclock.dt = ms(0.1);
    run(defaultclock.dt.times(6));
    assert.equal(group.x.values[0], 7);
  });

  it('test_long_run_dt_change', () => {
    // Check that the dt check is not too restrictive (Brian2 issue #730)
    new NeuronGroup(1, ''); // does nothing...
    defaultclock.dt = ms(0.1);
    run(second(100));
    defaultclock.dt = ms(0.01);
    run(second(1));
    assert.ok(Math.abs(defaultclock.t.value - 101) < 1e-9);
  });
  it('test_dependency_check', () => {
    const makers: ((G: NeuronGroup) => BrianObject)[] = [
      (G) => new StateMonitor(G, 'v', { record: true }),
      (G) => new SpikeMonitor(G),
      (G) => new PopulationRateMonitor(G),
      (G) => new Synapses(G, G, '', { onPre: 'v+=1' }),
    ];
    const group = (): NeuronGroup => new NeuronGroup(10, 'v: 1', { threshold: 'False' });
    // Trying to simulate the monitors/synapses without the group should fail
    for (const make of makers) raises(() => new Network(make(group())).run(ms(0)), 'ValueError');
    // simulation with a magic network should work when it collects one of the objects but not its group:
    // the object should be inactive and we should get a warning. (Brian2 collects the objects the
    // caller references, the group having been garbage collected; brian-ts collects by scope, so the
    // group is created in an earlier scope.)
    for (const make of makers) {
      startScope();
      const G = group();
      startScope();
      const obj = make(G);
      assert.ok(obj.active);
      const l = catchLogs(() => run(ms(0)));
      assert.equal(l.filter(([key]) => key.endsWith('dependency_warning')).length, 1);
      assert.ok(!obj.active);
    }
  });

  it('test_loop', () => {
    const runSimulation = (): { v: ArrayLike<number>; objects: number } => {
      startScope(); // Brian2: the previous iteration's objects are garbage collected
      const G = new NeuronGroup(10, 'dv/dt = -v / (10*ms) : 1', { reset: 'v=0', threshold: 'v>1' });
      G.v = linspace(0, 1, 10);
      const objects = new Network(collect()).size;
      run(ms(1));
      return { v: G.v.values as ArrayLike<number>, objects };
    };
    for (let k = 0; k < 2; k++) {
      const { v, objects } = runSimulation();
      assert.ok(v[0] === 0 && v[9]! > 0 && v[9]! < 1);
      assert.equal(objects, 4);
    }
  });

  it('test_magic_collect', () => {
    new PoissonGroup(10, Hz(100));
    const G = new NeuronGroup(10, 'v:1', { threshold: 'False' });
    new Synapses(G, G, '');
    new StateMonitor(G, 'v', { record: true });
    new SpikeMonitor(G);
    new PopulationRateMonitor(G);
    const objects = collect();
    assert.equal(objects.length, 6, `expected 6 objects, got ${objects.length}`);
  });

  it('test_progress_report', () => {
    const G = new NeuronGroup(1, '');
    const net = new Network(G);
    const captured = (fn: () => void): [string, string] => {
      let out = '';
      let err = '';
      const w1 = process.stdout.write;
      const w2 = process.stderr.write;
      process.stdout.write = ((s: string) => { out += s; return true; }) as typeof process.stdout.write;
      process.stderr.write = ((s: string) => { err += s; return true; }) as typeof process.stderr.write;
      try {
        fn();
      } finally {
        process.stdout.write = w1;
        process.stderr.write = w2;
      }
      return [out, err];
    };
    let [out, err] = captured(() => net.run(ms(1), { report: null })); // No output
    assert.ok(out.length === 0 && err.length === 0);
    [out, err] = captured(() => net.run(ms(1)));
    assert.ok(out.length === 0 && err.length === 0);
    // Progress should go to stdout
    [out, err] = captured(() => net.run(ms(1), { report: 'text' }));
    assert.ok(out.split('\n').length >= 2 && err.length === 0);
    [out, err] = captured(() => net.run(ms(1), { report: 'stdout' }));
    assert.ok(out.split('\n').length >= 2 && err.length === 0);
    // Progress should go to stderr
    [out, err] = captured(() => net.run(ms(1), { report: 'stderr' }));
    assert.ok(err.split('\n').length >= 2 && out.length === 0);
    // Custom function
    const calls: [unknown, number, unknown, unknown][] = [];
    [out, err] = captured(() => net.run(ms(1), { report: (elapsed, complete, start, duration) => { calls.push([elapsed, complete, start, duration]); } }));
    assert.ok(err.length === 0 && out.length === 0);
    // There should be at least a call for the start and the end
    assert.ok(calls.length >= 2 && calls[0]![1] === 0 && calls[calls.length - 1]![1] === 1);
  });

  it('test_progress_report_incorrect', () => {
    const G = new NeuronGroup(1, '');
    const net = new Network(G);
    raises(() => net.run(ms(1), { report: 'unknown' as never }), 'ValueError');
    raises(() => net.run(ms(1), { report: {} as never }), 'TypeError');
  });

  it('test_store_restore', () => {
    const source = new NeuronGroup(10, 'dv/dt = rates : 1\nrates : Hz', { threshold: 'v>1', reset: 'v=0' });
    source.rates = 'i*100*Hz';
    const target = new NeuronGroup(10, 'v:1');
    const synapses = new Synapses(source, target, 'w:1', { onPre: 'v+=w' });
    synapses.connect({ j: 'i' });
    synapses.w = 'i*1.0';
    synapses.delay = 'i*ms';
    const stateMon = new StateMonitor(target, 'v', { record: true });
    const spikeMon = new SpikeMonitor(source);
    const net = new Network(source, target, synapses, stateMon, spikeMon);
    net.store(); // default time slot
    net.run(ms(10));
    net.store('second');
    net.run(ms(10));
    const vValues = traces(stateMon);
    const [spikeIndices, spikeTimes] = spikeMon.it_;
    net.restore(); // Go back to beginning
    assert.equal(defaultclock.t.value, 0);
    assert.equal(net.t.value, 0);
    net.run(ms(20));
    assert.deepEqual(traces(stateMon), vValues);
    assert.deepEqual(spikeMon.i, spikeIndices);
    assert.deepEqual(spikeMon.t_, spikeTimes);
    // Go back to middle
    net.restore('second');
    assertAllclose(defaultclock.t.value, 0.01);
    assertAllclose(net.t.value, 0.01);
    net.run(ms(10));
    assert.deepEqual(traces(stateMon), vValues);
    assert.deepEqual(spikeMon.i, spikeIndices);
    assert.deepEqual(spikeMon.t_, spikeTimes);
    // Go back again (see github issue #681)
    net.restore('second');
    assertAllclose(defaultclock.t.value, 0.01);
    assertAllclose(net.t.value, 0.01);
  });

  it('test_store_restore_to_file_new_objects', async () => {
    const filename = join(dir, 'brian_test_state_new_objects');
    const createNet = (): Network => {
      startScope(); // the previous objects (and their names) are gone, as in a new process
      const source = new SpikeGeneratorGroup(5, [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4], ms([3, 4, 1, 2, 3, 7, 5, 4, 1, 0, 5, 9, 7, 8, 9]), { name: 'source' });
      const target = new NeuronGroup(10, 'v:1', { name: 'target' });
      const synapses = new Synapses(source, target, 'w:1', { onPre: 'v+=w', name: 'synapses' });
      synapses.connect('j>=i');
      synapses.w = 'i*1.0 + j*2.0';
      synapses.delay = '(5-i)*ms';
      const stateMon = new StateMonitor(target, 'v', { record: true, name: 'statemonitor' });
      const inputSpikes = new SpikeMonitor(source, { name: 'input_spikes' });
      return new Network(source, target, synapses, stateMon, inputSpikes);
    };
    const read = (net: Network): [number[], number[], number[][]] => [
      Array.from((net.get('input_spikes') as SpikeMonitor).i),
      Array.from((net.get('input_spikes') as SpikeMonitor).t_),
      traces(net.get('statemonitor') as StateMonitor<'v'>),
    ];
    let net = createNet();
    await saveSnapshot(net, filename); // default time slot
    net.run(ms(5));
    await saveSnapshot(net, filename, { name: 'second' });
    net.run(ms(5));
    const full = read(net);
    net = createNet();
    await loadSnapshot(net, filename); // Go back to beginning
    net.run(ms(10));
    assert.deepEqual(read(net), full);
    net = createNet();
    await loadSnapshot(net, filename, { name: 'second' }); // Go back to middle
    net.run(ms(5));
    assert.deepEqual(read(net), full);
  });

  it('test_store_restore_to_file_differing_nets', async () => {
    const filename = join(dir, 'brian_test_state_differing');
    const source = new SpikeGeneratorGroup(5, [0, 1, 2, 3, 4], ms([0, 1, 2, 3, 4]), { name: 'source_1' });
    let mon = new SpikeMonitor(source, { name: 'monitor' });
    let net = new Network(source, mon);
    await saveSnapshot(net, filename);
    const source2 = new SpikeGeneratorGroup(5, [0, 1, 2, 3, 4], ms([0, 1, 2, 3, 4]), { name: 'source_2' });
    mon = new SpikeMonitor(source2, { name: 'monitor' });
    net = new Network(source2, mon);
    await rejects(() => loadSnapshot(net, filename), 'KeyError');
    net = new Network(source); // Without the monitor
    await rejects(() => loadSnapshot(net, filename), 'KeyError');
  });

  it('test_store_restore_magic', () => {
    const source = new NeuronGroup(10, 'dv/dt = rates : 1\nrates : Hz', { threshold: 'v>1', reset: 'v=0' });
    source.rates = 'i*100*Hz';
    const target = new NeuronGroup(10, 'v:1');
    const synapses = new Synapses(source, target, 'w:1', { onPre: 'v+=w' });
    synapses.connect({ j: 'i' });
    synapses.w = 'i*1.0';
    synapses.delay = 'i*ms';
    const stateMon = new StateMonitor(target, 'v', { record: true });
    const spikeMon = new SpikeMonitor(source);
    store(); // default time slot
    run(ms(10));
    store('second');
    run(ms(10));
    const vValues = traces(stateMon);
    const [spikeIndices, spikeTimes] = spikeMon.it_;
    restore(); // Go back to beginning
    assert.equal(magicNetwork.t.value, 0);
    run(ms(20));
    assertAllclose(defaultclock.t.value, 0.02);
    assert.deepEqual(traces(stateMon), vValues);
    assert.deepEqual(spikeMon.i, spikeIndices);
    assert.deepEqual(spikeMon.t_, spikeTimes);
    // Go back to middle
    restore('second');
    assertAllclose(magicNetwork.t.value, 0.01);
    run(ms(10));
    assertAllclose(defaultclock.t.value, 0.02);
    assert.deepEqual(traces(stateMon), vValues);
    assert.deepEqual(spikeMon.i, spikeIndices);
    assert.deepEqual(spikeMon.t_, spikeTimes);
  });

  it('test_store_restore_spikequeue', () => {
    const source = new SpikeGeneratorGroup(1, [0], ms([0]));
    const target = new NeuronGroup(1, 'v : 1');
    const conn = new Synapses(source, target, '', { onPre: 'v += 1', delay: defaultclock.dt.times(2) });
    conn.connect();
    run(defaultclock.dt); // Spike is not yet delivered
    store();
    run(defaultclock.dt.times(2));
    assert.equal(target.v.values[0], 1);
    restore();
    run(defaultclock.dt.times(2));
    assert.equal(target.v.values[0], 1);
    restore();
    run(defaultclock.dt.times(2));
    assert.equal(target.v.values[0], 1);
  });

  it('test_restore_with_random_state', () => {
    const group = new NeuronGroup(10, 'dv/dt = -v/(10*ms) + (10*ms)**-0.5*xi : 1', { method: 'euler' });
    group.v = 'rand()';
    new StateMonitor(group, 'v', { record: true });
    store();
    run(ms(10));
    const oldV = Array.from(group.v.values as Float64Array);
    restore(); // Random state is not restored
    run(ms(10));
    const diff = oldV.map((x, k) => x - (group.v.values as Float64Array)[k]!);
    const mean = diff.reduce((a, b) => a + b, 0) / diff.length;
    assert.ok(diff.reduce((a, b) => a + (b - mean) ** 2, 0) / diff.length > 0); // very basic test for difference
    restore('default', { restoreRandomState: true }); // Random state is restored
    run(ms(10));
    assert.deepEqual(Array.from(group.v.values as Float64Array), oldV);
  });

  it('test_store_restore_restore_synapses', async () => {
    const tmpFile = join(dir, 'restore_synapses');
    let group = new NeuronGroup(10, 'x : 1', { threshold: 'False', reset: '', name: 'group' });
    let synapses = new Synapses(group, group, '', { onPre: 'x += 1', name: 'synapses' });
    synapses.connect({ i: [1, 3, 5], j: [6, 4, 2] });
    let net = new Network(group, synapses);
    await saveSnapshot(net, tmpFile);
    startScope(); // Brian2's `del net, synapses, group`
    // Recreate the network without connecting the synapses
    group = new NeuronGroup(10, 'x: 1', { threshold: 'False', reset: '', name: 'group' });
    synapses = new Synapses(group, group, '', { onPre: 'x += 1', name: 'synapses' });
    net = new Network(group, synapses);
    await loadSnapshot(net, tmpFile);
    assert.equal(synapses.N, 3);
    assert.deepEqual(Array.from(synapses.i.values as ArrayLike<number>), [1, 3, 5]);
    assert.deepEqual(Array.from(synapses.j.values as ArrayLike<number>), [6, 4, 2]);
    // Running the network should not raise an error, despite the lack of Synapses.connect
    net.run(ms(0));
  });

  it('test_defaultclock_dt_changes', () => {
    silenceWarnings('resolution_conflict');
    try {
      for (const dt of [0.1, 0.01, 0.5, 1, 3.3]) {
        defaultclock.dt = ms(dt);
        const G = new NeuronGroup(1, 'v:1');
        const mon = new StateMonitor(G, 'v', { record: true });
        const net = new Network(G, mon);
        net.run(ms(dt).times(2));
        assert.deepEqual(Array.from(mon.t_), [0, ms(dt).value]);
      }
    } finally {
      silenceWarnings('resolution_conflict', false);
    }
  });

  it('test_dt_changes_between_runs', () => {
    defaultclock.dt = ms(0.1);
    const G = new NeuronGroup(1, 'v:1');
    const mon = new StateMonitor(G, 'v', { record: true });
    run(ms(0.5));
    defaultclock.dt = ms(0.5);
    run(ms(0.5));
    defaultclock.dt = ms(0.1);
    run(ms(0.5));
    assert.equal(mon.t_.length, 5 + 1 + 5);
    assertAllclose(mon.t_, [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 1, 1.1, 1.2, 1.3, 1.4].map((x) => x * 1e-3));
  });

  it('test_dt_restore', () => {
    defaultclock.dt = ms(0.5);
    const G = new NeuronGroup(1, 'dv/dt = -v/(10*ms) : 1');
    const mon = new StateMonitor(G, 'v', { record: true });
    const net = new Network(G, mon);
    net.store();
    net.run(ms(1));
    assert.deepEqual(Array.from(mon.t_), [0, 0.5e-3]);
    defaultclock.dt = ms(1);
    net.run(ms(2));
    assert.deepEqual(Array.from(mon.t_), [0, 0.5e-3, 1e-3, 2e-3]);
    net.restore();
    assert.deepEqual(Array.from(mon.t_), []);
    net.run(ms(1));
    assert.equal(defaultclock.dt.value, 0.5e-3);
    assert.deepEqual(Array.from(mon.t_), [0, 0.5e-3]);
  });

  it('test_continuation', () => {
    defaultclock.dt = ms(1);
    const G = new NeuronGroup(1, 'dv/dt = -v / (10*ms) : 1');
    G.v = 1;
    const mon = new StateMonitor(G, 'v', { record: true });
    const net = new Network(G, mon);
    net.run(ms(2));
    // Run the same simulation but with two runs that use sub-dt run times
    const G2 = new NeuronGroup(1, 'dv/dt = -v / (10*ms) : 1');
    G2.v = 1;
    const mon2 = new StateMonitor(G2, 'v', { record: true });
    const net2 = new Network(G2, mon2);
    net2.run(ms(0.5));
    net2.run(ms(1.5));
    assert.deepEqual(Array.from(mon.t_), Array.from(mon2.t_));
    assert.deepEqual(traces(mon), traces(mon2));
  });

  it('test_multiple_runs_defaultclock', () => {
    defaultclock.dt = ms(0.1);
    let G = new NeuronGroup(1, 'dv/dt = -v / (10*ms) : 1');
    let net = new Network(G);
    net.run(ms(0.5));
    // The new dt is not compatible with the previous time but it should not raise an error because
    // we start a new simulation at time 0
    defaultclock.dt = ms(1);
    G = new NeuronGroup(1, 'dv/dt = -v / (10*ms) : 1');
    net = new Network(G);
    net.run(ms(1));
  });

  it('test_multiple_runs_defaultclock_incorrect', () => {
    defaultclock.dt = ms(0.1);
    const G = new NeuronGroup(1, 'dv/dt = -v / (10*ms) : 1');
    const net = new Network(G);
    net.run(ms(0.5));
    // The new dt is not compatible with the previous time since we cannot continue at 0.5ms with a dt of 1ms
    defaultclock.dt = ms(1);
    raises(() => net.run(ms(1)), 'ValueError');
  });

  it('test_magic_scope', () => {
    new NeuronGroup(1, 'v:1', { name: 'G1' });
    new NeuronGroup(1, 'v:1', { name: 'G2' });
    const objs1 = new Set(collect().map((o) => o.name));
    startScope();
    new NeuronGroup(1, 'v:1', { name: 'G3' });
    new NeuronGroup(1, 'v:1', { name: 'G4' });
    const objs2 = new Set(collect().map((o) => o.name));
    assert.deepEqual(objs1, new Set(['G1', 'G2']));
    assert.deepEqual(objs2, new Set(['G3', 'G4']));
  });

  it('test_runtime_rounding', () => {
    defaultclock.dt = us(20.000000000020002);
    const G = new NeuronGroup(1, 'v:1');
    const mon = new StateMonitor(G, 'v', { record: true });
    run(defaultclock.dt.times(250));
    assert.equal(mon.t_.length, 250);
  });

  it('test_small_runs', () => {
    const group1 = new NeuronGroup(10, 'dv/dt = -v / (10*ms) : 1');
    group1.v = '(i + 1) / N';
    const mon1 = new StateMonitor(group1, 'v', { record: true });
    const net1 = new Network(group1, mon1);
    net1.run(second(1));
    const group2 = new NeuronGroup(10, 'dv/dt = -v / (10*ms) : 1');
    group2.v = '(i + 1) / N';
    const mon2 = new StateMonitor(group2, 'v', { record: true });
    const net2 = new Network(group2, mon2);
    let runtime = ms(1);
    for (;;) {
      runtime = runtime.times(3);
      const rest = second(1).minus(net2.t);
      if (rest.value < runtime.value) runtime = rest;
      net2.run(runtime);
      if (net2.t.value >= 1) break;
    }
    assertAllclose(mon1.t_, mon2.t_);
    assertAllclose(traces(mon1).flat(), traces(mon2).flat());
  });

  it('test_both_equal', () => {
    const tau = ms(10);
    const diffEqn = 'dv/dt = (1-v)/tau : 1';
    const chgCode = 'v = 2*v';
    let Ng = new NeuronGroup(1, diffEqn, { method: 'exact', namespace: { tau } });
    const M1 = new StateMonitor(Ng, 'v', { record: true });
    const netObj = new Network(Ng, M1);
    Ng.runRegularly(chgCode, { dt: ms(20) });
    netObj.run(ms(100));
    startScope();
    Ng = new NeuronGroup(1, diffEqn, { method: 'exact', namespace: { tau } });
    const M2 = new StateMonitor(Ng, 'v', { record: true });
    Ng.runRegularly(chgCode, { dt: ms(20) });
    run(ms(100));
    assert.deepEqual(traces(M1), traces(M2));
  });

  it('test_multiple_runs_constant_change', () => {
    const group = new NeuronGroup(1, 'v = const_v : 1');
    const mon = new StateMonitor(group, 'v', { record: 0 });
    run(defaultclock.dt, { namespace: { const_v: 1 } });
    run(defaultclock.dt, { namespace: { const_v: 2 } });
    assert.deepEqual(Array.from(mon.v[0].values as Float64Array), [1, 2]);
  });

  it('test_multiple_runs_function_change', () => {
    const group = new NeuronGroup(1, 'v = inp(t) : 1');
    const mon = new StateMonitor(group, 'v', { record: 0 });
    run(defaultclock.dt.times(2), { namespace: { inp: new TimedArray([1, 2], defaultclock.dt) } });
    run(defaultclock.dt.times(2), { namespace: { inp: new TimedArray([0, 0, 3, 4], defaultclock.dt) } });
    assert.deepEqual(Array.from(mon.v[0].values as Float64Array), [1, 2, 3, 4]);
  });
  it('test_profile', () => {
    const G = new NeuronGroup(10, 'dv/dt = -v / (10*ms) : 1', { threshold: 'v>1', reset: 'v=0', name: 'profile_test' });
    G.v = 1.1;
    const net = new Network(G);
    net.run(ms(1), { profile: true });
    // The group (doing nothing during the run), its state updater, thresholder and resetter
    const info = net.profilingInfo;
    const names = new Set(info.map(([name]) => name));
    assert.ok(info.length >= 3 && info.length <= 4);
    assert.ok(info.length === 3 || names.has('profile_test'));
    for (const obj of ['stateupdater', 'spike_thresholder', 'spike_resetter']) assert.ok(names.has(`profile_test_${obj}`), obj);
    assert.ok(info.every(([, t]) => t.value >= 0));
    assert.ok(String(profilingSummary(net)).startsWith('Profiling summary'));
  });

  it('test_profile_off', () => {
    const G = new NeuronGroup(10, 'dv/dt = -v / (10*ms) : 1', { threshold: 'v>1', reset: 'v=0', name: 'profile_test' });
    const net = new Network(G);
    net.run(ms(1), { profile: false });
    raises(() => profilingSummary(net), 'ValueError');
  });
});
