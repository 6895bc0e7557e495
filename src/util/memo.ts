/**
 * Bounded memo tables for the build front-end (parsing, equations, state-updater derivation):
 * a rebuild of the same model — the next point of a sweep, a second `run()` — reuses the pure
 * results of the first build instead of re-deriving them (and V8 stops tiering up front-end
 * functions build after build). Results are deep-frozen, so a caller that mutated one would
 * throw instead of changing another build's input. Failures are never stored: bad input is
 * re-checked, and throws its typed error, on every build.
 */

/** Default number of entries per table; a full table is emptied (as the code factory cache). */
export const MEMO_CAPACITY = 512;

let memoEnabled = true;
const tables: Memo<unknown>[] = [];

/** A Map with a size cap: emptied when full, so memory stays bounded over any number of builds. */
export class Memo<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly capacity = MEMO_CAPACITY) {
    tables.push(this as Memo<unknown>);
  }
  get(key: string): V | undefined {
    return memoEnabled ? this.map.get(key) : undefined;
  }
  set(key: string, value: V): V {
    if (!memoEnabled) return value;
    if (this.map.size >= this.capacity) this.map.clear();
    this.map.set(key, value);
    return value;
  }
  get size(): number {
    return this.map.size;
  }
  clear(): void {
    this.map.clear();
  }
}

/** Empties every front-end memo table (a cold cache, for tests and benchmarks). */
export function clearMemos(): void {
  for (const t of tables) t.clear();
}

/** Turns the front-end memo tables on or off (off: every build derives everything; for tests and benchmarks). */
export function setMemosEnabled(enabled: boolean): void {
  memoEnabled = enabled;
  if (!enabled) clearMemos();
}

/** The total number of entries in the front-end memo tables. */
export function memoEntries(): number {
  return tables.reduce((n, t) => n + t.size, 0);
}

/** Every object frozen by {@link deepFreeze} (so with everything reachable from it frozen too). */
const deeplyFrozen = new WeakSet<object>();

/** Whether `value` was frozen by {@link deepFreeze}: it and everything reachable from it can never change. */
export function isDeepFrozen(value: object): boolean {
  return deeplyFrozen.has(value);
}

/** Whether the memo tables are on (see {@link setMemosEnabled}). */
export function memosEnabled(): boolean {
  return memoEnabled;
}

/** Freezes `value` and every plain object and array reachable from it; returns it. */
export function deepFreeze<T>(value: T, seen = new Set<object>()): T {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value) || seen.has(value)) return value;
  seen.add(value);
  Object.freeze(value);
  deeplyFrozen.add(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key], seen);
  return value;
}

/** A number as a key part that tells -0, NaN and every double apart. */
export function numberKey(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}
