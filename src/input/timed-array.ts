/**
 * `TimedArray` (Brian2's `brian2/input/timedarray.py`): a function of time built from an array
 * of values, callable in model strings as `ta(t)` (1-D values) or `ta(t, i)` (2-D values, axis 0
 * is time). It is a user function (`kind: 'user-function'`), so it goes into a namespace like
 * any function made by `defineUserFunction`.
 */
import { defaultclock } from '../core/index.ts';
import { defineFunction, unitOf } from '../inference/index.ts';
import type { FunctionDescriptor } from '../inference/index.ts';
import { DIMENSIONLESS, Dimension, DimensionMismatchError, Quantity, QuantityArray, second } from '../units/index.ts';
import { checkOptions, showValue, warn } from '../util/index.ts';
import type { FunctionImplementation } from '../variables/index.ts';
import { InputError } from './errors.ts';

/** One row of 2-D values: numbers (dimensionless) or a QuantityArray. */
export type TimedArrayRow = ArrayLike<number> | QuantityArray;

/**
 * The values of a TimedArray: 1-D (`mV([1, 2, 3])`, `[1, 2, 3]`, a Float64Array) or 2-D as an
 * array of rows, one per time step (`[[1, 2], [3, 4]]`, `[mV([1, 2]), mV([3, 4])]`).
 */
export type TimedArrayValues = QuantityArray | ArrayLike<number> | readonly TimedArrayRow[];

/** Options of `new TimedArray(values, dt, options)`. */
export interface TimedArrayOptions {
  /** Name used in messages; default `'_timedarray'`. */
  name?: string;
}

/** What a group binds a TimedArray to: the same function with K computed for the group's dt. */
export interface BoundTimedArray {
  readonly kind: 'user-function';
  /** The name model strings call it by (`I_ext(t)` uses the namespace key, this is its own). */
  readonly name: string;
  /** How model strings may call it: argument units, result unit and type. */
  readonly descriptor: FunctionDescriptor;
  readonly implementation: FunctionImplementation;
  /** The TimedArray this was bound from. */
  readonly timedArray: TimedArray;
  /** The group dt (seconds) K was computed for. */
  readonly groupDt: number;
}

const SECOND = second.dim;

/**
 * Brian2's `_find_K`: the upsampling factor `max(2^ceil(log2(8·dt_TA/dt_group)), 1)` that keeps
 * the index robust to rounding for every time on the group's grid (and on multistep sub-grids).
 * Warns when the grids are not aligned, as Brian2.
 */
export function findK(groupDt: number, dt: number): number {
  const ratio = dt / groupDt;
  if (ratio > 1 && Math.floor(ratio) !== ratio) {
    warn(
      'TimedArray.grids_not_aligned',
      `Group uses a dt of ${showValue(new Quantity(groupDt, SECOND))} while TimedArray uses dt of ${showValue(new Quantity(dt, SECOND))} ` +
        `(ratio: 1/${ratio}) → time grids not aligned`,
    );
  }
  // Same operation order as Brian2 (`8/group_dt*dt`), so K agrees in the last bit.
  return Math.max(Math.trunc(2 ** Math.ceil(Math.log2((8 / groupDt) * dt))), 1);
}

/**
 * The time index for `t` (Brian2's compiled form `(int)((t/epsilon + 0.5)/K)` with
 * `epsilon = dt/K`), clipped to `[0, n-1]`. NaN gives the first index and +∞ the last.
 */
function timeIndex(t: number, epsilon: number, K: number, n: number): number {
  const k = Math.trunc((t / epsilon + 0.5) / K);
  if (!(k >= 0)) return 0;
  return k >= n ? n - 1 : k;
}

function isRowList(values: TimedArrayValues): values is readonly TimedArrayRow[] {
  if (values instanceof QuantityArray || ArrayBuffer.isView(values) || !Array.isArray(values)) return false;
  return (values as readonly unknown[]).some((v) => typeof v === 'object' && v !== null);
}

function numbersOf(name: string, what: string, values: ArrayLike<unknown>): Float64Array {
  const out = new Float64Array(values.length);
  for (let k = 0; k < values.length; k++) {
    const x = values[k];
    if (typeof x !== 'number') {
      throw new InputError(
        'shape',
        name,
        `The values of TimedArray '${name}' have to be numbers or Quantity arrays; ${what} element ${k} is ${x === null ? 'null' : typeof x}. ` +
          'Only 1d and 2d arrays are supported for TimedArray.',
      );
    }
    out[k] = x;
  }
  return out;
}

/**
 * A function of time given by values at `0, dt, 2·dt, …`: `ta(t)` returns the value of the time
 * bin `t` falls in, with Brian2's index arithmetic (an upsampling factor K from the group's dt
 * makes times on the group's grid land in the right bin despite rounding), the first value
 * before the start and the last after the end. 2-D values give `ta(t, i)`, NaN for a column
 * outside `[0, columns)`. Values keep their units.
 * @example
 * const ta = new TimedArray(mV([1, 2, 3, 4]), ms(0.1));
 * const G = new NeuronGroup(1, 'v = ta(t) : volt', { namespace: { ta } });
 * const ta2 = new TimedArray([mV([1, 2]), mV([3, 4]), mV([5, 6])], ms(0.1));
 * const H = new NeuronGroup(4, 'v = ta2(t, i % 2) : volt', { namespace: { ta2 } });
 */
