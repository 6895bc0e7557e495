/**
 * Unique object names as Brian2's `Nameable`/`find_name`: `'neurongroup*'` becomes `neurongroup`,
 * or `neurongroup_1`, `neurongroup_2`, … when taken. A name is taken when an object of the
 * current scope holds it; `startScope()` frees every name (see {@link resetNames}).
 *
 * Why per scope and not Brian2's "held by a live object": Brian2 (CPython) frees an object as soon
 * as its last reference goes, so a rebuild after `start_scope()` gets `neurongroup` again. In JS,
 * collection happens whenever the GC likes, so "live" names would differ from run to run — and
 * random streams are keyed by names, so the same seed would give different numbers on a rebuild.
 * (A WeakRef also keeps its target alive until the current job ends, so tracking holders with
 * WeakRefs kept every object of a synchronous rebuild loop in memory.) Per-scope names are a
 * pure function of what was created since the last `startScope()`. Objects of an older scope
 * may share a name with newer ones; a network holding both rejects the duplicate as Brian2 does.
 */
import { InvalidNameError } from './errors.ts';

const NAME_PATTERN = /^[_A-Za-z][_a-zA-Z0-9]*\*?$/;

/** Names claimed in the current scope. */
let taken = new Set<string>();
/** Per `name*` base: the suffix to try first (every smaller one is taken; names are never freed within a scope). */
let nextSuffix = new Map<string, number>();

function candidate(base: string, k: number): string {
  return k === 0 ? base : `${base}_${k}`;
}

function firstFree(base: string): number {
  let k = nextSuffix.get(base) ?? 0;
  while (taken.has(candidate(base, k))) k++;
  return k;
}

/** Brian2's `find_name`: the requested name, or the first free `name_k` for a `name*` request. */
export function findName(requested: string): string {
  if (!requested.endsWith('*')) return requested;
  const base = requested.slice(0, -1);
  return candidate(base, firstFree(base));
}

/**
 * Validates `requested`, picks the unique name and records it as taken in the current scope.
 * Explicit names (without `*`) are not checked for uniqueness, as in Brian2: a network rejects
 * duplicates. `_owner` is the object (kept for the signature; names no longer track holders).
 */
export function claimName(_owner: object, requested: string): string {
  if (typeof requested !== 'string') {
    throw new InvalidNameError(`'name' argument has to be a string, is type ${typeof requested} instead`);
  }
  if (!NAME_PATTERN.test(requested)) throw new InvalidNameError(`Name ${requested} not valid variable name`);
  let name = requested;
  if (requested.endsWith('*')) {
    const base = requested.slice(0, -1);
    const k = firstFree(base);
    nextSuffix.set(base, k + 1);
    name = candidate(base, k);
  }
  taken.add(name);
  return name;
}

/** Frees every name (called by `startScope()`): the next `name*` request gets `name` again. */
export function resetNames(): void {
  taken = new Set();
  nextSuffix = new Map();
}

/** Frees `name` (an object whose construction failed): the next matching `name*` request may take it again. */
export function releaseName(_owner: object, name: string): void {
  if (!taken.delete(name)) return;
  const lower = (base: string, k: number): void => {
    const next = nextSuffix.get(base);
    if (next !== undefined && next > k) nextSuffix.set(base, k);
  };
  lower(name, 0);
  const suffixed = /^(.*)_(\d+)$/.exec(name);
  if (suffixed !== null) lower(suffixed[1]!, Number(suffixed[2]));
}
