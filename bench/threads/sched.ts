/**
 * `BENCH_SCHED=1` (bench children of neurongroup/ and synapses/harness.ts): who had the CPUs during
 * the run. Linux only. Snapshots at the first step and at the run's end:
 *  - every thread of this process (/proc/self/task/*: schedstat = ns on a CPU, ns runnable but
 *    waiting for one — the guest kernel's descheduling — and time slices; context switches),
 *  - every other process of the machine (CPU ticks: another process's CPU is a CPU our threads
 *    did not have), and the CPUs' idle and steal ticks (/proc/stat).
 * A slow step of a thread that used its CPU the whole time and never waited on a run queue was
 * not taken by anything inside this VM: it is the host (the hypervisor ran something else on the
 * vCPU, which the guest sees as no time passing on it but wall time going on) or the thread's own
 * work. Session 12 (s12-tail).
 */
import { readdirSync, readFileSync, writeSync } from 'node:fs';
import { BrianObject } from 'brian-ts';
import { startGate } from './gate.ts';

interface Task {
  readonly name: string;
  readonly runNs: number;
  readonly waitNs: number;
  readonly slices: number;
  readonly vol: number;
  readonly nonvol: number;
}

export interface SchedSnapshot {
  readonly wallMs: number;
  /** CLOCK_MONOTONIC seconds (as `perf record -k CLOCK_MONOTONIC` stamps its samples). */
  readonly monoS: number;
  readonly tasks: Map<number, Task>;
  readonly procs: Map<number, { name: string; ticks: number }>;
  readonly cpu: number[][];
}

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function statTicks(stat: string): { name: string; ticks: number } {
  const close = stat.lastIndexOf(')');
  const name = stat.slice(stat.indexOf('(') + 1, close);
  const f = stat.slice(close + 2).split(' ');
  // Fields after the name: state is f[0]; utime = f[11], stime = f[12] (proc(5) fields 14, 15).
  return { name, ticks: Number(f[11]) + Number(f[12]) };
}

