/**
 * Builds the playground as a static site (`npm run build:playground` → dist/playground/).
 *
 * Four esbuild bundles: the worker's code (worker.js: brian-ts, Plot, linkedom), which the page's
 * first script (boot.js) fetches and hands to the sandbox frame; the sandbox frame's script,
 * inline in runner.html (allowed by its hash), so the sandbox loads nothing; and the page
 * (CodeMirror, sucrase, fflate, the examples). Prints the sizes (raw and gzipped) and writes them to bundle-size.json.
 *
 * Usage: node --import tsx playground/build.ts [outDir] [--sandbox-url URL]
 */
import { build } from 'esbuild';
import type { Plugin } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = resolve(HERE, '..');
export const DEFAULT_OUT = join(ROOT, 'dist', 'playground');

export interface BundleSize {
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

export interface BuildResult {
  readonly outDir: string;
  readonly sizes: readonly BundleSize[];
  readonly totalGzipBytes: number;
  readonly examples: number;
}

interface ExampleEntry {
  path: string;
  title: string;
  group: string;
  source: string;
}

const SEED_ORDER = ['seed/seed-1-lif.ts', 'seed/seed-2-population.ts', 'seed/seed-3-stdp.ts'];
/** 'brian-ts' and the examples' duration helper from any folder depth (as worker.ts's require). */
const allowedImport = (name: string): boolean => name === 'brian-ts' || /^(?:\.\/|(?:\.\.\/)+)_duration\.ts$/.test(name);

function listTs(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listTs(full));
    else if (name.endsWith('.ts') && !name.startsWith('_')) out.push(full);
  }
  return out;
}

const SWEEP_REASON =
  "runs its model with sweep() from 'brian-ts/sweep', which starts Node worker threads on the example's own file " +
  '(node:worker_threads, import.meta.url); a playground program is one source text run in one browser worker';

/**
 * The examples left out of the menu, and why (a principled reason: what the example does cannot
 * happen in a browser worker). Every other example is in the menu and runs there; the browser test
 * runs them all, and tests/playground/logic.test.ts checks that every example missing from the menu
 * is listed here, and every listed one exists.
 */
export const NOT_IN_PLAYGROUND: Readonly<Record<string, string>> = {
  'start.ts': "the `npm start` launcher: runs the seed programs as Node child processes (node:child_process, node:fs), not a model",
  'frompapers/Graupner_Brunel_2012.ts': SWEEP_REASON,
  'frompapers/Maass_Natschlaeger_Markram_2002.ts': SWEEP_REASON,
  'multiprocessing/01_using_cython.ts': SWEEP_REASON,
  'multiprocessing/02_using_standalone.ts': SWEEP_REASON,
  'multiprocessing/03_standalone_joblib.ts': SWEEP_REASON,
  'standalone/standalone_multiplerun.ts': SWEEP_REASON,
  'frompapers/Stimberg_et_al_2018/example_6_COBA_with_astro.ts':
    'builds 1.3 million synapses with clock-driven variables (and 3200 coupled astrocytes): even at the menu test\'s duration × 0.02 ' +
    '(160 ms) it runs about 90 s in Node, longer than a playground run may take; it runs in Node (tests/examples/gallery-e-s6.test.ts)',
};

/** Every example file (path relative to examples/, '/'-separated) with its source. */
function allExamples(): { path: string; source: string }[] {
  const dir = join(ROOT, 'examples');
  return listTs(dir).map((file) => ({ path: relative(dir, file).split(sep).join('/'), source: readFileSync(file, 'utf8') }));
}

/** The modules an example imports that the playground does not provide. */
function foreignImports(source: string): string[] {
  return [...source.matchAll(/^\s*import\s[^;]*?from\s+['"]([^'"]+)['"]/gms)].map((m) => m[1]!).filter((i) => !allowedImport(i));
}

/**
 * The examples left out of the menu with the reason: those in NOT_IN_PLAYGROUND, and any other
 * that imports a module the playground lacks (its reason says it is not listed: a test fails on it).
 */
export function excludedExamples(): { path: string; reason: string; listed: boolean }[] {
  const out: { path: string; reason: string; listed: boolean }[] = [];
  for (const { path, source } of allExamples()) {
    const listed = NOT_IN_PLAYGROUND[path];
    if (listed !== undefined) out.push({ path, reason: listed, listed: true });
    else {
      const foreign = foreignImports(source);
      if (foreign.length > 0) out.push({ path, reason: `imports ${foreign.join(', ')} (not listed in NOT_IN_PLAYGROUND)`, listed: false });
    }
  }
  return out;
}

