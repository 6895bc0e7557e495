import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { editDistance, suggestNames } from './suggest.ts';

describe('suggestNames', () => {
  it('suggestNames(word, known) proposes names one edit away (delete, insert, replace, transpose)', () => {
    assert.deepEqual(suggestNames('vv', ['v', 'w', 'tau']), ['v']);
    assert.deepEqual(suggestNames('tua', ['tau', 'v']), ['tau']);
    assert.deepEqual(suggestNames('ta', ['tau', 'v']), ['tau']);
    assert.deepEqual(suggestNames('tav', ['tau', 'taw', 'v']), ['tau', 'taw']);
  });

  it('suggestNames(word, known) falls back to two edits only when nothing is one edit away', () => {
    assert.deepEqual(suggestNames('tauuu', ['tau', 'tauu_']), ['tauu_']);
    assert.deepEqual(suggestNames('tauxx', ['tau']), ['tau']);
    assert.deepEqual(suggestNames('completely', ['v', 'tau']), []);
  });

  it('suggestNames(word, known) does not call a full replacement of a short name close', () => {
    assert.deepEqual(suggestNames('x', ['v', 'i', 'N']), []);
  });

  it('editDistance is symmetric and 0 only for equal strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), (a, b) => {
        const d = editDistance(a, b, 10);
        assert.equal(d, editDistance(b, a, 10));
        assert.equal(d === 0, a === b);
      }),
    );
  });
});
