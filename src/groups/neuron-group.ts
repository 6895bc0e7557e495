/**
 * `NeuronGroup` (Brian2's `brian2/groups/neurongroup.py`): a group of neurons defined by
 * equations, with a state updater (slot `groups`), a thresholder per event (`thresholds` for
 * spikes, `after_thresholds` for custom events), event code such as the reset (`resets`),
 * refractoriness, subgroups and linked variables.
 */
import { compileCodeBlock } from '../codegen/index.ts';
import type { CodeBlockSpec, GslSpec } from '../codegen/index.ts';
import { getPref } from '../core/index.ts';
import type { Clock, RunContext, ThreadWork, When } from '../core/index.ts';
import { Equations, NEURON_GROUP_FLAGS, NOISE_DIMENSION, addRefractoriness, checkFlags, checkUnits, prePostSuffixProblem } from '../equations/index.ts';
import { binary, call, collectFunctionNames, collectIdentifiers, compare, logical, name as nameExpr, statement, unary } from '../parsing/index.ts';
import type { Expr, Statement } from '../parsing/index.ts';
import { GSL_TIME, applyStateUpdater, checkMethodArgument, extractConstantSubexpressions, gslDerivativeName, splitGslTime } from '../stateupdaters/index.ts';
import type { GslSettings, StateUpdateMethod } from '../stateupdaters/index.ts';
import { DIMENSIONLESS, DimensionMismatchError, Quantity, getUnitForDisplay, second } from '../units/index.ts';
import { allocateChecked, checkOptions, describeValue, optionNames, showValue, warn } from '../util/index.ts';
import { WASM_STORAGE_MIN_ELEMENTS, addIndexVariables, createArrayVariable, packWasmStorage } from '../variables/index.ts';
import type { ValueType } from '../inference/index.ts';
import type { ArrayVariable, Dtype, SubexpressionVariable, Variable, Variables } from '../variables/index.ts';
import { substitute } from '../symbolic/index.ts';
import { analyseCode, checkCodeCondition, checkStatefulSubexpressions, identifiersOf, parseCodeExpression } from './code-check.ts';
import { CodeRunner, StatementRunner } from './code-runner.ts';
import { GroupError, suggestionText } from './errors.ts';
import { Group } from './group.ts';
import { toStartStop } from './indexing.ts';
import { LinkedVariable } from './linked-variable.ts';
import type { NameResolution, Namespace } from './namespace.ts';
import { Subgroup } from './subgroup.ts';
import { arrayStorage } from './variable-view.ts';
import { dtypeResolver } from './dtype.ts';
import type { DtypeOption } from './dtype.ts';

/** Options of `new NeuronGroup(N, model, options)` (Brian2's keyword arguments, camelCase). */
export interface NeuronGroupOptions {
  /** The spike condition, a boolean expression string (`'v > -50*mV'`). */
  threshold?: string;
  /** Statements run for each neuron that spiked (`'v = -60*mV'`; several lines allowed). */
  reset?: string;
  /**
   * The refractory period: `false` (none, default), a time Quantity (`ms(5)`), a string with time
   * units evaluated every step (`'(1 + rand())*ms'`), or a boolean string condition under which
   * the neuron stays refractory (`'v > -20*mV'`).
   */
  refractory?: Quantity | string | false;
  /** Integration method name, list of names tried in order, or a method object. Default `['exact', 'euler', 'heun']`. */
  method?: string | readonly string[] | StateUpdateMethod;
  /** Options for the method (Brian2's `method_options`). */
  methodOptions?: Readonly<Record<string, unknown>>;
  /** Custom events: event name → condition string. */
  events?: Readonly<Record<string, string>>;
  /** Names used in the model strings (looked up after units and functions, before the run namespace). */
  namespace?: Namespace;
  /** Time step of a private clock. Excludes `clock`. */
  dt?: Quantity;
  /** The clock to use (default `defaultclock`). Excludes `dt`. */
  clock?: Clock;
  /** Order within scheduling slots, passed to the contained objects. Default 0. */
  order?: number;
  /** Name; default `'neurongroup*'` (`neurongroup`, `neurongroup_1`, …). */
  name?: string;
  /**
   * Storage of the state variables (Brian2's `dtype`): `'float32'`/`'float64'` for every float
   * variable, or a dtype per variable (`{ v: 'float32' }`). Default `prefs.floatDtype`.
   */
  dtype?: DtypeOption;
}

const OPTION_NAMES = optionNames<NeuronGroupOptions>({ threshold: true, reset: true, refractory: true, method: true, methodOptions: true, events: true, namespace: true, dt: true, clock: true, order: true, name: true, dtype: true });

/** Options of {@link NeuronGroup.runOnEvent}. */
export interface RunOnEventOptions {
  /** Slot, default `'after_resets'`. */
  when?: When;
  /** Order, default the group's. */
  order?: number;
}

const SECOND = second.dim;
const LASTSPIKE_INITIAL = -1e4;

/** Brian2's guess of the membrane potential name, for hints in error messages. */
function guessMembranePotential(equations: Equations): string | undefined {
  if (equations.size === 1) return [...equations.names][0];
  return ['V', 'v', 'Vm', 'vm'].find((n) => equations.has(n));
}

function checkSize(N: unknown, requestedName: string): number {
  const who = requestedName.replace(/\*$/, '');
  if (typeof N === 'string') throw new GroupError('invalid-size', who, 'First NeuronGroup argument should be size, not equations.');
  if (typeof N !== 'number' || !Number.isInteger(N)) {
    throw new GroupError('invalid-size', who, `NeuronGroup size should be an integer, was ${typeof N === 'number' ? N : describeValue(N)}.`);
  }
  if (N < 1) throw new GroupError('invalid-size', who, `NeuronGroup size should be at least 1, was ${N}.`);
  return N;
}