/** The examples of the menu: all but the excluded ones, seed programs first. */
export function collectExamples(): ExampleEntry[] {
  const excluded = new Set(excludedExamples().map((e) => e.path));
  const entries: ExampleEntry[] = [];
  for (const { path, source } of allExamples()) {
    if (excluded.has(path)) continue;
    const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    const group = folder === 'seed' ? 'Seed programs' : folder === '' ? 'Gallery' : `Gallery: ${folder}`;
    entries.push({ path, title: path.slice(path.lastIndexOf('/') + 1).replace(/\.ts$/, ''), group, source });
  }
  const rank = (e: ExampleEntry): number => {
    const k = SEED_ORDER.indexOf(e.path);
    return k >= 0 ? k : e.group === 'Gallery' ? 10 : 20;
  };
  return entries.sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
}

function examplesPlugin(examples: readonly ExampleEntry[]): Plugin {
  return {
    name: 'playground-examples',
    setup(b) {
      b.onResolve({ filter: /^playground:examples$/ }, () => ({ path: 'examples', namespace: 'playground' }));
      b.onLoad({ filter: /.*/, namespace: 'playground' }, () => ({ contents: `export const EXAMPLES = ${JSON.stringify(examples)};`, loader: 'js' }));
    },
  };
}

/**
 * linkedom parses CSS (cssomnom, 200 KiB of the worker bundle) only for `HTMLStyleElement.sheet`,
 * which neither Plot nor brian-ts reads: the worker bundle gets a stub that says so if it ever is,
 * so the worker compiles less at start-up.
 */
function noStyleSheetsPlugin(): Plugin {
  return {
    name: 'playground-no-style-sheets',
    setup(b) {
      b.onResolve({ filter: /^cssomnom\/parse$/ }, () => ({ path: 'cssomnom-parse', namespace: 'playground-stub' }));
      b.onLoad({ filter: /.*/, namespace: 'playground-stub' }, () => ({
        contents: "export function parse() { throw new Error('HTMLStyleElement.sheet is not available in the playground worker'); }",
        loader: 'js',
      }));
    },
  };
}

/**
 * The worker's bootstrap (runner.ts starts every worker from it): it evaluates the code the frame
 * posts (UTF-8 bytes; `'unsafe-eval'`), noting when it began and where a program's thread workers
 * find the code.
 */
const BOOTSTRAP =
  'self.onmessage=function(e){var d=e.data;if(!d||d.type!=="brian-ts-code")return;self.onmessage=null;' +
  'self.__brianThreadScript=d.threadScript;self.__brianWorkerStart=performance.now();' +
  'var c=d.code;(0,eval)(typeof c==="string"?c:new TextDecoder().decode(c))}';
/** The name the worker's code runs under in stack traces. */
const WORKER_SOURCE_URL = 'brian-ts-worker.js';

// The library reads `import.meta.url` only for Node-side work (threads, CLI paths) and copes with
// its absence, so esbuild's "empty import.meta in iife" warning is expected, not a failure.
const COMMON = { absWorkingDir: ROOT, bundle: true, platform: 'browser', target: 'es2022', write: false, logLevel: 'silent', legalComments: 'none', logOverride: { 'empty-import-meta': 'silent' } } as const;

/** Response headers for a static host (`_headers` format of Netlify / Cloudflare Pages). */
export const HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  // The sandbox frame has an opaque origin: its script is a cross-origin load for it.
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'X-Content-Type-Options': 'nosniff',
};

/**
 * The sandbox page with its script inline, allowed by its hash: the sandbox's CSP then allows no
 * script URL at all ('self' would let a program `importScripts` from the site's own server).
 */
function sandboxPage(runner: string): string {
  // esbuild escapes `</script` in strings; the inline script must hold neither end tag nor comment opener.
  if (/<\/script|<!--/i.test(runner)) throw new Error("the sandbox script cannot be inlined safely: it contains '</script' or '<!--'");
  const hash = createHash('sha256').update(runner, 'utf8').digest('base64');
  const template = readFileSync(join(HERE, 'runner.html'), 'utf8');
  if (!template.includes('SCRIPT_HASH') || !template.includes('<script>RUNNER</script>')) throw new Error('runner.html lacks its placeholders');
  return template.replace('SCRIPT_HASH', `'sha256-${hash}'`).replace('<script>RUNNER</script>', () => `<script>${runner}</script>`);
}

