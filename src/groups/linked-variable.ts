/** Linked variables (Brian2's `linked_var`): a `(linked)` parameter that reads another group's variable. */
import { checkOptions, describeValue } from '../util/index.ts';
import type { ArrayVariable, SubexpressionVariable } from '../variables/index.ts';
import { GroupError } from './errors.ts';
import type { Group } from './group.ts';
import { VariableView } from './variable-view.ts';

/** Options of {@link linkedVar}. */
export interface LinkedVarOptions {
  /** For groups of different sizes: for each element of the linking group, the index into the source. */
  index?: ArrayLike<number>;
}

/** The link target of a `(linked)` parameter, created by {@link linkedVar} and assigned as `G.x = linkedVar(...)`. */
export class LinkedVariable {
  /** The group owning the target variable. */
  readonly group: Group;
  /** The target variable's name in that group. */
  readonly name: string;
  /** The variable linked to: a state variable, or a subexpression (evaluated with the target group's values). */
  readonly variable: ArrayVariable | SubexpressionVariable;
  /** Which element of the target each element reads (`index` of `linkedVar`); undefined for one-to-one. */
  readonly index: ArrayLike<number> | undefined;

  constructor(group: Group, name: string, variable: ArrayVariable | SubexpressionVariable, index: ArrayLike<number> | undefined) {
    this.group = group;
    this.name = name;
    this.variable = variable;
    this.index = index;
  }
}

/**
 * A link to another group's state variable, for a parameter declared `x : unit (linked)`:
 * `G.x = linkedVar(H.v)` or `G.x = linkedVar(H, 'v', { index })`.
 * @example
 * const G = new NeuronGroup(10, 'dv/dt = -v/tau : volt\nu : volt (linked)', { namespace: { tau } });
 * G.u = linkedVar(H.v);
 */
export function linkedVar(source: VariableView | Group, name?: string, options?: LinkedVarOptions): LinkedVariable {
  options = checkOptions(options, ['index'], { what: 'linkedVar()', error: (message) => new GroupError('linked-variable', 'linkedVar', message) });
  let group: Group;
  let varName: string;
  if (source instanceof VariableView) {
    if (name !== undefined) {
      throw new GroupError('linked-variable', String(source.group.name), `Cannot give a variable and a variable name (linkedVar(${source.group.name}.${source.name}, '${String(name)}')).`);
    }
    group = source.group as Group;
    varName = source.name;
  } else {
    if (typeof source !== 'object' || source === null || !('variables' in source)) {
      throw new GroupError('linked-variable', 'linkedVar', `linkedVar() needs a state variable (linkedVar(G.v)) or a group and a name (linkedVar(G, 'v')), got ${describeValue(source)}.`);
    }
    if (typeof name !== 'string') {
      throw new GroupError('linked-variable', String((source as { name?: unknown }).name ?? '<unknown>'), 'linkedVar(group, name) needs the name of the variable to link to.');
    }
    group = source;
    varName = name;
  }
  const variable = group.variables.get(varName);
  if (variable === undefined) {
    throw new GroupError('linked-variable', group.name, `Cannot link to '${varName}': '${group.name}' has no such variable.`, { variable: varName });
  }
  if (variable.kind !== 'array' && variable.kind !== 'subexpression') {
    throw new GroupError('linked-variable', group.name, `Cannot link to '${varName}' of '${group.name}': only state variables and subexpressions can be linked, it is a ${variable.kind}.`, { variable: varName });
  }
  if (variable.kind === 'subexpression' && group.variables.has('_synaptic_pre')) {
    throw new GroupError('linked-variable', group.name, `Linking to variable ${varName} of '${group.name}' is not supported, can only link to state variables of fixed size.`, { variable: varName });
  }
  if (variable.kind === 'array' && variable.size === 'dynamic') {
    throw new GroupError('linked-variable', group.name, `Linking to variable ${varName} of '${group.name}' is not supported, can only link to state variables of fixed size.`, { variable: varName });
  }
  return new LinkedVariable(group, varName, variable, options.index);
}
