/**
 * Brian2 2.5.1 `brian2/tests/test_equations.py`, translated (status of every function: README.md
 * in this folder). Each `it` is named after Brian2's test function. Brian2's module-level helpers
 * map onto the equations layer: `dimensions_and_type_from_string` is `readUnitSpecification`,
 * the `check_identifier_*` functions are `identifierProblem` (a message, or undefined), and
 * `parse_string_equations` is the `Equations` constructor.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DIMENSIONLESS, Hz, farad, metre, mV, ms, second, volt } from '../../src/index.ts';
import { Equations, UnitSpecificationProblem, checkFlags, checkUnits, identifierProblem, readUnitSpecification } from '../../src/equations/index.ts';
import type { UnitSpecification } from '../../src/equations/index.ts';
import { extractConstantSubexpressions } from '../../src/stateupdaters/index.ts';
import { parseExpression } from '../../src/parsing/index.ts';
import { raises } from './helpers.ts';

/** Brian2's `dimensions_and_type_from_string`: ValueError for a problem. */
function dimensionsAndType(spec: string): [unknown, string] {
  const r = readUnitSpecification(spec);
  if (r instanceof UnitSpecificationProblem) throw r;
  const ok = r as UnitSpecification;
  return [ok.dim, ok.varType];
}

describe('test_equations (Brian2 2.5.1)', () => {
  it('test_utility_functions', () => {
    assert.deepEqual(dimensionsAndType('second'), [second.dim, 'float']);
    assert.deepEqual(dimensionsAndType('1'), [DIMENSIONLESS, 'float']);
    assert.deepEqual(dimensionsAndType('volt'), [volt.dim, 'float']);
    assert.deepEqual(dimensionsAndType('second ** -1'), [Hz.dim, 'float']);
    assert.deepEqual(dimensionsAndType('farad / metre**2'), [farad.div(metre.pow(2)).dim, 'float']);
    assert.deepEqual(dimensionsAndType('boolean'), [DIMENSIONLESS, 'boolean']);
    assert.deepEqual(dimensionsAndType('integer'), [DIMENSIONLESS, 'integer']);
    for (const bad of ['metr / second', 'metre **', '5', '2 / second', 'farad / cm**2']) {
      assert.ok(readUnitSpecification(bad) instanceof UnitSpecificationProblem, bad);
    }
    // (Brian2's DEFAULT_UNITS dictionary of Python Unit objects has no counterpart.)
  });

  it('test_identifier_checks', () => {
    const legal = ['v', 'Vm', 'V', 'x', 'ge', 'g_i', 'a2', 'gaba_123'];
    const illegal = ['_v', '1v', 'ü', 'ge!', 'v.x', 'for', 'else', 'if'];
    for (const identifier of legal) assert.equal(identifierProblem(identifier), undefined, identifier);
    // basic, reserved, refractory, function, constant and unit names
    for (const identifier of [...illegal, 't', 'dt', 'xi', 'i', 'N', 'not_refractory', 'refractory', 'refractory_until', 'exp', 'sin', 'sqrt', 'e', 'pi', 'inf', 'volt', 'second', 'mV', 'nA']) {
      assert.notEqual(identifierProblem(identifier), undefined, identifier);
    }
    // and the equations refuse them as variable names (SyntaxError in Brian2)
    for (const identifier of ['_v', 't', 'dt', 'xi', 'i', 'N', 'not_refractory', 'exp', 'pi', 'volt', 'mV', 'for']) {
      raises(() => new Equations(`${identifier} : 1`), 'SyntaxError');
    }
    // (Brian2's registry of custom identifier checks, Equations.register_identifier_check, has no counterpart.)
  });

  it('test_parse_equations', () => {
    // A simple equation
    let eqs = new Equations('dv/dt = -v / tau : 1');
    assert.ok(eqs.size === 1 && eqs.has('v') && eqs.get('v')!.type === 'differential equation');
    assert.equal(eqs.get('v')!.dim, DIMENSIONLESS);
    // A complex one
    eqs = new Equations(`dv/dt = -(v +
                                 ge + # excitatory conductance
                                 I # external current
                                 )/ tau : volt
                        dge/dt = -ge / tau_ge : volt
                        I = sin(2 * pi * f * t) : volt
                        f : Hz (constant)
                        b : boolean
                        n : integer
                     `);
    assert.equal(eqs.size, 6);
    assert.equal(eqs.get('v')!.type, 'differential equation');
    assert.equal(eqs.get('ge')!.type, 'differential equation');
    assert.equal(eqs.get('I')!.type, 'subexpression');
    for (const n of ['f', 'b', 'n']) assert.equal(eqs.get(n)!.type, 'parameter');
    assert.equal(eqs.get('f')!.varType, 'float');
    assert.equal(eqs.get('b')!.varType, 'boolean');
    assert.equal(eqs.get('n')!.varType, 'integer');
    assert.equal(eqs.get('v')!.dim, volt.dim);
    assert.equal(eqs.get('ge')!.dim, volt.dim);
    assert.equal(eqs.get('I')!.dim, volt.dim);
    assert.equal(eqs.get('f')!.dim, Hz.dim);
    assert.deepEqual(eqs.get('v')!.flags, []);
    assert.deepEqual(eqs.get('ge')!.flags, []);
    assert.deepEqual(eqs.get('I')!.flags, []);
    assert.deepEqual(eqs.get('f')!.flags, ['constant']);
    raises(() => new Equations('\ndv/dt = -v / tau : 1\nv = 2 * t : 1\n'), 'EquationError');
    const parseErrorEqs = ['dv/d = -v / tau : 1\n x = 2 * t : 1', 'dv/dt = -v / tau : 1 : volt\nx = 2 * t : 1', ' dv/dt = -v / tau : 2 * volt', 'dv/dt = v / second : boolean'];
    for (const errorEqs of parseErrorEqs) raises(() => new Equations(errorEqs), 'EquationError');
  });

  it('test_correct_replacements', () => {
    // replace a variable name with a new name
    let eqs = new Equations('dv/dt = -v / tau : 1', { v: 'V' });
    assert.ok(eqs.has('V') && !eqs.has('v'));
    assert.ok(JSON.stringify(eqs.get('V')!.expr).includes('"V"') && !JSON.stringify(eqs.get('V')!.expr).includes('"v"'));
    // replace a variable name with a value
    eqs = new Equations('dv/dt = -v / tau : 1', { tau: ms(10) });
    assert.ok(!eqs.identifiers.has('tau'));
  });

  it('test_wrong_replacements', () => {
    // Replacing a variable name with an illegal new name
    raises(() => new Equations('dv/dt = -v / tau : 1', { v: 'illegal name' }), 'SyntaxError');
    raises(() => new Equations('dv/dt = -v / tau : 1', { v: '_reserved' }), 'SyntaxError');
    raises(() => new Equations('dv/dt = -v / tau : 1', { v: 't' }), 'SyntaxError');
    // Replacing a variable name with a value that already exists
    raises(() => new Equations('dv/dt = -v / tau : 1\ndx/dt = -x / tau : 1', { v: 'x' }), 'EquationError');
    // Replacing a model variable name with a value
    raises(() => new Equations('dv/dt = -v / tau : 1', { v: mV(3) }), 'ValueError');
    // Replacing with an illegal value
    raises(() => new Equations('dv/dt = -v/tau : 1', { tau: [0, 1, 2, 3, 4] as never }), 'SyntaxError');
  });

  it('test_substitute', () => {
    // Check that substitute returns an independent copy
    const eqs = new Equations('dx/dt = x : 1');
    const eqs2 = eqs.substitute({ x: 'y' });
    // First equation should be unaffected
    assert.ok(eqs.size === 1 && eqs.has('x'));
    assert.deepEqual(stripped(eqs.get('x')!.expr), stripped(parseExpression('x')));
    // Second equation should have x substituted by y
    assert.ok(eqs2.size === 1 && eqs2.has('y'));
    assert.deepEqual(stripped(eqs2.get('y')!.expr), stripped(parseExpression('y')));
  });

  it('test_construction_errors', () => {
    // parse error
    raises(() => new Equations('dv/dt = -v / tau volt'), 'EquationError');
    raises(() => new Equations('dv/dt = -v / tau : volt second'), 'EquationError');
    // incorrect unit definition
    raises(() => new Equations('dv/dt = -v / tau : mvolt'), 'EquationError');
    raises(() => new Equations('dv/dt = -v / tau : voltage'), 'EquationError');
    raises(() => new Equations('dv/dt = -v / tau : 1.0*volt'), 'EquationError');
    // Only a single string or a list of SingleEquation objects is allowed
    raises(() => new Equations(null as never), 'TypeError');
    raises(() => new Equations(42 as never), 'TypeError');
    raises(() => new Equations(['dv/dt = -v / tau : volt'] as never), 'TypeError');
    // duplicate variable names
    raises(() => new Equations('dv/dt = -v / tau : volt\nv = 2 * t/second * volt : volt'), 'EquationError');
    const single = [...new Equations('dv/dt = -v / tau : volt')][0]!;
    const sub = [...new Equations('v = 2 * t/second * volt : volt')][0]!;
    raises(() => new Equations([single, sub]), 'EquationError');
    // illegal variable names
    raises(() => new Equations('ddt/dt = -dt / tau : volt'), 'SyntaxError');
    raises(() => new Equations('dt/dt = -t / tau : volt'), 'SyntaxError');
    raises(() => new Equations('dxi/dt = -xi / tau : volt'), 'SyntaxError');
    raises(() => new Equations('for : volt'), 'SyntaxError');
    raises(() => new Equations('d1a/dt = -1a / tau : volt'), 'EquationError');
    raises(() => new Equations('d_x/dt = -_x / tau : volt'), 'SyntaxError');
    // xi in a subexpression
    raises(() => new Equations('dv/dt = -(v + I) / (5 * ms) : volt\nI = second**-1*xi**-2*volt : volt'), 'EquationError');
    // more than one xi
    raises(() => new Equations('dv/dt = -v / tau + xi/tau**.5 : volt\ndx/dt = -x / tau + 2*xi/tau : volt\ntau : second'), 'EquationError');
    // using not-allowed flags
    let eqs = new Equations('dv/dt = -v / (5 * ms) : volt (flag)');
    checkFlags(eqs, { 'differential equation': ['flag'] }); // allow this flag
    raises(() => checkFlags(eqs, { 'differential equation': [] }), 'ValueError');
    raises(() => checkFlags(eqs, {}), 'ValueError');
    raises(() => checkFlags(eqs, { subexpression: ['flag'] }), 'ValueError');
    raises(() => checkFlags(eqs, { 'differential equation': ['otherflag'] }), 'ValueError');
    eqs = new Equations('dv/dt = -v / (5 * ms) : volt (flag1, flag2)');
    checkFlags(eqs, { 'differential equation': ['flag1', 'flag2'] }); // allow both flags
    // Don't allow the two flags in combination
    raises(() => checkFlags(eqs, { 'differential equation': ['flag1', 'flag2'] }, undefined, [['flag1', 'flag2']]), 'ValueError');
    eqs = new Equations('dv/dt = -v / (5 * ms) : volt (flag1)\ndw/dt = -w / (5 * ms) : volt (flag2)');
    // They should be allowed when used independently
    checkFlags(eqs, { 'differential equation': ['flag1', 'flag2'] }, undefined, [['flag1', 'flag2']]);
    // Circular subexpression
    raises(() => new Equations('dv/dt = -(v + w) / (10 * ms) : 1\nw = 2 * x : 1\nx = 3 * w : 1'), 'ValueError');
    // Boolean/integer differential equations
    raises(() => new Equations('dv/dt = -v / (10*ms) : boolean'), 'TypeError');
    raises(() => new Equations('dv/dt = -v / (10*ms) : integer'), 'TypeError');
  });

  it('test_unit_checking', () => {
    // inconsistent unit for a differential equation
    let eqs = new Equations('dv/dt = -v : volt');
    raises(() => checkUnits(eqs), 'DimensionMismatchError');
    eqs = new Equations('dv/dt = -v / tau: volt');
    raises(() => checkUnits(eqs, { namespaces: [{ tau: mV(5) }] }), 'DimensionMismatchError');
    eqs = new Equations('dv/dt = -(v + I) / (5 * ms): volt');
    raises(() => checkUnits(eqs, { namespaces: [{ I: second(3) }] }), 'DimensionMismatchError');
    eqs = new Equations('dv/dt = -(v + I) / (5 * ms): volt\nI : second');
    raises(() => checkUnits(eqs), 'DimensionMismatchError');
    // inconsistent unit for a subexpression
    eqs = new Equations('dv/dt = -v / (5 * ms) : volt\nI = 2 * v : amp');
    raises(() => checkUnits(eqs), 'DimensionMismatchError');
  });

  it('test_properties', () => {
    const eqs = new Equations('dv/dt = -(v + I)/ tau : volt\nI = sin(2 * 22/7. * f * t)* volt : volt\nf = freq * Hz: Hz\nfreq : 1');
    assert.ok(eqs.diffEqExpressions.length === 1 && eqs.diffEqExpressions[0]![0] === 'v');
    assert.deepEqual(eqs.diffEqNames, new Set(['v']));
    assert.ok(eqs.eqExpressions.length === 3 && new Set(eqs.eqExpressions.map(([n]) => n)).size === 3);
    assert.deepEqual(new Set(eqs.eqExpressions.map(([n]) => n)), new Set(['v', 'I', 'f']));
    assert.deepEqual(eqs.eqNames, new Set(['v', 'I', 'f']));
    assert.deepEqual(new Set([...eqs].map((eq) => eq.varname)), new Set(['v', 'I', 'f', 'freq']));
    assert.deepEqual(eqs.ordered.map((eq) => eq.varname), ['f', 'I', 'v', 'freq']);
    assert.deepEqual(eqs.ordered.map((eq) => eq.dim), [Hz.dim, volt.dim, volt.dim, DIMENSIONLESS]);
    assert.deepEqual(eqs.names, new Set(['v', 'I', 'f', 'freq']));
    assert.deepEqual(eqs.parameterNames, new Set(['freq']));
    assert.deepEqual(eqs.subexprNames, new Set(['I', 'f']));
    const dimensions = eqs.dimensions;
    assert.deepEqual(new Set(dimensions.keys()), new Set(['v', 'I', 'f', 'freq']));
    assert.equal(dimensions.get('v'), volt.dim);
    assert.equal(dimensions.get('I'), volt.dim);
    assert.equal(dimensions.get('f'), Hz.dim);
    assert.equal(dimensions.get('freq'), DIMENSIONLESS);
    assert.deepEqual(eqs.identifiers, new Set(['tau', 'volt', 'Hz', 'sin', 't']));
    // stochastic equations
    assert.equal(eqs.stochasticVariables.size, 0);
    assert.equal(eqs.stochasticType, null);
    let s = new Equations('dv/dt = -v / tau + 0.1*second**-.5*xi : 1');
    assert.deepEqual(s.stochasticVariables, new Set(['xi']));
    assert.equal(s.stochasticType, 'additive');
    s = new Equations('dv/dt = -v / tau + 0.1*second**-.5*xi_1 +  0.1*second**-.5*xi_2: 1');
    assert.deepEqual(s.stochasticVariables, new Set(['xi_1', 'xi_2']));
    assert.equal(s.stochasticType, 'additive');
    s = new Equations('dv/dt = -v / tau + 0.1*second**-1.5*xi*t : 1');
    assert.equal(s.stochasticType, 'multiplicative');
    s = new Equations('dv/dt = -v / tau + 0.1*second**-1.5*xi*v : 1');
    assert.equal(s.stochasticType, 'multiplicative');
  });

  it('test_concatenation', () => {
    const eqs1 = new Equations('dv/dt = -(v + I) / tau : volt\nI = sin(2*pi*freq*t) : volt\nfreq : Hz');
    // Concatenate two equation objects
    const eqs2 = new Equations('dv/dt = -(v + I) / tau : volt').plus(new Equations('I = sin(2*pi*freq*t) : volt\nfreq : Hz'));
    // Concatenate with a string (will be parsed first)
    const eqs4 = new Equations('dv/dt = -(v + I) / tau : volt').plus('I = sin(2*pi*freq*t) : volt\nfreq : Hz');
    // Concatenating with something that is not a string should not work
    raises(() => eqs4.plus(5 as never), 'TypeError');
    // The string representation is canonical, therefore it should be identical in all cases
    assert.equal(String(eqs1), String(eqs2));
    assert.equal(String(eqs2), String(eqs4));
  });

  it('test_extract_subexpressions', () => {
    const eqs = new Equations('dv/dt = -v / (10*ms) : 1\ns1 = 2*v : 1\ns2 = -v : 1 (constant over dt)');
    const variable = extractConstantSubexpressions(eqs);
    assert.ok(['v', 's1', 's2'].every((n) => variable.has(n)));
    assert.equal(variable.get('s1')!.type, 'subexpression');
    assert.equal(variable.get('s2')!.type, 'parameter');
    // (Brian2 also returns the constant subexpressions; here they stay in the original equations.)
    assert.equal(eqs.get('s2')!.type, 'subexpression');
  });

  it('test_repeated_construction', () => {
    const eqs1 = new Equations('dx/dt = x : 1');
    const eqs2 = new Equations('dx/dt = x : 1', { x: 'y' });
    assert.equal(eqs1.size, 1);
    assert.ok(eqs1.has('x'));
    assert.deepEqual(stripped(eqs1.get('x')!.expr), stripped(parseExpression('x')));
    assert.equal(eqs2.size, 1);
    assert.ok(eqs2.has('y'));
    assert.deepEqual(stripped(eqs2.get('y')!.expr), stripped(parseExpression('y')));
  });
  it('test_dependency_calculation', () => {
    const eqs = new Equations('dv/dt = I_m / C_m : volt\nI_m = I_ext + I_pas : amp\nI_ext = 1*nA + sin(2*pi*100*Hz*t)*nA : amp\nI_pas = g_L*(E_L - v) : amp');
    const deps = eqs.dependencies;
    assert.deepEqual(new Set(deps.keys()), new Set(['v', 'I_m', 'I_ext', 'I_pas']));
    const check = (name: string, expectedVia: Record<string, string[]>): void => {
      const d = deps.get(name)!;
      assert.equal(d.length, Object.keys(expectedVia).length, name);
      assert.deepEqual(new Set(d.map((x) => x.equation.varname)), new Set(Object.keys(expectedVia)));
      for (const x of d) assert.deepEqual(x.via, expectedVia[x.equation.varname], `${name} via ${x.equation.varname}`);
    };
    // v depends directly on I_m, on I_ext and I_pas via I_m, and on v via I_m -> I_pas
    check('v', { I_m: [], I_pas: ['I_m'], I_ext: ['I_m'], v: ['I_m', 'I_pas'] });
    // I_m depends directly on I_ext and I_pas, and on v via I_pas
    check('I_m', { I_ext: [], I_pas: [], v: ['I_pas'] });
    // I_ext does not depend on anything
    check('I_ext', {});
    // I_pas depends on v directly
    check('I_pas', { v: [] });
  });
});

/** An expression tree without source positions (Brian2 compares Expression objects by their code). */
function stripped(expr: unknown): unknown {
  return JSON.parse(JSON.stringify(expr, (key, value: unknown) => (key === 'span' ? undefined : value)));
}
