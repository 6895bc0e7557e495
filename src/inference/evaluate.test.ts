import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseExpression } from '../parsing/index.ts';
import { Dimension } from '../units/index.ts';
import { evaluateConstant, pythonFloorDiv, pythonMod, tryEvaluateConstant } from './evaluate.ts';
import { constantSymbol, createScope, variableSymbol } from './scope.ts';

const scope = createScope({
  variables: { n: variableSymbol(Dimension.of([0, 0, 0, 0, 0, 0, 0]), { type: 'integer' }), N: constantSymbol(10) },
  namespaces: [{ k: 3, half: 0.5 }],
});
const evaluate = (source: string) => evaluateConstant(parseExpression(source), scope);

describe('pythonFloorDiv / pythonMod', () => {
  it('pythonFloorDiv(a, b) and pythonMod(a, b) round toward -infinity like Python', () => {
    assert.equal(pythonFloorDiv(-7, 2), -4);
    assert.equal(pythonFloorDiv(7, -2), -4);
    assert.equal(pythonFloorDiv(7, 2), 3);
    assert.equal(pythonMod(-7, 3), 2);
    assert.equal(pythonMod(7, -3), -2);
    assert.equal(pythonMod(-7.5, 2), 0.5);
    assert.ok(Object.is(pythonMod(-4, 2), 0));
    assert.ok(Object.is(pythonMod(4, -2), -0));
  });

  it('pythonFloorDiv(a, b)*b + pythonMod(a, b) == a, with the remainder between 0 and b (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: -1000, max: 1000 }).filter((b) => b !== 0), (a, b) => {
        const q = pythonFloorDiv(a, b);
        const r = pythonMod(a, b);
        assert.ok(Number.isInteger(q));
        assert.equal(q * b + r, a);
        assert.ok(b > 0 ? r >= 0 && r < b : r <= 0 && r > b);
      }),
    );
  });
});

describe('evaluateConstant(expr, scope)', () => {
  it('evaluateConstant(expr) evaluates literals, constants and units with + - * / // % ** and unary -', () => {
    assert.equal(evaluate('2'), 2);
    assert.equal(evaluate('-k'), -3);
    assert.equal(evaluate('+k'), 3);
    assert.equal(evaluate('k - 1'), 2);
    assert.equal(evaluate('1/2'), 0.5);
    assert.equal(evaluate('7 // 2'), 3);
    assert.equal(evaluate('-7 // 2'), -4);
    assert.equal(evaluate('-7 % 3'), 2);
    assert.equal(evaluate('2**-1'), 0.5);
    assert.equal(evaluate('half*N'), 5);
    assert.equal(evaluate('True + True'), 2);
    assert.equal(evaluate('pi'), Math.PI);
    assert.equal(evaluate('ms'), 0.001);
    assert.equal(evaluate('inf'), Infinity);
    assert.equal(evaluate('1**inf'), 1, 'Python semantics, where JS gives NaN');
    assert.equal(evaluate('(-1)**-inf'), 1);
  });

  it('evaluateConstant(expr) is undefined for variables, calls and boolean operations', () => {
    assert.equal(evaluate('n'), undefined);
    assert.equal(evaluate('exp(1)'), undefined);
    assert.equal(evaluate('1 < 2'), undefined);
    assert.equal(evaluate('not True'), undefined);
    assert.equal(evaluate('True and True'), undefined);
    assert.equal(evaluate('unknown'), undefined);
  });

  it('tryEvaluateConstant(expr) gives Brian2\'s reason and the node to blame', () => {
    const result = tryEvaluateConstant(parseExpression('2 + n'), scope);
    assert.ok('reason' in result);
    assert.equal(result.reason, 'Value n is not constant');
    assert.deepEqual(result.node.span, { start: 4, end: 5 });
    const zero = tryEvaluateConstant(parseExpression('1 % 0'), scope);
    assert.ok('reason' in zero && /Division by zero/.test(zero.reason));
    const complex = tryEvaluateConstant(parseExpression('(-8)**(1/3)'), scope);
    assert.ok('reason' in complex && /is not a real number/.test(complex.reason));
  });
});
