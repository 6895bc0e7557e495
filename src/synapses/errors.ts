/** Errors of Synapses: connect() arguments and generator syntax, sampling, the spike queue. */
import { BrianError } from '../util/index.ts';

/** Root of the Synapses errors; `objectName` is the Synapses object's name when one is known. */
export class SynapsesError extends BrianError {
  /** The Synapses object's name, when known. */
  readonly objectName: string | undefined;

  constructor(objectName: string | undefined, message: string, options?: { cause?: unknown }) {
    super(objectName === undefined ? message : `Synapses '${objectName}': ${message}`, options);
    this.objectName = objectName;
  }
}

/**
 * Which connect() rule failed. Brian2 raises several Python classes here; `brianClass` on the
 * error says which one, so conformance tests and users can map between the two.
 */
export type ConnectErrorCode =
  /** A generator string that does not follow `EXPR for VAR in range|sample(...) [if COND]` (Brian2: `SyntaxError`). */
  | 'generator-syntax'
  /** An argument of the wrong type (`condition=3`, float indices, `n='2'` with arrays; Brian2: `TypeError`). */
  | 'argument-type'
  /** Arguments that cannot be combined (`condition` with `i`, generator with `p`, …; Brian2: `ValueError`). */
  | 'argument-combination'
  /** A condition with `for`, or a condition that is not boolean. */
  | 'condition'
  /** A `range()`/`sample()` argument that depends on the result index or the iterator (Brian2: `ValueError`). */
  | 'iterator-dependence'
  /** A `range()` argument that is not an integer (Brian2: `TypeError`). */
  | 'iterator-type'
  /** `N_incoming` / `N_outgoing` in a connect expression (Brian2: `ValueError`). */
  | 'forbidden-variable'
  /** An index outside its group (Brian2: `IndexError`). */
  | 'index-out-of-range'
  /** `p` outside [0, 1], `n` negative, a bad sample size or a zero step. */
  | 'invalid-value'
  /** A `p` expression with units, or a name that cannot be resolved. */
  | 'expression'
  /** More synapses than indices or memory allow (Brian2: `MemoryError`, or the process is killed). */
  | 'too-many-synapses';

/** The Python exception class Brian2 raises for the same input. */
export type BrianExceptionClass = 'SyntaxError' | 'TypeError' | 'ValueError' | 'IndexError' | 'KeyError' | 'DimensionMismatchError' | 'MemoryError';

/**
 * A connect() call (or a generator string) Brian2 would reject. `reason` is the message
 * without the Synapses prefix; where Brian2 has a message, `reason` is Brian2's wording.
 */
export class ConnectError extends SynapsesError {
  /** Which rule failed, for callers to branch on. */
  readonly code: ConnectErrorCode;
  /** The Python exception class Brian2 raises here (`ValueError`, `IndexError`, …). */
  readonly brianClass: BrianExceptionClass;
  /** What went wrong, without the object's name. */
  readonly reason: string;

  constructor(
    code: ConnectErrorCode,
    brianClass: BrianExceptionClass,
    objectName: string | undefined,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(objectName, reason, options);
    this.code = code;
    this.brianClass = brianClass;
    this.reason = reason;
  }
}

/** Bad input to a synaptic pathway's spike queue (negative or non-finite delays, bad dt, unsorted spikes). */
export class SpikeQueueError extends SynapsesError {}

/** Which Synapses rule failed (see {@link SynapsesDefinitionError}). */
export type SynapsesErrorCode =
  /** A model, pathway or option Brian2 rejects when the object is created (Brian2: `ValueError`/`TypeError`). */
  | 'invalid-model'
  /** An option of the wrong type or value (delay, onEvent, multisynapticIndex, …). */
  | 'invalid-option'
  /** A `(summed)` variable whose target is not a parameter of the target group, or that is summed twice. */
  | 'summed-variable'
  /** Pathway code that uses names the Synapses object does not define, or writes what it may not. */
  | 'pathway-code'
  /** Running (or writing synaptic variables) before `connect()` was called (Brian2: `TypeError`). */
  | 'not-connected'
  /** A synapse or neuron index that cannot address the synapses (Brian2: `IndexError`). */
  | 'invalid-index';

/** A Synapses object defined or used incorrectly; `code` says which rule failed. */
export class SynapsesDefinitionError extends SynapsesError {
  /** Which rule failed, for callers to branch on. */
  readonly code: SynapsesErrorCode;

  constructor(code: SynapsesErrorCode, objectName: string | undefined, message: string, options?: { cause?: unknown }) {
    super(objectName, message, options);
    this.code = code;
  }
}
