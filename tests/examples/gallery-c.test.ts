/**
 * Gallery C (the Brian2 examples issue 14 names): every example runs shortened
 * (BRIAN_TS_DURATION_SCALE = 0.2, the fixture's scale), writes a non-empty PNG, and matches Brian2
 * (fixture gallery_c.json, from tests/conformance/generate/gallery_c.py, which also renders
 * Brian2's own figures for the gallery page).
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertClose, loadFixture } from '../conformance/fixture.ts';
import { collect, defaultclock, ms, seed, NeuronGroup, PopulationRateMonitor, SpikeMonitor, StateMonitor, Synapses } from '../../src/index.ts';
import type { BrianObject } from '../../src/index.ts';
import { decodePNG, inkPixels } from '../../src/plot/png.test-util.ts';

const SCALE = '0.2';
process.env['BRIAN_TS_DURATION_SCALE'] = SCALE; // read once, when examples/_duration.ts loads

async function runExample(path: string): Promise<BrianObject[]> {
  defaultclock.dt = ms(0.1);
  await import(new URL(`../../examples/${path}`, import.meta.url).href);
  return [...collect()];
}

function assertPNG(path: string): void {
  assert.ok(existsSync(path), `${path} was not written`);
  assert.ok(statSync(path).size > 0, `${path} is empty`);
  const img = decodePNG(readFileSync(path));
  const ink = inkPixels(img, 0, 0, img.width, img.height);
  assert.ok(ink > 2000, `${path}: only ${ink} non-white pixels`);
}

interface Fixture {
  scale: number;
  exprel_function: { v: number[]; alpha_simple: number[]; alpha_improved: number[] };
  Brette_2004: { count: number[]; i: number[]; t: number[]; num_spikes: number };
  Jansen_Rit_1995_single_column: { samples: number; stride: number; y0: number[][]; y1: number[][]; y2: number[][] };
  Rossant_et_al_2011bis: { count: number[]; v_mean: number[]; v_std: number[] }[];
  efficient_gaussian_connectivity: Record<'naive' | 'limited' | 'divided' | 'naive_far' | 'limited_far' | 'divided_far', number>[];
  Sturzl_et_al_2000: { phi_est: number; total: number; synapses_inh: number }[];
  Brunel_Hakim_1999: { num_spikes: number; synapses: number; first_spike: number | null; peak_time: number }[];
}

/** Mean and sample standard deviation. */
function stats(values: readonly number[]): { mean: number; sd: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
  return { mean, sd };
}

