/**
 * `PoissonGroup` (Brian2's `brian2/input/poissongroup.py`): N independent Poisson spike sources.
 * Each step, in the `thresholds` slot, neuron i spikes when `rand() < rates*dt` (generated code,
 * the threshold template), so at most once per step; no reset, no refractoriness.
 */
import type { CodeBlockSpec } from '../codegen/index.ts';
import type { Clock, RunContext, When } from '../core/index.ts';
import { CodeRunner, Group, NameResolution, Subgroup } from '../groups/index.ts';
import type { Namespace } from '../groups/index.ts';
import { analyse, checkBooleanExpression } from '../inference/index.ts';
import { collectFunctionNames, collectIdentifiers, parseExpression } from '../parsing/index.ts';
import type { Expr } from '../parsing/index.ts';
import { DimensionMismatchError, Hz, Quantity, QuantityArray, getUnitForDisplay } from '../units/index.ts';
import { addIndexVariables } from '../variables/index.ts';
import { InputError } from './errors.ts';
import { bindTimedArrays } from './timed-array.ts';
import { checkOptions, describeValue, optionNames, showValue } from '../util/index.ts';

/** Rates of a PoissonGroup: one rate (`Hz(5)`), one per neuron (`Hz([1, 2, 3])`), or an expression in Hz evaluated every step (`'F'`, `'ta(t)'`, `'(1 + i)*Hz'`). */
export type PoissonRates = Quantity | QuantityArray | string;

/** Options of `new PoissonGroup(N, rates, options)` (Brian2's keyword arguments). */
export interface PoissonGroupOptions {
  /** The rates, when given in the options (`new PoissonGroup(N, { rates: 'F', namespace })`). */
  rates?: PoissonRates;
  /** Time step of a private clock. Excludes `clock`. */
  dt?: Quantity;
  /** The clock (default `defaultclock`). Excludes `dt`. */
  clock?: Clock;
  /** Slot of the spike generation, default `'thresholds'`. */
  when?: When;
  /** Order within the slot, default 0. */
  order?: number;
  /** Names used in a rates expression. */
  namespace?: Namespace;
  /** Name, default `'poissongroup*'`. */
  name?: string;
}

const OPTION_NAMES = optionNames<PoissonGroupOptions>({ rates: true, dt: true, clock: true, when: true, order: true, namespace: true, name: true });
const HZ = Hz.dim;
const CONDITION_SOURCE = 'rand() < rates * dt';

function isRates(x: unknown): x is PoissonRates {
  return typeof x === 'string' || x instanceof Quantity || x instanceof QuantityArray;
}

/** Splits Brian2's `(N, rates, **options)` and the options form `(N, {rates, ...})`. */
function normalise(N: unknown, ratesOrOptions: unknown, maybeOptions: unknown): { N: number; rates: PoissonRates; options: PoissonGroupOptions } {
  let options: PoissonGroupOptions;
  let rates: unknown;
  const plainObject = (x: unknown): x is PoissonGroupOptions =>
    typeof x === 'object' && x !== null && !Array.isArray(x) && !ArrayBuffer.isView(x) && !(x instanceof Quantity) && !(x instanceof QuantityArray);
  if (plainObject(ratesOrOptions) && maybeOptions === undefined) {
    options = ratesOrOptions;
    rates = options.rates;
  } else {
    options = (maybeOptions ?? {}) as PoissonGroupOptions;
    if (!plainObject(options)) throw new InputError('invalid-option', 'poissongroup', `The options of a PoissonGroup have to be an object, got ${typeof options}.`);
    if (options.rates !== undefined) throw new InputError('invalid-option', options.name ?? 'poissongroup', 'The rates of a PoissonGroup were given twice (as an argument and as an option).');
    rates = ratesOrOptions;
  }
  const who = (typeof options.name === 'string' ? options.name : 'poissongroup').replace(/\*$/, '');
  checkOptions(options, OPTION_NAMES, { what: `PoissonGroup '${who}'`, error: (message) => new InputError('invalid-option', who, message) });
  if (typeof N !== 'number' || !Number.isInteger(N) || N < 1) {
    throw new InputError('invalid-size', who, `The size of PoissonGroup '${who}' has to be an integer >= 1, got ${typeof N === 'number' ? N : describeValue(N)}.`);
  }
  if (rates === undefined) throw new InputError('invalid-option', who, `PoissonGroup '${who}' needs rates (a rate in Hz, one rate per neuron, or an expression string).`);
  if (typeof rates === 'number' || (Array.isArray(rates) && rates.every((x) => typeof x === 'number')) || ArrayBuffer.isView(rates)) {
    throw new DimensionMismatchError(`The rates of PoissonGroup '${who}' have to be in units of Hz (use Hz(...)), got plain numbers`);
  }
  if (!isRates(rates)) throw new InputError('invalid-option', who, `The rates of PoissonGroup '${who}' have to be a Quantity in Hz, a QuantityArray in Hz or an expression string, got ${typeof rates}.`);
  if (!(typeof rates === 'string') && rates.dim !== HZ) {
    throw new DimensionMismatchError(`The rates of PoissonGroup '${who}' have to be in units of Hz, got ${showValue(rates)}`, rates.dim, HZ);
  }
  return { N, rates, options };
}

