import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { binary, call, name, num, parseExpression, unary } from '../parsing/index.ts';
import type { Expr } from '../parsing/index.ts';
import { DIMENSIONLESS, Dimension, DimensionMismatchError } from '../units/index.ts';
import { ExpressionError, UndefinedIdentifierError } from './errors.ts';
import { defineFunction, BOOLEAN_ARGUMENT, ANY_UNIT } from './functions.ts';
import { analyse, inferDimensions, inferType } from './infer.ts';
import { constantSymbol, createScope, functionSymbol, variableSymbol } from './scope.ts';
import type { Resolver } from './scope.ts';

const VOLT = Dimension.of([2, 1, -3, -1, 0, 0, 0]);
const AMP = Dimension.of([0, 0, 0, 1, 0, 0, 0]);
const SIEMENS = Dimension.of([-2, -1, 3, 2, 0, 0, 0]);
const SECOND = Dimension.of([0, 0, 1, 0, 0, 0, 0]);

const scope: Resolver = createScope({
  variables: {
    v: variableSymbol(VOLT),
    I: variableSymbol(AMP),
    g: variableSymbol(SIEMENS),
    tau: variableSymbol(SECOND),
    n: variableSymbol(DIMENSIONLESS, { type: 'integer' }),
    b: variableSymbol(DIMENSIONLESS, { type: 'boolean' }),
    x: variableSymbol(DIMENSIONLESS),
    sv: variableSymbol(VOLT, { scalar: true }),
    t: variableSymbol(SECOND, { scalar: true, readOnly: true }),
    dt: variableSymbol(SECOND, { scalar: true, readOnly: true }),
    N: constantSymbol(10, DIMENSIONLESS, 'integer'),
    within: functionSymbol(
      defineFunction({ name: 'within', argUnits: [ANY_UNIT, BOOLEAN_ARGUMENT], argTypes: ['float', 'boolean'], returnDim: DIMENSIONLESS, returnType: 'boolean' }),
    ),
  },
  namespaces: [{ v0: constantSymbol(-0.07, VOLT), k: constantSymbol(3, DIMENSIONLESS, 'integer'), half: 0.5, tau_c: constantSymbol(0.005, SECOND), ms: 42 }],
});

const info = (source: string) => analyse(parseExpression(source), scope, { source });
const dimOf = (source: string) => info(source).dim;
const typeOf = (source: string) => info(source).type;

/** Asserts that analysing `source` throws `cls` with a message matching `pattern`. */
function assertThrows(source: string, cls: new (...args: never[]) => Error, pattern: RegExp): void {
  assert.throws(() => info(source), (error: unknown) => {
    assert.ok(error instanceof cls, `expected ${cls.name}, got ${String(error)}`);
    assert.match(error.message, pattern);
    return true;
  });
}

