/**
 * Shared machinery of the neurongroup benchmarks: each measurement runs in a fresh process (as
 * Brian2's do), brian-ts by re-running the benchmark file with `--child`, Brian2 through the
 * scripts in ./brian2/ under Debian's /usr/bin/python3. Both sides report one JSON line with the
 * same fields; the parent prints a markdown table and the ratios to Brian2 cpp_standalone.
 *
 * Timed quantities (as ../shared/bench-ref/_common.py defines them):
 *   run_cpu_s    the simulation loop only, CPU time of the process: from the first simulated step
 *                (brian-ts: a probe object in slot 'before_start' at order -1e9 notes the time;
 *                Brian2 numpy/cython: the end of Network.before_run; cpp_standalone: std::clock()
 *                around Network::run) to the end of run()
 *   run_wall_s   the same interval, wall clock
 *   first_step_s wall time from the parent's spawn of the process to the first simulated step
 *                (brian-ts: module loading through tsx, model construction, code generation and
 *                compilation; Brian2: interpreter start, import brian2, construction, code
 *                generation, and for cpp_standalone the C++ build and the binary's start)
 * ns per neuron-step = run_cpu_s / (N × steps).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BrianObject, Group, Network } from 'brian-ts';
import type { Quantity } from 'brian-ts';
import { lastThreadProfile, lastThreadRun, lastThreadStepProfile } from '../../src/devices/index.ts';
import { loopEpochs, startGate } from '../threads/gate.ts';
import { schedProbe } from '../threads/sched.ts';

export const BRIAN2_TARGETS = ['numpy', 'cython', 'cpp_standalone'] as const;
export type Target = 'brian-ts' | (typeof BRIAN2_TARGETS)[number];

/** One measurement, as printed by either side. */
export interface Measurement {
  target: Target;
  model: string;
  N: number;
  duration_s: number;
  steps: number;
  spikes: number;
  run_cpu_s: number;
  run_wall_s: number;
  first_step_s: number;
  ns_per_neuron_step: number;
  /** Peak resident memory of the child process (MB). */
  maxrss_mb?: number;
  /** Bytes of the groups' own state arrays (typed arrays, each buffer once). */
  state_bytes?: number;
  /** The loop's start and end, ms since the epoch (see loopEpochs). */
  loop_start_epoch_ms?: number;
  loop_end_epoch_ms?: number;
  error?: string;
}

/** Bytes held by the array variables of the groups among `objects` (each buffer counted once). */
export function stateBytes(objects: readonly unknown[]): number {
  const seen = new Set<ArrayBufferLike>();
  let bytes = 0;
  for (const o of objects) {
    if (!(o instanceof Group)) continue;
    for (const [, v] of o.variables) {
      if (v.kind !== 'array' || seen.has(v.array.buffer)) continue;
      seen.add(v.array.buffer);
      bytes += v.array.buffer.byteLength;
    }
  }
  return bytes;
}

