/**
 * `exact` (= `linear`): the analytic solution of linear systems `dX/dt = M X + B` whose M and B
 * are constant over a time step: `X(t+dt) = e^{M dt} X + (e^{M dt} − I) M⁻¹B`, as Brian2.
 *
 * Brian2 computes `e^{M dt}` with sympy. We compute it symbolically for every system whose
 * variables can be ordered so that M is triangular (each variable depends only on itself and
 * on variables before it: single equations, conductances driving a membrane, cascades): then
 * `e^{M dt}` has closed-form entries, sums over dependency paths of products of couplings times
 * divided differences of `exp(λ dt)` over the diagonal entries λ (confluent divided
 * differences, i.e. `dt^k/k! exp(λ dt)` terms, where diagonal entries coincide, as sympy's
 * Jordan form gives). Entries may contain per-neuron parameters; nothing is evaluated at
 * apply time. Systems with feedback cycles are solved in feedback.ts.
 */
import { binary, call, name, num, printExpr, statement } from '../parsing/index.ts';
import type { Expr, Statement } from '../parsing/index.ts';
import { dependsOn, exprKey, linearSystem, NonlinearError, simplify, whyNotConstantOverDt } from '../symbolic/index.ts';
import type { Equations } from '../equations/index.ts';
import { UnsupportedEquationsError } from './errors.ts';
import { CANNOT_SOLVE, solveFeedback } from './feedback.ts';
import { checkMethodOptions, finalAssignments, isZero, prepareSystem } from './prepare.ts';
import type { StateUpdateMethod, StateUpdaterOptions, VariableLookup } from './types.ts';

function factorial(k: number): number {
  let f = 1;
  for (let i = 2; i <= k; i++) f *= i;
  return f;
}

