/**
 * `SpikeGeneratorGroup` (Brian2's `brian2/input/spikegeneratorgroup.py`): emits given spikes.
 * Its per-step work is fixed internal logic (Brian2's `spikegenerator` template), written here
 * as plain JavaScript over typed arrays: no user code, no allocation per step.
 */
import type { Clock, RunContext, When } from '../core/index.ts';
import { roundHalfEven } from '../core/index.ts';
import { Group } from '../groups/index.ts';
import { DIMENSIONLESS, DimensionMismatchError, Quantity, QuantityArray, second } from '../units/index.ts';
import { checkOptions, describeValue, optionNames, showValue, warn } from '../util/index.ts';
import { addIndexVariables } from '../variables/index.ts';
import { InputError } from './errors.ts';

/** Spike times: a time QuantityArray (`ms([1, 2, 3])`) or an array of time Quantities. */
export type SpikeTimes = QuantityArray | readonly Quantity[];

/** Options of `new SpikeGeneratorGroup(N, indices, times, options)` (Brian2's keyword arguments). */
export interface SpikeGeneratorGroupOptions {
  /** Repeat the spike pattern with this period (an integer multiple of dt, longer than the last spike); `0 s` (default) for no repetition. */
  period?: Quantity;
  /** Whether `indices`/`times` are already sorted by time, then index (checked; default false: they are sorted here). */
  sorted?: boolean;
  /** Time step of a private clock. Excludes `clock`. */
  dt?: Quantity;
  /** The clock (default `defaultclock`). Excludes `dt`. */
  clock?: Clock;
  /** Slot, default `'thresholds'`. */
  when?: When;
  /** Order within the slot, default 0. */
  order?: number;
  /** Name, default `'spikegeneratorgroup*'`. */
  name?: string;
}

/** Options of {@link SpikeGeneratorGroup.setSpikes}. */
export interface SetSpikesOptions {
  /** Repeat the spike pattern with this period (Brian2's `period`; default: no repetition). */
  period?: Quantity;
  /** Whether the spikes are already sorted by time (skips sorting, as Brian2's `sorted`). */
  sorted?: boolean;
}

const OPTION_NAMES = optionNames<SpikeGeneratorGroupOptions>({ period: true, sorted: true, dt: true, clock: true, when: true, order: true, name: true });
const SECOND = second.dim;
const MAX_INT32 = 2 ** 31 - 1;

/** Brian2's `timestep(t, dt)` = `int64((t + 1e-3*dt)/dt)`. */
function timestepOf(t: number, dt: number): number {
  return Math.trunc((t + 1e-3 * dt) / dt);
}

interface Spikes {
  readonly indices: Int32Array;
  readonly times: Float64Array;
  readonly period: number;
}

/** Snapshot for `Network.store`. */
interface GeneratorState {
  readonly group: unknown;
  readonly indices: Int32Array;
  readonly times: Float64Array;
  readonly timebins: Int32Array;
  readonly period: number;
  readonly periodBins: number;
  readonly lastIndex: number;
  readonly previousDt: number | null;
  readonly spikesChanged: boolean;
}

/**
 * A group of N "neurons" that spike at given times. Spike k goes to the time step
 * `int((times[k] + 1e-3*dt)/dt)`; in each step the group emits every not yet emitted spike whose
 * step has come, in order of time, then index. With a `period`, the pattern repeats. Two spikes
 * of one neuron in one step are an error (checked at run start, when dt is known).
 * @example
 * const G = new SpikeGeneratorGroup(3, [0, 1, 2], ms([1, 2, 3]), { period: ms(5) });
 */
export class SpikeGeneratorGroup extends Group {
  private indicesArray: Int32Array = new Int32Array(0);
  private timesArray: Float64Array = new Float64Array(0);
  private timebins: Int32Array = new Int32Array(0);
  private periodSeconds = 0;
  private periodBins = 0;
  private lastIndex = 0;
  private previousDt: number | null = null;
  private spikesChanged = true;
  private readonly space: Int32Array;

