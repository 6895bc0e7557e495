/**
 * The `brian-ts` command line: `run` a model script, list and run the `examples`, `init` a project, run the `bench`marks.
 *
 * Scripts run in a child Node process with the output directory as working directory, so the
 * figures they save land there. TypeScript scripts (`.ts`, `.mts`, `.cts`) are loaded through tsx
 * (`node --import <tsx>`): tsx is looked up from the script's directory first (a project that
 * has it installed), then from brian-ts's own installation; if neither has it, the command fails
 * with an explanation. `.js`/`.mjs`/`.cjs` scripts run with plain Node. The script's nearest
 * `tsconfig.json` is passed to tsx (TSX_TSCONFIG_PATH) because the working directory changes.
 *
 * Progress: the child gets `BRIAN_TS_REPORT=stderr` (unless `--no-progress`), which makes every
 * `run()` without a `report` option print Brian2's text report to stderr once it lasts longer
 * than the report period (`--report-period`, default 10 s).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { CliError } from './errors.ts';
import { nearestTsconfig, SweepError } from '../sweep/index.ts';
import { initProject } from './init.ts';
import { addSweepCommand } from './sweep-command.ts';

/** The directory holding brian-ts's package.json (works from `src/cli/` and from `dist/cli/`). */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'brian-ts') return dir;
      } catch {
        // Not a readable manifest: keep looking upwards.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new CliError(`cannot find brian-ts's package.json above ${from}`, 1);
    dir = parent;
  }
}

/** A strict decimal number: no empty strings, hex, trailing garbage, NaN or infinities. */
export function parsePositiveNumber(text: string, what: string): number {
  const value = /^[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text.trim()) ? Number(text) : NaN;
  if (!(value > 0) || !Number.isFinite(value)) throw new InvalidArgumentError(`${what} must be a positive number, got '${text}'.`);
  return value;
}

/** An example script: its name (path under examples/ without `.ts`), file and one-line description. */
export interface ExampleInfo {
  readonly name: string;
  readonly path: string;
  readonly description: string;
}

/** The first comment of a source file, as one line (`// …` lines or a `/* … *\/` block). */
export function firstComment(source: string): string {
  const lines = source.replace(/^#!.*\n/, '').split('\n');
  let k = 0;
  while (k < lines.length && lines[k]!.trim() === '') k++;
  const first = lines[k]?.trim() ?? '';
  if (first.startsWith('//')) return first.replace(/^\/\/+\s?/, '').trim();
  if (first.startsWith('/*')) {
    for (let j = k; j < lines.length; j++) {
      const text = lines[j]!.trim().replace(/^\/\*+/, '').replace(/\*+\/$/, '').replace(/^\*+\s?/, '').trim();
      if (text.length > 0) return text;
      if (lines[j]!.includes('*/')) break;
    }
  }
  return '';
}

const SCRIPT_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs']);
const TS_EXTENSIONS = new Set(['.ts', '.mts', '.cts']);

/** The examples under `root/examples`: every script except helpers (`_name`), `start.ts` (the `npm start` runner) and declarations. */
export function listExamples(root: string = packageRoot()): ExampleInfo[] {
  const base = join(root, 'examples');
  if (!existsSync(base)) return [];
  const out: ExampleInfo[] = [];
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('_') || entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        visit(path);
        continue;
      }
      const ext = extname(entry.name);
      if (!TS_EXTENSIONS.has(ext) || entry.name.endsWith('.d.ts') || entry.name.includes('.test.')) continue;
      const name = relative(base, path).slice(0, -ext.length).split(sep).join('/');
      if (name === 'start') continue;
      out.push({ name, path, description: firstComment(readFileSync(path, 'utf8')) });
    }
  };
  visit(base);
  return out;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** The example called `name` (`synapses/STDP`, or Brian2's dotted `synapses.STDP`; case-insensitive when unambiguous). */
export function findExample(name: string, examples: readonly ExampleInfo[]): ExampleInfo {
  const wanted = name.replace(/\.ts$/, '').replace(/^examples\//, '');
  const exact = examples.find((e) => e.name === wanted || e.name === wanted.replaceAll('.', '/'));
  if (exact !== undefined) return exact;
  const folded = examples.filter((e) => e.name.toLowerCase() === wanted.replaceAll('.', '/').toLowerCase());
  if (folded.length === 1) return folded[0]!;
  const lower = wanted.toLowerCase();
  const close = examples
    .map((e) => ({ e, d: Math.min(editDistance(lower, e.name.toLowerCase()), editDistance(lower, e.name.split('/').pop()!.toLowerCase())) }))
    .filter(({ d }) => d <= Math.max(2, Math.floor(lower.length / 3)))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map(({ e }) => `'${e.name}'`);
  const hint = close.length > 0 ? ` Did you mean ${close.join(', ')}?` : '';
  throw new CliError(`unknown example '${name}'.${hint} Run 'brian-ts examples' for the list.`);
}

/** tsx's loader, looked up from each directory in turn. */
export function resolveTsx(fromDirs: readonly string[]): string | undefined {
  for (const dir of fromDirs) {
    try {
      return createRequire(join(dir, 'noop.js')).resolve('tsx');
    } catch {
      // Not installed there.
    }
  }
  return undefined;
}

/** How to run one script. */
export interface ScriptRun {
  /** The script file (absolute). */
  readonly script: string;
  /** Working directory, created if missing. */
  readonly cwd: string;
  readonly args?: readonly string[];
  /** Report long runs' progress on stderr (default true). */
  readonly progress?: boolean;
  /** Report period in seconds. */
  readonly reportPeriod?: number | undefined;
  /** Extra environment variables. */
  readonly env?: Readonly<Record<string, string>>;
  /** The tsconfig.json tsx should use (default: the script's nearest one). */
  readonly tsconfig?: string | undefined;
  /** Where tsx may be installed besides the script's directory (brian-ts's root). */
  readonly root?: string;
}

/** Checks the script file and the output directory (creating it). */
function prepare(run: ScriptRun): void {
  if (!existsSync(run.script)) throw new CliError(`script not found: ${run.script}`);
  if (!statSync(run.script).isFile()) throw new CliError(`not a file: ${run.script}`);
  const ext = extname(run.script);
  if (!SCRIPT_EXTENSIONS.has(ext)) throw new CliError(`cannot run '${run.script}': expected a .ts, .mts, .cts, .js, .mjs or .cjs script`);
  if (existsSync(run.cwd) && !statSync(run.cwd).isDirectory()) throw new CliError(`the output directory '${run.cwd}' is a file`);
  try {
    mkdirSync(run.cwd, { recursive: true });
  } catch (e) {
    throw new CliError(`cannot create the output directory '${run.cwd}': ${(e as Error).message}`, 1);
  }
}

/** Files (recursively) with size and modification time, to report what a script wrote. */
function fileStamps(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (d: string, depth: number): void => {
    if (depth > 4) return;
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) visit(path, depth + 1);
      else if (entry.isFile()) {
        const s = statSync(path);
        out.set(path, `${s.size}:${s.mtimeMs}`);
      }
    }
  };
  visit(dir, 0);
  return out;
}

