/**
 * `M.v` of a StateMonitor: the recorded traces of one variable, indexed by the position among
 * the recorded indices as Brian2's `M.v[k]` (shape `(n_recorded, n_times)`).
 */
import { QuantityArray } from '../units/index.ts';
import type { Dimension, Quantity } from '../units/index.ts';
import { MonitorIndexError } from './errors.ts';
import { gatherColumn } from './storage.ts';
import type { FloatArray } from './storage.ts';

/**
 * The traces of one recorded variable. `traces[k]` is the k-th recorded element's trace over
 * time (a QuantityArray). Under `noUncheckedIndexedAccess`, `traces[0]` is typed as present (the
 * common single-neuron case reads like Brian2's `M.v[0]`); use `get(k)` for a checked access.
 * @example
 * const M = new StateMonitor(G, 'v', { record: [0, 5] });
 * run(ms(10));
 * M.v[0].in(mV);     // neuron 0's trace
 * M.v.get(1);        // neuron 5's trace
 * M.v.values[1][3];  // neuron 5 at the 4th recording time, in volt
 */
export interface StateTraces extends Iterable<QuantityArray> {
  readonly [k: number]: QuantityArray;
  readonly 0: QuantityArray;
  /** Number of recorded elements. */
  readonly length: number;
  /** Number of recording times. */
  readonly samples: number;
  /** The variable's dimension. */
  readonly dim: Dimension;
  /** How the monitor stores the values: `'float32'` for float32 variables (the traces read as float64 either way). */
  readonly dtype: 'float64' | 'float32';
  /** The k-th recorded element's trace; throws MonitorIndexError when out of range. */
  get(k: number): QuantityArray;
  /** All traces as plain SI values, `values[k][j]` (Brian2's `M.v_`). */
  readonly values: Float64Array[];
  /** All traces in `unit`, `in(unit)[k][j]`. Throws DimensionMismatchError on a mismatch. */
  in(unit: Quantity): Float64Array[];
  /** The traces as an array. */
  toArray(): QuantityArray[];
}

/**
 * A snapshot over time-major storage (`data[row*cols + k]`, `rows` rows). Storage is
 * append-only and reallocates instead of overwriting, so holding the buffer keeps the snapshot.
 */
class Traces {
  private readonly cache: (QuantityArray | undefined)[];

  constructor(
    private readonly blocks: readonly FloatArray[],
    readonly samples: number,
    readonly length: number,
    readonly dim: Dimension,
    private readonly monitorName: string,
    readonly dtype: 'float64' | 'float32',
  ) {
    this.cache = new Array<QuantityArray | undefined>(length);
  }

  get(k: number): QuantityArray {
    if (!Number.isInteger(k) || k < 0 || k >= this.length) {
      throw new MonitorIndexError(
        `index ${k} is out of bounds for the ${this.length} recorded elements of '${this.monitorName}'`,
        k,
        this.monitorName,
      );
    }
    let trace = this.cache[k];
    if (trace === undefined) {
      trace = new QuantityArray(gatherColumn(this.blocks, this.length, k, this.samples), this.dim);
      this.cache[k] = trace;
    }
    return trace;
  }

  get values(): Float64Array[] {
    return this.toArray().map((q) => q.values);
  }

  in(unit: Quantity): Float64Array[] {
    return this.toArray().map((q) => q.in(unit));
  }

  toArray(): QuantityArray[] {
    return Array.from({ length: this.length }, (_, k) => this.get(k));
  }

  *[Symbol.iterator](): Iterator<QuantityArray> {
    for (let k = 0; k < this.length; k++) yield this.get(k);
  }

  toString(): string {
    return `[${this.toArray().map(String).join(',\n ')}]`;
  }
}

const INDEX = /^(?:0|[1-9]\d*)$/;

/**
 * Builds the `M.v` view over a snapshot of time-major storage: one array, or blocks of whole
 * rows (oldest first) as a StateMonitor's storage holds them.
 */
export function makeStateTraces(
  data: FloatArray | readonly FloatArray[],
  samples: number,
  cols: number,
  dim: Dimension,
  monitorName: string,
  dtype: 'float64' | 'float32' = 'float64',
): StateTraces {
  const target = new Traces(data instanceof Float64Array || data instanceof Float32Array ? [data] : data, samples, cols, dim, monitorName, dtype);
  return new Proxy(target, {
    get(t, prop, receiver) {
      // Numeric keys read traces; an index out of range is a MonitorIndexError (Brian2: IndexError).
      if (typeof prop === 'string' && INDEX.test(prop)) return t.get(Number(prop));
      return Reflect.get(t, prop, receiver);
    },
    has(t, prop) {
      if (typeof prop === 'string' && INDEX.test(prop)) return Number(prop) < t.length;
      return Reflect.has(t, prop);
    },
  }) as unknown as StateTraces;
}
