/**
 * The schedule (Brian2's `Network.sorted_objects` and `scheduling_summary`): slot `k` of the
 * schedule gets key `3k+1`, `before_<slot>` `3k` and `after_<slot>` `3k+2`; objects sort by
 * (slot key, order, name).
 */
import { BrianObject } from './brian-object.ts';
import { SchedulingError } from './errors.ts';

/** Brian2's `core.network.default_schedule`. */
export const DEFAULT_SCHEDULE: readonly string[] = Object.freeze(['start', 'groups', 'thresholds', 'synapses', 'resets', 'end']);

/** Validates a custom schedule: non-empty names, no `before_`/`after_` prefixes, no repeats. */
export function checkSchedule(schedule: readonly string[]): void {
  if (!Array.isArray(schedule) || !schedule.every((s) => typeof s === 'string')) {
    throw new SchedulingError('Schedule has to be null or a sequence of scheduling slots');
  }
  if (schedule.some((s) => s.startsWith('before_') || s.startsWith('after_'))) {
    throw new SchedulingError(
      "Slot names are not allowed to start with 'before_' or 'after_' -- such slot names are created automatically based on the existing slot names.",
    );
  }
  const seen = new Set<string>();
  for (const s of schedule) {
    if (seen.has(s)) throw new SchedulingError(`The schedule contains the slot '${s}' more than once.`);
    seen.add(s);
  }
}

/** Slot keys: `before_X` → 3k, `X` → 3k+1, `after_X` → 3k+2. */
export function slotKeys(schedule: readonly string[]): Map<string, number> {
  const keys = new Map<string, number>();
  schedule.forEach((slot, k) => {
    keys.set(`before_${slot}`, 3 * k);
    keys.set(slot, 3 * k + 1);
    keys.set(`after_${slot}`, 3 * k + 2);
  });
  return keys;
}

/** Python's string ordering (by code point), used for the final tie-break by name. */
function compareNames(a: string, b: string): number {
  if (a === b) return 0;
  const ca = Array.from(a);
  const cb = Array.from(b);
  for (let k = 0; k < Math.min(ca.length, cb.length); k++) {
    const x = ca[k]!.codePointAt(0)!;
    const y = cb[k]!.codePointAt(0)!;
    if (x !== y) return x - y;
  }
  return ca.length - cb.length;
}

/** Sorts objects into run order; an unknown `when` is a SchedulingError naming the object and the valid slots. */
export function sortObjects(objects: Iterable<BrianObject>, schedule: readonly string[] = DEFAULT_SCHEDULE): BrianObject[] {
  const keys = slotKeys(schedule);
  const keyed = Array.from(objects, (obj) => {
    const key = keys.get(obj.when);
    if (key === undefined) {
      throw new SchedulingError(
        `Object '${obj.name}' uses the scheduling slot '${obj.when}', which is not in the schedule. ` +
          `Valid slots are: ${Array.from(keys.keys()).sort((a, b) => keys.get(a)! - keys.get(b)!).join(', ')}.`,
      );
    }
    return { obj, key };
  });
  keyed.sort((a, b) => a.key - b.key || a.obj.order - b.obj.order || compareNames(a.obj.name, b.obj.name));
  return keyed.map((k) => k.obj);
}

/** All objects and, recursively, their contained objects (each once). */
export function allObjects(objects: Iterable<BrianObject>): Set<BrianObject> {
  const out = new Set<BrianObject>();
  const visit = (obj: BrianObject): void => {
    if (out.has(obj)) return;
    out.add(obj);
    for (const c of obj.containedObjects) visit(c);
  };
  for (const obj of objects) visit(obj);
  return out;
}

/** One row of a scheduling summary. */
export interface ScheduleEntry {
  readonly name: string;
  readonly type: string;
  readonly owner: { readonly name: string; readonly type: string } | undefined;
  readonly dt: number;
  readonly when: string;
  readonly order: number;
  readonly active: boolean;
}

function pad(s: string, width: number, align: '<' | '>' | '^'): string {
  const fill = Math.max(0, width - s.length);
  if (align === '<') return s + ' '.repeat(fill);
  if (align === '>') return ' '.repeat(fill) + s;
  const left = Math.floor(fill / 2);
  return ' '.repeat(left) + s + ' '.repeat(fill - left);
}

/** `obj.owner`, else a `group` property (Brian2 reads `getattr(obj, 'group', None)`). */
function ownerOf(obj: BrianObject): { name: string; type: string } | undefined {
  const group: unknown = obj.owner ?? (obj as unknown as { group?: unknown }).group;
  return group instanceof BrianObject ? { name: group.name, type: group.constructor.name } : undefined;
}

/** Brian2's `SchedulingSummary`: the run order of the leaf objects; `toString()` prints Brian2's table. */
export class SchedulingSummary {
  /** Leaf objects (those without contained objects) in run order. */
  readonly entries: readonly ScheduleEntry[];

  constructor(sortedObjects: readonly BrianObject[]) {
    this.entries = sortedObjects
      .filter((obj) => obj.containedObjects.length === 0)
      .map((obj) => ({
        name: obj.name,
        type: obj.constructor.name,
        owner: ownerOf(obj),
        dt: obj.clock.dtSeconds,
        when: obj.when,
        order: obj.order,
        active: obj.active,
      }));
    this.dtStrings = new Map(sortedObjects.map((obj) => [obj.clock.dtSeconds, String(obj.clock.dt)]));
  }

  private readonly dtStrings: Map<number, string>;

  toString(): string {
    const dts = [...new Set(this.entries.map((e) => e.dt))].sort((a, b) => a - b);
    const fastest = dts[0] ?? 1;
    const header = ['object', 'part of', 'Clock dt', 'when', 'order', 'active'];
    const rows = this.entries.map((e) => {
      const steps = Math.trunc(e.dt / fastest);
      return [
        `${e.name} (${e.type})`,
        e.owner === undefined ? '--' : `${e.owner.name} (${e.owner.type})`,
        `${this.dtStrings.get(e.dt) ?? String(e.dt)} (every ${steps === 1 ? 'step' : `${steps} steps`})`,
        e.when,
        String(e.order),
        e.active ? 'yes' : 'no',
      ];
    });
    const aligns: ('<' | '>' | '^')[] = ['<', '<', '<', '<', '>', '^'];
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
    const line = widths.map((w) => '-'.repeat(w)).join('-+-');
    const head = header.map((h, c) => pad(h, widths[c]!, '^')).join(' | ');
    const body = rows.map((r) => r.map((cell, c) => pad(cell, widths[c]!, aligns[c]!)).join(' | '));
    return [head, line, ...body].join('\n');
  }
}
