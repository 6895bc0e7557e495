/**
 * advanced/compare_GSL_to_conventional.ts, shortened to 100 ms (BRIAN_TS_DURATION_SCALE = 0.1),
 * against Brian2 2.5.1 + GSL (fixture gallery_gsl.json from tests/conformance/generate/gallery_gsl.py).
 * The time constants are drawn with rand(), whose numbers differ from numpy's: every statistic
 * is compared with Brian2's spread over five seeds. The example's own check (GSL within 1e-6 of
 * the exact solution everywhere) holds; the PNG is written.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadFixture } from '../conformance/fixture.ts';
import { assertPNG, assertWithinSpread, scratchDir } from './gallery-e-util.ts';

process.env['BRIAN_TS_DURATION_SCALE'] = '0.1'; // read once, when examples/_duration.ts loads

interface Seed {
  seed: number;
  gsl_mean_step_count: number;
  gsl_mean_error: number;
  gsl_max_error: number;
  fixed_mean_errors: number[];
  fixed_max_errors: number[];
}
interface Fixture {
  runtime: number;
  fixed_dts: number[];
  seeds: Seed[];
  example?: { gsl_mean_step_count: number; gsl_max_error: number; dts: number[]; max_errors: number[] };
}

describe('examples: advanced/compare_GSL_to_conventional (against Brian2 + GSL)', () => {
  const { dir, enter, leave } = scratchDir();
  const fx = loadFixture<Fixture>('gallery_gsl');
  before(enter);
  after(leave);

  it('GSL rk2 steps, its errors and the fixed-step errors lie within Brian2’s seed-to-seed spread', async () => {
    const { results } = (await import(new URL('../../examples/advanced/compare_GSL_to_conventional.ts', import.meta.url).href)) as {
      results: { gslStepCounts: Float64Array; gslErrors: Float64Array; avgErrors: number[]; maxErrors: number[]; dts: { value: number }[] };
    };
    const mean = (x: ArrayLike<number>): number => Array.from(x).reduce((a, b) => a + b, 0) / x.length;
    const col = (f: (s: Seed) => number): number[] => fx.seeds.map(f);
    // The step counts are per neuron and recorded step; the first sample (t = 0) is 0 as in Brian2.
    assertWithinSpread(mean(results.gslStepCounts), col((s) => s.gsl_mean_step_count), 'GSL mean step count');
    assertWithinSpread(mean(results.gslErrors), col((s) => s.gsl_mean_error), 'GSL mean error');
    const gslMax = Math.max(...results.gslErrors);
    assert.ok(gslMax < 1e-6, `GSL maximum error ${gslMax}`);
    assertWithinSpread(gslMax, col((s) => s.gsl_max_error), 'GSL maximum error');
    // The fixed-step loop halves dt from 0.1 ms: every 2nd entry is one of the fixture's dt = 0.1 ms / 4^k.
    fx.fixed_dts.forEach((dt, k) => {
      assert.ok(Math.abs(results.dts[2 * k]!.value - dt) < 1e-15, `dt ${results.dts[2 * k]!.value} vs ${dt}`);
      assertWithinSpread(results.avgErrors[2 * k]!, col((s) => s.fixed_mean_errors[k]!), `rk2 mean error at dt = ${dt}`);
      // The maximum is set by the fastest neuron's tau, which varies much between seeds (log scale).
      assertWithinSpread(Math.log(results.maxErrors[2 * k]!), col((s) => Math.log(s.fixed_max_errors[k]!)), `rk2 maximum error at dt = ${dt} (log)`);
    });
    assertPNG(join(dir, 'compare_GSL_to_conventional.png'));
  });
});
