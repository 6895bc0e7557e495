import { BrianError } from '../util/index.ts';

/** What went wrong in a {@link VariablesError}. */
export type VariablesErrorCode =
  /** A name that is not a valid identifier (letters, digits, `_`, not a keyword). */
  | 'invalid-name'
  /** A name defined twice in one table. */
  | 'duplicate-name'
  /** A name looked up that the table does not define, or of the wrong kind. */
  | 'unknown-variable'
  /** Options that do not describe a valid variable (wrong length of initial values, bad size…). */
  | 'invalid-options';

/** A problem building or querying a {@link Variables} table. `owner` names the group the table belongs to. */
export class VariablesError extends BrianError {
  readonly code: VariablesErrorCode;
  readonly owner: string;
  readonly variable: string;

  constructor(code: VariablesErrorCode, owner: string, variable: string, message: string) {
    super(message);
    this.code = code;
    this.owner = owner;
    this.variable = variable;
  }
}
