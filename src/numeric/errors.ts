/** Errors of the numpy-style helpers. */
import { BrianError } from '../util/index.ts';

/** Bad arguments to a numpy-style helper (`linspace`, `histogram`, `RandomState.normal`, …); `call` names it. */
export class NumericError extends BrianError {
  /** The helper that was called wrongly (`linspace`, `RandomState.normal`, …). */
  readonly call: string;

  constructor(call: string, message: string) {
    super(`${call}: ${message}`);
    this.call = call;
  }
}
