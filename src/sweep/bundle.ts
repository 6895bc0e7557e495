/**
 * The worker bundle: the model script, the brian-ts copy it imports and the worker's message loop,
 * bundled by esbuild into one ES module that every worker thread of a sweep starts on.
 *
 * Why: a worker loading the script through the module loader resolves, reads, transpiles (tsx)
 * and compiles a few hundred modules (brian-ts, d3 and the other dependencies) — seconds of CPU
 * per worker, as long as dozens of small simulations, paid again by every worker. One file is
 * loaded in a fraction of that, and the script is transpiled once per change, not once per worker.
 *
 * Semantics kept: each module's `import.meta.url` (`filename`, `dirname`) is its own file's, not
 * the bundle's (brian-ts finds its sources and thread helpers with it, scripts their own folder);
 * stack traces are mapped back to the scripts (a linked source map, read when a trace is first
 * formatted: stack-map.ts), so error messages name the user's lines; `'brian-ts'` resolves from the script exactly as the loader would (tsconfig
 * `paths` included). Anything esbuild cannot bundle makes {@link workerBundle} say why, and the
 * pool then loads the script unbundled, as before.
 *
 * The bundle is cached (`node_modules/.cache/brian-ts-sweep/` next to the script, else the temp
 * folder) under a key of its entry and options, with the size and mtime of every input file: it
 * is rebuilt when any of them changes.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir, userInfo } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ScriptLoad } from './script.ts';
import { thinSourceMap } from './sourcemap.ts';

/** A built (or cached) worker bundle. */
export interface WorkerBundle {
  /** The bundle file (an ES module). */
  readonly file: string;
  /** The module a worker starts on (`workerData.bundle`: the bundle's URL): enables source maps, then imports the bundle. */
  readonly boot: string;
  /** Whether it was built now (false: taken from the cache). */
  readonly built: boolean;
  /** Milliseconds spent finding or building it. */
  readonly ms: number;
}

/** Bump when the bundle's shape changes, so old cache entries are not reused. */
const BUNDLE_FORMAT = 9;

const OWN_URL = import.meta.url;
/** What the runner uses of the script's brian-ts (see runner.ts). */
const STUB_NAME = 'brian-ts-sweep-entry.mjs';
const BRIAN_PARTS = ['startScope', 'seed', 'defaultclock', 'Quantity', 'Dimension'];

