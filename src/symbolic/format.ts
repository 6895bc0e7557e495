/** Expression text for error messages. */
import { printExpr } from '../parsing/index.ts';
import type { Expr } from '../parsing/index.ts';

/** `printExpr(expr)`, but never throws: error messages must not fail on trees without Brian syntax (NaN literals). */
export function formatExpr(expr: Expr): string {
  try {
    return printExpr(expr);
  } catch {
    return '<expression without Brian syntax>';
  }
}
