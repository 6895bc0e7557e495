/**
 * One checker for every public options object: a misspelt key is an error with a close-match
 * suggestion (`Unknown option 'condtion' for connect(). Did you mean 'condition'?`), never a
 * silently ignored setting. Each layer passes a factory so the error is that layer's typed error.
 */
import { BrianError } from './errors.ts';
import { suggestNames } from './suggest.ts';

/** Details handed to an error factory (and carried by {@link OptionsError}). */
export interface OptionsProblem {
  /** What the options belong to, as in the message (`run()`, `NeuronGroup 'neurongroup'`). */
  readonly what: string;
  /** The offending key; undefined when the options argument itself is not an object. */
  readonly option: string | undefined;
  /** Close matches for `option`, best first. */
  readonly suggestions: readonly string[];
  /** The accepted keys. */
  readonly valid: readonly string[];
}

/** An options object with an unknown key, or an options argument that is not an object. */
export class OptionsError extends BrianError {
  /** What the options belong to, as in the message (`run()`, `NeuronGroup 'neurongroup'`). */
  readonly what: string;
  /** The offending key; undefined when the options argument itself is not an object. */
  readonly option: string | undefined;
  /** Close matches for `option`, best first. */
  readonly suggestions: readonly string[];
  /** The accepted keys. */
  readonly valid: readonly string[];

  constructor(message: string, problem: OptionsProblem) {
    super(message);
    this.what = problem.what;
    this.option = problem.option;
    this.suggestions = problem.suggestions;
    this.valid = problem.valid;
  }
}

/** How {@link checkOptions} names the owner and builds its error. */
export interface CheckOptionsContext {
  /** What the options belong to, used in messages: `run()`, `NeuronGroup 'neurongroup'`. */
  readonly what: string;
  /** Builds the layer's typed error from the message; default {@link OptionsError}. */
  readonly error?: (message: string, problem: OptionsProblem) => BrianError;
}

/** A short description of a value for messages (`null`, `a number`, `an array`, `a Quantity`). */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  if (type === 'object') {
    const ctor = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)?.constructor;
    const name = typeof ctor?.name === 'string' && ctor.name !== '' && ctor.name !== 'Object' ? ctor.name : 'object';
    return `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`;
  }
  return type === 'undefined' ? 'undefined' : `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

/**
 * `String(value)` for messages, never throwing: an object whose conversion fails (a null
 * prototype, a throwing or non-function `toString`) is described by {@link describeValue}.
 */
export function showValue(value: unknown): string {
  if (typeof value === 'symbol') return value.toString();
  try {
    const text = String(value);
    return typeof text === 'string' ? text : describeValue(value);
  } catch {
    return describeValue(value);
  }
}

/**
 * Checks that `options` is `undefined` or a plain object whose keys are all in `valid`, and
 * returns it (`{}` for `undefined`). Keys whose value is `undefined` are checked too: a typo
 * is a typo whatever its value.
 * @example
 * const opts = checkOptions(options, ['report', 'namespace'], { what: 'run()' });
 * // checkOptions({ reprot: 'text' }, …) throws: Unknown option 'reprot' for run(). Did you mean 'report'? …
 */
export function checkOptions<T extends object>(options: T | undefined, valid: readonly string[], context: CheckOptionsContext): T {
  const fail = (message: string, problem: OptionsProblem): never => {
    throw context.error !== undefined ? context.error(message, problem) : new OptionsError(message, problem);
  };
  if (options === undefined) return {} as T;
  const proto = typeof options === 'object' && options !== null ? (Object.getPrototypeOf(options) as unknown) : undefined;
  if (proto !== Object.prototype && proto !== null) {
    fail(`The options of ${context.what} have to be an object such as { ${valid[0] ?? 'name'}: … }, got ${describeValue(options)}.`, {
      what: context.what,
      option: undefined,
      suggestions: [],
      valid,
    });
  }
  for (const key of Object.keys(options)) {
    if (valid.includes(key)) continue;
    const suggestions = suggestNames(key, valid);
    const hint =
      suggestions.length === 1 ? ` Did you mean '${suggestions[0]}'?` : suggestions.length > 1 ? ` Did you mean one of ${suggestions.map((s) => `'${s}'`).join(', ')}?` : '';
    fail(`Unknown option '${key}' for ${context.what}.${hint} Valid options are: ${valid.join(', ')}.`, { what: context.what, option: key, suggestions, valid });
  }
  return options;
}

/**
 * The keys of an options interface as a list, checked by the compiler in both directions:
 * a key missing from the literal or not in `T` is a type error, so the list cannot fall behind
 * the interface when an option is added.
 * @example const RUN_OPTIONS = optionNames<RunOptions>({ namespace: true, report: true, reportPeriod: true });
 */
export function optionNames<T extends object>(keys: { readonly [K in keyof Required<T>]: true }): readonly string[] {
  return Object.freeze(Object.keys(keys));
}
