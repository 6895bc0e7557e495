/**
 * Code generation: abstract code (statements and conditions over a Variables table) → one
 * JavaScript function per object and template, compiled once per run; the reference evaluator
 * that cross-checks it; the JS implementations of Brian2's functions; the counter-based RNG.
 * See README.md for the stages.
 */
export { compileCodeBlock, streamName, siteKey, withFastMath, setConstantsAsValues, setParallelHook, workerHelpers, type CompileOptions, type ParallelHook, type RangedCode, type RangeAccess } from './generate.ts';
export { fastMathFunctions, FAST_REPLACED, type FastFunctionName } from './fast-math.ts';
export { compileReference } from './reference.ts';
export { TEMPLATE_NAMES, type CodeBlockSpec, type CodeObject, type RecordSpec, type SynapticEvents, type SourceSpans, type TemplateName } from './spec.ts';
export { CodegenError, NonFiniteValueError, GslIntegrationError, type CodegenErrorCode } from './errors.ts';
export type { GslSpec } from './gsl.ts';
export {
  defineUserFunction,
  isUserFunction,
  exprel,
  cPow,
  timestep,
  truncInt,
  clip,
  PURE_FUNCTIONS,
  RANDOM_FUNCTIONS,
  type UserFunction,
  type UserFunctionOptions,
  type UnitDeclaration,
} from './functions.ts';
export {
  RandomState,
  defaultRandomState,
  seed,
  threefry2x32,
  uniformAt,
  fillUniforms,
  normalAt,
  poissonAt,
  streamKey,
  type RandomStateSnapshot,
} from './random.ts';
export {
  defineBinomialFunction,
  binomialOf,
  binomialParameters,
  binomialAt,
  binomialInversion,
  type BinomialParameters,
} from './binomial.ts';
export { lower, validateExpr, validateStatement, specScope, type Lowered } from './lower.ts';
export { optimise, fold, type OptimiseOptions, type OptimisedBlock } from './optimise.ts';
export type { IRBlock, IRExpr, IRStatement } from './ir.ts';
