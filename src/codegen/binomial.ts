/**
 * Binomial sampling functions (Brian2's `BinomialFunction`, `brian2/input/binomial.py`): a
 * stateful zero-argument function whose parameters are baked in at creation. Generated code
 * does not call the implementation: lowering recognises it ({@link binomialOf}) and emits a
 * random draw from the counter-based streams, so `seed(n)` makes it reproducible.
 *
 * - Normal approximation (`approximate` and `n·p > 5` and `n·(1-p) > 5`): `randn()*scale + loc`
 *   with `loc = n·p`, `scale = sqrt(n·p·(1-p))`, lowered to exactly that expression.
 * - Otherwise inversion sampling as Brian2's C++ implementation (numpy's `rk_binomial_inversion`):
 *   one uniform (draw 0, the fast path of `rand()`), a fresh one (draws 1, 2, …) on each restart
 *   past `bound`; for `p > 0.5` it samples `n - Binomial(n, 1-p)`.
 */
import { defineFunction } from '../inference/index.ts';
import { DIMENSIONLESS } from '../units/index.ts';
import type { FunctionImplementation } from '../variables/index.ts';
import { CodegenError } from './errors.ts';
import type { UserFunction } from './functions.ts';
import { defaultRandomState, drawKey, normalAt, streamKey, uniformAt } from './random.ts';

/** The precomputed constants of one binomial function (Brian2's `_pre_calc_constants*`). */
export interface BinomialParameters {
  readonly n: number;
  readonly p: number;
  /** Whether the normal approximation is used. */
  readonly normal: boolean;
  /** Normal approximation: `n·p` and `sqrt(n·p·(1-p))`. */
  readonly loc: number;
  readonly scale: number;
  /** Inversion: sample `n - X` with `X ~ Binomial(n, 1-p)` when `p > 0.5`. */
  readonly reverse: boolean;
  /** Inversion: `P = min(p, 1-p)`, `q = 1 - P`, `qn = q^n`, restart bound `min(n, n·P + 10·sqrt(n·P·q + 1))`. */
  readonly P: number;
  readonly q: number;
  readonly qn: number;
  readonly bound: number;
  /**
   * Inversion: the probabilities `p_x` of the loop's recurrence (`p_0 = qn`, `p_x = (n-x+1)·P·p_{x-1}/(x·q)`),
   * computed once with the loop's own operations (so the same bits) for `x ≤ bound` when that is
   * at most {@link INVERSION_TABLE_LIMIT} entries; empty otherwise. The recurrence does not depend on
   * the uniform, so reading it from the table changes no draw, and it takes a division off every
   * iteration's dependency chain.
   */
  readonly table: Float64Array;
  /** `cumulative[x] = table[0] + … + table[x]` (rounded sums; see {@link binomialInversion}). */
  readonly cumulative: Float64Array;
  /** `guide[g]` = the smallest `x` with `cumulative[x] >= g / GUIDE_SIZE` (where the search starts). */
  readonly guide: Int32Array;
}

const GUIDE_SIZE = 64;
/**
 * How far `u` must be from a rounded cumulative sum for the table search to decide as the loop
 * does: the loop's `U` after x subtractions and the rounded sums each differ from the exact
 * real values by at most (x + 1)·2⁻⁵³ (all terms ≤ 1), and x < 4096 here, so 1e-11 is safe.
 */
const SEARCH_MARGIN = 1e-11;

/** The largest inversion table kept (entries); beyond it the loop computes the recurrence. */
export const INVERSION_TABLE_LIMIT = 4096;

/**
 * The constants for `Binomial(n, p)`; `n` a non-negative integer, `p` in [0, 1].
 * Uses the normal approximation when `approximate && n·p > 5 && n·(1-p) > 5` (Brian2's rule).
 */
