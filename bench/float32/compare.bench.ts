/**
 * Question (issue 11, optional item): does float32 storage (prefs.floatDtype = 'float32', Brian2's
 * prefs.core.default_float_dtype = float32) pay in speed or memory? LIF N = 10^6 and CUBA (4000
 * neurons, 1 s), brian-ts float32 vs float64 against Brian2 2.5.1 cpp_standalone float32 vs float64
 * (single thread, -O3 -ffast-math -march=native), in one command.
 *
 * Method: the existing benchmarks' children (bench/neurongroup/lif-scaling, bench/synapses/cuba),
 * one fresh process per measurement; brian-ts with BRIAN_TS_FLOAT_DTYPE, Brian2 with
 * BRIAN_BENCH_FLOAT_DTYPE (bench/neurongroup/brian2/_common.py; its own build directory per
 * dtype). Per repetition the four cells run back to back (interleaved); the table shows the
 * minimum loop CPU time over the repetitions (the machine is shared), the peak resident memory of
 * the process that ran the loop (brian-ts: the Node child; Brian2: cpp_standalone's ./main) and
 * brian-ts's state bytes (the groups' typed arrays). brian-ts runs on one thread (BRIAN_TS_THREADS=1)
 * in exact mode; BRIAN_TS_FAST_MATH=1 in the environment times fast math instead. The brian-ts
 * children import the built package: this script runs `npm run build` first (BENCH_NO_BUILD=1 skips it).
 *
 * Run: node --import tsx bench/float32/compare.bench.ts [repetitions=3] [model,model]
 *      (models: lif1e6 cuba; BRIAN2_TARGETS= for brian-ts only)
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import * as neuron from '../neurongroup/harness.ts';
import * as synapses from '../synapses/harness.ts';

interface Row {
  readonly cpu: number;
  readonly spikes: number | undefined;
  readonly rss: number | undefined;
  readonly state: number | undefined;
  readonly error?: string | undefined;
}
type Dtype = 'float32' | 'float64';
interface Model {
  readonly name: string;
  readonly label: string;
  measure(cpp: boolean): Row;
}

const file = (p: string): string => new URL(p, import.meta.url).href;
const num = (x: unknown): number | undefined => (typeof x === 'number' ? x : undefined);
// brian-ts: the child's own peak; Brian2 cpp_standalone: its children's (./main; make/g++ too on a
// cold build directory, hence the minimum over repetitions).
const rssOf = (r: Record<string, unknown>): number | undefined =>
  num(r['maxrss_mb']) ?? num(r['target'] === 'cpp_standalone' ? r['maxrss_children_mb'] : r['maxrss_self_mb']);
const row = (r: Record<string, unknown>): Row => ({
  cpu: num(r['run_cpu_s']) ?? NaN,
  spikes: num(r['spikes']),
  rss: rssOf(r),
  state: num(r['state_bytes']),
  error: r['error'] === undefined ? undefined : String(r['error']),
});

const MODELS: Model[] = [
  {
    name: 'lif1e6',
    label: 'LIF N = 10^6, 1 s',
    measure: (cpp) =>
      row((cpp ? neuron.measureBrian2('lif_scaling.py', 'cpp_standalone', 'lif_scaling', 1e6, 1) : neuron.measureBrianTs(file('../neurongroup/lif-scaling.bench.ts'), 'lif_scaling', 1e6, 1)) as unknown as Record<string, unknown>),
  },
  {
    name: 'cuba',
    label: 'CUBA N = 4000, 1 s',
    measure: (cpp) =>
      row((cpp ? synapses.measureBrian2('cuba.py', 'cpp_standalone', 'cuba', ['1', '4000']) : synapses.measureBrianTs(file('../synapses/cuba.bench.ts'), 'cuba', ['1', '4000'])) as Record<string, unknown>),
  },
];

function withEnv<T>(vars: Record<string, string>, f: () => T): T {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return f();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

const repetitions = Number(process.argv[2] ?? 3);
const only = process.argv[3]?.split(',');
const cpp = (process.env.BRIAN2_TARGETS ?? 'cpp_standalone').split(',').includes('cpp_standalone');
if (process.env.BENCH_NO_BUILD !== '1') {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const b = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`npm run build failed:\n${b.stdout}\n${b.stderr}`);
}

const fmt = (x: number | undefined, d = 3): string => (x !== undefined && Number.isFinite(x) ? x.toPrecision(d) : '–');
const loads: number[] = [];
console.log('| model | side | float64 CPU s | float32 CPU s | float32 / float64 | float64 peak RSS MB | float32 peak RSS MB | state MB float64 → float32 | spikes float64 / float32 |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
const chosen = only === undefined ? MODELS : only.map((name) => MODELS.find((m) => m.name === name) ?? (() => { throw new Error(`unknown model ${name}; known: ${MODELS.map((m) => m.name).join(' ')}`); })());
for (const model of chosen) {
  type Key = `${'ts' | 'cpp'} ${Dtype}`;
  const best = new Map<Key, Row>();
  const keep = (k: Key, r: Row): void => {
    if (r.error !== undefined) process.stderr.write(`  ${model.name} ${k}: ${r.error}\n`);
    else if (!best.has(k) || r.cpu < best.get(k)!.cpu) best.set(k, { ...r, rss: Math.min(r.rss ?? Infinity, best.get(k)?.rss ?? Infinity) });
  };
  for (let rep = 0; rep < repetitions; rep++) {
    loads.push(loadavg()[0]!);
    for (const dtype of ['float64', 'float32'] as const) {
      keep(`ts ${dtype}`, withEnv({ BRIAN_TS_FLOAT_DTYPE: dtype, BRIAN_TS_THREADS: '1' }, () => model.measure(false)));
      if (cpp) keep(`cpp ${dtype}`, withEnv({ BRIAN_BENCH_FLOAT_DTYPE: dtype }, () => model.measure(true)));
    }
    process.stderr.write(`  ${model.name}: repetition ${rep + 1} done (load ${loadavg()[0]!.toFixed(1)})\n`);
  }
  for (const side of ['ts', 'cpp'] as const) {
    const a = best.get(`${side} float64`);
    const b = best.get(`${side} float32`);
    if (a === undefined && b === undefined) continue;
    const mb = (x: number | undefined): string => (x === undefined ? '–' : (x / 2 ** 20).toFixed(3));
    console.log(
      `| ${model.label} | ${side === 'ts' ? `brian-ts${process.env.BRIAN_TS_FAST_MATH === '1' ? ' (fast math)' : ''}` : 'Brian2 cpp_standalone'} | ${fmt(a?.cpu)} | ${fmt(b?.cpu)} | ${fmt(a && b ? b.cpu / a.cpu : undefined)} | ${fmt(a?.rss, 4)} | ${fmt(b?.rss, 4)} | ${side === 'ts' ? `${mb(a?.state)} → ${mb(b?.state)}` : '–'} | ${a?.spikes ?? '–'} / ${b?.spikes ?? '–'} |`,
    );
  }
}
console.log(`\nminimum loop CPU time of ${repetitions} repetitions per cell; 1-minute load average during the runs: ${fmt(Math.min(...loads), 2)}–${fmt(Math.max(...loads), 2)}`);
