/**
 * The storage type of a group's state variables (Brian2's `dtype` keyword of NeuronGroup and
 * Synapses, `brian2/groups/group.py: get_dtype`): a float dtype for every float variable, or a
 * per-variable object; otherwise `prefs.floatDtype` (read when the group is created).
 */
import { getPref } from '../core/index.ts';
import type { Equations } from '../equations/index.ts';
import type { ValueType } from '../inference/index.ts';
import { dtypeOf } from '../variables/index.ts';
import type { Dtype, FloatDtype } from '../variables/index.ts';
import { GroupError } from './errors.ts';
import { describeValue } from '../util/index.ts';

/** The `dtype` option: `'float32'`/`'float64'` for all float variables, or `{ v: 'float32', n: 'int32' }`. */
export type DtypeOption = FloatDtype | Readonly<Record<string, Dtype>>;

const FOR_TYPE: Record<ValueType, readonly Dtype[]> = { float: ['float64', 'float32'], integer: ['int32'], boolean: ['bool'] };

/**
 * Checks a group's `dtype` option against its equations and returns the storage type of each
 * stored variable (`resolve(name, type)`). Errors are `GroupError('invalid-option')` naming the
 * variable, with Brian2's wording where it has one.
 */
export function dtypeResolver(
  owner: string,
  option: unknown,
  equations: Equations,
  error: (message: string, variable?: string) => Error = (message, variable) => new GroupError('invalid-option', owner, message, variable === undefined ? {} : { variable }),
): (name: string, type: ValueType) => Dtype {
  const floatDefault = getPref('floatDtype');
  if (option === undefined) return (_name, type) => dtypeOf(type, floatDefault);
  if (typeof option === 'string') {
    if (option !== 'float64' && option !== 'float32') {
      throw error(`The dtype of '${owner}' must be 'float64' or 'float32' (or an object giving a dtype per variable), got '${option}': it is not a valid floating point dtype.`);
    }
    return (_name, type) => dtypeOf(type, option);
  }
  if (typeof option !== 'object' || option === null || Array.isArray(option)) {
    throw error(`The dtype of '${owner}' must be 'float64', 'float32' or an object giving a dtype per variable, got ${describeValue(option)}.`);
  }
  const given = option as Readonly<Record<string, unknown>>;
  const stored = new Map<string, ValueType>();
  for (const eq of equations) if (eq.type !== 'subexpression' && !eq.flags.includes('linked')) stored.set(eq.varname, eq.varType);
  for (const [name, value] of Object.entries(given)) {
    const type = stored.get(name);
    if (type === undefined) {
      throw error(`The dtype of '${owner}' names '${name}', which is not a state variable of its model (stored variables: ${[...stored.keys()].join(', ') || 'none'}).`, name);
    }
    if (typeof value !== 'string' || !FOR_TYPE[type].includes(value as Dtype)) {
      throw error(
        `Error determining dtype for variable ${name} of '${owner}': ${typeof value === 'string' ? value : describeValue(value)} is not a correct type for ${type} variables (expected ${FOR_TYPE[type].map((d) => `'${d}'`).join(' or ')}).`,
        name,
      );
    }
  }
  return (name, type) => (Object.hasOwn(given, name) ? (given[name] as Dtype) : dtypeOf(type, floatDefault));
}
