/**
 * Gallery G (session 6, issue 14): the top-level examples and synapses/jeffress, licklider and
 * spike_based_homeostasis, which gallery A/B/C only ran, against Brian2 (fixture gallery_g.json,
 * tests/conformance/generate/gallery_g.py, which runs Brian2's example files themselves with the
 * same duration scale, and renders Brian2's figures for the gallery page).
 *
 * All these examples are random (rand/randn initial values, xi noise, PoissonGroup, random
 * connectivity, a randn sound): each is seeded here (the examples leave their randomness unseeded,
 * as Brian2's do) and its statistics must lie within Brian2's seed-to-seed spread (4 sd, with a
 * floor where few seeds or counts make the spread small). Deterministic parts inside them (the
 * jeffress delay traces, the licklider synaptic delays) are compared to 1e-9.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { assertClose, loadFixture } from '../conformance/fixture.ts';
import { seed, NeuronGroup, PopulationRateMonitor, SpikeMonitor, StateMonitor, Synapses } from '../../src/index.ts';
import type { BrianObject } from '../../src/index.ts';
import { assertPNG, assertWithinSpread, every, runExample, scratchDir } from './gallery-e-util.ts';

const SCALE = '0.2';
process.env['BRIAN_TS_DURATION_SCALE'] = SCALE; // read once, when examples/_duration.ts loads

type Runs<K extends string> = Record<K, number>[];
/** Population means of the final state (all 4000 neurons). */
type Final = 'final_v' | 'final_ge' | 'final_gi';
interface Fixture {
  scale: number;
  CUBA: Runs<'synapses_e' | 'synapses_i' | 'num_spikes' | 'active' | Final>;
  COBAHH: Runs<'synapses_e' | 'synapses_i' | 'v_mean' | 'v_sd' | 'crossings' | Final>;
  adaptive_threshold: Runs<'num_spikes' | 'v_cross_mean' | 'vt_mean' | 'v_mean'>;
  non_reliability: Runs<'num_spikes' | 'first_mean' | 'first_sd'>;
  reliability: Runs<'num_spikes' | 'bins_per_spike'>;
  phase_locking: Runs<'num_spikes' | 'count_low' | 'count_high' | 'v50_mean'>;
  synapses_jeffress: { num_spikes: number; mean_i: number[]; count: number[]; delay_stride?: number; delay?: number[][] }[];
  synapses_licklider: { num_spikes: number; mean_i: number[]; count: number[]; delays_1: number[] }[];
  synapses_spike_based_homeostasis: { w: number[]; rate_with: number[]; rate_without: number[] }[];
}

const only = <T>(objects: readonly BrianObject[], cls: abstract new (...args: never[]) => T): T[] => objects.filter((o): o is BrianObject & T => o instanceof cls);
const sum = (x: ArrayLike<number>): number => Array.from(x).reduce((a, b) => a + b, 0);
const mean = (x: ArrayLike<number>): number => (x.length === 0 ? 0 : sum(x) / x.length);
/** Poisson-like floor for a count: its square root (at least 1). */
const countFloor = (runs: readonly number[]): number => Math.sqrt(Math.max(1, mean(runs)));

/** The population means of v, ge and gi at the end against Brian2's. */
function assertFinalMeans(P: NeuronGroup, runs: readonly Record<Final, number>[]): void {
  for (const k of ['v', 'ge', 'gi'] as const) {
    const theirs = runs.map((r) => r[`final_${k}`]);
    assertWithinSpread(mean(P[k].values as Float64Array), theirs, `mean final ${k}`, { floor: 0.05 * Math.abs(mean(theirs)) / 4 });
  }
}

/** Spike count and mean neuron index of the spikes in each half of [0, T). */
function halves(S: SpikeMonitor, T: number): { count: number[]; mean_i: number[] } {
  const parts = [0, 1].map((k) => Array.from(S.i).filter((_, n) => S.t_[n]! >= (k * T) / 2 && S.t_[n]! < ((k + 1) * T) / 2));
  return { count: parts.map((p) => p.length), mean_i: parts.map(mean) };
}