export function binomialParameters(n: number, p: number, approximate = true, owner = '_binomial'): BinomialParameters {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw new CodegenError('domain-error', owner, `The number of samples n of binomial function '${owner}' has to be an integer >= 0, got ${String(n)}.`);
  }
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
    throw new CodegenError('domain-error', owner, `The probability p of binomial function '${owner}' has to be in [0, 1], got ${String(p)}.`);
  }
  const normal = approximate && n * p > 5 && n * (1 - p) > 5;
  const loc = n * p;
  const scale = Math.sqrt(n * p * (1 - p));
  const reverse = p > 0.5;
  const P = reverse ? 1.0 - p : p;
  const q = 1.0 - P;
  const qn = Math.exp(n * Math.log(q));
  const bound = Math.min(n, n * P + 10.0 * Math.sqrt(n * P * q + 1));
  if (!normal && qn === 0) {
    // Inversion starts from P(X = 0) = q^n; at 0 its loop would never end (Brian2's and numpy's too).
    throw new CodegenError('domain-error', owner, `Binomial function '${owner}' with n = ${n} and p = ${p} cannot be sampled by inversion (P(X = 0) = ${q}^${n} underflows to 0); use the normal approximation (approximate = true).`);
  }
  const size = normal || !(bound < INVERSION_TABLE_LIMIT) ? 0 : Math.floor(bound) + 1;
  const table = new Float64Array(size);
  const cumulative = new Float64Array(size);
  const guide = new Int32Array(size > 0 ? GUIDE_SIZE : 0);
  if (size > 0) {
    let px = qn;
    table[0] = px;
    for (let x = 1; x < size; x++) {
      px = ((n - x + 1) * P * px) / (x * q);
      table[x] = px;
    }
    let sum = 0;
    for (let x = 0; x < size; x++) cumulative[x] = sum += table[x]!;
    let x = 0;
    for (let g = 0; g < GUIDE_SIZE; g++) {
      while (x < size - 1 && cumulative[x]! < g / GUIDE_SIZE) x++;
      guide[g] = x;
    }
  }
  return Object.freeze({ n, p, normal, loc, scale, reverse, P, q, qn, bound, table, cumulative, guide });
}

/**
 * Inversion sampling from the first uniform `u` (draw 0 of the site); restarts take draws 1, 2, …
 * of the same (key, counter). Called by generated code after its inlined uniform.
 */
export function binomialInversion(u: number, k0: number, k1: number, c0: number, c1: number, b: BinomialParameters): number {
  const table = b.table;
  if (table.length > 0) {
    // Guide-table search over the cumulative sums: where u is clearly (SEARCH_MARGIN) between
    // two of them, the loop below stops at the same x; otherwise (≈ 1e-11 of the draws) or past
    // the restart bound, run the loop itself.
    const cumulative = b.cumulative;
    const last = cumulative.length - 1;
    let x = b.guide[(u * GUIDE_SIZE) | 0]!;
    while (x <= last && u > cumulative[x]!) x++;
    if (x <= last && cumulative[x]! - u > SEARCH_MARGIN && (x === 0 || u - cumulative[x - 1]! > SEARCH_MARGIN)) return b.reverse ? b.n - x : x;
  }
  if (table.length > 0) {
    // The same loop with the recurrence read from the table (x never exceeds bound here).
    let x = 0;
    let px = table[0]!;
    let U = u;
    let j = 1;
    while (U > px) {
      x++;
      if (x > b.bound) {
        x = 0;
        px = table[0]!;
        U = uniformAt(k0, drawKey(k1, j++), c0, c1);
      } else {
        U -= px;
        px = table[x]!;
      }
    }
    return b.reverse ? b.n - x : x;
  }
  let x = 0;
  let px = b.qn;
  let U = u;
  let j = 1;
  while (U > px) {
    x++;
    if (x > b.bound) {
      x = 0;
      px = b.qn;
      U = uniformAt(k0, drawKey(k1, j++), c0, c1);
    } else {
      U -= px;
      px = ((b.n - x + 1) * b.P * px) / (x * b.q);
    }
  }
  return b.reverse ? b.n - x : x;
}

/** An inversion-sampled binomial draw (the same number generated code computes). */
export function binomialAt(k0: number, k1: number, c0: number, c1: number, b: BinomialParameters): number {
  return binomialInversion(uniformAt(k0, k1, c0, c1), k0, k1, c0, c1, b);
}

const registry = new WeakMap<FunctionImplementation, BinomialParameters>();

/** The binomial parameters of an implementation made by {@link defineBinomialFunction}, if it is one. */
export function binomialOf(implementation: FunctionImplementation): BinomialParameters | undefined {
  return registry.get(implementation);
}

/**
 * A binomial sampling function, `name()` in model strings once in a namespace (Brian2's
 * `BinomialFunction(n, p, approximate)`): stateful, dimensionless, float. A direct call of the
 * implementation (outside generated code) draws from the default random state's stream
 * `binomial:<name>` (reset by `seed()`).
 */
export function defineBinomialFunction(name: string, n: number, p: number, approximate = true): UserFunction {
  const params = binomialParameters(n, p, approximate, name);
  const stream = `binomial:${name}`;
  const key = streamKey(stream);
  const implementation: FunctionImplementation = () => {
    const counter = defaultRandomState.counter(stream);
    const c0 = counter[0]!;
    counter[0] = c0 + 1;
    const k0 = defaultRandomState.seedWord[0]!;
    return params.normal ? normalAt(k0, key, c0, 0) * params.scale + params.loc : binomialAt(k0, key, c0, 0, params);
  };
  registry.set(implementation, params);
  const descriptor = defineFunction({ name, argUnits: [], argTypes: [], returnDim: DIMENSIONLESS, returnType: 'float', stateful: true });
  return Object.freeze({ kind: 'user-function', name, descriptor, implementation });
}
