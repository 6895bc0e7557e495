import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BrianObjectError, Network } from '../core/index.ts';
import { DimensionMismatchError, mV, ms } from '../units/index.ts';
import { GroupError } from './errors.ts';
import { linkedVar } from './linked-variable.ts';
import { NeuronGroup } from './neuron-group.ts';

describe('linked variables (Brian2 linked_var)', () => {
  it('G.u = linkedVar(H.x) reads the other group\'s variable 1:1, live and in code', () => {
    const H = new NeuronGroup(3, 'x : volt');
    const G = new NeuronGroup(3, 'u : volt (linked)\ny : 1');
    G.u = linkedVar(H.x);
    H.x = 'i*mV';
    assert.deepEqual([...G.u.in(mV)].map(Math.round), [0, 1, 2]);
    G.runRegularly('y = u/mV');
    new Network(G, H).run(ms(0.1));
    assert.deepEqual([...G.y.values].map(Math.round), [0, 1, 2]);
  });

  it('linkedVar(H, name, {index}) links groups of different sizes; a size-1 source links to all', () => {
    const H = new NeuronGroup(4, 'x : 1');
    H.x = 'i + 10';
    const G = new NeuronGroup(2, 'u : 1 (linked)\nw : 1 (linked)');
    G.u = linkedVar(H, 'x', { index: [3, 1] });
    const one = new NeuronGroup(1, 'z : 1');
    one.z = 7;
    G.w = linkedVar(one.z);
    assert.deepEqual([...G.u.values], [13, 11]);
    assert.equal(G.w.values[0], 7);
  });

  it('linking to a subgroup uses the subgroup\'s elements', () => {
    const H = new NeuronGroup(5, 'x : 1');
    H.x = 'i';
    const G = new NeuronGroup(2, 'u : 1 (linked)');
    G.u = linkedVar(H.slice(3, 5).x);
    assert.deepEqual([...G.u.values], [3, 4]);
  });

  it('bad links throw typed errors: size, dimension, unflagged variable, direct assignment, missing link', () => {
    const H = new NeuronGroup(4, 'x : 1\nv : volt');
    const G = new NeuronGroup(2, 'u : 1 (linked)\nplain : 1');
    assert.throws(() => { G.u = linkedVar(H.x); }, (e: unknown) => e instanceof GroupError && e.code === 'linked-variable' && /the size of the target group does not match \(2 != 4\)/.test(e.message));
    assert.throws(() => { G.u = linkedVar(H.v); }, (e: unknown) => e instanceof DimensionMismatchError && /Unit of variable 'u' of .* does not match its link target 'v'/.test(e.message));
    assert.throws(() => { G.plain = linkedVar(H, 'x', { index: [0, 1] }); }, (e: unknown) => e instanceof GroupError && /it has to be marked as a linked variable with '\(linked\)'/.test(e.message));
    assert.throws(() => { G.u = 3; }, (e: unknown) => e instanceof GroupError && /Cannot set the linked variable 'u' .* directly/.test(e.message));
    assert.throws(() => { G.u = linkedVar(H, 'x', { index: [0, 9] }); }, (e: unknown) => e instanceof GroupError && /outside of the valid range \[0, 4\[/.test(e.message));
    assert.throws(() => G.u, (e: unknown) => e instanceof GroupError && /Link target for variable u of .* has not been set/.test(e.message));
    assert.throws(() => new Network(G).run(ms(0.1)), (e: unknown) => e instanceof BrianObjectError && e.cause instanceof GroupError);
    assert.throws(() => new NeuronGroup(1, 'u : 1 (linked, constant)'), (e: unknown) => e instanceof GroupError && /cannot be combined with other flags/.test(e.message));
  });
});
