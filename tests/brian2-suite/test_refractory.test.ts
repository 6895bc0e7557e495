/** Brian2 2.5.1 `brian2/tests/test_refractory.py`, translated (status: README.md in this folder). */
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Equations, Network, NeuronGroup, SpikeMonitor, StateMonitor, Synapses, defaultclock, ms, run, startScope } from '../../src/index.ts';
import { addRefractoriness } from '../../src/equations/index.ts';
import { assertAllclose, catchLogs, raises } from './helpers.ts';

beforeEach(() => {
  startScope();
  defaultclock.dt = ms(0.1);
});

/** Brian2's `timestep(t, dt)` for dt = 0.1 ms. */
const step = (tMs: number): number => Math.round(tMs / 0.1);
const diff = (v: ArrayLike<number>): number[] => Array.from(v).slice(1).map((x, k) => x - v[k]!);

/** The shared checks of test_refractoriness_basic and test_refractoriness_variables. */
function checkRefractoryTraces(v: Float64Array, w: Float64Array): void {
  // No difference before the spike
  assertAllclose(v.slice(0, step(10)), w.slice(0, step(10)));
  // v is not updated during refractoriness
  assert.ok(v.slice(step(10), step(15)).every((x) => x === 0));
  // w evolves as before
  assertAllclose(w.slice(0, step(5)), w.slice(step(10) + 1, step(15) + 1));
  assert.ok(w.slice(step(10) + 1, step(15) + 1).every((x) => x > 0));
  // After refractoriness, v increases again
  assert.ok(v.slice(step(15), step(20)).every((x) => x > 0));
}

