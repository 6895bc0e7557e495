/** Shared helpers for conformance tests: load Brian2-generated fixtures and compare numbers. */
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';

const fixtureDir = new URL('./fixtures/', import.meta.url);

/** Reads `tests/conformance/fixtures/<area>.json` (written by `npm run golden`). */
export function loadFixture<T>(area: string): T {
  return JSON.parse(readFileSync(new URL(`${area}.json`, fixtureDir), 'utf8')) as T;
}

/** Asserts `|actual - expected| <= atol + rtol * |expected|` elementwise, with a message naming the case. */
export function assertClose(
  actual: number | ArrayLike<number>,
  expected: number | ArrayLike<number>,
  { rtol = 1e-12, atol = 0, label = '' }: { rtol?: number; atol?: number; label?: string } = {},
): void {
  const a = typeof actual === 'number' ? [actual] : Array.from(actual);
  const e = typeof expected === 'number' ? [expected] : Array.from(expected);
  assert.equal(a.length, e.length, `${label}: length ${a.length} != expected ${e.length}`);
  for (let k = 0; k < e.length; k++) {
    const x = a[k]!;
    const y = e[k]!;
    if (Number.isNaN(y)) {
      assert.ok(Number.isNaN(x), `${label}[${k}]: expected NaN, got ${x}`);
      continue;
    }
    if (x === y) continue;
    assert.ok(Math.abs(x - y) <= atol + rtol * Math.abs(y), `${label}[${k}]: ${x} differs from expected ${y} (rtol ${rtol}, atol ${atol})`);
  }
}
