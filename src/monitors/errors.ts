/** Typed errors of the monitors layer. */
import { BrianError } from '../util/index.ts';

/**
 * Misuse of a monitor: an unknown variable or event, options that do not fit, reading data that
 * was not recorded. Brian2 raises ValueError/TypeError/AttributeError here; the wording is kept.
 */
export class MonitorError extends BrianError {
  /** The monitor's name (or the requested name while it is being constructed), if known. */
  readonly monitorName: string | undefined;

  constructor(message: string, monitorName?: string) {
    super(message);
    this.monitorName = monitorName;
  }
}

/** An index that is out of range or was not recorded (Brian2's IndexError). */
export class MonitorIndexError extends MonitorError {
  /** The offending index. */
  readonly index: number;

  constructor(message: string, index: number, monitorName?: string) {
    super(message, monitorName);
    this.index = index;
  }
}
