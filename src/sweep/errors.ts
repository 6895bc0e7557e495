import { BrianError } from '../util/index.ts';

/** What went wrong in a sweep (the `code` of a {@link SweepError}). */
export type SweepErrorCode =
  /** The grid: unknown or missing parameters, wrong units, empty, duplicate points, malformed file. */
  | 'invalid-grid'
  /** An option of `sweep()` or the command line. */
  | 'invalid-option'
  /** The model script: not found, fails to load, exports no `model` function, bad `parameters`. */
  | 'invalid-script'
  /** The output folder: unwritable, or it holds another sweep. */
  | 'output'
  /** A point's model threw (the error's own name and message are recorded). */
  | 'point-failed'
  /** A point's model returned something that is not a table of scalars and arrays. */
  | 'invalid-result'
  /** The worker running a point exited or crashed. */
  | 'worker-crashed'
  /** The worker running a point ran out of memory (`memoryLimitMb`). */
  | 'out-of-memory'
  /** Slurm's `sbatch` is not installed or not on PATH. */
  | 'slurm-missing'
  /** `sbatch` refused the job (its own message is included). */
  | 'slurm-refused';

/** A sweep failed, or (recorded in the results table) one point of it. */
export class SweepError extends BrianError {
  /** What went wrong. */
  readonly code: SweepErrorCode;

  constructor(code: SweepErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
