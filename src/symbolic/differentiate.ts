/**
 * Symbolic differentiation of Brian expressions, covering every default function of Brian2.
 * Piecewise-constant functions (sign, floor, ceil, int, comparisons) have derivative 0, which
 * is right everywhere except at their jumps.
 */
import { binary, call, compare, logical, num, unary } from '../parsing/index.ts';
import type { ArithmeticOp, Expr } from '../parsing/index.ts';
import { NonDifferentiableError } from './errors.ts';
import { dependsOn } from './expr.ts';
import { DEFAULT_STATEFUL_FUNCTIONS } from './functions.ts';
import { formatExpr } from './format.ts';
import { simplify, type SimplifyOptions } from './simplify.ts';

/** Options for {@link differentiate}. */
export interface DifferentiateOptions extends SimplifyOptions {
  /** Return the raw derivative tree instead of its simplified form (default false). */
  readonly raw?: boolean;
}

const ZERO = num(0);
const ONE = num(1);
const mul = (a: Expr, b: Expr): Expr => binary('*', a, b);
const div = (a: Expr, b: Expr): Expr => binary('/', a, b);
const add = (a: Expr, b: Expr): Expr => binary('+', a, b);
const sub = (a: Expr, b: Expr): Expr => binary('-', a, b);
const pow = (a: Expr, b: Expr): Expr => binary('**', a, b);
const neg = (a: Expr): Expr => unary('-', a);
const fn = (name: string, ...args: Expr[]): Expr => call(name, args);

/** d f(u)/du for the one-argument built-ins, as a function of the argument `u`. */
const OUTER_DERIVATIVES: ReadonlyMap<string, (u: Expr) => Expr> = new Map<string, (u: Expr) => Expr>([
  ['exp', (u) => fn('exp', u)],
  ['log', (u) => div(ONE, u)],
  ['log10', (u) => div(ONE, mul(u, fn('log', num(10))))],
  ['sqrt', (u) => div(ONE, mul(num(2), fn('sqrt', u)))],
  ['expm1', (u) => fn('exp', u)],
  ['log1p', (u) => div(ONE, add(ONE, u))],
  // Brian2's own rule (brian2/core/functions.py, class exprel): (exp(x)*(x - 1) + 1)/x**2.
  ['exprel', (u) => div(add(mul(fn('exp', u), sub(u, ONE)), ONE), pow(u, num(2)))],
  ['sin', (u) => fn('cos', u)],
  ['cos', (u) => neg(fn('sin', u))],
  ['tan', (u) => add(ONE, pow(fn('tan', u), num(2)))],
  ['sinh', (u) => fn('cosh', u)],
  ['cosh', (u) => fn('sinh', u)],
  ['tanh', (u) => sub(ONE, pow(fn('tanh', u), num(2)))],
  ['arcsin', (u) => div(ONE, fn('sqrt', sub(ONE, pow(u, num(2)))))],
  ['arccos', (u) => neg(div(ONE, fn('sqrt', sub(ONE, pow(u, num(2))))))],
  ['arctan', (u) => div(ONE, add(ONE, pow(u, num(2))))],
  ['abs', (u) => fn('sign', u)],
  ['sign', () => ZERO],
  ['floor', () => ZERO],
  ['ceil', () => ZERO],
  ['int', () => ZERO],
]);

/**
 * d(expr)/d(variable), simplified.
 * @example printExpr(differentiate(parseExpression('exp(-v/tau)'), 'v')) // '-exp(-v/tau)/tau'
 */
export function differentiate(expr: Expr, variable: string, options: DifferentiateOptions = {}): Expr {
  const stateful = new Set([...DEFAULT_STATEFUL_FUNCTIONS, ...(options.statefulFunctions ?? [])]);

  function d(e: Expr): Expr {
    switch (e.kind) {
      case 'number':
      case 'boolean':
      case 'compare':
      case 'logical':
        return ZERO;
      case 'name':
        return e.name === variable ? ONE : ZERO;
      case 'unary':
        return e.op === 'not' ? ZERO : unary(e.op, d(e.operand));
      case 'binary':
        return dBinary(e.op, e.left, e.right);
      case 'call':
        return dCall(e.callee, e.args, e);
    }
  }

  function dBinary(op: ArithmeticOp, a: Expr, b: Expr): Expr {
    switch (op) {
      case '+':
      case '-':
        return binary(op, d(a), d(b));
      case '*':
        return add(mul(d(a), b), mul(a, d(b)));
      case '/':
        // Written as a'/b - a*b'/b**2 so that a constant denominator simplifies to a'/b.
        return sub(div(d(a), b), div(mul(a, d(b)), pow(b, num(2))));
      case '//':
        return ZERO;
      case '%':
        // a % b = a - b*floor(a/b), and floor is piecewise constant.
        return sub(d(a), mul(d(b), fn('floor', div(a, b))));
      case '**': {
        const baseVaries = dependsOn(a, variable);
        const expVaries = dependsOn(b, variable);
        if (!expVaries) return mul(mul(b, pow(a, sub(b, ONE))), d(a));
        if (!baseVaries) return mul(mul(pow(a, b), fn('log', a)), d(b));
        return mul(pow(a, b), add(mul(d(b), fn('log', a)), div(mul(b, d(a)), a)));
      }
    }
  }

  function dCall(callee: string, args: readonly Expr[], whole: Expr): Expr {
    if (stateful.has(callee)) {
      throw new NonDifferentiableError(formatExpr(expr), variable, `'${callee}' is a stateful (random) function`);
    }
    const varies = args.some((a) => dependsOn(a, variable));
    if (callee === 'clip' && args.length === 3) {
      const [a, lo, hi] = args as [Expr, Expr, Expr];
      const inside = fn('int', logical('and', compare('>', a, lo), compare('<', a, hi)));
      return add(add(mul(d(a), inside), mul(d(lo), fn('int', compare('<=', a, lo)))), mul(d(hi), fn('int', compare('>=', a, hi))));
    }
    const outer = OUTER_DERIVATIVES.get(callee);
    if (outer !== undefined && args.length === 1) return mul(outer(args[0]!), d(args[0]!));
    // Any other function (timestep, a TimedArray, a user function) is constant when its arguments are.
    if (!varies) return ZERO;
    throw new NonDifferentiableError(
      formatExpr(expr),
      variable,
      `the derivative of the function '${callee}' is not known (in '${formatExpr(whole)}')`,
    );
  }

  const raw = d(expr);
  return options.raw ? raw : simplify(raw, options);
}
