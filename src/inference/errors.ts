import type { Span } from '../parsing/index.ts';
import { BrianError } from '../util/index.ts';

/**
 * What went wrong in an {@link ExpressionError}. Dimension problems are not listed here: they
 * throw the units layer's `DimensionMismatchError`, as in Brian2.
 */
export type ExpressionErrorCode =
  /** A name resolves to nothing (Brian2: `KeyError`). */
  | 'undefined-identifier'
  /** A namespace entry that is not a scalar (Brian2: "... is not a scalar value"). */
  | 'non-scalar-namespace-value'
  /** A function name used as a value, e.g. `exp + 1`. */
  | 'function-as-value'
  /** A call of something that is not a function, e.g. `v(2)`. */
  | 'not-a-function'
  /** A call with the wrong number of arguments. */
  | 'argument-count'
  /** An argument of the wrong type (boolean / integer / float) for the function. */
  | 'argument-type'
  /** An operand of `and`, `or` or `not` that is not boolean. */
  | 'boolean-operand'
  /** Unary `-` or `+` applied to a boolean. */
  | 'boolean-arithmetic'
  /** `base ** exponent` where the base has units and the exponent is not a constant. */
  | 'non-constant-exponent'
  /** `//` with an operand that has units. */
  | 'floor-division-units'
  /** More than one call of the same stateful function (`rand() - rand()`). */
  | 'multiple-stateful-calls'
  /** A threshold / condition that is not a boolean expression. */
  | 'not-boolean'
  /** An assignment to something that cannot be written: a constant, unit, function, subexpression or read-only variable. */
  | 'invalid-target'
  /** A write to a scalar (shared) variable after a write to a vector variable in the same block. */
  | 'scalar-write-order'
  /** A tree too deep to analyse (only trees built by code; parsed ones are at most 500 levels deep). */
  | 'too-deep';

/**
 * A problem with an expression or statement that is not a dimension mismatch: unknown names,
 * wrong calls, non-boolean operands, non-constant exponents, invalid assignment targets, ….
 * `expression` is the whole expression or statement (its source text when known);
 * `span`, when known, locates the offending part in that source.
 */
export class ExpressionError extends BrianError {
  /** Which rule failed, for callers to branch on. */
  readonly code: ExpressionErrorCode;
  /** The expression or statement the error is about. */
  readonly expression: string;
  /** Position of the offending part in `expression`, when known. */
  readonly span: Span | undefined;

  constructor(code: ExpressionErrorCode, message: string, expression: string, span?: Span, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.expression = expression;
    this.span = span;
  }
}

/** A name that no layer of the scope defines (Brian2's `The identifier "tau" could not be resolved.`). */
export class UndefinedIdentifierError extends ExpressionError {
  /** The name that could not be resolved. */
  readonly identifier: string;

  constructor(identifier: string, expression: string, span?: Span) {
    super('undefined-identifier', `The identifier "${identifier}" could not be resolved.`, expression, span);
    this.identifier = identifier;
  }
}

/**
 * Runs `f`, turning a call-stack overflow on a pathologically deep tree into a typed error.
 * @internal
 */
export function guardDepth<T>(f: () => T, expression: string | undefined): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      throw new ExpressionError(
        'too-deep',
        'The expression is nested too deeply to be analysed; split it into several statements or subexpressions.',
        expression ?? '<deeply nested expression>',
        undefined,
        { cause: error },
      );
    }
    throw error;
  }
}
