/**
 * Unit and type inference over Brian's expression AST: dimensions, value types (boolean <
 * integer < float) and scalarity of expressions, checks of statements, conditions and equation
 * right-hand sides, the default functions and constants, and scopes in Brian2's resolution
 * order. This file is the inference layer's contract; other folders import only from here.
 */
export type { ValueType } from './types.ts';
export { highestType } from './types.ts';
export { ExpressionError, UndefinedIdentifierError, type ExpressionErrorCode } from './errors.ts';
export {
  ANY_UNIT,
  BOOLEAN_ARGUMENT,
  DEFAULT_CONSTANTS,
  DEFAULT_FUNCTIONS,
  FunctionDefinitionError,
  defineFunction,
  returnDimension,
  sameUnitAs,
  unitOf,
  type ArgumentType,
  type ArgumentUnit,
  type FunctionDescriptor,
  type FunctionSpec,
  type ReturnType,
} from './functions.ts';
export {
  constantSymbol,
  constantsResolver,
  createScope,
  functionSymbol,
  functionsResolver,
  isValueSymbol,
  layerResolvers,
  namespaceResolver,
  tableResolver,
  unitsResolver,
  variableSymbol,
  type FunctionSymbol,
  type NamespaceValue,
  type Resolver,
  type ScopeOptions,
  type ScopeSymbol,
  type ValueSymbol,
  type VariableOptions,
} from './scope.ts';
export { evaluateConstant, pythonDivmod, pythonFloorDiv, pythonMod, tryEvaluateConstant, type ConstantResult } from './evaluate.ts';
export { analyse, inferDimensions, inferType, type ExpressionInfo, type InferenceOptions } from './infer.ts';
export {
  checkBooleanExpression,
  checkDimensions,
  checkStatement,
  checkStatements,
  type StatementInfo,
  type StatementsInfo,
} from './statements.ts';
