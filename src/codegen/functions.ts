/**
 * The JavaScript implementations of Brian2's default functions, with Brian2's numeric semantics
 * (its Cython target: Python floor division and modulo, C `pow`, truncating `int`), and
 * user-defined functions with declared units.
 */
import { pythonFloorDiv, pythonMod, defineFunction, ANY_UNIT, BOOLEAN_ARGUMENT, unitOf } from '../inference/index.ts';
import type { ArgumentType, ArgumentUnit, FunctionDescriptor, ReturnType } from '../inference/index.ts';
import { DIMENSIONLESS, Dimension } from '../units/index.ts';
import type { FunctionImplementation } from '../variables/index.ts';
import { checkOptions, optionNames } from '../util/index.ts';
import { CodegenError } from './errors.ts';
import { TIMESTEP_BOUND_IMPLEMENTATIONS, timestep } from './timestep-bounds.ts';

/** `(exp(x) - 1)/x`, exactly as Brian2's Cython/C++ `_exprel`. */
export function exprel(x: number): number {
  if (Math.abs(x) < 1e-16) return 1.0;
  if (x > 717) return Infinity;
  return Math.expm1(x) / x;
}

/**
 * `a ** b`: C's `pow` (`pow(1, y) = 1` and `pow(-1, ±inf) = 1`, where JS gives NaN), with the
 * small integer exponents 2, 3, 4 and -1 as the multiplication chain gcc emits for Brian2's
 * C++/Cython targets (`-O3 -ffast-math`: `x*x`, `(x*x)*x`, `(x*x)*(x*x)`, `1/x`). For 2 and -1 this
 * is also numpy's `square`/`reciprocal` and bit-identical to a correctly rounded pow; for 3 and 4
 * numpy's SIMD pow and V8's pow differ from each other and from this in the last bit.
 * Generated code inlines the same chains ({@link printJs}), so every backend agrees.
 */
export function cPow(a: number, b: number): number {
  switch (b) {
    case 2:
      return a * a;
    case 3:
      return a * a * a;
    case 4: {
      const s = a * a;
      return s * s;
    }
    case -1:
      return 1 / a;
  }
  if (a === 1 || (a === -1 && (b === Infinity || b === -Infinity))) return 1;
  return a ** b;
}

/** The helpers generated code calls for `x**n` with a composite `x` (same chains as {@link cPow}). */
export const POWER_HELPERS = {
  $pow2: (a: number): number => a * a,
  $pow3: (a: number): number => a * a * a,
  $pow4: (a: number): number => {
    const s = a * a;
    return s * s;
  },
  $powm1: (a: number): number => 1 / a,
} as const;

/** The exponents {@link cPow} computes by multiplication. */
export const MULTIPLIED_EXPONENTS: ReadonlySet<number> = new Set([2, 3, 4, -1]);

export { timestep } from './timestep-bounds.ts';

/** Brian2's `int(x)`: truncation toward zero (`int(True) == 1`). */
export function truncInt(x: number): number {
  return Math.trunc(x) + 0;
}

/**
 * Integer `a // b` (both operands integers): Brian2's default (Cython) target raises
 * `ZeroDivisionError('integer division or modulo by zero')` for b = 0 (its numpy target warns and
 * gives 0); we raise, as a CodegenError 'domain-error'.
 */
export function intFloorDiv(a: number, b: number): number {
  if (b === 0) throw new CodegenError('domain-error', '<generated code>', `integer division or modulo by zero (${a} // 0).`);
  return Math.floor(a / b);
}

/** Integer `a % b` (both operands integers; the sign of b, as Python); b = 0 raises as `intFloorDiv`. */
export function intMod(a: number, b: number): number {
  if (b === 0) throw new CodegenError('domain-error', '<generated code>', `integer division or modulo by zero (${a} % 0).`);
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r + 0;
}

/**
 * A value stored into an int32 variable: truncated toward zero (as C and numpy casts), but a
 * value outside the int32 range or NaN is an error, never a silent wrap (`1e20` would wrap to
 * 1661992960; Brian2 raises OverflowError for `G.n = 1e20`, numpy casts give INT_MIN with a
 * warning).
 */
export function toInt32Checked(x: number): number {
  const r = x | 0;
  if (r === x) return r;
  if (x > -2147483649 && x < 2147483648) return r;
  throw new CodegenError(
    'domain-error',
    '<generated code>',
    `Cannot store ${x} in an integer variable: integer variables hold 32-bit values from -2147483648 to 2147483647 (use a float variable, ': 1', for larger values).`,
  );
}

