import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { call, name, parseExpression } from '../parsing/index.ts';
import { evaluate, evaluateNumber, floorDiv, pyMod } from './evaluate.ts';
import { builtinFunctions } from './functions.ts';
import { ArgumentCountError, EvaluationTypeError, UnknownFunctionError, UnknownIdentifierError } from './errors.ts';

const ev = (src: string, values: Record<string, number | boolean> = {}) => evaluate(parseExpression(src), values);

describe('evaluate', () => {
  it('evaluate("(v0 - v)/tau", values) computes with true division', () => {
    assert.equal(ev('(v0 - v)/tau', { v0: 1, v: -3, tau: 2 }), 2);
    assert.equal(ev('7/2'), 3.5);
  });

  it('evaluate uses Python floor division and modulo (verified Brian2 values)', () => {
    assert.equal(ev('-7 // 2'), -4);
    assert.equal(ev('7 // -2'), -4);
    assert.equal(ev('-7 % 3'), 2);
    assert.equal(ev('-7.5 % 2'), 0.5);
    assert.equal(ev('7.0 // 2'), 3);
  });

  it('floorDiv matches Python where Math.floor(a/b) does not (1 // 0.1 == 9.0)', () => {
    assert.equal(floorDiv(1, 0.1), 9);
    assert.equal(pyMod(1, 0.1), 0.09999999999999995);
    assert.equal(floorDiv(5.5, -0.3), -19);
    assert.equal(pyMod(5.5, -0.3), -0.1999999999999998);
    assert.equal(floorDiv(-1, 3), -1);
    assert.ok(Object.is(floorDiv(0, -3), -0));
  });

  it('evaluate("int(x)") truncates toward zero and accepts booleans', () => {
    assert.equal(ev('int(-2.7)'), -2);
    assert.equal(ev('int(True) + int(3.99)'), 4);
    assert.equal(ev('int(not_refractory)', { not_refractory: false }), 0);
  });

  it('evaluate handles clip, sign, abs, floor, ceil, exprel and exp as Brian2 does', () => {
    assert.equal(ev('clip(5, 0, 3) + sign(-2.0) + abs(-1)'), 3);
    assert.equal(ev('exprel(0.0) + exp(0)'), 2);
    assert.equal(ev('floor(-2.5)'), -3);
    assert.ok(Object.is(ev('ceil(-0.5)'), -0));
    assert.equal(ev('exprel(1e-17)'), 1);
    assert.equal(ev('exprel(800)'), Infinity);
    assert.equal(ev('exprel(1)'), Math.E - 1);
    assert.equal(ev('clip(w, 0, inf)', { w: 7 }), 7);
  });

  it('evaluate knows the constants pi, e and inf', () => {
    assert.equal(ev('pi'), Math.PI);
    assert.equal(ev('e'), Math.E);
    assert.equal(ev('-inf'), -Infinity);
  });

  it('evaluate returns booleans for comparisons and logic, and 0/1 for booleans in arithmetic', () => {
    assert.equal(ev('v > 1 and not (v > 3)', { v: 2 }), true);
    assert.equal(ev('(3 > 2) + (not True)'), 1);
    assert.equal(evaluateNumber(parseExpression('v < 0'), { v: 1 }), 0);
  });

  it('evaluate accepts a Map and replacement functions (a seeded rand)', () => {
    const functions = builtinFunctions(() => 0.25);
    assert.equal(evaluate(parseExpression('x + rand()'), new Map([['x', 1]]), { functions }), 1.25);
  });

  it('evaluate follows IEEE for math-domain errors, as Brian2 does at run time', () => {
    assert.ok(Number.isNaN(ev('log(-1)')));
    assert.equal(ev('1/0'), Infinity);
    assert.equal(ev('2**-1'), 0.5);
  });

  it('evaluate throws UnknownIdentifierError for a name without a value', () => {
    assert.throws(() => ev('v + tau', { v: 1 }), (e: unknown) => e instanceof UnknownIdentifierError && /identifier "tau".*'v \+ tau'/.test(e.message));
  });

  it('evaluate throws UnknownFunctionError for an unknown function', () => {
    assert.throws(() => evaluate(call('f', [name('x')]), { x: 1 }), (e: unknown) => e instanceof UnknownFunctionError && /function 'f'/.test(e.message));
  });

  it('evaluate throws ArgumentCountError with Brian2 wording', () => {
    assert.throws(() => ev('exp(1, 2)'), (e: unknown) => e instanceof ArgumentCountError && /Function 'exp' was called with 2 parameters, needs 1/.test(e.message));
  });

  it('evaluate throws EvaluationTypeError when and/or/not get numbers', () => {
    assert.throws(() => ev('1 and True'), (e: unknown) => e instanceof EvaluationTypeError && /'1'.*boolean/.test(e.message));
    assert.throws(() => ev('not x', { x: 2 }), (e: unknown) => e instanceof EvaluationTypeError && /'x'/.test(e.message));
  });
});
