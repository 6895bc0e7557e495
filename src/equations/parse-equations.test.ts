import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseRawEquations } from './parse-equations.ts';
import { EquationError } from './errors.ts';

const one = (s: string) => {
  const eqs = parseRawEquations(s);
  assert.equal(eqs.length, 1);
  return eqs[0]!;
};

describe('parseRawEquations', () => {
  it('parseRawEquations("dv/dt = -v/tau : volt (unless refractory)") reads the three parts', () => {
    const eq = one('dv/dt = -v/tau : volt (unless refractory)');
    assert.equal(eq.type, 'differential equation');
    assert.equal(eq.varname, 'v');
    assert.equal(eq.exprSource, '-v/tau');
    assert.equal(eq.unitSource, 'volt');
    assert.deepEqual(eq.flags, ['unless refractory']);
  });

  it('parseRawEquations reads parameters and subexpressions', () => {
    const [p, s] = parseRawEquations('x : volt (constant, shared)\ny = 2*x : volt');
    assert.equal(p!.type, 'parameter');
    assert.deepEqual(p!.flags, ['constant', 'shared']);
    assert.equal(s!.type, 'subexpression');
    assert.equal(s!.exprSource, '2*x');
  });

  it('parseRawEquations joins continuation lines, dropping comments and collapsing whitespace', () => {
    assert.equal(one('dv/dt = (-v  # leak\n + I)/tau : 1').exprSource, '(-v + I)/tau');
    assert.equal(one('x = a # c\n + b # d\n : 1').exprSource, 'a + b');
    assert.equal(one('dx/dt = (a\n # only a comment\n + b) : 1').exprSource, '(a + b)');
  });

  it('parseRawEquations maps every expression character back to the source', () => {
    const src = 'x = a # c\n + b : 1';
    const eq = one(src);
    const offsets = eq.exprOffsets!;
    for (let k = 0; k < eq.exprSource!.length; k++) {
      const c = eq.exprSource![k]!;
      if (c !== ' ') assert.equal(src[offsets[k]!], c);
    }
  });

  it('parseRawEquations stops an expression at an empty line (Brian2 then fails)', () => {
    assert.throws(
      () => parseRawEquations('dv/dt = (-v\n\n + I)/tau : 1'),
      (e: unknown) => e instanceof EquationError && e.reason === 'syntax' && /expected ':' and the unit/.test(e.message),
    );
  });

  it('parseRawEquations expands tabs like pyparsing (flags keep the expanded spaces)', () => {
    assert.deepEqual(one('x : 1 (unless\trefractory)').flags, ['unless   refractory']); // column 13 -> 16
    assert.equal(one('x =\ta\t+\tb : 1').exprSource, 'a + b');
  });

  it('parseRawEquations accepts Brian2\'s layout freedoms (newline before ":", spaced derivative)', () => {
    assert.equal(one('x\n: volt').type, 'parameter');
    assert.equal(one('d v / dt = -v/tau : volt').varname, 'v');
    assert.equal(one('dv/dt = -v/tau :\n volt').unitSource, 'volt');
    assert.deepEqual(parseRawEquations('   \n # nothing\n'), []);
  });

  it('parseRawEquations rejects a malformed flag list at the flag, naming the variable', () => {
    assert.throws(
      () => parseRawEquations('x : volt (constant,)'),
      (e: unknown) => e instanceof EquationError && e.variable === 'x' && e.line === 1 && e.column === 20 && /a flag after ','/.test(e.message),
    );
  });

  it('parseRawEquations reports the line and column of a structural error with a caret', () => {
    assert.throws(
      () => parseRawEquations('x : 1\ny = : 1'),
      (e: unknown) =>
        e instanceof EquationError && e.line === 2 && e.column === 5 && /Parsing failed: expected an expression after '='/.test(e.message) && /\n {2}y = : 1\n {6}\^/.test(e.message),
    );
  });

  it('parseRawEquations is linear-time on adversarial input', () => {
    const inputs = ['x = ' + 'a'.repeat(200_000), 'x : ' + '1 '.repeat(100_000), '#\n'.repeat(100_000) + 'x', ('x = a\n').repeat(50_000), '('.repeat(100_000)];
    for (const s of inputs) {
      const t0 = performance.now();
      try {
        parseRawEquations(s);
      } catch (e) {
        assert.ok(e instanceof EquationError);
      }
      assert.ok(performance.now() - t0 < 2000, `took ${performance.now() - t0} ms`);
    }
  });
});
