/** The registry of state update methods and the automatic method choice (Brian2's `StateUpdateMethod.apply_stateupdater`). */
import type { Equations } from '../equations/index.ts';
import type { Statement } from '../parsing/index.ts';
import { describeValue } from '../util/index.ts';
import { DuplicateStateUpdaterError, NoSuitableStateUpdaterError, StateUpdaterError, UnknownStateUpdaterError, UnsupportedEquationsError } from './errors.ts';
import { euler, heun, milstein, rk2, rk4 } from './explicit.ts';
import { exact, independent, linear } from './exact.ts';
import { exponentialEuler } from './exponential-euler.ts';
import { GslStateUpdater, gsl, gslRk2, gslRk4, gslRk8pd, gslRkck, gslRkf45 } from './gsl.ts';
import type { GslSettings } from './gsl.ts';
import type { StateUpdateMethod, StateUpdaterOptions, VariableLookup } from './types.ts';

const registry = new Map<string, StateUpdateMethod>();

/**
 * Registers `method` under `name` (lower-cased, as Brian2). A name can be registered once.
 * @example registerStateUpdater('my_euler', new ExplicitStateUpdater('my_euler', 'x_new = x + dt*f(x,t)'))
 */
export function registerStateUpdater(name: string, method: StateUpdateMethod): void {
  if (typeof method !== 'object' || method === null || typeof (method as Partial<StateUpdateMethod>).apply !== 'function') {
    throw new StateUpdaterError(`Can only register state update methods (objects with an apply method), got ${describeValue(method)} for '${String(name)}'.`);
  }
  const key = name.toLowerCase();
  if (registry.has(key)) throw new DuplicateStateUpdaterError(key);
  registry.set(key, method);
}

/** The method registered under `name` (case-insensitive); throws {@link UnknownStateUpdaterError}. */
export function getStateUpdater(name: string): StateUpdateMethod {
  const method = registry.get(name.toLowerCase());
  if (method === undefined) throw new UnknownStateUpdaterError(name, [...registry.keys()]);
  return method;
}

/** Names of all registered methods. */
export function stateUpdaterNames(): string[] {
  return [...registry.keys()];
}

registerStateUpdater('linear', linear);
registerStateUpdater('exact', exact);
registerStateUpdater('independent', independent);
registerStateUpdater('exponential_euler', exponentialEuler);
registerStateUpdater('euler', euler);
registerStateUpdater('rk2', rk2);
registerStateUpdater('rk4', rk4);
registerStateUpdater('milstein', milstein);
registerStateUpdater('heun', heun);
registerStateUpdater('gsl_rk2', gslRk2);
registerStateUpdater('gsl_rk4', gslRk4);
registerStateUpdater('gsl_rkf45', gslRkf45);
registerStateUpdater('gsl_rkck', gslRkck);
registerStateUpdater('gsl_rk8pd', gslRk8pd);
registerStateUpdater('gsl', gsl);

/** The default of `NeuronGroup` and `Synapses` (Brian2's `('exact', 'euler', 'heun')`). */
export const DEFAULT_METHODS: readonly string[] = Object.freeze(['exact', 'euler', 'heun']);

/** Options of {@link applyStateUpdater}. */
export interface ApplyStateUpdaterOptions extends Omit<StateUpdaterOptions, 'methodOptions'> {
  /** The group's name, for the info message. */
  readonly groupName?: string;
  /** Options for a single named method (ignored for a list of methods, as in Brian2). */
  readonly methodOptions?: Readonly<Record<string, unknown>>;
}

/** What {@link applyStateUpdater} chose and produced. */
export interface StateUpdaterChoice {
  /** The name of the method used. */
  readonly method: string;
  readonly statements: Statement[];
  /** For an automatic choice, Brian2's INFO message ("No numerical integration method specified …"). */
  readonly info?: string;
  /**
   * For a GSL method: the checked settings. `statements` are then the derivative
   * (`_gsl_x_f0 = …`), to be run by the code generator's `gsl_stateupdate` template.
   */
  readonly gsl?: GslSettings;
}

