/** A named fuzz target: runs a fast-check property for `numRuns` inputs and throws on a counterexample. */
export interface FuzzTarget {
  readonly name: string;
  readonly description: string;
  /** Relative cost of one input; the runner and tests scale the number of runs by it. */
  readonly weight?: number;
  run(options: { readonly numRuns: number; readonly seed?: number }): void;
}
