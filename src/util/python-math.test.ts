import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { pythonDivmod, pythonFloorDiv, pythonMod } from './python-math.ts';

describe('pythonFloorDiv / pythonMod', () => {
  it('match Python on the semantics reference cases', () => {
    assert.equal(pythonFloorDiv(-7, 2), -4);
    assert.equal(pythonFloorDiv(7, -2), -4);
    assert.equal(pythonFloorDiv(7.0, 2), 3);
    assert.equal(pythonMod(-7, 3), 2);
    assert.equal(pythonMod(-7.5, 2), 0.5);
    assert.equal(pythonFloorDiv(1, 0.1), 9); // float rounding as CPython: 1 // 0.1 == 9.0
    assert.equal(pythonMod(1, 0.1), 0.09999999999999995);
  });

  it('handle infinities as CPython (-5 // inf == -1, -5 % inf == inf) and zero divisors as numpy', () => {
    assert.deepEqual(pythonDivmod(-5, Infinity), [-1, Infinity]);
    assert.deepEqual(pythonDivmod(5, Infinity), [0, 5]);
    assert.equal(pythonFloorDiv(1, 0), Infinity);
    assert.ok(Number.isNaN(pythonMod(1, 0)));
  });

  it('satisfy a == b*(a//b) + a%b and give a remainder with the sign of b', () => {
    const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(finite, finite.filter((b) => Math.abs(b) > 1e-3), (a, b) => {
        const [q, r] = pythonDivmod(a, b);
        assert.ok(Math.abs(b * q + r - a) <= 1e-9 * Math.max(1, Math.abs(a)));
        assert.ok(r === 0 || Math.sign(r) === Math.sign(b));
        assert.ok(Math.abs(r) <= Math.abs(b));
      }),
    );
  });
});
