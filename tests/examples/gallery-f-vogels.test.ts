/**
 * Gallery F (session 6): frompapers/Vogels_et_al_2011.ts shortened (BRIAN_TS_DURATION_SCALE = 0.02:
 * 20 ms without and 180 ms with inhibitory plasticity, 10,000 neurons, 2 million synapses) against
 * Brian2's seed-to-seed spread (fixture gallery_f.json from tests/conformance/generate/gallery_f.py,
 * Brian2's example file run with six seeds at the same scale).
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { seed, SpikeMonitor, Synapses } from '../../src/index.ts';
import { loadFixture } from '../conformance/fixture.ts';
import { assertPNG, assertWithinSpread, runExample, scratchDir } from './gallery-e-util.ts';

const SCALE = 0.02;
process.env['BRIAN_TS_DURATION_SCALE'] = String(SCALE); // read once, when examples/_duration.ts loads

interface VogelsRun {
  seed: number;
  con_e: number;
  con_ii: number;
  con_ie: number;
  spikes_before: number;
  spikes_after: number;
  w_mean: number;
}

describe(`frompapers/Vogels_et_al_2011.ts, durations × ${SCALE} (against Brian2)`, () => {
  const { dir, enter, leave } = scratchDir();
  const f = loadFixture<{ Vogels_et_al_2011: { scale: number; runs: VogelsRun[] } }>('gallery_f').Vogels_et_al_2011;
  before(enter);
  after(leave);

  it('(random) synapse counts, excitatory spike counts before and during plasticity, and the mean inhibitory weight within Brian2’s spread', async () => {
    assert.equal(f.scale, SCALE);
    const k = 4 * Math.sqrt(1 + 1 / f.runs.length);
    const col = (key: keyof VogelsRun): number[] => f.runs.map((r) => r[key]);
    const mean = (x: readonly number[]): number => x.reduce((a, b) => a + b, 0) / x.length;
    seed(5);
    const objects = await runExample('frompapers/Vogels_et_al_2011.ts');
    const synapses = objects.filter((o): o is Synapses => o instanceof Synapses);
    const conE = synapses.find((s) => s.sourceGroup.N === 8000)!;
    const conIE = synapses.find((s) => s.sourceGroup.N === 2000 && s.targetGroup.N === 8000)!;
    const conII = synapses.find((s) => s.sourceGroup.N === 2000 && s.targetGroup.N === 2000)!;
    assert.ok(conE !== undefined && conIE !== undefined && conII !== undefined);
    // connect(p=0.02): binomial counts, floors from the binomial sd
    assertWithinSpread(conE.N, col('con_e'), 'excitatory synapses', { k, floor: Math.sqrt(8000 * 10000 * 0.02 * 0.98) });
    assertWithinSpread(conII.N, col('con_ii'), 'inhibitory-inhibitory synapses', { k, floor: Math.sqrt(2000 * 2000 * 0.02 * 0.98) });
    assertWithinSpread(conIE.N, col('con_ie'), 'inhibitory-excitatory synapses', { k, floor: Math.sqrt(2000 * 8000 * 0.02 * 0.98) });
    const sm = objects.find((o): o is SpikeMonitor => o instanceof SpikeMonitor)!;
    const before = Array.from(sm.t_).filter((t) => t < SCALE - 1e-9).length;
    assertWithinSpread(before, col('spikes_before'), 'excitatory spikes without plasticity', { k, floor: Math.sqrt(mean(col('spikes_before'))) });
    assertWithinSpread(sm.numSpikes - before, col('spikes_after'), 'excitatory spikes with plasticity', { k, floor: Math.sqrt(mean(col('spikes_after'))) });
    const w = conIE.w.values as ArrayLike<number>;
    assertWithinSpread(Array.from(w).reduce((a, b) => a + b, 0) / w.length, col('w_mean'), 'mean inhibitory weight', { k });
    assertPNG(join(dir, 'Vogels_et_al_2011.png'));
  });
});
