/**
 * What unit and type inference needs to know about a function callable from model strings,
 * and descriptors for Brian2's `DEFAULT_FUNCTIONS` (`brian2/core/functions.py`).
 */
import { DIMENSIONLESS, Dimension } from '../units/index.ts';
import { BrianError } from '../util/index.ts';
import type { ValueType } from './types.ts';

/** How an argument's unit is checked (Brian2's `_arg_units` entries). */
export type ArgumentUnit =
  /** Any unit (Brian2: `None`). */
  | { readonly kind: 'any' }
  /** Exactly this dimension (Brian2: a unit, or `1` for dimensionless). */
  | { readonly kind: 'dimension'; readonly dim: Dimension }
  /** The same dimension as argument `index` (0-based; Brian2: the other argument's name, as in `clip`). */
  | { readonly kind: 'same-as'; readonly index: number }
  /** A boolean expression (Brian2: `bool`). */
  | { readonly kind: 'boolean' };

/** The type an argument must have (Brian2's `_arg_types`); `'any'` accepts every type. */
export type ArgumentType = ValueType | 'any';

/** The type a call returns; `'highest'` is the highest of the argument types (as for `abs`, `clip`). */
export type ReturnType = ValueType | 'highest';

/**
 * A function usable in model strings, as unit and type inference sees it. Built-ins are in
 * {@link DEFAULT_FUNCTIONS}; user-defined functions implement the same interface (use
 * {@link defineFunction} to fill in defaults and validate).
 */
export interface FunctionDescriptor {
  /** The function's name in model strings. */
  readonly name: string;
  /** One entry per argument; its length is the argument count. */
  readonly argUnits: readonly ArgumentUnit[];
  /** One entry per argument (or omitted: every argument `'any'`). */
  readonly argTypes?: readonly ArgumentType[];
  /** The dimension of the result: fixed, or computed from the argument dimensions (`sqrt`: `dim ** 0.5`). */
  readonly returnDim: Dimension | ((argDims: readonly Dimension[]) => Dimension);
  /** Value type of the result (`float`, `integer`, `boolean`, or like the arguments). */
  readonly returnType: ReturnType;
  /** Whether calls can return different values for the same arguments (`rand`); at most one call per expression. */
  readonly stateful: boolean;
  /**
   * Whether the generated code passes a hidden vectorisation argument, so that one call yields a
   * value per element (`rand()` takes no argument in strings, but is never scalar).
   */
  readonly autoVectorise: boolean;
}

/** Options of {@link defineFunction}; the defaults are Brian2's. */
export interface FunctionSpec {
  /** The function's name in model strings. */
  readonly name: string;
  /** One entry per argument: its required unit, or a rule relating it to other arguments. */
  readonly argUnits: readonly ArgumentUnit[];
  /** Default: `'any'` for every argument. */
  readonly argTypes?: readonly ArgumentType[];
  /** The dimension of the result: fixed, or computed from the argument dimensions. */
  readonly returnDim: Dimension | ((argDims: readonly Dimension[]) => Dimension);
  /** Default: `'float'`. */
  readonly returnType?: ReturnType;
  /** Default: `false`. */
  readonly stateful?: boolean;
  /** Default: `false`. */
  readonly autoVectorise?: boolean;
}

/** An invalid function declaration (not a problem with a model string that calls it). */
export class FunctionDefinitionError extends BrianError {
  readonly functionName: string;

  constructor(functionName: string, message: string) {
    super(message);
    this.functionName = functionName;
  }
}

/** Any unit. */
export const ANY_UNIT: ArgumentUnit = Object.freeze({ kind: 'any' });
/** A boolean argument. */
export const BOOLEAN_ARGUMENT: ArgumentUnit = Object.freeze({ kind: 'boolean' });
/** An argument with exactly this dimension. */
export const unitOf = (dim: Dimension): ArgumentUnit => Object.freeze({ kind: 'dimension', dim });
/** An argument with the same dimension as argument `index` (0-based). */
export const sameUnitAs = (index: number): ArgumentUnit => Object.freeze({ kind: 'same-as', index });

const DIMENSIONLESS_ARG = unitOf(DIMENSIONLESS);

/**
 * Builds a {@link FunctionDescriptor} with Brian2's defaults and checks it as Brian2's `Function`
 * does: one type per argument, `same-as` pointing at another argument, non-float arguments
 * dimensionless, and `'highest'` only for functions that take arguments.
 */
