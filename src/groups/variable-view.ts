/**
 * Live views of a group's state variables (Brian2's `VariableView`): `G.v` reads and writes the
 * group's storage directly, with units, and supports Brian2's indexing forms including string
 * conditions (`G.v['i > 5'] = mV(-60)`).
 */
import { DIMENSIONLESS, Quantity, QuantityArray, arrayRepr, getBaseUnit, DimensionMismatchError } from '../units/index.ts';
import type { Dimension } from '../units/index.ts';
import type { ArrayVariable, StorageArray, Variable, Variables } from '../variables/index.ts';
import type { Operand } from '../units/index.ts';
import { suggestNames, warn } from '../util/index.ts';
import { collectIdentifiers, parseExpression } from '../parsing/index.ts';
import { GroupError } from './errors.ts';
import { resolveIndices } from './indexing.ts';

/** What a view needs from the group that owns it. Implemented by `Group`. */
export interface ViewHost {
  readonly name: string;
  readonly variables: Variables;
  /** Number of elements of the group. */
  readonly N: number;
  /** First element of the group in its source's storage (non-zero for subgroups). */
  readonly start: number;
  /**
   * Runs `variable = code` (where `condition`, when given) through generated code, honouring
   * conditional writes. `constant`, when given, is available to `code` as `_value`.
   */
  setWithExpression(variable: string, code: string, condition: string | undefined, constant?: Quantity): void;
  evaluateExpression(code: string, role: string, dim?: Dimension): Float64Array;
  /** Indices (relative to the group) where `condition` holds. */
  indicesWhere(condition: string): Int32Array;
  /** Current values of a subexpression, one per element (one for a shared subexpression). */
  evaluateSubexpression(variable: string): Float64Array;
}

/** Values accepted by state assignments: `G.v = value`. */
export type StateValue =
  | number
  | boolean
  | Quantity
  | QuantityArray
  | ArrayLike<number>
  | readonly boolean[]
  | string
  | VariableView;

/** Where a view's elements live: a contiguous range of `array`, or a gather through `indices`. */
interface Storage {
  readonly array: StorageArray;
  readonly offset: number;
  readonly indices: Int32Array | undefined;
  readonly length: number;
}

/** Brian2's short display of a value in messages: `3`, `-70. mV`, `[1. 2.] mV`. */
export function describeValue(value: unknown): string {
  if (value instanceof Quantity || value instanceof QuantityArray) return String(value);
  if (value instanceof VariableView) return String(value.toQuantityArray());
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return `'${value}'`;
  if (value !== null && typeof value === 'object' && 'length' in value) {
    return `[${Array.from(value as ArrayLike<unknown>, (x) => String(x)).join(' ')}]`;
  }
  return typeof value;
}

/** The dimension of a numeric state value; `undefined` for values that are not numeric. */
export function dimensionOfValue(value: unknown): Dimension | undefined {
  if (value instanceof Quantity || value instanceof QuantityArray || value instanceof VariableView) return value.dim;
  if (typeof value === 'number' || typeof value === 'boolean') return DIMENSIONLESS;
  if (ArrayBuffer.isView(value)) return DIMENSIONLESS;
  if (Array.isArray(value)) {
    const items = value as readonly unknown[];
    const first = items.find((x) => x instanceof Quantity);
    if (first instanceof Quantity) {
      // A plain array of Quantities (`[mV(1), mV(2)]`) carries the first element's dimension; all must agree.
      return items.every((x) => x instanceof Quantity && x.dim === first.dim) ? first.dim : undefined;
    }
    return items.every((x) => typeof x === 'number' || typeof x === 'boolean') ? DIMENSIONLESS : undefined;
  }
  return undefined;
}

/**
 * Brian2's check for `G.v = value`: `v should be set with a value with units volt, but got 3 (unit is 1).`
 * Throws DimensionMismatchError; a value that is not numeric at all throws a GroupError.
 */
