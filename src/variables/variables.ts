/**
 * A group's variable table (Brian2's `Variables`): name → {@link Variable}, with helpers that
 * create the typed-array storage, and a resolver view for unit/type inference.
 */
import { collectIdentifiers, isValidIdentifier } from '../parsing/index.ts';
import type { Expr } from '../parsing/index.ts';
import { DIMENSIONLESS } from '../units/index.ts';
import type { Dimension } from '../units/index.ts';
import { functionSymbol, variableSymbol } from '../inference/index.ts';
import type { FunctionDescriptor, Resolver, ScopeSymbol, ValueSymbol, ValueType } from '../inference/index.ts';
import { VariablesError } from './errors.ts';
import { recycledArray, sharedMemoryAvailable } from '../util/index.ts';
import { valueTypeOf } from './variable.ts';
import type {
  ArrayVariable,
  ConstantVariable,
  Dtype,
  FunctionImplementation,
  FunctionVariable,
  StorageArray,
  SubexpressionVariable,
  Variable,
} from './variable.ts';
import { showValue } from '../util/index.ts';

/** Options of {@link Variables.addArray} and {@link createArrayVariable}. */
export interface ArrayOptions {
  /** Default: dimensionless. */
  readonly dim?: Dimension;
  /** Default: `'float64'`. */
  readonly dtype?: Dtype;
  /** Element count, or `'dynamic'` (growable; starts empty unless `values` is given). Scalars have size 1. */
  readonly size: number | 'dynamic';
  /** One value shared by all elements (`(shared)`, `t`, `dt`). Default `false`. */
  readonly scalar?: boolean;
  readonly readOnly?: boolean;
  readonly constant?: boolean;
  /** Default: `'0'` for scalars, `'_idx'` otherwise. */
  readonly index?: string;
  readonly conditionalWrite?: string;
  /** Initial values: one number for all elements, or one per element (copied). */
  readonly values?: number | boolean | ArrayLike<number>;
}

/** Options of {@link Variables.addConstant}. */
export interface ConstantOptions {
  readonly dim?: Dimension;
  readonly value: number | boolean;
  /** Default: `'boolean'` for booleans, `'float'` otherwise (a JS number cannot tell `3` from `3.0`). */
  readonly type?: ValueType;
}

/** Options of {@link Variables.addSubexpression}. */
export interface SubexpressionOptions {
  readonly dim?: Dimension;
  readonly expr: Expr;
  readonly type?: ValueType;
  readonly scalar?: boolean;
}

/**
 * A new typed array of `dtype` with `length` elements. `shared`: in shared memory where available
 * (fixed-size state arrays, so worker threads can work on them; see util/shared.ts).
 */
export function allocateArray(dtype: Dtype, length: number, shared = false): StorageArray {
  // In a sweep worker, large arrays reuse an earlier point's buffers, zero-filled (util/recycle.ts).
  const Ctor = dtype === 'float64' || dtype === 'int64' ? Float64Array : dtype === 'float32' ? Float32Array : dtype === 'int32' ? Int32Array : Uint8Array;
  const recycled = recycledArray<StorageArray>(Ctor, length, shared, true);
  if (recycled !== undefined) return recycled;
  if (shared && sharedMemoryAvailable) {
    const wide = dtype === 'float64' || dtype === 'int64';
    const buffer = new SharedArrayBuffer(length * (wide ? 8 : dtype === 'int32' || dtype === 'float32' ? 4 : 1));
    return wide ? new Float64Array(buffer) : dtype === 'float32' ? new Float32Array(buffer) : dtype === 'int32' ? new Int32Array(buffer) : new Uint8Array(buffer);
  }
  if (dtype === 'float64' || dtype === 'int64') return new Float64Array(length);
  return dtype === 'float32' ? new Float32Array(length) : dtype === 'int32' ? new Int32Array(length) : new Uint8Array(length);
}

function checkName(owner: string, name: string): void {
  if (!isValidIdentifier(name)) {
    throw new VariablesError('invalid-name', owner, name, `'${name}' is not a valid variable name for '${owner}' (letters, digits and '_', not starting with a digit, not a Python keyword).`);
  }
}

/**
 * A stand-alone array variable (for variables owned by no table, such as a Clock's `t`).
 * @example createArrayVariable('t', { dim: second.dim, size: 1, scalar: true, readOnly: true }, 'defaultclock')
 */
