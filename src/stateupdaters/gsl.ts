/**
 * Brian2's GSL integrators (`gsl`, `gsl_rk2`, `gsl_rk4`, `gsl_rkf45`, `gsl_rkck`, `gsl_rk8pd`):
 * adaptive Runge–Kutta with error control, as GSL's `gsl_odeiv2_driver` runs them for Brian2.
 * There is no GSL in JavaScript: the schemes are implemented natively by the code generator's
 * `gsl_stateupdate` template (src/codegen/gsl.ts). This file is the state-updater side: it checks
 * the equations and `methodOptions` (Brian2's names and defaults) and returns the abstract code of
 * the derivative, `_gsl_x_f0 = f_x(…)` for each differential equation (Brian2's tags).
 */
import type { Equations } from '../equations/index.ts';
import { statement } from '../parsing/index.ts';
import type { Expr, Statement } from '../parsing/index.ts';
import { DIMENSIONLESS, DimensionMismatchError, Quantity } from '../units/index.ts';
import type { Dimension } from '../units/index.ts';
import { MethodOptionsError, MethodOptionValueError, UnsupportedEquationsError } from './errors.ts';
import type { StateUpdateMethod, StateUpdaterOptions, VariableLookup } from './types.ts';

/** GSL's explicit Runge–Kutta steppers that Brian2 offers. */
export type GslIntegrator = 'rk2' | 'rk4' | 'rkf45' | 'rkck' | 'rk8pd';

/** The integration settings of a group integrated with a GSL method (Brian2's `method_options`, checked). */
export interface GslSettings {
  readonly integrator: GslIntegrator;
  /** The integrated variables in GSL's y order (Brian2: update order, i.e. by name). */
  readonly variables: readonly string[];
  /** Absolute error allowed per step for each variable (SI value), in `variables` order. */
  readonly absoluteErrors: readonly number[];
  readonly adaptableTimestep: boolean;
  /** GSL's `nmax` (0: no limit). */
  readonly maxSteps: number;
  readonly useLastTimestep: boolean;
  readonly saveFailedSteps: boolean;
  readonly saveStepCount: boolean;
}

/** Brian2's option names and defaults (brian2/stateupdaters/GSL.py). */
const DEFAULTS = {
  adaptable_timestep: true,
  absolute_error: 1e-6,
  absolute_error_per_variable: null,
  max_steps: 100,
  use_last_timestep: true,
  save_failed_steps: false,
  save_step_count: false,
} as const;

type OptionName = keyof typeof DEFAULTS;
const OPTION_NAMES = Object.keys(DEFAULTS) as OptionName[];
/** camelCase spellings accepted as well (`absoluteError` = `absolute_error`). */
const CAMEL: ReadonlyMap<string, OptionName> = new Map(OPTION_NAMES.map((n) => [n.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()), n]));

/** The tag Brian2 gives the derivative of `x` (index k in y): `_gsl_x_fk`. */
export function gslDerivativeName(variable: string, index: number): string {
  return `_gsl_${variable}_f${index}`;
}

/** Brian2's `GSLStateUpdater`: one instance per GSL stepper. */
export class GslStateUpdater implements StateUpdateMethod {
  constructor(
    readonly name: string,
    readonly integrator: GslIntegrator,
  ) {}

  apply(equations: Equations, variables?: VariableLookup, options?: StateUpdaterOptions): Statement[] {
    this.settings(equations, variables, options?.methodOptions);
    if (equations.isStochastic) throw new UnsupportedEquationsError('Cannot solve stochastic equations with the GSL state updater.', this.name);
    return equations.substitutedExpressions().map(([v, expr], k) => statement(gslDerivativeName(v, k), '=', expr));
  }

