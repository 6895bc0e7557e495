/** Brian2 2.5.1 `brian2/tests/test_spikegenerator.py`, translated (status: README.md in this folder). */
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Network, NeuronGroup, PopulationRateMonitor, SpikeGeneratorGroup, SpikeMonitor, StateMonitor, Synapses, defaultclock, ms, restore, run, second, startScope, store } from '../../src/index.ts';
import { assertAllclose, catchLogs, raises } from './helpers.ts';

beforeEach(() => {
  startScope();
  defaultclock.dt = ms(0.1);
});

type Spikes = { readonly i: Int32Array; readonly t_: Float64Array };

/** Brian2's `_compare_spikes` (times in ms). */
function compareSpikes(N: number, indices: readonly number[], timesMs: readonly number[], recorded: Spikes, startMs = 0, endMs = Infinity): void {
  for (let idx = 0; idx < N; idx++) {
    const generator = timesMs.filter((_, k) => indices[k] === idx).sort((a, b) => a - b);
    const got = Array.from(recorded.t_)
      .map((t) => t * 1e3)
      .filter((t, k) => recorded.i[k] === idx && t >= startMs - 1e-9 && t < endMs - 1e-9)
      .sort((a, b) => a - b);
    assertAllclose(got, generator);
  }
}

const INDICES = [3, 2, 1, 1, 2, 3, 3, 2, 1];
const TIMES = [1, 4, 4, 3, 2, 4, 2, 3, 2];