export function checkValueUnits(objectName: string, variable: string, dim: Dimension, value: unknown): void {
  const valueDim = dimensionOfValue(value);
  if (valueDim === undefined) {
    throw new GroupError(
      'invalid-value',
      objectName,
      `Cannot set '${objectName}.${variable}' to ${describeValue(value)}: expected a number, boolean, Quantity, array, string expression or another variable.`,
      { variable },
    );
  }
  if (valueDim === dim) return;
  // Brian2's Python-side exemption: a plain 0 (or all zeros) fits any unit (`G.w = 0`).
  if (valueDim.isDimensionless && isPlainZero(value)) return;
  const expected = dim.isDimensionless ? 'a dimensionless value' : `a value with units ${getBaseUnit(dim)?.name ?? dim.toPythonString()}`;
  throw new DimensionMismatchError(
    `${variable} of '${objectName}' should be set with ${expected}, but got ${describeValue(value)}`,
    valueDim,
  );
}

/** A plain (unit-less) number or numeric array whose values are all zero. */
function isPlainZero(value: unknown): boolean {
  if (typeof value === 'number') return value === 0;
  if (value instanceof Quantity || value instanceof QuantityArray || value instanceof VariableView) return false;
  if (ArrayBuffer.isView(value) || Array.isArray(value)) {
    const values = value as ArrayLike<unknown>;
    for (let k = 0; k < values.length; k++) if (values[k] !== 0) return false;
    return true;
  }
  return false;
}

/** SI values of a numeric state value, as numbers (booleans become 0/1). */
function numericValues(value: Exclude<StateValue, string>): ArrayLike<number> | number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Quantity) return value.value;
  if (value instanceof QuantityArray) return value.values;
  if (value instanceof VariableView) return value.toFloat64Array();
  if (ArrayBuffer.isView(value)) return value as ArrayLike<number>;
  return Array.from(value as ArrayLike<unknown>, (x) => (x instanceof Quantity ? x.value : Number(x)));
}

/**
 * A live view of one state variable of a group (`G.v`). Reads go to the group's storage at the
 * moment of reading; writes change the group's state. Brian2's forms map as follows:
 *
 * | Brian2 | brian-ts |
 * | --- | --- |
 * | `G.v[:]`, `G.v_[:]` | `G.v.toQuantityArray()` (live for float variables), `G.v.values` (live SI numbers) |
 * | `G.v[3]` | `G.v[3]` or `G.v.get(3)` |
 * | `G.v[3] = x`, `G.v[[1, 2]] = x` | `G.v[3] = x`, `G.v.setAt([1, 2], x)` |
 * | `G.v['i > 5']` | `G.v['i > 5']` or `G.v.where('i > 5')` |
 * | `G.v['i > 5'] = x` | `G.v['i > 5'] = x` or `G.v.setWhere('i > 5', x)` |
 * | `G.v = x` | `G.v = x` or `G.v.set(x)` |
 * | `G.v[2:5]` | `G.v.slice(2, 5)` (a copy) or `G.slice(2, 5).v` (live) |
 *
 * Numeric index and string-condition access (`G.v[3]`, `G.v['i > 5']`) go through a Proxy; a
 * condition that is also a member name of the view (`'values'`) needs `where`/`setWhere`.
 */
export class VariableView implements Iterable<Quantity | number | boolean> {
  /** The variable's name in the group. */
  readonly name: string;
  /** The group this view belongs to. */
  readonly group: ViewHost;

  // Element access by number or condition: typed loosely, as Brian2's `__getitem__` returns Quantity, number, boolean or arrays.
  [indexOrCondition: string]: unknown;
  [index: number]: Quantity | number | boolean;

  constructor(group: ViewHost, name: string) {
    this.group = group;
    this.name = name;
    // eslint-style note: the Proxy only intercepts keys that are not members of the view.
    return new Proxy(this, VIEW_HANDLER);
  }