/**
 * A group of neurons. State variables are properties (`G.v`, `G.v = mV(-70)`,
 * `G.I = 'i*I_max/(N-1)'`), subgroups come from `G.slice(start, stop)` (Brian2's `G[start:stop]`).
 * @example
 * const G = new NeuronGroup(100, 'dv/dt = (v0 - v)/tau : volt (unless refractory)', {
 *   threshold: 'v > -40*mV', reset: 'v = -60*mV', refractory: ms(5), namespace: { v0: mV(-10), tau: ms(10) },
 * });
 * G.v = mV(-70);
 */
export class NeuronGroup extends Group {
  /** The equations used for simulation (after refractoriness and `constant over dt` extraction). */
  readonly equations: Equations;
  /** The equations as the user gave them. */
  readonly userEquations: Equations;
  /** The refractory setting. */
  readonly refractory: Quantity | string | false;
  /** The integration method choice. */
  readonly method: string | readonly string[] | StateUpdateMethod;
  /** Options of the integration method (`methodOptions` of the constructor). */
  readonly methodOptions: Readonly<Record<string, unknown>> | undefined;
  /** Event name → condition. */
  readonly eventConditions: Readonly<Record<string, string>>;
  /** Event name → code run on the event (the reset for `'spike'`). */
  readonly eventCodes: Record<string, string> = {};
  /** Event name → the object checking its condition. */
  readonly thresholder: Record<string, Thresholder> = {};
  /** Event name → the object running its code. */
  readonly resetter: Record<string, StatementRunner> = {};
  /** The object integrating the equations. */
  readonly stateUpdater: StateUpdater;
  /** The object updating `(constant over dt)` subexpressions before each step, if any. */
  readonly subexpressionUpdater: SubexpressionUpdater | undefined;

  constructor(N: number, model: string | Equations, options?: NeuronGroupOptions) {
    const who = typeof options?.name === 'string' ? options.name.replace(/\*$/, '') : 'neurongroup';
    options = checkOptions(options, OPTION_NAMES, { what: `NeuronGroup '${who}'`, error: (message) => new GroupError('invalid-option', who, message) });
    const size = checkSize(N, typeof options.name === 'string' ? options.name : 'neurongroup');
    super(size, { ...pick(options), when: 'start' }, 'neurongroup*');
    try {

      // Equations and flags
      let equations: Equations;
      if (typeof model === 'string') equations = new Equations(model);
      else if (model instanceof Equations) equations = model;
      else throw new GroupError('invalid-model', this.name, `The model of '${this.name}' has to be a string or an Equations object, is '${typeof model}' instead.`);
      checkFlags(equations, NEURON_GROUP_FLAGS, this.name);
      this.userEquations = equations;

      const refractory = options.refractory ?? false;
      this.refractory = checkRefractoryOption(this.name, refractory);
      if (refractory !== false) equations = addRefractoriness(equations);
      const usesRefractoriness = [...equations].some((eq) => eq.type === 'differential equation' && eq.flags.includes('unless refractory'));
      if (usesRefractoriness && refractory === false) {
        warn('no_refractory', `Model equations of '${this.name}' use the "unless refractory" flag but no refractory keyword was given.`);
      }
      const constantOverDt = [...equations].filter((eq) => eq.type === 'subexpression' && eq.flags.includes('constant over dt'));
      this.equations = extractConstantSubexpressions(equations);
      checkMethodArgument(options.method ?? 'exact', options.methodOptions, this.name);
      this.method = options.method ?? ['exact', 'euler', 'heun'];
      this.methodOptions = options.methodOptions;

      // Events
      const events: Record<string, string> = { ...(options.events ?? {}) };
      if (options.events !== undefined && (typeof options.events !== 'object' || options.events === null)) {
        throw new GroupError('invalid-option', this.name, `The events of '${this.name}' have to be an object mapping event names to conditions.`);
      }
      if (options.threshold !== undefined && options.threshold !== null) {
        if (Object.hasOwn(events, 'spike')) throw new GroupError('invalid-event', this.name, `The NeuronGroup '${this.name}' defines both a threshold and a 'spike' event.`);
        events['spike'] = options.threshold;
        if (options.reset === undefined && refractory === false && typeof options.threshold === 'string' && !/\brandn?\(/.test(options.threshold)) {
          warn(
            'only_threshold',
            `The NeuronGroup '${this.name}' sets a threshold but neither a reset condition nor a refractory condition has been set. ` +
              'Did you forget either of those? If this was intended, set the reset argument to an empty string in order to avoid this warning.',
          );
        }
      }
      for (const [event, condition] of Object.entries(events)) {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(event)) throw new GroupError('invalid-event', this.name, `The name '${event}' cannot be used as an event name (in '${this.name}').`);
        if (typeof condition !== 'string') {
          let message = `Threshold condition of '${this.name}' has to be a string, not ${(condition as unknown) instanceof Quantity ? 'a quantity' : typeof condition}.`;
          const vm = event === 'spike' ? guessMembranePotential(this.userEquations) : undefined;
          if (vm !== undefined) message += ` Probably you intended to use '${vm} > ...'?`;
          throw new GroupError('invalid-threshold', this.name, message);
        }
      }
      this.eventConditions = Object.freeze(events);
      this.events = Object.freeze(Object.keys(events));

      const dtype = dtypeResolver(this.name, options.dtype, this.equations);
      allocateChecked(
        this.estimateBytes(size, dtype),
        () => this.createVariables(size, refractory !== false, dtype),
        (reason) => new GroupError('invalid-size', this.name, `NeuronGroup '${this.name}' of ${size} neurons cannot be created: ${reason}. Use fewer neurons.`),
      );

      for (const event of this.events) {
        const thresholder = new Thresholder(this, event, event === 'spike' ? 'thresholds' : 'after_thresholds');
        this.thresholder[event] = thresholder;
        this.containedObjects.push(thresholder);
      }
      if (options.reset !== undefined && options.reset !== null) this.runOnEvent('spike', options.reset, { when: 'resets' });

      this.stateUpdater = new StateUpdater(this);
      this.containedObjects.push(this.stateUpdater);
      this.subexpressionUpdater = undefined;
      if (constantOverDt.length > 0) {
        this.subexpressionUpdater = new SubexpressionUpdater(this, constantOverDt.map((eq) => statement(eq.varname, '=', eq.expr!)));
        this.containedObjects.push(this.subexpressionUpdater);
      }

      if (refractory !== false) {
        this.variables.getArray('lastspike').array.fill(LASTSPIKE_INITIAL);
        this.variables.getArray('not_refractory').array.fill(1);
      }
      this.refuseMemberNames(this.userEquations.names, (message, variable) => new GroupError('invalid-model', this.name, message, { variable }));
      this.enableAttributeAccess();
    } catch (e) {
      this.abandon();
      throw e;
    }
  }

