import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Network, NeuronGroup, ms, second } from '../index.ts';
import { BrianObjectError } from '../core/index.ts';
import { ConnectError, Synapses, SynapsesDefinitionError } from './index.ts';

const cause = (e: unknown): unknown => (e instanceof BrianObjectError ? (e.cause ?? e) : e);
const isDef = (code: string, re: RegExp) => (e: unknown): boolean => {
  const x = cause(e);
  return x instanceof SynapsesDefinitionError && x.code === code && re.test(x.message);
};

describe('Synapses', () => {
  it('new Synapses(G, H, model, { onPre }) creates pathway pre with order -1 in slot synapses', () => {
    const G = new NeuronGroup(2, 'v : 1', { threshold: 'v > 1', reset: '' });
    const S = new Synapses(G, G, 'w : 1', { onPre: 'v_post += w', onPost: 'w += 1' });
    assert.equal(S.pre.when, 'synapses');
    assert.equal(S.pre.order, -1);
    assert.equal(S.post.order, 1);
    assert.equal(S.pre.name, `${S.name}_pre`);
  });

  it('onPre as an object creates named pathways with their own delays', () => {
    const G = new NeuronGroup(1, 'v : 1', { threshold: 't > 0.05*ms and t < 0.15*ms', reset: '' });
    const H = new NeuronGroup(1, 'x : 1\ny : 1');
    const S = new Synapses(G, H, '', { onPre: { a: 'x_post += 1', b: 'y_post += 1' }, delay: { b: ms(0.3) } });
    S.connect();
    S.a.delay = ms(0.2);
    new Network(G, H, S).run(ms(0.35));
    assert.equal(H.x.values[0], 1);
    assert.equal(H.y.values[0], 0);
  });

  it('connect({ p }) with small p samples by geometric jumps (10^8 candidates in well under a second)', () => {
    const A = new NeuronGroup(10000, 'v : 1');
    const S = new Synapses(A, A, 'w : 1');
    const start = performance.now();
    S.connect({ p: 1e-4 });
    const elapsed = performance.now() - start;
    assert.ok(S.N > 8000 && S.N < 12000, `N = ${S.N}`);
    assert.ok(elapsed < 2000, `took ${elapsed} ms`);
  });

  it('S.w before connect() throws not-connected', () => {
    const G = new NeuronGroup(2, 'v : 1');
    const S = new Synapses(G, G, 'w : 1');
    assert.throws(() => { S.w = 1; }, isDef('not-connected', /Cannot write to synaptic variable 'w', you need to call connect/));
  });

  it('running without connect() throws with the object name', () => {
    const G = new NeuronGroup(2, 'v : 1', { threshold: 'v > 1', reset: '' });
    const S = new Synapses(G, G, 'w : 1', { onPre: 'v += w', name: 'lonely' });
    assert.throws(() => new Network(G, S).run(ms(0.1)), isDef('not-connected', /Synapses object 'lonely' does not do anything/));
  });

  it('connect({ i, j }) out of range throws IndexError unless skipIfInvalid (strings only)', () => {
    const G = new NeuronGroup(3, 'v : 1');
    const S = new Synapses(G, G, '', { name: 'syn_oor' });
    assert.throws(() => S.connect({ i: [0, 5], j: [1, 1] }), (e: unknown) => e instanceof ConnectError && e.brianClass === 'IndexError' && /syn_oor/.test(e.message));
    assert.throws(() => S.connect({ i: [0, 5], j: [1, 1], skipIfInvalid: true }), (e: unknown) => e instanceof ConnectError && /skip_if_invalid/.test(e.message));
    S.connect({ j: 'i + 1', skipIfInvalid: true });
    assert.deepEqual(Array.from(S.i.values), [0, 1]);
  });

  it('connect({ p }) outside [0, 1] throws', () => {
    const G = new NeuronGroup(3, 'v : 1');
    const S = new Synapses(G, G);
    for (const p of [-0.1, 1.5]) assert.throws(() => S.connect({ p }), (e: unknown) => e instanceof ConnectError && e.code === 'invalid-value' && /probability/.test(e.message));
  });

  it('negative delays are rejected (keyword and per synapse)', () => {
    const G = new NeuronGroup(2, 'v : 1', { threshold: 'v > 1', reset: '' });
    assert.throws(() => new Synapses(G, G, '', { onPre: 'v += 1', delay: ms(-1), name: 'negdelay' }), isDef('invalid-option', /non-negative/));
    const S = new Synapses(G, G, '', { onPre: 'v += 1', name: 'negdelay2' });
    S.connect();
    S.delay = ms(-1);
    assert.throws(() => new Network(G, S).run(ms(0.1)), (e: unknown) => /negdelay2_pre.*non-negative/.test(String((cause(e) as Error).message)));
  });

  it('pathway code naming an unknown variable throws pathway-code with a suggestion', () => {
    const G = new NeuronGroup(2, 'v : 1', { threshold: 'v > 1', reset: '' });
    const S = new Synapses(G, G, 'weight : 1', { onPre: 'v_post += wieght', name: 'typo' });
    S.connect();
    assert.throws(() => new Network(G, S).run(ms(0.1)), isDef('pathway-code', /typo.*'wieght'.*Did you mean 'weight'/));
  });

  it('a summed variable whose target is not a parameter, or summed twice, throws summed-variable', () => {
    const G = new NeuronGroup(2, 'dv/dt = -v/(10*ms) : 1\nI : 1');
    assert.throws(() => new Synapses(G, G, 'v_post = 1 : 1 (summed)'), isDef('summed-variable', /'v'.*has to be a parameter/));
    const S1 = new Synapses(G, G, 'I_post = 1 : 1 (summed)');
    const S2 = new Synapses(G, G, 'I_post = 2 : 1 (summed)');
    S1.connect();
    S2.connect();
    assert.throws(() => new Network(G, S1, S2).run(ms(0.1)), isDef('summed-variable', /Multiple "summed variables" target the variable 'I'/));
  });

  it('a source without the event throws with Brian2\'s hint', () => {
    const G = new NeuronGroup(2, 'v : 1');
    assert.throws(() => new Synapses(G, G, '', { onPre: 'v += 1' }), isDef('invalid-model', /does not define an event 'spike'. Did you forget to set a 'threshold'\?/));
  });

  it('clock-driven synaptic equations are integrated by the state updater', () => {
    const G = new NeuronGroup(2, 'v : 1');
    const S = new Synapses(G, G, 'dx/dt = -x / (10*ms) : 1 (clock-driven)');
    S.connect({ i: 0, j: 1 });
    S.x = 1;
    new Network(G, S).run(ms(10));
    assert.ok(Math.abs(S.x.values[0]! - Math.exp(-1)) < 1e-12);
  });

  it('S.delay reads as a Quantity per synapse; a keyword delay is one scalar', () => {
    const G = new NeuronGroup(2, 'v : 1', { threshold: 'v > 1', reset: '' });
    const S = new Synapses(G, G, '', { onPre: 'v += 1', delay: ms(2) });
    S.connect();
    assert.equal(S.delay.values.length, 1);
    assert.equal(S.delay.values[0], 0.002);
    const T = new Synapses(G, G, '', { onPre: 'v += 1' });
    T.connect();
    T.delay = 'i*ms';
    assert.deepEqual(Array.from(T.delay.values), [0, 0, 0.001, 0.001]);
    void second;
  });
});
