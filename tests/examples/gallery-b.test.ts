/**
 * Gallery B (examples/synapses/{gapjunctions, nonlinear, continuous_interaction},
 * examples/frompapers/{Tsodyks_Pawelzik_Markram_1998, Izhikevich_2007}): every example runs
 * shortened and writes non-empty PNGs, and matches Brian2 (fixture gallery_b.json, same shortening).
 * The other synapses/ examples are compared in gallery-g*.test.ts; frompapers/Diesmann_et_al_1999,
 * Vogels_et_al_2011 and Brunel_2000 (which ran here as child-process smoke tests) in
 * gallery-f*.test.ts (session 6).
 *
 * Harness: the examples are imported in-process with BRIAN_TS_DURATION_SCALE = 0.2 (the
 * fixture's scale); their objects are found through `collect()` (objects created since the
 * example's `startScope()`). Working directories are temporary folders.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertClose, loadFixture } from '../conformance/fixture.ts';
import { collect, defaultclock, ms, SpikeMonitor, StateMonitor, Synapses } from '../../src/index.ts';
import type { BrianObject } from '../../src/index.ts';
import { decodePNG, inkPixels } from '../../src/plot/png.test-util.ts';

const SCALE = '0.2';
process.env['BRIAN_TS_DURATION_SCALE'] = SCALE; // read once, when examples/_duration.ts loads


/** Imports an example (runs it) with the default clock reset, and returns the objects it created. */
async function runExample(path: string): Promise<BrianObject[]> {
  defaultclock.dt = ms(0.1); // jeffress and licklider change it, as in Brian2
  await import(new URL(`../../examples/${path}`, import.meta.url).href);
  return [...collect()];
}

/** The PNG exists, decodes, and has ink (non-white pixels) beyond a blank frame. */
function assertPNG(path: string): void {
  assert.ok(existsSync(path), `${path} was not written`);
  assert.ok(statSync(path).size > 0, `${path} is empty`);
  const img = decodePNG(readFileSync(path));
  const ink = inkPixels(img, 0, 0, img.width, img.height);
  assert.ok(ink > 2000, `${path}: only ${ink} non-white pixels`);
}

function monitors(objects: readonly BrianObject[]): StateMonitor[] {
  return objects.filter((o): o is StateMonitor => o instanceof StateMonitor);
}

/** Every `stride`-th sample, as the fixture keeps them. */
function every(values: Float64Array, stride: number): Float64Array {
  return values.filter((_, k) => k % stride === 0);
}

interface Fixture {
  scale: number;
  stride: number;
  gapjunctions: { samples: number; v0: number[]; v5: number[]; final_v: number[] };
  nonlinear: { samples: number; g_syn0: number[]; g_syn1: number[]; g: number[]; final_x: number[]; final_g_syn: number[] };
  continuous_interaction: { samples: number; vm0: number[]; vm1: number[]; s0: number[]; s_in1: number[] };
  Tsodyks_Pawelzik_Markram_1998: Record<'A' | 'B' | 'C', { samples: number; v: number[] }>;
  Izhikevich_2007: { samples: number; s: number[]; c: number[]; d: number[]; spike_t: number[]; spike_i: number[] };
}

