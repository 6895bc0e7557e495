/**
 * The plotting code runs in a browser unchanged (issue 5 §1): tests/browser/entry.ts, which uses
 * the public API as a page would (a small simulation, a line plot and a raster into inline SVG),
 * is bundled by esbuild for the browser, and rendered by headless Chromium from Debian's
 * `chromium` package.
 *
 * Chromium: taken from PATH; otherwise, when running as root (CI on a fresh Debian machine), it
 * is installed with `apt-get install -y --no-install-recommends chromium` (running `apt-get
 * update` and retrying if that fails). Without root, or if the install fails, the Chromium tests
 * are skipped with the reason; the bundle test always runs. Every external step has a time limit
 * and is killed with its whole process group when it runs over, so the suite cannot hang.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { decodePNG, inkPixels } from '../../src/plot/png.test-util.ts';
import { findChromium, runBounded, tail } from './chromium.ts';
import type { Outcome } from './chromium.ts';

const ENTRY = fileURLToPath(new URL('./entry.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SECOND = 1000;
const WIDTH = 800;
const HEIGHT = 600;

/** The entry bundled for the browser, as ESM (esbuild resolves 'brian-ts' through tsconfig paths). */
async function bundle(): Promise<{ code: string; inputs: string[]; warnings: string[] }> {
  const result = await build({
    entryPoints: [ENTRY],
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const out = result.outputFiles[0];
  assert.ok(out !== undefined, 'esbuild wrote no output');
  return { code: out.text, inputs: Object.keys(result.metafile.inputs), warnings: result.warnings.map((w) => w.text) };
}

describe('browser bundle (tests/browser/entry.ts)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'brian-ts-browser-'));
  let code = '';
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('bundles for platform browser without Node modules', { timeout: 60 * SECOND }, async () => {
    // Any `node:` import (or a bare Node built-in) makes a browser build fail to resolve.
    const b = await bundle();
    code = b.code;
    assert.deepEqual(b.warnings, []);
    assert.ok(!b.inputs.some((f) => f.startsWith('node:') || f.endsWith('src/plot/node.ts')), `Node-only modules in the bundle: ${b.inputs.filter((f) => f.startsWith('node:') || f.endsWith('node.ts')).join(', ')}`);
    assert.ok(b.inputs.some((f) => f.endsWith('src/plot/figure.ts')) && b.inputs.some((f) => f.includes('@observablehq/plot')));
    assert.ok(!/<\/script/i.test(code), 'the bundle must not contain "</script" (it is inlined into the page)');
  });

  describe('in headless Chromium', () => {
    let chromium: { path: string } | { skip: string } = { skip: 'not looked for yet' };
    let dom = '';
    let shot = '';
    let runs: Outcome[] = [];

    before(async () => {
      if (code === '') code = (await bundle()).code;
      chromium = await findChromium();
      if (!('path' in chromium)) return;
      // An inline module script: Chromium refuses module scripts loaded from file:// URLs.
      const page = join(dir, 'page.html');
      writeFileSync(page, `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>brian-ts</title></head>\n<body style="margin:0;background:#fff"><script type="module">\n${code}\n</script></body></html>\n`);
      const common = [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
        '--hide-scrollbars',
        `--window-size=${WIDTH},${HEIGHT}`,
      ];
      const url = pathToFileURL(page).href;
      shot = join(dir, 'shot.png');
      const dumped = await runBounded(chromium.path, [...common, `--user-data-dir=${join(dir, 'profile-dom')}`, '--dump-dom', url], 90 * SECOND);
      const shotted = await runBounded(chromium.path, [...common, `--user-data-dir=${join(dir, 'profile-shot')}`, `--screenshot=${shot}`, url], 90 * SECOND);
      runs = [dumped, shotted];
      dom = dumped.stdout;
      // Keep the screenshot for a person to look at when asked to.
      const keep = process.env.BRIAN_TS_BROWSER_SHOT;
      if (keep !== undefined && existsSync(shot)) writeFileSync(keep, readFileSync(shot));
    });

    it('runs the entry and puts the figure into the DOM (--dump-dom)', { timeout: 30 * SECOND }, (t) => {
      if (!('path' in chromium)) return t.skip(chromium.skip);
      const r = runs[0]!;
      assert.ok(!r.timedOut && r.code === 0, `chromium --dump-dom failed (exit ${String(r.code)}${r.timedOut ? ', timed out' : ''}): ${tail(r.stderr)}`);
      const status = /data-status="([^"]*)"/.exec(dom)?.[1];
      assert.equal(status, 'ok', `the entry did not finish: ${status ?? dom.slice(0, 500)}`);
      const spikes = Number(/data-spikes="(\d+)"/.exec(dom)?.[1]);
      assert.ok(spikes > 50, `the simulation in the page gave ${spikes} spikes`);
      const svg = /<svg[^>]*>[\s\S]*<\/svg>/.exec(dom)?.[0];
      assert.ok(svg !== undefined, 'no <svg> in the page');
      assert.match(svg, /viewBox="0 0 640 480"/);
      // The red line: one path with all 200 points (Observable Plot draws it as M…L…).
      const line = [...svg.matchAll(/<path[^>]*stroke="#ff0000"[^>]*>/g)].map((m) => m[0]);
      assert.equal(line.length, 1, 'expected one red line path');
      assert.ok((/ d="([^"]*)"/.exec(line[0]!)?.[1]?.match(/[ML]/g) ?? []).length >= 200, 'the red line does not have its 200 points');
      // The raster: a single black path of small squares, one per spike (none overlap here).
      const raster = [...svg.matchAll(/<path[^>]*fill="(?:black|#000000)"[^>]*>/g)].map((m) => / d="([^"]*)"/.exec(m[0])?.[1] ?? '');
      assert.equal(raster.length, 1, 'expected one raster path');
      assert.equal((raster[0]!.match(/M/g) ?? []).length, spikes, 'the raster path does not have one square per spike');
      // Axis labels with units, and the title.
      for (const text of ['Time (ms)', 'v (mV)', 'browser', 'time (ms)', 'neuron index']) assert.ok(svg.includes(text), `no text "${text}" in the figure`);
    });

    it('renders a non-trivial screenshot (--screenshot)', { timeout: 30 * SECOND }, (t) => {
      if (!('path' in chromium)) return t.skip(chromium.skip);
      const r = runs[1]!;
      assert.ok(!r.timedOut && r.code === 0 && existsSync(shot), `chromium --screenshot failed (exit ${String(r.code)}${r.timedOut ? ', timed out' : ''}): ${tail(r.stderr)}`);
      const img = decodePNG(readFileSync(shot));
      assert.deepEqual([img.width, img.height], [WIDTH, HEIGHT]);
      // The 640×480 figure sits at the top left; outside it the page is white.
      const inFigure = inkPixels(img, 0, 0, 640, 480);
      assert.ok(inFigure > 3000, `only ${inFigure} non-white pixels in the figure`);
      assert.ok(inkPixels(img, 660, 0, WIDTH, HEIGHT) < 50, 'ink outside the figure');
      let red = 0;
      let dark = 0;
      for (let k = 0; k < img.pixels.length; k += 4) {
        const [pr, pg, pb] = [img.pixels[k]!, img.pixels[k + 1]!, img.pixels[k + 2]!];
        if (pr > 200 && pg < 80 && pb < 80) red++;
        if (pr < 60 && pg < 60 && pb < 60) dark++;
      }
      assert.ok(red > 500, `the red line is missing (${red} red pixels)`);
      // Frames, ticks, text and the raster's squares.
      assert.ok(dark > 2000, `too few dark pixels (${dark}): no axes, text or raster`);
    });
  });
});
