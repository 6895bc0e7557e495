/**
 * Conformance of the symbolic layer with Brian2/sympy: derivatives and exponential_euler's linear
 * split, compared numerically (both sides evaluated at several points), since the algebraic
 * forms legitimately differ.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { collectIdentifiers, parseExpression } from '../../src/parsing/index.ts';
import { differentiate, evaluateNumber, splitLinear } from '../../src/symbolic/index.ts';
import { assertClose, loadFixture } from './fixture.ts';

interface Fixture {
  derivatives: { expr: string; variable: string; derivative: string }[];
  splits: ({ expr: string; variable: string } & ({ linear: true; coefficient: string; rest: string } | { linear: false }))[];
}

const fixture = loadFixture<Fixture>('symbolic');

/** Deterministic points: the differentiation variable in (0.2, 0.9) keeps arcsin/log/sqrt in their domains. */
function points(names: Iterable<string>, variable: string): Record<string, number | boolean>[] {
  const out: Record<string, number | boolean>[] = [];
  for (let k = 0; k < 5; k++) {
    const values: Record<string, number | boolean> = { not_refractory: k % 2 === 0 };
    let j = 0;
    for (const n of names) {
      if (n === 'not_refractory') continue;
      j++;
      values[n] = n === variable ? 0.2 + 0.7 * ((k * 0.37 + j * 0.11) % 1) : 0.5 + ((k * 0.53 + j * 0.29) % 1.5);
    }
    out.push(values);
  }
  return out;
}

describe('symbolic conformance with Brian2 2.5.1 (sympy)', () => {
  for (const c of fixture.derivatives) {
    it(`differentiate('${c.expr}', '${c.variable}') equals sympy's ${c.derivative}`, () => {
      const ours = differentiate(parseExpression(c.expr), c.variable);
      const theirs = parseExpression(c.derivative);
      for (const values of points(collectIdentifiers(parseExpression(c.expr)), c.variable)) {
        assertClose(evaluateNumber(ours, values), evaluateNumber(theirs, values), { rtol: 1e-10, atol: 1e-12, label: JSON.stringify(values) });
      }
    });
  }

  for (const c of fixture.splits) {
    it(`splitLinear('${c.expr}', '${c.variable}') agrees with Brian2's get_conditionally_linear_system`, () => {
      const ours = splitLinear(parseExpression(c.expr), c.variable);
      assert.equal(ours.isLinear, c.linear, ours.isLinear ? '' : ours.reason);
      if (!ours.isLinear || !c.linear) return;
      for (const values of points(collectIdentifiers(parseExpression(c.expr)), c.variable)) {
        const label = JSON.stringify(values);
        assertClose(evaluateNumber(ours.coefficient, values), evaluateNumber(parseExpression(c.coefficient), values), { rtol: 1e-12, atol: 1e-14, label });
        assertClose(evaluateNumber(ours.rest, values), evaluateNumber(parseExpression(c.rest), values), { rtol: 1e-12, atol: 1e-14, label });
      }
    });
  }
});
