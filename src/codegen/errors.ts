import { BrianError } from '../util/index.ts';
import { Quantity, second } from '../units/index.ts';

/** What went wrong in a {@link CodegenError}. */
export type CodegenErrorCode =
  /** A name in an AST that is not a valid identifier (only possible for trees built by code). */
  | 'invalid-identifier'
  /** A spec that is incomplete or inconsistent (missing statements, wrong event-space size, …). */
  | 'invalid-spec'
  /** A template name that does not exist. */
  | 'unknown-template'
  /** A function without a JavaScript implementation. */
  | 'no-implementation'
  /** Options of a public call that are not an object or have an unknown key. */
  | 'invalid-option'
  /** A write that the template does not allow (scalar writes in a reset, writes to read-only storage). */
  | 'invalid-write'
  /** A subexpression that refers to itself, or calls a stateful function. */
  | 'invalid-subexpression'
  /** An invalid seed or random-state snapshot. */
  | 'invalid-random-state'
  /** A numeric literal that cannot be represented (only possible for trees built by code). */
  | 'invalid-literal'
  /** A user function that threw or returned a non-number while the code ran. */
  | 'function-failed'
  /** A value outside a function's domain at run time (`poisson(-1)`). */
  | 'domain-error';

/**
 * A problem found while generating or running code for an object (`objectName`): raised before
 * any source is compiled for bad input, so no user text ever reaches `new Function`.
 */
export class CodegenError extends BrianError {
  /** Which rule failed, for callers to branch on. */
  readonly code: CodegenErrorCode;
  /** The object whose code was being generated. */
  readonly objectName: string;

  constructor(code: CodegenErrorCode, objectName: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.objectName = objectName;
  }
}

/**
 * A state variable became NaN or ±Infinity while `prefs.checkFinite` is on: the run stops at the
 * first such value, naming the object, the variable, the element index and the time.
 */
export class NonFiniteValueError extends BrianError {
  constructor(
    readonly objectName: string,
    readonly variable: string,
    readonly index: number,
    /** The simulation time in seconds (undefined for code that runs outside a clock). */
    readonly time: number | undefined,
    readonly value: number,
  ) {
    super(
      `The variable '${variable}' of '${objectName}' became ${value} at index ${index}` +
        `${time === undefined ? '' : ` at t = ${String(new Quantity(time, second.dim))}`} (prefs.checkFinite is on). Check the equations and parameters for ` +
        'overflow or division by zero, or use a smaller dt.',
    );
  }
}
