/**
 * LaTeX rendering of equations against Brian2 2.5.1 (fixture: generate/equations_latex.py).
 *
 * Brian2 prints through sympy, which first puts sums and products into its canonical order; we
 * render the parsed tree in the order written. So the comparison renders each model rebuilt from
 * sympy's canonical code (recorded by the generator) and must then equal Brian2's LaTeX exactly,
 * after two normalisations, both deliberate differences from Brian2:
 *   1. Brian2 shows dimensionless variables as `\mathrm{rad}` (get_unit finds the radian first);
 *      we show `1`, as Brian2's own `str(eqs)` does.
 *   2. Brian2 writes a subexpression's left-hand side as the raw name (`I_syn &= …`, the symbol is
 *      formatted with `%s`, not latex); we write it as the symbol (`I_{syn} &= …`), as it already
 *      does for parameters and inside the unit note.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Equations, exprToLatex, symbolLatex, unitLatex } from '../../src/equations/index.ts';
import { formatFloat } from '../../src/equations/latex.ts';
import { parseExpression } from '../../src/parsing/index.ts';
import { loadFixture } from './fixture.ts';

interface Fixture {
  models: Record<string, { written: string; canonical: string; latex: string; subexpressions: Record<string, string>; single: Record<string, string> }>;
  expressions: { written: string; canonical: string; latex: string }[];
  symbols: Record<string, string>;
  floats: [number, string][];
  units: Record<string, string>;
}
const fixture = loadFixture<Fixture>('equations_latex');

/** Brian2's LaTeX with the two documented normalisations applied. */
function normalise(latex: string, subexpressions: Record<string, string>): string {
  let s = latex.replaceAll('$\\mathrm{rad}$', '$1$');
  for (const [name, tex] of Object.entries(subexpressions)) {
    s = s.replace(new RegExp(`(^|\\\\\\\\\\n)${name.replace(/[$^]/g, '\\$&')} &= `), `$1${tex} &= `);
  }
  return s;
}

describe('Equations.toLatex against Brian2', () => {
  for (const [name, model] of Object.entries(fixture.models)) {
    it(`model ${name}: the whole align* block`, () => {
      const expected = normalise(model.latex, model.subexpressions);
      assert.equal(new Equations(model.canonical).toLatex(), expected);
    });
    it(`model ${name}: each single equation (sympy.latex(eq))`, () => {
      const eqs = new Equations(model.canonical);
      for (const [varname, tex] of Object.entries(model.single)) assert.equal(eqs.get(varname)!.toLatex(), tex, varname);
    });
  }
  it('normalisation 2 really changes only subexpression names with sub/superscripts', () => {
    const lif = fixture.models['lif']!;
    assert.ok(lif.latex.includes('I_syn &= '), 'Brian2 writes the raw name');
    assert.ok(new Equations(lif.canonical).toLatex().includes('I_{syn} &= '));
  });
});

describe('expression LaTeX against Brian2 (canonical code)', () => {
  for (const { canonical, latex } of fixture.expressions) {
    it(canonical, () => assert.equal(exprToLatex(parseExpression(canonical)), latex));
  }
});

describe('symbol names, floats and units against Brian2', () => {
  it('symbols (Greek letters, sub/superscripts, trailing digits, modifiers)', () => {
    for (const [name, tex] of Object.entries(fixture.symbols)) assert.equal(symbolLatex(name), tex, name);
  });
  it('floats (15 significant digits, fixed or m \\cdot 10^{e})', () => {
    for (const [x, tex] of fixture.floats) assert.equal(formatFloat(x), tex, String(x));
  });
  it('units of equations', () => {
    for (const [spec, tex] of Object.entries(fixture.units)) {
      const eq = new Equations(`x : ${spec}`).get('x')!;
      assert.equal(unitLatex(eq.dim), tex, spec);
    }
  });
});

describe('rendering in the order written', () => {
  it('keeps the user order of terms where sympy would reorder', () => {
    const eqs = new Equations('dv/dt = (v_rest - v)/tau : volt\ndw/dt = x*2 - w/tau_w : 1');
    assert.equal(eqs.get('v')!.toLatex(), '\\frac{\\mathrm{d}v}{\\mathrm{d}t} = \\frac{v_{rest} - v}{\\tau}');
    // a number after another factor stays where it is (sympy's unevaluated products)
    assert.equal(eqs.get('w')!.toLatex(), '\\frac{\\mathrm{d}w}{\\mathrm{d}t} = x 2 - \\frac{w}{\\tau_{w}}');
  });
  it('signs: nested negations fold into one leading sign; a - (b + c) distributes', () => {
    assert.equal(exprToLatex(parseExpression('-(-x)')), 'x');
    assert.equal(exprToLatex(parseExpression('a - (b + c)')), 'a - b - c');
    assert.equal(exprToLatex(parseExpression('a/(-b)')), '- \\frac{a}{b}');
    assert.equal(exprToLatex(parseExpression('True')), '\\text{True}');
  });
  it('toMarkdown lists each equation with its unit and flags', () => {
    const md = new Equations('dv/dt = -v/tau : volt (unless refractory)\ntau : second (constant)').toMarkdown();
    assert.equal(
      md,
      '- $\\frac{\\mathrm{d}v}{\\mathrm{d}t} = - \\frac{v}{\\tau}$ — unit $\\mathrm{V}$ (unless refractory)\n' +
        '- $\\tau$ — parameter, unit $\\mathrm{s}$ (constant)',
    );
  });
});
