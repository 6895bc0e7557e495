/**
 * `brian-ts sweep <script> --grid grid.json [--workers N] [--out dir] [--slurm …]`,
 * `brian-ts sweep collect <dir> [--wait]` and the Slurm tasks' `brian-ts sweep task <dir> …`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { collectSweep, runStoredSweep, submitSlurm, sweep, SweepError, ProgressBar, type Grid, type SweepResult } from '../sweep/index.ts';
import { resolveTsx } from './program.ts';

function positiveInteger(what: string, allowZero = false) {
  return (text: string): number => {
    const n = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
    if (!Number.isSafeInteger(n) || n < (allowZero ? 0 : 1)) throw new InvalidArgumentError(`${what} must be an integer >= ${allowZero ? 0 : 1}, got '${text}'.`);
    return n;
  };
}

/** Reads a grid file (JSON). */
export function readGridFile(path: string): Grid {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new SweepError('invalid-grid', `cannot read the grid file ${path}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text) as Grid;
  } catch (e) {
    throw new SweepError('invalid-grid', `the grid file ${path} is not valid JSON: ${(e as Error).message}`);
  }
}

/** The command that runs this brian-ts on a cluster node: this Node, this CLI entry (with tsx when it is TypeScript). */
export function selfCommand(): string[] {
  const entry = process.argv[1] ?? '';
  if (/\.[mc]?ts$/.test(entry)) {
    const tsx = resolveTsx([process.cwd(), resolve(entry, '..')]);
    if (tsx === undefined) throw new SweepError('invalid-option', 'brian-ts runs from TypeScript sources but tsx cannot be found for the Slurm tasks.');
    return [process.execPath, '--import', pathToFileURL(tsx).href, entry];
  }
  return [process.execPath, entry];
}

function summary(r: SweepResult): string {
  const parts = [`${r.rows.length - r.failed}/${r.plan.points.length} points done`];
  if (r.failed > 0) parts.push(`${r.failed} failed`);
  if (r.skipped > 0) parts.push(`${r.skipped} skipped (finished earlier)`);
  return `${parts.join(', ')}${r.out === undefined ? '' : `; results in ${r.out}`}`;
}

interface SweepFlags {
  grid: string;
  workers?: number;
  out: string;
  seed?: number;
  memoryLimit?: number;
  progress: boolean;
  bundle: boolean;
  slurm?: boolean;
  tasks?: number;
  cpusPerTask?: number;
  partition?: string;
  time?: string;
}

/** Adds `sweep` (with `collect` and `task`) to the program. */
export function addSweepCommand(program: Command, setExitCode: (code: number) => void): void {
  const cmd = program.command('sweep').description('run a model script (exporting `model`) over a grid of parameters, on all cores or on Slurm');
  cmd
    .command('run', { isDefault: true })
    .description('run the sweep (the default subcommand: `brian-ts sweep model.ts --grid grid.json`)')
    .argument('<script>', 'a .ts or .js script exporting `model(params, context)` and optionally `parameters`')
    .requiredOption('--grid <file>', 'JSON grid: {"tau": ["10 ms", "20 ms"], "w": [0.1, 0.2]} or {"points": [{…}, …]}')
    .option('-w, --workers <n>', 'worker threads (default: all cores; 0: in this process)', positiveInteger('--workers', true))
    .option('-o, --out <dir>', 'output folder (re-running into it skips finished points)', 'sweep-results')
    .option('--seed <n>', 'sweep seed (default 0, or the folder\'s)', positiveInteger('--seed', true))
    .option('--memory-limit <MiB>', 'heap limit per worker; a point exceeding it is recorded as out-of-memory', positiveInteger('--memory-limit'))
    .option('--no-progress', 'no progress bar')
    .option('--no-bundle', 'workers load the script through the module loader, not from one cached bundle of it and brian-ts (slower start; same results)')
    .option('--slurm', 'submit a Slurm job array (sbatch --array) instead of running here')
    .option('--tasks <K>', 'Slurm: number of array tasks (default 4)', positiveInteger('--tasks'))
    .option('--cpus-per-task <n>', 'Slurm: CPUs (worker threads) per task (default 1)', positiveInteger('--cpus-per-task'))
    .option('--partition <P>', 'Slurm: partition')
    .option('--time <T>', 'Slurm: time limit per task (e.g. 1:00:00)')
    .action(async (script: string, flags: SweepFlags) => {
      const grid = readGridFile(resolve(flags.grid));
      if (flags.slurm === true) {
        const s = await submitSlurm(resolve(script), grid, {
          out: flags.out,
          command: selfCommand(),
          ...(flags.seed === undefined ? {} : { seed: flags.seed }),
          ...(flags.tasks === undefined ? {} : { tasks: flags.tasks }),
          ...(flags.cpusPerTask === undefined ? {} : { cpusPerTask: flags.cpusPerTask }),
          ...(flags.partition === undefined ? {} : { partition: flags.partition }),
          ...(flags.time === undefined ? {} : { time: flags.time }),
          ...(flags.memoryLimit === undefined ? {} : { memoryLimitMb: flags.memoryLimit }),
        });
        process.stdout.write(`Submitted Slurm job ${s.jobId}: ${s.points} points in ${s.tasks} tasks (${s.jobScript}).\nProgress and results: brian-ts sweep collect ${s.out} [--wait]\n`);
        return;
      }
      if ((flags.tasks !== undefined || flags.partition !== undefined || flags.time !== undefined || flags.cpusPerTask !== undefined)) {
        throw new SweepError('invalid-option', '--tasks, --cpus-per-task, --partition and --time need --slurm.');
      }
      const r = await sweep(resolve(script), grid, {
        out: flags.out,
        progress: flags.progress ? process.stderr : false,
        bundle: flags.bundle,
        ...(flags.workers === undefined ? {} : { workers: flags.workers }),
        ...(flags.seed === undefined ? {} : { seed: flags.seed }),
        ...(flags.memoryLimit === undefined ? {} : { memoryLimitMb: flags.memoryLimit }),
      });
      process.stdout.write(`${summary(r)}\n`);
      setExitCode(r.interrupted ? 130 : r.failed > 0 ? 1 : 0);
    });
  cmd
    .command('collect')
    .description('merge the shards of a sweep folder into its results table and show its progress')
    .argument('<dir>', 'the sweep folder')
    .option('--wait', 'keep collecting until every point has finished')
    .option('--interval <seconds>', 'with --wait: seconds between looks (default 5)', positiveInteger('--interval'))
    .option('--no-progress', 'with --wait: print only the final count')
    .action(async (dir: string, flags: { wait?: boolean; interval?: number; progress: boolean }) => {
      let p = collectSweep(dir);
      if (flags.wait === true) {
        const bar = flags.progress ? new ProgressBar(process.stderr, p.total, 0, flags.interval ?? 5) : undefined;
        let seen = 0;
        for (;;) {
          const finished = p.done + p.failed;
          for (; seen < finished; seen++) bar?.tick(true);
          if (p.pending === 0) break;
          await new Promise((r) => setTimeout(r, (flags.interval ?? 5) * 1000));
          p = collectSweep(dir);
        }
        bar?.finish();
      }
      process.stdout.write(`${p.done}/${p.total} points done${p.failed > 0 ? `, ${p.failed} failed` : ''}${p.pending > 0 ? `, ${p.pending} pending` : ''}; results in ${resolve(dir)}\n`);
      setExitCode(p.pending > 0 ? 3 : p.failed > 0 ? 1 : 0);
    });
  cmd
    .command('task')
    .description("run one Slurm array task's share of a sweep folder (used by the job script)")
    .argument('<dir>', 'the sweep folder')
    .requiredOption('--task <k>', 'this task (0-based)', positiveInteger('--task', true))
    .requiredOption('--tasks <K>', 'number of tasks', positiveInteger('--tasks'))
    .option('-w, --workers <n>', 'worker threads (default 1)', positiveInteger('--workers', true))
    .option('--memory-limit <MiB>', 'heap limit per worker', positiveInteger('--memory-limit'))
    .action(async (dir: string, flags: { task: number; tasks: number; workers?: number; memoryLimit?: number }) => {
      const r = await runStoredSweep(resolve(dir), {
        share: { task: flags.task, tasks: flags.tasks },
        workers: flags.workers ?? 1,
        progress: process.stderr,
        ...(flags.memoryLimit === undefined ? {} : { memoryLimitMb: flags.memoryLimit }),
      });
      process.stdout.write(`task ${flags.task}/${flags.tasks}: ${r.ran} points run, ${r.skipped} skipped\n`);
      setExitCode(r.interrupted ? 130 : 0);
    });
}