/** Runs a script in a child Node process; resolves to its exit code (128 + signal number when killed). */
export async function runScript(run: ScriptRun): Promise<number> {
  prepare(run);
  const ext = extname(run.script);
  const nodeArgs: string[] = [];
  const env: Record<string, string | undefined> = { ...process.env, ...run.env };
  if (TS_EXTENSIONS.has(ext)) {
    const tsx = resolveTsx([dirname(run.script), process.cwd(), ...(run.root === undefined ? [] : [run.root]), dirname(fileURLToPath(import.meta.url))]);
    if (tsx === undefined) {
      throw new CliError(
        `running TypeScript needs tsx, which is not installed where '${run.script}' or brian-ts can find it. ` +
          'Install it in your project (npm install --save-dev tsx), or run a .js/.mjs script.',
        1,
      );
    }
    nodeArgs.push('--import', pathToFileURL(tsx).href);
    const tsconfig = run.tsconfig ?? nearestTsconfig(dirname(run.script));
    if (tsconfig !== undefined && env['TSX_TSCONFIG_PATH'] === undefined) env['TSX_TSCONFIG_PATH'] = tsconfig;
  }
  if (run.progress === false) env['BRIAN_TS_REPORT'] = 'none';
  else if (env['BRIAN_TS_REPORT'] === undefined || env['BRIAN_TS_REPORT'] === '') env['BRIAN_TS_REPORT'] = 'stderr';
  if (run.reportPeriod !== undefined) env['BRIAN_TS_REPORT_PERIOD'] = String(run.reportPeriod);

  const before = fileStamps(run.cwd);
  const code = await new Promise<number>((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, run.script, ...(run.args ?? [])], { cwd: run.cwd, env, stdio: 'inherit' });
    child.on('error', (e) => reject(new CliError(`cannot start Node for '${run.script}': ${e.message}`, 1)));
    child.on('exit', (status, signal) => {
      if (signal !== null) resolvePromise(128 + (constants.signals[signal] ?? 0));
      else resolvePromise(status ?? 1);
    });
  });
  const written = [...fileStamps(run.cwd)].filter(([path, stamp]) => before.get(path) !== stamp).map(([path]) => path);
  for (const path of written.sort()) process.stderr.write(`brian-ts: wrote ${relative(process.cwd(), path) || path}\n`);
  return code;
}

function readVersion(root: string): string {
  try {
    return String((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown }).version);
  } catch {
    return 'unknown';
  }
}

interface RunFlags {
  out?: string;
  progress: boolean;
  reportPeriod?: number;
}

