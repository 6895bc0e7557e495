/**
 * Playground: page load → first result of seed 1 (issue 13's target: under 2 s). Builds the site,
 * serves it on 127.0.0.1, and in headless Chromium (Debian's) loads the page REPEATS times, each in
 * a fresh browser context (empty cache), pressing Run as soon as it is enabled. Reports, in ms
 * since navigation start: DOMContentLoaded, sandbox ready, worker ready (brian-ts loaded in the
 * worker), first figure shown; min and median over the loads, with the machine's load average.
 *
 * Each new browser context opens a window, and headless Chromium then loads its own top-chrome
 * WebUI (the omnibox popup, ≈ 0.7 s of CPU in a renderer of its own, measured with
 * trace.bench.ts): browser start-up, not page load, which a user's already open browser does not
 * pay. So each load first waits PLAYGROUND_BENCH_SETTLE_MS (default 3000) on a blank page;
 * PLAYGROUND_BENCH_SETTLE_MS=0 measures with that start-up competing (as sessions 4–5 did).
 *
 * Run: node --import tsx bench/playground/load.bench.ts [REPEATS=7] [--site DIR]
 *   --site DIR  serve an already built site (another commit's `playground/build.ts DIR`) to compare
 */
import { loadavg, tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildPlayground, formatSizes } from '../../playground/build.ts';
import { servePlayground } from '../../playground/serve.ts';
import { findChromium } from '../../tests/browser/chromium.ts';

const args = process.argv.slice(2);
const siteAt = args.indexOf('--site');
const siteOption = siteAt >= 0 ? args.splice(siteAt, 2)[1] : undefined;
const REPEATS = Number(args[0] ?? 7);
const SETTLE_MS = Number(process.env['PLAYGROUND_BENCH_SETTLE_MS'] ?? 3000);
const dir = mkdtempSync(join(tmpdir(), 'brian-ts-playground-bench-'));
const site = siteOption === undefined ? join(dir, 'site') : resolve(siteOption);
if (siteOption === undefined) console.log(formatSizes(await buildPlayground(site)));
else console.log(`serving the site in ${site}`);
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

interface Sample {
  phases: Record<string, number>;
  scriptAt: number;
  modulesAt: number;
  readyAt: number;
  dcl: number;
  sandbox: number;
  worker: number;
  figure: number;
}
const samples: Sample[] = [];
const load0 = loadavg()[0]!;
try {
  for (let k = 0; k < REPEATS; k++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    if (SETTLE_MS > 0) await page.waitForTimeout(SETTLE_MS);
    await page.goto(server.url);
    await page.click('#run:not([disabled])', { timeout: 60_000 });
    await page.waitForFunction(() => (globalThis as unknown as { playground: { firstFigureAt: number } }).playground.firstFigureAt > 0, null, { timeout: 60_000 });
    const s = await page.evaluate(() => {
      const p = (globalThis as unknown as { playground: { firstFigureAt: number; sandboxReadyAt: number; workerReadyAt: number; workerStart: { scriptAt: number; modulesAt: number; readyAt: number }; phases: Record<string, number> } }).playground;
      const nav = (performance as unknown as { getEntriesByType(t: string): { domContentLoadedEventEnd: number; responseEnd: number }[] }).getEntriesByType('navigation')[0]!;
      return { ...p.workerStart, phases: { indexHtmlLoaded: nav.responseEnd, ...p.phases }, dcl: nav.domContentLoadedEventEnd, sandbox: p.sandboxReadyAt, worker: p.workerReadyAt, figure: p.firstFigureAt };
    });
    samples.push(s);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}

const minMedian = (values: number[]): string => {
  const xs = values.sort((a, b) => a - b);
  if (xs.length === 0) return '     -        -';
  return `${xs[0]!.toFixed(0).padStart(6)} ${xs[Math.floor(xs.length / 2)]!.toFixed(0).padStart(8)}`;
};
const stat = (key: Exclude<keyof Sample, 'phases'>): string => minMedian(samples.map((s) => s[key]));
/** The start-up phases on the page's clock (page.ts's probe.phases), in the order they happen. */
const PHASES: readonly [string, string][] = [
  ['indexHtmlLoaded', 'index.html received'],
  ['runnerScript', 'sandbox script started'],
  ['runnerWorkerCreated', 'worker created'],
  ['workerCreated', "worker's clock starts"],
  ['runnerCodePosted', 'code read, posted'],
  ['workerEvalStart', 'worker evaluates code'],
  ['workerModules', 'modules evaluated'],
  ['workerReady', 'worker ready'],
  ['runPressed', 'Run pressed'],
  ['programStarted', 'program started'],
];
console.log(`\n${REPEATS} loads after ${SETTLE_MS} ms of browser settling, ms since navigation start (load average ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}, ${process.arch})`);
console.log('phase                      min   median');
console.log(`DOMContentLoaded        ${stat('dcl')}`);
console.log(`sandbox ready           ${stat('sandbox')}`);
console.log(`worker ready (brian-ts) ${stat('worker')}`);
console.log(`first figure of seed 1  ${stat('figure')}`);
console.log('start-up phases (page clock, from each context\'s own clock):');
for (const [key, label] of PHASES) console.log(`  ${label.padEnd(22)}${minMedian(samples.map((s) => s.phases[key]).filter((x): x is number => x !== undefined))}`);
console.log('in the worker, ms since its creation:');
console.log(`code evaluation began   ${stat('scriptAt')}`);
console.log(`modules evaluated        ${stat('modulesAt')}`);
console.log(`brian-ts ready          ${stat('readyAt')}`);
