/**
 * Synapses behaviour not covered by synapses.test.ts: store/restore with spikes in flight, pathways
 * triggered by custom events, Brian2's event-driven/clock-driven dependency errors, `setAt2` with
 * a string, and the statistics of random connectivity.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Network, NeuronGroup, SpikeMonitor, ms, seed } from '../index.ts';
import { BrianObjectError } from '../core/index.ts';
import { EquationError } from '../equations/index.ts';
import { Synapses, SynapsesDefinitionError } from './index.ts';

const cause = (e: unknown): unknown => (e instanceof BrianObjectError ? (e.cause ?? e) : e);
const isDef = (code: string, re: RegExp) => (e: unknown): boolean => {
  const x = cause(e);
  return x instanceof SynapsesDefinitionError && x.code === code && re.test(x.message);
};

describe('Synapses store/restore', () => {
  it('net.store(); run; net.restore(); run reproduces synaptic state, traces and spikes in the queues', () => {
    // Pre neurons fire every 7/11/13 steps; heterogeneous delays up to 2.3 ms keep spikes in flight at the store.
    const pre = new NeuronGroup(3, 'period : integer (constant)', { threshold: 't_in_timesteps % period == 0', reset: '', name: 'sr_pre' });
    pre.period = [7, 11, 13];
    const post = new NeuronGroup(2, 'dv/dt = -v / (5*ms) : 1', { threshold: 'v > 0.02', reset: 'v = 0', method: 'exact', name: 'sr_post' });
    const S = new Synapses(pre, post, 'w : 1\ndApre/dt = -Apre / (20*ms) : 1 (event-driven)\ndApost/dt = -Apost / (20*ms) : 1 (event-driven)', {
      onPre: 'v_post += w\nApre += 0.001\nw = clip(w + Apost, 0, 0.02)',
      onPost: 'Apost -= 0.0012\nw = clip(w + Apre, 0, 0.02)',
      name: 'sr_syn',
    });
    S.connect();
    S.w = '0.004 + 0.002 * i + 0.001 * j';
    S.delay = '(0.3 + 0.4 * i + 0.6 * j) * ms';
    const M = new SpikeMonitor(post, { name: 'sr_mon' });
    const net = new Network(pre, post, S, M);
    net.run(ms(3.05));
    net.store('mid');
    // The queues must hold undelivered spikes now, or the test would not test them.
    assert.ok([...S.pathways.values()].some((p) => p.queue.storeState().pending.some((l) => l.length > 0)));
    net.run(ms(4));
    const first = { w: Array.from(S.w.values), Apre: Array.from(S.Apre.values), Apost: Array.from(S.Apost.values), last: Array.from(S.lastupdate.values), v: Array.from(post.v.values), spikes: Array.from(M.t.values) };
    net.restore('mid');
    net.run(ms(4));
    const second = { w: Array.from(S.w.values), Apre: Array.from(S.Apre.values), Apost: Array.from(S.Apost.values), last: Array.from(S.lastupdate.values), v: Array.from(post.v.values), spikes: Array.from(M.t.values) };
    assert.deepEqual(second, first);
    assert.ok(first.spikes.length > 0, 'the post neurons spiked, so the post pathway ran');
  });

  it('restore() brings back the number of synapses created after the store', () => {
    const G = new NeuronGroup(3, 'v : 1', { threshold: 'v > 1', reset: '', name: 'sr2_g' });
    const S = new Synapses(G, G, 'w : 1', { onPre: 'v_post += w', name: 'sr2_syn' });
    S.connect({ i: 0, j: 1 });
    S.w = 0.5;
    const net = new Network(G, S);
    net.store();
    S.connect({ i: [1, 2], j: [2, 0] });
    S.w = 2;
    assert.equal(S.N, 3);
    net.restore();
    assert.equal(S.N, 1);
    assert.deepEqual(Array.from(S.w.values), [0.5]);
    assert.deepEqual(Array.from(S.j.values), [1]);
    assert.deepEqual(Array.from(S.N_incoming.values), [1]);
  });

  it('a spike delivered after restore arrives at the same step as without the store', () => {
    // One spike at 0.1 ms, delay 1 ms: stored at 0.5 ms while it is in the queue.
    const make = (tag: string) => {
      const G = new NeuronGroup(1, 'v : 1', { threshold: 't > 0.05*ms and t < 0.15*ms', reset: '', name: `sr3_g${tag}` });
      const H = new NeuronGroup(1, 'v : 1\narrived : second', { name: `sr3_h${tag}` });
      const S = new Synapses(G, H, '', { onPre: 'v_post += 1\narrived_post = t', delay: ms(1), name: `sr3_s${tag}` });
      S.connect();
      return { net: new Network(G, H, S), H };
    };
    const a = make('a');
    a.net.run(ms(2));
    const b = make('b');
    b.net.run(ms(0.5));
    b.net.store();
    b.net.run(ms(0.3));
    b.net.restore();
    b.net.run(ms(1.5));
    assert.equal(b.H.v.values[0], 1);
    assert.equal(b.H.arrived.values[0], a.H.arrived.values[0]);
    assert.equal(a.H.v.values[0], 1);
  });
});

describe('Synapses onEvent', () => {
  it('onEvent: "custom" triggers the pathway on the custom event, not on spikes', () => {
    const G = new NeuronGroup(3, 'x : 1', {
      threshold: 'i == 0',
      reset: '',
      events: { custom: 'x > 0.5' },
      name: 'ev_g',
    });
    G.x = [0, 1, 1];
    const H = new NeuronGroup(3, 'n : 1', { name: 'ev_h' });
    const S = new Synapses(G, H, '', { onPre: 'n_post += 1', onEvent: 'custom', name: 'ev_s' });
    S.connect({ j: 'i' });
    new Network(G, H, S).run(ms(0.5));
    // Neurons 1 and 2 have the custom event every step (5 steps); neuron 0 only spikes.
    assert.deepEqual(Array.from(H.n.values), [0, 5, 5]);
    assert.equal(S.pre.event, 'custom');
  });

  it('onEvent per pathway: { pre: "custom" } leaves other pathways on spikes', () => {
    const G = new NeuronGroup(2, 'x : 1', { threshold: 'i == 0', reset: '', events: { custom: 'i == 1' }, name: 'ev2_g' });
    const H = new NeuronGroup(2, 'a : 1\nb : 1', { name: 'ev2_h' });
    const S = new Synapses(G, H, '', { onPre: { pa: 'a_post += 1', pb: 'b_post += 1' }, onEvent: { pa: 'custom' }, name: 'ev2_s' });
    S.connect({ j: 'i' });
    new Network(G, H, S).run(ms(0.3));
    assert.deepEqual(Array.from(H.a.values), [0, 3]);
    assert.deepEqual(Array.from(H.b.values), [3, 0]);
  });

  it('onEvent naming an event the source lacks throws invalid-model', () => {
    const G = new NeuronGroup(2, 'x : 1', { threshold: 'x > 1', reset: '' });
    assert.throws(() => new Synapses(G, G, '', { onPre: 'x += 1', onEvent: 'nope' }), isDef('invalid-model', /does not define an event 'nope'\.$/));
  });
});

describe('Synapses event-driven/clock-driven dependencies (Brian2 EquationError, its wording)', () => {
  const G = new NeuronGroup(2, 'v : 1\nI : 1');
  const cases: [string, string, RegExp][] = [
    ['a clock-driven equation on an event-driven variable', 'dx/dt = -x/(10*ms) + y/(10*ms) : 1 (clock-driven)\ndy/dt = -y/(10*ms) : 1 (event-driven)', /^Synapses '.*': The clock-driven 'x' should not depend on the event-driven variable 'y'\.$/],
    ['the same through a subexpression', 'dx/dt = -x/(10*ms) + z/(10*ms) : 1 (clock-driven)\nz = 2*y : 1\ndy/dt = -y/(10*ms) : 1 (event-driven)', /The clock-driven 'x' should not depend on the event-driven variable 'y' \(via 'z'\)\.$/],
    ['an event-driven equation on a clock-driven variable', 'dx/dt = -x/(10*ms) : 1 (clock-driven)\ndy/dt = (x-y)/(10*ms) : 1 (event-driven)', /The event-driven 'y' should not depend on the clock-driven variable 'x'\.$/],
    ['a summed variable on an event-driven variable', 'I_post = y : 1 (summed)\ndy/dt = -y/(10*ms) : 1 (event-driven)', /The summed 'I_post' should not depend on the event-driven variable 'y'\.$/],
    ['a summed variable through a subexpression', 'I_post = z : 1 (summed)\nz = 3*y : 1\ndy/dt = -y/(10*ms) : 1 (event-driven)', /The summed 'I_post' should not depend on the event-driven variable 'y' \(via 'z'\)\.$/],
  ];
  for (const [what, model, re] of cases) {
    it(`new Synapses(G, G, model) rejects ${what}`, () => {
      assert.throws(() => new Synapses(G, G, model), (e: unknown) => {
        const x = cause(e);
        return x instanceof EquationError && x.reason === 'dependency' && re.test(x.message);
      });
    });
  }

  it('event-driven equations on parameters and on each other are fine', () => {
    const S = new Synapses(G, G, 'tau : second\ndy/dt = -y/tau : 1 (event-driven)\ndz/dt = (y - z)/tau : 1 (event-driven)\ndx/dt = -x/(10*ms) : 1 (clock-driven)');
    assert.deepEqual([...S.eventDriven!.diffEqNames].sort(), ['y', 'z']);
  });
});

describe('SynapticVariableView.setAt2 with a string', () => {
  it('S.w.setAt2(i, null, "expr") evaluates the expression for the selected synapses only', () => {
    const G = new NeuronGroup(3, 'v : 1');
    const S = new Synapses(G, G, 'w : 1');
    S.connect();
    S.w = -1;
    S.w.setAt2(1, null, 'i + 10*j');
    S.w.setAt2([0, 2], 2, '100 + j');
    assert.deepEqual(Array.from(S.w.values), [-1, -1, 102, 1, 11, 21, -1, -1, 102]);
  });

  it('S.w.setAt2 with a string may use pre/post variables and external names', () => {
    const G = new NeuronGroup(2, 'v : 1', { namespace: { scale: 3 } });
    G.v = [1, 2];
    const S = new Synapses(G, G, 'w : 1', { namespace: { scale: 3 } });
    S.connect();
    S.w.setAt2(null, 0, 'scale * v_pre + v_post');
    assert.deepEqual(Array.from(S.w.values), [4, 0, 7, 0]);
  });

  it('S.w.setAt2 with a string naming an unknown variable throws and leaves w unchanged', () => {
    const G = new NeuronGroup(2, 'v : 1');
    const S = new Synapses(G, G, 'w : 1');
    S.connect();
    S.w = 5;
    assert.throws(() => S.w.setAt2(0, 0, 'nonexistent + 1'), /nonexistent/);
    assert.deepEqual(Array.from(S.w.values), [5, 5, 5, 5]);
    assert.equal(S.variables.has('_selected_w'), false);
  });
});

/** |x − mean| within `z` standard deviations of a binomial. */
function withinBinomial(x: number, n: number, p: number, z = 5): boolean {
  return Math.abs(x - n * p) <= z * Math.sqrt(n * p * (1 - p));
}

