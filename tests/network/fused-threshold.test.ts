/**
 * A group's threshold runs in the state update's loop when nothing is scheduled between them
 * (StateUpdater.beforeRun). The results must be those of the two separate passes, bit for bit.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Network, NeuronGroup, SpikeMonitor, StateMonitor, ms, networkOperation, seed } from '../../src/index.ts';

const model = `
dv/dt = (v0 - v)/tau + sigma*xi/sqrt(tau) : 1 (unless refractory)
v0 : 1
`;
const namespace = { tau: ms(10), sigma: 0.2 };

function simulate(separate: boolean, threshold = 'v > 1') {
  seed(7);
  const G = new NeuronGroup(50, model, { threshold, reset: 'v = 0', refractory: ms(2), method: 'euler', namespace, name: 'g' });
  G.v0 = 'i/25.0';
  const spikes = new SpikeMonitor(G);
  const trace = new StateMonitor(G, 'v', { record: [0, 25, 49] });
  const objects: unknown[] = [G, spikes, trace];
  // An operation between the state update and the threshold forbids fusing them.
  if (separate) objects.push(networkOperation(() => {}, { when: 'after_groups' }));
  const net = new Network(...(objects as ConstructorParameters<typeof Network>));
  net.run(ms(100));
  return { G, spikes, trace };
}

describe('fused state update and threshold', () => {
  it('gives the same spikes, traces and refractoriness as separate passes', () => {
    const fused = simulate(false);
    const separate = simulate(true);
    assert.equal(fused.G.stateUpdater.codeObject!.template, 'stateupdate_threshold');
    assert.equal(separate.G.stateUpdater.codeObject!.template, 'stateupdate');
    assert.ok(fused.spikes.numSpikes > 50, `spikes: ${fused.spikes.numSpikes}`);
    assert.deepEqual([...fused.spikes.i], [...separate.spikes.i]);
    assert.deepEqual([...fused.spikes.t_], [...separate.spikes.t_]);
    assert.deepEqual([...fused.trace.v_], [...separate.trace.v_]);
    assert.deepEqual([...fused.G.lastspike_], [...separate.G.lastspike_]);
  });

  it('is not used for a threshold that draws random numbers', () => {
    const { G } = simulate(false, 'v > 1 or rand() < 0.001');
    assert.equal(G.stateUpdater.codeObject!.template, 'stateupdate');
  });
});
