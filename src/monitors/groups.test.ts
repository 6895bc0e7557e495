/** Monitors on real NeuronGroups: subexpressions, subgroups, clocks, custom events, store/restore. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defineUserFunction } from '../codegen/index.ts';
import { Network, startScope } from '../core/index.ts';
import { NeuronGroup } from '../groups/index.ts';
import { ms, mV } from '../units/index.ts';
import { EventMonitor, SpikeMonitor } from './event-monitor.ts';
import { PopulationRateMonitor } from './population-rate-monitor.ts';
import { StateMonitor } from './state-monitor.ts';

const close = (a: number, b: number, tol = 1e-12): void => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} != ${b}`);

describe('monitors on NeuronGroup', () => {
  it('StateMonitor records a subexpression using a namespace constant (resolved at run start)', () => {
    startScope();
    const G = new NeuronGroup(3, 'dv/dt = -v/(10*ms) : 1\nI = 2*v + k : 1', { method: 'exact', namespace: { k: 5 } });
    G.v = 'i + 1';
    const M = new StateMonitor(G, ['v', 'I'], { record: true });
    const net = new Network(G, M);
    net.run(ms(1));
    for (let k = 0; k < 3; k++) {
      const v = M.v.get(k).values;
      const I = M.I.get(k).values;
      for (let j = 0; j < v.length; j++) close(I[j]!, 2 * v[j]! + 5);
    }
    G.namespace['k'] = 7;
    net.run(ms(0.1));
    close(M.I.get(0).values[10]!, 2 * M.v.get(0).values[10]! + 7);
  });

  it('StateMonitor and SpikeMonitor variables see names used inside nested subexpressions, functions included', () => {
    startScope();
    const double = defineUserFunction('double', (x: number) => 2 * x, { argUnits: [null], returnUnit: null });
    const G = new NeuronGroup(2, 'dv/dt = -v/(10*ms) : 1\nI = J + k : 1\nJ = double(v) : 1', { threshold: 'I > 5', reset: 'v = 0', method: 'exact', namespace: { k: 5, double } });
    G.v = 'i';
    const M = new StateMonitor(G, 'I', { record: true });
    const S = new SpikeMonitor(G, { variables: ['I'] });
    new Network(G, M, S).run(ms(0.2));
    close(M.I.get(1).values[0]!, 7);
    close(M.I.get(0).values[1]!, 5);
    assert.deepEqual(Array.from(S.i), [1]);
    close(S.I.values[0]!, 2 * Math.exp(-0.01) + 5);
  });

  it('StateMonitor with dt not a multiple of the group dt records at its own times (semantics §9.4)', () => {
    startScope();
    const G = new NeuronGroup(1, 'dv/dt = 1/second : 1', { method: 'euler' });
    const M = new StateMonitor(G, 'v', { record: true, dt: ms(0.25) });
    new Network(G, M).run(ms(1));
    assert.deepEqual(Array.from(M.t.in(ms)), [0, 0.25, 0.5, 0.75]);
    assert.deepEqual(Array.from(M.v[0].values, (x) => Math.round(x * 1e6) / 1e6), [0, 0.0003, 0.0005, 0.0008]);
  });

  it('monitors of a subgroup use relative indices and only its events', () => {
    startScope();
    const G = new NeuronGroup(6, 'dv/dt = 1/ms : 1', { threshold: 'v > 0.5', reset: 'v = 0', method: 'euler' });
    G.v = 'i/10.0';
    const sub = G.slice(2, 5);
    const S = new SpikeMonitor(sub, { variables: 'v' });
    const R = new PopulationRateMonitor(sub);
    const M = new StateMonitor(sub, 'v', { record: [0, 2] });
    const all = new SpikeMonitor(G);
    new Network(G, S, R, M, all).run(ms(0.5));
    assert.equal(S.order, all.order + 1);
    assert.deepEqual(Array.from(S.count), Array.from(all.count.slice(2, 5)));
    const expectedI = Array.from(all.i).filter((k) => k >= 2 && k < 5).map((k) => k - 2);
    assert.deepEqual(Array.from(S.i), expectedI);
    assert.ok(Array.from(S.v.values).every((x) => x > 0.5));
    close(M.v.get(1).values[0]!, 0.4);
    const counts = R.rate_.map((r) => Math.round(r * 1e-4 * 3));
    assert.equal(counts.reduce((a, b) => a + b, 0), S.numSpikes);
  });

  it('EventMonitor records a custom event after its thresholder', () => {
    startScope();
    const G = new NeuronGroup(2, 'dv/dt = 1/ms : 1', { method: 'euler', events: { up: 'v > 0.25' } });
    const E = new EventMonitor(G, 'up', { variables: 'v' });
    assert.equal(E.when, 'after_thresholds');
    assert.equal(E.order, G.order + 1);
    new Network(G, E).run(ms(0.5));
    assert.deepEqual(Array.from(E.count), [3, 3]);
    assert.deepEqual(Array.from(E.t.in(ms), (x) => Math.round(x * 1e6) / 1e6), [0.2, 0.2, 0.3, 0.3, 0.4, 0.4]);
    assert.deepEqual(Array.from(E.i), [0, 1, 0, 1, 0, 1]);
  });

  it('store/restore brings monitors back with the network', () => {
    startScope();
    const G = new NeuronGroup(2, 'dv/dt = 1/ms : 1', { threshold: 'v > 0.25', reset: 'v = 0', method: 'euler' });
    const S = new SpikeMonitor(G);
    const M = new StateMonitor(G, 'v', { record: 1 });
    const net = new Network(G, S, M);
    net.run(ms(1));
    const spikes = S.numSpikes;
    net.store();
    net.run(ms(1));
    net.restore();
    assert.equal(S.numSpikes, spikes);
    assert.equal(M.t.length, 10);
    net.run(ms(1));
    assert.equal(S.numSpikes, 2 * spikes);
    assert.equal(M.v[0].length, 20);
  });

  it("SpikeMonitor(G) of a group without threshold names the group", () => {
    startScope();
    const G = new NeuronGroup(2, 'v : volt');
    assert.throws(() => new SpikeMonitor(G), { name: 'MonitorError', message: /^Recorded group 'neurongroup(_\d+)?' does not define an event 'spike'\. Did you forget to set a 'threshold'\?$/ });
    assert.throws(() => new StateMonitor(G, 'w', { record: true }), { name: 'MonitorError', message: /^'w' is not a variable of the recorded group 'neurongroup(_\d+)?'\.$/ });
    G.v = mV(1);
  });
});
