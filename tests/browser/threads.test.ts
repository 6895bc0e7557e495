/**
 * Issue 10 in a real browser: Web Workers as threads. tests/browser/threads-entry.ts is bundled
 * for the browser (ESM) and served by a small HTTP server with and without cross-origin isolation
 * (COOP/COEP headers); headless Chromium (Debian's, driven by playwright-core) loads the page:
 *  - isolated: a Web Worker runs the model with 1 and 2 threads (`await startThreads(2)`, thread
 *    Web Workers running the same script) — the 2-thread run really used 2 threads and split its
 *    code objects, and every state bit and spike is the same;
 *  - on the page's main thread (which may not wait on other threads) and on a page without
 *    isolation (no SharedArrayBuffer): one warning, one thread, the same bits.
 * Chromium is found or installed as in tests/browser/plot.test.ts (skipped with the reason otherwise).
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { BrowserContext } from 'playwright-core';
import { findChromium } from './chromium.ts';

const ENTRY = fileURLToPath(new URL('./threads-entry.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SECOND = 1000;

interface Run {
  threads: number;
  split: string[];
  spikes: number;
  hash: string;
  warnings: string[];
}
interface PageResult {
  ok: boolean;
  error?: string;
  isolated: boolean;
  one: Run;
  two: Run;
  onPage: Run;
}

describe('threads as Web Workers in headless Chromium (tests/browser/threads-entry.ts)', () => {
  let chromium: { path: string } | { skip: string } = { skip: 'not looked for yet' };
  let server: Server | undefined;
  let base = '';
  let browser: BrowserContext | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'brian-ts-threads-browser-'));

  before(async () => {
    const result = await build({ entryPoints: [ENTRY], absWorkingDir: ROOT, bundle: true, platform: 'browser', format: 'esm', target: 'es2022', write: false, logLevel: 'silent' });
    const code = result.outputFiles[0]!.text;
    const page = '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>threads</title></head><body><script type="module" src="entry.js"></script></body></html>\n';
    // /isolated/… with COOP/COEP (SharedArrayBuffer available), /plain/… without.
    server = createServer((req, res) => {
      const url = req.url ?? '/';
      const isolated = url.startsWith('/isolated/');
      const headers: Record<string, string> = isolated ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } : {};
      if (url.endsWith('/entry.js')) res.writeHead(200, { ...headers, 'Content-Type': 'text/javascript' }).end(code);
      else if (url.endsWith('/')) res.writeHead(200, { ...headers, 'Content-Type': 'text/html' }).end(page);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
    chromium = await findChromium();
    if (!('path' in chromium)) return;
    const { chromium: launcher } = await import('playwright-core');
    browser = await launcher.launchPersistentContext(join(dir, 'profile'), {
      executablePath: chromium.path,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      timeout: 60 * SECOND,
    });
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => (server === undefined ? resolve(undefined) : server.close(resolve)));
    rmSync(dir, { recursive: true, force: true });
  });

  async function load(path: string): Promise<PageResult> {
    const page = await browser!.newPage();
    try {
      await page.goto(`${base}${path}`);
      await page.waitForSelector('body[data-status]', { state: 'attached', timeout: 120 * SECOND });
      const status = await page.getAttribute('body', 'data-status');
      assert.equal(status, 'done', `the page did not finish: ${status}`);
      const result = JSON.parse((await page.getAttribute('body', 'data-result')) ?? '{}') as PageResult;
      assert.ok(result.ok, `the simulation worker failed: ${result.error}`);
      return result;
    } finally {
      await page.close();
    }
  }

  it('a cross-origin isolated page: 2 Web Worker threads give the bits of 1 thread; the page itself warns and runs 1 thread', { timeout: 180 * SECOND }, async (t) => {
    if (!('path' in chromium)) return t.skip(chromium.skip);
    const r = await load('/isolated/');
    assert.equal(r.isolated, true);
    assert.equal(r.one.threads, 1);
    assert.equal(r.two.threads, 2, `the worker's run used ${r.two.threads} thread(s); warnings: ${r.two.warnings.join(' | ')}`);
    for (const name of ['g_stateupdater', 's_pre', 'p']) {
      assert.ok(r.two.split.some((s) => s.startsWith(name)), `split: ${r.two.split.join(', ')} lacks ${name}`);
    }
    assert.ok(r.one.spikes > 100, `the model spikes (${r.one.spikes})`);
    assert.equal(r.two.spikes, r.one.spikes);
    assert.equal(r.two.hash, r.one.hash, 'every bit of v, ge and the spikes');
    assert.deepEqual(r.two.warnings, []);
    // The page's main thread may not block on Atomics.wait: one warning, one thread, the same bits.
    assert.equal(r.onPage.threads, 1);
    assert.equal(r.onPage.hash, r.one.hash);
    assert.equal(r.onPage.warnings.length, 1, r.onPage.warnings.join(' | '));
    assert.match(r.onPage.warnings[0]!, /threads.*one thread/);
  });

  it('a page without cross-origin isolation: one warning, one thread, the same bits', { timeout: 180 * SECOND }, async (t) => {
    if (!('path' in chromium)) return t.skip(chromium.skip);
    const r = await load('/plain/');
    assert.equal(r.isolated, false);
    assert.equal(r.two.threads, 1);
    assert.equal(r.two.hash, r.one.hash);
    assert.equal(r.two.warnings.length, 1, r.two.warnings.join(' | '));
    assert.match(r.two.warnings[0]!, /SharedArrayBuffer is not available/);
    assert.equal(r.onPage.hash, r.one.hash);
  });
});
