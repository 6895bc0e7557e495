/**
 * Special variables of a NeuronGroup and the scheduling rules of semantics §14 that apply to
 * neuron groups, against Brian2 2.5.1 (fixtures/special_variables.json,
 * generate/special_variables.py). Each case replays the generator's model strings; see the
 * generator's docstring for what each case covers.
 *
 * Tolerances: integers, booleans, step counts and orderings exactly; times to 1e-12 (both sides
 * compute `timestep*dt`); state values to 1e-12 relative (these models are a few additions and
 * multiplications; `exp` in exact integration gets 1e-9).
 * Brian2's ValueError from check_dt is brian-ts's ClockError with Brian2's message.
 *
 * Not covered here: "reset after synaptic input" with real Synapses (the Synapses issue); the
 * same rule is checked with a runRegularly in the `synapses` slot, which is what a pre pathway is
 * scheduled as (reset_after_input).
 */
import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { assertClose, loadFixture } from './fixture.ts';
import { BrianError, ClockError, defaultclock, Hz, ms, Network, NeuronGroup, run, second, SpikeMonitor, startScope, StateMonitor } from '../../src/index.ts';
import type { Quantity } from '../../src/index.ts';
// The magic network's time (Brian2's magic_network.t) is not in the public API.
import { magicNetwork } from '../../src/core/index.ts';

type Num = number[];
interface Cases {
  t_dt_i_N: { eqs: string; N: number; method: string; run_regularly: string; duration_s: number; monitor_t_s: Num; x_s: Num[]; z_s: Num[]; y: Num[]; v: Num[] };
  initial_values: { eqs: string; refractory_s: number; lastspike_s: Num; not_refractory: boolean[] };
  lastspike: {
    eqs: string; method: string; threshold: string; reset: string; refractory_s: number; rate_Hz: Num; duration_s: number;
    monitor_t_s: Num; v: Num[]; lastspike_s: Num[]; not_refractory: boolean[][]; spike_i: Num; spike_t_s: Num;
  };
  refractory_rounding: {
    refractory_s: Num; duration_s: number; model: string; threshold: string; quantity_spike_t_s: Num[];
    string_model: string; string_refractory: string; string_spike_i: Num; string_spike_t_s: Num;
  };
  conditional_write: {
    eqs: string; threshold: string; reset: string; refractory_s: number; v_init: Num; run_regularly: string;
    first_run_s: number; second_run_s: number;
    after_run: { v: Num; w: Num; not_refractory: boolean[] };
    after_string_assignment: Num; after_number_assignment: Num;
    final: { v: Num; w: Num; not_refractory: boolean[] };
    spike_i: Num; spike_t_s: Num;
  };
  reset_after_input: {
    model: string; threshold: string; reset: string; code: string; duration_s: number; a_when: string; b_when: string;
    a_v: Num; b_v: Num; a_spike_t_s: Num; b_spike_t_s: Num;
  };
  schedule_ties: { model: string; run_regularly: string; runner_name: string; duration_s: number; a_monitor_x: Num; c_monitor_x: Num };
  run_rounding: { model: string; run_regularly: string; runs: { duration_s: number; steps_total: number; net_t_s: number; clock_t_s: number }[] };
  multiple_clocks: { eqs: string; monitor_dt_s: number; duration_s: number; monitor_t_s: Num; v: Num };
  dt_change: {
    eqs: string; first_dt_s: number; second_dt_s: number; bad_dt_s: number;
    first: { n: number; v: number; t_s: number }; second: { n: number; v: number; t_s: number };
    monitor_t_s: Num; monitor_v: Num; error: { class: string; message: string };
  };
  subgroup: { model: string; N: number; start: number; stop: number; x_code: string; y_condition: string; y_value: number; x: Num; y: Num };
  arithmetic: { model: string; code: string; values: Record<string, number> };
}
const fx = loadFixture<{ dt_s: number; cases: Cases }>('special_variables');
const c = fx.cases;
const s2ms = (s: number): Quantity => ms(s * 1e3);
const bools = (x: ArrayLike<number>): boolean[] => Array.from(x, Boolean);
const rows = (traces: Iterable<{ values: Float64Array }>): number[][] => Array.from(traces, (q) => Array.from(q.values));

