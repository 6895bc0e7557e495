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
}

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
  return Object.freeze({ n, p, normal, loc, scale, reverse, P, q, qn, bound });
}

/**
 * Inversion sampling from the first uniform `u` (draw 0 of the site); restarts take draws 1, 2, …
 * of the same (key, counter). Called by generated code after its inlined uniform.
 */
export function binomialInversion(u: number, k0: number, k1: number, c0: number, c1: number, b: BinomialParameters): number {
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