describe('analyse(expr, scope): dimensions', () => {
  it('analyse(v + v) keeps the dimension; * and / combine dimensions', () => {
    assert.equal(dimOf('v + v'), VOLT);
    assert.equal(dimOf('v - 2*mV'), VOLT);
    assert.equal(dimOf('v*g'), AMP);
    assert.equal(dimOf('(v0 - v)/tau'), VOLT.div(SECOND));
    assert.equal(dimOf('I/g'), VOLT);
    assert.equal(dimOf('-v'), VOLT);
    assert.equal(dimOf('+v'), VOLT);
  });

  it('analyse(v > 0) rejects a bare 0: Brian2 has no zero exemption in strings', () => {
    assertThrows('v > 0', DimensionMismatchError, /^Comparison of expressions with different units\. Expression 'v' has unit \(m\^2 kg s\^-3 A\^-1\), while expression '0' has units \(1\)\.$/);
    assertThrows('v + 0', DimensionMismatchError, /^Expression 'v \+ 0' uses inconsistent units \('v' has unit V; '0' has unit 1\)\.$/);
  });

  it('analyse(a op b) needs identical dimensions for + - % and comparisons', () => {
    assertThrows('v + I', DimensionMismatchError, /'v \+ I' uses inconsistent units \('v' has unit V; 'I' has unit A\)/);
    assertThrows('v - 1', DimensionMismatchError, /'v - 1' uses inconsistent units/);
    assertThrows('v % 2', DimensionMismatchError, /'v % 2' uses inconsistent units/);
    assertThrows('v <= I', DimensionMismatchError, /^Comparison of expressions with different units/);
    assert.equal(dimOf('v % v0'), VOLT);
  });

  it('analyse(a // b) needs dimensionless operands', () => {
    assert.equal(dimOf('x // 2'), DIMENSIONLESS);
    assertThrows('v // mV', ExpressionError, /^Floor division can only be used on dimensionless values\. 'v' in 'v \/\/ mV' has unit V\.$/);
    assertThrows('x // tau', ExpressionError, /'tau' in 'x \/\/ tau' has unit s/);
  });

  it('analyse(base ** exponent) evaluates a constant exponent when the base has units', () => {
    assert.equal(dimOf('v**2'), VOLT.pow(2));
    assert.equal(dimOf('v**-1'), VOLT.pow(-1));
    assert.equal(dimOf('v**k'), VOLT.pow(3));
    assert.equal(dimOf('v**half'), VOLT.pow(0.5));
    assert.equal(dimOf('v**(k - 1)'), VOLT.pow(2));
    assert.equal(dimOf('v**(7 // 2)'), VOLT.pow(3));
    assert.equal(dimOf('v**(-7 % 4)'), VOLT.pow(1));
    assert.equal(dimOf('v**(2**2)'), VOLT.pow(4));
    assert.equal(dimOf('v**(N/10)'), VOLT);
    assert.equal(dimOf('v**True'), VOLT);
    assert.equal(dimOf('(v/mV)**x'), DIMENSIONLESS);
  });

  it('analyse(base ** exponent) rejects non-constant exponents with the reason', () => {
    assertThrows('v**n', ExpressionError, /exponent of 'v\*\*n' has to be a constant.*Value n is not constant\.$/);
    assertThrows('v**rand()', ExpressionError, /Cannot determine the numerical value for a function call\./);
    assertThrows('v**(n > 1)', ExpressionError, /Cannot determine the numerical value for a boolean operation\./);
    assertThrows('v**(1/0)', ExpressionError, /Division by zero/);
    const error = catchError(() => info('v**(2 + n)'));
    assert.ok(error instanceof ExpressionError);
    assert.equal(error.code, 'non-constant-exponent');
    assert.deepEqual(error.span, { start: 8, end: 9 }, 'the span points at the non-constant name');
  });

  it('analyse(base ** exponent) rejects an exponent with units (stricter than Brian2)', () => {
    assertThrows('v**ms', DimensionMismatchError, /^Cannot calculate 'v\*\*ms', the exponent 'ms' has to be dimensionless \(unit is s\)\.$/);
    assertThrows('2**tau_c', DimensionMismatchError, /exponent 'tau_c' has to be dimensionless/);
  });

  it('analyse(f(args)) checks argument units and computes the return dimension', () => {
    assert.equal(dimOf('sqrt(v*v)'), VOLT);
    assert.equal(dimOf('sqrt(g)'), SIEMENS.pow(0.5));
    assert.equal(dimOf('abs(v) + floor(v) + ceil(v)'), VOLT);
    assert.equal(dimOf('sign(v)'), DIMENSIONLESS);
    assert.equal(dimOf('clip(v, v0, 0*mV)'), VOLT);
    assert.equal(dimOf('exp(-v/v0)'), DIMENSIONLESS);
    assert.equal(dimOf('timestep(t, dt)'), DIMENSIONLESS);
    assertThrows('exp(v)', DimensionMismatchError, /^Argument number 1 for function exp does not have the correct units\. Expression 'v' has units \(m\^2 kg s\^-3 A\^-1\), but should be \(1\)\.$/);
    assertThrows('timestep(t, 1)', DimensionMismatchError, /Argument number 2 for function timestep .* Expression '1' has units \(1\), but should be \(s\)\./);
    assertThrows('clip(v, 0, 1)', DimensionMismatchError, /^Argument number 2 for function clip was supposed to have the same units as argument number 1, but '0' has unit 1, while 'v' has unit V$/);
    assertThrows('int(v)', DimensionMismatchError, /Argument number 1 for function int/);
  });

  it('analyse(f(args)) checks the argument count', () => {
    assertThrows('exp(x, x)', ExpressionError, /^Function 'exp' was called with 2 parameters, needs 1\.$/);
    assertThrows('rand(2)', ExpressionError, /^Function 'rand' was called with 1 parameters, needs 0\.$/);
    assertThrows('clip(x)', ExpressionError, /needs 3/);
  });

  it('analyse(name) rejects unknown names, functions used as values and calls of values', () => {
    assertThrows('v/tau_m', UndefinedIdentifierError, /^The identifier "tau_m" could not be resolved\.$/);
    assertThrows('foo(x)', UndefinedIdentifierError, /"foo" could not be resolved/);
    assertThrows('exp + 1', ExpressionError, /^exp was used like a variable\/constant, but it is a function\.$/);
    assertThrows('v(2)', ExpressionError, /^'v' is not a function \(it is a variable\), so it cannot be called in 'v\(2\)'\.$/);
    const error = catchError(() => info('v + tau_m'));
    assert.ok(error instanceof UndefinedIdentifierError);
    assert.equal(error.identifier, 'tau_m');
    assert.equal(error.code, 'undefined-identifier');
    assert.equal(error.expression, 'v + tau_m');
    assert.deepEqual(error.span, { start: 4, end: 9 });
  });

  it('analyse(expr) resolves names before checking units, as Brian2 does', () => {
    assertThrows('(v + 3) + undefined_name', UndefinedIdentifierError, /undefined_name/);
  });

  it('analyse(ms) finds the unit before the user namespace (Brian2 resolution order)', () => {
    assert.equal(dimOf('ms'), SECOND);
  });
});

