/**
 * Brian-style magic (Brian2's `brian2/core/magic.py`): `run`, `store`, `restore` act on the
 * objects created since the last `startScope()` whose class sets `addToMagicNetwork`, plus
 * their contained objects. Continuation: all collected objects known → continue from the
 * previous time; all new → start at t = 0; a mix → MagicError. Objects with
 * `invalidatesMagicNetwork === false` (monitors) do not count as new.
 */
import type { Quantity } from '../units/index.ts';
import { warn } from '../util/index.ts';
import type { BrianObject } from './brian-object.ts';
import { MagicError } from './errors.ts';
import { Network, checkRestoreOptions, checkRunOptions } from './network.ts';
import type { NetworkItem, RestoreOptions, RunOptions } from './network.ts';
import { SchedulingSummary, allObjects, sortObjects } from './schedule.ts';
import { ProfilingSummary } from './profiling.ts';
import { currentScopeKey, objectsInScope, startScope as newScope } from './scope.ts';

/** The objects that magic `run()` would simulate now (Brian2's `collect()`), without contained objects. */
export function collect(): BrianObject[] {
  const key = currentScopeKey();
  return objectsInScope().filter((obj) => obj.addToMagicNetwork && obj.scopeKey === key);
}

/** The singleton network behind the magic functions. It cannot be modified directly. */
export class MagicNetwork extends Network {
  private static created = false;

  constructor() {
    if (MagicNetwork.created) throw new MagicError('There can be only one MagicNetwork.');
    super({ name: 'magicnetwork*' });
    MagicNetwork.created = true;
  }

  override add(...items: NetworkItem[]): void {
    // The base constructor calls add() with no items.
    if (items.length > 0) throw new MagicError('Cannot directly modify MagicNetwork');
  }

  override remove(..._items: NetworkItem[]): void {
    throw new MagicError('Cannot directly modify MagicNetwork');
  }

  /** Brian2's `_update_magic_objects`: collect, decide continue / restart / MagicError. */
  private updateMagicObjects(): void {
    const objects = allObjects(collect());
    let someKnown = false;
    let someNew = false;
    for (const obj of objects) {
      if (obj.networkToken === this.token) someKnown = true;
      else if (obj.networkToken === undefined && obj.invalidatesMagicNetwork) someNew = true;
    }
    if (someKnown && someNew) {
      throw new MagicError(
        'The magic network contains a mix of objects that has been run before and new objects, Brian does not know ' +
          'whether you want to start a new simulation or continue an old one. Consider explicitly creating a Network ' +
          'object. Also note that you can find out which objects will be included in a magic network with the ' +
          'collect() function.',
      );
    } else if (someNew) {
      this.tValue = 0;
      this.token = {};
    }
    for (const obj of objects) if (obj.networkToken === undefined) obj.networkToken = this.token;
    this.members = objects;
  }

  /** Deactivates (with a warning) objects whose dependencies were not collected. */
  protected override checkDependencies(objects: ReadonlySet<BrianObject>): void {
    for (const obj of objects) {
      if (!obj.active) continue;
      for (const dep of obj.dependencies) {
        if (!objects.has(dep)) {
          warn(
            'dependency_warning',
            `'${obj.name}' has been included in the network but not the object on which it depends.Setting '${obj.name}' to inactive.`,
          );
          obj.active = false;
          break;
        }
      }
    }
  }

  override run(duration: Quantity, options?: RunOptions): void {
    options = checkRunOptions(options, this.name);
    this.updateMagicObjects();
    try {
      super.run(duration, options);
    } finally {
      this.members = new Set();
    }
  }

  override store(name = 'default'): void {
    this.updateMagicObjects();
    try {
      super.store(name);
    } finally {
      this.members = new Set();
    }
  }

  override restore(name = 'default', options?: RestoreOptions): void {
    options = checkRestoreOptions(options, this.name);
    this.updateMagicObjects();
    try {
      super.restore(name, options);
    } finally {
      this.members = new Set();
    }
  }

  /** The schedule of the objects `run()` would collect now (Brian2's `scheduling_summary()`); changes nothing. */
  override schedulingSummary(): SchedulingSummary {
    return new SchedulingSummary(sortObjects(allObjects(collect()), this.schedule));
  }

  override toString(): string {
    return `MagicNetwork, containing objects: ${collect()
      .map((o) => o.name)
      .join(', ')}`;
  }
}

/** The magic network singleton. */
export const magicNetwork: MagicNetwork = new MagicNetwork();

/**
 * Runs the objects created since `startScope()` for `duration` (continuing from the previous
 * magic run when all of them took part in it, otherwise from t = 0).
 */
export function run(duration: Quantity, options?: RunOptions): void {
  magicNetwork.run(duration, options);
}

/** Stores the state of the collected objects under `name`. */
export function store(name = 'default'): void {
  magicNetwork.store(name);
}

/** Restores the collected objects from the snapshot `name`. */
export function restore(name = 'default', options?: RestoreOptions): void {
  magicNetwork.restore(name, options);
}

/**
 * The per-object times of the last run of `net` (default: the magic network) when it ran with
 * `{ profile: true }` (Brian2's `profiling_summary`); a NetworkError otherwise. `show` keeps the
 * longest ones.
 */
export function profilingSummary(net: Network = magicNetwork, show?: number): ProfilingSummary {
  return new ProfilingSummary(net, show);
}

/** The schedule of `net`, or of the objects magic `run()` would collect (Brian2's `scheduling_summary`). */
export function schedulingSummary(net: Network = magicNetwork): SchedulingSummary {
  return net.schedulingSummary();
}

/** Stops the running network (magic or explicit) after the current time step. */
export function stop(): void {
  Network.globallyStopped = true;
}

/** Starts a new scope: objects created before are no longer collected by `run`, `store`, `restore`. */
export function startScope(): void {
  newScope();
}
