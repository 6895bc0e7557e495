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
  volt,
} from '../../src/index.ts';
import { assertAllclose, catchLogs, raises } from './helpers.ts';

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
  it('test_spike_monitor_bug_824', () => {
    // (Brian2 runs this for its numpy target only; the semantics are the same for every target.)
    const G = new NeuronGroup(6, 'do_spike : boolean', { threshold: 'do_spike' });
    G.do_spike = [true, false, false, true, false, false];
    const spikes1 = new SpikeMonitor(G.slice(0, 3));
    const spikes2 = new SpikeMonitor(G.slice(3));
    run(defaultclock.dt.times(4));
    assert.deepEqual(Array.from(spikes1.count), [4, 0, 0]);
    assert.deepEqual(Array.from(spikes2.count), [4, 0, 0]);
  });

  it('test_synapses_state_monitor', () => {
    const G = new NeuronGroup(2, '');
    const S = new Synapses(G, G, 'w: siemens');
    S.connect(true);
    S.w = 'j*nS';
    // record from a Synapses object (all synapses connecting to neuron 1)
    const synapseMon = new StateMonitor(S, 'w', { record: S.indicesOf(null, 1) });
    const synapseMon2 = new StateMonitor(S, 'w', { record: S.indices['j==1']! });
    const net = new Network(G, S, synapseMon, synapseMon2);
    net.run(ms(10));
    // Synaptic variables
    const s01 = S.indicesOf(0, 1)[0]!;
    assertAllclose(synapseMon.at(s01).w!.values, 1e-9);
    assertAllclose(synapseMon.w!.get(1).values, 1e-9);
    assertAllclose(synapseMon2.at(s01).w!.values, 1e-9);
    assertAllclose(synapseMon2.at(S.indices['i==0 and j==1']![0]!).w!.values, 1e-9);
    assertAllclose(synapseMon2.w!.get(1).values, 1e-9);
  });

  it('test_state_monitor', () => {
    // Check that all kinds of variables can be recorded
    const G = new NeuronGroup(2, 'dv/dt = -v / (10*ms) : 1\nf = clip(v, 0.1, 0.9) : 1\nrate: Hz', { threshold: 'v>1', reset: 'v=0', refractory: ms(2) });
    G.rate = Hz([100, 1000]);
    G.v = 1;
    const S = new Synapses(G, G, 'w: siemens');
    S.connect(true);
    S.w = 'j*nS';
    // A bit peculiar, but in principle one should be allowed to record nothing except for the time
    const nothingMon = new StateMonitor(G, [], { record: true });
    const noRecord = new StateMonitor(G, 'v', { record: false });
    // Use a single StateMonitor
    const vMon = new StateMonitor(G, 'v', { record: true });
    const vMon1 = new StateMonitor(G, 'v', { record: [1] });
    // Use a StateMonitor for specified variables
    const multiMon = new StateMonitor(G, ['v', 'f', 'rate'], { record: true });
    const multiMon1 = new StateMonitor(G, ['v', 'f', 'rate'], { record: [1] });
    // Use a StateMonitor recording everything
    const allMon = new StateMonitor(G, true, { record: true });
    // Record synapses with explicit indices (the only way allowed in standalone)
    const synapseMon = new StateMonitor(S, 'w', { record: range(4) });
    run(ms(10));
    // Check time recordings
    assert.deepEqual(Array.from(nothingMon.t_), Array.from(vMon.t_));
    assert.deepEqual(Array.from(nothingMon.t_), Array.from(nothingMon.t.values));
    assertAllclose(nothingMon.t_, range(nothingMon.t_.length, (k) => k * defaultclock.dt.value));
    assert.deepEqual(Array.from(noRecord.t_), Array.from(vMon.t_));
    // Check v recording
    const t = Array.from(vMon.t_);
    for (const row of vMon.v.values) assertAllclose(row, t.map((x) => Math.exp(-x / 0.01)));
    const rows = (m: { values: Float64Array[] }): number[][] => m.values.map((r) => Array.from(r));
    assert.deepEqual(rows(vMon.v), rows(multiMon.v));
    assert.deepEqual(rows(vMon.v), rows(allMon.v!));
    assert.deepEqual(rows(vMon.v).slice(1, 2), rows(vMon1.v));
    assert.deepEqual(rows(multiMon.v).slice(1, 2), rows(multiMon1.v));
    assert.equal(noRecord.v.length, 0);
    // Other variables
    const rate = Array.from(G.rate_ as Float64Array);
    assert.deepEqual(rows(multiMon.rate), rate.map((r) => new Array(t.length).fill(r)));
    assert.deepEqual(rows(multiMon.rate).slice(1, 2), rows(multiMon1.rate));
    const clip = (x: number): number => Math.min(Math.max(x, 0.1), 0.9);
    assertAllclose(rows(multiMon.v).flat().map(clip), rows(multiMon.f).flat());
    assertAllclose(rows(multiMon1.v).flat().map(clip), rows(multiMon1.f).flat());
    assert.ok(Array.from(allMon.at(0).not_refractory!.values).every((x) => x === 1));
    // Synapses
    const j = Array.from(S.j.values as ArrayLike<number>);
    assertAllclose(rows(synapseMon.w).flat(), j.flatMap((jj) => new Array(t.length).fill(jj * 1e-9)));
  });

  it('test_state_monitor_record_single_timestep', () => {
    const G = new NeuronGroup(1, 'dv/dt = -v/(5*ms) : 1');
    G.v = 1;
    const mon = new StateMonitor(G, 'v', { record: true });
    // Recording before a run should not work
    raises(() => mon.recordSingleTimestep(), 'TypeError');
    run(ms(0.5));
    mon.recordSingleTimestep();
    assert.equal(mon.t_[0], 0);
    assert.equal(mon.at(0).v.values[0], 1);
    assertAllclose(mon.t_[mon.t_.length - 1]!, 0.5e-3);
    assert.equal(mon.t_.length, 6);
    assert.equal(mon.at(0).v.values[5], G.v.values[0]);
  });

  it('test_state_monitor_bigger_dt', () => {
    // Check that it is possible to record with a slower clock, i.e. bigger dt
    const G = new NeuronGroup(1, 'dv/dt = -v/(5*ms) : 1', { method: 'exact' });
    G.v = 1;
    const mon = new StateMonitor(G, 'v', { record: true });
    const slowMon = new StateMonitor(G, 'v', { record: true, dt: defaultclock.dt.times(5) });
    run(defaultclock.dt.times(11));
    assert.equal(mon.t_.length, 11);
    assert.equal(mon.v[0].length, 11);
    assert.equal(slowMon.t_.length, 3);
    assert.equal(slowMon.v[0].length, 3);
    for (const timepoint of [0, 5, 10]) {
      assert.equal(mon.t_[timepoint], slowMon.t_[Math.floor(timepoint / 5)]);
      assert.equal(mon.v.values[0]![timepoint], slowMon.v.values[0]![Math.floor(timepoint / 5)]);
    }
  });

  it('test_state_monitor_indexing', () => {
    const G = new NeuronGroup(10, 'v:volt');
    G.v = volt(range(10));
    const mon = new StateMonitor(G, 'v', { record: [5, 6, 7] });
    run(defaultclock.dt.times(2));
    const rows = (m: { values: Float64Array[] }): number[][] => m.values.map((r) => Array.from(r));
    assert.deepEqual(rows(mon.v), [[5, 5], [6, 6], [7, 7]]);
    assert.equal(mon.v.dim, volt.dim);
    assert.deepEqual(Array.from(mon.at(5).v.values), Array.from(mon.v[0].values));
    assert.deepEqual(Array.from(mon.at(7).v.values), Array.from(mon.v.get(2).values));
    assert.deepEqual(rows(mon.at([5, 7]).v), [rows(mon.v)[0], rows(mon.v)[2]]);
    assertAllclose(mon.t_.slice(1), [defaultclock.dt.value]);
    raises(() => mon.at(8), 'IndexError');
    raises(() => mon.at('string' as never), 'TypeError');
    raises(() => mon.at(5.0 + 0.5), 'TypeError');
    raises(() => mon.at([5.5, 6.5]), 'TypeError');
  });

  it('test_state_monitor_resize', () => {
    const G = new NeuronGroup(2, 'v : 1');
    const mon = new StateMonitor(G, 'v', { record: true });
    defaultclock.dt = ms(0.1);
    run(ms(1));
    assert.equal(mon.t_.length, 10);
    assert.equal(mon.v.length, 2);
    assert.equal(mon.v.samples, 10);
  });

  it('test_state_monitor_synapses', () => {
    const G = new NeuronGroup(5, '');
    const S1 = new Synapses(G, G, 'w : 1');
    S1.runRegularly('w += 1');
    S1.connect({ i: [0, 1], j: [2, 3] });
    S1.w = 'i';
    let S1mon: StateMonitor<'w'> | undefined;
    let l = catchLogs(() => {
      S1mon = new StateMonitor(S1, 'w', { record: [0, 1] });
    });
    assert.equal(l.length, 0);
    raises(() => new StateMonitor(S1, 'w', { record: [0, 2] }), 'IndexError');
    const S2 = new Synapses(G, G, 'w : 1');
    S2.runRegularly('w += 1');
    S2.connect('i==j');
    S2.w = 'i';
    let S2mon: StateMonitor<'w'> | undefined;
    l = catchLogs(() => {
      S2mon = new StateMonitor(S2, 'w', { record: [0, 4] });
    });
    assert.equal(l.length, 0);
    run(defaultclock.dt.times(2));
    const rows = (m: { values: Float64Array[] }): number[][] => m.values.map((r) => Array.from(r));
    assert.deepEqual(rows(S1mon!.w), [[0, 1], [1, 2]]);
    assert.deepEqual(rows(S2mon!.w), [[0, 1], [4, 5]]);
  });

  it('test_statemonitor_namespace', () => {
    // Make sure that StateMonitor is correctly inheriting its source's namespace
    const G = new NeuronGroup(2, 'x = i + y : integer', { namespace: { y: 3 } });
    const mon = new StateMonitor(G, 'x', { record: true });
    run(defaultclock.dt, { namespace: {} });
    assert.deepEqual(mon.x.values.map((r: Float64Array) => Array.from(r)), [[3], [4]]);
  });

  it('test_rate_monitor_smoothed_rate', () => {
    // Test the filter response by having a single spiking neuron
    const G = new SpikeGeneratorGroup(1, [0], ms([1]));
    const rMon = new PopulationRateMonitor(G);
    run(ms(3));
    const dt = defaultclock.dt.value;
    const index = Math.round(1e-3 / dt);
    const rate = Array.from(rMon.rate_);
    assert.ok(rate.every((r, k) => k === index || r === 0));
    assertAllclose(rate[index]!, 1 / dt);
    // Flat window: a flat window of size = dt should not change anything
    assertAllclose(rate, rMon.smoothRate('flat', defaultclock.dt).values);
    let smoothed = Array.from(rMon.smoothRate('flat', defaultclock.dt.times(5)).values);
    assert.ok(smoothed.slice(0, index - 2).every((x) => x === 0));
    assert.ok(smoothed.slice(index + 3).every((x) => x === 0));
    assertAllclose(smoothed.slice(index - 2, index + 3), 0.2 / dt);
    const smoothed2 = Array.from(rMon.smoothRate('flat', defaultclock.dt.times(5.4)).values);
    assert.deepEqual(smoothed, smoothed2);
    // Gaussian window
    const width = defaultclock.dt.times(5);
    smoothed = Array.from(rMon.smoothRate('gaussian', width).values);
    // 0 outside of window
    assert.ok(smoothed.slice(0, index - 10).every((x) => x === 0));
    assert.ok(smoothed.slice(index + 11).every((x) => x === 0));
    // Gaussian around the spike
    const t = Array.from(rMon.t_).slice(index - 10, index + 11);
    let gaussian = t.map((x) => Math.exp(-((x - 1e-3) ** 2) / (2 * width.value ** 2)));
    const total = gaussian.reduce((a, b) => a + b, 0);
    gaussian = gaussian.map((g) => g / total);
    assertAllclose(smoothed.slice(index - 10, index + 11), gaussian.map((g) => g / dt));
    // Arbitrary window
    const smoothedFlat = rMon.smoothRate('flat', defaultclock.dt.times(5));
    const smoothedCustom = rMon.smoothRate([1, 1, 1, 1, 1]);
    assertAllclose(smoothedFlat.values, smoothedCustom.values);
  });

  it('test_rate_monitor_smoothed_rate_incorrect', () => {
    const G = new SpikeGeneratorGroup(1, [0], ms([1]));
    const rMon = new PopulationRateMonitor(G);
    run(ms(2));
    raises(() => rMon.smoothRate('flat' as never), 'TypeError'); // no width
    raises(() => rMon.smoothRate([1, 1, 1, 1, 1] as never, ms(1)), 'TypeError');
    raises(() => rMon.smoothRate('unknown' as never, ms(1)), 'NotImplementedError');
    raises(() => rMon.smoothRate({} as never), 'TypeError');
    raises(() => rMon.smoothRate([[1, 1], [1, 1]] as never), 'TypeError');
    raises(() => rMon.smoothRate([1, 1, 1, 1]), 'TypeError'); // even number
  });

  it('test_rate_monitor_subgroups_2', () => {
    const G = new NeuronGroup(6, 'do_spike : boolean', { threshold: 'do_spike' });
    G.do_spike = [true, false, false, false, true, true];
    const rateAll = new PopulationRateMonitor(G);
    const rate1 = new PopulationRateMonitor(G.slice(0, 2));
    const rate2 = new PopulationRateMonitor(G.slice(2, 4));
    const rate3 = new PopulationRateMonitor(G.slice(4));
    run(defaultclock.dt.times(2));
    const dt = defaultclock.dt.value;
    assertAllclose(rateAll.rate_, 0.5 / dt);
    assertAllclose(rate1.rate_, 0.5 / dt);
    assertAllclose(rate2.rate_, 0);
    assertAllclose(rate3.rate_, 1 / dt);
  });
});
