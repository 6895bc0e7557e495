/**
 * The Izhikevich (2003) model under forward Euler against Brian2 2.5.1 (fixtures/izhikevich.json,
 * generate/izhikevich.py): seven neurons with the classic parameter sets as per-neuron
 * parameters, dt = 0.1 ms, 500 ms.
 *
 * Tolerances: spike times identical (the same steps; issue 3), counts equal; the 1 ms-sampled
 * v/u traces within 1e-9 relative plus 1e-9 absolute (u crosses zero). A perturbation of 1e-13
 * in the initial state leaves Brian2's own spike times unchanged, so rounding differences in the
 * generated arithmetic cannot move a spike.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { assertClose, loadFixture } from './fixture.ts';
import { assertSpikeTrains } from './spikes.ts';
import { NeuronGroup } from '../../src/groups/index.ts';
import { SpikeMonitor, StateMonitor } from '../../src/monitors/index.ts';
import { defaultclock, run, startScope } from '../../src/core/index.ts';
import { ms } from '../../src/units/index.ts';

interface Izhikevich {
  model: {
    eqs: string; threshold: string; reset: string; method: string; dt_s: number; duration_s: number;
    v_init: number; u_init: string; a: number[]; b: number[]; c: number[]; d: number[]; I: number[];
    monitor_dt_s: number; record: number[];
  };
  spike_i: number[];
  spike_t_s: number[];
  count: number[];
  monitor_t_s: number[];
  v: number[][];
  u: number[][];
}
const fx = loadFixture<Izhikevich>('izhikevich');
const m = fx.model;

describe('Izhikevich neurons: new NeuronGroup(7, eqs, {method: "euler", reset: "v = c; u += d"})', () => {
  let S: SpikeMonitor;
  let M: StateMonitor<'v' | 'u'>;
  before(() => {
    startScope();
    defaultclock.dt = ms(m.dt_s * 1e3);
    const G = new NeuronGroup(m.a.length, m.eqs, { threshold: m.threshold, reset: m.reset, method: m.method });
    G.a = m.a;
    G.b = m.b;
    G.c = m.c;
    G.d = m.d;
    G.I = m.I;
    G.v = m.v_init;
    G.u = m.u_init;
    S = new SpikeMonitor(G);
    M = new StateMonitor(G, ['v', 'u'], { record: m.record, dt: ms(m.monitor_dt_s * 1e3) });
    run(ms(m.duration_s * 1e3));
  });

  it('spike counts per neuron are Brian2’s', () => {
    assert.deepEqual(Array.from(S.count), fx.count);
  });

  it('every spike time is identical (same step)', () => {
    assertSpikeTrains({ i: S.i, t: S.t.values }, { i: fx.spike_i, t: fx.spike_t_s }, { N: m.a.length, dt: m.dt_s, steps: 0, label: 'izhikevich' });
    assert.deepEqual(Array.from(S.i), fx.spike_i, 'monitor order');
  });

  it('v and u traces (1 ms samples, StateMonitor with its own dt) within 1e-9', () => {
    assertClose(M.t.values, fx.monitor_t_s, { rtol: 1e-12, label: 'M.t' });
    for (let k = 0; k < m.record.length; k++) {
      assertClose(M.v[k]!.values, fx.v[k]!, { rtol: 1e-9, atol: 1e-9, label: `v[${k}]` });
      assertClose(M.u[k]!.values, fx.u[k]!, { rtol: 1e-9, atol: 1e-9, label: `u[${k}]` });
    }
  });
});
