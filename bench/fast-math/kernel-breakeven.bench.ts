/**
 * Question (issue 11, sessions 6 and 7): from how many exp/expm1/exprel calls per element does a
 * WebAssembly f64x2 kernel beat fast mode's JavaScript loop — the copying kernel (session 6: the
 * arrays copied into the kernel's memory and back) and the in-place kernel (session 7: the
 * state in the group's WebAssembly memory)? This fixes the kernel rule (KERNEL_MIN_CALLS and the
 * in-place rule in src/codegen/wasm-kernel.ts), and, with the second table (an LIF update +
 * threshold by group size), the size from which a group's state goes into WebAssembly memory
 * (WASM_STORAGE_MIN_ELEMENTS in src/variables/wasm-storage.ts).
 *
 * Method: one state-update code object over N = 4000 elements with two state variables and
 * `calls` exp calls per element (0–10, and an arithmetic-heavy variant with none), compiled in fast
 * mode with kernels off, with copying kernels (the rule's minimum set to 0 so every variant gets
 * one) and in place (the same table packed into WebAssembly memory), each run 3000 times after
 * 300 warm-up runs, interleaved, CPU time (process.cpuUsage) per element, minimum over 5
 * repetitions. Also the copy cost alone (the runner's `Float64Array.set` of the same arrays).
 *
 * Run: node --import tsx bench/fast-math/kernel-breakeven.bench.ts [repetitions=5]
 */
import { loadavg } from 'node:os';
import { parseStatements } from '../../src/parsing/index.ts';
import { Variables, addIndexVariables, packWasmStorage } from '../../src/variables/index.ts';
import { compileCodeBlock } from '../../src/codegen/index.ts';
import { parseExpression } from '../../src/parsing/index.ts';

const N = 4000;
const REPS = Number(process.argv[2] ?? 5);
const RUNS = 3000;

function table(pack = false): Variables {
  const vars = new Variables('g');
  addIndexVariables(vars, N);
  vars.addArray('v', { size: N, values: Array.from({ length: N }, (_, i) => -0.07 + (0.03 * i) / N) });
  vars.addArray('w', { size: N, values: Array.from({ length: N }, (_, i) => (i % 17) / 17) });
  vars.addArray('I', { size: N, values: Array.from({ length: N }, (_, i) => (2e-9 * i) / N) });
  vars.addArray('y', { size: N, values: 0 });
  vars.addArray('z', { size: N, values: 0 });
  vars.addArray('dt', { size: 1, scalar: true, values: 1e-4, readOnly: true });
  vars.addConstant('tau', { value: 0.01 });
  if (pack && packWasmStorage(vars, 1) === undefined) throw new Error('no shared WebAssembly memory here');
  return vars;
}

/**
 * `calls` exp calls of different per-element arguments (exponents in [-4, 1]); the inputs are
 * never written, so every execution computes the same values (no drift towards subnormals or
 * infinities that would time something else).
 */
function code(calls: number, heavy = false): string {
  const terms = Array.from({ length: calls }, (_, j) => `0.001*exp((v + ${(0.01 * (j + 1)).toFixed(2)})/${(0.01 * (j + 2)).toFixed(2)})`);
  const arith = heavy ? ' + w*w*w*0.001 - (v*v)/(1 + w*w) * 0.01 + (I*1e9 - w)/(3 + v*v)' : '';
  return `y = w + dt*(-0.065 - v + I*1e7 ${terms.map((t) => `- ${t}`).join(' ')}${arith})/tau\nz = y*0.5 + w`;
}

function timeIt(run: () => void, n = N, runs = RUNS): number {
  for (let k = 0; k < runs / 10; k++) run();
  const c0 = process.cpuUsage();
  for (let k = 0; k < runs; k++) run();
  const c = process.cpuUsage(c0);
  return ((c.user + c.system) * 1e3) / (runs * n);
}

