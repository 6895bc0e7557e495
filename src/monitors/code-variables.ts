/**
 * What a monitor's generated code needs: the recorded names checked against the source, and the
 * Variables table (the source's variables, resolved external names, the monitor's clock) that
 * the `statemonitor`/`spikemonitor`/`ratemonitor` templates compile against.
 */
import type { Clock } from '../core/index.ts';
import { call, collectFunctionNames, collectIdentifiers, name as nameExpr } from '../parsing/index.ts';
import type { Expr } from '../parsing/index.ts';
import type { Dimension } from '../units/index.ts';
import { Variables } from '../variables/index.ts';
import type { Variable } from '../variables/index.ts';
import { MonitorError } from './errors.ts';
import { optionalMember } from './source.ts';
import type { MonitorSource } from './source.ts';

/** A variable a monitor can record, resolved against its source's table. */
export interface RecordableVariable {
  readonly name: string;
  readonly dim: Dimension;
  readonly variable: Variable;
  /** The expression the generated code records (the variable's name; subexpressions are inlined). */
  readonly expr: Expr;
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
  // An integer subexpression is stored as an integer (Brian2 records into an int array): truncated.
  const integer = variable.kind === 'subexpression' && variable.type === 'integer';
  return { name, dim: variable.dim, variable, expr: integer ? call('int', [nameExpr(name)]) : nameExpr(name) };
}

/** The recorded names plus every name (functions included) their subexpressions use, transitively. */
function identifiersFor(variables: Variables, names: readonly string[]): Set<string> {
  const out = new Set<string>();
  const stack = [...names];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (out.has(n)) continue;
    out.add(n);
    const v = variables.get(n);
    if (v?.kind === 'subexpression') {
      for (const id of collectIdentifiers(v.expr)) stack.push(id);
      for (const fn of collectFunctionNames(v.expr)) stack.push(fn);
    }
  }
  return out;
}

/**
 * The arrays a monitor's code reads to record `names` from `table` (monitorVariables'): the
 * recorded variables, what their subexpressions use, their index arrays and the clock's `t`/`dt`
 * — or `undefined` when a user function is involved (it may read anything). For multi-threaded
 * runs (StateMonitor.threadWork).
 */
export function recordingReads(table: Variables, names: readonly string[]): object[] | undefined {
  const reads = new Set<object>();
  for (const n of identifiersFor(table, [...names, 't', 'dt'])) {
    const v = table.get(n);
    if (v?.kind === 'function' && v.implementation !== undefined) return undefined;
    if (v?.kind !== 'array') continue;
    reads.add(v.array);
    const index = table.get(v.index);
    if (index?.kind === 'array') reads.add(index.array);
    else if (v.index !== '_idx' && v.index !== '0') return undefined;
  }
  return [...reads];
}

/**
 * The table a monitor compiles against: the source's variables and, when the source resolves
 * names (groups do, at each run start), the external names its recorded subexpressions use;
 * `t` and `dt` are the monitor's clock's.
 */
export function monitorVariables(source: MonitorSource, names: readonly string[], clock: Clock, runNamespace: Readonly<Record<string, unknown>>, monitorName: string): Variables {
  const resolution = optionalMember(source, 'resolution');
  const table =
    typeof resolution === 'function'
      ? resolution.call(source, runNamespace).variablesFor(identifiersFor(source.variables, names))
      : source.variables.clone(monitorName);
  table.set('t', clock.variables.t);
  table.set('dt', clock.variables.dt);
  return table;
}

/** A table with just the clock's `t` and `dt` (the rate monitor's code needs nothing else). */
export function clockVariables(clock: Clock, monitorName: string): Variables {
  const table = new Variables(monitorName);
  table.set('t', clock.variables.t);
  table.set('dt', clock.variables.dt);
  return table;
}
