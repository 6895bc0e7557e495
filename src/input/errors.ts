/** Errors of the input objects: TimedArray, PoissonGroup, SpikeGeneratorGroup, NetworkOperation. */
import { BrianError } from '../util/index.ts';

/**
 * Which rule an {@link InputError} reports. Brian2 raises `ValueError`, `TypeError`,
 * `IndexError` or `NotImplementedError` here; brian-ts uses one class and says which rule failed.
 */
export type InputErrorCode =
  /** `N` is not an integer ≥ 1. */
  | 'invalid-size'
  /** Values of the wrong shape (ragged or >2-D TimedArray values, mismatched indices/times lengths, rates of the wrong length). */
  | 'shape'
  /** A value of the wrong kind or out of its range (negative spike times, indices outside `[0, N)`, a bad period or dt). */
  | 'invalid-value'
  /** Two spikes of one neuron in one time step of a SpikeGeneratorGroup. */
  | 'duplicate-spikes'
  /** Spikes given with `sorted: true` that are not sorted by time, then index. */
  | 'unsorted-spikes'
  /** A period that is not an integer multiple of dt (Brian2's `NotImplementedError`). */
  | 'not-implemented'
  /** An option of the wrong type, or an unknown option. */
  | 'invalid-option'
  /** A network operation callback that throws, or has the wrong signature. */
  | 'invalid-function';

/** An input object was created or used incorrectly; `objectName` names it (`spikegeneratorgroup`, `_timedarray`, …). */
export class InputError extends BrianError {
  /** Which rule failed, for callers to branch on. */
  readonly code: InputErrorCode;
  /** The input object's name. */
  readonly objectName: string;

  constructor(code: InputErrorCode, objectName: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.objectName = objectName;
  }
}
