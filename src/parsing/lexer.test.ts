import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ParseError, tokenize } from './index.ts';

describe('tokenize', () => {
  it('produces tokens with offsets, maximal-munch operators and literal kinds', () => {
    const tokens = tokenize('x**=2.5e1 // 3  # c');
    assert.deepEqual(
      tokens.map((t) => [t.kind, t.text, t.start, t.end]),
      [
        ['name', 'x', 0, 1],
        ['op', '**=', 1, 4],
        ['number', '2.5e1', 4, 9],
        ['op', '//', 10, 12],
        ['number', '3', 13, 14],
        ['comment', '# c', 16, 19],
        ['eof', '', 19, 19],
      ],
    );
    assert.equal(tokens[2]!.value, 25);
    assert.equal(tokens[2]!.flag, false);
    assert.equal(tokens[4]!.flag, true);
  });
  it('flags keywords and joins lines only inside brackets when asked', () => {
    assert.equal(tokenize('not x')[0]!.flag, true);
    assert.deepEqual(tokenize('(a\nb)\nc').map((t) => t.kind), ['op', 'name', 'name', 'op', 'newline', 'name', 'eof']);
    assert.deepEqual(
      tokenize('(a\nb)', { joinLines: false }).map((t) => t.kind),
      ['op', 'name', 'newline', 'name', 'op', 'eof'],
    );
  });
  it('lexes a slice of the source with absolute offsets', () => {
    const tokens = tokenize('abc + def', { start: 4, end: 9 });
    assert.deepEqual(tokens.map((t) => [t.text, t.start]), [['+', 4], ['def', 6], ['', 9]]);
  });
  it('throws ParseError for characters outside the language', () => {
    assert.throws(() => tokenize('a ? b'), (e: unknown) => e instanceof ParseError && /Unexpected character '\?'/.test(e.reason));
    assert.throws(() => tokenize('😀'), (e: unknown) => e instanceof ParseError && /U\+1F600/.test(e.reason) && e.length === 2);
  });
});
