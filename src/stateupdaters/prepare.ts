/** Shared preprocessing: the equations as the updaters see them (subexpressions inlined, noise split off). */
import { Equations, SingleEquation, isNoiseName } from '../equations/index.ts';
import { collectFunctionNames, collectIdentifiers, num, printExpr, statement } from '../parsing/index.ts';
import type { Expr, Statement } from '../parsing/index.ts';
import { simplify, splitLinear } from '../symbolic/index.ts';
import { MethodOptionsError, UnsupportedEquationsError } from './errors.ts';
import type { StateUpdaterOptions, VariableLookup } from './types.ts';

/** One differential equation split as `dx/dt = f + Σ g_xi * xi`. */
export interface PreparedEquation {
  readonly name: string;
  /** The right-hand side with subexpressions inlined. */
  readonly expr: Expr;
  /** The deterministic part (the whole right-hand side without noise). */
  readonly f: Expr;
  /** Noise name → the factor multiplying it; `null` when the equation has no noise. */
  readonly g: ReadonlyMap<string, Expr> | null;
}

/** The equations prepared for a state updater. */
export interface PreparedSystem {
  readonly equations: Equations;
  readonly diffEqs: readonly PreparedEquation[];
  readonly diffEqNames: ReadonlySet<string>;
  /** Noise names used anywhere, sorted (Brian2 iterates a set; we fix the order). */
  readonly noiseNames: readonly string[];
  /** Stateful functions (for the "constant over dt" test). */
  readonly statefulFunctions: ReadonlySet<string>;
  readonly locallyConstantFunctions: ReadonlySet<string>;
}

/**
 * Subexpressions flagged `(constant over dt)` become parameters (Brian2's
 * `extract_constant_subexpressions`): they are stored variables, updated before the step.
 */
export function extractConstantSubexpressions(equations: Equations): Equations {
  let changed = false;
  const out: SingleEquation[] = [];
  for (const eq of equations) {
    if (eq.type === 'subexpression' && eq.flags.includes('constant over dt')) {
      changed = true;
      out.push(
        new SingleEquation({
          type: 'parameter',
          varname: eq.varname,
          dim: eq.dim,
          varType: eq.varType,
          flags: eq.flags.filter((f) => f !== 'constant over dt'),
        }),
      );
    } else out.push(eq);
  }
  return changed ? new Equations(out) : equations;
}

/** Brian2's `extract_method_options`: rejects unknown options, fills in defaults. */
export function checkMethodOptions(
  options: Readonly<Record<string, unknown>> | undefined,
  defaults: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const known = Object.keys(defaults);
  for (const key of Object.keys(options ?? {})) if (!known.includes(key)) throw new MethodOptionsError(key, known);
  return { ...defaults, ...(options ?? {}) };
}

/** Splits the noise terms off a right-hand side: `f + g1*xi_1 + g2*xi_2`. */
function splitNoise(name: string, expr: Expr, method: string): PreparedEquation {
  const noise: string[] = [];
  for (const id of collectIdentifiers(expr)) if (isNoiseName(id)) noise.push(id);
  if (noise.length === 0) return { name, expr, f: expr, g: null };
  noise.sort();
  const g = new Map<string, Expr>();
  let rest = expr;
  for (const xi of noise) {
    const split = splitLinear(rest, xi);
    if (!split.isLinear) {
      throw new UnsupportedEquationsError(
        `Expression '${printExpr(expr)}' cannot be separated into stochastic and non-stochastic term`,
        method,
      );
    }
    g.set(xi, split.coefficient);
    rest = split.rest;
  }
  return { name, expr, f: rest, g };
}

/** Prepares `equations` for a state updater named `method`. */
export function prepareSystem(
  equations: Equations,
  variables: VariableLookup | undefined,
  options: StateUpdaterOptions | undefined,
  method: string,
): PreparedSystem {
  const eqs = extractConstantSubexpressions(equations);
  const diffEqs = eqs.substitutedExpressions().map(([name, expr]) => splitNoise(name, expr, method));
  const noise = new Set<string>();
  for (const eq of diffEqs) if (eq.g !== null) for (const xi of eq.g.keys()) noise.add(xi);
  const stateful = new Set<string>(options?.statefulFunctions ?? []);
  if (variables !== undefined) {
    for (const eq of diffEqs) {
      for (const fn of collectFunctionNames(eq.expr)) {
        const v = variables.get(fn);
        if (v?.kind === 'function' && v.descriptor.stateful) stateful.add(fn);
      }
    }
  }
  return {
    equations: eqs,
    diffEqs,
    diffEqNames: new Set(diffEqs.map((d) => d.name)),
    noiseNames: [...noise].sort(),
    statefulFunctions: stateful,
    locallyConstantFunctions: new Set(options?.locallyConstantFunctions ?? []),
  };
}

/** `_x = expr` for each variable, then `x = _x` for each (the shape of every updater's output). */
export function finalAssignments(names: readonly string[]): Statement[] {
  return names.map((n) => statement(n, '=', { kind: 'name', name: `_${n}` }));
}

/** True when `e` is the literal 0 (after simplification). */
export function isZero(e: Expr): boolean {
  const s = simplify(e);
  return s.kind === 'number' && s.value === 0;
}

export const ZERO = num(0);
