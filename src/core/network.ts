/**
 * `Network` (Brian2's `brian2/core/network.py`): a set of objects run together in schedule
 * order, with Brian2's step counts, final `t`, several clocks, store/restore and progress reports.
 */
import { Quantity, DimensionMismatchError, second } from '../units/index.ts';
import { BrianError, checkOptions, optionNames, showValue } from '../util/index.ts';
import { BrianObject } from './brian-object.ts';
import type { RunContext } from './brian-object.ts';
import { Clock, EPSILON_DT } from './clock.ts';
import type { ClockState } from './clock.ts';
import { BrianObjectError, NetworkError } from './errors.ts';
import { claimName } from './names.ts';
import { checkThreads, getPref } from './prefs.ts';
import { getRandomState, setRandomState } from './random.ts';
import { environmentReport, environmentReportPeriod, textReport } from './report.ts';
import type { ReportCallback, ReportSpec } from './report.ts';
import { MEASURE_FIRST, MEASURE_WINDOW, ParallelSession, noteSingleThreadRun, setConstantsAsValues, withFastMath } from '../devices/index.ts';
import { SchedulingSummary, allObjects, checkSchedule, sortObjects } from './schedule.ts';

/** What `Network(...)`/`add`/`remove` accept: objects, (nested) iterables of them, or records of them. */
export type NetworkItem = BrianObject | Iterable<NetworkItem> | { readonly [key: string]: BrianObject };

/** Options of `Network.run`. */
export interface RunOptions {
  /** Names for model strings not found in the objects' own namespaces. */
  namespace?: Readonly<Record<string, unknown>>;
  /**
   * Progress reporting: `'text'`/`'stdout'`, `'stderr'` or a callback; `null` for none. When not
   * given, the environment variable `BRIAN_TS_REPORT` decides (see `environmentReport`).
   */
  report?: ReportSpec | null;
  /** Wall-clock time between reports (default 10 s). */
  reportPeriod?: Quantity;
  /** Fast-math code generation for this run (default `prefs.fastMath`; see `PREF_SPECS.fastMath`). */
  fastMath?: boolean;
  /** Record the wall-clock time spent in each object (`net.profilingInfo`, `profilingSummary(net)`). Default false. */
  profile?: boolean;
  /**
   * Threads for this run: a positive integer or `'auto'` (default: `prefs.threads`, itself
   * `BRIAN_TS_THREADS` or `'auto'`). Results are bit-identical for any count.
   */
  threads?: number | 'auto';
}

/** Options of `Network.restore`. */
export interface RestoreOptions {
  /** Also restore the random number generators (default false, as Brian2). */
  restoreRandomState?: boolean;
}

/** Options given as the last argument of `new Network(..., {name})`. */
export interface NetworkOptions {
  /** Name, default `'network*'`. */
  name?: string;
}

/** A state taken by `store`: `t`, each object's and clock's state by name, and the generators' state. */
export interface StoredState {
  readonly t: number;
  readonly objects: ReadonlyMap<string, unknown>;
  readonly clocks: ReadonlyMap<string, ClockState>;
  readonly random: unknown;
}

const RUN_OPTIONS = optionNames<RunOptions>({ namespace: true, report: true, reportPeriod: true, fastMath: true, threads: true, profile: true });
// Code generation reads prefs.codeReuse at each compilation (codegen itself reads no preference).
setConstantsAsValues(() => getPref('codeReuse'));
const RESTORE_OPTIONS = optionNames<RestoreOptions>({ restoreRandomState: true });
const NETWORK_OPTIONS = optionNames<NetworkOptions>({ name: true });

/** @internal Checks the options of `run()` (the magic network checks them before collecting objects). */
export function checkRunOptions(options: RunOptions | undefined, networkName: string): RunOptions {
  return checkOptions(options, RUN_OPTIONS, { what: `run() of Network '${networkName}'`, error: (message) => new NetworkError(message) });
}

