/**
 * `npm run playground`: builds the playground and serves it on this machine (127.0.0.1 only),
 * printing the URL. Static files with the cross-origin-isolation headers of build.ts.
 *
 * The sandbox frame is served from the *other* loopback name (page on localhost → sandbox on
 * 127.0.0.1 and the reverse): a different site, so Chromium gives the sandbox its own process and
 * a program that exhausts memory cannot take the page down with it (see README.md).
 *
 * Usage: node --import tsx playground/serve.ts [--port N] [--no-build] [--dir DIR]
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPlayground, DEFAULT_OUT, formatSizes, HEADERS, pointSandbox } from './build.ts';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface PlaygroundServer {
  /** The page's URL (on localhost). */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** The other loopback host name: the sandbox's site when the page is on `host`. */
function otherHost(host: string): string | undefined {
  const [name, port] = host.split(':');
  if (name === 'localhost') return `127.0.0.1:${port}`;
  if (name === '127.0.0.1') return `localhost:${port}`;
  return undefined;
}

export interface ServeOptions {
  dir?: string;
  port?: number;
  /** Serve the sandbox from the other loopback name (default true). */
  crossSiteSandbox?: boolean;
  /** Fail when `port` is taken instead of taking a free one. */
  strictPort?: boolean;
  /** Called with each request's path and Host header (tests watch for requests a program makes). */
  onRequest?: (path: string, host: string) => void;
}

export async function servePlayground(options: ServeOptions = {}): Promise<PlaygroundServer> {
  const dir = resolve(options.dir ?? DEFAULT_OUT);
  const crossSite = options.crossSiteSandbox ?? true;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      options.onRequest?.(req.url ?? '', req.headers.host ?? '');
      const file = normalize(join(dir, path === '/' ? 'index.html' : path));
      if (file !== dir && !file.startsWith(dir + sep)) {
        res.writeHead(403).end();
        return;
      }
      let body: Buffer | string;
      try {
        body = await readFile(file);
      } catch {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
        return;
      }
      if (path === '/' || path === '/index.html') {
        const other = otherHost(req.headers.host ?? '');
        if (crossSite && other !== undefined) {
          body = pointSandbox(body.toString('utf8'), `http://${other}/runner.html`);
        }
      }
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache', ...HEADERS });
      res.end(body);
    })();
  });
  const listen = (port: number): Promise<void> =>
    new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(port, '127.0.0.1', () => ok());
    });
  try {
    await listen(options.port ?? 0);
  } catch (e) {
    // A busy default port is no reason to fail: take a free one (the URL is printed).
    if ((e as { code?: unknown }).code !== 'EADDRINUSE' || options.port === 0 || options.strictPort === true) throw e;
    await listen(0);
  }
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://localhost:${port}/`,
    port,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const flag = (name: string): string | undefined => {
    const k = args.indexOf(name);
    return k >= 0 ? args[k + 1] : undefined;
  };
  const dir = flag('--dir') ?? DEFAULT_OUT;
  if (!args.includes('--no-build')) console.log(formatSizes(await buildPlayground(dir)));
  const s = await servePlayground({ dir, port: Number(flag('--port') ?? 8080) });
  console.log(`brian-ts playground: ${s.url}  (Ctrl-C to stop)`);
}
