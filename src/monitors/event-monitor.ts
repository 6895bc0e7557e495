/**
 * `EventMonitor` and `SpikeMonitor`: record the events of a group, with optional variable values
 * at event time (Brian2's `brian2/monitors/spikemonitor.py`).
 */
import { compileCodeBlock } from '../codegen/index.ts';
import type { CodeObject } from '../codegen/index.ts';
import { BrianObject } from '../core/index.ts';
import type { RunContext, ThreadWork, When } from '../core/index.ts';
import { DIMENSIONLESS, QuantityArray, second } from '../units/index.ts';
import { recordedWhere, withConditions } from './conditions.ts';
import type { ConditionalQuantityArray } from './conditions.ts';
import type { RecordedColumn } from './conditions.ts';
import { createArrayVariable } from '../variables/index.ts';
import type { ArrayVariable } from '../variables/index.ts';
import { monitorVariables, recordableVariable } from './code-variables.ts';
import type { RecordableVariable } from './code-variables.ts';
import { MonitorError } from './errors.ts';
import { checkOptions, describeValue, optionNames, showValue } from '../util/index.ts';
import { groupByIndex } from './event-values.ts';
import { checkMonitorSource, eventEmitter, isEventSource, sourceRange, storageOwner, warnMemberName } from './source.ts';
import type { EventSource, MonitorSource } from './source.ts';
import { DynamicArray } from './storage.ts';

/** Options of `new EventMonitor(source, event, options)` and `new SpikeMonitor(source, options)`. */
export interface EventMonitorOptions<V extends string = never> {
  /** Variables to record at each event (values before the reset, by default). */
  variables?: V | readonly V[];
  /** Whether to record each event's index and time; `false` keeps only `count`. Default `true`. */
  record?: boolean;
  /** Scheduling slot. Default: the slot of the object that emits the event. */
  when?: When;
  /** Order within the slot. Default: the emitter's order + 1 (0 when `when` is given). Requires `when`. */
  order?: number;
  /** Default `'eventmonitor*'` / `'spikemonitor*'`. */
  name?: string;
}

const EVENT_MONITOR_OPTIONS = optionNames<EventMonitorOptions<string>>({ variables: true, record: true, when: true, order: true, name: true });

interface VariableRecording {
  readonly variable: RecordableVariable;
  readonly store: DynamicArray<Float64Array>;
}

interface EventMonitorSnapshot {
  readonly i: Int32Array;
  readonly t: Float64Array;
  readonly count: Int32Array;
  readonly values: ReadonlyMap<string, Float64Array>;
}

/** The members an event monitor gains for its recorded variables `V`: `M.v` and `M.v_`. */
export type EventMonitorRecordings<V extends string> = { readonly [K in V]: QuantityArray } & {
  readonly [K in V as `${K}_`]: Float64Array;
};

const NOT_RECORDED = 'Indices and times have not been recorded. Set the record argument to true to record them.';

function checkSource(source: MonitorSource, event: string, kind: string, name: string): EventSource {
  if (!isEventSource(source)) {
    throw new MonitorError(`${kind} can only monitor groups producing spikes (such as NeuronGroup), but '${showValue(source.name)}' does not produce events.`, name);
  }
  if (!source.events.includes(event)) {
    const hint = event === 'spike' ? " Did you forget to set a 'threshold'?" : '';
    throw new MonitorError(`Recorded group '${source.name}' does not define an event '${event}'.${hint}`, name);
  }
  return source;
}

class EventMonitorBase<V extends string> extends BrianObject {
  /** The recorded group. */
  readonly source: EventSource;
  /** The recorded event. */
  readonly event: string;
  /** Whether indices and times are recorded. */
  readonly record: boolean;
  /** The variables recorded at each event (without `i` and `t`). */
  readonly recordVariables: readonly V[];
  private readonly indices = DynamicArray.int32('i');
  private readonly times = DynamicArray.float64('t', second.dim);
  private readonly recorded = new Map<string, VariableRecording>();
  private readonly kind: string;
  private readonly countVariable: ArrayVariable;
  private codeObject: CodeObject | undefined = undefined;
  private readonly start: number;
  private readonly stop: number;

