/**
 * Question (issue 12, session 11 s11-sweep): what does the sweep machinery itself cost — worker
 * start-up, messages, the output folder (shard lines, a 1000-sample .npz per point, the tables) —
 * with no simulation? Sweeps ./overhead.model.ts (the sweep bench's imports, grid and result shape;
 * it simulates nothing) over 64 points on 1 and 2 workers, alternating `repeats` times; prints wall
 * and CPU time (process.cpuUsage: all threads) and each worker's start-up (start to model loaded).
 * Run: node --import tsx bench/sweep/overhead.bench.ts [repeats=3]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareScript, sweep, workerBundle } from 'brian-ts/sweep';

const repeats = Number(process.argv[2] ?? 3);
const script = fileURLToPath(new URL('./overhead.model.ts', import.meta.url));
const linspace = (a: number, b: number, n: number): number[] => Array.from({ length: n }, (_, k) => a + ((b - a) * k) / (n - 1));
const grid = { muext: linspace(20, 30, 8).map((v) => `${v} mV`), sigmaext: linspace(0.5, 4, 8).map((v) => `${v} mV`) };
await workerBundle(prepareScript(script));
for (let r = 0; r < repeats; r++) {
  for (const workers of [1, 2]) {
    const out = mkdtempSync(join(tmpdir(), 'brian-ts-sweep-overhead-'));
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const res = await sweep(script, grid, { workers, out, seed: 1, progress: false });
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (res.failed > 0) throw new Error(`${res.failed} points failed: ${res.rows.find((x) => x.error)?.error?.message}`);
    console.log(`${workers} worker(s): wall ${wall.toFixed(0)} ms, CPU ${((c.user + c.system) / 1000).toFixed(0)} ms, worker start-up ${res.startup!.workerLoadSeconds.map((s) => (s * 1000).toFixed(0)).join(', ')} ms`);
    rmSync(out, { recursive: true, force: true });
  }
}