describe('test_refractory (Brian2 2.5.1)', () => {
  it('test_add_refractoriness', () => {
    const eqs = addRefractoriness(new Equations('dv/dt = -x*v/second : volt (unless refractory)\ndw/dt = -w/second : amp\nx : 1'));
    assert.ok(eqs.has('not_refractory'));
    assert.ok(eqs.has('lastspike'));
  });

  it('test_missing_refractory_warning', () => {
    const l = catchLogs(() => new NeuronGroup(1, 'dv/dt = -v / (10*ms) : 1 (unless refractory)', { threshold: 'v > 1', reset: 'v = 0' }));
    assert.equal(l.length, 1);
    assert.ok(l[0]![0].endsWith('no_refractory'));
  });

  it('test_refractoriness_basic', () => {
    const G = new NeuronGroup(1, 'dv/dt = 99.999*Hz : 1 (unless refractory)\ndw/dt = 99.999*Hz : 1', { threshold: 'v>1', reset: 'v=0;w=0', refractory: ms(5) });
    const mon = new StateMonitor(G, ['v', 'w'], { record: true, when: 'end' });
    run(ms(20));
    checkRefractoryTraces(mon.v.values[0]!, mon.w.values[0]!);
  });

  it('test_refractoriness_variables', () => {
    for (const refTime of ['5*ms', '(t-lastspike + 1e-3*dt) < 5*ms', 'time_since_spike + 1e-3*dt < 5*ms', 'ref_subexpression', '(t-lastspike + 1e-3*dt) < ref', 'ref', 'ref_no_unit*ms']) {
      startScope();
      const G = new NeuronGroup(
        1,
        `dv/dt = 99.999*Hz : 1 (unless refractory)
dw/dt = 99.999*Hz : 1
ref : second
ref_no_unit : 1
time_since_spike = (t - lastspike) +1e-3*dt : second
ref_subexpression = (t - lastspike + 1e-3*dt) < ref : boolean`,
        { threshold: 'v>1', reset: 'v=0;w=0', refractory: refTime },
      );
      G.ref = ms(5);
      G.ref_no_unit = 5;
      const mon = new StateMonitor(G, ['v', 'w'], { record: true, when: 'end' });
      run(ms(20));
      try {
        checkRefractoryTraces(mon.v.values[0]!, mon.w.values[0]!);
      } catch (e) {
        throw new Error(`Assertion failed when using '${refTime}' as refractory argument: ${(e as Error).message}`);
      }
    }
  });

  it('test_refractoriness_threshold_basic', () => {
    const G = new NeuronGroup(1, 'dv/dt = 199.99*Hz : 1', { threshold: 'v > 1', reset: 'v=0', refractory: ms(10) });
    const spikeMon = new SpikeMonitor(G);
    run(ms(16));
    assertAllclose(spikeMon.t.values, [5e-3, 15e-3]);
  });

  it('test_refractoriness_repeated', () => {
    const group = new NeuronGroup(1, '', { threshold: 'True', refractory: defaultclock.dt.times(10) });
    const spikeMon = new SpikeMonitor(group);
    run(defaultclock.dt.times(10000));
    assert.equal(spikeMon.t.values[0], 0);
    assertAllclose(diff(spikeMon.t.values), Array(spikeMon.t.length - 1).fill(1e-3));
  });

  it('test_refractoriness_threshold', () => {
    for (const refTime of [ms(10), '10*ms', 'timestep(t-lastspike, dt) < timestep(10*ms, dt)', 'timestep(t-lastspike, dt) < timestep(ref, dt)', 'ref', 'ref_no_unit*ms']) {
      startScope();
      const G = new NeuronGroup(1, 'dv/dt = 199.999*Hz : 1\nref : second\nref_no_unit : 1', { threshold: 'v > 1', reset: 'v=0', refractory: refTime });
      G.ref = ms(10);
      G.ref_no_unit = 10;
      const spikeMon = new SpikeMonitor(G);
      run(ms(16));
      assertAllclose(spikeMon.t.values, [5e-3, 15e-3]);
    }
  });

  it('test_refractoriness_types', () => {
    // a wrong type of refractoriness does not work
    for (const [model, refractory] of [['', '3*Hz'], ['ref: Hz', 'ref'], ['', '3'], ['ref: 1', 'ref']] as const) {
      const group = new NeuronGroup(1, model, { refractory });
      raises(() => new Network(group).run(ms(0)), 'BrianObjectException');
      raises(() => new Network(group).run(ms(0)), 'TypeError');
    }
  });

  it('test_conditional_write_set', () => {
    const G = new NeuronGroup(1, 'dv/dt = 10*Hz : 1 (unless refractory)\ndw/dt = 10*Hz : 1', { refractory: ms(2) });
    const v = G.variables.get('v') as { conditionalWrite?: string };
    const w = G.variables.get('w') as { conditionalWrite?: string };
    assert.equal(v.conditionalWrite, 'not_refractory');
    assert.equal(w.conditionalWrite, undefined);
  });

  it('test_conditional_write_behaviour', () => {
    const H = new NeuronGroup(1, 'v:1', { threshold: 'v>-1' });
    const eqs = 'dv/dt = (2-v)/tau : 1 (unless refractory)\ndx/dt = 0/tau : 1 (unless refractory)\ndy/dt = 0/tau : 1';
    const G = new NeuronGroup(1, eqs, { threshold: 'v>1', reset: 'v = 0\nx -= 0.05\ny -= 0.05', refractory: ms(1), namespace: { tau: ms(1) } });
    const Sx = new Synapses(H, G, '', { onPre: 'x += dt*100*Hz' });
    Sx.connect(true);
    const Sy = new Synapses(H, G, '', { onPre: 'y += dt*100*Hz' });
    Sy.connect(true);
    new StateMonitor(G, true, { record: true });
    run(ms(10));
    assert.ok((G.x.values[0] as number) < 0.2);
    assert.ok((G.y.values[0] as number) > 0.2);
    assert.ok((G.v.values[0] as number) < 1.1);
  });

  it('test_conditional_write_automatic_and_manual', () => {
    const source = new NeuronGroup(1, '', { threshold: 'True' }); // spiking all the time
    // only refractory for the first time step
    const target = new NeuronGroup(2, 'dv/dt = 0/ms : 1 (unless refractory)\ndw/dt = 0/ms : 1', { threshold: 't == 0*ms', refractory: 'False' });
    const syn = new Synapses(source, target, '', { onPre: 'v += 1\nw += 1 * int(not_refractory_post)' });
    syn.connect();
    const mon = new StateMonitor(target, ['v', 'w'], { record: true, when: 'end' });
    run(defaultclock.dt.times(2));
    // The synapse is not effective in the first time step: mon.v[:, 0] is the first time step of both neurons
    for (const trace of [...mon.v.values, ...mon.w.values]) {
      assertAllclose([trace[0]!], [0]);
      assertAllclose([trace[1]!], [1]);
    }
  });
});