  override get addToMagicNetwork(): boolean {
    return true;
  }

  /** The bytes {@link createVariables} allocates: indices, event spaces and one array per non-shared variable. */
  private estimateBytes(N: number, dtype: (name: string, type: ValueType) => Dtype): number {
    let perNeuron = 4 + 4 * this.events.length;
    for (const eq of this.equations) {
      if (eq.type === 'subexpression' || eq.flags.includes('linked') || eq.flags.includes('shared')) continue;
      const d = dtype(eq.varname, eq.varType);
      perNeuron += d === 'float64' || d === 'int64' ? 8 : d === 'bool' ? 1 : 4;
    }
    return N * perNeuron;
  }

  private createVariables(N: number, refractory: boolean, dtype: (name: string, type: ValueType) => Dtype): void {
    const variables = this.variables;
    addIndexVariables(variables, N);
    for (const event of this.events) variables.addArray(`_${event}space`, { dtype: 'int32', size: N + 1 });
    const clockVars = this.clock.variables;
    variables.add(clockVars.t, 't');
    variables.add(clockVars.dt, 'dt');
    variables.add(clockVars.t_in_timesteps, 't_in_timesteps');
    for (const eq of this.equations) {
      const problem = prePostSuffixProblem(eq.varname);
      if (problem !== undefined) throw new GroupError('invalid-model', this.name, `In the model of '${this.name}': ${problem}`, { variable: eq.varname });
      const shared = eq.flags.includes('shared');
      if (eq.type === 'subexpression') {
        variables.addSubexpression(eq.varname, { dim: eq.dim, expr: eq.expr!, type: eq.varType, scalar: shared });
        continue;
      }
      if (eq.flags.includes('linked')) {
        if (eq.flags.length !== 1) throw new GroupError('invalid-model', this.name, `In the model of '${this.name}': the 'linked' flag cannot be combined with other flags (variable '${eq.varname}').`, { variable: eq.varname });
        this.linkedNames.add(eq.varname);
        continue;
      }
      const unlessRefractory = refractory && eq.type === 'differential equation' && eq.flags.includes('unless refractory');
      variables.addArray(eq.varname, {
        dim: eq.dim,
        // Brian2 stores lastspike in the clock's dtype (float64) whatever the float default.
        dtype: eq.varname === 'lastspike' && refractory ? 'float64' : dtype(eq.varname, eq.varType),
        size: shared ? 1 : N,
        scalar: shared,
        constant: eq.flags.includes('constant'),
        ...(unlessRefractory ? { conditionalWrite: 'not_refractory' } : {}),
      });
    }
    // The noise variables are names of the group too (Brian2's AuxiliaryVariable `xi`), without storage.
    for (const xi of this.equations.stochasticVariables) variables.addAuxiliary(xi, NOISE_DIMENSION);
    // A shared subexpression may only refer to shared variables (Brian2 checks this here).
    for (const eq of this.equations) {
      if (eq.type !== 'subexpression' || !eq.flags.includes('shared')) continue;
      for (const id of eq.identifiers) {
        const v = variables.get(id);
        if (v !== undefined && ((v.kind === 'array' && !v.scalar) || (v.kind === 'subexpression' && !v.scalar))) {
          throw new GroupError('invalid-model', this.name, `Shared subexpression '${eq.varname}' of '${this.name}' refers to non-shared variable '${id}'.`, { variable: eq.varname });
        }
      }
    }
    this.addInternalVariables(variables, N);
    // The state in one shared WebAssembly memory where the group is large enough, so fast-math
    // kernels work on it in place (variables/wasm-storage.ts); nothing has captured an array yet.
    if (getPref('wasmStorage')) packWasmStorage(variables, this.wasmStorageMinElements());
  }

  /**
   * @internal A subclass's own per-element arrays (SpatialNeuron's linearised membrane current),
   * added before the state is packed into WebAssembly memory so that they share it. Called from
   * NeuronGroup's constructor: an override must not read the subclass's own fields.
   */
  protected addInternalVariables(_variables: Variables, _N: number): void {}

  /** @internal The group size from which the state goes into one WebAssembly memory (see packWasmStorage). */
  protected wasmStorageMinElements(): number {
    return WASM_STORAGE_MIN_ELEMENTS;
  }

