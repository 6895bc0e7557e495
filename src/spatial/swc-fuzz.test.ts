/**
 * Fuzzing of the morphology readers (the project's rule: parsers are fuzzed): whatever the SWC
 * text or point list, `morphologyFromSwc` / `morphologyFromPoints` return a Morphology or throw a
 * MorphologyError (SwcFormatError, SwcTopologyError, …) — never a raw JavaScript error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Morphology, MorphologyError, morphologyFromPoints, morphologyFromSwc } from './index.ts';
import type { MorphologyPoint } from './index.ts';

const typed = (fn: () => unknown): void => {
  try {
    const m = fn();
    assert.ok(m instanceof Morphology);
    assert.ok((m as Morphology).totalCompartments >= 1);
  } catch (e) {
    assert.ok(e instanceof MorphologyError, `raw error: ${String(e)}`);
  }
};

// Lines that are close to valid SWC: index, type, x, y, z, radius, parent, with mutations.
const number = fc.oneof(fc.integer({ min: -3, max: 12 }).map(String), fc.double({ min: -50, max: 50, noNaN: true }).map((x) => x.toFixed(2)), fc.constantFrom('nan', 'inf', '1e400', '-0', '', 'x'));
const swcLine = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 7 }), number, number, number, number, fc.integer({ min: -1, max: 8 })).map((f) => f.join(' ')),
  fc.array(number, { maxLength: 9 }).map((f) => f.join(' ')),
  fc.constantFrom('# comment', '', '   ', '\t1 1 0 0 0 5 -1'),
  fc.string({ maxLength: 30 }),
);

test('morphologyFromSwc(random text) returns a Morphology or throws a MorphologyError', () => {
  fc.assert(
    fc.property(fc.array(swcLine, { maxLength: 12 }), (lines) => typed(() => morphologyFromSwc(lines.join('\n')))),
    { numRuns: 400 },
  );
});

test('morphologyFromSwc(valid chains with random radii and parents) follows the same rule', () => {
  const point = (k: number): fc.Arbitrary<string> =>
    fc.tuple(fc.integer({ min: 1, max: 4 }), fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: 0, max: 3, noNaN: true }), fc.integer({ min: -1, max: k })).map(
      ([type, x, r, parent]) => `${k + 1} ${type} ${x} ${k} 0 ${r} ${k === 0 ? -1 : parent === 0 ? k : parent}`,
    );
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 8 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, k) => point(k)))), (lines) => typed(() => morphologyFromSwc(lines.join('\n')))),
    { numRuns: 300 },
  );
});

test('morphologyFromPoints(random points) returns a Morphology or throws a MorphologyError', () => {
  const value = fc.oneof(fc.double({ min: -20, max: 20 }), fc.integer({ min: -2, max: 8 }), fc.constantFrom(null, 'soma', 'L', 'R', 'axon', undefined, {}));
  const pointArb = fc.oneof(
    fc.tuple(fc.integer({ min: 1, max: 8 }), fc.constantFrom(null, 'soma', 'L', 'R', 'dend'), fc.double({ min: -20, max: 20, noNaN: true }), fc.double({ min: -20, max: 20, noNaN: true }), fc.constant(0), fc.double({ min: 0, max: 5, noNaN: true }), fc.integer({ min: -1, max: 8 })),
    fc.array(value, { maxLength: 8 }),
  );
  fc.assert(
    fc.property(fc.array(pointArb, { maxLength: 10 }), (points) => typed(() => morphologyFromPoints(points as unknown as MorphologyPoint[]))),
    { numRuns: 400 },
  );
});
