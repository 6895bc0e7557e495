import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InternalError } from '../util/index.ts';
import {
  binary,
  bool,
  call,
  compare,
  exprEquals,
  formatNumber,
  logical,
  name,
  num,
  parseExpression,
  parseStatements,
  printExpr,
  printStatement,
  printStatements,
  statement,
  unary,
  type Expr,
} from './index.ts';

const x = name('x');
const y = name('y');
const z = name('z');

describe('printExpr', () => {
  const table: [string, Expr, string][] = [
    ['-(x**2)', unary('-', binary('**', x, num(2))), '-x ** 2'],
    ['(-x)**2', binary('**', unary('-', x), num(2)), '(-x) ** 2'],
    ['x**(-1)', binary('**', x, unary('-', num(1))), 'x ** -1'],
    ['x**(y**z)', binary('**', x, binary('**', y, z)), 'x ** y ** z'],
    ['(x**y)**z', binary('**', binary('**', x, y), z), '(x ** y) ** z'],
    ['x - (y - z)', binary('-', x, binary('-', y, z)), 'x - (y - z)'],
    ['(x - y) - z', binary('-', binary('-', x, y), z), 'x - y - z'],
    ['x / (y * z)', binary('/', x, binary('*', y, z)), 'x / (y * z)'],
    ['(x + y) * z', binary('*', binary('+', x, y), z), '(x + y) * z'],
    ['x // y % z', binary('%', binary('//', x, y), z), 'x // y % z'],
    ['x * -y', binary('*', x, unary('-', y)), 'x * -y'],
    ['-(-x)', unary('-', unary('-', x)), '--x'],
    ['not (x == y)', unary('not', compare('==', x, y)), 'not x == y'],
    ['(not x) == y', compare('==', unary('not', x), y), '(not x) == y'],
    ['(x < y) < z', compare('<', compare('<', x, y), z), '(x < y) < z'],
    ['x < (y < z)', compare('<', x, compare('<', y, z)), 'x < (y < z)'],
    ['x and (y and z)', logical('and', x, logical('and', y, z)), 'x and (y and z)'],
    ['(x or y) and z', logical('and', logical('or', x, y), z), '(x or y) and z'],
    ['x or (y and z)', logical('or', x, logical('and', y, z)), 'x or y and z'],
    ['x and not y', logical('and', x, unary('not', y)), 'x and not y'],
    ['(not x) + 1', binary('+', unary('not', x), num(1)), '(not x) + 1'],
    ['-(not x)', unary('-', unary('not', x)), '-(not x)'],
    ['x ** (not y)', binary('**', x, unary('not', y)), 'x ** (not y)'],
    ['f(x + 1, g())', call('f', [binary('+', x, num(1)), call('g', [])]), 'f(x + 1, g())'],
    ['True and False', logical('and', bool(true), bool(false)), 'True and False'],
  ];
  for (const [what, tree, expected] of table) {
    it(`printExpr(${what}) is ${JSON.stringify(expected)}`, () => {
      assert.equal(printExpr(tree), expected);
      assert.ok(exprEquals(parseExpression(expected), tree));
    });
  }

  it('prints integer and float literals so they re-parse as the same kind', () => {
    assert.equal(printExpr(num(3)), '3');
    assert.equal(printExpr(num(3, false)), '3.0');
    assert.equal(printExpr(num(0.5)), '0.5');
    assert.equal(printExpr(num(1e-7)), '1e-7');
    assert.equal(printExpr(num(1e21, false)), '1e+21');
    assert.equal(printExpr(num(1e21, true)), '1000000000000000000000');
    assert.equal(printExpr(num(2 ** 70, true)), '1180591620717411303424');
    for (const v of [3, 0.1, 1e-7, 1e21, 2 ** 70, 5e-324, Number.MAX_VALUE]) {
      for (const isInteger of Number.isInteger(v) ? [true, false] : [false]) {
        assert.ok(exprEquals(parseExpression(printExpr(num(v, isInteger))), num(v, isInteger)), `${v} ${isInteger}`);
      }
    }
  });

  it('prints a negative literal like a unary minus (re-parsed as unary("-", ...))', () => {
    assert.equal(printExpr(num(-3)), '-3');
    assert.equal(printExpr(binary('**', num(-2), num(2))), '(-2) ** 2');
    assert.equal(printExpr(binary('**', num(2), num(-2))), '2 ** -2');
    assert.equal(printExpr(binary('-', x, num(-1.5))), 'x - -1.5');
    assert.equal(printExpr(num(-0, false)), '-0.0');
    assert.ok(exprEquals(parseExpression('(-2) ** 2'), binary('**', unary('-', num(2)), num(2))));
  });

  it('prints infinities as Brian\'s constant inf', () => {
    assert.equal(printExpr(num(Infinity, false)), 'inf');
    assert.equal(printExpr(binary('*', x, num(-Infinity, false))), 'x * -inf');
  });

  it('throws InternalError for trees with no Brian syntax', () => {
    assert.throws(() => printExpr(num(Number.NaN)), (e: unknown) => e instanceof InternalError && /NaN/.test(e.message));
    assert.throws(() => printExpr(num(2.5, true)), (e: unknown) => e instanceof InternalError && /non-integer/.test(e.message));
    assert.throws(() => printExpr(name('a b')), (e: unknown) => e instanceof InternalError && /not a valid identifier/.test(e.message));
    assert.throws(() => printExpr(name('lambda')), InternalError);
    assert.throws(() => printExpr(name('True')), InternalError);
    assert.throws(() => printExpr(call('1f', [])), InternalError);
    assert.throws(() => printStatement(statement('x[0]', '=', x)), InternalError);
  });

  it('formatNumber(value, isInteger) writes non-negative literals', () => {
    assert.equal(formatNumber(100, false), '100.0');
    assert.equal(formatNumber(100, true), '100');
    assert.equal(formatNumber(1.5e300, false), '1.5e+300');
  });

  it('printExpr is a fixed point on parsed text (property)', () => {
    const pieces = fc.constantFrom('x', '1', '2.5', '-', '+', '*', '**', '/', '//', '%', ' < ', ' and ', ' or ', 'not ', '(', ')', 'f(');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 20 }), (parts) => {
        let e: Expr;
        try {
          e = parseExpression(parts.join(''));
        } catch {
          return;
        }
        const printed = printExpr(e);
        assert.equal(printExpr(parseExpression(printed)), printed);
      }),
      { numRuns: 300 },
    );
  });
});

describe('printStatement / printStatements', () => {
  it('prints target, operator, value and comment', () => {
    assert.equal(printStatement(statement('v', '=', binary('*', unary('-', num(60)), name('mV')))), 'v = -60 * mV');
    assert.equal(printStatement({ ...statement('x', '+=', num(1)), comment: 'spike' }), 'x += 1  # spike');
    assert.equal(printStatement({ ...statement('x', '=', num(1)), comment: 'a\nb = 2' }), 'x = 1  # a b = 2');
  });
  it('printStatements joins lines and re-parses to the same statements', () => {
    const source = 'v = vr  # reset\nw += b; x *= (a + b) * c';
    const printed = printStatements(parseStatements(source));
    assert.equal(printed, 'v = vr  # reset\nw += b\nx *= (a + b) * c');
    assert.equal(printStatements(parseStatements(printed)), printed);
  });
});

describe('printExpr of overflowing literals', () => {
  it('prints 1e400 (Infinity) as inf, like Brian2\'s NodeRenderer', () => {
    assert.equal(printExpr(parseExpression('1E+310*x')), 'inf * x');
  });
});