export function defineFunction(spec: FunctionSpec): FunctionDescriptor {
  const { name, argUnits } = spec;
  const argTypes = spec.argTypes ?? argUnits.map((): ArgumentType => 'any');
  const fail = (reason: string): never => {
    throw new FunctionDefinitionError(name, `Invalid declaration of function '${name}': ${reason}`);
  };
  if (argTypes.length !== argUnits.length) {
    fail(`${argUnits.length} argument units but ${argTypes.length} argument types were given.`);
  }
  argUnits.forEach((unit, k) => {
    const type = argTypes[k]!;
    if (unit.kind === 'same-as' && (!Number.isInteger(unit.index) || unit.index < 0 || unit.index >= argUnits.length || unit.index === k)) {
      fail(`argument ${k + 1} should have the same unit as argument index ${unit.index}, which is not another argument.`);
    }
    if (type !== 'float' && type !== 'any' && unit.kind === 'dimension' && !unit.dim.isDimensionless) {
      fail(`argument ${k + 1} has type '${type}', so it must be dimensionless (non-float arguments cannot have units).`);
    }
  });
  const returnType = spec.returnType ?? 'float';
  if (returnType === 'highest' && argUnits.length === 0) {
    fail(`the return type 'highest' needs at least one argument.`);
  }
  return Object.freeze({
    name,
    argUnits: Object.freeze([...argUnits]),
    argTypes: Object.freeze([...argTypes]),
    returnDim: spec.returnDim,
    returnType,
    stateful: spec.stateful ?? false,
    autoVectorise: spec.autoVectorise ?? false,
  });
}

const SECOND = Dimension.of([0, 0, 1, 0, 0, 0, 0]);
const sameDim = (dims: readonly Dimension[]): Dimension => dims[0]!;

// Brian2 wraps these with `wrap_function_dimensionless`: one dimensionless argument, a
// dimensionless float result.
const DIMENSIONLESS_FUNCTIONS = [
  'exp', 'log', 'log10', 'expm1', 'log1p', 'exprel',
  'sin', 'cos', 'tan', 'sinh', 'cosh', 'tanh', 'arcsin', 'arccos', 'arctan',
] as const;

const builtins: FunctionDescriptor[] = [
  ...DIMENSIONLESS_FUNCTIONS.map((name) =>
    defineFunction({ name, argUnits: [DIMENSIONLESS_ARG], returnDim: DIMENSIONLESS }),
  ),
  defineFunction({ name: 'sqrt', argUnits: [ANY_UNIT], returnDim: (dims) => dims[0]!.pow(0.5) }),
  // The docs promise a float even for integer input: wrap in int() to get an integer.
  defineFunction({ name: 'floor', argUnits: [ANY_UNIT], returnDim: sameDim }),
  defineFunction({ name: 'ceil', argUnits: [ANY_UNIT], returnDim: sameDim }),
  defineFunction({ name: 'abs', argUnits: [ANY_UNIT], returnDim: sameDim, returnType: 'highest' }),
  defineFunction({ name: 'sign', argUnits: [ANY_UNIT], returnDim: DIMENSIONLESS, returnType: 'highest' }),
  defineFunction({
    name: 'clip',
    argUnits: [ANY_UNIT, sameUnitAs(0), sameUnitAs(0)],
    returnDim: sameDim,
    returnType: 'highest',
  }),
  defineFunction({ name: 'int', argUnits: [DIMENSIONLESS_ARG], returnDim: DIMENSIONLESS, returnType: 'integer' }),
  defineFunction({ name: 'rand', argUnits: [], returnDim: DIMENSIONLESS, stateful: true, autoVectorise: true }),
  defineFunction({ name: 'randn', argUnits: [], returnDim: DIMENSIONLESS, stateful: true, autoVectorise: true }),
  defineFunction({
    name: 'poisson',
    argUnits: [DIMENSIONLESS_ARG],
    returnDim: DIMENSIONLESS,
    returnType: 'integer',
    stateful: true,
    autoVectorise: true,
  }),
  defineFunction({ name: 'timestep', argUnits: [unitOf(SECOND), unitOf(SECOND)], returnDim: DIMENSIONLESS, returnType: 'integer' }),
];

/** Brian2's `DEFAULT_FUNCTIONS`: the functions every model string can call. */
export const DEFAULT_FUNCTIONS: ReadonlyMap<string, FunctionDescriptor> = new Map(builtins.map((f) => [f.name, f]));

/** Brian2's `DEFAULT_CONSTANTS` usable as names: `pi`, `e` and `inf` (dimensionless floats). */
export const DEFAULT_CONSTANTS: ReadonlyMap<string, number> = new Map([
  ['pi', Math.PI],
  ['e', Math.E],
  ['inf', Infinity],
]);

/** The dimension a call returns, given its argument dimensions. */
export function returnDimension(fn: FunctionDescriptor, argDims: readonly Dimension[]): Dimension {
  return typeof fn.returnDim === 'function' ? fn.returnDim(argDims) : fn.returnDim;
}
