/** Small AST rewrites used by Synapses (Brian2's `word_substitute` on code strings, done on trees). */
import type { Expr, Statement } from '../parsing/index.ts';

/** Replaces every name `from` in a tree by the expression `to`. */
export function replaceName(expr: Expr, from: string, to: Expr): Expr {
  switch (expr.kind) {
    case 'name':
      return expr.name === from ? to : expr;
    case 'number':
    case 'boolean':
      return expr;
    case 'unary':
      return { ...expr, operand: replaceName(expr.operand, from, to) };
    case 'call':
      return { ...expr, args: expr.args.map((a) => replaceName(a, from, to)) };
    default:
      return { ...expr, left: replaceName(expr.left, from, to), right: replaceName(expr.right, from, to) };
  }
}

/** {@link replaceName} on the right-hand side of each statement. */
export function replaceNameInStatements(statements: readonly Statement[], from: string, to: Expr): Statement[] {
  return statements.map((s) => ({ ...s, value: replaceName(s.value, from, to) }));
}

/** Renames names by a map (for subexpressions seen from the synapses: `x` → `x_pre`). */
export function renameNames(expr: Expr, rename: (name: string) => string | undefined): Expr {
  switch (expr.kind) {
    case 'name': {
      const to = rename(expr.name);
      return to === undefined ? expr : { ...expr, name: to };
    }
    case 'number':
    case 'boolean':
      return expr;
    case 'unary':
      return { ...expr, operand: renameNames(expr.operand, rename) };
    case 'call':
      return { ...expr, args: expr.args.map((a) => renameNames(a, rename)) };
    default:
      return { ...expr, left: renameNames(expr.left, rename), right: renameNames(expr.right, rename) };
  }
}
