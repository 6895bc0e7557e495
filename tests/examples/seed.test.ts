/**
 * The seed's first two programs (examples/seed/, copies of ../shared/acceptance/, unchanged) run
 * as a user runs them, and give Brian2's numbers (fixtures seed1.json and seed2.json).
 *
 * Harness: each example is imported in-process (its top level runs the simulation, then plots).
 * Until the plotting issue lands, `figure()` throws an error saying plotting is not yet available;
 * the harness accepts exactly that error (any other error fails the test). Either way the
 * simulation has run by then, and the example's objects are found through the magic network's
 * `collect()` (the objects created since the example's `startScope()`), so their recordings can be
 * compared. The working directory is a temporary folder, so figures saved once plotting exists
 * do not land in the checkout.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertClose, loadFixture } from '../conformance/fixture.ts';
import { collect, NeuronGroup, SpikeMonitor, StateMonitor } from '../../src/index.ts';
import type { BrianObject } from '../../src/index.ts';

/** The error a `figure()` call may throw until plotting exists. */
const NOT_YET_AVAILABLE = /not (yet )?available/i;

async function runExample(file: string): Promise<{ objects: BrianObject[]; plotted: boolean }> {
  const url = new URL(`../../examples/seed/${file}`, import.meta.url).href;
  try {
    await import(url);
    return { objects: collect(), plotted: true };
  } catch (err) {
    if (!(err instanceof Error) || !NOT_YET_AVAILABLE.test(err.message)) throw err;
    return { objects: collect(), plotted: false };
  }
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
  });

  it('seed-2-population.ts gives Brian2’s 7682 spikes with identical counts per neuron', async () => {
    const fx = loadFixture<{ num_spikes: number; count: number[]; I_V: number[] }>('seed2');
    const { objects } = await runExample('seed-2-population.ts');
    const M = only(objects, SpikeMonitor, 'SpikeMonitor');
    const G = only(objects, NeuronGroup, 'NeuronGroup');
    assert.equal(M.numSpikes, 7682);
    assert.deepEqual(Array.from(M.count), fx.count);
    assertClose(G.I.values, fx.I_V, { rtol: 1e-12, label: 'G.I' });
  });
});
