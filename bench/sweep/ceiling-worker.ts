/**
 * The worker of ceiling.bench.ts: runs one kernel for a number of units on request and reports
 * its wall time. Kernels: `chain` (a latency-bound floating-point dependency chain), `alu`
 * (throughput-bound integer work: Threefry2x32-20 uniforms, the generator of every brian-ts draw),
 * `stream` (summing a 64 MiB array: memory bandwidth), `gather` (`v[post[k]] += w` over 100k
 * random targets in 8 KiB, the shape of synaptic propagation), and `point` (one point of the sweep
 * bench's model, brunel-hakim.model.ts, in this thread).
 */
import { parentPort } from 'node:worker_threads';
import { mV, seed, startScope } from 'brian-ts';
import { model } from './brunel-hakim.model.ts';

let sink = 0;
const big = new Float64Array(8 * 1024 * 1024).fill(1.5);
const post = Int32Array.from({ length: 100_000 }, (_, k) => (k * 7919) % 1000);
const target = new Float64Array(1000);

function chain(): void {
  let x = 0.5;
  for (let i = 0; i < 20_000_000; i++) x = x * 0.9999999 + 1e-9;
  sink += x;
}

function alu(): void {
  // Threefry2x32-20 as codegen/random.ts unrolls it, 500k blocks.
  let acc = 0;
  const k0 = 12345, k1 = 67890, kc = (0x1bd11bda ^ k0 ^ k1) | 0;
  for (let c = 0; c < 500_000; c++) {
    let x0 = (c + k0) | 0;
    let x1 = (7 + k1) | 0;
    for (let r = 0; r < 5; r++) {
      x0 = (x0 + x1) | 0; x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
      x0 = (x0 + x1) | 0; x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
      x0 = (x0 + x1) | 0; x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
      x0 = (x0 + x1) | 0; x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
      x0 = (x0 + (r % 3 === 0 ? k1 : r % 3 === 1 ? kc : k0)) | 0; x1 = (x1 + kc + r + 1) | 0;
    }
    acc += ((x0 >>> 5) * 67108864 + (x1 >>> 6)) * 1.1102230246251565e-16;
  }
  sink += acc;
}

function stream(): void {
  let s = 0;
  for (let pass = 0; pass < 4; pass++) for (let i = 0; i < big.length; i++) s += big[i]!;
  sink += s;
}

function gather(): void {
  for (let pass = 0; pass < 100; pass++) for (let k = 0; k < post.length; k++) target[post[k]!]! += 1e-3;
  sink += target[0]!;
}

let index = 0;
function point(): void {
  startScope();
  seed(index);
  const r = model({ muext: mV(20 + (index % 8) * (10 / 7)), sigmaext: mV(0.5 + (Math.floor(index / 8) % 8) * 0.5) } as never);
  index++;
  sink += r.spikes;
}

const KERNELS: Record<string, () => void> = { chain, alu, stream, gather, point };

parentPort!.on('message', (m: { kernel: string; units: number }) => {
  const f = KERNELS[m.kernel]!;
  const t0 = performance.now();
  for (let u = 0; u < m.units; u++) f();
  parentPort!.postMessage({ ms: performance.now() - t0, sink });
});
