/**
 * Debian's Chromium for the browser tests (tests/browser, tests/playground): taken from PATH;
 * otherwise, when running as root (CI on a fresh Debian machine), installed with
 * `apt-get install -y --no-install-recommends chromium` (running `apt-get update` and retrying if
 * that fails). Without root, or if the install fails, the caller skips its Chromium tests with the
 * reason. Every external step has a time limit and is killed with its process group when it runs
 * over, so a suite cannot hang.
 */
import { spawn, spawnSync } from 'node:child_process';

const SECOND = 1000;

export interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

/** Runs a command with a time limit; on timeout its whole process group is killed. */
export function runBounded(cmd: string, args: readonly string[], timeoutMs: number, env: NodeJS.ProcessEnv = process.env): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const killGroup = (): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr: `${stderr}${e.message}`, timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      // Chromium may leave helper processes behind in its group; they are not needed any more.
      killGroup();
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

function onPath(name: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8', timeout: 5 * SECOND });
  const path = r.stdout.trim();
  return r.status === 0 && path !== '' ? path : undefined;
}

export function tail(s: string): string {
  return s.trim().split('\n').slice(-5).join('\n');
}

/** Chromium's path, installing Debian's package when root; a reason string when unavailable. */
export async function findChromium(): Promise<{ path: string } | { skip: string }> {
  const found = onPath('chromium');
  if (found !== undefined) return { path: found };
  if (process.getuid?.() !== 0) return { skip: 'chromium is not installed and the tests do not run as root (apt-get install -y chromium to run them)' };
  if (onPath('apt-get') === undefined) return { skip: 'chromium is not installed and apt-get is not available' };
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = (): Promise<Outcome> => runBounded('apt-get', ['install', '-y', '-q', '-o', 'DPkg::Lock::Timeout=60', '--no-install-recommends', 'chromium'], 600 * SECOND, env);
  const started = Date.now();
  let r = await install();
  if (r.code !== 0 && !r.timedOut) {
    // A fresh machine has no package lists (or stale ones): update, then try once more.
    const u = await runBounded('apt-get', ['update', '-q', '-o', 'DPkg::Lock::Timeout=60'], 300 * SECOND, env);
    if (u.code !== 0) return { skip: `apt-get update failed${u.timedOut ? ' (timed out)' : ''}: ${tail(u.stderr)}` };
    r = await install();
  }
  if (r.code !== 0) return { skip: `apt-get install chromium failed${r.timedOut ? ' (timed out after 600 s)' : ''}: ${tail(r.stderr)}` };
  const path = onPath('chromium');
  if (path === undefined) return { skip: 'apt-get installed chromium but it is not on PATH' };
  console.log(`installed Debian's chromium in ${((Date.now() - started) / SECOND).toFixed(1)} s`);
  return { path };
}

