/**
 * Playground: page load → first result of seed 1 (issue 13's target: under 2 s). Builds the site,
 * serves it on 127.0.0.1, and in headless Chromium (Debian's) loads the page REPEATS times, each in
 * a fresh browser context (empty cache), pressing Run as soon as it is enabled. Reports, in ms
 * since navigation start: DOMContentLoaded, sandbox ready, worker ready (brian-ts loaded in the
 * worker), first figure shown; min and median over the loads, with the machine's load average.
 *
 * Run: node --import tsx bench/playground/load.bench.ts [REPEATS]
 */
import { loadavg, tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildPlayground, formatSizes } from '../../playground/build.ts';
import { servePlayground } from '../../playground/serve.ts';
import { findChromium } from '../../tests/browser/chromium.ts';

const REPEATS = Number(process.argv[2] ?? 7);
const dir = mkdtempSync(join(tmpdir(), 'brian-ts-playground-bench-'));
const built = await buildPlayground(join(dir, 'site'));
console.log(formatSizes(built));
const chromium = await findChromium();
if (!('path' in chromium)) {
  console.log(`skipped: ${chromium.skip}`);
  process.exit(0);
}
const server = await servePlayground({ dir: join(dir, 'site') });
const { chromium: launcher } = await import('playwright-core');
const browser = await launcher.launch({
  executablePath: chromium.path,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

interface Sample {
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
    await page.goto(server.url);
    await page.click('#run:not([disabled])', { timeout: 60_000 });
    await page.waitForFunction(() => (globalThis as unknown as { playground: { firstFigureAt: number } }).playground.firstFigureAt > 0, null, { timeout: 60_000 });
    const s = await page.evaluate(() => {
      const p = (globalThis as unknown as { playground: { firstFigureAt: number; sandboxReadyAt: number; workerReadyAt: number; workerStart: { scriptAt: number; modulesAt: number; readyAt: number } } }).playground;
      const nav = (performance as unknown as { getEntriesByType(t: string): { domContentLoadedEventEnd: number }[] }).getEntriesByType('navigation')[0]!;
      return { ...p.workerStart, dcl: nav.domContentLoadedEventEnd, sandbox: p.sandboxReadyAt, worker: p.workerReadyAt, figure: p.firstFigureAt };
    });
    samples.push(s);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}

const stat = (key: keyof Sample): string => {
  const xs = samples.map((s) => s[key]).sort((a, b) => a - b);
  return `${xs[0]!.toFixed(0).padStart(6)} ${xs[Math.floor(xs.length / 2)]!.toFixed(0).padStart(8)}`;
};
console.log(`\n${REPEATS} loads, ms since navigation start (load average ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}, ${process.arch})`);
console.log('phase                      min   median');
console.log(`DOMContentLoaded        ${stat('dcl')}`);
console.log(`sandbox ready           ${stat('sandbox')}`);
console.log(`worker ready (brian-ts) ${stat('worker')}`);
console.log(`first figure of seed 1  ${stat('figure')}`);
console.log('in the worker, ms since its creation:');
console.log(`script started          ${stat('scriptAt')}`);
console.log(`modules evaluated        ${stat('modulesAt')}`);
console.log(`brian-ts ready          ${stat('readyAt')}`);
