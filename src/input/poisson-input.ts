/**
 * `PoissonInput` (Brian2's `brian2/input/poissoninput.py`): N independent Poisson inputs of one
 * rate and weight onto a variable of every element of a target group, without a PoissonGroup or
 * Synapses. Each step, in slot `synapses` of the target's clock, the generated code runs
 * `target_var += B*weight` per element with `B ~ Binomial(N, rate*dt)` (a {@link BinomialFunction},
 * so the normal approximation applies when `N·p > 5` and `N·(1-p) > 5`). The `stateupdate`
 * template respects the target's `(unless refractory)` conditional write.
 */
import type { CodeBlockSpec } from '../codegen/index.ts';
import type { RunContext, When } from '../core/index.ts';
import { CodeRunner } from '../groups/index.ts';
import type { Group, NameResolution } from '../groups/index.ts';
import { collectFunctionNames, collectIdentifiers, parseExpression, parseStatements } from '../parsing/index.ts';
import type { Statement } from '../parsing/index.ts';
import { DIMENSIONLESS, DimensionMismatchError, Hz, Quantity, QuantityArray } from '../units/index.ts';
import type { Variable } from '../variables/index.ts';
import { BinomialFunction, dimensionlessArgument } from './binomial-function.ts';
import { InputError } from './errors.ts';
import { checkOptions, optionNames, showValue } from '../util/index.ts';

/** Options of `new PoissonInput(target, targetVar, N, rate, weight, options)`. */
export interface PoissonInputOptions {
  /** Slot of the update, default `'synapses'`. */
  when?: When;
  /** Order within the slot, default 0. */
  order?: number;
  /** Name; a trailing `*` picks the first free `name`, `name_1`, … (default `'poissoninput*'`). Its random stream is keyed by it. */
  name?: string;
}

const OPTION_NAMES = optionNames<PoissonInputOptions>({ when: true, order: true, name: true });
/** The names the generated statement uses for the sampler and a Quantity weight (internal, so no clash with model names). */
const BINOMIAL = '_binomial';
const WEIGHT = '_weight';

/**
 * Adds independent Poisson input to `targetVar` of every element of `target`: `N` inputs of rate
 * `rate`, each event adding `weight` (a Quantity with the unit of `targetVar`, or a string
 * expression evaluated in the target's context). The rate and the target's dt are fixed at
 * construction; running after the target's dt changed throws (Brian2's `NotImplementedError`).
 * @example
 * const P = new PoissonInput(G, 'v', 1000, Hz(5), mV(0.1));
 * const Q = new PoissonInput(G, 'ge', 200, Hz(10), 'w_ext', { order: 1 });
 */
export class PoissonInput extends CodeRunner {
  /** The rate of each input. */
  readonly rate: Quantity;
  /** The number of inputs. */
  readonly N: number;
  /** The targeted variable. */
  readonly targetVar: string;
  /** The weight as given. */
  readonly weight: Quantity | string;
  /** The sampler of `Binomial(N, rate*dt)`. */
  readonly binomial: BinomialFunction;
  /** The abstract code run each step (with `_binomial` for the sampler, `_weight` for a Quantity weight). */
  readonly code: string;
  private readonly statements: Statement[];
  private readonly storedDt: number;
  private readonly extra: readonly Variable[];

