/**
 * Question (session 8): does exact mode's in-place kernel (a call-free state update + threshold as
 * an f64x2 WebAssembly kernel, bit-identical to the JavaScript loop) pay at every group size from
 * WASM_STORAGE_MIN_ELEMENTS (1024) on, for LIF's update (`v = 1.1 + (v - 1.1)·h`, the exp hoisted)
 * and CUBA's (three variables, the refractory check and gate, the threshold writing
 * not_refractory and lastspike)?
 *
 * Method: one fused `stateupdate_threshold` code object per variant over the same packed storage
 * (the group's arrays in one WebAssembly memory, as a NeuronGroup of ≥ 1024 neurons), compiled in
 * exact mode with `exactKernels` false (the JavaScript loop) and true (the kernel), with the reset
 * of the events after each step as a group does; runs interleaved (JS, kernel, JS, kernel, …), CPU
 * time per element and step, minimum over the repetitions. Both variants' final arrays are
 * compared bit for bit before timing.
 *
 * Run: node --import tsx bench/fast-math/exact-kernel.bench.ts [repetitions=5] [sizes=1024,2048,4096,10000,100000,1000000]
 */
import { loadavg } from 'node:os';
import { parseExpression, parseStatements } from '../../src/parsing/index.ts';
import { Variables, addIndexVariables, packWasmStorage } from '../../src/variables/index.ts';
import { compileCodeBlock } from '../../src/codegen/index.ts';

const REPS = Number(process.argv[2] ?? 5);
const SIZES = (process.argv[3] ?? '1024,2048,4096,10000,100000,1000000').split(',').map(Number);

interface Variant {
  readonly label: string;
  readonly statements: string;
  readonly condition: string;
  readonly refractory: boolean;
  readonly reset: string;
}
const VARIANTS: Variant[] = [
  { label: 'LIF', statements: '_v = 1.1 + (v - 1.1)*exp(-dt/tau)\nv = _v', condition: 'v > 1', refractory: false, reset: 'v' },
  {
    // CUBA's exactly integrated update (the constants' exps hoisted), as lowering gives it.
    label: 'CUBA',
    statements:
      'not_refractory = (t - lastspike) >= 0.005\n' +
      '_v = -0.049 + (v + 0.049)*exp(-dt/0.02) + ge*(exp(-dt/0.005) - exp(-dt/0.02))*(-1.3333333333333333) + gi*(exp(-dt/0.01) - exp(-dt/0.02))*(-2)\n' +
      '_ge = ge*exp(-dt/0.005)\n_gi = gi*exp(-dt/0.01)\nv = _v\nge = _ge\ngi = _gi',
    condition: 'v > -0.05',
    refractory: true,
    reset: 'v',
  },
];

function make(variant: Variant, n: number, kernel: boolean): { step: () => void; state: () => number[][] } {
  const vars = new Variables('g');
  addIndexVariables(vars, n);
  vars.addArray('v', { size: n, values: Array.from({ length: n }, (_, i) => (variant.label === 'LIF' ? (i * 0.6180339887) % 1 : -0.06 + 0.01 * ((i * 0.6180339887) % 1))), conditionalWrite: variant.refractory ? 'not_refractory' : undefined });
  vars.addArray('ge', { size: n, values: Array.from({ length: n }, (_, i) => 0.0005 * (i % 7)) });
  vars.addArray('gi', { size: n, values: Array.from({ length: n }, (_, i) => -0.0003 * (i % 5)) });
  vars.addArray('lastspike', { size: n, values: -1e4 });
  vars.addArray('not_refractory', { dtype: 'bool', size: n, values: 1 });
  vars.addArray('_spikespace', { dtype: 'int32', size: n + 1 });
  vars.addArray('t', { size: 1, scalar: true, values: 0 });
  vars.addArray('dt', { size: 1, scalar: true, values: 1e-4, readOnly: true });
  vars.addConstant('tau', { value: 0.01 });
  if (packWasmStorage(vars, 1) === undefined) throw new Error('no shared WebAssembly memory here');
  const o = compileCodeBlock(
    {
      name: 'g',
      template: 'stateupdate_threshold',
      statements: parseStatements(variant.statements),
      condition: parseExpression(variant.condition),
      variables: vars,
      N: n,
      eventSpace: vars.get('_spikespace') as never,
      refractory: variant.refractory,
    },
    { fastMath: false, exactKernels: kernel },
  );
  if (kernel !== o.source.includes('$wasmInPlace(')) throw new Error(`${variant.label} N = ${n}: kernel ${kernel}?`);
  const arr = (name: string): Float64Array => (vars.get(name) as { array: Float64Array }).array;
  const v = arr('v');
  const t = arr('t');
  const ev = (vars.get('_spikespace') as { array: Int32Array }).array;
  const reset = variant.label === 'LIF' ? 0 : -0.06;
  // The CUBA variant's input: each step the first 1 % of the group gets a kick (as synapses would).
  const ge = arr('ge');
  const kick = Math.max(1, Math.floor(n / 100));
  let s = 0;
  return {
    step: () => {
      o.run();
      for (let k = 0, m = ev[n]!; k < m; k++) v[ev[k]!] = reset;
      if (variant.refractory) for (let k = 0; k < kick; k++) ge[(s * kick + k) % n]! += 0.002;
      t[0] = ++s * 1e-4;
    },
    state: () => ['v', 'ge', 'gi', 'lastspike'].map((name) => Array.from(arr(name))).concat([Array.from((vars.get('not_refractory') as { array: Uint8Array }).array)]),
  };
}

function timeIt(step: () => void, n: number, runs: number): number {
  const c0 = process.cpuUsage();
  for (let k = 0; k < runs; k++) step();
  const c = process.cpuUsage(c0);
  return ((c.user + c.system) * 1e3) / (runs * n);
}

console.log(`exact mode, fused update + threshold, ns per element and step (CPU), min of ${REPS}, interleaved; load ${loadavg()[0]!.toFixed(1)}`);
console.log('| model | N | exact-JS ns | exact kernel ns | kernel / JS |');
console.log('| --- | --- | --- | --- | --- |');
for (const variant of VARIANTS) {
  for (const n of SIZES) {
    const runs = Math.max(100, Math.round(3e7 / n));
    // Bits first: the same 200 steps on both.
    const a = make(variant, n, false);
    const b = make(variant, n, true);
    for (let k = 0; k < 200; k++) {
      a.step();
      b.step();
    }
    const sa = a.state();
    const sb = b.state();
    sa.forEach((x, k) => x.forEach((y, i) => {
      if (!Object.is(y, sb[k]![i])) throw new Error(`${variant.label} N = ${n}: array ${k}[${i}] differs`);
    }));
    // Warm-up, then interleaved timing.
    timeIt(a.step, n, runs / 5);
    timeIt(b.step, n, runs / 5);
    let js = Infinity;
    let kernel = Infinity;
    for (let r = 0; r < REPS; r++) {
      js = Math.min(js, timeIt(a.step, n, runs));
      kernel = Math.min(kernel, timeIt(b.step, n, runs));
    }
    console.log(`| ${variant.label} | ${n} | ${js.toFixed(3)} | ${kernel.toFixed(3)} | ${(kernel / js).toFixed(2)} |`);
  }
}
console.log(`load at the end: ${loadavg()[0]!.toFixed(1)}`);