  /** The variable descriptor. */
  get variable(): Variable {
    const v = this.group.variables.get(this.name);
    if (v === undefined) throw new GroupError('invalid-value', this.group.name, `'${this.group.name}' has no variable '${this.name}'.`, { variable: this.name });
    return v;
  }

  /** The physical dimension of the variable. */
  get dim(): Dimension {
    const v = this.variable;
    return v.kind === 'function' ? DIMENSIONLESS : v.dim;
  }

  /** `'float64'`, `'float32'`, `'int32'` or `'bool'` (subexpressions report their value type's storage: computed in float64). */
  get dtype(): ArrayVariable['dtype'] {
    const v = this.variable;
    if (v.kind === 'array') return v.dtype;
    if (v.kind === 'constant' || v.kind === 'subexpression') return v.type === 'float' ? 'float64' : v.type === 'integer' ? 'int32' : 'bool';
    return 'float64';
  }

  /** Whether the variable is shared by all elements (one value). */
  get scalar(): boolean {
    const v = this.variable;
    return v.kind === 'array' ? v.scalar : v.kind === 'subexpression' ? v.scalar : true;
  }

  /** Number of elements the view addresses (1 for shared variables). */
  get length(): number {
    return this.storage().length;
  }

  /** Whether writing through the view is forbidden (`i`, `N`, `t`, subexpressions, …). */
  get readOnly(): boolean {
    const v = this.variable;
    return v.kind !== 'array' || v.readOnly;
  }

  private storage(): Storage {
    const v = this.variable;
    if (v.kind === 'constant') {
      const array = new Float64Array([Number(v.value)]);
      return { array, offset: 0, indices: undefined, length: 1 };
    }
    if (v.kind === 'subexpression') {
      const array = this.group.evaluateSubexpression(this.name);
      return { array, offset: 0, indices: undefined, length: array.length };
    }
    if (v.kind !== 'array') throw new GroupError('invalid-value', this.group.name, `'${this.name}' of '${this.group.name}' is a function, not a state variable.`, { variable: this.name });
    return arrayStorage(this.group, v);
  }

  /**
   * The values in SI units as the storage's typed array. For ordinary variables this is a live
   * view of the group's memory (Brian2's `G.v_[:]`): writing into it changes the state. Linked
   * variables and subexpressions give a copy.
   */
  get values(): StorageArray {
    const s = this.storage();
    if (s.indices === undefined) return s.array.subarray(s.offset, s.offset + s.length);
    const out = new (s.array.constructor as new (n: number) => StorageArray)(s.length);
    for (let k = 0; k < s.length; k++) out[k] = s.array[s.indices[k]!]!;
    return out;
  }

  /** The values in SI units as a fresh Float64Array. */
  toFloat64Array(): Float64Array {
    return Float64Array.from(this.values);
  }

  /** The values as a QuantityArray (live for float variables stored contiguously, a copy otherwise). */
  toQuantityArray(): QuantityArray {
    const values = this.values;
    return new QuantityArray(values instanceof Float64Array ? values : Float64Array.from(values), this.dim);
  }

  /** The values as plain numbers in `unit` (a copy): `G.v.in(mV)`. */
  in(unit: Quantity): Float64Array {
    return this.toQuantityArray().in(unit);
  }

  /** Brian2's `in_unit`: `'[-70.] mV'`. */
  inUnit(unit: Quantity, precision?: number): string {
    return this.toQuantityArray().inUnit(unit, precision);
  }

  /**
   * Element `k` (negative counts from the end): a Quantity for float variables, a number or
   * boolean otherwise. `get(0)` also reads a shared variable, which `G.s[0]` refuses as Brian2 does.
   */
  get(k: number): Quantity | number | boolean {
    const s = this.storage();
    const [index] = resolveIndices(this.group.name, this.name, k, s.length);
    const raw = s.array[s.indices === undefined ? s.offset + index! : s.indices[index!]!]!;
    return this.box(raw);
  }