  /**
   * Runs `code` for the neurons that had `event` (Brian2's `run_on_event`); returns the runner.
   * Default slot `'after_resets'`. One code block per event.
   */
  runOnEvent(event: string, code: string, options?: RunOnEventOptions): StatementRunner {
    options = checkOptions(options, ['when', 'order'], { what: `runOnEvent() of '${this.name}'`, error: (message) => new GroupError('invalid-option', this.name, message) });
    if (!this.events.includes(event)) {
      throw new GroupError('invalid-event', this.name, `Unknown event '${event}' for '${this.name}'.${event === 'spike' ? ' Did you forget to define a threshold?' : ''}`);
    }
    if (Object.hasOwn(this.resetter, event)) {
      throw new GroupError('invalid-event', this.name, `Cannot add code for event '${event}' to '${this.name}', code for this event has already been added.`);
    }
    if (typeof code !== 'string') {
      let message = `Reset statement of '${this.name}' has to be a string, not ${(code as unknown) instanceof Quantity ? 'a quantity' : typeof code}.`;
      const vm = event === 'spike' ? guessMembranePotential(this.userEquations) : undefined;
      if (vm !== undefined) message += ` Probably you intended to use '${vm} = ...'?`;
      throw new GroupError('invalid-reset', this.name, message);
    }
    const role = event === 'spike' ? 'reset' : `code of event '${event}'`;
    const runner = new StatementRunner(
      this,
      'reset',
      role,
      code,
      { when: options.when ?? 'after_resets', order: options.order ?? this.order, name: `${this.name}_${event}_resetter`, clock: this.clock },
      event,
    );
    this.eventCodes[event] = code;
    this.resetter[event] = runner;
    this.containedObjects.push(runner);
    return runner;
  }

  /** Moves the check of `event`'s condition to another slot (Brian2's `set_event_schedule`). */
  setEventSchedule(event: string, options: RunOnEventOptions = {}): void {
    const thresholder = this.thresholder[event];
    if (thresholder === undefined) throw new GroupError('invalid-event', this.name, `Unknown event '${event}' for '${this.name}'.`);
    thresholder.when = options.when ?? 'after_thresholds';
    thresholder.order = options.order ?? this.order;
  }

  /** The subgroup of neurons `start` to `stop` (exclusive): Brian2's `G[start:stop]`. Negative values count from the end. */
  slice(start?: number, stop?: number): Subgroup {
    const [a, b] = toStartStop(this.name, { ...(start !== undefined ? { start } : {}), ...(stop !== undefined ? { stop } : {}) }, this.N);
    return new Subgroup(this, a, b);
  }

  /** The subgroup for one neuron (`G[i]`) or contiguous ascending indices (`G[[3, 4, 5]]`). */
  subgroup(item: number | readonly number[]): Subgroup {
    const [a, b] = toStartStop(this.name, item, this.N);
    return new Subgroup(this, a, b);
  }

  /** Checks the equations' units with the names of this run, as Brian2's `NeuronGroup.before_run`. */
  override beforeRun(context: RunContext): void {
    for (const name of this.linkedNames) {
      if (!this.variables.has(name)) {
        throw new GroupError('linked-variable', this.name, `Link target for variable ${name} of '${this.name}' has not been set.`, { variable: name });
      }
    }
    const resolution = this.resolution(context.namespace);
    checkUnits(this.equations, {
      variables: resolution.resolver(),
      suggest: (identifier) => suggestionText(resolution.suggest(identifier)),
    });
    checkStatefulSubexpressions(this.name, this.equations, resolution);
    resolution.warnShadowed(new Set([...this.userEquations].flatMap((eq) => [...eq.identifiers])));
  }

  protected override setLinkedVariable(key: string, value: unknown): void {
    if (!(value instanceof LinkedVariable)) {
      throw new GroupError('linked-variable', this.name, `Cannot set the linked variable '${key}' of '${this.name}' directly, link it to another variable using 'linkedVar'.`, { variable: key });
    }
    const eq = this.equations.get(key)!;
    const target = value.variable;
    if (eq.dim !== target.dim) {
      throw new DimensionMismatchError(`Unit of variable '${key}' of '${this.name}' does not match its link target '${value.name}'`, eq.dim, target.dim);
    }
    if (target.kind === 'subexpression') {
      this.linkSubexpression(key, value, target);
      return;
    }
    const storage = arrayStorage(value.group, target);
    let index: string;
    if (value.index !== undefined) {
      const requested = Array.from(value.index);
      if (requested.length !== this.N || requested.some((x) => !Number.isInteger(x))) {
        throw new GroupError('linked-variable', this.name, `Index array for linked variable '${key}' of '${this.name}' has to be a one-dimensional integer array of length ${this.N}, but has length ${requested.length}.`, { variable: key });
      }
      if (requested.some((x) => x < 0 || x >= storage.length)) {
        throw new GroupError('linked-variable', this.name, `Index array for linked variable ${key} of '${this.name}' contains values outside of the valid range [0, ${storage.length}[`, { variable: key });
      }
      index = `_${key}_indices`;
      this.variables.delete(index);
      this.variables.addArray(index, {
        dtype: 'int32',
        size: this.N,
        constant: true,
        readOnly: true,
        values: requested.map((x) => (storage.indices === undefined ? storage.offset + x : storage.indices[x]!)),
      });
    } else if (target.scalar || (storage.length === 1 && this.N !== 1)) {
      index = '0';
      // Brian2 treats a link to one element from a larger group as a shared variable: it may be
      // read anywhere, but writing it in per-neuron code (a reset) is "not allowed in this context".
      this.variables.delete(key);
      this.variables.addReference(key, target, index, { scalar: true });
      return;
    } else {
      if (storage.length !== this.N) {
        throw new GroupError(
          'linked-variable',
          this.name,
          `Cannot link variable '${key}' of '${this.name}' to '${value.name}', the size of the target group does not match (${this.N} != ${storage.length}). ` +
            "You can provide an indexing scheme with the 'index' option to link groups with different sizes.",
          { variable: key },
        );
      }
      if (storage.indices === undefined && storage.offset === 0) {
        index = '_idx';
      } else {
        index = `_${key}_indices`;
        this.variables.delete(index);
        this.variables.addArray(index, {
          dtype: 'int32',
          size: this.N,
          constant: true,
          readOnly: true,
          values: Array.from({ length: this.N }, (_, k) => (storage.indices === undefined ? storage.offset + k : storage.indices[k]!)),
        });
      }
    }
    this.variables.delete(key);
    this.variables.addReference(key, target, index);
  }

