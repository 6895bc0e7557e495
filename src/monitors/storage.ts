/**
 * Growable typed-array storage for recorded data. Monitors reserve room once per run (the
 * number of recording steps is known when the run starts) so that recording allocates nothing
 * per step; event monitors, whose volume is unknown, grow geometrically (amortised O(1)).
 */
import { DIMENSIONLESS } from '../units/index.ts';
import type { Dimension } from '../units/index.ts';
import { InternalError } from '../util/index.ts';
import { createArrayVariable } from '../variables/index.ts';
import type { ArrayVariable } from '../variables/index.ts';

/** The typed arrays monitors record into. */
export type RecordArray = Float64Array | Float32Array | Int32Array;

/** Recorded float data: float64, or float32 for float32 variables (`prefs.floatDtype`). */
export type FloatArray = Float64Array | Float32Array;
export type RecordFloatDtype = 'float64' | 'float32';

/**
 * A 1-d typed array with a logical `length` below its capacity, kept in a dynamic
 * {@link ArrayVariable} (`array` = the capacity-sized buffer, `length` = elements in use) so that
 * generated code can append to it as well.
 */
export class DynamicArray<A extends RecordArray> {
  /** The backing variable; its `array` is replaced when the storage grows. */
  readonly variable: ArrayVariable;

  constructor(variable: ArrayVariable) {
    if (variable.dtype === 'bool') throw new InternalError(`DynamicArray '${variable.name}': bool storage is not supported`);
    this.variable = variable;
  }

  /** A Float64Array-backed dynamic array named `name`. */
  static float64(name = 'values', dim: Dimension = DIMENSIONLESS): DynamicArray<Float64Array> {
    return new DynamicArray(createArrayVariable(name, { size: 'dynamic', dtype: 'float64', dim, readOnly: true }));
  }

  /** A float dynamic array of `dtype` (Float64Array or Float32Array) named `name`. */
  static float(dtype: RecordFloatDtype, name = 'values', dim: Dimension = DIMENSIONLESS): DynamicArray<FloatArray> {
    return new DynamicArray(createArrayVariable(name, { size: 'dynamic', dtype, dim, readOnly: true }));
  }

  /** An Int32Array-backed dynamic array named `name`. */
  static int32(name = 'values'): DynamicArray<Int32Array> {
    return new DynamicArray(createArrayVariable(name, { size: 'dynamic', dtype: 'int32', readOnly: true }));
  }

  /** The whole buffer (capacity-sized). Replaced by `reserve`: re-read it after reserving. */
  get data(): A {
    return this.variable.array as A;
  }

  /** Number of elements in use. */
  get length(): number {
    return this.variable.length;
  }
  set length(n: number) {
    this.variable.length = n;
  }

  /** Number of elements that fit without reallocating. */
  get capacity(): number {
    return this.variable.array.length;
  }

  /**
   * Makes room for `extra` more elements. Exact when `exact` (a known per-run volume), else
   * at least doubling so that repeated small reservations cost amortised O(1).
   */
  reserve(extra: number, exact = false): void {
    const old = this.variable.array as A;
    const needed = this.variable.length + extra;
    if (needed <= old.length) return;
    const capacity = exact ? needed : Math.max(needed, 2 * old.length, 16);
    const next = new (old.constructor as new (n: number) => A)(capacity);
    next.set(old.subarray(0, this.variable.length));
    this.variable.array = next;
  }

  /** Appends one value (not for hot loops: they reserve once and write `data` directly). */
  push(value: number): void {
    this.reserve(1);
    this.variable.array[this.variable.length++] = value;
  }

  /** A view of the used elements; invalidated by the next `reserve`. */
  view(): A {
    return this.data.subarray(0, this.length) as A;
  }

  /** A copy of the used elements. */
  copy(): A {
    return this.data.slice(0, this.length) as A;
  }

  /** Drops all elements, keeping the capacity. */
  clear(): void {
    this.length = 0;
  }

  /** Replaces the contents with a copy of `values` (a fresh buffer: used by restore). */
  assign(values: A): void {
    this.variable.array = values.slice();
    this.variable.length = values.length;
  }

  /** Sets the length to `n` (growing fills with zeros). */
  resize(n: number): void {
    if (n > this.capacity) this.reserve(n - this.length, true);
    if (n > this.length) this.data.fill(0, this.length, n);
    this.length = n;
  }
}

/**
 * A row-major 2-d float array (Float64Array, or Float32Array for float32 variables) that grows along its rows: one row per recording step, one
 * column per recorded element, as Brian2's `resize_along_first` dynamic arrays. Appending a row
 * writes contiguous memory; reading one element's trace gathers a column.
 *
 * Storage is a list of blocks, never one array copied into a bigger one: the rows of earlier runs
 * stay in *sealed* blocks and only the *active* block (the flat dynamic variable that generated
 * code appends to) receives new rows. Growing therefore never copies recorded data, so the
 * memory held (and the peak while growing) stays within ~1.125× of the data plus one step's
 * worth: each run reserves exactly its steps (a new block when the active one is full), other
 * growth adds blocks of an eighth of the rows so far (issue 15: the copy-on-grow policy held
 * up to 2× the data).
 */
