import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ms, mV, nS } from '../units/index.ts';
import { planSweep, pointSeed, SweepError, parseGridValue } from './index.ts';
import type { ParameterSpec } from './index.ts';

const SECOND = [0, 0, 1, 0, 0, 0, 0];
const NONE = [0, 0, 0, 0, 0, 0, 0];
const declared: ParameterSpec[] = [
  { name: 'tau', dimensions: SECOND, default: 0.01 },
  { name: 'w', dimensions: NONE, default: 0.5 },
];
const gridError = (pattern: RegExp) => (e: unknown) => e instanceof SweepError && e.code === 'invalid-grid' && pattern.test(e.message);

describe('planSweep(grid, declared)', () => {
  it('expands a cartesian grid, first parameter slowest, in SI, with units from strings, Quantities and arrays', () => {
    const plan = planSweep({ tau: ['10 ms', ms(20), '0.03*second'], w: [1, 2] }, declared);
    assert.deepEqual(plan.points.map((p) => p.values), [[0.01, 1], [0.01, 2], [0.02, 1], [0.02, 2], [0.03, 1], [0.03, 2]]);
    assert.deepEqual(plan.points.map((p) => p.index), [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(planSweep({ tau: ms([10, 20]) }, declared).points.map((p) => p.values), [[0.01, 0.5], [0.02, 0.5]]);
  });

  it('takes an explicit list of points; missing parameters take their defaults', () => {
    const plan = planSweep({ points: [{ tau: '5 ms' }, { w: 3 }] }, declared);
    assert.deepEqual(plan.points.map((p) => p.values), [[0.005, 0.5], [0.01, 3]]);
  });

  it('without declarations: columns in order of appearance, units consistent per parameter', () => {
    const plan = planSweep({ g: [nS(1), nS(2)], v: ['1 mV'] });
    assert.deepEqual(plan.parameters.map((p) => p.name), ['g', 'v']);
    assert.throws(() => planSweep({ points: [{ v: mV(1) }, { v: 2 }] }), gridError(/wrong units for 'v': expected .*V.*, got dimensionless/));
    assert.throws(() => planSweep({ points: [{ v: 1 }, {}] }), gridError(/point 1 does not set 'v', which has no default/));
    assert.throws(() => planSweep({ index: [1] }), gridError(/'index' cannot be a parameter name/));
  });

  it('rejects unknown parameters (with a suggestion), wrong units, empty and duplicate points, bad values', () => {
    assert.throws(() => planSweep({ taus: ['1 ms'] }, declared), gridError(/sets 'taus', which the model does not declare\. Did you mean 'tau'\? Its parameters are: tau, w/));
    assert.throws(() => planSweep({ tau: [1] }, declared), gridError(/'tau'\[0\]: wrong units for 'tau': expected s.*got dimensionless/));
    assert.throws(() => planSweep({ w: ['3 mV'] }, declared), gridError(/wrong units for 'w'/));
    assert.throws(() => planSweep({ tau: [] }, declared), gridError(/'tau' has no values/));
    assert.throws(() => planSweep({}, declared), gridError(/no parameters/));
    assert.throws(() => planSweep({ points: [] }, declared), gridError(/no points/));
    assert.throws(() => planSweep({ tau: ['1 ms', '0.001 second'] }, declared), gridError(/points 0 and 1 are the same \(tau=0\.001 s, w=0\.5\)/));
    assert.throws(() => planSweep({ points: [{ w: 1 }, { w: 1, tau: '10 ms' }] }, declared), gridError(/points 0 and 1 are the same/));
    assert.throws(() => planSweep({ tau: ['1 msec'] }, declared), gridError(/'msec' in '1 msec' is not a unit/));
    // Brian2 spells SI symbols out (no `s`, `V`): the message names the full unit first.
    assert.throws(() => planSweep({ tau: ['0.01 s'] }, declared), gridError(/'s' in '0\.01 s' is not a unit\. Did you mean 'second'/));
    assert.throws(() => planSweep({ tau: ['fast'] }, declared), gridError(/'fast' is not a number with an optional unit/));
    assert.throws(() => planSweep({ w: [Infinity] }, declared), gridError(/not finite/));
    assert.throws(() => planSweep({ w: 3 } as never, declared), gridError(/must be a list/));
    assert.throws(() => planSweep([1, 2], declared), gridError(/got an array/));
    assert.throws(() => planSweep({ points: [{ w: 1 }], extra: 1 } as never, declared), gridError(/only the key 'points'/));
  });

  it('any JSON grid gives a plan or a SweepError, never another error (fuzzed)', () => {
    const value = fc.oneof(fc.double(), fc.integer(), fc.string(), fc.constantFrom('10 ms', '1*mV', '2 nS', '-inf', '3 Hz'), fc.constant(null));
    const grids = fc.oneof(
      fc.dictionary(fc.constantFrom('tau', 'w', 'x', 'index', '1a'), fc.oneof(fc.array(value, { maxLength: 4 }), value)),
      fc.record({ points: fc.array(fc.dictionary(fc.constantFrom('tau', 'w', 'y'), value), { maxLength: 4 }) }),
      fc.anything(),
    );
    fc.assert(
      fc.property(grids, fc.boolean(), (g, withDeclared) => {
        try {
          const plan = planSweep(g, withDeclared ? declared : undefined);
          assert.ok(plan.points.length > 0);
        } catch (e) {
          assert.ok(e instanceof SweepError, String(e));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('parseGridValue reads numbers with units', () => {
    assert.deepEqual(parseGridValue('2.5e-1*mV', 'x'), { value: 0.00025, dimensions: [2, 1, -3, -1, 0, 0, 0] });
    assert.deepEqual(parseGridValue(' 3 ', 'x'), { value: 3, dimensions: NONE });
  });
});

describe('pointSeed(sweepSeed, index)', () => {
  it('is a fixed function of the sweep seed and index, different per point and per sweep seed', () => {
    assert.equal(pointSeed(5, 0), pointSeed(5, 0));
    const seeds = new Set(Array.from({ length: 1000 }, (_, k) => pointSeed(5, k)));
    assert.equal(seeds.size, 1000);
    assert.notEqual(pointSeed(5, 3), pointSeed(6, 3));
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.nat(), (s, i) => Number.isInteger(pointSeed(s, i)) && pointSeed(s, i) >= 0 && pointSeed(s, i) < 2 ** 32));
  });
});
