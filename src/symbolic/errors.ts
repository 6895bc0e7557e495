import { BrianError } from '../util/index.ts';

/** Base class of every error raised by the symbolic layer. */
export class SymbolicError extends BrianError {}

/** An expression refers to a name that the evaluator was not given a value for. */
export class UnknownIdentifierError extends SymbolicError {
  constructor(
    readonly identifier: string,
    readonly expression: string,
  ) {
    super(`The identifier "${identifier}" in the expression '${expression}' could not be resolved.`);
  }
}

/** A call to a function that the symbolic layer does not know (evaluation or differentiation). */
export class UnknownFunctionError extends SymbolicError {
  constructor(
    readonly functionName: string,
    readonly purpose: string,
  ) {
    super(`The function '${functionName}' is not known, so it cannot be used for ${purpose}.`);
  }
}

/** A built-in function was called with the wrong number of arguments. */
export class ArgumentCountError extends SymbolicError {
  constructor(
    readonly functionName: string,
    readonly given: number,
    readonly expected: number,
  ) {
    super(`Function '${functionName}' was called with ${given} parameters, needs ${expected}.`);
  }
}

/** An operand had the wrong kind of value (e.g. a number where `and`/`or` needs a boolean). */
export class EvaluationTypeError extends SymbolicError {
  constructor(
    readonly expression: string,
    readonly expected: string,
  ) {
    super(`The expression '${expression}' does not evaluate to a ${expected}, but a ${expected} is required here.`);
  }
}

/** An expression cannot be differentiated (stateful function, unknown function of the variable). */
export class NonDifferentiableError extends SymbolicError {
  constructor(
    readonly expression: string,
    readonly variable: string,
    readonly reason: string,
  ) {
    super(`Cannot differentiate '${expression}' with respect to '${variable}': ${reason}.`);
  }
}

/** An expression is not of the form `coefficient*variable + rest` with both parts free of the variable. */
export class NonlinearError extends SymbolicError {
  constructor(
    readonly expression: string,
    readonly variable: string,
    readonly reason: string,
  ) {
    super(
      `The expression '${expression}', defining the variable '${variable}', could not be separated into linear components: ${reason}.`,
    );
  }
}

/** An expression depends on `t` or on a stateful function and so may change within one time step. */
export class NotConstantOverDtError extends SymbolicError {
  constructor(
    readonly expression: string,
    readonly reason: string,
  ) {
    super(`Expression '${expression}' is not guaranteed to be constant over a time step (${reason}).`);
  }
}