export class DynamicArray2D {
  /** The active block (flat, row-major); its `length` counts elements (`rows*cols`) in it. */
  readonly flat: DynamicArray<FloatArray>;
  /** Fixed number of columns. */
  readonly cols: number;
  /** The element type. */
  readonly dtype: RecordFloatDtype;
  private zeroColumnRows = 0;
  /** Full blocks before the active one, each a whole number of rows, all in use. */
  private sealed: FloatArray[] = [];
  private sealedRows = 0;

  constructor(cols: number, name = 'values', dim: Dimension = DIMENSIONLESS, dtype: RecordFloatDtype = 'float64') {
    if (!Number.isInteger(cols) || cols < 0) throw new InternalError(`bad column count ${cols}`);
    this.cols = cols;
    this.dtype = dtype;
    this.flat = DynamicArray.float(dtype, name, dim);
  }

  /** Bytes per element (8, or 4 for float32). */
  get itemSize(): number {
    return this.dtype === 'float32' ? 4 : 8;
  }

  /** The active block's variable (flat, row-major): what generated code appends to. */
  get variable(): ArrayVariable {
    return this.flat.variable;
  }

  /** The active block's buffer (capacity-sized). Replaced by `reserveRows`: re-read it after. */
  get data(): FloatArray {
    return this.flat.data;
  }

  /** Number of rows in use. */
  get rows(): number {
    return this.cols === 0 ? this.zeroColumnRows : this.sealedRows + this.flat.length / this.cols;
  }
  set rows(n: number) {
    if (this.cols === 0) this.zeroColumnRows = n;
    else this.flat.length = (n - this.sealedRows) * this.cols;
  }

  /** Number of rows that fit without allocating. */
  get rowCapacity(): number {
    return this.cols === 0 ? Infinity : this.sealedRows + this.flat.capacity / this.cols;
  }

  /** Elements allocated (all blocks, used or not): for memory accounting (× `itemSize` bytes). */
  get allocatedElements(): number {
    return this.sealedRows * this.cols + this.flat.capacity;
  }

  /**
   * Makes room for `extra` more rows: exactly when `exact` (a run's known number of steps), else
   * at least an eighth of the rows so far (amortised O(1) appends, ≤ 12.5 % unused).
   */
  reserveRows(extra: number, exact = false): void {
    if (this.cols === 0) return;
    if (this.rows + extra <= this.rowCapacity) return;
    const activeRows = this.flat.length / this.cols;
    if (activeRows > 0) {
      // Seal the active block. A block left partly empty (a run stopped early) is trimmed
      // when the unused part is large, else kept as a view.
      const used = this.flat.data.subarray(0, this.flat.length);
      this.sealed.push(this.flat.capacity - this.flat.length > this.flat.length / 8 ? used.slice() : used);
      this.sealedRows += activeRows;
    }
    const rows = exact ? extra : Math.max(extra, Math.ceil(this.rows / 8));
    this.flat.variable.array = this.dtype === 'float32' ? new Float32Array(rows * this.cols) : new Float64Array(rows * this.cols);
    this.flat.length = 0;
  }

  /** Appends one row (not for hot loops: generated code reserves once and writes `data`). */
  appendRow(values: ArrayLike<number>): void {
    this.reserveRows(1);
    const at = this.flat.length;
    for (let k = 0; k < this.cols; k++) this.flat.data[at + k] = values[k]!;
    this.rows = this.rows + 1;
  }

  /** The used rows as blocks (each a whole number of rows), oldest first; views, not copies. */
  blocks(): FloatArray[] {
    const active = this.flat.view();
    return active.length > 0 ? [...this.sealed, active] : [...this.sealed];
  }

  /** Column `k` (one recorded element over time), as a new array. */
  column(k: number): Float64Array {
    return gatherColumn(this.blocks(), this.cols, k, this.rows);
  }

  /** Row `r` (all recorded elements at one time), as a new array. */
  row(r: number): Float64Array {
    let first = 0;
    for (const block of this.blocks()) {
      const n = block.length / this.cols;
      if (r < first + n) return Float64Array.from(block.subarray((r - first) * this.cols, (r - first + 1) * this.cols));
      first += n;
    }
    return new Float64Array(0);
  }

  /** A copy of the used rows (row-major), in the storage's own type. */
  copy(): FloatArray {
    const out = this.dtype === 'float32' ? new Float32Array(this.rows * this.cols) : new Float64Array(this.rows * this.cols);
    let at = 0;
    for (const block of this.blocks()) {
      out.set(block, at);
      at += block.length;
    }
    return out;
  }

  /**
   * Replaces the contents with `rows` rows from `data` (row-major), in a fresh buffer so that
   * StateTraces snapshots taken before keep the old one unchanged: used by restore.
   */
  assign(data: FloatArray, rows: number): void {
    if (data.length !== rows * this.cols) throw new InternalError('DynamicArray2D.assign: size mismatch');
    this.sealed = [];
    this.sealedRows = 0;
    this.flat.assign(data);
    this.zeroColumnRows = rows;
  }
}

/** Element `k` of each row over `rows` rows stored in `blocks` (row-major, `cols` columns). */
export function gatherColumn(blocks: readonly FloatArray[], cols: number, k: number, rows: number): Float64Array {
  const out = new Float64Array(rows);
  let r = 0;
  for (const block of blocks) {
    for (let p = k; p < block.length && r < rows; p += cols) out[r++] = block[p]!;
    if (r >= rows) break;
  }
  return out;
}
