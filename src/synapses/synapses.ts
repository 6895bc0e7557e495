/**
 * `Synapses` (Brian2's `brian2/synapses/synapses.py`): synaptic variables in dynamic arrays,
 * pre/post references, pathways with spike queues, connect(), event-driven and clock-driven
 * equations, `(summed)` variables, and Brian2-style state access including 2-D indexing.
 */
import { compileCodeBlock, defaultRandomState } from '../codegen/index.ts';
import type { CodeBlockSpec, CodeObject, GslSpec, RandomState } from '../codegen/index.ts';
import { BrianObject, getPref } from '../core/index.ts';
import type { Clock, RunContext, ThreadWork } from '../core/index.ts';
import { EquationError, Equations, SYNAPSES_FLAGS, checkUnits, SYNAPSES_INCOMPATIBLE_FLAGS, checkFlags, prePostSuffixProblem } from '../equations/index.ts';
import type { SingleEquation } from '../equations/index.ts';
import { Group, NameResolution, dtypeResolver, SubexpressionUpdater, VariableView, checkStatefulSubexpressions, gslSpec, warnAmbiguousIndexExpression } from '../groups/index.ts';
import type { DtypeOption, Namespace, StateValue } from '../groups/index.ts';
import { UndefinedIdentifierError, checkStatements } from '../inference/index.ts';
import type { ValueType } from '../inference/index.ts';
import { binary, collectFunctionNames, collectIdentifiers, name as nameExpr, parseStatements, statement, ParseError } from '../parsing/index.ts';
import type { Expr, Statement } from '../parsing/index.ts';
import { applyStateUpdater, checkMethodArgument, extractConstantSubexpressions } from '../stateupdaters/index.ts';
import type { StateUpdateMethod } from '../stateupdaters/index.ts';
import { DimensionMismatchError, Quantity, QuantityArray, getUnitForDisplay, second } from '../units/index.ts';
import { BrianError, checkOptions, describeValue, optionNames, showValue, warn } from '../util/index.ts';
import { allocateArray, createArrayVariable, resizeDynamic } from '../variables/index.ts';
import type { ArrayVariable, Dtype, StorageArray, Variable } from '../variables/index.ts';
import { replaceName, replaceNameInStatements } from './ast-util.ts';
import { connectSpec } from './connect.ts';
import type { ConnectArguments, VariableIndex } from './connect.ts';
import { createPairs } from './creation.ts';
import { ConnectError, SynapsesDefinitionError } from './errors.ts';
import { addSideReferences } from './references.ts';
import { PASS_CHUNK, SpikeQueue } from './spike-queue.ts';

/** Options of `new Synapses(source, target, model, options)` (Brian2's keywords, camelCase). */
export interface SynapsesOptions {
  /** Code run for each synapse when its presynaptic neuron spikes: a string (pathway `pre`) or `{ name: code }`. */
  onPre?: string | Readonly<Record<string, string>>;
  /** Code run when the postsynaptic neuron spikes: a string (pathway `post`) or `{ name: code }`. */
  onPost?: string | Readonly<Record<string, string>>;
  /** A scalar delay for the `pre` pathway, or `{ pathway: delay }`. Without it, delays are per synapse (`S.delay`). */
  delay?: Quantity | Readonly<Record<string, Quantity>>;
  /** The event triggering the pathways (default `'spike'`), or `{ pathway: event }`. */
  onEvent?: string | Readonly<Record<string, string>>;
  /** Name of an integer variable numbering synapses of the same (i, j) pair: 0, 1, 2, … */
  multisynapticIndex?: string;
  /** Integration method for clock-driven equations (default `['exact', 'euler', 'heun']`). */
  method?: string | readonly string[] | StateUpdateMethod;
  /** Options of the integration method (Brian2's `method_options`). */
  methodOptions?: Readonly<Record<string, unknown>>;
  /** Names the model strings use (Brian2 takes them from the calling frame). */
  namespace?: Namespace;
  /** Time step of the synapses' own clock. Excludes `clock`. */
  dt?: Quantity;
  /** The clock the synapses run on. Excludes `dt`. Default: the default clock. */
  clock?: Clock;
  /** Order within the scheduling slot (default 0). */
  order?: number;
  /** Default `'synapses*'`. */
  name?: string;
  /**
   * Storage of the synaptic variables (Brian2's `dtype`): `'float32'`/`'float64'` for every float
   * variable, or a dtype per variable (`{ w: 'float32' }`). Default `prefs.floatDtype`.
   */
  dtype?: DtypeOption;
}

const OPTION_NAMES = optionNames<SynapsesOptions>({
  onPre: true,
  onPost: true,
  delay: true,
  onEvent: true,
  multisynapticIndex: true,
  method: true,
  methodOptions: true,
  namespace: true,
  dt: true,
  clock: true,
  order: true,
  name: true,
  dtype: true,
});

/** A neuron selection in 2-D indexing: an index, indices, all (`null`, Brian2's `:`), or a slice `{ start, stop }`. */
export type NeuronSelection = number | ArrayLike<number> | null | { readonly start?: number; readonly stop?: number } | Group;

/** Options of {@link Synapses.connect} besides Brian2's arguments. */
export interface ConnectOptions extends ConnectArguments {
  /** Names for the connect expressions (Brian2's `namespace` argument). */
  namespace?: Namespace;
}

const CONNECT_OPTIONS = optionNames<ConnectOptions>({ condition: true, i: true, j: true, p: true, n: true, skipIfInvalid: true, namespace: true });

const SECOND = second.dim;

/**
 * Synapses between two groups. Synaptic variables are properties like a NeuronGroup's
 * (`S.w = 'rand()*gmax'`, `S.w.values`, `S.w['i == j'] = 7`); 2-D access by neuron indices is
 * `S.w.at(i, j)` / `S.w.setAt2(i, j, value)` (Brian2's `S.w[i, j]`), `S.indicesOf(i, j)` gives the
 * synapse indices. `S.i`, `S.j`, `S.delay`, `S.N_incoming`, `S.N_outgoing` as in Brian2.
 * The source or target may itself be a Synapses object (Brian2's modulatory pathways): then
 * `x_post` (and plain `x`) are its synaptic variables and connect() indexes its synapses.
 * @example
 * const S = new Synapses(G, H, 'w : volt', { onPre: 'v_post += w', delay: ms(1) });
 * S.connect({ condition: 'i != j', p: 0.1 });
 * S.w = 'rand()*0.5*mV';
 */
export class Synapses extends Group {
  /** The presynaptic group (Brian2's `S.source`; `source` is the storage owner, as for every Group). */
  readonly sourceGroup: Group;
  /** The postsynaptic group (Brian2's `S.target`). */
  readonly targetGroup: Group;
  /** The equations as given (with `lastupdate` added when there are event-driven equations). */
  readonly equations: Equations;
  /** The event-driven differential equations (integrated at each event), or undefined. */
  readonly eventDriven: Equations | undefined;
  /** Clock-driven equations integrated every step. */
  readonly clockDriven: Equations;
  /** The integration method as given (`method` option). */
  readonly method: string | readonly string[] | StateUpdateMethod;
  /** Options of the integration method (`methodOptions` option). */
  readonly methodOptions: Readonly<Record<string, unknown>> | undefined;
  /** Name of the variable numbering synapses of one (i, j) pair, if any. */
  readonly multisynapticIndex: string | undefined;
  /** Pathways by name (`pre`, `post`, or the keys of `onPre`/`onPost` objects). */
  readonly pathways: ReadonlyMap<string, SynapticPathway>;
  /** The updaters of `(summed)` variables. */
  readonly summedUpdaters: readonly SummedVariableUpdater[];
  /** The clock-driven state updater, if there are clock-driven equations. */
  readonly stateUpdater: SynapsesStateUpdater | undefined;
  /** Whether connect() was called (even if it created nothing). */
  connectCalled = false;
  private nSynapses = 0;
  /** Dynamic per-synapse variables, resized with the synapses. */
  private readonly perSynapse: ArrayVariable[] = [];
  private readonly nVariable: ArrayVariable;

