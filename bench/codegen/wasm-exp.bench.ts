/**
 * Question (issue 11): is a WebAssembly SIMD (f64x2) kernel a better route for fast-math `exp` than
 * the scalar JavaScript table `exp` that fast mode uses? Loop `y[i] = a[i]*exp(x[i]) + b[i]`,
 * 4000 elements, x in [-5, 5]; three versions measured in one process: JS with `Math.exp`, JS
 * with fast mode's `exp` (src/codegen/fast-math.ts), and WebAssembly f64x2 (Cody–Waite reduction by
 * ln2, degree-12 Taylor polynomial, 2^n assembled in the exponent bits; no range handling, so it
 * is an upper bound of what a real kernel could gain). The module is emitted byte by byte below
 * (no assembler). The WebAssembly kernel's arrays live in its own memory: a real state update
 * would also pay copying them in and out (measured here as the "+ copies" row).
 * Method: minimum over 30 batches of 200 sweeps of process CPU time per element.
 * Run: node --import tsx bench/codegen/wasm-exp.bench.ts
 */
import { loadavg } from 'node:os';
import { fastMathFunctions } from '../../src/codegen/index.ts';

const N = 4000;
const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
};
const f64x2 = (v: number): number[] => {
  const d = new Float64Array([v, v]);
  return [0xfd, 0x0c, ...new Uint8Array(d.buffer)];
};
const i64x2 = (v: number): number[] => {
  const d = new BigInt64Array([BigInt(v), BigInt(v)]);
  return [0xfd, 0x0c, ...new Uint8Array(d.buffer)];
};
const simd = (op: number): number[] => [0xfd, ...uleb(op)];
const OFF = { x: 0, a: 8 * N, b: 16 * N, y: 24 * N };
const load = (offset: number): number[] => [0xfd, 0x00, 3, ...uleb(offset)];
const store = (offset: number): number[] => [0xfd, 0x0b, 3, ...uleb(offset)];
const [I, ADDR, X, NN, R, P] = [1, 2, 3, 4, 5, 6]; // locals (0 is the parameter n)
const get = (l: number): number[] => [0x20, l];
const set = (l: number): number[] => [0x21, l];
const MUL = simd(0xf2), ADD = simd(0xf0), SUB = simd(0xf1);
const LN2_HI = 0.6931471803691238; // ln2 with its last 32 bits zero (n·LN2_HI exact for |n| < 2^20)
const LN2_LO = Math.LN2 - LN2_HI;
let factorial = 1;
const coefficients = Array.from({ length: 13 }, (_, k) => (k === 0 ? 1 : 1 / (factorial *= k)));
const horner: number[] = [...f64x2(coefficients[12]!)];
for (let k = 11; k >= 0; k--) horner.push(...get(R), ...MUL, ...f64x2(coefficients[k]!), ...ADD);
const body = [
  0x02, 0x40, 0x03, 0x40, // block, loop
  ...get(I), ...get(0), 0x4f, 0x0d, 1, // i >= n (unsigned): br_if 1
  ...get(I), 0x41, 3, 0x74, ...set(ADDR), // addr = i << 3
  ...get(ADDR), ...load(OFF.x), ...set(X),
  ...get(X), ...f64x2(1 / Math.LN2), ...MUL, ...simd(0x94), ...set(NN), // nn = nearest(x/ln2)
  ...get(X), ...get(NN), ...f64x2(LN2_HI), ...MUL, ...SUB, ...get(NN), ...f64x2(LN2_LO), ...MUL, ...SUB, ...set(R),
  ...horner, ...set(P),
  // 2^nn: (i64(nn) + 1023) << 52, as f64 bits
  ...get(NN), ...simd(0xfc), ...simd(0xc7), ...i64x2(1023), ...simd(0xce), 0x41, 52, ...simd(0xcb), ...get(P), ...MUL, ...set(P),
  ...get(ADDR), ...get(ADDR), ...load(OFF.a), ...get(P), ...MUL, ...get(ADDR), ...load(OFF.b), ...ADD, ...store(OFF.y),
  ...get(I), 0x41, 2, 0x6a, ...set(I), // i += 2
  0x0c, 0, 0x0b, 0x0b, // br loop; end loop; end block
  0x0b, // end function
];
const locals = [2, 2, 0x7f, 4, 0x7b]; // 2 × i32, 4 × v128
const fn = [...locals, ...body];
const section = (id: number, content: number[]): number[] => [id, ...uleb(content.length), ...content];
const name = (s: string): number[] => [...uleb(s.length), ...Buffer.from(s)];
const bytes = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, [1, 0x60, 1, 0x7f, 0]), // type: (i32) -> ()
  ...section(3, [1, 0]), // one function of type 0
  ...section(5, [1, 0, 3]), // memory: min 3 pages
  ...section(7, [2, ...name('run'), 0, 0, ...name('mem'), 2, 0]),
  ...section(10, [1, ...uleb(fn.length), ...fn]),
]);
// The project's lib settings carry no WebAssembly types: the two constructors used, typed here.
const Wasm = (globalThis as unknown as {
  WebAssembly: { Module: new (b: Uint8Array) => object; Instance: new (m: object) => { exports: Record<string, unknown> } };
}).WebAssembly;
const instance = new Wasm.Instance(new Wasm.Module(bytes));
const wasmRun = instance.exports.run as (n: number) => void;
const mem = (instance.exports.mem as { buffer: ArrayBuffer }).buffer;
const view = (k: keyof typeof OFF): Float64Array => new Float64Array(mem, OFF[k], N);

const x = new Float64Array(N), a = new Float64Array(N), b = new Float64Array(N), y = new Float64Array(N);
for (let i = 0; i < N; i++) {
  x[i] = -5 + (10 * i) / N + 1e-3 * Math.sin(i);
  a[i] = 0.5 + 0.001 * i;
  b[i] = 1 - 0.0001 * i;
}
view('x').set(x);
view('a').set(a);
view('b').set(b);
let serial = 0;
const loop = (f: (v: number) => number): (() => void) =>
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- fixed benchmark text, no input
  new Function('f', 'x', 'a', 'b', 'y', `// loop ${serial++}\nreturn function () { for (let i = 0; i < ${N}; i++) y[i] = a[i] * f(x[i]) + b[i]; };`)(f, x, a, b, y) as () => void;
const wx = view('x'), wa = view('a'), wb = view('b'), wy = view('y');
const cases: [string, () => void][] = [
  ['JS, Math.exp', loop(Math.exp)],
  ['JS, fast-math exp (scalar table + polynomial)', loop(fastMathFunctions().get('exp')!)],
  ['WebAssembly f64x2 (arrays in its memory)', () => wasmRun(N)],
  ['WebAssembly f64x2 + copies in (x, a, b) and out (y)', () => {
    wx.set(x); wa.set(a); wb.set(b);
    wasmRun(N);
    y.set(wy);
  }],
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
wasmRun(N);
let worst = 0;
for (let i = 0; i < N; i++) worst = Math.max(worst, Math.abs(wy[i]! - (a[i]! * Math.exp(x[i]!) + b[i]!)) / Math.abs(wy[i]!));
console.log(`load average ${loadavg()[0]!.toFixed(1)}; WebAssembly result vs Math.exp: max relative difference ${worst.toExponential(2)}`);
console.log('| version | ns per element |');
console.log('| --- | --- |');
for (const [label, run] of cases) console.log(`| ${label} | ${time(run).toFixed(2)} |`);