  /** The elements at `indices` (Brian2's `G.v[[1, 2]]`, `G.v[SG]`), as a copy. */
  getAt(indices: ArrayLike<number> | SubgroupLike): QuantityArray {
    this.checkIndexable();
    indices = subgroupPositions(this.group, indices);
    const values = this.toFloat64Array();
    const resolved = resolveIndices(this.group.name, this.name, indices, values.length);
    return new QuantityArray(Float64Array.from(resolved, (k) => values[k]!), this.dim);
  }

  /**
   * @internal Brian2's IndexError for `G.freq[0]` on a shared variable (Brian2 reads it with
   * `G.freq[:]`; here `.values`, or `.get(0)` explicitly).
   */
  checkIndexable(): void {
    if (this.scalar) {
      throw new GroupError('invalid-index', this.group.name, `Illegal index for variable '${this.name}' of '${this.group.name}', it is a scalar variable.`, { variable: this.name });
    }
  }

  private box(raw: number): Quantity | number | boolean {
    const dtype = this.dtype;
    if (dtype === 'bool') return raw !== 0;
    if (dtype === 'int32' || dtype === 'int64') return raw;
    return new Quantity(raw, this.dim);
  }

  /** Elements `start` to `stop` (exclusive; negatives count from the end) as a copy. */
  slice(start?: number, stop?: number): QuantityArray {
    // Brian2 reads a shared variable with `[:]` only (`S.s[0:1]` is an IndexError).
    if (start !== undefined || stop !== undefined) this.checkIndexable();
    const values = this.toFloat64Array();
    return new QuantityArray(values.slice(start, stop), this.dim);
  }

  /** The elements where `condition` holds (Brian2's `G.v['i > 5']`), as a copy. */
  where(condition: string): QuantityArray {
    if (this.scalar) {
      throw new GroupError('invalid-index', this.group.name, `Cannot access the variable '${this.name}' of '${this.group.name}' with a string expression, it is a scalar variable.`, { variable: this.name });
    }
    const indices = this.group.indicesWhere(condition);
    const values = this.toFloat64Array();
    return new QuantityArray(Float64Array.from(indices, (k) => values[k]!), this.dim);
  }

  /** `G.v = value`: a number, Quantity, array (one value per element), or a string expression evaluated per element. */
  set(value: StateValue): void {
    if (typeof value === 'string') {
      this.checkWritable();
      this.group.setWithExpression(this.name, value, undefined);
      return;
    }
    checkValueUnits(this.group.name, this.name, this.dim, value);
    this.checkWritable();
    this.writeNumbers(undefined, numericValues(value));
  }

  /** Writes SI numbers without unit checking (Brian2's `G.v_ = values`). */
  setRaw(value: StateValue): void {
    if (typeof value === 'string') {
      // Brian2 evaluates the expression and writes its SI value, whatever its units.
      this.checkWritable();
      this.writeNumbers(undefined, this.group.evaluateExpression(value, `assignment to ${this.name}_`));
      return;
    }
    if (dimensionOfValue(value) === undefined) {
      throw new GroupError('invalid-value', this.group.name, `Cannot set '${this.group.name}.${this.name}_' to ${describeValue(value)}: expected numbers.`, { variable: this.name });
    }
    this.checkWritable();
    this.writeNumbers(undefined, numericValues(value));
  }

