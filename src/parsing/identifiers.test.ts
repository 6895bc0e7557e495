import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PYTHON_KEYWORDS, collectFunctionNames, collectIdentifiers, isValidIdentifier, parseExpression, parseStatements } from './index.ts';

describe('isValidIdentifier', () => {
  it('accepts ASCII identifiers', () => {
    for (const n of ['v', 'v0', '_x', 'tau_m', 'V_T', 'match', 'type', '_']) assert.equal(isValidIdentifier(n), true, n);
  });
  it('rejects keywords, non-identifiers and non-ASCII names', () => {
    for (const n of ['', '0v', 'a b', 'a-b', 'lambda', 'True', 'None', 'and', 'α', 'x\n']) assert.equal(isValidIdentifier(n), false, n);
  });
  it('PYTHON_KEYWORDS matches Python 3 keyword.kwlist', () => {
    assert.equal(PYTHON_KEYWORDS.size, 35);
    assert.ok(PYTHON_KEYWORDS.has('nonlocal') && PYTHON_KEYWORDS.has('await') && !PYTHON_KEYWORDS.has('match'));
  });
});

describe('collectIdentifiers / collectFunctionNames', () => {
  it('collects names read, excluding callees, in order of first use', () => {
    const e = parseExpression('exp(-v/tau) * g + clip(v, 0, vmax) * rand()');
    assert.deepEqual([...collectIdentifiers(e)], ['v', 'tau', 'g', 'vmax']);
    assert.deepEqual([...collectFunctionNames(e)], ['exp', 'clip', 'rand']);
  });
  it('collects from statements (right-hand sides only)', () => {
    const st = parseStatements('v = vr\nw += f(a) * w');
    assert.deepEqual([...collectIdentifiers(st)], ['vr', 'a', 'w']);
    assert.deepEqual([...collectIdentifiers(st[0]!)], ['vr']);
    assert.deepEqual([...collectFunctionNames(st)], ['f']);
  });
  it('handles very deep trees without recursion', () => {
    let e = parseExpression('x');
    for (let k = 0; k < 100_000; k++) e = { kind: 'unary', op: '-', operand: e };
    assert.deepEqual([...collectIdentifiers(e)], ['x']);
  });
});
