/**
 * Synapses whose target (or source) is another Synapses object (Brian2 allows it, e.g. a reward
 * pathway modulating the synapses of a plastic projection): `x_post` and plain `x` are the target
 * synapses' variables, connect() counts their synapses as targets.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Network, NeuronGroup, SpikeGeneratorGroup, ms } from '../index.ts';
import { Synapses } from './index.ts';

function setup(name: string): { G: NeuronGroup; S: Synapses; D: SpikeGeneratorGroup } {
  const G = new NeuronGroup(3, 'v : 1', { name: `${name}_G` });
  const S = new Synapses(G, G, 'w : 1\nd : 1', { name: `${name}_S` });
  S.connect({ i: [0, 0, 1, 2], j: [1, 2, 2, 0] });
  S.w = 'i + 10 * j';
  const D = new SpikeGeneratorGroup(2, [0, 1, 0], [ms(0.5), ms(0.5), ms(1.5)], { name: `${name}_D` });
  return { G, S, D };
}

describe('new Synapses(source, synapses)', () => {
  it("connect() connects every source neuron to every synapse and on_pre 'd_post += 1' increments the target synapses", () => {
    const { G, S, D } = setup('sos_all');
    const R = new Synapses(D, S, '', { onPre: 'd_post += 1', name: 'sos_all_R' });
    R.connect();
    assert.equal(R.N, 8);
    assert.deepEqual(Array.from(R.j.values), [0, 1, 2, 3, 0, 1, 2, 3]);
    assert.deepEqual(Array.from(R.N_incoming_post), [2, 2, 2, 2]);
    const net = new Network(G, S, D, R);
    net.run(ms(1));
    assert.deepEqual(Array.from(S.d.values), [2, 2, 2, 2]);
    net.run(ms(1));
    assert.deepEqual(Array.from(S.d.values), [3, 3, 3, 3]);
  });

  it('connect({ i, j }) by synapse index; plain names, i_post and j_post read the target synapses', () => {
    const { G, S, D } = setup('sos_idx');
    const R = new Synapses(D, S, 'k : 1', { onPre: 'd += w + 100 * i_post + 1000 * j_post + k', name: 'sos_idx_R' });
    R.connect({ i: [0, 1], j: [3, 1] });
    R.k = 0.5;
    new Network(G, S, D, R).run(ms(1));
    // Synapse 3 is 2 → 0 (w = 2), synapse 1 is 0 → 2 (w = 20).
    assert.deepEqual(Array.from(S.d.values), [0, 20 + 0 + 2000 + 0.5, 0, 2 + 200 + 0 + 0.5]);
  });

  it("connect('w_post > 10') selects target synapses by their variables", () => {
    const { S, D } = setup('sos_cond');
    const R = new Synapses(D, S, '', { onPre: 'd_post += 1', name: 'sos_cond_R' });
    R.connect({ condition: 'w_post > 10 and i == 0' });
    assert.deepEqual(Array.from(R.j.values), [1, 2]);
  });

  it('targets connected after the modulatory synapses were created are counted', () => {
    const G = new NeuronGroup(2, 'v : 1', { name: 'sos_late_G' });
    const S = new Synapses(G, G, 'd : 1', { name: 'sos_late_S' });
    const D = new SpikeGeneratorGroup(1, [0], [ms(0.2)], { name: 'sos_late_D' });
    const R = new Synapses(D, S, '', { onPre: 'd_post += 2', name: 'sos_late_R' });
    S.connect();
    R.connect();
    assert.deepEqual(Array.from(R.N_incoming_post), [1, 1, 1, 1]);
    new Network(G, S, D, R).run(ms(1));
    assert.deepEqual(Array.from(S.d.values), [2, 2, 2, 2]);
  });

  it('a Synapses source: references x_pre read its synapses (connect only, it has no events)', () => {
    const { G, S } = setup('sos_src');
    const T = new Synapses(S, G, 'u : 1', { name: 'sos_src_T' });
    T.connect({ condition: 'j == i_pre' });
    T.u = 'w_pre';
    assert.deepEqual(Array.from(T.i.values), [0, 1, 2, 3]);
    assert.deepEqual(Array.from(T.u.values), [10, 20, 21, 2]);
  });
});