/** `clip(a, lo, hi) = min(max(a, lo), hi)` (NaN stays NaN, as numpy's). */
export function clip(a: number, lo: number, hi: number): number {
  return Math.min(Math.max(a, lo), hi);
}

/**
 * The runtime helpers generated code calls, by the name generated code uses (`$f_<name>`).
 * Pure functions only; random draws are separate (random.ts).
 */
export const PURE_FUNCTIONS: ReadonlyMap<string, (...args: number[]) => number> = new Map<string, (...args: number[]) => number>([
  ['exp', Math.exp],
  ['log', Math.log],
  ['log10', Math.log10],
  ['expm1', Math.expm1],
  ['log1p', Math.log1p],
  ['exprel', exprel],
  ['sqrt', Math.sqrt],
  ['sin', Math.sin],
  ['cos', Math.cos],
  ['tan', Math.tan],
  ['sinh', Math.sinh],
  ['cosh', Math.cosh],
  ['tanh', Math.tanh],
  ['arcsin', Math.asin],
  ['arccos', Math.acos],
  ['arctan', Math.atan],
  ['abs', Math.abs],
  ['sign', Math.sign],
  ['floor', Math.floor],
  ['ceil', Math.ceil],
  ['clip', clip],
  ['int', truncInt],
  ['timestep', timestep],
  // Internal (no descriptor, so unreachable from model text): integer // and % (made by lowering),
  // the timestep bounds (made by the optimiser, see timestep-bounds.ts).
  ['_int_floordiv', intFloorDiv],
  ['_int_mod', intMod],
  ...TIMESTEP_BOUND_IMPLEMENTATIONS,
]);

/** The stateful default functions, implemented by the random module. */
export const RANDOM_FUNCTIONS: ReadonlySet<string> = new Set(['rand', 'randn', 'poisson']);

/** Operators with Python semantics that generated code calls as helpers. */
export const OPERATOR_HELPERS = { floordiv: pythonFloorDiv, mod: pythonMod, pow: cPow } as const;

/** A unit declaration for a user function's argument or result: a Unit/Quantity (its dimension), a Dimension, `null` (any), or `'boolean'`. */
export type UnitDeclaration = { readonly dim: Dimension } | Dimension | null | 'boolean';

/** Options of {@link defineUserFunction}. */
export interface UserFunctionOptions {
  /** One entry per argument. */
  readonly argUnits: readonly UnitDeclaration[];
  /** The unit of the result (a Unit, a Dimension, or `null`/`1` for dimensionless). */
  readonly returnUnit: { readonly dim: Dimension } | Dimension | null;
  /** Default `'float'`. */
  readonly returnType?: ReturnType;
  /** Default: `'float'` for arguments with units, `'any'` otherwise. */
  readonly argTypes?: readonly ArgumentType[];
  /** A function whose value can differ for the same arguments; never folded or hoisted. Default `false`. */
  readonly stateful?: boolean;
}

const USER_FUNCTION_OPTIONS = optionNames<UserFunctionOptions>({ argUnits: true, returnUnit: true, returnType: true, argTypes: true, stateful: true });

/** A function written in JavaScript, callable from model strings once put in a namespace. */
export interface UserFunction {
  readonly kind: 'user-function';
  readonly name: string;
  readonly descriptor: FunctionDescriptor;
  /** Wraps the user's function: checks it returns a number or boolean, and turns exceptions into {@link CodegenError}. */
  readonly implementation: FunctionImplementation;
}

function dimOf(unit: { readonly dim: Dimension } | Dimension | null): Dimension {
  if (unit === null) return DIMENSIONLESS;
  return unit instanceof Dimension ? unit : unit.dim;
}

