/**
 * The playground in real headless Chromium (Debian's `chromium`, found or installed as in
 * tests/browser; driven by playwright-core): the static site is built (playground/build.ts) and
 * served (playground/serve.ts) on 127.0.0.1, and one browser runs every case in order.
 *
 * Screenshots of the states are written to out/playground/ (git-ignored) for a person to look at;
 * so are the measured timings (timings.json). The timing bound asserted here is loose (CI must
 * not fail on machine noise); the 2 s target is reported, see README.md.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { buildPlayground, collectExamples } from '../../playground/build.ts';
import type { BuildResult } from '../../playground/build.ts';
import { servePlayground } from '../../playground/serve.ts';
import type { PlaygroundServer } from '../../playground/serve.ts';
import { findChromium } from '../browser/chromium.ts';
import { unzipSync } from 'fflate';
import { decodeNpz } from 'brian-ts';

const SECOND = 1000;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHOTS = join(ROOT, 'out', 'playground');
const EXAMPLES = join(ROOT, 'examples');

interface Probe {
  firstFigureAt: number;
  lastRun: { id: number; startedAt: number; endedAt: number; outcome: string };
  errorLocation: null | { line: number; column: number; how: string };
  figures: { name: string; svg: string }[];
  stoppedAckAt: number;
  watchdog: { shownAt: number; busyShownAt: number; maxSilenceMs: number };
  sandboxReadyAt: number;
  workerReadyAt: number;
  program(): string;
}
declare const window: { playground: Probe };
declare const document: { querySelectorAll(s: string): ArrayLike<{ textContent: string | null; classList: { contains(c: string): boolean } }>; cookie: string };
declare const localStorage: { setItem(k: string, v: string): void };

/** The points of each `<path d=…>` whose attributes match `attr` (Observable Plot draws M…L…). */
function paths(svg: string, attr: RegExp): string[] {
  return [...svg.matchAll(/<path\b[^>]*>/g)].map((m) => m[0]).filter((p) => attr.test(p)).map((p) => / d="([^"]*)"/.exec(p)?.[1] ?? '');
}
const count = (d: string, cmd: RegExp): number => (d.match(cmd) ?? []).length;
/** Whether a program draws a figure (every plotting helper takes or makes one through `figure(`). */
const makesFigure = (source: string): boolean => /\bfigure\(|\bplot[A-Z]\w*\(/.test(source);
/** How long one example may run at Duration × 0.02 before it counts as hung. */
const EXAMPLE_TIMEOUT_MS = 60 * SECOND;
/** The page's watchdog: silence after which a running program is said not to respond (page.ts). */
const WATCHDOG_MS = 5 * SECOND;

describe('the playground in headless Chromium', () => {
  let chromium: { path: string } | { skip: string } = { skip: 'not looked for yet' };
  let built: BuildResult;
  let server: PlaygroundServer;
  let browser: BrowserContext | undefined;
  let page: Page;
  const dir = mkdtempSync(join(tmpdir(), 'brian-ts-playground-'));
  const requests: string[] = [];
  const timings: Record<string, number | string> = {};

  before(async () => {
    built = await buildPlayground(join(dir, 'site'));
    server = await servePlayground({ dir: join(dir, 'site'), onRequest: (path, host) => requests.push(`${host}${path}`) });
    chromium = await findChromium();
    if (!('path' in chromium)) return;
    const { chromium: launcher } = await import('playwright-core');
    // A fresh profile (playwright passes it as --user-data-dir).
    browser = await launcher.launchPersistentContext(join(dir, 'profile'), {
      executablePath: chromium.path,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      timeout: 60 * SECOND,
      viewport: { width: 1400, height: 900 },
      acceptDownloads: true,
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    mkdirSync(SHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (Object.keys(timings).length > 0) writeFileSync(join(SHOTS, 'timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
    rmSync(dir, { recursive: true, force: true });
  });

  const skip = (t: { skip(reason: string): void }): boolean => {
    if ('path' in chromium) return false;
    t.skip(chromium.skip);
    return true;
  };
  const probe = (): Promise<Probe> => page.evaluate(() => ({ ...window.playground, program: undefined as never }));
  const editorText = (): Promise<string> => page.evaluate(() => window.playground.program());
  const shot = (name: string): Promise<Buffer> => page.screenshot({ path: join(SHOTS, `${name}.png`) });

  async function setProgram(text: string): Promise<void> {
    await page.click('.cm-content');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    if (text !== '') await page.keyboard.insertText(text);
    assert.equal(await editorText(), text, 'the editor did not take the program verbatim');
  }
  async function selectExample(path: string): Promise<string> {
    const index = await page.evaluate((p) => {
      const sel = document.querySelectorAll('#examples option');
      for (let k = 0; k < sel.length; k++) if (sel[k]!.textContent!.endsWith(` / ${p}`)) return k;
      return -1;
    }, path.replace(/^.*\//, '').replace(/\.ts$/, ''));
    assert.ok(index >= 0, `no example ${path} in the menu`);
    await page.selectOption('#examples', String(index));
    const source = readFileSync(join(EXAMPLES, path), 'utf8');
    assert.equal(await editorText(), source);
    return source;
  }
  /** Presses Run and waits for the run to end; returns the page's record of it. */
  async function run(timeoutMs = 60 * SECOND): Promise<Probe> {
    const before = (await probe()).lastRun.id;
    await page.click('#run:not([disabled])');
    await page.waitForFunction((id) => window.playground.lastRun.id > id && window.playground.lastRun.outcome !== 'running', before, { timeout: timeoutMs });
    return probe();
  }
  /**
   * Presses Stop; returns the ms from the click event to the sandbox's acknowledgement, both taken
   * on the page's clock (not through the test driver's round trips).
   */
  async function pressStop(): Promise<number> {
    await page.evaluate(() => {
      const w = window as unknown as { stopClickedAt: number; document: { getElementById(id: string): { addEventListener(type: string, f: () => void, o: object): void } } };
      w.stopClickedAt = -1;
      w.document.getElementById('stop').addEventListener('click', () => (w.stopClickedAt = performance.now()), { capture: true, once: true });
    });
    await page.click('#stop');
    await page.waitForFunction(() => {
      const w = window as unknown as { stopClickedAt: number; playground: { stoppedAckAt: number } };
      return w.stopClickedAt > 0 && w.playground.stoppedAckAt > w.stopClickedAt;
    }, null, { timeout: 10 * SECOND });
    return page.evaluate(() => {
      const w = window as unknown as { stopClickedAt: number; playground: { stoppedAckAt: number } };
      return w.playground.stoppedAckAt - w.stopClickedAt;
    });
  }

  async function downloadBytes(selector: string): Promise<{ name: string; bytes: Buffer }> {
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 30 * SECOND }), page.click(selector)]);
    const path = await dl.path();
    return { name: dl.suggestedFilename(), bytes: readFileSync(path) };
  }

  it('reports the bundle size (at most 1.5 MB gzipped with the editor)', () => {
    const total = built.totalGzipBytes;
    timings['bundleGzipBytes'] = total;
    assert.ok(total < 1.5 * 1024 * 1024, `the playground is ${total} bytes gzipped`);
    assert.ok(built.sizes.some((s) => s.file === 'page.js') && built.examples >= 40);
    // The sandbox's only script is inline and allowed by its hash; no script URL is allowed.
    const runner = readFileSync(join(built.outDir, 'runner.html'), 'utf8');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(runner)?.[1] ?? '';
    const scripts = [...runner.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    assert.equal(scripts.length, 1);
    const hash = createHash('sha256').update(scripts[0]!, 'utf8').digest('base64');
    assert.match(csp, new RegExp(`script-src 'sha256-${hash.replace(/[+/]/g, '\\$&')}' 'unsafe-eval';`));
    assert.match(csp, /connect-src 'none'/);
    assert.ok(!/script-src[^;]*(?:'self'|blob:|http)/.test(csp), csp);
    // The worker's code is not in the sandbox page: the page fetches worker.js and hands it over.
    assert.ok(runner.length < 20_000, `runner.html is ${runner.length} bytes`);
    assert.ok(built.sizes.some((s) => s.file === 'worker.js' && s.bytes > 500_000));
  });

  it('loads and runs seed 1: the trace has 500 points; page load → first result timed', { timeout: 120 * SECOND }, async (t) => {
    if (skip(t)) return;
    // The new window's own start-up (headless Chromium loads its omnibox WebUI) is not page load:
    // let it pass first, as bench/playground/load.bench.ts does.
    await page.waitForTimeout(3 * SECOND);
    await page.goto(server.url);
    await page.click('#run:not([disabled])', { timeout: 60 * SECOND });
    await page.waitForFunction(() => window.playground.firstFigureAt > 0, null, { timeout: 60 * SECOND });
    const p = await probe();
    timings['loadToFirstResultMs'] = Math.round(p.firstFigureAt);
    timings['loadToSandboxReadyMs'] = Math.round(p.sandboxReadyAt);
    timings['loadToWorkerReadyMs'] = Math.round(p.workerReadyAt);
    const nav = await page.evaluate(() => JSON.stringify((performance as unknown as { getEntriesByType(t: string): unknown[] }).getEntriesByType('navigation')[0]));
    timings['domContentLoadedMs'] = Math.round((JSON.parse(nav) as { domContentLoadedEventEnd: number }).domContentLoadedEventEnd);
    console.log(`page load → first figure of seed 1: ${p.firstFigureAt.toFixed(0)} ms (${JSON.stringify(timings)})`);
    await page.waitForFunction(() => window.playground.lastRun.outcome === 'done', null, { timeout: 30 * SECOND });
    const fig = (await probe()).figures;
    assert.deepEqual(fig.map((f) => f.name), ['seed-1-lif.png']);
    const line = paths(fig[0]!.svg, /stroke="#1f77b4"/);
    assert.equal(line.length, 1, 'one blue trace');
    assert.equal(count(line[0]!, /[ML]/g), 500, 'the trace of 50 ms at dt = 0.1 ms has 500 points');
    assert.ok(fig[0]!.svg.includes('Potential (mV)') && fig[0]!.svg.includes('Time (ms)'));
    assert.equal(await page.locator('#figures img').count(), 1);
    assert.equal(await page.locator('#monitor-list li').count(), 1);
    // Loose bound only (machine noise must not fail CI); the measured number is reported.
    assert.ok(p.firstFigureAt < 30 * SECOND, `first result after ${p.firstFigureAt} ms`);
    await shot('1-seed-1');
  });

  it('downloads a figure as SVG and as PNG (drawn by a canvas in the page), the program as .ts, a monitor as CSV', { timeout: 60 * SECOND }, async (t) => {
    if (skip(t)) return;
    const svg = await downloadBytes('.figure .download-svg');
    assert.equal(svg.name, 'seed-1-lif.svg');
    assert.match(svg.bytes.toString('utf8'), /^<\?xml[^>]*>\n<svg[^>]*viewBox="0 0 640 480"/);
    const png = await downloadBytes('.figure .download-png');
    assert.equal(png.name, 'seed-1-lif.png');
    assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.deepEqual([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)], [1280, 960], 'twice the figure size');
    const ts = await downloadBytes('#download');
    assert.equal(ts.name, 'seed-1-lif.ts');
    assert.equal(ts.bytes.toString('utf8'), await editorText());
    const csv = await downloadBytes('#monitor-list .download-csv');
    assert.equal(csv.name, 'statemonitor.csv');
    assert.equal(csv.bytes.toString('utf8').trim().split('\n').length, 501, 'a header and 500 rows');
  });

  it('runs seed 2: a raster of 7682 spikes', { timeout: 120 * SECOND }, async (t) => {
    if (skip(t)) return;
    await selectExample('seed/seed-2-population.ts');
    const p = await run();
    assert.equal(p.lastRun.outcome, 'done');
    assert.deepEqual(p.figures.map((f) => f.name), ['seed-2-raster.png', 'seed-2-fi-curve.png']);
    const black = paths(p.figures[0]!.svg, /fill="(?:black|#000000)"/);
    assert.equal(black.length, 1, 'one path of markers');
    assert.equal(count(black[0]!, /M/g), 7682, 'one marker per spike');
    await shot('2-seed-2');
  });

  it('runs an STDP example (shortened): the progress bar reaches 100 %, the report is printed', { timeout: 180 * SECOND }, async (t) => {
    if (skip(t)) return;
    const source = await selectExample('seed/seed-3-stdp.ts');
    await setProgram(source.replace('net.run(second(10)', 'net.run(second(2)'));
    const p = await run(120 * SECOND);
    assert.equal(p.lastRun.outcome, 'done');
    assert.equal(await page.locator('#progress').evaluate((e) => (e as unknown as { value: number }).value), 1);
    const log = await page.locator('#console').textContent();
    assert.match(log ?? '', /Starting simulation at t=0\. s for a duration of 2\. s/);
    assert.match(log ?? '', /2\. s \(100%\) simulated in/);
    assert.deepEqual(p.figures.map((f) => f.name), ['seed-3-weights.png']);
    assert.equal(count(paths(p.figures[0]!.svg, /fill="(?:black|#000000)"/)[0] ?? '', /M/g), 1000, 'one weight per synapse');
    await shot('3-stdp');
  });

  it('Stop ends a 100 s simulation within 1 s, and the next run works', { timeout: 180 * SECOND }, async (t) => {
    if (skip(t)) return;
    const source = await selectExample('seed/seed-3-stdp.ts');
    await setProgram(source.replace('net.run(second(10)', 'net.run(second(100)'));
    // Stop's time is taken in the page, from the click event to the sandbox's acknowledgement (not
    // through the test driver's round trips). On an overloaded machine the browser's processes can
    // be descheduled for longer than that; noise only adds time, so up to three runs are stopped and
    // the best must be under 1 s (every attempt is recorded in the timings).
    const attempts: number[] = [];
    for (let attempt = 0; attempt < 3 && !attempts.some((ms) => ms < 1000); attempt++) {
      await page.click('#run:not([disabled])');
      await page.waitForFunction(() => Number((globalThis as unknown as { document: { getElementById(id: string): { value: number } } }).document.getElementById('progress').value) > 0, null, { timeout: 60 * SECOND });
      if (attempt === 0) {
        // A long run reports progress every 50 ms: the watchdog stays quiet past its 5 s.
        await page.waitForTimeout(WATCHDOG_MS + SECOND);
        const running = await probe();
        assert.equal(running.lastRun.outcome, 'running');
        assert.equal(running.watchdog.shownAt, -1, 'the watchdog fired during a simulation that reports progress');
        assert.ok(await page.locator('#watchdog').isHidden());
      }
      attempts.push(await pressStop());
      assert.equal((await probe()).lastRun.outcome, 'stopped');
    }
    timings['stopMs'] = Math.round(Math.min(...attempts));
    timings['stopAttemptsMs'] = attempts.map((ms) => Math.round(ms)).join(' ');
    assert.ok(Math.min(...attempts) < 1000, `Stop took ${attempts.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    assert.equal(await page.locator('#status').textContent(), 'Stopped.');
    await shot('4-stopped');
    await setProgram("import { ms } from 'brian-ts';\nconsole.log(String(ms(3)));\n");
    const after = await run();
    assert.equal(after.lastRun.outcome, 'done');
    assert.equal((await page.locator('#console').textContent())?.trim(), '3. ms');
  });

  it('says that an endless loop is not responding (the watchdog), and Stop still ends it within 1 s', { timeout: 90 * SECOND }, async (t) => {
    if (skip(t)) return;
    // A program that waits (its event loop free) sends heartbeats: no message.
    await setProgram("await new Promise((resolve) => setTimeout(resolve, 7000));\nconsole.log('waited');\n");
    const waited = await run();
    assert.equal(waited.lastRun.outcome, 'done');
    assert.equal(waited.watchdog.shownAt, -1, `the watchdog fired on a waiting program (longest silence ${waited.watchdog.maxSilenceMs} ms)`);
    assert.ok(await page.locator('#watchdog').isHidden());
    // Silent inside a library call (a connect whose condition takes 7 s): a milder message naming
    // the call, gone when the call returns; the run ends normally.
    await setProgram([
      "import { NeuronGroup, Synapses, defineUserFunction, run, ms } from 'brian-ts';",
      'const slow = defineUserFunction(\'slow\', (i) => { const t0 = performance.now(); while (performance.now() - t0 < 7000) {} return i >= 0; }, { argUnits: [null], returnUnit: null, returnType: \'boolean\' });',
      "const G = new NeuronGroup(1, 'v : 1');",
      "const S = new Synapses(G, G, undefined, { name: 'slowsyn', namespace: { slow } });",
      "S.connect({ condition: 'slow(i)' });",
      'run(ms(1));',
      "console.log(`connected ${S.N}`);",
    ].join('\n'));
    await page.click('#run:not([disabled])');
    await page.waitForSelector('#watchdog.busy:not([hidden])', { timeout: 30 * SECOND });
    assert.match((await page.locator('#watchdog').textContent()) ?? '', /^Still busy after \d+ s in Synapses\.connect of 'slowsyn': a large model takes a while\. If it never ends, it may be out of memory — press Stop to end it\.$/);
    await shot('4c-busy');
    await page.waitForFunction(() => window.playground.lastRun.outcome !== 'running', null, { timeout: 60 * SECOND });
    const busy = await probe();
    assert.equal(busy.lastRun.outcome, 'done');
    assert.equal(busy.watchdog.shownAt, -1, 'a library call is not called unresponsive');
    assert.ok(busy.watchdog.busyShownAt > 0);
    assert.ok(await page.locator('#watchdog').isHidden());
    assert.equal((await page.locator('#console').textContent())?.trim(), 'connected 1');
    // An endless loop sends nothing: the message appears after 5 s of silence.
    await setProgram('let n = 0;\nwhile (true) n++;\n');
    await page.click('#run:not([disabled])');
    await page.waitForSelector('#watchdog:not([hidden])', { timeout: 30 * SECOND });
    const p = await probe();
    assert.equal(p.lastRun.outcome, 'running');
    assert.ok(p.watchdog.shownAt - p.lastRun.startedAt >= WATCHDOG_MS, `shown ${p.watchdog.shownAt - p.lastRun.startedAt} ms after Run`);
    assert.match((await page.locator('#watchdog').textContent()) ?? '', /The program is not responding: nothing from it for \d+ s — an endless loop, or out of memory\. Press Stop to end it\./);
    assert.equal(await page.locator('#status').textContent(), 'Not responding.');
    assert.ok(await page.locator('#stop').isEnabled());
    await shot('4b-not-responding');
    const stopMs = await pressStop();
    const stopped = await probe();
    timings['stopEndlessLoopMs'] = Math.round(stopMs);
    assert.ok(stopMs < 1000, `Stop took ${stopMs} ms`);
    assert.equal(stopped.lastRun.outcome, 'stopped');
    assert.ok(await page.locator('#watchdog').isHidden(), 'the message goes with the run');
    assert.equal(await page.evaluate(() => 1 + 1), 2, 'the page stays responsive');
    await setProgram("console.log('next');\n");
    assert.equal((await run()).lastRun.outcome, 'done', 'the next run works');
  });

  it('marks a unit error typed into an equation on its line', { timeout: 60 * SECOND }, async (t) => {
    if (skip(t)) return;
    const source = await selectExample('seed/seed-1-lif.ts');
    const broken = source.replace("'dv/dt = (v0-v)/tau : volt", "'dv/dt = (v0-v) : volt");
    assert.notEqual(broken, source);
    await setProgram(broken);
    const p = await run();
    assert.equal(p.lastRun.outcome, 'error');
    const eqLine = broken.split('\n').findIndex((l) => l.includes('dv/dt')) + 1;
    assert.equal(p.errorLocation?.line, eqLine);
    const text = (await page.locator('#error').textContent()) ?? '';
    assert.match(text, /EquationDimensionError: Inconsistent units in differential equation defining variable 'v'/);
    assert.match(text, new RegExp(`line ${eqLine}, column`));
    // The editor's marker sits on that line.
    const marked = await page.evaluate(() => {
      const lines = document.querySelectorAll('.cm-content > .cm-line');
      const out: number[] = [];
      for (let k = 0; k < lines.length; k++) if ((lines[k] as unknown as { querySelector(s: string): unknown }).querySelector('.cm-lintRange-error') !== null) out.push(k + 1);
      return out;
    });
    assert.deepEqual(marked, [eqLine]);
    await shot('5-unit-error');
  });

  it('shows a TypeScript syntax error at its position; an empty program runs to nothing', { timeout: 60 * SECOND }, async (t) => {
    if (skip(t)) return;
    await setProgram("import { ms } from 'brian-ts';\nconst x: = ms(3);\n");
    const p = await run();
    assert.equal(p.lastRun.outcome, 'error');
    assert.equal(p.errorLocation?.line, 2);
    assert.match((await page.locator('#error').textContent()) ?? '', /does not parse.*SyntaxError/s);
    await shot('6-syntax-error');
    await setProgram('');
    const empty = await run();
    assert.equal(empty.lastRun.outcome, 'done');
    assert.deepEqual(empty.figures, []);
    assert.ok(await page.locator('#error').isHidden());
  });

  it('survives a program that allocates without bound and shows the worker\'s error', { timeout: 120 * SECOND }, async (t) => {
    if (skip(t)) return;
    await setProgram('const chunks: Float64Array[] = [];\nwhile (true) chunks.push(new Float64Array(1e7));\n');
    const p = await run(100 * SECOND);
    assert.equal(p.lastRun.outcome, 'error');
    assert.match((await page.locator('#error').textContent()) ?? '', /RangeError: Array buffer allocation failed/);
    assert.equal(p.errorLocation?.line, 2);
    await shot('7-allocation');
    await setProgram("import { ms } from 'brian-ts';\nconsole.log(String(ms(4)));\n");
    assert.equal((await run()).lastRun.outcome, 'done', 'the next run works');
  });

  it('round-trips a share link: the editor is restored, nothing runs until Run, identical monitor data', { timeout: 180 * SECOND }, async (t) => {
    if (skip(t)) return;
    const source = (await selectExample('seed/seed-3-stdp.ts')).replace('net.run(second(10)', 'net.run(second(1)');
    await setProgram(source);
    assert.equal((await run(120 * SECOND)).lastRun.outcome, 'done');
    const first = await downloadBytes('#monitor-list li[data-monitor="statemonitor"] .download-npz');
    const spikesFirst = await downloadBytes('#monitor-list li[data-monitor="spikemonitor"] .download-npz');
    await page.click('#share');
    const link = await page.locator('#share-link').inputValue();
    assert.match(link, /#code=[A-Za-z0-9_-]+$/);
    const before = requests.length;
    await page.goto('about:blank');
    await page.goto(link);
    await page.waitForSelector('#run:not([disabled])', { timeout: 60 * SECOND });
    assert.equal(await editorText(), source);
    const restored = await probe();
    assert.equal(restored.lastRun.id, 0, 'a shared program does not run by itself');
    assert.match((await page.locator('#notice').textContent()) ?? '', /runs only when you press Run/);
    await shot('8-share-restored');
    assert.equal((await run(120 * SECOND)).lastRun.outcome, 'done');
    const second = await downloadBytes('#monitor-list li[data-monitor="statemonitor"] .download-npz');
    const spikesSecond = await downloadBytes('#monitor-list li[data-monitor="spikemonitor"] .download-npz');
    assert.equal(first.name, 'statemonitor.npz');
    // The zip members (each array's .npy bytes and the metadata) are identical; the zip itself
    // records its members' modification times, which differ.
    const members = (b: Buffer): Record<string, Uint8Array> => unzipSync(new Uint8Array(b));
    for (const [what, a, b] of [['weights', first, second], ['spikes', spikesFirst, spikesSecond]] as const) {
      const [ma, mb] = [members(a.bytes), members(b.bytes)];
      assert.deepEqual(Object.keys(ma).sort(), Object.keys(mb).sort());
      assert.ok(Object.keys(ma).length >= 3, `${what}: ${Object.keys(ma).join(', ')}`);
      for (const k of Object.keys(ma)) assert.ok(Buffer.from(ma[k]!).equals(Buffer.from(mb[k]!)), `${what}: ${k} differs`);
    }
    const w = decodeNpz(new Uint8Array(first.bytes));
    assert.equal(w.arrays['w']?.shape.join('x'), '2x10000', 'the recorded weights of 2 synapses over 1 s at dt = 0.1 ms');
    assert.ok(requests.slice(before).every((r) => !r.includes('#')), 'the fragment never reaches the server');
  });

  it('gives a hostile link nothing: no cookies, no storage, no network', { timeout: 120 * SECOND }, async (t) => {
    if (skip(t)) return;
    await page.goto(server.url);
    await page.evaluate(() => {
      document.cookie = 'session=SECRET-COOKIE; path=/';
      localStorage.setItem('token', 'SECRET-STORAGE');
    });
    const target = `${server.url.replace('localhost', '127.0.0.1')}stolen`;
    const hostile = [
      "const out: string[] = [];",
      "const g = globalThis as any;",
      "console.log('RAN');",
      "try { out.push('cookie=' + String(g.document?.cookie)); } catch (e) { out.push('cookie: ' + e); }",
      "try { out.push('storage=' + String(g.localStorage?.getItem('token'))); } catch (e) { out.push('storage: ' + e); }",
      "try { out.push('parent=' + String(g.parent?.document?.cookie)); } catch (e) { out.push('parent: ' + e); }",
      `for (const url of ['${target}?fetch', '${server.url}stolen?fetch2']) {`,
      "  try { const r = await fetch(url); out.push('fetch=' + r.status); } catch (e) { out.push('fetch: ' + e); }",
      '}',
      `try { const x = new XMLHttpRequest(); x.open('GET', '${target}?xhr', false); x.send(); out.push('xhr=' + x.status); } catch (e) { out.push('xhr: ' + e); }`,
      `try { g.importScripts('${target}?import'); out.push('importScripts ok'); } catch (e) { out.push('importScripts: ' + e); }`,
      `try { new WebSocket('${target.replace('http', 'ws')}?ws'); out.push('ws created'); } catch (e) { out.push('ws: ' + e); }`,
      "try { g.indexedDB.open('x'); out.push('indexedDB ok'); } catch (e) { out.push('indexedDB: ' + e); }",
      'console.log(out.join("\\n"));',
    ].join('\n');
    const { encodeShare } = await import('../../playground/src/share.ts');
    const before = requests.length;
    await page.goto('about:blank');
    await page.goto(`${server.url}#${encodeShare(hostile)}`);
    await page.waitForSelector('#run:not([disabled])', { timeout: 60 * SECOND });
    assert.equal(await editorText(), hostile);
    await page.waitForTimeout(500);
    assert.equal((await page.locator('#console').textContent())?.trim(), '', 'nothing runs before Run');
    const p = await run();
    await page.waitForTimeout(500);
    const log = (await page.locator('#console').textContent()) ?? '';
    assert.equal(p.lastRun.outcome, 'done', log);
    assert.match(log, /^RAN/);
    assert.ok(!log.includes('SECRET'), `a secret leaked:\n${log}`);
    assert.match(log, /cookie=undefined/);
    assert.match(log, /storage=undefined/);
    assert.match(log, /parent=undefined/);
    assert.equal((log.match(/fetch: TypeError: Failed to fetch/g) ?? []).length, 2, log);
    assert.match(log, /xhr: NetworkError|xhr: [A-Za-z]*Error/);
    assert.match(log, /importScripts: /);
    assert.match(log, /indexedDB: SecurityError/);
    assert.ok(!requests.slice(before).some((r) => r.includes('stolen')), `the program reached the server: ${requests.slice(before).join(', ')}`);
    await shot('9-hostile');
  });

  it('runs every example of the menu (Duration × 0.02): each ends done, without an error, with its figures', { timeout: 600 * SECOND }, async (t) => {
    if (skip(t)) return;
    // The menu is collectExamples()'s list, in its order (page.ts numbers the options from 0).
    const all = collectExamples();
    assert.equal(all.length, built.examples);
    // PLAYGROUND_EXAMPLES=<substring> runs only the matching ones (to re-check a fix quickly).
    const only = process.env['PLAYGROUND_EXAMPLES'];
    const examples = all.map((e, k) => ({ ...e, k })).filter((e) => only === undefined || e.path.includes(only));
    await page.goto('about:blank');
    await page.goto(server.url);
    await page.waitForSelector('#run:not([disabled])', { timeout: 60 * SECOND });
    await page.fill('#duration-scale', '0.02');
    const failures: string[] = [];
    let maxSilence = 0;
    const t0 = Date.now();
    for (const example of examples) {
      const k = example.k;
      await page.selectOption('#examples', String(k));
      assert.equal(await editorText(), example.source, `${example.path}: the menu entry ${k} is another program`);
      const before = (await probe()).lastRun.id;
      const started = Date.now();
      await page.click('#run:not([disabled])');
      try {
        await page.waitForFunction((id) => window.playground.lastRun.id > id && window.playground.lastRun.outcome !== 'running', before, { timeout: EXAMPLE_TIMEOUT_MS });
      } catch {
        failures.push(`${example.path}: still running after ${EXAMPLE_TIMEOUT_MS / SECOND} s (stopped)`);
        await page.click('#stop');
        continue;
      }
      const p = await probe();
      timings[`example ${example.path} ms`] = Date.now() - started;
      const error = (await page.locator('#error').isVisible()) ? ((await page.locator('#error').textContent()) ?? '') : '';
      if (p.lastRun.outcome !== 'done') failures.push(`${example.path}: ${p.lastRun.outcome}: ${error}`);
      else if (error !== '') failures.push(`${example.path}: an error is shown: ${error}`);
      else if (makesFigure(example.source) && p.figures.length === 0) failures.push(`${example.path}: no figure`);
      if (p.watchdog.shownAt >= 0) failures.push(`${example.path}: the watchdog said it was not responding (silent for ${Math.round(p.watchdog.maxSilenceMs)} ms)`);
      maxSilence = Math.max(maxSilence, p.watchdog.maxSilenceMs);
      timings[`example ${example.path} longest silence ms`] = Math.round(p.watchdog.maxSilenceMs);
      if (example.path === 'CUBA.ts') await shot('11-gallery');
    }
    timings['allExamplesMs'] = Date.now() - t0;
    timings['examplesLongestSilenceMs'] = Math.round(maxSilence);
    console.log(`${examples.length} examples in ${((Date.now() - t0) / SECOND).toFixed(1)} s`);
    assert.deepEqual(failures, [], `${failures.length} of ${examples.length} examples failed:\n${failures.join('\n')}`);
  });

  it('explains a malformed or truncated share link and keeps the editor', { timeout: 60 * SECOND }, async (t) => {
    if (skip(t)) return;
    const { encodeShare } = await import('../../playground/src/share.ts');
    const seed1 = readFileSync(join(EXAMPLES, 'seed/seed-1-lif.ts'), 'utf8');
    const good = encodeShare("console.log('a program long enough to be cut in half');\n".repeat(3));
    for (const [fragment, expected] of [
      ['code=%%%not-base64', /characters that a share link never has/],
      [good.slice(0, Math.floor(good.length / 2)), /damaged or incomplete|incomplete/],
    ] as const) {
      await page.goto('about:blank');
      await page.goto(`${server.url}#${fragment}`);
      await page.waitForSelector('#run:not([disabled])', { timeout: 60 * SECOND });
      assert.match((await page.locator('#notice').textContent()) ?? '', expected);
      assert.match((await page.locator('#notice').textContent()) ?? '', /The editor keeps its current program/);
      assert.equal(await editorText(), seed1);
    }
    await shot('10-bad-link');
  });
});
