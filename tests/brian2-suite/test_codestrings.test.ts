/**
 * Brian2 2.5.1 `brian2/tests/test_codestrings.py`, translated (status: README.md in this folder).
 * Brian2's `Expression` (code string, identifiers, `split_stochastic`) is a parsed syntax tree in
 * brian-ts: `parseExpression`, `collectIdentifiers`, `printExpr`; the stochastic split is the one
 * the state updaters use (`prepareSystem`: `f` and the noise factors `g`). Brian2's `sympy_equals`
 * (equality after sympy's expansion) is checked numerically at random points.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Equations } from '../../src/equations/index.ts';
import { collectIdentifiers, parseExpression, printExpr } from '../../src/parsing/index.ts';
import type { Expr } from '../../src/parsing/index.ts';
import { prepareSystem } from '../../src/stateupdaters/prepare.ts';
import { evaluate } from '../../src/symbolic/index.ts';
import { raises } from './helpers.ts';

/** Brian2's `sympy_equals`: the two expressions agree (here: at 20 random points of their names). */
function exprEquals(a: Expr | string | number, b: Expr | string | number): boolean {
  const toExpr = (x: Expr | string | number): Expr => (typeof x === 'object' ? x : parseExpression(String(x)));
  const [ea, eb] = [toExpr(a), toExpr(b)];
  const names = new Set([...collectIdentifiers(ea), ...collectIdentifiers(eb)]);
  for (let k = 0; k < 20; k++) {
    const values = new Map<string, number>([...names].map((n) => [n, 0.5 + Math.random()]));
    const [va, vb] = [evaluate(ea, values) as number, evaluate(eb, values) as number];
    if (!(Math.abs(va - vb) <= 1e-12 * Math.max(1, Math.abs(vb)))) return false;
  }
  return true;
}

/** `Expression(expr).split_stochastic()`: the non-stochastic part and the factor of each noise name. */
function splitStochastic(expr: string): [Expr, ReadonlyMap<string, Expr> | null] {
  const [eq] = prepareSystem(new Equations(`dv/dt = ${expr} : 1`), undefined, undefined, 'split_stochastic').diffEqs;
  return [eq!.f, eq!.g];
}

describe('test_codestrings (Brian2 2.5.1)', () => {
  it('test_expr_creation', () => {
    const expr = parseExpression('v > 5 * mV');
    assert.equal(printExpr(expr), 'v > 5 * mV');
    const identifiers = collectIdentifiers(expr);
    assert.ok(identifiers.has('v') && identifiers.has('mV') && !identifiers.has('V'));
    raises(() => parseExpression('v 5 * mV'), 'SyntaxError');
  });

  it('test_split_stochastic', () => {
    // No stochastic part
    let [nonStochastic, stochastic] = splitStochastic('(-v + I) / tau');
    assert.ok(exprEquals(nonStochastic, '(-v + I) / tau'));
    assert.equal(stochastic, null);
    // No non-stochastic part: 0, not None
    [nonStochastic, stochastic] = splitStochastic('sigma*xi/tau**.5');
    assert.ok(exprEquals(nonStochastic, 0));
    assert.deepEqual([...stochastic!.keys()], ['xi']);
    assert.ok(exprEquals(stochastic!.get('xi')!, 'sigma/tau**.5'));
    [nonStochastic, stochastic] = splitStochastic('(-v + I) / tau + sigma*xi/tau**.5');
    assert.deepEqual([...stochastic!.keys()], ['xi']);
    assert.ok(exprEquals(nonStochastic, '(-v + I) / tau'));
    assert.ok(exprEquals(stochastic!.get('xi')!, 'sigma/tau**.5'));
    [nonStochastic, stochastic] = splitStochastic('(-v + I) / tau + sigma*xi_1/tau**.5 + xi_2*sigma2/sqrt(tau_2)');
    assert.deepEqual(new Set(stochastic!.keys()), new Set(['xi_1', 'xi_2']));
    assert.ok(exprEquals(nonStochastic, '(-v + I) / tau'));
    assert.ok(exprEquals(stochastic!.get('xi_1')!, 'sigma/tau**.5'));
    assert.ok(exprEquals(stochastic!.get('xi_2')!, 'sigma2/tau_2**.5'));
    // not linear in the noise
    raises(() => splitStochastic('-v / tau + 1 / xi'), 'ValueError');
    // the check can fail
    assert.ok(!exprEquals('sigma/tau**.5', 'sigma/tau'));
  });
});
