/** Replacing names by expressions. */
import { binary, call, compare, logical, unary } from '../parsing/index.ts';
import type { Expr } from '../parsing/index.ts';

/** A substitution: name → replacement expression. */
export type Substitutions = ReadonlyMap<string, Expr> | Readonly<Record<string, Expr>>;

/**
 * Replaces every name in `substitutions` simultaneously: replacements are not themselves
 * substituted again, so `{x: y, y: x}` swaps x and y. Function names (callees) are not touched.
 * Precedence is carried by the tree, so no parentheses are needed.
 * @example substitute(parseExpression('(v0 - v)/tau'), { v: parseExpression('v + k/2') })
 */
export function substitute(expr: Expr, substitutions: Substitutions): Expr {
  const table: ReadonlyMap<string, Expr> =
    substitutions instanceof Map ? substitutions : new Map(Object.entries(substitutions as Record<string, Expr>));
  if (table.size === 0) return expr;
  const go = (e: Expr): Expr => {
    switch (e.kind) {
      case 'number':
      case 'boolean':
        return e;
      case 'name':
        return table.get(e.name) ?? e;
      case 'unary': {
        const operand = go(e.operand);
        return operand === e.operand ? e : unary(e.op, operand);
      }
      case 'binary':
      case 'compare':
      case 'logical': {
        const left = go(e.left);
        const right = go(e.right);
        if (left === e.left && right === e.right) return e;
        if (e.kind === 'binary') return binary(e.op, left, right);
        if (e.kind === 'compare') return compare(e.op, left, right);
        return logical(e.op, left, right);
      }
      case 'call': {
        const args = e.args.map(go);
        return args.every((a, k) => a === e.args[k]) ? e : call(e.callee, args);
      }
    }
  };
  return go(expr);
}