/** @internal Checks the options of `restore()`. */
export function checkRestoreOptions(options: RestoreOptions | undefined, networkName: string): RestoreOptions {
  return checkOptions(options, RESTORE_OPTIONS, { what: `restore() of Network '${networkName}'`, error: (message) => new NetworkError(message) });
}

function isNetworkOptions(x: unknown): x is NetworkOptions {
  if (typeof x !== 'object' || x === null || x instanceof BrianObject || Symbol.iterator in x) return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  // A record of objects (`{ G, M }`) has BrianObjects (or containers of them) as values; options have none.
  const values = Object.values(x);
  if (values.length === 0) return false;
  if (values.some((v) => v instanceof BrianObject || (typeof v === 'object' && v !== null))) return false;
  checkOptions(x, NETWORK_OPTIONS, { what: 'Network', error: (message) => new NetworkError(message) });
  return true;
}

function toSeconds(owner: string, what: string, q: unknown): number {
  if (!(q instanceof Quantity)) {
    throw new DimensionMismatchError(`Network '${owner}': ${what} has to be a time Quantity, got ${typeof q}`);
  }
  if (q.dim !== second.dim) throw new DimensionMismatchError(`Network '${owner}': ${what} has to be a time`, q.dim);
  return q.value;
}

/** Flattens `NetworkItem`s into objects. */
function flatten(items: readonly unknown[], verb: string): BrianObject[] {
  const out: BrianObject[] = [];
  const visit = (item: unknown): void => {
    if (item instanceof BrianObject) out.push(item);
    else if (typeof item === 'string') throw new NetworkError(`Can only ${verb} objects of type BrianObject, or containers of such objects to Network`);
    else if (typeof item === 'object' && item !== null && Symbol.iterator in item) {
      for (const o of item as Iterable<unknown>) visit(o);
    } else if (typeof item === 'object' && item !== null && Object.getPrototypeOf(item) === Object.prototype) {
      for (const o of Object.values(item)) visit(o);
    } else {
      throw new NetworkError(`Can only ${verb} objects of type BrianObject, or containers of such objects to Network`);
    }
  };
  for (const item of items) visit(item);
  return out;
}

/**
 * The simulation controller.
 * @example
 * const net = new Network(G, M);
 * net.run(ms(100));
 * net.store(); net.run(ms(10)); net.restore();
 */
export class Network {
  /** Unique name (`network*`). */
  readonly name: string;
  /** The objects added directly (contained objects are added implicitly). */
  protected members = new Set<BrianObject>();
  /** Identifies this network to its objects; the magic network renews it when it starts afresh. */
  protected token: object = {};
  /** Current time in seconds. */
  protected tValue = 0;
  private scheduleValue: string[] | null = null;
  private readonly snapshots = new Map<string, StoredState>();
  private stopped = false;
  /** When the step loop reports next (performance.now() ms; kept across the loop's calls in one run). */
  private nextReportAt = 0;
  private profiling: [string, number][] | undefined = undefined;
  /** Set by the global `stop()`: stops whichever network is running. */
  static globallyStopped = false;

  constructor(...items: (NetworkItem | NetworkOptions)[]) {
    const last = items[items.length - 1];
    const options = isNetworkOptions(last) ? last : undefined;
    this.name = claimName(this, options?.name ?? 'network*');
    this.add(...(options === undefined ? items : items.slice(0, -1)));
  }

  /** The objects added directly, without their contained objects (Brian2's `Network.objects`); a copy. */
  get objects(): BrianObject[] {
    return [...this.members];
  }