export function createArrayVariable(name: string, options: ArrayOptions, owner = '<no owner>'): ArrayVariable {
  checkName(owner, name);
  const dtype = options.dtype ?? 'float64';
  const scalar = options.scalar ?? false;
  const { size } = options;
  const fail = (why: string): never => {
    throw new VariablesError('invalid-options', owner, name, `Cannot create variable '${name}' of '${owner}': ${why}`);
  };
  if (size !== 'dynamic' && (!Number.isInteger(size) || size < 0)) fail(`size must be a non-negative integer or 'dynamic', got ${showValue(size)}.`);
  if (scalar && size !== 1) fail(`a scalar variable has size 1, got ${showValue(size)}.`);
  // Brian2: "Boolean variables can't have units".
  if (dtype === 'bool' && options.dim !== undefined && !options.dim.isDimensionless) fail('a boolean variable cannot have units.');
  const values = options.values;
  let length = size === 'dynamic' ? 0 : size;
  if (size === 'dynamic' && values !== undefined && typeof values !== 'number' && typeof values !== 'boolean') length = values.length;
  const array = allocateArray(dtype, length, true);
  if (typeof values === 'number' || typeof values === 'boolean') {
    array.fill(Number(values));
  } else if (values !== undefined) {
    if (values.length !== length) fail(`${values.length} initial values were given for ${length} elements.`);
    for (let k = 0; k < length; k++) array[k] = values[k]!;
  }
  const variable: ArrayVariable = {
    kind: 'array',
    name,
    dim: options.dim ?? DIMENSIONLESS,
    readOnly: options.readOnly ?? false,
    dtype,
    scalar,
    size,
    array,
    index: options.index ?? (scalar ? '0' : '_idx'),
    constant: options.constant ?? false,
    length,
    ...(options.conditionalWrite === undefined ? {} : { conditionalWrite: options.conditionalWrite }),
  };
  return variable;
}

const symbolCache = new WeakMap<Variable, ScopeSymbol>();

/** The inference symbol of a variable. */
export function symbolOf(variable: Variable): ScopeSymbol {
  switch (variable.kind) {
    case 'array':
      return variableSymbol(variable.dim, { type: valueTypeOf(variable.dtype), scalar: variable.scalar, readOnly: variable.readOnly });
    case 'constant':
      return Object.freeze({
        kind: 'constant',
        dim: variable.dim,
        type: variable.type,
        scalar: true,
        value: Number(variable.value),
        readOnly: true,
      } satisfies ValueSymbol);
    case 'subexpression':
      return Object.freeze({ kind: 'subexpression', dim: variable.dim, type: variable.type, scalar: variable.scalar, readOnly: true } satisfies ValueSymbol);
    case 'function':
      return functionSymbol(variable.descriptor);
  }
}

/**
 * A group's variables, by name. Lookups never consult `Object.prototype` (it is a `Map`), so
 * names such as `constructor` are simply undefined unless added.
 * @example
 * const vars = new Variables('neurongroup');
 * vars.addArray('v', { dim: volt.dim, size: 10 });
 * vars.addConstant('N', { value: 10, type: 'integer' });
 */
export class Variables implements Iterable<[string, Variable]> {
  /** The owner's name, used in error messages. */
  readonly owner: string;
  private readonly table = new Map<string, Variable>();

  constructor(owner: string) {
    this.owner = owner;
  }

  /** Number of names defined. */
  get size(): number {
    return this.table.size;
  }

  /** Adds an existing variable under `name` (default: its own name); a duplicate name throws. */
  add(variable: Variable, name: string = variable.name): Variable {
    checkName(this.owner, name);
    if (this.table.has(name)) {
      throw new VariablesError('duplicate-name', this.owner, name, `'${this.owner}' already has a variable named '${name}'.`);
    }
    this.table.set(name, variable);
    return variable;
  }

  /** Adds or replaces the variable under `name` (e.g. a monitor's own `t`). */
  set(name: string, variable: Variable): void {
    checkName(this.owner, name);
    this.table.set(name, variable);
  }

  /** Creates and adds an array variable. */
  addArray(name: string, options: ArrayOptions): ArrayVariable {
    const variable = createArrayVariable(name, options, this.owner);
    this.add(variable);
    return variable;
  }

  /** Adds a constant (known before the run: `N`, namespace values). */
  addConstant(name: string, options: ConstantOptions): ConstantVariable {
    const { value } = options;
    const type = options.type ?? (typeof value === 'boolean' ? 'boolean' : 'float');
    if (typeof value === 'number' && type === 'integer' && !Number.isInteger(value)) {
      throw new VariablesError('invalid-options', this.owner, name, `Constant '${name}' of '${this.owner}' is declared integer but has value ${value}.`);
    }
    const variable: ConstantVariable = Object.freeze({ kind: 'constant', name, dim: options.dim ?? DIMENSIONLESS, readOnly: true, value, type });
    this.add(variable);
    return variable;
  }

