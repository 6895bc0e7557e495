/**
 * Question (issue 11): on one core, how does brian-ts in exact and in fast-math mode compare with
 * Brian2 2.5.1 cpp_standalone (single thread, -O3 -ffast-math -march=native) on LIF 10^5 and 10^6,
 * HH 4000, CUBA, COBAHH, Brunel, STDP and the SpatialNeuron HH axon?
 *
 * Method: the existing benchmarks' children (bench/neurongroup, bench/synapses, bench/spatial), one
 * fresh process per measurement, loop CPU time as there; per repetition the three targets run back
 * to back (interleaved) and the table shows the minimum over the repetitions (the machine is
 * shared: the minimum is the least disturbed run). Fast mode is the same child with
 * BRIAN_TS_FAST_MATH=1, once with BRIAN_TS_FAST_MATH_KERNELS=0 (fast-JS: every loop in JavaScript,
 * session 4's fast mode) and once with kernels (session 6: WebAssembly f64x2 state updates).
 * Exact mode is measured with its in-place kernels (session 8: call-free state updates of groups
 * whose state is in WebAssembly memory, bit-identical to the JavaScript loop) and without them
 * (exact-JS: BRIAN_TS_EXACT_KERNELS=0). Spike counts are printed so exact/fast agreement can be read off. The last columns give the
 * minimum wall time of fast mode and cpp_standalone over the same interval: CPU time counts V8's
 * background compiler threads (the JIT's work, done before the loop in cpp_standalone's build), wall
 * time is what the user waits.
 * The brian-ts children import the built package: this script runs `npm run build` first
 * (BENCH_NO_BUILD=1 skips it).
 *
 * Run: node --import tsx bench/fast-math/compare.bench.ts [repetitions=3] [model,model,…]
 *      (models: lif1e5 lif1e6 hh cuba cuba40k cobahh brunel stdp axon; BRIAN2_TARGETS= for brian-ts only;
 *      COMPARE_MODES=exactjs,exact,cpp (any of exactjs exact fastjs fast cpp) measures only those columns)
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import * as neuron from '../neurongroup/harness.ts';
import * as synapses from '../synapses/harness.ts';

interface Row {
  readonly target: string;
  readonly cpu: number;
  /** Wall time of the same interval: what a user waits (V8's compiler threads run on the other core, off this time). */
  readonly wall: number;
  readonly spikes: number | undefined;
  readonly error?: string;
}
interface Model {
  readonly name: string;
  readonly label: string;
  /** One measurement; `cpp` selects Brian2 cpp_standalone. */
  measure(cpp: boolean): Row;
}

const file = (p: string): string => new URL(p, import.meta.url).href;
const fromNeuron = (r: neuron.Measurement): Row => ({ target: r.target, cpu: r.run_cpu_s, wall: r.run_wall_s, spikes: r.spikes, error: r.error });
const fromSynapses = (r: synapses.Measurement): Row => ({
  target: String(r.target),
  cpu: typeof r.run_cpu_s === 'number' ? r.run_cpu_s : NaN,
  wall: typeof r.run_wall_s === 'number' ? r.run_wall_s : NaN,
  spikes: typeof r.spikes === 'number' ? r.spikes : undefined,
  error: r.error === undefined ? undefined : String(r.error),
});
const neuronModel = (name: string, label: string, bench: string, script: string, model: string, N: number, durationS: number): Model => ({
  name,
  label,
  measure: (cpp) =>
    fromNeuron(cpp ? neuron.measureBrian2(script, 'cpp_standalone', model, N, durationS) : neuron.measureBrianTs(file(bench), model, N, durationS)),
});
const synapseModel = (name: string, label: string, bench: string, script: string, tsArgs: string[], pyArgs: string[]): Model => ({
  name,
  label,
  measure: (cpp) =>
    fromSynapses(cpp ? synapses.measureBrian2(script, 'cpp_standalone', name, pyArgs) : synapses.measureBrianTs(file(bench), name, tsArgs)),
});

const MODELS: Model[] = [
  neuronModel('lif1e5', 'LIF N = 10^5, 1 s', '../neurongroup/lif-scaling.bench.ts', 'lif_scaling.py', 'lif_scaling', 1e5, 1),
  neuronModel('lif1e6', 'LIF N = 10^6, 1 s', '../neurongroup/lif-scaling.bench.ts', 'lif_scaling.py', 'lif_scaling', 1e6, 1),
  neuronModel('hh', 'HH N = 4000, 1 s', '../neurongroup/hh.bench.ts', 'hh.py', 'hh', 4000, 1),
  synapseModel('cuba', 'CUBA N = 4000, 1 s', '../synapses/cuba.bench.ts', 'cuba.py', ['1', '4000'], ['1', '4000']),
  synapseModel('cuba40k', 'CUBA N = 40 000, 0.2 s', '../synapses/cuba.bench.ts', 'cuba.py', ['0.2', '40000'], ['0.2', '40000']),
  synapseModel('cobahh', 'COBAHH N = 4000, 1 s', '../synapses/cobahh.bench.ts', 'cobahh.py', ['1', '4000'], ['1', '4000']),
  synapseModel('brunel', 'Brunel B, 1 s', '../synapses/brunel.bench.ts', 'brunel.py', ['1', '1'], ['1', '1', 'B']),
  synapseModel('stdp', 'STDP, 10 s', '../synapses/stdp.bench.ts', 'stdp.py', ['10', '1000'], ['10', '1000']),
  neuronModel('axon', 'SpatialNeuron HH axon, 1000 compartments, 50 ms', '../spatial/hh-axon.bench.ts', '../../spatial/brian2/hh_axon.py', 'hh_axon', 1000, 0.05),
];

