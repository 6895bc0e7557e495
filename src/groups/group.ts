/**
 * `Group`: the base of everything with state variables (Brian2's `VariableOwner` + `Group`):
 * a variable table, Brian2-style attribute access to state variables, name resolution at run
 * start, string assignments through generated code, `getStates`/`setStates`, `runRegularly`.
 */
import { compileCodeBlock } from '../codegen/index.ts';
import type { CodeBlockSpec } from '../codegen/index.ts';
import { BrianObject } from '../core/index.ts';
import type { BrianObjectOptions, Clock, When } from '../core/index.ts';
import { call, name as nameExpr, parseStatements, statement } from '../parsing/index.ts';
import type { Expr, Statement } from '../parsing/index.ts';
import { DIMENSIONLESS, DimensionMismatchError, Quantity, QuantityArray } from '../units/index.ts';
import type { Dimension } from '../units/index.ts';
import { Variables, createArrayVariable, symbolOf } from '../variables/index.ts';
import type { ArrayVariable, StorageArray, Variable } from '../variables/index.ts';
import { analyseCode, checkCodeCondition, checkCodeStatements, identifiersOf, parseCodeExpression } from './code-check.ts';
import { StatementRunner } from './code-runner.ts';
import { GroupError, UnknownVariableError } from './errors.ts';
import { checkNamespace, NameResolution } from './namespace.ts';
import type { Namespace } from './namespace.ts';
import { installStateAccess } from './state-access.ts';
import { checkOptions, formatBytes, optionNames, suggestNames } from '../util/index.ts';
import { VariableView } from './variable-view.ts';
import type { StateValue, ViewHost } from './variable-view.ts';
import { LinkedVariable } from './linked-variable.ts';

/** Options common to all groups. */
export interface GroupOptions extends BrianObjectOptions {
  /** Names for the group's code strings, looked up after units and functions and before the run namespace. */
  namespace?: Namespace;
}

/** Options of {@link Group.runRegularly}. */
export interface RunRegularlyOptions {
  /** Time step of the operation (default: the group's clock). Excludes `clock`. */
  dt?: Quantity;
  /** Clock of the operation. Excludes `dt`. */
  clock?: Clock;
  /** Scheduling slot, default `'start'`. */
  when?: When;
  /** Order within the slot, default 0. */
  order?: number;
  /** Name, default `<group>_run_regularly`, `<group>_run_regularly_1`, …. */
  name?: string;
}

/** Options of {@link Group.getStates}. */
export interface GetStatesOptions {
  /** With units (default): Quantities/QuantityArrays for float variables; otherwise plain SI numbers. */
  units?: boolean;
  /** Include subexpressions when `vars` is not given (default false). */
  subexpressions?: boolean;
  /** Include read-only variables (`N`, `i`, `t`, …) when `vars` is not given (default true). */
  readOnlyVariables?: boolean;
}

const RUN_REGULARLY_OPTIONS = optionNames<RunRegularlyOptions>({ dt: true, clock: true, when: true, order: true, name: true });
const GET_STATES_OPTIONS = optionNames<GetStatesOptions>({ units: true, subexpressions: true, readOnlyVariables: true });

/**
 * The largest number of elements of a group (neurons, compartments, synapses): indices are
 * 32-bit integers and an event space holds N + 1 of them.
 */
export const MAX_GROUP_SIZE = 2 ** 31 - 2;

/** The object on `obj`'s prototype chain that owns `key`. */
function findOwner(obj: object, key: string): object {
  let o: object | null = obj;
  while (o !== null && !Object.hasOwn(o, key)) o = Object.getPrototypeOf(o) as object | null;
  return o ?? obj;
}

/** A value returned by {@link Group.getStates}: a copy. */
export type StateSnapshot = Quantity | QuantityArray | Float64Array | Float32Array | Int32Array | Uint8Array | number | boolean;

