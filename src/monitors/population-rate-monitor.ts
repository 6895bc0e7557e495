/** `PopulationRateMonitor`: the population firing rate at every step (Brian2's `brian2/monitors/ratemonitor.py`). */
import { compileCodeBlock } from '../codegen/index.ts';
import type { CodeObject } from '../codegen/index.ts';
import { BrianObject } from '../core/index.ts';
import type { RunContext } from '../core/index.ts';
import { QuantityArray, hertz, second } from '../units/index.ts';
import type { Quantity } from '../units/index.ts';
import { checkOptions, showValue, warn } from '../util/index.ts';
import { clockVariables } from './code-variables.ts';
import { MonitorError } from './errors.ts';
import { smoothRate } from './smooth-rate.ts';
import type { SmoothingWindow, WidthAdjustedHandler } from './smooth-rate.ts';
import { checkMonitorSource, isEventSource, sourceRange } from './source.ts';
import type { EventSource, MonitorSource } from './source.ts';
import { DynamicArray } from './storage.ts';
import { recordedWhere, withConditions } from './conditions.ts';
import type { ConditionalQuantityArray } from './conditions.ts';

/** Options of `new PopulationRateMonitor(source, options)`. */
export interface PopulationRateMonitorOptions {
  /** Default `'ratemonitor*'`. */
  name?: string;
}

interface RateSnapshot {
  readonly t: Float64Array;
  readonly rate: Float64Array;
}

/**
 * Records the instantaneous population rate of `source` in slot `'end'` of every step:
 * `rate = (spikes in the step)/dt/N`, with `t` the step's start (Brian2's `PopulationRateMonitor`).
 * Only spikes of the source (sub)group count.
 * @example
 * const R = new PopulationRateMonitor(G);
 * run(ms(100));
 * R.smoothRate('gaussian', ms(1)).in(Hz);
 */
export class PopulationRateMonitor extends BrianObject {
  /** The recorded group. */
  readonly source: EventSource;
  private readonly times = DynamicArray.float64('t', second.dim);
  private readonly rates = DynamicArray.float64('rate', hertz.dim);
  private codeObject: CodeObject | undefined = undefined;
  private readonly start: number;
  private readonly stop: number;
  /**
   * Called when a flat window's width is rounded to an odd number of steps. Default: Brian2's
   * INFO message `width adjusted from 250. us to 300. us` as a warning with key
   * `'ratemonitor.adjusted_width'` (once per message; silence it with `silenceWarnings`).
   */
  onWidthAdjusted: WidthAdjustedHandler | undefined = undefined;

  constructor(source: MonitorSource, options?: PopulationRateMonitorOptions) {
    const who = typeof options?.name === 'string' ? options.name.replace(/\*$/, '') : 'ratemonitor';
    options = checkOptions(options, ['name'], { what: `PopulationRateMonitor '${who}'`, error: (message) => new MonitorError(message, who) });
    const requested = options.name ?? 'ratemonitor*';
    checkMonitorSource(source, 'PopulationRateMonitor', who);
    if (!isEventSource(source) || !source.events.includes('spike')) {
      throw new MonitorError(`Recorded group '${showValue(source.name)}' does not define an event 'spike'. Did you forget to set a 'threshold'?`, requested);
    }
    super({ clock: source.clock, when: 'end', order: 0, name: requested }, 'ratemonitor*');
    this.source = source;
    [this.start, this.stop] = sourceRange(source);
    this.addDependency(source);
  }

  override get addToMagicNetwork(): boolean {
    return true;
  }

  override get invalidatesMagicNetwork(): boolean {
    return false;
  }

  /** Number of recorded steps. */
  get N(): number {
    return this.times.length;
  }

  /** The start times of the recorded steps (`R.t['rate > 0*Hz']`: where a condition holds). */
  get t(): ConditionalQuantityArray {
    return withConditions(new QuantityArray(this.times.copy(), second.dim), (c) => this.stepsWhere(c));
  }

  /** The recorded steps where a condition on `t` and `rate` holds. */
  stepsWhere(condition: string): Int32Array {
    return recordedWhere(
      this.name,
      condition,
      { t: { values: this.times.view(), dim: second.dim, dtype: 'float64' }, rate: { values: this.rates.view(), dim: hertz.dim, dtype: 'float64' } },
      this.times.length,
    );
  }

