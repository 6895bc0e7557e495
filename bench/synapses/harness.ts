/**
 * Shared machinery of the synapses benchmarks: as bench/neurongroup/harness.ts, every measurement
 * is a fresh process (brian-ts re-runs the bench file with `--child`; Brian2 runs ./brian2/<model>.py
 * under Debian's /usr/bin/python3), both print one JSON line, the parent prints a markdown table
 * with ratios to Brian2 cpp_standalone.
 *
 * Fields (seconds unless said): run_cpu_s / run_wall_s the simulation loop only (process CPU time /
 * wall clock; brian-ts from a probe in 'before_start' at order −1e9 to the end of run(), Brian2 as
 * ../neurongroup/brian2/_common.py); connect_s the wall time of building the synapses (connect()
 * calls only); syn_events synaptic events delivered (Σ spikes × out-degree, post-pathway events
 * included for STDP); events_per_s = syn_events / run_cpu_s; bytes_per_synapse the per-synapse
 * storage (see bench/README.md, synapses section, for exactly what is counted on each side).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BrianObject, Network } from 'brian-ts';
import type { Quantity, Synapses } from 'brian-ts';
import { StepTimes, parseLast as parseChildResult, profileFields, profileOptions, stateBytes } from '../neurongroup/harness.ts';
import { loopEpochs, startGate } from '../threads/gate.ts';
import { schedProbe } from '../threads/sched.ts';

export const BRIAN2_TARGETS = ['numpy', 'cython', 'cpp_standalone'] as const;
type Brian2Target = (typeof BRIAN2_TARGETS)[number];

/** One measurement as printed by either side (extra fields are kept). */
export interface Measurement {
  target: string;
  model: string;
  synapses?: number;
  spikes?: number;
  syn_events?: number;
  run_cpu_s?: number;
  run_wall_s?: number;
  connect_s?: number;
  bytes_per_synapse?: number;
  maxrss_mb?: number;
  error?: string;
  [extra: string]: unknown;
}

class FirstStepProbe extends BrianObject {
  wall: number | undefined;
  cpu: number | undefined;
  constructor() {
    super({ when: 'before_start', order: -1e9, name: 'bench_first_step_probe' });
  }
  override run(): void {
    if (this.wall !== undefined) return;
    startGate();
    this.wall = performance.now();
    const c = process.cpuUsage();
    this.cpu = (c.user + c.system) / 1e6;
  }
  /** Touches no simulation state: split code pending from the step before need not complete for it (threads). */
  override threadWork(): { code: []; reads: []; writes: [] } {
    return { code: [], reads: [], writes: [] };
  }
}

/**
 * Bytes of typed-array storage per synapse: every per-synapse array of the Synapses objects (their
 * allocated capacity, so growth slack counts) plus each pathway's spike queue (CSR synapse list,
 * per-synapse delay steps if any, per-neuron offsets); the ring's event buffers (sized by the
 * busiest step, not by the synapses; Brian2's are not counted either) are reported apart.
 */
export function bytesPerSynapse(all: Synapses[]): { bytes: number; perSynapse: number; breakdown: Record<string, number>; eventBuffers: number } {
  let buffers = 0;
  let bytes = 0;
  let n = 0;
  const breakdown: Record<string, number> = {};
  for (const S of all) {
    n += S.N;
    for (const [name, v] of S.variables) {
      if (v.kind !== 'array' || v.size !== 'dynamic' || v.name !== name) continue;
      breakdown[name] = (breakdown[name] ?? 0) + v.array.byteLength;
      bytes += v.array.byteLength;
    }
    for (const p of S.pathways.values()) {
      const q = p.queue.byteLength;
      breakdown[`queue_${p.pathwayName}`] = (breakdown[`queue_${p.pathwayName}`] ?? 0) + q;
      bytes += q;
      buffers += p.queue.bufferByteLength;
    }
  }
  for (const k of Object.keys(breakdown)) breakdown[k] = breakdown[k]! / n;
  return { bytes, perSynapse: bytes / n, breakdown, eventBuffers: buffers / n };
}

