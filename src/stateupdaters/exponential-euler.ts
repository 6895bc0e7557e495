/** `exponential_euler`: for conditionally linear systems `dx/dt = A x + B` (A, B free of x), as Brian2. */
import { binary, call, name, num, statement } from '../parsing/index.ts';
import type { Expr, Statement } from '../parsing/index.ts';
import { dependsOn, expand, simplify } from '../symbolic/index.ts';
import type { Equations } from '../equations/index.ts';
import { UnsupportedEquationsError } from './errors.ts';
import { checkMethodOptions, finalAssignments, isZero, prepareSystem } from './prepare.ts';
import type { StateUpdateMethod, StateUpdaterOptions, VariableLookup } from './types.ts';

/**
 * For each variable, with A and B evaluated at the old state: `_x = x + dt*B` if A is 0, else
 * `_BA_x = B/A; _x = -_BA_x + (_BA_x + x)*exp(A*dt)` (or `x*exp(A*dt)` if B is 0).
 */
export const exponentialEuler: StateUpdateMethod = {
  name: 'exponential_euler',
  apply(equations: Equations, variables?: VariableLookup, options?: StateUpdaterOptions): Statement[] {
    checkMethodOptions(options?.methodOptions, {});
    const system = prepareSystem(equations, variables, options, this.name);
    if (system.noiseNames.length > 0) {
      throw new UnsupportedEquationsError('Cannot solve stochastic equations with this state updater.', this.name);
    }
    const out: Statement[] = [];
    for (const eq of system.diffEqs) {
      const split = conditionallyLinearParts(eq.expr, eq.name);
      if (split === undefined) {
        throw new UnsupportedEquationsError('Can only solve conditionally linear systems with this state updater.', this.name);
      }
      const { A, B } = split;
      const x = name(eq.name);
      const dt = name('dt');
      if (isZero(A)) {
        out.push(statement(`_${eq.name}`, '=', simplify(binary('+', x, binary('*', dt, B)))));
      } else if (!isZero(B)) {
        const ba = name(`_BA_${eq.name}`);
        out.push(statement(ba.name, '=', simplify(binary('/', B, A))));
        const growth = call('exp', [simplify(binary('*', A, dt))]);
        out.push(statement(`_${eq.name}`, '=', binary('-', binary('*', binary('+', ba, x), growth), ba)));
      } else {
        out.push(statement(`_${eq.name}`, '=', binary('*', x, call('exp', [simplify(binary('*', A, dt))]))));
      }
    }
    out.push(...finalAssignments(system.diffEqs.map((e) => e.name)));
    return out;
  },
};

/** The top-level terms of a sum (subtracted terms negated). */
function terms(e: Expr): Expr[] {
  if (e.kind === 'binary' && e.op === '+') return [...terms(e.left), ...terms(e.right)];
  if (e.kind === 'binary' && e.op === '-') return [...terms(e.left), ...terms(e.right).map((t) => binary('*', num(-1), t))];
  return [e];
}

/** The power of `x` as a bare factor of a product term (`x`, `x**k`, in a denominator); other occurrences (inside calls) do not count. */
function bareFactorPower(term: Expr, x: string): number {
  switch (term.kind) {
    case 'name':
      return term.name === x ? 1 : 0;
    case 'unary':
      return term.op === 'not' ? 0 : bareFactorPower(term.operand, x);
    case 'binary':
      if (term.op === '*') return bareFactorPower(term.left, x) + bareFactorPower(term.right, x);
      if (term.op === '/') return bareFactorPower(term.left, x) - bareFactorPower(term.right, x);
      if (term.op === '**' && term.left.kind === 'name' && term.left.name === x && term.right.kind === 'number') return term.right.value;
      return 0;
    default:
      return 0;
  }
}

/** `term` with its bare factor `x` replaced by 1. */
function withoutFactor(term: Expr, x: string): Expr {
  return simplify(substituteBare(term, x));
}

function substituteBare(e: Expr, x: string): Expr {
  switch (e.kind) {
    case 'name':
      return e.name === x ? num(1) : e;
    case 'unary':
      return e.op === 'not' ? e : { ...e, operand: substituteBare(e.operand, x) };
    case 'binary':
      return e.op === '*' || e.op === '/' ? { ...e, left: substituteBare(e.left, x), right: substituteBare(e.right, x) } : e;
    default:
      return e;
  }
}

/**
 * Brian2's `get_conditionally_linear_system` (sympy's `collect(expand(rhs), x)`): the expanded
 * right-hand side grouped by the power of `x` as a bare factor; only powers 0 (B) and 1 (A)
 * may occur, and power 1 must occur if `x` appears at all. Occurrences of `x` inside function
 * calls stay in A or B, evaluated at the old state (so AdEx's `exp((v - VT)/DeltaT)` is accepted,
 * as in Brian2). Undefined when the equation is not of this form.
 */
function conditionallyLinearParts(expr: Expr, x: string): { A: Expr; B: Expr } | undefined {
  if (!dependsOn(expr, x)) return { A: num(0), B: expr };
  const a: Expr[] = [];
  const b: Expr[] = [];
  for (const t of terms(expand(expr))) {
    const p = bareFactorPower(t, x);
    if (p === 1) a.push(withoutFactor(t, x));
    else if (p === 0) b.push(t);
    else return undefined;
  }
  if (a.length === 0) return undefined;
  const sum = (xs: Expr[]) => (xs.length === 0 ? num(0) : simplify(xs.reduce((l, r) => binary('+', l, r))));
  return { A: sum(a), B: sum(b) };
}