/**
 * Poisson spike sources. `rates` is a rate, one rate per neuron (both stored in the variable
 * `rates`, which can be reassigned: `P.rates = Hz(20)`), or a string expression in Hz evaluated
 * every step (it may use `t`, `i` and TimedArrays: `'stimulus(t)'`). Spikes go to the event space
 * `spike`, so monitors and (later) Synapses use it as any spiking group.
 * @example
 * const P = new PoissonGroup(100, Hz(10));
 * const Q = new PoissonGroup(1000, { rates: 'F', namespace: { F: Hz(15) } });
 */
export class PoissonGroup extends Group {
  /** The rates as given (Brian2's `_rates`). Named so that it does not hide the state variable `rates`. */
  readonly ratesSpec: PoissonRates;
  /** The object generating the spikes (Brian2's `thresholder['spike']`). */
  readonly thresholder: { readonly spike: PoissonThresholder };
  private readonly ratesExpr: Expr | undefined;

  constructor(N: number, rates: PoissonRates, options?: PoissonGroupOptions);
  constructor(N: number, options: PoissonGroupOptions & { rates: PoissonRates });
  constructor(N: number, ratesOrOptions: PoissonRates | PoissonGroupOptions, maybeOptions?: PoissonGroupOptions) {
    const { N: size, rates, options } = normalise(N, ratesOrOptions, maybeOptions);
    super(
      size,
      {
        ...(options.dt !== undefined ? { dt: options.dt } : {}),
        ...(options.clock !== undefined ? { clock: options.clock } : {}),
        when: options.when ?? 'thresholds',
        order: options.order ?? 0,
        name: options.name ?? 'poissongroup*',
        ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
      },
      'poissongroup*',
    );
    this.ratesSpec = rates;
    const variables = this.variables;
    addIndexVariables(variables, size);
    variables.addArray('_spikespace', { dtype: 'int32', size: size + 1 });
    const clockVars = this.clock.variables;
    variables.add(clockVars.t, 't');
    variables.add(clockVars.dt, 'dt');
    variables.add(clockVars.t_in_timesteps, 't_in_timesteps');
    if (typeof rates === 'string') {
      try {
        this.ratesExpr = parseExpression(rates);
      } catch (error) {
        throw new InputError('invalid-value', this.name, `The rates expression of PoissonGroup '${this.name}' ('${rates}') is not a valid expression: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      variables.addSubexpression('rates', { dim: HZ, expr: this.ratesExpr, type: 'float', scalar: false });
    } else {
      this.ratesExpr = undefined;
      variables.addArray('rates', { dim: HZ, size });
    }
    this.events = Object.freeze(['spike']);
    const thresholder = new PoissonThresholder(this, options.when ?? 'thresholds', options.order ?? 0);
    this.thresholder = Object.freeze({ spike: thresholder });
    this.containedObjects.push(thresholder);
    this.enableAttributeAccess();
    if (typeof rates !== 'string') this.state('rates').set(rates);
  }

  override get addToMagicNetwork(): boolean {
    return true;
  }

  /** Name resolution with the TimedArrays of both namespaces bound to this group's dt (Brian2 computes their K from `owner.clock.dt`). */
  override resolution(runNamespace: Namespace = {}): NameResolution {
    const dt = this.clock.dtSeconds;
    return new NameResolution(this.name, this.variables, bindTimedArrays(this.namespace, dt), bindTimedArrays(runNamespace, dt));
  }

  /** Checks that a rates expression is in Hz (Brian2's message), before the thresholder compiles it. */
  override beforeRun(context: RunContext): void {
    if (this.ratesExpr === undefined) return;
    const info = analyse(this.ratesExpr, this.resolution(context.namespace).resolver(), { source: this.ratesSpec as string });
    if (info.dim !== HZ) {
      throw new DimensionMismatchError(
        `The expression provided for PoissonGroup's 'rates' argument, has to have units of Hz (PoissonGroup '${this.name}', rates '${showValue(this.ratesSpec)}' has units ${getUnitForDisplay(info.dim)})`,
        info.dim,
        HZ,
      );
    }
  }

  /** The subgroup of neurons `start` to `stop` (exclusive), Brian2's `P[start:stop]`; negative values count from the end. */
  slice(start?: number, stop?: number): Subgroup {
    const norm = (x: number | undefined, fallback: number): number => {
      if (x === undefined) return fallback;
      if (!Number.isInteger(x)) throw new InputError('invalid-value', this.name, `Subgroups of '${this.name}' need integer bounds, got ${x}.`);
      const y = x < 0 ? x + this.N : x;
      return Math.min(Math.max(y, 0), this.N);
    };
    const a = norm(start, 0);
    const b = norm(stop, this.N);
    if (a >= b) throw new InputError('invalid-value', this.name, `Illegal start/end values for subgroup, ${a}>=${b}`);
    return new Subgroup(this, a, b);
  }

  override toString(): string {
    return `PoissonGroup(${this.N}, rates=${typeof this.ratesSpec === 'string' ? `'${this.ratesSpec}'` : String(this.ratesSpec)})`;
  }
}

/** Generates a PoissonGroup's spikes: the threshold template with `rand() < rates * dt`. */
export class PoissonThresholder extends CodeRunner {
  declare readonly group: PoissonGroup;
  readonly event = 'spike';
  private readonly condition: Expr = parseExpression(CONDITION_SOURCE);

