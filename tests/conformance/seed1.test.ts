/**
 * Seed program 1 against Brian2 2.5.1 (fixtures/seed1.json, generate/seed1.py; semantics §15.1):
 * one LIF neuron, exact integration, 5 ms refractory period. The model runs through the public
 * API exactly as examples/seed/seed-1-lif.ts writes it, plus two monitors that do not change the
 * dynamics (an end-slot StateMonitor and a SpikeMonitor recording v).
 *
 * Tolerances: the 500-sample trace within 1e-9 relative (issue 3); spike times are
 * `timestep*dt` on both sides, so they must be the same steps (compared as step indices) and the
 * same floats to 1e-12; counts and booleans exactly.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { assertClose, loadFixture } from './fixture.ts';
import { defaultclock, ms, mV, NeuronGroup, run, SpikeMonitor, startScope, StateMonitor } from '../../src/index.ts';
// The magic network's time (Brian2's magic_network.t) is not in the public API.
import { magicNetwork } from '../../src/core/index.ts';

interface Seed1 {
  model: { dt_s: number };
  monitor_t_s: number[];
  v_V: number[];
  end_v_V: number[];
  end_not_refractory: boolean[];
  spike_t_s: number[];
  spike_i: number[];
  spike_v_V: number[];
  count: number[];
  num_spikes: number;
  final: { v_V: number; lastspike_s: number; not_refractory: boolean; t_s: number };
}
const fx = loadFixture<Seed1>('seed1');
const dt = fx.model.dt_s;
const steps = (ts: ArrayLike<number>): number[] => Array.from(ts, (t) => Math.round(t / dt));

describe('seed program 1: new NeuronGroup(1, LIF, {refractory: ms(5), method: "exact"}) + run(ms(50))', () => {
  let M: StateMonitor<'v'>;
  let Mend: StateMonitor<'v' | 'not_refractory'>;
  let S: SpikeMonitor<'v'>;
  let G: NeuronGroup;
  before(() => {
    startScope();
    defaultclock.dt = ms(0.1);
    const v0 = mV(-10);
    const tau = ms(10);
    G = new NeuronGroup(1, 'dv/dt = (v0-v)/tau : volt (unless refractory)', {
      threshold: 'v > -40*mV',
      reset: 'v = -60*mV',
      refractory: ms(5),
      method: 'exact',
      namespace: { v0, tau },
    });
    G.v = mV(-70);
    M = new StateMonitor(G, 'v', { record: true });
    Mend = new StateMonitor(G, ['v', 'not_refractory'], { record: true, when: 'end' });
    S = new SpikeMonitor(G, { variables: ['v'] });
    run(ms(50));
  });

  it('StateMonitor M.t has 500 samples at 0, 0.1, …, 49.9 ms', () => {
    assert.equal(M.t.length, 500);
    assertClose(M.t.values, fx.monitor_t_s, { rtol: 1e-12, label: 'M.t' });
  });

  it('M.v[0] equals Brian2’s 500-sample trace within 1e-9 relative', () => {
    assertClose(M.v[0].values, fx.v_V, { rtol: 1e-9, label: 'M.v[0]' });
  });

  it('an end-slot StateMonitor sees the post-reset v and not_refractory as Brian2', () => {
    assertClose(Mend.v[0].values, fx.end_v_V, { rtol: 1e-9, label: 'Mend.v[0]' });
    assert.deepEqual(Array.from(Mend.not_refractory[0].values, Boolean), fx.end_not_refractory);
  });

  it('SpikeMonitor: 5 spikes at 6.9, 17.0, 27.1, 37.2, 47.3 ms, stamped with the step start', () => {
    assert.equal(S.numSpikes, fx.num_spikes);
    assert.deepEqual(Array.from(S.count), fx.count);
    assert.deepEqual(Array.from(S.i), fx.spike_i);
    assert.deepEqual(steps(S.t.values), steps(fx.spike_t_s));
    assertClose(S.t.values, fx.spike_t_s, { rtol: 1e-12, label: 'S.t' });
  });

  it('SpikeMonitor records v before the reset (threshold on the updated state)', () => {
    assertClose(S.v.values, fx.spike_v_V, { rtol: 1e-9, label: 'S.v' });
  });

  it('after the run: v, lastspike, not_refractory and t as Brian2', () => {
    assertClose(G.v.values[0]!, fx.final.v_V, { rtol: 1e-12, label: 'G.v' });
    assertClose(G.lastspike.values[0]!, fx.final.lastspike_s, { rtol: 1e-12, label: 'G.lastspike' });
    assert.equal(Boolean(G.not_refractory.values[0]), fx.final.not_refractory);
    assertClose(magicNetwork.tSeconds, fx.final.t_s, { rtol: 1e-12, label: 't' });
  });
});
