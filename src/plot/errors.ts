import { BrianError } from '../util/index.ts';

/** A feature that brian-ts does not provide yet; the message says which issue brings it. */
export class NotYetAvailableError extends BrianError {
  readonly feature: string;

  constructor(feature: string, message: string) {
    super(message);
    this.feature = feature;
  }
}
