/**
 * Gallery F (session 6): the older random frompapers/ and advanced/ ports that run at full length,
 * against Brian2's seed-to-seed spread (fixture gallery_f.json from
 * tests/conformance/generate/gallery_f.py, which runs Brian2's example files with a dozen seeds).
 * Each example is seeded by the test before its import (Brian2's originals leave the seed open),
 * so the checks are the same on every machine.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { EventMonitor, seed, SpikeMonitor, StateMonitor } from '../../src/index.ts';
import type { BrianObject } from '../../src/index.ts';
import { loadFixture } from '../conformance/fixture.ts';
import { assertPNG, assertWithinSpread, runExample, scratchDir } from './gallery-e-util.ts';

process.env['BRIAN_TS_DURATION_SCALE'] = '1'; // read once, when examples/_duration.ts loads

interface Fixture {
  Ornstein_Uhlenbeck: { runs: { seed: number; first_mean: number[]; last_mean: number[]; last_sd: number[] }[] };
  custom_events: { runs: { seed: number; spikes: number; gspikes: number; x_mean: number; y_mean: number; v_mean: number; g_mean: number }[] };
  Diesmann_et_al_1999: { runs: { seed: number; counts: number[]; times: number[] }[] };
}

const mean = (x: ArrayLike<number>): number => Array.from(x).reduce((a, b) => a + b, 0) / x.length;
const sd = (x: ArrayLike<number>): number => {
  const m = mean(x);
  return Math.sqrt(Array.from(x).reduce((a, b) => a + (b - m) ** 2, 0) / x.length);
};
const stateMonitors = (objects: readonly BrianObject[]): StateMonitor[] => objects.filter((o): o is StateMonitor => o instanceof StateMonitor);

describe('examples gallery F, full length (against Brian2)', () => {
  const { dir, enter, leave } = scratchDir();
  const fx = loadFixture<Fixture>('gallery_f');
  before(enter);
  after(leave);

  it('advanced/Ornstein_Uhlenbeck.ts (random): the decay over the first second and the stationary mean and sd of both processes within Brian2’s spread', async () => {
    const runs = fx.Ornstein_Uhlenbeck.runs;
    const k = 4 * Math.sqrt(1 + 1 / runs.length);
    seed(1);
    const [M] = stateMonitors(await runExample('advanced/Ornstein_Uhlenbeck.ts'));
    assert.ok(M !== undefined);
    const t = M.t_;
    for (const n of [0, 1]) {
      const y = M.get('y').get(n).values;
      const first = y.filter((_, j) => t[j]! < 1);
      const last = y.filter((_, j) => t[j]! >= 5);
      assertWithinSpread(mean(first), runs.map((r) => r.first_mean[n]!), `y[${n}] mean over 0-1 s`, { k });
      assertWithinSpread(mean(last), runs.map((r) => r.last_mean[n]!), `y[${n}] mean over 5-10 s`, { k });
      assertWithinSpread(sd(last), runs.map((r) => r.last_sd[n]!), `y[${n}] sd over 5-10 s`, { k });
    }
    assertPNG(join(dir, 'Ornstein_Uhlenbeck.png'));
  });

  it('advanced/custom_events.ts (random): spikes, gspike events and the mean traces of G and H within Brian2’s spread', async () => {
    const runs = fx.custom_events.runs;
    const k = 4 * Math.sqrt(1 + 1 / runs.length);
    seed(2);
    const objects = await runExample('advanced/custom_events.ts');
    const spikes = objects.find((o): o is SpikeMonitor => o instanceof SpikeMonitor)!;
    const gspikes = objects.find((o): o is EventMonitor => o instanceof EventMonitor && !(o instanceof SpikeMonitor) && o.event === 'gspike')!;
    const [Mstate, MHstate] = stateMonitors(objects);
    assert.ok(spikes !== undefined && gspikes !== undefined && Mstate !== undefined && MHstate !== undefined);
    const col = (key: 'spikes' | 'gspikes' | 'x_mean' | 'y_mean' | 'v_mean' | 'g_mean'): number[] => runs.map((r) => r[key]);
    assertWithinSpread(spikes.numSpikes, col('spikes'), 'spikes of G', { k, floor: 1 });
    assertWithinSpread(gspikes.numEvents, col('gspikes'), 'gspike events of G', { k, floor: 1 });
    assertWithinSpread(mean(Mstate.get('v')[0].values), col('v_mean'), 'mean v of G', { k });
    assertWithinSpread(mean(Mstate.get('g')[0].values), col('g_mean'), 'mean g of G', { k });
    assertWithinSpread(mean(MHstate.get('x')[0].values), col('x_mean'), 'mean x of H', { k });
    assertWithinSpread(mean(MHstate.get('y')[0].values), col('y_mean'), 'mean y of H', { k });
    assertPNG(join(dir, 'custom_events.png'));
  });

  it('frompapers/Diesmann_et_al_1999.ts (random): the spike count and mean spike time of each of the 10 groups of the synfire chain within Brian2’s spread', async () => {
    const runs = fx.Diesmann_et_al_1999.runs;
    const k = 4 * Math.sqrt(1 + 1 / runs.length);
    seed(3);
    const objects = await runExample('frompapers/Diesmann_et_al_1999.ts');
    const M = objects.find((o): o is SpikeMonitor => o instanceof SpikeMonitor && o.source.N === 1000)!;
    assert.ok(M !== undefined);
    const t = M.t_;
    for (let g = 0; g < 10; g++) {
      const inGroup = Array.from(M.i, (i, j) => (Math.trunc(i / 100) === g ? t[j]! * 1000 : NaN)).filter((x) => !Number.isNaN(x));
      const counts = runs.map((r) => r.counts[g]!);
      // floor: a count's Poisson spread (the background firing of a group is a few spikes)
      assertWithinSpread(inGroup.length, counts, `group ${g} spike count`, { k, floor: Math.sqrt(Math.max(1, mean(counts))) });
      const times = runs.map((r) => r.times[g]!);
      if (inGroup.length > 0 && times.every((x) => x >= 0)) {
        assertWithinSpread(mean(inGroup), times, `group ${g} mean spike time (ms)`, { k, floor: 0.5 });
      }
    }
    assertPNG(join(dir, 'Diesmann_et_al_1999.png'));
  });
});
