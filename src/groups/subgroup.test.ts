import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Network } from '../core/index.ts';
import { mV, ms } from '../units/index.ts';
import { GroupError } from './errors.ts';
import { NeuronGroup } from './neuron-group.ts';
import { Subgroup } from './subgroup.ts';

const make = (): NeuronGroup => new NeuronGroup(10, 'dv/dt = 1/ms : 1\nx : volt', { threshold: 'v > 0.55', reset: 'v = 0' });

describe('subgroups (Brian2 G[a:b])', () => {
  it('G.slice(a, b) is a live view with relative i and N', () => {
    const G = make();
    const sub = G.slice(2, 5);
    assert.ok(sub instanceof Subgroup);
    assert.deepEqual([sub.start, sub.stop, sub.N], [2, 5, 3]);
    assert.deepEqual([...sub.i.values], [0, 1, 2]);
    sub.x = 'i*mV + N*mV';
    assert.deepEqual([...G.x.in(mV)].map(Math.round), [0, 0, 3, 4, 5, 0, 0, 0, 0, 0]);
    sub.x[0] = mV(9);
    assert.equal(G.x.get(2).in(mV), 9);
    assert.deepEqual([...sub.x.in(mV)].map(Math.round), [9, 4, 5]);
    sub.x['i == 2'] = mV(1);
    assert.equal(G.x.get(4).in(mV), 1);
  });

  it('G.slice with negative bounds, G.subgroup(i) and G.subgroup([i, i+1]) follow Brian2 indexing', () => {
    const G = make();
    assert.deepEqual([G.slice(-3).start, G.slice(-3).stop], [7, 10]);
    assert.deepEqual([G.subgroup(4).start, G.subgroup(4).N], [4, 1]);
    assert.deepEqual([G.subgroup([5, 6, 7]).start, G.subgroup([5, 6, 7]).stop], [5, 8]);
    const nested = G.slice(2, 8).slice(1, 3);
    assert.deepEqual([nested.start, nested.stop], [3, 5]);
    assert.equal(nested.parent, G);
  });

  it('invalid subgroups throw GroupError invalid-index with Brian2 messages', () => {
    const G = make();
    assert.throws(() => G.subgroup([3, 5, 7]), (e: unknown) => e instanceof GroupError && e.code === 'invalid-index' && /contiguous indices/.test(e.message));
    assert.throws(() => G.slice(5, 5), (e: unknown) => e instanceof GroupError && /Illegal start\/end values for subgroup, 5>=5/.test(e.message));
    assert.throws(() => G.subgroup(10), (e: unknown) => e instanceof GroupError && /Illegal start value for subgroup, 10>=10/.test(e.message));
  });

  it('sub.runRegularly runs with the subgroup as context and is scheduled with the parent', () => {
    const G = make();
    const sub = G.slice(6, 8);
    const runner = sub.runRegularly('x = (i + 1)*mV');
    assert.ok(G.containedObjects.includes(runner));
    new Network(G).run(ms(0.1));
    assert.deepEqual([...G.x.in(mV)].map(Math.round), [0, 0, 0, 0, 0, 0, 1, 2, 0, 0]);
  });

  it("sub.eventIndices() gives the parent's events inside the subgroup, relative to it; eventSpace() is the parent's", () => {
    const G = make();
    const sub = G.slice(3, 8);
    assert.equal(sub.eventSpace(), G.eventSpace());
    new Network(G).run(ms(0.1)); // compiles the thresholder
    G.v = 'i*0.1'; // then check the threshold alone
    G.thresholder['spike']!.codeObject!.run();
    assert.deepEqual([...G.spikes], [6, 7, 8, 9]);
    assert.deepEqual([...sub.spikes], [3, 4]);
  });

  it('a subgroup depends on its parent and is not collected by the magic network itself', () => {
    const G = make();
    const sub = G.slice(0, 2);
    assert.equal(sub.dependencyTarget, G);
    assert.equal(sub.addToMagicNetwork, false);
  });
});
