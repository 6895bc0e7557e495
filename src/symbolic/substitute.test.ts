import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseExpression, printExpr } from '../parsing/index.ts';
import { substitute } from './substitute.ts';

const p = parseExpression;

describe('substitute', () => {
  it('substitute replaces names by expressions, keeping precedence in the tree', () => {
    assert.equal(printExpr(substitute(p('(v0 - v)/tau'), { v: p('v + k/2') })), '(v0 - (v + k / 2)) / tau');
    assert.equal(printExpr(substitute(p('-x**2'), { x: p('a - b') })), '-(a - b) ** 2');
  });

  it('substitute is simultaneous: {x: y, y: x} swaps', () => {
    assert.equal(printExpr(substitute(p('x - 2*y'), new Map([['x', p('y')], ['y', p('x')]]))), 'y - 2 * x');
  });

  it('substitute leaves function names alone and returns the same tree when nothing matches', () => {
    assert.equal(printExpr(substitute(p('exp(exp)'), { exp: p('z') })), 'exp(z)');
    const e = p('a + f(b)');
    assert.equal(substitute(e, { c: p('1') }), e);
    assert.equal(substitute(e, {}), e);
  });

  it('substitute works inside comparisons and logical expressions', () => {
    assert.equal(printExpr(substitute(p('v > vt and not r'), { vt: p('-50*mV'), r: p('t < 5*ms') })), 'v > -50 * mV and not t < 5 * ms');
  });
});
