import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseFormat, PlotError, BASE_COLORS, COLOR_CYCLE } from './index.ts';
import { formatTick, linearTicks } from './ticks.ts';

describe('parseFormat (matplotlib format strings)', () => {
  it("parseFormat('.k') is black point markers without a line style", () => {
    assert.deepEqual(parseFormat('.k'), { marker: '.', color: '#000000' });
  });

  it("parseFormat('-r'), parseFormat('--'), parseFormat(':'), parseFormat('-.') read line styles", () => {
    assert.deepEqual(parseFormat('-r'), { lineStyle: '-', color: '#ff0000' });
    assert.deepEqual(parseFormat('--'), { lineStyle: '--' });
    assert.deepEqual(parseFormat(':'), { lineStyle: ':' });
    assert.deepEqual(parseFormat('-.'), { lineStyle: '-.' });
  });

  it("parseFormat('o--C1') reads marker, dashed line and cycle colour", () => {
    assert.deepEqual(parseFormat('o--C1'), { marker: 'o', lineStyle: '--', color: COLOR_CYCLE[1] });
  });

  it('parseFormat accepts every marker, style and colour in any order (property)', () => {
    const markers = ['.', ',', 'o', 'x', '+', 's', 'd', '^', 'v'] as const;
    const styles = ['-', '--', ':', '-.'] as const;
    const colors = Object.keys(BASE_COLORS);
    fc.assert(
      fc.property(fc.constantFrom(...markers), fc.constantFrom(...styles), fc.constantFrom(...colors), fc.integer({ min: 0, max: 5 }), (m, l, c, order) => {
        const perms = [[m, l, c], [m, c, l], [l, m, c], [l, c, m], [c, m, l], [c, l, m]][order]!;
        // '-' then '.' reads as the dash-dot style, in matplotlib too.
        fc.pre(!perms.join('').includes('-.') || l === '-.');
        assert.deepEqual(parseFormat(perms.join('')), { marker: m, lineStyle: l, color: BASE_COLORS[c] });
      }),
    );
  });

  it('parseFormat rejects unknown characters and repeated parts with PlotError', () => {
    const bad: [string, RegExp][] = [
      ['.z', /plot: illegal format string '\.z': unrecognized character 'z'/],
      ['--:', /two linestyle symbols/],
      ['o.', /two marker symbols/],
      ['rk', /two color symbols/],
    ];
    for (const [fmt, message] of bad) {
      assert.throws(() => parseFormat(fmt), (e: unknown) => e instanceof PlotError && message.test(e.message), fmt);
    }
  });
});

describe('ticks', () => {
  it('linearTicks(lo, hi, n) steps by 1, 2, 2.5 or 5 × 10^k inside the range', () => {
    assert.deepEqual(linearTicks(-2.5, 52.5, 7), { ticks: [0, 10, 20, 30, 40, 50], step: 10 });
    assert.deepEqual(linearTicks(0.1, 0.9, 4).ticks.map((v) => Math.round(v * 10) / 10), [0.2, 0.4, 0.6, 0.8]);
  });

  it('formatTick(v, step) uses the decimals the step needs and a true minus sign', () => {
    assert.equal(formatTick(-70, 5), '\u221270');
    assert.equal(formatTick(0.25, 0.25), '0.25');
    assert.equal(formatTick(1e-17, 0.5), '0.0');
    assert.equal(formatTick(2e-9, 1e-9), '2e\u22129');
  });
});