describe('special variables and §14 scheduling rules for NeuronGroup', () => {
  beforeEach(() => {
    startScope();
    defaultclock.dt = ms(0.1);
  });

  it('t, dt, i, N in runRegularly code and t in a differential equation', () => {
    const k = c.t_dt_i_N;
    const G = new NeuronGroup(k.N, k.eqs, { method: k.method });
    G.runRegularly(k.run_regularly);
    const M = new StateMonitor(G, ['x', 'z', 'y', 'v'], { record: true, when: 'end' });
    run(s2ms(k.duration_s));
    assertClose(M.t.values, k.monitor_t_s, { rtol: 1e-12, label: 'M.t' });
    for (let n = 0; n < k.N; n++) {
      assertClose(M.x[n]!.values, k.x_s[n]!, { rtol: 1e-12, label: `x[${n}]` });
      assertClose(M.z[n]!.values, k.z_s[n]!, { rtol: 1e-12, label: `z[${n}]` });
      assert.deepEqual(Array.from(M.y[n]!.values), k.y[n], `y[${n}]`);
      assertClose(M.v[n]!.values, k.v[n]!, { rtol: 1e-12, label: `v[${n}]` });
    }
  });

  it('lastspike starts at -1e4 s and not_refractory at true', () => {
    const k = c.initial_values;
    const G = new NeuronGroup(2, k.eqs, { threshold: 'v > 1', reset: 'v = 0', refractory: s2ms(k.refractory_s), method: 'exact' });
    assert.deepEqual(Array.from(G.lastspike.values), k.lastspike_s);
    assert.deepEqual(bools(G.not_refractory.values), k.not_refractory);
  });

  it('lastspike and not_refractory per step; spikes stamped with the step start', () => {
    const k = c.lastspike;
    const G = new NeuronGroup(3, k.eqs, { threshold: k.threshold, reset: k.reset, refractory: s2ms(k.refractory_s), method: k.method });
    G.rate = Hz(k.rate_Hz);
    const M = new StateMonitor(G, ['v', 'lastspike', 'not_refractory'], { record: true, when: 'end' });
    const S = new SpikeMonitor(G);
    run(s2ms(k.duration_s));
    assertClose(M.t.values, k.monitor_t_s, { rtol: 1e-12, label: 'M.t' });
    for (let n = 0; n < 3; n++) {
      assertClose(M.v[n]!.values, k.v[n]!, { rtol: 1e-12, atol: 1e-15, label: `v[${n}]` });
      assertClose(M.lastspike[n]!.values, k.lastspike_s[n]!, { rtol: 1e-12, label: `lastspike[${n}]` });
      assert.deepEqual(bools(M.not_refractory[n]!.values), k.not_refractory[n], `not_refractory[${n}]`);
    }
    assert.deepEqual(Array.from(S.i), k.spike_i);
    assertClose(S.t.values, k.spike_t_s, { rtol: 1e-12, label: 'S.t' });
  });

  it('refractory as a Quantity is rounded to 1 µs; as a string expression it is not', () => {
    const k = c.refractory_rounding;
    const groups = k.refractory_s.map((r, n) => new NeuronGroup(1, k.model, { threshold: k.threshold, refractory: second(r), name: `g${n}` }));
    const mons = groups.map((g) => new SpikeMonitor(g));
    const H = new NeuronGroup(k.refractory_s.length, k.string_model, { threshold: k.threshold, refractory: k.string_refractory, name: 'h' });
    H.ref = second(k.refractory_s);
    const MH = new SpikeMonitor(H);
    new Network(groups, mons, H, MH).run(s2ms(k.duration_s));
    mons.forEach((mon, n) => assertClose(mon.t.values, k.quantity_spike_t_s[n]!, { rtol: 1e-12, label: `refractory ${k.refractory_s[n]} s` }));
    assert.deepEqual(Array.from(MH.i), k.string_spike_i);
    assertClose(MH.t.values, k.string_spike_t_s, { rtol: 1e-12, label: 'string refractory' });
  });

  it('(unless refractory): runRegularly writes and string assignments are suppressed while refractory', () => {
    const k = c.conditional_write;
    const G = new NeuronGroup(2, k.eqs, { threshold: k.threshold, reset: k.reset, refractory: s2ms(k.refractory_s), method: 'exact' });
    G.v = k.v_init;
    G.runRegularly(k.run_regularly);
    const S = new SpikeMonitor(G);
    run(s2ms(k.first_run_s));
    assertClose(G.v.values, k.after_run.v, { rtol: 1e-9, label: 'v after run' });
    assertClose(G.w.values, k.after_run.w, { rtol: 1e-9, label: 'w after run' });
    assert.deepEqual(bools(G.not_refractory.values), k.after_run.not_refractory);
    G.v = '4';
    assertClose(G.v.values, k.after_string_assignment, { rtol: 1e-9, label: "G.v = '4'" });
    G.v = 3;
    assert.deepEqual(Array.from(G.v.values), k.after_number_assignment, 'G.v = 3');
    run(s2ms(k.second_run_s));
    assertClose(G.v.values, k.final.v, { rtol: 1e-9, label: 'final v' });
    assertClose(G.w.values, k.final.w, { rtol: 1e-9, label: 'final w' });
    assert.deepEqual(bools(G.not_refractory.values), k.final.not_refractory);
    assert.deepEqual(Array.from(S.i), k.spike_i);
    assertClose(S.t.values, k.spike_t_s, { rtol: 1e-12, label: 'S.t' });
  });

  it('a write between thresholds and resets is discarded by the reset; one after the reset is kept', () => {
    const k = c.reset_after_input;
    const A = new NeuronGroup(1, k.model, { threshold: k.threshold, reset: k.reset, name: 'a' });
    A.runRegularly(k.code, { when: k.a_when });
    const B = new NeuronGroup(1, k.model, { threshold: k.threshold, reset: k.reset, name: 'b' });
    B.runRegularly(k.code, { when: k.b_when });
    const MA = new StateMonitor(A, 'v', { record: 0, when: 'end' });
    const MB = new StateMonitor(B, 'v', { record: 0, when: 'end' });
    const SA = new SpikeMonitor(A);
    const SB = new SpikeMonitor(B);
    run(s2ms(k.duration_s));
    assertClose(MA.v[0].values, k.a_v, { rtol: 1e-12, label: 'a.v' });
    assertClose(MB.v[0].values, k.b_v, { rtol: 1e-12, label: 'b.v' });
    assertClose(SA.t.values, k.a_spike_t_s, { rtol: 1e-12, label: 'a spikes' });
    assertClose(SB.t.values, k.b_spike_t_s, { rtol: 1e-12, label: 'b spikes' });
  });

  it('same slot and order: objects run in name order (a_monitor < b_runner < c_monitor)', () => {
    const k = c.schedule_ties;
    const G = new NeuronGroup(1, k.model, { name: 'grp' });
    G.runRegularly(k.run_regularly, { name: k.runner_name });
    const M1 = new StateMonitor(G, 'x', { record: 0, name: 'a_monitor' });
    const M2 = new StateMonitor(G, 'x', { record: 0, name: 'c_monitor' });
    run(s2ms(k.duration_s));
    assert.deepEqual(Array.from(M1.x[0].values), k.a_monitor_x);
    assert.deepEqual(Array.from(M2.x[0].values), k.c_monitor_x);
  });

  it('run(0.25 ms), run(0.25 ms), run(0.04 ms), run(0.0001 ms): steps, net t and clock t as Brian2', () => {
    const k = c.run_rounding;
    const G = new NeuronGroup(1, k.model, { name: 'counter' });
    G.runRegularly(k.run_regularly);
    const net = new Network(G);
    for (const r of k.runs) {
      net.run(s2ms(r.duration_s));
      assert.equal(G.n.values[0], r.steps_total, `steps after run(${r.duration_s} s)`);
      assertClose(net.tSeconds, r.net_t_s, { rtol: 1e-12, label: 'net.t' });
      assertClose(G.clock.t.value, r.clock_t_s, { rtol: 1e-12, label: 'clock t' });
    }
  });

  it('a StateMonitor with dt = 0.25 ms on a 0.1 ms group records the state of the latest group step', () => {
    const k = c.multiple_clocks;
    const G = new NeuronGroup(1, k.eqs, { method: 'euler' });
    const M = new StateMonitor(G, 'v', { record: 0, dt: s2ms(k.monitor_dt_s) });
    run(s2ms(k.duration_s));
    assertClose(M.t.values, k.monitor_t_s, { rtol: 1e-12, label: 'M.t' });
    assertClose(M.v[0].values, k.v, { rtol: 1e-12, label: 'M.v[0]' });
  });

  it('defaultclock.dt changes between runs; a dt that does not divide t throws ClockError', () => {
    const k = c.dt_change;
    const G = new NeuronGroup(1, k.eqs, { method: 'euler' });
    G.runRegularly('n += 1');
    const M = new StateMonitor(G, 'v', { record: 0 });
    run(ms(1));
    assert.equal(G.n.values[0], k.first.n);
    assertClose(G.v.values[0]!, k.first.v, { rtol: 1e-12, label: 'v' });
    assertClose(magicNetwork.tSeconds, k.first.t_s, { rtol: 1e-12, label: 't' });
    defaultclock.dt = s2ms(k.second_dt_s);
    run(ms(1));
    assert.equal(G.n.values[0], k.second.n);
    assertClose(G.v.values[0]!, k.second.v, { rtol: 1e-12, label: 'v' });
    assertClose(magicNetwork.tSeconds, k.second.t_s, { rtol: 1e-12, label: 't' });
    assertClose(M.t.values, k.monitor_t_s, { rtol: 1e-12, label: 'M.t' });
    assertClose(M.v[0].values, k.monitor_v, { rtol: 1e-12, label: 'M.v[0]' });
    defaultclock.dt = s2ms(k.bad_dt_s);
    assert.throws(
      () => run(ms(1)),
      (e: unknown) => {
        // Accept the ClockError itself or a BrianError wrapping it (named after the object).
        let err: unknown = e;
        while (!(err instanceof ClockError) && err instanceof Error && err.cause !== undefined) err = err.cause;
        return e instanceof BrianError && err instanceof ClockError && err.message.includes(k.error.message);
      },
    );
    defaultclock.dt = ms(0.1);
  });

  it('G.slice(2, 5).x = "i*10 + N" uses subgroup-relative i and N; G.y["i >= 4"] = 7 writes where true', () => {
    const k = c.subgroup;
    const G = new NeuronGroup(k.N, k.model);
    const sub = G.slice(k.start, k.stop);
    sub.x = k.x_code;
    G.y[k.y_condition] = k.y_value;
    assert.deepEqual(Array.from(G.x.values), k.x);
    assert.deepEqual(Array.from(G.y.values), k.y);
  });

  it('integer and float semantics of runRegularly code (int, //, %, floor, clip, exprel, timestep)', () => {
    const k = c.arithmetic;
    const G = new NeuronGroup(1, k.model);
    G.runRegularly(k.code);
    run(ms(0.1));
    for (const [name, value] of Object.entries(k.values)) {
      assert.equal(Number(G[name].values[0]), value, name);
    }
  });
});