/** The command-line program; `setExitCode` receives the child's exit code. */
export function createProgram(setExitCode: (code: number) => void): Command {
  const root = packageRoot();
  const program = new Command('brian-ts')
    .description("Brian2's spiking-neural-network simulator in TypeScript")
    .version(readVersion(root), '-V, --version')
    .showSuggestionAfterError(true)
    .configureHelp({ sortSubcommands: false });

  const reportPeriod = (text: string): number => parsePositiveNumber(text, '--report-period');
  const durationScale = (text: string): number => parsePositiveNumber(text, '--duration-scale');

  program
    .command('run')
    .description('run a model script (.ts with tsx, or .js/.mjs) with the output directory as working directory')
    .argument('<script>', 'the script to run')
    .argument('[args...]', "arguments for the script (after '--')")
    .option('-o, --out <dir>', 'output directory, the working directory of the script (default: the current directory)')
    .option('--no-progress', 'do not report the progress of long runs')
    .option('--report-period <seconds>', 'wall-clock time between progress reports (default 10)', reportPeriod)
    .action(async (script: string, args: string[], flags: RunFlags) => {
      setExitCode(
        await runScript({
          script: resolve(script),
          cwd: resolve(flags.out ?? '.'),
          args,
          progress: flags.progress,
          reportPeriod: flags.reportPeriod,
          root,
        }),
      );
    });

  program
    .command('examples')
    .description('list the examples, or run one (its figures go to --out)')
    .argument('[name]', "example to run, e.g. 'CUBA' or 'synapses/STDP'")
    .option('-o, --out <dir>', 'output directory for the figures', 'out')
    .option('--duration-scale <factor>', 'shorten the simulated time by this factor (BRIAN_TS_DURATION_SCALE)', durationScale)
    .option('--no-progress', 'do not report the progress of long runs')
    .option('--report-period <seconds>', 'wall-clock time between progress reports (default 10)', reportPeriod)
    .action(async (name: string | undefined, flags: RunFlags & { out: string; durationScale?: number }) => {
      const examples = listExamples(root);
      if (name === undefined) {
        if (examples.length === 0) throw new CliError(`no examples found in ${join(root, 'examples')}`, 1);
        const width = Math.max(...examples.map((e) => e.name.length));
        for (const e of examples) process.stdout.write(`${e.name.padEnd(width)}  ${e.description}\n`.replace(/ +\n$/, '\n'));
        return;
      }
      const example = findExample(name, examples);
      const tsconfig = join(root, 'tsconfig.json');
      setExitCode(
        await runScript({
          script: example.path,
          cwd: resolve(flags.out),
          progress: flags.progress,
          reportPeriod: flags.reportPeriod,
          env: flags.durationScale === undefined ? {} : { BRIAN_TS_DURATION_SCALE: String(flags.durationScale) },
          // In a checkout, the examples run against src/ (tsconfig paths); installed, against dist/.
          tsconfig: existsSync(tsconfig) ? tsconfig : undefined,
          root,
        }),
      );
    });

  program
    .command('init')
    .description('create a ready project in <dir>: package.json ("type": "module", brian-ts, tsx, TypeScript), a strict tsconfig.json and model.ts')
    .argument('<dir>', 'the project folder (new or empty)')
    .option('--brian-ts <spec>', "the brian-ts dependency in package.json (default: this installation's version, or this checkout as file:<path>)")
    .action((dir: string, flags: { brianTs?: string }) => {
      const written = initProject({ dir, ...(flags.brianTs === undefined ? {} : { brianTs: flags.brianTs }) }, root);
      process.stdout.write(`created ${written.join(', ')} in ${dir}\nnext: cd ${dir} && npm install && npm start\n`);
    });

  program
    .command('bench')
    .description('run the benchmarks (bench/run.ts), or those whose path contains a filter')
    .argument('[filters...]', "e.g. 'synapses' or 'lif'")
    .action(async (filters: string[]) => {
      const script = join(root, 'bench', 'run.ts');
      if (!existsSync(script)) throw new CliError(`the benchmarks are not part of this installation (no ${script}); run them from a brian-ts checkout`, 1);
      const tsconfig = join(root, 'tsconfig.json');
      setExitCode(await runScript({ script, cwd: root, args: filters, progress: false, tsconfig: existsSync(tsconfig) ? tsconfig : undefined, root }));
    });

  addSweepCommand(program, setExitCode);

  return program;
}

/** Runs the command line on `argv` (as `process.argv`); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let code = 0;
  // `brian-ts examples | head` closes stdout early: that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const program = createProgram((c) => (code = c));
  try {
    await program.parseAsync([...argv]);
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`brian-ts: error: ${e.message}\n`);
      return e.exitCode;
    }
    if (e instanceof SweepError) {
      process.stderr.write(`brian-ts: error: ${e.message}\n`);
      return e.code === 'invalid-grid' || e.code === 'invalid-option' || e.code === 'invalid-script' ? 2 : 1;
    }
    throw e;
  }
  return code;
}