describe('examples gallery C (shortened runs, against Brian2)', () => {
  const cwd = process.cwd();
  const dir = mkdtempSync(join(tmpdir(), 'brian-ts-gallery-c-'));
  const fx = loadFixture<Fixture>('gallery_c');
  before(() => process.chdir(dir));
  after(() => {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });

  it('the fixture was made at the scale the examples run with', () => {
    assert.equal(fx.scale, Number(SCALE));
  });

  it('advanced/exprel_function.ts: v exactly, the exprel rate to 1e-12, the naive rate as inaccurate as Brian2’s', async () => {
    const objects = await runExample('advanced/exprel_function.ts');
    const G = objects.find((o): o is NeuronGroup => o instanceof NeuronGroup)!;
    const f = fx.exprel_function;
    assert.deepEqual(Array.from(G.v.values), f.v);
    assertClose(G.alpha_improved.values, f.alpha_improved, { rtol: 1e-12, label: 'alpha_improved' });
    // The naive form loses accuracy near the singularity (that is the example's point): away from
    // it both agree; close to it, brian-ts's error is of the same size as Brian2's.
    const simple = G.alpha_simple.values as Float64Array;
    const exact = f.alpha_improved;
    let worstOurs = 0;
    let worstBrian = 0;
    simple.forEach((s, k) => {
      worstOurs = Math.max(worstOurs, Math.abs(s - exact[k]!) / exact[k]!);
      worstBrian = Math.max(worstBrian, Math.abs(f.alpha_simple[k]! - exact[k]!) / exact[k]!);
    });
    assert.ok(worstBrian > 1e-7 && worstOurs > 1e-7 && worstOurs < 10 * worstBrian, `worst relative errors ${worstOurs} vs Brian2 ${worstBrian}`);
    assertClose(simple.subarray(0, 100), f.alpha_simple.slice(0, 100), { rtol: 1e-6, label: 'alpha_simple away from 0' });
    assertPNG(join(dir, 'exprel_function.png'));
  });

  it('frompapers/Brette_2004.ts: spike counts of all 2000 neurons and spike times equal Brian2’s', async () => {
    const objects = await runExample('frompapers/Brette_2004.ts');
    const S = objects.find((o): o is SpikeMonitor => o instanceof SpikeMonitor)!;
    const f = fx.Brette_2004;
    assert.equal(S.numSpikes, f.num_spikes);
    assert.deepEqual(Array.from(S.count), f.count);
    assert.deepEqual(Array.from(S.i.slice(0, f.i.length)), f.i);
    assertClose(S.t_.slice(0, f.t.length), f.t, { rtol: 1e-12, atol: 1e-9, label: 't' });
    assertPNG(join(dir, 'Brette_2004.png'));
  });

  it('frompapers/Brunel_Hakim_1999.ts (random): synapses, spikes and the first population burst within Brian2’s seed-to-seed spread', async () => {
    seed(1999); // the example leaves its randomness unseeded (as Brian2's does): seeded here so the check is reproducible
    const objects = await runExample('frompapers/Brunel_Hakim_1999.ts');
    const S = objects.find((o): o is Synapses => o instanceof Synapses)!;
    const M = objects.find((o): o is SpikeMonitor => o instanceof SpikeMonitor)!;
    const R = objects.find((o): o is PopulationRateMonitor => o instanceof PopulationRateMonitor)!;
    const runs = fx.Brunel_Hakim_1999;
    // Synapses: binomial, n = N² = 25e6, p = 0.2 (sd ≈ 2000); 5 sd.
    const syn = stats(runs.map((r) => r.synapses));
    assert.ok(Math.abs(S.N - syn.mean) < 5 * 2000 + 3 * syn.sd, `${S.N} synapses vs Brian2's ${syn.mean} ± ${syn.sd}`);
    // Spike count and the time of the first burst's peak: within 4 sd of Brian2's seeds (floors for tiny spreads).
    const spikes = stats(runs.map((r) => r.num_spikes));
    assert.ok(Math.abs(M.numSpikes - spikes.mean) < 4 * Math.max(spikes.sd, 0.1 * spikes.mean), `${M.numSpikes} spikes vs Brian2's ${spikes.mean} ± ${spikes.sd}`);
    const rate = R.smoothRate('flat', ms(0.5)).values;
    let peak = 0;
    rate.forEach((v, k) => {
      if (v > rate[peak]!) peak = k;
    });
    const peakTime = R.t_[peak]!;
    const peaks = stats(runs.map((r) => r.peak_time));
    assert.ok(Math.abs(peakTime - peaks.mean) < 4 * Math.max(peaks.sd, 0.5e-3), `burst peak at ${peakTime} s vs Brian2's ${peaks.mean} ± ${peaks.sd}`);
    assertPNG(join(dir, 'Brunel_Hakim_1999.png'));
  });

  it('frompapers/Jansen_Rit_1995_single_column.ts: with numpy’s input numbers (RandomState), all six columns’ traces equal Brian2’s (1e-9)', async () => {
    const objects = await runExample('frompapers/Jansen_Rit_1995_single_column.ts');
    const sm = objects.find((o): o is StateMonitor => o instanceof StateMonitor)!;
    const f = fx.Jansen_Rit_1995_single_column;
    assert.equal(sm.t.length, f.samples);
    for (const v of ['y0', 'y1', 'y2'] as const) {
      const traces = sm.get(v).values;
      for (let k = 0; k < 6; k++) {
        const every = traces[k]!.filter((_, j) => j % f.stride === 0);
        assertClose(every, f[v][k]!, { rtol: 1e-9, atol: 1e-12, label: `${v}[${k}]` });
      }
    }
    assertPNG(join(dir, 'Jansen_Rit_1995_single_column.png'));
  });

  it('frompapers/Rossant_et_al_2011bis.ts (random): membrane potential statistics and spike counts within Brian2’s seed-to-seed spread', async () => {
    seed(2011); // the example leaves its randomness unseeded (as Brian2's does): seeded here so the check is reproducible
    const objects = await runExample('frompapers/Rossant_et_al_2011bis.ts');
    const sm = objects.find((o): o is StateMonitor => o instanceof StateMonitor)!;
    const M = objects.find((o): o is SpikeMonitor => o instanceof SpikeMonitor)!;
    const runs = fx.Rossant_et_al_2011bis;
    for (const k of [0, 1]) {
      const v = sm.get('v').get(k).values;
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      const std = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
      const m = stats(runs.map((r) => r.v_mean[k]!));
      const s = stats(runs.map((r) => r.v_std[k]!));
      assert.ok(Math.abs(mean - m.mean) < 4 * m.sd, `neuron ${k}: mean v ${mean} vs Brian2's ${m.mean} ± ${m.sd}`);
      assert.ok(Math.abs(std - s.mean) < 4 * s.sd, `neuron ${k}: sd of v ${std} vs Brian2's ${s.mean} ± ${s.sd}`);
      const c = stats(runs.map((r) => r.count[k]!));
      assert.ok(Math.abs(M.count[k]! - c.mean) < 4 * Math.max(c.sd, 1), `neuron ${k}: ${M.count[k]} spikes vs Brian2's ${c.mean} ± ${c.sd}`);
    }
    assertPNG(join(dir, 'Rossant_et_al_2011bis.png'));
  });

  it('synapses/efficient_gaussian_connectivity.ts (random): the three connection methods make Brian2’s numbers of synapses (N = 1000)', async () => {
    seed(1000); // the example leaves its randomness unseeded (as Brian2's does): seeded here so the check is reproducible
    const example = (await import(new URL('../../examples/synapses/efficient_gaussian_connectivity.ts', import.meta.url).href)) as Record<'naive' | 'limited' | 'divided', (N: number) => Synapses>;
    assertPNG(join(dir, 'efficient_gaussian_connectivity.png'));
    const runs = fx.efficient_gaussian_connectivity;
    for (const method of ['naive', 'limited', 'divided'] as const) {
      seed(1000);
      const S = example[method](1000);
      const i = S.i.values;
      const j = S.j.values;
      let far = 0;
      for (let k = 0; k < i.length; k++) if (Math.abs(i[k]! - j[k]!) >= 4) far++;
      for (const [what, ours, key] of [['synapses', S.N, method], ['synapses with |i-j| >= 4', far, `${method}_far`]] as const) {
        const s = stats(runs.map((r) => r[key]));
        assert.ok(Math.abs(ours - s.mean) < 4 * Math.max(s.sd, 3), `${method}: ${ours} ${what} vs Brian2's ${s.mean} ± ${s.sd}`);
      }
    }
  });

  it('frompapers/Sturzl_et_al_2000.ts (random): the estimated prey angle and the spike count within Brian2’s seed-to-seed spread; a polar figure', async () => {
    // The example leaves the noise unseeded (as Brian2's does); seeding it here makes the check
    // reproducible, and the fixture's 24 seeds give Brian2's spread for the same (fixed) wave.
    seed(2000);
    const objects = await runExample('frompapers/Sturzl_et_al_2000.ts');
    const monitors = objects.filter((o): o is SpikeMonitor => o instanceof SpikeMonitor);
    const command = monitors[monitors.length - 1]!;
    const inh = objects.filter((o): o is Synapses => o instanceof Synapses)[1]!;
    const runs = fx.Sturzl_et_al_2000;
    assert.equal(inh.N, runs[0]!.synapses_inh);
    const gamma = Array.from({ length: 8 }, (_, k) => ((22.5 + 45 * k) * Math.PI) / 180);
    const n = Array.from(command.count);
    const phi = Math.atan2(n.reduce((a, c, k) => a + c * Math.sin(gamma[k]!), 0), n.reduce((a, c, k) => a + c * Math.cos(gamma[k]!), 0));
    const angle = stats(runs.map((r) => r.phi_est));
    const offset = Math.abs(Math.atan2(Math.sin(phi - angle.mean), Math.cos(phi - angle.mean))); // on the circle
    assert.ok(offset < 4 * Math.max(angle.sd, 0.02), `estimated angle ${phi} vs Brian2's ${angle.mean} ± ${angle.sd}`);
    const total = stats(runs.map((r) => r.total));
    assert.ok(Math.abs(command.numSpikes - total.mean) < 4 * Math.max(total.sd, 2), `${command.numSpikes} spikes vs Brian2's ${total.mean} ± ${total.sd}`);
    assertPNG(join(dir, 'Sturzl_et_al_2000.png'));
  });
});