  constructor(source: Group, target?: Group, model?: string | Equations, options?: SynapsesOptions) {
    const who = (typeof options?.name === 'string' ? options.name : 'synapses').replace(/\*$/, '');
    options = checkOptions(options, OPTION_NAMES, { what: 'Synapses', error: (message) => new SynapsesDefinitionError('invalid-option', who, message) });
    super(0, { ...pickGroupOptions(options), when: 'start' }, 'synapses*');
    try {
      // N and stop follow the number of synapses (Group stores them as plain fields).
      this.defineReadOnly('N', () => this.nSynapses);
      this.defineReadOnly('stop', () => this.nSynapses);
      if (!(source instanceof Group)) throw new SynapsesDefinitionError('invalid-option', this.name, 'The source of a Synapses object has to be a group.');
      const tgt = target ?? source;
      if (!(tgt instanceof Group)) throw new SynapsesDefinitionError('invalid-option', this.name, 'The target of a Synapses object has to be a group.');
      this.sourceGroup = source;
      this.targetGroup = tgt;
      this.addDependency(source);
      this.addDependency(tgt);
      checkMethodArgument(options.method ?? 'exact', options.methodOptions, this.name);
      this.method = options.method ?? ['exact', 'euler', 'heun'];
      this.methodOptions = options.methodOptions;

      let equations: Equations;
      if (model === undefined || model === '') equations = new Equations('');
      else if (typeof model === 'string') equations = new Equations(model);
      else if (model instanceof Equations) equations = model;
      else throw new SynapsesDefinitionError('invalid-model', this.name, `The model has to be a string or an Equations object, is '${typeof model}' instead.`);
      checkFlags(equations, SYNAPSES_FLAGS, this.name, SYNAPSES_INCOMPATIBLE_FLAGS);
      const eqs = [...equations];
      const eventDriven = eqs.filter((eq) => eq.type === 'differential equation' && eq.flags.includes('event-driven'));
      if (eventDriven.length > 0 && !equations.has('lastupdate')) equations = equations.plus('lastupdate : second');
      // `(constant over dt)` subexpressions become per-synapse variables updated once per step (as in NeuronGroup).
      const constantOverDt = [...equations].filter((eq) => eq.type === 'subexpression' && eq.flags.includes('constant over dt'));
      equations = extractConstantSubexpressions(equations);
      this.equations = equations;
      this.eventDriven = eventDriven.length > 0 ? new Equations(eventDriven) : undefined;
      const summed = [...equations].filter((eq) => eq.type === 'subexpression' && eq.flags.includes('summed'));
      this.clockDriven = new Equations(
        [...equations].filter((eq) => !(eq.type === 'differential equation' && eq.flags.includes('event-driven')) && !eq.flags.includes('summed')),
      );
      this.checkEventDrivenDependencies();

      if (options.multisynapticIndex !== undefined && (typeof options.multisynapticIndex !== 'string' || equations.has(options.multisynapticIndex))) {
        throw new SynapsesDefinitionError('invalid-option', this.name, `multisynapticIndex has to be a new variable name, got '${showValue(options.multisynapticIndex)}'.`);
      }
      this.multisynapticIndex = options.multisynapticIndex;

      this.nVariable = this.createVariables(equations, dtypeResolver(this.name, options.dtype, equations, (message) => new SynapsesDefinitionError('invalid-option', this.name, message)));

      // Pathways
      const pathways = new Map<string, SynapticPathway>();
      const events = options.onEvent ?? 'spike';
      const delays = options.delay;
      const plainObject = (x: unknown): boolean => typeof x === 'object' && x !== null && [Object.prototype, null].includes(Object.getPrototypeOf(x));
      if (delays !== undefined && !(delays instanceof Quantity) && !plainObject(delays)) {
        throw new SynapsesDefinitionError('invalid-option', this.name, `The delay has to be a time Quantity or an object mapping pathway names to delays, got ${describeValue(delays)}.`);
      }
      const addPathways = (code: string | Readonly<Record<string, string>> | undefined, prepost: 'pre' | 'post'): void => {
        if (code === undefined || code === null) return;
        const entries: [string, string][] = typeof code === 'string' ? [[prepost, code]] : Object.entries(code);
        for (const [pathName, pathCode] of entries) {
          if (pathways.has(pathName)) throw new SynapsesDefinitionError('invalid-model', this.name, `The pathway name '${pathName}' is used twice.`);
          if (typeof pathCode !== 'string') throw new SynapsesDefinitionError('invalid-model', this.name, `The code of pathway '${pathName}' has to be a string.`);
          const delay = delays instanceof Quantity ? (pathName === 'pre' && typeof code === 'string' && prepost === 'pre' ? delays : undefined) : delays?.[pathName];
          const event = typeof events === 'string' ? events : events[pathName] ?? 'spike';
          pathways.set(pathName, new SynapticPathway(this, pathCode, prepost, pathName, delay, event));
        }
      };
      addPathways(options.onPre, 'pre');
      addPathways(options.onPost, 'post');
      if (delays instanceof Quantity && !pathways.has('pre')) {
        throw new SynapsesDefinitionError('invalid-option', this.name, "Cannot set the delay: there is no 'pre' pathway, so 'delay' does not refer to anything.");
      }
      if (delays !== undefined && !(delays instanceof Quantity)) {
        for (const key of Object.keys(delays)) {
          if (!pathways.has(key)) throw new SynapsesDefinitionError('invalid-option', this.name, `Cannot set the delay for pathway '${key}': unknown pathway.`);
        }
      }
      this.pathways = pathways;
      // References come after the pathways' own variables (`delay`), which win over a Synapses target's.
      addSideReferences(this.variables, { group: this.sourceGroup, suffix: '_pre', index: '_presynaptic_idx', relativeIndex: 'i', unsuffixed: false });
      addSideReferences(this.variables, { group: this.targetGroup, suffix: '_post', index: '_postsynaptic_idx', relativeIndex: 'j', unsuffixed: true });
      this.checkSharedSubexpressions();
      for (const p of pathways.values()) {
        this.containedObjects.push(p);
        p.owner = this;
        // `S.pre`, `S.post`, `S.<name>`: the pathway objects (Brian2 attributes).
        if (!(p.pathwayName in this)) Object.defineProperty(this, p.pathwayName, { value: p, enumerable: false, configurable: true });
      }

      // Summed variables
      const summedUpdaters: SummedVariableUpdater[] = [];
      const targets = new Set<string>();
      for (const eq of summed) {
        const updater = new SummedVariableUpdater(this, eq);
        const key = `${updater.targetGroup.source.name}.${updater.targetVariable}`;
        if (targets.has(key)) {
          throw new SynapsesDefinitionError('summed-variable', this.name, `The target variable '${updater.targetVariable}' of '${updater.targetGroup.name}' is summed twice.`);
        }
        targets.add(key);
        summedUpdaters.push(updater);
        this.containedObjects.push(updater);
      }
      this.summedUpdaters = summedUpdaters;

      const clockDrivenDiff = [...this.clockDriven].some((eq) => eq.type === 'differential equation');
      this.stateUpdater = clockDrivenDiff ? new SynapsesStateUpdater(this) : undefined;
      if (this.stateUpdater !== undefined) this.containedObjects.push(this.stateUpdater);
      if (constantOverDt.length > 0) {
        this.containedObjects.push(new SubexpressionUpdater(this, constantOverDt.map((eq) => statement(eq.varname, '=', eq.expr!))));
      }
      this.refuseMemberNames(this.equations.names, (message) => new SynapsesDefinitionError('invalid-model', this.name, message));
      this.enableAttributeAccess();
    } catch (e) {
      this.abandon();
      throw e;
    }
  }