export function schedSnapshot(): SchedSnapshot {
  const wallMs = performance.now();
  const monoS = Number(process.hrtime.bigint()) / 1e9;
  const tasks = new Map<number, Task>();
  for (const t of readdirSync('/proc/self/task')) {
    const [runNs, waitNs, slices] = read(`/proc/self/task/${t}/schedstat`).trim().split(' ').map(Number);
    const status = read(`/proc/self/task/${t}/status`);
    const num = (key: string): number => Number(new RegExp(`^${key}:\\s*(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    tasks.set(Number(t), { name: statTicks(read(`/proc/self/task/${t}/stat`)).name, runNs: runNs!, waitNs: waitNs!, slices: slices!, vol: num('voluntary_ctxt_switches'), nonvol: num('nonvoluntary_ctxt_switches') });
  }
  const procs = new Map<number, { name: string; ticks: number }>();
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p) || Number(p) === process.pid) continue;
    const s = read(`/proc/${p}/stat`);
    if (s !== '') procs.set(Number(p), statTicks(s));
  }
  const cpu = read('/proc/stat').split('\n').filter((l) => /^cpu\d/.test(l)).map((l) => l.split(/\s+/).slice(1).map(Number));
  return { wallMs, monoS, tasks, procs, cpu };
}

/** What happened between two snapshots, as JSON-ready numbers (ms). */
export function schedReport(a: SchedSnapshot, b: SchedSnapshot): Record<string, unknown> {
  const r1 = (x: number): number => +x.toFixed(1);
  const threads: Record<string, unknown>[] = [];
  for (const [tid, t] of b.tasks) {
    const s = a.tasks.get(tid);
    const d = (k: 'runNs' | 'waitNs' | 'slices' | 'vol' | 'nonvol'): number => t[k] - (s?.[k] ?? 0);
    const run = d('runNs') / 1e6;
    if (run < 0.05 && d('waitNs') < 5e4) continue;
    threads.push({ tid: tid === process.pid ? 'main' : tid, new: s === undefined, run_ms: r1(run), wait_ms: r1(d('waitNs') / 1e6), slices: d('slices'), vol: d('vol'), nonvol: d('nonvol') });
  }
  const tick = 1000 / 100; // USER_HZ = 100 on Linux
  const others: { pid: number; name: string; ms: number }[] = [];
  let othersMs = 0;
  for (const [pid, p] of b.procs) {
    const ms = (p.ticks - (a.procs.get(pid)?.ticks ?? 0)) * tick;
    if (ms <= 0) continue;
    othersMs += ms;
    others.push({ pid, name: p.name, ms });
  }
  others.sort((x, y) => y.ms - x.ms);
  // /proc/stat: user nice system idle iowait irq softirq steal …
  const cpus = b.cpu.map((c, k) => ({ idle_ms: (c[3]! - a.cpu[k]![3]!) * tick, steal_ms: (c[7]! - a.cpu[k]![7]!) * tick }));
  return { wall_ms: r1(b.wallMs - a.wallMs), mono_s: [a.monoS, b.monoS], now_ms: [a.wallMs, b.wallMs], threads, other_procs_ms: othersMs, other_procs_top: others.slice(0, 5), cpus };
}

/** Per-step wall times from their start times: where in the run the slow steps (> 2× the median) are, by tenth of the run. */
export function slowStepPlaces(at: Float64Array, n: number): Record<string, unknown> {
  const d = Float64Array.from({ length: n - 1 }, (_, k) => at[k + 1]! - at[k]!);
  const median = d.slice().sort()[d.length >> 1]!;
  const tenths = new Array<number>(10).fill(0);
  const excess = new Array<number>(10).fill(0);
  for (let k = 0; k < d.length; k++) {
    if (d[k]! <= 2 * median) continue;
    const b = Math.min(9, Math.floor((10 * k) / d.length));
    tenths[b]!++;
    excess[b]! += d[k]! - median;
  }
  return { median_us: +(1e3 * median).toFixed(1), slow_by_tenth: tenths, excess_ms_by_tenth: excess.map((x) => +x.toFixed(2)) };
}

/**
 * A network object for `BENCH_SCHED=1`: snapshots at the first step, every step's start time
 * (touches no simulation state), and `report()` after the run.
 */
export class SchedProbe extends BrianObject {
  readonly at: Float64Array;
  n = 0;
  first: SchedSnapshot | undefined;
  constructor(steps: number) {
    super({ when: 'before_start', order: -1e9 - 1, name: 'bench_sched_probe' });
    this.at = new Float64Array(steps + 1);
  }
  override run(): void {
    if (this.first === undefined) {
      startGate(); // before the snapshot: time blocked at the gate is not the run's
      // A marker between V8's own traces (--trace-opt, --trace-gc write to stdout): what follows is inside the run.
      if (process.env['BENCH_SCHED_MARK'] === '1') writeSync(1, '=== first step ===\n');
      this.first = schedSnapshot();
    }
    if (this.n < this.at.length) this.at[this.n++] = performance.now();
  }
  override threadWork(): { code: []; reads: []; writes: [] } {
    return { code: [], reads: [], writes: [] };
  }
  report(end: number): Record<string, unknown> {
    const last = schedSnapshot();
    if (process.env['BENCH_SCHED_MARK'] === '1') writeSync(1, '=== run end ===\n');
    if (this.n < this.at.length) this.at[this.n++] = end;
    const steps = process.env['BENCH_SCHED_STEPS'] === '1' ? { step_us: Array.from({ length: this.n - 1 }, (_, k) => Math.round(1e3 * (this.at[k + 1]! - this.at[k]!))), step0_ms: this.at[0] } : {};
    return { sched: { ...schedReport(this.first!, last), ...slowStepPlaces(this.at, this.n), ...steps } };
  }
}

/** The probe when `BENCH_SCHED=1`, else undefined. */
export function schedProbe(steps: number): SchedProbe | undefined {
  return process.env['BENCH_SCHED'] === '1' ? new SchedProbe(steps) : undefined;
}
