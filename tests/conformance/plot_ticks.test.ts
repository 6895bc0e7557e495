/** Tick labels against matplotlib's default ScalarFormatter (fixture from Debian's matplotlib). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { scalarLabels } from '../../src/plot/ticks.ts';

interface Case {
  locs: number[];
  vmin: number;
  vmax: number;
  labels: string[];
  offset: string;
  useOffset?: boolean;
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/plot_ticks.json', import.meta.url), 'utf8')) as { cases: Case[] };

describe('tick labels as matplotlib ScalarFormatter', () => {
  for (const c of fixture.cases) {
    it(`[${c.locs.join(', ')}] in [${c.vmin}, ${c.vmax}]${c.useOffset === false ? ' (useOffset false)' : ''} → ${c.labels.join(' ')} ${c.offset}`, () => {
      const got = scalarLabels(c.locs, c.vmin, c.vmax, c.useOffset ?? true);
      assert.deepEqual(got.labels, c.labels);
      assert.equal(got.offset, c.offset);
    });
  }
});