// Names probed by JavaScript protocols and tooling; reading them must not throw.
const PROTOCOL_NAMES = new Set(['then', 'catch', 'finally', 'toJSON', 'asymmetricMatch', 'nodeType', '$$typeof', 'inspect', 'constructor', 'length']);

/** Snapshot of a group for `Network.store`. */
interface GroupState {
  readonly arrays: ReadonlyMap<string, StorageArray>;
}

/**
 * Base class of groups (NeuronGroup, subgroups; later Synapses, PoissonGroup…). State variables
 * are available as properties: `G.v` is a live {@link VariableView}, `G.v = value` assigns,
 * `G.v_` is the raw SI typed array. The index signature types these dynamic properties.
 */
export class Group extends BrianObject implements ViewHost {
  /**
   * State variables as properties (`G.v`, `G.v = mV(-70)`, `G.I = 'i*nA'`). Typed `any` on
   * purpose: reading gives a VariableView while writing takes a Quantity, array or string, and
   * TypeScript index signatures cannot have different read and write types.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [variable: string]: any;

  /** The variable table: every name the group's code can use. */
  readonly variables: Variables;
  /** Number of elements (read-only: assigning it is a GroupError, as Brian2's read-only `N`). */
  declare readonly N: number;
  /** First element in the storage of `source` (0 except for subgroups); read-only. */
  declare readonly start: number;
  /** One past the last element in the storage of `source`; read-only. */
  declare readonly stop: number;
  /** Names for the group's code strings (Brian2's mutable `Group.namespace`). */
  namespace: Record<string, unknown>;
  /** Event names with an event space (`'spike'`, custom events). */
  events: readonly string[] = [];
  /** Names of `(linked)` parameters; they become variables when linked. */
  protected readonly linkedNames = new Set<string>();
  private readonly views = new Map<string, VariableView>();
  private attributeAccess = false;

  constructor(N: number, options: GroupOptions, defaultName: string, range?: readonly [number, number]) {
    if (N > MAX_GROUP_SIZE) {
      const who = (typeof options.name === 'string' ? options.name : defaultName).replace(/\*$/, '');
      throw new GroupError(
        'invalid-size',
        who,
        `The size of '${who}', ${N}, is larger than the largest supported group, ${MAX_GROUP_SIZE} elements (indices are 32-bit integers); it would need ${formatBytes(N * 8)} for each floating-point variable.`,
      );
    }
    super(options, defaultName);
    const start = range?.[0] ?? 0;
    const stop = range?.[1] ?? N;
    this.defineReadOnly('N', () => N);
    this.defineReadOnly('start', () => start);
    this.defineReadOnly('stop', () => stop);
    this.namespace = checkNamespace(this.name, options.namespace);
    this.variables = new Variables(this.name);
    installStateAccess(this, new.target.prototype as object);
  }

  /**
   * Makes `key` a read-only accessor: assigning it (`G.N = 20`) is a GroupError instead of
   * silently corrupting the group. Synapses use it for their growing `N`/`stop`.
   */
  protected defineReadOnly(key: 'N' | 'start' | 'stop', get: () => number): void {
    const set = (): never => {
      throw new GroupError('read-only', this.name, `'${key}' of '${this.name}' is read-only: a group's size is set when it is created (Synapses grow through connect()).`, { variable: key });
    };
    Object.defineProperty(this, key, { get, set, enumerable: true, configurable: true });
  }

