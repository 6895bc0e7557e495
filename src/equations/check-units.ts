/** Dimension checking of equations (Brian2's `Equations.check_units` with `check_dimensions`). */
import {
  checkDimensions,
  createScope,
  ExpressionError,
  layerResolvers,
  tableResolver,
  UndefinedIdentifierError,
  variableSymbol,
} from '../inference/index.ts';
import type { NamespaceValue, Resolver, ScopeSymbol, ValueSymbol } from '../inference/index.ts';
import { DIMENSIONLESS, Dimension, DimensionMismatchError } from '../units/index.ts';
import { EquationDimensionError, EquationError } from './errors.ts';
import type { Equations } from './equations.ts';
import type { SingleEquation } from './single-equation.ts';

const SECOND = Dimension.of([0, 0, 1, 0, 0, 0, 0]);
/** White noise `xi` has dimension second^-0.5. */
export const NOISE_DIMENSION: Dimension = SECOND.pow(-0.5);

type SymbolTable = Resolver | ReadonlyMap<string, ScopeSymbol> | Readonly<Record<string, ScopeSymbol>>;
type Namespace = Resolver | ReadonlyMap<string, NamespaceValue> | Readonly<Record<string, NamespaceValue>>;

/** Options of {@link checkUnits}. */
export interface CheckUnitsOptions {
  /** More group variables (e.g. `lastspike`, `not_refractory`), looked up after the equations' own. */
  readonly variables?: SymbolTable;
  /** External names (the group's namespace, then the run namespace), looked up after constants, units and functions. */
  readonly namespaces?: readonly Namespace[];
  /** Appended to an unresolvable identifier's message, e.g. ` Did you mean "tau"?` (groups know the candidates). */
  readonly suggest?: (identifier: string) => string;
}

/**
 * The symbols the equations themselves define, plus the clock and index variables every group
 * has (`t`, `dt`, `t_in_timesteps`, `i`, `N`) and the noise variables (`xi`, `xi_*`).
 */
export function equationSymbols(equations: Equations): Map<string, ScopeSymbol> {
  const table = new Map<string, ScopeSymbol>([
    ['t', variableSymbol(SECOND, { scalar: true, readOnly: true })],
    ['dt', variableSymbol(SECOND, { scalar: true, readOnly: true })],
    ['t_in_timesteps', variableSymbol(DIMENSIONLESS, { type: 'integer', scalar: true, readOnly: true })],
    ['i', variableSymbol(DIMENSIONLESS, { type: 'integer', readOnly: true })],
    ['N', variableSymbol(DIMENSIONLESS, { type: 'integer', scalar: true, readOnly: true })],
  ]);
  for (const xi of equations.stochasticVariables) table.set(xi, variableSymbol(NOISE_DIMENSION));
  for (const eq of equations) {
    const scalar = eq.flags.includes('shared');
    const symbol: ValueSymbol =
      eq.type === 'subexpression'
        ? Object.freeze({ kind: 'subexpression', dim: eq.dim, type: eq.varType, scalar, readOnly: true })
        : variableSymbol(eq.dim, { type: eq.varType, scalar });
    table.set(eq.varname, symbol);
  }
  return table;
}

/**
 * Checks that every differential equation's right-hand side has the dimension of its variable
 * per second and every subexpression's that of its variable. Names are resolved in Brian2's
 * order: the equations' own variables (and `options.variables`), constants, units, functions,
 * then `options.namespaces`. All equations are checked; the first problem is thrown with the
 * others listed in its `diagnostics`: an {@link EquationDimensionError} (a
 * `DimensionMismatchError`) for dimensions, an EquationError for unknown names and other
 * invalid expressions.
 * @example checkUnits(new Equations('dv/dt = -v/tau : volt'), { namespaces: [{ tau: constantSymbol(0.01, second.dim) }] })
 */
export function checkUnits(equations: Equations, options: CheckUnitsOptions | Resolver = {}): void {
  const opts: CheckUnitsOptions = typeof options === 'function' ? { namespaces: [options] } : options;
  const own = tableResolver(equationSymbols(equations));
  const extra = opts.variables === undefined ? undefined : typeof opts.variables === 'function' ? opts.variables : tableResolver(opts.variables);
  const scope = createScope({
    variables: extra === undefined ? own : layerResolvers(own, extra),
    ...(opts.namespaces !== undefined ? { namespaces: opts.namespaces } : {}),
  });
  const problems: Error[] = [];
  for (const eq of equations) {
    if (eq.type === 'parameter') continue;
    try {
      checkEquation(eq, scope, opts.suggest);
    } catch (err) {
      if (err instanceof EquationDimensionError || err instanceof EquationError) problems.push(err);
      else throw err;
    }
  }
  const [first, ...rest] = problems;
  if (first === undefined) return;
  const diagnostics = rest.map((p) => p.message.split('\n').join(' '));
  if (diagnostics.length === 0) throw first;
  if (first instanceof EquationDimensionError) {
    throw new EquationDimensionError(first.description, first.dims, {
      variable: first.variable,
      ...(first.line !== undefined ? { line: first.line } : {}),
      diagnostics,
      cause: first.cause,
    });
  }
  const e = first as EquationError;
  throw new EquationError(e.reason, e.description, {
    ...(e.variable !== undefined ? { variable: e.variable } : {}),
    ...(e.source !== undefined && e.offset !== undefined ? { location: { source: e.source, offset: e.offset } } : {}),
    diagnostics,
    cause: e.cause,
  });
}

function checkEquation(eq: SingleEquation, scope: Resolver, suggest?: (identifier: string) => string): void {
  const isDiff = eq.type === 'differential equation';
  const expected = isDiff ? eq.dim.div(SECOND) : eq.dim;
  const what = isDiff ? `differential equation defining variable '${eq.varname}'` : `subexpression ${eq.varname}`;
  try {
    checkDimensions(eq.expr!, expected, scope, { source: eq.exprSource! });
  } catch (err) {
    if (err instanceof DimensionMismatchError) {
      const line = eq.line;
      throw new EquationDimensionError(`Inconsistent units in ${what}:\n${err.description}`, err.dims, {
        variable: eq.varname,
        ...(line !== undefined ? { line } : {}),
        cause: err,
      });
    }
    if (err instanceof ExpressionError) {
      // Locate the offending part of the right-hand side in the model string when we can.
      const o = eq.origin;
      const offsets = o?.exprOffsets;
      const location =
        o !== undefined && offsets !== undefined && err.span !== undefined
          ? { location: { source: o.source, offset: offsets[Math.min(err.span.start, offsets.length - 1)]!, length: err.span.end - err.span.start } }
          : o !== undefined
            ? { location: { source: o.source, offset: o.offset } }
            : {};
      const undefinedName = err instanceof UndefinedIdentifierError;
      const hint = undefinedName && suggest !== undefined ? suggest(err.identifier) : '';
      throw new EquationError(undefinedName ? 'undefined-identifier' : 'expression', `${err.message}${hint} (in the ${what})`, {
        variable: eq.varname,
        ...location,
        cause: err,
      });
    }
    throw err;
  }
}
