import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ParseError, printExpr } from '../parsing/index.ts';
import { DimensionMismatchError, Dimension, lookupUnit } from '../units/index.ts';
import { Equations } from './equations.ts';
import { EquationError } from './errors.ts';
import { SingleEquation } from './single-equation.ts';
import { BrianError } from '../util/index.ts';

const VOLT = Dimension.of([2, 1, -3, -1, 0, 0, 0]);
const mV = lookupUnit('mV')!;
const ms = lookupUnit('ms')!;

const throwsEquationError = (f: () => unknown, reason: string, message: RegExp) =>
  assert.throws(f, (e: unknown) => e instanceof EquationError && e.reason === reason && message.test(e.message));

describe('Equations', () => {
  const lif = new Equations(`
    dv/dt = (v0 - v)/tau : volt (unless refractory)  # leaky
    v0 : volt
    I = g*(v0 - v) : amp
    g : siemens (constant)
  `);

  it('new Equations(string) lists variables by kind', () => {
    assert.deepEqual([...lif.diffEqNames], ['v']);
    assert.deepEqual([...lif.subexprNames], ['I']);
    assert.deepEqual([...lif.parameterNames].sort(), ['g', 'v0']);
    assert.deepEqual([...lif.eqNames].sort(), ['I', 'v']);
    assert.deepEqual([...lif.identifiers].sort(), ['tau']);
    assert.equal(lif.dimensions.get('v'), VOLT);
    assert.equal(lif.size, 4);
    assert.deepEqual([...lif].map((eq) => eq.varname), ['v', 'v0', 'I', 'g']);
  });

  it('eqs.get(name) gives the SingleEquation with its parsed right-hand side and line', () => {
    const v = lif.get('v')!;
    assert.equal(v.type, 'differential equation');
    assert.equal(printExpr(v.expr!), '(v0 - v) / tau');
    assert.deepEqual(v.flags, ['unless refractory']);
    assert.equal(v.line, 2);
    assert.equal(lif.get('nope'), undefined);
  });

  it('String(eqs) prints as Brian2 (subexpressions, differential equations, parameters)', () => {
    assert.equal(String(lif), 'I = g*(v0 - v) : A\ndv/dt = (v0 - v)/tau : V (unless refractory)\ng : S (constant)\nv0 : V');
  });

  it('eqs.plus(other) combines; a duplicate name is an EquationError', () => {
    const both = lif.plus('w : 1');
    assert.equal(both.size, 5);
    throwsEquationError(() => lif.plus('v0 : volt'), 'duplicate', /Duplicate definition of variable 'v0'/);
  });

  it('new Equations(s, {name: string}) renames, also model variables', () => {
    const eqs = new Equations('dg/dt = -g/tau : siemens', { g: 'g_e', tau: 'tau_e' });
    assert.equal(String(eqs), 'dg_e/dt = -g_e/tau_e : S');
  });

  it('new Equations(s, {name: value}) inserts the value with its unit, as Brian2 does', () => {
    const eqs = new Equations('dv/dt = (mu-v)/tau : volt', { mu: mV(-65), tau: ms(5) });
    assert.equal(String(eqs), 'dv/dt = ((-65. * mvolt)-v)/(5. * msecond) : V');
    assert.deepEqual([...eqs.identifiers].sort(), ['msecond', 'mvolt']);
  });

  it('substitution is simultaneous: {a: "b", b: "c"} does not chain', () => {
    assert.equal(String(new Equations('x = a*b : 1', { a: 'b', b: 'c' })), 'x = b*c : 1');
  });

  it('substitution errors name the variable', () => {
    throwsEquationError(() => new Equations('dv/dt = -v/tau : volt', { v: 3 }), 'substitution', /Cannot replace model variable 'v' with a value\./);
    throwsEquationError(() => new Equations('dv/dt = -v/tau : volt', { tau: '2*ms' }), 'substitution', /must be a name/);
    throwsEquationError(() => new Equations('dv/dt = -v/tau : volt', { v: 't' }), 'identifier', /'t' has a special meaning/);
  });

  it('new Equations rejects reserved and invalid names at the name', () => {
    throwsEquationError(() => new Equations('x : 1\nt : second'), 'identifier', /^Line 2, column 1: 't' has a special meaning in equations/);
    throwsEquationError(() => new Equations('xi_2 : 1'), 'identifier', /special meaning/);
    throwsEquationError(() => new Equations('lambda : 1'), 'identifier', /Python keyword/);
    throwsEquationError(() => new Equations('mV : 1'), 'identifier', /name of a unit/);
    throwsEquationError(() => new Equations('exp : 1'), 'identifier', /name of a function/);
    throwsEquationError(() => new Equations('not_refractory : 1'), 'identifier', /refractory mechanism/);
  });

  it('new Equations rejects non-float differential equations and bad units at the unit', () => {
    throwsEquationError(() => new Equations('dn/dt = 1/second : integer'), 'type', /Differential equations can only define floating point variables/);
    throwsEquationError(() => new Equations('x : bool'), 'unit-specification', /Use 'boolean' not 'bool'/);
    throwsEquationError(() => new Equations('\nx : mV'), 'unit-specification', /^Line 2, column 5: Error parsing the unit specification for variable 'x': .*Use 'volt' instead/);
  });

  it('new Equations reports expression syntax errors as ParseError located in the model string', () => {
    assert.throws(
      () => new Equations('x : 1\ny = (a +\n b # c\n c) : 1'),
      (e: unknown) => e instanceof ParseError && e.line === 4 && e.column === 2 && /right-hand side of 'y'/.test(e.message),
    );
    assert.throws(
      () => new Equations('dv/dt = -v/tau\nx : 1'),
      (e: unknown) => e instanceof ParseError && /continues from line 1 to line 2/.test(e.message),
    );
  });

  it('new Equations checks xi: only in differential equations, plain xi in one equation only', () => {
    throwsEquationError(() => new Equations('x = xi : 1'), 'noise', /contains the symbol 'xi' but is not a differential equation/);
    throwsEquationError(() => new Equations('dv/dt = xi/sqrt(second) : 1\ndw/dt = xi/sqrt(second) : 1'), 'noise', /Rename the variables to 'xi_\.\.\.'/);
  });

  it('stochasticType is additive unless a noise factor depends on t or a state variable', () => {
    assert.equal(new Equations('dv/dt = -v/tau : 1').stochasticType, null);
    assert.equal(new Equations('dv/dt = -v/tau + s*xi/sqrt(ms) : 1\ns = 2*p : 1\np : 1').stochasticType, 'additive');
    assert.equal(new Equations('dv/dt = -v/tau + s*xi/sqrt(ms) : 1\ns = 2*v : 1').stochasticType, 'multiplicative');
    assert.equal(new Equations('dv/dt = (1 + t/ms)*xi/sqrt(ms) : 1').stochasticType, 'multiplicative');
    throwsEquationError(() => new Equations('dv/dt = xi**2/ms : 1').stochasticType, 'noise', /cannot be separated into stochastic and non-stochastic term/);
  });

  it('new Equations rejects cyclic subexpressions, naming the cycle', () => {
    throwsEquationError(() => new Equations('a = b : 1\nb = c : 1\nc = a : 1'), 'cycle', /dependencies contain a cycle\.[\s\S]*a uses b uses c uses a/);
  });

  it('ordered puts subexpressions in dependency order', () => {
    const eqs = new Equations('a = b + c : 1\nb = c : 1\nc = 1 : 1\ndz/dt = a/second : 1');
    assert.deepEqual(eqs.ordered.map((e) => e.varname), ['c', 'b', 'a', 'z']);
  });

  it('substitutedExpressions() inlines subexpressions into differential equations', () => {
    const eqs = new Equations('dv/dt = I/C : volt\nI = g*(E - v) : amp');
    const [[name, expr]] = eqs.substitutedExpressions() as [[string, import('../parsing/index.ts').Expr]];
    assert.equal(name, 'v');
    assert.equal(printExpr(expr), 'g * (E - v) / C');
  });

  it('new Equations(SingleEquation[]) allows internal names but not duplicates', () => {
    const a = new SingleEquation({ type: 'parameter', varname: '_x', dim: VOLT });
    assert.equal(new Equations([a]).size, 1);
    throwsEquationError(() => new Equations([a, a]), 'duplicate', /Duplicate definition of variable '_x'/);
  });

  it('new Equations never throws anything but BrianErrors on random input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        try {
          new Equations(s);
        } catch (e) {
          assert.ok(e instanceof BrianError, `${JSON.stringify(s)}: ${String(e)}`);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('new Equations never throws anything but BrianErrors on mutated valid equations', () => {
    const valid = String(lif) + '\ndge/dt = -ge/taue + sigma*xi : siemens\nalpha = 0.1*(mV**-1)*(v + 40*mV)/(1 - exp(-(v + 40*mV)/(10*mV)))/ms : Hz';
    const pieces = [':', '=', '(', ')', '#', '\n', ' ', 'd', '/dt', ',', '*', '**', 'volt', 'xi', 'bool', 'mV', '1', 'unless refractory', '\t', 'é', '\\'];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(valid.length), fc.nat(3), fc.constantFrom(...pieces)), { minLength: 1, maxLength: 4 }),
        (edits) => {
          let s = valid;
          for (const [at, cut, piece] of edits) s = s.slice(0, at) + piece + s.slice(at + cut);
          try {
            new Equations(s);
          } catch (e) {
            assert.ok(e instanceof BrianError || e instanceof DimensionMismatchError, `${JSON.stringify(s)}: ${String(e)}`);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