describe(`examples gallery G (durations × ${SCALE}, against Brian2's seed-to-seed spread)`, () => {
  const { dir, enter, leave } = scratchDir();
  const fx = loadFixture<Fixture>('gallery_g');
  before(enter);
  after(leave);

  it('the fixture was made at the scale the examples run with', () => {
    assert.equal(fx.scale, Number(SCALE));
  });

  it('CUBA.ts (random): synapse counts, spike count, active neurons and the final population means of v, ge, gi within Brian2’s spread', async () => {
    seed(1);
    const objects = await runExample('CUBA.ts');
    const [Ce, Ci] = only(objects, Synapses).sort((a, b) => b.N - a.N);
    const M = only(objects, SpikeMonitor)[0]!;
    const runs = fx.CUBA;
    const col = (k: keyof Fixture['CUBA'][number]): number[] => runs.map((r) => r[k]);
    // binomial synapse counts: 3200·4000·0.02 (sd 354) and 800·4000·0.02 (sd 177)
    assertWithinSpread(Ce!.N, col('synapses_e'), 'excitatory synapses', { floor: 354 });
    assertWithinSpread(Ci!.N, col('synapses_i'), 'inhibitory synapses', { floor: 177 });
    assertWithinSpread(M.numSpikes, col('num_spikes'), 'spikes', { floor: countFloor(col('num_spikes')) });
    assertWithinSpread(Array.from(M.count).filter((c) => c > 0).length, col('active'), 'neurons that fired', { floor: 10 });
    assertFinalMeans(only(objects, NeuronGroup).find((g) => g.N === 4000)!, runs);
    assertPNG(join(dir, 'CUBA.png'));
  });

  it('COBAHH.ts (random): synapse counts, the three recorded neurons’ v statistics and spikes, the final population means of v, ge, gi within Brian2’s spread', async () => {
    seed(2);
    const objects = await runExample('COBAHH.ts');
    const [Ce, Ci] = only(objects, Synapses).sort((a, b) => b.N - a.N);
    const v = only(objects, StateMonitor)[0]!.get('v').values;
    const all = v.flatMap((row) => Array.from(row));
    const m = mean(all);
    const sd = Math.sqrt(mean(all.map((x) => (x - m) ** 2)));
    let crossings = 0;
    for (const row of v) for (let k = 1; k < row.length; k++) if (row[k]! > -0.02 && row[k - 1]! <= -0.02) crossings++;
    const runs = fx.COBAHH;
    const col = (k: keyof Fixture['COBAHH'][number]): number[] => runs.map((r) => r[k]);
    assertWithinSpread(Ce!.N, col('synapses_e'), 'excitatory synapses', { floor: 354 });
    assertWithinSpread(Ci!.N, col('synapses_i'), 'inhibitory synapses', { floor: 177 });
    assertWithinSpread(m, col('v_mean'), 'mean v', { floor: 1e-3 });
    assertWithinSpread(sd, col('v_sd'), 'sd of v', { floor: 1e-3 });
    assertWithinSpread(crossings, col('crossings'), 'spikes of the recorded neurons', { floor: countFloor(col('crossings')) });
    assertFinalMeans(only(objects, NeuronGroup).find((g) => g.N === 4000)!, runs);
    assertPNG(join(dir, 'COBAHH.png'));
  });

  it('adaptive_threshold.ts (random Poisson input): spikes, v at the crossings and the mean threshold within Brian2’s spread', async () => {
    seed(3);
    const objects = await runExample('adaptive_threshold.ts');
    const M = only(objects, SpikeMonitor)[0]!;
    const mons = only(objects, StateMonitor);
    const vt = mons.find((m) => m.recordVariables.includes('vt'))!.get('vt').values[0]!;
    const v = mons.find((m) => m.recordVariables.includes('v'))!.get('v').values[0]!;
    const runs = fx.adaptive_threshold;
    const col = (k: keyof Fixture['adaptive_threshold'][number]): number[] => runs.map((r) => r[k]);
    assertWithinSpread(M.numSpikes, col('num_spikes'), 'spikes', { floor: countFloor(col('num_spikes')) });
    assertWithinSpread(mean(M.get('v').values), col('v_cross_mean'), 'mean v at threshold crossing');
    assertWithinSpread(mean(vt), col('vt_mean'), 'mean threshold');
    assertWithinSpread(mean(v), col('v_mean'), 'mean v');
    assertPNG(join(dir, 'adaptive_threshold.png'));
  });

  it('non_reliability.ts (xi noise): spikes and the spread of the first spike times within Brian2’s spread', async () => {
    seed(4);
    const S = only(await runExample('non_reliability.ts'), SpikeMonitor)[0]!;
    const first: number[] = [];
    for (let n = 0; n < 25; n++) {
      const t = Array.from(S.t_).filter((_, k) => S.i[k] === n);
      if (t.length > 0) first.push(Math.min(...t));
    }
    const m = mean(first);
    const runs = fx.non_reliability;
    const col = (k: keyof Fixture['non_reliability'][number]): number[] => runs.map((r) => r[k]);
    assertWithinSpread(S.numSpikes, col('num_spikes'), 'spikes', { floor: countFloor(col('num_spikes')) });
    assertWithinSpread(m, col('first_mean'), 'mean first spike time');
    assertWithinSpread(Math.sqrt(mean(first.map((t) => (t - m) ** 2))), col('first_sd'), 'sd of the first spike times');
    assertPNG(join(dir, 'non_reliability.png'));
  });

  it('reliability.ts (common noisy input, xi): spikes and their synchrony (1 ms bins per spike) within Brian2’s spread', async () => {
    seed(5);
    const S = only(await runExample('reliability.ts'), SpikeMonitor)[0]!;
    const bins = new Set(Array.from(S.t_, (t) => Math.floor(t / 1e-3))).size / Math.max(S.numSpikes, 1);
    const runs = fx.reliability;
    assertWithinSpread(S.numSpikes, runs.map((r) => r.num_spikes), 'spikes');
    assertWithinSpread(bins, runs.map((r) => r.bins_per_spike), '1 ms bins per spike');
    assertPNG(join(dir, 'reliability.png'));
  });

  it('phase_locking.ts (rand() initial v): spike counts of the weakly and strongly modulated halves and the recorded v within Brian2’s spread', async () => {
    seed(6);
    const objects = await runExample('phase_locking.ts');
    const S = only(objects, SpikeMonitor)[0]!;
    const v50 = only(objects, StateMonitor)[0]!.get('v').values[0]!;
    const c = Array.from(S.count);
    const runs = fx.phase_locking;
    const col = (k: keyof Fixture['phase_locking'][number]): number[] => runs.map((r) => r[k]);
    assertWithinSpread(S.numSpikes, col('num_spikes'), 'spikes', { floor: 2 });
    assertWithinSpread(sum(c.slice(0, 50)), col('count_low'), 'spikes of neurons 0-49', { floor: 2 });
    assertWithinSpread(sum(c.slice(50)), col('count_high'), 'spikes of neurons 50-99', { floor: 2 });
    assertWithinSpread(mean(v50), col('v50_mean'), 'mean v of neuron 50', { floor: 0.01 });
    assertPNG(join(dir, 'phase_locking.png'));
  });

  it('synapses/jeffress.ts (randn sound, xi noise): Brian2’s delay traces (1e-9); spikes and the active neurons per half within Brian2’s spread', async () => {
    seed(7);
    const objects = await runExample('synapses/jeffress.ts');
    const S = only(objects, SpikeMonitor)[0]!;
    const traces = only(objects, StateMonitor)[0]!.get('delay').values;
    const runs = fx.synapses_jeffress;
    const f0 = runs[0]!;
    [0, 1].forEach((k) => assertClose(every(traces[k]!, f0.delay_stride!), f0.delay![k]!, { rtol: 1e-9, atol: 1e-15, label: `delay[${k}]` }));
    const h = halves(S, Number(SCALE));
    assertWithinSpread(S.numSpikes, runs.map((r) => r.num_spikes), 'spikes', { floor: countFloor(runs.map((r) => r.num_spikes)) });
    for (const k of [0, 1]) {
      assertWithinSpread(h.count[k]!, runs.map((r) => r.count[k]!), `spikes in half ${k + 1}`, { floor: countFloor(runs.map((r) => r.count[k]!)) });
      assertWithinSpread(h.mean_i[k]!, runs.map((r) => r.mean_i[k]!), `mean index of the spiking neurons in half ${k + 1}`, { floor: 0.5 });
    }
    assertPNG(join(dir, 'jeffress.png'));
  });

  it('synapses/licklider.ts (xi noise): Brian2’s synaptic delays; spikes and the active neurons per half within Brian2’s spread', async () => {
    seed(8);
    const objects = await runExample('synapses/licklider.ts');
    const S = only(objects, SpikeMonitor)[0]!;
    const syn = only(objects, Synapses)[0]!;
    const runs = fx.synapses_licklider;
    // delay[1, [0, 99, 199, 299]] (the example's y tick labels)
    const i = syn.i.values;
    const j = syn.j.values;
    const delays = [0, 99, 199, 299].map((jj) => syn.delay.values[Array.from(i).findIndex((ii, k) => ii === 1 && j[k] === jj)]!);
    assertClose(delays, runs[0]!.delays_1, { rtol: 1e-12, label: 'delays from receptor 1' });
    const h = halves(S, 0.5 * Number(SCALE));
    assertWithinSpread(S.numSpikes, runs.map((r) => r.num_spikes), 'spikes', { floor: countFloor(runs.map((r) => r.num_spikes)) });
    for (const k of [0, 1]) {
      assertWithinSpread(h.count[k]!, runs.map((r) => r.count[k]!), `spikes in half ${k + 1}`, { floor: countFloor(runs.map((r) => r.count[k]!)) });
      assertWithinSpread(h.mean_i[k]!, runs.map((r) => r.mean_i[k]!), `mean index of the spiking neurons in half ${k + 1}`, { floor: 2 });
    }
    assertPNG(join(dir, 'licklider.png'));
  });

  it('synapses/spike_based_homeostasis.ts (random Poisson input): the plastic weight and both neurons’ rates in each stimulus window within Brian2’s spread', async () => {
    seed(9);
    const objects = await runExample('synapses/spike_based_homeostasis.ts');
    const M2 = only(objects, StateMonitor).find((m) => m.recordVariables.includes('w'))!;
    const w = M2.get('w').values[0]!;
    const t = M2.t_;
    // collect() does not keep creation order: tell the rate monitors apart by their source
    const rates = only(objects, PopulationRateMonitor);
    const target = (M2.source as unknown as Synapses).targetGroup; // M2 records the plastic synapse
    const withH = rates.find((r) => (r.source as unknown) === target)!;
    const withoutH = rates.find((r) => r !== withH)!;
    assert.ok(withH !== undefined && withoutH !== undefined);
    const step = 10 * Number(SCALE);
    const windowMean = (x: Float64Array, tt: Float64Array, k: number): number => mean(x.filter((_, n) => tt[n]! >= (k + 0.5) * step && tt[n]! < (k + 1) * step));
    const runs = fx.synapses_spike_based_homeostasis;
    for (let k = 0; k < 4; k++) {
      assertWithinSpread(windowMean(w, t, k), runs.map((r) => r.w[k]!), `w in window ${k + 1}`, { floor: 0.02 });
      assertWithinSpread(windowMean(withH.rate_, withH.t_, k), runs.map((r) => r.rate_with[k]!), `rate with homeostasis in window ${k + 1}`, { floor: 2 });
      assertWithinSpread(windowMean(withoutH.rate_, withoutH.t_, k), runs.map((r) => r.rate_without[k]!), `rate without homeostasis in window ${k + 1}`, { floor: 2 });
    }
    assert.ok(w.every((x) => x >= 0 && x <= 2), 'w stays in [0, w_max]');
    assertPNG(join(dir, 'spike_based_homeostasis.png'));
  });
});
