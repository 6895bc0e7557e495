/**
 * The seed's first two programs (examples/seed/, copies of ../shared/acceptance/, unchanged) run
 * as a user runs them, and give Brian2's numbers (fixtures seed1.json and seed2.json).
 *
 * Harness: each example is imported in-process (its top level runs the simulation, then saves
 * its figures). The example's objects are found through the magic network's `collect()` (the
 * objects created since the example's `startScope()`), so their recordings can be compared. The
 * working directory is a temporary folder, so the PNGs land there, not in the checkout; each must
 * exist, be a PNG of the figure's size, have ink inside the plot area and text (dark pixels)
 * where the axis labels are.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertClose, loadFixture } from '../conformance/fixture.ts';
import { collect, NeuronGroup, PoissonGroup, SpikeMonitor, StateMonitor, Synapses } from '../../src/index.ts';
import type { BrianObject } from '../../src/index.ts';
import { decodePNG, darkPixels, inkPixels } from '../../src/plot/png.test-util.ts';

async function runExample(file: string): Promise<{ objects: BrianObject[] }> {
  const url = new URL(`../../examples/seed/${file}`, import.meta.url).href;
  await import(url);
  return { objects: collect() };
}

/**
 * The PNG a seed program saved (default figure: 640×480 at scale 2): non-trivial ink inside the
 * plot area, and dark text pixels below it (x label) and left of it (rotated y label).
 */
function assertFigure(path: string): void {
  assert.ok(existsSync(path), `${path} was not written`);
  const img = decodePNG(readFileSync(path));
  assert.deepEqual([img.width, img.height], [1280, 960], `${path} size`);
  const ink = inkPixels(img, 260, 80, 2400 / 2, 820);
  assert.ok(ink > 5000, `${path}: only ${ink} non-white pixels in the plot area`);
  const xLabel = darkPixels(img, 540, 900, 800, 960);
  assert.ok(xLabel > 150, `${path}: no x-axis label text (${xLabel} dark pixels)`);
  const yLabel = darkPixels(img, 0, 300, 60, 700);
  assert.ok(yLabel > 150, `${path}: no y-axis label text (${yLabel} dark pixels)`);
}

function only<T>(objects: readonly BrianObject[], cls: abstract new (...args: never[]) => T, what: string): T {
  const found = objects.filter((o): o is BrianObject & T => o instanceof cls);
  assert.equal(found.length, 1, `expected one ${what} in the example, found ${found.length}`);
  return found[0]!;
}

describe('examples/seed (the acceptance programs, unchanged)', () => {
  const cwd = process.cwd();
  const dir = mkdtempSync(join(tmpdir(), 'brian-ts-seed-'));
  before(() => process.chdir(dir));
  after(() => {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });

  it('seed-1-lif.ts simulates Brian2’s 500-sample trace (1e-9 relative)', async () => {
    const fx = loadFixture<{ v_V: number[]; monitor_t_s: number[] }>('seed1');
    const { objects } = await runExample('seed-1-lif.ts');
    const M = only(objects, StateMonitor, 'StateMonitor') as unknown as StateMonitor<'v'>;
    assertClose(M.t.values, fx.monitor_t_s, { rtol: 1e-12, label: 'M.t' });
    assertClose(M.v[0].values, fx.v_V, { rtol: 1e-9, label: 'M.v[0]' });
    assertFigure(join(dir, 'seed-1-lif.png'));
  });

  it('seed-2-population.ts gives Brian2’s 7682 spikes with identical counts per neuron', async () => {
    const fx = loadFixture<{ num_spikes: number; count: number[]; I_V: number[] }>('seed2');
    const { objects } = await runExample('seed-2-population.ts');
    const M = only(objects, SpikeMonitor, 'SpikeMonitor');
    const G = only(objects, NeuronGroup, 'NeuronGroup');
    assert.equal(M.numSpikes, 7682);
    assert.deepEqual(Array.from(M.count), fx.count);
    assertClose(G.I.values, fx.I_V, { rtol: 1e-12, label: 'G.I' });
    assertFigure(join(dir, 'seed-2-raster.png'));
    assertFigure(join(dir, 'seed-2-fi-curve.png'));
  });

  it('seed-3-stdp.ts runs 10 s of STDP; its statistics are within Brian2’s seed-to-seed spread', async () => {
    // Random (Poisson inputs, rand() weights): compared with Brian2's STDP example run with four
    // seeds (fixture seed3.json). A brian-ts run is a new draw, so each statistic must lie within
    // 4·s·√(1 + 1/n) of Brian2's mean (s: Brian2's standard deviation over n seeds), with floors for
    // near-degenerate spreads.
    const fx = loadFixture<{ runs: { input_spikes: number; output_spikes: number; mean_w: number; low: number; high: number }[] }>('seed3');
    const started = performance.now();
    const { objects } = await runExample('seed-3-stdp.ts');
    const elapsed = performance.now() - started;
    const S = only(objects, Synapses, 'Synapses');
    const input = only(objects, PoissonGroup, 'PoissonGroup');
    const post = objects.filter((o): o is NeuronGroup => o instanceof NeuronGroup && o.N === 1 && o.name !== input.name);
    assert.equal(post.length >= 1, true);
    const spikes = objects.filter((o): o is SpikeMonitor => o instanceof SpikeMonitor && o.source === input);
    assert.equal(spikes.length, 1, 'the example records the input spikes');
    const mon = objects.filter((o): o is StateMonitor => o instanceof StateMonitor && o.source === S);
    assert.equal(mon.length, 1);
    assert.equal(S.N, 1000);
    const gmax = 0.01;
    const w = Array.from(S.w.values as Float64Array, (x: number) => x / gmax);
    assert.ok(w.every((x) => x >= 0 && x <= 1), 'weights stay within [0, gmax]');
    assert.equal(mon[0]!.t.values.length, 100000, '10 s at dt = 0.1 ms');
    const stats = {
      input_spikes: spikes[0]!.numSpikes,
      mean_w: w.reduce((a, b) => a + b, 0) / w.length,
      low: w.filter((x) => x < 0.1).length / w.length,
      high: w.filter((x) => x > 0.9).length / w.length,
    };
    const floors = { input_spikes: 5 * Math.sqrt(150000), mean_w: 0.01, low: 0.01, high: 0.01 };
    for (const key of ['input_spikes', 'mean_w', 'low', 'high'] as const) {
      const values = fx.runs.map((r) => r[key]);
      const n = values.length;
      const m = values.reduce((a, b) => a + b, 0) / n;
      const sd = Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1));
      const tol = Math.max(4 * sd * Math.sqrt(1 + 1 / n), floors[key]);
      assert.ok(Math.abs(stats[key] - m) <= tol, `${key}: brian-ts ${stats[key]}, Brian2 ${m} ± ${sd} (n = ${n}), tolerance ${tol}`);
    }
    assert.ok(elapsed < 30000, `seed 3 took ${elapsed} ms`);
    assertFigure(join(dir, 'seed-3-weights.png'));
    if (process.env["BRIAN_TS_VERBOSE"] !== undefined) console.log("seed-3 statistics", stats, `${elapsed.toFixed(0)} ms`);
  });
});
