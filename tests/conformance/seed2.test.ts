/**
 * Seed program 2 against Brian2 2.5.1 (fixtures/seed2.json, generate/seed2.py; semantics §15.2):
 * 100 LIF neurons with graded input I = i*I_max/(N-1), 1 ms refractory period, 1 s, run through
 * the public API as examples/seed/seed-2-population.ts writes it.
 *
 * Tolerances: counts identical (7682 spikes), spike trains as identical steps (times are
 * `timestep*dt` on both sides, also compared to 1e-12), monitor order identical (ascending index
 * within a step), final v within 1e-9 relative.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { assertClose, loadFixture } from './fixture.ts';
import { defaultclock, ms, mV, NeuronGroup, run, SpikeMonitor, startScope } from '../../src/index.ts';

interface Seed2 {
  model: { N: number };
  num_spikes: number;
  count: number[];
  first_i: number[];
  first_t_s: number[];
  trains_s: Record<string, number[]>;
  last_t_s: number;
  final_v_V: number[];
  I_V: number[];
}
const fx = loadFixture<Seed2>('seed2');
const dt = 1e-4;
const steps = (ts: ArrayLike<number>): number[] => Array.from(ts, (t) => Math.round(t / dt));

describe('seed program 2: new NeuronGroup(100, …), G.I = "i*I_max/(N-1)", run(ms(1000))', () => {
  let G: NeuronGroup;
  let M: SpikeMonitor;
  before(() => {
    startScope();
    defaultclock.dt = ms(0.1);
    const N = 100;
    const tau = ms(10);
    const v0 = mV(-50);
    const I_max = mV(40);
    G = new NeuronGroup(N, '\ndv/dt = (v0-v+I)/tau : volt (unless refractory)\nI : volt\n', {
      threshold: 'v>-40*mV',
      reset: 'v=-60*mV',
      refractory: ms(1),
      method: 'exact',
      namespace: { tau, v0, I_max },
    });
    G.v = mV(-70);
    M = new SpikeMonitor(G);
    G.I = 'i*I_max/(N-1)';
    run(ms(1000));
  });

  it('G.I = "i*I_max/(N-1)" gives Brian2’s input values', () => {
    assertClose(G.I.values, fx.I_V, { rtol: 1e-12, label: 'G.I' });
  });

  it('M.numSpikes is 7682 and M.count is identical per neuron', () => {
    assert.equal(M.numSpikes, fx.num_spikes);
    assert.equal(M.numSpikes, 7682);
    assert.deepEqual(Array.from(M.count), fx.count);
  });

  it('the first 40 spikes (i, t) in monitor order: ascending index within a step', () => {
    assert.deepEqual(Array.from(M.i.subarray(0, 40)), fx.first_i);
    assert.deepEqual(steps(M.t.values.subarray(0, 40)), steps(fx.first_t_s));
    assertClose(M.t.values.subarray(0, 40), fx.first_t_s, { rtol: 1e-12, label: 'M.t[:40]' });
    assertClose(M.t.values[M.t.length - 1]!, fx.last_t_s, { rtol: 1e-12, label: 'last spike time' });
  });

  it('spikeTrains() of neurons 25, 26, 50 and 99 are Brian2’s', () => {
    const trains = M.spikeTrains();
    for (const [k, expected] of Object.entries(fx.trains_s)) {
      const train = trains[Number(k)]!;
      assert.deepEqual(steps(train.values), steps(expected), `train of neuron ${k}`);
      assertClose(train.values, expected, { rtol: 1e-12, label: `train ${k}` });
    }
  });

  it('the final v of every neuron within 1e-9 relative', () => {
    assertClose(G.v.values, fx.final_v_V, { rtol: 1e-9, label: 'G.v' });
  });
});