/** Child side: builds the model, runs it in a Network with a probe and prints one Measurement line. */
export function runChild(
  model: string,
  build: () => { objects: unknown[]; synapses: Synapses[]; connectS: number; result: () => Record<string, number> },
  duration: Quantity,
): void {
  const { objects, synapses, connectS, result } = build();
  const probe = new FirstStepProbe();
  const steps = process.env['BENCH_STEP_TIMES'] === '1' ? new StepTimes(Math.round(duration.value / 1e-4)) : undefined;
  const sched = schedProbe(Math.round(duration.value / 1e-4));
  const net = new Network(...(objects as ConstructorParameters<typeof Network>), probe, ...(steps === undefined ? [] : [steps]), ...(sched === undefined ? [] : [sched]));
  // BENCH_WARM_S (as neurongroup/harness.ts; s14-cobahh): run that long first, unmeasured — what a later run of the
  // same network in the process costs (a sweep's, a notebook's), and an upper bound on what a warmed-up JIT gives.
  const warmS = Number(process.env['BENCH_WARM_S'] ?? 0);
  if (warmS > 0) {
    net.run(duration.times(warmS / duration.value) as Quantity, profileOptions());
    probe.wall = undefined;
    if (sched !== undefined) {
      sched.first = undefined;
      sched.n = 0;
    }
    if (steps !== undefined) steps.n = 0;
  }
  // BENCH_RUNS=n (s14-cobahh): the measured time as n consecutive runs of duration / n (a sweep's or
  // a notebook's repeated runs: what each new run of a warm process costs).
  const runs = Math.max(1, Math.round(Number(process.env['BENCH_RUNS'] ?? 1)));
  for (let r = 0; r < runs; r++) net.run(duration.times(1 / runs) as Quantity, profileOptions());
  const wallEnd = performance.now();
  const c = process.cpuUsage();
  const runCpu = (c.user + c.system) / 1e6 - probe.cpu!;
  const r = result();
  const mem = bytesPerSynapse(synapses);
  const out: Measurement = {
    target: 'brian-ts',
    model,
    ...r,
    run_cpu_s: runCpu,
    run_wall_s: (wallEnd - probe.wall!) / 1e3,
    connect_s: connectS,
    bytes_per_synapse: mem.perSynapse,
    bytes_breakdown: mem.breakdown,
    queue_event_buffer_bytes_per_synapse: mem.eventBuffers,
    maxrss_mb: process.resourceUsage().maxRSS / 1024,
    state_bytes: stateBytes(objects),
    ...profileFields(net, Math.round(duration.value / 1e-4)),
    ...(steps === undefined ? {} : { step_wall_us: steps.summary(wallEnd) }),
    ...sched?.report(wallEnd),
    ...loopEpochs(probe.wall!, wallEnd),
  };
  console.log(JSON.stringify(out));
}

/** Times `f` (wall clock, seconds). */
export function timed(f: () => void): number {
  const t0 = performance.now();
  f();
  return (performance.now() - t0) / 1e3;
}

const parseLast = (stdout: string): Measurement | undefined => parseChildResult(stdout) as Measurement | undefined;

