/** The `(unless refractory)` mechanism as an equation transformation (Brian2's `add_refractoriness`). */
import { binary, call, name } from '../parsing/index.ts';
import type { Expr } from '../parsing/index.ts';
import { DIMENSIONLESS, Dimension } from '../units/index.ts';
import { Equations } from './equations.ts';
import { SingleEquation } from './single-equation.ts';

const SECOND = Dimension.of([0, 0, 1, 0, 0, 0, 0]);

/** `int(not_refractory)*(rhs)`: the right-hand side of an `(unless refractory)` equation. */
export function unlessRefractory(rhs: Expr): Expr {
  return binary('*', call('int', [name('not_refractory')]), rhs);
}

/**
 * The equations with every `(unless refractory)` differential equation's right-hand side
 * multiplied by `int(not_refractory)`, plus the parameters `not_refractory : boolean` and
 * `lastspike : second`.
 */
export function addRefractoriness(equations: Equations): Equations {
  const out: SingleEquation[] = [];
  for (const eq of equations) {
    if (eq.type === 'differential equation' && eq.flags.includes('unless refractory')) {
      out.push(eq.with({ expr: unlessRefractory(eq.expr!), exprSource: `int(not_refractory)*(${eq.exprSource!})` }));
    } else {
      out.push(eq);
    }
  }
  out.push(new SingleEquation({ type: 'parameter', varname: 'not_refractory', dim: DIMENSIONLESS, varType: 'boolean' }));
  out.push(new SingleEquation({ type: 'parameter', varname: 'lastspike', dim: SECOND }));
  return new Equations(out);
}