/** Runs `f` with the child's settings: exact with or without its kernels, fast with JavaScript loops only, or fast with WebAssembly kernels. */
function withFastMath<T>(mode: 'exactjs' | 'exact' | 'fastjs' | 'fast', f: () => T): T {
  const saved = [process.env.BRIAN_TS_FAST_MATH, process.env.BRIAN_TS_FAST_MATH_KERNELS, process.env.BRIAN_TS_EXACT_KERNELS];
  process.env.BRIAN_TS_FAST_MATH = mode === 'exact' || mode === 'exactjs' ? '0' : '1';
  process.env.BRIAN_TS_FAST_MATH_KERNELS = mode === 'fast' ? '1' : '0';
  process.env.BRIAN_TS_EXACT_KERNELS = mode === 'exact' ? '1' : '0';
  try {
    return f();
  } finally {
    for (const [k, v] of [['BRIAN_TS_FAST_MATH', saved[0]], ['BRIAN_TS_FAST_MATH_KERNELS', saved[1]], ['BRIAN_TS_EXACT_KERNELS', saved[2]]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

const repetitions = Number(process.argv[2] ?? 3);
const only = process.argv[3]?.split(',');
const modes = new Set((process.env.COMPARE_MODES ?? 'exactjs,exact,fastjs,fast,cpp').split(','));
const cpp = (process.env.BRIAN2_TARGETS ?? 'cpp_standalone').split(',').includes('cpp_standalone') && modes.has('cpp');
if (process.env.BENCH_NO_BUILD !== '1') {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const b = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`npm run build failed:\n${b.stdout}\n${b.stderr}`);
}

const fmt = (x: number, d = 3): string => (Number.isFinite(x) ? x.toPrecision(d) : '–');
const loads: number[] = [];
console.log(`| model | exact-JS CPU s | exact (kernels) CPU s | fast-JS CPU s | fast (WASM kernels) CPU s | cpp_standalone CPU s | exact-JS / cpp | exact / cpp | fast-JS / cpp | fast / cpp | fast / fast-JS | spikes exact-JS / exact / fast-JS / fast / cpp | exact-JS wall s | exact wall s | fast wall s | cpp wall s | exact / cpp (wall) | fast / cpp (wall) |`);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
// In the order given on the command line (so the most wanted rows come first on a slow machine).
const chosen = only === undefined ? MODELS : only.map((name) => MODELS.find((m) => m.name === name) ?? (() => { throw new Error(`unknown model ${name}; known: ${MODELS.map((m) => m.name).join(' ')}`); })());
for (const model of chosen) {
  const best: Record<'exactjs' | 'exact' | 'fastjs' | 'fast' | 'cpp', Row | undefined> = { exactjs: undefined, exact: undefined, fastjs: undefined, fast: undefined, cpp: undefined };
  // The minimum wall time is kept apart from the minimum CPU time (they may come from different repetitions).
  const bestWall: Record<keyof typeof best, number> = { exactjs: NaN, exact: NaN, fastjs: NaN, fast: NaN, cpp: NaN };
  const keep = (k: keyof typeof best, r: Row): void => {
    if (r.error !== undefined) process.stderr.write(`  ${model.name} ${k}: ${r.error}\n`);
    else {
      if (best[k] === undefined || r.cpu < best[k]!.cpu) best[k] = r;
      if (!(r.wall >= bestWall[k])) bestWall[k] = r.wall;
    }
  };
  for (let rep = 0; rep < repetitions; rep++) {
    loads.push(loadavg()[0]!);
    for (const mode of ['exactjs', 'exact', 'fastjs', 'fast'] as const) if (modes.has(mode)) keep(mode, withFastMath(mode, () => model.measure(false)));
    if (cpp) keep('cpp', model.measure(true));
    process.stderr.write(`  ${model.name}: repetition ${rep + 1} done (load ${loadavg()[0]!.toFixed(1)})\n`);
  }
  const t = (k: keyof typeof best): number => best[k]?.cpu ?? NaN;
  const s = (k: keyof typeof best): string => String(best[k]?.spikes ?? '–');
  console.log(
    `| ${model.label} | ${fmt(t('exactjs'))} | ${fmt(t('exact'))} | ${fmt(t('fastjs'))} | ${fmt(t('fast'))} | ${fmt(t('cpp'))} | ${fmt(t('exactjs') / t('cpp'))} | ${fmt(t('exact') / t('cpp'))} | ${fmt(t('fastjs') / t('cpp'))} | ${fmt(t('fast') / t('cpp'))} | ${fmt(t('fast') / t('fastjs'))} | ${s('exactjs')} / ${s('exact')} / ${s('fastjs')} / ${s('fast')} / ${s('cpp')} | ${fmt(bestWall.exactjs)} | ${fmt(bestWall.exact)} | ${fmt(bestWall.fast)} | ${fmt(bestWall.cpp)} | ${fmt(bestWall.exact / bestWall.cpp)} | ${fmt(bestWall.fast / bestWall.cpp)} |`,
  );
}
console.log(`\nminimum of ${repetitions} repetitions per cell; 1-minute load average during the runs: ${fmt(Math.min(...loads), 2)}–${fmt(Math.max(...loads), 2)}`);
