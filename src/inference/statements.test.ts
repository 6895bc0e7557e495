import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { name, num, parseExpression, parseStatements, statement } from '../parsing/index.ts';
import { DIMENSIONLESS, Dimension, DimensionMismatchError } from '../units/index.ts';
import { ExpressionError, UndefinedIdentifierError } from './errors.ts';
import { checkBooleanExpression, checkDimensions, checkStatement, checkStatements } from './statements.ts';
import { constantSymbol, createScope, variableSymbol } from './scope.ts';
import type { Resolver, ValueSymbol } from './scope.ts';

const VOLT = Dimension.of([2, 1, -3, -1, 0, 0, 0]);
const AMP = Dimension.of([0, 0, 0, 1, 0, 0, 0]);
const SECOND = Dimension.of([0, 0, 1, 0, 0, 0, 0]);

const scope: Resolver = createScope({
  variables: {
    v: variableSymbol(VOLT),
    I: variableSymbol(AMP),
    n: variableSymbol(DIMENSIONLESS, { type: 'integer' }),
    b: variableSymbol(DIMENSIONLESS, { type: 'boolean' }),
    x: variableSymbol(DIMENSIONLESS),
    sv: variableSymbol(VOLT, { scalar: true }),
    t: variableSymbol(SECOND, { scalar: true, readOnly: true }),
    i: variableSymbol(DIMENSIONLESS, { type: 'integer', readOnly: true }),
    N: constantSymbol(10, DIMENSIONLESS, 'integer'),
    z: { kind: 'subexpression', dim: VOLT.div(SECOND), type: 'float', scalar: false },
  },
  namespaces: [{ v0: constantSymbol(-0.07, VOLT), tau: constantSymbol(0.01, SECOND) }],
});

const block = (source: string) => checkStatements(parseStatements(source), scope, { source });

function assertThrows(f: () => unknown, cls: new (...args: never[]) => Error, pattern: RegExp): void {
  assert.throws(f, (error: unknown) => {
    assert.ok(error instanceof cls, `expected ${cls.name}, got ${String(error)}`);
    assert.match(error.message, pattern);
    return true;
  });
}

