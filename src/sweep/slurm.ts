/**
 * The Slurm engine: writes the sweep's plan into the (shared) output folder, then a job script
 * for `sbatch --array=0-(K-1)` whose task k runs `brian-ts sweep task <dir> --task k --tasks K`:
 * the points with `index % K === k`, on the CPUs Slurm gave the task, appending to its own shard.
 * `collectSweep(dir)` merges the shards into the results table and reports progress.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, chmodSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkOptions, optionNames } from '../util/index.ts';
import { LocalPool } from './engines.ts';
import { SweepError } from './errors.ts';
import { planSweep, type Grid } from './grid.ts';
import { prepareScript } from './script.ts';
import { SweepStore } from './store.ts';

/** Options of {@link submitSlurm}. */
export interface SlurmOptions {
  /** The output folder, on a file system every node sees. */
  out: string;
  /** The sweep seed (default 0, or the folder's). */
  seed?: number;
  /** Number of array tasks (default 4). */
  tasks?: number;
  /** CPUs per task, each running a worker thread (default 1). */
  cpusPerTask?: number;
  /** `--partition`. */
  partition?: string;
  /** `--time` (Slurm's format: `10`, `1:00:00`, `2-00:00:00`). */
  time?: string;
  /** Heap limit per worker thread in MiB. */
  memoryLimitMb?: number;
  /** The command that runs brian-ts on the nodes (default: this Node and this brian-ts's CLI). */
  command: readonly string[];
  /** The `sbatch` program (default `sbatch` on PATH). */
  sbatch?: string;
}

const SLURM_OPTIONS = optionNames<SlurmOptions>({ out: true, seed: true, tasks: true, cpusPerTask: true, partition: true, time: true, memoryLimitMb: true, command: true, sbatch: true });

/** What {@link submitSlurm} did. */
export interface SlurmSubmission {
  readonly jobId: string;
  readonly jobScript: string;
  readonly out: string;
  readonly points: number;
  readonly tasks: number;
}

/** Single-quotes a word for sh. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

const invalid = (message: string): SweepError => new SweepError('invalid-option', message);

/** The job script (`#SBATCH` header and the task command). */
export function slurmJobScript(o: { out: string; tasks: number; cpusPerTask: number; partition?: string | undefined; time?: string | undefined; memoryLimitMb?: number | undefined; command: readonly string[] }): string {
  const lines = [
    '#!/bin/sh',
    '#SBATCH --job-name=brian-ts-sweep',
    `#SBATCH --array=0-${o.tasks - 1}`,
    `#SBATCH --cpus-per-task=${o.cpusPerTask}`,
    `#SBATCH --output=${join(o.out, 'slurm', 'task-%a.log')}`,
    `#SBATCH --chdir=${o.out}`,
  ];
  if (o.partition !== undefined) lines.push(`#SBATCH --partition=${o.partition}`);
  if (o.time !== undefined) lines.push(`#SBATCH --time=${o.time}`);
  const args = [...o.command, 'sweep', 'task', o.out, '--tasks', String(o.tasks), '--workers', String(o.cpusPerTask)];
  if (o.memoryLimitMb !== undefined) args.push('--memory-limit', String(o.memoryLimitMb));
  lines.push(`exec ${args.map(shellQuote).join(' ')} --task "$SLURM_ARRAY_TASK_ID"`, '');
  return lines.join('\n');
}

/**
 * Checks the script and grid (loading the model once here), writes the plan and the job script
 * into `out`, and submits the array with `sbatch`. Errors: 'slurm-missing' when sbatch cannot be
 * run, 'slurm-refused' with sbatch's own message when it refuses.
 */
export async function submitSlurm(script: string, grid: Grid, options: SlurmOptions): Promise<SlurmSubmission> {
  const o = checkOptions(options, SLURM_OPTIONS, { what: 'submitSlurm()', error: (m) => invalid(m) });
  const tasks = o.tasks ?? 4;
  const cpusPerTask = o.cpusPerTask ?? 1;
  if (!Number.isInteger(tasks) || tasks < 1) throw invalid(`'tasks' must be an integer >= 1, got ${String(o.tasks)}.`);
  if (!Number.isInteger(cpusPerTask) || cpusPerTask < 1) throw invalid(`'cpusPerTask' must be an integer >= 1, got ${String(o.cpusPerTask)}.`);
  for (const [key, value] of [['partition', o.partition], ['time', o.time]] as const) {
    if (value !== undefined && !/^[A-Za-z0-9_.:,+-]+$/.test(value)) throw invalid(`'${key}' has characters Slurm does not take: ${JSON.stringify(value)}.`);
  }
  if (typeof o.out !== 'string') throw invalid("submitSlurm() needs 'out', a folder every node can write to.");
  const out = resolve(o.out);
  // #SBATCH lines cannot quote: the folder goes into them as it is.
  if (/[\s'"\\$`]/.test(out)) throw invalid(`The output folder for Slurm must not contain spaces, quotes, '$' or backslashes: ${out}`);
  const load = prepareScript(script);
  const pool = new LocalPool(load, { workers: 1 });
  let store: SweepStore;
  try {
    const plan = planSweep(grid, await pool.prepare());
    let seed = o.seed;
    if (seed === undefined) {
      try {
        seed = SweepStore.readManifest(out).seed;
      } catch {
        seed = 0;
      }
    }
    store = SweepStore.create(out, plan, seed, load.script);
  } finally {
    await pool.close();
  }
  const jobScript = join(out, 'slurm', 'job.sh');
  try {
    mkdirSync(join(out, 'slurm'), { recursive: true });
    writeFileSync(jobScript, slurmJobScript({ out, tasks, cpusPerTask, partition: o.partition, time: o.time, memoryLimitMb: o.memoryLimitMb, command: o.command }));
    chmodSync(jobScript, 0o755);
  } catch (e) {
    throw new SweepError('output', `cannot write the job script ${jobScript}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  const sbatch = o.sbatch ?? 'sbatch';
  const r = spawnSync(sbatch, ['--parsable', jobScript], { encoding: 'utf8', timeout: 60_000 });
  if (r.error !== undefined) {
    const code = (r.error as { code?: string }).code;
    if (code === 'ENOENT') throw new SweepError('slurm-missing', `Slurm's '${sbatch}' was not found on PATH: run this on a Slurm login node, or without --slurm to use this machine's cores.`);
    throw new SweepError('slurm-refused', `'${sbatch}' could not run: ${r.error.message}`, { cause: r.error });
  }
  if (r.status !== 0) {
    throw new SweepError('slurm-refused', `sbatch refused the job (exit code ${String(r.status)}): ${(r.stderr || r.stdout).trim() || '(no message)'}`);
  }
  const jobId = r.stdout.trim().split(';')[0]!;
  return { jobId, jobScript, out, points: store.manifest.points.length, tasks };
}

/** Progress of a sweep folder. */
export interface SweepProgress {
  readonly total: number;
  readonly done: number;
  readonly failed: number;
  readonly pending: number;
}

/** Merges the shards of a sweep folder into its results table and counts the points. */
export function collectSweep(dir: string): SweepProgress {
  const store = SweepStore.open(resolve(dir));
  const records = store.load();
  store.writeTables(records);
  const failed = [...records.values()].filter((r) => !r.ok).length;
  const done = records.size - failed;
  const total = store.manifest.points.length;
  return { total, done, failed, pending: total - records.size };
}
