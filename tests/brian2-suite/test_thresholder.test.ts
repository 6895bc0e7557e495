/** Brian2 2.5.1 `brian2/tests/test_thresholder.py`, translated (status: README.md in this folder). */
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NeuronGroup, SpikeMonitor, defaultclock, ms, run, startScope } from '../../src/index.ts';

beforeEach(() => {
  startScope();
  defaultclock.dt = ms(0.1);
});

describe('test_thresholder (Brian2 2.5.1)', () => {
  it('test_simple_threshold', () => {
    const G = new NeuronGroup(4, 'v : 1', { threshold: 'v > 1' });
    G.v = [1.5, 0, 3, -1];
    const sMon = new SpikeMonitor(G);
    run(defaultclock.dt);
    assert.deepEqual(Array.from(sMon.count), [1, 0, 1, 0]);
  });

  it('test_scalar_threshold', () => {
    const G = new NeuronGroup(4, '', { threshold: 'c > 1', namespace: { c: 2 } });
    const sMon = new SpikeMonitor(G);
    run(defaultclock.dt);
    assert.deepEqual(Array.from(sMon.count), [1, 1, 1, 1]);
  });
});
