/** The input and output of code generation: what one object's per-step work is, and the compiled result. */
import type { Expr, Statement } from '../parsing/index.ts';
import type { ArrayVariable, Variables } from '../variables/index.ts';
import type { RandomState } from './random.ts';
import type { GslSpec } from './gsl.ts';

/** The templates: the loop structures code generation knows (Brian2's template names). */
export type TemplateName =
  | 'stateupdate'
  | 'stateupdate_threshold'
  | 'threshold'
  | 'reset'
  | 'run_regularly'
  | 'set_expression'
  | 'subexpression_update'
  | 'statemonitor'
  | 'spikemonitor'
  | 'ratemonitor'
  | 'synapses'
  | 'gsl_stateupdate';

/** Every template name, for validation. */
export const TEMPLATE_NAMES: readonly TemplateName[] = [
  'stateupdate', 'stateupdate_threshold', 'threshold', 'reset', 'run_regularly', 'set_expression', 'subexpression_update', 'statemonitor', 'spikemonitor', 'ratemonitor', 'synapses', 'gsl_stateupdate',
];

/** The events a synaptic pathway delivers this step (a spike queue): the first `peekCount()` entries of `peekBuffer()`. */
export interface SynapticEvents {
  peekBuffer(): Int32Array;
  peekCount(): number;
  /**
   * Optional, for multi-threaded runs (SpikeQueue has them): split the events by key ranges so
   * each thread delivers its own part (see SpikeQueue.partition); `position` and the parts' lists
   * of the current step.
   */
  partition?(keys: ArrayLike<number> | undefined, bounds: Int32Array, deferPush?: boolean): void;
  unpartition?(): void;
  readonly partitioned?: boolean;
  readonly position?: number;
  partBuffer?(p: number): Int32Array;
  partEvents?(p: number): number;
  /**
   * While partitioned with `deferPush`: the parts' CSRs. A push then records only the spiking
   * source neurons of the step (a list per ring position, {@link spanSources}); part p's events
   * from a source `x` are `synapses[p][offsets[p][x] .. offsets[p][x + 1])`, delivered after the
   * part's own list of the step (events pending from before the partition).
   */
  readonly spans?: SourceSpans | undefined;
  /** The source list at ring position `pos` (its first {@link spanCount} entries at the current position). */
  spanSources?(pos: number): Int32Array;
  /** The number of sources in this step's list. */
  spanCount?(): number;
  /** Moves this step's source list into the parts' own lists (for code that delivers those only). */
  completePush?(): void;
  /**
   * Optional (SpikeQueue has them), unpartitioned: the number of spiking sources recorded this
   * step whose synapses are not in the step's list. The code then delivers `ownBuffer()[0,
   * ownCount())`, then for each source `x` of `sourceList()` its synapses
   * `csrSynapses[csrOffsets[x], csrOffsets[x + 1])` — the indices `csrFirst[x] …` where
   * `csrFirst[x] >= 0` (consecutive). When 0, `peekBuffer` and `peekCount` hold every event.
   */
  sourceCount?(): number;
  sourceList?(): Int32Array;
  ownBuffer?(): Int32Array;
  ownCount?(): number;
  readonly csrOffsets?: Int32Array;
  readonly csrSynapses?: Int32Array;
  readonly csrFirst?: Int32Array;
}

/** A partitioned spike queue's CSR per part (see SynapticEvents.spans): source neuron − the queue's first source → synapses. */
export interface SourceSpans {
  readonly offsets: readonly Int32Array[];
  readonly synapses: readonly Int32Array[];
  /** Per part and source: its first synapse when its synapses of the part are consecutive indices, else −1. */
  readonly first: readonly Int32Array[];
}

/** A value a monitor records: an expression over the variables (usually just a name), appended to `storage`. */
export interface RecordSpec {
  /** The expression recorded (a variable name, a subexpression, any expression). */
  readonly expr: Expr;
  /**
   * A dynamic ArrayVariable receiving the values (its dtype decides the conversion). statemonitor:
   * one row of `indices.length` values per execution, row-major; spikemonitor: one value per event.
   */
  readonly storage: ArrayVariable;
}

