/**
 * Brian2 2.5.1 `brian2/tests/test_parsing.py`, translated (status of every function: README.md
 * in this folder). Brian2's `parse_expression_dimensions(expr, variables)` is the inference
 * layer's `inferDimensions(parseExpression(expr), scope)` over a scope with the same variables
 * (Brian2's `SimpleGroup` resolution: variables, constants, units, functions).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DIMENSIONLESS, amp, volt } from '../../src/index.ts';
import type { Dimension } from '../../src/index.ts';
import { parseExpression } from '../../src/parsing/index.ts';
import { ANY_UNIT, ExpressionError, checkBooleanExpression, constantSymbol, createScope, defineFunction, functionSymbol, inferDimensions, sameUnitAs, unitOf, variableSymbol } from '../../src/inference/index.ts';
import type { ScopeSymbol } from '../../src/inference/index.ts';
import { raises } from './helpers.ts';
import type { BrianKind } from './helpers.ts';

const VA = volt.times(amp).dim;
const VARIABLES: Record<string, ScopeSymbol> = { a: variableSymbol(VA), b: variableSymbol(volt.dim), c: variableSymbol(amp.dim) };
const dims = (expr: string, variables: Record<string, ScopeSymbol> = VARIABLES): Dimension => inferDimensions(parseExpression(expr), createScope({ variables }));

describe('test_parsing (Brian2 2.5.1)', () => {
  it('test_parse_expression_unit', () => {
    const cases: [Dimension | BrianKind, string][] = [
      [VA, 'a+b*c'],
      ['DimensionMismatchError', 'a+b'],
      ['DimensionMismatchError', 'a<b'],
      [DIMENSIONLESS, 'a<b*c'],
      [DIMENSIONLESS, 'a or b'],
      [DIMENSIONLESS, 'not (a >= b*c)'],
      ['DimensionMismatchError', 'a or b<c'],
      [DIMENSIONLESS, 'a/(b*c)<1'],
      [DIMENSIONLESS, 'a/(a-a)'],
      [DIMENSIONLESS, 'a<mV*mA'],
      [volt.dim.pow(2), 'b**2'],
      [VA, 'a%(b*c)'],
      [volt.dim, '-b'],
      [DIMENSIONLESS, '(a/a)**(a/a)'],
      // Expressions involving functions
      [volt.dim, 'rand()*b'],
      [volt.dim.pow(0.5), 'sqrt(b)'],
      [volt.dim, 'ceil(b)'],
      [volt.dim, 'sqrt(randn()*b**2)'],
      [DIMENSIONLESS, 'sin(b/b)'],
      ['DimensionMismatchError', 'sin(b)'],
      ['DimensionMismatchError', 'sqrt(b) + b'],
      ['SyntaxError', 'sqrt(b, b)'],
      ['SyntaxError', 'sqrt()'],
      ['SyntaxError', 'int(1, 2)'],
    ];
    for (const [expect, expr] of cases) {
      // `a or b` on floats: Brian2's parse_expression_dimensions gives 1, but every use of it in a
      // group is a TypeError ("Boolean operator acting on non-booleans"); brian-ts's inference
      // reports it here already (one check instead of two).
      if (expr === 'a or b') raises(() => dims(expr), 'TypeError', /Boolean operator acting on non-booleans/);
      else if (typeof expect === 'string') raises(() => dims(expr), expect);
      else assert.equal(dims(expr), expect, expr);
    }
  });

  it('test_parse_expression_unit_wrong_expressions', () => {
    for (const expr of ['a**b', 'a << b', 'int(True']) raises(() => dims(expr), 'SyntaxError');
  });

  it('test_parse_expression_unit_functions', () => {
    // foo(x, y, z): x any unit, y in volt, z the unit of x; the result has x's unit times y's
    const foo = defineFunction({ name: 'foo', argUnits: [ANY_UNIT, unitOf(volt.dim), sameUnitAs(0)], returnDim: ([x, y]) => x!.times(y!) });
    const variables: Record<string, ScopeSymbol> = { ...VARIABLES, d: variableSymbol(DIMENSIONLESS), foo: functionSymbol(foo) };
    const cases: [string, boolean][] = [
      ['sin(5)', true],
      ['3 + sin(5)', true],
      ['d + sin(5)', true],
      ['3 + sin(d)', true],
      ['sin(5*mV)', false],
      ['sin(a)', false],
      ['3*mV + sin(5)', false],
      ['b + sin(5)', false],
      ['sqrt(b**2) + sqrt(7*mV**2)', true],
      ['sqrt(d) + sqrt(7*mV**2)', false],
      ['b + clip(3*mV, 0*mV, 5*mV)', true],
      ['b + clip(3*mV, 0, 5)', false],
      ['b + foo(7, 3*mV, 9)', true],
      ['a + foo(7*nA, 3*mV, 9*nA)', true],
      ['b + foo(7, 3*mV, 9*mV)', false],
      ['a + foo(7*nA, 3*mV, 9)', false],
    ];
    for (const [expr, correct] of cases) {
      if (correct) assert.ok(dims(expr, variables) !== undefined, expr);
      else raises(() => dims(expr, variables), 'DimensionMismatchError');
    }
  });

  it('test_error_messages', () => {
    const exprExpected: [string, string, string][] = [
      ['3^2', '^', '**'],
      ['int(not_refractory | (v > 30))', '|', 'or'],
      ['int((v > 30) & (w < 20))', '&', 'and'],
      ['x +* 3', '', ''],
    ];
    for (const [expr, expected1, expected2] of exprExpected) {
      raises(() => parseExpression(expr), 'SyntaxError');
      try {
        parseExpression(expr);
      } catch (e) {
        const message = (e as Error).message;
        assert.ok(message.includes(expected1) && message.includes(expected2), message);
      }
    }
  });
  it('test_is_boolean_expression', () => {
    const f = defineFunction({ name: 'f', argUnits: [ANY_UNIT], returnDim: DIMENSIONLESS, returnType: 'boolean' });
    const g = defineFunction({ name: 'g', argUnits: [ANY_UNIT], returnDim: DIMENSIONLESS, returnType: 'float' });
    const variables: Record<string, ScopeSymbol> = {
      a: constantSymbol(true),
      b: constantSymbol(false),
      c: constantSymbol(5),
      f: functionSymbol(f),
      g: functionSymbol(g),
      s1: variableSymbol(DIMENSIONLESS, { type: 'boolean' }),
      s2: variableSymbol(DIMENSIONLESS),
    };
    // Brian2's is_boolean_expression is the check of conditions (thresholds, events, connect):
    // false for a valid expression that is not a truth value, an error for an invalid one.
    const isBoolean = (expr: string): boolean => {
      try {
        checkBooleanExpression(parseExpression(expr), createScope({ variables }));
        return true;
      } catch (e) {
        if (e instanceof ExpressionError && e.code === 'not-boolean') return false;
        throw e;
      }
    };
    const evf: [boolean, string][] = [
      [true, 'a or b'],
      [false, 'c'],
      [false, 's2'],
      [false, 'g(s1)'],
      [true, 's2 > c'],
      [true, 'c > 5'],
      [true, 'True'],
      [true, 'a<b'],
      [true, 'not (a>=b)'],
      [false, 'a+b'],
      [true, 'f(c)'],
      [false, 'g(c)'],
      [true, 'f(c) or a<b and s1'],
    ];
    for (const [expect, expr] of evf) assert.equal(isBoolean(expr), expect, expr);
    raises(() => isBoolean('a<b and c'), 'SyntaxError');
    raises(() => isBoolean('a or foo'), 'SyntaxError');
    raises(() => isBoolean('ot a'), 'SyntaxError'); // typo
    raises(() => isBoolean('g(c) and f(a)'), 'SyntaxError');
  });
});
