import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { constantSymbol } from '../inference/index.ts';
import { DimensionMismatchError, Dimension } from '../units/index.ts';
import { checkUnits, equationSymbols, NOISE_DIMENSION } from './check-units.ts';
import { Equations } from './equations.ts';
import { EquationDimensionError, EquationError } from './errors.ts';

const SECOND = Dimension.of([0, 0, 1, 0, 0, 0, 0]);
const VOLT = Dimension.of([2, 1, -3, -1, 0, 0, 0]);
const tau = constantSymbol(0.01, SECOND);

describe('checkUnits', () => {
  it('checkUnits(eqs, {namespaces}) accepts consistent equations, noise and t included', () => {
    checkUnits(new Equations('dv/dt = (v0 - v)/tau + sigma*sqrt(2/tau)*xi : volt\nv0 : volt'), {
      namespaces: [{ tau, sigma: constantSymbol(0.002, VOLT) }],
    });
    checkUnits(new Equations('dx/dt = sin(2*pi*t/tau)/second : 1'), { namespaces: [{ tau }] });
  });

  it('checkUnits rejects a right-hand side without the /second, with Brian2\'s message and the line', () => {
    assert.throws(
      () => checkUnits(new Equations('\ndv/dt = -v : volt')),
      (e: unknown) =>
        e instanceof EquationDimensionError &&
        e instanceof DimensionMismatchError &&
        e.variable === 'v' &&
        e.line === 2 &&
        /^Line 2: Inconsistent units in differential equation defining variable 'v':\nExpression '-v' does not have the expected unit metre \*\* 2 \* kilogram \* second \*\* -4 \* amp \*\* -1 \(unit is V\)\.$/.test(e.message),
    );
  });

  it('checkUnits checks subexpressions against their own unit and lists every failing equation', () => {
    assert.throws(
      () => checkUnits(new Equations('dv/dt = -v : volt\nI = g*v : amp\ng : volt'), { namespaces: [{ tau }] }),
      (e: unknown) => e instanceof EquationDimensionError && e.diagnostics.length === 1 && /subexpression I:/.test(e.message),
    );
  });

  it('checkUnits names an unresolvable identifier and its equation, with a caret', () => {
    assert.throws(
      () => checkUnits(new Equations('x : 1\ndv/dt = -v/tau : volt')),
      (e: unknown) =>
        e instanceof EquationError &&
        e.reason === 'undefined-identifier' &&
        e.line === 2 &&
        e.column === 12 &&
        /The identifier "tau" could not be resolved\. \(in the differential equation defining variable 'v'\)/.test(e.message),
    );
  });

  it('equationSymbols(eqs) gives xi the dimension second**-0.5 and the equations their own', () => {
    const table = equationSymbols(new Equations('dv/dt = xi_1/sqrt(second) : 1\nn : integer (shared)'));
    assert.equal(table.get('xi_1')?.kind, 'variable');
    assert.equal((table.get('xi_1') as { dim: Dimension }).dim, NOISE_DIMENSION);
    assert.deepEqual({ ...(table.get('n') as object) }, { kind: 'variable', dim: Dimension.of([0, 0, 0, 0, 0, 0, 0]), type: 'integer', scalar: true, readOnly: false });
  });
});
