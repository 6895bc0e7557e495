/**
 * Question (issue 12, session 8): where does a sweep point's CPU go, per point index on one thread?
 * One thread runs the sweep bench's 64-point grid (brunel-hakim.model.ts, index order, each
 * point's seed as in sweep.bench.ts's sweep) for `points` points and times each point's phases by wrapping brian-ts's methods: the
 * network's code building (`Network.beforeRun`, which compiles every code object), its step loop
 * (`Network.simulate`), synapse creation (`Synapses.connect`) and the rest (object construction,
 * model-string parsing, monitors). Prints the phases of points 0–7 and the medians of later
 * stretches; with `--profile`, V8's CPU profiler (node:inspector) records points `from`… and the
 * top self-time functions outside the generated step code are listed.
 * `--osr-off` sets V8's `--no-use-osr` at start (as sweep() does in a local pool).
 * `--eager-sites` formats every object's creation site when it is made (before session 9, s9-sweep2)
 * instead of when an error first reads it.
 * `--paper` runs brunel-hakim-paper.model.ts (sweep.bench.ts --size=paper) instead; `--recycle`
 * recycles large buffers between points as a sweep worker does (src/util/recycle.ts, session 10).
 * Run: node --import tsx bench/sweep/point-profile.ts [points=100] [from=40] [top=40] [--profile] [--osr-off] [--eager-sites] [--paper] [--recycle]
 */
import { Session } from 'node:inspector/promises';
import { setFlagsFromString } from 'node:v8';
import { Network, Synapses, mV, seed, startScope } from 'brian-ts';
import { pointSeed } from '../../src/sweep/seeds.ts';
import { setEagerCreationSites } from '../../src/core/brian-object.ts';
import { pointDone, startRecycling } from '../../src/util/recycle.ts';

const { model } = (process.argv.includes('--paper') ? await import('./brunel-hakim-paper.model.ts') : await import('./brunel-hakim.model.ts')) as { model: (p: never) => { spikes: number } };
const recycle = process.argv.includes('--recycle');
if (recycle) startRecycling();

const [points = 100, from = 40, top = 40] = process.argv.slice(2).filter((a) => !a.startsWith('--')).map(Number);
const profiling = process.argv.includes('--profile');
// As a local sweep() does (src/sweep/osr.ts): V8's OSR off at run time, not by a command-line flag.
if (process.argv.includes('--osr-off')) setFlagsFromString('--no-use-osr');
setEagerCreationSites(process.argv.includes('--eager-sites'));
const phases = { build: 0, run: 0, connect: 0 };
const wrap = (proto: object, method: string, phase: keyof typeof phases): void => {
  const p = proto as Record<string, (...a: unknown[]) => unknown>;
  const original = p[method]!;
  p[method] = function (this: unknown, ...args: unknown[]) {
    const t0 = performance.now();
    try {
      return original.apply(this, args);
    } finally {
      phases[phase] += performance.now() - t0;
    }
  };
};
wrap(Network.prototype, 'beforeRun', 'build');
wrap(Network.prototype, 'simulate', 'run');
wrap(Synapses.prototype, 'connect', 'connect');

