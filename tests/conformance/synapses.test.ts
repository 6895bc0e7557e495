/**
 * Synapses against Brian2 2.5.1 (fixtures/synapses.json, written by generate/synapses.py):
 * delivery with heterogeneous and scalar delays, STDP with deterministic spike trains (weights and
 * traces within 1e-12), a gap junction through a summed variable, every connect() form on
 * deterministic patterns (the synapse set in Brian2's order, N_incoming/N_outgoing), the §15.3
 * indexing example, subgroups, Tsodyks–Markram short-term plasticity and heterogeneous delays
 * driven by SpikeGeneratorGroups, on_pre before on_post in one step, and a modulatory Synapses
 * whose targets are the synapses of another Synapses object.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertClose, loadFixture } from './fixture.ts';
import { Network, NeuronGroup, SpikeMonitor, StateMonitor, ms, second } from '../../src/index.ts';
import { SpikeGeneratorGroup } from '../../src/input/index.ts';
import { ConnectError, Synapses } from '../../src/synapses/index.ts';
import type { ConnectOptions } from '../../src/synapses/index.ts';
import { Quantity, QuantityArray } from '../../src/units/index.ts';

interface Pairs { i: number[]; j: number[]; N_incoming: number[]; N_outgoing: number[]; k?: number[] }
interface Fixture {
  delays: Record<'heterogeneous' | 'scalar', { first_s: (number | null)[]; final_v: number[]; delays_s?: number[]; delay_s?: number }>;
  stdp: { w: number[]; Apre: number[]; Apost: number[]; lastupdate_s: number[]; ge: number[]; i: number[]; j: number[]; namespace: Record<string, number> };
  gap: { v: number[]; Igap: number[]; steps: number; tau_s: number };
  connect: Record<string, Pairs & { args: Record<string, unknown> | null; opts: { n_pre?: number; n_post?: number; multi?: boolean; calls?: Record<string, unknown>[] } }>;
  out_of_range_message: string;
  out_of_range_class: string;
  indexing: { i: number[]; j: number[]; w: number[]; w_row1: number[]; w_col2: number[] };
  numbers: { N_outgoing_pre: number[]; N_outgoing: number[]; N_incoming_post: number[]; N_incoming: number[]; w: number[] };
  subgroups: { i: number[]; j: number[]; v: number[] };
  tm: { indices: number[]; times_ms: number[]; tau_f_s: number; tau_d_s: number; tau_g_s: number; U: number; u: number[]; x: number[]; lastupdate_s: number[]; g: number[]; g_trace: number[]; steps: number };
  sgg_delays: { indices: number[]; times_ms: number[]; delays_ms: number[]; i: number[]; t_s: number[]; steps: number[]; in_i: number[]; in_steps: number[] };
  pre_post_order: { x: number[]; tpre_s: number[]; tpost_s: number[] };
  on_synapses: { indices: number[]; times_ms: number[]; delays_ms: number[]; R_i: number[]; R_j: number[]; N_incoming_post: number[]; d: number[] };
}

const msArray = (xs: readonly number[]): QuantityArray => new QuantityArray(xs.map((x) => x * 1e-3), second.dim);

const fx = loadFixture<Fixture>('synapses');

/** Brian2's snake_case connect arguments → brian-ts options. */
function connectArgs(args: Record<string, unknown>): ConnectOptions {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) out[k === 'skip_if_invalid' ? 'skipIfInvalid' : k] = v;
  return out as ConnectOptions;
}