/** index.html with its sandbox frame loaded from `url` (and the page's CSP allowing that frame). */
export function pointSandbox(html: string, url: string | undefined): string {
  if (url === undefined || url === 'runner.html') return html;
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error(`the sandbox URL must be http(s), got '${url}'`);
  if (!html.includes('src="runner.html"') || !html.includes("frame-src 'self'")) throw new Error('index.html lacks the sandbox frame or its frame-src');
  const attr = parsed.href.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return html.replace('src="runner.html"', `src="${attr}"`).replace("frame-src 'self'", `frame-src ${parsed.origin}`);
}

export interface BuildOptions {
  minify?: boolean;
  /**
   * Where the page loads the sandbox from (default `runner.html` beside it). Another site (e.g. a
   * second domain serving the same runner.html) gives the sandbox its own browser process.
   */
  sandboxUrl?: string;
}

export async function buildPlayground(outDir: string = DEFAULT_OUT, options: BuildOptions = {}): Promise<BuildResult> {
  const minify = options.minify ?? true;
  const examples = collectExamples();
  const worker = await build({ ...COMMON, entryPoints: [join(HERE, 'src', 'worker.ts')], format: 'iife', minify, keepNames: true, plugins: [noStyleSheetsPlugin()] });
  const workerCode = worker.outputFiles[0]!.text;
  const runner = await build({
    ...COMMON,
    entryPoints: [join(HERE, 'src', 'runner.ts')],
    format: 'iife',
    minify,
    define: { BOOTSTRAP_SOURCE: JSON.stringify(BOOTSTRAP) },
  });
  const page = await build({ ...COMMON, entryPoints: [join(HERE, 'src', 'page.ts')], format: 'iife', minify, plugins: [examplesPlugin(examples)] });
  const boot = await build({ ...COMMON, entryPoints: [join(HERE, 'src', 'boot.ts')], format: 'iife', minify });
  for (const r of [worker, runner, page, boot]) {
    if (r.warnings.length > 0) throw new Error(`esbuild warnings: ${r.warnings.map((w) => w.text).join('; ')}`);
  }
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'page.js'), page.outputFiles[0]!.text);
  copyFileSync(join(HERE, 'style.css'), join(outDir, 'style.css'));
  writeFileSync(join(outDir, 'index.html'), pointSandbox(readFileSync(join(HERE, 'index.html'), 'utf8'), options.sandboxUrl));
  writeFileSync(join(outDir, 'runner.html'), sandboxPage(runner.outputFiles[0]!.text));
  writeFileSync(join(outDir, 'worker.js'), `${workerCode}\n//# sourceURL=${WORKER_SOURCE_URL}\n`);
  writeFileSync(join(outDir, 'boot.js'), boot.outputFiles[0]!.text);
  const headerLines = Object.entries(HEADERS).map(([k, v]) => `  ${k}: ${v}`);
  writeFileSync(join(outDir, '_headers'), `# Response headers for the playground (cross-origin isolation); see README.md.\n/*\n${headerLines.join('\n')}\n`);
  const sizes = ['page.js', 'worker.js', 'boot.js', 'runner.html', 'index.html', 'style.css'].map((file) => {
    const data = readFileSync(join(outDir, file));
    return { file, bytes: data.length, gzipBytes: gzipSync(data, { level: 9 }).length };
  });
  const totalGzipBytes = sizes.reduce((s, x) => s + x.gzipBytes, 0);
  const result: BuildResult = { outDir, sizes, totalGzipBytes, examples: examples.length };
  writeFileSync(join(outDir, 'bundle-size.json'), `${JSON.stringify({ sizes, totalGzipBytes, examples: examples.length }, null, 2)}\n`);
  return result;
}

export function formatSizes(r: BuildResult): string {
  const kb = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
  const rows = r.sizes.map((s) => `  ${s.file.padEnd(12)} ${kb(s.bytes).padStart(11)}  gzip ${kb(s.gzipBytes).padStart(10)}`);
  return `${rows.join('\n')}\n  total gzipped: ${kb(r.totalGzipBytes)} (${r.examples} examples)`;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const k = args.indexOf('--sandbox-url');
  const sandboxUrl = k >= 0 ? args.splice(k, 2)[1] : undefined;
  const out = args[0] === undefined ? DEFAULT_OUT : resolve(args[0]);
  const r = await buildPlayground(out, { sandboxUrl });
  console.log(`brian-ts playground built in ${relative(process.cwd(), r.outDir) || '.'}/\n${formatSizes(r)}`);
}
