/**
 * Gallery F (session 6): the older random ports checked shortened (BRIAN_TS_DURATION_SCALE = 0.2,
 * the fixture's scale) against Brian2's seed-to-seed spread (fixture gallery_f.json from
 * tests/conformance/generate/gallery_f.py).
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { seed, SpikeMonitor, startScope, StateMonitor } from '../../src/index.ts';
import { loadFixture } from '../conformance/fixture.ts';
import { assertPNG, assertWithinSpread, runExample, scratchDir } from './gallery-e-util.ts';

const SCALE = 0.2;
process.env['BRIAN_TS_DURATION_SCALE'] = String(SCALE); // read once, when examples/_duration.ts loads

interface Fixture {
  Izhikevich_2003: { scale: number; runs: { seed: number; exc_spikes: number; inh_spikes: number; v0_mean: number }[] };
  stochastic_odes: { scale: number; runs: { seed: number; milstein: number[]; heun: number[] }[] };
}

const mean = (x: ArrayLike<number>): number => Array.from(x).reduce((a, b) => a + b, 0) / x.length;

describe(`examples gallery F, durations × ${SCALE} (against Brian2)`, () => {
  const { dir, enter, leave } = scratchDir();
  const fx = loadFixture<Fixture>('gallery_f');
  before(enter);
  after(leave);

  it('advanced/stochastic_odes.ts (random): the mean absolute error of Milstein and Heun at each of the eight dt within Brian2’s spread (log scale)', async () => {
    const f = fx.stochastic_odes;
    assert.equal(f.scale, SCALE);
    const k = 4 * Math.sqrt(1 + 1 / f.runs.length);
    const { errors } = (await import('../../examples/advanced/stochastic_odes.ts')) as { errors: Map<string, number[]> };
    for (const method of ['milstein', 'heun'] as const) {
      const ours = errors.get(method)!;
      assert.equal(ours.length, 8);
      ours.forEach((e, d) => {
        // the errors of one path spread over orders of magnitude: compared as log10
        assertWithinSpread(Math.log10(e), f.runs.map((r) => Math.log10(r[method][d]!)), `${method}, dt #${d}: log10 error`, { k, floor: 0.05 });
      });
    }
    // The errors fall with dt (as in Brian2's figure): at 5 µs well below those at 1 ms
    for (const method of ['milstein', 'heun']) assert.ok(errors.get(method)![7]! < errors.get(method)![0]! / 10, method);
    for (const f of ['trajectories', 'differences', 'errors']) assertPNG(join(dir, `stochastic_odes_${f}.png`));
  });

  it('frompapers/Izhikevich_2003.ts (random): excitatory and inhibitory spike counts and neuron 0’s mean v within Brian2’s spread', async () => {
    const f = fx.Izhikevich_2003;
    assert.equal(f.scale, SCALE);
    const k = 4 * Math.sqrt(1 + 1 / f.runs.length);
    startScope(); // stochastic_odes' groups stay alive; a Brian2 example is its own process
    seed(4);
    const objects = await runExample('frompapers/Izhikevich_2003.ts');
    const spikes = objects.find((o): o is SpikeMonitor => o instanceof SpikeMonitor)!;
    const state = objects.find((o): o is StateMonitor => o instanceof StateMonitor)!;
    assert.equal(spikes.source.N, 1000);
    const exc = Array.from(spikes.i).filter((i) => i < 800).length;
    const col = (key: 'exc_spikes' | 'inh_spikes' | 'v0_mean'): number[] => f.runs.map((r) => r[key]);
    assertWithinSpread(exc, col('exc_spikes'), 'excitatory spikes', { k, floor: Math.sqrt(mean(col('exc_spikes'))) });
    assertWithinSpread(spikes.numSpikes - exc, col('inh_spikes'), 'inhibitory spikes', { k, floor: Math.sqrt(mean(col('inh_spikes'))) });
    assertWithinSpread(mean(state.get('v')[0].values), col('v0_mean'), 'mean v of neuron 0', { k });
    assertPNG(join(dir, 'Izhikevich_2003.png'));
  });
});
