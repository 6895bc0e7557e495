/**
 * Gallery E, Stimberg et al. 2018 example 6 (1.3 million synapses with clock-driven variables):
 * built in full and run for 16 ms (BRIAN_TS_DURATION_SCALE = 0.002, the fixture's scale), against
 * Brian2's statistics over seeds (fixture gallery_e.json from tests/conformance/generate/gallery_e.py).
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { assertPNG, assertWithinSpread, fixture, runExample, scratchDir } from './gallery-e-util.ts';

const SCALE = '0.002';
process.env['BRIAN_TS_DURATION_SCALE'] = SCALE; // read once, when examples/_duration.ts loads

interface Fixture {
  Stimberg_et_al_2018_example_6: { scale: number; runs: Record<'seed' | 'exc_syn' | 'inh_syn' | 'astro_to_syn' | 'syn_to_astro' | 'astro_to_astro' | 'exc_spikes' | 'inh_spikes' | 'astro_spikes', number>[] };
}

describe('examples gallery E, the neuron-glia network (against Brian2)', () => {
  const { dir, enter, leave } = scratchDir();
  const fx = fixture<Fixture>();
  before(enter);
  after(leave);

  it('frompapers/Stimberg_et_al_2018/example_6_COBA_with_astro.ts (random, 16 ms): synapse counts (the astrocyte links built from index arrays), the gap junctions and the spike counts within Brian2’s spread', async () => {
    const f = fx.Stimberg_et_al_2018_example_6;
    assert.equal(f.scale, Number(SCALE));
    await runExample('frompapers/Stimberg_et_al_2018/example_6_COBA_with_astro.ts');
    const ex = (await import('../../examples/frompapers/Stimberg_et_al_2018/example_6_COBA_with_astro.ts')) as typeof import('../../examples/frompapers/Stimberg_et_al_2018/example_6_COBA_with_astro.ts');
    type Key = Exclude<keyof (typeof f.runs)[number], 'seed'>;
    const col = (key: Key): number[] => f.runs.map((r) => r[key]);
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const within = (ours: number, key: Key): void => assertWithinSpread(ours, col(key), key, { floor: Math.sqrt(Math.max(1, mean(col(key)))) });
    within(ex.exc_syn.N, 'exc_syn');
    within(ex.inh_syn.N, 'inh_syn');
    // every excitatory synapse with an astrocyte in range is linked both ways, as in Brian2
    within(ex.ecs_astro_to_syn.N, 'astro_to_syn');
    assert.equal(ex.ecs_astro_to_syn.N, ex.ecs_syn_to_astro.N);
    // the lattice is deterministic: the gap junctions are exactly Brian2's number
    assert.deepEqual(new Set(col('astro_to_astro')), new Set([ex.astro_to_astro.N]));
    within(ex.exc_mon.numSpikes, 'exc_spikes');
    within(ex.inh_mon.numSpikes, 'inh_spikes');
    within(ex.ast_mon.numSpikes, 'astro_spikes');
    assertPNG(join(dir, 'example_6_COBA_with_astro.png'));
  });
});
