/**
 * Gallery E, Stimberg et al. 2018 example 2 against Brian2 (fixture gallery_e.json from
 * tests/conformance/generate/gallery_e.py). (Its 100x slowness was this test's own standard
 * deviation, which recomputed the mean for every sample.)
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { assertClose } from '../conformance/fixture.ts';
import { assertPNG, assertWithinSpread, every, fixture, runExample, scratchDir } from './gallery-e-util.ts';

interface Fixture {
  Stimberg_et_al_2018_example_2: {
    stride: number;
    samples: number;
    Gamma_A: number[];
    C: number[];
    h: number[];
    I: number[];
    runs: { seed: number; C_mean: number; C_sd: number; I_mean: number; I_sd: number; h_mean: number; C0_mean: number }[];
  };
}

describe('examples gallery E, Stimberg 2018 example 2 (against Brian2)', () => {
  const { dir, enter, leave } = scratchDir();
  const fx = fixture<Fixture>();
  before(enter);
  after(leave);

  it('frompapers/Stimberg_et_al_2018/example_2_gchi_astrocyte.ts: the deterministic astrocyte’s traces equal Brian2’s; the stochastic one’s C, I and h statistics lie within Brian2’s seed-to-seed spread', async () => {
    await runExample('frompapers/Stimberg_et_al_2018/example_2_gchi_astrocyte.ts');
    const { astro_mon } = (await import('../../examples/frompapers/Stimberg_et_al_2018/example_2_gchi_astrocyte.ts')) as typeof import('../../examples/frompapers/Stimberg_et_al_2018/example_2_gchi_astrocyte.ts');
    const f = fx.Stimberg_et_al_2018_example_2;
    assert.equal(astro_mon.t.length, f.samples);
    for (const v of ['Gamma_A', 'C', 'h', 'I'] as const) {
      const trace = astro_mon.get(v).values[0]!;
      assertClose(every(trace, f.stride), f[v], { rtol: 1e-9, atol: 1e-12 * Math.max(...f[v].map(Math.abs)), label: `deterministic astrocyte ${v}` });
    }
    const mean = (x: ArrayLike<number>): number => Array.from(x).reduce((a, b) => a + b, 0) / x.length;
    const sd = (x: ArrayLike<number>): number => {
      const m = mean(x); // once: inside the map it made the test quadratic in the trace length
      return Math.sqrt(mean(Array.from(x, (v) => (v - m) ** 2)));
    };
    const C = astro_mon.C.values[1]!;
    const I = astro_mon.I.values[1]!;
    const col = (key: 'C_mean' | 'C_sd' | 'I_mean' | 'I_sd' | 'h_mean'): number[] => f.runs.map((r) => r[key]);
    assertWithinSpread(mean(C), col('C_mean'), 'stochastic astrocyte: mean C');
    assertWithinSpread(sd(C), col('C_sd'), 'stochastic astrocyte: sd of C');
    assertWithinSpread(mean(I), col('I_mean'), 'stochastic astrocyte: mean I');
    assertWithinSpread(sd(I), col('I_sd'), 'stochastic astrocyte: sd of I');
    assertWithinSpread(mean(astro_mon.h.values[1]!), col('h_mean'), 'stochastic astrocyte: mean h');
    assertPNG(join(dir, 'example_2_gchi_astrocyte.png'));
  });

});