  /** Copies of `rate`, `t` and `N` (Brian2's `get_states`); `units: false` gives SI numbers. */
  getStates(vars: readonly string[] = ['rate', 't', 'N'], options: { units?: boolean } = {}): Record<string, unknown> {
    const units = options.units ?? true;
    const out: Record<string, unknown> = {};
    for (const name of vars) {
      if (name === 'rate') out[name] = units ? new QuantityArray(this.rates.copy(), hertz.dim) : this.rates.copy();
      else if (name === 't') out[name] = units ? new QuantityArray(this.times.copy(), second.dim) : this.times.copy();
      else if (name === 'N') out[name] = this.N;
      else throw new MonitorError(`'${this.name}' has no variable '${name}' (it has 'rate', 't', 'N').`, this.name);
    }
    return out;
  }

  /** Brian2's `set_states`: a monitor's variables are all read-only, so every name is refused. */
  setStates(values: Readonly<Record<string, unknown>>): void {
    for (const name of Object.keys(values)) {
      throw new MonitorError(['rate', 't', 'N'].includes(name) ? `Variable ${name} is read-only.` : `'${this.name}' has no variable '${name}'.`, this.name);
    }
  }

  /** The recorded times in seconds. */
  get t_(): Float64Array {
    return this.times.copy();
  }

  /** The population rate at each recorded step. */
  get rate(): ConditionalQuantityArray {
    return withConditions(new QuantityArray(this.rates.copy(), hertz.dim), (c) => this.stepsWhere(c));
  }

  /** The population rate in Hz. */
  get rate_(): Float64Array {
    return this.rates.copy();
  }

  /**
   * The rate smoothed with a window (Brian2's `smooth_rate`): `'gaussian'` (width = standard
   * deviation; the window spans ±2 widths), `'flat'` (width rounded to an odd number of steps),
   * or a custom odd-length array of weights (then no width). Windows are normalised to sum 1;
   * the result has the length of `rate` (numpy's `convolve(..., 'same')`).
   * @example
   * R.smoothRate('flat', ms(1.5));
   * R.smoothRate([1, 2, 1]);
   */
  smoothRate(window: SmoothingWindow, width: Quantity): QuantityArray;
  smoothRate(window: ArrayLike<number>): QuantityArray;
  smoothRate(window: SmoothingWindow | ArrayLike<number> = 'gaussian', width?: Quantity): QuantityArray {
    try {
      const onAdjusted: WidthAdjustedHandler =
        this.onWidthAdjusted ?? ((requested, used) => warn('ratemonitor.adjusted_width', `width adjusted from ${showValue(requested)} to ${showValue(used)}`));
      return smoothRate(this.rates.view(), this.clock.dtSeconds, window, width, onAdjusted);
    } catch (error) {
      if (error instanceof MonitorError && error.monitorName === undefined) throw new MonitorError(error.message, this.name);
      throw error;
    }
  }

  /** Compiles the recording code (Brian2's `ratemonitor` template) and reserves the run's storage. */
  override beforeRun(_context: RunContext): void {
    const eventSpace = this.source.eventSpace('spike');
    this.codeObject = compileCodeBlock({
      name: this.name,
      template: 'ratemonitor',
      variables: clockVariables(this.clock, this.name),
      N: eventSpace.array.length - 1,
      eventSpace,
      eventRange: [this.start, this.stop],
      times: this.times.variable,
      rates: this.rates.variable,
    });
    const steps = this.clock.endTimestep - this.clock.timestep;
    if (steps > 0) {
      this.times.reserve(steps, true);
      this.rates.reserve(steps, true);
    }
  }

  /** Records this step's rate. */
  override run(): void {
    this.codeObject!.run();
  }

  override storeState(): RateSnapshot {
    return { t: this.times.copy(), rate: this.rates.copy() };
  }

  override restoreState(state: unknown): void {
    const s = state as RateSnapshot;
    this.times.assign(s.t);
    this.rates.assign(s.rate);
  }

  override toString(): string {
    return `<PopulationRateMonitor, recording ${this.source.name}>`;
  }
}