  override get addToMagicNetwork(): boolean {
    return true;
  }

  /**
   * Brian2: a clock-driven or summed equation may not depend on an event-driven variable, nor an
   * event-driven one on a clock-driven variable, also indirectly (Brian2's EquationError wording, with "via").
   */
  private checkEventDrivenDependencies(): void {
    if (this.eventDriven === undefined) return;
    const eqs = this.equations;
    const eventVars = new Set(this.eventDriven.diffEqNames);
    const isDiff = (n: string): boolean => eqs.get(n)?.type === 'differential equation';
    const clockVars = new Set([...eqs].filter((e) => e.type === 'differential equation' && !eventVars.has(e.varname)).map((e) => e.varname));
    // Direct dependencies first, then indirect ones with the names they go through (Brian2's `Equations.dependencies`).
    const dependencies = (eq: SingleEquation): { name: string; via: string[] }[] => {
      const out: { name: string; via: string[] }[] = [];
      const seen = new Set<string>();
      let frontier: { name: string; via: string[] }[] = [...eq.identifiers].filter((n) => eqs.get(n) !== undefined && eqs.get(n)!.type !== 'parameter').map((n) => ({ name: n, via: [] }));
      while (frontier.length > 0) {
        const next: { name: string; via: string[] }[] = [];
        for (const d of frontier) {
          if (seen.has(d.name)) continue;
          seen.add(d.name);
          out.push(d);
          for (const n of eqs.get(d.name)!.identifiers) {
            if (n !== d.name && eqs.get(n) !== undefined && eqs.get(n)!.type !== 'parameter') next.push({ name: n, via: [...d.via, d.name] });
          }
        }
        frontier = next;
      }
      return out;
    };
    const via = (names: string[]): string => (names.length > 0 ? ` (via ${names.map((n) => `'${n}'`).join(', ')})` : '');
    for (const eq of eqs) {
      const summed = eq.flags.includes('summed');
      if (eq.type !== 'differential equation' && !summed) continue;
      const kind = summed ? 'summed' : eventVars.has(eq.varname) ? 'event-driven' : 'clock-driven';
      const forbidden = kind === 'event-driven' ? clockVars : eventVars;
      const other = kind === 'event-driven' ? 'clock-driven' : 'event-driven';
      for (const d of dependencies(eq)) {
        if (forbidden.has(d.name) && isDiff(d.name)) {
          // Brian2: EquationError.
          throw new EquationError('dependency', `Synapses '${this.name}': The ${kind} '${eq.varname}' should not depend on the ${other} variable '${d.name}'${via(d.via)}.`, { variable: eq.varname });
        }
      }
    }
  }

  private createVariables(equations: Equations, dtype: (name: string, type: ValueType) => Dtype): ArrayVariable {
    const v = this.variables;
    const dyn = (name: string, dtype: Dtype, extra: { dim?: ArrayVariable['dim']; readOnly?: boolean; constant?: boolean; index?: string } = {}): ArrayVariable => {
      const variable = v.addArray(name, { size: 'dynamic', dtype, ...extra });
      this.perSynapse.push(variable);
      return variable;
    };
    const synPre = dyn('_synaptic_pre', 'int32', { readOnly: true, constant: true });
    const synPost = dyn('_synaptic_post', 'int32', { readOnly: true, constant: true });
    v.add(synPre, '_presynaptic_idx');
    v.add(synPost, '_postsynaptic_idx');
    const clockVars = this.clock.variables;
    v.add(clockVars.t, 't');
    v.add(clockVars.dt, 'dt');
    v.add(clockVars.t_in_timesteps, 't_in_timesteps');
    const src = this.sourceGroup;
    const tgt = this.targetGroup;
    v.addConstant('_source_offset', { value: src.start, type: 'integer' });
    v.addConstant('_target_offset', { value: tgt.start, type: 'integer' });
    if (src.start === 0) v.add(synPre, 'i');
    else v.addSubexpression('i', { expr: binary('-', nameExpr('_synaptic_pre'), nameExpr('_source_offset')), type: 'integer' });
    if (tgt.start === 0) v.add(synPost, 'j');
    else v.addSubexpression('j', { expr: binary('-', nameExpr('_synaptic_post'), nameExpr('_target_offset')), type: 'integer' });
    const nVar = v.addArray('N', { dtype: 'int32', size: 1, scalar: true, readOnly: true, constant: true });
    v.addConstant('N_pre', { value: src.N, type: 'integer' });
    v.addConstant('N_post', { value: tgt.N, type: 'integer' });
    // A Synapses side grows with its connect() calls: the counts are then resized on each connect.
    const sideSize = (g: Group): number | 'dynamic' => (g.source instanceof Synapses ? 'dynamic' : g.source.N);
    v.addArray('N_incoming', { dtype: 'int32', size: sideSize(tgt), readOnly: true, constant: true, index: '_postsynaptic_idx' });
    v.addArray('N_outgoing', { dtype: 'int32', size: sideSize(src), readOnly: true, constant: true, index: '_presynaptic_idx' });
    if (this.multisynapticIndex !== undefined) dyn(this.multisynapticIndex, 'int32', { readOnly: true, constant: true });

    for (const eq of equations) {
      const shared = eq.flags.includes('shared');
      if (eq.type === 'subexpression') {
        if (eq.flags.includes('summed')) {
          v.addSubexpression(`_summed_${eq.varname}`, { dim: eq.dim, expr: eq.expr!, type: eq.varType });
          continue;
        }
        this.checkName(eq.varname);
        v.addSubexpression(eq.varname, { dim: eq.dim, expr: eq.expr!, type: eq.varType, scalar: shared });
        continue;
      }
      this.checkName(eq.varname);
      // Brian2 stores lastupdate in the clock's dtype (float64) whatever the float default.
      const d = eq.varname === 'lastupdate' && this.eventDriven !== undefined ? 'float64' : dtype(eq.varname, eq.varType);
      if (shared) {
        v.addArray(eq.varname, { dim: eq.dim, dtype: d, size: 1, scalar: true, constant: eq.flags.includes('constant') });
      } else {
        dyn(eq.varname, d, { dim: eq.dim, constant: eq.flags.includes('constant') });
      }
    }
    // Pre/post references; a synaptic variable may not shadow a neuron variable (Brian2's ValueError).
    const clash = (group: Group, which: string): void => {
      for (const name of group.variables.names()) {
        const eq = equations.get(name);
        if (eq !== undefined && name !== 'lastupdate' && !eq.flags.includes('summed')) {
          throw new SynapsesDefinitionError(
            'invalid-model',
            this.name,
            `The ${which}-synaptic variable '${name}' has the same name as a synaptic variable, rename the synaptic variable (for example to '${name}_syn') to avoid confusion.`,
          );
        }
      }
    };
    clash(src, 'pre');
    clash(tgt, 'post');
    return nVar;
  }

  /** A shared subexpression may only refer to shared variables (Brian2's SyntaxError at creation). */
  private checkSharedSubexpressions(): void {
    for (const eq of this.equations) {
      if (eq.type !== 'subexpression' || !eq.flags.includes('shared')) continue;
      for (const id of eq.identifiers) {
        const v = this.variables.get(id);
        if (v !== undefined && (v.kind === 'array' || v.kind === 'subexpression') && !v.scalar) {
          throw new SynapsesDefinitionError('invalid-model', this.name, `Shared subexpression '${eq.varname}' refers to non-shared variable '${id}'.`);
        }
      }
    }
  }