  /**
   * Current simulation time. Changes through `run`, `store` and `restore`, or set it (Brian2's
   * `net.t_ = …`): the next run starts there.
   */
  get t(): Quantity {
    return new Quantity(this.tValue, second.dim);
  }
  set t(value: Quantity) {
    if (!(value instanceof Quantity)) throw new NetworkError(`Network '${this.name}': t has to be a time (e.g. second(5)), got ${showValue(value)}.`);
    if (!value.dim.equals(second.dim)) throw new DimensionMismatchError(`Network '${this.name}': t has to be a time`, value.dim, second.dim);
    if (!(value.value >= 0) || !Number.isFinite(value.value)) throw new NetworkError(`Network '${this.name}': t has to be a finite non-negative time, got ${showValue(value)}.`);
    this.tValue = value.value;
  }

  /**
   * Wall-clock time spent in each object during the last run, longest first (Brian2's
   * `Network.profiling_info`). Only after a run with `{ profile: true }`; otherwise a NetworkError.
   */
  get profilingInfo(): [string, Quantity][] {
    if (this.profiling === undefined) throw new NetworkError("No profiling info collected (did you run with 'profile: true'?)");
    return [...this.profiling].sort((a, b) => b[1] - a[1]).map(([n, t]) => [n, new Quantity(t, second.dim)]);
  }

  /** Current simulation time in seconds. */
  get tSeconds(): number {
    return this.tValue;
  }

  /** Adds objects (and, implicitly, their contained objects). An object that has been simulated cannot be added. */
  add(...items: (NetworkItem | NetworkOptions)[]): void {
    for (const obj of flatten(items, 'add')) {
      if (obj.networkToken !== undefined) {
        throw new NetworkError(
          `${obj.name} has already been simulated, cannot add it to the network. If you were trying to remove and add an ` +
            'object to temporarily stop it from being run, set its active flag to False instead.',
        );
      }
      this.members.add(obj);
    }
  }

  /** Removes objects. */
  remove(...items: NetworkItem[]): void {
    for (const obj of flatten(items, 'remove')) {
      if (!this.members.delete(obj)) throw new NetworkError(`Object '${obj.name}' is not in network '${this.name}'.`);
    }
  }

  /** The object (including contained ones) with this name (Brian2's `net['name']`). */
  get(name: string): BrianObject {
    for (const obj of allObjects(this.members)) if (obj.name === name) return obj;
    throw new NetworkError(`No object with name "${name}" found`);
  }

  /**
   * Copies of the state of every object in the network that has state (groups, synapses,
   * monitors), by object name (Brian2's `Network.get_states`). The options are passed on to each
   * object's `getStates` (`units`, `subexpressions`, `readOnlyVariables`).
   */
  getStates(options: { units?: boolean; subexpressions?: boolean; readOnlyVariables?: boolean } = {}): Record<string, Record<string, unknown>> {
    const out: Record<string, Record<string, unknown>> = {};
    for (const obj of this.sortedObjects) {
      const owner = obj as unknown as { getStates?: (vars: undefined, options: object) => Record<string, unknown> };
      if (typeof owner.getStates === 'function') out[obj.name] = owner.getStates(undefined, options);
    }
    return out;
  }

  /** Sets the state of objects by name (Brian2's `Network.set_states`), e.g. with what `getStates` returned. */
  setStates(values: Readonly<Record<string, Readonly<Record<string, unknown>>>>, options: { units?: boolean } = {}): void {
    for (const [name, objValues] of Object.entries(values)) {
      if (!this.has(name)) throw new NetworkError(`Network '${this.name}' does not include an object with name '${name}'.`);
      const owner = this.get(name) as unknown as { setStates?: (values: object, options: object) => void };
      if (typeof owner.setStates !== 'function') throw new NetworkError(`Object '${name}' has no state to set.`);
      owner.setStates(objValues, options);
    }
  }

  /** Whether an object (including contained ones) has this name. */
  has(name: string): boolean {
    for (const obj of allObjects(this.members)) if (obj.name === name) return true;
    return false;
  }

  /** Removes the directly added object with this name (Brian2's `del net['name']`). */
  delete(name: string): void {
    for (const obj of this.members) {
      if (obj.name === name) {
        this.members.delete(obj);
        return;
      }
    }
    throw new NetworkError(`No object with name '${name}' found`);
  }