/** The path of esbuild's package, found from each directory in turn (it comes with tsx). */
function findEsbuild(fromDirs: readonly string[]): { main: string; version: string } | undefined {
  for (const dir of fromDirs) {
    try {
      const require = createRequire(join(dir, 'noop.js'));
      const manifest = require.resolve('esbuild/package.json');
      const version = (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version ?? '?';
      return { main: require.resolve('esbuild'), version };
    } catch {
      continue;
    }
  }
  return undefined;
}

/** Where bundles are cached: the nearest `node_modules/.cache` above `dirs`, else the temp folder. */
function cacheDir(dirs: readonly string[]): string {
  for (const start of dirs) {
    for (let d = start; ; d = dirname(d)) {
      const nm = join(d, 'node_modules');
      if (existsSync(nm)) {
        const dir = join(nm, '.cache', 'brian-ts-sweep');
        try {
          mkdirSync(dir, { recursive: true });
          return dir;
        } catch {
          break; // read-only: try the next start, then the temp folder
        }
      }
      if (dirname(d) === d) break;
    }
  }
  const dir = join(tmpdir(), `brian-ts-sweep-${userInfo().uid}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

interface InputStamp {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

function stamp(path: string): InputStamp | undefined {
  try {
    const s = statSync(path);
    return { path, size: s.size, mtimeMs: s.mtimeMs };
  } catch {
    return undefined;
  }
}

function upToDate(stampsFile: string, bundle: string): boolean {
  if (!existsSync(stampsFile) || !existsSync(bundle)) return false;
  let stamps: InputStamp[];
  try {
    stamps = (JSON.parse(readFileSync(stampsFile, 'utf8')) as { inputs: InputStamp[] }).inputs;
  } catch {
    return false;
  }
  return stamps.every((s) => {
    const now = stamp(s.path);
    return now !== undefined && now.size === s.size && now.mtimeMs === s.mtimeMs;
  });
}

const LOADERS: Record<string, 'ts' | 'tsx' | 'js' | 'jsx'> = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.jsx': 'jsx' };
const BOOT = "import { workerData } from 'node:worker_threads';\nawait import(workerData.bundle);\n";
const META = /\bimport\.meta\.(url|filename|dirname)\b/g;

/** Writes `text` to `path` whole (a reader, or another process building the same bundle, never sees half a file). */
function writeWhole(path: string, text: string | Uint8Array): void {
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

// Minimal types of the part of esbuild used here (it is an optional dependency, loaded at run time).
interface EsbuildPluginBuild {
  onResolve(
    o: { filter: RegExp; namespace?: string },
    f: (a: { path: string; importer: string; namespace: string; resolveDir: string; kind: string; pluginData: unknown }) => Promise<unknown> | unknown,
  ): void;
  onLoad(o: { filter: RegExp; namespace?: string }, f: (a: { path: string }) => unknown): void;
  resolve(path: string, o: { resolveDir: string; kind: string; importer?: string; pluginData?: unknown }): Promise<{ path: string; errors: unknown[] }>;
}
interface Esbuild {
  build(o: Record<string, unknown>): Promise<{ outputFiles: { path: string; contents: Uint8Array }[]; metafile: { inputs: Record<string, unknown> } }>;
}

/**
 * The worker bundle of a script: from the cache when its inputs are unchanged, else built now.
 * Returns a reason instead when it cannot be bundled (no esbuild, or esbuild refuses the script).
 */
export async function workerBundle(load: ScriptLoad): Promise<WorkerBundle | { readonly reason: string }> {
  const t0 = performance.now();
  const ownDir = dirname(fileURLToPath(OWN_URL));
  const scriptDir = dirname(load.script);
  const tsxDir = load.tsxApi === undefined ? [] : [dirname(fileURLToPath(load.tsxApi))];
  const esbuildPkg = findEsbuild([ownDir, scriptDir, process.cwd(), ...tsxDir]);
  if (esbuildPkg === undefined) return { reason: 'esbuild (installed with tsx) was not found' };
  const entry = fileURLToPath(new URL(`./bundled.${OWN_URL.endsWith('.ts') ? 'ts' : 'js'}`, OWN_URL));
  // The stub: fixed text; the paths travel as JSON string literals.
  // Only the parts of brian-ts the runner drives are imported by name: a namespace import would
  // keep every export (and the plotting layer) alive.
  const stub =
    `import { serveBundle } from ${JSON.stringify(entry)};\n` +
    `import { ${BRIAN_PARTS.join(', ')} } from 'brian-ts';\n` +
    `serveBundle(${JSON.stringify(load.script)}, () => import(${JSON.stringify(load.script)}), { ${BRIAN_PARTS.join(', ')} });\n`;
  const key = createHash('sha256')
    .update(JSON.stringify({ BUNDLE_FORMAT, stub, tsconfig: load.tsconfig ?? null, esbuild: esbuildPkg.version, node: process.version }))
    .digest('hex')
    .slice(0, 20);
  let dir: string;
  try {
    dir = cacheDir([scriptDir, ownDir]);
  } catch (e) {
    return { reason: `no folder to cache the bundle in: ${e instanceof Error ? e.message : String(e)}` };
  }
  const file = join(dir, `${key}.mjs`);
  const stampsFile = join(dir, `${key}.json`);
  // The workers' entry: imports the bundle. A file, not eval'd text (an eval'd entry would leave
  // globals such as __dirname behind). Node's source maps stay off there (they would read the map
  // and index the whole bundle at compile time); the bundle maps its stack traces itself when
  // one is formatted (stack-map.ts), so stack traces and creation sites name the script's lines.
  const boot = join(dir, `boot-${BUNDLE_FORMAT}.mjs`);
  try {
    if (!existsSync(boot) || readFileSync(boot, 'utf8') !== BOOT) writeWhole(boot, BOOT);
  } catch (e) {
    return { reason: `the bundle cannot be written to ${dir}: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (upToDate(stampsFile, file)) return { file, boot, built: false, ms: performance.now() - t0 };

  let esbuild: Esbuild;
  try {
    const mod = (await import(pathToFileURL(esbuildPkg.main).href)) as Esbuild & { default?: Esbuild };
    esbuild = typeof mod.build === 'function' ? mod : mod.default!;
  } catch (e) {
    return { reason: `esbuild failed to load: ${e instanceof Error ? e.message : String(e)}` };
  }
  // brian-ts's plotting layer (a leaf: nothing else in brian-ts imports it) is marked free of side
  // effects, so a model that does not plot does not load it and its dependencies (d3, linkedom:
  // half of the bundle). Its folders: next to this module's copy, and next to the script's copy.
  const plotDirs = new Set([join(dirname(ownDir), 'plot') + sep]);
  // brian-ts's source folders (this copy's, the script's), for the source map.
  const libraryDirs = new Set([dirname(ownDir) + sep]);
  const SKIP = {};
  const plugin = {
    name: 'brian-ts-sweep',
    setup(build: EsbuildPluginBuild): void {
      // A script that does not import brian-ts (or not resolvably) gets an empty module: the runner then uses its own copy.
      build.onResolve({ filter: /^brian-ts$/ }, async (a) => {
        if (!a.importer.endsWith(STUB_NAME) || a.pluginData === SKIP) return undefined;
        const r = await build.resolve('brian-ts', { resolveDir: scriptDir, kind: 'import-statement', pluginData: SKIP });
        if (r.errors.length > 0) return { path: 'none', namespace: 'brian-ts-sweep-empty' };
        plotDirs.add(join(dirname(r.path), 'plot') + sep);
        libraryDirs.add(dirname(r.path) + sep);
        return { path: r.path };
      });
      build.onResolve({ filter: /plot/ }, async (a) => {
        if (a.pluginData === SKIP || a.namespace !== 'file') return undefined;
        const r = await build.resolve(a.path, { resolveDir: a.resolveDir, kind: a.kind, importer: a.importer, pluginData: SKIP });
        if (r.errors.length > 0 || ![...plotDirs].some((d) => r.path.startsWith(d))) return undefined;
        return { path: r.path, sideEffects: false };
      });
      build.onLoad({ filter: /.*/, namespace: 'brian-ts-sweep-empty' }, () => ({ contents: BRIAN_PARTS.map((p) => `export const ${p} = undefined;`).join('\n'), loader: 'js' }));
      // Each module keeps its own import.meta.url (and filename, dirname).
      build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, (a) => {
        const text = readFileSync(a.path, 'utf8');
        const meta = text.includes('import.meta');
        // A CommonJS module's __dirname and __filename are its own too (an ES module bundle has
        // none); one with import/export statements is left alone (it may declare its own).
        const cjs = /\b__(dirname|filename)\b/.test(text) && !/^\s*(import|export)\b/m.test(text);
        if (!meta && !cjs) return undefined;
        const href = pathToFileURL(a.path).href;
        let contents = meta ? text.replace(META, (_m, what: string) => JSON.stringify(what === 'url' ? href : what === 'filename' ? a.path : dirname(a.path))) : text;
        if (cjs) contents = `var __filename = ${JSON.stringify(a.path)}, __dirname = ${JSON.stringify(dirname(a.path))};\n${contents}`;
        return { contents, loader: LOADERS[extname(a.path)] ?? 'js', resolveDir: dirname(a.path) };
      });
    },
  };
  let result: Awaited<ReturnType<Esbuild['build']>>;
  try {
    result = await esbuild.build({
      stdin: { contents: stub, resolveDir: scriptDir, sourcefile: STUB_NAME, loader: 'js' },
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: `node${process.versions.node}`,
      outfile: file,
      write: false,
      metafile: true,
      sourcemap: 'linked',
      sourcesContent: false,
      // Smaller is faster to parse in each worker; names kept (error names are recorded by class name).
      minify: true,
      keepNames: true,
      // CommonJS dependencies inside an ES module bundle still need `require` for Node's built-ins.
      banner: { js: "import { createRequire as __brianTsSweepRequire } from 'node:module'; const require = __brianTsSweepRequire(import.meta.url);" },
      logLevel: 'silent',
      ...(load.tsconfig === undefined ? {} : { tsconfig: load.tsconfig }),
      plugins: [plugin],
    });
  } catch (e) {
    return { reason: `esbuild cannot bundle the script: ${e instanceof Error ? e.message.split('\n').slice(0, 3).join(' ') : String(e)}` };
  }
  const inputs = Object.keys(result.metafile.inputs)
    .filter((p) => !p.includes(':') || /^[A-Za-z]:[\\/]/.test(p))
    .map((p) => stamp(resolve(process.cwd(), p)))
    .filter((s): s is InputStamp => s !== undefined);
  for (const extra of [load.script, load.tsconfig]) {
    const s = extra === undefined ? undefined : stamp(extra);
    if (s !== undefined && !inputs.some((i) => i.path === s.path)) inputs.push(s);
  }
  try {
    // The map first, the stamps last: a bundle is only ever used with its map and complete stamps.
    for (const out of [...result.outputFiles].sort((a, b) => Number(b.path.endsWith('.map')) - Number(a.path.endsWith('.map')))) {
      if (!out.path.endsWith('.map')) {
        writeWhole(out.path, out.contents);
        continue;
      }
      // Exact positions for the user's files; library code (brian-ts, node_modules) thinned.
      const map = JSON.parse(new TextDecoder().decode(out.contents)) as { mappings: string; sources: string[] };
      const library = [...libraryDirs];
      const isUser = (k: number): boolean => {
        const path = resolve(dirname(out.path), map.sources[k]!);
        return !path.split(sep).includes('node_modules') && !library.some((d) => path.startsWith(d));
      };
      writeWhole(out.path, JSON.stringify(thinSourceMap(map, isUser)));
    }
    writeWhole(stampsFile, JSON.stringify({ format: BUNDLE_FORMAT, script: load.script, inputs }));
  } catch (e) {
    return { reason: `the bundle cannot be written to ${dir}: ${e instanceof Error ? e.message : String(e)}` };
  }
  prune(dir);
  return { file, boot, built: true, ms: performance.now() - t0 };
}

/**
 * Removes the cache entries of scripts that no longer exist (sweeps of scripts in temporary
 * folders would otherwise accumulate), entries and boot files of other bundle formats, and leftovers of writes that
 * died half-way (over an hour old). Run after a build only, never on the way to a cached bundle.
 */
export function prune(dir: string): void {
  const hourAgo = Date.now() - 3_600_000;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const remove = (name: string): void => rmSync(join(dir, name), { force: true });
  for (const name of names) {
    try {
      if (name.endsWith('.tmp')) {
        if (statSync(join(dir, name)).mtimeMs < hourAgo) remove(name);
      } else if (/^boot-\d+\.mjs$/.test(name)) {
        if (name !== `boot-${BUNDLE_FORMAT}.mjs`) remove(name);
      } else if (name.endsWith('.json')) {
        const { script, format } = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { script?: unknown; format?: unknown };
        if ((typeof script === 'string' && !existsSync(script)) || format !== BUNDLE_FORMAT) {
          const key = name.slice(0, -'.json'.length);
          for (const f of [`${key}.mjs`, `${key}.mjs.map`, name]) remove(f);
        }
      }
    } catch {
      // another process pruning or writing at the same time: leave it
    }
  }
}
