/**
 * The worker bundle's cache: built once, reused while its inputs are unchanged, rebuilt when the
 * script changes; a bundled script that imports no brian-ts runs on workers too.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workerBundle } from './bundle.ts';
import { prepareScript } from './script.ts';
import { sweep } from './sweep.ts';

describe('workerBundle', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'brian-ts-bundle-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is built once, taken from the cache while the script is unchanged and rebuilt when it changes', async () => {
    const script = join(dir, 'plain.mjs');
    writeFileSync(script, 'export const parameters = { x: 0 };\nexport function model(p) { return { y: p.x * 2 }; }\n');
    const first = await workerBundle(prepareScript(script));
    assert.ok('file' in first, 'reason' in first ? first.reason : '');
    assert.equal(first.built, true);
    assert.ok(existsSync(first.file) && existsSync(`${first.file}.map`));
    assert.match(readFileSync(first.file, 'utf8'), /sourceMappingURL=/);
    const again = await workerBundle(prepareScript(script));
    assert.ok('file' in again);
    assert.equal(again.built, false);
    assert.equal(again.file, first.file);
    writeFileSync(script, 'export const parameters = { x: 0 };\nexport function model(p) { return { y: p.x * 3 + 0 }; }\n');
    const changed = await workerBundle(prepareScript(script));
    assert.ok('file' in changed);
    assert.equal(changed.built, true, 'a changed script is bundled again');
    const r = await sweep(script, { x: [1, 2] }, { workers: 2, progress: false });
    assert.match(r.startup!.bundle, /^(built|cached)$/);
    assert.deepEqual(r.rows.map((row) => row.values['y']), [3, 6]);
    // A script that is gone: its entry is pruned (after the next build, here of another script).
    rmSync(script);
    const other = join(dir, 'other.mjs');
    writeFileSync(other, 'export function model() { return { z: 1 }; }\n');
    const next = await workerBundle(prepareScript(other));
    assert.ok('file' in next && next.built);
    assert.ok(!existsSync(changed.file) && !existsSync(`${changed.file}.map`), 'the removed script\'s bundle is pruned');
    assert.ok(existsSync(next.file) && existsSync(next.boot));
  });
});