  /** Number of objects, contained ones included. */
  get size(): number {
    return allObjects(this.members).size;
  }

  /** All objects, contained ones included. */
  [Symbol.iterator](): Iterator<BrianObject> {
    return allObjects(this.members)[Symbol.iterator]();
  }

  /** The slots in run order. Set a custom list (without `before_`/`after_` names) or `null` for the default. */
  get schedule(): string[] {
    return [...(this.scheduleValue ?? getPref('defaultSchedule'))];
  }
  set schedule(schedule: readonly string[] | null) {
    if (schedule === null) {
      this.scheduleValue = null;
      return;
    }
    checkSchedule(schedule);
    this.scheduleValue = [...schedule];
  }

  /** All objects in run order: by slot, then `order`, then name. */
  get sortedObjects(): BrianObject[] {
    return sortObjects(allObjects(this.members), this.schedule);
  }

  /** The schedule as a table (Brian2's `scheduling_summary()`). */
  schedulingSummary(): SchedulingSummary {
    return new SchedulingSummary(this.sortedObjects);
  }

  /** Stops the current run after the current time step. */
  stop(): void {
    this.stopped = true;
  }

  /** Throws when an object's dependency is not in the network (the magic network deactivates instead). */
  protected checkDependencies(objects: ReadonlySet<BrianObject>): void {
    for (const obj of objects) {
      for (const dep of obj.dependencies) {
        if (!objects.has(dep)) {
          throw new NetworkError(`'${obj.name}' has been included in the network but not the object on which it depends.`);
        }
      }
    }
  }

  /** Brian2's `Network.before_run`: unique names, dependencies, one network per object, then `beforeRun`. */
  protected beforeRun(sorted: readonly BrianObject[], context: RunContext): void {
    const counts = new Map<string, number>();
    for (const obj of sorted) counts.set(obj.name, (counts.get(obj.name) ?? 0) + 1);
    const duplicates = [...counts].filter(([, n]) => n > 1).map(([name]) => `'${name}'`);
    if (duplicates.length > 0) {
      throw new NetworkError(
        `All objects in a network need to have unique names, the following name(s) were used more than once: ${duplicates.join(', ')}`,
      );
    }
    this.stopped = false;
    Network.globallyStopped = false;
    this.checkDependencies(new Set(sorted));
    for (const obj of sorted) {
      if (obj.networkToken !== undefined && obj.networkToken !== this.token) {
        throw new NetworkError(
          `'${obj.name}' has already been run in the context of another network. Use add/remove to change the objects ` +
            'in a simulated network instead of creating a new one.',
        );
      }
    }
    const objects = context.objects as BrianObject[];
    objects.length = 0;
    for (const obj of sorted) if (obj.active) objects.push(obj);
    for (const obj of sorted) {
      if (!obj.active) continue;
      try {
        obj.beforeRun(context);
      } catch (e) {
        throw wrapObjectError(e, obj, 'An error occurred when preparing an object.');
      }
    }
    for (const obj of sorted) obj.networkToken = this.token;
  }

  /** Calls `afterRun` on the active objects in run order. */
  protected afterRun(sorted: readonly BrianObject[]): void {
    for (const obj of sorted) if (obj.active) obj.afterRun();
  }

