/** `StateMonitor`: records variables of a group over time (Brian2's `brian2/monitors/statemonitor.py`). */
import { compileCodeBlock } from '../codegen/index.ts';
import type { CodeObject } from '../codegen/index.ts';
import { BrianObject, getPref } from '../core/index.ts';
import type { BrianObjectOptions, Clock, RunContext, ThreadWork, When } from '../core/index.ts';
import { QuantityArray, second } from '../units/index.ts';
import type { Quantity } from '../units/index.ts';
import { allocateChecked, checkOptions, describeValue, optionNames, showValue, warn } from '../util/index.ts';
import { monitorVariables, recordableVariable, recordingReads } from './code-variables.ts';
import type { RecordableVariable } from './code-variables.ts';
import { MonitorError, MonitorIndexError } from './errors.ts';
import { checkMonitorSource, optionalMember, warnMemberName } from './source.ts';
import type { MonitorSource } from './source.ts';
import { NpyRowStream } from './npy-stream.ts';
import { DynamicArray, DynamicArray2D } from './storage.ts';
import type { FloatArray, RecordFloatDtype } from './storage.ts';
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
  /**
   * Stream the recording to `.npy` files during the run instead of keeping it in memory (Node
   * only): a path when recording one variable, else one path per variable (`{ v: 'v.npy', w:
   * 'w.npy' }`). Each file holds a float64 array of shape `(n_recorded, n_times)` in SI units
   * (Brian2's `M.v_` orientation), readable with `numpy.load` or `loadNpy` during the run (the
   * rows written so far) and after it. The file is created at the first run and appended to by
   * later runs; memory stays bounded (a block of ≤ 4 MiB per variable, plus 8 bytes per time).
   * `M.v` is then not available: read the file.
   */
  file?: string | Readonly<Record<string, string>>;
}

/** Size of the block of rows a streaming StateMonitor buffers before a write. */
const STREAM_BLOCK_BYTES = 4 * 1024 * 1024;
/** At most this many steps between writes, so that readers see small recordings progress. */
const STREAM_BLOCK_MAX_ROWS = 4096;

const STATE_MONITOR_OPTIONS = optionNames<StateMonitorOptions>({ record: true, dt: true, clock: true, when: true, order: true, name: true, file: true });

/** Snapshot for store/restore. */
interface StateMonitorSnapshot {
  readonly t: Float64Array;
  readonly rows: number;
  readonly data: ReadonlyMap<string, FloatArray>;
}

/**
 * The storage type of a recording (Brian2 records in the variable's dtype): float32 for a float32
 * variable, and for a float subexpression when `prefs.floatDtype` is float32; float64 otherwise.
 */
function recordedDtype(r: RecordableVariable): RecordFloatDtype {
  const v = r.variable;
  if (v.kind === 'array') return v.dtype === 'float32' ? 'float32' : 'float64';
  if (v.kind === 'subexpression' && v.type === 'float') return getPref('floatDtype');
  return 'float64';
}

interface Recording {
  readonly variable: RecordableVariable;
  readonly store: DynamicArray2D;
  /** The file this variable streams to (`file` option), else undefined. */
  readonly stream: NpyRowStream | undefined;
  /** Bytes of the store's active block (streaming only): a view made once per block. */
  bytes?: Uint8Array;
}

