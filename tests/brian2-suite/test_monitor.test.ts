/**
 * Brian2 2.5.1 `brian2/tests/test_monitor.py`, translated (status of every function:
 * README.md in this folder). Each `it` is named after Brian2's test function.
 */
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  EventMonitor,
  Hz,
  Network,
  NeuronGroup,
  PopulationRateMonitor,
  SpikeGeneratorGroup,
  SpikeMonitor,
  StateMonitor,
  Synapses,
  defaultclock,
  ms,
  run,
  startScope,
} from '../../src/index.ts';
import { assertAllclose, raises } from './helpers.ts';

beforeEach(() => {
  startScope();
  defaultclock.dt = ms(0.1);
});

/** numpy's `a[mask]` for a boolean mask built from `i`. */
const select = (values: ArrayLike<number>, mask: (k: number) => boolean): number[] => Array.from(values).filter((_, k) => mask(k));
const range = (n: number, f: (k: number) => number = (k) => k): number[] => Array.from({ length: n }, (_, k) => f(k));

describe('test_monitor (Brian2 2.5.1)', () => {
  it('test_spike_monitor', () => {
    const GWithoutThreshold = new NeuronGroup(5, 'x : 1');
    const G = new NeuronGroup(3, 'dv/dt = rate : 1\nrate: Hz', { threshold: 'v>1', reset: 'v=0' });
    G.rate = Hz([101, 0, 1001]);
    const mon = new SpikeMonitor(G);
    raises(() => new SpikeMonitor(G, { order: 1 }), 'ValueError'); // need to specify 'when' as well
    raises(() => new SpikeMonitor(GWithoutThreshold), 'ValueError', /threshold/);
    // Creating a SpikeMonitor for a Synapses object should not work
    const S = new Synapses(G, G, '', { onPre: 'v += 0' });
    S.connect();
    raises(() => new SpikeMonitor(S as never), 'TypeError');
    run(ms(10));
    const spikeTrains = mon.spikeTrains();
    const i = mon.i;
    assertAllclose(select(mon.t.values, (k) => i[k] === 0), [9.9e-3]);
    assert.equal(select(mon.t.values, (k) => i[k] === 1).length, 0);
    assertAllclose(select(mon.t.values, (k) => i[k] === 2), range(10, (k) => (k + 0.9) * 1e-3));
    assertAllclose(select(mon.t_, (k) => i[k] === 0), [9.9e-3]);
    assertAllclose(spikeTrains[0]!.values, [9.9e-3]);
    assert.equal(spikeTrains[1]!.length, 0);
    assertAllclose(spikeTrains[2]!.values, range(10, (k) => (k + 0.9) * 1e-3));
    assert.deepEqual(Array.from(mon.count), [1, 0, 10]);
    const [ii, t] = mon.it;
    const [ii_, t_] = mon.it_;
    assert.deepEqual(ii, mon.i);
    assert.deepEqual(ii, ii_);
    assert.deepEqual(t.values, mon.t.values);
    assert.deepEqual(t_, mon.t_);
    assertAllclose(mon.t.slice(0, 5).values, [0.9e-3, 1.9e-3, 2.9e-3, 3.9e-3, 4.9e-3]);
  });

  it('test_spike_monitor_indexing', () => {
    const generator = new SpikeGeneratorGroup(3, [0, 0, 0, 1], ms([0, 1, 2, 1]));
    const mon = new SpikeMonitor(generator);
    run(ms(3));
    assert.deepEqual(Array.from(mon.t['i == 1']!.values), [1e-3]);
    assert.deepEqual(select(mon.t.values, (k) => mon.i[k] === 1), [1e-3]);
    assert.deepEqual(select(mon.i, (k) => mon.t.values[k]! > 1.5e-3), [0]);
    assert.deepEqual(Array.from(mon.where('i', 't > 1.5 * ms') as Int32Array), [0]);
  });

  it('test_spike_monitor_variables', () => {
    const G = new NeuronGroup(3, 'dv/dt = rate : 1\nrate : Hz\nprev_spikes : integer', { threshold: 'v>1', reset: 'v=0; prev_spikes += 1' });
    G.rate = Hz([101, 0, 1001]);
    const mon1 = new SpikeMonitor(G, { variables: 'prev_spikes' });
    const mon2 = new SpikeMonitor(G, { variables: 'prev_spikes', when: 'after_resets' });
    run(ms(10));
    const allValues = mon1.allValues();
    const prevSpikesValues = mon1.values('prev_spikes');
    const of = (m: typeof mon1, neuron: number): number[] => select(m.prev_spikes.values, (k) => m.i[k] === neuron);
    assert.deepEqual(of(mon1, 0), [0]);
    assert.deepEqual(Array.from(prevSpikesValues[0]!.values), [0]);
    assert.deepEqual(Array.from(allValues['prev_spikes']![0]!.values), [0]);
    assert.deepEqual(of(mon1, 1), []);
    assert.deepEqual(Array.from(prevSpikesValues[1]!.values), []);
    assert.deepEqual(of(mon1, 2), range(10));
    assert.deepEqual(Array.from(prevSpikesValues[2]!.values), range(10));
    assert.deepEqual(Array.from(allValues['prev_spikes']![2]!.values), range(10));
    assert.deepEqual(of(mon2, 0), [1]);
    assert.deepEqual(of(mon2, 1), []);
    assert.deepEqual(of(mon2, 2), range(10, (k) => k + 1));
  });

  it('test_spike_monitor_get_states', () => {
    const G = new NeuronGroup(3, 'dv/dt = rate : 1\nrate : Hz\nprev_spikes : integer', { threshold: 'v>1', reset: 'v=0; prev_spikes += 1' });
    G.rate = Hz([101, 0, 1001]);
    const mon1 = new SpikeMonitor(G, { variables: 'prev_spikes' });
    run(ms(10));
    const allStates = mon1.getStates();
    assert.deepEqual(new Set(Object.keys(allStates)), new Set(['count', 'i', 't', 'prev_spikes', 'N']));
    assert.deepEqual(allStates['count'], mon1.count);
    assert.deepEqual(allStates['i'], mon1.i);
    assert.deepEqual((allStates['t'] as { values: Float64Array }).values, mon1.t.values);
    assert.deepEqual((allStates['prev_spikes'] as { values: Float64Array }).values, mon1.prev_spikes.values);
    assert.equal(allStates['N'], mon1.i.length);
    raises(() => mon1.setStates({ t: allStates['t'] }), 'TypeError', /read-only/);
  });

  it('test_spike_monitor_subgroups', () => {
    const G = new NeuronGroup(6, 'do_spike : boolean', { threshold: 'do_spike' });
    G.do_spike = [true, false, false, false, true, true];
    const spikesAll = new SpikeMonitor(G);
    const spikes1 = new SpikeMonitor(G.slice(0, 2));
    const spikes2 = new SpikeMonitor(G.slice(2, 4));
    const spikes3 = new SpikeMonitor(G.slice(4));
    run(defaultclock.dt);
    assert.deepEqual(Array.from(spikesAll.i), [0, 4, 5]);
    assert.deepEqual(Array.from(spikesAll.t.values), [0, 0, 0]);
    assert.deepEqual(Array.from(spikes1.i), [0]);
    assert.equal(spikes2.i.length, 0);
    assert.equal(spikes2.t.length, 0);
    assert.deepEqual(Array.from(spikes3.i), [0, 1]); // recorded spike indices are relative
  });

  it('test_event_monitor', () => {
    const G = new NeuronGroup(3, 'dv/dt = rate : 1\nrate: Hz', { events: { my_event: 'v>1' } });
    G.runOnEvent('my_event', 'v=0');
    G.rate = Hz([101, 0, 1001]);
    const mon = new EventMonitor(G, 'my_event');
    const net = new Network(G, mon);
    net.run(ms(10));
    const eventTrains = mon.eventTrains();
    const i = mon.i;
    assertAllclose(select(mon.t.values, (k) => i[k] === 0), [9.9e-3]);
    assert.equal(select(mon.t.values, (k) => i[k] === 1).length, 0);
    assertAllclose(select(mon.t.values, (k) => i[k] === 2), range(10, (k) => (k + 0.9) * 1e-3));
    assertAllclose(eventTrains[0]!.values, [9.9e-3]);
    assert.equal(eventTrains[1]!.length, 0);
    assertAllclose(eventTrains[2]!.values, range(10, (k) => (k + 0.9) * 1e-3));
    assert.deepEqual(Array.from(mon.count), [1, 0, 10]);
    const [ii, t] = mon.it;
    assert.deepEqual(ii, mon.i);
    assert.deepEqual(t.values, mon.t.values);
  });

  it('test_event_monitor_no_record', () => {
    const G = new NeuronGroup(3, 'dv/dt = rate : 1\nrate: Hz', { events: { my_event: 'v>1' }, threshold: 'v>1', reset: 'v=0' });
    G.rate = Hz([101, 0, 1001]);
    const eventMon = new EventMonitor(G, 'my_event', { record: false });
    const eventMon2 = new EventMonitor(G, 'my_event', { variables: 'rate', record: false });
    const spikeMon = new SpikeMonitor(G, { record: false });
    const spikeMon2 = new SpikeMonitor(G, { variables: 'rate', record: false });
    const net = new Network(G, eventMon, eventMon2, spikeMon, spikeMon2);
    net.run(ms(10));
    // i and t are not there
    raises(() => eventMon.i, 'AttributeError');
    raises(() => spikeMon.t, 'AttributeError');
    assert.deepEqual(Array.from(eventMon.count), [1, 0, 10]);
    assert.deepEqual(Array.from(spikeMon.count), [1, 0, 10]);
    assert.equal(spikeMon.numSpikes, 11);
    assert.equal(eventMon.numEvents, 11);
    // Other variables are still recorded
    assert.equal(spikeMon2.rate.length, spikeMon.numSpikes);
    assert.equal(eventMon2.rate.length, eventMon.numEvents);
  });

  it('test_spike_trains', () => {
    const generator = new SpikeGeneratorGroup(
      10,
      [6, 1, 2, 4, 6, 9, 1, 4, 7, 8, 0, 6, 3, 6, 4, 8, 9, 2, 5, 3],
      ms(range(20)),
      { dt: ms(1) },
    );
    const monitor = new SpikeMonitor(generator);
    run(ms(19.1));
    monitor.spikeTrains().forEach((times, idx) => {
      const v = times.values;
      for (let k = 1; k < v.length; k++) assert.ok(v[k]! > v[k - 1]!, `Spike times for neuron ${idx} are not sorted`);
    });
  });

  it('test_state_monitor_get_states', () => {
    const G = new NeuronGroup(2, 'dv/dt = -v / (10*ms) : 1\nf = clip(v, 0.1, 0.9) : 1\nrate: Hz', { threshold: 'v>1', reset: 'v=0', refractory: ms(2) });
    G.rate = Hz([100, 1000]);
    G.v = 1;
    const mon = new StateMonitor(G, ['v', 'f', 'rate'], { record: true });
    run(defaultclock.dt.times(10));
    const allStates = mon.getStates();
    assert.deepEqual(new Set(Object.keys(allStates)), new Set(['v', 'f', 'rate', 't', 'N']));
    for (const name of ['v', 'f', 'rate'] as const) assert.deepEqual((allStates[name] as { values: Float64Array[] }).values, mon[name].values);
    assert.deepEqual((allStates['t'] as { values: Float64Array }).values, mon.t.values);
    assert.equal(allStates['N'], mon.N);
  });

  it('test_rate_monitor_1', () => {
    const G = new NeuronGroup(5, 'v : 1', { threshold: 'v>1' }); // no reset
    G.v = 1.1; // All neurons spike every time step
    const rateMon = new PopulationRateMonitor(G);
    run(defaultclock.dt.times(10));
    assertAllclose(rateMon.t.values, range(10, (k) => k * 1e-4));
    assertAllclose(rateMon.t_, range(10, (k) => k * 1e-4));
    assertAllclose(rateMon.rate.values, Array(10).fill(1e4));
    assertAllclose(rateMon.rate_, Array(10).fill(1e4));
    assertAllclose(rateMon.t.slice(0, 5).values, range(5, (k) => k * 1e-4));
  });

  it('test_rate_monitor_2', () => {
    const G = new NeuronGroup(10, 'v : 1', { threshold: 'v>1' }); // no reset
    G.v['i<5'] = 1.1; // Half of the neurons fire every time step
    const rateMon = new PopulationRateMonitor(G);
    const net = new Network(G, rateMon);
    net.run(defaultclock.dt.times(10));
    assertAllclose(rateMon.rate.values, Array(10).fill(0.5e4));
    assertAllclose(rateMon.rate_, Array(10).fill(0.5e4));
  });

  it('test_rate_monitor_get_states', () => {
    const G = new NeuronGroup(5, 'v : 1', { threshold: 'v>1' }); // no reset
    G.v = 1.1;
    const rateMon = new PopulationRateMonitor(G);
    run(defaultclock.dt.times(10));
    const allStates = rateMon.getStates();
    assert.deepEqual(new Set(Object.keys(allStates)), new Set(['rate', 't', 'N']));
    assert.deepEqual((allStates['rate'] as { values: Float64Array }).values, rateMon.rate.values);
    assert.deepEqual((allStates['t'] as { values: Float64Array }).values, rateMon.t.values);
    assert.equal(allStates['N'], rateMon.N);
    raises(() => rateMon.setStates({ rate: allStates['rate'] }), 'TypeError', /read-only/);
    // String conditions on the recorded arrays
    assertAllclose(rateMon.t['t > 0.45*ms']!.values, [5e-4, 6e-4, 7e-4, 8e-4, 9e-4]);
  });

  it('test_rate_monitor_subgroups', () => {
    const oldDt = defaultclock.dt;
    defaultclock.dt = ms(0.01);
    const G = new NeuronGroup(4, 'dv/dt = rate : 1\nrate : Hz', { threshold: 'v>0.999', reset: 'v=0' });
    G.rate = Hz([100, 200, 400, 800]);
    const rateAll = new PopulationRateMonitor(G);
    const rate1 = new PopulationRateMonitor(G.slice(0, 2));
    const rate2 = new PopulationRateMonitor(G.slice(2));
    run(ms(1000));
    const mean = (v: ArrayLike<number>): number => Array.from(v).reduce((a, b) => a + b, 0) / v.length;
    assertAllclose(mean(G.rate_ as Float64Array), mean(rateAll.rate_));
    assertAllclose(mean((G.rate_ as Float64Array).slice(0, 2)), mean(rate1.rate_));
    assertAllclose(mean((G.rate_ as Float64Array).slice(2)), mean(rate2.rate_));
    defaultclock.dt = oldDt;
  });
});
