/**
 * Brian2's default functions (`DEFAULT_FUNCTIONS` in brian2/core/functions.py) as the symbolic
 * layer sees them: arity, numeric implementation, and whether a call may be folded or merged.
 */

/** How a built-in function behaves for evaluation and simplification. */
export interface BuiltinFunction {
  readonly name: string;
  readonly arity: number;
  /** False for functions that draw random numbers: two calls are two different values. */
  readonly stateless: boolean;
  /** Result is an integer whenever all arguments are integers (Brian's `return_type='highest'` or `'integer'`). */
  readonly integerResult: 'always' | 'if-args' | 'never';
  readonly apply: (args: readonly number[]) => number;
}

/** `(exp(x) - 1)/x` with Brian2's guards (brian2/units/unitsafefunctions.py `exprel`). */
export function exprel(x: number): number {
  if (Math.abs(x) < 1e-16) return 1;
  if (x > 717) return Infinity;
  return Math.expm1(x) / x;
}

/** numpy's `sign`: -1, 0 or 1 (NaN stays NaN). */
function sign(x: number): number {
  return x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : Number.NaN;
}

/** numpy's `clip(a, lo, hi)` = `min(max(a, lo), hi)`. */
function clip(a: number, lo: number, hi: number): number {
  return Math.min(Math.max(a, lo), hi);
}

/** Standard normal sample (Box–Muller); only used when no random source is given. */
function gaussian(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Poisson sample by Knuth's multiplication method (fine for the small λ of a reference evaluator). */
function poissonSample(lam: number, random: () => number): number {
  const limit = Math.exp(-lam);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

const unary = (name: string, f: (x: number) => number, integerResult: BuiltinFunction['integerResult'] = 'never'): BuiltinFunction => ({
  name,
  arity: 1,
  stateless: true,
  integerResult,
  apply: (args) => f(args[0]!),
});

/** Builds the table of built-in functions; `random` drives `rand`, `randn` and `poisson`. */
export function builtinFunctions(random: () => number = Math.random): ReadonlyMap<string, BuiltinFunction> {
  const list: BuiltinFunction[] = [
    unary('exp', Math.exp),
    unary('log', Math.log),
    unary('log10', Math.log10),
    unary('sqrt', Math.sqrt),
    unary('expm1', Math.expm1),
    unary('log1p', Math.log1p),
    unary('exprel', exprel),
    unary('sin', Math.sin),
    unary('cos', Math.cos),
    unary('tan', Math.tan),
    unary('sinh', Math.sinh),
    unary('cosh', Math.cosh),
    unary('tanh', Math.tanh),
    unary('arcsin', Math.asin),
    unary('arccos', Math.acos),
    unary('arctan', Math.atan),
    unary('abs', Math.abs, 'if-args'),
    unary('sign', sign, 'if-args'),
    // Brian documents floor/ceil as always returning floats.
    unary('floor', Math.floor),
    unary('ceil', Math.ceil),
    unary('int', Math.trunc, 'always'),
    { name: 'clip', arity: 3, stateless: true, integerResult: 'if-args', apply: (a) => clip(a[0]!, a[1]!, a[2]!) },
    {
      name: 'timestep',
      arity: 2,
      stateless: true,
      integerResult: 'always',
      apply: (a) => Math.trunc((a[0]! + 1e-3 * a[1]!) / a[1]!),
    },
    { name: 'rand', arity: 0, stateless: false, integerResult: 'never', apply: () => random() },
    { name: 'randn', arity: 0, stateless: false, integerResult: 'never', apply: () => gaussian(random) },
    { name: 'poisson', arity: 1, stateless: false, integerResult: 'always', apply: (a) => poissonSample(a[0]!, random) },
  ];
  return new Map(list.map((f) => [f.name, f]));
}

/** The default table (Math.random for the stateful functions). */
export const BUILTIN_FUNCTIONS: ReadonlyMap<string, BuiltinFunction> = builtinFunctions();

/** Brian's constants that can never be shadowed inside model strings. */
export const BUILTIN_CONSTANTS: ReadonlyMap<string, number> = new Map([
  ['pi', Math.PI],
  ['e', Math.E],
  ['inf', Infinity],
]);

/** Names of the default stateful functions (`rand`, `randn`, `poisson`). */
export const DEFAULT_STATEFUL_FUNCTIONS: ReadonlySet<string> = new Set(
  [...BUILTIN_FUNCTIONS.values()].filter((f) => !f.stateless).map((f) => f.name),
);
