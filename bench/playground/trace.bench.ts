/**
 * Playground start-up in Chromium's own trace: CPU time per thread and per phase from page load
 * to the first figure of seed 1 (issue 13). Wall-clock timings on a shared machine depend on what
 * else runs; the CPU time a thread spends (the trace's `tdur`) much less, so this shows where the
 * start-up's work is even under load. Like load.bench.ts it builds and serves the site, loads it
 * in Debian's headless Chromium REPEATS times (a fresh browser context each), presses Run as soon
 * as it is enabled, and waits for the first figure, with tracing on (categories `toplevel`, `blink.user_timing`,
 * `v8.execute`, `devtools.timeline`, `loading`: tracing itself costs some time).
 *
 * Per load it attributes each top-level task (`ThreadControllerImpl::RunTask`) that starts before
 * the first figure to its thread: the page's main thread, the sandbox frame's main thread, the
 * first worker's thread, everything else (browser, GPU, network processes, other renderers); and
 * it lists the worker's long tasks. Prints min/median over the loads.
 *
 * Run: node --import tsx bench/playground/trace.bench.ts [REPEATS=3] [--site DIR] [--keep FILE]
 *   --site DIR   serve an already built site (e.g. another commit's, for a comparison)
 *   --keep FILE  write the last load's trace (open it in Chrome's chrome://tracing or Perfetto)
 */
import { loadavg, tmpdir } from 'node:os';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildPlayground } from '../../playground/build.ts';
import { servePlayground } from '../../playground/serve.ts';
import { findChromium } from '../../tests/browser/chromium.ts';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const k = args.indexOf(name);
  return k >= 0 ? args.splice(k, 2)[1] : undefined;
};
const siteOption = option('--site');
const keep = option('--keep');
const REPEATS = Number(args[0] ?? 3);

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: Record<string, unknown>;
}