describe('test_spikegenerator (Brian2 2.5.1)', () => {
  it('test_spikegenerator_connected', () => {
    const G = new NeuronGroup(10, 'v:1');
    const mon = new StateMonitor(G, 'v', { record: true, when: 'end' });
    const SG = new SpikeGeneratorGroup(10, [3, 2, 1, 1, 4, 5], ms([6, 5, 4, 3, 3, 1]));
    const S = new Synapses(SG, G, '', { onPre: 'v+=1' });
    S.connect({ j: 'i' });
    run(ms(7));
    const t = Array.from(mon.t.values, (x) => x * 1e3);
    const v = mon.v.values;
    for (const idx of [0, 6, 7, 8, 9]) assert.ok(v[idx]!.every((x) => x === 0));
    // schedule_propagation_offset() is 0 for the standard schedule
    [[2, 5], [3, 6], [4, 3], [5, 1]].forEach(([idx, time]) => {
      t.forEach((tk, k) => assert.equal(v[idx!]![k], tk < time! - 1e-9 ? 0 : 1));
    });
    t.forEach((tk, k) => assert.equal(v[1]![k], tk < 3 - 1e-9 ? 0 : tk < 4 - 1e-9 ? 1 : 2));
  });

  it('test_spikegenerator_basic', () => {
    const SG = new SpikeGeneratorGroup(5, INDICES, ms(TIMES));
    const sMon = new SpikeMonitor(SG);
    run(ms(5));
    compareSpikes(5, INDICES, TIMES, sMon);
  });

  it('test_spikegenerator_basic_sorted', () => {
    const indices = [3, 1, 2, 3, 1, 2, 1, 2, 3];
    const times = [1, 2, 2, 2, 3, 3, 4, 4, 4];
    const SG = new SpikeGeneratorGroup(5, indices, ms(times));
    const sMon = new SpikeMonitor(SG);
    run(ms(5));
    compareSpikes(5, indices, times, sMon);
  });

  it('test_spikegenerator_basic_sorted_with_sorted', () => {
    const indices = [3, 1, 2, 3, 1, 2, 1, 2, 3];
    const times = [1, 2, 2, 2, 3, 3, 4, 4, 4];
    const SG = new SpikeGeneratorGroup(5, indices, ms(times), { sorted: true });
    const sMon = new SpikeMonitor(SG);
    run(ms(5));
    compareSpikes(5, indices, times, sMon);
  });

  it('test_spikegenerator_period', () => {
    const SG = new SpikeGeneratorGroup(5, INDICES, ms(TIMES), { period: ms(5) });
    const sMon = new SpikeMonitor(SG);
    run(ms(10));
    compareSpikes(5, [...INDICES, ...INDICES], [...TIMES, ...TIMES.map((t) => t + 5)], sMon);
  });

  it('test_spikegenerator_extreme_period', () => {
    const SG = new SpikeGeneratorGroup(5, [0, 1, 2], ms([0, 1, 2]), { period: second(1e6) });
    const sMon = new SpikeMonitor(SG);
    const l = catchLogs(() => run(ms(10)));
    assert.deepEqual(Array.from(sMon.i), [0, 1, 2]);
    assertAllclose(sMon.t.values, [0, 1e-3, 2e-3], 1e-7, 1e-15);
    assert.ok(l.length === 1 && l[0]![0].endsWith('spikegenerator_long_period'), JSON.stringify(l));
  });

  it('test_spikegenerator_period_rounding', () => {
    // The last spike falls into the time step after 1 ms: an error
    raises(() => new SpikeGeneratorGroup(1, [0, 0, 0], ms([0, 0.9, 0.99999]), { period: ms(1), dt: ms(0.1) }), 'ValueError');
    // The last two spikes fall into the same bin
    const s = new SpikeGeneratorGroup(1, [0, 0, 0], ms([0, 0.9, 0.96]), { period: ms(1), dt: ms(0.1) });
    const net = new Network(s);
    raises(() => net.run(ms(0)), 'BrianObjectException');
    raises(() => net.run(ms(0)), 'ValueError');
  });

  it('test_spikegenerator_period_repeat', () => {
    const times = Array.from({ length: 10 }, (_, k) => k * 0.1);
    const SG = new SpikeGeneratorGroup(1, Array(10).fill(0), ms(times), { period: ms(1) });
    const sMon = new SpikeMonitor(SG);
    const net = new Network(SG, sMon, new PopulationRateMonitor(SG));
    for (let idx = 0; idx < 5; idx++) {
      net.run(ms(1));
      assert.equal((idx + 1) * 10, sMon.numSpikes);
    }
  });

  it('test_spikegenerator_change_spikes', () => {
    const SG = new SpikeGeneratorGroup(5, INDICES, ms(TIMES));
    const sMon = new SpikeMonitor(SG);
    const net = new Network(SG, sMon);
    net.run(ms(5));
    const indices2 = [3, 2, 1, 1, 2, 3, 3, 2, 1, 3, 3, 3, 1, 2];
    const times2 = [1, 4, 4, 3, 2, 4, 2, 3, 2, 4.5, 4.7, 4.8, 4.5, 4.7].map((t) => t + 5);
    SG.setSpikes(indices2, ms(times2));
    net.run(ms(5));
    const indices3 = [4, 1, 0];
    const times3 = [1, 3, 4].map((t) => t + 10);
    SG.setSpikes(indices3, ms(times3));
    net.run(ms(5));
    compareSpikes(5, INDICES, TIMES, sMon, 0, 5);
    compareSpikes(5, indices2, times2, sMon, 5, 10);
    compareSpikes(5, indices3, times3, sMon, 10);
  });

  it('test_spikegenerator_change_period', () => {
    const SG = new SpikeGeneratorGroup(5, INDICES, ms(TIMES), { period: ms(5) });
    const sMon = new SpikeMonitor(SG);
    const net = new Network(SG, sMon);
    net.run(ms(10));
    const indices2 = [3, 2, 1, 1, 2, 3, 3, 2, 1, 3, 3, 3, 1, 2];
    const times2 = [1, 4, 4, 3, 2, 4, 2, 3, 2, 4.5, 4.7, 4.8, 4.5, 4.7].map((t) => t + 10);
    SG.setSpikes(indices2, ms(times2));
    net.run(ms(10)); // the period is no longer in effect
    compareSpikes(5, [...INDICES, ...INDICES], [...TIMES, ...TIMES.map((t) => t + 5)], sMon, 0, 10);
    compareSpikes(5, indices2, times2, sMon, 10);
  });

  it('test_spikegenerator_incorrect_values', () => {
    raises(() => new SpikeGeneratorGroup(0, [], second([])), 'TypeError');
    raises(() => new SpikeGeneratorGroup(1.5, [], second([])), 'TypeError'); // floating point N
    raises(() => new SpikeGeneratorGroup(5, [0, 3, -1], ms([0, 1, 2])), 'ValueError'); // negative index
    raises(() => new SpikeGeneratorGroup(5, [0, 5, 1], ms([0, 1, 2])), 'ValueError'); // too high index
    raises(() => new SpikeGeneratorGroup(5, [0, 1, 2], ms([0, -1, 2])), 'ValueError'); // negative time
  });

  it('test_spikegenerator_incorrect_period', () => {
    raises(() => new SpikeGeneratorGroup(1, [], second([]), { period: ms(-1) }), 'ValueError'); // negative
    raises(() => new SpikeGeneratorGroup(1, [0], ms([2]), { period: ms(1) }), 'ValueError'); // smaller than the highest spike time
    // not an integer multiple of dt
    for (const period of [1.25, 0.101, 3.333]) {
      const net = new Network(new SpikeGeneratorGroup(1, [], second([]), { period: ms(period), dt: ms(0.1) }));
      raises(() => net.run(ms(0)), 'BrianObjectException');
      raises(() => net.run(ms(0)), 'NotImplementedError');
    }
    new Network(new SpikeGeneratorGroup(1, [], ms([]), { period: ms(150), dt: ms(0.1) })).run(ms(0)); // fine (Brian2 #1041)
    const net = new Network(new SpikeGeneratorGroup(1, [], second([]), { period: ms(1), dt: ms(2) })); // smaller than dt
    raises(() => net.run(ms(0)), 'ValueError');
  });

  it('test_spikegenerator_rounding', () => {
    // all spikes fall into the first time bin
    let SG = new SpikeGeneratorGroup(100, Array.from({ length: 100 }, (_, k) => k), ms(Array.from({ length: 100 }, (_, k) => (0.1 * k) / 100)), { dt: ms(0.1) });
    const mon = new SpikeMonitor(SG);
    new Network(SG, mon).run(ms(0.1));
    assert.deepEqual(Array.from(mon.count), Array(100).fill(1));
    // all spikes fall in separate bins
    const dt = ms(0.1);
    SG = new SpikeGeneratorGroup(1, Array(10000).fill(0), ms(Array.from({ length: 10000 }, (_, k) => k * 0.1)), { dt });
    const target = new NeuronGroup(1, 'count : 1', { threshold: 'True', reset: 'count=0' }); // count set to zero every time step
    const syn = new Synapses(SG, target, '', { onPre: 'count+=1' });
    syn.connect();
    const countMon = new StateMonitor(target, 'count', { record: 0, when: 'end' });
    const net = new Network(SG, target, syn, countMon);
    net.schedule = ['start', 'groups', 'thresholds', 'resets', 'synapses', 'end']; // resets before synapses
    net.run(dt.times(10000));
    assert.ok(countMon.count.values[0]!.every((x) => x === 1));
  });

  it('test_spikegenerator_multiple_spikes_per_bin', () => {
    // fine when they belong to different neurons
    new Network(new SpikeGeneratorGroup(2, [0, 1], ms([0, 0.05]), { dt: ms(0.1) })).run(ms(0));
    let net = new Network(new SpikeGeneratorGroup(2, [0, 0], ms([0, 0.05]), { dt: ms(0.1) }));
    raises(() => net.run(ms(0)), 'BrianObjectException');
    raises(() => net.run(ms(0)), 'ValueError');
    // dt changes between runs
    defaultclock.dt = ms(0.1);
    net = new Network(new SpikeGeneratorGroup(2, [0, 0], ms([0.05, 0.15])));
    net.run(ms(0)); // all is fine
    defaultclock.dt = ms(0.2); // now the two spikes fall into the same bin
    raises(() => net.run(ms(0)), 'ValueError');
    defaultclock.dt = ms(0.1);
  });

  it('test_spikegenerator_multiple_runs', () => {
    const indices = Array(5).fill(0);
    const times = ms([0, 1, 2, 3, 4]);
    const spikeGen = new SpikeGeneratorGroup(1, indices, times);
    const spikeMon = new SpikeMonitor(spikeGen);
    run(ms(5));
    // The same spike times again: before the start of the current run, so ignored with a warning
    spikeGen.setSpikes(indices, times);
    const l = catchLogs(() => run(ms(5)));
    assert.ok(l.length === 1 && l[0]![0].endsWith('ignored_spikes'), JSON.stringify(l));
    assert.equal(spikeMon.numSpikes, 5);
  });

  it('test_spikegenerator_restore', () => {
    const gen = new SpikeGeneratorGroup(1, [0, 0, 0], ms([0, 1, 2]));
    const mon = new SpikeMonitor(gen);
    store();
    run(ms(3));
    assert.deepEqual(Array.from(mon.i), [0, 0, 0]);
    assertAllclose(mon.t.values, [0, 1e-3, 2e-3]);
    restore();
    run(ms(3));
    assert.deepEqual(Array.from(mon.i), [0, 0, 0]);
    assertAllclose(mon.t.values, [0, 1e-3, 2e-3]);
  });
  it('test_spikegenerator_rounding_long', () => {
    // all spikes should fall in separate bins
    const dt = ms(0.1);
    const N = 1000000;
    const indices = new Array<number>(N).fill(0);
    const times = second(Array.from({ length: N }, (_, k) => k * dt.value));
    const SG = new SpikeGeneratorGroup(1, indices, times, { dt });
    const target = new NeuronGroup(1, 'count : 1');
    const syn = new Synapses(SG, target, '', { onPre: 'count+=1' });
    syn.connect();
    const spikes = new SpikeMonitor(SG);
    const mon = new StateMonitor(target, 'count', { record: 0, when: 'end' });
    run(dt.times(N), { report: null });
    assert.equal(spikes.count[0], N, `expected ${N} spikes, got ${spikes.count[0]}`);
    const count = mon.count[0].values as Float64Array;
    for (let k = 1; k < count.length; k++) assert.equal(count[k]! - count[k - 1]!, 1);
  });

  it('test_spikegenerator_rounding_period', () => {
    // all spikes should fall in separate bins
    const dt = ms(0.1);
    const N = 100;
    const repeats = 10000;
    const indices = new Array<number>(N).fill(0);
    const times = second(Array.from({ length: N }, (_, k) => k * dt.value));
    const SG = new SpikeGeneratorGroup(1, indices, times, { dt, period: dt.times(N) });
    const target = new NeuronGroup(1, 'count : 1');
    const syn = new Synapses(SG, target, '', { onPre: 'count+=1' });
    syn.connect();
    const spikes = new SpikeMonitor(SG);
    const mon = new StateMonitor(target, 'count', { record: 0, when: 'end' });
    run(dt.times(N * repeats), { report: null });
    assert.equal(spikes.count[0], N * repeats);
    const count = mon.count[0].values as Float64Array;
    for (let k = 1; k < count.length; k++) assert.equal(count[k]! - count[k - 1]!, 1);
  });
});
