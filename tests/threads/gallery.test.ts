/**
 * Issue 10: gallery examples and seed programs whose results are deterministic (no unseeded random
 * numbers) run as a user runs them — a fresh process, `BRIAN_TS_THREADS=1…4`, shortened by
 * `BRIAN_TS_DURATION_SCALE` — and every file they write (figures drawn from monitor data) must be
 * byte-identical whatever the thread count.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const EXAMPLES = ['IF_curve_LIF.ts', 'IF_curve_Hodgkin_Huxley.ts', 'frompapers/Touboul_Brette_2008.ts', 'seed/seed-2-population.ts'];
const root = fileURLToPath(new URL('../../examples/', import.meta.url));
const cli = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

function outputs(example: string, threads: number): Map<string, Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'brian-ts-threads-'));
  try {
    // As a user runs it: `brian-ts run <example> --out <dir>`.
    const r = spawnSync(process.execPath, ['--import', tsx, cli, 'run', join(root, example), '--out', dir, '--no-progress'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 600_000,
      env: { ...process.env, BRIAN_TS_THREADS: String(threads), BRIAN_TS_DURATION_SCALE: '0.1', BRIAN_TS_REPORT: 'none' },
    });
    assert.equal(r.status, 0, `${example} with ${threads} threads: ${r.stderr}`);
    const files = new Map<string, Buffer>();
    for (const name of readdirSync(dir).sort()) files.set(name, readFileSync(join(dir, name)));
    assert.ok(files.size > 0, `${example} wrote its figures`);
    return files;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('examples give the same files for any thread count', { timeout: 1_200_000 }, () => {
  for (const example of EXAMPLES) {
    it(example, () => {
      const reference = outputs(example, 1);
      for (const threads of [2, 3, 4]) {
        const files = outputs(example, threads);
        assert.deepEqual([...files.keys()], [...reference.keys()]);
        for (const [name, bytes] of reference) assert.ok(bytes.equals(files.get(name)!), `${example}: ${name} differs with ${threads} threads`);
      }
    });
  }
});
