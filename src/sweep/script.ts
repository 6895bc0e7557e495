/**
 * Finding what a worker needs to load a model script: the file, tsx's module API (for TypeScript
 * scripts, and for JavaScript ones when it is there: one loader, one copy of brian-ts), and the
 * script's nearest tsconfig.json (its `paths` may map `brian-ts`).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SweepError } from './errors.ts';

const SCRIPT_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs']);
const TS_EXTENSIONS = new Set(['.ts', '.mts', '.cts']);

/** The nearest `tsconfig.json` at or above `dir`. */
export function nearestTsconfig(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    const candidate = join(d, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(d) === d) return undefined;
  }
}

/** The file URL of tsx's ESM module API (`tsx/esm/api`), looked up from each directory in turn. */
export function resolveTsxApi(fromDirs: readonly string[]): string | undefined {
  for (const dir of fromDirs) {
    let main: string;
    try {
      main = createRequire(join(dir, 'noop.js')).resolve('tsx');
    } catch {
      continue;
    }
    for (let d = dirname(main); dirname(d) !== d; d = dirname(d)) {
      const manifest = join(d, 'package.json');
      if (!existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; exports?: Record<string, unknown> };
      if (pkg.name !== 'tsx') continue;
      const entry = pkg.exports?.['./esm/api'] as { import?: string | { default?: string } } | undefined;
      const target = typeof entry?.import === 'string' ? entry.import : entry?.import?.default;
      if (typeof target === 'string') return pathToFileURL(join(d, target)).href;
      break;
    }
  }
  return undefined;
}

/** How a worker loads the model script. */
export interface ScriptLoad {
  /** The script (absolute path). */
  readonly script: string;
  /** tsx's module API, when found. */
  readonly tsxApi: string | undefined;
  /** The tsconfig.json tsx should use. */
  readonly tsconfig: string | undefined;
}

/** Checks the script and finds tsx for it; a TypeScript script without tsx is an error that says so. */
export function prepareScript(script: string): ScriptLoad {
  const path = resolve(script);
  if (!existsSync(path)) throw new SweepError('invalid-script', `The model script ${path} does not exist.`);
  if (!statSync(path).isFile()) throw new SweepError('invalid-script', `The model script ${path} is not a file.`);
  const ext = extname(path);
  if (!SCRIPT_EXTENSIONS.has(ext)) throw new SweepError('invalid-script', `The model script ${path} must be a .ts, .mts, .cts, .js, .mjs or .cjs file.`);
  const own = dirname(fileURLToPath(import.meta.url));
  const tsxApi = resolveTsxApi([dirname(path), process.cwd(), own]);
  if (tsxApi === undefined && TS_EXTENSIONS.has(ext)) {
    throw new SweepError('invalid-script', `The model script ${path} is TypeScript, which needs tsx: install it (npm install tsx) or compile the script to JavaScript.`);
  }
  return { script: path, tsxApi, tsconfig: nearestTsconfig(dirname(path)) };
}
