/**
 * Reading recorded variables: one closure per recorded variable, chosen once per run, that copies
 * the values of some elements into monitor storage without allocating.
 */
import type { Dimension } from '../units/index.ts';
import type { ArrayVariable, Variable, Variables } from '../variables/index.ts';
import { MonitorError } from './errors.ts';

/**
 * Copies the values of elements `elements[j] - shift` for j in `[from, to)` to
 * `out[offset + j - from]` (StateMonitor: the recorded indices, shift 0; event monitors: a
 * range of the event space, shift = the subgroup start).
 */
export type Gather = (elements: Int32Array, from: number, to: number, shift: number, out: Float64Array, offset: number) => void;

/** A variable a monitor can record, resolved against its source's table. */
export interface RecordableVariable {
  readonly name: string;
  readonly dim: Dimension;
  readonly scalar: boolean;
  readonly variable: Variable;
}

/** Looks up `name` for recording; throws MonitorError naming the monitor when it cannot be recorded. */
export function recordableVariable(variables: Variables, name: string, sourceName: string, monitorName: string): RecordableVariable {
  const variable = variables.get(name);
  if (variable === undefined) {
    throw new MonitorError(`'${name}' is not a variable of the recorded group '${sourceName}'.`, monitorName);
  }
  if (variable.kind === 'function') {
    throw new MonitorError(`'${name}' of '${sourceName}' is a function and cannot be recorded.`, monitorName);
  }
  const scalar = variable.kind === 'constant' ? true : variable.scalar;
  return { name, dim: variable.dim, scalar, variable };
}

/**
 * A gather for an array variable, honouring its index: scalars read element 0, `'_idx'`
 * variables element k, others `array[indexArray[k]]` (references into another group).
 */
export function arrayGather(variable: ArrayVariable, variables: Variables): Gather {
  if (variable.scalar) {
    return (_e, from, to, _s, out, offset) => {
      out.fill(variable.array[0]!, offset, offset + to - from);
    };
  }
  if (variable.index === '_idx') {
    return (elements, from, to, shift, out, offset) => {
      const a = variable.array; // re-read: dynamic storage may have been replaced
      for (let j = from, p = offset; j < to; j++, p++) out[p] = a[elements[j]! - shift]!;
    };
  }
  const indexVariable = variables.getArray(variable.index);
  return (elements, from, to, shift, out, offset) => {
    const a = variable.array;
    const ix = indexVariable.array;
    for (let j = from, p = offset; j < to; j++, p++) out[p] = a[ix[elements[j]! - shift]!]!;
  };
}

/** A gather for a constant (a constant variable is recorded like a shared one). */
export function constantGather(value: number): Gather {
  return (_e, from, to, _s, out, offset) => {
    out.fill(value, offset, offset + to - from);
  };
}