describe('analyse(expr, scope): types and scalarity', () => {
  it('analyse(literal) types integer, float and boolean literals', () => {
    assert.equal(typeOf('3'), 'integer');
    assert.equal(typeOf('3.0'), 'float');
    assert.equal(typeOf('2.5e-3'), 'float');
    assert.equal(typeOf('True'), 'boolean');
  });

  it('analyse(a op b) takes the higher type; / and ** always give float', () => {
    assert.equal(typeOf('n + 1'), 'integer');
    assert.equal(typeOf('n * x'), 'float');
    assert.equal(typeOf('b + n'), 'integer');
    assert.equal(typeOf('b + b'), 'boolean');
    assert.equal(typeOf('n / 2'), 'float');
    assert.equal(typeOf('n // 2'), 'integer');
    assert.equal(typeOf('n % 3'), 'integer');
    assert.equal(typeOf('x // 2'), 'float');
    assert.equal(typeOf('n ** 2'), 'float');
    assert.equal(typeOf('-n'), 'integer');
  });

  it('analyse(f(args)) uses the declared return types', () => {
    assert.equal(typeOf('int(x)'), 'integer');
    assert.equal(typeOf('int(b)'), 'integer');
    assert.equal(typeOf('floor(n)'), 'float');
    assert.equal(typeOf('ceil(x)'), 'float');
    assert.equal(typeOf('abs(n)'), 'integer');
    assert.equal(typeOf('abs(b)'), 'boolean');
    assert.equal(typeOf('clip(n, 0, 10)'), 'integer');
    assert.equal(typeOf('clip(x, 0, inf)'), 'float');
    assert.equal(typeOf('sign(n)'), 'integer');
    assert.equal(typeOf('poisson(x)'), 'integer');
    assert.equal(typeOf('timestep(t, dt)'), 'integer');
    assert.equal(typeOf('rand()'), 'float');
  });

  it('analyse(comparison / and / or / not) is boolean and needs boolean operands', () => {
    assert.equal(typeOf('v > v0'), 'boolean');
    assert.equal(typeOf('b and v < v0'), 'boolean');
    assert.equal(typeOf('not b'), 'boolean');
    assertThrows('b and x', ExpressionError, /^Boolean operator acting on non-booleans: 'x' in 'b and x' is a float, but 'and' needs boolean operands\.$/);
    assertThrows('n or b', ExpressionError, /'n' in 'n or b' is an integer/);
    assertThrows('not x', ExpressionError, /^The operand of 'not' has to be boolean, but 'x' in 'not x' is a float\.$/);
  });

  it('analyse(-b) rejects unary arithmetic on booleans', () => {
    assertThrows('-b', ExpressionError, /^Unary operator '-' does not apply to boolean types: '-b'\. Use int\(b\)/);
    assertThrows('+(v > v0)', ExpressionError, /Unary operator '\+' does not apply to boolean types/);
  });

  it('analyse(f(args)) checks declared argument types and boolean arguments', () => {
    assert.equal(typeOf('within(x, b)'), 'boolean');
    assertThrows('within(n, b)', ExpressionError, /^Function 'within' takes arguments with types \['float', 'boolean'\] but received \['integer', 'boolean'\]: argument number 1 'n' should be a float\.$/);
    assertThrows('within(x, x)', ExpressionError, /^Argument number 2 for function 'within' was expected to be a boolean value, but is 'x'\.$/);
  });

  it('analyse(expr).scalar is true only without vector variables and auto-vectorised calls', () => {
    assert.equal(info('t/ms + sv/mV').scalar, true);
    assert.equal(info('exp(sv/mV)').scalar, true);
    assert.equal(info('N*2').scalar, true);
    assert.equal(info('sv + v').scalar, false);
    assert.equal(info('rand()').scalar, false);
    assert.equal(info('t > 5*ms').scalar, true);
    assert.equal(info('3').scalar, true);
  });

  it('analyse(expr).stateful reports calls of stateful functions', () => {
    assert.equal(info('exp(x)').stateful, false);
    assert.equal(info('x + randn()').stateful, true);
  });

  it('analyse(rand() + rand()) allows one call per stateful function', () => {
    assert.equal(typeOf('randn()*rand()'), 'float');
    assertThrows('rand() + rand()', ExpressionError, /^The expression 'rand\(\) \+ rand\(\)' contains more than one call of rand\. This is currently not supported since rand is a stateful function/);
    assertThrows('poisson(x) < poisson(2*x)', ExpressionError, /more than one call of poisson/);
  });
});

