/**
 * A growable typed array backed by a dynamic ArrayVariable, so generated monitor code can
 * append to it directly while user code reads a typed-array view.
 */
import { createArrayVariable, ensureCapacity, resizeDynamic, usedValues } from '../variables/index.ts';
import type { ArrayVariable, Dtype, StorageArray } from '../variables/index.ts';
import type { Dimension } from '../units/index.ts';

/** Growable storage (amortised O(1) appends; `reserve` preallocates a run's worth). */
export class DynamicArray {
  /** The dynamic variable generated code appends to (pass it as monitor storage in a CodeBlockSpec). */
  readonly variable: ArrayVariable;

  constructor(name: string, dtype: Dtype = 'float64', dim?: Dimension) {
    this.variable = createArrayVariable(name, { dtype, size: 'dynamic', ...(dim === undefined ? {} : { dim }) });
  }

  /** Number of elements in use. */
  get length(): number {
    return this.variable.length;
  }

  /** A view of the elements in use (invalidated when the storage grows). */
  get values(): StorageArray {
    return usedValues(this.variable);
  }

  /** Makes room for `capacity` elements in total without further allocation. */
  reserve(capacity: number): void {
    ensureCapacity(this.variable, capacity);
  }

  /** Appends one value. */
  push(value: number): void {
    const n = this.variable.length;
    ensureCapacity(this.variable, n + 1)[n] = value;
    this.variable.length = n + 1;
  }

  /** Sets the number of elements in use (new ones are 0). */
  resize(length: number): void {
    resizeDynamic(this.variable, length);
  }

  /** A copy of the elements in use (for snapshots). */
  snapshot(): StorageArray {
    return this.values.slice();
  }

  /** Replaces the contents with `values` (for restore). */
  restore(values: ArrayLike<number>): void {
    this.resize(values.length);
    this.variable.array.set(values);
  }
}
