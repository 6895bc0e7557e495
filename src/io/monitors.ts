/**
 * Monitor and group data as named arrays in SI units, laid out as Brian2 gives them: a
 * StateMonitor's `v` is `[n_indices × n_times]` like Brian2's `M.v`, a SpikeMonitor gives `t`, `i`
 * and `count`, a PopulationRateMonitor `t` and `rate`.
 */
import { Group } from '../groups/index.ts';
import { EventMonitor, PopulationRateMonitor, SpikeMonitor, StateMonitor } from '../monitors/index.ts';
import type { StateTraces } from '../monitors/index.ts';
import { QuantityArray } from '../units/index.ts';
import { fail } from './npy.ts';
import type { ArrayInput, NdArray, Where } from './npy.ts';

/** What export reads from a StateMonitor (any recorded variables). */
export interface StateMonitorLike {
  readonly name: string;
  readonly t: QuantityArray;
  readonly record: Int32Array;
  readonly recordVariables: readonly string[];
  get(name: string): StateTraces;
}

/** What export reads from a SpikeMonitor or EventMonitor. */
export interface EventMonitorLike {
  readonly name: string;
  readonly record: boolean;
  readonly t: QuantityArray;
  readonly i: Int32Array;
  readonly count: Int32Array;
  readonly recordVariables: readonly string[];
  get(name: string): QuantityArray;
}

/** The monitors whose data can be exported (checked at run time with instanceof). */
export type ExportableMonitor = StateMonitorLike | EventMonitorLike | PopulationRateMonitor;

/** What the export functions accept: named arrays, a monitor, or a group (its state variables). */
export type ExportData = Readonly<Record<string, ArrayInput>> | ExportableMonitor | Group;

function isStateMonitor(x: unknown): x is StateMonitorLike {
  return x instanceof StateMonitor;
}

function isEventMonitor(x: unknown): x is EventMonitorLike {
  return x instanceof SpikeMonitor || x instanceof EventMonitor;
}

function add(out: Record<string, ArrayInput>, name: string, value: ArrayInput, owner: string, where: Where): void {
  if (Object.hasOwn(out, name)) fail(where, `'${owner}' records a variable named '${name}', which clashes with the exported '${name}' array`);
  out[name] = value;
}

/**
 * A monitor's data as named arrays (values in SI units, each with its dimension):
 * StateMonitor → `t`, `record` (the recorded indices) and each variable `[n_indices × n_times]`;
 * SpikeMonitor/EventMonitor → `t`, `i`, `count` and each recorded variable (one value per event);
 * PopulationRateMonitor → `t`, `rate`.
 * @example
 * const { t, v } = monitorToArrays(M);   // v.shape = [n_indices, n_times]
 */
export function monitorToArrays(monitor: ExportableMonitor, where: Where = { call: 'monitorToArrays' }): Record<string, ArrayInput> {
  const out: Record<string, ArrayInput> = {};
  if (isStateMonitor(monitor)) {
    out['t'] = monitor.t;
    for (const name of monitor.recordVariables) add(out, name, monitor.get(name), monitor.name, where);
    if (!Object.hasOwn(out, 'record')) out['record'] = monitor.record.slice();
    return out;
  }
  if (isEventMonitor(monitor)) {
    if (monitor.record) {
      out['t'] = monitor.t;
      out['i'] = monitor.i;
    }
    out['count'] = monitor.count;
    for (const name of monitor.recordVariables) add(out, name, monitor.get(name), monitor.name, where);
    return out;
  }
  if (monitor instanceof PopulationRateMonitor) return { t: monitor.t, rate: monitor.rate };
  return fail(where, `cannot export a ${describe(monitor)} (expected a StateMonitor, SpikeMonitor, EventMonitor or PopulationRateMonitor)`);
}

/** A group's state variables (Brian2's `get_states()`), booleans as `|b1`. */
export function groupToArrays(group: Group): Record<string, ArrayInput> {
  const out: Record<string, ArrayInput> = {};
  for (const [name, value] of Object.entries(group.getStates())) {
    // Uint8Array is the storage of bool variables only.
    if (value instanceof Uint8Array) out[name] = { dtype: '|b1', shape: [value.length], data: value.map((b) => (b === 0 ? 0 : 1)) } satisfies NdArray;
    // float32 variables are written as '<f4' (their values, exactly), with their dimension.
    else if (value instanceof QuantityArray && group.state(name).dtype === 'float32') {
      out[name] = { dtype: '<f4', shape: [value.length], data: Float32Array.from(value.values), ...(value.dim.isDimensionless ? {} : { dim: value.dim }) } satisfies NdArray;
    } else out[name] = value;
  }
  return out;
}

function describe(x: unknown): string {
  if (typeof x !== 'object' || x === null) return x === null ? 'null' : typeof x;
  return (x.constructor as { name?: string } | undefined)?.name ?? 'object';
}

/** Named arrays from any accepted export data. */
export function resolveExportData(data: ExportData, where: Where): Readonly<Record<string, ArrayInput>> {
  if (typeof data !== 'object' || data === null) return fail(where, `expected named arrays, a monitor or a group, got ${describe(data)}`);
  if (isStateMonitor(data) || isEventMonitor(data) || data instanceof PopulationRateMonitor) return monitorToArrays(data, where);
  if (data instanceof Group) return groupToArrays(data);
  const proto = Object.getPrototypeOf(data) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    return fail(where, `cannot export a ${describe(data)} (expected named arrays, a StateMonitor, SpikeMonitor, EventMonitor, PopulationRateMonitor or a group)`);
  }
  return data as Readonly<Record<string, ArrayInput>>;
}

/** Column labels of a StateMonitor table: `v[3]` for recorded neuron 3. */
export function stateMonitorLabels(monitor: ExportableMonitor): Int32Array | undefined {
  return isStateMonitor(monitor) ? monitor.record : undefined;
}

/** The per-event arrays of an event monitor (for tables, where `count` does not fit). */
export function eventTable(monitor: ExportableMonitor, where: Where): Record<string, ArrayInput> | undefined {
  if (!isEventMonitor(monitor)) return undefined;
  if (!monitor.record) fail(where, `'${monitor.name}' was created with record: false, so it has no events to tabulate`);
  const out: Record<string, ArrayInput> = { t: monitor.t, i: monitor.i };
  for (const name of monitor.recordVariables) add(out, name, monitor.get(name) satisfies QuantityArray, monitor.name, where);
  return out;
}

/** Whether `x` is a monitor the export functions accept. */
export function isExportableMonitor(x: unknown): x is ExportableMonitor {
  return isStateMonitor(x) || isEventMonitor(x) || x instanceof PopulationRateMonitor;
}