  /**
   * Runs for `duration` from the current `t`. Each clock runs from `calcTimestep(t)` to
   * `calcTimestep(t + duration)` (Brian2's rounding); afterwards `t` is exactly `t + duration`.
   */
  run(duration: Quantity, options?: RunOptions): void {
    options = checkRunOptions(options, this.name);
    const durationSeconds = toSeconds(this.name, 'the run duration', duration);
    if (!(durationSeconds >= 0) || !Number.isFinite(durationSeconds)) {
      throw new NetworkError(`Network '${this.name}': the run duration has to be a non-negative time, got ${showValue(duration)}.`);
    }
    const reportPeriod =
      options.reportPeriod === undefined ? (environmentReportPeriod() ?? 10) : toSeconds(this.name, 'reportPeriod', options.reportPeriod);
    // Without a `report` option, BRIAN_TS_REPORT may turn on reports of long runs (the CLI sets it).
    const report = options.report === undefined ? environmentReport() : makeReport(options.report);
    const threads = options.threads === undefined ? getPref('threads') : checkThreads(options.threads, `Network '${this.name}': the run option threads`);

    const sorted = this.sortedObjects;
    const clocks = [...new Set(sorted.map((o) => o.clock))];
    const tStart = this.tValue;
    const tEnd = tStart + durationSeconds;
    for (const clock of clocks) clock.setInterval(tStart, tEnd);

    const startQ = new Quantity(tStart, second.dim);
    const runObjects: BrianObject[] = []; // filled by beforeRun, once the network has (de)activated objects
    if (options.profile !== undefined && typeof options.profile !== 'boolean') {
      throw new NetworkError(`Network '${this.name}': the run option profile must be true or false, got ${String(options.profile)}.`);
    }
    const profile = options.profile ?? false;
    if (options.fastMath !== undefined && typeof options.fastMath !== 'boolean') {
      throw new NetworkError(`Network '${this.name}': the run option fastMath must be true or false, got ${String(options.fastMath)}.`);
    }
    // Code objects are compiled in beforeRun: fast math applies to those of this run.
    // With threads, code objects compiled by beforeRun get a form split by index range (devices/threads.ts).
    const session = threads === 1 ? undefined : ParallelSession.begin(threads);
    if (session === undefined) noteSingleThreadRun();
    try {
      withFastMath(options.fastMath ?? getPref('fastMath'), () =>
        this.beforeRun(sorted, {
          namespace: options.namespace ?? {},
          network: this,
          tStart: startQ,
          tEnd: new Quantity(tEnd, second.dim),
          objects: runObjects,
        }),
        getPref('fastMathKernels'),
        getPref('exactKernels'),
      );
    } finally {
      session?.compiled();
    }
    this.profiling = profile ? [] : undefined;
    if (sorted.length === 0) return;
    try {
      if (session !== undefined) session.start(Math.max(...clocks.map((c) => c.endTimestep - c.timestep)));
      // A session that split nothing ('auto' on a small network) stays out of the step loop, unless
      // it measures the run's split-able work first (see measuredSteps).
      this.simulate(sorted, clocks, report, reportPeriod, tStart, tEnd, startQ, duration, profile, session?.active === true || session?.measuring === true ? session : undefined);
    } finally {
      session?.end();
    }
  }

