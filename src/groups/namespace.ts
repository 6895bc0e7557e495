/**
 * Name resolution for a group's code at run start, in Brian2's order (`Group._resolve`,
 * `_resolve_external`, semantics §2.7): the group's own variables, then the constants
 * `pi`/`e`/`inf`, units, default functions, the group's `namespace`, and the run's namespace.
 * The first match wins. External values are captured when a run starts.
 */
import { isUserFunction } from '../codegen/index.ts';
import type { UserFunction } from '../codegen/index.ts';
import { DEFAULT_CONSTANTS, DEFAULT_FUNCTIONS, ExpressionError } from '../inference/index.ts';
import type { FunctionDescriptor, Resolver, ScopeSymbol } from '../inference/index.ts';
import { collectFunctionNames, collectIdentifiers } from '../parsing/index.ts';
import { DIMENSIONLESS, Quantity, lookupUnit, modelStringUnits } from '../units/index.ts';
import { suggestNames, warn } from '../util/index.ts';
import { Variables, symbolOf } from '../variables/index.ts';
import type { Variable } from '../variables/index.ts';
import { GroupError } from './errors.ts';

/** What a namespace may hold: scalars (numbers, booleans, scalar Quantities) and user functions (`defineUserFunction`). */
export type NamespaceEntry = number | boolean | Quantity | UserFunction;

/** A namespace: `{ tau: ms(10), v0 }`. */
export type Namespace = Readonly<Record<string, unknown>>;

/**
 * A namespace value whose meaning depends on the time step of the code using it (a TimedArray,
 * layer 8): duck-typed so that groups need not import input.
 */
interface DtDependentValue {
  /** The value bound to a time step (seconds), e.g. a TimedArray with K computed for it. */
  forDt(dtSeconds: number): unknown;
  /** Whether `f(t)` is constant within a step of `dtSeconds` (Brian2's `is_locally_constant`). */
  isLocallyConstant?(dtSeconds: number): boolean;
}

function isDtDependent(value: unknown): value is DtDependentValue {
  return typeof value === 'object' && value !== null && typeof (value as { forDt?: unknown }).forDt === 'function';
}

/** Checks a group namespace given by the user: keys may not start with `_` (Brian2). */
export function checkNamespace(objectName: string, namespace: unknown): Record<string, unknown> {
  if (namespace === undefined || namespace === null) return {};
  if (typeof namespace !== 'object' || Array.isArray(namespace) || namespace instanceof Map) {
    throw new GroupError('invalid-option', objectName, `The namespace of '${objectName}' has to be a plain object mapping names to values, got ${Array.isArray(namespace) ? 'an array' : typeof namespace}.`);
  }
  for (const key of Object.keys(namespace)) {
    if (key.startsWith('_')) {
      throw new GroupError('invalid-option', objectName, `Names starting with an underscore are not allowed in the namespace of '${objectName}' ('${key}').`);
    }
  }
  return namespace as Record<string, unknown>;
}

/** The variable an external value stands for in code (a constant or a function). */
function externalVariable(objectName: string, name: string, value: unknown, where: string): Variable {
  if (typeof value === 'number') return Object.freeze({ kind: 'constant', name, dim: DIMENSIONLESS, readOnly: true, value, type: 'float' } as const);
  if (typeof value === 'boolean') return Object.freeze({ kind: 'constant', name, dim: DIMENSIONLESS, readOnly: true, value, type: 'boolean' } as const);
  if (value instanceof Quantity) return Object.freeze({ kind: 'constant', name, dim: value.dim, readOnly: true, value: value.value, type: 'float' } as const);
  if (isUserFunction(value)) {
    return Object.freeze({ kind: 'function', name, descriptor: value.descriptor, implementation: value.implementation } as const);
  }
  throw new ExpressionError(
    'non-scalar-namespace-value',
    `Variable ${name} was found in the ${where} namespace of '${objectName}', but is not a scalar value (a number, boolean, scalar Quantity or user function).`,
    name,
  );
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Quantity && b instanceof Quantity) return a.value === b.value && a.dim === b.dim;
  return a === b;
}

