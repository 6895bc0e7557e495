/** Grouping of recorded events by element: Brian2's `values`, `event_trains`, `spike_trains`. */
import { QuantityArray } from '../units/index.ts';
import type { Dimension } from '../units/index.ts';

/**
 * Splits `values` (one per event, in recording order) by the element index `i` of each event:
 * entry `k` holds element k's values in recording (time) order, empty for silent elements. A
 * stable counting sort, O(events + N).
 */
export function groupByIndex(i: Int32Array, values: Float64Array, N: number, dim: Dimension): QuantityArray[] {
  const counts = new Int32Array(N + 1);
  for (let e = 0; e < i.length; e++) counts[i[e]! + 1]!++;
  for (let k = 0; k < N; k++) counts[k + 1]! += counts[k]!;
  const sorted = new Float64Array(i.length);
  const next = counts.slice(0, N);
  for (let e = 0; e < i.length; e++) sorted[next[i[e]!]!++] = values[e]!;
  const out = new Array<QuantityArray>(N);
  for (let k = 0; k < N; k++) out[k] = new QuantityArray(sorted.slice(counts[k]!, counts[k + 1]!), dim);
  return out;
}
