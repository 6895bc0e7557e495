/**
 * `NetworkOperation` (Brian2's `brian2/core/operations.py`): a JavaScript callback run at every
 * tick of its clock, in its scheduling slot (default `'start'`).
 */
import { BrianObject } from '../core/index.ts';
import type { Clock, When } from '../core/index.ts';
import type { Quantity } from '../units/index.ts';
import { InputError } from './errors.ts';
import { checkOptions, optionNames } from '../util/index.ts';

/** The callback: no argument, or the current time `t` (a Quantity). */
export type NetworkOperationFunction = (() => void) | ((t: Quantity) => void);

/** Options of {@link networkOperation} / `new NetworkOperation(fn, options)`. */
export interface NetworkOperationOptions {
  /** Time step of a private clock. Excludes `clock`. */
  dt?: Quantity;
  /** The clock (default `defaultclock`). Excludes `dt`. */
  clock?: Clock;
  /** Slot, default `'start'`. */
  when?: When;
  /** Order within the slot, default 0. */
  order?: number;
  /** Name, default `'networkoperation*'`. */
  name?: string;
}

const OPTION_NAMES = optionNames<NetworkOperationOptions>({ dt: true, clock: true, when: true, order: true, name: true });

/**
 * Calls `fn` at every tick of its clock. A callback declaring one parameter receives the clock's
 * `t` (Brian2 decides the same way, by the number of parameters); the time Quantity is only
 * created for such callbacks. Magic `run()` collects it; add it to an explicit `Network` yourself.
 * @example
 * const op = new NetworkOperation((t) => { times.push(t.value); }, { dt: ms(1) });
 */
export class NetworkOperation extends BrianObject {
  /** The callback. */
  readonly fn: NetworkOperationFunction;
  private readonly hasArg: boolean;

  constructor(fn: NetworkOperationFunction, options?: NetworkOperationOptions) {
    const who = (typeof options?.name === 'string' ? options.name : 'networkoperation').replace(/\*$/, '');
    if (typeof fn !== 'function') {
      throw new InputError('invalid-function', who, `A network operation needs a function, got ${fn === null ? 'null' : typeof fn} ('${who}').`);
    }
    options = checkOptions(options, OPTION_NAMES, { what: `network operation '${who}'`, error: (message) => new InputError('invalid-option', who, message) });
    if (fn.length > 1) {
      throw new InputError(
        'invalid-function',
        who,
        `Function '${fn.name || '<anonymous>'}' cannot be used as a network operation, it needs to have either only 't' as an argument or have no arguments, but it has ${fn.length} arguments.`,
      );
    }
    super({ ...options, when: options.when ?? 'start', order: options.order ?? 0, name: options.name ?? 'networkoperation*' }, 'networkoperation*');
    this.fn = fn;
    this.hasArg = fn.length === 1;
  }

  override get addToMagicNetwork(): boolean {
    return true;
  }

  override run(): void {
    if (this.hasArg) (this.fn as (t: Quantity) => void)(this.clock.t);
    else (this.fn as () => void)();
  }
}

/**
 * Creates a {@link NetworkOperation} (Brian2's `@network_operation` decorator as a function).
 * @example
 * const op = networkOperation((t) => console.log(String(t)), { dt: ms(1), when: 'end' });
 */
export function networkOperation(fn: NetworkOperationFunction, options: NetworkOperationOptions = {}): NetworkOperation {
  return new NetworkOperation(fn, options);
}
