/**
 * Deopt survey (session 13, s13-v8): runs gallery examples (or any program files) in fresh processes of one
 * or more Node binaries under `--trace-deopt`, and prints per program the wall time and every function that
 * V8 deoptimised at least MIN times (a deopt loop is one function deoptimised hundreds of times with one
 * reason at one bytecode offset; a few deopts per function are normal tier-up churn).
 *
 *   node --import tsx bench/v8/survey.ts [--node /tmp/node24/node_modules/.bin/node ...] [--min 20]
 *        [--scale 0.05] [--flags "--maglev"] [--timeout 120] [--json out.jsonl] [--root /work/main] examples/CUBA.ts ...
 *
 * Each program runs in a scratch directory (examples write their figures to the cwd), with
 * BRIAN_TS_DURATION_SCALE set and tsx pointed at this checkout's tsconfig (so 'brian-ts' is src/).
 * `--trace-deopt` costs little when nothing deopts, but the times are for spotting 2x, not for tables.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { countDeopts } from '../../tests/v8/deopts.ts';

let root = resolve(fileURLToPath(import.meta.url), '../../..');
const nodes: string[] = [];
const files: string[] = [];
let min = 20;
let scale = '0.05';
let flags: string[] = [];
let timeoutS = 120;
let json: string | undefined;
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i]!;
  if (a === '--node') nodes.push(argv[++i]!);
  else if (a === '--min') min = Number(argv[++i]);
  else if (a === '--scale') scale = argv[++i]!;
  else if (a === '--flags') flags = argv[++i]!.split(/\s+/).filter(Boolean);
  else if (a === '--timeout') timeoutS = Number(argv[++i]);
  else if (a === '--json') json = argv[++i]!;
  else if (a === '--root') root = resolve(argv[++i]!); // another checkout's src/ (A/B): its tsconfig, its tsx
  else files.push(resolve(a));
}
if (nodes.length === 0) nodes.push(process.execPath);

const loader = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;
for (const file of files) {
  for (const node of nodes) {
    const dir = mkdtempSync(join(tmpdir(), 'v8-survey-'));
    const t0 = performance.now();
    const r = spawnSync(node, [...flags, '--trace-deopt', '--import', loader, file], {
      cwd: dir,
      env: { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.json'), BRIAN_TS_DURATION_SCALE: scale },
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      timeout: timeoutS * 1000,
    });
    const wall = (performance.now() - t0) / 1000;
    rmSync(dir, { recursive: true, force: true });
    const { total, functions: loops } = countDeopts(`${r.stdout}\n${r.stderr}`, min);
    const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
    const rel = file.startsWith(root) ? file.slice(root.length + 1) : file;
    const status = r.error ? String(r.error.message) : r.status === 0 ? 'ok' : `rc ${r.status ?? r.signal}`;
    console.log(`${rel}  ${version}  ${wall.toFixed(2)} s  ${status}  deopts ${total}`);
    for (const l of loops) console.log(`    ${l.fn}: ${l.count}  (top ${l.top})`);
    if (status !== 'ok') console.log(`    stderr: ${r.stderr.split('\n').filter((s) => !s.startsWith('[')).slice(-3).join(' | ')}`);
    if (json) appendFileSync(json, `${JSON.stringify({ file: rel, node: version, flags, wall, status, total, loops })}\n`);
  }
}