  /** `G.v[indices] = value` for one index or an array of indices. */
  setAt(indices: number | ArrayLike<number> | SubgroupLike, value: StateValue): void {
    if (typeof value === 'string') warnAmbiguousIndexExpression(this.group, this.name, value, [indices]);
    indices = typeof indices === 'number' ? indices : subgroupPositions(this.group, indices);
    if (typeof value === 'string') {
      // Brian2 evaluates the expression for the chosen elements (`G.v[0] = '1*volt'`).
      this.checkIndexable();
      const s = this.storage();
      const chosen = resolveIndices(this.group.name, this.name, indices, s.length);
      this.checkWritable();
      const all = this.group.evaluateExpression(value, `assignment to ${this.name}`, this.dim);
      this.writeNumbers(chosen, Float64Array.from(chosen, (k) => all[k]!));
      return;
    }
    checkValueUnits(this.group.name, this.name, this.dim, value);
    this.checkWritable();
    const s = this.storage();
    if (this.scalar) {
      throw new GroupError('invalid-index', this.group.name, `Illegal index for variable '${this.name}' of '${this.group.name}', it is a scalar variable.`, { variable: this.name });
    }
    this.writeNumbers(resolveIndices(this.group.name, this.name, indices, s.length), numericValues(value));
  }

  /**
   * `G.v['cond'] = value` (Brian2's conditional assignment): sets the elements where the string
   * condition holds to a scalar value or to a string expression evaluated per element.
   * Conditional writes (`(unless refractory)`) are honoured, as in Brian2.
   */
  setWhere(condition: string, value: Exclude<StateValue, ArrayLike<number> | readonly boolean[] | QuantityArray | VariableView> | string): void {
    if (typeof condition !== 'string') {
      throw new GroupError('invalid-index', this.group.name, `A condition for '${this.group.name}.${this.name}' has to be a string, got ${typeof condition}.`, { variable: this.name });
    }
    if (condition.trim() === 'True') {
      this.set(value);
      return;
    }
    if (this.scalar) {
      throw new GroupError('invalid-index', this.group.name, `Cannot conditionally set the scalar variable '${this.name}' of '${this.group.name}'.`, { variable: this.name });
    }
    if (typeof value === 'string') {
      this.checkWritable();
      this.group.setWithExpression(this.name, value, condition);
      return;
    }
    if (typeof value !== 'number' && typeof value !== 'boolean' && !(value instanceof Quantity)) {
      throw new GroupError(
        'invalid-value',
        this.group.name,
        `When setting '${this.group.name}.${this.name}' based on a string condition, the value has to be a string or a scalar, got ${describeValue(value)}.`,
        { variable: this.name },
      );
    }
    checkValueUnits(this.group.name, this.name, this.dim, value);
    this.checkWritable();
    const constant = value instanceof Quantity ? value : new Quantity(Number(value));
    this.group.setWithExpression(this.name, '_value', condition, constant);
  }

  private checkWritable(): void {
    const v = this.variable;
    if (v.kind === 'subexpression') {
      throw new GroupError('read-only', this.group.name, `Cannot assign to the subexpression '${this.name}' of '${this.group.name}'.`, { variable: this.name });
    }
    if (this.readOnly) {
      throw new GroupError('read-only', this.group.name, `Variable ${this.name} of '${this.group.name}' is read-only.`, { variable: this.name });
    }
  }

  private writeNumbers(indices: Int32Array | undefined, values: ArrayLike<number> | number): void {
    const s = this.storage();
    const targets = indices ?? undefined;
    const count = targets === undefined ? s.length : targets.length;
    if (typeof values !== 'number' && values.length !== 1 && values.length !== count) {
      throw new GroupError(
        'shape',
        this.group.name,
        `Cannot set '${this.group.name}.${this.name}': provided values do not match the size of the indices, ${values.length} != ${count}.`,
        { variable: this.name },
      );
    }
    const dtype = this.dtype;
    const at = (k: number): number => {
      const raw = typeof values === 'number' ? values : values.length === 1 ? values[0]! : values[k]!;
      // numpy's casts: float → int truncates toward zero; anything non-zero is true.
      return dtype === 'int32' || dtype === 'int64' ? Math.trunc(raw) : dtype === 'bool' ? (raw !== 0 ? 1 : 0) : raw;
    };
    if (dtype === 'int32') {
      // Checked before writing anything: out of int32's range is an error, never a silent wrap
      // (Brian2: OverflowError for 1e20, ValueError for NaN).
      for (let k = 0; k < count; k++) {
        const x = at(k);
        if (!(x >= -2147483648 && x <= 2147483647)) {
          throw new GroupError(
            'invalid-value',
            this.group.name,
            `Cannot set the integer variable '${this.group.name}.${this.name}' to ${x}: integer variables hold 32-bit values from -2147483648 to 2147483647.`,
            { variable: this.name },
          );
        }
      }
    }
    for (let k = 0; k < count; k++) {
      const element = targets === undefined ? k : targets[k]!;
      const position = s.indices === undefined ? s.offset + element : s.indices[element]!;
      s.array[position] = at(k);
    }
  }