describe('inferDimensions / inferType', () => {
  it('inferDimensions(expr) and inferType(expr) work on ASTs built without source', () => {
    const expr = binary('/', binary('-', name('v0'), name('v')), name('tau'));
    assert.equal(inferDimensions(expr, scope), VOLT.div(SECOND));
    assert.equal(inferType(call('int', [binary('/', name('v'), name('mV'))]), scope), 'integer');
  });

  it('analyse(ast) prints the AST in messages when there is no source', () => {
    assert.throws(() => analyse(binary('+', name('v'), num(3)), scope), /^DimensionMismatchError|Expression 'v \+ 3' uses inconsistent units/);
    assert.throws(() => analyse(unary('-', name('b')), scope), /'-b'/);
  });

  it('analyse(expr) turns a stack overflow on a huge built tree into a typed error', () => {
    let deep: Expr = name('x');
    for (let k = 0; k < 50_000; k++) deep = binary('+', deep, name('x'));
    assert.throws(() => analyse(deep, scope), (e: unknown) => e instanceof ExpressionError && e.code === 'too-deep' && /nested too deeply/.test(e.message));
  });

  it('analyse(a*b) multiplies dimensions for any variable dimensions (property)', () => {
    const exps = fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 7, maxLength: 7 });
    fc.assert(
      fc.property(exps, exps, (a, b) => {
        const da = Dimension.of(a);
        const db = Dimension.of(b);
        const s = createScope({ variables: { p: variableSymbol(da), q: variableSymbol(db) } });
        assert.equal(inferDimensions(parseExpression('p*q/q*q'), s), da.times(db));
        assert.equal(inferDimensions(parseExpression('(p/q)**2'), s), da.div(db).pow(2));
        const same = da === db;
        if (same) assert.equal(inferDimensions(parseExpression('p + q'), s), da);
        else assert.throws(() => inferDimensions(parseExpression('p + q'), s), DimensionMismatchError);
      }),
    );
  });
});

function catchError(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  return undefined;
}
