/**
 * A network run again on threads runs the last run's compiled split code (session 14): the same
 * source texts and captured objects, so the main thread and the workers reuse their functions
 * (already optimized) instead of compiling them again; results stay those of one thread.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Network, NeuronGroup, SpikeMonitor, StateMonitor, Synapses, lastThreadRun, ms, seed, shutdownThreads } from 'brian-ts';
import { assertSameRun } from './same-run.ts';

after(() => shutdownThreads());

function model(name: string): { net: Network; S: Synapses; M: SpikeMonitor; V: StateMonitor<'v'>; G: NeuronGroup } {
  seed(77);
  const G = new NeuronGroup(2000, 'dv/dt = (1.2 - v)/(10*ms) : 1', { threshold: 'v > 1', reset: 'v = 0', method: 'exact', name });
  G.v = 'rand()';
  const S = new Synapses(G, G, 'w : 1', { onPre: 'v_post += w', name: `${name}_syn` });
  S.connect({ p: 0.05 });
  S.w = '0.002 * rand()';
  const M = new SpikeMonitor(G, { name: `${name}_spikes` });
  const V = new StateMonitor(G, 'v', { record: [0, 999, 1999], name: `${name}_v` });
  return { net: new Network(G, S, M, V), S, M, V, G };
}

describe('split code reused across runs of the same network (session 14)', () => {
  it('a second run reuses every split code object, a run after connect() recompiles what captures the grown arrays, with the bits of one thread', () => {
    const split = model('reuse');
    split.net.run(ms(20), { threads: 2 });
    const first = lastThreadRun();
    assert.ok(first.split.length >= 3, JSON.stringify(first));
    split.net.run(ms(20), { threads: 2 });
    const second = lastThreadRun();
    assert.deepEqual([...(second.reused ?? [])].sort(), [...second.split].sort());
    // More synapses: the pathway's arrays grew (new objects), so its code is compiled again.
    split.S.connect({ p: 0.01 });
    split.S.w = '0.002 * rand()';
    split.net.run(ms(20), { threads: 2 });
    const third = lastThreadRun();
    assert.ok(third.split.includes('reuse_syn_pre') && !(third.reused ?? []).includes('reuse_syn_pre'), JSON.stringify(third));
    split.net.run(ms(20), { threads: 2 });

    const one = model('reuse');
    one.net.run(ms(20), { threads: 1 });
    one.net.run(ms(20), { threads: 1 });
    one.S.connect({ p: 0.01 });
    one.S.w = '0.002 * rand()';
    one.net.run(ms(20), { threads: 1 });
    one.net.run(ms(20), { threads: 1 });
    assertSameRun(split, one, 1000);
  });

  it('another network with the same code does not run the first network\'s functions', () => {
    const a = model('reuse_other');
    a.net.run(ms(10), { threads: 2 });
    const b = model('reuse_other');
    b.net.run(ms(10), { threads: 2 });
    assert.deepEqual(lastThreadRun().reused, []);
    const one = model('reuse_other');
    one.net.run(ms(10), { threads: 1 });
    assert.deepEqual([...b.M.i], [...one.M.i]);
    assert.deepEqual([...(b.G.state('v').values as Float64Array)], [...(one.G.state('v').values as Float64Array)]);
  });
});