  // Arithmetic as on Brian2's VariableView (`G.v + 50*mV`): a new QuantityArray, the group is unchanged.

  /** `G.v + x` (Brian2's `G.v + 50*mV`) as a new QuantityArray; dimensions must match. */
  plus(other: Operand | VariableView): QuantityArray {
    return this.toQuantityArray().plus(operand(other));
  }

  /** `G.v - x` as a new QuantityArray; dimensions must match. */
  minus(other: Operand | VariableView): QuantityArray {
    return this.toQuantityArray().minus(operand(other));
  }

  /** `G.v * x` as a new QuantityArray. */
  times(other: Operand | VariableView): QuantityArray {
    return this.toQuantityArray().times(operand(other));
  }

  /** `G.v / x` as a new QuantityArray. */
  div(other: Operand | VariableView): QuantityArray {
    return this.toQuantityArray().div(operand(other));
  }

  /** `G.v ** k` as a new QuantityArray. */
  pow(exponent: number | Quantity): QuantityArray {
    return this.toQuantityArray().pow(exponent);
  }

  /** `-G.v` as a new QuantityArray. */
  neg(): QuantityArray {
    return this.toQuantityArray().neg();
  }

  /** `abs(G.v)` as a new QuantityArray. */
  abs(): QuantityArray {
    return this.toQuantityArray().abs();
  }

  /** Elementwise `G.v < x`. */
  lt(other: Operand | VariableView): boolean[] {
    return this.toQuantityArray().lt(operand(other));
  }

  /** Elementwise `G.v <= x`. */
  le(other: Operand | VariableView): boolean[] {
    return this.toQuantityArray().le(operand(other));
  }

  /** Elementwise `G.v > x`. */
  gt(other: Operand | VariableView): boolean[] {
    return this.toQuantityArray().gt(operand(other));
  }

  /** Elementwise `G.v >= x`. */
  ge(other: Operand | VariableView): boolean[] {
    return this.toQuantityArray().ge(operand(other));
  }

  /** Sum of the values (`sum(G.v)`). */
  sum(): Quantity {
    return this.toQuantityArray().sum();
  }

  /** Mean of the values (`mean(G.v)`). */
  mean(): Quantity {
    return this.toQuantityArray().mean();
  }

  /** Smallest value (`min(G.v)`). */
  min(): Quantity {
    return this.toQuantityArray().min();
  }

  /** Largest value (`max(G.v)`). */
  max(): Quantity {
    return this.toQuantityArray().max();
  }

  /** Population standard deviation (`std(G.v)`). */
  std(): Quantity {
    return this.toQuantityArray().std();
  }

  *[Symbol.iterator](): Iterator<Quantity | number | boolean> {
    const values = this.values;
    for (let k = 0; k < values.length; k++) yield this.box(values[k]!);
  }

