import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { jumpLength, jumpTable } from './jump-table.ts';

const exact = (u: number, scale: number): number => Math.ceil(Math.log(u) * scale);

const bits = new Float64Array(1);
const words = new BigInt64Array(bits.buffer);
/** The double `steps` representable values above (below, if negative) positive `x`. */
function ulpStep(x: number, steps: number): number {
  bits[0] = x;
  words[0] = words[0]! + BigInt(steps);
  return bits[0]!;
}

/** `u` values where a table could go wrong: each crossing (and its margin) and each cell edge, a few ulps either side. */
function critical(scale: number): number[] {
  const out: number[] = [];
  const near = (x: number, spread: number): void => {
    for (let s = -spread; s <= spread; s++) {
      const u = ulpStep(x, s);
      if (u > 0 && u < 1) out.push(u);
    }
  };
  for (let k = 0; k < 10000 && Math.exp(k / scale) > 2 ** -13; k++) {
    const t = Math.exp(k / scale);
    near(t, 40);
    near(t * (1 + 2 ** -30), 3);
    near(t * (1 - 2 ** -30), 3);
  }
  for (let z = 0; z < 13; z++) for (let top = 0; top <= 1024; top += 7) near(2 ** -(z + 1) * (1 + top / 1024), 2);
  return out;
}

describe('jumpLength', () => {
  it('equals Math.ceil(Math.log(u) * scale) at every crossing, margin and cell edge (p of the jump method)', () => {
    for (const p of [0.25, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.0039, 0.001, 1e-6]) {
      const scale = 1 / Math.log(1 - p);
      const table = jumpTable(scale);
      for (const u of critical(scale)) assert.equal(jumpLength(u, table), exact(u, scale), `p = ${p}, u = ${u}`);
    }
  });

  it('equals Math.ceil(Math.log(u) * scale) for random p and u (also 0, tiny u and u next to 1)', () => {
    const u = fc.oneof(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.constantFrom(0, 1 - 2 ** -53, 2 ** -53, 2 ** -12, 2 ** -12 - 2 ** -70));
    fc.assert(
      fc.property(fc.double({ min: 1e-5, max: 0.25, noNaN: true }), fc.array(u, { minLength: 1, maxLength: 200 }), (p, us) => {
        const scale = 1 / Math.log(1 - p);
        const table = jumpTable(scale);
        for (const x of us) assert.equal(jumpLength(x, table), exact(x, scale), `p = ${p}, u = ${x}`);
      }),
      { numRuns: 300 },
    );
  });

  it('looks up (rather than falls back) for nearly every u when p = 0.02', () => {
    const scale = 1 / Math.log(1 - 0.02);
    const table = jumpTable(scale);
    assert.ok(table.octaves > 0);
    let fallback = 0;
    for (let g = 0; g < table.cells.length; g += 3) if (table.cells[g] === Infinity) fallback++;
    assert.equal(fallback, 0);
    assert.equal(jumpTable(scale), table, 'cached');
  });

  it('falls back to Math.log where a table would not pay (tiny p, p < 2^-53)', () => {
    assert.equal(jumpTable(1 / Math.log(1 - 1e-6)).octaves, 0);
    const inf = jumpTable(1 / Math.log(1 - 1e-17));
    assert.equal(inf.octaves, 0);
    assert.equal(jumpLength(0.5, inf), -Infinity);
  });
});
