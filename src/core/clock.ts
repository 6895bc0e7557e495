/**
 * Clocks as Brian2's `brian2/core/clocks.py`: an integer timestep, `t = timestep*dt` recomputed
 * (never accumulated), and dt changes between runs checked against the current time.
 */
import { Quantity, DimensionMismatchError, DIMENSIONLESS, second } from '../units/index.ts';
import type { ArrayVariable } from '../variables/index.ts';
import { sharedBuffer } from '../util/index.ts';
import { ClockError } from './errors.ts';
import { checkOptions, showValue, warn } from '../util/index.ts';
import { claimName } from './names.ts';

/** Relative tolerance (in units of dt) for times that count as multiples of dt (Brian2's `Clock.epsilon_dt`). */
export const EPSILON_DT = 1e-4;

/** Largest timestep `t_in_timesteps` holds exactly (Brian2: int64; here integers in a double). */
const MAX_TIMESTEP = Number.MAX_SAFE_INTEGER;

/** numpy's `round` (half to even), which Brian2's clock arithmetic uses. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Snapshot of a clock for `store`/`restore`. */
export interface ClockState {
  readonly timestep: number;
  readonly dt: number;
}

/** The scalar variables a clock provides to the groups that use it. */
export interface ClockVariables {
  readonly t: ArrayVariable;
  readonly dt: ArrayVariable;
  readonly t_in_timesteps: ArrayVariable;
}

const CLOCK_OPTIONS = ['name'];

/** Options of `new Clock(dt, options)`. */
export interface ClockOptions {
  /** Name, `'clock*'` by default (`*`: append `_1`, `_2`… when taken). */
  name?: string;
}

function checkTime(owner: string, what: string, q: unknown): number {
  if (!(q instanceof Quantity)) {
    throw new DimensionMismatchError(`Clock '${owner}': ${what} has to be a time Quantity, got ${typeof q}`);
  }
  if (q.dim !== second.dim) throw new DimensionMismatchError(`Clock '${owner}': ${what} has to be a time`, q.dim);
  return q.value;
}

function scalarVariable(name: string, array: Float64Array, dim: Quantity['dim'], constant: boolean, dtype: 'float64' | 'int64' = 'float64'): ArrayVariable {
  return {
    kind: 'array',
    name,
    dim,
    readOnly: true,
    dtype,
    scalar: true,
    size: 1,
    array,
    index: '0',
    constant,
    length: 1,
  };
}

/**
 * Holds simulation time and time step. `t = timestep*dt` after every step.
 * @example
 * const c = new Clock(ms(0.1)); c.dt = ms(0.05); // allowed between runs when t is a multiple of 0.05 ms
 */
export class Clock {
  /** Unique name (Brian2 default `clock*`). */
  readonly name: string;
  /** `t`, `dt` and `t_in_timesteps` as scalar array variables, kept current every step. */
  readonly variables: ClockVariables;
  // Shared memory: worker threads read t and dt (devices/threads.ts).
  private readonly tArray = new Float64Array(sharedBuffer(8));
  private readonly dtArray = new Float64Array(sharedBuffer(8));
  // Brian2 keeps int64 time steps: integers in a Float64Array are exact up to 2^53.
  private readonly timestepArray = new Float64Array(sharedBuffer(8));
  private step = 0;
  private oldDt: number | null = null;
  private endStep = 0;

  constructor(dt: Quantity, options?: ClockOptions) {
    options = checkOptions(options, CLOCK_OPTIONS, { what: 'Clock', error: (message) => new ClockError(message) });
    this.name = claimName(this, options.name ?? 'clock*');
    const value = checkTime(this.name, 'dt', dt);
    Clock.checkPositive(this.name, value);
    this.dtArray[0] = value;
    this.variables = {
      t: scalarVariable('t', this.tArray, second.dim, false),
      dt: scalarVariable('dt', this.dtArray, second.dim, true),
      t_in_timesteps: scalarVariable('t_in_timesteps', this.timestepArray, DIMENSIONLESS, false, 'int64'),
    };
  }

  private static checkPositive(name: string, value: number): void {
    if (!(value > 0) || !Number.isFinite(value)) {
      throw new ClockError(`Clock '${name}': dt has to be a positive, finite time, got ${value} s.`);
    }
  }

  /** The time step. Setting it takes effect at the next run, which checks that `t` is a multiple of it. */
  get dt(): Quantity {
    return new Quantity(this.dtArray[0]!, second.dim);
  }
  set dt(dt: Quantity) {
    const value = checkTime(this.name, 'dt', dt);
    Clock.checkPositive(this.name, value);
    // Remember the dt of the grid `t` lies on, checked at the next setInterval. Brian2 remembers
    // the value replaced last and forgets it after a failed check; keeping the grid's dt until a
    // check passes gives the same result for one change and a meaningful check for several.
    if (this.oldDt === null) this.oldDt = this.dtArray[0]!;
    this.dtArray[0] = value;
  }