  constructor(source: MonitorSource, event: string, options: EventMonitorOptions<V> | undefined, defaultName: string, kind: string) {
    const who = typeof options?.name === 'string' ? options.name.replace(/\*$/, '') : defaultName.replace(/\*$/, '');
    options = checkOptions(options, EVENT_MONITOR_OPTIONS, { what: `${kind} '${who}'`, error: (message) => new MonitorError(message, who) });
    checkMonitorSource(source, kind, who);
    if (typeof event !== 'string') throw new MonitorError(`The event of ${kind} '${who}' has to be a string such as 'spike', got ${describeValue(event)}.`, who);
    const requested = options.name ?? defaultName;
    if (typeof event !== 'string') throw new MonitorError(`The event to record has to be a name (string), got ${typeof event}.`, requested);
    const eventSource = checkSource(source, event, kind, requested);
    if (options.when === undefined && options.order !== undefined) {
      throw new MonitorError('Cannot specify order if when is not specified.', requested);
    }
    const vars = options.variables === undefined ? [] : typeof options.variables === 'string' ? [options.variables] : Array.from(options.variables as readonly V[]);
    const resolved = vars.map((v) => {
      if (typeof v !== 'string') throw new MonitorError(`The variables to record have to be names (strings), got ${typeof v}.`, requested);
      if (!source.variables.has(v)) throw new MonitorError(`'${v}' is not a variable of the recorded group '${source.name}'`, requested);
      return recordableVariable(source.variables, v, source.name, requested);
    });
    let when: When;
    let order: number;
    if (options.when === undefined) {
      // As Brian2: right after the object that emits the event.
      const emitter = eventEmitter(eventSource, event);
      when = emitter.when;
      order = emitter.order + 1;
    } else {
      when = options.when;
      order = options.order ?? 0;
    }
    super({ clock: source.clock, when, order, name: requested }, defaultName);
    this.source = eventSource;
    this.event = event;
    this.kind = kind;
    this.record = options.record ?? true;
    this.recordVariables = vars;
    [this.start, this.stop] = sourceRange(source);
    this.countVariable = createArrayVariable('count', { dtype: 'int32', size: source.N, readOnly: true });
    for (const variable of resolved) {
      this.recorded.set(variable.name, { variable, store: DynamicArray.float64(variable.name, variable.dim) });
    }
    this.addDependency(source);
    for (const n of vars) {
      if (n in this) {
        warnMemberName(this.name, n);
        continue;
      }
      Object.defineProperty(this, n, { get: () => this.get(n), enumerable: true });
      if (!(`${n}_` in this)) Object.defineProperty(this, `${n}_`, { get: () => this.valuesOf(n).store.copy(), enumerable: false });
    }
  }

  override get addToMagicNetwork(): boolean {
    return true;
  }

  override get invalidatesMagicNetwork(): boolean {
    return false;
  }

  private checkRecorded(): void {
    if (!this.record) throw new MonitorError(NOT_RECORDED, this.name);
  }

  /** Indices (relative to the source) of the recorded events, in time order; within a step ascending. */
  get i(): Int32Array {
    this.checkRecorded();
    return this.indices.copy();
  }

  /**
   * Times of the recorded events (the start of the step in which they occurred);
   * `M.t['i == 1']` gives those where a condition on the recorded values holds.
   */
  get t(): ConditionalQuantityArray {
    this.checkRecorded();
    return withConditions(new QuantityArray(this.times.copy(), second.dim), (c) => this.eventsWhere(c));
  }

  /** The events (positions in `i`, `t`, …) where a condition on `i`, `t` and the recorded variables holds. */
  eventsWhere(condition: string): Int32Array {
    this.checkRecorded();
    const columns: Record<string, RecordedColumn> = {
      i: { values: this.indices.view(), dim: DIMENSIONLESS, dtype: 'int32' },
      t: { values: this.times.view(), dim: second.dim, dtype: 'float64' },
    };
    for (const [name, r] of this.recorded) columns[name] = { values: r.store.view(), dim: r.variable.dim, dtype: 'float64' };
    return recordedWhere(this.name, condition, columns, this.indices.view().length);
  }

  /**
   * `name` (`'i'`, `'t'` or a recorded variable) where `condition` holds (Brian2's
   * `M.i['t > 1.5*ms']`; `M.t['i == 1']` and `M.v['…']` also work directly).
   */
  where(name: string, condition: string): Int32Array | QuantityArray {
    const events = this.eventsWhere(condition);
    if (name === 'i') {
      const i = this.indices.view();
      return Int32Array.from(events, (k) => i[k]!);
    }
    const all = name === 't' ? new QuantityArray(this.times.view(), second.dim) : this.get(name);
    return new QuantityArray(Float64Array.from(events, (k) => all.values[k]!), all.dim);
  }