  /** Adds a subexpression (substituted where used). */
  addSubexpression(name: string, options: SubexpressionOptions): SubexpressionVariable {
    const variable: SubexpressionVariable = Object.freeze({
      kind: 'subexpression',
      name,
      dim: options.dim ?? DIMENSIONLESS,
      readOnly: true,
      expr: options.expr,
      type: options.type ?? 'float',
      scalar: options.scalar ?? false,
    });
    this.add(variable);
    return variable;
  }

  /**
   * Adds a function. Built-ins need no `implementation` (codegen knows them); user functions
   * must give one.
   */
  addFunction(name: string, descriptor: FunctionDescriptor, implementation?: FunctionImplementation): FunctionVariable {
    const variable: FunctionVariable = Object.freeze({
      kind: 'function',
      name,
      descriptor,
      ...(implementation === undefined ? {} : { implementation }),
    });
    this.add(variable);
    return variable;
  }

  /**
   * Adds `variable` (of another group) seen through the integer index variable `index` of this
   * table: element `k` reads `variable.array[index[k]]`. The storage stays shared, also when a
   * dynamic variable replaces its array.
   */
  addReference(name: string, variable: ArrayVariable, index: string, options: { scalar?: boolean } = {}): ArrayVariable {
    const reference = Object.create(null) as Record<string, unknown>;
    for (const key of ['kind', 'name', 'dim', 'readOnly', 'dtype', 'scalar', 'size', 'constant', 'conditionalWrite'] as const) {
      if (variable[key] !== undefined) reference[key] = variable[key];
    }
    // `scalar`: one element seen from a larger group (a link to a group of size 1), shared there.
    if (options.scalar === true) reference['scalar'] = true;
    reference['index'] = variable.scalar || options.scalar === true ? '0' : index;
    Object.defineProperty(reference, 'array', { get: () => variable.array, set: (a: StorageArray) => { variable.array = a; }, enumerable: true });
    Object.defineProperty(reference, 'length', { get: () => variable.length, set: (n: number) => { variable.length = n; }, enumerable: true });
    const result = reference as unknown as ArrayVariable;
    this.add(result, name);
    return result;
  }

  /**
   * Brian2's `Variables.add_reference(name, group, varname, index)`: makes `source`'s variable
   * `varname` visible here as `name`, element k reading the source's element `index[k]` (`'_idx'`:
   * the same element). Arrays become references, constants and functions are shared, and a
   * subexpression is copied with its names turned into hidden references `_<name>_<identifier>`
   * (recursively), so that it is evaluated with the source's values. An existing `name` is kept.
   */
  addReferenceFrom(name: string, source: Variables, varname: string = name, index = '_idx'): void {
    if (this.table.has(name)) return;
    const variable = source.get(varname);
    if (variable === undefined) {
      throw new VariablesError('unknown-variable', this.owner, varname, `Cannot refer to '${varname}': '${source.owner}' has no such variable.`);
    }
    if (variable.kind === 'array') {
      if (variable.scalar || variable.index === '0') this.add(variable, name);
      else if (variable.index === '_idx') this.addReference(name, variable, index);
      else {
        throw new VariablesError('invalid-options', this.owner, name, `Cannot refer to '${varname}' of '${source.owner}': it is indexed with '${variable.index}'.`);
      }
      return;
    }
    if (variable.kind !== 'subexpression') {
      this.add(variable, name);
      return;
    }
    const renamed = new Map<string, string>();
    for (const id of collectIdentifiers(variable.expr)) {
      if (!source.has(id)) continue; // external: resolved by name
      const hidden = `_${name}_${id}`;
      renamed.set(id, hidden);
      this.addReferenceFrom(hidden, source, id, index);
    }
    this.add(Object.freeze({ ...variable, name, expr: renameExpr(variable.expr, renamed) }), name);
  }

  /** The variable called `name`, if any. */
  get(name: string): Variable | undefined {
    return this.table.get(name);
  }

  /** Whether `name` is defined: a variable, or an auxiliary name ({@link addAuxiliary}). */
  has(name: string): boolean {
    return this.table.has(name) || this.auxiliary.has(name);
  }

  private readonly auxiliary = new Map<string, Dimension>();

