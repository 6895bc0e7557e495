/**
 * Programs in the browser playground (headless Debian Chromium, the page as built by playground/build.ts):
 * wall time from Run to done per program, its console, and with `--trace-deopt` the functions V8
 * deoptimised most in that run (Chromium's V8 is newer than Node 20's: Maglev, other deopt loops;
 * session 13, s13-v8). Each program runs in a fresh worker (the playground starts one per run).
 *
 *   node --import tsx bench/playground/program.bench.ts [options] [program.ts ...]
 *     --examples SUBSTR  the menu's examples whose path contains SUBSTR ('' = all 82), by menu entry
 *     --scale X          the Duration × field (default 0.02, as the playground test)
 *     --repeats N        runs per program (default 1)
 *     --trace-deopt      V8's --trace-deopt in the renderer; per run the functions deoptimised ≥ --min times (20)
 *     --js-flags=FLAGS   more V8 flags for Chromium (e.g. --js-flags=--prof: isolate-*.log in the cwd)
 *     --console          print each run's console
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPlayground, collectExamples } from '../../playground/build.ts';
import { servePlayground } from '../../playground/serve.ts';
import { findChromium } from '../../tests/browser/chromium.ts';
import { countDeopts } from '../../tests/v8/deopts.ts';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const k = args.indexOf(name);
  return k >= 0 ? args.splice(k, 2)[1] : undefined;
};
const flag = (name: string): boolean => {
  const k = args.indexOf(name);
  if (k >= 0) args.splice(k, 1);
  return k >= 0;
};
const examplesFilter = option('--examples');
const scale = option('--scale') ?? '0.02';
const repeats = Number(option('--repeats') ?? 1);
const min = Number(option('--min') ?? 20);
const traceDeopt = flag('--trace-deopt');
const showConsole = flag('--console');
const jsFlags = args.filter((a) => a.startsWith('--js-flags=')).map((a) => a.slice('--js-flags='.length));
const files = args.filter((a) => !a.startsWith('--'));
if (traceDeopt) jsFlags.push('--trace-deopt');

const dir = mkdtempSync(join(tmpdir(), 'pg-program-'));
await buildPlayground(join(dir, 'site'));
const server = await servePlayground({ dir: join(dir, 'site') });
const c = await findChromium();
if (!('path' in c)) throw new Error(`no Chromium: ${c.skip}`);
const { chromium } = await import('playwright-core');
const browserArgs = ['--headless', '--no-sandbox', '--disable-gpu', ...(jsFlags.length > 0 ? [`--js-flags=${jsFlags.join(' ')}`] : [])];
// A browser server, for its process's stdout (the renderer's --trace-deopt lines go there).
const bs = await chromium.launchServer({ executablePath: c.path, args: browserArgs });
let stdout = '';
bs.process().stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
const browser = await chromium.connect(bs.wsEndpoint());
const page = await browser.newPage();
await page.goto(server.url);
await page.waitForSelector('#run:not([disabled])', { timeout: 60000 });
await page.fill('#duration-scale', scale);

interface Program { name: string; source: string; menu?: number }
const programs: Program[] = files.map((f) => ({ name: f, source: readFileSync(f, 'utf8') }));
if (examplesFilter !== undefined) collectExamples().forEach((e, k) => { if (e.path.includes(examplesFilter)) programs.push({ name: e.path, source: e.source, menu: k }); });

let total = 0;
for (const p of programs) {
  const walls: number[] = [];
  for (let r = 0; r < repeats; r++) {
    if (p.menu !== undefined) {
      await page.selectOption('#examples', String(p.menu));
    } else {
      await page.click('.cm-content');
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Delete');
      await page.keyboard.insertText(p.source);
    }
    const before = await page.evaluate(() => (globalThis as unknown as { playground: { lastRun: { id: number } } }).playground.lastRun.id);
    stdout = '';
    const t0 = Date.now();
    await page.click('#run:not([disabled])');
    await page.waitForFunction(
      (id) => {
        const run = (globalThis as unknown as { playground: { lastRun: { id: number; outcome: string } } }).playground.lastRun;
        return run.id > id && run.outcome !== 'running';
      },
      before,
      { timeout: 600000 },
    );
    const wall = Date.now() - t0;
    walls.push(wall);
    total += wall;
    const outcome = await page.evaluate(() => (globalThis as unknown as { playground: { lastRun: { outcome: string } } }).playground.lastRun.outcome);
    await page.waitForTimeout(traceDeopt ? 300 : 0); // the renderer's last trace lines
    const deopts = traceDeopt ? countDeopts(stdout, min) : undefined;
    console.log(`${p.name}  ${wall} ms  ${outcome}${deopts ? `  deopts ${deopts.total}` : ''}`);
    for (const f of deopts?.functions ?? []) console.log(`    ${f.fn}: ${f.count}  (top ${f.top})`);
    if (showConsole) console.log(await page.locator('#console').textContent());
  }
  if (repeats > 1) console.log(`${p.name}  min ${Math.min(...walls)} ms  median ${[...walls].sort((a, b) => a - b)[Math.floor(walls.length / 2)]} ms`);
}
console.log(`${programs.length} programs, ${(total / 1000).toFixed(1)} s in all (Chromium ${browser.version()})`);
await browser.close();
await bs.close();
await server.close();
rmSync(dir, { recursive: true, force: true });