  private checkName(varname: string): void {
    const problem = prePostSuffixProblem(varname);
    if (problem !== undefined) throw new SynapsesDefinitionError('invalid-model', this.name, problem);
  }

  /** @internal Registers a per-synapse dynamic variable (a pathway's delays) to be resized with the synapses. */
  registerPerSynapse(variable: ArrayVariable): void {
    resizeDynamic(variable, this.nSynapses);
    this.perSynapse.push(variable);
  }

  /**
   * Creates synapses (Brian2's `connect`), in every form: `connect()` (all-to-all),
   * `connect({ i, j })` (arrays), `connect({ condition, p, n })`, `connect({ j: 'k for k in range(i-1, i+2)', skipIfInvalid })`,
   * `connect('i != j')`. Several calls accumulate.
   */
  connect(args: ConnectOptions | string | boolean = {}): void {
    const plainObject = typeof args === 'object' && args !== null && [Object.prototype, null].includes(Object.getPrototypeOf(args));
    if (Array.isArray(args) || (!plainObject && typeof args !== 'string' && typeof args !== 'boolean')) {
      throw new ConnectError('argument-type', 'TypeError', this.name, 'condition argument must be bool or string. If you want to connect based on indices, use connect(i=..., j=...).');
    }
    const options: ConnectOptions =
      typeof args === 'string' || typeof args === 'boolean'
        ? { condition: args }
        : checkOptions(args, CONNECT_OPTIONS, { what: 'connect()', error: (message) => new ConnectError('argument-type', 'TypeError', this.name, message) });
    const { namespace, ...connectArgs } = options;
    // Names resolve as in the Synapses' code (Brian2 checks conditions and range() arguments against them).
    const scope = new NameResolution(this.name, this.variables, this.namespace, namespace ?? {}).resolver();
    const indexOf = (id: string): readonly VariableIndex[] => {
      const variable = this.variables.get(id);
      if (variable === undefined || variable.kind !== 'array' || variable.scalar) return [];
      if (variable.index === '_presynaptic_idx') return ['presynaptic'];
      if (variable.index === '_postsynaptic_idx') return ['postsynaptic'];
      return ['synaptic'];
    };
    const spec = connectSpec(connectArgs, {
      synapsesName: this.name,
      source: { name: this.sourceGroup.name, size: this.sourceGroup.N },
      target: { name: this.targetGroup.name, size: this.targetGroup.N },
      indexOf,
      scope,
      inline: (expr) => this.inlineSubexpressions(expr),
    });
    const pairs = createPairs(spec, {
      name: this.name,
      source: this.sourceGroup,
      target: this.targetGroup,
      groupNamespace: this.namespace,
      runNamespace: namespace ?? {},
      random: this.random,
      existingSynapses: this.nSynapses,
      bytesPerSynapse: this.perSynapse.reduce((sum, v) => sum + v.array.BYTES_PER_ELEMENT, 0),
      // The pairs are written straight into the synapse index arrays (no copy).
      storage: { pre: this.variables.getArray('_synaptic_pre'), post: this.variables.getArray('_synaptic_post') },
    });
    this.connectCalled = true;
    this.appendSynapses(pairs.pre, pairs.post);
  }

  /** Replaces the model's own (non-summed) subexpressions in `expr` by their definitions, recursively. */
  private inlineSubexpressions(expr: Expr, depth = 0): Expr {
    let out = expr;
    for (const id of collectIdentifiers(expr)) {
      const eq = this.equations.get(id);
      if (eq === undefined || eq.type !== 'subexpression' || eq.flags.includes('summed') || depth > 100) continue;
      out = replaceName(out, id, this.inlineSubexpressions(eq.expr!, depth + 1));
    }
    return out;
  }

  /** The random state used by connect() (the default one, which `seed()` resets). */
  private get random(): RandomState {
    return defaultRandomState;
  }

  /**
   * Takes in the synapses `pre`/`post` that connect() created, already written after the
   * existing ones into `_synaptic_pre`/`_synaptic_post` (whose capacity they chose): every
   * other per-synapse array gets the same capacity, and the counts are updated.
   */
  private appendSynapses(pre: Int32Array, post: Int32Array): void {
    const old = this.nSynapses;
    const total = old + pre.length;
    const capacity = this.variables.getArray('_synaptic_pre').array.length;
    for (const variable of this.perSynapse) {
      if (variable.array.length < capacity) {
        const bigger = allocateArray(variable.dtype, capacity, true);
        // New memory is zero: copying zeros (a variable not yet set, as between several
        // connect() calls) would only make the system map its pages now.
        if (!allZeroBits(variable.array, variable.length)) bigger.set(variable.array.subarray(0, variable.length));
        variable.array = bigger;
      }
      resizeDynamic(variable, total);
    }
    this.nSynapses = total;
    this.nVariable.array[0] = total;
    const incomingVar = this.variables.getArray('N_incoming');
    const outgoingVar = this.variables.getArray('N_outgoing');
    if (incomingVar.size === 'dynamic') resizeDynamic(incomingVar, Math.max(incomingVar.length, this.targetGroup.source.N));
    if (outgoingVar.size === 'dynamic') resizeDynamic(outgoingVar, Math.max(outgoingVar.length, this.sourceGroup.source.N));
    const incoming = incomingVar.array;
    const outgoing = outgoingVar.array;
    // In chunks, as the spike queue's passes (PASS_CHUNK): optimised within the first run even with OSR off.
    for (let lo = 0; lo < pre.length; lo += PASS_CHUNK) countPairs(pre, post, outgoing, incoming, lo, Math.min(pre.length, lo + PASS_CHUNK));
    if (this.multisynapticIndex !== undefined) {
      const index = this.variables.getArray(this.multisynapticIndex).array;
      const synPre = this.variables.getArray('_synaptic_pre').array;
      const synPost = this.variables.getArray('_synaptic_post').array;
      const counts = new Map<number, number>();
      const width = this.targetGroup.source.N;
      for (let s = 0; s < total; s++) {
        const key = synPre[s]! * width + synPost[s]!;
        const c = counts.get(key) ?? 0;
        if (s >= old) index[s] = c;
        counts.set(key, c + 1);
      }
    }
  }

  /** Per presynaptic neuron: its number of outgoing synapses (Brian2's `S.N_outgoing_pre`). */
  get N_outgoing_pre(): Int32Array {
    const a = this.variables.getArray('N_outgoing').array as Int32Array;
    return a.slice(this.sourceGroup.start, this.sourceGroup.stop);
  }

  /** Per postsynaptic neuron: its number of incoming synapses (Brian2's `S.N_incoming_post`). */
  get N_incoming_post(): Int32Array {
    const a = this.variables.getArray('N_incoming').array as Int32Array;
    return a.slice(this.targetGroup.start, this.targetGroup.stop);
  }

