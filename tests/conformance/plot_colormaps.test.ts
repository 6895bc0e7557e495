/** Colour maps against matplotlib's (fixture from Debian's matplotlib): equal colours. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { colormapFunction, rgbBytes } from '../../src/plot/colormap.ts';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/plot_colormaps.json', import.meta.url), 'utf8')) as { maps: Record<string, string[]> };

describe('colour maps as matplotlib', () => {
  for (const [name, colors] of Object.entries(fixture.maps)) {
    it(name, () => {
      const f = colormapFunction(name, 'test');
      colors.forEach((expected, k) => {
        const got = rgbBytes(f(k / (colors.length - 1)));
        const want = rgbBytes(expected);
        assert.deepEqual(got, want, `${name}(${k / (colors.length - 1)})`);
      });
    });
  }
});
