/**
 * What monitors need from the object they record (a NeuronGroup, a subgroup, later Synapses and
 * spike generators), stated structurally so that monitors depend on no concrete group class.
 */
import type { BrianObject, Clock } from '../core/index.ts';
import type { ArrayVariable, Variables } from '../variables/index.ts';

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
  /** The object emitting `event` (its thresholder); monitors record right after it by default. */
  eventEmitter?(event: string): EventEmitterSchedule | undefined;
}

/** Whether `source` can be monitored for events. */
export function isEventSource(source: MonitorSource): source is EventSource {
  const s = source as Partial<EventSource>;
  return Array.isArray(s.events) && typeof s.eventSpace === 'function';
}

/** `[start, stop)` of a (sub)group in its event space's numbering. */
export function sourceRange(source: MonitorSource): [number, number] {
  const start = source.start ?? 0;
  return [start, source.stop ?? start + source.N];
}
