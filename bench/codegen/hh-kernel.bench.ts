/**
 * Question (session 10): how many ns per neuron-step does HH's exact in-place WebAssembly kernel
 * (state update + threshold, 10 exp/exprel calls per neuron) take alone — without the step loop,
 * monitors or threads around it — so that a change to the kernel emitter can be A/B-timed in one
 * process?
 *
 * Method: bench/neurongroup/hh.bench.ts's model (N neurons, exponential Euler, threshold and
 * refractoriness), run for 1 ms so that the kernel is built and called; the kernel function and
 * its arguments of one call are captured (WebAssembly.Instance is wrapped before the build), then
 * the kernel is called alone S times per repetition (the state keeps evolving, t fixed), minimum
 * over R repetitions in ns per neuron-step. Each variant named on the command line is built in
 * the same process in turn (the variants' code reads `globalThis.__hhkMode` while it is built:
 * an experiment hook, absent from the library; without one every variant is the same kernel).
 *
 * Run: node --import tsx bench/codegen/hh-kernel.bench.ts [R=9] [variant…]   (env N, STEPS=500)
 */
import { defaultclock, ms, Network } from 'brian-ts';
import { hhGroup } from '../neurongroup/hh.model.ts';

const N = Number(process.env.N ?? 4000);
const STEPS = Number(process.env.STEPS ?? 500);
const REPS = Number(process.argv[2] ?? 9);
const variants = process.argv.length > 3 ? process.argv.slice(3) : ['default'];

type Kernel = (...args: number[]) => number;
interface Instance {
  readonly exports: Record<string, unknown>;
}
const W = (globalThis as unknown as { WebAssembly: { Instance: new (module: unknown, imports?: unknown) => Instance } }).WebAssembly;
const Original = W.Instance;
let captured: { k: Kernel; args: number[] } | undefined;
// In-place kernels import their memory: capture the first one's function and a whole-group call's arguments.
W.Instance = function (module: unknown, imports?: unknown): Instance {
  const instance = new Original(module, imports);
  const k = instance.exports.k;
  if (imports === undefined || typeof k !== 'function') return instance;
  const record = { k: k as Kernel, args: [] as number[] };
  captured ??= record;
  const wrapped: Kernel = (...args) => {
    if (args[0] === 0 && args[1] === N) record.args = args;
    return (k as Kernel)(...args);
  };
  return { exports: { ...instance.exports, k: wrapped } };
} as unknown as typeof W.Instance;

defaultclock.dt = ms(0.1);
const kernels: { variant: string; k: Kernel; args: number[] }[] = [];
for (const variant of variants) {
  (globalThis as { __hhkMode?: string }).__hhkMode = variant;
  captured = undefined;
  const G = hhGroup(N);
  new Network(G).run(ms(1));
  const c = captured as { k: Kernel; args: number[] } | undefined;
  if (c === undefined || c.args.length === 0) throw new Error(`no in-place kernel was called for '${variant}' (WebAssembly storage needs N ≥ 1024)`);
  kernels.push({ variant, k: c.k, args: c.args });
}
delete (globalThis as { __hhkMode?: string }).__hhkMode;

const best = new Map<string, number>();
for (let r = 0; r < REPS; r++) {
  for (const { variant, k, args } of kernels) {
    const start = process.hrtime.bigint();
    for (let s = 0; s < STEPS; s++) k(...args);
    const ns = Number(process.hrtime.bigint() - start) / (STEPS * N);
    best.set(variant, Math.min(best.get(variant) ?? Infinity, ns));
  }
}
for (const [variant, ns] of best) console.log(`${variant}: ${ns.toFixed(2)} ns per neuron-step (HH ${N}, kernel alone, min of ${REPS} × ${STEPS} calls)`);