/**
 * Checks a `method` argument before use: a name, a non-empty list of names, or an object with a
 * `name` and an `apply` function; and `methodOptions`, an object if given. `owner` names the
 * group in the message.
 */
export function checkMethodArgument(method: unknown, methodOptions: unknown, owner: string): void {
  const ok =
    typeof method === 'string' ||
    (Array.isArray(method) && method.length > 0 && method.every((m) => typeof m === 'string')) ||
    (typeof method === 'object' && method !== null && !Array.isArray(method) && typeof (method as { apply?: unknown }).apply === 'function' && typeof (method as { name?: unknown }).name === 'string');
  if (!ok) {
    throw new StateUpdaterError(
      `The integration method of '${owner}' has to be a method name (one of ${stateUpdaterNames()
        .map((k) => `'${k}'`)
        .join(', ')}), a non-empty list of names, or a StateUpdateMethod object, got ${describeValue(method)}.`,
    );
  }
  if (methodOptions !== undefined && (typeof methodOptions !== 'object' || methodOptions === null || Array.isArray(methodOptions))) {
    throw new StateUpdaterError(`The methodOptions of '${owner}' have to be an object such as { splitStochastic: false }, got ${describeValue(methodOptions)}.`);
  }
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)}s`;

/**
 * Integrates `equations` with `method`: a registered name, a method object, or a list of names
 * tried in order (the first that does not throw {@link UnsupportedEquationsError} is used, and
 * `info` carries Brian2's message). `equations` are the group's equations after
 * `addRefractoriness`.
 * @example applyStateUpdater(eqs, variables, DEFAULT_METHODS, { groupName: 'neurongroup' }).method // 'exact'
 */
export function applyStateUpdater(
  equations: Equations,
  variables: VariableLookup | undefined,
  method: string | readonly string[] | StateUpdateMethod = DEFAULT_METHODS,
  options: ApplyStateUpdaterOptions = {},
): StateUpdaterChoice {
  const { groupName, methodOptions, ...rest } = options;
  checkMethodArgument(method, methodOptions, groupName ?? 'the group');
  if (typeof method === 'string' || !isMethodList(method)) {
    const m = typeof method === 'string' ? getStateUpdater(method) : method;
    const name = typeof method === 'string' ? method.toLowerCase() : m.name;
    const statements = m.apply(equations, variables, { ...rest, ...(methodOptions !== undefined ? { methodOptions } : {}) });
    if (m instanceof GslStateUpdater) return { method: name, statements, gsl: m.settings(equations, variables, methodOptions) };
    return { method: name, statements };
  }
  const start = performance.now();
  const reasons: UnsupportedEquationsError[] = [];
  for (const candidate of method) {
    const m = getStateUpdater(candidate);
    const oneStart = performance.now();
    let statements: Statement[];
    try {
      statements = m.apply(equations, variables, rest);
    } catch (e) {
      if (e instanceof UnsupportedEquationsError) {
        reasons.push(e);
        continue;
      }
      throw e;
    }
    const end = performance.now();
    const one = end - oneStart;
    const chosen = candidate.toLowerCase();
    if (m instanceof GslStateUpdater) return { method: chosen, statements, gsl: m.settings(equations, variables) };
    const timing = reasons.length === 0 ? `took ${seconds(one)}` : `took ${seconds(one)}, trying other methods took ${seconds(end - start - one)}`;
    const info =
      groupName !== undefined
        ? `No numerical integration method specified for group '${groupName}', using method '${chosen}' (${timing}).`
        : `No numerical integration method specified, using method '${chosen}' (${timing}).`;
    return { method: chosen, statements, info };
  }
  throw new NoSuitableStateUpdaterError(method, reasons, groupName);
}

function isMethodList(m: readonly string[] | StateUpdateMethod): m is readonly string[] {
  return Array.isArray(m);
}
