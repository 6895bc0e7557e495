import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BrianObjectError, Network, startScope } from '../core/index.ts';
import { SpikeMonitor } from '../monitors/index.ts';
import { DimensionMismatchError, QuantityArray, ms, second } from '../units/index.ts';
import { InputError } from './errors.ts';
import { SpikeGeneratorGroup } from './spike-generator-group.ts';

const steps = (xs: Float64Array): number[] => Array.from(xs, (t) => Math.round(t * 1e4));
const runError = (re: RegExp, code: string) => (e: unknown) =>
  e instanceof BrianObjectError && e.cause instanceof InputError && e.cause.code === code && re.test(e.cause.message);

describe('new SpikeGeneratorGroup(N, indices, times, options)', () => {
  it('sorts by time, then index, and emits each spike in its time step', () => {
    startScope();
    const G = new SpikeGeneratorGroup(4, [3, 1, 0, 2], ms([0.3, 0.1, 0.1, 0.0]));
    assert.deepEqual(Array.from(G.neuronIndex), [2, 0, 1, 3]);
    assert.deepEqual(Array.from(G.spikeTime.values), [0, 0.1e-3, 0.1e-3, 0.3e-3]);
    const M = new SpikeMonitor(G);
    new Network(G, M).run(ms(1));
    assert.deepEqual(Array.from(M.i), [2, 0, 1, 3]);
    assert.deepEqual(steps(M.t.values), [0, 1, 1, 3]);
  });

  it('repeats the pattern with a period and stores/restores its position', () => {
    startScope();
    const G = new SpikeGeneratorGroup(2, [0, 1], ms([0, 0.5]), { period: ms(1) });
    const M = new SpikeMonitor(G);
    const net = new Network(G, M);
    net.run(ms(0.3));
    net.store();
    net.run(ms(2));
    const first = Array.from(M.t.values);
    net.restore();
    net.run(ms(2));
    assert.deepEqual(Array.from(M.t.values), first);
    assert.deepEqual(steps(M.t.values), [0, 5, 10, 15, 20]);
  });

  it('setSpikes replaces the spikes and restore brings the old ones back', () => {
    startScope();
    const G = new SpikeGeneratorGroup(2, [0], ms([0.5]));
    const M = new SpikeMonitor(G);
    const net = new Network(G, M);
    net.store();
    G.setSpikes([1, 1], [ms(0.2), ms(0.4)]);
    assert.equal(G.numSpikes, 2);
    net.restore();
    assert.deepEqual(Array.from(G.neuronIndex), [0]);
    net.run(ms(1));
    assert.deepEqual(Array.from(M.i), [0]);
  });

  it('writes the event space without allocating per step', () => {
    startScope();
    const N = 100;
    const indices = Array.from({ length: 5000 }, (_, k) => k % N);
    const times = new QuantityArray(Array.from({ length: 5000 }, (_, k) => Math.floor(k / N) * 1e-4), second.dim);
    const G = new SpikeGeneratorGroup(N, indices, times);
    const net = new Network(G);
    net.run(ms(0.1));
    const space = G.eventSpace('spike').array;
    G.run();
    assert.equal(space[N], N);
    assert.equal(G.eventSpace('spike').array, space, 'the same event space');
  });

  it('rejects two spikes of one neuron in one time step at run start (also when not adjacent)', () => {
    startScope();
    const G = new SpikeGeneratorGroup(3, [0, 0], ms([0.11, 0.12]), { name: 'sgg_dup' });
    assert.throws(() => new Network(G).run(ms(1)), runError(/Using a dt of 100\. us, some neurons of SpikeGeneratorGroup 'sgg_dup' spike more than once during a time step\./, 'duplicate-spikes'));
    startScope();
    // Brian2 only compares neighbours, and misses this one (0, 1, 0 in one bin).
    const H = new SpikeGeneratorGroup(3, [0, 1, 0], ms([0.11, 0.12, 0.13]), { name: 'sgg_dup2' });
    assert.throws(() => new Network(H).run(ms(1)), runError(/'sgg_dup2' spike more than once/, 'duplicate-spikes'));
  });

  it('rejects bad input with InputError naming the group', () => {
    startScope();
    const bad = (re: RegExp, code: string) => (e: unknown) => e instanceof InputError && e.code === code && /'sgg'/.test(e.message) && re.test(e.message);
    const o = { name: 'sgg' };
    assert.throws(() => new SpikeGeneratorGroup(2, [0, 1], ms([1]), o), bad(/Length of the indices and times array must match, but 2 != 1/, 'shape'));
    assert.throws(() => new SpikeGeneratorGroup(2, [0], ms([-1]), o), bad(/Spike times cannot be negative/, 'invalid-value'));
    assert.throws(() => new SpikeGeneratorGroup(2, [2], ms([1]), o), bad(/Indices have to lie in the interval \[0, 2\[/, 'invalid-value'));
    assert.throws(() => new SpikeGeneratorGroup(2, [-1], ms([1]), o), bad(/Indices have to lie/, 'invalid-value'));
    assert.throws(() => new SpikeGeneratorGroup(2, [0.5], ms([1]), o), bad(/integers/, 'invalid-value'));
    assert.throws(() => new SpikeGeneratorGroup(2, [0], ms([1]), { ...o, period: ms(-1) }), bad(/The period cannot be negative/, 'invalid-value'));
    assert.throws(() => new SpikeGeneratorGroup(2, [0], ms([1]), { ...o, period: ms(1) }), bad(/period has to be greater than the maximum of the spike times/, 'invalid-value'));
    assert.throws(() => new SpikeGeneratorGroup(2, [1, 0], ms([1, 0.5]), { ...o, sorted: true }), bad(/not sorted/, 'unsorted-spikes'));
    assert.throws(() => new SpikeGeneratorGroup(0, [], ms([]), o), bad(/N has to be an integer >=1/, 'invalid-size'));
    assert.throws(() => new SpikeGeneratorGroup(2, [0], [1] as never, o), (e: unknown) => e instanceof DimensionMismatchError && /'sgg'/.test(e.message));
    assert.throws(() => new SpikeGeneratorGroup(2, [0], ms([Number.NaN]), o), bad(/finite/, 'invalid-value'));
  });

  it('rejects at run start a period shorter than dt or not a multiple of dt', () => {
    startScope();
    const G = new SpikeGeneratorGroup(1, [0], ms([0]), { period: ms(0.06), name: 'sgg_p' });
    assert.throws(() => new Network(G).run(ms(1)), runError(/The period of 'sgg_p' is 60\. us, which is smaller than its dt of 100\. us\./, 'invalid-value'));
    startScope();
    const H = new SpikeGeneratorGroup(1, [0], ms([0]), { period: ms(0.25), name: 'sgg_q' });
    assert.throws(() => new Network(H).run(ms(1)), runError(/The period of 'sgg_q' is 250\. us, which is not an integer multiple of its dt of 100\. us\./, 'not-implemented'));
  });
});
