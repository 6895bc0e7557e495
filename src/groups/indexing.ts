/** Index arithmetic for subgroups and for state-variable views (Brian2's `to_start_stop`, `slice.indices`). */
import { GroupError } from './errors.ts';

/** Python's `slice(start, stop).indices(n)` for step 1: negative values count from the end, then clamp to [0, n]. */
export function sliceBounds(n: number, start?: number, stop?: number): [number, number] {
  const norm = (x: number | undefined, fallback: number): number => {
    if (x === undefined) return fallback;
    const y = x < 0 ? x + n : x;
    return Math.min(Math.max(y, 0), n);
  };
  return [norm(start, 0), norm(stop, n)];
}

/**
 * The `[start, stop)` of a subgroup, from Brian2's `G[a:b]` (`{ start, stop }`), `G[i]` (a number)
 * or `G[[3, 4, 5]]` (contiguous ascending indices), with Brian2's checks and messages.
 */
export function toStartStop(
  objectName: string,
  item: number | readonly number[] | { readonly start?: number; readonly stop?: number },
  n: number,
): [number, number] {
  const fail = (message: string): never => {
    throw new GroupError('invalid-index', objectName, `Cannot create a subgroup of '${objectName}': ${message}`);
  };
  let start: number;
  let stop: number;
  if (typeof item === 'number') {
    if (!Number.isInteger(item)) fail(`Subgroups can only be constructed using integer values, got ${item}.`);
    start = item;
    stop = item + 1;
  } else if (Array.isArray(item)) {
    const indices = item as readonly number[];
    if (indices.some((x) => !Number.isInteger(x))) fail('Subgroups can only be constructed using integer values.');
    if (indices.length === 0 || indices.some((x, k) => k > 0 && x - indices[k - 1]! !== 1)) {
      fail('Subgroups can only be constructed using contiguous indices.');
    }
    start = indices[0]!;
    stop = indices[indices.length - 1]! + 1;
  } else if (typeof item !== 'object' || item === null) {
    // Brian2's TypeError for `G['v > 0']` and other non-index items.
    return fail(`Subgroups can only be constructed using slicing syntax, a single index, or an array of contiguous indices, got ${typeof item === 'string' ? `'${item}'` : String(item)}.`);
  } else {
    const { start: a, stop: b } = item as { readonly start?: number; readonly stop?: number };
    for (const x of [a, b]) if (x !== undefined && !Number.isInteger(x)) fail(`Slice bounds have to be integers, got ${x}.`);
    [start, stop] = sliceBounds(n, a, b);
  }
  if (start >= stop) fail(`Illegal start/end values for subgroup, ${start}>=${stop}.`);
  if (start >= n) fail(`Illegal start value for subgroup, ${start}>=${n}.`);
  if (stop > n) fail(`Illegal stop value for subgroup, ${stop}>${n}.`);
  if (start < 0) fail('Indices have to be positive.');
  return [start, stop];
}

/**
 * Resolves user indices into a view of `n` elements: a number (negative counts from the end) or
 * an array of numbers. Out-of-range or non-integer indices throw a GroupError naming the variable.
 */
export function resolveIndices(objectName: string, variable: string, indices: number | ArrayLike<number>, n: number): Int32Array {
  const list = typeof indices === 'number' ? [indices] : Array.from(indices);
  const out = new Int32Array(list.length);
  for (let k = 0; k < list.length; k++) {
    const x = list[k]!;
    if (!Number.isInteger(x)) {
      throw new GroupError('invalid-index', objectName, `Index ${x} for '${objectName}.${variable}' is not an integer.`, { variable });
    }
    const y = x < 0 ? x + n : x;
    if (y < 0 || y >= n) {
      throw new GroupError('invalid-index', objectName, `Index ${x} is out of bounds for '${objectName}.${variable}' with ${n} elements.`, { variable });
    }
    out[k] = y;
  }
  return out;
}
