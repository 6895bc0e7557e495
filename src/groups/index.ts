/**
 * Groups: `NeuronGroup`, subgroups, the `Group` base with Brian2-style state access, code
 * runners (state updater, thresholder, resetter, run_regularly), linked variables and name
 * resolution. This file is the groups layer's contract.
 */
export { Group, MAX_GROUP_SIZE, indicesWhere } from './group.ts';
export type { GroupOptions, RunRegularlyOptions, GetStatesOptions, StateSnapshot } from './group.ts';
export { NeuronGroup, StateUpdater, Thresholder, SubexpressionUpdater, gslSpec } from './neuron-group.ts';
export type { NeuronGroupOptions, RunOnEventOptions, UpdateTail } from './neuron-group.ts';
export { Subgroup } from './subgroup.ts';
export { dtypeResolver } from './dtype.ts';
export type { DtypeOption } from './dtype.ts';
export { CodeRunner, StatementRunner } from './code-runner.ts';
export type { CodeRunnerOptions } from './code-runner.ts';
export { VariableView, checkValueUnits, warnAmbiguousIndexExpression } from './variable-view.ts';
export type { StateValue, ViewHost } from './variable-view.ts';
export { LinkedVariable, linkedVar } from './linked-variable.ts';
export type { LinkedVarOptions } from './linked-variable.ts';
export { NameResolution, checkNamespace } from './namespace.ts';
export { checkStatefulSubexpressions } from './code-check.ts';
export type { Namespace, NamespaceEntry } from './namespace.ts';
export { GroupError, UnknownVariableError, GroupUndefinedIdentifierError } from './errors.ts';
export type { GroupErrorCode } from './errors.ts';
export { suggestNames } from '../util/index.ts';