  /**
   * A link to a subexpression of another group (Brian2 allows it): the link becomes a
   * subexpression of this group whose names refer to hidden references `_<key>_<name>` into
   * the other group's variables, element k reading the other group's element `index[k]`.
   */
  private linkSubexpression(key: string, value: LinkedVariable, target: SubexpressionVariable): void {
    const other = value.group;
    let positions: number[];
    if (value.index !== undefined) {
      positions = Array.from(value.index);
      if (positions.length !== this.N || positions.some((x) => !Number.isInteger(x))) {
        throw new GroupError('linked-variable', this.name, `Index array for linked variable '${key}' of '${this.name}' has to be a one-dimensional integer array of length ${this.N}, but has length ${positions.length}.`, { variable: key });
      }
      if (positions.some((x) => x < 0 || x >= other.N)) {
        throw new GroupError('linked-variable', this.name, `Index array for linked variable ${key} of '${this.name}' contains values outside of the valid range [0, ${other.N}[`, { variable: key });
      }
    } else if (target.scalar) {
      positions = new Array<number>(this.N).fill(0);
    } else {
      if (other.N !== this.N) {
        throw new GroupError(
          'linked-variable',
          this.name,
          `Cannot link variable '${key}' of '${this.name}' to '${value.name}', the size of the target group does not match (${this.N} != ${other.N}). ` +
            "You can provide an indexing scheme with the 'index' option to link groups with different sizes.",
          { variable: key },
        );
      }
      positions = Array.from({ length: this.N }, (_, k) => k);
    }
    const prefix = `_${key}_`;
    for (const name of [...this.variables.names()]) if (name.startsWith(prefix)) this.variables.delete(name);
    const indexFor = new Map<string, string>(); // the other group's index variable → ours
    const seen = new Map<string, string>(); // the other group's name → our hidden name
    const rename = (sub: SubexpressionVariable): Expr => {
      const substitutions = new Map<string, Expr>();
      for (const id of collectIdentifiers(sub.expr)) {
        const v = other.variables.get(id);
        if (v === undefined || v.kind === 'function') continue; // resolved by name (functions, namespace)
        let hidden = seen.get(id);
        if (hidden === undefined) {
          hidden = `${prefix}${id}`;
          seen.set(id, hidden);
          if (v.kind === 'constant' || (v.kind === 'array' && (v.scalar || v.index === '0'))) {
            this.variables.set(hidden, v);
          } else if (v.kind === 'array') {
            if (v.size === 'dynamic') {
              throw new GroupError('linked-variable', this.name, `Cannot link to '${value.name}' of '${other.name}': it refers to '${id}', which has no fixed size.`, { variable: key });
            }
            let index = indexFor.get(v.index);
            if (index === undefined) {
              const storage = arrayStorage(other, v);
              index = `${prefix}_index${indexFor.size}`;
              indexFor.set(v.index, index);
              this.variables.addArray(index, {
                dtype: 'int32',
                size: this.N,
                constant: true,
                readOnly: true,
                values: positions.map((p) => (storage.indices === undefined ? storage.offset + p : storage.indices[p]!)),
              });
            }
            this.variables.addReference(hidden, v, index);
          } else {
            const expr = rename(v);
            this.variables.set(hidden, Object.freeze({ ...v, name: hidden, expr }));
          }
        }
        substitutions.set(id, nameExpr(hidden));
      }
      return substitute(sub.expr, substitutions);
    };
    const expr = rename(target);
    this.variables.delete(key);
    this.variables.set(key, Object.freeze({ ...target, name: key, expr, scalar: target.scalar && value.index === undefined }));
  }
}

function pick(options: NeuronGroupOptions): { dt?: Quantity; clock?: Clock; order?: number; name?: string; namespace?: Namespace } {
  return {
    ...(options.dt !== undefined ? { dt: options.dt } : {}),
    ...(options.clock !== undefined ? { clock: options.clock } : {}),
    ...(options.order !== undefined ? { order: options.order } : {}),
    name: options.name ?? 'neurongroup*',
    ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
  };
}

/** Checks the type (and, for Quantities, the units) of the `refractory` option. */
function checkRefractoryOption(objectName: string, refractory: unknown): Quantity | string | false {
  if (refractory === false || typeof refractory === 'string') return refractory;
  if (refractory instanceof Quantity) {
    if (refractory.dim !== SECOND) {
      throw new DimensionMismatchError(`Refractory period of '${objectName}' has to be specified in units of seconds but got ${showValue(refractory)}`, refractory.dim);
    }
    return refractory;
  }
  if (typeof refractory === 'number') {
    throw new DimensionMismatchError(`Refractory period of '${objectName}' has to be specified in units of seconds but got ${refractory}`, DIMENSIONLESS);
  }
  throw new GroupError('invalid-refractory', objectName, `The refractory option of '${objectName}' has to be false, a time Quantity or a string expression, got ${typeof refractory}.`);
}

/** `timestep(t - lastspike, dt) >= timestep(period, dt)` (Brian2's refractoriness test). */
function refractoryOver(period: Expr): Expr {
  const dt = nameExpr('dt');
  return compare('>=', call('timestep', [binary('-', nameExpr('t'), nameExpr('lastspike')), dt]), call('timestep', [period, dt]));
}

/**
 * The functions called in `equations` that are constant within one of the group's time steps
 * when called as `f(t)` (TimedArrays with a dt that is a multiple of the group's), so `exact`
 * may integrate `dv/dt = (ta(t) - v)/tau` (Brian2's `is_constant_over_dt`).
 */
function locallyConstantFunctions(equations: Equations, resolution: NameResolution): string[] {
  const names = new Set<string>();
  for (const eq of equations) if (eq.expr !== undefined) for (const f of collectFunctionNames(eq.expr)) names.add(f);
  return [...names].filter((f) => resolution.isLocallyConstantFunction(f));
}

/**
 * Integrates the equations each step (slot `groups`). With refractoriness it first recomputes
 * `not_refractory` (Brian2's `StateUpdater._get_refractory_code`).
 */