  /**
   * Refuses model variables named like a member of this object (`constructor`, `toString`,
   * `name`, `clock`, `active`, `order`, `when`, `namespace`, `equations`, methods, …): `G.x`
   * reaches members before state variables, so such a variable could not be read or set as
   * `G.x` (see docs/design.md, "State variables named like members"). Called at the end of
   * constructors, when every own field exists. `fail` builds the class's typed error.
   */
  protected refuseMemberNames(names: Iterable<string>, fail: (message: string, variable: string) => Error): void {
    // The class prototype: the state-access proxy sits between the instance and it.
    const classPrototype = Object.getPrototypeOf(Object.getPrototypeOf(this) as object) as object;
    const kind = this.constructor.name;
    for (const name of names) {
      const own = Object.hasOwn(this, name);
      if (!own && !(name in classPrototype)) continue;
      const what = own
        ? `a field of every ${kind}`
        : name in Object.prototype
          ? 'a member of every JavaScript object'
          : `a ${typeof Object.getOwnPropertyDescriptor(findOwner(classPrototype, name), name)?.value === 'function' ? 'method' : 'property'} of ${kind}`;
      throw fail(
        `The model of '${this.name}' defines a variable '${name}', but '${name}' is ${what}, so '${this.name}.${name}' could not reach the variable. ` +
          `Rename the variable (for example to '${name}_var'): brian-ts refuses names that a ${kind} already uses as members, because a JavaScript object cannot have a member and a state variable under the same name.`,
        name,
      );
    }
  }

  /** The group whose storage this group's variables live in (itself, or a subgroup's parent). */
  get source(): Group {
    return this;
  }

  /** Turns on attribute access to state variables (called at the end of subclass constructors, as Brian2). */
  protected enableAttributeAccess(): void {
    this.attributeAccess = true;
  }

  /** A live view of state variable `name` (the explicit form of `G.v`). */
  state(name: string): VariableView {
    const cached = this.views.get(name);
    if (cached !== undefined) return cached;
    if (this.variables.auxiliaryDimension(name) !== undefined) {
      throw new GroupError('invalid-value', this.name, `'${name}' is a noise variable of the equations of '${this.name}': it has no stored values.`, { variable: name });
    }
    if (!this.variables.has(name)) {
      if (this.linkedNames.has(name)) {
        throw new GroupError('linked-variable', this.name, `Link target for variable ${name} of '${this.name}' has not been set.`, { variable: name });
      }
      throw this.unknownVariable(name);
    }
    const view = new VariableView(this, name);
    this.views.set(name, view);
    return view;
  }

  private unknownVariable(name: string): UnknownVariableError {
    const suffix = name.endsWith('_') ? '_' : '';
    const base = suffix === '' ? name : name.slice(0, -1);
    const known = [...this.variables].filter(([n, v]) => !n.startsWith('_') && !(v.kind === 'array' && v.readOnly)).map(([n]) => n);
    const suggestions = suggestNames(base, [...known, ...this.linkedNames]).map((s) => s + suffix);
    let message = `Could not find a state variable with name "${base}" in '${this.name}'.`;
    if (suggestions.length === 1) message += ` Did you mean to write "${suggestions[0]}"?`;
    else if (suggestions.length > 1) message += ` Did you mean to write any of the following: ${suggestions.map((s) => `'${s}'`).join(', ')} ?`;
    message += ' Use the addAttribute method if you intend to add a new attribute to the object.';
    return new UnknownVariableError(this.name, base, message, suggestions);
  }

  /**
   * @internal Property reads the object does not define (see state-access.ts): state variables
   * (`G.v`), raw values (`G.v_`), a misspelled variable (throws with a suggestion), else undefined.
   */
  readAttribute(key: string): unknown {
    if (!this.attributeAccess || PROTOCOL_NAMES.has(key) || key.startsWith('_') || key.startsWith('@@')) {
      return this.attributeAccess && this.variables.has(key) ? this.state(key) : undefined;
    }
    if (this.variables.has(key) || this.linkedNames.has(key)) return this.state(key);
    if (key.endsWith('_') && this.variables.has(key.slice(0, -1))) return this.state(key.slice(0, -1)).values;
    // Reading an unknown name is `undefined` as usual in JavaScript (tools probe objects for
    // optional members), unless it is a likely misspelling of a state variable.
    const error = this.unknownVariable(key);
    if (error.suggestions.length > 0) throw error;
    return undefined;
  }