describe('random connectivity statistics', () => {
  it('connect({ p: 0.1 }) on 300×200: total count within 5σ of Binomial(60000, 0.1), each pair at most once', () => {
    seed(11);
    const A = new NeuronGroup(300, 'v : 1');
    const B = new NeuronGroup(200, 'v : 1');
    const S = new Synapses(A, B);
    S.connect({ p: 0.1 });
    assert.ok(withinBinomial(S.N, 60000, 0.1), `N = ${S.N}`);
    const keys = new Set(Array.from(S.i.values as Int32Array, (i: number, k: number) => i * 200 + S.j.values[k]!));
    assert.equal(keys.size, S.N);
    // Per presynaptic neuron: mean of N_outgoing is 20, and the spread is the binomial's (variance 18).
    const out = S.N_outgoing_pre;
    const mean = out.reduce((a, b) => a + b, 0) / out.length;
    const variance = out.reduce((a, b) => a + (b - mean) ** 2, 0) / (out.length - 1);
    assert.ok(variance > 18 * 0.7 && variance < 18 * 1.3, `variance ${variance}`);
  });

  it('connect({ condition, p }) keeps only pairs satisfying the condition, with the binomial count', () => {
    seed(12);
    const A = new NeuronGroup(200, 'v : 1');
    const S = new Synapses(A, A);
    S.connect({ condition: 'i < j', p: 0.3 });
    assert.ok(Array.from(S.i.values as Int32Array).every((i: number, k: number) => i < S.j.values[k]!));
    assert.ok(withinBinomial(S.N, (200 * 199) / 2, 0.3), `N = ${S.N}`);
  });

  it('connect({ p: "expression" }) gives each pair its own probability', () => {
    seed(13);
    const A = new NeuronGroup(400, 'v : 1');
    const B = new NeuronGroup(2, 'v : 1');
    const S = new Synapses(A, B);
    S.connect({ p: '0.1 + 0.6 * j' });
    const toJ0 = Array.from(S.j.values).filter((j) => j === 0).length;
    assert.ok(withinBinomial(toJ0, 400, 0.1), `to j=0: ${toJ0}`);
    assert.ok(withinBinomial(S.N - toJ0, 400, 0.7), `to j=1: ${S.N - toJ0}`);
  });

  it('j = "k for k in sample(N_post, size=10)" gives exactly 10 distinct targets per source, spread uniformly', () => {
    seed(14);
    const A = new NeuronGroup(500, 'v : 1');
    const B = new NeuronGroup(50, 'v : 1');
    const S = new Synapses(A, B);
    S.connect({ j: 'k for k in sample(N_post, size=10)' });
    assert.equal(S.N, 5000);
    assert.deepEqual(Array.from(new Set(S.N_outgoing_pre)), [10]);
    const byPre = new Map<number, Set<number>>();
    for (let s = 0; s < S.N; s++) {
      const set = byPre.get(S.i.values[s]!) ?? new Set<number>();
      set.add(S.j.values[s]!);
      byPre.set(S.i.values[s]!, set);
    }
    for (const set of byPre.values()) assert.equal(set.size, 10);
    // Each target is picked with probability 10/50 per source: Binomial(500, 0.2) incoming.
    for (const n of S.N_incoming_post) assert.ok(withinBinomial(n, 500, 0.2), `N_incoming ${n}`);
  });

  it('j = "k for k in sample(N_post, p=0.05)" draws a binomial number of distinct targets', () => {
    seed(15);
    const A = new NeuronGroup(100, 'v : 1');
    const B = new NeuronGroup(1000, 'v : 1');
    const S = new Synapses(A, B);
    S.connect({ j: 'k for k in sample(N_post, p=0.05)' });
    assert.ok(withinBinomial(S.N, 100000, 0.05), `N = ${S.N}`);
    const keys = new Set(Array.from(S.i.values as Int32Array, (i: number, k: number) => i * 1000 + S.j.values[k]!));
    assert.equal(keys.size, S.N);
  });

  it('seed(n) makes connect({ p }) reproducible (random streams are keyed by the object name)', () => {
    const build = () => {
      seed(99);
      const A = new NeuronGroup(50, 'v : 1');
      const S = new Synapses(A, A, '', { name: 'repro_syn' });
      S.connect({ p: 0.2 });
      return Array.from(S.j.values);
    };
    assert.deepEqual(build(), build());
  });
});

