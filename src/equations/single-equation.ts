import { printExpr, walkExpr } from '../parsing/index.ts';
import type { Expr } from '../parsing/index.ts';
import { DIMENSIONLESS, getUnitForDisplay } from '../units/index.ts';
import type { Dimension } from '../units/index.ts';
import { EquationError } from './errors.ts';
import { singleEquationLatex } from './latex.ts';

/** The three kinds of equation (Brian2's constants, same spelling). */
export type EquationType = 'differential equation' | 'subexpression' | 'parameter';

/** The value type of a model variable: only `float` variables may have units. */
export type VarType = 'float' | 'integer' | 'boolean';

/** Where an equation was written, for error messages (offsets into `source`). */
export interface EquationOrigin {
  readonly source: string;
  readonly offset: number;
  readonly varnameOffset: number;
  readonly unitOffset: number;
  /** Offset in `source` of each character of the equation's `exprSource` (plus the end). */
  readonly exprOffsets?: readonly number[];
}

/** The fields of a {@link SingleEquation}. */
export interface SingleEquationSpec {
  /** Differential equation, subexpression or parameter. */
  readonly type: EquationType;
  /** The variable it defines. */
  readonly varname: string;
  /** The variable's physical dimension. */
  readonly dim: Dimension;
  /** Default `'float'`. */
  readonly varType?: VarType;
  /** The right-hand side (required for differential equations and subexpressions, absent for parameters). */
  readonly expr?: Expr;
  /** The right-hand side as written (Brian2's `expr.code`); defaults to the printed `expr`. */
  readonly exprSource?: string;
  readonly flags?: readonly string[];
  readonly origin?: EquationOrigin;
}

/**
 * One equation, subexpression or parameter (Brian2's `SingleEquation`). Immutable.
 * @example new Equations('dv/dt = -v/tau : volt').get('v')   // SingleEquation { type: 'differential equation', … }
 */
export class SingleEquation {
  /** Differential equation, subexpression or parameter. */
  readonly type: EquationType;
  /** The variable it defines. */
  readonly varname: string;
  /** The variable's physical dimension. */
  readonly dim: Dimension;
  /** The variable's value type (`float`, `integer`, `boolean`). */
  readonly varType: VarType;
  /** The right-hand side (undefined for parameters). */
  readonly expr: Expr | undefined;
  /** The right-hand side as written. */
  readonly exprSource: string | undefined;
  /** The flags in parentheses (`unless refractory`, `constant`, …). */
  readonly flags: readonly string[];
  /** Where the equation was written (line and offset in the model string). */
  readonly origin: EquationOrigin | undefined;
  private identifierCache: ReadonlySet<string> | undefined;

  constructor(spec: SingleEquationSpec) {
    this.type = spec.type;
    this.varname = spec.varname;
    this.dim = spec.dim;
    this.varType = spec.varType ?? 'float';
    this.expr = spec.expr;
    this.exprSource = spec.expr === undefined ? undefined : (spec.exprSource ?? printExpr(spec.expr));
    this.flags = Object.freeze([...(spec.flags ?? [])]);
    this.origin = spec.origin;
    const where = {
      variable: this.varname,
      ...(this.origin !== undefined ? { location: { source: this.origin.source, offset: this.origin.unitOffset } } : {}),
    };
    if (this.dim !== DIMENSIONLESS && this.varType !== 'float') {
      const what = this.varType === 'boolean' ? 'Boolean' : 'Integer';
      throw new EquationError('type', `${what} variables are necessarily dimensionless.`, where);
    }
    if (this.type === 'differential equation' && this.varType !== 'float') {
      throw new EquationError('type', 'Differential equations can only define floating point variables', where);
    }
    if ((this.type === 'parameter') !== (this.expr === undefined)) {
      throw new EquationError(
        'syntax',
        this.type === 'parameter'
          ? `The parameter '${this.varname}' cannot have a right-hand side.`
          : `The ${this.type} defining '${this.varname}' needs a right-hand side.`,
        { variable: this.varname },
      );
    }
    Object.freeze(this.flags);
  }

  /** 1-based line where the equation starts in the model string it was parsed from. */
  get line(): number | undefined {
    if (this.origin === undefined) return undefined;
    let line = 1;
    const { source, offset } = this.origin;
    for (let k = source.indexOf('\n'); k !== -1 && k < offset; k = source.indexOf('\n', k + 1)) line++;
    return line;
  }

  /** Every name in the right-hand side, function names included (Brian2's `identifiers`). */
  get identifiers(): ReadonlySet<string> {
    if (this.identifierCache === undefined) {
      const names = new Set<string>();
      if (this.expr !== undefined) collectNames(this.expr, names);
      this.identifierCache = names;
    }
    return this.identifierCache;
  }

  /** The noise variables (`xi`, `xi_*`) in the right-hand side. */
  get stochasticVariables(): ReadonlySet<string> {
    return new Set([...this.identifiers].filter(isNoiseName));
  }

  /** A copy with some fields changed (the origin is dropped when the expression changes). */
  with(changes: Partial<SingleEquationSpec>): SingleEquation {
    const exprChanged = changes.expr !== undefined || changes.exprSource !== undefined;
    const spec: SingleEquationSpec = {
      type: this.type,
      varname: this.varname,
      dim: this.dim,
      varType: this.varType,
      ...(this.expr !== undefined ? { expr: this.expr, exprSource: this.exprSource! } : {}),
      flags: this.flags,
      ...(this.origin !== undefined && !exprChanged ? { origin: this.origin } : {}),
      ...changes,
    };
    if (changes.expr !== undefined && changes.exprSource === undefined) {
      return new SingleEquation({ ...spec, exprSource: printExpr(changes.expr) });
    }
    return new SingleEquation(spec);
  }

  /** The equation in LaTeX, without its unit (Brian2's `sympy.latex(eq)`): `\frac{\mathrm{d}v}{\mathrm{d}t} = - \frac{v}{\tau}`. */
  toLatex(): string {
    return singleEquationLatex(this);
  }

  /** Brian2's `str(eq)`: `dv/dt = (v0 - v)/tau : V (unless refractory)`. */
  toString(): string {
    let s = this.type === 'differential equation' ? `d${this.varname}/dt` : this.varname;
    if (this.exprSource !== undefined) s += ` = ${this.exprSource}`;
    s += ` : ${getUnitForDisplay(this.dim)}`;
    if (this.flags.length > 0) s += ` (${this.flags.join(', ')})`;
    return s;
  }
}

/** True for the names of noise variables: `xi` and `xi_<anything>`. */
export function isNoiseName(name: string): boolean {
  return name === 'xi' || name.startsWith('xi_');
}

/** Adds every variable and function name in `expr` to `into`. */
export function collectNames(expr: Expr, into: Set<string>): void {
  walkExpr(expr, (e) => {
    if (e.kind === 'name') into.add(e.name);
    else if (e.kind === 'call') into.add(e.callee);
  });
}