const session = new Session();
if (profiling) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
}
const rows: number[][] = [];
let sink = 0;
for (let i = 0; i < points; i++) {
  if (profiling && i === from) await session.post('Profiler.start');
  if (process.argv.includes("--mark")) console.log(`### point ${i}`);
  phases.build = phases.run = phases.connect = 0;
  const t0 = performance.now();
  const j = i % 64;
  startScope();
  // The seed sweep.bench's sweep (seed 1) gives point j.
  seed(pointSeed(1, j));
  sink += model({ muext: mV(20 + Math.floor(j / 8) * (10 / 7)), sigmaext: mV(0.5 + (j % 8) * 0.5) } as never).spikes;
  startScope();
  if (recycle) pointDone();
  const total = performance.now() - t0;
  rows.push([total, phases.build, phases.run, phases.connect, total - phases.build - phases.run - phases.connect]);
}
const f1 = (x: number): string => x.toFixed(1);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
console.log(`| points | total (ms) | build: beforeRun | run: simulate | connect | rest (construction) |\n| --- | --- | --- | --- | --- | --- |`);
rows.slice(0, 8).forEach((r, i) => console.log(`| ${i} | ${r.map(f1).join(' | ')} |`));
if (points >= 72) rows.slice(64, 72).forEach((r, i) => console.log(`| ${64 + i} | ${r.map(f1).join(' | ')} |`));
for (const [a, b] of [[8, 16], [16, 32], [32, 64], [64, 100], [100, 200], [200, 400]] as const) {
  if (points < b) break;
  const part = rows.slice(a, b);
  console.log(`| ${a}–${b - 1} (median) | ${[0, 1, 2, 3, 4].map((c) => f1(median(part.map((r) => r[c]!)))).join(' | ')} |`);
}
const sum = (a: number, b: number, c: number): number => rows.slice(a, b).reduce((s, r) => s + r[c]!, 0);
console.log(`sum of points 0–63: ${sum(0, 64, 0).toFixed(0)} ms (build ${sum(0, 64, 1).toFixed(0)}, run ${sum(0, 64, 2).toFixed(0)}, connect ${sum(0, 64, 3).toFixed(0)}, rest ${sum(0, 64, 4).toFixed(0)}); sink ${sink}`);
if (points >= 128) console.log(`sum of points 64–127: ${sum(64, 128, 0).toFixed(0)} ms (build ${sum(64, 128, 1).toFixed(0)}, run ${sum(64, 128, 2).toFixed(0)}, connect ${sum(64, 128, 3).toFixed(0)}, rest ${sum(64, 128, 4).toFixed(0)})`);

if (profiling) {
  const { profile } = await session.post('Profiler.stop');
  interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
  const nodes = new Map<number, Node>();
  const parent = new Map<number, number>();
  for (const n of profile.nodes as Node[]) {
    nodes.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  // Generated code has no URL; what it calls (random helpers) counts as the step loop too.
  const inGenerated = (id: number | undefined): boolean => {
    for (let k = id; k !== undefined; k = parent.get(k)) {
      const f = nodes.get(k)!.callFrame;
      if (f.url === '' && f.functionName.startsWith('run_')) return true;
    }
    return false;
  };
  const self = new Map<string, number>();
  const deltas = profile.timeDeltas as number[];
  (profile.samples as number[]).forEach((id, k) => {
    if (inGenerated(id)) return;
    const n = nodes.get(id)!;
    const key = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-2).join('/')}`;
    self.set(key, (self.get(key) ?? 0) + (deltas[k + 1] ?? 0) / 1000);
  });
  const counted = points - from;
  // Inclusive time per function within the build (Network.beforeRun), each function once per stack.
  const inclusive = new Map<string, number>();
  (profile.samples as number[]).forEach((id, k) => {
    const names = new Set<string>();
    let inBuild = false;
    for (let n = id as number | undefined; n !== undefined; n = parent.get(n)) {
      const f = nodes.get(n)!.callFrame;
      if (f.functionName === 'beforeRun' && f.url.endsWith('core/network.ts')) inBuild = true;
      names.add(`${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}`);
    }
    if (!inBuild) return;
    for (const name of names) inclusive.set(name, (inclusive.get(name) ?? 0) + (deltas[k + 1] ?? 0) / 1000);
  });
  console.log(`\ninclusive time within Network.beforeRun, points ${from}–${points - 1} (ms per point):`);
  for (const [k, ms] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${(ms / counted).toFixed(3).padStart(7)}  ${k}`);
  console.log(`\ntop self time outside the generated step code, points ${from}–${points - 1} (ms per point):`);
  for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${(ms / counted).toFixed(3).padStart(7)}  ${k}`);
}
const { codeCacheStats } = await import('../../src/codegen/build-cache.ts');
console.log(`code cache: ${codeCacheStats.hits} hits, ${codeCacheStats.misses} misses`);