export class TimedArray {
  /** Marks this as a function for namespaces (as `defineUserFunction`'s result). */
  readonly kind = 'user-function' as const;
  /** The object's own name (model strings call it by its namespace key). */
  readonly name: string;
  /** Values in SI units, row-major (`rows × columns`). Do not modify them: implementations read them directly. */
  readonly values: Float64Array;
  /** Number of time steps (rows). */
  readonly rows: number;
  /** Number of columns for 2-D values; `undefined` for 1-D values. */
  readonly columns: number | undefined;
  /** The dimension of the values (and of `ta(t)`). */
  readonly dim: Dimension;
  /** The time step of the values, in seconds. */
  readonly dtSeconds: number;
  /** How model strings may call it: argument units, result unit and type. */
  readonly descriptor: FunctionDescriptor;
  /**
   * The implementation used when the TimedArray is not bound to a group's dt: K from
   * `defaultclock.dt` at the time of the call (Brian2's direct call). Groups on the default clock
   * therefore get Brian2's results; groups bind it with {@link TimedArray.forDt}.
   */
  readonly implementation: FunctionImplementation;
  private readonly bound = new Map<number, BoundTimedArray>();

  constructor(values: TimedArrayValues, dt: Quantity, options?: TimedArrayOptions) {
    options = checkOptions(options, ['name'], { what: 'TimedArray', error: (message) => new InputError('invalid-option', '_timedarray', message) });
    const name = options.name ?? '_timedarray';
    if (typeof name !== 'string') throw new InputError('invalid-option', String(name), `The name of a TimedArray has to be a string, got ${typeof name}.`);
    this.name = name;
    if (!(dt instanceof Quantity)) {
      throw new DimensionMismatchError(`TimedArray '${name}': dt has to be a time Quantity (e.g. ms(0.1)), got ${typeof dt === 'number' ? `the number ${dt}` : typeof dt}`, DIMENSIONLESS);
    }
    if (dt.dim !== SECOND) throw new DimensionMismatchError(`TimedArray '${name}': dt has to be a time, got ${showValue(dt)}`, dt.dim);
    if (!(dt.value > 0) || !Number.isFinite(dt.value)) {
      throw new InputError('invalid-value', name, `The dt of TimedArray '${name}' has to be a positive, finite time, got ${showValue(dt)}.`);
    }
    this.dtSeconds = dt.value;

    if (values === null || typeof values !== 'object') {
      throw new InputError('shape', name, `The values of TimedArray '${name}' have to be a 1d or 2d array, got ${values === null ? 'null' : typeof values}. Only 1d and 2d arrays are supported for TimedArray.`);
    }
    if (isRowList(values)) {
      const rows = values;
      let dim: Dimension | undefined;
      let columns = -1;
      const flat: number[] = [];
      rows.forEach((row, r) => {
        if (typeof row !== 'object' || row === null) {
          throw new InputError('shape', name, `The values of TimedArray '${name}' mix rows and numbers (row ${r}). Only 1d and 2d arrays are supported for TimedArray.`);
        }
        const rowDim = row instanceof QuantityArray ? row.dim : DIMENSIONLESS;
        const numbers = row instanceof QuantityArray ? row.values : numbersOf(name, `row ${r},`, row);
        if (dim === undefined) dim = rowDim;
        else if (rowDim !== dim) {
          throw new DimensionMismatchError(`TimedArray '${name}': all rows of the values need the same units (row ${r} differs from row 0)`, dim, rowDim);
        }
        if (columns === -1) columns = numbers.length;
        else if (numbers.length !== columns) {
          throw new InputError('shape', name, `The rows of TimedArray '${name}' have different lengths (row 0 has ${columns} values, row ${r} has ${numbers.length}).`);
        }
        for (const x of numbers) flat.push(x);
      });
      if (columns <= 0) throw new InputError('shape', name, `TimedArray '${name}' needs at least one value per row.`);
      this.values = Float64Array.from(flat);
      this.rows = rows.length;
      this.columns = columns;
      this.dim = dim ?? DIMENSIONLESS;
    } else {
      const q = values instanceof QuantityArray;
      this.values = q ? Float64Array.from(values.values) : numbersOf(name, '', values as ArrayLike<unknown>);
      this.rows = this.values.length;
      this.columns = undefined;
      this.dim = q ? values.dim : DIMENSIONLESS;
    }
    if (this.rows === 0) throw new InputError('shape', name, `TimedArray '${name}' needs at least one value.`);

    const argUnits = this.columns === undefined ? [unitOf(SECOND)] : [unitOf(SECOND), unitOf(DIMENSIONLESS)];
    this.descriptor = defineFunction({ name, argUnits, returnDim: this.dim, returnType: 'float', stateful: false });
    // Unbound: K follows defaultclock.dt, recomputed only when it changes.
    let cachedDt = Number.NaN;
    let current: FunctionImplementation = () => Number.NaN;
    const refresh = (): FunctionImplementation => {
      const d = defaultclock.dtSeconds;
      if (d !== cachedDt) {
        cachedDt = d;
        current = this.implementationFor(d);
      }
      return current;
    };
    this.implementation = this.columns === undefined ? (t?: number) => refresh()(t!) : (t?: number, i?: number) => refresh()(t!, i!);
  }