  /** The step loop of `run` (objects prepared, clocks set). */
  private simulate(
    sorted: readonly BrianObject[],
    clocks: readonly Clock[],
    report: ReportCallback | null,
    reportPeriod: number,
    tStart: number,
    tEnd: number,
    startQ: Quantity,
    duration: Quantity,
    profile: boolean,
    session: ParallelSession | undefined,
  ): void {
    const wallStart = performance.now();
    if (report !== null) report(new Quantity(0, second.dim), 0, startQ, duration);

    // Fixed for the run (as Brian2's): objects may have fused their work with their neighbours in it.
    // Objects whose step does nothing (groups themselves: their work is their contained objects')
    // are left out of the step loop: a call on a group goes through its state-access proxy
    // (≈ 50 ns a call, 3 per step in CUBA). Brian2's profiling lists no such object either.
    const noop = BrianObject.prototype.run;
    const active = sorted.filter((o) => o.active && o.run !== noop);
    // Threads: split code of consecutive objects may share one barrier (devices/threads.ts);
    // `before` completes pending split code an object depends on, and each step ends with all done.
    session?.schedule(active, clocks);
    // Per-object wall-clock time (ms), only when profiling (one predictable branch per call otherwise).
    const spent = profile ? new Float64Array(active.length) : undefined;
    // The step loop is a function of its own that ends in a plain return. Measured (issue 12,
    // session 8): with the code after the loop in the same function, V8 on-stack-replaced the
    // loop at a run's first steps, and that code, never run in the interpreter, deoptimised at
    // the loop's end for lack of type feedback — every run, for tens of runs (a sweep's points):
    // each ran its steps in OSR code, which was 1.5x slower in some processes.
    this.nextReportAt = wallStart + reportPeriod * 1000;
    const steps = (most: number, split: ParallelSession | undefined): Clock =>
      this.steps(active, clocks, report, reportPeriod, wallStart, tStart, tEnd, startQ, duration, spent, split, most);
    const clock = session !== undefined && !session.active ? this.measuredSteps(active, clocks, session, steps) : steps(Infinity, session);
    const wallEnd = performance.now();
    if (spent !== undefined) this.profiling = active.map((o, k) => [o.name, spent[k]! / 1000]);
    this.tValue = this.stopped || Network.globallyStopped ? clock.tSeconds : tEnd;
    if (report !== null) report(new Quantity((wallEnd - wallStart) / 1000, second.dim), 1, startQ, duration);
    this.afterRun(sorted);
  }

  /**
   * The steps of `simulate` under 'auto' when the start-up estimate did not pay
   * (ParallelSession.measuring): on one thread, timing the split-able code in a window of steps
   * every MEASURE_PERIOD steps (less often while far from paying, see MEASURE_FAR), until a
   * window's work pays for the workers over the remaining
   * steps — then the rest of the run splits — or the run ends. The bits do not depend on where the
   * workers take over. `steps(most, session)`: the step loop, at most `most` steps.
   */
  private measuredSteps(active: readonly BrianObject[], clocks: readonly Clock[], session: ParallelSession, steps: (most: number, split: ParallelSession | undefined) => Clock): Clock {
    let clock = steps(MEASURE_FIRST, undefined);
    let done = MEASURE_FIRST;
    while (session.measuring && !this.stopped && !Network.globallyStopped) {
      session.measure(true);
      try {
        clock = steps(MEASURE_WINDOW, undefined);
      } finally {
        session.measure(false);
      }
      done += MEASURE_WINDOW;
      const left = stepsLeft(clocks);
      if (left <= 0) return clock;
      if (session.startMeasured(MEASURE_WINDOW, left, done)) {
        session.schedule(active, clocks);
        return steps(Infinity, session);
      }
      clock = steps(session.measureGap, undefined);
      done += session.measureGap;
      if (stepsLeft(clocks) <= 0) return clock;
    }
    return steps(Infinity, undefined);
  }

