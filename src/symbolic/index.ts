// The symbolic layer: brian-ts's replacement for Brian2's use of sympy.
export { evaluate, evaluateNumber, floorDiv, pyMod, applyArithmetic, applyCompare } from './evaluate.ts';
export type { Value, EvaluateOptions } from './evaluate.ts';
export { simplify } from './simplify.ts';
export type { SimplifyOptions } from './simplify.ts';
export { expand } from './expand.ts';
export type { ExpandOptions } from './expand.ts';
export { differentiate } from './differentiate.ts';
export type { DifferentiateOptions } from './differentiate.ts';
export { substitute } from './substitute.ts';
export type { Substitutions } from './substitute.ts';
export {
  splitLinear,
  checkLinear,
  linearSystem,
  conditionallyLinearSystem,
  isConstantOverDt,
  checkConstantOverDt,
  whyNotConstantOverDt,
} from './linear.ts';
export type { LinearParts, LinearSplit, LinearSystem, ConstantOverDtOptions } from './linear.ts';
export { exprKey, dependsOn, hasStatefulCall } from './expr.ts';
export { builtinFunctions, BUILTIN_FUNCTIONS, BUILTIN_CONSTANTS, DEFAULT_STATEFUL_FUNCTIONS, exprel } from './functions.ts';
export type { BuiltinFunction } from './functions.ts';
export {
  SymbolicError,
  UnknownIdentifierError,
  UnknownFunctionError,
  ArgumentCountError,
  EvaluationTypeError,
  NonDifferentiableError,
  NonlinearError,
  NotConstantOverDtError,
} from './errors.ts';