describe('float32 storage in Synapses (prefs.floatDtype, dtype option)', () => {
  it('a summed variable into a float32 target is summed in float64 and rounded once; weights are Float32Arrays', () => {
    const G = new NeuronGroup(3, 'x : 1', { name: 'sum32_pre' });
    const H = new NeuronGroup(1, 'y_post_total : 1', { name: 'sum32_post', dtype: 'float32' });
    const S = new Synapses(G, H, 'w : 1\ny_post_total_post = w : 1 (summed)', { name: 'sum32', dtype: 'float32' });
    S.connect();
    // 1 + 2^-24 rounds to 1 in float32 (a tie, to even): adding in float32 gives 1 + 2^-24 + 2^-24 = 1,
    // summing in float64 and rounding once gives 1 + 2^-23.
    const values = S.state('w').values;
    assert.ok(values instanceof Float32Array);
    values.set([1, 2 ** -24, 2 ** -24]);
    new Network(G, H, S).run(ms(0.1));
    assert.ok(H.state('y_post_total').values instanceof Float32Array);
    assert.equal(H.state('y_post_total').values[0], 1 + 2 ** -23);
    assert.throws(() => new Synapses(G, H, 'w : 1', { dtype: { w: 'int32' }, name: 'bad32' }), (e: unknown) => e instanceof SynapsesDefinitionError && /Error determining dtype for variable w of 'bad32': int32 is not a correct type for float variables/.test(e.message));
  });
});