  /** @internal Property writes the object does not define (see state-access.ts). */
  writeAttribute(key: string, value: unknown): boolean {
    if (!this.attributeAccess) return false;
    if (this.linkedNames.has(key)) {
      this.setLinkedVariable(key, value);
      return true;
    }
    if (value instanceof LinkedVariable) {
      throw new GroupError('linked-variable', this.name, `Cannot link variable '${key}' of '${this.name}', it has to be marked as a linked variable with '(linked)' in the model equations.`, { variable: key });
    }
    if (this.variables.has(key)) {
      this.state(key).set(value as StateValue);
      return true;
    }
    if (key.endsWith('_') && this.variables.has(key.slice(0, -1))) {
      this.state(key.slice(0, -1)).setRaw(value as Exclude<StateValue, string>);
      return true;
    }
    if (key.startsWith('_')) return false;
    throw this.unknownVariable(key);
  }

  /** @internal `key in G` for state variables. */
  hasAttribute(key: string): boolean {
    return this.variables.has(key) || this.linkedNames.has(key);
  }

  /** Links a `(linked)` parameter; overridden by NeuronGroup. */
  protected setLinkedVariable(key: string, _value: unknown): void {
    throw new GroupError('linked-variable', this.name, `'${this.name}' does not support linked variables ('${key}').`, { variable: key });
  }

  /**
   * Declares a new plain attribute, so that assigning it is not taken for a misspelled state
   * variable (Brian2's `add_attribute`).
   */
  addAttribute(name: string): void {
    if (this.variables.has(name)) {
      throw new GroupError('invalid-value', this.name, `Cannot add an attribute "${name}", it is already a state variable of '${this.name}'.`, { variable: name });
    }
    if (name in this) throw new GroupError('invalid-value', this.name, `Cannot add an attribute "${name}", it is already an attribute of '${this.name}'.`);
    Object.defineProperty(this, name, { value: undefined, writable: true, enumerable: true, configurable: true });
  }

  /**
   * Name resolution for code of this group in a run with `runNamespace`. TimedArrays (values
   * with `forDt`) in both namespaces are bound to this group's clock dt, as Brian2 computes
   * their implementation from `owner.clock.dt_`.
   */
  resolution(runNamespace: Namespace = {}): NameResolution {
    return new NameResolution(this.name, this.variables, this.namespace, runNamespace, this.clock.dtSeconds);
  }

  /**
   * Copies of state variables (Brian2's `get_states`). Without `vars`: all variables not
   * starting with `_`, without subexpressions, with read-only ones.
   */
  getStates(vars?: readonly string[], options?: GetStatesOptions): Record<string, StateSnapshot> {
    options = checkOptions(options, GET_STATES_OPTIONS, { what: `getStates() of '${this.name}'`, error: (message) => new GroupError('invalid-option', this.name, message) });
    const units = options.units ?? true;
    const names =
      vars ??
      [...this.variables]
        .filter(([n, v]) => {
          if (n.startsWith('_') || v.kind === 'function') return false;
          if (v.kind === 'subexpression' && !(options.subexpressions ?? false)) return false;
          const readOnly = v.kind !== 'array' || v.readOnly;
          return (options.readOnlyVariables ?? true) || !readOnly;
        })
        .map(([n]) => n)
        .sort();
    const out: Record<string, StateSnapshot> = {};
    for (const name of names) {
      const view = this.state(name);
      const values = view.values;
      const copy = values.slice();
      const shared = view.scalar;
      if (view.dtype === 'float64' || view.dtype === 'float32') {
        // float32 data keeps its Float32Array without units (Brian2 gives a float32 array); a
        // QuantityArray holds float64 values (exactly the stored ones).
        if (shared) out[name] = units ? new Quantity(copy[0]!, view.dim) : copy[0]!;
        else out[name] = units ? new QuantityArray(copy instanceof Float64Array ? copy : Float64Array.from(copy), view.dim) : (copy as Float64Array | Float32Array);
      } else if (shared) {
        out[name] = view.dtype === 'bool' ? copy[0] !== 0 : copy[0]!;
      } else {
        out[name] = copy;
      }
    }
    return out;
  }