  /** The steps of `simulate` (see there), at most `most` (of the fastest clock); returns the clock the run ended on. */
  private steps(
    active: readonly BrianObject[],
    clocks: readonly Clock[],
    report: ReportCallback | null,
    reportPeriod: number,
    wallStart: number,
    tStart: number,
    tEnd: number,
    startQ: Quantity,
    duration: Quantity,
    spent: Float64Array | undefined,
    session: ParallelSession | undefined,
    most: number,
  ): Clock {
    let nextReport = this.nextReportAt;
    let n = 0;
    let current: BrianObject | undefined;
    let clock: Clock;
    try {
      if (clocks.length === 1) {
        clock = clocks[0]!;
        while (clock.timestep < clock.endTimestep && !this.stopped && !Network.globallyStopped && n++ < most) {
          this.tValue = clock.tSeconds;
          if (report !== null) nextReport = this.maybeReport(report, nextReport, reportPeriod, wallStart, tStart, tEnd, startQ, duration, session);
          for (let k = 0; k < active.length; k++) {
            current = active[k]!;
            if (session !== undefined) session.before(k);
            if (spent === undefined) current.run();
            else {
              const t0 = performance.now();
              current.run();
              spent[k]! += performance.now() - t0;
            }
          }
          session?.endStep();
          clock.tick();
        }
      } else {
        // One set reused every step: the loop allocates nothing.
        const curClocks = new Set<Clock>();
        clock = nextClocks(clocks, curClocks);
        while (clock.timestep < clock.endTimestep && !this.stopped && !Network.globallyStopped && n++ < most) {
          this.tValue = clock.tSeconds;
          if (report !== null) nextReport = this.maybeReport(report, nextReport, reportPeriod, wallStart, tStart, tEnd, startQ, duration, session);
          for (let k = 0; k < active.length; k++) {
            current = active[k]!;
            if (!curClocks.has(current.clock)) continue;
            if (session !== undefined) session.before(k);
            if (spent === undefined) current.run();
            else {
              const t0 = performance.now();
              current.run();
              spent[k]! += performance.now() - t0;
            }
          }
          session?.endStep();
          for (const c of curClocks) c.tick();
          clock = nextClocks(clocks, curClocks);
        }
      }
      // Split code the last step left pending (see ParallelSession.endStep).
      session?.flush();
      this.nextReportAt = nextReport;
    } catch (e) {
      // Split code that ran later than its object (a batch completed by another) names its own.
      const owner = session?.failedObject();
      if (owner !== undefined) current = active[owner];
      if (current === undefined) throw e;
      throw wrapObjectError(e, current, `An error occurred during the simulation at t=${showValue(new Quantity(this.tValue, second.dim))}.`);
    }
    return clock;
  }

  private maybeReport(
    report: ReportCallback,
    nextReport: number,
    period: number,
    wallStart: number,
    tStart: number,
    tEnd: number,
    startQ: Quantity,
    duration: Quantity,
    session: ParallelSession | undefined,
  ): number {
    const now = performance.now();
    if (now <= nextReport) return nextReport;
    // The callback may read any state: no split code of the last step may still be pending.
    session?.flush();
    report(new Quantity((now - wallStart) / 1000, second.dim), (this.tValue - tStart) / (tEnd - tStart), startQ, duration);
    return now + period * 1000;
  }

  /** The clocks of all objects (contained ones included). */
  protected clocks(): Clock[] {
    return [...new Set([...allObjects(this.members)].map((o) => o.clock))];
  }

  /**
   * Stores the state of every object (by name), every clock, `t` and the random generators
   * under `name` (any number of snapshots).
   */
  store(name = 'default'): void {
    const objs = allObjects(this.members);
    const clocks = this.clocks();
    for (const clock of clocks) clock.setTime(this.tValue);
    const objects = new Map<string, unknown>();
    for (const obj of objs) if (hasState(obj)) objects.set(obj.name, obj.storeState());
    this.snapshots.set(name, {
      t: this.tValue,
      objects,
      clocks: new Map(clocks.map((c) => [c.name, c.storeState()])),
      random: getRandomState(),
    });
  }

  /** The state stored under `name` by `store` (shared, not copied: do not modify it). For writing it to a file (src/io). */
  storedState(name = 'default'): StoredState {
    const snapshot = this.snapshots.get(name);
    if (snapshot === undefined) throw this.unknownSnapshot(name);
    return snapshot;
  }

  /** Installs `state` under `name` (e.g. read from a file) for a following `restore(name)`. */
  setStoredState(name: string, state: StoredState): void {
    this.snapshots.set(name, state);
  }

  private unknownSnapshot(name: string): NetworkError {
    const known = [...this.snapshots.keys()].map((k) => `'${k}'`).join(', ');
    return new NetworkError(`Network '${this.name}' has no stored state named '${name}' (stored: ${known || 'none'}).`);
  }

