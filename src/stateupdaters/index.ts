/**
 * Numerical integration: state update methods turn a group's equations into abstract code
 * (Statement[]) for one time step, as Brian2's `brian2.stateupdaters`. This file is the
 * layer's contract.
 */
export type { StateUpdateMethod, StateUpdaterOptions, VariableLookup } from './types.ts';
export {
  applyStateUpdater,
  checkMethodArgument,
  getStateUpdater,
  registerStateUpdater,
  stateUpdaterNames,
  DEFAULT_METHODS,
  type ApplyStateUpdaterOptions,
  type StateUpdaterChoice,
} from './registry.ts';
export { ExplicitStateUpdater, euler, rk2, rk4, heun, milstein, type StochasticSupport } from './explicit.ts';
export { exact, linear, independent } from './exact.ts';
export { exponentialEuler } from './exponential-euler.ts';
export { extractConstantSubexpressions } from './prepare.ts';
export { GslStateUpdater, gslDerivativeName, splitGslTime, GSL_TIME, type GslIntegrator, type GslSettings } from './gsl.ts';
export {
  StateUpdaterError,
  UnsupportedEquationsError,
  UnknownStateUpdaterError,
  NoSuitableStateUpdaterError,
  DuplicateStateUpdaterError,
  MethodOptionsError,
  MethodOptionValueError,
  ExplicitDescriptionError,
} from './errors.ts';