export class StateUpdater extends CodeRunner {
  declare readonly group: NeuronGroup;
  /** The method used in the last run, and Brian2's info message when it was chosen automatically. */
  methodChosen: string | undefined = undefined;
  methodInfo: string | undefined = undefined;
  private readonly refractoryExpr: Expr | undefined;

  constructor(group: NeuronGroup) {
    super(group, 'stateupdate', { when: 'groups', order: group.order, name: `${group.name}_stateupdater`, clock: group.clock });
    const ref = group.refractory;
    this.refractoryExpr = typeof ref === 'string' ? parseCodeExpression(group.name, 'refractory', ref) : undefined;
  }

  /** The abstract code that updates `not_refractory`, or none. */
  refractoryStatements(resolution: NameResolution): Statement[] {
    const group = this.group;
    const ref = group.refractory;
    if (ref === false) return [];
    if (ref instanceof Quantity) {
      // Brian2 embeds the period as `{ref:f}`: rounded to 6 decimals of a second (1 µs resolution).
      const period: Variable = Object.freeze({ kind: 'constant', name: '_refractory_period', dim: SECOND, readOnly: true, value: Number(ref.value.toFixed(6)), type: 'float' } as const);
      this.extra = [period];
      return [statement('not_refractory', '=', refractoryOver(nameExpr('_refractory_period')))];
    }
    const expr = this.refractoryExpr!;
    const info = analyseCode(group.name, 'refractory', ref, expr, resolution.resolver(), (n) => resolution.suggest(n));
    if (info.dim === SECOND) return [statement('not_refractory', '=', refractoryOver(expr))];
    if (info.dim === DIMENSIONLESS) {
      if (info.type !== 'boolean') {
        throw new GroupError(
          'invalid-refractory',
          group.name,
          `Refractory expression '${ref}' of '${group.name}' is dimensionless but not a boolean value. It needs to either evaluate to a timespan or to a boolean value.`,
        );
      }
      // Only *leaving* refractoriness depends on the condition.
      return [statement('not_refractory', '=', logical('or', nameExpr('not_refractory'), unary('not', expr)))];
    }
    throw new DimensionMismatchError(
      `Refractory expression '${ref}' of '${group.name}' has to evaluate to a timespan or a boolean value, but has units ${getUnitForDisplay(info.dim)}`,
      info.dim,
    );
  }

  private extra: Variable[] = [];

  /**
   * Compiles the state update; when the group's spike thresholder runs right after it in this run
   * (nothing scheduled in between, same clock) and its condition draws no random numbers, both
   * become one loop over the neurons — the threshold reads the values just computed, exactly as
   * when it runs next — and the thresholder skips its own work for the run.
   */
  override beforeRun(context: RunContext): void {
    // Nothing to integrate and no refractoriness: no code object at all (as Brian2).
    if (this.group.equations.diffEqNames.size === 0 && this.group.refractory === false) {
      this.codeObject = undefined;
      return;
    }
    const thresholder = this.group.thresholder['spike'];
    const position = context.objects.indexOf(this);
    if (this.group.method !== undefined && isGslChoice(this.group.method)) {
      // GSL integration has its own template (no fusion with the threshold).
      super.beforeRun(context);
      return;
    }
    const next = position < 0 ? undefined : context.objects[position + 1];
    if (isUpdateTail(next) && next.group === this.group && next.clock === this.clock) {
      // The next object's per-element statements at the end of this loop: each element's tail
      // reads that element's new values, exactly what it reads when it runs next.
      const resolution = this.group.resolution(context.namespace);
      const update = { ...this.buildSpec(resolution), checkFinite: getPref('checkFinite') };
      const statements = [...(update.statements ?? []), ...next.tailStatements()];
      next.fusedInto = context;
      // The spike threshold right after the tail object, when its condition reads nothing that
      // object writes (v after the cable solve): it sees the same values in this loop too.
      const threshold = thresholder !== undefined && context.objects[position + 2] === thresholder && thresholder.clock === this.clock ? thresholder.thresholdSpec(resolution) : undefined;
      if (threshold === undefined || threshold.draws || readsAny(resolution, threshold.names, new Set(next.tailWrites()))) {
        this.codeObject = compileCodeBlock({ ...update, statements, variables: resolution.variablesFor(identifiersOf(statements), this.extra) });
        return;
      }
      this.compileFused({ ...update, statements }, threshold, resolution);
      thresholder!.fusedInto = context;
      return;
    }
    if (thresholder === undefined || position < 0 || context.objects[position + 1] !== thresholder || thresholder.clock !== this.clock) {
      super.beforeRun(context);
      return;
    }
    const resolution = this.group.resolution(context.namespace);
    const update = { ...this.buildSpec(resolution), checkFinite: getPref('checkFinite') };
    const threshold = thresholder.thresholdSpec(resolution);
    if (threshold.draws) {
      this.codeObject = compileCodeBlock(update);
      return;
    }
    this.compileFused(update, threshold, resolution);
    thresholder.fusedInto = context;
  }

  /** The state update and the spike threshold as one loop (`stateupdate_threshold`). */
  private compileFused(update: CodeBlockSpec, threshold: ReturnType<Thresholder['thresholdSpec']>, resolution: NameResolution): void {
    const names = new Set([...identifiersOf(update.statements ?? []), ...threshold.names]);
    this.codeObject = compileCodeBlock({
      ...update,
      template: 'stateupdate_threshold',
      stream: `${this.name}:stateupdate`,
      condition: threshold.condition,
      eventSpace: threshold.eventSpace,
      refractory: threshold.refractory,
      variables: resolution.variablesFor(names, this.extra),
      // No `source`: the statements are generated, and the condition was checked against its own text above.
    });
  }

  override run(): void {
    this.codeObject?.run();
  }

  override threadWork(): ThreadWork | undefined {
    return { code: [this.codeObject], reads: [], writes: [] };
  }

