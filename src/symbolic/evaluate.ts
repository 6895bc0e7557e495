/**
 * A small, exact reference evaluator for expressions, with Brian2's numeric semantics:
 * true division `/`, Python's floored `//` and `%`, `int()` truncating toward zero, booleans
 * acting as 0/1 in arithmetic, and Brian2's `exprel`. Math-domain errors follow IEEE/numpy
 * (`log(-1)` is NaN, `1/0` is inf), as they do at run time in Brian2.
 */
import { pythonFloorDiv, pythonMod } from '../util/index.ts';
import type { ArithmeticOp, CompareOp, Expr } from '../parsing/index.ts';
import { ArgumentCountError, EvaluationTypeError, UnknownFunctionError, UnknownIdentifierError } from './errors.ts';
import { BUILTIN_CONSTANTS, BUILTIN_FUNCTIONS, type BuiltinFunction } from './functions.ts';
import { formatExpr } from './format.ts';

/** A value an expression can take. */
export type Value = number | boolean;

/** Options for {@link evaluate}. */
export interface EvaluateOptions {
  /** Extra or replacement functions (e.g. a seeded `rand`), keyed by name. */
  readonly functions?: ReadonlyMap<string, BuiltinFunction>;
}

/** Python's `a // b` (rounds toward −∞). */
export const floorDiv = pythonFloorDiv;

/** Python's `a % b` (sign of the divisor). */
export const pyMod = pythonMod;

/** Applies a comparison operator. */
export function applyCompare(op: CompareOp, a: number, b: number): boolean {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
  }
}

/** Applies an arithmetic operator with Brian2's (Python's) semantics. */
export function applyArithmetic(op: ArithmeticOp, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '//':
      return floorDiv(a, b);
    case '%':
      return pyMod(a, b);
    case '**':
      return a ** b;
  }
}

const toNumber = (v: Value): number => (typeof v === 'boolean' ? (v ? 1 : 0) : v);

/**
 * Evaluates `expr` with the given variable values; `pi`, `e` and `inf` are always available.
 * @example evaluate(parseExpression('(v0 - v)/tau'), { v: -0.07, v0: -0.01, tau: 0.01 }) // 6
 */
export function evaluate(
  expr: Expr,
  values: Readonly<Record<string, Value>> | ReadonlyMap<string, Value>,
  options: EvaluateOptions = {},
): Value {
  const lookup =
    values instanceof Map ? (n: string) => values.get(n) : (n: string) => (Object.hasOwn(values, n) ? (values as Record<string, Value>)[n] : undefined);
  const fns = options.functions;

  const asBoolean = (e: Expr): boolean => {
    const v = ev(e);
    if (typeof v !== 'boolean') throw new EvaluationTypeError(formatExpr(e), 'boolean');
    return v;
  };
  const num = (e: Expr): number => toNumber(ev(e));

  function ev(e: Expr): Value {
    switch (e.kind) {
      case 'number':
      case 'boolean':
        return e.value;
      case 'name': {
        const constant = BUILTIN_CONSTANTS.get(e.name);
        if (constant !== undefined) return constant;
        const v = lookup(e.name);
        if (v === undefined) throw new UnknownIdentifierError(e.name, formatExpr(expr));
        return v;
      }
      case 'unary':
        if (e.op === 'not') return !asBoolean(e.operand);
        return e.op === '-' ? -num(e.operand) : num(e.operand);
      case 'logical':
        // Brian evaluates both sides (vectorised code has no short circuit); so do we, for the type check.
        return e.op === 'and' ? asBoolean(e.left) && asBoolean(e.right) : asBoolean(e.left) || asBoolean(e.right);
      case 'compare':
        return applyCompare(e.op, num(e.left), num(e.right));
      case 'binary':
        return applyArithmetic(e.op, num(e.left), num(e.right));
      case 'call': {
        const f = fns?.get(e.callee) ?? BUILTIN_FUNCTIONS.get(e.callee);
        if (f === undefined) throw new UnknownFunctionError(e.callee, 'evaluation');
        if (e.args.length !== f.arity) throw new ArgumentCountError(e.callee, e.args.length, f.arity);
        return f.apply(e.args.map(num));
      }
    }
  }
  return ev(expr);
}

/** {@link evaluate}, with booleans converted to 0/1. */
export function evaluateNumber(
  expr: Expr,
  values: Readonly<Record<string, Value>> | ReadonlyMap<string, Value>,
  options: EvaluateOptions = {},
): number {
  return toNumber(evaluate(expr, values, options));
}
