/** Errors of the simulation core (clocks, scheduling, networks, magic). */
import { BrianError } from '../util/index.ts';

/** A `when` slot or schedule that Brian's scheduler does not accept. */
export class SchedulingError extends BrianError {}

/** The magic network cannot decide what to simulate, or was modified directly (Brian2's `MagicError`). */
export class MagicError extends BrianError {}

/** Invalid network use: duplicate names, objects shared between networks, unknown snapshots. */
export class NetworkError extends BrianError {}

/** A dt or clock setting that cannot be honoured (Brian2's `ValueError` from `check_dt`). */
export class ClockError extends BrianError {}

/**
 * An error raised while preparing or running an object, wrapped with the object's name
 * (Brian2's `BrianObjectException`). The original error is the `cause`.
 */
export class BrianObjectError extends BrianError {
  /** Name of the object that failed. */
  readonly objectName: string;
  constructor(message: string, objectName: string, options?: { cause?: unknown }) {
    const detail = options?.cause instanceof Error ? `\n${options.cause.name}: ${options.cause.message}` : '';
    super(`Error encountered with object named '${objectName}'. ${message}${detail}`, options);
    this.objectName = objectName;
  }
}

/** A name that is not a valid identifier (Brian2: "Name x not valid variable name"). */
export class InvalidNameError extends BrianError {}

/** A preference assigned a value it does not accept, an unknown preference, or a bad environment variable. */
export class PrefsError extends BrianError {}
