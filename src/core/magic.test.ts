import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { ms } from '../units/index.ts';
import { setWarningHandler } from '../util/index.ts';
import { BrianObject, MagicError, Network, NetworkError, collect, magicNetwork, restore, run, startScope, stop, store } from './index.ts';

/** A user-facing object (like NeuronGroup): collected by magic; counts its steps. */
class Group extends BrianObject {
  steps = 0;
  value = 0;
  override get addToMagicNetwork(): boolean {
    return true;
  }
  override run(): void {
    this.steps++;
    this.value += 1;
  }
  override storeState(): unknown {
    return this.value;
  }
  override restoreState(state: unknown): void {
    this.value = state as number;
  }
}

/** A monitor: collected, but does not force a restart. */
class Monitor extends Group {
  override get invalidatesMagicNetwork(): boolean {
    return false;
  }
}

describe('magic run/store/restore', () => {
  beforeEach(() => startScope());

  it('run(T) simulates the objects created since startScope(), with their contained objects', () => {
    const before = new Group({ name: 'old_group' });
    startScope();
    const g = new Group();
    const inner = new Group({ name: 'inner' });
    const helper = new BrianObject({ name: 'helper' }); // not addToMagicNetwork: only run when contained
    g.containedObjects.push(helper);
    assert.deepEqual(collect(), [g, inner]);
    run(ms(1));
    assert.equal(g.steps, 10);
    assert.equal(inner.steps, 10);
    assert.equal(before.steps, 0);
    assert.equal(magicNetwork.tSeconds, 1e-3);
  });

  it('run() continues from the previous time when all objects took part in the last run', () => {
    const g = new Group();
    run(ms(1));
    run(ms(0.5));
    assert.equal(g.steps, 15);
    assert.equal(magicNetwork.t.in(ms), 1.5);
  });

  it('run() restarts at t = 0 when all objects are new', () => {
    new Group();
    run(ms(2));
    startScope();
    const g = new Group();
    run(ms(1));
    assert.equal(magicNetwork.t.in(ms), 1);
    assert.equal(g.clock.timestep, 10);
  });

  it('run() throws MagicError for a mix of old and new objects', () => {
    new Group();
    run(ms(1));
    new Group();
    assert.throws(() => run(ms(1)), (e: unknown) => e instanceof MagicError && /mix of objects that has been run before and new objects/.test(e.message));
  });

  it('run() accepts new monitors next to old objects and continues', () => {
    const g = new Group();
    run(ms(1));
    const m = new Monitor();
    run(ms(1));
    assert.equal(g.steps, 20);
    assert.equal(m.steps, 10);
    assert.equal(magicNetwork.t.in(ms), 2);
  });

  it('magicNetwork.add/remove throw MagicError', () => {
    const g = new Group();
    assert.throws(() => magicNetwork.add(g), (e: unknown) => e instanceof MagicError && /Cannot directly modify MagicNetwork/.test(e.message));
    assert.throws(() => magicNetwork.remove(g), MagicError);
  });

  it('run() deactivates, with a warning, objects whose dependency was not collected', () => {
    startScope();
    const outside = new BrianObject({ name: 'outside_group' });
    const m = new Group({ name: 'orphan_monitor' });
    m.addDependency(outside);
    const warnings: [string, string][] = [];
    setWarningHandler((key, message) => warnings.push([key, message]));
    try {
      run(ms(0.5));
    } finally {
      setWarningHandler(undefined);
    }
    assert.equal(m.active, false);
    assert.equal(m.steps, 0);
    assert.equal(warnings[0]?.[0], 'dependency_warning');
    assert.match(warnings[0]?.[1] ?? '', /'orphan_monitor' has been included in the network but not the object on which it depends/);
  });

  it('store()/restore() act on the collected objects and t', () => {
    const g = new Group();
    run(ms(1));
    store();
    run(ms(1));
    store('two');
    restore();
    assert.equal(g.value, 10);
    assert.equal(magicNetwork.t.in(ms), 1);
    run(ms(0.5));
    assert.equal(g.value, 15);
    restore('two');
    assert.equal(g.value, 20);
    assert.equal(magicNetwork.t.in(ms), 2);
  });

  it('an object run by magic cannot be added to an explicit Network', () => {
    const g = new Group({ name: 'magic_only' });
    run(ms(0.1));
    assert.throws(() => new Network(g), (e: unknown) => e instanceof NetworkError && /magic_only has already been simulated/.test(e.message));
  });

  it('an object run in an explicit Network cannot be run by magic', () => {
    const g = new Group({ name: 'explicit_only' });
    new Network(g).run(ms(0.1));
    startScope();
    const h = new Group({ name: 'explicit_again' });
    new Network(h).run(ms(0.1));
    assert.throws(() => run(ms(0.1)), (e: unknown) => e instanceof NetworkError && /'explicit_again' has already been run in the context of another network/.test(e.message));
  });

  it('stop() ends the running network after the current step', () => {
    class Stopper extends Group {
      override run(): void {
        super.run();
        if (this.steps === 4) stop();
      }
    }
    const s = new Stopper();
    run(ms(1));
    assert.equal(s.steps, 4);
    assert.equal(magicNetwork.tSeconds, 4 * 1e-4);
    run(ms(0.1));
    assert.equal(s.steps, 5);
  });

  it('new MagicNetwork() is refused: there is one', () => {
    const Ctor = magicNetwork.constructor as new () => unknown;
    assert.throws(() => new Ctor(), (e: unknown) => e instanceof MagicError && /only one MagicNetwork/.test(e.message));
  });
});
