/** Naming rules for model variables (Brian2's `Equations.check_identifier` and friends, semantics §3.4). */
import { DEFAULT_CONSTANTS, DEFAULT_FUNCTIONS } from '../inference/index.ts';
import { PYTHON_KEYWORDS } from '../parsing/index.ts';
import { lookupUnit } from '../units/index.ts';

/** Names with a special meaning in equations (besides every `xi_*`). */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['t', 'dt', 't_in_timesteps', 'xi', 'i', 'N']);

/** Names used by the refractoriness mechanism. */
export const REFRACTORY_NAMES: ReadonlySet<string> = new Set(['not_refractory', 'refractory', 'refractory_until']);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Why `name` cannot name a model variable, in Brian2's words, or `undefined` when it can.
 * Checks: a valid ASCII identifier, not a Python keyword, no leading underscore, not a reserved
 * name (`t dt t_in_timesteps xi i N xi_*`), not a refractoriness name, not a constant (`pi e inf`),
 * not a default function, not a unit name.
 */
export function identifierProblem(name: string): string | undefined {
  if (!IDENTIFIER.test(name)) return `'${name}' is not a valid variable name.`;
  if (PYTHON_KEYWORDS.has(name)) return `'${name}' is a Python keyword and cannot be used as a variable.`;
  if (name.startsWith('_')) {
    return `Variable '${name}' starts with an underscore, this is only allowed for variables used internally`;
  }
  if (RESERVED_NAMES.has(name) || name.startsWith('xi_')) {
    return `'${name}' has a special meaning in equations and cannot be used as a variable name.`;
  }
  if (REFRACTORY_NAMES.has(name)) {
    // Brian2's message has the double space.
    return `The name '${name}' is used in the refractory mechanism  and should not be used as a variable name.`;
  }
  if (DEFAULT_CONSTANTS.has(name)) return `'${name}' is the name of a constant, cannot be used as a variable name.`;
  if (DEFAULT_FUNCTIONS.has(name)) return `'${name}' is the name of a function, cannot be used as a variable name.`;
  if (lookupUnit(name) !== undefined) return `'${name}' is the name of a unit, cannot be used as a variable name.`;
  return undefined;
}

/** True when `name` may name a model variable (see {@link identifierProblem}). */
export function isValidVariableName(name: string): boolean {
  return identifierProblem(name) === undefined;
}

/** Brian2's rule for NeuronGroup and Synapses variables: no `_pre`/`_post` suffix; the message, or `undefined`. */
export function prePostSuffixProblem(name: string): string | undefined {
  if (name.endsWith('_pre') || name.endsWith('_post')) {
    return `'${name}' cannot be used as a variable name, the '_pre' and '_post' suffixes are used to refer to pre- and post-synaptic variables in synapses.`;
  }
  return undefined;
}
