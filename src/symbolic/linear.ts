/**
 * Linearity analysis for the `exact` and `exponential_euler` state updaters: splitting an
 * expression into `coefficient*x + rest`, extracting `dX/dt = M X + B`, and the "constant over
 * a time step" test. All checks are exact (structural after simplification), never numeric.
 */
import { binary, num, unary } from '../parsing/index.ts';
import type { Expr } from '../parsing/index.ts';
import { NonlinearError, NotConstantOverDtError } from './errors.ts';
import { dependsOn } from './expr.ts';
import { expand } from './expand.ts';
import { DEFAULT_STATEFUL_FUNCTIONS } from './functions.ts';
import { formatExpr } from './format.ts';
import { simplify, type SimplifyOptions } from './simplify.ts';

/** `expr = coefficient*variable + rest`, with neither part depending on the variable. */
export interface LinearParts {
  readonly coefficient: Expr;
  readonly rest: Expr;
}

/** Result of {@link splitLinear}: the parts, or why the expression is not linear. */
export type LinearSplit = ({ readonly isLinear: true } & LinearParts) | { readonly isLinear: false; readonly reason: string };

type Raw = { c: Expr; r: Expr } | { reason: string };

const ZERO = num(0);

/** Structural split of an already simplified expression. */
function splitStructural(expr: Expr, x: string): Raw {
  const go = (e: Expr): Raw => {
    if (!dependsOn(e, x)) return { c: ZERO, r: e };
    switch (e.kind) {
      case 'name':
        return { c: num(1), r: ZERO };
      case 'unary': {
        if (e.op === 'not') return { reason: `'${x}' appears in the boolean expression '${formatExpr(e)}'` };
        const s = go(e.operand);
        return 'reason' in s || e.op === '+' ? s : { c: unary('-', s.c), r: unary('-', s.r) };
      }
      case 'binary': {
        const { op, left, right } = e;
        if (op === '+' || op === '-') {
          const a = go(left);
          if ('reason' in a) return a;
          const b = go(right);
          if ('reason' in b) return b;
          return { c: binary(op, a.c, b.c), r: binary(op, a.r, b.r) };
        }
        if (op === '*') {
          if (!dependsOn(left, x)) {
            const b = go(right);
            return 'reason' in b ? b : { c: binary('*', left, b.c), r: binary('*', left, b.r) };
          }
          if (!dependsOn(right, x)) {
            const a = go(left);
            return 'reason' in a ? a : { c: binary('*', a.c, right), r: binary('*', a.r, right) };
          }
          return { reason: `'${formatExpr(left)}' and '${formatExpr(right)}' both depend on '${x}'` };
        }
        if (op === '/') {
          if (dependsOn(right, x)) return { reason: `'${x}' appears in the denominator '${formatExpr(right)}'` };
          const a = go(left);
          return 'reason' in a ? a : { c: binary('/', a.c, right), r: binary('/', a.r, right) };
        }
        return { reason: `'${x}' appears in '${formatExpr(e)}'` };
      }
      case 'call':
        return { reason: `'${x}' appears in the argument of the function '${e.callee}'` };
      default:
        return { reason: `'${x}' appears in the boolean expression '${formatExpr(e)}'` };
    }
  };
  return go(expr);
}

/**
 * Splits `expr` into `coefficient*variable + rest` if it is linear in `variable`. The coefficient
 * may depend on other names (the conditionally linear form of `exponential_euler`). Tries the
 * expression as written first (keeping the user's factored form) and then its expansion, so
 * cancellations such as `v*(v + 1) - v**2` are found.
 * @example splitLinear(parseExpression('(v0 - v)/tau'), 'v') // coefficient -1/tau, rest v0/tau
 */
export function splitLinear(expr: Expr, variable: string, options: SimplifyOptions = {}): LinearSplit {
  const simplified = simplify(expr, options);
  let raw = splitStructural(simplified, variable);
  if ('reason' in raw) {
    const expanded = splitStructural(expand(simplified, options), variable);
    if (!('reason' in expanded)) raw = expanded;
  }
  if ('reason' in raw) return { isLinear: false, reason: raw.reason };
  return { isLinear: true, coefficient: simplify(raw.c, options), rest: simplify(raw.r, options) };
}

/** {@link splitLinear}, throwing {@link NonlinearError} (Brian2's wording) when `expr` is not linear. */
export function checkLinear(expr: Expr, variable: string, options: SimplifyOptions = {}): LinearParts {
  const split = splitLinear(expr, variable, options);
  if (!split.isLinear) throw new NonlinearError(formatExpr(expr), variable, split.reason);
  return { coefficient: split.coefficient, rest: split.rest };
}

