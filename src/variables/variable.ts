/**
 * Variable descriptors: what a group's names stand for at run time. A group (NeuronGroup,
 * Synapses, monitors…) owns a `Variables` table; code generation reads it to know each name's
 * storage, dimension, type and indexing, and inference reads it (via `toScopeSymbol`) to check
 * model strings.
 */
import type { Dimension } from '../units/index.ts';
import type { Expr } from '../parsing/index.ts';
import type { ValueType, FunctionDescriptor } from '../inference/index.ts';

/**
 * Storage types. `bool` is stored as a Uint8Array of 0/1; `int64` (the clocks' `t_in_timesteps`,
 * Brian2's int64 time step) as a Float64Array holding integers, exact up to 2^53; `float32`
 * (`prefs.floatDtype = 'float32'`, Brian2's `default_float_dtype = float32`) as a Float32Array:
 * code computes in float64 and rounds each write to the nearest float32 (docs/design.md).
 */
export type Dtype = 'float64' | 'float32' | 'int32' | 'int64' | 'bool';

/** The two floating-point storage types. */
export type FloatDtype = 'float64' | 'float32';

/** The typed array that backs each dtype. */
export type StorageArray = Float64Array | Float32Array | Int32Array | Uint8Array;

/** Whether `dtype` is a floating-point storage type. */
export function isFloatDtype(dtype: Dtype): dtype is FloatDtype {
  return dtype === 'float64' || dtype === 'float32';
}

/** The value type (for inference) of a dtype. */
export function valueTypeOf(dtype: Dtype): ValueType {
  return isFloatDtype(dtype) ? 'float' : dtype === 'int32' || dtype === 'int64' ? 'integer' : 'boolean';
}

/** Array storage type for a value type (`float`: `floatDtype`, default float64). */
export function dtypeOf(type: ValueType, floatDtype: FloatDtype = 'float64'): FloatDtype | 'int32' | 'bool' {
  return type === 'float' ? floatDtype : type === 'integer' ? 'int32' : 'bool';
}

interface VariableBase {
  /** The name used in model strings. */
  readonly name: string;
  readonly dim: Dimension;
  /** Read-only variables may not be written by model code or by the user (`i`, `N`, `t`, `dt`). */
  readonly readOnly: boolean;
}

/**
 * A variable stored in a typed array. `scalar` variables (shared, `t`, `dt`, `N`) hold one
 * value; others hold one value per element of the owner, addressed through `index`.
 */
export interface ArrayVariable extends VariableBase {
  readonly kind: 'array';
  readonly dtype: Dtype;
  readonly scalar: boolean;
  /** Fixed element count, or `'dynamic'` for storage that grows (monitors, synapses). */
  readonly size: number | 'dynamic';
  /** The current storage. Dynamic variables replace it when they grow: never cache it across runs. */
  array: StorageArray;
  /**
   * Name of the index variable that maps the loop index to this array's element: `'_idx'` for
   * the owner's own elements, `'0'` for scalars, or another integer variable (a synapse's
   * `_presynaptic_idx`) for references into other groups.
   */
  readonly index: string;
  /** `(constant)` parameters: not changed during a run, so state updaters may treat them as constants. */
  readonly constant: boolean;
  /**
   * For `(unless refractory)` variables: the boolean variable (`not_refractory`) that gates
   * writes in every code block except resets.
   */
  readonly conditionalWrite?: string;
  /** Number of elements currently in use (for dynamic storage; equals `size` otherwise). */
  length: number;
}

/** A value known before the run (namespace constants, `N` of a fixed-size group). */
export interface ConstantVariable extends VariableBase {
  readonly kind: 'constant';
  readonly value: number | boolean;
  readonly type: ValueType;
}

/** A named expression, substituted where used (`I = g*(E - v) : amp`). */
export interface SubexpressionVariable extends VariableBase {
  readonly kind: 'subexpression';
  readonly expr: Expr;
  readonly type: ValueType;
  readonly scalar: boolean;
}

/** The JavaScript implementation of a user function: numbers (booleans as 0/1) in, a number out. */
export type FunctionImplementation = (...args: number[]) => number | boolean;

/** A function callable from model strings: a built-in, or a user function with declared units. */
export interface FunctionVariable {
  readonly kind: 'function';
  readonly name: string;
  readonly descriptor: FunctionDescriptor;
  /**
   * The implementation of a user function, called by generated code with SI values. Absent for
   * Brian2's default functions, which code generation implements itself.
   */
  readonly implementation?: FunctionImplementation;
}

export type Variable = ArrayVariable | ConstantVariable | SubexpressionVariable | FunctionVariable;