  /** Restores a snapshot taken by `store`; objects are matched by name. The RNG only with `restoreRandomState`. */
  restore(name = 'default', options?: RestoreOptions): void {
    options = checkRestoreOptions(options, this.name);
    const snapshot = this.snapshots.get(name);
    if (snapshot === undefined) throw this.unknownSnapshot(name);
    const objs = allObjects(this.members);
    const clocks = this.clocks();
    const restored = new Set<string>();
    for (const obj of objs) {
      if (snapshot.objects.has(obj.name)) restored.add(obj.name);
      else if (hasState(obj)) {
        throw new NetworkError(
          `Stored state does not have a stored state for '${obj.name}'. Note that the names of all objects have to be ` +
            'identical to the names when they were stored.',
        );
      }
    }
    const unused = [...snapshot.objects.keys()].filter((n) => !restored.has(n));
    unused.push(...[...snapshot.clocks.keys()].filter((n) => !clocks.some((c) => c.name === n)));
    if (unused.length > 0) {
      throw new NetworkError(
        `The stored state contains the state of the following objects which were not present in the network: ` +
          `${unused.join(', ')}. Note that the names of all objects have to be identical to the names when they were stored.`,
      );
    }
    for (const clock of clocks) {
      if (!snapshot.clocks.has(clock.name)) {
        throw new NetworkError(`Stored state does not have a stored state for the clock '${clock.name}'.`);
      }
    }
    this.tValue = snapshot.t;
    if (options.restoreRandomState === true) setRandomState(snapshot.random);
    for (const obj of objs) if (snapshot.objects.has(obj.name)) obj.restoreState(snapshot.objects.get(obj.name));
    for (const clock of clocks) clock.restoreState(snapshot.clocks.get(clock.name)!);
  }

  toString(): string {
    const objs = [...allObjects(this.members)].map((o) => String(o)).join(', ');
    return `<${this.constructor.name} at time t=${showValue(this.t)}, containing objects: ${objs}>`;
  }
}

/** Whether `obj` overrides `storeState` (has internal state to store). */
function hasState(obj: BrianObject): boolean {
  return obj.storeState !== BrianObject.prototype.storeState;
}

function wrapObjectError(e: unknown, obj: BrianObject, message: string): BrianError {
  if (e instanceof BrianObjectError) return e;
  return new BrianObjectError(`${message}\nObject was created here: ${obj.createdAt}`, obj.name, { cause: e });
}

function makeReport(spec: ReportSpec | null): ReportCallback | null {
  if (spec === null) return null;
  if (spec === 'text' || spec === 'stdout') return textReport((s) => process.stdout.write(s));
  if (spec === 'stderr') return textReport((s) => process.stderr.write(s));
  if (typeof spec === 'function') return spec;
  if (typeof spec === 'string') throw new NetworkError(`Do not know how to handle report argument "${spec}".`);
  throw new NetworkError(
    `Do not know how to handle report argument, it has to be one of 'text', 'stdout', 'stderr', or a callable function/object, but it is of type ${typeof spec}`,
  );
}

/** The steps left to run on the clock with the most of them (0 when the run is over). */
function stepsLeft(clocks: readonly Clock[]): number {
  let left = 0;
  for (const c of clocks) left = Math.max(left, c.endTimestep - c.timestep);
  return left;
}

/**
 * Brian2's `_nextclocks`: returns the clock with the smallest `t` (the first such in `clocks`)
 * and fills `cur` with all clocks within `EPSILON_DT*min(dt)` of it.
 */
function nextClocks(clocks: readonly Clock[], cur: Set<Clock>): Clock {
  let minClock = clocks[0]!;
  for (const c of clocks) if (c.tSeconds < minClock.tSeconds) minClock = c;
  const minT = minClock.tSeconds;
  const minDt = minClock.dtSeconds;
  cur.clear();
  for (const c of clocks) {
    const t = c.tSeconds;
    if (t === minT || Math.abs(t - minT) / Math.min(minDt, c.dtSeconds) < EPSILON_DT) cur.add(c);
  }
  return minClock;
}

