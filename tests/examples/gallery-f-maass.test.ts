/**
 * frompapers/Maass_Natschlaeger_Markram_2002.ts (gallery F, session 6): the liquid-state
 * distances against Brian2's seed-to-seed spread (fixture gallery_f.json from
 * tests/conformance/generate/gallery_f.py: Brian2's example with N_PAIRS reduced to 4, run with ten
 * seeds), with the same number of pairs here; one Brian2 column rebuilt exactly (fixture key
 * Maass_exact) whose run must give Brian2's spikes; and the script itself (sweep on worker threads,
 * the figure) with one pair per distance and a tenth of the duration.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sweep } from '../../src/sweep/index.ts';
import { mV, ms } from '../../src/index.ts';
import type { SpikeMonitor } from '../../src/index.ts';
import { loadFixture } from '../conformance/fixture.ts';
import type { Column } from '../../examples/frompapers/Maass_Natschlaeger_Markram_2002.ts';
import { assertPNG, assertWithinSpread } from './gallery-e-util.ts';

type Distance = '0.4' | '0.2' | '0.1' | '0';
interface MaassRun extends Record<Distance, number[]> {
  seed: number;
  synapses: number[];
  spikes_per_run: number;
}
interface Fixture {
  Maass_Natschlaeger_Markram_2002: { pairs: number; windows: [number, number][]; runs: MaassRun[] };
  Maass_exact: { column: Column; stimulus: number[]; v0: number[]; exc_i: number[]; exc_t: number[]; inh_i: number[]; inh_t: number[] };
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = loadFixture<Fixture>('gallery_f');
const f = fixture.Maass_Natschlaeger_Markram_2002;

describe('frompapers/Maass_Natschlaeger_Markram_2002.ts (against Brian2)', () => {
  it(`the mean state distance of each input distance in four time windows, the column's spike count and the synapse counts lie within Brian2's spread (${f.pairs} pairs per distance, ${f.runs.length} Brian2 seeds)`, async () => {
    process.env['BRIAN_TS_NO_MAIN'] = '1';
    process.env['MAASS_PAIRS'] = String(f.pairs);
    const example = await import('../../examples/frompapers/Maass_Natschlaeger_Markram_2002.ts');
    assert.equal(example.N_PAIRS, f.pairs);
    assert.equal(example.DURATION, 500);
    // Tolerance: 4 sd of Brian2's per-seed values, widened by √(1+1/n) for the spread's own error.
    const k = 4 * Math.sqrt(1 + 1 / f.runs.length);

    // The column (drawn once, from NETWORK_SEED): synapse counts within Brian2's seed-to-seed spread.
    const { synapses } = example.buildNetwork();
    synapses.forEach((s, g) => {
      const theirs = f.runs.map((r) => r.synapses[g]!);
      // floor: the Poisson-like spread of a count (few seeds can underestimate it)
      assertWithinSpread(s.N, theirs, `${s.name} count`, { k, floor: Math.sqrt(theirs.reduce((a, b) => a + b, 0) / theirs.length) });
    });

    // brian-ts's way of doing the runs: sweep() over the pairs, here in this thread, seeded.
    const pairs = Array.from({ length: example.DISTANCES.length * f.pairs }, (_, j) => j);
    const result = await sweep((p, context) => example.model(p as { pair: number }, context), { pair: pairs }, { workers: 0, seed: 2002, parameters: example.parameters, progress: false });
    assert.equal(result.failed, 0);
    result.rows.forEach((row) => {
      const target = example.DISTANCES[Math.trunc(row.index / f.pairs)]!;
      assert.ok(Math.abs(row.values['input_distance']! - target) < 0.01, `pair ${row.index}: input distance ${row.values['input_distance']} for target ${target}`);
    });
    // (a sparse input train can leave the column silent: isolated input spikes stay below threshold)
    assert.ok(result.rows.every((row) => row.values['spikes_u']! + row.values['spikes_v']! > 0), 'the column fired for every pair');
    // The column's activity: its mean spike count per 500 ms run.
    const spikes = result.rows.reduce((s, row) => s + row.values['spikes_u']! + row.values['spikes_v']!, 0) / (2 * result.rows.length);
    assertWithinSpread(spikes, f.runs.map((r) => r.spikes_per_run), 'column spikes per run', { k });
    const means = example.meanDistances(result.rows.map((row) => result.arrays.get(row.index)!['distance']!));
    example.DISTANCES.forEach((d, j) => {
      const key = String(d) as Distance;
      f.windows.forEach(([a, b], w) => {
        const samples = means[j]!.slice(Math.round(a / 0.1), Math.round(b / 0.1));
        const ours = samples.reduce((s, x) => s + x, 0) / samples.length;
        // floor 0.01: the d = 0 distances vanish after the first ~100 ms in both
        assertWithinSpread(ours, f.runs.map((r) => r[key][w]!), `d(u,v)=${d}, ${a}-${b} ms`, { k, floor: 0.01 });
      });
    });
    // The ordering the figure shows: larger input distances give larger state distances (50-150 ms).
    const early = means.map((m) => m.slice(500, 1500).reduce((s, x) => s + x, 0) / 1000);
    assert.ok(early[0]! > early[2]! && early[2]! > early[3]!, `state distances 50-150 ms: ${early.map((x) => x.toFixed(3)).join(', ')}`);
  });

  it('one column Brian2 drew (positions and every synapse given), one stimulus and initial state: the spikes of the 500 ms run equal Brian2’s', async () => {
    process.env['BRIAN_TS_NO_MAIN'] = '1';
    const example = await import('../../examples/frompapers/Maass_Natschlaeger_Markram_2002.ts');
    const ex = fixture.Maass_exact;
    const { net, neurons, stimulus, monitors } = example.buildNetwork(ex.column);
    neurons.v = mV(ex.v0);
    stimulus.setSpikes(new Array<number>(ex.stimulus.length).fill(0), ms(ex.stimulus));
    net.run(ms(500));
    const [exc, inh] = monitors;
    // spike times lie on the 0.1 ms grid: compared as (neuron, time step)
    const ours = (m: SpikeMonitor): string[] => Array.from(m.i, (n, k) => `${n}@${(m.t_[k]! * 1000).toFixed(1)}`);
    const theirs = (i: number[], t: number[]): string[] => i.map((n, k) => `${n}@${t[k]!.toFixed(1)}`);
    assert.deepEqual(ours(exc!), theirs(ex.exc_i, ex.exc_t), 'excitatory spikes');
    assert.deepEqual(ours(inh!), theirs(ex.inh_i, ex.inh_t), 'inhibitory spikes');
    assert.ok(ex.exc_i.length > 100, `Brian2's run has ${ex.exc_i.length} excitatory spikes`);
  });

  it('as a script: the sweep on worker threads and the figure (1 pair per distance, 50 ms)', () => {
    const dir = mkdtempSync(join(root, 'node_modules', '.gallery-f-maass-'));
    try {
      const env = { ...process.env };
      delete env['BRIAN_TS_NO_MAIN'];
      const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'examples', 'frompapers', 'Maass_Natschlaeger_Markram_2002.ts')], {
        cwd: dir,
        env: { ...env, MAASS_PAIRS: '1', BRIAN_TS_DURATION_SCALE: '0.1', TSX_TSCONFIG_PATH: join(root, 'tsconfig.json') },
        encoding: 'utf8',
        timeout: 300_000,
      });
      assert.equal(r.status, 0, r.stderr);
      assertPNG(join(dir, 'Maass_Natschlaeger_Markram_2002.png'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