  /** The checked settings for `equations` (throws MethodOptionsError / MethodOptionValueError / DimensionMismatchError). */
  settings(equations: Equations, variables?: VariableLookup, methodOptions?: Readonly<Record<string, unknown>>): GslSettings {
    const o = readOptions(methodOptions);
    const names = equations.substitutedExpressions().map(([v]) => v);
    const absoluteError = o.absolute_error;
    if (typeof absoluteError !== 'number' || !Number.isFinite(absoluteError) || !(absoluteError > 0)) {
      throw new MethodOptionValueError('absolute_error', 'a positive number (the absolute error allowed per step, in SI units)', absoluteError);
    }
    const perVariable = o.absolute_error_per_variable;
    const errors = new Map<string, number>(names.map((n) => [n, absoluteError]));
    if (perVariable !== null && perVariable !== undefined) {
      if (typeof perVariable !== 'object' || ![Object.prototype, null].includes(Object.getPrototypeOf(perVariable) as object | null)) {
        throw new MethodOptionValueError('absolute_error_per_variable', "an object mapping integrated variables to their absolute error, such as { v: mV(0.001) }", perVariable);
      }
      for (const [varname, value] of Object.entries(perVariable as Record<string, unknown>)) {
        if (!errors.has(varname)) {
          const known = equations.names.has(varname) || variables?.get(varname) !== undefined;
          throw new MethodOptionValueError(
            'absolute_error_per_variable',
            `integrated variables only (${names.map((n) => `'${n}'`).join(', ')})`,
            varname,
            known ? `absolute_error specified for variable that is not being integrated: ${varname}` : `absolute_error specified for variable that does not exist: ${varname}`,
          );
        }
        const dim = equations.get(varname)!.dim;
        const [magnitude, valueDim] = value instanceof Quantity ? [value.value, value.dim] : [value, DIMENSIONLESS as Dimension];
        if (typeof magnitude !== 'number' || !Number.isFinite(magnitude) || !(magnitude > 0)) {
          throw new MethodOptionValueError('absolute_error_per_variable', `a positive quantity for '${varname}'`, value);
        }
        if (!valueDim.equals(dim)) {
          throw new DimensionMismatchError(`Unit of absolute_error_per_variable for variable ${varname} does not match unit of variable itself`, valueDim, dim);
        }
        errors.set(varname, magnitude);
      }
    }
    const maxSteps = o.max_steps;
    if (typeof maxSteps !== 'number' || !Number.isSafeInteger(maxSteps) || maxSteps < 0) {
      throw new MethodOptionValueError('max_steps', 'a non-negative integer (0: no limit)', maxSteps);
    }
    const flag = (key: OptionName): boolean => {
      const v = o[key];
      if (typeof v !== 'boolean') throw new MethodOptionValueError(key, 'true or false', v);
      return v;
    };
    return Object.freeze({
      integrator: this.integrator,
      variables: Object.freeze(names),
      absoluteErrors: Object.freeze(names.map((n) => errors.get(n)!)),
      adaptableTimestep: flag('adaptable_timestep'),
      maxSteps,
      useLastTimestep: flag('use_last_timestep'),
      saveFailedSteps: flag('save_failed_steps'),
      saveStepCount: flag('save_step_count'),
    });
  }
}

function readOptions(options: Readonly<Record<string, unknown>> | undefined): Record<OptionName, unknown> {
  const out: Record<string, unknown> = { ...DEFAULTS };
  const given = new Map<OptionName, string>();
  for (const [key, value] of Object.entries(options ?? {})) {
    const canonical = (OPTION_NAMES as string[]).includes(key) ? (key as OptionName) : CAMEL.get(key);
    if (canonical === undefined) throw new MethodOptionsError(key, OPTION_NAMES);
    const earlier = given.get(canonical);
    if (earlier !== undefined) throw new MethodOptionValueError(canonical, `one spelling of the option, not both '${earlier}' and '${key}'`, value);
    given.set(canonical, key);
    out[canonical] = value;
  }
  return out as Record<OptionName, unknown>;
}

export const gslRk2 = new GslStateUpdater('gsl_rk2', 'rk2');
export const gslRk4 = new GslStateUpdater('gsl_rk4', 'rk4');
export const gslRkf45 = new GslStateUpdater('gsl_rkf45', 'rkf45');
export const gslRkck = new GslStateUpdater('gsl_rkck', 'rkck');
export const gslRk8pd = new GslStateUpdater('gsl_rk8pd', 'rk8pd');
/** Brian2 registers `gsl_rkf45` also as `gsl`. */
export const gsl = new GslStateUpdater('gsl', 'rkf45');

/** The name of the intermediate time inside a GSL step (see {@link splitGslTime}). */
export const GSL_TIME = '_gsl_t';

