/**
 * Unique object names as Brian2's `Nameable`/`find_name`: `'neurongroup*'` becomes `neurongroup`,
 * or `neurongroup_1`, `neurongroup_2`, … when taken. A name is taken while an object holding it
 * is alive (Brian2 uses weak references; here WeakRefs, so names of garbage-collected objects
 * become free again, as in Brian2 when an object is deleted).
 */
import { InvalidNameError } from './errors.ts';

const NAME_PATTERN = /^[_A-Za-z][_a-zA-Z0-9]*\*?$/;

const holders = new Map<string, WeakRef<object>[]>();

function isTaken(name: string): boolean {
  const refs = holders.get(name);
  if (refs === undefined) return false;
  const alive = refs.filter((r) => r.deref() !== undefined);
  if (alive.length === 0) {
    holders.delete(name);
    return false;
  }
  if (alive.length !== refs.length) holders.set(name, alive);
  return true;
}

/** Brian2's `find_name`: the requested name, or the first free `name_k` for a `name*` request. */
export function findName(requested: string): string {
  if (!requested.endsWith('*')) return requested;
  const base = requested.slice(0, -1);
  if (!isTaken(base)) return base;
  let k = 1;
  while (isTaken(`${base}_${k}`)) k++;
  return `${base}_${k}`;
}

/**
 * Validates `requested`, picks the unique name and records `owner` as its holder. Explicit
 * names (without `*`) are not checked for uniqueness, as in Brian2: a network rejects duplicates.
 */
export function claimName(owner: object, requested: string): string {
  if (typeof requested !== 'string') {
    throw new InvalidNameError(`'name' argument has to be a string, is type ${typeof requested} instead`);
  }
  if (!NAME_PATTERN.test(requested)) throw new InvalidNameError(`Name ${requested} not valid variable name`);
  const name = findName(requested);
  const refs = holders.get(name);
  if (refs === undefined) holders.set(name, [new WeakRef(owner)]);
  else refs.push(new WeakRef(owner));
  return name;
}

/** Frees `name` held by `owner` (an object whose construction failed). */
export function releaseName(owner: object, name: string): void {
  const refs = holders.get(name);
  if (refs === undefined) return;
  const rest = refs.filter((r) => r.deref() !== owner);
  if (rest.length === 0) holders.delete(name);
  else holders.set(name, rest);
}
