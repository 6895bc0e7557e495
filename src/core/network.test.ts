import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DimensionMismatchError, ms, mV, second } from '../units/index.ts';
import {
  BrianObject,
  BrianObjectError,
  Clock,
  Network,
  NetworkError,
  SchedulingError,
  sortObjects,
  slotKeys,
  DEFAULT_SCHEDULE,
  setRandomStateProvider,
} from './index.ts';
import type { BrianObjectOptions, RunContext, RandomStateProvider } from './index.ts';

/** A fake object that records every call into a shared log. */
class Fake extends BrianObject {
  constructor(
    readonly log: string[],
    options: BrianObjectOptions = {},
  ) {
    super(options, 'fake*');
  }
  override beforeRun(ctx: RunContext): void {
    this.log.push(`before:${this.name}:${Object.keys(ctx.namespace).join(',')}`);
  }
  override run(): void {
    this.log.push(`${this.name}@${this.clock.timestep}`);
  }
  override afterRun(): void {
    this.log.push(`after:${this.name}`);
  }
}

/** A fake object with state: one Float64Array. */
class Stateful extends BrianObject {
  readonly x = new Float64Array(3);
  override run(): void {
    for (let k = 0; k < this.x.length; k++) this.x[k]! += k + 1;
  }
  override storeState(): unknown {
    return this.x.slice();
  }
  override restoreState(state: unknown): void {
    this.x.set(state as Float64Array);
  }
}

const runs = (log: string[]): string[] => log.filter((l) => !l.startsWith('before') && !l.startsWith('after'));

