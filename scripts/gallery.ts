/**
 * Builds the examples gallery: runs every example under examples/ (the seed programs included)
 * with its figures written to docs/examples/figures/<example>/, then assembles docs/examples.md
 * from the per-example pages in docs/examples/*.md.
 *
 *   node --import tsx scripts/gallery.ts [--scale 0.1] [--only name,name] [--timeout 600] [--equations-only]
 *
 * Each example runs with scripts/gallery-equations.ts preloaded, which writes the equations of its
 * groups (`Equations.toMarkdown()`) to equations.md beside the figures. `--equations-only` runs the
 * examples shortened (--scale, default 0.01 then) in a scratch folder and updates only equations.md,
 * leaving the figures as they are.
 *
 * `--scale` shortens simulated durations (BRIAN_TS_DURATION_SCALE) for a quick look; the
 * committed gallery is made with the full durations unless its page says otherwise.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const examplesDir = join(root, 'examples');
const docsDir = join(root, 'docs', 'examples');
const figuresDir = join(docsDir, 'figures');
const brian2Dir = join(docsDir, 'brian2');

const { values } = parseArgs({
  options: { scale: { type: 'string' }, only: { type: 'string' }, timeout: { type: 'string', default: '600' }, 'equations-only': { type: 'boolean', default: false } },
});
const equationsOnly = values['equations-only'];
const scale = Number(values.scale ?? (equationsOnly ? '0.01' : '1'));
const timeoutSeconds = Number(values.timeout);
if (!(scale > 0) || !(timeoutSeconds > 0)) throw new Error('--scale and --timeout must be positive numbers');
const only = values.only === undefined ? undefined : new Set(values.only.split(','));

function listExamples(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return listExamples(path);
      const skip = entry.startsWith('_') || entry === 'start.ts' || entry === 'demo.ts' || !entry.endsWith('.ts');
      return skip ? [] : [path];
    });
}

/** `synapses/STDP.ts` → `synapses_STDP` (the docs page and figure folder name). */
const slug = (file: string): string => relative(examplesDir, file).replace(/\.ts$/, '').replaceAll('/', '_');

const results: { name: string; ok: boolean; seconds: number }[] = [];
for (const file of listExamples(examplesDir)) {
  const name = slug(file);
  if (only !== undefined && !only.has(name)) continue;
  const figureDir = join(figuresDir, name);
  const outDir = equationsOnly ? mkdtempSync(join(root, 'node_modules', '.gallery-scratch-')) : figureDir;
  if (!equationsOnly) rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--import', join(root, 'scripts', 'gallery-equations.ts'), file], {
    cwd: outDir,
    env: { ...process.env, BRIAN_TS_DURATION_SCALE: String(scale), TSX_TSCONFIG_PATH: join(root, 'tsconfig.json') },
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: timeoutSeconds * 1000,
    encoding: 'utf8',
  });
  const seconds = (performance.now() - started) / 1000;
  const ok = run.status === 0;
  if (equationsOnly) {
    if (ok && existsSync(join(outDir, 'equations.md'))) {
      mkdirSync(figureDir, { recursive: true });
      copyFileSync(join(outDir, 'equations.md'), join(figureDir, 'equations.md'));
    }
    rmSync(outDir, { recursive: true, force: true });
  }
  results.push({ name, ok, seconds });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name} (${seconds.toFixed(1)} s)${ok ? '' : `\n${(run.stderr ?? '').slice(-2000)}`}`);
}

// Assemble docs/examples.md from the per-example pages and whatever figures exist.
const sourceOf = new Map(listExamples(examplesDir).map((file) => [slug(file), relative(root, file)]));
const pages = readdirSync(docsDir)
  .filter((f) => f.endsWith('.md'))
  .sort();
const pageNames = pages.map((page) => page.replace(/\.md$/, ''));
const sections = pages.map((page) => {
  const name = page.replace(/\.md$/, '');
  const text = readFileSync(join(docsDir, page), 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('!['))
    .join('\n')
    .trim()
    .replace(/^# /, '## ');
  const dir = join(figuresDir, name);
  const figures = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.png')).sort() : [];
  const images = figures.map((f) => `![${name}: ${f}](examples/figures/${name}/${f})`).join('\n\n');
  // Brian2's own figures, rendered by the fixture scripts (tests/conformance/generate/gallery_*.py
  // with --figures) with Debian's matplotlib: docs/examples/brian2/<name>*.png.
  // (a figure of a longer page name, such as bipolar_with_inputs2 for bipolar_with_inputs, is that page's)
  const longer = pageNames.filter((other) => other.length > name.length && other.startsWith(name));
  const brian2 = existsSync(brian2Dir)
    ? readdirSync(brian2Dir)
        .filter((f) => f.startsWith(name) && f.endsWith('.png') && /^[-_.\w]*$/.test(f.slice(name.length)) && !longer.some((other) => f.startsWith(other)))
        .sort()
    : [];
  const theirs = brian2.length === 0 ? '' : `\n\nBrian2's figure (Brian2 2.5.1 and matplotlib, from the fixture script):\n\n${brian2.map((f) => `![${name}: Brian2's ${f}](examples/brian2/${f})`).join('\n\n')}`;
  const source = sourceOf.get(name);
  const equationsFile = join(dir, 'equations.md');
  const equations = existsSync(equationsFile) ? `Equations (rendered by \`Equations.toMarkdown()\`):\n\n${readFileSync(equationsFile, 'utf8').trim()}\n\n` : '';
  return `${text}\n\n${source === undefined ? '' : `brian-ts port: \`${source}\`\n\n`}${equations}${images === '' ? '' : `brian-ts's figure:\n\n${images}`}${theirs}`;
});
const header = `# Examples gallery

Ports of Brian2's documentation examples (and the seed programs), each a script under
\`examples/\` that writes its figures into the working directory. Run one with
\`npx brian-ts examples <name>\` (figures in \`out/\`), or rebuild this page and its figures with
\`node --import tsx scripts/gallery.ts\`${scale === 1 || equationsOnly ? '' : ` (this build used --scale ${scale})`}.
`;
writeFileSync(join(root, 'docs', 'examples.md'), `${header}\n${sections.join('\n\n')}\n`);
const failed = results.filter((r) => !r.ok);
console.log(`\n${results.length - failed.length} of ${results.length} examples ran; docs/examples.md has ${pages.length} pages.`);
process.exit(failed.length === 0 ? 0 : 1);
