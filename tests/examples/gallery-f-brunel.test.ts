/**
 * Gallery F (session 6): frompapers/Brunel_2000.ts shortened (BRIAN_TS_DURATION_SCALE = 0.05: the
 * panels run 30 and 60 ms; 12,500 neurons and 15.6 million synapses each) against Brian2's
 * seed-to-seed spread (fixture gallery_f.json from tests/conformance/generate/gallery_f.py,
 * Brian2's example file run with four seeds at the same scale).
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { seed } from '../../src/index.ts';
import { loadFixture } from '../conformance/fixture.ts';
import { assertPNG, assertWithinSpread, scratchDir } from './gallery-e-util.ts';

const SCALE = 0.05;
process.env['BRIAN_TS_DURATION_SCALE'] = String(SCALE); // read once, when examples/_duration.ts loads

interface Panel {
  exc_synapses: number;
  inhib_synapses: number;
  monitored_spikes: number;
  population_spikes: number;
}

describe(`frompapers/Brunel_2000.ts, durations × ${SCALE} (against Brian2)`, () => {
  const { dir, enter, leave } = scratchDir();
  const f = loadFixture<{ Brunel_2000: { scale: number; runs: { seed: number; panels: Panel[] }[] } }>('gallery_f').Brunel_2000;
  before(enter);
  after(leave);

  it('(random) each panel’s synapse counts, the monitored neurons’ spikes and the population’s spike count within Brian2’s spread', async () => {
    assert.equal(f.scale, SCALE);
    const k = 4 * Math.sqrt(1 + 1 / f.runs.length);
    const mean = (x: readonly number[]): number => x.reduce((a, b) => a + b, 0) / x.length;
    seed(6);
    const { results } = await import('../../examples/frompapers/Brunel_2000.ts');
    assert.deepEqual(results.map((r) => r.panel), ['A', 'B', 'C', 'D']);
    results.forEach((ours, p) => {
      const col = (key: keyof Panel): number[] => f.runs.map((r) => r.panels[p]![key]);
      const floor = (key: keyof Panel): number => Math.sqrt(Math.max(1, mean(col(key)))); // a count's Poisson spread
      // connect(p=0.1): binomial counts (10000 x 12500 and 2500 x 12500 pairs)
      assertWithinSpread(ours.excSynapses, col('exc_synapses'), `${ours.panel}: excitatory synapses`, { k, floor: Math.sqrt(10000 * 12500 * 0.09) });
      assertWithinSpread(ours.inhibSynapses, col('inhib_synapses'), `${ours.panel}: inhibitory synapses`, { k, floor: Math.sqrt(2500 * 12500 * 0.09) });
      assertWithinSpread(ours.monitoredSpikes, col('monitored_spikes'), `${ours.panel}: spikes of the 50 monitored neurons`, { k, floor: floor('monitored_spikes') });
      assertWithinSpread(ours.populationSpikes, col('population_spikes'), `${ours.panel}: population spikes`, { k, floor: floor('population_spikes') });
    });
    for (const p of ['A', 'B', 'C', 'D']) assertPNG(join(dir, `Brunel_2000_${p}.png`));
  });
});
