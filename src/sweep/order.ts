/**
 * The order in which a sweep hands out its points. Results never depend on it (a point's seed is a
 * function of its index, and the table is by index); what it changes is how often a worker
 * compiles code. Code generation captures a namespace constant as a value only once it has seen
 * it change between two builds (codegen's `'varying'` constants): in index order a worker's
 * first points of a cartesian grid vary the last parameter first, so it compiles its step code
 * once per parameter that starts to vary (three times for a two-parameter grid). Handing out
 * points so that each one differs from the one before in every parameter that varies lets a
 * worker's second point capture them all at once: two compiles per worker, and fewer
 * re-optimisations of new code (session 11, s11-sweep).
 */
import type { PointTask } from './runner.ts';

/** How far ahead in the remaining points the search for a differing one looks (keeps it O(n)). */
const LOOKAHEAD = 256;

/**
 * `tasks` reordered so that, where possible, each point differs from the previous one in every
 * parameter whose value is not the same across all tasks: greedily, the first remaining point
 * (within {@link LOOKAHEAD}) that does, else the first remaining one. The first point stays first.
 * `BRIAN_TS_SWEEP_ORDER=index` keeps index order (for before/after measurements).
 */
export function handOutOrder(tasks: readonly PointTask[]): PointTask[] {
  if (process.env['BRIAN_TS_SWEEP_ORDER'] === 'index' || tasks.length < 3) return [...tasks];
  const width = tasks[0]!.values.length;
  const varying: number[] = [];
  for (let k = 0; k < width; k++) if (tasks.some((t) => t.values[k] !== tasks[0]!.values[k])) varying.push(k);
  if (varying.length === 0) return [...tasks];
  // The remaining points as a linked list in index order (removal O(1), the search O(LOOKAHEAD)).
  const n = tasks.length;
  const next = Int32Array.from({ length: n }, (_, k) => k + 1);
  const prevOf = Int32Array.from({ length: n }, (_, k) => k - 1);
  let head = 1; // task 0 goes first
  prevOf[1] = -1;
  next[n - 1] = -1;
  const out: PointTask[] = [tasks[0]!];
  while (head !== -1) {
    const last = out[out.length - 1]!.values;
    let pick = head;
    for (let c = head, seen = 0; c !== -1 && seen < LOOKAHEAD; c = next[c]!, seen++) {
      const v = tasks[c]!.values;
      if (varying.every((k) => v[k] !== last[k])) {
        pick = c;
        break;
      }
    }
    out.push(tasks[pick]!);
    const a = prevOf[pick]!;
    const b = next[pick]!;
    if (a === -1) head = b;
    else next[a] = b;
    if (b !== -1) prevOf[b] = a;
  }
  return out;
}