  /**
   * Declares a name that generated code defines itself and that has no storage (Brian2's
   * `AuxiliaryVariable`: the noise variables `xi`, `xi_*` of a group's equations). `has` reports
   * it; `get`, iteration and `clone` do not (code generation makes it a temporary).
   */
  addAuxiliary(name: string, dim: Dimension): void {
    if (this.table.has(name)) throw new VariablesError('duplicate-name', this.owner, name, `'${name}' is already a variable of '${this.owner}'.`);
    this.auxiliary.set(name, dim);
  }

  /** The dimension of auxiliary name `name`, or undefined when it is not one. */
  auxiliaryDimension(name: string): Dimension | undefined {
    return this.auxiliary.get(name);
  }

  /** The array variable called `name`; throws a {@link VariablesError} when there is none. */
  getArray(name: string): ArrayVariable {
    const variable = this.table.get(name);
    if (variable?.kind !== 'array') {
      throw new VariablesError(
        'unknown-variable',
        this.owner,
        name,
        variable === undefined ? `'${this.owner}' has no variable named '${name}'.` : `'${name}' of '${this.owner}' is a ${variable.kind}, not an array variable.`,
      );
    }
    return variable;
  }

  /** Removes `name` (returns whether it was defined). */
  delete(name: string): boolean {
    return this.table.delete(name);
  }

  names(): IterableIterator<string> {
    return this.table.keys();
  }

  entries(): IterableIterator<[string, Variable]> {
    return this.table.entries();
  }

  [Symbol.iterator](): IterableIterator<[string, Variable]> {
    return this.table.entries();
  }

  /** A copy of the table (sharing the variables and their storage), under another owner name if given. */
  clone(owner: string = this.owner): Variables {
    const copy = new Variables(owner);
    for (const [name, variable] of this.table) copy.table.set(name, variable);
    return copy;
  }

  /** An inference {@link Resolver} over this table (names not defined here resolve to `undefined`). */
  toResolver(): Resolver {
    return (name) => {
      const variable = this.table.get(name);
      if (variable === undefined) return undefined;
      let symbol = symbolCache.get(variable);
      if (symbol === undefined) {
        symbol = symbolOf(variable);
        symbolCache.set(variable, symbol);
      }
      return symbol;
    };
  }
}

/**
 * Adds Brian2's per-group index variables: `N` (integer constant) and `i` (read-only int32
 * array `0..N-1`).
 */
export function addIndexVariables(variables: Variables, N: number): void {
  variables.addConstant('N', { value: N, type: 'integer' });
  const i = variables.addArray('i', { dtype: 'int32', size: N, readOnly: true, constant: true });
  for (let k = 0; k < N; k++) i.array[k] = k;
}

/**
 * Makes sure a dynamic variable's storage holds at least `capacity` elements, growing it
 * geometrically (amortised O(1) appends; monitors can reserve a whole run's worth up front).
 * Returns the (possibly new) array; `length` is unchanged.
 */
export function ensureCapacity(variable: ArrayVariable, capacity: number): StorageArray {
  const old = variable.array;
  if (old.length >= capacity) return old;
  const bigger = allocateArray(variable.dtype, Math.max(capacity, 2 * old.length, 16), true);
  bigger.set(old.subarray(0, variable.length));
  variable.array = bigger;
  return bigger;
}

/** Sets the number of elements in use of a dynamic variable (new elements are 0). */
export function resizeDynamic(variable: ArrayVariable, length: number): void {
  if (variable.size !== 'dynamic') {
    throw new VariablesError('invalid-options', '<variable>', variable.name, `Cannot resize '${variable.name}': it has a fixed size of ${variable.size}.`);
  }
  const array = ensureCapacity(variable, length);
  if (length < variable.length) array.fill(0, length, variable.length);
  variable.length = length;
}

/** The elements in use of a variable (a view, not a copy). */
export function usedValues(variable: ArrayVariable): StorageArray {
  return variable.array.subarray(0, variable.length);
}

/** `expr` with names replaced by `renamed` (function names are not names). */
function renameExpr(expr: Expr, renamed: ReadonlyMap<string, string>): Expr {
  switch (expr.kind) {
    case 'name': {
      const to = renamed.get(expr.name);
      return to === undefined ? expr : { ...expr, name: to };
    }
    case 'number':
    case 'boolean':
      return expr;
    case 'unary':
      return { ...expr, operand: renameExpr(expr.operand, renamed) };
    case 'call':
      return { ...expr, args: expr.args.map((a) => renameExpr(a, renamed)) };
    default:
      return { ...expr, left: renameExpr(expr.left, renamed), right: renameExpr(expr.right, renamed) };
  }
}
