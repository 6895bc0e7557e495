import { InternalError } from '../util/index.ts';
import type { Expr, Statement } from './ast.ts';
import { isValidIdentifier } from './identifiers.ts';
import { ADD, AND, ATOM, CMP, MUL, NOT, OR, POW, UNARY } from './precedence.ts';


const BINARY_PREC: Readonly<Record<string, number>> = { '+': ADD, '-': ADD, '*': MUL, '/': MUL, '//': MUL, '%': MUL, '**': POW };

function precedence(e: Expr): number {
  switch (e.kind) {
    case 'number':
      // A negative literal is printed with a leading '-', so it binds like a unary minus.
      return e.value < 0 || Object.is(e.value, -0) ? UNARY : ATOM;
    case 'boolean':
    case 'name':
    case 'call':
      return ATOM;
    case 'unary':
      return e.op === 'not' ? NOT : UNARY;
    case 'binary':
      return BINARY_PREC[e.op]!;
    case 'compare':
      return CMP;
    case 'logical':
      return e.op === 'and' ? AND : OR;
  }
}

/**
 * Formats a non-negative finite number so that it lexes back to the same value and literal kind:
 * integers without `.` or exponent, floats always with one (`3.0`, `0.5`, `1e-7`, `1e+21`).
 */
export function formatNumber(value: number, isInteger: boolean): string {
  if (isInteger) {
    if (!Number.isInteger(value)) throw new InternalError(`integer literal with non-integer value ${value}`);
    // Below 1e21 String() never uses an exponent; above, BigInt gives the exact decimal digits.
    return value < 1e21 ? String(value) : BigInt(value).toString();
  }
  const s = String(value);
  return s.includes('.') || s.includes('e') ? s : `${s}.0`;
}

function printNumber(value: number, isInteger: boolean): string {
  if (Number.isNaN(value)) throw new InternalError('cannot print NaN: Brian syntax has no literal for it');
  const negative = value < 0 || Object.is(value, -0);
  const magnitude = Math.abs(value);
  // Infinity prints as Brian's constant `inf` (which model strings cannot redefine).
  const body = magnitude === Infinity ? 'inf' : formatNumber(magnitude, isInteger && magnitude !== Infinity);
  return negative ? `-${body}` : body;
}

function checkName(identifier: string, what: string): string {
  if (!isValidIdentifier(identifier)) throw new InternalError(`cannot print ${what} ${JSON.stringify(identifier)}: not a valid identifier`);
  return identifier;
}

function print(e: Expr, minPrec: number): string {
  const text = render(e);
  return precedence(e) < minPrec ? `(${text})` : text;
}

function render(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return printNumber(e.value, e.isInteger);
    case 'boolean':
      return e.value ? 'True' : 'False';
    case 'name':
      return checkName(e.name, 'name');
    case 'call':
      return `${checkName(e.callee, 'function name')}(${e.args.map((a) => print(a, 0)).join(', ')})`;
    case 'unary':
      return e.op === 'not' ? `not ${print(e.operand, NOT)}` : `${e.op}${print(e.operand, UNARY)}`;
    case 'binary': {
      const p = BINARY_PREC[e.op]!;
      // `**` is right-associative and takes a signed right operand (`2 ** -1`); the others are
      // left-associative.
      if (e.op === '**') return `${print(e.left, ATOM)} ** ${print(e.right, UNARY)}`;
      return `${print(e.left, p)} ${e.op} ${print(e.right, p + 1)}`;
    }
    case 'compare':
      // Comparisons never chain in Brian, so a comparison operand always needs parentheses.
      return `${print(e.left, CMP + 1)} ${e.op} ${print(e.right, CMP + 1)}`;
    case 'logical': {
      const p = e.op === 'and' ? AND : OR;
      return `${print(e.left, p)} ${e.op} ${print(e.right, p + 1)}`;
    }
  }
}

/**
 * Prints an expression in Brian syntax with the fewest parentheses Python's precedence rules
 * allow. For every tree the parser produces, `parseExpression(printExpr(e))` equals `e` (spans
 * aside). For any other tree the meaning is preserved, with two normalisations: a negative
 * number literal `num(-3)` prints as `-3` (re-parsed as `unary('-', num(3))`), and an infinite
 * value prints as the constant `inf` / `-inf`. NaN and invalid identifiers have no Brian syntax
 * and throw {@link InternalError}.
 */
export function printExpr(expr: Expr): string {
  try {
    return print(expr, 0);
  } catch (err) {
    // Only transformation-built trees can be this deep: the parser caps depth at MAX_NESTING_DEPTH.
    if (err instanceof RangeError) throw new InternalError('expression tree too deep to print', { cause: err });
    throw err;
  }
}

/** Prints `target op value`, followed by `  # comment` when the statement has one. */
export function printStatement(s: Statement): string {
  const code = `${checkName(s.target, 'assignment target')} ${s.op} ${printExpr(s.value)}`;
  // A comment must stay on its line, or the printed code would gain a statement.
  return s.comment ? `${code}  # ${s.comment.replace(/[\r\n]+/g, ' ')}` : code;
}

/** Prints statements one per line. */
export function printStatements(statements: readonly Statement[]): string {
  return statements.map(printStatement).join('\n');
}
