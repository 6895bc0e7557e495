/**
 * Question (issue 11, session 6): from how many exp/expm1/exprel calls per element does a
 * WebAssembly f64x2 kernel (copy in, kernel, copy out) beat fast mode's JavaScript loop? This
 * fixes the kernel rule (KERNEL_MIN_CALLS in src/codegen/wasm-kernel.ts).
 *
 * Method: one state-update code object over N = 4000 elements with two state variables and
 * `calls` exp calls per element (0–4, and an arithmetic-heavy variant with none), compiled in fast
 * mode with kernels off and on (the rule's minimum set to 0 so every variant gets a kernel), each
 * run 3000 times after 300 warm-up runs, interleaved, CPU time (process.cpuUsage) per element,
 * minimum over 5 repetitions. Also the copy cost alone: the same kernel with its arrays copied
 * but its loop empty is not separable, so the copy is timed as the runner's `Float64Array.set`
 * of the same arrays.
 *
 * Run: node --import tsx bench/fast-math/kernel-breakeven.bench.ts [repetitions=5]
 */
import { loadavg } from 'node:os';
import { parseStatements } from '../../src/parsing/index.ts';
import { Variables, addIndexVariables } from '../../src/variables/index.ts';
import { compileCodeBlock } from '../../src/codegen/index.ts';

const N = 4000;
const REPS = Number(process.argv[2] ?? 5);
const RUNS = 3000;

function table(): Variables {
  const vars = new Variables('g');
  addIndexVariables(vars, N);
  vars.addArray('v', { size: N, values: Array.from({ length: N }, (_, i) => -0.07 + (0.03 * i) / N) });
  vars.addArray('w', { size: N, values: Array.from({ length: N }, (_, i) => (i % 17) / 17) });
  vars.addArray('I', { size: N, values: Array.from({ length: N }, (_, i) => (2e-9 * i) / N) });
  vars.addArray('y', { size: N, values: 0 });
  vars.addArray('z', { size: N, values: 0 });
  vars.addArray('dt', { size: 1, scalar: true, values: 1e-4, readOnly: true });
  vars.addConstant('tau', { value: 0.01 });
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

function timeIt(run: () => void): number {
  for (let k = 0; k < 300; k++) run();
  const c0 = process.cpuUsage();
  for (let k = 0; k < RUNS; k++) run();
  const c = process.cpuUsage(c0);
  return ((c.user + c.system) * 1e3) / (RUNS * N);
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
console.log('| variant | fast-JS ns | fast WASM kernel ns | kernel / JS |');
console.log('| --- | --- | --- | --- |');
for (const [label, text] of variants) {
  let js = Infinity;
  let wasm = Infinity;
  const make = (kernels: boolean): (() => void) => {
    const o = compileCodeBlock({ name: 'g', template: 'stateupdate', statements: parseStatements(text), variables: table(), N }, { fastMath: true, kernels, kernelMinCalls: 0 });
    if (kernels !== o.source.includes('$K.run(')) throw new Error(`${label}: kernel ${kernels ? 'missing' : 'unexpected'}`);
    return () => o.run();
  };
  const a = make(false);
  const b = make(true);
  for (let r = 0; r < REPS; r++) {
    js = Math.min(js, timeIt(a));
    wasm = Math.min(wasm, timeIt(b));
  }
  console.log(`| ${label} | ${js.toFixed(2)} | ${wasm.toFixed(2)} | ${(wasm / js).toFixed(2)} |`);
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
