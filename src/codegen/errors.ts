import { BrianError } from '../util/index.ts';

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
