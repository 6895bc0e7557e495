/**
 * The seed's first two programs, simulation part, through the real NeuronGroup: monitor results
 * checked against the model's closed form (Brian2's own numbers are compared in
 * tests/conformance).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Network, run, startScope } from '../core/index.ts';
import { NeuronGroup } from '../groups/index.ts';
import { mV, ms } from '../units/index.ts';
import { PopulationRateMonitor } from './population-rate-monitor.ts';
import { SpikeMonitor } from './event-monitor.ts';
import { StateMonitor } from './state-monitor.ts';

describe('seed programs', () => {
  it("seed 1: StateMonitor(G, 'v', {record: true}) over 50 ms gives 500 samples of the exact LIF trace", () => {
    startScope();
    const v0 = mV(-10);
    const tau = ms(10);
    const G = new NeuronGroup(1, 'dv/dt = (v0-v)/tau : volt (unless refractory)', {
      threshold: 'v > -40*mV',
      reset: 'v = -60*mV',
      refractory: ms(5),
      method: 'exact',
      namespace: { v0, tau },
    });
    G.v = mV(-70);
    const M = new StateMonitor(G, 'v', { record: true });
    const S = new SpikeMonitor(G, { variables: 'v' });
    run(ms(50));
    const t = M.t.in(ms);
    assert.equal(t.length, 500);
    assert.ok(Math.abs(t[499]! - 49.9) < 1e-9);
    const v = M.v[0].in(mV);
    assert.equal(v[0], -70);
    // Before the first spike: v(t) = v0 + (v_init - v0)·exp(-t/tau).
    for (let k = 0; k < 60; k++) {
      const exact = -10 + (-70 + 10) * Math.exp(-t[k]! / 10);
      assert.ok(Math.abs(v[k]! - exact) <= 1e-9 * Math.abs(exact), `sample ${k}: ${v[k]} vs ${exact}`);
    }
    // Spikes: stamped with the step start; values recorded before the reset (above threshold).
    assert.deepEqual(Array.from(S.t.in(ms), (x) => Math.round(x * 1e6) / 1e6), [6.9, 17, 27.1, 37.2, 47.3]);
    assert.ok(Array.from(S.v.in(mV)).every((x) => x > -40));
    assert.deepEqual(Array.from(S.i), [0, 0, 0, 0, 0]);
    // A start-slot monitor never sees supra-threshold values.
    assert.ok(Array.from(v).every((x) => x <= -40));
  });

  it('seed 2: SpikeMonitor(G) counts spikes per neuron of a graded-input population', () => {
    startScope();
    const N = 100;
    const G = new NeuronGroup(N, 'dv/dt = (v0-v+I)/tau : volt (unless refractory)\nI : volt', {
      threshold: 'v>-40*mV',
      reset: 'v=-60*mV',
      refractory: ms(1),
      method: 'exact',
      namespace: { tau: ms(10), v0: mV(-50), I_max: mV(40) },
    });
    G.v = mV(-70);
    const M = new SpikeMonitor(G);
    const R = new PopulationRateMonitor(G);
    G.I = 'i*I_max/(N-1)';
    const net = new Network(G, M, R);
    net.run(ms(1000));
    const count = M.count;
    assert.equal(count.length, N);
    assert.equal(M.numSpikes, M.i.length);
    assert.equal(M.numSpikes, count.reduce((a, b) => a + b, 0));
    // Neurons whose drive v0 + I stays below threshold never fire; the rate grows with I.
    const firstFiring = count.findIndex((c) => c > 0);
    const I = (k: number): number => (k * 40) / (N - 1);
    assert.ok(-50 + I(firstFiring) > -40 && -50 + I(firstFiring - 1) <= -40);
    for (let k = firstFiring + 1; k < N; k++) assert.ok(count[k]! >= count[k - 1]!);
    // Spike trains agree with i/t; times are ascending within each train.
    const trains = M.spikeTrains();
    assert.equal(trains[N - 1]!.length, count[N - 1]);
    const last = trains[N - 1]!.values;
    for (let k = 1; k < last.length; k++) assert.ok(last[k]! > last[k - 1]!);
    // The population rate integrates to the spike count.
    const dt = 1e-4;
    const total = R.rate_.reduce((a, r) => a + r * dt * N, 0);
    assert.ok(Math.abs(total - M.numSpikes) < 1e-6);
    assert.equal(R.t.length, 10000);
    assert.equal(R.smoothRate('gaussian', ms(5)).length, 10000);
  });
});
