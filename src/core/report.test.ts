import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ms, second } from '../units/index.ts';
import { formatTime, textReport, seed, setRandomStateProvider, getRandomStateProvider, getRandomState, NetworkError } from './index.ts';

describe('progress reports', () => {
  it("formatTime(s) gives Brian2's 3h 25m 45s, 2m 3s, 12s, < 1s", () => {
    assert.deepEqual([12345, 123, 12.5, 0.5, 0, 90061].map(formatTime), ['3h 25m 45s', '2m 3s', '12s', '< 1s', '< 1s', '1d 1h 1m 1s']);
  });

  it("textReport(write) prints Brian2's start, progress and end lines", () => {
    const lines: string[] = [];
    const r = textReport((l) => lines.push(l));
    r(second(0), 0, ms(0), second(10));
    r(second(30), 0.25, ms(0), second(10));
    r(second(125), 1, ms(0), second(10));
    assert.deepEqual(lines, [
      'Starting simulation at t=0. s for a duration of 10. s\n',
      '2.5 s (25%) simulated in 30s, estimated 1m 30s remaining.\n',
      '10. s (100%) simulated in 2m 5s\n',
    ]);
  });
});

describe('seed', () => {
  it('seed(n) reaches the installed generators; a seed given with none installed is applied on installation', () => {
    const seeds: (number | undefined)[] = [];
    const original = getRandomStateProvider();
    setRandomStateProvider(undefined);
    try {
      seed(5);
      assert.equal(getRandomState(), undefined);
      setRandomStateProvider({ seed: (n) => seeds.push(n), getState: () => seeds.length, setState: () => {} });
      seed(7);
      seed();
      assert.deepEqual(seeds, [5, 7, undefined]);
      assert.equal(getRandomState(), 3);
    } finally {
      setRandomStateProvider(original);
    }
  });

  it('seed(n) makes the default generators reproducible', () => {
    assert.ok(getRandomStateProvider() !== undefined, 'the runtime device installs its generators by default');
    seed(42);
    const first = JSON.stringify(getRandomState());
    seed(42);
    assert.equal(JSON.stringify(getRandomState()), first);
  });

  it('seed(n) rejects non-integers and negative numbers', () => {
    for (const bad of [1.5, -1, Number.NaN]) {
      assert.throws(() => seed(bad), (e: unknown) => e instanceof NetworkError && /non-negative integer/.test(e.message));
    }
  });
});
