/** `BrianObject`: the base of everything a Network schedules (Brian2's `brian2/core/base.py`). */
import type { Quantity } from '../units/index.ts';
import { Clock, defaultclock } from './clock.ts';
import { ClockError, NetworkError, SchedulingError } from './errors.ts';
import { claimName, releaseName } from './names.ts';
import { currentScopeKey, registerInScope, unregisterFromScope } from './scope.ts';
import type { Network } from './network.ts';
import type { ThreadWork } from '../devices/index.ts';
import { showValue } from '../util/index.ts';

/** The default schedule slots; each also has `before_`/`after_` variants. */
export type DefaultSlot = 'start' | 'groups' | 'thresholds' | 'synapses' | 'resets' | 'end';

/** A scheduling slot: a default slot, its `before_`/`after_` variant, or a slot of a custom schedule. */
export type When = DefaultSlot | `before_${DefaultSlot}` | `after_${DefaultSlot}` | (string & {});

/** Options common to every BrianObject. */
export interface BrianObjectOptions {
  /** Time step of a private clock named `<name>_clock`. Excludes `clock`. */
  dt?: Quantity;
  /** A shared clock. Excludes `dt`. Default: `defaultclock`. */
  clock?: Clock;
  /** Scheduling slot. Default `'start'` (subclasses choose theirs). */
  when?: When;
  /** Priority within the slot (lower first). Default 0. */
  order?: number;
  /** Name; a trailing `*` picks the first free `name`, `name_1`, …. Default `'brianobject*'`. */
  name?: string;
}

/** What a network hands to `beforeRun`. */
export interface RunContext {
  /** The run's namespace (`run(T, {namespace})`), empty when none was given. */
  readonly namespace: Readonly<Record<string, unknown>>;
  /** The network being run. */
  readonly network: Network;
  /** Start and end of the run (the end is `start + duration`, before rounding to steps). */
  readonly tStart: Quantity;
  readonly tEnd: Quantity;
  /** The active objects of this run, in run order (an object may fuse its work with its neighbour's). */
  readonly objects: readonly BrianObject[];
}