  /**
   * The synapse indices selected by presynaptic and postsynaptic neurons (and, with a
   * multisynaptic index, synapse numbers), in synapse order: Brian2's `S.indices[i, j, k]`.
   * `null` selects everything (Brian2's `:`); out-of-range neuron indices select nothing.
   */
  indicesOf(i: NeuronSelection = null, j: NeuronSelection = null, k: NeuronSelection = null): Int32Array {
    if (k !== null && this.multisynapticIndex === undefined) {
      throw new SynapsesDefinitionError('invalid-index', this.name, 'Cannot use a third index without a multisynaptic index (the multisynapticIndex option).');
    }
    const test = (sel: NeuronSelection, n: number, side: Group): ((x: number) => boolean) => {
      if (sel === null) return () => true;
      if (typeof sel === 'number') {
        checkInteger(this.name, sel);
        return (x) => x === sel;
      }
      if (sel instanceof Group) {
        // A subgroup (or group) of the side's group: its neurons, relative to the side (Brian2's `S.w[SG1, SG2]`).
        if (sel.source !== side.source) {
          throw new SynapsesDefinitionError('invalid-index', this.name, `'${sel.name}' is not part of '${side.source.name}', so it cannot index this side of '${this.name}'.`);
        }
        const start = sel.start - side.start;
        const stop = sel.stop - side.start;
        return (x) => x >= start && x < stop;
      }
      if (isSliceObject(sel)) {
        const start = sel.start ?? 0;
        const stop = sel.stop ?? n;
        return (x) => x >= start && x < stop;
      }
      const set = new Set<number>();
      for (let q = 0; q < sel.length; q++) {
        checkInteger(this.name, sel[q]!);
        set.add(sel[q]!);
      }
      return (x) => set.has(x);
    };
    const ti = test(i, this.sourceGroup.N, this.sourceGroup);
    const tj = test(j, this.targetGroup.N, this.targetGroup);
    const tk = test(k, Infinity, this);
    const pre = this.variables.getArray('_synaptic_pre').array;
    const post = this.variables.getArray('_synaptic_post').array;
    const multi = this.multisynapticIndex === undefined ? undefined : this.variables.getArray(this.multisynapticIndex).array;
    const s0 = this.sourceGroup.start;
    const t0 = this.targetGroup.start;
    const out: number[] = [];
    for (let s = 0; s < this.nSynapses; s++) {
      if (ti(pre[s]! - s0) && tj(post[s]! - t0) && (multi === undefined || tk(multi[s]!))) out.push(s);
    }
    return Int32Array.from(out);
  }

  /** @internal Brian2's pathway attributes (`S.pre.delay`, `S.pre1`): a pathway name that is not a variable reads as the pathway. */
  override readAttribute(key: string): unknown {
    const pathway = (this.pathways as ReadonlyMap<string, SynapticPathway> | undefined)?.get(key);
    if (pathway !== undefined && !this.variables.has(key)) return pathway;
    return super.readAttribute(key);
  }

  override state(name: string): SynapticVariableView {
    let cache = this.synapticViews;
    if (cache === undefined) {
      cache = new Map();
      this.synapticViews = cache;
    }
    const cached = cache.get(name);
    if (cached !== undefined) return cached;
    super.state(name); // name checks and Group's error messages
    const view = new SynapticVariableView(this, name);
    cache.set(name, view);
    return view;
  }

  private synapticViews: Map<string, SynapticVariableView> | undefined;

  /** @internal Brian2: writing a synaptic variable before connect() is a TypeError. */
  checkVariableWrite(variable: string): void {
    const v = this.variables.get(variable);
    if (this.connectCalled || v === undefined || v.kind !== 'array' || v.scalar) return;
    if (!this.perSynapse.includes(v)) return;
    throw new SynapsesDefinitionError('not-connected', this.name, `Cannot write to synaptic variable '${variable}', you need to call connect(...) first.`);
  }

  override writeAttribute(key: string, value: unknown): boolean {
    if (this.variables.has(key)) this.checkVariableWrite(key);
    return super.writeAttribute(key, value);
  }

  override setWithExpression(variable: string, code: string, condition: string | undefined, constant?: Quantity): void {
    this.checkVariableWrite(variable);
    super.setWithExpression(variable, code, condition, constant);
  }

  /** Brian2: a Synapses object without connect() does nothing, which is an error when it runs. */
  override beforeRun(context: RunContext): void {
    // Brian2 checks the units of all equations (subexpressions included) before each run, first.
    const resolution = this.resolution(context.namespace);
    checkUnits(this.equations, { variables: resolution.resolver() });
    checkStatefulSubexpressions(this.name, this.equations, resolution);
    resolution.warnShadowed(new Set([...this.equations].flatMap((eq) => [...eq.identifiers])));
    if (!this.connectCalled) {
      throw new SynapsesDefinitionError(
        'not-connected',
        this.name,
        `Synapses object '${this.name}' does not do anything, since it has not created synapses with 'connect'. Set its active attribute to false if you intend to do only do this for a subsequent run.`,
      );
    }
  }

  /** Copies of own arrays plus the spike queues. */
  override storeState(): unknown {
    const arrays = new Map<string, StorageArray>();
    for (const variable of [...this.perSynapse, this.nVariable, this.variables.getArray('N_incoming'), this.variables.getArray('N_outgoing')]) {
      arrays.set(variable.name + (this.perSynapse.includes(variable) ? `#${this.perSynapse.indexOf(variable)}` : ''), variable.array.slice(0, variable.size === 'dynamic' ? variable.length : variable.array.length));
    }
    const scalars = new Map<string, StorageArray>();
    for (const [name, v] of this.variables) if (v.kind === 'array' && v.scalar && v.index === '0' && v !== this.nVariable && name !== 't' && name !== 'dt' && name !== 't_in_timesteps') scalars.set(name, v.array.slice());
    return { arrays, scalars, n: this.nSynapses, connected: this.connectCalled };
  }

  override restoreState(state: unknown): void {
    const s = state as { arrays: Map<string, StorageArray>; scalars: Map<string, StorageArray>; n: number; connected: boolean };
    this.nSynapses = s.n;
    this.connectCalled = s.connected;
    for (const variable of [...this.perSynapse, this.nVariable, this.variables.getArray('N_incoming'), this.variables.getArray('N_outgoing')]) {
      const key = variable.name + (this.perSynapse.includes(variable) ? `#${this.perSynapse.indexOf(variable)}` : '');
      const saved = s.arrays.get(key);
      if (saved === undefined) continue;
      if (variable.size === 'dynamic') resizeDynamic(variable, saved.length);
      variable.array.set(saved);
    }
    for (const [name, saved] of s.scalars) this.variables.getArray(name).array.set(saved);
  }

  override toString(): string {
    return `<Synapses '${this.name}' from '${this.sourceGroup.name}' to '${this.targetGroup.name}' with ${this.nSynapses} synapses>`;
  }
}

function isSliceObject(x: NeuronSelection): x is { readonly start?: number; readonly stop?: number } {
  if (typeof x !== 'object' || x === null || 'length' in x || x instanceof Group) return false;
  // Anything else than `{ start?, stop? }` with numbers is not an index (Brian2: IndexError).
  const ok = Object.entries(x).every(([key, v]) => (key === 'start' || key === 'stop') && (v === undefined || typeof v === 'number'));
  if (!ok || ![Object.prototype, null].includes(Object.getPrototypeOf(x))) {
    throw new SynapsesDefinitionError('invalid-index', undefined, `Cannot index with ${showValue(x)}: use a number, an array of numbers, null (all) or { start, stop }.`);
  }
  return true;
}

function checkInteger(objectName: string, x: number): void {
  if (!Number.isInteger(x)) throw new SynapsesDefinitionError('invalid-index', objectName, `Neuron indices have to be integers, got ${x}.`);
}

function pickGroupOptions(options: SynapsesOptions): { dt?: Quantity; clock?: Clock; order?: number; name: string; namespace?: Namespace } {
  return {
    ...(options.dt !== undefined ? { dt: options.dt } : {}),
    ...(options.clock !== undefined ? { clock: options.clock } : {}),
    ...(options.order !== undefined ? { order: options.order } : {}),
    name: options.name ?? 'synapses*',
    ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
  };
}