/**
 * Which `t` a GSL derivative sees, as in Brian2. Brian2 evaluates the derivative inside GSL with
 * its own loop-invariant optimisation: every scalar subexpression that is not a bare name is
 * computed once per time step, before GSL runs (so `t` in it is the step's start), after products
 * and sums have been regrouped into their scalar and per-element factors (`2*pi*freq*t` with
 * per-neuron `freq` hoists `2*pi*t`). A `t` left on its own among per-element terms (`t - lastspike`,
 * `a*t`) is GSL's intermediate time. This pass replaces those `t` by {@link GSL_TIME}, which the
 * template sets at every derivative evaluation; the other `t` stay (constant over the step).
 * `isScalar(name)` tells whether a name is the same for all elements (t, dt, constants, units,
 * shared variables); `isStateless(fn)` whether a call with scalar arguments is scalar.
 */
export function splitGslTime(expr: Expr, isScalar: (name: string) => boolean, isStateless: (fn: string) => boolean): Expr {
  const scalarOf = (e: Expr): boolean => {
    switch (e.kind) {
      case 'number':
      case 'boolean':
        return true;
      case 'name':
        return isScalar(e.name);
      case 'unary':
        return scalarOf(e.operand);
      case 'call':
        return isStateless(e.callee) && e.args.every(scalarOf);
      default:
        return scalarOf(e.left) && scalarOf(e.right);
    }
  };
  const visit = (e: Expr): Expr => {
    switch (e.kind) {
      case 'number':
      case 'boolean':
        return e;
      case 'name':
        // A bare t reached here is not part of a hoisted group.
        return e.name === 't' ? { ...e, name: GSL_TIME } : e;
      default:
        break;
    }
    // A scalar non-leaf is computed once per step by Brian2: t in it is the step's start.
    if (scalarOf(e)) return e;
    switch (e.kind) {
      case 'unary':
        return { ...e, operand: visit(e.operand) };
      case 'call':
        return { ...e, args: e.args.map(visit) };
      case 'compare':
      case 'logical':
        return { ...e, left: visit(e.left), right: visit(e.right) };
      case 'binary': {
        const family = e.op === '*' || e.op === '/' ? 'mul' : e.op === '+' || e.op === '-' ? 'add' : undefined;
        if (family === undefined) return { ...e, left: visit(e.left), right: visit(e.right) };
        // Brian2's collect(): the chain's terms, numbers folded, the scalar ones grouped.
        const terms: { expr: Expr; inverted: boolean }[] = [];
        const gather = (n: Expr, inverted: boolean): void => {
          if (n.kind === 'binary' && (family === 'mul' ? n.op === '*' || n.op === '/' : n.op === '+' || n.op === '-')) {
            gather(n.left, inverted);
            gather(n.right, (n.op === '/' || n.op === '-') !== inverted);
          } else terms.push({ expr: n, inverted });
        };
        gather(e, false);
        const numbers = terms.filter((t) => t.expr.kind === 'number');
        const identity = family === 'mul' ? 1 : 0;
        let folded = identity;
        for (const t of numbers) {
          const x = (t.expr as { value: number }).value;
          folded = family === 'mul' ? (t.inverted ? folded / x : folded * x) : t.inverted ? folded - x : folded + x;
        }
        const scalars = terms.filter((t) => t.expr.kind !== 'number' && scalarOf(t.expr));
        const primary = scalars.filter((t) => !t.inverted);
        const inverted = scalars.filter((t) => t.inverted);
        // The scalar group is one hoisted node unless it is a single name on its own.
        const grouped = inverted.length > 0 || primary.length > 1 || (primary.length === 1 && folded !== identity);
        const freezeGroup = grouped || (primary.length === 1 && primary[0]!.expr.kind !== 'name');
        const mapped = new Map<Expr, Expr>();
        for (const t of terms) {
          if (t.expr.kind === 'number') continue;
          if (scalarOf(t.expr)) mapped.set(t.expr, freezeGroup ? t.expr : visit(t.expr));
          else mapped.set(t.expr, visit(t.expr));
        }
        // Rebuild the chain in its original shape with the rewritten terms.
        const rebuild = (n: Expr): Expr => {
          if (n.kind === 'binary' && (family === 'mul' ? n.op === '*' || n.op === '/' : n.op === '+' || n.op === '-')) {
            return { ...n, left: rebuild(n.left), right: rebuild(n.right) };
          }
          return mapped.get(n) ?? n;
        };
        return rebuild(e);
      }
    }
  };
  return visit(expr);
}