  /**
   * Copies of the recorded state (Brian2's `get_states`): `i`, `t`, `count`, `N` (the number of
   * recorded events) and each recorded variable. `units: false` gives plain SI numbers.
   */
  getStates(vars?: readonly string[], options: { units?: boolean } = {}): Record<string, unknown> {
    const units = options.units ?? true;
    const names = vars ?? ['i', 't', 'count', 'N', ...this.recordVariables];
    const out: Record<string, unknown> = {};
    for (const name of names) {
      if (name === 'i') out[name] = this.i;
      else if (name === 't') out[name] = units ? new QuantityArray(this.times.copy(), second.dim) : this.times.copy();
      else if (name === 'count') out[name] = this.count;
      else if (name === 'N') out[name] = this.record ? this.indices.view().length : this.numEvents;
      else out[name] = units ? this.get(name) : this.valuesOf(name).store.copy();
    }
    return out;
  }

  /** Brian2's `set_states`: a monitor's variables are all read-only, so every name is refused. */
  setStates(values: Readonly<Record<string, unknown>>): void {
    for (const name of Object.keys(values)) {
      const known = ['i', 't', 'count', 'N', ...this.recordVariables].includes(name);
      throw new MonitorError(known ? `Variable ${name} is read-only.` : `'${this.name}' has no variable '${name}'.`, this.name);
    }
  }

  /** Times of the recorded events in seconds. */
  get t_(): Float64Array {
    this.checkRecorded();
    return this.times.copy();
  }

  /** `[i, t]` (Brian2's `M.it`). */
  get it(): [Int32Array, QuantityArray] {
    return [this.i, this.t];
  }

  /** `[i, t_]` (Brian2's `M.it_`). */
  get it_(): [Int32Array, Float64Array] {
    return [this.i, this.t_];
  }

  /** Number of events of each element of the source (always kept, also with `record: false`). */
  get count(): Int32Array {
    return (this.countVariable.array as Int32Array).slice();
  }

  /** Total number of events (counted also with `record: false`). */
  get numEvents(): number {
    const counts = this.countVariable.array;
    let total = 0;
    for (let k = 0; k < counts.length; k++) total += counts[k]!;
    return total;
  }

  private valuesOf(name: string): VariableRecording {
    const recording = this.recorded.get(name);
    if (recording === undefined) {
      throw new MonitorError(`'${this.name}' does not record a variable called '${name}' (it records ${this.recordVariables.map((v) => `'${v}'`).join(', ') || 'no variables'}).`, this.name);
    }
    return recording;
  }

  /** Values of recorded variable `name` at each event (also available as `M[name]`). */
  get(name: string): ConditionalQuantityArray {
    const recording = this.valuesOf(name);
    return withConditions(new QuantityArray(recording.store.copy(), recording.variable.dim), (c) => this.eventsWhere(c));
  }

  /**
   * Values of `name` (a recorded variable or `'t'`) per source element: entry k holds element
   * k's values in time order, empty for elements without events (Brian2's `values(var)`).
   */
  values(name: string): QuantityArray[] {
    this.checkRecorded();
    const i = this.indices.view();
    if (name === 't') return groupByIndex(i, this.times.view(), this.countVariable.array.length, second.dim);
    const recording = this.valuesOf(name);
    return groupByIndex(i, recording.store.view(), this.countVariable.array.length, recording.variable.dim);
  }

  /** `values` for `'t'` and every recorded variable (Brian2's `all_values()`). */
  allValues(): Record<string, QuantityArray[]> {
    const out: Record<string, QuantityArray[]> = { t: this.values('t') };
    for (const name of this.recordVariables) out[name] = this.values(name);
    return out;
  }

  /** Event times per source element (Brian2's `event_trains()`). */
  eventTrains(): QuantityArray[] {
    return this.values('t');
  }