/**
 * A synaptic variable's view (`S.w`), with 2-D access by neuron indices:
 *
 * | Brian2 | brian-ts |
 * | --- | --- |
 * | `S.w[i, j]`, `S.w[i, :]`, `S.w[:, j]` | `S.w.at(i, j)`, `S.w.at(i, null)`, `S.w.at(null, j)` |
 * | `S.w[i, j] = x`, `S.w[:, 1] = 5` | `S.w.setAt2(i, j, x)`, `S.w.setAt2(null, 1, 5)` |
 * | `S.w[i, j, k]` | `S.w.at(i, j, k)` (needs `multisynapticIndex`) |
 * | `S.w['i == j'] = 7` | `S.w['i == j'] = 7` (or `S.w.setWhere('i == j', 7)`) |
 * | `S.w[k]` (synapse index) | `S.w[k]`, `S.w.get(k)`, `S.w.setAt(k, x)` |
 *
 * Selections are a number, an array of numbers, `null` (all, Brian2's `:`) or `{ start, stop }`.
 */
export class SynapticVariableView extends VariableView {
  declare readonly group: Synapses;

  /** Values of the synapses selected by neuron indices (Brian2's `S.w[i, j]`), in synapse order, as a copy. */
  at(i: NeuronSelection, j: NeuronSelection = null, k: NeuronSelection = null): QuantityArray {
    if (arguments.length > 3) throw new SynapsesDefinitionError('invalid-index', this.group.name, `Need 1, 2 or 3 indices (i, j, k), got ${arguments.length}.`);
    const indices = this.group.indicesOf(i, j, k);
    const values = this.toFloat64Array();
    return new QuantityArray(Float64Array.from(indices, (s) => values[s]!), this.dim);
  }

  /** Sets the synapses selected by neuron indices (Brian2's `S.w[i, j] = value`); a string is evaluated per synapse. */
  setAt2(i: NeuronSelection, j: NeuronSelection, value: Exclude<StateValue, string> | string, k: NeuronSelection = null): void {
    const indices = this.group.indicesOf(i, j, k);
    this.group.checkVariableWrite(this.name);
    if (typeof value === 'string') {
      warnAmbiguousIndexExpression(this.group, this.name, value, [i, j]);
      // Brian2 evaluates the expression for the selected synapses only.
      const marker = `_selected_${this.name}`;
      const selected = createArrayVariable(marker, { dtype: 'bool', size: Math.max(this.group.N, 1) }, this.group.name);
      for (const s of indices) selected.array[s] = 1;
      this.group.variables.set(marker, selected);
      try {
        this.group.setWithExpression(this.name, value, marker);
      } finally {
        this.group.variables.delete(marker);
      }
      return;
    }
    this.setAt(indices, value);
  }
}

/**
 * A synaptic pathway (Brian2's `SynapticPathway`): pushes the source's events into its spike queue
 * and runs its code for the synapses whose spikes arrive (slot `synapses`, order −1 for pre and
 * +1 for post pathways, on the source's clock — the target's for post pathways).
 */
export class SynapticPathway extends BrianObject {
  /** The Synapses object this pathway belongs to. */
  readonly synapses: Synapses;
  /** The code as the user wrote it. */
  readonly code: string;
  /** Whether spikes of the source (`pre`) or of the target (`post`) trigger it. */
  readonly prepost: 'pre' | 'post';
  /** The pathway's name within the synapses (`pre`, `post`, or a key of `onPre`/`onPost`). */
  readonly pathwayName: string;
  /** The triggering event (`spike` by default). */
  readonly event: string;
  /** The queue holding the delayed events. */
  readonly queue: SpikeQueue;
  /** The group whose events trigger this pathway. */
  readonly sourceGroup: Group;
  /** The delay variable: scalar (keyword delay) or one per synapse. */
  readonly delayVariable: ArrayVariable;
  /** Name of the delay variable in the synapses' table (`delay` for `pre`). */
  readonly delayName: string;
  private readonly statements: Statement[];
  private codeObject: CodeObject | undefined;
  private eventSpace: Int32Array | undefined;
  private sourceSize = 0;

  constructor(synapses: Synapses, code: string, prepost: 'pre' | 'post', pathwayName: string, delay: Quantity | undefined, event: string) {
    const source = prepost === 'pre' ? synapses.sourceGroup : synapses.targetGroup;
    super({ when: 'synapses', order: prepost === 'pre' ? -1 : 1, clock: source.clock, name: `${synapses.name}_${pathwayName}` });
    this.synapses = synapses;
    this.code = code;
    this.prepost = prepost;
    this.pathwayName = pathwayName;
    this.event = event;
    this.sourceGroup = source;
    if (!source.events.includes(event)) {
      throw new SynapsesDefinitionError(
        'invalid-model',
        synapses.name,
        `Source group '${source.name}' does not define an event '${event}'.${event === 'spike' ? " Did you forget to set a 'threshold'?" : ''}`,
      );
    }
    try {
      this.statements = parseStatements(code);
    } catch (e) {
      if (e instanceof ParseError) throw new SynapsesDefinitionError('pathway-code', synapses.name, `Syntax error in the code of pathway '${pathwayName}': ${e.message}`, { cause: e });
      throw e;
    }
    this.queue = new SpikeQueue(source.start, source.stop, this.name);
    this.delayName = pathwayName === 'pre' ? 'delay' : `_${pathwayName}_delay`;
    if (delay !== undefined) {
      if (!(delay instanceof Quantity)) throw new SynapsesDefinitionError('invalid-option', synapses.name, `Cannot set the delay for pathway '${pathwayName}': expected a quantity, got ${typeof delay} instead.`);
      if (delay.dim !== SECOND) {
        throw new DimensionMismatchError(`Delay of '${synapses.name}' has to be specified in units of seconds but got ${showValue(delay)}`, delay.dim);
      }
      if (!(delay.value >= 0)) {
        throw new SynapsesDefinitionError('invalid-option', synapses.name, `Delays have to be non-negative, got ${showValue(delay)} for pathway '${pathwayName}'.`);
      }
      this.delayVariable = synapses.variables.addArray(this.delayName, { dim: SECOND, size: 1, scalar: true, constant: true, values: delay.value });
    } else {
      this.delayVariable = synapses.variables.addArray(this.delayName, { dim: SECOND, size: 'dynamic', constant: true });
      synapses.registerPerSynapse(this.delayVariable);
    }
  }

  /** The pathway's delays (Brian2's `S.pre.delay`). */
  get delay(): SynapticVariableView {
    return this.synapses.state(this.delayName);
  }
  set delay(value: StateValue) {
    this.synapses.state(this.delayName).set(value);
  }

  /** The abstract code run per synapse: event-driven updates, the user code, `lastupdate = t`. */
  abstractCode(resolution: NameResolution): Statement[] {
    const synapses = this.synapses;
    const out: Statement[] = [];
    if (synapses.eventDriven !== undefined) {
      let update: Statement[];
      try {
        // Dt is replaced after integration, so it must not be taken for a constant.
        update = applyStateUpdater(synapses.eventDriven, { get: (n) => (n === 'dt' ? undefined : resolution.lookup(n)) }, 'linear').statements;
      } catch (e) {
        if (e instanceof BrianError) {
          throw new SynapsesDefinitionError('invalid-model', synapses.name, 'Cannot solve the differential equations as event-driven. Use (clock-driven) instead.', { cause: e });
        }
        throw e;
      }
      out.push(...replaceNameInStatements(update, 'dt', binary('-', nameExpr('t'), nameExpr('lastupdate'))));
    }
    out.push(...this.statements);
    if (synapses.eventDriven !== undefined) out.push(statement('lastupdate', '=', nameExpr('t')));
    return out;
  }