  constructor(N: number, indices: ArrayLike<number>, times: SpikeTimes, options?: SpikeGeneratorGroupOptions) {
    const who = (typeof options?.name === 'string' ? options.name : 'spikegeneratorgroup').replace(/\*$/, '');
    options = checkOptions(options, OPTION_NAMES, { what: `SpikeGeneratorGroup '${who}'`, error: (message) => new InputError('invalid-option', who, message) });
    if (typeof N !== 'number' || !Number.isInteger(N) || N < 1) {
      throw new InputError('invalid-size', who, `N has to be an integer >=1 (SpikeGeneratorGroup '${who}'), got ${typeof N === 'number' ? N : describeValue(N)}.`);
    }
    super(
      N,
      {
        ...(options.dt !== undefined ? { dt: options.dt } : {}),
        ...(options.clock !== undefined ? { clock: options.clock } : {}),
        when: options.when ?? 'thresholds',
        order: options.order ?? 0,
        name: options.name ?? 'spikegeneratorgroup*',
      },
      'spikegeneratorgroup*',
    );
    const variables = this.variables;
    addIndexVariables(variables, N);
    const clockVars = this.clock.variables;
    variables.add(clockVars.t, 't');
    variables.add(clockVars.dt, 'dt');
    variables.add(clockVars.t_in_timesteps, 't_in_timesteps');
    const space = variables.addArray('_spikespace', { dtype: 'int32', size: N + 1 });
    this.space = space.array as Int32Array;
    variables.addArray('period', { dim: SECOND, size: 1, scalar: true, readOnly: true, constant: true });
    this.events = Object.freeze(['spike']);
    this.assignSpikes(this.checkSpikes(indices, times, options.period, options.sorted));
    this.enableAttributeAccess();
  }

  override get addToMagicNetwork(): boolean {
    return true;
  }

  /** The object emitting the spikes (the group itself), for the monitors' default schedule. */
  get thresholder(): { readonly spike: { readonly when: string; readonly order: number } } {
    return { spike: this };
  }

  /** The spiking neurons' indices, sorted by time then index (Brian2's `neuron_index`); a copy. */
  get neuronIndex(): Int32Array {
    return this.indicesArray.slice();
  }

  /** The spike times, sorted (Brian2's `spike_time`); a copy. */
  get spikeTime(): QuantityArray {
    return new QuantityArray(this.timesArray.slice(), SECOND);
  }

  /** Number of spikes in the pattern (one period). */
  get numSpikes(): number {
    return this.indicesArray.length;
  }

  /**
   * Replaces the spikes (Brian2's `set_spikes`), e.g. to replay recorded spikes in a second run.
   * Checked as in the constructor; the time-step checks happen at the next run start.
   */
  setSpikes(indices: ArrayLike<number>, times: SpikeTimes, options?: SetSpikesOptions): void {
    options = checkOptions(options, ['period', 'sorted'], { what: `setSpikes of '${this.name}'`, error: (message) => new InputError('invalid-option', this.name, message) });
    this.assignSpikes(this.checkSpikes(indices, times, options.period, options.sorted));
  }

  private assignSpikes(spikes: Spikes): void {
    this.indicesArray = spikes.indices;
    this.timesArray = spikes.times;
    this.periodSeconds = spikes.period;
    (this.variables.getArray('period').array as Float64Array)[0] = spikes.period;
    this.spikesChanged = true;
  }