describe('Synapses conformance (Brian2 2.5.1)', () => {
  for (const kind of ['heterogeneous', 'scalar'] as const) {
    it(`delivers spikes with ${kind} delays in Brian2's step`, () => {
      const c = fx.delays[kind];
      const G = new NeuronGroup(1, 'v : 1', { threshold: 't > 0.95*ms and t < 1.05*ms', reset: '' });
      const H = new NeuronGroup(4, 'v : 1');
      const S = new Synapses(G, H, 'w : 1', { onPre: 'v_post += w', ...(kind === 'scalar' ? { delay: second(c.delay_s!) } : {}) });
      S.connect({ i: [0, 0, 0, 0], j: [0, 1, 2, 3] });
      S.w = 'j + 1';
      if (kind === 'heterogeneous') S.delay = second(c.delays_s!);
      const M = new StateMonitor(H, 'v', { record: true });
      new Network(G, H, S, M).run(ms(2));
      const t = M.t.values;
      const first = [0, 1, 2, 3].map((k) => {
        const row = Array.from(M.v[k]!.values as Float64Array).findIndex((x) => x > 0);
        return row < 0 ? null : t[row]!;
      });
      assert.deepEqual(first, c.first_s);
      assertClose(H.v.values, c.final_v, { label: 'final v' });
    });
  }

  it('STDP with deterministic pre/post trains gives Brian2\'s weights and traces', () => {
    const c = fx.stdp;
    const ns = { taupre: second(c.namespace['taupre_s']!), taupost: second(c.namespace['taupost_s']!), gmax: c.namespace['gmax']!, dApre: c.namespace['dApre']!, dApost: c.namespace['dApost']! };
    const pre = new NeuronGroup(3, 'period : integer (constant)', { threshold: 't_in_timesteps % period == 0', reset: '' });
    pre.period = [7, 11, 13];
    const post = new NeuronGroup(1, 'ge : 1', { threshold: 't_in_timesteps % 17 == 5 or t_in_timesteps % 29 == 0', reset: '' });
    const S = new Synapses(pre, post, 'w : 1\ndApre/dt = -Apre / taupre : 1 (event-driven)\ndApost/dt = -Apost / taupost : 1 (event-driven)', {
      onPre: 'ge += w\nApre += dApre * gmax\nw = clip(w + Apost, 0, gmax)',
      onPost: 'Apost += dApost\nw = clip(w + Apre, 0, gmax)',
      namespace: ns,
    });
    S.connect();
    S.w = 'gmax * (i + 1) / 4';
    new Network(pre, post, S).run(ms(30));
    assert.deepEqual(Array.from(S.i.values), c.i);
    assertClose(S.w.values, c.w, { label: 'w' });
    assertClose(S.Apre.values, c.Apre, { label: 'Apre' });
    assertClose(S.Apost.values, c.Apost, { label: 'Apost' });
    assertClose(S.lastupdate.values, c.lastupdate_s, { label: 'lastupdate' });
    assertClose(post.ge.values, c.ge, { label: 'ge' });
  });

  it('gap junction: a summed variable overwrites the target each step', () => {
    const c = fx.gap;
    const G = new NeuronGroup(3, 'dv/dt = (v0 - v + Igap) / tau : 1\nv0 : 1\nIgap : 1', { method: 'euler', namespace: { tau: second(c.tau_s) } });
    G.v0 = [1.0, 0.2, -0.5];
    G.v = [0.0, 0.5, 1.0];
    const S = new Synapses(G, G, 'w : 1\nIgap_post = w * (v_pre - v_post) : 1 (summed)');
    S.connect('i != j');
    S.w = '0.1 * (i + 1) + 0.05 * j';
    const M = new StateMonitor(G, ['v', 'Igap'], { record: true, when: 'end' });
    new Network(G, S, M).run(ms(5));
    assert.equal(M.t.values.length, c.steps);
    const rows = (name: 'v' | 'Igap'): number[] => {
      const out: number[] = [];
      for (let s = 0; s < c.steps; s++) for (let k = 0; k < 3; k++) out.push((M[name][k]!.values as Float64Array)[s]!);
      return out;
    };
    assertClose(rows('v'), c.v, { label: 'v', rtol: 1e-12, atol: 1e-15 });
    assertClose(rows('Igap'), c.Igap, { label: 'Igap', rtol: 1e-12, atol: 1e-15 });
  });

  for (const [name, c] of Object.entries(fx.connect)) {
    it(`connect(${name}) creates Brian2's synapses in Brian2's order`, () => {
      const A = new NeuronGroup(c.opts.n_pre ?? 5, 'x : 1');
      A.x = 'i * 0.5';
      const B = new NeuronGroup(c.opts.n_post ?? 4, 'y : 1');
      B.y = 'i * 2';
      const S = new Synapses(A, B, 'w : 1', c.opts.multi === true ? { multisynapticIndex: 'k' } : {});
      for (const call of c.opts.calls ?? [c.args!]) S.connect(connectArgs(call));
      assert.deepEqual(Array.from(S.i.values), c.i, 'i');
      assert.deepEqual(Array.from(S.j.values), c.j, 'j');
      assert.deepEqual(Array.from(S.N_incoming.values), c.N_incoming, 'N_incoming');
      assert.deepEqual(Array.from(S.N_outgoing.values), c.N_outgoing, 'N_outgoing');
      if (c.k !== undefined) assert.deepEqual(Array.from(S.k.values), c.k, 'multisynaptic index');
    });
  }

  it('connect({ j: "i" }) out of range throws Brian2\'s IndexError message', () => {
    const S = new Synapses(new NeuronGroup(5, 'x : 1'), new NeuronGroup(3, 'y : 1'));
    assert.throws(
      () => S.connect({ j: 'i' }),
      (e: unknown) => e instanceof ConnectError && e.brianClass === fx.out_of_range_class && e.reason === fx.out_of_range_message && e.message.includes(S.name),
    );
  });

  it('§15.3 indexing: S.w.setAt2(null, 1, 5); S.w["i==j"] = 7; S.w.setAt2(0, 2, 9)', () => {
    const A = new NeuronGroup(3, 'v : 1');
    const S = new Synapses(A, A, 'w : 1');
    S.connect();
    S.w.setAt2(null, 1, 5);
    S.w['i==j'] = 7;
    S.w.setAt2(0, 2, 9);
    assert.deepEqual(Array.from(S.i.values), fx.indexing.i);
    assert.deepEqual(Array.from(S.j.values), fx.indexing.j);
    assert.deepEqual(Array.from(S.w.values), fx.indexing.w);
    assert.deepEqual(Array.from(S.w.at(1, null).values), fx.indexing.w_row1);
    assert.deepEqual(Array.from(S.w.at(null, 2).values), fx.indexing.w_col2);
  });

  it('N_incoming/N_outgoing per synapse and per neuron; S.w = "1.0 / N_incoming"', () => {
    const A = new NeuronGroup(3, 'v : 1');
    const S = new Synapses(A, A, 'w : 1');
    S.connect({ i: [0, 0, 1, 2], j: [1, 2, 2, 2] });
    S.w = '1.0 / N_incoming';
    const c = fx.numbers;
    assert.deepEqual(Array.from(S.N_outgoing_pre), c.N_outgoing_pre);
    assert.deepEqual(Array.from(S.N_outgoing.values), c.N_outgoing);
    assert.deepEqual(Array.from(S.N_incoming_post), c.N_incoming_post);
    assert.deepEqual(Array.from(S.N_incoming.values), c.N_incoming);
    assertClose(S.w.values, c.w, { label: 'w' });
  });

  it('subgroups: relative i/j, transmission into the right neurons', () => {
    const G = new NeuronGroup(6, 'v : 1', { threshold: 't > 0.05*ms and t < 0.15*ms and i >= 2', reset: '' });
    const H = new NeuronGroup(5, 'v : 1');
    const S = new Synapses(G.slice(1, 4), H.slice(2, 5), 'w : 1', { onPre: 'v += w + i*10 + j*100' });
    S.connect('i != j');
    S.w = 1;
    new Network(G, H, S).run(ms(0.5));
    assert.deepEqual(Array.from(S.i.values), fx.subgroups.i);
    assert.deepEqual(Array.from(S.j.values), fx.subgroups.j);
    assertClose(H.v.values, fx.subgroups.v, { label: 'v' });
  });

  it('Tsodyks–Markram short-term plasticity (event-driven u, x) from a SpikeGeneratorGroup: u, x and g within 1e-12', () => {
    const c = fx.tm;
    const ns = { tau_f: second(c.tau_f_s), tau_d: second(c.tau_d_s), tau_g: second(c.tau_g_s), U: c.U };
    const inp = new SpikeGeneratorGroup(2, c.indices, msArray(c.times_ms));
    const H = new NeuronGroup(2, 'dg/dt = -g / tau_g : 1', { method: 'exact', namespace: ns });
    const S = new Synapses(inp, H, 'w : 1\ndu/dt = (U - u) / tau_f : 1 (event-driven)\ndx/dt = (1 - x) / tau_d : 1 (event-driven)', {
      onPre: 'u += U * (1 - u)\nr = u * x\nx -= r\ng_post += w * r',
      namespace: ns,
    });
    S.connect({ i: [0, 0, 1], j: [0, 1, 1] });
    S.w = [1.0, 0.5, 2.0];
    S.u = 'U';
    S.x = 1;
    const M = new StateMonitor(H, 'g', { record: true });
    new Network(inp, H, S, M).run(ms(25));
    assertClose(S.u.values, c.u, { rtol: 1e-12, label: 'u' });
    assertClose(S.x.values, c.x, { rtol: 1e-12, label: 'x' });
    assertClose(S.lastupdate.values, c.lastupdate_s, { rtol: 1e-12, label: 'lastupdate' });
    assertClose(H.g.values, c.g, { rtol: 1e-12, label: 'g' });
    assert.equal(M.t.values.length, c.steps);
    const trace: number[] = [];
    for (let s = 0; s < c.steps; s++) for (let k = 0; k < 2; k++) trace.push((M.g[k]!.values as Float64Array)[s]!);
    assertClose(trace, c.g_trace, { rtol: 1e-12, atol: 1e-15, label: 'g trace' });
  });

  it('SpikeGeneratorGroup through heterogeneous delays: target spikes at Brian2\'s steps', () => {
    const c = fx.sgg_delays;
    const inp = new SpikeGeneratorGroup(3, c.indices, msArray(c.times_ms));
    const H = new NeuronGroup(4, 'v : 1', { threshold: 'v > 0.5', reset: 'v = 0' });
    const S = new Synapses(inp, H, '', { onPre: 'v_post += 1' });
    S.connect({ i: [0, 0, 1, 2, 2], j: [0, 1, 2, 3, 0] });
    S.delay = msArray(c.delays_ms);
    const M = new SpikeMonitor(H);
    const Min = new SpikeMonitor(inp);
    new Network(inp, H, S, M, Min).run(ms(7));
    const dt = 1e-4;
    assert.deepEqual(Array.from(Min.i), c.in_i, 'input indices');
    assert.deepEqual(Array.from(Min.t.values, (t) => Math.round(t / dt)), c.in_steps, 'input steps');
    assert.deepEqual(Array.from(M.i), c.i, 'target indices');
    assert.deepEqual(Array.from(M.t.values, (t) => Math.round(t / dt)), c.steps, 'target steps');
    assertClose(M.t.values, c.t_s, { rtol: 1e-12, label: 'target times' });
  });

  it('on_pre and on_post in the same step: the pre pathway runs first', () => {
    const c = fx.pre_post_order;
    const G = new NeuronGroup(2, '', { threshold: 't_in_timesteps == 5 or t_in_timesteps == 10', reset: '' });
    const H = new NeuronGroup(2, '', { threshold: 't_in_timesteps == 10 or t_in_timesteps == 15 or (i == 1 and t_in_timesteps == 5)', reset: '' });
    const S = new Synapses(G, H, 'x : 1\ntpre : second\ntpost : second', { onPre: 'x = x*10 + 1\ntpre = t', onPost: 'x = x*10 + 2\ntpost = t' });
    S.connect({ i: [0, 1, 1], j: [0, 1, 0] });
    new Network(G, H, S).run(ms(2));
    assert.deepEqual(Array.from(S.x.values), c.x);
    assertClose(S.tpre.values, c.tpre_s, { rtol: 1e-12, label: 'tpre' });
    assertClose(S.tpost.values, c.tpost_s, { rtol: 1e-12, label: 'tpost' });
  });

  it("new Synapses(D, S) onto synapses: connect by index and 'j_post == 2', delays, d_post += k + 0.5*w_post + 100*i_post", () => {
    const c = fx.on_synapses;
    const G = new NeuronGroup(3, 'v : 1');
    const S = new Synapses(G, G, 'w : 1\nd : 1');
    S.connect({ i: [0, 0, 1, 2], j: [1, 2, 2, 0] });
    S.w = 'i + 10*j';
    const D = new SpikeGeneratorGroup(2, c.indices, msArray(c.times_ms));
    const R = new Synapses(D, S, 'k : 1', { onPre: 'd_post += k + 0.5*w_post + 100*i_post' });
    R.connect({ i: [0, 0, 1], j: [3, 1, 1] });
    R.connect('j_post == 2 and i == 1');
    R.k = 'i + 1000*j';
    R.delay = msArray(c.delays_ms);
    new Network(G, S, D, R).run(ms(3));
    assert.deepEqual(Array.from(R.i.values as Int32Array), c.R_i);
    assert.deepEqual(Array.from(R.j.values as Int32Array), c.R_j);
    assert.deepEqual(Array.from(R.N_incoming_post), c.N_incoming_post);
    assertClose(S.d.values, c.d, { rtol: 1e-12, label: 'd' });
  });
});

void Quantity;
