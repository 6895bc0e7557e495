/** Errors of groups: construction options, state access, subgroups, linked variables. */
import { ExpressionError, UndefinedIdentifierError } from '../inference/index.ts';
import { locate, ParseError } from '../parsing/index.ts';
import type { Span } from '../parsing/index.ts';
import { DimensionMismatchError } from '../units/index.ts';
import { BrianError } from '../util/index.ts';

/**
 * What kind of rule a {@link GroupError} reports. Brian2 raises several Python classes here
 * (`TypeError`, `ValueError`, `IndexError`, `AttributeError`); brian-ts uses one class and says
 * which rule failed, so callers can branch without parsing messages.
 */
export type GroupErrorCode =
  /** `N` is not an integer ≥ 1 (Brian2: `ValueError`/`TypeError`). */
  | 'invalid-size'
  /** `model` is neither a string nor an `Equations` object, or breaks a group rule. */
  | 'invalid-model'
  /** An option of the wrong type or value (threshold, reset, method, events, dt/clock, …). */
  | 'invalid-option'
  /** A threshold that is not a string or not a boolean expression. */
  | 'invalid-threshold'
  /** A reset / event code that is not a string. */
  | 'invalid-reset'
  /** A refractory period with wrong units or type. */
  | 'invalid-refractory'
  /** An event name that is unknown, invalid, or already has code. */
  | 'invalid-event'
  /** A write to a read-only variable (`i`, `N`, `t`, …). */
  | 'read-only'
  /** A value of the wrong kind for a variable (an object where a number was expected, …). */
  | 'invalid-value'
  /** An array whose length does not match the number of elements written. */
  | 'shape'
  /** An index, slice or condition that cannot address the variable or group. */
  | 'invalid-index'
  /** Misuse of a `(linked)` variable. */
  | 'linked-variable';

/**
 * A group was created or used incorrectly. `objectName` is the group's name (`neurongroup`),
 * `variable` the state variable concerned when there is one.
 */
export class GroupError extends BrianError {
  /** Which rule failed, for callers to branch on. */
  readonly code: GroupErrorCode;
  /** The group's name. */
  readonly objectName: string;
  /** The state variable concerned, when there is one. */
  readonly variable: string | undefined;

  constructor(code: GroupErrorCode, objectName: string, message: string, details: { variable?: string; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.objectName = objectName;
    this.variable = details.variable;
  }
}

/**
 * A state variable name that the group does not have (Brian2's `AttributeError`
 * `Could not find a state variable with name "vv". Did you mean to write "v"?`).
 * `suggestions` are the close matches, best first.
 */
export class UnknownVariableError extends GroupError {
  /** Close matches, best first. */
  readonly suggestions: readonly string[];

  constructor(objectName: string, variable: string, message: string, suggestions: readonly string[]) {
    super('invalid-value', objectName, message, { variable });
    this.suggestions = suggestions;
  }
}

/**
 * An undefined name in a group's code (threshold, reset, equations, assignment…): Brian2's
 * `The identifier "tau" could not be resolved.`, plus the group, the line, and close matches
 * among the names the group could have meant.
 */
export class GroupUndefinedIdentifierError extends UndefinedIdentifierError {
  /** The group's name. */
  readonly objectName: string;
  /** Close matches, best first. */
  readonly suggestions: readonly string[];

  constructor(objectName: string, context: string, identifier: string, expression: string, suggestions: readonly string[], span?: Span) {
    super(identifier, expression, span);
    this.objectName = objectName;
    this.suggestions = suggestions;
    // The base class fixes Brian2's sentence; the group adds where and what might have been meant.
    this.message = `${context}: ${this.message}${suggestionText(suggestions)}${identifier === 'lastupdate' ? LASTUPDATE_NOTE : ''}`;
  }
}

/** Brian2's explanation for `lastupdate`, which only event-driven synapses define. */
export const LASTUPDATE_NOTE =
  ' Note that this variable is only automatically defined for models with event-driven synapses. You can define it manually by adding "lastupdate : second" to the equations and setting "lastupdate = t" at the end of your on_pre and/or on_post statements.';

/** `' Did you mean "v"?'` / `' Did you mean one of "a", "b"?'` / `''`. */
export function suggestionText(suggestions: readonly string[]): string {
  if (suggestions.length === 0) return '';
  if (suggestions.length === 1) return ` Did you mean "${suggestions[0]}"?`;
  return ` Did you mean one of ${suggestions.map((s) => `"${s}"`).join(', ')}?`;
}

/** Where a piece of group code sits: `In the reset of 'neurongroup', line 2 ("v = 3*nS")`. */
export function codeContext(objectName: string, role: string, source: string, span?: Span): string {
  if (span === undefined) return `In the ${role} of '${objectName}' ("${source.trim()}")`;
  const { line } = locate(source, span.start);
  const lineText = source.split('\n')[line - 1]?.trim() ?? source.trim();
  return `In the ${role} of '${objectName}', line ${line} ("${lineText}")`;
}

/**
 * Re-throws a lower-level error from checking group code with the group, role and line in its
 * message, keeping its class (so `DimensionMismatchError` stays one, as in Brian2).
 * `suggest` proposes close matches for an undefined identifier.
 */
export function withCodeContext(
  error: unknown,
  objectName: string,
  role: string,
  source: string,
  span: Span | undefined,
  suggest: (name: string) => readonly string[],
): unknown {
  if (error instanceof GroupUndefinedIdentifierError || error instanceof GroupError) return error;
  if (error instanceof UndefinedIdentifierError) {
    const at = error.span ?? span;
    return new GroupUndefinedIdentifierError(objectName, codeContext(objectName, role, source, at), error.identifier, error.expression, suggest(error.identifier), at);
  }
  if (error instanceof ExpressionError) {
    const at = error.span ?? span;
    return new ExpressionError(error.code, `${codeContext(objectName, role, source, at)}: ${error.message}`, error.expression, at, { cause: error });
  }
  if (error instanceof DimensionMismatchError) {
    return new DimensionMismatchError(`${codeContext(objectName, role, source, span)}: ${error.description}`, ...error.dims);
  }
  if (error instanceof ParseError) {
    return new ParseError(`In the ${role} of '${objectName}': ${error.reason}`, error.source, error.offset, error.length, { cause: error });
  }
  return error;
}
