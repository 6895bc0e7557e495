/**
 * Question (session 11, s11-hhk): what does one f64x2 operation cost on this machine, in a chain
 * (latency) and over independent chains (throughput)? HH's exact kernel (bench/codegen/hh-kernel.bench.ts)
 * runs ≈ 32 divisions and ≈ 600 other f64x2 operations per pair of neurons; these costs say which
 * of them bound it.
 *
 * Method: one WebAssembly loop per case (emitted with src/codegen/wasm-emit.ts), each iteration
 * 4 rounds of `x_k = x_k op c` over C chains (C = 1: latency; C = 12: throughput; a mix cycles the
 * ops over the chains), minimum over 5 runs of 10^6 iterations, in ns per operation.
 *
 * Run: node --import tsx bench/codegen/f64x2-ops.bench.ts
 */
import { FunctionBody, SIMD, instantiate, moduleBytes } from '../../src/codegen/wasm-emit.ts';

function loop(ops: readonly number[], chains: number): (iterations: number) => void {
  const f = new FunctionBody();
  const xs = Array.from({ length: chains }, () => f.v128());
  const n = f.i32();
  const c = f.v128();
  f.f64x2(1.0000001).set(c);
  xs.forEach((x, k) => f.f64x2(1 + k * 0.01).set(x));
  f.get(0).set(n);
  f.loop(() => {
    f.get(n).op(0x45 /* i32.eqz */).brIf(1);
    for (let r = 0; r < 4; r++) for (const [k, x] of xs.entries()) f.get(x).get(c).simd(ops[(k + r) % ops.length]! as never).set(x);
    f.get(n).i32Const(1).op(0x6b /* i32.sub */).set(n).br(0);
  });
  // The chains' values are stored, so none is dead code.
  for (const x of xs) f.i32Const(0).get(x).mem(SIMD.store, 0);
  return instantiate(moduleBytes(f, 1)).k;
}

const { f64x2Div: div, f64x2Mul: mul, f64x2Add: add, f64x2Lt: lt, and } = SIMD;
const cases: [string, number[], number][] = [
  ['div, one chain (latency)', [div], 1],
  ['mul, one chain (latency)', [mul], 1],
  ['add, one chain (latency)', [add], 1],
  ['div, 12 chains', [div], 12],
  ['mul, 12 chains', [mul], 12],
  ['add, 12 chains', [add], 12],
  ['lt, 12 chains', [lt], 12],
  ['and, 12 chains', [and], 12],
  ['mul + add, 12 chains', [mul, add], 12],
  ['mul + add + and, 12 chains', [mul, add, and], 12],
  ['7 mul/add + 1 div, 12 chains', [mul, add, mul, add, mul, add, mul, div], 12],
];
const ITERATIONS = 1_000_000;
for (const [name, ops, chains] of cases) {
  const k = loop(ops, chains);
  k(1000);
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    const start = process.hrtime.bigint();
    k(ITERATIONS);
    best = Math.min(best, Number(process.hrtime.bigint() - start));
  }
  console.log(`${name}: ${(best / (ITERATIONS * 4 * chains)).toFixed(3)} ns per operation`);
}