  protected override buildSpec(resolution: NameResolution): CodeBlockSpec {
    const group = this.group;
    this.extra = [];
    const statements = this.refractoryStatements(resolution);
    if (group.equations.diffEqNames.size > 0) {
      const choice = applyStateUpdater(group.equations, { get: (n) => resolution.lookup(n) }, group.method, {
        groupName: group.name,
        locallyConstantFunctions: locallyConstantFunctions(group.equations, resolution),
        ...(group.methodOptions !== undefined ? { methodOptions: group.methodOptions } : {}),
      });
      this.methodChosen = choice.method;
      this.methodInfo = choice.info;
      statements.push(...choice.statements);
      if (choice.gsl !== undefined) {
        const gsl = gslSpec(group, choice.gsl, resolution, statements, this.extra);
        const names = identifiersOf(statements);
        for (const n of ['t', 'dt', ...gsl.variables, gsl.lastTimestep, gsl.failedSteps, gsl.stepCount]) if (n !== undefined) names.add(n);
        return { name: this.name, template: 'gsl_stateupdate', statements, variables: resolution.variablesFor(names, this.extra), N: group.N, gsl };
      }
    }
    return {
      name: this.name,
      template: 'stateupdate',
      statements,
      variables: resolution.variablesFor(identifiersOf(statements), this.extra),
      N: group.N,
      // Generated from the equations, checked already at creation and run start (Brian2's check_units=False).
      checkUnits: false,
    };
  }
}

/**
 * @internal An object whose per-step work starts with per-element statements that can run at the
 * end of its group's state update loop when it is scheduled right after the state updater, on the
 * same clock (SpatialNeuron's linearised membrane current before the cable solve): one loop and,
 * on threads, one barrier less. It skips those statements in the runs it was fused into.
 */
export interface UpdateTail {
  readonly group: Group;
  readonly clock: Clock;
  /** The statements (over the group's own elements, at their own index). */
  tailStatements(): Statement[];
  /** The group's variables the object writes (the statements' targets and the rest of its work). */
  tailWrites(): readonly string[];
  /** Set by the state updater for the run whose loop does the statements. */
  fusedInto: RunContext | undefined;
}

/** Whether an expression over `names` reads one of `written`, directly or through subexpressions. */
function readsAny(resolution: NameResolution, names: Iterable<string>, written: ReadonlySet<string>): boolean {
  const queue = [...names];
  const seen = new Set<string>();
  for (let k = 0; k < queue.length; k++) {
    const name = queue[k]!;
    if (seen.has(name)) continue;
    seen.add(name);
    if (written.has(name)) return true;
    const variable = resolution.lookup(name);
    if (variable?.kind === 'subexpression') queue.push(...collectIdentifiers(variable.expr));
  }
  return false;
}

function isUpdateTail(o: unknown): o is UpdateTail {
  return typeof (o as Partial<UpdateTail> | undefined)?.tailStatements === 'function';
}

/** Whether a group's `method` names a GSL method (whose code is the `gsl_stateupdate` template). */
function isGslChoice(method: string | readonly string[] | StateUpdateMethod): boolean {
  const names = typeof method === 'string' ? [method] : Array.isArray(method) ? method : [(method as StateUpdateMethod).name];
  return names.some((n) => /^gsl(_|$)/i.test(n));
}

/**
 * The GSL template's settings for a group. Brian2 adds `_last_timestep` (starting at the dt of the
 * first run), `_failed_steps` and `_step_count` to the group's variables at the first run that
 * needs them; they stay, so a later run continues from the last step size.
 */
export function gslSpec(
  group: { readonly name: string; readonly N: number; readonly variables: Group['variables'] },
  settings: GslSettings,
  resolution: NameResolution,
  statements: Statement[],
  extra: Variable[],
  /** Creates a per-element variable if missing (default: a fixed-size array of the group). */
  ensure: (name: string, dtype: 'float64' | 'int32', initial: number) => void = (name, dtype, initial) => {
    // Dimensionless, as Brian2's (even `_last_timestep`, a time in seconds).
    if (!group.variables.has(name)) group.variables.addArray(name, { dtype, size: group.N, values: initial });
  },
): GslSpec {
  // Brian2's t: the step's start in hoisted scalar subexpressions, GSL's intermediate time elsewhere.
  const isScalar = (n: string): boolean => {
    const v = resolution.lookup(n);
    return v === undefined || v.kind === 'constant' || ((v.kind === 'array' || v.kind === 'subexpression') && v.scalar);
  };
  const isStateless = (fn: string): boolean => {
    const v = resolution.lookup(fn);
    return !STOCHASTIC_FUNCTIONS.has(fn) && !(v?.kind === 'function' && v.descriptor.stateful);
  };
  statements.splice(0, statements.length, ...statements.map((st) => ({ ...st, value: splitGslTime(st.value, isScalar, isStateless) })));
  let time: string | undefined;
  if (statements.some((st) => identifiersOf([st]).has(GSL_TIME))) {
    time = GSL_TIME;
    extra.push(createArrayVariable(GSL_TIME, { size: group.N, dim: second.dim }, group.name));
  }
  const dtVariable = resolution.lookup('dt');
  const dt = dtVariable?.kind === 'array' ? dtVariable.array[0]! : Number.NaN;
  const add = (name: string, dtype: 'float64' | 'int32', values: number): string => {
    ensure(name, dtype, values);
    return name;
  };
  return {
    integrator: settings.integrator,
    variables: settings.variables,
    derivatives: settings.variables.map((v, k) => gslDerivativeName(v, k)),
    absoluteErrors: settings.absoluteErrors,
    adaptableTimestep: settings.adaptableTimestep,
    maxSteps: settings.maxSteps,
    hStart: dt,
    ...(settings.useLastTimestep ? { lastTimestep: add('_last_timestep', 'float64', dt) } : {}),
    ...(settings.saveFailedSteps ? { failedSteps: add('_failed_steps', 'int32', 0) } : {}),
    ...(settings.saveStepCount ? { stepCount: add('_step_count', 'int32', 0) } : {}),
    ...(time !== undefined ? { time } : {}),
  };
}