  /** Brian2's repr: `<neurongroup.v: array([-70.]) * mvolt>`. */
  toString(): string {
    const dtype = this.dtype;
    let body: string;
    if (dtype === 'float64' || dtype === 'float32') body = this.toQuantityArray().toPythonString();
    else if (dtype === 'bool') body = `array([${Array.from(this.values, (x) => (x !== 0 ? ' True' : 'False')).join(', ')}])`;
    else body = arrayRepr(this.values).replace(/\.(?=[,\]])/g, '');
    return `<${this.group.name}.${this.name}: ${body}>`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/** Storage of an array variable seen from `group`: contiguous for own and subgroup variables, gathered for linked ones. */
export function arrayStorage(group: ViewHost, v: ArrayVariable): Storage {
  if (v.scalar || v.index === '0') return { array: v.array, offset: 0, indices: undefined, length: 1 };
  if (v.index === '_idx') return { array: v.array, offset: 0, indices: undefined, length: group.N };
  if (v.index === '_sub_idx') return { array: v.array, offset: group.start, indices: undefined, length: group.N };
  // Another index variable (linked variables): element k is array[index[k]].
  const indexVar = group.variables.getArray(v.index);
  const inner = arrayStorage(group, indexVar);
  const indices = new Int32Array(inner.length);
  for (let k = 0; k < inner.length; k++) indices[k] = inner.array[inner.indices === undefined ? inner.offset + k : inner.indices[k]!]!;
  return { array: v.array, offset: 0, indices, length: inner.length };
}

/** A subgroup as an index (`G.v[SG]`, `G.v.getAt(SG)`): its range in its parent. */
export interface SubgroupLike {
  readonly start: number;
  readonly stop: number;
  readonly source: unknown;
}

/** The positions of `SG` in `group` when `indices` is a subgroup of it; otherwise `indices` unchanged. */
function subgroupPositions(group: ViewHost, indices: ArrayLike<number> | SubgroupLike): ArrayLike<number> {
  const sub = indices as Partial<SubgroupLike>;
  if (typeof sub.start !== 'number' || typeof sub.stop !== 'number' || !('source' in indices)) return indices as ArrayLike<number>;
  if (sub.source !== group) {
    throw new GroupError('invalid-index', group.name, `Only a subgroup of '${group.name}' can index its variables.`);
  }
  return Array.from({ length: sub.stop - sub.start }, (_, k) => sub.start! + k);
}

/**
 * Brian2's `ambiguous_string_expression` warning: a string assigned through a subgroup index
 * (`G.v.setAt(SG, 'i')`, `S.w.setAt2(SG1, null, 'N_pre')`) that names a variable the index group
 * also has but with other values (`i`, `N`): it is read from the indexed group, not the index.
 * Names are followed through subexpressions; a `_pre`/`_post` reference counts under its plain name.
 */
export function warnAmbiguousIndexExpression(group: ViewHost, variable: string, code: string, indexGroups: readonly unknown[]): void {
  const groups = indexGroups.filter((g): g is { variables: Variables } => typeof g === 'object' && g !== null && 'variables' in g && 'source' in g);
  if (groups.length === 0) return;
  let ids: Set<string>;
  try {
    ids = collectIdentifiers(parseExpression(code));
  } catch {
    return; // the assignment itself reports the syntax error
  }
  const seen = new Set<string>();
  const pending = [...ids];
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const v = group.variables.get(id);
    if (v?.kind === 'subexpression') for (const n of collectIdentifiers(v.expr)) pending.push(n);
  }
  const same = (a: Variable, b: Variable): boolean => a === b || (a.kind === 'array' && b.kind === 'array' && a.array === b.array);
  for (const id of seen) {
    const v = group.variables.get(id);
    if (v === undefined || v.kind === 'subexpression') continue;
    const names = [id, v.name, id.replace(/_(pre|post)$/, '')];
    for (const g of groups) {
      const other = names.map((n) => g.variables.get(n)).find((x) => x !== undefined);
      if (other !== undefined && !same(other, v)) {
        warn(
          'ambiguous_string_expression',
          `The string expression used for setting '${variable}' refers to '${id}' which might be ambiguous. It will be interpreted as referring to '${id}' in '${group.name}', not as a variable of a group used for indexing.`,
        );
        break;
      }
    }
  }
}

