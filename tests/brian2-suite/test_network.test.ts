/**
 * Brian2 2.5.1 `brian2/tests/test_network.py`, translated (status of every function:
 * README.md in this folder). Each `it` is named after Brian2's test function.
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Network,
  NeuronGroup,
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
});
