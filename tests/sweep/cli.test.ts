/**
 * `brian-ts sweep` on the command line: bad grid files and scripts are clear errors (exit 2);
 * Ctrl-C stops cleanly, keeps the finished points, and a re-run finishes the rest.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (name: string): string => join(root, 'tests/sweep/fixtures', name);
const CLI = ['--import', 'tsx', join(root, 'src/cli/main.ts')];

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...CLI, ...args], { cwd: root, encoding: 'utf8', timeout: 300_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('brian-ts sweep', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'brian-ts-sweep-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  // Each grid error is tested through the API in src/sweep/grid.test.ts; here the CLI's reporting.
  it('bad grid files and scripts: a clear message and exit code 2', () => {
    const write = (name: string, text: string): string => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const cases: [string[], RegExp][] = [
      [[fixture('model.ts'), '--grid', write('bad.json', '{"tau": [')], /the grid file .*bad\.json is not valid JSON/],
      [[fixture('model.ts'), '--grid', write('unknown.json', '{"tua": ["1 ms"]}'), '--workers', '0'], /sets 'tua', which the model does not declare\. Did you mean 'tau'\?/],
      [[fixture('no-model.ts'), '--grid', write('ok.json', '{"tau": [1, 2]}'), '--workers', '0'], /exports no model function/],
      [[fixture('model.ts'), '--grid', join(dir, 'ok.json'), '--tasks', '2'], /need --slurm/],
    ];
    for (const [args, message] of cases) {
      const r = cli(['sweep', ...args, '--out', join(dir, 'out-bad')]);
      assert.notEqual(r.status, 0, args.join(' '));
      assert.match(r.stderr, message, args.join(' '));
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    }
  });

  it('Ctrl-C stops cleanly keeping the finished points; a re-run skips them', async () => {
    const grid = join(dir, 'slow.json');
    writeFileSync(grid, JSON.stringify({ k: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] }));
    const out = join(dir, 'slow');
    const child = spawn(process.execPath, [...CLI, 'sweep', fixture('slow.ts'), '--grid', grid, '--out', out, '--workers', '1', '--no-progress'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const shard = join(out, 'shards', 'local.jsonl');
    const lines = (): number => (existsSync(shard) ? readFileSync(shard, 'utf8').trim().split('\n').filter(Boolean).length : 0);
    const end = Date.now() + 240_000;
    while (lines() < 2 && Date.now() < end && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
    assert.ok(lines() >= 2, `points finished before Ctrl-C (${stderr})`);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    assert.equal(code, 130, stderr);
    assert.match(stderr, /Interrupted: stopping; the finished points are kept/);
    const kept = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { k: number; k2: number }[];
    assert.ok(kept.length >= 2 && kept.length < 10, `${kept.length} rows kept`);
    assert.ok(kept.every((row) => row.k2 === row.k * row.k));
    // (the re-run's workers load the script unbundled: the same rows either way)
    const again = cli(['sweep', fixture('slow.ts'), '--grid', grid, '--out', out, '--workers', '2', '--no-progress', '--no-bundle']);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, new RegExp(`10/10 points done, ${kept.length} skipped`));
    const all = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { k: number; k2: number }[];
    assert.deepEqual(all.map((row) => row.k2), [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]);
  });
});
