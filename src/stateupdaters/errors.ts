/** Errors of the state updaters (Brian2's `UnsupportedEquationsException` and the registry's errors). */
import { BrianError, describeValue, showValue } from '../util/index.ts';

/** Base class of every error raised by the state updaters. */
export class StateUpdaterError extends BrianError {}

/**
 * A state update method does not apply to the given equations (Brian2's
 * `UnsupportedEquationsException`, same messages). The automatic method choice catches it and
 * tries the next method.
 */
export class UnsupportedEquationsError extends StateUpdaterError {
  constructor(
    message: string,
    /** The method that refused the equations. */
    readonly method: string,
  ) {
    super(message);
  }
}

/** `method` names no registered state updater. */
export class UnknownStateUpdaterError extends StateUpdaterError {
  constructor(
    readonly method: string,
    readonly known: readonly string[],
  ) {
    super(`No state updater with the name '${method}' is known. Known methods: ${known.map((k) => `'${k}'`).join(', ')}.`);
  }
}

/** None of the methods of an automatic choice applies (Brian2's ValueError). */
export class NoSuitableStateUpdaterError extends StateUpdaterError {
  constructor(
    readonly methods: readonly string[],
    /** Why each method was rejected, in order. */
    readonly reasons: readonly UnsupportedEquationsError[],
    readonly groupName?: string,
  ) {
    const why = reasons.map((r) => `'${r.method}': ${r.message}`).join(' ');
    super(
      `No stateupdater that is suitable for the given equations has been found` +
        `${groupName !== undefined ? ` (group '${groupName}')` : ''}.${why.length > 0 ? ` ${why}` : ''}`,
    );
  }
}

/** A second state updater registered under an existing name. */
export class DuplicateStateUpdaterError extends StateUpdaterError {
  constructor(readonly method: string) {
    super(`A stateupdater with the name '${method}' has already been registered`);
  }
}

/** `methodOptions` names an option the method does not have (Brian2's KeyError, same wording). */
export class MethodOptionsError extends StateUpdaterError {
  constructor(
    readonly option: string,
    readonly available: readonly string[],
  ) {
    const options =
      available.length > 0
        ? `Available options are: ${[...available].sort().map((k) => `'${k}'`).join(', ')}.`
        : 'This state updater does not accept any options.';
    super(`method_options specifies '${option}', but this is not an option for this state updater. ${options}`);
  }
}

/** An explicit state updater description (`k = dt*f(x,t)` … `x_new = …`) is malformed. */
export class ExplicitDescriptionError extends StateUpdaterError {
  constructor(
    readonly description: string,
    readonly problem: string,
  ) {
    super(`Invalid explicit state updater description: ${problem}`);
  }
}

/**
 * A `methodOptions` value is of the wrong kind (Brian2's TypeError/KeyError for the GSL options):
 * names the option, what was expected and what was given.
 */
export class MethodOptionValueError extends StateUpdaterError {
  constructor(
    readonly option: string,
    readonly expected: string,
    readonly value: unknown,
    message?: string,
  ) {
    super(message ?? `The method option '${option}' has to be ${expected}, got ${describeValue(value)}${typeof value === 'number' || typeof value === 'string' ? ` (${showValue(value)})` : ''}.`);
  }
}