  /** Brian2's `_check_args`: lengths, period, times ≥ 0, indices in range; then sorts by (time, index). */
  private checkSpikes(indices: ArrayLike<number>, times: SpikeTimes, period: Quantity | undefined, sorted: boolean | undefined): Spikes {
    const name = this.name;
    const N = this.N;
    if (indices === null || typeof indices !== 'object' || typeof indices.length !== 'number') {
      throw new InputError('invalid-value', name, `The indices of SpikeGeneratorGroup '${name}' have to be an array of integers, got ${indices === null ? 'null' : typeof indices}.`);
    }
    const t = toSeconds(name, times);
    if (indices.length !== t.length) {
      throw new InputError('shape', name, `Length of the indices and times array must match, but ${indices.length} != ${t.length} (SpikeGeneratorGroup '${name}').`);
    }
    let p = 0;
    if (period !== undefined) {
      if (!(period instanceof Quantity) || period.dim !== SECOND) {
        throw new DimensionMismatchError(`The period of SpikeGeneratorGroup '${name}' has to be a time`, period instanceof Quantity ? period.dim : DIMENSIONLESS, SECOND);
      }
      p = period.value;
      if (Number.isNaN(p)) throw new InputError('invalid-value', name, `The period of SpikeGeneratorGroup '${name}' is NaN.`);
    }
    if (typeof sorted !== 'boolean' && sorted !== undefined) {
      throw new InputError('invalid-option', name, `The sorted option of SpikeGeneratorGroup '${name}' has to be a boolean, got ${typeof sorted}.`);
    }
    const n = t.length;
    for (let k = 0; k < n; k++) {
      if (!Number.isFinite(t[k]!)) throw new InputError('invalid-value', name, `Spike times of SpikeGeneratorGroup '${name}' have to be finite, got ${t[k]} s at position ${k}.`);
    }
    if (p < 0) throw new InputError('invalid-value', name, `The period cannot be negative (SpikeGeneratorGroup '${name}').`);
    const dt = this.clock.dtSeconds;
    if (n > 0 && p !== 0) {
      const periodBins = roundHalfEven(p / dt);
      let max = -Infinity;
      for (let k = 0; k < n; k++) max = Math.max(max, t[k]!);
      if (timestepOf(max, dt) >= periodBins) {
        throw new InputError('invalid-value', name, `The period has to be greater than the maximum of the spike times (SpikeGeneratorGroup '${name}').`);
      }
    }
    for (let k = 0; k < n; k++) {
      if (t[k]! < 0) throw new InputError('invalid-value', name, `Spike times cannot be negative (SpikeGeneratorGroup '${name}', spike ${k} at ${showValue(new Quantity(t[k]!, SECOND))}).`);
    }
    const idx = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const x = indices[k];
      if (typeof x !== 'number' || !Number.isInteger(x)) {
        throw new InputError('invalid-value', name, `The indices of SpikeGeneratorGroup '${name}' have to be integers, got ${showValue(x)} at position ${k}.`);
      }
      if (x < 0 || x >= N) throw new InputError('invalid-value', name, `Indices have to lie in the interval [0, ${N}[ (SpikeGeneratorGroup '${name}', index ${x} at position ${k}).`);
      idx[k] = x;
    }
    if (sorted === true) {
      for (let k = 1; k < n; k++) {
        if (t[k]! < t[k - 1]! || (t[k] === t[k - 1] && idx[k]! < idx[k - 1]!)) {
          throw new InputError(
            'unsorted-spikes',
            name,
            `The spikes of SpikeGeneratorGroup '${name}' were given with sorted: true but are not sorted by time, then index (position ${k}). Leave out 'sorted' to have them sorted.`,
          );
        }
      }
      return { indices: idx, times: Float64Array.from(t), period: p };
    }
    // numpy's lexsort((indices, times)): by time, then index; stable.
    const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => t[a]! - t[b]! || idx[a]! - idx[b]! || a - b);
    return { indices: Int32Array.from(order, (k) => idx[k]!), times: Float64Array.from(order, (k) => t[k]!), period: p };
  }

  /** Brian2's `before_run`: period vs dt, spikes before the current time, time bins, one spike per neuron and step. */
  override beforeRun(_context: RunContext): void {
    const name = this.name;
    const dt = this.clock.dtSeconds;
    const dtQ = new Quantity(dt, SECOND);
    let period = this.periodSeconds;
    if (period < Infinity && period !== 0 && period < dt) {
      throw new InputError('invalid-value', name, `The period of '${name}' is ${showValue(new Quantity(period, SECOND))}, which is smaller than its dt of ${showValue(dtQ)}.`);
    }
    const times = this.timesArray;
    const n = times.length;
    if (this.spikesChanged) {
      const currentT = this.clock.tSeconds;
      const currentStep = timestepOf(currentT, dt);
      let past = -1;
      for (let k = 0; k < n; k++) if (timestepOf(times[k]!, dt) < currentStep) past = k;
      if (past >= 0) {
        warn(
          'spikegeneratorgroup.ignored_spikes',
          `The SpikeGeneratorGroup contains spike times earlier than the start time of the current run (t = ${showValue(new Quantity(currentT, SECOND))}), these spikes will be ignored.`,
        );
        this.lastIndex = past + 1;
      } else {
        this.lastIndex = 0;
      }
    }
    if (this.previousDt === null || dt !== this.previousDt || this.spikesChanged) {
      // Shift by 1e-3*dt so that spikes at multiples of dt do not end up in the previous bin (Brian2).
      const shift = 1e-3 * dt;
      const bins = new Int32Array(n);
      for (let k = 0; k < n; k++) {
        const b = Math.trunc((times[k]! + shift) / dt);
        if (b > MAX_INT32) {
          throw new InputError('invalid-value', name, `Spike time ${showValue(new Quantity(times[k]!, SECOND))} of SpikeGeneratorGroup '${name}' is more than ${MAX_INT32} time steps of ${showValue(dtQ)}.`);
        }
        bins[k] = b;
      }
      this.checkOneSpikePerStep(bins, dtQ);
      let periodBins = roundHalfEven(period / dt);
      if (periodBins > MAX_INT32) {
        warn(
          'spikegenerator_long_period',
          `Periods longer than ${MAX_INT32} timesteps (=${showValue(new Quantity(MAX_INT32 * dt, SECOND))}) are not supported, the period will therefore be considered infinite. ` +
            'Set the period to 0*second to avoid this warning.',
        );
        period = periodBins = 0;
      }
      if (Math.abs(periodBins * dt - period) > period * Number.EPSILON) {
        throw new InputError('not-implemented', name, `The period of '${name}' is ${showValue(new Quantity(this.periodSeconds, SECOND))}, which is not an integer multiple of its dt of ${showValue(dtQ)}.`);
      }
      this.timebins = bins;
      this.periodBins = periodBins;
      this.previousDt = dt;
      this.spikesChanged = false;
    }
  }

  /**
   * Two spikes of one neuron in one bin are an error. Brian2 compares neighbours in (time, index)
   * order only, which misses a neuron whose two spikes have another neuron's spike between them
   * in the same bin; this checks every spike of the bin.
   */
  private checkOneSpikePerStep(bins: Int32Array, dtQ: Quantity): void {
    const indices = this.indicesArray;
    const lastBin = new Float64Array(this.N).fill(-1);
    for (let k = 0; k < bins.length; k++) {
      const i = indices[k]!;
      if (lastBin[i] === bins[k]) {
        throw new InputError('duplicate-spikes', this.name, `Using a dt of ${showValue(dtQ)}, some neurons of SpikeGeneratorGroup '${this.name}' spike more than once during a time step.`);
      }
      lastBin[i] = bins[k]!;
    }
  }

  /** Emits this step's spikes into the event space (Brian2's `spikegenerator` template). */
  override run(): void {
    const space = this.space;
    const N = this.N;
    const bins = this.timebins;
    const indices = this.indicesArray;
    const count = bins.length;
    let timebin = this.clock.timestep;
    let last = this.lastIndex;
    const period = this.periodBins;
    if (period > 0) {
      timebin %= period;
      // A new period has begun: start again from the first spike.
      if (last > 0 && bins[last - 1]! >= timebin) last = 0;
    }
    let n = 0;
    // At most N spikes fit in the event space; any further ones (only possible when a run starts
    // after spikes were skipped) follow in the next step.
    while (last + n < count && n < N && bins[last + n]! <= timebin) {
      space[n] = indices[last + n]!;
      n++;
    }
    space[N] = n;
    this.lastIndex = last + n;
  }

  override storeState(): unknown {
    const state: GeneratorState = {
      group: super.storeState(),
      // These arrays are replaced, never modified in place, so the snapshot can share them.
      indices: this.indicesArray,
      times: this.timesArray,
      timebins: this.timebins,
      period: this.periodSeconds,
      periodBins: this.periodBins,
      lastIndex: this.lastIndex,
      previousDt: this.previousDt,
      spikesChanged: this.spikesChanged,
    };
    return state;
  }

  override restoreState(state: unknown): void {
    const s = state as GeneratorState;
    super.restoreState(s.group);
    this.indicesArray = s.indices;
    this.timesArray = s.times;
    this.timebins = s.timebins;
    this.periodSeconds = s.period;
    (this.variables.getArray('period').array as Float64Array)[0] = s.period;
    this.periodBins = s.periodBins;
    this.lastIndex = s.lastIndex;
    this.previousDt = s.previousDt;
    this.spikesChanged = s.spikesChanged;
  }

  override toString(): string {
    const l = this.indicesArray.length;
    return `SpikeGeneratorGroup(${this.N}, indices=<length ${l} array>, times=<length ${l} array>)`;
  }
}

function toSeconds(name: string, times: unknown): Float64Array {
  if (times instanceof QuantityArray) {
    if (times.dim !== SECOND && times.length > 0) throw new DimensionMismatchError(`The spike times of SpikeGeneratorGroup '${name}' have to be times`, times.dim, SECOND);
    return times.values;
  }
  if (Array.isArray(times)) {
    const out = new Float64Array(times.length);
    times.forEach((q: unknown, k) => {
      if (!(q instanceof Quantity) || q.dim !== SECOND) {
        throw new DimensionMismatchError(
          `The spike times of SpikeGeneratorGroup '${name}' have to be times (a QuantityArray such as ms([1, 2]) or time Quantities), got ${q instanceof Quantity ? String(q) : typeof q} at position ${k}`,
          q instanceof Quantity ? q.dim : DIMENSIONLESS,
          SECOND,
        );
      }
      out[k] = q.value;
    });
    return out;
  }
  throw new DimensionMismatchError(`The spike times of SpikeGeneratorGroup '${name}' have to be times (a QuantityArray such as ms([1, 2])), got ${times instanceof Quantity ? String(times) : typeof times}`, times instanceof Quantity ? times.dim : DIMENSIONLESS, SECOND);
}
