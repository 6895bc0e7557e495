/**
 * Gallery G, synapses/STDP (1000 Poisson inputs onto one neuron through additive STDP) shortened
 * to 5 s (BRIAN_TS_DURATION_SCALE = 0.05; the full example runs 100 s), against Brian2's
 * seed-to-seed spread (fixture gallery_g.json, tests/conformance/generate/gallery_g.py, which runs
 * Brian2's example file with the same scale, cython target).
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadFixture } from '../conformance/fixture.ts';
import { seed, SpikeMonitor, Synapses } from '../../src/index.ts';
import { assertPNG, assertWithinSpread, runExample, scratchDir } from './gallery-e-util.ts';

const SCALE = '0.05';
process.env['BRIAN_TS_DURATION_SCALE'] = SCALE; // read once, when examples/_duration.ts loads
process.env['BRIAN_TS_REPORT'] = 'none';

interface Fixture {
  stdp_scale: number;
  synapses_STDP: Record<'mean_w' | 'sd_w' | 'high' | 'low' | 'input_spikes', number>[];
}

describe(`examples gallery G, synapses/STDP (durations × ${SCALE}, against Brian2)`, () => {
  const { dir, enter, leave } = scratchDir();
  const fx = loadFixture<Fixture>('gallery_g');
  before(enter);
  after(leave);

  it('synapses/STDP.ts (random): the weight distribution (mean, sd, fractions near 0 and gmax) and the input spikes within Brian2’s spread', async () => {
    assert.equal(fx.stdp_scale, Number(SCALE));
    seed(13);
    const objects = await runExample('synapses/STDP.ts');
    const S = objects.find((o): o is Synapses => o instanceof Synapses)!;
    const input = objects.find((o): o is SpikeMonitor => o instanceof SpikeMonitor)!;
    const gmax = 0.01;
    const w = Array.from(S.w.values as Float64Array, (x) => x / gmax);
    const mean = w.reduce((a, b) => a + b, 0) / w.length;
    const sd = Math.sqrt(w.reduce((a, b) => a + (b - mean) ** 2, 0) / w.length);
    const runs = fx.synapses_STDP;
    const col = (k: keyof (typeof runs)[number]): number[] => runs.map((r) => r[k]);
    assertWithinSpread(mean, col('mean_w'), 'mean w/gmax', { floor: 0.01 });
    assertWithinSpread(sd, col('sd_w'), 'sd of w/gmax', { floor: 0.01 });
    assertWithinSpread(w.filter((x) => x > 0.9).length / w.length, col('high'), 'fraction above 0.9 gmax', { floor: 0.01 });
    assertWithinSpread(w.filter((x) => x < 0.1).length / w.length, col('low'), 'fraction below 0.1 gmax', { floor: 0.01 });
    // 1000 inputs at 15 Hz: Poisson, sd ≈ 274 over 5 s
    assertWithinSpread(input.numSpikes, col('input_spikes'), 'input spikes', { floor: 274 });
    assertPNG(join(dir, 'STDP.png'));
  });
});