/**
 * The subgroup last turned into a property key: `G.v[SG] = 'i'` converts SG with its toString
 * just before the set trap runs, which then knows the subgroup object (for the
 * ambiguous_string_expression warning). One slot, cleared when used.
 */
let stringifiedSubgroup: { readonly key: string; readonly group: unknown } | undefined;

/** @internal Called by `Subgroup.toString`. */
export function noteStringifiedSubgroup(key: string, group: unknown): void {
  stringifiedSubgroup = { key, group };
}

const INDEX_PATTERN = /^-?\d+$/;
/** A property key made from a Subgroup (`G.v[SG]` converts SG with its toString). */
const SUBGROUP_KEY = /^<Subgroup '[^']*' of '([^']*)' from (\d+) to (\d+)>$/;

/** The indices of `G.v[SG]` when `key` is a subgroup of the view's group, else undefined. */
function subgroupIndices(target: VariableView, key: string): number[] | undefined {
  const m = SUBGROUP_KEY.exec(key);
  if (m === null || m[1] !== target.group.name) return undefined;
  const [start, stop] = [Number(m[2]), Number(m[3])];
  return Array.from({ length: stop - start }, (_, k) => start + k);
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function operand(value: Operand | VariableView): Operand {
  return value instanceof VariableView ? value.toQuantityArray() : value;
}

/**
 * A bare name that is neither a member nor one of the group's variables is a misspelt member
 * (`G.v.plsu`), not a condition: say so instead of failing to resolve it as an expression.
 */
function checkMemberOrCondition(target: VariableView, key: string): void {
  if (!IDENTIFIER.test(key) || key === 'True' || key === 'False' || target.group.variables.get(key) !== undefined) return;
  const members = new Set<string>();
  for (let proto: object | null = Object.getPrototypeOf(target) as object | null; proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    for (const name of Object.getOwnPropertyNames(proto)) if (name !== 'constructor') members.add(name);
  }
  const close = suggestNames(key, members);
  throw new GroupError(
    'invalid-index',
    target.group.name,
    `'${target.group.name}.${target.name}' has no member '${key}'${close.length > 0 ? ` (did you mean ${close.map((c) => `'${c}'`).join(' or ')}?)` : ''}, and '${key}' is not a condition on the variables of '${target.group.name}'.`,
    { variable: target.name },
  );
}

const VIEW_HANDLER: ProxyHandler<VariableView> = {
  get(target, key, receiver) {
    if (typeof key === 'symbol' || key in target) return Reflect.get(target, key, receiver);
    if (INDEX_PATTERN.test(key)) {
      target.checkIndexable();
      return target.get(Number(key));
    }
    const sub = subgroupIndices(target, key);
    if (sub !== undefined) return target.getAt(sub);
    // Protocol probes (`then` for await, `toJSON`) must read as absent.
    if (key === 'then' || key === 'toJSON' || key === 'constructor') return undefined;
    checkMemberOrCondition(target, key);
    return target.where(key);
  },
  set(target, key, value: unknown, receiver) {
    if (typeof key === 'symbol' || key in target) return Reflect.set(target, key, value, receiver);
    const sub = INDEX_PATTERN.test(key) ? undefined : subgroupIndices(target, key);
    if (sub !== undefined && typeof value === 'string') {
      const noted = stringifiedSubgroup?.key === key ? stringifiedSubgroup.group : undefined;
      stringifiedSubgroup = undefined;
      if (noted !== undefined) warnAmbiguousIndexExpression(target.group, target.name, value, [noted]);
    }
    if (INDEX_PATTERN.test(key)) target.setAt(Number(key), value as Exclude<StateValue, string>);
    else if (sub !== undefined) target.setAt(sub, value as Exclude<StateValue, string>);
    else if (IDENTIFIER.test(key) && key !== 'True' && target.group.variables.get(key) === undefined) {
      checkMemberOrCondition(target, key);
    } else target.setWhere(key, value as Parameters<VariableView['setWhere']>[1]);
    return true;
  },
};