  /** Sets several state variables (Brian2's `set_states`); read-only variables are refused. */
  setStates(values: Readonly<Record<string, StateValue>>, options?: { units?: boolean }): void {
    options = checkOptions(options, ['units'], { what: `setStates() of '${this.name}'`, error: (message) => new GroupError('invalid-option', this.name, message) });
    for (const [name, value] of Object.entries(values)) {
      const view = this.state(name);
      if (view.readOnly) throw new GroupError('read-only', this.name, `Variable ${name} of '${this.name}' is read-only.`, { variable: name });
      if (options.units ?? true) view.set(value);
      else view.setRaw(value as Exclude<StateValue, string>);
    }
  }

  /**
   * Runs `code` for all elements whenever its clock ticks (Brian2's `run_regularly`); returns the
   * runner, whose `active` flag switches it off. Default slot `'start'`.
   */
  runRegularly(code: string, options?: RunRegularlyOptions): StatementRunner {
    options = checkOptions(options, RUN_REGULARLY_OPTIONS, { what: `runRegularly() of '${this.name}'`, error: (message) => new GroupError('invalid-option', this.name, message) });
    if (typeof code !== 'string') {
      throw new GroupError('invalid-option', this.name, `The code of runRegularly on '${this.name}' has to be a string, got ${typeof code}.`);
    }
    const base = this.source;
    const owner = base.containedObjects;
    const runner = new StatementRunner(this, 'run_regularly', 'run_regularly', code, {
      when: options.when ?? 'start',
      order: options.order ?? 0,
      name: options.name ?? `${this.name}_run_regularly*`,
      ...(options.dt !== undefined ? { dt: options.dt } : {}),
      ...(options.clock !== undefined ? { clock: options.clock } : options.dt === undefined ? { clock: this.clock } : {}),
    });
    // A subgroup's operation runs with the subgroup as context but is scheduled with its parent (Brian2).
    owner.push(runner);
    return runner;
  }

  /** The event space of `event`: Int32Array(N+1) of the source group, this step's indices ascending, count at `[N]`. */
  eventSpace(event = 'spike'): ArrayVariable {
    const variable = this.source.variables.get(`_${event}space`);
    if (variable?.kind !== 'array') {
      throw new GroupError('invalid-event', this.name, `'${this.name}' has no event '${event}'.${event === 'spike' ? ' Did you forget to define a threshold?' : ''}`);
    }
    return variable;
  }

  /** Indices (relative to this group) of the elements that had `event` in the last time step. */
  eventIndices(event = 'spike'): Int32Array {
    const space = this.eventSpace(event).array as Int32Array;
    const n = this.source.N;
    const count = space[n]!;
    const out: number[] = [];
    for (let k = 0; k < count; k++) {
      const index = space[k]!;
      if (index >= this.start && index < this.stop) out.push(index - this.start);
    }
    return Int32Array.from(out);
  }

  /** Indices of the elements that spiked in the last time step (empty after a run, as Brian2). */
  get spikes(): Int32Array {
    return this.eventIndices('spike');
  }

  // ---- ViewHost: string expressions run through generated code --------------------------------