describe('examples gallery B (shortened runs)', () => {
  const cwd = process.cwd();
  const dir = mkdtempSync(join(tmpdir(), 'brian-ts-gallery-b-'));
  const fx = loadFixture<Fixture>('gallery_b');
  before(() => process.chdir(dir));
  after(() => {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });

  it('the fixture was made at the scale the examples run with', () => {
    assert.equal(fx.scale, Number(SCALE));
  });

  it('synapses/gapjunctions.ts matches Brian2’s v traces (1e-9 relative)', async () => {
    const [trace] = monitors(await runExample('synapses/gapjunctions.ts'));
    assert.ok(trace !== undefined);
    const f = fx.gapjunctions;
    assert.equal(trace.t.values.length, f.samples);
    const v = trace.get('v').values;
    assertClose(every(v[0]!, fx.stride), f.v0, { rtol: 1e-9, atol: 1e-12, label: 'v[0]' });
    assertClose(every(v[1]!, fx.stride), f.v5, { rtol: 1e-9, atol: 1e-12, label: 'v[5]' });
    assertPNG(join(dir, 'gapjunctions.png'));
  });

  it('synapses/nonlinear.ts matches Brian2’s NMDA conductances (1e-9 relative)', async () => {
    const objects = await runExample('synapses/nonlinear.ts');
    const S = objects.find((o): o is Synapses => o instanceof Synapses);
    const [M, Mn] = monitors(objects);
    assert.ok(S !== undefined && M !== undefined && Mn !== undefined);
    const f = fx.nonlinear;
    assert.equal(M.t.values.length, f.samples);
    const g = M.get('g').values;
    assertClose(every(g[0]!, fx.stride), f.g_syn0, { rtol: 1e-9, atol: 1e-12, label: 'M.g[0]' });
    assertClose(every(g[1]!, fx.stride), f.g_syn1, { rtol: 1e-9, atol: 1e-12, label: 'M.g[1]' });
    assertClose(every(Mn.get('g').values[0]!, fx.stride), f.g, { rtol: 1e-9, atol: 1e-12, label: 'Mn.g[0]' });
    assertClose(S.x.values as Float64Array, f.final_x, { rtol: 1e-9, atol: 1e-12, label: 'S.x' });
    assertClose(S.g_syn.values as Float64Array, f.final_g_syn, { rtol: 1e-9, atol: 1e-12, label: 'S.g_syn' });
    assertPNG(join(dir, 'nonlinear.png'));
  });

  it('synapses/continuous_interaction.ts matches Brian2’s Traub-Miles traces (1e-7 relative)', async () => {
    const [mon] = monitors(await runExample('synapses/continuous_interaction.ts'));
    assert.ok(mon !== undefined);
    const f = fx.continuous_interaction;
    assert.equal(mon.t.values.length, f.samples);
    const opts = { rtol: 1e-7, atol: 1e-12 };
    assertClose(every(mon.get('vm').values[0]!, fx.stride), f.vm0, { ...opts, label: 'vm[0]' });
    assertClose(every(mon.get('vm').values[1]!, fx.stride), f.vm1, { ...opts, label: 'vm[1]' });
    assertClose(every(mon.get('s').values[0]!, fx.stride), f.s0, { ...opts, label: 's[0]' });
    assertClose(every(mon.get('s_in').values[1]!, fx.stride), f.s_in1, { ...opts, label: 's_in[1]' });
    assertPNG(join(dir, 'continuous_interaction.png'));
  });

  it('frompapers/Tsodyks_Pawelzik_Markram_1998.ts matches Brian2’s three panels (1e-9 relative)', async () => {
    const mons = monitors(await runExample('frompapers/Tsodyks_Pawelzik_Markram_1998.ts'));
    assert.equal(mons.length, 3);
    (['A', 'B', 'C'] as const).forEach((panel, k) => {
      const f = fx.Tsodyks_Pawelzik_Markram_1998[panel];
      assert.equal(mons[k]!.t.values.length, f.samples, `panel ${panel} samples`);
      assertClose(every(mons[k]!.get('v').values[0]!, fx.stride), f.v, { rtol: 1e-9, atol: 1e-15, label: `panel ${panel} v` });
    });
    assertPNG(join(dir, 'Tsodyks_Pawelzik_Markram_1998.png'));
  });

  it('frompapers/Izhikevich_2007.ts (reward Synapses onto synapses) matches Brian2’s d, c, s traces and spikes', async () => {
    const objects = await runExample('frompapers/Izhikevich_2007.ts');
    const [mon] = monitors(objects);
    const spikes = objects.find((o): o is SpikeMonitor => o instanceof SpikeMonitor);
    assert.ok(mon !== undefined && spikes !== undefined);
    const f = fx.Izhikevich_2007;
    assert.equal(mon.t.values.length, f.samples);
    for (const name of ['d', 'c', 's'] as const) {
      assertClose(every(mon.get(name).values[0]!, fx.stride), f[name], { rtol: 1e-9, atol: 1e-15, label: name });
    }
    assertClose(spikes.t.values as Float64Array, f.spike_t, { rtol: 1e-12, atol: 1e-12, label: 'spike times' });
    assert.deepEqual(Array.from(spikes.i), f.spike_i);
    assertPNG(join(dir, 'Izhikevich_2007.png'));
  });
});