// In bundles without module URLs (IIFE/CommonJS) `import.meta.url` is empty: creation sites then
// simply include brian-ts frames.
const SRC_DIR = (() => {
  try {
    return new URL('../', import.meta.url).href;
  } catch {
    return '\u0000';
  }
})();
const SRC_PATH = SRC_DIR.replace(/^file:\/\//, '');

/**
 * The stack where an object is created, captured but not formatted: V8 records the frames when the
 * Error is made and formats `.stack` (source maps included: 40–80 µs an object) only when it is
 * first read. Called at the same depth as the eager `creationSite` was, so both see the same frames.
 */
function captureCreationSite(): Error {
  return new Error();
}

/** The first stack frame outside brian-ts's sources in `captured`: where the user created the object. */
function formatCreationSite(captured: Error): string {
  const frames = (captured.stack ?? '').split('\n').slice(1);
  const isLibrary = (f: string): boolean => (f.includes(SRC_DIR) || f.includes(SRC_PATH)) && !/\.test\.[jt]s/.test(f);
  const user = frames.find((f) => !isLibrary(f) && !f.includes('(node:') && !/^\s*at node:/.test(f));
  return user === undefined ? 'unknown location' : user.trim().replace(/^at /, '');
}

let eagerCreationSites = false;
/**
 * Internal (tests and bench/sweep/point-profile.ts): format each creation site when the object is
 * made, as before session 9, instead of when `createdAt` is first read.
 */
export function setEagerCreationSites(eager: boolean): void {
  eagerCreationSites = eager;
}

/**
 * Base class of every scheduled object. A Network calls, for each active object,
 * `beforeRun(context)` once per run, `run()` once per tick of the object's clock in schedule
 * order (`when`, `order`, `name`), and `afterRun()` at the end. Objects with internal state
 * implement `storeState`/`restoreState` for `Network.store`/`restore`.
 */
export class BrianObject {
  /** Unique name (Brian2's `Nameable`). */
  readonly name: string;
  /** The clock whose ticks run this object. */
  readonly clock: Clock;
  /** Scheduling slot. */
  when: When;
  /** Order within the slot. */
  order: number;
  private readonly contained: BrianObject[] = [];
  /** Objects added to a network together with this one (a group's state updater, thresholder…). The list can be changed, not replaced. */
  get containedObjects(): BrianObject[] {
    return this.contained;
  }
  set containedObjects(_value: BrianObject[]) {
    throw new NetworkError(`The contained objects of '${this.name}' cannot be replaced (add to or remove from the list instead).`);
  }
  /** Objects that must be in the same network (e.g. the group a monitor records). */
  readonly dependencies = new Set<BrianObject>();
  /** The object this one is part of (a group for its state updater), shown by `schedulingSummary`. */
  owner: BrianObject | undefined = undefined;
  /** The stack captured at creation (unformatted) or, once read, the formatted site. */
  private createdAtSite: Error | string;
  /** Where the user created the object (for error messages): formatted on first read. */
  get createdAt(): string {
    if (typeof this.createdAtSite !== 'string') this.createdAtSite = formatCreationSite(this.createdAtSite);
    return this.createdAtSite;
  }
  /** The magic scope this object was created in. */
  readonly scopeKey: number;
  /**
   * Token of the network that simulated this object (`undefined` before its first run). Set by
   * Network; an object can only ever belong to one network.
   */
  networkToken: object | undefined = undefined;
  private isActive = true;

  constructor(options: BrianObjectOptions = {}, defaultName = 'brianobject*') {
    if (options.dt !== undefined && options.clock !== undefined) {
      throw new ClockError('Can only specify either a dt or a clock, not both.');
    }
    if (typeof options.when !== 'string' && options.when !== undefined) {
      throw new SchedulingError("The 'when' argument has to be a string specifying the scheduling slot (e.g. 'start').");
    }
    if (options.order !== undefined && !Number.isFinite(options.order)) {
      throw new SchedulingError(`The 'order' argument has to be a finite number, got ${showValue(options.order)}.`);
    }
    this.name = claimName(this, options.name ?? defaultName);
    this.clock =
      options.clock ?? (options.dt !== undefined ? new Clock(options.dt, { name: `${this.name}_clock*` }) : defaultclock);
    this.when = options.when ?? 'start';
    this.order = options.order ?? 0;
    this.createdAtSite = captureCreationSite();
    if (eagerCreationSites) this.createdAtSite = formatCreationSite(this.createdAtSite);
    this.scopeKey = currentScopeKey();
    registerInScope(this);
  }

  /**
   * Undoes the registration of a constructor that is about to throw: a half-built object must
   * not be collected by magic `run()` nor keep its name (subclass constructors call this in a catch).
   */
  protected abandon(): void {
    unregisterFromScope(this);
    releaseName(this, this.name);
  }

  /** Whether magic `run()` collects this object (true for user-facing objects: groups, monitors…). */
  get addToMagicNetwork(): boolean {
    return false;
  }

  /** Whether a new object of this kind forces the magic network to restart at t=0 (false for monitors). */
  get invalidatesMagicNetwork(): boolean {
    return true;
  }

  /** Whether the network runs this object. Setting it propagates to contained objects. */
  get active(): boolean {
    return this.isActive;
  }
  set active(value: boolean) {
    this.isActive = value;
    for (const obj of this.containedObjects) obj.active = value;
  }

  /** The object a dependency on this one refers to (a subgroup overrides it with its source). */
  get dependencyTarget(): BrianObject {
    return this;
  }

  /** Declares that this object needs `obj` in the same network. */
  addDependency(obj: BrianObject): void {
    this.dependencies.add(obj.dependencyTarget);
  }

  /** Prepares a run (resolve names, compile code). Errors are wrapped in BrianObjectError by the network. */
  beforeRun(_context: RunContext): void {}

  /** One time step (only called when this object's clock ticks). */
  run(): void {}

  /**
   * Multi-threaded runs: what `run()` does (see `ThreadWork`), so that split code of earlier
   * objects may stay pending while it runs and share one barrier with later split code.
   * `undefined` (the default, and for any object that does other work): pending split code
   * completes before `run()`. Only valid after `beforeRun`.
   */
  threadWork(): ThreadWork | undefined {
    return undefined;
  }

  /** Finishes a run. */
  afterRun(): void {}

  /**
   * A snapshot of the internal state (copies of arrays) for `Network.store`. Objects with state
   * override both this and `restoreState`; `restore` then requires a snapshot under their name.
   */
  storeState(): unknown {
    return undefined;
  }

  /** Restores a snapshot returned by `storeState`. */
  restoreState(_state: unknown): void {}

  toString(): string {
    return `${this.constructor.name}(clock=${showValue(this.clock)}, when=${this.when}, order=${this.order}, name='${this.name}')`;
  }
}
