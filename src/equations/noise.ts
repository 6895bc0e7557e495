/** Splitting a differential equation's right-hand side into its noise terms (Brian2's `split_stochastic`). */
import type { Expr } from '../parsing/index.ts';
import { printExpr } from '../parsing/index.ts';
import { EquationError } from './errors.ts';
import { collectNames, isNoiseName } from './single-equation.ts';

/**
 * For each noise variable in `expr`, the names its factor depends on: `-v/tau + sigma*xi`
 * gives `{ xi: {sigma} }`. The expression must be linear in each noise variable (as Brian2
 * requires: `f + g*xi_1 + h*xi_2`); otherwise an EquationError names the equation's variable.
 */
export function noiseCoefficients(expr: Expr, varname: string): ReadonlyMap<string, ReadonlySet<string>> {
  const fail = (): never => {
    throw new EquationError(
      'noise',
      `Expression '${printExpr(expr)}' cannot be separated into stochastic and non-stochastic term`,
      { variable: varname },
    );
  };
  const namesIn = (e: Expr): Set<string> => {
    const s = new Set<string>();
    collectNames(e, s);
    return s;
  };
  const visit = (e: Expr): Map<string, Set<string>> => {
    switch (e.kind) {
      case 'name':
        return isNoiseName(e.name) ? new Map([[e.name, new Set<string>()]]) : new Map();
      case 'number':
      case 'boolean':
        return new Map();
      case 'unary':
        if (e.op === 'not') return noNoise(e);
        return visit(e.operand);
      case 'binary': {
        const left = visit(e.left);
        const right = visit(e.right);
        if (e.op === '+' || e.op === '-') {
          for (const [xi, names] of right) left.set(xi, new Set([...(left.get(xi) ?? []), ...names]));
          return left;
        }
        if (left.size === 0 && right.size === 0) return left;
        if (e.op === '*' && (left.size === 0 || right.size === 0)) {
          const [noisy, factor] = left.size > 0 ? [left, e.right] : [right, e.left];
          const extra = namesIn(factor);
          for (const names of noisy.values()) for (const n of extra) names.add(n);
          return noisy;
        }
        if (e.op === '/' && right.size === 0) {
          const extra = namesIn(e.right);
          for (const names of left.values()) for (const n of extra) names.add(n);
          return left;
        }
        return fail();
      }
      default:
        return noNoise(e);
    }
  };
  // Comparisons, logical operators and calls may not contain noise at all.
  const noNoise = (e: Expr): Map<string, Set<string>> => {
    for (const n of namesIn(e)) if (isNoiseName(n)) fail();
    return new Map();
  };
  return visit(expr);
}