function checked(name: string, fn: (...args: number[]) => number | boolean, arity: number): FunctionImplementation {
  const fail = (detail: string, cause?: unknown): never => {
    throw new CodegenError('function-failed', name, `User function '${name}' ${detail}`, cause === undefined ? undefined : { cause });
  };
  const check = (r: unknown): number | boolean => (typeof r === 'number' || typeof r === 'boolean' ? r : fail(`returned ${typeof r}, not a number.`));
  const call = (...args: number[]): number | boolean => {
    let result: unknown;
    try {
      result = fn(...args);
    } catch (error) {
      fail(`threw: ${error instanceof Error ? error.message : String(error)}`, error);
    }
    return check(result);
  };
  // Fixed-arity wrappers so calls from the step loop allocate no rest arrays.
  const guard = <T,>(f: () => T): T => {
    try {
      return f();
    } catch (error) {
      if (error instanceof CodegenError) throw error;
      return fail(`threw: ${error instanceof Error ? error.message : String(error)}`, error);
    }
  };
  switch (arity) {
    case 0:
      return () => check(guard(() => fn()));
    case 1:
      return (a?: number) => check(guard(() => fn(a!)));
    case 2:
      return (a?: number, b?: number) => check(guard(() => fn(a!, b!)));
    case 3:
      return (a?: number, b?: number, c?: number) => check(guard(() => fn(a!, b!, c!)));
    default:
      return call;
  }
}

/**
 * Declares a JavaScript function usable in model strings (Brian2's `@implementation` +
 * `check_units`). Generated code passes SI values (booleans as `true`/`false`) and expects the
 * result in SI units of `returnUnit`.
 * @example
 * const f = defineUserFunction('piecewise', (v) => (v > 0 ? v : 0.1 * v), { argUnits: [volt], returnUnit: volt });
 * new NeuronGroup(1, 'dv/dt = piecewise(v)/tau : volt', { namespace: { piecewise: f, tau } })
 */
export function defineUserFunction(name: string, fn: (...args: number[]) => number | boolean, options: UserFunctionOptions): UserFunction {
  if (options === undefined) throw new CodegenError('invalid-option', name, `User function '${name}' needs options { argUnits, returnUnit }.`);
  checkOptions(options, USER_FUNCTION_OPTIONS, { what: `defineUserFunction('${name}')`, error: (message) => new CodegenError('invalid-option', name, message) });
  // Brian2's Function needs both, unless check_units declared them.
  if (!Array.isArray(options.argUnits)) {
    throw new CodegenError('invalid-option', name, `User function '${name}' needs 'argUnits': one unit (or null for any) per argument.`);
  }
  if (options.returnUnit === undefined) {
    throw new CodegenError('invalid-option', name, `User function '${name}' needs 'returnUnit' (null for dimensionless).`);
  }
  const badType = (options.argTypes ?? []).find((t) => !['any', 'integer', 'float', 'boolean'].includes(t as string));
  if (badType !== undefined || (options.argTypes !== undefined && options.argTypes.length !== options.argUnits.length)) {
    throw new CodegenError(
      'invalid-option',
      name,
      badType !== undefined
        ? `User function '${name}': unknown argument type '${String(badType)}' (expected 'any', 'integer', 'float' or 'boolean').`
        : `User function '${name}': 'argTypes' needs one entry per argument (${options.argUnits.length}).`,
    );
  }
  if (options.returnType !== undefined && !['integer', 'float', 'boolean', 'highest'].includes(options.returnType as string)) {
    throw new CodegenError('invalid-option', name, `User function '${name}': unknown return type '${String(options.returnType)}' (expected 'integer', 'float', 'boolean' or 'highest').`);
  }
  const argUnits: ArgumentUnit[] = options.argUnits.map((u) => (u === null ? ANY_UNIT : u === 'boolean' ? BOOLEAN_ARGUMENT : unitOf(dimOf(u))));
  const argTypes: ArgumentType[] =
    options.argTypes === undefined
      ? options.argUnits.map((u): ArgumentType => (u === 'boolean' ? 'boolean' : u !== null && !dimOf(u).isDimensionless ? 'float' : 'any'))
      : [...options.argTypes];
  if (typeof fn !== 'function') {
    throw new CodegenError('no-implementation', name, `User function '${name}' needs a JavaScript function as its implementation.`);
  }
  const descriptor = defineFunction({
    name,
    argUnits,
    argTypes,
    returnDim: dimOf(options.returnUnit),
    returnType: options.returnType ?? 'float',
    stateful: options.stateful ?? false,
  });
  return Object.freeze({ kind: 'user-function', name, descriptor, implementation: checked(name, fn, argUnits.length) });
}

/** True for values made by {@link defineUserFunction} (so namespaces can recognise them). */
export function isUserFunction(value: unknown): value is UserFunction {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'user-function';
}
