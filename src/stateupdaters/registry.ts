/** The registry of state update methods and the automatic method choice (Brian2's `StateUpdateMethod.apply_stateupdater`). */
import type { Equations } from '../equations/index.ts';
import type { Statement } from '../parsing/index.ts';
import { Memo, deepFreeze, describeValue, numberKey } from '../util/index.ts';
import type { Variable } from '../variables/index.ts';
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
  given: ApplyStateUpdaterOptions = {},
): StateUpdaterChoice {
  const { groupName, methodOptions } = given;
  // Iterables read twice (key and derivation): taken as arrays once.
  const options: ApplyStateUpdaterOptions = {
    ...given,
    ...(given.locallyConstantFunctions !== undefined ? { locallyConstantFunctions: [...given.locallyConstantFunctions] } : {}),
    ...(given.statefulFunctions !== undefined ? { statefulFunctions: [...given.statefulFunctions] } : {}),
  };
  checkMethodArgument(method, methodOptions, groupName ?? 'the group');
  const key = derivationKey(equations, method, options);
  if (key !== undefined) {
    const hit = derivations.get(key);
    if (hit !== undefined && hit.lookups.every(([n, fp]) => fingerprint(n, variables?.get(n)) === fp)) return choiceOf(hit, groupName);
  }
  const lookups = new Map<string, string>();
  // Records what the derivation reads about each name, so a later build reuses it only where the
  // same reads give the same answers.
  const recorder: VariableLookup | undefined =
    variables === undefined
      ? undefined
      : {
          get: (n) => {
            const v = variables.get(n);
            lookups.set(n, fingerprint(n, v));
            return v;
          },
        };
  const derived = derive(equations, recorder, method, options);
  if (key !== undefined && derived.gsl === undefined) {
    derivations.set(key, { method: derived.method, statements: deepFreeze(derived.statements), timing: derived.timing, lookups: [...lookups] });
  }
  return choiceOf(derived, groupName);
}

interface Derivation {
  readonly method: string;
  readonly statements: readonly Statement[];
  /** For an automatic choice, the timing part of the info message. */
  readonly timing?: string;
  readonly gsl?: GslSettings;
}

/** Derived statements by equations, method and options (see {@link derivationKey}), with the lookups they read. */
const derivations = new Memo<Derivation & { readonly lookups: readonly (readonly [string, string])[] }>();

/**
 * The memo key of a derivation: the equations (type, value type, text with unit and flags, in
 * order), the method names and the options; undefined (not memoised) for a method object or
 * options that are not plain data. The group's name only enters the info message.
 */
function derivationKey(equations: Equations, method: string | readonly string[] | StateUpdateMethod, options: ApplyStateUpdaterOptions): string | undefined {
  const methodKey = typeof method === 'string' ? method.toLowerCase() : isMethodList(method) ? method.map((m) => m.toLowerCase()).join(',') : undefined;
  if (methodKey === undefined) return undefined;
  let optionsKey: string;
  try {
    optionsKey = JSON.stringify([
      options.methodOptions ?? null,
      [...(options.locallyConstantFunctions ?? [])].sort(),
      [...(options.statefulFunctions ?? [])].sort(),
    ]);
  } catch {
    return undefined;
  }
  const eqs = equations.ordered.map((eq) => `${eq.type}|${eq.varType}|${String(eq)}`).join('\n');
  return `${methodKey}\u0000${optionsKey}\u0000${eqs}`;
}

/**
 * What a state updater reads about a name (see {@link VariableLookup}): its kind, whether a
 * function is stateful, a constant's value and a scalar dt's value (used by `exact` on systems
 * with feedback). A new read of `variables` in a state updater must be added here.
 */
function fingerprint(name: string, v: Variable | undefined): string {
  if (v === undefined) return 'u';
  switch (v.kind) {
    case 'constant':
      return `c:${typeof v.value === 'number' ? numberKey(v.value) : typeof v.value}`;
    case 'function':
      return `f:${String(v.descriptor.stateful)}`;
    case 'array':
      return `a:${String(v.scalar)}${name === 'dt' && v.scalar ? `:${numberKey(v.array[0] ?? NaN)}` : ''}`;
    default:
      return v.kind;
  }
}

function choiceOf(d: Derivation, groupName: string | undefined): StateUpdaterChoice {
  const base = { method: d.method, statements: [...d.statements] };
  if (d.gsl !== undefined) return { ...base, gsl: d.gsl };
  if (d.timing === undefined) return base;
  const info =
    groupName !== undefined
      ? `No numerical integration method specified for group '${groupName}', using method '${d.method}' (${d.timing}).`
      : `No numerical integration method specified, using method '${d.method}' (${d.timing}).`;
  return { ...base, info };
}

function derive(
  equations: Equations,
  variables: VariableLookup | undefined,
  method: string | readonly string[] | StateUpdateMethod,
  options: ApplyStateUpdaterOptions,
): Derivation {
  const { groupName, methodOptions, ...rest } = options;
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
    return { method: chosen, statements, timing };
  }
  throw new NoSuitableStateUpdaterError(method, reasons, groupName);
}

function isMethodList(m: readonly string[] | StateUpdateMethod): m is readonly string[] {
  return Array.isArray(m);
}
