/**
 * Question (issue 10): do small networks get slower under the default `threads: 'auto'`? Target:
 * the seed programs and CUBA 4000 within 5 % of one thread, or faster.
 * Method: each measurement is a fresh process with BRIAN_TS_THREADS=1 or =auto, alternating,
 * `reps` times; the minimum is reported. Rows of networks that 'auto' should split (Brunel 2000:
 * its pathways' work is measured during the run, see ParallelSession.measuring) add `threads: 2`,
 * whole processes (the workers' start included, wherever in the run it happens), and say at which
 * step 'auto' started the workers. Seed programs: wall time of the whole process (what a
 * user waits for, figures included; run in a temporary folder). CUBA 4000, 1 s: the wall time of
 * the simulation loop reported by bench/synapses/cuba.bench.ts's child mode.
 * Run: node --import tsx bench/threads/auto.bench.ts [reps=5] [filter: a substring of the rows' names]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseLast } from '../neurongroup/harness.ts';

const reps = Number(process.argv[2] ?? 5);
const filter = process.argv[3] ?? '';
const root = fileURLToPath(new URL('../../', import.meta.url));
const tsx = join(root, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs');
const work = mkdtempSync(join(tmpdir(), 'brian-ts-auto-bench-'));

interface Row {
  name: string;
  args: string[];
  /** Seconds from the child's output (undefined: the process's wall time). */
  read?: (stdout: string) => number;
  /** A network 'auto' should split: also measured with 2 threads. */
  big?: boolean;
}

const loopWall = (stdout: string): number => parseLast(stdout)!['run_wall_s'] as number;

const ROWS: Row[] = [
  { name: 'seed-1-lif.ts (whole program)', args: [join(root, 'examples/seed/seed-1-lif.ts')] },
  { name: 'seed-2-population.ts (whole program)', args: [join(root, 'examples/seed/seed-2-population.ts')] },
  { name: 'seed-3-stdp.ts (whole program)', args: [join(root, 'examples/seed/seed-3-stdp.ts')] },
  { name: 'CUBA 4000, 1 s (simulation loop)', args: [join(root, 'bench/synapses/cuba.bench.ts'), '--child', '1', '4000'], read: loopWall },
  { name: 'Brunel 2000 (12500), 0.5 s (whole process)', args: [join(root, 'bench/synapses/brunel.bench.ts'), '--child', '0.5', '1'], big: true },
];

/** The step at which 'auto' started the workers, from a child's output (bench harness fields), or its thread count. */
function autoThreads(stdout: string): string {
  const out = parseLast(stdout);
  if (out === undefined || typeof out['threads_used'] !== 'number') return '';
  return out['threads_from_step'] === undefined ? `${out['threads_used']}` : `${out['threads_used']} from step ${out['threads_from_step']}`;
}

let lastThreads = '';

function measure(row: Row, threads: string): number {
  const began = performance.now();
  const r = spawnSync(process.execPath, ['--import', tsx, ...row.args], { cwd: work, encoding: 'utf8', env: { ...process.env, BRIAN_TS_THREADS: threads, TSX_TSCONFIG_PATH: join(root, 'tsconfig.json') }, maxBuffer: 1 << 24 });
  const wall = (performance.now() - began) / 1000;
  if (r.status !== 0) throw new Error(`${row.name} (threads ${threads}) failed: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  lastThreads = autoThreads(r.stdout);
  return row.read === undefined ? wall : row.read(r.stdout);
}

try {
  console.log(`# threads 'auto' against 1 thread (load ${loadavg().map((x) => x.toFixed(1)).join(' ')}, min of ${reps})\n`);
  console.log('| program | 1 thread s | auto s | auto / 1 thread | auto: threads | 2 threads s |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const row of ROWS.filter((r) => r.name.includes(filter))) {
    const best = { one: Infinity, auto: Infinity, two: Infinity };
    const used = new Set<string>();
    const modes = ['one', 'auto', ...(row.big === true ? (['two'] as const) : [])] as const;
    for (let k = 0; k < reps; k++) {
      for (const mode of k % 2 === 0 ? modes : [...modes].reverse()) {
        best[mode] = Math.min(best[mode], measure(row, mode === 'one' ? '1' : mode === 'two' ? '2' : 'auto'));
        if (mode === 'auto' && lastThreads !== '') used.add(lastThreads);
      }
    }
    const two = row.big === true ? best.two.toFixed(3) : '';
    console.log(`| ${row.name} | ${best.one.toFixed(3)} | ${best.auto.toFixed(3)} | ${(best.auto / best.one).toFixed(3)} | ${[...used].join('; ')} | ${two} |`);
  }
  console.log(`\nload after: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