  /** @internal */
  setWithExpression(variable: string, code: string, condition: string | undefined, constant?: Quantity): void {
    const role = condition === undefined ? `assignment to ${variable}` : `conditional assignment to ${variable}`;
    const resolution = this.resolution();
    const value = parseCodeExpression(this.name, role, code);
    // Messages quote `v = <code>`: parse the statement from that text so that its spans point
    // into it (the expression's own spans are relative to `code`).
    const text = `${variable} = ${code}`;
    const stmt: Statement = statementAsWritten(text) ?? statement(variable, '=', value);
    const source = stmt.value === value ? code : text;
    const extra: Variable[] = [];
    if (constant !== undefined) {
      extra.push(Object.freeze({ kind: 'constant', name: '_value', dim: constant.dim, readOnly: true, value: constant.value, type: 'float' } as const));
    }
    const extraTable = new Map(extra.map((v) => [v.name, v]));
    const lookup = resolution.resolver();
    const scope = extra.length === 0 ? lookup : (n: string) => { const v = extraTable.get(n); return v !== undefined ? symbolOf(v) : lookup(n); };
    checkCodeStatements(this.name, role, source, [stmt], scope, (n) => resolution.suggest(n));
    let cond: Expr | undefined;
    if (condition !== undefined) {
      cond = parseCodeExpression(this.name, 'condition', condition);
      checkCodeCondition(this.name, 'condition', 'Condition', condition, cond, lookup, (n) => resolution.suggest(n));
    }
    resolution.warnShadowed(identifiersOf([], value, cond));
    const spec: CodeBlockSpec = {
      name: this.name,
      template: 'set_expression',
      statements: [stmt],
      ...(cond !== undefined ? { condition: cond } : {}),
      variables: resolution.variablesFor(identifiersOf([stmt], cond), extra),
      N: this.N,
      stream: `${this.name}:set_expression`,
    };
    compileCodeBlock(spec).run();
  }

  /**
   * Brian2's `G.indices[...]`: `G.indices['v >= 5']` (the indices where a condition holds),
   * `G.indices[3]` (one index, negatives count from the end).
   */
  get indices(): Readonly<Record<string | number, Int32Array>> {
    const group = this;
    return new Proxy(Object.freeze({}) as Record<string, Int32Array>, {
      get(_t, key) {
        if (typeof key === 'symbol' || key === 'then' || key === 'toJSON') return undefined;
        if (/^-?\d+$/.test(key)) {
          const k = Number(key);
          const index = k < 0 ? k + group.N : k;
          if (index < 0 || index >= group.N) throw new GroupError('invalid-index', group.name, `Index ${k} out of range for '${group.name}' of size ${group.N}.`);
          return Int32Array.of(index);
        }
        return group.indicesWhere(key);
      },
    });
  }

  /** @internal */
  indicesWhere(condition: string): Int32Array {
    return indicesWhere(this.name, this.resolution(), condition, this.N);
  }

  /**
   * @internal The values of an expression for each element, in SI units and without unit checks
   * (Brian2's `G.v_ = '5'`, which writes the expression's SI value whatever its units).
   */
  evaluateExpression(code: string, role: string, dim?: Dimension): Float64Array {
    const resolution = this.resolution();
    const expr = parseCodeExpression(this.name, role, code);
    const lookup = resolution.resolver();
    const info = analyseCode(this.name, role, code, expr, lookup, (n) => resolution.suggest(n));
    if (dim !== undefined && !info.dim.equals(dim)) {
      throw new DimensionMismatchError(`Incorrect units for setting '${this.name}' with '${code}' (${role})`, dim, info.dim);
    }
    const target = createArrayVariable('_value', { size: this.N, dim: info.dim }, this.name);
    const stmt = statement('_value', '=', expr);
    compileCodeBlock({
      name: this.name,
      template: 'set_expression',
      statements: [stmt],
      variables: resolution.variablesFor(identifiersOf([stmt]), [target]),
      N: this.N,
      stream: `${this.name}:set_expression`,
    }).run();
    return target.array as Float64Array;
  }

