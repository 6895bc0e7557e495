import { BrianError } from '../util/index.ts';

/** Misuse of units that is not a dimension mismatch (bad arguments, unknown names…). */
export class UnitError extends BrianError {}
