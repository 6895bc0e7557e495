/** Recording subexpressions: evaluated for the recorded elements by generated code. */
import type { SubexpressionVariable } from '../variables/index.ts';
import { MonitorError } from './errors.ts';
import type { Gather } from './sampler.ts';
import type { MonitorSource } from './source.ts';

/** A gather that evaluates subexpression `variable` of `source` for the requested elements. */
export function subexpressionGather(variable: SubexpressionVariable, source: MonitorSource, monitorName: string): Gather {
  throw new MonitorError(`Recording the subexpression '${variable.name}' of '${source.name}' is not available yet.`, monitorName);
}
