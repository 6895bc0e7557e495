/**
 * Gallery E, the examples that run shortened here (BRIAN_TS_DURATION_SCALE = 0.2, the fixture's
 * scale): each runs, writes a non-empty PNG, and matches Brian2 (fixture gallery_e.json from
 * tests/conformance/generate/gallery_e.py); random ones by statistics within Brian2's
 * seed-to-seed spread.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SpikeMonitor, StateMonitor, Synapses } from '../../src/index.ts';
import { assertPNG, assertWithinSpread, fixture, runExample, scratchDir } from './gallery-e-util.ts';

const SCALE = '0.2';
process.env['BRIAN_TS_DURATION_SCALE'] = SCALE; // read once, when examples/_duration.ts loads

interface TumRun {
  seed: number;
  ee_synapses: number;
  ei_synapses: number;
  ee_A_mean: number;
  ee_U_mean: number;
  ee_tau_rec_mean: number;
  ei_tau_facil_mean: number;
  ei_U_mean: number;
  exc_spikes: number;
  inh_spikes: number;
  x_mean: number;
  activity_max: number;
  busy_bins: number;
}
interface Fixture {
  Tsodyks_Uziel_Markram_2000: { scale: number; runs: TumRun[] };
}

describe('examples gallery E, shortened (against Brian2)', () => {
  const { dir, enter, leave } = scratchDir();
  const fx = fixture<Fixture>();
  before(enter);
  after(leave);

  it('frompapers/Tsodyks_Uziel_Markram_2000.ts (random, seeded by the example): synapse counts, the truncated-normal parameters, spike counts and the recovered fraction within Brian2’s spread', async () => {
    const f = fx.Tsodyks_Uziel_Markram_2000;
    assert.equal(f.scale, Number(SCALE));
    const objects = await runExample('frompapers/Tsodyks_Uziel_Markram_2000.ts');
    const syn = (name: string): Synapses => objects.find((o): o is Synapses => o instanceof Synapses && o.name === name)!;
    const ee = syn('ee_synapses');
    const ei = syn('ei_synapses');
    const mean = (x: ArrayLike<number>): number => Array.from(x).reduce((a, b) => a + b, 0) / x.length;
    const col = (key: keyof TumRun): number[] => f.runs.map((r) => r[key]);
    // connect(p=0.1): binomial counts (n = 160000 and 40000), floors from the binomial sd
    assertWithinSpread(ee.N, col('ee_synapses'), 'ee synapses', { floor: Math.sqrt(160000 * 0.09) });
    assertWithinSpread(ei.N, col('ei_synapses'), 'ei synapses', { floor: Math.sqrt(40000 * 0.09) });
    // the truncated normal draws (scipy's truncnorm in Brian2's example, rejection here): their means
    assertWithinSpread(mean(ee.A.values as ArrayLike<number>), col('ee_A_mean'), 'mean A (ee)');
    assertWithinSpread(mean(ee.U.values as ArrayLike<number>), col('ee_U_mean'), 'mean U (ee)');
    assertWithinSpread(mean(ee.tau_rec.values as ArrayLike<number>), col('ee_tau_rec_mean'), 'mean tau_rec (ee)');
    assertWithinSpread(mean(ei.U.values as ArrayLike<number>), col('ei_U_mean'), 'mean U (ei)');
    assertWithinSpread(mean(ei.tau_facil.values as ArrayLike<number>), col('ei_tau_facil_mean'), 'mean tau_facil (ei)');
    // the activity over the (shortened) recording: network bursts make these vary a lot from seed to seed
    const monitors = objects.filter((o): o is SpikeMonitor => o instanceof SpikeMonitor);
    const exc = monitors.find((m) => m.source.name === 'exc_neurons')!;
    const inh = monitors.find((m) => m.source.name === 'inh_neurons')!;
    assertWithinSpread(exc.numSpikes, col('exc_spikes'), 'excitatory spikes');
    assertWithinSpread(inh.numSpikes, col('inh_spikes'), 'inhibitory spikes');
    const x = objects.find((o): o is StateMonitor => o instanceof StateMonitor)!.get('x').values;
    assertWithinSpread(x.reduce((s, trace) => s + mean(trace), 0) / x.length, col('x_mean'), 'mean recovered fraction x (ee)');
    assertPNG(join(dir, 'Tsodyks_Uziel_Markram_2000.png'));
  });
});