describe('checkStatement(stmt, scope)', () => {
  it('checkStatement(v = v0) accepts a right-hand side with the target dimension', () => {
    const info = checkStatement(statement('v', '=', name('v0')), scope);
    assert.equal(info.declaresTemporary, false);
    assert.equal(info.symbol.dim, VOLT);
    assert.equal(info.value.scalar, true);
  });

  it('checkStatement(v = 3) rejects a wrong dimension with Brian2\'s message', () => {
    assertThrows(
      () => block('v = 3'),
      DimensionMismatchError,
      /^The right-hand-side of code statement "v = 3" does not have the expected unit m\^2 kg s\^-3 A\^-1 \(unit is 1\)\.$/,
    );
    assertThrows(() => checkStatement(statement('v', '=', num(3)), scope), DimensionMismatchError, /code statement "v = 3"/);
  });

  it('checkStatement(v += e) checks v + e, v -= e and v %= e likewise', () => {
    block('v += 2*mV; v -= v0; v %= v0; n += 1');
    assertThrows(() => block('v += 3'), DimensionMismatchError, /^Expression 'v \+ 3' uses inconsistent units \('v' has unit V; '3' has unit 1\)\.$/);
    assertThrows(() => block('v -= I*ohm*2 + 1*mV*x + n'), DimensionMismatchError, /uses inconsistent units/);
    assertThrows(() => block('v %= 3'), DimensionMismatchError, /'v % 3' uses inconsistent units/);
  });

  it('checkStatement(v *= e) and (v /= e) need a dimensionless right-hand side', () => {
    block('v *= 2; v /= x; n /= 4');
    assertThrows(
      () => block('v *= 2*mV'),
      DimensionMismatchError,
      /^The right-hand-side of code statement "v \*= 2\*mV" does not have the expected unit 1 \(unit is V\)\.$/,
    );
    assertThrows(() => block('v /= tau'), DimensionMismatchError, /"v \/= tau" does not have the expected unit 1 \(unit is s\)/);
  });

  it('checkStatement(target op e) rejects writes to constants, units, functions, subexpressions and read-only variables', () => {
    assertThrows(() => block('t = 5*ms'), ExpressionError, /^Cannot assign to 't' in "t = 5\*ms": 't' is a read-only variable\.$/);
    assertThrows(() => block('i = 3'), ExpressionError, /'i' is a read-only variable/);
    assertThrows(() => block('N = 2'), ExpressionError, /'N' is a constant/);
    assertThrows(() => block('pi = 3'), ExpressionError, /'pi' is a constant/);
    assertThrows(() => block('v0 += 1*mV'), ExpressionError, /'v0' is a constant/);
    assertThrows(() => block('mV = 3'), ExpressionError, /'mV' is a unit/);
    assertThrows(() => block('exp = 3'), ExpressionError, /'exp' is a function/);
    assertThrows(() => block('z = 3*mV/ms'), ExpressionError, /^Illegal line 'z = 3\*mV\/ms' in abstract code\. Cannot write to subexpression 'z'\.$/);
    const error = (() => {
      try {
        block('v = v0\nt = 5*ms');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    assert.ok(error instanceof ExpressionError);
    assert.equal(error.code, 'invalid-target');
    assert.deepEqual(error.span, { start: 7, end: 8 });
  });

  it('checkStatement(y += 1) rejects augmented assignment to an unknown name', () => {
    assertThrows(() => block('y += 1'), UndefinedIdentifierError, /^The identifier "y" could not be resolved\.$/);
    assertThrows(() => block('v = w2'), UndefinedIdentifierError, /"w2"/);
  });

  it('checkStatement(v = rand()*mV + rand()*mV) applies the stateful-function rule', () => {
    assertThrows(() => block('v = rand()*mV + rand()*mV'), ExpressionError, /more than one call of rand/);
  });
});

describe('checkStatements(stmts, scope)', () => {
  it('checkStatements(tmp = e) declares temporaries with the inferred dimension, type and scalarity', () => {
    const result = block('tmp = v + v0\nk2 = n*2\nc = v > v0\nq = t/ms\nv = tmp');
    const temp = (id: string): ValueSymbol => result.temporaries.get(id)!;
    assert.deepEqual([...result.temporaries.keys()], ['tmp', 'k2', 'c', 'q']);
    assert.equal(temp('tmp').dim, VOLT);
    assert.equal(temp('tmp').type, 'float');
    assert.equal(temp('tmp').scalar, false);
    assert.equal(temp('k2').type, 'integer');
    assert.equal(temp('c').type, 'boolean');
    assert.equal(temp('q').scalar, true);
    assert.equal(result.statements.length, 5);
    assert.equal(result.scope('tmp'), temp('tmp'));
    assert.equal(result.scope('v')?.kind, 'variable');
  });

  it('checkStatements(tmp = 3; tmp = v) checks later writes against the temporary\'s dimension', () => {
    assertThrows(
      () => block('tmp = 3\ntmp = v'),
      DimensionMismatchError,
      /^The right-hand-side of code statement "tmp = v" does not have the expected unit 1 \(unit is V\)\.$/,
    );
    assert.equal(block('tmp = 1\ntmp += 2').temporaries.get('tmp')?.type, 'integer');
  });

  it('checkStatements(v = sv; sv = 2*mV) requires scalar writes before vector writes', () => {
    block('sv = 2*mV\nv = sv');
    block('s0 = sv*2\nsv = s0\nv = sv');
    assertThrows(
      () => block('v = sv; sv = 2*mV'),
      ExpressionError,
      /^All writes to scalar variables in a code block have to be made before writes to vector variables\. Illegal write to 'sv'\.$/,
    );
    // Declaring a vector temporary counts as a vector write, as in Brian2.
    assertThrows(() => block('tmp = v\nsv = 2*mV'), ExpressionError, /Illegal write to 'sv'/);
  });
});

describe('checkBooleanExpression(expr, scope, what)', () => {
  const check = (source: string) => checkBooleanExpression(parseExpression(source), scope, 'Threshold condition', { source });

  it('checkBooleanExpression(v > v0) accepts comparisons, boolean variables and logic', () => {
    assert.equal(check('v > v0').type, 'boolean');
    check('b');
    check('b and v > v0 or not b');
    check('rand() < 0.5');
    check('True');
  });

  it('checkBooleanExpression(v) rejects a non-boolean expression with Brian2\'s wording', () => {
    assertThrows(() => check('v'), ExpressionError, /^Threshold condition 'v' is not a boolean expression \(its type is float\)\.$/);
    assertThrows(() => check('int(b)'), ExpressionError, /'int\(b\)' is not a boolean expression \(its type is integer\)/);
    assertThrows(() => checkBooleanExpression(parseExpression('x + 1'), scope), ExpressionError, /^Condition 'x \+ 1' is not a boolean/);
  });

  it('checkBooleanExpression(v > 0) still checks units', () => {
    assertThrows(() => check('v > 0'), DimensionMismatchError, /^Comparison of expressions with different units/);
  });
});

describe('checkDimensions(expr, expected, scope)', () => {
  const check = (source: string, dim: Dimension) => checkDimensions(parseExpression(source), dim, scope, { source });

  it('checkDimensions(rhs, dim) accepts the expected dimension', () => {
    check('(v0 - v)/tau', VOLT.div(SECOND));
    check('v/mV', DIMENSIONLESS);
  });

  it('checkDimensions(rhs, dim) rejects others, naming the expected unit as Brian2 does', () => {
    assertThrows(() => check('v/tau', VOLT), DimensionMismatchError, /^Expression 'v\/tau' does not have the expected unit volt \(unit is .+\)\.$/);
    assertThrows(
      () => check('-v', VOLT.div(SECOND)),
      DimensionMismatchError,
      /^Expression '-v' does not have the expected unit metre \*\* 2 \* kilogram \* second \*\* -4 \* amp \*\* -1 \(unit is V\)\.$/,
    );
  });
});
