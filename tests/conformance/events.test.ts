/**
 * Custom events, runOnEvent, runRegularly with its own dt, an EventMonitor, a StateMonitor with
 * its own dt, store/restore with named snapshots and consecutive runs, against Brian2 2.5.1
 * (fixtures/events.json, generate/events.py). Everything is deterministic, so every recorded
 * number must be identical: integers and booleans exactly, times to 1e-12 (both sides compute
 * `timestep*dt`), state values to 1e-9 relative (exact integration, `exp` may differ in the
 * last bit).
 *
 * Phases: A = store(); run(10 ms) · B = restore(); new I; run(5 ms); run(5 ms) (restore rewinds
 * the state, t and the monitors) · C1 = store('mid'); run(7.5 ms) · C2 = restore('mid');
 * run(7.5 ms), which must equal C1.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { assertClose, loadFixture } from './fixture.ts';
import { defaultclock, EventMonitor, ms, NeuronGroup, restore, run, SpikeMonitor, startScope, StateMonitor, store } from '../../src/index.ts';
// The magic network's time (Brian2's magic_network.t) is not in the public API.
import { magicNetwork } from '../../src/core/index.ts';

interface Snapshot {
  t_s: number;
  spike_i: number[]; spike_t_s: number[]; spike_count: number[];
  event_i: number[]; event_t_s: number[]; event_v: number[]; event_count: number[];
  monitor_t_s: number[]; monitor_v: number[][]; monitor_x: number[][]; monitor_n_up: number[][];
  v: number[]; x: number[]; n_up: number[]; n_rr: number[];
}
interface Events {
  model: {
    eqs: string; tau_s: number; threshold: string; reset: string; events: Record<string, string>;
    run_on_event: string; run_regularly: string; run_regularly_dt_s: number; I_A: number[]; I_B: number[];
    monitor_dt_s: number; record: number[];
  };
  phases: Record<'A' | 'B' | 'C1' | 'C2', Snapshot>;
}
const fx = loadFixture<Events>('events');
const m = fx.model;

describe('custom events + runOnEvent + runRegularly + store/restore over several runs', () => {
  const got: Partial<Record<keyof Events['phases'], Snapshot>> = {};
  before(() => {
    startScope();
    defaultclock.dt = ms(0.1);
    const G = new NeuronGroup(4, m.eqs, {
      threshold: m.threshold,
      reset: m.reset,
      events: m.events,
      method: 'exact',
      namespace: { tau: ms(m.tau_s * 1e3) },
    });
    G.runOnEvent('upcross', m.run_on_event);
    G.runRegularly(m.run_regularly, { dt: ms(m.run_regularly_dt_s * 1e3) });
    G.I = m.I_A;
    const E = new EventMonitor(G, 'upcross', { variables: ['v'] });
    const S = new SpikeMonitor(G);
    const M = new StateMonitor(G, ['v', 'x', 'n_up'], { record: m.record, dt: ms(m.monitor_dt_s * 1e3) });
    const rows = (traces: Iterable<{ values: Float64Array }>): number[][] => Array.from(traces, (q) => Array.from(q.values));
    const snapshot = (): Snapshot => ({
      t_s: magicNetwork.tSeconds,
      spike_i: Array.from(S.i), spike_t_s: Array.from(S.t.values), spike_count: Array.from(S.count),
      event_i: Array.from(E.i), event_t_s: Array.from(E.t.values), event_v: Array.from(E.v.values),
      event_count: Array.from(E.count),
      monitor_t_s: Array.from(M.t.values), monitor_v: rows(M.v), monitor_x: rows(M.x), monitor_n_up: rows(M.n_up),
      v: Array.from(G.v.values), x: Array.from(G.x.values), n_up: Array.from(G.n_up.values), n_rr: Array.from(G.n_rr.values),
    });
    store();
    run(ms(10));
    got.A = snapshot();
    restore();
    G.I = m.I_B;
    run(ms(5));
    run(ms(5));
    got.B = snapshot();
    store('mid');
    run(ms(7.5));
    got.C1 = snapshot();
    restore('mid');
    run(ms(7.5));
    got.C2 = snapshot();
  });

  for (const phase of ['A', 'B', 'C1', 'C2'] as const) {
    it(`phase ${phase}: spikes, events, monitors and state identical to Brian2`, () => {
      const a = got[phase]!;
      const e = fx.phases[phase];
      assertClose(a.t_s, e.t_s, { rtol: 1e-12, label: `${phase} t` });
      for (const key of ['spike_i', 'spike_count', 'event_i', 'event_count', 'n_up', 'n_rr'] as const) {
        assert.deepEqual(a[key], e[key], `${phase} ${key}`);
      }
      for (const key of ['spike_t_s', 'event_t_s', 'monitor_t_s'] as const) {
        assertClose(a[key], e[key], { rtol: 1e-12, label: `${phase} ${key}` });
      }
      assertClose(a.event_v, e.event_v, { rtol: 1e-9, label: `${phase} event_v` });
      assertClose(a.v, e.v, { rtol: 1e-9, atol: 1e-15, label: `${phase} v` });
      assert.deepEqual(a.x, e.x, `${phase} x`);
      for (let k = 0; k < m.record.length; k++) {
        assertClose(a.monitor_v[k]!, e.monitor_v[k]!, { rtol: 1e-9, atol: 1e-15, label: `${phase} M.v[${k}]` });
        assert.deepEqual(a.monitor_x[k], e.monitor_x[k], `${phase} M.x[${k}]`);
        assert.deepEqual(a.monitor_n_up[k], e.monitor_n_up[k], `${phase} M.n_up[${k}]`);
      }
    });
  }

  it("restore('mid') then the same run reproduces the first run after store('mid')", () => {
    assert.deepEqual(got.C2, got.C1);
  });
});