/** Notes the wall and CPU time of the first step it is run in; scheduled before everything else. */
class FirstStepProbe extends BrianObject {
  wall: number | undefined;
  epochMs: number | undefined;
  cpu: number | undefined;
  constructor() {
    super({ when: 'before_start', order: -1e9, name: 'bench_first_step_probe' });
  }
  override run(): void {
    if (this.wall !== undefined) return;
    startGate();
    this.epochMs = Date.now();
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
 * `BENCH_STEP_TIMES=1`: the wall-clock time of every step (from one step's start to the next),
 * for percentiles that the host's preemptions and a thread's rare sleep do not move (the mean
 * of `run_wall_s` does). Touches no simulation state.
 */
export class StepTimes extends BrianObject {
  readonly at: Float64Array;
  n = 0;
  constructor(steps: number) {
    super({ when: 'before_start', order: -1e9 + 1, name: 'bench_step_times' });
    this.at = new Float64Array(steps + 1);
  }
  override run(): void {
    if (this.n < this.at.length) this.at[this.n++] = performance.now();
  }
  override threadWork(): { code: []; reads: []; writes: [] } {
    return { code: [], reads: [], writes: [] };
  }
  /** µs per step: percentiles over the steps (the last step ends at `end`). */
  summary(end: number): Record<string, number> {
    if (this.n < this.at.length) this.at[this.n++] = end;
    const d = Float64Array.from({ length: this.n - 1 }, (_, k) => 1e3 * (this.at[k + 1]! - this.at[k]!)).sort();
    const q = (f: number): number => +d[Math.min(d.length - 1, Math.floor(f * d.length))]!.toFixed(2);
    return { p10: q(0.1), p25: q(0.25), p50: q(0.5), p75: q(0.75), p90: q(0.9), p99: q(0.99), mean: +((1e3 * (end - this.at[0]!)) / d.length).toFixed(2) };
  }
}

/**
 * Child side: `build()` makes the model's objects (they are then run in a Network with a probe)
 * and returns a function giving the spike count; prints one Measurement line.
 */
export function runChild(model: string, N: number, durationS: number, dtS: number, build: () => { objects: unknown[]; spikes: () => number }, duration: Quantity): void {
  const spawnEpochMs = Number(process.env.BENCH_SPAWN_EPOCH_MS ?? Date.now() - performance.now());
  const { objects, spikes } = build();
  const probe = new FirstStepProbe();
  const sched = schedProbe(Math.round(durationS / dtS));
  const stepTimes = process.env['BENCH_STEP_TIMES'] === '1' ? new StepTimes(Math.round(durationS / dtS)) : undefined;
  const net = new Network(...(objects as ConstructorParameters<typeof Network>), probe, ...(sched === undefined ? [] : [sched]), ...(stepTimes === undefined ? [] : [stepTimes]));
  // BENCH_WARM_S (an experiment, s12-tail): run that long first, unmeasured — an upper bound on what a warmed-up JIT gives.
  const warmS = Number(process.env['BENCH_WARM_S'] ?? 0);
  if (warmS > 0) {
    net.run(duration.times(warmS / durationS) as Quantity, profileOptions());
    probe.wall = undefined;
    if (sched !== undefined) {
      sched.first = undefined;
      sched.n = 0;
    }
    if (stepTimes !== undefined) stepTimes.n = 0;
  }
  net.run(duration, profileOptions());
  const wallEnd = performance.now();
  const c = process.cpuUsage();
  const cpuEnd = (c.user + c.system) / 1e6;
  const steps = Math.round(durationS / dtS);
  const runCpu = cpuEnd - probe.cpu!;
  const out: Measurement = {
    target: 'brian-ts',
    model,
    N,
    duration_s: durationS,
    steps,
    spikes: spikes(),
    run_cpu_s: runCpu,
    run_wall_s: (wallEnd - probe.wall!) / 1e3,
    first_step_s: (probe.epochMs! - spawnEpochMs) / 1e3,
    ns_per_neuron_step: (1e9 * runCpu) / (N * steps),
    maxrss_mb: process.resourceUsage().maxRSS / 1024,
    state_bytes: stateBytes(objects),
    ...profileFields(net, steps),
    ...sched?.report(wallEnd),
    ...(stepTimes === undefined ? {} : { step_wall_us: stepTimes.summary(wallEnd) }),
    ...loopEpochs(probe.wall!, wallEnd),
  };
  console.log(JSON.stringify(out));
}

/** The threaded run's step-time profile (see ThreadStepProfile), rounded, if any. */
function stepFields(): Record<string, unknown> {
  const s = lastThreadStepProfile();
  if (s === undefined) return {};
  const r = (x: number): number => +x.toFixed(2);
  return { step_us: { mean: r(s.meanUs), p50: r(s.p50Us), p90: r(s.p90Us), p99: r(s.p99Us), max: r(s.maxUs), slow_pct: r(100 * s.slowShare), slow_excess: r(s.slowExcessUs), slow_slept_pct: r(100 * s.slowSleptShare), slow_missed_pct: r(100 * s.slowMissedShare), slow_main_pct: r(100 * s.slowMainShare) } };
}

/** With BRIAN_TS_THREAD_PROFILE=1, runs record per-object wall time (and the threads their split executions). */
export function profileOptions(): { profile?: boolean } {
  return process.env['BRIAN_TS_THREAD_PROFILE'] === '1' ? { profile: true } : {};
}

/**
 * With BRIAN_TS_THREAD_PROFILE=1: µs per step spent in each object (main thread's wall clock) and,
 * for a threaded run, per split code object the main thread's own range, its wait for the
 * workers, and each worker's start latency, busy time and tail (see lastThreadProfile).
 */
export function profileFields(net: Network, steps: number): Record<string, unknown> {
  // The threads the run used (under 'auto': where it paid).
  const info = lastThreadRun();
  // Barriers per step: how often all threads synchronised (split code objects share one where they can).
  // Merges per step: how often the main thread merged a split threshold's events into one list (only when read as a whole).
  const threads = {
    threads_used: info.threads,
    // Under 'auto' after measuring on one thread first: the step the workers took over at.
    ...(info.startedAtStep !== undefined ? { threads_from_step: info.startedAtStep, measured_work_us: +((info.measuredWorkNs ?? 0) / 1000).toFixed(1) } : {}),
    ...(info.barriers !== undefined && info.steps ? { barriers_per_step: +(info.barriers / info.steps).toFixed(3) } : {}),
    ...(info.merges !== undefined && info.steps ? { merges_per_step: +(info.merges / info.steps).toFixed(3) } : {}),
  };
  if (process.env['BRIAN_TS_THREAD_PROFILE'] !== '1') return threads;
  const perStep = (q: Quantity): number => +((1e6 * q.value) / steps).toFixed(2);
  const round = (x: number): number => +x.toFixed(2);
  return {
    ...threads,
    object_us_per_step: Object.fromEntries(net.profilingInfo.map(([name, t]) => [name, perStep(t)])),
    split_us_per_execution: (lastThreadProfile() ?? []).map((r) => ({
      name: r.name,
      executions: r.executions,
      main: round(r.mainBusyUs),
      wait: round(r.mainWaitUs),
      missed_pct: round(100 * r.missedShare),
      workers: r.workers.map((w) => ({ latency: round(w.startLatencyUs), busy: round(w.busyUs), tail: round(w.tailUs), slept_pct: round(100 * w.sleptShare), polling_latency: round(w.pollingLatencyUs) })),
    })),
    ...stepFields(),
  };
}

/** The last JSON line a benchmark child printed (its result), if any. */
export function parseLast(stdout: string): Record<string, unknown> | undefined {
  const line = stdout.trim().split('\n').filter((l) => l.startsWith('{')).at(-1);
  return line === undefined ? undefined : (JSON.parse(line) as Record<string, unknown>);
}

/** Parent side: runs the brian-ts child for one size. */
export function measureBrianTs(benchFile: string, model: string, N: number, durationS: number): Measurement {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(benchFile), '--child', String(N), String(durationS)], {
    encoding: 'utf8',
    env: { ...process.env, BENCH_SPAWN_EPOCH_MS: String(Date.now()) },
    maxBuffer: 1 << 24,
  });
  const parsed = parseLast(r.stdout);
  if (r.status !== 0 || parsed === undefined) {
    return failed('brian-ts', model, N, durationS, (r.stderr || r.stdout).trim().split('\n').slice(0, 6).join(' | '));
  }
  return parsed as unknown as Measurement;
}

let brian2Available: boolean | undefined;
/** Whether Debian's python3 with Brian2 2.5.1 is installed. */
export function hasBrian2(): boolean {
  if (brian2Available === undefined) {
    const r = spawnSync('/usr/bin/python3', ['-c', 'import brian2; assert brian2.__version__.startswith("2.5")'], { encoding: 'utf8' });
    brian2Available = r.status === 0;
  }
  return brian2Available;
}

/** Parent side: runs a Brian2 script (./brian2/<script>) for one target and size. */
export function measureBrian2(script: string, target: (typeof BRIAN2_TARGETS)[number], model: string, N: number, durationS: number): Measurement {
  const path = fileURLToPath(new URL(`./brian2/${script}`, import.meta.url));
  const r = spawnSync('/usr/bin/python3', [path, target, String(N), String(durationS)], {
    encoding: 'utf8',
    env: { ...process.env, PYTHONWARNINGS: 'ignore', BENCH_SPAWN_EPOCH_MS: String(Date.now()) },
    maxBuffer: 1 << 24,
  });
  const parsed = parseLast(r.stdout);
  if (r.status !== 0 || parsed === undefined) {
    return failed(target, model, N, durationS, r.stderr.trim().split('\n').slice(-3).join(' | '));
  }
  return parsed as unknown as Measurement;
}

function failed(target: Target, model: string, N: number, durationS: number, error: string): Measurement {
  return { target, model, N, duration_s: durationS, steps: 0, spikes: 0, run_cpu_s: NaN, run_wall_s: NaN, first_step_s: NaN, ns_per_neuron_step: NaN, error };
}

/** Command-line options of a benchmark: sizes, duration and which Brian2 targets to run. */
export function parseArgs(defaultSizes: number[], defaultDuration: number): { sizes: number[]; durationS: number; targets: (typeof BRIAN2_TARGETS)[number][] } {
  const args = process.argv.slice(2);
  const sizes = args[0] !== undefined ? args[0].split(',').map(Number) : defaultSizes;
  const durationS = args[1] !== undefined ? Number(args[1]) : defaultDuration;
  const env = process.env.BRIAN2_TARGETS;
  const targets = env === undefined ? [...BRIAN2_TARGETS] : (env.split(',').filter((t) => t !== '') as (typeof BRIAN2_TARGETS)[number][]);
  return { sizes, durationS, targets };
}

const fmt = (x: number, digits = 3): string => (Number.isFinite(x) ? x.toPrecision(digits) : '–');

/** Prints the markdown table of all measurements, with ratios to cpp_standalone of the same size. */
export function printTable(title: string, rows: Measurement[]): void {
  console.log(`\n${title}`);
  console.log('| N | target | loop CPU s | loop wall s | ns / neuron-step | ratio to cpp_standalone (CPU) | spikes | process start → first step s |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const cpp = rows.find((x) => x.N === r.N && x.target === 'cpp_standalone' && x.error === undefined);
    const ratio = cpp === undefined ? NaN : r.run_cpu_s / cpp.run_cpu_s;
    const note = r.error === undefined ? '' : ` (failed: ${r.error.slice(0, 160)})`;
    console.log(
      `| ${r.N} | ${r.target}${note} | ${fmt(r.run_cpu_s)} | ${fmt(r.run_wall_s)} | ${fmt(r.ns_per_neuron_step)} | ${fmt(ratio)} | ${r.spikes} | ${fmt(r.first_step_s)} |`,
    );
  }
}

/** Runs the whole matrix, interleaving targets per size so that drifting load hits all alike. */
export function runMatrix(options: {
  benchFile: string;
  model: string;
  script: string;
  title: string;
  sizes: number[];
  durationS: number;
  targets: (typeof BRIAN2_TARGETS)[number][];
}): void {
  const rows: Measurement[] = [];
  const brian2 = options.targets.length > 0 && hasBrian2();
  if (options.targets.length > 0 && !brian2) console.log('Brian2 2.5 is not installed (/usr/bin/python3): brian-ts only.');
  for (const N of options.sizes) {
    rows.push(measureBrianTs(options.benchFile, options.model, N, options.durationS));
    if (brian2) for (const target of options.targets) rows.push(measureBrian2(options.script, target, options.model, N, options.durationS));
    process.stderr.write(`  done N = ${N}\n`);
  }
  printTable(options.title, rows);
  console.log(`\nraw: ${JSON.stringify(rows)}`);
}
