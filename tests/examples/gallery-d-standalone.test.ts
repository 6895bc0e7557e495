/**
 * Gallery D: Brian2's standalone/ examples, which brian-ts runs without a standalone device
 * (simple_case, simple_case_build, cuba_openmp with threads; STDP_standalone in
 * gallery-d-stdp.test.ts), against Brian2 (fixture gallery_d.json). cuba_openmp is shortened
 * (BRIAN_TS_DURATION_SCALE = 0.2, the fixture's scale); the simple cases run their full 100 ms.
 * Each example runs once per process (top-level code), so this file imports each once.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertClose, loadFixture } from '../conformance/fixture.ts';
import { decodePNG, inkPixels } from '../../src/plot/png.test-util.ts';
import { lastThreadRun, seed } from '../../src/index.ts';
import type { NeuronGroup, SpikeMonitor, StateMonitor, Synapses } from '../../src/index.ts';

process.env['BRIAN_TS_DURATION_SCALE'] = '0.2'; // read once, when examples/_duration.ts loads

interface Fixture {
  simple_case: { v0_0: number[]; v0_1: number[] };
  simple_case_build: { v0_0: number[]; v0_1: number[] };
  cuba_openmp: { scale: number; runs: { exc_synapses: number; inh_synapses: number; spikes: number; exc_spikes: number }[] };
}
const fx = loadFixture<Fixture>('gallery_d');

function stats(values: readonly number[]): { mean: number; sd: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
  return { mean, sd };
}

function assertPNG(path: string): void {
  assert.ok(existsSync(path) && statSync(path).size > 0, `${path} was not written`);
  const img = decodePNG(readFileSync(path));
  assert.ok(inkPixels(img, 0, 0, img.width, img.height) > 1000, `${path}: almost blank`);
}

describe('examples gallery D: standalone/ without a standalone device', () => {
  const cwd = process.cwd();
  const dir = mkdtempSync(join(tmpdir(), 'brian-ts-gallery-d-standalone-'));
  before(() => process.chdir(dir));
  after(() => {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });

  for (const name of ['simple_case', 'simple_case_build'] as const) {
    it(`standalone/${name}.ts: each of the ten traces equals Brian2's for its random start (exact integration, linear in v0)`, async () => {
      const ex = (await import(`../../examples/standalone/${name}.ts`)) as { G: NeuronGroup; mon: StateMonitor };
      const f = fx[name];
      const traces = ex.mon.get('v').values as Float64Array[];
      assert.equal(traces.length, 10);
      for (const trace of traces) {
        const v0 = trace[0]!;
        // Brian2's trace for this start: A + v0*(B - A), from its traces for v0 = 0 (A) and 1 (B).
        const expected = f.v0_0.slice(0, trace.length).map((a, k) => a + v0 * (f.v0_1[k]! - a));
        assertClose(trace, expected, { rtol: 1e-12, atol: 1e-14, label: `${name} v0=${v0}` });
      }
      assertPNG(join(dir, `${name}.png`));
    });
  }

  it('standalone/cuba_openmp.ts (random, on 2 threads here, 4 in the example): synapses and spike counts within Brian2’s spread over 6 seeds', async () => {
    process.env['BRIAN_TS_EXAMPLE_THREADS'] = '2';
    seed(6); // the example leaves its randomness unseeded (as Brian2's does): seeded here so the check is reproducible
    const ex = (await import('../../examples/standalone/cuba_openmp.ts')) as { Ce: Synapses; Ci: Synapses; s_mon: SpikeMonitor };
    assert.equal(fx.cuba_openmp.scale, 0.2);
    const runs = fx.cuba_openmp.runs;
    // Synapses: binomial, n = 3200*4000 and 800*4000, p = 0.02 (sd ≈ 500 and 250): 5 sd.
    for (const [ours, key, sd] of [[ex.Ce.N, 'exc_synapses', 500], [ex.Ci.N, 'inh_synapses', 250]] as const) {
      const s = stats(runs.map((r) => r[key]));
      assert.ok(Math.abs(ours - s.mean) < 5 * sd + 2 * s.sd, `${key}: ${ours} vs Brian2's ${s.mean} ± ${s.sd}`);
    }
    const exc = Array.from(ex.s_mon.i).filter((i) => i < 3200).length;
    for (const [ours, key] of [[ex.s_mon.numSpikes, 'spikes'], [exc, 'exc_spikes']] as const) {
      const s = stats(runs.map((r) => r[key]));
      assert.ok(Math.abs(ours - s.mean) < 4 * Math.max(s.sd, Math.sqrt(s.mean)), `${key}: ${ours} vs Brian2's ${s.mean} ± ${s.sd}`);
    }
    assert.ok(lastThreadRun() !== undefined);
    assertPNG(join(dir, 'cuba_openmp.png'));
  });

});
