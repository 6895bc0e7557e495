import { BrianError } from '../util/index.ts';

/**
 * Bad input to the plotting API: an unknown format string, x and y of different lengths, an
 * unknown file extension, an unwritable path. `call` names the call that failed (`plot`, `save`).
 */
export class PlotError extends BrianError {
  /** The plotting call that failed (`plot`, `save`, …). */
  readonly call: string;

  constructor(call: string, message: string, options?: { cause?: unknown }) {
    super(`${call}: ${message}`, options);
    this.call = call;
  }
}