  /** @internal */
  evaluateSubexpression(variable: string): Float64Array {
    const resolution = this.resolution();
    const v = this.variables.get(variable);
    const scalar = v?.kind === 'subexpression' && v.scalar;
    const n = scalar ? 1 : this.N;
    const target = createArrayVariable('_value', { size: n, ...(scalar ? { scalar: true } : {}), dim: v?.kind === 'subexpression' ? v.dim : DIMENSIONLESS }, this.name);
    // An integer subexpression reads as integers (Brian2 evaluates it into an int array): truncated.
    const integer = v?.kind === 'subexpression' && v.type === 'integer';
    const stmt = statement('_value', '=', integer ? call('int', [nameExpr(variable)]) : nameExpr(variable));
    compileCodeBlock({
      name: this.name,
      template: 'set_expression',
      statements: [stmt],
      variables: resolution.variablesFor(identifiersOf([stmt]), [target]),
      N: this.N,
      stream: `${this.name}:get_expression`,
    }).run();
    return target.array as Float64Array;
  }

  // ---- store / restore ----------------------------------------------------------------------

  /** Copies of the arrays this group owns (not references into other groups, not clock variables). */
  override storeState(): unknown {
    const arrays = new Map<string, StorageArray>();
    for (const [name, v] of this.ownArrays()) {
      const copy = v.array.slice();
      // An event space's entries past its count are left-overs whose positions depend on how the
      // threshold was split across threads: stored as zeros, so a snapshot does not depend on it.
      if (/^_\w+space$/.test(name) && copy.length === this.N + 1) copy.fill(0, Math.min(copy[this.N]!, this.N), this.N);
      arrays.set(name, copy);
    }
    return { arrays } satisfies GroupState;
  }

  override restoreState(state: unknown): void {
    const { arrays } = state as GroupState;
    for (const [name, v] of this.ownArrays()) {
      const saved = arrays.get(name);
      if (saved !== undefined) v.array.set(saved);
    }
  }

  /** The array variables whose storage this group owns. */
  protected ownArrays(): [string, ArrayVariable][] {
    const clockArrays = new Set<StorageArray>(Object.values(this.clock.variables).map((v: ArrayVariable) => v.array));
    const out: [string, ArrayVariable][] = [];
    for (const [name, v] of this.variables) {
      if (v.kind !== 'array' || clockArrays.has(v.array) || v.readOnly && v.constant) continue;
      if (v.index !== '_idx' && v.index !== '0') continue; // references into other groups
      out.push([name, v]);
    }
    return out;
  }

  override toString(): string {
    return `<${this.constructor.name} '${this.name}' with ${this.N} elements>`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/** `text` parsed as one statement, or undefined (multi-line or anything else: the caller falls back). */
function statementAsWritten(text: string): Statement | undefined {
  if (text.includes('\n')) return undefined;
  try {
    const parsed = parseStatements(text);
    return parsed.length === 1 ? parsed[0] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The indices (0…N−1) where a string condition holds, evaluated by generated code over the names
 * `resolution` resolves (a group's variables, or a monitor's recorded arrays); checked first, so
 * a bad condition is a typed error naming `objectName`.
 */
export function indicesWhere(objectName: string, resolution: NameResolution, condition: string, N: number): Int32Array {
  if (typeof condition !== 'string') {
    throw new GroupError('invalid-index', objectName, `A condition for '${objectName}' has to be a string, got ${condition === null ? 'null' : typeof condition}.`);
  }
  const cond = parseCodeExpression(objectName, 'condition', condition);
  checkCodeCondition(objectName, 'condition', 'Condition', condition, cond, resolution.resolver(), (n) => resolution.suggest(n));
  const space = createArrayVariable('_condspace', { dtype: 'int32', size: N + 1 }, objectName);
  compileCodeBlock({
    name: objectName,
    template: 'threshold',
    condition: cond,
    variables: resolution.variablesFor(identifiersOf([], cond)),
    N,
    eventSpace: space,
    stream: `${objectName}:condition`,
  }).run();
  const array = space.array as Int32Array;
  return array.slice(0, array[N]!);
}
