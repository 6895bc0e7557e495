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
  /** Four runs (20 ms each; synapses added before the third) on `threads` threads. */
  function runs(threads: number, check?: (run: number) => void): ReturnType<typeof model> {
    const m = model('reuse');
    for (let run = 0; run < 4; run++) {
      if (run === 2) {
        m.S.connect({ p: 0.01 });
        m.S.w = '0.002 * rand()';
      }
      m.net.run(ms(20), { threads });
      check?.(run);
    }
    return m;
  }

  for (const threads of [2, 3, 4]) {
    it(`${threads} threads: a second run reuses every split code object, a run after connect() recompiles what captures the grown arrays, with the bits of one thread`, () => {
      const split = runs(threads, (run) => {
        const info = lastThreadRun();
        if (run === 0) assert.ok(info.split.length >= 3, JSON.stringify(info));
        // The same network again: every split code object's last functions.
        if (run === 1) assert.deepEqual([...(info.reused ?? [])].sort(), [...info.split].sort());
        // More synapses: the pathway's arrays grew (new objects), so its code is compiled again.
        if (run === 2) assert.ok(info.split.includes('reuse_syn_pre') && !(info.reused ?? []).includes('reuse_syn_pre'), JSON.stringify(info));
      });
      assertSameRun(split, runs(1), 1000);
    });
  }

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