  /** dt in seconds. */
  get dtSeconds(): number {
    return this.dtArray[0]!;
  }

  /** Current time (`timestep*dt`). */
  get t(): Quantity {
    return new Quantity(this.tArray[0]!, second.dim);
  }

  /** Current time in seconds. */
  get tSeconds(): number {
    return this.tArray[0]!;
  }

  /** Current integer time step. */
  get timestep(): number {
    return this.step;
  }

  /** The timestep at which the current run ends (set by `setInterval`). */
  get endTimestep(): number {
    return this.endStep;
  }

  /**
   * Brian2's `Clock._calc_timestep`: `round(t/dt)` when that is within `EPSILON_DT*dt` of `t`,
   * otherwise `ceil(t/dt)`, so consecutive runs never repeat or skip a step.
   */
  calcTimestep(targetSeconds: number): number {
    const dt = this.dtArray[0]!;
    const n = roundHalfEven(targetSeconds / dt);
    const nt = n * dt;
    if (nt === targetSeconds || Math.abs(nt - targetSeconds) / dt <= EPSILON_DT) return n;
    return Math.ceil(targetSeconds / dt);
  }

  /** Sets the clock to `start` (checking a changed dt) and the end step to `calcTimestep(end)` (seconds). */
  setInterval(startSeconds: number, endSeconds: number): void {
    this.setTime(startSeconds);
    const end = this.calcTimestep(endSeconds);
    if (end > MAX_TIMESTEP) {
      throw new ClockError(
        `Clock '${this.name}': the end time ${showValue(new Quantity(endSeconds, second.dim))} is ${end} time steps of ` +
          `${showValue(this.dt)}, more than the ${MAX_TIMESTEP} steps a clock supports.`,
      );
    }
    if (end > 2 ** 40) {
      warn(
        'many_timesteps',
        `The end time of the simulation has been set to ${String(new Quantity(endSeconds, second.dim))}, which based on the dt value of ${String(this.dt)} means that ${end} time steps will be simulated. ` +
          'This can lead to numerical problems, e.g. the times t will not correspond to exact multiples of dt.',
      );
    }
    this.endStep = end;
  }

  /** Brian2's `_set_t_update_dt`: checks a changed dt against `target` and moves to its timestep. */
  setTime(targetSeconds: number): void {
    const dt = this.dtArray[0]!;
    const old = this.oldDt;
    if (old !== null) {
      if (old !== dt) checkDt(dt, old, targetSeconds);
      this.oldDt = null;
    }
    this.setTimestep(this.calcTimestep(targetSeconds));
  }

  /** Advances by one step. Called by the network loop only. */
  tick(): void {
    this.setTimestep(this.step + 1);
  }

  private setTimestep(step: number): void {
    this.step = step;
    this.timestepArray[0] = step;
    this.tArray[0] = step * this.dtArray[0]!;
  }

  /** Snapshot for `Network.store`. */
  storeState(): ClockState {
    return { timestep: this.step, dt: this.dtArray[0]! };
  }

  /** Restores a snapshot taken by `storeState`. */
  restoreState(state: ClockState): void {
    this.dtArray[0] = state.dt;
    this.oldDt = null;
    this.setTimestep(state.timestep);
  }

  toString(): string {
    return `Clock(dt=${showValue(this.dt)}, name='${this.name}')`;
  }
}

/**
 * Brian2's `check_dt`: throws when `target` is not (within `EPSILON_DT*newDt`) the same time on
 * the old and the new grid. Times in seconds.
 */
export function checkDt(newDt: number, oldDt: number, targetSeconds: number): void {
  const oldT = roundHalfEven(targetSeconds / oldDt) * oldDt;
  const newT = roundHalfEven(targetSeconds / newDt) * newDt;
  if (Math.abs(newT - oldT) / newDt > EPSILON_DT) {
    const q = (s: number): string => String(new Quantity(s, second.dim));
    throw new ClockError(
      `Cannot set dt from ${q(oldDt)} to ${q(newDt)}, the time ${q(targetSeconds)} is not a multiple of ${q(newDt)}.`,
    );
  }
}

/** The clock of every object created without `dt` or `clock` (dt = 0.1 ms). */
export const defaultclock: Clock = new Clock(new Quantity(1e-4, second.dim), { name: 'defaultclock' });
