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
  | 'domain-error'
  /** Code a template cannot run (the GSL template: random numbers, indexing other than the element's own). */
  | 'unsupported';

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

/**
 * GSL integration failed for one element (Brian2's `IntegrationError`, same wording): with an
 * adaptable time step, the error could not be reached within `max_steps` steps (or the step could
 * not be decreased further); with a fixed step, the step's error estimate exceeds the allowed error.
 */
export class GslIntegrationError extends BrianError {
  constructor(
    readonly objectName: string,
    readonly index: number,
    /** The simulation time in seconds at the start of the failed step. */
    readonly time: number,
    readonly adaptable: boolean,
  ) {
    super(
      `GSL integrator failed to integrate the equations (object '${objectName}', element ${index}, t = ${String(new Quantity(time, second.dim))}).` +
        (adaptable
          ? '\nThis means that the desired error cannot be achieved with the given maximum number of steps. Try using a larger error or a larger number of steps.'
          : '\n This means that the size of the timestep results in an error larger than that set by absolute_error.'),
    );
  }
}
