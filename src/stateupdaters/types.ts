/** The state updater contract: equations in, abstract code (statements) out. */
import type { Equations } from '../equations/index.ts';
import type { Statement } from '../parsing/index.ts';
import type { Variable } from '../variables/index.ts';

/**
 * What a state updater needs to know about the names in the equations. Any Map-like table
 * works (a `Map<string, Variable>` or the group's `Variables`). Used for: which functions are
 * stateful (`FunctionVariable.descriptor.stateful`), and, by `exact` on systems with feedback,
 * the values of `ConstantVariable`s and of `dt` (parameters count as constant over a time step
 * whatever their storage).
 */
export interface VariableLookup {
  get(name: string): Variable | undefined;
}

/** Options given to one state update method. */
export interface StateUpdaterOptions {
  /** Brian2's `method_options`; only `exact` has one (`simplify`, accepted and ignored). */
  readonly methodOptions?: Readonly<Record<string, unknown>>;
  /** Functions that are constant over a time step when called as `f(t)` (TimedArrays whose dt is a multiple of the group's). */
  readonly locallyConstantFunctions?: Iterable<string>;
  /** Stateful functions besides `rand`, `randn`, `poisson` and those marked stateful in `variables`. */
  readonly statefulFunctions?: Iterable<string>;
}

/**
 * A numerical integration method (Brian2's `StateUpdateMethod`). `apply` returns the abstract
 * code of one step: temporaries first, then `x = _x` for every differential equation variable;
 * it throws {@link UnsupportedEquationsError} (Brian2's messages) when the method does not apply.
 */
export interface StateUpdateMethod {
  readonly name: string;
  apply(equations: Equations, variables?: VariableLookup, options?: StateUpdaterOptions): Statement[];
}
