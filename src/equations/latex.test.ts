import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { anyExpr } from '../../scripts/fuzz/parsing.ts';
import { exprToLatex } from './latex.ts';

/** Every `{` closed by a `}` and every `\left` by a `\right`. */
function balanced(tex: string): boolean {
  let depth = 0;
  for (const c of tex) {
    if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return false;
  }
  return depth === 0 && tex.split('\\left').length === tex.split('\\right').length;
}

describe('exprToLatex (property)', () => {
  it('renders any expression tree to balanced LaTeX without throwing', () => {
    fc.assert(
      fc.property(anyExpr, (e) => {
        const tex = exprToLatex(e);
        assert.ok(tex.length > 0 && balanced(tex), tex);
      }),
      { numRuns: 500, seed: 14 },
    );
  });
});