  /** 1 or 2: the number of axes of the values. */
  get ndim(): 1 | 2 {
    return this.columns === undefined ? 1 : 2;
  }

  /** The time step of the values. */
  get dt(): Quantity {
    return new Quantity(this.dtSeconds, SECOND);
  }

  /**
   * The implementation for a group whose clock has time step `groupDt` (seconds): Brian2's
   * `create_implementation(owner)` with `owner.clock.dt_`. Allocation-free per call.
   */
  implementationFor(groupDt: number): FunctionImplementation {
    const K = findK(groupDt, this.dtSeconds);
    const epsilon = this.dtSeconds / K;
    const values = this.values;
    const n = this.rows;
    const columns = this.columns;
    if (columns === undefined) return (t?: number) => values[timeIndex(t!, epsilon, K, n)]!;
    return (t?: number, i?: number) => {
      // Brian2's compiled code converts i to int and returns NaN outside the columns.
      const j = Math.trunc(i!);
      if (!(j >= 0 && j < columns)) return Number.NaN;
      return values[timeIndex(t!, epsilon, K, n) * columns + j]!;
    };
  }

  /**
   * This TimedArray bound to a group's time step (seconds or a time Quantity): a user function
   * whose K is computed for `groupDt`. Cached, so binding twice gives the same object.
   */
  forDt(groupDt: number | Quantity): BoundTimedArray {
    const d = groupDt instanceof Quantity ? groupDt.value : groupDt;
    let b = this.bound.get(d);
    if (b === undefined) {
      b = Object.freeze({ kind: 'user-function', name: this.name, descriptor: this.descriptor, implementation: this.implementationFor(d), timedArray: this, groupDt: d } as const);
      this.bound.set(d, b);
    }
    return b;
  }

  /**
   * Whether `ta(t)` is constant within a step of `groupDt` (seconds): `groupDt ≤ dt` and `dt` an
   * integer multiple of it (Brian2's `is_locally_constant`), so `exact` may treat it as a
   * parameter.
   */
  isLocallyConstant(groupDt: number): boolean {
    if (groupDt > this.dtSeconds) return false;
    const ratio = this.dtSeconds / groupDt;
    return Math.floor(ratio) === ratio;
  }

  /**
   * The value at time `t` (and column `i` for 2-D values), with units, K from `defaultclock.dt`
   * as Brian2's direct call `ta(t)`.
   * @example new TimedArray(mV([1, 2, 3, 4]), ms(0.1)).at(ms(0.3)) // 4. mV
   */
  at(t: Quantity, i?: number): Quantity {
    if (!(t instanceof Quantity) || t.dim !== SECOND) {
      throw new DimensionMismatchError(`TimedArray '${this.name}' has to be called with a time`, t instanceof Quantity ? t.dim : DIMENSIONLESS);
    }
    const K = findK(defaultclock.dtSeconds, this.dtSeconds);
    const row = timeIndex(t.value, this.dtSeconds / K, K, this.rows);
    if (this.columns === undefined) {
      if (i !== undefined) throw new InputError('shape', this.name, `TimedArray '${this.name}' has 1d values and takes only a time argument.`);
      return new Quantity(this.values[row]!, this.dim);
    }
    if (i === undefined || !Number.isInteger(i) || i < 0 || i >= this.columns) {
      throw new InputError('invalid-value', this.name, `TimedArray '${this.name}' has ${this.columns} columns; the column index has to be an integer in [0, ${this.columns}), got ${showValue(i)}.`);
    }
    return new Quantity(this.values[row * this.columns + i]!, this.dim);
  }

  toString(): string {
    const shape = this.columns === undefined ? `${this.rows}` : `${this.rows}, ${this.columns}`;
    return `TimedArray(values=<(${shape}) array>, dt=${showValue(this.dt)}, name='${this.name}')`;
  }
}

/** Whether `value` is a {@link TimedArray}. */
export function isTimedArray(value: unknown): value is TimedArray {
  return value instanceof TimedArray;
}

/**
 * A namespace with every TimedArray replaced by its binding to `groupDt` (seconds); the same
 * object when it holds none. This is what a group does with its namespaces at run start.
 */
export function bindTimedArrays(namespace: Readonly<Record<string, unknown>>, groupDt: number): Readonly<Record<string, unknown>> {
  let out: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(namespace)) {
    if (value instanceof TimedArray) {
      out ??= { ...namespace };
      out[key] = value.forDt(groupDt);
    }
  }
  return out ?? namespace;
}