const dir = mkdtempSync(join(tmpdir(), 'brian-ts-playground-trace-'));
const site = siteOption === undefined ? join(dir, 'site') : resolve(siteOption);
if (siteOption === undefined) await buildPlayground(site);
const chromium = await findChromium();
if (!('path' in chromium)) {
  console.log(`skipped: ${chromium.skip}`);
  process.exit(0);
}
const server = await servePlayground({ dir: site });
const { chromium: launcher } = await import('playwright-core');
const browser = await launcher.launch({
  executablePath: chromium.path,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

/**
 * A new browser context opens a window, and headless Chromium then loads its top-chrome WebUI
 * (the omnibox popup: ≈ 0.7 s of CPU in a renderer of its own) — browser start-up that a user's
 * page load never pays. Wait until it is done before navigating.
 */
async function settle(page: { waitForTimeout(ms: number): Promise<void> }): Promise<void> {
  await page.waitForTimeout(SETTLE_MS);
}
const SETTLE_MS = Number(process.env['PLAYGROUND_BENCH_SETTLE_MS'] ?? 3000);

/** Extra ones from PLAYGROUND_TRACE_CATEGORIES (e.g. `disabled-by-default-v8.cpu_profiler` for a sampled profile with --keep). */
const CATEGORIES = ['toplevel', 'v8.execute', 'devtools.timeline', 'loading', 'blink.user_timing', 'navigation', '__metadata'];

type Row = Record<string, number>;
const rows: Row[] = [];
const workerTasks: string[] = [];
const load0 = loadavg()[0]!;

function analyse(events: TraceEvent[], firstFigureAt: number): Row {
  const threadNames = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, String((e.args as { name?: unknown }).name));
  const navs = events.filter((e) => e.name === 'navigationStart');
  const urlOf = (e: TraceEvent): string => String((e.args?.['data'] as { documentLoaderURL?: unknown } | undefined)?.documentLoaderURL ?? '');
  const pageNav = navs.find((e) => urlOf(e) === server.url);
  const sandboxNav = navs.find((e) => urlOf(e).endsWith('/runner.html'));
  if (pageNav === undefined || sandboxNav === undefined) throw new Error('the trace lacks the page or the sandbox navigation');
  const t0 = pageNav.ts;
  const end = t0 + firstFigureAt * 1000;
  const main = (pid: number): string | undefined => [...threadNames].find(([k, n]) => k.startsWith(`${pid}:`) && n === 'CrRendererMain')?.[0];
  const pageMain = main(pageNav.pid);
  const sandboxMain = main(sandboxNav.pid);
  // The first worker: the sandbox process's DedicatedWorker thread with the earliest task.
  const workerThreads = new Set([...threadNames].filter(([k, n]) => k.startsWith(`${sandboxNav.pid}:`) && n.startsWith('DedicatedWorker')).map(([k]) => k));
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && e.ts >= t0 && e.ts < end);
  let worker: string | undefined;
  for (const e of tasks) {
    const k = `${e.pid}:${e.tid}`;
    if (workerThreads.has(k) && (worker === undefined || e.ts < (tasks.find((x) => `${x.pid}:${x.tid}` === worker)?.ts ?? Infinity))) worker = k;
  }
  const row: Row = { 'page main thread': 0, 'sandbox main thread': 0, 'worker thread': 0, 'other threads': 0 };
  for (const e of tasks) {
    const k = `${e.pid}:${e.tid}`;
    const cpu = (e.tdur ?? e.dur ?? 0) / 1000;
    const key = k === pageMain ? 'page main thread' : k === sandboxMain ? 'sandbox main thread' : k === worker ? 'worker thread' : 'other threads';
    row[key]! += cpu;
  }
  // The worker's phases: compiling and evaluating (the bootstrap's eval of the code), GC, the run.
  for (const e of events) {
    if (e.ph !== 'X' || `${e.pid}:${e.tid}` !== worker || e.ts >= end) continue;
    const cpu = (e.tdur ?? e.dur ?? 0) / 1000;
    if (e.name === 'v8.compile' || e.name === 'V8.CompileCode') row['worker: compile (v8.compile)'] = (row['worker: compile (v8.compile)'] ?? 0) + cpu;
    if (e.name === 'MinorGC' || e.name === 'MajorGC') row['worker: GC'] = (row['worker: GC'] ?? 0) + cpu;
    if (e.name === 'ThreadControllerImpl::RunTask' && cpu > 5) workerTasks.push(`    at ${((e.ts - t0) / 1000).toFixed(0).padStart(5)} ms: ${((e.dur ?? 0) / 1000).toFixed(0).padStart(5)} ms wall, ${cpu.toFixed(0).padStart(5)} ms CPU`);
  }
  row['first figure (wall)'] = firstFigureAt;
  return row;
}

try {
  for (let k = 0; k < REPEATS; k++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await settle(page);
    await browser.startTracing(undefined, { categories: [...CATEGORIES, ...(process.env['PLAYGROUND_TRACE_CATEGORIES'] ?? '').split(',').filter((c) => c !== '')] });
    await page.goto(server.url);
    await page.click('#run:not([disabled])', { timeout: 60_000 });
    await page.waitForFunction(() => (globalThis as unknown as { playground: { firstFigureAt: number } }).playground.firstFigureAt > 0, null, { timeout: 60_000 });
    const firstFigureAt = await page.evaluate(() => (globalThis as unknown as { playground: { firstFigureAt: number } }).playground.firstFigureAt);
    const buffer = await browser.stopTracing();
    if (keep !== undefined && k === REPEATS - 1) writeFileSync(keep, buffer);
    const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
    workerTasks.push(`  load ${k + 1}: worker tasks over 5 ms of CPU`);
    rows.push(analyse(Array.isArray(parsed) ? parsed : parsed.traceEvents, firstFigureAt));
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}

const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
console.log(`\n${REPEATS} traced loads, ms of CPU from navigation start to the first figure of seed 1 (load average ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)})`);
console.log('                                  min   median');
for (const key of keys) {
  const xs = rows.map((r) => r[key] ?? 0).sort((a, b) => a - b);
  console.log(`${key.padEnd(30)} ${xs[0]!.toFixed(0).padStart(6)} ${xs[Math.floor(xs.length / 2)]!.toFixed(0).padStart(8)}`);
}
console.log(workerTasks.join('\n'));
