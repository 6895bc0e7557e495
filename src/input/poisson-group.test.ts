import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BrianObjectError, Network, seed, startScope } from '../core/index.ts';
import { SpikeMonitor } from '../monitors/index.ts';
import { DimensionMismatchError, Hz, QuantityArray, mV, ms, second } from '../units/index.ts';
import { setWarningHandler } from '../util/index.ts';
import { InputError } from './errors.ts';
import { PoissonGroup } from './poisson-group.ts';
import { TimedArray } from './timed-array.ts';

describe('new PoissonGroup(N, rates, options)', () => {
  it('accepts a rate, one rate per neuron, an expression, or the options form', () => {
    startScope();
    const a = new PoissonGroup(3, Hz(5));
    assert.deepEqual(Array.from(a.rates.values), [5, 5, 5]);
    const b = new PoissonGroup(2, Hz([1, 2]));
    assert.deepEqual(Array.from(b.rates.values), [1, 2]);
    const c = new PoissonGroup(4, { rates: 'F', namespace: { F: Hz(15) } });
    assert.equal(c.ratesSpec, 'F');
    assert.equal(c.name.startsWith('poissongroup'), true);
    assert.deepEqual(c.events, ['spike']);
    assert.equal(c.thresholder.spike.when, 'thresholds');
    b.rates = Hz(7);
    assert.deepEqual(Array.from(b.rates.values), [7, 7]);
  });

  it('spikes at most once per step and saturates when rates*dt >= 1', () => {
    startScope();
    const P = new PoissonGroup(5, Hz(20000));
    const M = new SpikeMonitor(P);
    new Network(P, M).run(ms(1));
    assert.deepEqual(Array.from(M.count), [10, 10, 10, 10, 10]);
    assert.equal(P.spikes.length, 0, 'the event space is cleared after a run');
  });

  it('evaluates a rates expression every step (with i and a TimedArray bound to its own dt)', () => {
    startScope();
    setWarningHandler(() => {});
    try {
      const ta = new TimedArray(Hz([0, 1e9]), ms(0.5));
      const P = new PoissonGroup(3, '(i == 1)*stim(t)', { dt: ms(0.25), namespace: { stim: ta } });
      const M = new SpikeMonitor(P);
      new Network(P, M).run(ms(1.5));
      assert.deepEqual(Array.from(M.i), [1, 1, 1, 1]);
      assert.deepEqual(Array.from(M.t.values, (t) => Math.round(t * 1e5)), [50, 75, 100, 125]);
    } finally {
      setWarningHandler(undefined);
    }
  });

  it('is reproducible with seed() (same seed, same name: same spikes)', () => {
    const once = (): number[] => {
      startScope();
      seed(3);
      const P = new PoissonGroup(50, Hz(200), { name: 'pg_seeded' });
      const M = new SpikeMonitor(P);
      new Network(P, M).run(ms(20));
      return Array.from(M.i);
    };
    assert.deepEqual(once(), once());
  });

  it('slice(start, stop) gives a subgroup sharing the spikes', () => {
    startScope();
    const P = new PoissonGroup(6, Hz(20000));
    const sub = P.slice(2, 4);
    assert.equal(sub.N, 2);
    const M = new SpikeMonitor(sub);
    new Network(P, M).run(ms(0.2));
    assert.deepEqual(Array.from(M.count), [2, 2]);
    assert.throws(() => P.slice(4, 2), (e: unknown) => e instanceof InputError && /Illegal start\/end values for subgroup, 4>=2/.test(e.message));
  });

  it('rejects rates without Hz, bad sizes and unknown options', () => {
    startScope();
    assert.throws(() => new PoissonGroup(2, 5 as never, { name: 'pg' }), (e: unknown) => e instanceof DimensionMismatchError && /PoissonGroup 'pg'.*units of Hz/.test(e.message));
    assert.throws(() => new PoissonGroup(2, mV(5) as never), (e: unknown) => e instanceof DimensionMismatchError && /units of Hz/.test(e.message));
    assert.throws(() => new PoissonGroup(0, Hz(5)), (e: unknown) => e instanceof InputError && e.code === 'invalid-size' && /integer >= 1/.test(e.message));
    assert.throws(() => new PoissonGroup(2, Hz(5), { rate: 1 } as never), (e: unknown) => e instanceof InputError && /Unknown option 'rate'/.test(e.message));
    assert.throws(() => new PoissonGroup(2, { name: 'pg' } as never), (e: unknown) => e instanceof InputError && /'pg' needs rates/.test(e.message));
    assert.throws(() => new PoissonGroup(2, new QuantityArray([1, 2, 3], Hz.dim)), /length|3/);
    assert.throws(() => new PoissonGroup(2, 'F *', { name: 'pg' }), (e: unknown) => e instanceof InputError && /rates expression of PoissonGroup 'pg'/.test(e.message));
  });

  it("rejects a rates expression that is not in Hz at run start (Brian2's message)", () => {
    startScope();
    const P = new PoissonGroup(2, 'F', { namespace: { F: second(1) }, name: 'pg_units' });
    assert.throws(
      () => new Network(P).run(ms(1)),
      (e: unknown) => e instanceof BrianObjectError && e.cause instanceof DimensionMismatchError && /has to have units of Hz \(PoissonGroup 'pg_units'/.test(e.cause.message),
    );
  });
});
