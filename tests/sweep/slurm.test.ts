/**
 * The Slurm engine against a real single-node Slurm cluster started here (slurm-cluster.ts): the
 * job array's results equal the local run's; sbatch refusing and sbatch missing are clear errors.
 * Skipped with the reason where Slurm cannot be installed or started (not root, no apt-get).
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { submitSlurm, sweep, SweepError } from 'brian-ts/sweep';
import { slurmUnavailable, startSlurm, type SlurmCluster } from './slurm-cluster.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const model = join(root, 'tests/sweep/fixtures/model.ts');
const GRID = { tau: ['10 ms', '20 ms'], drive: [1.1, 1.6, 2.5] };

function cli(args: string[], env: NodeJS.ProcessEnv, timeout = 300_000): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], { cwd: root, env, encoding: 'utf8', timeout });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('sweep on Slurm', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'brian-ts-sweep-slurm-'));
    writeFileSync(join(dir, 'grid.json'), JSON.stringify(GRID));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('sbatch missing is a clear error (no cluster needed)', async () => {
    await assert.rejects(
      submitSlurm(model, GRID, { out: join(dir, 'missing'), command: ['true'], sbatch: join(dir, 'no-such-sbatch') }),
      (e: unknown) => e instanceof SweepError && e.code === 'slurm-missing' && /was not found on PATH/.test(e.message),
    );
  });

  const reason = slurmUnavailable();
  describe('with a real single-node cluster', { skip: reason }, () => {
    let cluster: SlurmCluster | undefined;
    before(async () => {
      cluster = await startSlurm();
    });
    after(async () => {
      await cluster?.stop();
    });

    it('a 2-task job array gives the same results as the local run; collect merges the shards', async () => {
      const out = join(dir, 'slurm');
      const submit = cli(['sweep', model, '--grid', join(dir, 'grid.json'), '--out', out, '--seed', '5', '--slurm', '--tasks', '2', '--time', '10'], cluster!.env);
      assert.equal(submit.status, 0, submit.stderr);
      assert.match(submit.stdout, /Submitted Slurm job \d+: 6 points in 2 tasks/);
      assert.match(readFileSync(join(out, 'slurm', 'job.sh'), 'utf8'), /#SBATCH --array=0-1\n[\s\S]*#SBATCH --time=10\n[\s\S]*'sweep' 'task' /);
      const collected = cli(['sweep', 'collect', out, '--wait', '--interval', '1', '--no-progress'], cluster!.env, 600_000);
      const logs = existsSync(join(out, 'slurm')) ? readdirSync(join(out, 'slurm')).filter((f) => f.endsWith('.log')).map((f) => readFileSync(join(out, 'slurm', f), 'utf8')).join('\n') : '';
      assert.equal(collected.status, 0, `${collected.stdout}${collected.stderr}\n${logs}`);
      assert.match(collected.stdout, /6\/6 points done/);
      assert.deepEqual(readdirSync(join(out, 'shards')).sort(), ['task-0.jsonl', 'task-1.jsonl']);
      const local = await sweep(model, GRID, { workers: 0, seed: 5, progress: false });
      const slurm = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Record<string, unknown>[];
      assert.deepEqual(
        slurm.map((r) => [r['index'], r['seed'], r['rate'], r['spikes'], r['error']]),
        local.rows.map((r) => [r.index, r.seed, r.values['rate'], r.values['spikes'], null]),
      );
    });

    it("sbatch refusing the job is an error with Slurm's own message", () => {
      const r = cli(['sweep', model, '--grid', join(dir, 'grid.json'), '--out', join(dir, 'refused'), '--slurm', '--partition', 'nosuch'], cluster!.env);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /sbatch refused the job \(exit code 1\): .*invalid partition/i);
    });
  });
});