  override beforeRun(context: RunContext): void {
    const synapses = this.synapses;
    if (!synapses.connectCalled) synapses.beforeRun(context);
    const resolution = synapses.resolution(context.namespace);
    const own = this.delayVariable;
    const extra: Variable[] = [own.name === 'delay' ? own : aliasDelay(own)];
    const statements = this.abstractCode(resolution);
    const ids = new Set<string>();
    for (const s of statements) {
      ids.add(s.target);
      for (const n of collectIdentifiers(s)) ids.add(n);
      for (const n of collectFunctionNames(s)) ids.add(n);
    }
    const variables = resolution.variablesFor(ids, extra);
    try {
      checkStatements(statements, variables.toResolver(), { source: this.code });
    } catch (e) {
      if (e instanceof UndefinedIdentifierError) {
        const suggestions = resolution.suggest(e.identifier);
        throw new SynapsesDefinitionError(
          'pathway-code',
          synapses.name,
          `The code of pathway '${this.pathwayName}' ('${this.code}') refers to '${e.identifier}', which is not a synaptic, pre- or postsynaptic variable nor an external name.${suggestions.length > 0 ? ` Did you mean ${suggestions.map((x) => `'${x}'`).join(', ')}?` : ''}` +
            (e.identifier === 'lastupdate'
              ? ' Note that this variable is only automatically defined for models with event-driven synapses. You can define it manually by adding "lastupdate : second" to the equations and setting "lastupdate = t" at the end of your on_pre and/or on_post statements.'
              : ''),
          { cause: e },
        );
      }
      if (e instanceof BrianError) throw new SynapsesDefinitionError('pathway-code', synapses.name, `In the code of pathway '${this.pathwayName}': ${e.message}`, { cause: e });
      throw e;
    }
    const spec: CodeBlockSpec = {
      name: this.name,
      template: 'synapses',
      statements,
      variables,
      N: synapses.N,
      queue: this.queue,
      source: this.code,
      checkFinite: getPref('checkFinite'),
    };
    this.codeObject = compileCodeBlock(spec);
    const targetGroup = this.prepost === 'pre' ? synapses.targetGroup : synapses.sourceGroup;
    const dts = new Set([this.sourceGroup.clock.dtSeconds, synapses.clock.dtSeconds, targetGroup.clock.dtSeconds]);
    if (dts.size > 1) {
      const [src, syn, tgt] = [this.sourceGroup.source.name, synapses.name, targetGroup.source.name];
      warn(
        'synapses_dt_mismatch',
        `Note that the synaptic pathway '${this.name}' will run on the clock of the group '${src}' using a dt of ${this.sourceGroup.clock.dt}. ` +
          `Either the Synapses object '${syn}' or the target '${tgt}' (or both) are using a different dt. This might lead to unexpected results. ` +
          `In particular, all delays will be rounded to multiples of ${this.sourceGroup.clock.dt}. If in doubt, try to ensure that '${src}', '${syn}', and '${tgt}' use the same dt.`,
      );
    }
    // The queue: delays in seconds, this source clock's dt, each synapse's source neuron.
    const sources = synapses.variables.getArray(this.prepost === 'pre' ? '_synaptic_pre' : '_synaptic_post');
    const delays = own.scalar ? own.array[0]! : own.array.subarray(0, synapses.N);
    const root = this.sourceGroup.source;
    this.eventSpace = root.eventSpace(this.event).array as Int32Array;
    this.sourceSize = root.N;
    // Pushes from the event space: a multi-threaded run may keep only the spiking sources (SpikeQueue.partition).
    this.queue.prepare(delays, this.sourceGroup.clock.dtSeconds, sources.array.subarray(0, synapses.N), this.eventSpace);
  }

  override run(): void {
    const space = this.eventSpace!;
    this.queue.push(space, space[this.sourceSize]!);
    if (this.queue.peekCount() > 0) this.codeObject!.run();
    this.queue.advance();
  }

  /**
   * Besides its code: reads the source's events (pushed into its own queue; the delivery of this
   * step keeps its lists, so `advance` may come before a deferred delivery runs).
   */
  override threadWork(): ThreadWork | undefined {
    return this.eventSpace === undefined ? undefined : { code: [this.codeObject], reads: [this.eventSpace], writes: [] };
  }

  override storeState(): unknown {
    return this.queue.storeState();
  }

  override restoreState(state: unknown): void {
    this.queue.restoreState(state as ReturnType<SpikeQueue['storeState']>);
  }
}

/** `a string`, `an array`, `a Foo`: what a rejected option value was. */
function aliasDelay(v: ArrayVariable): ArrayVariable {
  // The pathway's own delay is `delay` in its code (Brian2's pathway variables).
  const alias = Object.create(v) as ArrayVariable;
  Object.defineProperty(alias, 'name', { value: 'delay' });
  return alias;
}

/**
 * Computes a `(summed)` variable each step (Brian2's `SummedVariableUpdater`): the target
 * variable is overwritten with the per-neuron sum of the expression over its synapses (0 where
 * there are none). Slot `groups`, order `target.order − 1`, on the target's clock.
 */
export class SummedVariableUpdater extends BrianObject {
  readonly synapses: Synapses;
  /** The neuron group written (the target for `x_post`, the source for `x_pre`). */
  readonly targetGroup: Group;
  /** The variable written in {@link targetGroup}. */
  readonly targetVariable: string;
  private readonly expressionName: string;
  private readonly side: 'pre' | 'post';
  private codeObject: CodeObject | undefined;
  private values: ArrayVariable | undefined;
  /** float64 sums for a float32 target (summed in float64, rounded once when stored). */
  private sums: Float64Array | undefined;

  constructor(synapses: Synapses, eq: SingleEquation) {
    const varname = eq.varname;
    const side = varname.endsWith('_post') ? 'post' : varname.endsWith('_pre') ? 'pre' : undefined;
    if (side === undefined) {
      throw new SynapsesDefinitionError('summed-variable', synapses.name, `The summed variable '${varname}' has to end with '_pre' or '_post'.`);
    }
    const group = side === 'post' ? synapses.targetGroup : synapses.sourceGroup;
    super({ when: 'groups', order: group.order - 1, clock: group.clock, name: `${synapses.name}_summed_variable_${varname}` });
    this.synapses = synapses;
    this.side = side;
    this.targetGroup = group;
    this.targetVariable = varname.slice(0, varname.length - (side === 'post' ? 5 : 4));
    this.expressionName = `_summed_${varname}`;
    const target = group.variables.get(this.targetVariable);
    const rootEquations = (group.source as { equations?: Equations }).equations;
    const eqOfTarget = rootEquations?.get(this.targetVariable);
    if (target === undefined || target.kind !== 'array' || (eqOfTarget !== undefined && eqOfTarget.type !== 'parameter') || (rootEquations !== undefined && eqOfTarget === undefined)) {
      throw new SynapsesDefinitionError(
        'summed-variable',
        synapses.name,
        `The target variable '${this.targetVariable}' of the summed variable '${varname}' has to be a parameter of '${group.name}'.`,
      );
    }
    if (target.scalar || target.readOnly) {
      throw new SynapsesDefinitionError('summed-variable', synapses.name, `The target variable '${this.targetVariable}' of the summed variable '${varname}' cannot be a shared or read-only variable.`);
    }
    if (target.dim !== eq.dim) {
      // Brian2 raises DimensionMismatchError here (test_summed_variable_errors).
      throw new DimensionMismatchError(
        `Synapses '${synapses.name}': Summed variables need to have the same units in Synapses and the target group ('${varname}' targets '${this.targetVariable}' of '${group.name}', in ${getUnitForDisplay(target.dim)})`,
        eq.dim,
      );
    }
  }

