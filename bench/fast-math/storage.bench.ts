/**
 * Question (issue 11, session 7): does keeping a group's state in one shared WebAssembly memory
 * (prefs.wasmStorage, variables/wasm-storage.ts) change the speed of the modes that do not use
 * in-place kernels — exact mode and fast mode with kernels off — and how much do in-place kernels
 * gain in fast mode?
 *
 * Method: bench/neurongroup's LIF child (lif-scaling: update + threshold fused, reset,
 * count-only SpikeMonitor), one fresh process per measurement, loop CPU time, with
 * BRIAN_TS_WASM_STORAGE=0 (one SharedArrayBuffer per array, as before session 7) and =1
 * interleaved per repetition (A B A B …), minimum over the repetitions. Imports the built package
 * (run `npm run build` first).
 *
 * Run: node --import tsx bench/fast-math/storage.bench.ts [repetitions=3] [N=100000] [duration_s=1] [modes=exact,fastjs,fast]
 */
import { loadavg } from 'node:os';
import { measureBrianTs } from '../neurongroup/harness.ts';

const repetitions = Number(process.argv[2] ?? 3);
const N = Number(process.argv[3] ?? 1e5);
const durationS = Number(process.argv[4] ?? 1);
const modes = (process.argv[5] ?? 'exact,fastjs,fast').split(',') as ('exact' | 'fastjs' | 'fast')[];
const bench = new URL('../neurongroup/lif-scaling.bench.ts', import.meta.url).href;

function measure(mode: 'exact' | 'fastjs' | 'fast', storage: boolean): { cpu: number; spikes: number | undefined } {
  const env = { BRIAN_TS_FAST_MATH: mode === 'exact' ? '0' : '1', BRIAN_TS_FAST_MATH_KERNELS: mode === 'fast' ? '1' : '0', BRIAN_TS_WASM_STORAGE: storage ? '1' : '0' };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    const r = measureBrianTs(bench, 'lif_scaling', N, durationS);
    if (r.error !== undefined) throw new Error(r.error);
    return { cpu: r.run_cpu_s, spikes: r.spikes };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

console.log(`LIF N = ${N}, ${durationS} s; loop CPU s, min of ${repetitions} (interleaved); load ${loadavg()[0]!.toFixed(1)}`);
console.log('| mode | separate SharedArrayBuffers | one WebAssembly memory | ratio | spikes |');
console.log('| --- | --- | --- | --- | --- |');
for (const mode of modes) {
  let a = Infinity;
  let b = Infinity;
  const all: string[] = [];
  const spikes = new Set<number | undefined>();
  for (let r = 0; r < repetitions; r++) {
    const x = measure(mode, false);
    const y = measure(mode, true);
    a = Math.min(a, x.cpu);
    b = Math.min(b, y.cpu);
    all.push(`${x.cpu.toFixed(3)}/${y.cpu.toFixed(3)}`);
    spikes.add(x.spikes).add(y.spikes);
  }
  console.log(`| ${mode} | ${a.toFixed(3)} | ${b.toFixed(3)} | ${(b / a).toFixed(3)} | ${[...spikes].join(' / ')} |`);
  process.stderr.write(`  ${mode}, each repetition (separate / WebAssembly memory): ${all.join(' ')}\n`);
}
console.log(`load at the end: ${loadavg()[0]!.toFixed(1)}`);
