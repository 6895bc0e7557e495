/**
 * String conditions on a monitor's recorded arrays (Brian2's `spikemon.t['i == 1']`,
 * `ratemon.rate['t > 5*ms']`): the condition is checked and evaluated by generated code over the
 * recorded arrays, one element per recorded entry.
 */
import { NameResolution, indicesWhere } from '../groups/index.ts';
import { QuantityArray } from '../units/index.ts';
import type { Dimension } from '../units/index.ts';
import { Variables, createArrayVariable } from '../variables/index.ts';

/** One recorded array a condition may name. */
export interface RecordedColumn {
  readonly values: ArrayLike<number>;
  readonly dim: Dimension;
  readonly dtype: 'float64' | 'int32';
}

/** The entries (0…N−1) where `condition` holds over the recorded columns. */
export function recordedWhere(monitorName: string, condition: string, columns: Readonly<Record<string, RecordedColumn>>, N: number): Int32Array {
  const table = new Variables(monitorName);
  for (const [name, c] of Object.entries(columns)) {
    table.set(name, createArrayVariable(name, { size: N, dtype: c.dtype, dim: c.dim, values: c.values, readOnly: true }, monitorName));
  }
  table.addConstant('N', { value: N, type: 'integer' });
  return indicesWhere(monitorName, new NameResolution(monitorName, table, {}, {}), condition, N);
}

// A key is taken for a condition only when it is not a plain name, so property probes by tools
// (`asymmetricMatch`, `nodeType`, …) still read as absent.
const CONDITION_KEY = /[^A-Za-z0-9_$]/;

/**
 * A QuantityArray that also answers `q['i == 1']`. The type admits conditions written with a
 * space (`'i == 1'`); others (`'i==1'`) work at run time through a cast.
 */
export type ConditionalQuantityArray = QuantityArray & { readonly [condition: `${string} ${string}`]: QuantityArray };

/**
 * `q` that also answers `q['i == 1']` with the elements where the condition holds (a copy).
 * Everything else reads from `q` unchanged.
 */
export function withConditions(q: QuantityArray, select: (condition: string) => Int32Array): ConditionalQuantityArray {
  return new Proxy(q as ConditionalQuantityArray, {
    get(target, key, receiver) {
      if (typeof key === 'symbol' || key in target || !CONDITION_KEY.test(key) || /^-?\d+$/.test(key)) return Reflect.get(target, key, receiver);
      const indices = select(key);
      return new QuantityArray(Float64Array.from(indices, (k) => target.values[k]!), target.dim);
    },
  });
}