  override beforeRun(context: RunContext): void {
    // At most one summed updater per target variable in a network (Brian2's NotImplementedError).
    for (const obj of context.network) {
      if (obj === this || !(obj instanceof SummedVariableUpdater)) continue;
      const sameGroup = obj.targetGroup.source === this.targetGroup.source;
      // Through linked variables two groups can share one storage (Brian2 compares the variables themselves).
      const sameStorage = obj.targetArray() === this.targetArray();
      const overlap = !sameGroup || (obj.targetGroup.start < this.targetGroup.stop && this.targetGroup.start < obj.targetGroup.stop);
      if (sameStorage && overlap) {
        const groups = sameGroup ? `group '${this.targetGroup.source.name}'` : `overlapping groups '${obj.targetGroup.source.name}' and '${this.targetGroup.source.name}'`;
        throw new SynapsesDefinitionError(
          'summed-variable',
          this.synapses.name,
          `Multiple "summed variables" target the variable '${this.targetVariable}' in ${groups} ('${obj.synapses.name}' and '${this.synapses.name}'). Use separate variables in the target groups instead.`,
        );
      }
    }
    const synapses = this.synapses;
    const resolution = synapses.resolution(context.namespace);
    const n = synapses.N;
    const expression = synapses.variables.get(this.expressionName)!;
    this.values = createArrayVariable('_summed_value', { size: Math.max(n, 1), dim: expression.kind === 'function' ? second.dim : expression.dim }, synapses.name);
    const targetDtype = this.targetGroup.source.variables.getArray(this.targetVariable).dtype;
    this.sums = targetDtype === 'float32' ? new Float64Array(this.targetGroup.stop) : undefined;
    const stmts = [statement('_summed_value', '=', nameExpr(this.expressionName))];
    const ids = new Set<string>(['_summed_value', this.expressionName]);
    this.codeObject = compileCodeBlock({
      name: this.name,
      template: 'set_expression',
      statements: stmts,
      variables: resolution.variablesFor(ids, [this.values]),
      N: n,
    });
  }

  /** @internal The storage written (shared by groups linked to one variable). */
  targetArray(): unknown {
    return this.targetGroup.source.variables.getArray(this.targetVariable).array;
  }

  override run(): void {
    this.codeObject!.run();
    const synapses = this.synapses;
    const n = synapses.N;
    const stored = this.targetGroup.source.variables.getArray(this.targetVariable).array;
    const post = synapses.variables.getArray(this.side === 'post' ? '_synaptic_post' : '_synaptic_pre').array;
    const values = this.values!.array;
    const { start, stop } = this.targetGroup;
    // A float32 target is summed in float64 and rounded once, as every other float32 store.
    const target = this.sums ?? stored;
    target.fill(0, start, stop);
    // The loops are functions of their own that end in a plain return: with the loop here, V8
    // (Node 20–24) entered this method's OSR code at every step and deoptimised it at the
    // comparison after the loop, which the interpreter had never run (1592 deopts in Brunel_Wang_2001).
    sumAt(target, post, values, n);
    if (target !== stored) copyRange(stored, target, start, stop);
  }
}

/** `target[index[s]] += values[s]` for s < n, in order. */
function sumAt(target: StorageArray, index: StorageArray, values: StorageArray, n: number): void {
  for (let s = 0; s < n; s++) target[index[s]!]! += values[s]!;
}

/** `to[k] = from[k]` for k in [start, stop). */
function copyRange(to: StorageArray, from: StorageArray, start: number, stop: number): void {
  for (let k = start; k < stop; k++) to[k] = from[k]!;
}

/** Integrates the clock-driven synaptic equations every step (slot `groups`, the synapses' order). */
export class SynapsesStateUpdater extends BrianObject {
  readonly synapses: Synapses;
  methodChosen: string | undefined;
  private codeObject: CodeObject | undefined;

  constructor(synapses: Synapses) {
    super({ when: 'groups', order: synapses.order, clock: synapses.clock, name: `${synapses.name}_stateupdater` });
    this.synapses = synapses;
  }

  override beforeRun(context: RunContext): void {
    const synapses = this.synapses;
    const resolution = synapses.resolution(context.namespace);
    const choice = applyStateUpdater(synapses.clockDriven, { get: (n) => resolution.lookup(n) }, synapses.method, {
      groupName: synapses.name,
      ...(synapses.methodOptions !== undefined ? { methodOptions: synapses.methodOptions } : {}),
    });
    this.methodChosen = choice.method;
    const statements = [...choice.statements];
    const extra: Variable[] = [];
    let gsl: GslSpec | undefined;
    if (choice.gsl !== undefined) {
      // Brian2's GSL extras are per synapse: dynamic here, resized with the synapses; a synapse
      // created after the last run starts with the step size dt, as the first ones did.
      const dtVariable = resolution.lookup('dt');
      const dt = dtVariable?.kind === 'array' ? dtVariable.array[0]! : Number.NaN;
      gsl = gslSpec(synapses, choice.gsl, resolution, statements, extra, (name, dtype) => {
        if (!synapses.variables.has(name)) synapses.registerPerSynapse(synapses.variables.addArray(name, { dtype, size: 'dynamic' }));
      });
      if (gsl.lastTimestep !== undefined) {
        const last = synapses.variables.getArray(gsl.lastTimestep);
        for (let k = 0; k < synapses.N; k++) if (last.array[k] === 0) last.array[k] = dt;
      }
    }
    const ids = new Set<string>();
    for (const s of statements) {
      ids.add(s.target);
      for (const n of collectIdentifiers(s)) ids.add(n);
      for (const n of collectFunctionNames(s)) ids.add(n);
    }
    if (gsl !== undefined) {
      for (const n of ['t', 'dt', ...gsl.variables, gsl.lastTimestep, gsl.failedSteps, gsl.stepCount]) if (n !== undefined) ids.add(n);
      this.codeObject = compileCodeBlock({ name: this.name, template: 'gsl_stateupdate', statements, variables: resolution.variablesFor(ids, extra), N: synapses.N, gsl, checkUnits: false, checkFinite: getPref('checkFinite') });
      return;
    }
    this.codeObject = compileCodeBlock({ name: this.name, template: 'stateupdate', statements, variables: resolution.variablesFor(ids), N: synapses.N, checkUnits: false, checkFinite: getPref('checkFinite') });
  }

  override run(): void {
    this.codeObject!.run();
  }

  override threadWork(): ThreadWork | undefined {
    return { code: [this.codeObject], reads: [], writes: [] };
  }
}

/** Adds pairs `[lo, hi)` to each presynaptic neuron's outgoing and each postsynaptic neuron's incoming count. */
function countPairs(pre: Int32Array, post: Int32Array, outgoing: StorageArray, incoming: StorageArray, lo: number, hi: number): void {
  for (let k = lo; k < hi; k++) {
    outgoing[pre[k]!]! += 1;
    incoming[post[k]!]! += 1;
  }
}

/** Whether the first `n` elements of `a` are all zero bits (so `-0` is not zero). */
function allZeroBits(a: StorageArray, n: number): boolean {
  const bytes = n * a.BYTES_PER_ELEMENT;
  const words = a.byteOffset % 4 === 0 ? bytes >> 2 : 0;
  const w = new Int32Array(a.buffer, a.byteOffset, words);
  for (let k = 0; k < words; k++) if (w[k] !== 0) return false;
  const tail = new Uint8Array(a.buffer, a.byteOffset + 4 * words, bytes - 4 * words);
  for (let k = 0; k < tail.length; k++) if (tail[k] !== 0) return false;
  return true;
}