/**
 * One object's per-step work. Which fields a template uses:
 *
 * | template | iterates over | uses |
 * | --- | --- | --- |
 * | stateupdate, run_regularly, subexpression_update | all `N` elements | `statements` |
 * | set_expression | all `N` elements, or `indices`; only where `condition` holds | `statements`, `condition?`, `indices?` |
 * | threshold | all `N` elements | `condition`, `eventSpace`, `refractory?` |
 * | stateupdate_threshold | all `N` elements: the statements, then the threshold on the new values | `statements`, `condition` (no random draws), `eventSpace`, `refractory?` |
 * | reset | the events in `eventSpace` | `statements` (conditional writes are overridden) |
 * | statemonitor | `indices` | `record`, `times` |
 * | spikemonitor | the events in `eventSpace` within `eventRange` | `times`, `eventIndices`, `counts?`, `record?` (or only `counts`: count-only) |
 * | ratemonitor | — | `eventSpace`, `eventRange?`, `times`, `rates` |
 * | synapses | the synapse indices `queue` delivers this step | `statements`, `queue` (conditional writes apply) |
 * | gsl_stateupdate | all `N` elements: GSL's adaptive Runge–Kutta over `[t, t + dt]`, the statements being the derivative | `statements` (`_gsl_x_fk = …`), `gsl` |
 */
export interface CodeBlockSpec {
  /** Owner object name, for errors, the function name and the random stream. */
  readonly name: string;
  /**
   * Check every float value written per element for NaN/±Infinity (throwing NonFiniteValueError
   * at the first). Set by the objects from `prefs.checkFinite`; off, no code is emitted.
   */
  readonly checkFinite?: boolean;
  /**
   * False where the statements were generated from equations whose units were checked already
   * (state updaters, as Brian2's `check_units=False`): their dimensions are not checked again.
   */
  readonly checkUnits?: boolean;
  /** The code template (Brian2's: `stateupdate`, `threshold`, `reset`, `synapses`, …). */
  readonly template: TemplateName;
  /** Abstract code. */
  readonly statements?: readonly Statement[];
  /** threshold: the event condition; set_expression: where to write. */
  readonly condition?: Expr;
  /** All names the code may use; constants, units and default functions also resolve by default. */
  readonly variables: Variables;
  /** Number of elements of the owner. */
  readonly N: number;
  /** Int32Array(N+1) event space: this step's event indices ascending, count at `[N]`. */
  readonly eventSpace?: ArrayVariable;
  /** threshold: the condition also needs `not_refractory`, and events set `not_refractory = False`, `lastspike = t`. */
  readonly refractory?: boolean;
  /** set_expression: the elements to write (default all); statemonitor: the recorded elements. */
  readonly indices?: Int32Array;
  /** spikemonitor/ratemonitor: only events `start <= k < stop`, recorded as `k - start` (subgroups). Default `[0, N)`. */
  readonly eventRange?: readonly [start: number, stop: number];
  /** Monitors: recorded values. */
  readonly record?: readonly RecordSpec[];
  /** Monitors: dynamic float64 variable receiving `t` (one per execution, or one per event for spikemonitor). */
  readonly times?: ArrayVariable;
  /** spikemonitor: dynamic int32 variable receiving the event indices. */
  readonly eventIndices?: ArrayVariable;
  /** spikemonitor: int32 variable of size `stop - start`, incremented per event. */
  readonly counts?: ArrayVariable;
  /** ratemonitor: dynamic float64 variable receiving `count/(n·dt)` per execution. */
  readonly rates?: ArrayVariable;
  /** synapses: the pathway's queue, read at each execution. */
  readonly queue?: SynapticEvents;
  /** The random state (default: {@link defaultRandomState}). */
  readonly random?: RandomState;
  /** The random stream name (default `${name}:${template}`); each compiled code object's draws are keyed by it. */
  readonly stream?: string;
  /** gsl_stateupdate: the stepper, the integrated variables and Brian2's GSL options. */
  readonly gsl?: GslSpec;
  /** The user's source text the ASTs were parsed from, so messages quote it. */
  readonly source?: string;
}

/** A compiled code block. */
export interface CodeObject {
  readonly name: string;
  /** The code template (Brian2's: `stateupdate`, `threshold`, `reset`, `synapses`, …). */
  readonly template: TemplateName;
  /** The generated JavaScript (for inspection and snapshots); empty for the reference evaluator. */
  readonly source: string;
  /** Executes the block once (one time step). Allocates nothing except when monitor storage grows. */
  run(): void;
}