  constructor(group: PoissonGroup, when: When, order: number) {
    super(group, 'threshold', { when, order, name: `${group.name}_spike_thresholder`, clock: group.clock });
  }

  protected override buildSpec(resolution: NameResolution): CodeBlockSpec {
    const group = this.group;
    checkBooleanExpression(this.condition, resolution.resolver(), 'Threshold condition', { source: CONDITION_SOURCE });
    // Names used inside the `rates` subexpression must be in the table too (it is inlined).
    const names = new Set<string>();
    const visit = (expr: Expr): void => {
      for (const n of collectFunctionNames(expr)) names.add(n);
      for (const n of collectIdentifiers(expr)) {
        if (names.has(n)) continue;
        names.add(n);
        const v = group.variables.get(n);
        if (v?.kind === 'subexpression') visit(v.expr);
      }
    };
    visit(this.condition);
    return {
      name: this.name,
      template: 'threshold',
      condition: this.condition,
      variables: resolution.variablesFor(names),
      N: group.N,
      eventSpace: group.eventSpace('spike'),
      refractory: false,
      source: CONDITION_SOURCE,
    };
  }

  /** The event space is cleared after a run, as a NeuronGroup's. */
  override afterRun(): void {
    this.group.eventSpace('spike').array[this.group.N] = 0;
  }
}
