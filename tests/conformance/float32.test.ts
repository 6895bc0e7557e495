/**
 * Single precision (prefs.floatDtype = 'float32', Brian2's prefs.core.default_float_dtype =
 * float32; session 6, issue 11) against Brian2 2.5.1 (fixtures/float32.json, generate/float32.py):
 * LIF with reset and refractoriness, Hodgkin–Huxley, and plastic synapses driven by a
 * SpikeGeneratorGroup, each run by Brian2's numpy and cython targets in float32 (and numpy in
 * float64).
 *
 * Brian2 computes in float32 (numpy's float32 arrays with float64 scalars give float32 results;
 * cython declares every float temporary and hoisted constant `float`); brian-ts computes in
 * float64 and rounds each stored value to float32 (docs/design.md). So the results are not Brian2's
 * bits; tolerances are stated per model, from Brian2's own numpy/cython spread:
 * - spike counts equal Brian2's float32 counts (numpy and cython agree on every model here);
 * - spike times: the same step for LIF and synapses; within one dt for HH (Brian2's numpy and
 *   cython float32 runs are themselves one dt apart there, and its float64 run moves by one dt);
 * - traces: LIF within 1e-6 V (Brian2 numpy vs cython: 4.8e-7 V); HH within 2e-3 V (an upstroke
 *   one step earlier; Brian2 numpy vs cython: 1.8e-3 V), final HH v within 1e-4 V and m, n, h within
 *   1e-3; synaptic weights within 1e-9 V (a few float32 ulp of 4 mV), traces apre/apost 1e-7.
 * The mode is real: our float32 results differ from our float64 ones, by at most the documented
 * bounds (LIF v 1e-7 V, HH v 1e-5 V and gating 1e-5, w 1e-9 V; measured 2.3e-8, 6.4e-6, 3.0e-6,
 * 5.9e-10), and float32 storage is what Brian2 uses (v, w, monitor data float32; lastspike,
 * lastupdate and times float64).
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertClose } from './fixture.ts';
import { assertSpikeTrains } from './spikes.ts';
import { defaultclock, ms, resetPrefs } from '../../src/index.ts';
import { fx, maxAbsDiff, simulateHh, simulateLif, simulateSynapses } from './float32-models.ts';
import type { ModelResult, Simulated } from './float32-models.ts';

after(() => {
  resetPrefs('floatDtype');
  defaultclock.dt = ms(0.1);
});

const brian = (name: 'lif' | 'hh' | 'synapses'): { np: ModelResult; cy: ModelResult; np64: ModelResult } => ({
  np: fx.results['numpy_float32']![name],
  cy: fx.results['cython_float32']![name],
  np64: fx.results['numpy_float64']![name],
});

function traceDiff(a: readonly ArrayLike<number>[], b: readonly ArrayLike<number>[]): number {
  assert.equal(a.length, b.length);
  return Math.max(...a.map((x, k) => maxAbsDiff(x, b[k]!)));
}

function checkCounts(ours: Simulated, np: ModelResult, cy: ModelResult, label: string): void {
  assert.deepEqual(np.count, cy.count, `${label}: Brian2's numpy and cython float32 counts agree (fixture)`);
  assert.deepEqual(ours.count, np.count, `${label}: spike counts`);
}

describe("float32 storage (prefs.floatDtype = 'float32') against Brian2's default_float_dtype = float32", () => {
  it('LIF with reset and refractoriness: counts, spike steps and traces as Brian2 float32; float32 is real and within 1e-7 V of float64', () => {
    const { np, cy, np64 } = brian('lif');
    const ours = simulateLif('float32');
    const wide = simulateLif('float64');
    assert.deepEqual(ours.dtypes, { v: np.dtypes!['v'], lastspike: np.dtypes!['lastspike'], monitor_v: np.dtypes!['monitor_v'] });
    checkCounts(ours, np, cy, 'lif');
    const N = fx.models.lif.N;
    const dt = fx.models.lif.dt_s;
    assertSpikeTrains({ i: ours.spike_i, t: ours.spike_t_s }, { i: np.spike_i, t: np.spike_t_s }, { N, dt, steps: 0, label: 'lif float32' });
    ours.trace!.forEach((tr, k) => assertClose(tr, np.trace_v_V![k]!, { rtol: 0, atol: 1e-6, label: `lif v[${k}] vs numpy float32` }));
    ours.trace!.forEach((tr, k) => assertClose(tr, cy.trace_v_V![k]!, { rtol: 0, atol: 1e-6, label: `lif v[${k}] vs cython float32` }));
    // Every recorded value is a float32 number.
    for (const tr of ours.trace!) for (const x of tr) assert.equal(x, Math.fround(x));
    // float64 stays Brian2's float64 (1e-9 relative), float32 differs from it, by at most 1e-7 V.
    wide.trace!.forEach((tr, k) => assertClose(tr, np64.trace_v_V![k]!, { rtol: 1e-9, label: `lif float64 v[${k}]` }));
    const d = traceDiff(ours.trace!, wide.trace!);
    assert.ok(d > 0 && d <= 1e-7, `float32 − float64 traces: ${d} V (expected in (0, 1e-7])`);
  });

  it('Hodgkin–Huxley (exponential_euler, dt = 0.01 ms): counts, spikes within one dt, traces within 2e-3 V of Brian2 float32; within 1e-5 of our float64', () => {
    const { np, cy } = brian('hh');
    const ours = simulateHh('float32');
    const wide = simulateHh('float64');
    assert.equal(ours.dtypes['v'], 'float32');
    checkCounts(ours, np, cy, 'hh');
    const N = fx.models.hh.I_nA.length;
    const dt = fx.models.hh.dt_s;
    for (const [b, name] of [[np, 'numpy'], [cy, 'cython']] as const) {
      assertSpikeTrains({ i: ours.spike_i, t: ours.spike_t_s }, { i: b.spike_i, t: b.spike_t_s }, { N, dt, steps: 1, label: `hh vs ${name} float32` });
      ours.trace!.forEach((tr, k) => assertClose(tr, b.trace_v_V![k]!, { rtol: 0, atol: 2e-3, label: `hh v[${k}] vs ${name} float32` }));
      assertClose(ours.final['v']!, b.final!['v']!, { rtol: 0, atol: 1e-4, label: `hh final v vs ${name}` });
      for (const g of ['m', 'n', 'h']) assertClose(ours.final[g]!, b.final![g]!, { rtol: 0, atol: 1e-3, label: `hh final ${g} vs ${name}` });
    }
    const d = traceDiff(ours.trace!, wide.trace!);
    assert.ok(d > 0 && d <= 1e-5, `float32 − float64 HH traces: ${d} V (expected in (0, 1e-5])`);
    for (const g of ['m', 'n', 'h']) assert.ok(maxAbsDiff(ours.final[g]!, wide.final[g]!) <= 1e-5, `final ${g}: float32 within 1e-5 of float64`);
  });

  it('plastic synapses (float32 w, event-driven traces, clipped updates): counts, spike steps and weights as Brian2 float32', () => {
    const { np, cy } = brian('synapses');
    const ours = simulateSynapses('float32');
    const wide = simulateSynapses('float64');
    assert.deepEqual(ours.dtypes, { w: np.dtypes!['w'], lastupdate: np.dtypes!['lastupdate'], v: 'float32' });
    checkCounts(ours, np, cy, 'synapses');
    assertSpikeTrains({ i: ours.spike_i, t: ours.spike_t_s }, { i: np.spike_i, t: np.spike_t_s }, { N: 5, dt: fx.models.synapses.dt_s, steps: 0, label: 'synapses float32' });
    for (const [b, name] of [[np, 'numpy'], [cy, 'cython']] as const) {
      assertClose(ours.final['w']!, b.final_w_V!, { rtol: 0, atol: 1e-9, label: `w vs ${name} float32` });
      assertClose(ours.final['apre']!, b.final_apre!, { rtol: 0, atol: 1e-7, label: `apre vs ${name} float32` });
      assertClose(ours.final['apost']!, b.final_apost!, { rtol: 0, atol: 1e-7, label: `apost vs ${name} float32` });
    }
    const d = maxAbsDiff(ours.final['w']!, wide.final['w']!);
    assert.ok(d > 0 && d <= 1e-9, `float32 − float64 weights: ${d} V (expected in (0, 1e-9])`);
  });

  it('fast math composes with float32: the same spike counts and traces within the float32 tolerance', () => {
    const { np } = brian('lif');
    const fast = simulateLif('float32', true);
    assert.deepEqual(fast.count, np.count);
    fast.trace!.forEach((tr, k) => assertClose(tr, np.trace_v_V![k]!, { rtol: 0, atol: 1e-6, label: `lif fast float32 v[${k}]` }));
    const syn = simulateSynapses('float32', true);
    assert.deepEqual(syn.count, brian('synapses').np.count);
    assertClose(syn.final['w']!, brian('synapses').np.final_w_V!, { rtol: 0, atol: 1e-9, label: 'w fast float32' });
  });
});
