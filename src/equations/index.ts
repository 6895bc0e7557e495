/**
 * Model equations: Brian2's equation syntax (`dx/dt = expr : unit (flags)`, subexpressions,
 * parameters), `Equations` objects (combine, substitute, introspect), unit checking, group flag
 * checks and the refractoriness transformation. This file is the equations layer's contract.
 */
export { Equations } from './equations.ts';
export type { EquationDependency, StochasticType, Substitution, Substitutions } from './equations.ts';
export { SingleEquation, isNoiseName } from './single-equation.ts';
export type { EquationOrigin, EquationType, SingleEquationSpec, VarType } from './single-equation.ts';
export { EquationDimensionError, EquationError } from './errors.ts';
export type { EquationErrorReason, EquationLocation } from './errors.ts';
export { parseRawEquations } from './parse-equations.ts';
export type { RawEquation } from './parse-equations.ts';
export {
  BASE_UNITS,
  BASE_UNITS_DESCRIPTION,
  readUnitSpecification,
  suggestBaseUnit,
  UnitSpecificationProblem,
} from './unit-spec.ts';
export type { UnitSpecification } from './unit-spec.ts';
export { identifierProblem, isValidVariableName, prePostSuffixProblem, REFRACTORY_NAMES, RESERVED_NAMES } from './identifiers.ts';
export {
  checkFlags,
  NEURON_GROUP_FLAGS,
  SPATIAL_NEURON_FLAGS,
  SYNAPSES_FLAGS,
  SYNAPSES_INCOMPATIBLE_FLAGS,
} from './flags.ts';
export type { AllowedFlags } from './flags.ts';
export { checkUnits, equationSymbols, NOISE_DIMENSION } from './check-units.ts';
export type { CheckUnitsOptions } from './check-units.ts';
export { addRefractoriness, unlessRefractory } from './refractory.ts';
export { noiseCoefficients } from './noise.ts';
export { formatSubstitutionValue } from './substitution-value.ts';
export type { SubstitutionValue } from './substitution-value.ts';
export { equationsLatex, equationsMarkdown, exprToLatex, singleEquationLatex, symbolLatex, unitLatex } from './latex.ts';