  /** Compiles the recording code (Brian2's `spikemonitor` template). */
  override beforeRun(context: RunContext): void {
    // Event spaces hold absolute indices of the group owning the storage (a subgroup's parent),
    // so recorded values are read through that group's table.
    const owner = storageOwner(this.source);
    const eventSpace = this.source.eventSpace(this.event);
    const recordings = [...this.recorded.values()];
    this.codeObject = compileCodeBlock({
      name: this.name,
      template: 'spikemonitor',
      variables: monitorVariables(owner, this.recordVariables, this.clock, context.namespace, this.name),
      N: eventSpace.array.length - 1,
      eventSpace,
      eventRange: [this.start, this.stop],
      // Without `record` and values, only the counts are kept (Brian2 stores no i/t then).
      ...(this.record || recordings.length > 0 ? { times: this.times.variable, eventIndices: this.indices.variable } : {}),
      counts: this.countVariable,
      record: recordings.map((r) => ({ expr: r.variable.expr, storage: r.store.variable })),
    });
  }

  /** Records this step's events of the source. */
  override run(): void {
    this.codeObject!.run();
    // Without `record`, the template's index and time storage only serves as scratch space.
    if (!this.record) this.indices.length = this.times.length = 0;
  }

  /** Its code object (a count-only monitor's may run split, with the threshold's ranges); the scratch lengths touch no array. */
  override threadWork(): ThreadWork | undefined {
    return { code: [this.codeObject], reads: [], writes: [] };
  }

  override storeState(): EventMonitorSnapshot {
    const values = new Map<string, Float64Array>();
    for (const [name, { store }] of this.recorded) values.set(name, store.copy());
    return { i: this.indices.copy(), t: this.times.copy(), count: (this.countVariable.array as Int32Array).slice(), values };
  }

  override restoreState(state: unknown): void {
    const s = state as EventMonitorSnapshot;
    this.indices.assign(s.i);
    this.times.assign(s.t);
    this.countVariable.array.set(s.count);
    for (const [name, recording] of this.recorded) {
      const data = s.values.get(name);
      if (data !== undefined) recording.store.assign(data);
    }
  }

  override toString(): string {
    return `<${this.kind}, recording event '${this.event}' from '${this.source.name}'>`;
  }
}

/** An EventMonitor recording variables `V`. */
export type EventMonitor<V extends string = never> = EventMonitorBase<V> & EventMonitorRecordings<V>;

class EventMonitorClass<V extends string> extends EventMonitorBase<V> {
  constructor(source: MonitorSource, event: string, options?: EventMonitorOptions<V>) {
    super(source, event, options, 'eventmonitor*', 'EventMonitor');
  }
}

/** The EventMonitor constructor: `V` is inferred from `variables`. */
export interface EventMonitorConstructor {
  new <V extends string = never>(source: MonitorSource, event: string, options?: EventMonitorOptions<V>): EventMonitor<V>;
  readonly prototype: EventMonitorBase<string>;
}

/**
 * Records the events `event` of `source` (Brian2's `EventMonitor`): indices, times, counts and
 * optional variable values at event time.
 * @example
 * const G = new NeuronGroup(10, model, { events: { upcross: 'v > -50*mV' } });
 * const E = new EventMonitor(G, 'upcross', { variables: 'v' });
 */
export const EventMonitor = EventMonitorClass as unknown as EventMonitorConstructor;

class SpikeMonitorClass<V extends string> extends EventMonitorBase<V> {
  constructor(source: MonitorSource, options?: EventMonitorOptions<V>) {
    super(source, 'spike', options, 'spikemonitor*', 'SpikeMonitor');
  }

  /** Total number of spikes (Brian2's `num_spikes`). */
  get numSpikes(): number {
    return this.numEvents;
  }

  /** Spike times per source element, empty for silent ones (Brian2's `spike_trains()`). */
  spikeTrains(): QuantityArray[] {
    return this.eventTrains();
  }
}

/** A SpikeMonitor recording variables `V`. */
export type SpikeMonitor<V extends string = never> = SpikeMonitorClass<V> & EventMonitorRecordings<V>;

/** The SpikeMonitor constructor: `V` is inferred from `variables`. */
export interface SpikeMonitorConstructor {
  new <V extends string = never>(source: MonitorSource, options?: EventMonitorOptions<V>): SpikeMonitor<V>;
  readonly prototype: SpikeMonitorClass<string>;
}

/**
 * Records the spikes of `source` (Brian2's `SpikeMonitor`), by default right after thresholding
 * and before the reset, so recorded variables hold pre-reset values.
 * @example
 * const M = new SpikeMonitor(G);
 * run(ms(1000));
 * M.t.in(ms); M.i; M.count; M.numSpikes; M.spikeTrains()[3];
 */
export const SpikeMonitor = SpikeMonitorClass as unknown as SpikeMonitorConstructor;
