/**
 * Question (issue 11): per call inside a generated-style loop `y[i] = a[i]*f(x[i]) + b[i]` over
 * 4000 elements, is each fast-math function (src/codegen/fast-math.ts) faster than V8's `Math.*`
 * (or the exact `exprel`)? Fast mode replaces only those that are (FAST_REPLACED).
 * Method: one loop per function, each compiled from its own source (so V8's call feedback is not
 * shared between them), 200 warm-up sweeps, then the minimum over 30 batches of 200 sweeps of
 * process CPU time per element (CPU time, not wall time: the machine is shared).
 * Run: node --import tsx bench/codegen/fast-math.bench.ts
 */
import { loadavg } from 'node:os';
import { exprel, fastMathFunctions } from '../../src/codegen/index.ts';

const F = fastMathFunctions();
const N = 4000;
const x = new Float64Array(N);
const a = new Float64Array(N);
const b = new Float64Array(N);
const y = new Float64Array(N);
for (let i = 0; i < N; i++) {
  x[i] = -5 + (10 * i) / N + 1e-3 * Math.sin(i);
  a[i] = 0.5 + 0.001 * i;
  b[i] = 1 - 0.0001 * i;
}
let serial = 0;
function loop(f: (v: number) => number): () => void {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- fixed benchmark text, no input
  return new Function('f', 'x', 'a', 'b', 'y', `// loop ${serial++}\nreturn function () { for (let i = 0; i < ${N}; i++) y[i] = a[i] * f(x[i]) + b[i]; };`)(f, x, a, b, y) as () => void;
}
const shifted = (f: (v: number) => number) => (v: number): number => f(v + 6); // log of positive arguments
const pairs: [string, (v: number) => number, (v: number) => number][] = [
  ['exp', Math.exp, F.get('exp')!],
  ['expm1', Math.expm1, F.get('expm1')!],
  ['exprel', exprel, F.get('exprel')!],
  ['log', shifted(Math.log), shifted(F.get('log')!)],
  ['sin', Math.sin, F.get('sin')!],
  ['cos', Math.cos, F.get('cos')!],
];
function time(run: () => void): number {
  for (let i = 0; i < 200; i++) run();
  let best = Infinity;
  for (let k = 0; k < 30; k++) {
    const t0 = process.cpuUsage();
    for (let i = 0; i < 200; i++) run();
    const u = process.cpuUsage(t0);
    best = Math.min(best, ((u.user + u.system) * 1e3) / (200 * N));
  }
  return best;
}
console.log(`load average ${loadavg()[0]!.toFixed(1)}`);
console.log('| function | V8 / exact ns per element | fast ns per element | fast / exact |');
console.log('| --- | --- | --- | --- |');
for (const [name, exact, fast] of pairs) {
  const te = time(loop(exact));
  const tf = time(loop(fast));
  console.log(`| ${name} | ${te.toFixed(2)} | ${tf.toFixed(2)} | ${(tf / te).toFixed(2)} |`);
}
