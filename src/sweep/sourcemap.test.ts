/** Source-map VLQ coding (property-tested) and thinning: exact sources keep every segment. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeMappings, decodeVlq, encodeMappings, encodeVlq, thinSourceMap } from './sourcemap.ts';

const segment = fc.oneof(
  fc.tuple(fc.nat(5000)),
  fc.tuple(fc.nat(5000), fc.nat(20), fc.nat(3000), fc.nat(200)),
  fc.tuple(fc.nat(5000), fc.nat(20), fc.nat(3000), fc.nat(200), fc.nat(50)),
);
// Generated columns increase along a line, as in a real map.
const line = fc.array(segment, { maxLength: 8 }).map((segs) => {
  let col = 0;
  return segs.map((s) => {
    col += s[0]!;
    return [col, ...s.slice(1)];
  });
});

describe('source maps', () => {
  it('VLQ numbers round-trip, with the known encodings of the spec', () => {
    assert.equal(encodeVlq([0]), 'A');
    assert.equal(encodeVlq([1, -1, 16]), 'CDgB');
    assert.deepEqual(decodeVlq('AAgBC'), [0, 0, 16, 1]);
    fc.assert(fc.property(fc.array(fc.integer({ min: -1e9, max: 1e9 })), (xs) => assert.deepEqual(decodeVlq(encodeVlq(xs)), xs)));
    assert.throws(() => decodeVlq('A!'), /invalid base-64 VLQ digit/);
  });

  it('mappings round-trip, and thinning keeps exact sources whole and one segment per stretch of the others', () => {
    fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (lines) => assert.deepEqual(decodeMappings(encodeMappings(lines)), lines)));
    // line 0: source 0 (library) three times, source 1 (user) twice, source 0 again; line 1: source 0 once
    const lines = [
      [[0, 0, 10, 2], [5, 0, 11, 0, 3], [9, 0, 12, 4], [12, 1, 4, 6], [20, 1, 5, 0], [25, 0, 40, 1]],
      [[0, 0, 50, 0]],
    ];
    const thin = thinSourceMap({ version: 3, sources: ['lib.ts', 'user.ts'], mappings: encodeMappings(lines) }, (k) => k === 1);
    assert.deepEqual(decodeMappings(thin.mappings), [
      [[0, 0, 0, 0], [12, 1, 4, 6], [20, 1, 5, 0], [25, 0, 0, 0]],
      [[0, 0, 0, 0]],
    ]);
    assert.equal(thin['version'], 3);
  });
});