/** Divided differences of `λ ↦ exp(λ*dt)` over symbolic points (confluent where points coincide). */
function makeDividedDifference(): (points: readonly Expr[]) => Expr {
  const memo = new Map<string, Expr>();
  const dt = name('dt');
  const dd = (points: readonly Expr[]): Expr => {
    const keyed = points.map((p) => ({ p, k: exprKey(p) })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
    const key = keyed.map((x) => x.k).join('|');
    const cached = memo.get(key);
    if (cached !== undefined) return cached;
    const first = keyed[0]!;
    const last = keyed[keyed.length - 1]!;
    let out: Expr;
    const growth = (p: Expr) => call('exp', [simplify(binary('*', dt, p))]);
    if (first.k === last.k) {
      const m = keyed.length - 1;
      out = m === 0 ? growth(first.p) : simplify(binary('*', binary('/', binary('**', dt, num(m)), num(factorial(m))), growth(first.p)));
    } else {
      const sorted = keyed.map((x) => x.p);
      out = binary('/', binary('-', dd(sorted.slice(1)), dd(sorted.slice(0, -1))), simplify(binary('-', last.p, first.p)));
    }
    memo.set(key, out);
    return out;
  };
  return dd;
}

/** Orders the variables so that each depends only on earlier ones; undefined when there is a cycle. */
function triangularOrder(n: number, coupled: (row: number, col: number) => boolean): number[] | undefined {
  const order: number[] = [];
  const state = new Array<0 | 1 | 2>(n).fill(0);
  const visit = (i: number): boolean => {
    if (state[i] === 2) return true;
    if (state[i] === 1) return false;
    state[i] = 1;
    for (let j = 0; j < n; j++) if (j !== i && coupled(i, j) && !visit(j)) return false;
    state[i] = 2;
    order.push(i);
    return true;
  };
  for (let i = 0; i < n; i++) if (!visit(i)) return undefined;
  return order;
}

/** The `exact` (`linear`) state updater. */
export const exact: StateUpdateMethod = {
  name: 'exact',
  apply(equations: Equations, variables?: VariableLookup, options?: StateUpdaterOptions): Statement[] {
    checkMethodOptions(options?.methodOptions, { simplify: true });
    const method = this.name;
    const system = prepareSystem(equations, variables, options, method);
    if (system.noiseNames.length > 0) {
      throw new UnsupportedEquationsError('Cannot solve stochastic equations with this state updater.', method);
    }
    const names = system.diffEqs.map((e) => e.name);
    const n = names.length;
    if (n === 0) return [];
    const rhs = new Map(system.diffEqs.map((e) => [e.name, e.expr]));
    let M: readonly (readonly Expr[])[];
    let B: readonly Expr[];
    try {
      ({ matrix: M, constants: B } = linearSystem(rhs, names));
    } catch (e) {
      if (!(e instanceof NonlinearError)) throw e;
      throw new UnsupportedEquationsError(
        `The expression '${printExpr(rhs.get(e.variable) ?? rhs.get(names[0]!)!)}', defining the variable '${e.variable}', could not be separated into linear components.`,
        method,
      );
    }
    const constancy = { statefulFunctions: system.statefulFunctions, locallyConstantFunctions: system.locallyConstantFunctions };
    for (const entry of [...M.flat(), ...B]) {
      if (whyNotConstantOverDt(entry, constancy) !== undefined) {
        throw new UnsupportedEquationsError(`Expression '${printExpr(entry)}' is not guaranteed to be constant over a time step.`, method);
      }
    }
    const m = (i: number, j: number): Expr => M[i]![j]!;
    const nonzero = M.map((row) => row.map((x) => !isZero(x)));
    const order = triangularOrder(n, (i, j) => nonzero[i]![j]!);
    if (order === undefined) return [...solveFeedback(names, M, B, variables, method), ...finalAssignments(names)];
    // Singular M (a variable not decaying, e.g. `dv/dt = I/C`): Brian2's linear solve fails too.
    for (let i = 0; i < n; i++) if (!nonzero[i]![i]!) throw new UnsupportedEquationsError(CANNOT_SOLVE, method);

    // b = M⁻¹B by forward substitution in dependency order (simplified, so that common factors
    // such as int(not_refractory) cancel, as sympy cancels them).
    const b = new Array<Expr>(n);
    for (const i of order) {
      const terms: Expr[] = [B[i]!];
      for (const j of order) if (j !== i && nonzero[i]![j]! && b[j] !== undefined) terms.push(binary('*', num(-1), binary('*', m(i, j), b[j]!)));
      b[i] = simplify(binary('/', terms.reduce((x, y) => binary('+', x, y)), m(i, i)));
    }
    // A = e^{M dt}: A_ij = Σ over dependency paths j → … → i of Π couplings × exp divided difference.
    const dd = makeDividedDifference();
    const diagonal = Array.from({ length: n }, (_, i) => simplify(m(i, i)));
    const A = (i: number, j: number): Expr | undefined => {
      const parts: Expr[] = [];
      const walk = (at: number, path: number[], weight: Expr | undefined): void => {
        if (at === i) {
          const d = dd(path.map((k) => diagonal[k]!));
          parts.push(weight === undefined ? d : binary('*', weight, d));
          return;
        }
        for (let next = 0; next < n; next++) {
          if (next !== at && nonzero[next]![at]! && !path.includes(next)) {
            walk(next, [...path, next], weight === undefined ? m(next, at) : binary('*', weight, m(next, at)));
          }
        }
      };
      walk(j, [j], undefined);
      return parts.length === 0 ? undefined : simplify(parts.reduce((x, y) => binary('+', x, y)));
    };
    const out: Statement[] = [];
    for (let i = 0; i < n; i++) {
      const terms: Expr[] = [];
      const constant: Expr[] = [];
      for (let j = 0; j < n; j++) {
        const a = A(i, j);
        if (a === undefined) continue;
        terms.push(binary('*', name(names[j]!), a));
        if (!isZero(b[j]!)) constant.push(binary('*', a, b[j]!));
      }
      if (!isZero(b[i]!)) constant.push(binary('*', num(-1), b[i]!));
      out.push(statement(`_${names[i]!}`, '=', simplify([...terms, ...constant].reduce((x, y) => binary('+', x, y)))));
    }
    out.push(...finalAssignments(names));
    return out;
  },
};

/** `linear`: the same method under Brian2's other name. */
export const linear: StateUpdateMethod = { name: 'linear', apply: (eqs, vars, opts) => exact.apply(eqs, vars, opts) };

/**
 * `independent` (deprecated in Brian2): each equation solved on its own. brian-ts solves it as
 * `exact` does and refuses equations that depend on other differential equation variables.
 */
export const independent: StateUpdateMethod = {
  name: 'independent',
  apply(equations: Equations, variables?: VariableLookup, options?: StateUpdaterOptions): Statement[] {
    checkMethodOptions(options?.methodOptions, {});
    const system = prepareSystem(equations, variables, options, this.name);
    if (system.noiseNames.length > 0) {
      throw new UnsupportedEquationsError('Cannot solve stochastic equations with this state updater', this.name);
    }
    for (const eq of system.diffEqs) {
      const others = [...system.diffEqNames].filter((v) => v !== eq.name && dependsOn(eq.expr, v));
      if (others.length > 0) {
        throw new UnsupportedEquationsError(
          `Cannot explicitly solve: the equation for '${eq.name}' depends on '${others.join("', '")}' (use 'exact')`,
          this.name,
        );
      }
    }
    try {
      return exact.apply(equations, variables, {});
    } catch (e) {
      if (e instanceof UnsupportedEquationsError) throw new UnsupportedEquationsError(e.message, this.name);
      throw e;
    }
  },
};
