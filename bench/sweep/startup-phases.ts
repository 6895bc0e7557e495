/**
 * Question (issue 12, session 12 s12-sweep): where does a bundled sweep worker's start-up go —
 * Node's own worker bootstrap (thread, isolate, Node's internal modules) against loading the worker
 * bundle (reading, compiling, Node's source-map caching, evaluating brian-ts's module bodies) — and
 * what did Node's source maps cost there (on in the workers until session 12; since, the bundle maps
 * a stack trace when one is formatted, src/sweep/stack-map.ts)? Starts workers on a copy of the
 * bundle's boot module that records when it begins and when the bundle is imported, with
 * `process.setSourceMapsEnabled(true)` first (Node reads the map and indexes the bundle's lines as it
 * compiles it: the boot before session 12) and without (the boot since),
 * `workers` at once (2: as a 2-worker sweep starts), `repeats` times, maps on and off interleaved
 * (fresh workers each time, in one process); prints each start and the minimum and median per phase.
 * The bundle is the paper-size sweep's (sweep.bench.ts --size=paper), built or found as sweep() does.
 * Run: node --import tsx bench/sweep/startup-phases.ts [repeats=6] [workers=1]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { prepareScript, workerBundle } from 'brian-ts/sweep';
import { withoutPreloads } from '../../src/sweep/engines.ts';

const [repeats = 6, workers = 1] = process.argv.slice(2).filter((a) => !a.startsWith('--')).map(Number);
const script = fileURLToPath(new URL('./brunel-hakim-paper.model.ts', import.meta.url));
const b = await workerBundle(prepareScript(script));
if ('reason' in b) throw new Error(`no bundle: ${b.reason}`);
const bundleUrl = pathToFileURL(b.file).href;
// The bundle's boot module (bundle.ts's BOOT) with clocks; wall-clock ms since the epoch, comparable across threads.
const BOOT =
  "import { workerData, parentPort } from 'node:worker_threads';\n" +
  'const now = () => performance.timeOrigin + performance.now();\n' +
  'const bootAt = now();\n' +
  'if (workerData.maps) process.setSourceMapsEnabled(true);\n' +
  'await import(workerData.bundle);\n' +
  "parentPort.postMessage({ type: 'phases', bootAt, importedAt: now() });\n";
const dir = mkdtempSync(join(tmpdir(), 'brian-ts-startup-phases-'));
const boot = join(dir, 'boot.mjs');
writeFileSync(boot, BOOT);
const now = (): number => performance.timeOrigin + performance.now();

interface Phases {
  /** new Worker() to the boot module's first line: Node's bootstrap. */
  readonly bootstrap: number;
  /** The boot module's first line to the bundle imported (and the model loaded): the bundle. */
  readonly bundle: number;
  /** new Worker() to the worker's 'loaded' message (the sweep's "worker start-up"). */
  readonly total: number;
}

function start(maps: boolean): Promise<Phases> {
  return new Promise((resolve, reject) => {
    const t0 = now();
    // As sweep() starts them: without this process's --import tsx (the bundle needs no loader).
    const w = new Worker(boot, { workerData: { bundle: bundleUrl, maps }, execArgv: withoutPreloads(process.execArgv) });
    let phases: { bootAt: number; importedAt: number } | undefined;
    let loadedAt: number | undefined;
    const done = (): void => {
      if (phases === undefined || loadedAt === undefined) return;
      void w.terminate();
      resolve({ bootstrap: phases.bootAt - t0, bundle: Math.max(phases.importedAt, loadedAt) - phases.bootAt, total: Math.max(phases.importedAt, loadedAt) - t0 });
    };
    w.on('message', (m: { type: string; bootAt: number; importedAt: number; loadedAt: number }) => {
      if (m.type === 'phases') phases = m;
      if (m.type === 'loaded') loadedAt = m.loadedAt;
      done();
    });
    w.once('error', reject);
  });
}

const samples = new Map<string, Phases[]>([
  ['Node source maps on (the boot before session 12)', []],
  ['Node source maps off (the boot since)', []],
]);
const fmt = (x: number): string => x.toFixed(0);
try {
  for (let r = 0; r < repeats; r++) {
    for (const [label, list] of samples) {
      const got = await Promise.all(Array.from({ length: workers }, () => start(label.startsWith('Node source maps on'))));
      list.push(...got);
      console.log(`${label}: ${got.map((p) => `bootstrap ${fmt(p.bootstrap)} + bundle ${fmt(p.bundle)} = ${fmt(p.total)} ms`).join(' | ')}`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const min = (xs: number[]): number => Math.min(...xs);
const median = (xs: number[]): number => [...xs].sort((a, c) => a - c)[Math.floor((xs.length - 1) / 2)]!;
console.log(`\n${workers} worker(s) at once, ${repeats} repeats; ms, min / median`);
console.log('| boot | Node bootstrap | bundle import | start-up |');
console.log('| --- | --- | --- | --- |');
for (const [label, list] of samples) {
  const col = (k: keyof Phases): string => `${fmt(min(list.map((p) => p[k])))} / ${fmt(median(list.map((p) => p[k])))}`;
  console.log(`| ${label} | ${col('bootstrap')} | ${col('bundle')} | ${col('total')} |`);
}
