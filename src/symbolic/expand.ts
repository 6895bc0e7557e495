/** Distributing products over sums (sympy's `expand` for the mul/multinomial hints). */
import { binary, call, compare, logical, num, unary } from '../parsing/index.ts';
import type { Expr } from '../parsing/index.ts';
import { simplify, type SimplifyOptions } from './simplify.ts';

/** Options for {@link expand}. */
export interface ExpandOptions extends SimplifyOptions {
  /** Leave a product unexpanded when expanding it would create more summands than this (default 512). */
  readonly maxTerms?: number;
}

/** Largest integer power of a sum that is multiplied out. */
const MAX_POWER = 16;

/**
 * Multiplies out products and small non-negative integer powers of sums, then simplifies, so
 * that like terms cancel: `v*(v + 1) - v**2` becomes `v`. Denominators are expanded inside but
 * not split (`(a + b)/c` → `a/c + b/c`, `a/(b + c)` stays a quotient).
 */
export function expand(expr: Expr, options: ExpandOptions = {}): Expr {
  const maxTerms = options.maxTerms ?? 512;

  const join = (terms: readonly Expr[]): Expr => terms.reduce((acc, t) => binary('+', acc, t));

  function products(a: readonly Expr[], b: readonly Expr[], op: '*'): Expr[] | undefined {
    if (a.length * b.length > maxTerms) return undefined;
    return a.flatMap((x) => b.map((y) => binary(op, x, y)));
  }

  /** The summands of `e` after expansion (never empty). */
  function terms(e: Expr): Expr[] {
    switch (e.kind) {
      case 'unary':
        if (e.op === '-') return terms(e.operand).map((t) => unary('-', t));
        if (e.op === '+') return terms(e.operand);
        return [unary('not', inner(e.operand))];
      case 'binary': {
        const { op } = e;
        if (op === '+') return [...terms(e.left), ...terms(e.right)];
        if (op === '-') return [...terms(e.left), ...terms(e.right).map((t) => unary('-', t))];
        if (op === '*') {
          const l = terms(e.left);
          const r = terms(e.right);
          return products(l, r, '*') ?? [binary('*', join(l), join(r))];
        }
        if (op === '/') {
          const denominator = inner(e.right);
          return terms(e.left).map((t) => binary('/', t, denominator));
        }
        if (op === '**') {
          const exponent = e.right.kind === 'number' && e.right.isInteger ? e.right.value : undefined;
          const base = terms(e.left);
          if (exponent !== undefined && exponent >= 2 && exponent <= MAX_POWER && base.length > 1) {
            let acc: Expr[] | undefined = base;
            for (let k = 1; k < exponent && acc !== undefined; k++) acc = products(acc, base, '*');
            if (acc !== undefined) return acc;
          }
          return [binary('**', join(base), inner(e.right))];
        }
        return [binary(op, inner(e.left), inner(e.right))];
      }
      case 'compare':
        return [compare(e.op, inner(e.left), inner(e.right))];
      case 'logical':
        return [logical(e.op, inner(e.left), inner(e.right))];
      case 'call':
        return [call(e.callee, e.args.map(inner))];
      default:
        return [e];
    }
  }

  const inner = (e: Expr): Expr => join(terms(e));

  const all = terms(simplify(expr, options));
  return simplify(all.length === 0 ? num(0) : join(all), options);
}
