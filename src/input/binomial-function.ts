/**
 * `BinomialFunction` (Brian2's `brian2/input/binomial.py`): a stateful zero-argument function
 * returning samples of `Binomial(n, p)`, usable in any model string once in a namespace
 * (`'v += binom()*mV'`). Code generation draws it from the seeded counter-based streams
 * (`defineBinomialFunction` in src/codegen), so `seed(n)` makes it reproducible.
 */
import { defineBinomialFunction } from '../codegen/index.ts';
import { claimName } from '../core/index.ts';
import type { UserFunction } from '../codegen/index.ts';
import type { FunctionDescriptor } from '../inference/index.ts';
import { isValidIdentifier } from '../parsing/index.ts';
import { DIMENSIONLESS, DimensionMismatchError, Quantity } from '../units/index.ts';
import type { FunctionImplementation } from '../variables/index.ts';
import { InputError } from './errors.ts';
import { checkOptions, optionNames, showValue } from '../util/index.ts';

/** Options of `new BinomialFunction(n, p, options)`. */
export interface BinomialFunctionOptions {
  /** Use the normal approximation when `n·p > 5` and `n·(1-p) > 5` (default true, as Brian2). */
  approximate?: boolean;
  /** Name; a trailing `*` picks `_binomial`, `_binomial_1`, … (default `'_binomial*'`). */
  name?: string;
}

const OPTION_NAMES = optionNames<BinomialFunctionOptions>({ approximate: true, name: true });

/** Brian2's `check_units(x=1)`: a number or a dimensionless Quantity, as a number. */
export function dimensionlessArgument(value: unknown, argument: string): unknown {
  if (value instanceof Quantity) {
    if (value.dim !== DIMENSIONLESS) {
      throw new DimensionMismatchError(`Function '__init__' expected a quantitity with unit 1 for argument '${argument}' but got '${showValue(value)}'`, value.dim);
    }
    return value.value;
  }
  return value;
}

/**
 * Samples of `Binomial(n, p)`: with `approximate` (default) and `n·p > 5` and `n·(1-p) > 5`,
 * the normal approximation `N(n·p, sqrt(n·p·(1-p)))` (so samples may be fractional or negative),
 * otherwise exact inversion sampling. Put it in a namespace and call it without arguments.
 * @example
 * const binom = new BinomialFunction(100, 0.1);
 * G.runRegularly('v += binom()*mV', {}); // with namespace: { binom }
 */
export class BinomialFunction implements UserFunction {
  /** Marks the object as a function for namespaces. */
  readonly kind = 'user-function' as const;
  /** The object's name (`binomial_f`, …). */
  readonly name: string;
  /** How model strings may call it (no arguments, integer result, stateful). */
  readonly descriptor: FunctionDescriptor;
  readonly implementation: FunctionImplementation;
  /** Number of trials. */
  readonly n: number;
  /** Success probability. */
  readonly p: number;
  /** Whether the approximation was allowed. */
  readonly approximate: boolean;
  /** Whether samples come from the normal approximation. */
  readonly usesNormalApproximation: boolean;

  constructor(n: number | Quantity, p: number | Quantity, options: BinomialFunctionOptions = {}) {
    if (typeof options !== 'object' || options === null) throw new InputError('invalid-option', '_binomial', 'The options of a BinomialFunction have to be an object.');
    const requested = options.name ?? '_binomial*';
    const who = typeof requested === 'string' ? requested.replace(/\*$/, '') : '_binomial';
    checkOptions(options, OPTION_NAMES, { what: `BinomialFunction '${who}'`, error: (message) => new InputError('invalid-option', who, message) });
    if (typeof requested !== 'string' || !isValidIdentifier(who)) {
      throw new InputError('invalid-option', who, `The name of a BinomialFunction has to be a valid identifier (optionally ending in '*'), got ${JSON.stringify(String(requested))}.`);
    }
    const approximate = options.approximate ?? true;
    if (typeof approximate !== 'boolean') throw new InputError('invalid-option', who, `The option 'approximate' of BinomialFunction '${who}' has to be a boolean.`);
    const nValue = dimensionlessArgument(n, 'n');
    const pValue = dimensionlessArgument(p, 'p');
    if (typeof nValue !== 'number' || !Number.isInteger(nValue) || nValue < 0) {
      throw new InputError('invalid-value', who, `The number of samples n of BinomialFunction '${who}' has to be an integer >= 0, got ${showValue(nValue)}.`);
    }
    if (typeof pValue !== 'number' || !(pValue >= 0 && pValue <= 1)) {
      throw new InputError('invalid-value', who, `The probability p of BinomialFunction '${who}' has to be between 0 and 1, got ${showValue(pValue)}.`);
    }
    // Unique within the scope, like object names: its random stream is keyed by it.
    this.name = claimName(this, requested);
    const f = defineBinomialFunction(this.name, nValue, pValue, approximate);
    this.descriptor = f.descriptor;
    this.implementation = f.implementation;
    this.n = nValue;
    this.p = pValue;
    this.approximate = approximate;
    this.usesNormalApproximation = approximate && nValue * pValue > 5 && nValue * (1 - pValue) > 5;
    Object.freeze(this);
  }

  /** One sample drawn outside generated code (from the default random state, reset by `seed()`). */
  sample(): number {
    return this.implementation() as number;
  }

  toString(): string {
    return `BinomialFunction(${this.n}, ${this.p}, approximate=${this.approximate ? 'True' : 'False'}, name='${this.name}')`;
  }
}
