import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BrianError } from '../util/index.ts';
import { ParseError, caretExcerpt, locate, parseExpression } from './index.ts';

describe('ParseError', () => {
  it('is a BrianError with location fields and a caret excerpt', () => {
    const err = new ParseError("Expected ')' but found end of input", 'x = (a + b', 10);
    assert.ok(err instanceof BrianError);
    assert.equal(err.name, 'ParseError');
    assert.deepEqual([err.line, err.column, err.offset, err.length], [1, 11, 10, 1]);
    assert.equal(err.message, "Line 1, column 11: Expected ')' but found end of input\n  x = (a + b\n            ^");
  });

  it('underlines the whole offending token and shows only its line', () => {
    try {
      parseExpression('(a +\n  b $ c)\n');
      assert.fail('should throw');
    } catch (err) {
      assert.ok(err instanceof ParseError);
      assert.equal(err.message, "Line 2, column 5: Unexpected character '$' (U+0024)\n    b $ c)\n      ^");
    }
    assert.throws(() => parseExpression('x +  lambda y'), { message: /\n {2}x \+ {2}lambda y\n {7}\^{6}$/ });
  });

  it('keeps the caret aligned under tabs and shortens very long lines', () => {
    assert.equal(caretExcerpt('\ta $ b', 3), '   a $ b\n     ^');
    const long = `${'a + '.repeat(100)}$`;
    const excerpt = caretExcerpt(long, long.length - 1);
    const [text, caret] = excerpt.split('\n') as [string, string];
    assert.ok(text.startsWith('  ...') && text.length < 120);
    assert.equal(text[caret.indexOf('^')], '$');
  });

  it('points at the first line when the source starts with a newline (pipeline fuzz: connect({ j: "\\n" }) was a raw RangeError)', () => {
    assert.equal(caretExcerpt('\nab', 0), '  \n  ^');
    assert.equal(caretExcerpt('\n', 0, 1), '  \n  ^');
    assert.equal(caretExcerpt('\nab', 1), '  ab\n  ^');
  });

  it('locate(source, offset) gives 1-based line and column', () => {
    assert.deepEqual(locate('ab\ncd\n', 0), { line: 1, column: 1 });
    assert.deepEqual(locate('ab\ncd\n', 4), { line: 2, column: 2 });
    assert.deepEqual(locate('ab\ncd\n', 6), { line: 3, column: 1 });
  });

  it('rebase(source, offset) moves the error into a larger source', () => {
    const rhs = '(v0 - v)/ '; // as cut out of the equation below, starting at offset 8
    const equation = 'dv/dt = (v0 - v)/  : volt';
    let caught: unknown;
    try {
      parseExpression(rhs);
    } catch (err) {
      caught = err;
    }
    assert.ok(caught instanceof ParseError);
    const moved = caught.rebase(equation, 8);
    assert.ok(moved instanceof ParseError);
    assert.equal(moved.reason, caught.reason);
    assert.deepEqual([moved.offset, moved.line, moved.column, moved.source], [18, 1, 19, equation]);
    assert.match(moved.message, /^Line 1, column 19: Expected an expression but found end of input\n {2}dv\/dt/);
    assert.equal(moved.cause, caught);
  });

  it('rebase(source, mapOffset) maps through joined continuation lines', () => {
    const original = 'dv/dt = (a +\n    $) : 1';
    const joined = '(a + $)'; // the caller's joined right-hand side
    const map = (o: number): number => (o < 4 ? 8 + o : 17 + (o - 5));
    let caught: unknown;
    try {
      parseExpression(joined);
    } catch (err) {
      caught = err;
    }
    assert.ok(caught instanceof ParseError);
    const moved = caught.rebase(original, map);
    assert.deepEqual([moved.line, moved.column], [2, 5]);
  });
});
