/** Structural helpers on `Expr` trees shared by the symbolic modules. */
import { collectFunctionNames, collectIdentifiers } from '../parsing/index.ts';
import type { Expr } from '../parsing/index.ts';
import { DEFAULT_STATEFUL_FUNCTIONS } from './functions.ts';

/** A canonical string for an expression's structure (spans and literal spelling ignored). */
export function exprKey(expr: Expr): string {
  switch (expr.kind) {
    case 'number':
      return `${expr.isInteger ? 'i' : 'f'}${expr.value}`;
    case 'boolean':
      return expr.value ? 'True' : 'False';
    case 'name':
      return `$${expr.name}`;
    case 'unary':
      return `(${expr.op} ${exprKey(expr.operand)})`;
    case 'binary':
    case 'compare':
    case 'logical':
      return `(${expr.op} ${exprKey(expr.left)} ${exprKey(expr.right)})`;
    case 'call':
      return `(call ${expr.callee}${expr.args.map((a) => ` ${exprKey(a)}`).join('')})`;
  }
}

/** True when `expr` uses any of `names` as a value. */
export function dependsOn(expr: Expr, names: string | Iterable<string>): boolean {
  const wanted = typeof names === 'string' ? new Set([names]) : new Set(names);
  if (wanted.size === 0) return false;
  for (const n of collectIdentifiers(expr)) if (wanted.has(n)) return true;
  return false;
}

/** True when `expr` calls a stateful function (by default `rand`, `randn`, `poisson`). */
export function hasStatefulCall(expr: Expr, stateful: ReadonlySet<string> = DEFAULT_STATEFUL_FUNCTIONS): boolean {
  for (const f of collectFunctionNames(expr)) if (stateful.has(f)) return true;
  return false;
}
