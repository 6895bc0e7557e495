import { BrianError } from '../util/index.ts';
import { caretExcerpt, locate } from '../parsing/index.ts';
import { DimensionMismatchError } from '../units/index.ts';
import type { Dimension } from '../units/index.ts';

/**
 * What kind of rule an {@link EquationError} reports. Brian2 raises several Python classes for
 * these (EquationError, SyntaxError, TypeError, ValueError); brian-ts uses one class and says
 * which rule failed here, so callers can branch without parsing messages.
 */
export type EquationErrorReason =
  | 'argument' // the constructor's argument is not a string, Equations or SingleEquations (or the substitutions not an object)
  | 'syntax' // the equation structure (`dx/dt = expr : unit (flags)`) cannot be parsed
  | 'unit-specification' // the part after `:` is not a valid unit specification
  | 'identifier' // a variable name breaks the naming rules
  | 'duplicate' // a variable is defined twice
  | 'type' // e.g. an integer differential equation
  | 'noise' // misuse of `xi`
  | 'cycle' // subexpressions depend on each other in a cycle
  | 'dependency' // an equation depends on a variable it may not use (Synapses: clock-driven on event-driven)
  | 'flags' // a flag that the group does not allow, or two incompatible flags
  | 'substitution' // an invalid `Equations(s, {name: replacement})` replacement
  | 'undefined-identifier' // a right-hand side uses a name that nothing defines (unit checking)
  | 'expression'; // a right-hand side is invalid for another reason found by unit/type inference (see `cause`)

/** Where in the model string an equation error was found (all fields refer to `source`). */
export interface EquationLocation {
  /** The full model string the equations were parsed from. */
  readonly source: string;
  /** 0-based offset of the offending text in `source`. */
  readonly offset: number;
  /** Length of the offending text (at least 1 for the caret). */
  readonly length?: number;
}

/**
 * A malformed equation or set of equations. `description` is the message without location
 * (Brian2's wording where it has one); `variable` is the variable whose definition is wrong;
 * `line`/`column` (1-based) point into `source`, and the message shows a caret excerpt there.
 */
export class EquationError extends BrianError {
  /** Which rule failed, for callers to branch on. */
  readonly reason: EquationErrorReason;
  /** What went wrong, without the position. */
  readonly description: string;
  /** The variable concerned, when there is one. */
  readonly variable: string | undefined;
  /** The model string, when the error has a position in it. */
  readonly source: string | undefined;
  /** Offset of the error in `source` (0-based). */
  readonly offset: number | undefined;
  /** Line of the error in `source` (1-based). */
  readonly line: number | undefined;
  /** Column of the error in `source` (1-based). */
  readonly column: number | undefined;
  /** Further problems found in the same pass, one sentence each (empty when there is one). */
  readonly diagnostics: readonly string[];

  constructor(
    reason: EquationErrorReason,
    description: string,
    details: { variable?: string; location?: EquationLocation; diagnostics?: readonly string[]; cause?: unknown } = {},
  ) {
    const loc = details.location;
    let message = description;
    let line: number | undefined;
    let column: number | undefined;
    if (loc !== undefined) {
      ({ line, column } = locate(loc.source, loc.offset));
      message = `Line ${line}, column ${column}: ${description}\n${caretExcerpt(loc.source, loc.offset, loc.length ?? 1)}`;
    }
    const extra = details.diagnostics ?? [];
    if (extra.length > 0) message += `\n${extra.map((d) => `  - ${d}`).join('\n')}`;
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.reason = reason;
    this.description = description;
    this.variable = details.variable;
    this.source = loc?.source;
    this.offset = loc?.offset;
    this.line = line;
    this.column = column;
    this.diagnostics = extra;
  }
}

/**
 * A right-hand side whose dimension does not fit its variable (Brian2's
 * `Inconsistent units in differential equation defining variable 'v': …`). It is a
 * `DimensionMismatchError`, as in Brian2, and also says which equation and where.
 */
export class EquationDimensionError extends DimensionMismatchError {
  /** The variable whose units are inconsistent. */
  readonly variable: string;
  /** Line of the equation in the model string (1-based), when known. */
  readonly line: number | undefined;
  /** The other equations with inconsistent units found in the same check. */
  readonly diagnostics: readonly string[];

  constructor(description: string, dims: readonly Dimension[], details: { variable: string; line?: number; diagnostics?: readonly string[]; cause?: unknown }) {
    super(description, ...dims);
    this.variable = details.variable;
    this.line = details.line;
    this.diagnostics = details.diagnostics ?? [];
    if (details.line !== undefined) this.message = `Line ${details.line}: ${this.message}`;
    if (this.diagnostics.length > 0) this.message += `\n${this.diagnostics.map((d) => `  - ${d}`).join('\n')}`;
    if (details.cause !== undefined) this.cause = details.cause;
  }
}