function normaliseFiles(file: unknown, names: readonly string[], name: string): Map<string, string> | undefined {
  if (file === undefined) return undefined;
  const files = new Map<string, string>();
  if (typeof file === 'string') {
    if (names.length !== 1) {
      throw new MonitorError(
        `The 'file' option is one path, but ${names.length} variables are recorded: give one path per variable, e.g. { ${names.map((n) => `${n}: '${n}.npy'`).join(', ')} }.`,
        name,
      );
    }
    files.set(names[0]!, file);
  } else if (file !== null && typeof file === 'object' && !Array.isArray(file)) {
    for (const [key, path] of Object.entries(file)) {
      if (!names.includes(key)) throw new MonitorError(`The 'file' option names '${key}', which is not recorded (recorded: ${names.map((n) => `'${n}'`).join(', ')}).`, name);
      files.set(key, path as string);
    }
    for (const n of names) if (!files.has(n)) throw new MonitorError(`The 'file' option gives no path for the recorded variable '${n}'.`, name);
  } else {
    throw new MonitorError(`The 'file' option has to be a path or an object of paths per variable, got ${showValue(file)}.`, name);
  }
  const seen = new Set<string>();
  for (const [n, path] of files) {
    if (typeof path !== 'string' || path === '' || path.includes('\0')) {
      throw new MonitorError(`The file for '${n}' has to be a non-empty path, got ${typeof path === 'string' ? `'${path}'` : String(path)}.`, name);
    }
    if (seen.has(path)) throw new MonitorError(`Two recorded variables would stream to the same file '${path}'.`, name);
    seen.add(path);
  }
  return files;
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
  if (typeof variables !== 'string' && !Array.isArray(variables)) {
    throw new MonitorError(`The variables to record have to be a name, a list of names or true (all), got ${describeValue(variables)}.`, name);
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
    throw new MonitorError(`The 'record' argument has to be true, false, an index or an array of indices, got ${showValue(record)}.`, name);
  }
  const indices = new Int32Array(list.length);
  for (let k = 0; k < list.length; k++) {
    const x = list[k];
    if (typeof x !== 'number' || !Number.isInteger(x)) {
      throw new MonitorError(`The indices to record have to be integers, got ${showValue(x)}.`, name);
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
    const who = typeof options?.name === 'string' ? options.name.replace(/\*$/, '') : 'statemonitor';
    options = checkOptions(options, STATE_MONITOR_OPTIONS, { what: `StateMonitor '${who}'`, error: (message) => new MonitorError(message, who) });
    const requested = options.name ?? 'statemonitor*';
    checkMonitorSource(source, 'StateMonitor', who);
    const names = normaliseVariables(source, variables, requested);
    const { indices, all } = normaliseRecord(source, options.record, requested);
    const resolved = names.map((n) => recordableVariable(source.variables, n, source.name, requested));
    const files = normaliseFiles(options.file, names, requested);
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
      const path = files?.get(variable.name);
      this.recordings.set(variable.name, {
        variable,
        store: new DynamicArray2D(indices.length, variable.name, variable.dim, recordedDtype(variable)),
        stream: path === undefined ? undefined : new NpyRowStream(path, indices.length, requested, recordedDtype(variable)),
      });
    }
    this.addDependency(source);
    for (const { name, variable } of resolved) {
      const shared = variable.kind === 'constant' || ((variable.kind === 'array' || variable.kind === 'subexpression') && variable.scalar);
      if (shared && indices.length > 1) {
        warn('statemonitor.shared_variable', `Variable ${name} is a shared variable but it will be recorded once for every target.`);
      }
    }
    for (const n of names) {
      if (isReserved(this, n)) {
        warnMemberName(this.name, n);
        continue;
      }
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

  /**
   * The recorded state (Brian2's `get_states`): `t`, `N` (the number of recording times) and the
   * traces of each recorded variable (as `M.v` gives them).
   */
  getStates(vars?: readonly string[], options: { units?: boolean } = {}): Record<string, unknown> {
    const units = options.units ?? true;
    const out: Record<string, unknown> = {};
    for (const name of vars ?? ['t', 'N', ...this.recordVariables]) {
      if (name === 't') out[name] = units ? this.t : this.t_;
      else if (name === 'N') out[name] = this.N;
      else out[name] = this.get(name);
    }
    return out;
  }

  /** The traces of recorded variable `name` (also available as `M[name]`). */
  get(name: string): StateTraces {
    const recording = this.recordings.get(name);
    if (recording === undefined) {
      throw new MonitorError(`'${this.name}' does not record a variable called '${name}' (it records ${this.recordVariables.map((v) => `'${v}'`).join(', ') || 'nothing'}).`, this.name);
    }
    const { store } = recording;
    if (recording.stream !== undefined) {
      throw new MonitorError(
        `'${this.name}' streams '${name}' to the file '${recording.stream.path}' and keeps no copy in memory: read the file (loadNpy, or numpy.load in Python).`,
        this.name,
      );
    }
    return makeStateTraces(store.blocks(), this.times.length, store.cols, recording.variable.dim, this.name, store.dtype);
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
          return makeStateTraces(data, traces.samples, picked.length, traces.dim, this.name, traces.dtype);
        },
      });
    }
    return view as StateMonitorView<V> | StateMonitorMultiView<V>;
  }

  /** Compiles the recording code (Brian2's `statemonitor` template) and reserves the run's storage. */
  override beforeRun(context: RunContext): void {
    const recordings = [...this.recordings.values()];
    const variables = monitorVariables(this.source, this.recordVariables, this.clock, context.namespace, this.name);
    this.reads = recordingReads(variables, this.recordVariables);
    this.codeObject = compileCodeBlock({
      name: this.name,
      template: 'statemonitor',
      variables,
      N: this.source.N,
      indices: this.record,
      times: this.times.variable,
      record: recordings.map((r) => ({ expr: r.variable.expr, storage: r.store.variable })),
    });
    // Reserve the whole run now so that recording allocates nothing per step.
    const steps = this.clock.endTimestep - this.clock.timestep;
    if (steps > 0) {
      const inMemory = recordings.filter((r) => r.stream === undefined);
      const bytes = inMemory.reduce((sum, r) => sum + r.store.cols * r.store.itemSize, 0);
      allocateChecked(
        steps * (8 + bytes),
        () => {
          this.times.reserve(steps, true);
          for (const r of inMemory) r.store.reserveRows(steps, true);
        },
        (reason) =>
          new MonitorError(
            `StateMonitor '${this.name}' cannot record this run of ${steps} steps: ${reason} ` +
              `(${steps} steps × ${this.record.length} recorded indices × ${inMemory.length} variable${inMemory.length === 1 ? '' : 's'} × ${inMemory.some((r) => r.store.itemSize === 4) ? '4 or 8' : '8'} bytes). ` +
              "Record fewer indices (the 'record' option), record with a coarser 'dt', or stream the recording to disk with the 'file' option.",
            this.name,
          ),
      );
      for (const r of recordings) if (r.stream !== undefined) this.prepareStream(r);
    }
    this.streams = recordings.filter((r) => r.stream !== undefined);
  }

  /** Streaming recordings (set at each run start). */
  private streams: Recording[] = [];
  /** The arrays the recording code reads (set at each run start; undefined: unknown, see threadWork). */
  private reads: object[] | undefined;

  /**
   * Multi-threaded runs: the recording reads the recorded arrays (recordingReads) and writes only its own storage,
   * so split code pending from the step before (a pathway's deliveries) may stay pending across
   * it unless that code writes what is recorded (e.g. a monitor of `ge` completes it first).
   */
  override threadWork(): ThreadWork | undefined {
    if (this.reads === undefined) return undefined;
    return { code: [], reads: this.reads, writes: [this.times.variable.array, ...[...this.recordings.values()].map((r) => r.store.variable.array)] };
  }

  /** Creates the file at the first run; gives the recording one block of rows to fill. */
  private prepareStream(r: Recording): void {
    if (r.stream!.rows === 0 && r.store.rows === 0) r.stream!.create();
    const cols = Math.max(1, r.store.cols);
    const blockRows = Math.max(1, Math.min(STREAM_BLOCK_MAX_ROWS, Math.floor(STREAM_BLOCK_BYTES / (r.store.itemSize * cols))));
    if (r.store.rowCapacity - r.store.rows < 1 || r.bytes === undefined) {
      r.store.reserveRows(blockRows, true);
      r.bytes = new Uint8Array(r.store.data.buffer, r.store.data.byteOffset, r.store.data.byteLength);
    }
  }

  /** Writes a streaming recording's buffered rows to its file and empties the block. */
  private flushStream(r: Recording): void {
    const rows = r.store.rows;
    if (rows === 0) return;
    r.stream!.append(r.bytes!, rows);
    r.store.rows = 0;
  }

  /** Records one sample of every recorded variable at the clock's current time. */
  override run(): void {
    this.codeObject!.run();
    const streams = this.streams;
    for (let k = 0; k < streams.length; k++) {
      const store = streams[k]!.store;
      if (store.rows >= store.rowCapacity) this.flushStream(streams[k]!);
    }
  }

  /** Writes buffered rows of streamed variables, so that their files hold every recorded time. */
  override afterRun(): void {
    this.flush();
  }

  /**
   * Writes the rows buffered for the `file` option now (done at the end of each run and every
   * block of steps; needed only after a run that failed).
   */
  flush(): void {
    for (const r of this.recordings.values()) if (r.stream !== undefined) this.flushStream(r);
  }

  /**
   * Bytes allocated for the recording (all buffers, used or not): ≤ 1.25× the recorded data
   * (plus the times); with `file`, the bounded block per variable.
   */
  get bufferBytes(): number {
    let bytes = this.times.capacity * 8;
    for (const r of this.recordings.values()) bytes += r.store.allocatedElements * r.store.itemSize;
    return bytes;
  }

  /**
   * Records the current values once more (Brian2's `record_single_timestep`), e.g. the final
   * state after a run, which a `'start'`-slot monitor has not seen.
   */
  recordSingleTimestep(): void {
    if (this.codeObject === undefined) {
      throw new MonitorError('Can only record a single time step after the network has been run once.', this.name);
    }
    // Room for one row in a new block (the generated code's own growth would copy the data).
    for (const r of this.recordings.values()) {
      if (r.stream === undefined) r.store.reserveRows(1);
      else this.prepareStream(r);
    }
    this.codeObject.run();
    this.flush();
  }

  override storeState(): StateMonitorSnapshot {
    this.flush();
    const data = new Map<string, FloatArray>();
    // A streamed variable stores nothing: restoring cuts its file back to the stored times.
    for (const [name, { store, stream }] of this.recordings) if (stream === undefined) data.set(name, store.copy());
    return { t: this.times.copy(), rows: this.times.length, data };
  }

  override restoreState(state: unknown): void {
    const snapshot = state as StateMonitorSnapshot;
    this.times.assign(snapshot.t);
    for (const [name, recording] of this.recordings) {
      if (recording.stream !== undefined) {
        recording.store.rows = 0;
        if (recording.stream.rows > snapshot.rows) recording.stream.truncate(snapshot.rows);
        continue;
      }
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
