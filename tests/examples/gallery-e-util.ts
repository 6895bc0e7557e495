/** Helpers shared by the gallery E tests (tests/examples/gallery-e*.test.ts). */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collect, defaultclock, ms } from '../../src/index.ts';
import type { BrianObject } from '../../src/index.ts';
import { decodePNG, inkPixels } from '../../src/plot/png.test-util.ts';
import { loadFixture } from '../conformance/fixture.ts';

/** Imports an example (which runs it, figures into the working directory) and returns its objects. */
export async function runExample(path: string): Promise<BrianObject[]> {
  defaultclock.dt = ms(0.1);
  await import(new URL(`../../examples/${path}`, import.meta.url).href);
  return [...collect()];
}

/** The PNG exists and is not blank. */
export function assertPNG(path: string): void {
  assert.ok(existsSync(path), `${path} was not written`);
  assert.ok(statSync(path).size > 0, `${path} is empty`);
  const img = decodePNG(readFileSync(path));
  const ink = inkPixels(img, 0, 0, img.width, img.height);
  assert.ok(ink > 2000, `${path}: only ${ink} non-white pixels`);
}

/** Every `stride`-th element. */
export const every = (x: ArrayLike<number>, stride: number): number[] => Array.from(x).filter((_, j) => j % stride === 0);

/** Mean and sample standard deviation. */
export function stats(values: readonly number[]): { mean: number; sd: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
  return { mean, sd };
}

/**
 * `ours` lies within `k` of Brian2's seed-to-seed standard deviations of the per-seed `theirs`
 * (with `floor` as the smallest spread allowed, for few seeds or near-constant values).
 */
export function assertWithinSpread(ours: number, theirs: readonly number[], label: string, { k = 4, floor = 0 } = {}): void {
  const s = stats(theirs);
  const spread = Math.max(s.sd, floor);
  assert.ok(Math.abs(ours - s.mean) <= k * spread, `${label}: ${ours} vs Brian2's ${s.mean} ± ${s.sd} (${theirs.length} seeds; allowed ${k} × ${spread})`);
}

/** The gallery E fixture (tests/conformance/generate/gallery_e.py). */
export const fixture = <T>(): T => loadFixture<T>('gallery_e');

/** A scratch working directory for the examples' figures: enters it, and returns it with a cleanup. */
export function scratchDir(): { dir: string; enter(): void; leave(): void } {
  const cwd = process.cwd();
  const dir = mkdtempSync(join(tmpdir(), 'brian-ts-gallery-e-'));
  return {
    dir,
    enter: () => process.chdir(dir),
    leave: () => {
      process.chdir(cwd);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
