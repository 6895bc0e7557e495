/** `StateMonitor`: records variables of a group over time (Brian2's `brian2/monitors/statemonitor.py`). */
import { compileCodeBlock } from '../codegen/index.ts';
import type { CodeObject } from '../codegen/index.ts';
import { BrianObject } from '../core/index.ts';
import type { BrianObjectOptions, Clock, RunContext, When } from '../core/index.ts';
import { QuantityArray, second } from '../units/index.ts';
import type { Quantity } from '../units/index.ts';
import { warn } from '../util/index.ts';
import { monitorVariables, recordableVariable } from './code-variables.ts';
import type { RecordableVariable } from './code-variables.ts';
import { MonitorError, MonitorIndexError } from './errors.ts';
import { optionalMember } from './source.ts';
import type { MonitorSource } from './source.ts';
import { DynamicArray, DynamicArray2D } from './storage.ts';
import { makeStateTraces } from './traces.ts';
import type { StateTraces } from './traces.ts';

/** Options of `new StateMonitor(source, variables, options)`. */
export interface StateMonitorOptions {
  /**
   * Which elements to record (required, as in Brian2): `true` for all, `false` for none, one
   * index, or an array of indices (relative to the source).
   */
  record: boolean | number | ArrayLike<number>;
  /** Recording interval; creates the monitor's own clock. Excludes `clock`. Default: the source's clock. */
  dt?: Quantity;
  /** A clock to record on. Excludes `dt`. */
  clock?: Clock;
  /** Scheduling slot. Default `'start'`: values before the step's update. */
  when?: When;
  /** Order within the slot. Default 0. */
  order?: number;
  /** Default `'statemonitor*'`. */
  name?: string;
}

/** Snapshot for store/restore. */
interface StateMonitorSnapshot {
  readonly t: Float64Array;
  readonly rows: number;
  readonly data: ReadonlyMap<string, Float64Array>;
}

interface Recording {
  readonly variable: RecordableVariable;
  readonly store: DynamicArray2D;
}

/** The members a StateMonitor gains for its recorded variables `V`: `M.v` and `M.v_`. */
export type StateMonitorRecordings<V extends string> = { readonly [K in V]: StateTraces } & {
  readonly [K in V as `${K}_`]: Float64Array[];
};

/** `M.at(k)`: the recording of absolute source index k (Brian2's `M[k]`). */
export type StateMonitorView<V extends string> = { readonly t: QuantityArray } & { readonly [K in V]: QuantityArray };

/** `M.at([k1, k2])`: the recordings of several absolute source indices (Brian2's `M[[k1, k2]]`). */
export type StateMonitorMultiView<V extends string> = { readonly t: QuantityArray } & { readonly [K in V]: StateTraces };

function normaliseVariables(source: MonitorSource, variables: string | readonly string[] | true, name: string): string[] {
  if (variables === true) {
    const equations = optionalMember(source, 'equations');
    if (equations === undefined) {
      throw new MonitorError(`Cannot record all variables of '${source.name}': it has no equations; name the variables.`, name);
    }
    return Array.from(equations.names);
  }
  const list = typeof variables === 'string' ? [variables] : Array.from(variables as readonly unknown[]);
  for (const v of list) {
    if (typeof v !== 'string') {
      throw new MonitorError(`The variables to record have to be names (strings), got ${typeof v}.`, name);
    }
  }
  return list as string[];
}

function normaliseRecord(source: MonitorSource, record: unknown, name: string): { indices: Int32Array; all: boolean } {
  const N = source.N;
  if (record === true) return { indices: Int32Array.from({ length: N }, (_, k) => k), all: true };
  if (record === false) return { indices: new Int32Array(0), all: false };
  let list: ArrayLike<unknown>;
  if (typeof record === 'number') list = [record];
  else if (record !== null && typeof record === 'object' && typeof (record as ArrayLike<unknown>).length === 'number') {
    list = record as ArrayLike<unknown>;
  } else {
    throw new MonitorError(`The 'record' argument has to be true, false, an index or an array of indices, got ${String(record)}.`, name);
  }
  const indices = new Int32Array(list.length);
  for (let k = 0; k < list.length; k++) {
    const x = list[k];
    if (typeof x !== 'number' || !Number.isInteger(x)) {
      throw new MonitorError(`The indices to record have to be integers, got ${String(x)}.`, name);
    }
    if (x < 0 || x >= N) {
      throw new MonitorIndexError(
        `The indices to record from contain values outside of the range [0, ${N - 1}] allowed for the group '${source.name}'`,
        x,
        name,
      );
    }
    indices[k] = x;
  }
  return { indices, all: false };
}