describe('Network scheduling', () => {
  it('Network.run() runs objects by slot, then order, then name, each step', () => {
    const log: string[] = [];
    new Network(
      new Fake(log, { when: 'end', name: 'e' }),
      new Fake(log, { when: 'resets', name: 'r' }),
      new Fake(log, { when: 'after_thresholds', name: 'at' }),
      new Fake(log, { when: 'thresholds', name: 'tb', order: 1 }),
      new Fake(log, { when: 'thresholds', name: 'ta', order: 1 }),
      new Fake(log, { when: 'thresholds', name: 'tz', order: 0 }),
      new Fake(log, { when: 'before_groups', name: 'bg' }),
      new Fake(log, { when: 'groups', name: 'g', order: -2 }),
      new Fake(log, { when: 'synapses', name: 's' }),
      new Fake(log, { name: 'st' }),
    ).run(ms(0.2));
    const step = ['st', 'bg', 'g', 'tz', 'ta', 'tb', 'at', 's', 'r', 'e'];
    assert.deepEqual(runs(log), [...step.map((n) => `${n}@0`), ...step.map((n) => `${n}@1`)]);
  });

  it('sortObjects() breaks ties by name in code-point order (obj_10 < obj_9, B < _ < a)', () => {
    const objs = ['obj_9', 'obj_10', 'a', '_x', 'B', 'obj'].map((name) => new BrianObject({ name }));
    assert.deepEqual(
      sortObjects(objs).map((o) => o.name),
      ['B', '_x', 'a', 'obj', 'obj_10', 'obj_9'],
    );
  });

  it('sortObjects() orders by (slot key, order, name) for any objects (property)', () => {
    const keys = slotKeys(DEFAULT_SCHEDULE);
    const slots = [...keys.keys()];
    fc.assert(
      fc.property(
        fc.array(fc.record({ slot: fc.constantFrom(...slots), order: fc.integer({ min: -3, max: 3 }), name: fc.stringMatching(/^[a-c_][a-c0-9_]{0,3}$/) }), {
          maxLength: 12,
        }),
        (specs) => {
          const objs = specs.map((s) => new BrianObject({ when: s.slot, order: s.order, name: s.name }));
          const sorted = sortObjects(objs);
          assert.equal(sorted.length, objs.length);
          for (let k = 1; k < sorted.length; k++) {
            const a = sorted[k - 1]!;
            const b = sorted[k]!;
            const ka = [keys.get(a.when)!, a.order];
            const kb = [keys.get(b.when)!, b.order];
            assert.ok(ka[0]! < kb[0]! || (ka[0] === kb[0] && (ka[1]! < kb[1]! || (ka[1] === kb[1] && a.name <= b.name))));
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('Network.schedule = [...] reorders slots; null restores the default', () => {
    const log: string[] = [];
    const net = new Network(new Fake(log, { when: 'start', name: 'a' }), new Fake(log, { when: 'end', name: 'b' }), new Fake(log, { when: 'before_mine', name: 'c' }));
    net.schedule = ['end', 'mine', 'start', 'groups', 'thresholds', 'synapses', 'resets'];
    assert.deepEqual(net.sortedObjects.map((o) => o.name), ['b', 'c', 'a']);
    net.schedule = null;
    assert.deepEqual(net.schedule, [...DEFAULT_SCHEDULE]);
    assert.throws(() => net.sortedObjects, (e: unknown) => e instanceof SchedulingError && /'c' uses the scheduling slot 'before_mine'/.test(e.message));
  });

  it('Network.schedule rejects before_/after_ names and repeats', () => {
    const net = new Network();
    assert.throws(() => (net.schedule = ['start', 'before_end']), (e: unknown) => e instanceof SchedulingError && /not allowed to start with 'before_' or 'after_'/.test(e.message));
    assert.throws(() => (net.schedule = ['start', 'start']), (e: unknown) => e instanceof SchedulingError && /more than once/.test(e.message));
  });

  it('Network.run() rejects an unknown when slot, naming the object', () => {
    const net = new Network(new BrianObject({ when: 'nowhere', name: 'lost' }));
    assert.throws(() => net.run(ms(1)), (e: unknown) => e instanceof SchedulingError && /'lost'.*'nowhere'.*Valid slots are: before_start, start, after_start/.test(e.message));
  });

  it('Network.run() runs contained objects, skips inactive ones, and active propagates', () => {
    const log: string[] = [];
    const parent = new Fake(log, { name: 'parent', when: 'end' });
    const child = new Fake(log, { name: 'child', when: 'groups' });
    const grandchild = new Fake(log, { name: 'grandchild', when: 'start' });
    child.containedObjects.push(grandchild);
    parent.containedObjects.push(child);
    const net = new Network(parent);
    assert.equal(net.size, 3);
    net.run(ms(0.1));
    assert.deepEqual(runs(log), ['grandchild@0', 'child@0', 'parent@0']);
    parent.active = false;
    assert.equal(grandchild.active, false);
    child.active = true;
    log.length = 0;
    net.run(ms(0.1));
    // Activating the child re-activates its own contained object too.
    assert.deepEqual(log, ['before:grandchild:', 'before:child:', 'grandchild@1', 'child@1', 'after:grandchild', 'after:child']);
  });

  it('Network.run(T, {namespace}) calls beforeRun and afterRun once per run, in run order', () => {
    const log: string[] = [];
    const net = new Network(new Fake(log, { name: 'b', when: 'end' }), new Fake(log, { name: 'a' }));
    net.run(ms(0.1), { namespace: { tau: ms(10), v0: mV(1) } });
    assert.deepEqual(log, ['before:a:tau,v0', 'before:b:tau,v0', 'a@0', 'b@0', 'after:a', 'after:b']);
  });

  it('Network.run(0 ms) prepares objects but runs no step', () => {
    const log: string[] = [];
    const net = new Network(new Fake(log, { name: 'z' }));
    net.run(ms(0));
    assert.deepEqual(log, ['before:z:', 'after:z']);
    assert.equal(net.tSeconds, 0);
  });

  it('Network.run() on an empty network leaves t unchanged', () => {
    const net = new Network();
    net.run(ms(5));
    assert.equal(net.tSeconds, 0);
  });

  it('Network.run(T) rejects non-times and negative durations', () => {
    const net = new Network(new BrianObject());
    assert.throws(() => net.run(mV(1)), (e: unknown) => e instanceof DimensionMismatchError && /run duration has to be a time/.test(e.message));
    assert.throws(() => net.run(ms(-1)), (e: unknown) => e instanceof NetworkError && /non-negative/.test(e.message));
  });
});

describe('Network with several clocks', () => {
  it('Network.run() runs each object when its clock is the earliest; simultaneous clocks share a step', () => {
    const log: string[] = [];
    const mon = new Fake(log, { name: 'mon', dt: ms(0.25) });
    const grp = new Fake(log, { name: 'grp', when: 'groups', dt: ms(0.1) });
    new Network(mon, grp).run(ms(0.5));
    assert.deepEqual(runs(log), ['mon@0', 'grp@0', 'grp@1', 'grp@2', 'mon@1', 'grp@3', 'grp@4']);
  });

  it('Network.run() with clocks of 0.1 and 0.2 ms ends after the 0.2 ms clock catches up', () => {
    const log: string[] = [];
    const a = new Fake(log, { name: 'a', clock: new Clock(ms(0.1)) });
    const b = new Fake(log, { name: 'b', clock: new Clock(ms(0.2)) });
    const net = new Network(a, b);
    net.run(ms(0.4));
    assert.deepEqual(runs(log), ['a@0', 'b@0', 'a@1', 'a@2', 'b@1', 'a@3']);
    assert.equal(net.tSeconds, 0.4e-3);
    assert.equal(a.clock.timestep, 4);
    assert.equal(b.clock.timestep, 2);
  });
});

describe('Network membership and errors', () => {
  it('Network.add/remove/get/has/delete manage objects; iteration includes contained ones', () => {
    const a = new BrianObject({ name: 'm_a' });
    const b = new BrianObject({ name: 'm_b' });
    const c = new BrianObject({ name: 'm_c' });
    b.containedObjects.push(c);
    const net = new Network([a], { x: b }, { name: 'mynet' });
    assert.equal(net.name, 'mynet');
    assert.equal(net.size, 3);
    assert.equal(net.get('m_c'), c);
    assert.ok(net.has('m_a') && !net.has('zzz'));
    assert.deepEqual(new Set(net), new Set([a, b, c]));
    net.remove(a);
    assert.equal(net.has('m_a'), false);
    net.delete('m_b');
    assert.equal(net.size, 0);
    assert.throws(() => net.get('m_a'), (e: unknown) => e instanceof NetworkError && /No object with name "m_a" found/.test(e.message));
    assert.throws(() => net.remove(a), (e: unknown) => e instanceof NetworkError && /'m_a' is not in network 'mynet'/.test(e.message));
    assert.throws(() => net.add('G' as unknown as BrianObject), (e: unknown) => e instanceof NetworkError && /Can only add objects of type BrianObject/.test(e.message));
  });

  it('Network.run() rejects duplicate names', () => {
    const net = new Network(new BrianObject({ name: 'dup' }), new BrianObject({ name: 'dup' }));
    assert.throws(() => net.run(ms(1)), (e: unknown) => e instanceof NetworkError && /unique names, the following name\(s\) were used more than once: 'dup'/.test(e.message));
  });

  it('an object simulated in one network cannot join or run in another', () => {
    const a = new BrianObject({ name: 'once' });
    new Network(a).run(ms(0.1));
    assert.throws(() => new Network(a), (e: unknown) => e instanceof NetworkError && /once has already been simulated, cannot add it to the network/.test(e.message));
    const b = new BrianObject({ name: 'shared' });
    const n1 = new Network(b);
    const n2 = new Network(b);
    n1.run(ms(0.1));
    assert.throws(() => n2.run(ms(0.1)), (e: unknown) => e instanceof NetworkError && /'shared' has already been run in the context of another network/.test(e.message));
  });

  it('Network.run() requires the objects an object depends on', () => {
    const g = new BrianObject({ name: 'dep_group' });
    const m = new BrianObject({ name: 'dep_monitor' });
    m.addDependency(g);
    assert.throws(() => new Network(m).run(ms(0.1)), (e: unknown) => e instanceof NetworkError && /'dep_monitor' has been included in the network but not the object on which it depends/.test(e.message));
    new Network(m, g).run(ms(0.1));
  });

  it('Network.run() wraps errors from beforeRun and run in BrianObjectError naming the object', () => {
    class Bad extends BrianObject {
      constructor(private readonly phase: 'before' | 'run') {
        super({ name: `bad_${phase}` });
      }
      override beforeRun(): void {
        if (this.phase === 'before') throw new RangeError('no namespace');
      }
      override run(): void {
        if (this.phase === 'run') throw new Error('boom');
      }
    }
    assert.throws(
      () => new Network(new Bad('before')).run(ms(1)),
      (e: unknown) =>
        e instanceof BrianObjectError &&
        e.objectName === 'bad_before' &&
        e.cause instanceof RangeError &&
        /^Error encountered with object named 'bad_before'\. An error occurred when preparing an object\.[^]*no namespace/.test(e.message) &&
        /network\.test\.ts/.test(e.message),
    );
    assert.throws(
      () => new Network(new Bad('run')).run(ms(1)),
      (e: unknown) => e instanceof BrianObjectError && e.objectName === 'bad_run' && /during the simulation at t=0\. s[^]*boom/.test(e.message),
    );
  });

  it('Network.stop() ends the run after the current step; t is the clock time', () => {
    class Stopper extends BrianObject {
      n = 0;
      constructor(private readonly net: () => Network) {
        super({ name: 'stopper' });
      }
      override run(): void {
        if (++this.n === 3) this.net().stop();
      }
    }
    const s = new Stopper(() => net);
    const net: Network = new Network(s);
    net.run(ms(1));
    assert.equal(s.n, 3);
    assert.equal(net.tSeconds, 3 * 1e-4);
    net.run(ms(0.2));
    assert.equal(s.n, 5);
  });
});

describe('Network store/restore', () => {
  it('Network.store()/restore() bring back arrays, clock and t; snapshots are named', () => {
    const s = new Stateful({ name: 'st_a' });
    const net = new Network(s);
    net.run(ms(0.2));
    net.store();
    net.run(ms(0.3));
    net.store('later');
    assert.deepEqual([...s.x], [5, 10, 15]);
    net.restore();
    assert.deepEqual([...s.x], [2, 4, 6]);
    assert.equal(net.tSeconds, 0.2e-3);
    assert.equal(s.clock.timestep, 2);
    net.run(ms(0.1));
    assert.deepEqual([...s.x], [3, 6, 9]);
    net.restore('later');
    assert.equal(net.t.in(ms), 0.5);
    assert.deepEqual([...s.x], [5, 10, 15]);
    assert.throws(() => net.restore('nope'), (e: unknown) => e instanceof NetworkError && /no stored state named 'nope' \(stored: 'default', 'later'\)/.test(e.message));
  });

  it('Network.restore() restores dt and the clock when dt changed after store', () => {
    const s = new Stateful({ name: 'st_dt', clock: new Clock(ms(0.1)) });
    const net = new Network(s);
    net.run(ms(1));
    net.store();
    s.clock.dt = ms(0.5);
    net.run(ms(1));
    net.restore();
    assert.equal(s.clock.dtSeconds, 1e-4);
    assert.equal(s.clock.timestep, 10);
    net.run(ms(0.1));
    assert.equal(s.clock.timestep, 11);
  });

  it('Network.restore() matches objects by name and reports missing or extra ones', () => {
    const a = new Stateful({ name: 'st_x' });
    const net = new Network(a);
    net.store();
    const net2 = new Network(new Stateful({ name: 'st_y' }));
    (net2 as unknown as { snapshots: unknown }).snapshots = (net as unknown as { snapshots: unknown }).snapshots;
    assert.throws(() => net2.restore(), (e: unknown) => e instanceof NetworkError && /Stored state does not have a stored state for 'st_y'/.test(e.message));
    net.add(new Stateful({ name: 'st_z' }));
    assert.throws(() => net.restore(), (e: unknown) => e instanceof NetworkError && /'st_z'/.test(e.message));
    const net3 = new Network(new BrianObject({ name: 'stateless' }));
    (net3 as unknown as { snapshots: unknown }).snapshots = (net as unknown as { snapshots: unknown }).snapshots;
    assert.throws(() => net3.restore(), (e: unknown) => e instanceof NetworkError && /not present in the network: st_x/.test(e.message));
  });

  it('Network.restore(name, {restoreRandomState}) restores the generators only when asked', () => {
    let state = 1;
    const provider: RandomStateProvider = {
      seed: (n) => (state = n ?? 0),
      getState: () => state,
      setState: (s) => (state = s as number),
    };
    setRandomStateProvider(provider);
    try {
      const net = new Network(new Stateful({ name: 'st_rng' }));
      state = 42;
      net.store();
      state = 7;
      net.restore();
      assert.equal(state, 7);
      net.restore('default', { restoreRandomState: true });
      assert.equal(state, 42);
    } finally {
      setRandomStateProvider(undefined);
    }
  });
});

describe('Network progress reports', () => {
  it("Network.run(T, {report: 'text'}) prints Brian2's lines to stdout", () => {
    const out: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((s: string) => (out.push(s), true)) as typeof process.stdout.write;
    try {
      new Network(new BrianObject()).run(ms(10), { report: 'text' });
    } finally {
      process.stdout.write = write;
    }
    assert.deepEqual(out, ['Starting simulation at t=0. s for a duration of 10. ms\n', '10. ms (100%) simulated in < 1s\n']);
  });

  it('Network.run(T, {report: callback, reportPeriod}) reports increasing fractions between 0 and 1', () => {
    const fractions: number[] = [];
    const net = new Network(new BrianObject());
    net.run(ms(1), { report: (elapsed, completed, start, duration) => {
      assert.equal(elapsed.dim, second.dim);
      assert.equal(start.value, 0);
      assert.equal(duration.in(ms), 1);
      fractions.push(completed);
    }, reportPeriod: second(0) });
    assert.equal(fractions[0], 0);
    assert.equal(fractions[fractions.length - 1], 1);
    assert.ok(fractions.length > 3);
    for (let k = 1; k < fractions.length; k++) assert.ok(fractions[k]! >= fractions[k - 1]!);
  });

  it('Network.run(T, {report}) rejects unknown report values', () => {
    const net = new Network(new BrianObject());
    assert.throws(() => net.run(ms(1), { report: 'loud' as 'text' }), (e: unknown) => e instanceof NetworkError && /Do not know how to handle report argument "loud"/.test(e.message));
    assert.throws(() => net.run(ms(1), { report: 3 as unknown as 'text' }), (e: unknown) => e instanceof NetworkError && /it is of type number/.test(e.message));
  });

  it("Network.schedulingSummary() prints Brian2's table (checked against brian2's _format_table)", () => {
    class StateUpdater extends BrianObject {}
    const group = new BrianObject({ name: 'neurongroup_s', when: 'groups' });
    const su = new StateUpdater({ name: 'neurongroup_s_stateupdater', when: 'groups' });
    su.owner = group;
    group.containedObjects.push(su);
    const mon = new BrianObject({ name: 'mon_s', dt: ms(0.5) });
    mon.active = false;
    const text = String(new Network(group, mon).schedulingSummary());
    assert.equal(
      text,
      [
        '                 object                   |           part of           |        Clock dt        |  when  | order | active',
        '------------------------------------------+-----------------------------+------------------------+--------+-------+-------',
        'mon_s (BrianObject)                       | --                          | 0.5 ms (every 5 steps) | start  |     0 |   no  ',
        'neurongroup_s_stateupdater (StateUpdater) | neurongroup_s (BrianObject) | 100. us (every step)   | groups |     0 |  yes  ',
      ].join('\n'),
    );
  });
});