/** Parent side: the brian-ts child with `args`. */
export function measureBrianTs(benchFile: string, model: string, args: string[]): Measurement {
  const r = spawnSync(process.execPath, ['--import', 'tsx', ...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []), fileURLToPath(benchFile), '--child', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const parsed = parseLast(r.stdout);
  if (r.status !== 0 || parsed === undefined) return { target: 'brian-ts', model, error: (r.stderr || r.stdout).trim().split('\n').slice(0, 6).join(' | ') };
  return parsed;
}

let brian2Available: boolean | undefined;
function hasBrian2(): boolean {
  if (brian2Available === undefined) {
    const r = spawnSync('/usr/bin/python3', ['-c', 'import brian2; assert brian2.__version__.startswith("2.5")'], { encoding: 'utf8' });
    brian2Available = r.status === 0;
  }
  return brian2Available;
}

/** Parent side: ./brian2/<script> for one target. */
export function measureBrian2(script: string, target: Brian2Target, model: string, args: string[]): Measurement {
  const path = fileURLToPath(new URL(`./brian2/${script}`, import.meta.url));
  const r = spawnSync('/usr/bin/python3', [path, target, ...args], {
    encoding: 'utf8',
    env: { ...process.env, PYTHONWARNINGS: 'ignore' },
    maxBuffer: 1 << 24,
  });
  const parsed = parseLast(r.stdout);
  if (r.status !== 0 || parsed === undefined) return { target, model, error: r.stderr.trim().split('\n').slice(-3).join(' | ') };
  return parsed;
}

/** Brian2 targets to run (`BRIAN2_TARGETS=cpp_standalone`, or empty for brian-ts only). */
export function brian2Targets(): Brian2Target[] {
  const env = process.env.BRIAN2_TARGETS;
  return env === undefined ? [...BRIAN2_TARGETS] : (env.split(',').filter((t) => t !== '') as Brian2Target[]);
}

const fmt = (x: unknown, digits = 3): string => (typeof x === 'number' && Number.isFinite(x) ? x.toPrecision(digits) : '–');

/** Prints the markdown table of a model's measurements, ratios to cpp_standalone. */
export function printTable(title: string, rows: Measurement[]): void {
  const cpp = rows.find((x) => x.target === 'cpp_standalone' && x.error === undefined);
  const ratio = (a: unknown, b: unknown): string => (typeof a === 'number' && typeof b === 'number' ? fmt(a / b) : '–');
  console.log(`\n${title}`);
  console.log('| target | loop CPU s | ratio to cpp (CPU) | loop wall s | synapses | spikes | synaptic events | events / s (CPU) | bytes / synapse | ratio to cpp (bytes) | connect s | peak RSS MB |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const note = r.error === undefined ? '' : ` (failed: ${r.error.slice(0, 200)})`;
    const eps = typeof r.syn_events === 'number' && typeof r.run_cpu_s === 'number' ? r.syn_events / r.run_cpu_s : NaN;
    const rss = typeof r.maxrss_mb === 'number' ? r.maxrss_mb : Math.max(Number(r.maxrss_self_mb ?? NaN), Number(r.maxrss_children_mb ?? NaN));
    console.log(
      `| ${r.target}${note} | ${fmt(r.run_cpu_s)} | ${ratio(r.run_cpu_s, cpp?.run_cpu_s)} | ${fmt(r.run_wall_s)} | ${r.synapses ?? '–'} | ${r.spikes ?? '–'} | ${r.syn_events ?? '–'} | ${fmt(eps)} | ${fmt(r.bytes_per_synapse)} | ${ratio(r.bytes_per_synapse, cpp?.bytes_per_synapse)} | ${fmt(r.connect_s)} | ${fmt(rss)} |`,
    );
  }
}

/** Runs brian-ts then each Brian2 target (interleaved per repetition) and prints the table. */
export function runMatrix(options: { benchFile: string; model: string; script: string; title: string; tsArgs: string[]; pyArgs: string[] }): Measurement[] {
  const rows: Measurement[] = [];
  const targets = brian2Targets();
  const brian2 = targets.length > 0 && hasBrian2();
  if (targets.length > 0 && !brian2) console.log('Brian2 2.5 is not installed (/usr/bin/python3): brian-ts only.');
  rows.push(measureBrianTs(options.benchFile, options.model, options.tsArgs));
  process.stderr.write(`  ${options.model}: brian-ts done\n`);
  if (brian2) {
    for (const target of targets) {
      rows.push(measureBrian2(options.script, target, options.model, options.pyArgs));
      process.stderr.write(`  ${options.model}: ${target} done\n`);
    }
  }
  printTable(options.title, rows);
  console.log(`\nraw: ${JSON.stringify(rows)}`);
  return rows;
}