/** `dX/dt = M X + B`: `matrix[row][col]` is the coefficient of `variables[col]` in equation `row`. */
export interface LinearSystem {
  /** The unknowns, in the order of the matrix columns. */
  readonly variables: readonly string[];
  /** Coefficients: `matrix[r][c]` multiplies `variables[c]` in equation `r`. */
  readonly matrix: readonly (readonly Expr[])[];
  /** The part of each right-hand side that does not depend on the unknowns. */
  readonly constants: readonly Expr[];
}

type RhsTable = ReadonlyMap<string, Expr> | Readonly<Record<string, Expr>>;

function rhsOf(table: RhsTable, name: string): Expr | undefined {
  return table instanceof Map ? table.get(name) : Object.hasOwn(table, name) ? (table as Record<string, Expr>)[name] : undefined;
}

/**
 * Extracts `M` and `B` of a linear system (Brian2's `get_linear_system`): every entry must be free
 * of all of `variables` (it may contain parameters). Throws {@link NonlinearError} naming the
 * first equation that is not linear.
 */
export function linearSystem(rhsByVariable: RhsTable, variables: readonly string[], options: SimplifyOptions = {}): LinearSystem {
  const matrix: Expr[][] = [];
  const constants: Expr[] = [];
  for (const row of variables) {
    const rhs = rhsOf(rhsByVariable, row);
    if (rhs === undefined) throw new NonlinearError(row, row, `no right-hand side was given for '${row}'`);
    const entries: Expr[] = [];
    let current = rhs;
    for (const col of variables) {
      const split = splitLinear(current, col, options);
      if (!split.isLinear) throw new NonlinearError(formatExpr(rhs), row, split.reason);
      const others = variables.filter((v) => dependsOn(split.coefficient, v));
      if (others.length > 0) {
        throw new NonlinearError(
          formatExpr(rhs),
          row,
          `the coefficient '${formatExpr(split.coefficient)}' of '${col}' depends on '${others.join("', '")}'`,
        );
      }
      entries.push(split.coefficient);
      current = split.rest;
    }
    matrix.push(entries);
    constants.push(current);
  }
  return { variables: [...variables], matrix, constants };
}

/**
 * The conditionally linear form used by `exponential_euler` (Brian2's
 * `get_conditionally_linear_system`): for each variable x, `dx/dt = A*x + B` with A and B free of
 * x but possibly depending on the other variables. Throws {@link NonlinearError}.
 */
export function conditionallyLinearSystem(
  rhsByVariable: RhsTable,
  variables: readonly string[],
  options: SimplifyOptions = {},
): ReadonlyMap<string, LinearParts> {
  const out = new Map<string, LinearParts>();
  for (const v of variables) {
    const rhs = rhsOf(rhsByVariable, v);
    if (rhs === undefined) throw new NonlinearError(v, v, `no right-hand side was given for '${v}'`);
    out.set(v, checkLinear(rhs, v, options));
  }
  return out;
}

/** Options for {@link isConstantOverDt} and {@link checkConstantOverDt}. */
export interface ConstantOverDtOptions {
  /** Stateful functions besides `rand`, `randn`, `poisson`. */
  readonly statefulFunctions?: Iterable<string>;
  /** Functions that are constant over a time step when called as `f(t)` (e.g. a TimedArray with a compatible dt). */
  readonly locallyConstantFunctions?: Iterable<string>;
}

/** Why `expr` may change within a time step, or undefined if it cannot (Brian2's `is_constant_over_dt`). */
export function whyNotConstantOverDt(expr: Expr, options: ConstantOverDtOptions = {}): string | undefined {
  const stateful = new Set([...DEFAULT_STATEFUL_FUNCTIONS, ...(options.statefulFunctions ?? [])]);
  const locallyConstant = new Set(options.locallyConstantFunctions ?? []);
  const go = (e: Expr): string | undefined => {
    switch (e.kind) {
      case 'name':
        return e.name === 't' ? "it depends on 't'" : undefined;
      case 'unary':
        return go(e.operand);
      case 'binary':
      case 'compare':
      case 'logical':
        return go(e.left) ?? go(e.right);
      case 'call':
        if (stateful.has(e.callee)) return `it calls the stateful function '${e.callee}'`;
        for (const a of e.args) {
          if (a.kind === 'name' && a.name === 't' && locallyConstant.has(e.callee)) continue;
          const why = go(a);
          if (why !== undefined) return why;
        }
        return undefined;
      default:
        return undefined;
    }
  };
  return go(expr);
}

/** True when `expr` does not depend on `t` (outside locally constant functions) nor call a stateful function. */
export function isConstantOverDt(expr: Expr, options: ConstantOverDtOptions = {}): boolean {
  return whyNotConstantOverDt(expr, options) === undefined;
}

/** Throws {@link NotConstantOverDtError} with Brian2's wording unless {@link isConstantOverDt}. */
export function checkConstantOverDt(expr: Expr, options: ConstantOverDtOptions = {}): void {
  const why = whyNotConstantOverDt(expr, options);
  if (why !== undefined) throw new NotConstantOverDtError(formatExpr(expr), why);
}