/**
 * Resolves names for one group and one run. Lookups are cached, so each name resolves (and
 * warns) once per run.
 */
export class NameResolution {
  readonly objectName: string;
  private readonly own: Variables;
  private readonly groupNamespace: Namespace;
  private readonly runNamespace: Namespace;
  private readonly cache = new Map<string, Variable | null>();
  /** The namespace values (before binding to `dt`) that external names resolved to. */
  private readonly rawValues = new Map<string, unknown>();
  /** The time step (seconds) clock-dependent namespace values are bound to; none: used as given. */
  readonly dtSeconds: number | undefined;

  /**
   * `dtSeconds`: the time step of the code's owner (Brian2's `owner.clock.dt_`); namespace values
   * with a `forDt` method (TimedArrays) are replaced by `value.forDt(dtSeconds)`.
   */
  constructor(objectName: string, own: Variables, groupNamespace: Namespace, runNamespace: Namespace, dtSeconds?: number) {
    this.objectName = objectName;
    this.own = own;
    this.groupNamespace = groupNamespace;
    this.runNamespace = runNamespace;
    this.dtSeconds = dtSeconds;
  }

  /** The variable `name` stands for, or `undefined` when nothing defines it. */
  lookup(name: string): Variable | undefined {
    const cached = this.cache.get(name);
    if (cached !== undefined) return cached ?? undefined;
    const found = this.own.get(name) ?? this.external(name);
    this.cache.set(name, found ?? null);
    return found;
  }

  private external(name: string): Variable | undefined {
    const matches: [string, unknown][] = [];
    const constant = DEFAULT_CONSTANTS.get(name);
    if (constant !== undefined) matches.push(['constants', constant]);
    const unit = modelStringUnits.get(name) ?? lookupUnit(name);
    if (unit !== undefined) matches.push(['units', unit]);
    const fn = DEFAULT_FUNCTIONS.get(name);
    if (fn !== undefined) matches.push(['functions', fn]);
    if (Object.hasOwn(this.groupNamespace, name)) matches.push(['group-specific', this.groupNamespace[name]]);
    if (Object.hasOwn(this.runNamespace, name)) matches.push(['run', this.runNamespace[name]]);
    const [first, ...rest] = matches;
    if (first === undefined) return undefined;
    const [where, value] = first;
    if (rest.some(([, other]) => !sameValue(other, value))) {
      warn(
        'Group.resolve.resolution_conflict',
        `The name "${name}" refers to different objects in different namespaces used for resolving names in the context of group "${this.objectName}". ` +
          `Will use the object from the ${where} namespace (${rest.map(([w]) => w).join(', ')} also define it).`,
      );
    }
    if (where === 'constants') return Object.freeze({ kind: 'constant', name, dim: DIMENSIONLESS, readOnly: true, value: value as number, type: 'float' } as const);
    if (where === 'units') {
      const u = value as Quantity;
      return Object.freeze({ kind: 'constant', name, dim: u.dim, readOnly: true, value: u.value, type: 'float' } as const);
    }
    if (where === 'functions') return Object.freeze({ kind: 'function', name, descriptor: value as FunctionDescriptor } as const);
    this.rawValues.set(name, value);
    const bound = this.dtSeconds !== undefined && isDtDependent(value) ? value.forDt(this.dtSeconds) : value;
    return externalVariable(this.objectName, name, bound, where);
  }