/** Default functions that draw random numbers (a threshold using one is not fused: its draws are keyed by object). */
const STOCHASTIC_FUNCTIONS: ReadonlySet<string> = new Set(['rand', 'randn', 'poisson']);

/** Checks an event condition each step and fills the event space (slot `thresholds` / `after_thresholds`). */
export class Thresholder extends CodeRunner {
  declare readonly group: NeuronGroup;
  readonly event: string;
  private readonly condition: Expr;

  constructor(group: NeuronGroup, event: string, when: When) {
    super(group, 'threshold', { when, order: group.order, name: `${group.name}_${event}_thresholder`, clock: group.clock });
    this.event = event;
    this.condition = parseCodeExpression(group.name, event === 'spike' ? 'threshold' : `condition of event '${event}'`, group.eventConditions[event]!);
  }

  /** Whether spikes set `not_refractory = false` and `lastspike = t` (only the spike event of a refractory group). */
  get usesRefractory(): boolean {
    return this.event === 'spike' && this.group.refractory !== false;
  }

  /** The run whose state updater does this thresholder's work (see {@link StateUpdater.beforeRun}). */
  fusedInto: RunContext | undefined = undefined;
  private skip = false;

  /** The checked condition and what it needs (also for a state updater fusing it). */
  thresholdSpec(resolution: NameResolution): { condition: Expr; names: Set<string>; eventSpace: ArrayVariable; refractory: boolean; source: string; draws: boolean } {
    const group = this.group;
    const source = group.eventConditions[this.event]!;
    const role = this.event === 'spike' ? 'threshold' : `condition of event '${this.event}'`;
    checkCodeCondition(group.name, role, this.event === 'spike' ? 'Threshold condition' : 'Event condition', source, this.condition, resolution.resolver(), (n) =>
      resolution.suggest(n),
    );
    const refractory = this.usesRefractory;
    // The threshold template itself adds `and not_refractory` when `refractory` is set.
    const condition = this.condition;
    const names = identifiersOf([], condition);
    if (refractory) for (const n of ['t', 'lastspike', 'not_refractory']) names.add(n);
    // Anything but a variable, constant or default function might draw (rand(), a BinomialFunction, a user function).
    const draws = [...names].some((n) => {
      const v = resolution.lookup(n);
      return STOCHASTIC_FUNCTIONS.has(n) || (v?.kind === 'function' && v.implementation !== undefined);
    });
    return { condition, names, eventSpace: group.eventSpace(this.event), refractory, source, draws };
  }

  protected override buildSpec(resolution: NameResolution): CodeBlockSpec {
    const { condition, names, eventSpace, refractory, source } = this.thresholdSpec(resolution);
    return {
      name: this.name,
      template: 'threshold',
      condition,
      variables: resolution.variablesFor(names),
      N: this.group.N,
      eventSpace,
      refractory,
      source,
    };
  }

  override beforeRun(context: RunContext): void {
    // Compiled even when fused: `codeObject` stays available to run or inspect on its own.
    this.skip = this.fusedInto === context;
    super.beforeRun(context);
  }

  override run(): void {
    if (!this.skip) this.codeObject!.run();
  }

  override threadWork(): ThreadWork | undefined {
    return { code: this.skip ? [] : [this.codeObject], reads: [], writes: [] };
  }

  /** Brian2 clears the event space after a run (`G.spikes` is empty afterwards). */
  override afterRun(): void {
    const space = this.group.eventSpace(this.event);
    space.array[this.group.N] = 0;
  }
}

/** Updates `(constant over dt)` subexpressions once per step, before everything else (slot `before_start`). */
export class SubexpressionUpdater extends CodeRunner {
  /** The abstract code: one assignment per `(constant over dt)` subexpression, in dependency order. */
  readonly statements: readonly Statement[];

  /** `group`: a NeuronGroup, or Synapses (one value per synapse). */
  constructor(group: Group, statements: Statement[]) {
    super(group, 'subexpression_update', { when: 'before_start', order: group.order, name: `${group.name}_subexpression_update*`, clock: group.clock });
    this.statements = dependencyOrder(group, statements);
  }

  protected override buildSpec(resolution: NameResolution): CodeBlockSpec {
    return {
      name: this.name,
      template: 'subexpression_update',
      statements: this.statements,
      variables: resolution.variablesFor(identifiersOf(this.statements)),
      N: this.group.N,
    };
  }
}

/**
 * `statements` (one per subexpression) ordered so that each comes after those it uses, directly
 * or through other subexpressions (Brian2 orders them topologically); otherwise as given.
 */
function dependencyOrder(group: Group, statements: readonly Statement[]): Statement[] {
  const targets = new Set(statements.map((st) => st.target));
  const uses = (expr: Expr, seen: Set<string>, out: Set<string>): void => {
    for (const id of collectIdentifiers(expr)) {
      if (seen.has(id)) continue;
      seen.add(id);
      if (targets.has(id)) out.add(id);
      const v = group.variables.get(id);
      if (v?.kind === 'subexpression') uses(v.expr, seen, out);
    }
  };
  const deps = new Map(
    statements.map((st) => {
      const out = new Set<string>();
      uses(st.value, new Set([st.target]), out);
      return [st.target, out] as const;
    }),
  );
  const done = new Set<string>();
  const ordered: Statement[] = [];
  let pending = [...statements];
  while (pending.length > 0) {
    const ready = pending.filter((st) => [...deps.get(st.target)!].every((d) => done.has(d)));
    const next = ready.length > 0 ? ready : pending; // a cycle: keep the given order
    for (const st of next) {
      ordered.push(st);
      done.add(st.target);
    }
    pending = pending.filter((st) => !done.has(st.target));
  }
  return ordered;
}