/** Names that are members of the monitor itself and therefore readable only through `get(name)`. */
function isReserved(obj: object, name: string): boolean {
  return name in obj;
}

class StateMonitorBase<V extends string> extends BrianObject {
  /** The recorded group. */
  readonly source: MonitorSource;
  /** The recorded variables' names. */
  readonly recordVariables: readonly V[];
  /** The recorded indices (relative to the source), in recording order. */
  readonly record: Int32Array;
  /** Whether `record: true` was given. */
  readonly recordAll: boolean;
  private readonly times = DynamicArray.float64('t', second.dim);
  private readonly recordings = new Map<string, Recording>();
  private codeObject: CodeObject | undefined = undefined;

  constructor(source: MonitorSource, variables: V | readonly V[] | true, options: StateMonitorOptions) {
    const requested = options.name ?? 'statemonitor*';
    const names = normaliseVariables(source, variables, requested);
    const { indices, all } = normaliseRecord(source, options.record, requested);
    const resolved = names.map((n) => recordableVariable(source.variables, n, source.name, requested));
    const base: BrianObjectOptions = {
      when: options.when ?? 'start',
      order: options.order ?? 0,
      name: requested,
      ...(options.dt === undefined ? {} : { dt: options.dt }),
      ...(options.clock === undefined ? {} : { clock: options.clock }),
    };
    // As Brian2: without dt or clock, the monitor records on its source's clock.
    if (options.dt === undefined && options.clock === undefined) base.clock = source.clock;
    super(base, 'statemonitor*');
    this.source = source;
    this.recordVariables = names as V[];
    this.record = indices;
    this.recordAll = all;
    for (const variable of resolved) {
      this.recordings.set(variable.name, { variable, store: new DynamicArray2D(indices.length, variable.name, variable.dim) });
    }
    this.addDependency(source);
    for (const { name, variable } of resolved) {
      const shared = variable.kind === 'constant' || ((variable.kind === 'array' || variable.kind === 'subexpression') && variable.scalar);
      if (shared && indices.length > 1) {
        warn('statemonitor.shared_variable', `Variable ${name} is a shared variable but it will be recorded once for every target.`);
      }
    }
    for (const n of names) {
      if (isReserved(this, n)) continue;
      Object.defineProperty(this, n, { get: () => this.get(n), enumerable: true, configurable: false });
      if (!isReserved(this, `${n}_`)) {
        Object.defineProperty(this, `${n}_`, { get: () => this.get(n).values, enumerable: false, configurable: false });
      }
    }
  }

  override get addToMagicNetwork(): boolean {
    return true;
  }

  override get invalidatesMagicNetwork(): boolean {
    return false;
  }

  /** Number of recording times so far (Brian2's `M.N`). */
  get N(): number {
    return this.times.length;
  }

  /** The recording times. */
  get t(): QuantityArray {
    return new QuantityArray(this.times.copy(), second.dim);
  }

  /** The recording times in seconds. */
  get t_(): Float64Array {
    return this.times.copy();
  }

  /** The traces of recorded variable `name` (also available as `M[name]`). */
  get(name: string): StateTraces {
    const recording = this.recordings.get(name);
    if (recording === undefined) {
      throw new MonitorError(`'${this.name}' does not record a variable called '${name}' (it records ${this.recordVariables.map((v) => `'${v}'`).join(', ') || 'nothing'}).`, this.name);
    }
    const { store } = recording;
    return makeStateTraces(store.data, this.times.length, store.cols, recording.variable.dim, this.name);
  }

  /** The position of absolute source index `index` among the recorded ones. */
  private positionOf(index: number): number {
    const position = Number.isInteger(index) ? (this.recordAll ? (index >= 0 && index < this.record.length ? index : -1) : this.record.indexOf(index)) : -1;
    if (position < 0) throw new MonitorIndexError(`Index number ${index} has not been recorded`, index, this.name);
    return position;
  }