  constructor(target: Group, targetVar: string, N: number | Quantity, rate: Quantity, weight: Quantity | number | string, options: PoissonInputOptions = {}) {
    options = checkOptions(options, OPTION_NAMES, { what: 'PoissonInput', error: (message) => new InputError('invalid-option', 'poissoninput', message) });
    // Brian2's check_units(N=1, rate=Hz), then the target variable, then the weight.
    const n = dimensionlessArgument(N, 'N');
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      throw new InputError('invalid-value', 'poissoninput', `The number of inputs N of a PoissonInput has to be an integer >= 0, got ${showValue(n)}.`);
    }
    if (!(rate instanceof Quantity) || rate.dim !== Hz.dim) {
      const got = rate instanceof Quantity ? rate : typeof rate === 'number' ? new Quantity(rate) : undefined;
      if (got === undefined) throw new InputError('invalid-value', 'poissoninput', `The rate of a PoissonInput has to be a Quantity in Hz, got ${typeof rate}.`);
      throw new DimensionMismatchError(`Function '__init__' expected a quantitity with unit hertz for argument 'rate' but got '${showValue(got)}'`, got.dim);
    }
    if (!Number.isFinite(rate.value) || rate.value < 0) {
      throw new InputError('invalid-value', 'poissoninput', `The rate of a PoissonInput has to be finite and >= 0, got ${showValue(rate)}.`);
    }
    const targetVariable = typeof targetVar === 'string' ? target.variables.get(targetVar) : undefined;
    if (targetVariable === undefined || targetVariable.kind === 'function') {
      throw new InputError('invalid-value', target.name, `${showValue(targetVar)} is not a variable of ${target.name}`);
    }
    let weightSource: string;
    let weightVariable: Variable | undefined;
    if (typeof weight === 'string') {
      try {
        parseExpression(weight);
      } catch (error) {
        throw new InputError('invalid-value', target.name, `The weight of a PoissonInput targeting '${target.name}' ('${weight}') is not a valid expression: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      weightSource = `(${weight})`;
    } else {
      if (weight instanceof QuantityArray || (typeof weight !== 'number' && !(weight instanceof Quantity))) {
        throw new InputError('invalid-value', target.name, `The weight of a PoissonInput has to be a scalar Quantity, a number or a string expression, got ${weight instanceof QuantityArray ? 'an array' : typeof weight}.`);
      }
      const q = typeof weight === 'number' ? new Quantity(weight, DIMENSIONLESS) : weight;
      // Checked here (the code check would find it too) for a clearer message, as Brian2.
      if (q.dim !== targetVariable.dim) {
        throw new DimensionMismatchError(`The provided weight does not have the same unit as the target variable '${targetVar}'`, q.dim, targetVariable.dim);
      }
      if (!Number.isFinite(q.value)) throw new InputError('invalid-value', target.name, `The weight of a PoissonInput has to be finite, got ${showValue(q)}.`);
      weightSource = WEIGHT;
      weightVariable = Object.freeze({ kind: 'constant', name: WEIGHT, dim: q.dim, readOnly: true, value: q.value, type: 'float' } as const);
    }
    const p = rate.value * target.clock.dtSeconds;
    if (p > 1) {
      throw new InputError(
        'invalid-value',
        target.name,
        `The rate of a PoissonInput (${showValue(rate)}) times the dt of '${target.name}' (${showValue(target.clock.dt)}) is ${p}, but has to be at most 1 (it is the probability of an event per input and step).`,
      );
    }
    const code = `${targetVar} += ${BINOMIAL}()*${weightSource}`;
    super(target, 'stateupdate', { when: options.when ?? 'synapses', order: options.order ?? 0, name: options.name ?? 'poissoninput*', clock: target.clock });
    this.binomial = new BinomialFunction(n, p, { name: `${this.name}_binomial` });
    this.rate = rate;
    this.N = n;
    this.targetVar = targetVar;
    this.weight = typeof weight === 'number' ? new Quantity(weight, DIMENSIONLESS) : weight;
    this.code = code;
    this.statements = parseStatements(code);
    this.storedDt = target.clock.dtSeconds;
    const sampler: Variable = Object.freeze({ kind: 'function', name: BINOMIAL, descriptor: this.binomial.descriptor, implementation: this.binomial.implementation } as const);
    this.extra = weightVariable === undefined ? [sampler] : [sampler, weightVariable];
    this.addDependency(target);
  }

  override get addToMagicNetwork(): boolean {
    return true;
  }

  /** Refuses a changed dt (the binomial's p = rate·dt was fixed at construction), then compiles. */
  override beforeRun(context: RunContext): void {
    if (this.group.clock.dtSeconds !== this.storedDt) {
      throw new InputError('not-implemented', this.name, `The dt used for simulating ${this.group.name} changed after the PoissonInput source was created.`);
    }
    super.beforeRun(context);
  }

  protected override buildSpec(resolution: NameResolution): CodeBlockSpec {
    const names = new Set<string>([this.targetVar]);
    for (const s of this.statements) {
      for (const x of collectIdentifiers(s)) names.add(x);
      for (const x of collectFunctionNames(s)) names.add(x);
    }
    return {
      name: this.name,
      template: 'stateupdate',
      statements: this.statements,
      variables: resolution.variablesFor(names, this.extra),
      N: this.group.N,
      source: this.code,
    };
  }

  override toString(): string {
    const w = typeof this.weight === 'string' ? `'${this.weight}'` : String(this.weight);
    return `PoissonInput(${this.group.name}, '${this.targetVar}', ${this.N}, ${showValue(this.rate)}, ${w}, when='${this.when}', order=${this.order})`;
  }
}