const variants: [string, string][] = [
  ['0 calls', code(0)],
  ['0 calls, heavy arithmetic', code(0, true)],
  ['1 call', code(1)],
  ['2 calls', code(2)],
  ['3 calls', code(3)],
  ['4 calls', code(4)],
  ['6 calls', code(6)],
  ['10 calls', code(10)],
];
console.log(`N = ${N}; ns per element (CPU), min of ${REPS}; load ${loadavg()[0]!.toFixed(1)}`);
console.log('| variant | fast-JS ns | copying kernel ns | in-place kernel ns | copying / JS | in place / JS |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const [label, text] of variants) {
  const best = [Infinity, Infinity, Infinity];
  const make = (kind: 'js' | 'copy' | 'inplace'): (() => void) => {
    const o = compileCodeBlock(
      { name: 'g', template: 'stateupdate', statements: parseStatements(text), variables: table(kind === 'inplace'), N },
      { fastMath: true, kernels: kind !== 'js', kernelMinCalls: 0, inPlace: kind === 'inplace' },
    );
    const marker = kind === 'js' ? undefined : kind === 'copy' ? '$K.run(' : '$wasmInPlace(';
    if (marker !== undefined && !o.source.includes(marker)) throw new Error(`${label}: no ${kind} kernel`);
    if (kind === 'js' && o.source.includes('$wasm')) throw new Error(`${label}: unexpected kernel`);
    return () => o.run();
  };
  const runs = [make('js'), make('copy'), make('inplace')];
  for (let r = 0; r < REPS; r++) runs.forEach((run, k) => (best[k] = Math.min(best[k]!, timeIt(run))));
  const [js, copy, inplace] = best as [number, number, number];
  console.log(`| ${label} | ${js.toFixed(2)} | ${copy.toFixed(2)} | ${inplace.toFixed(2)} | ${(copy / js).toFixed(2)} | ${(inplace / js).toFixed(2)} |`);
}

// LIF's update + threshold (0 calls; the exp hoisted) by group size: fast-JS against in place.
console.log('\nLIF update + threshold (fused, events written), ns per element, by N:');
console.log('| N | fast-JS ns | in-place kernel ns | in place / JS |');
console.log('| --- | --- | --- | --- |');
for (const n of [16, 64, 256, 1024, 4096, 100000]) {
  const lif = (pack: boolean): (() => void) => {
    const vars = new Variables('lif');
    addIndexVariables(vars, n);
    vars.addArray('v', { size: n, values: Array.from({ length: n }, (_, i) => (i * 0.6180339887) % 1) });
    vars.addArray('_spikespace', { dtype: 'int32', size: n + 1 });
    vars.addArray('dt', { size: 1, scalar: true, values: 1e-4, readOnly: true });
    vars.addConstant('tau', { value: 0.01 });
    if (pack) packWasmStorage(vars, 1);
    const o = compileCodeBlock(
      { name: 'lif', template: 'stateupdate_threshold', statements: parseStatements('_v = 1.1 + (v - 1.1)*exp(-dt/tau)\nv = _v'), condition: parseExpression('v > 1'), variables: vars, N: n, eventSpace: vars.get('_spikespace') as never },
      { fastMath: true, kernels: pack },
    );
    if (pack !== o.source.includes('$wasmInPlace(')) throw new Error(`N = ${n}: in place ${pack}?`);
    const v = (vars.get('v') as { array: Float64Array }).array;
    const ev = (vars.get('_spikespace') as { array: Int32Array }).array;
    // With the reset (v = 0 for the events), so every step fires about 0.4 % of the group.
    return () => {
      o.run();
      for (let k = 0, m = ev[n]!; k < m; k++) v[ev[k]!] = 0;
    };
  };
  const runs = Math.max(200, Math.round(2e7 / n));
  const a = lif(false);
  const b = lif(true);
  let js = Infinity;
  let inplace = Infinity;
  for (let r = 0; r < REPS; r++) {
    js = Math.min(js, timeIt(a, n, runs));
    inplace = Math.min(inplace, timeIt(b, n, runs));
  }
  console.log(`| ${n} | ${js.toFixed(3)} | ${inplace.toFixed(3)} | ${(inplace / js).toFixed(2)} |`);
}
// The copies alone: 3 arrays in (v, w, I), 2 out (y, z), as the runner does them.
{
  const mem = new Float64Array(5 * N);
  const arrays = [new Float64Array(N), new Float64Array(N), new Float64Array(N)];
  const views = [mem.subarray(0, N), mem.subarray(N, 2 * N)];
  let best = Infinity;
  for (let r = 0; r < REPS; r++) {
    best = Math.min(
      best,
      timeIt(() => {
        for (let k = 0; k < 3; k++) mem.set(arrays[k]!, k * N);
        arrays[0]!.set(views[0]!);
        arrays[1]!.set(views[1]!);
      }),
    );
  }
  console.log(`\ncopy in (3 arrays) + out (2 arrays): ${best.toFixed(2)} ns per element`);
}
console.log(`load at the end: ${loadavg()[0]!.toFixed(1)}`);