  /**
   * The recording of absolute source index `index` (Brian2's `M[index]`; `M.v[k]` counts
   * positions among the recorded indices instead). Throws MonitorIndexError when not recorded.
   * @example
   * const M = new StateMonitor(G, 'v', { record: [3, 7] });
   * M.at(7).v;  // same as M.v[1]
   */
  at(index: number): StateMonitorView<V>;
  at(indices: ArrayLike<number>): StateMonitorMultiView<V>;
  at(indices: number | ArrayLike<number>): StateMonitorView<V> | StateMonitorMultiView<V> {
    const single = typeof indices === 'number';
    const positions = single ? [this.positionOf(indices)] : Array.from(indices, (k) => this.positionOf(k));
    const view: Record<string, unknown> = {};
    Object.defineProperty(view, 't', { get: () => this.t, enumerable: true });
    for (const name of this.recordVariables) {
      Object.defineProperty(view, name, {
        enumerable: true,
        get: () => {
          const traces = this.get(name);
          if (single) return traces.get(positions[0]!);
          const picked = positions.map((p) => traces.get(p));
          const data = new Float64Array(picked.length * traces.samples);
          picked.forEach((q, c) => q.values.forEach((x, r) => (data[r * picked.length + c] = x)));
          return makeStateTraces(data, traces.samples, picked.length, traces.dim, this.name);
        },
      });
    }
    return view as StateMonitorView<V> | StateMonitorMultiView<V>;
  }

  /** Compiles the recording code (Brian2's `statemonitor` template) and reserves the run's storage. */
  override beforeRun(context: RunContext): void {
    const recordings = [...this.recordings.values()];
    this.codeObject = compileCodeBlock({
      name: this.name,
      template: 'statemonitor',
      variables: monitorVariables(this.source, this.recordVariables, this.clock, context.namespace, this.name),
      N: this.source.N,
      indices: this.record,
      times: this.times.variable,
      record: recordings.map((r) => ({ expr: r.variable.expr, storage: r.store.variable })),
    });
    // Reserve the whole run now so that recording allocates nothing per step.
    const steps = this.clock.endTimestep - this.clock.timestep;
    if (steps > 0) {
      this.times.reserve(steps, true);
      for (const r of recordings) r.store.reserveRows(steps, true);
    }
  }

  /** Records one sample of every recorded variable at the clock's current time. */
  override run(): void {
    this.codeObject!.run();
  }

  /**
   * Records the current values once more (Brian2's `record_single_timestep`), e.g. the final
   * state after a run, which a `'start'`-slot monitor has not seen.
   */
  recordSingleTimestep(): void {
    if (this.codeObject === undefined) {
      throw new MonitorError('Can only record a single time step after the network has been run once.', this.name);
    }
    this.run();
  }

  override storeState(): StateMonitorSnapshot {
    const data = new Map<string, Float64Array>();
    for (const [name, { store }] of this.recordings) data.set(name, store.copy());
    return { t: this.times.copy(), rows: this.times.length, data };
  }

  override restoreState(state: unknown): void {
    const snapshot = state as StateMonitorSnapshot;
    this.times.assign(snapshot.t);
    for (const [name, recording] of this.recordings) {
      const data = snapshot.data.get(name);
      if (data !== undefined) recording.store.assign(data, snapshot.rows);
    }
  }

  override toString(): string {
    return `<StateMonitor, recording ${this.recordVariables.map((v) => `'${v}'`).join(', ')} from '${this.source.name}'>`;
  }
}

/** A StateMonitor recording variables `V`. */
export type StateMonitor<V extends string = string> = StateMonitorBase<V> & StateMonitorRecordings<V>;

/** The StateMonitor constructor: `V` is inferred from the variable names given. */
export interface StateMonitorConstructor {
  new <V extends string>(source: MonitorSource, variables: V | readonly V[], options: StateMonitorOptions): StateMonitor<V>;
  new (source: MonitorSource, variables: true, options: StateMonitorOptions): StateMonitor<string>;
  readonly prototype: StateMonitorBase<string>;
}

/**
 * Records state variables of `source` during runs (Brian2's `StateMonitor`). By default it records
 * in slot `'start'`, i.e. the values before each step's update: the first sample is the initial
 * value at t = 0 and the last is at `t_end - dt`.
 * @example
 * const M = new StateMonitor(G, 'v', { record: true });
 * run(ms(50));
 * M.t.in(ms);        // 500 times, 0 … 49.9
 * M.v[0].in(mV);     // neuron 0's trace
 */
export const StateMonitor = StateMonitorBase as unknown as StateMonitorConstructor;
