/**
 * What monitors need from the object they record (a NeuronGroup, a subgroup, later Synapses and
 * spike generators), stated structurally so that monitors depend on no concrete group class.
 */
import type { BrianObject, Clock } from '../core/index.ts';
import { describeValue, warn } from '../util/index.ts';
import type { ArrayVariable, Variables } from '../variables/index.ts';
import { MonitorError } from './errors.ts';

/** A group whose variables a StateMonitor can record. */
export interface MonitorSource extends BrianObject {
  /** Number of elements. */
  readonly N: number;
  /** The group's variables: arrays, subexpressions, constants. */
  readonly variables: Variables;
  readonly clock: Clock;
  /**
   * For subgroups: the first element and one past the last in the numbering of the event space
   * (the parent's). Absent for whole groups (0 and N).
   */
  readonly start?: number;
  readonly stop?: number;
  /** The model's names, recorded by `StateMonitor(G, true)` (Brian2's `source.equations.names`). */
  readonly equations?: { readonly names: Iterable<string> };
  /**
   * For subgroups: the group owning the storage and the event spaces (event monitors read
   * variables at absolute indices through its table). Absent or the source itself otherwise.
   */
  readonly source?: MonitorSource;
  /**
   * Name resolution at run start (groups): the table for code using `identifiers`, with
   * external names (namespace values, units, functions) resolved. Without it, monitors compile
   * against `variables` as they are.
   */
  resolution?(runNamespace: Readonly<Record<string, unknown>>): { variablesFor(identifiers: Iterable<string>): Variables };
}

/** Scheduling of the object that emits an event (a thresholder), for the monitors' default slot. */
export interface EventEmitterSchedule {
  readonly when: string;
  readonly order: number;
}

/** A group that emits events (spikes, custom events) into Brian2-layout event spaces. */
export interface EventSource extends MonitorSource {
  /** The events this source emits (`'spike'` when it has a threshold). */
  readonly events: readonly string[];
  /**
   * The event space of `event`: an Int32Array whose last element holds this step's event count
   * and whose first elements hold the events' indices in ascending order (Brian2's `_spikespace`).
   */
  eventSpace(event: string): ArrayVariable;
  /** The objects emitting each event (Brian2's `NeuronGroup.thresholder`); monitors record right after them by default. */
  readonly thresholder?: Readonly<Record<string, EventEmitterSchedule>>;
}

/**
 * `obj[key]` when `obj` has it, else `undefined`. Groups throw on unknown attributes (Brian2's
 * AttributeError), so optional members are probed with `in` first.
 */
export function optionalMember<T extends object, K extends keyof T>(obj: T, key: K): T[K] | undefined {
  return key in obj ? obj[key] : undefined;
}

/** The schedule of the object emitting `event`: its thresholder, or the default slots of Brian2's. */
export function eventEmitter(source: EventSource, event: string): EventEmitterSchedule {
  const emitter = optionalMember(source, 'thresholder')?.[event];
  if (emitter !== undefined) return emitter;
  return { when: event === 'spike' ? 'thresholds' : 'after_thresholds', order: source.order };
}

/** Throws unless `source` is a group a monitor can record (it has `N`, `variables` and a `clock`). */
export function checkMonitorSource(source: unknown, kind: string, monitorName: string): asserts source is MonitorSource {
  const ok = typeof source === 'object' && source !== null && 'N' in source && 'variables' in source && 'clock' in source && typeof source.N === 'number';
  if (!ok) throw new MonitorError(`${kind} '${monitorName}' has to record a group (a NeuronGroup, Synapses, subgroup, …), got ${describeValue(source)}.`, monitorName);
}

/** Whether `source` can be monitored for events. */
export function isEventSource(source: MonitorSource): source is EventSource {
  const s = source as Partial<EventSource>;
  return Array.isArray(optionalMember(s, 'events')) && typeof optionalMember(s, 'eventSpace') === 'function';
}

/** The group owning `source`'s storage (itself unless it is a subgroup). */
export function storageOwner(source: MonitorSource): MonitorSource {
  return optionalMember(source, 'source') ?? source;
}

/** `[start, stop)` of a (sub)group in its event space's numbering. */
export function sourceRange(source: MonitorSource): [number, number] {
  const start = optionalMember(source, 'start') ?? 0;
  return [start, optionalMember(source, 'stop') ?? start + source.N];
}

/** A recorded variable named like a member of the monitor (`M.record`) is read with `M.get(name)`: say so. */
export function warnMemberName(monitor: string, variable: string): void {
  warn(
    'monitor_member_name',
    `'${monitor}.${variable}' is a member of the monitor, not the recording of the variable '${variable}'; read the recording with ${monitor}.get('${variable}').`,
  );
}