  /**
   * Brian2's `resolution_conflict` warning for names written by the user (model equations, code
   * strings) that are the group's own variables but also exist in a namespace (constants, units
   * usable in model strings, functions, the group's or the run's namespace). The own variable is
   * used; a constant of the same value (an external `N` equal to the group's) is not a conflict.
   */
  warnShadowed(identifiers: Iterable<string>): void {
    for (const name of identifiers) {
      const own = this.own.get(name);
      if (own === undefined) continue;
      const matches: [string, unknown][] = [];
      if (DEFAULT_CONSTANTS.has(name)) matches.push(['constants', DEFAULT_CONSTANTS.get(name)]);
      if (modelStringUnits.has(name)) matches.push(['units', modelStringUnits.get(name)]);
      if (DEFAULT_FUNCTIONS.has(name)) matches.push(['functions', DEFAULT_FUNCTIONS.get(name)]);
      if (Object.hasOwn(this.groupNamespace, name)) matches.push(['group-specific', this.groupNamespace[name]]);
      if (Object.hasOwn(this.runNamespace, name)) matches.push(['run', this.runNamespace[name]]);
      const conflicting = own.kind === 'constant' ? matches.filter(([, v]) => !(typeof v === 'number' && v === own.value)) : matches;
      if (conflicting.length === 0) continue;
      const where = conflicting.length === 1 ? `${conflicting[0]![0]} namespace` : `following namespaces: ${conflicting.map(([w]) => w).join(', ')}`;
      warn(
        'Group.resolve.resolution_conflict',
        `'${name}' is an internal variable of group '${this.objectName}', but also exists in the ${where}. The internal variable will be used.`,
      );
    }
  }

  /**
   * Whether `name` is a namespace function that is constant within a time step when called as
   * `name(t)` (a TimedArray whose dt is a multiple of this resolution's `dtSeconds`), so that
   * `exact` may treat it as a parameter (Brian2's `is_locally_constant`).
   */
  isLocallyConstantFunction(name: string): boolean {
    if (this.dtSeconds === undefined || this.lookup(name)?.kind !== 'function') return false;
    const raw = this.rawValues.get(name);
    return isDtDependent(raw) && typeof raw.isLocallyConstant === 'function' && raw.isLocallyConstant(this.dtSeconds) === true;
  }

  /** An inference resolver over the same names (undefined names resolve to `undefined`). */
  resolver(): Resolver {
    const symbols = new Map<string, ScopeSymbol | null>();
    return (name) => {
      let symbol = symbols.get(name);
      if (symbol === undefined) {
        const variable = this.lookup(name);
        symbol = variable === undefined ? null : symbolOf(variable);
        symbols.set(name, symbol);
      }
      return symbol ?? undefined;
    };
  }

  /**
   * A Variables table for code generation: the group's own variables plus every external name in
   * `identifiers` and, transitively, in the subexpressions they use (code generation inlines
   * subexpressions, so their names and functions are needed too), resolved. Names that resolve
   * to nothing are skipped (inference reports them).
   */
  variablesFor(identifiers: Iterable<string>, extra?: Iterable<Variable>): Variables {
    const table = this.own.clone();
    for (const variable of extra ?? []) table.set(variable.name, variable);
    const queue = [...identifiers];
    const seen = new Set<string>();
    for (let k = 0; k < queue.length; k++) {
      const name = queue[k]!;
      if (seen.has(name)) continue;
      seen.add(name);
      let variable = table.get(name);
      if (variable === undefined) {
        variable = this.lookup(name);
        if (variable !== undefined) table.set(name, variable);
      }
      if (variable?.kind === 'subexpression') {
        for (const n of collectIdentifiers(variable.expr)) queue.push(n);
        for (const n of collectFunctionNames(variable.expr)) queue.push(n);
      }
    }
    return table;
  }

  /** Close matches for an undefined name among everything that could have been meant. */
  suggest(name: string): string[] {
    const candidates = [
      ...[...this.own.names()].filter((n) => !n.startsWith('_')),
      ...Object.keys(this.groupNamespace),
      ...Object.keys(this.runNamespace),
      ...DEFAULT_CONSTANTS.keys(),
      ...DEFAULT_FUNCTIONS.keys(),
      ...modelStringUnits.keys(),
    ];
    return suggestNames(name, candidates).slice(0, 5);
  }
}
