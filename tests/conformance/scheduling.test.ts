/**
 * Scheduling, step counts, dt changes and progress reports against Brian2 2.5.1
 * (fixtures/scheduling.json, written by generate/scheduling.py). Brian2's NetworkOperations are
 * replayed as recording BrianObjects with the same names, slots, orders and clocks; the call
 * logs (object, clock t) must be identical, float for float.
 *
 * Brian2's ValueError from `check_dt` is brian-ts's ClockError, with the same message.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadFixture } from './fixture.ts';
import { BrianObject, Clock, ClockError, Network, defaultclock, textReport } from '../../src/core/index.ts';
import type { ReportCallback } from '../../src/core/index.ts';
import { ms } from '../../src/units/index.ts';

type ObjectSpec = [name: string, when: string, order: number, dtMs: number | null];
interface ScheduleCase {
  label: string;
  duration: number;
  schedule: string[] | null;
  objects: ObjectSpec[];
  sorted: string[];
  log: [string, number][];
  t_end: number;
}
type StepResult =
  | { op: 'dt' }
  | { op: 'run'; error: string }
  | { op: 'run'; steps: number; net_t: number; clock_t: number; timestep: number };
interface StepCase {
  label: string;
  dt: number;
  ops: [kind: 'run' | 'dt', value: number][];
  results: StepResult[];
}
interface Fixture {
  schedule: ScheduleCase[];
  steps: StepCase[];
  report: [completed: number, start: string, duration: string, done: string][];
}

const fixture = loadFixture<Fixture>('scheduling');

/** A Brian2 NetworkOperation stand-in that logs (name, own clock t) when run. */
class Recorder extends BrianObject {
  count = 0;
  constructor(
    private readonly log: [string, number][],
    options: ConstructorParameters<typeof BrianObject>[0],
  ) {
    super(options, 'networkoperation*');
  }
  override run(): void {
    this.count++;
    this.log.push([this.name, this.clock.tSeconds]);
  }
}

describe('conformance: scheduling (Brian2 2.5.1)', () => {
  defaultclock.dt = ms(0.1);
  for (const c of fixture.schedule) {
    it(`Network.run(${c.duration} ms) runs '${c.label}' in Brian2's order`, () => {
      const log: [string, number][] = [];
      const objects = c.objects.map(
        ([name, when, order, dtMs]) => new Recorder(log, { name, when, order, ...(dtMs === null ? {} : { dt: ms(dtMs) }) }),
      );
      const net = new Network(objects);
      if (c.schedule !== null) net.schedule = c.schedule;
      assert.deepEqual(
        net.sortedObjects.map((o) => o.name),
        c.sorted,
      );
      net.run(ms(c.duration));
      assert.deepEqual(log, c.log);
      assert.equal(net.tSeconds, c.t_end);
    });
  }

  for (const c of fixture.steps) {
    it(`Network.run() step counts and t: ${c.label}`, () => {
      const clock = new Clock(ms(c.dt), { name: 'stepclock' });
      const counter = new Recorder([], { clock, name: 'counter' });
      const net = new Network(counter);
      c.ops.forEach(([kind, value], k) => {
        const expected = c.results[k];
        assert.ok(expected !== undefined);
        if (kind === 'dt') {
          clock.dt = ms(value);
          return;
        }
        if ('error' in expected) {
          assert.throws(
            () => net.run(ms(value)),
            (e: unknown) => e instanceof ClockError && e.message === expected.error,
          );
          return;
        }
        assert.ok('steps' in expected);
        const before = counter.count;
        net.run(ms(value));
        assert.equal(counter.count - before, expected.steps, `steps of run ${k}`);
        assert.equal(net.tSeconds, expected.net_t, `net.t after run ${k}`);
        assert.equal(clock.tSeconds, expected.clock_t, `clock.t after run ${k}`);
        assert.equal(clock.timestep, expected.timestep, `timestep after run ${k}`);
      });
      assert.equal(c.results.length <= c.ops.length, true);
    });
  }

  it("Network.run(T, {report: 'text'}) prints Brian2's start and end lines", () => {
    const calls: [number, string, string][] = [];
    const lines: string[] = [];
    const text = textReport((line) => lines.push(line));
    const cb: ReportCallback = (elapsed, completed, start, duration) => {
      calls.push([completed, String(start), String(duration)]);
      text(elapsed, completed, start, duration);
    };
    const net = new Network(new Recorder([], { name: 'noop' }));
    net.run(ms(10), { report: cb });
    net.run(ms(2.5), { report: cb });
    assert.deepEqual(
      calls,
      fixture.report.map(([completed, start, duration]) => [completed, start, duration]),
    );
    assert.deepEqual(
      lines,
      fixture.report.map(([completed, start, duration, done]) =>
        completed === 0
          ? `Starting simulation at t=${start} for a duration of ${duration}\n`
          : `${done} (100%) simulated in < 1s\n`,
      ),
    );
  });
});
