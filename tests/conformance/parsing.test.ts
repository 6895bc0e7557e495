/**
 * Conformance of src/parsing with Brian2 2.5.1 (fixture from tests/conformance/generate/parsing.py):
 * which expressions and statements are accepted, and the exact tree (compared as a fully
 * parenthesised rendering made on both sides), plus Brian2's own NodeRenderer output.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadFixture } from './fixture.ts';
import { ParseError, parseExpression, parseStatements, type Expr } from '../../src/parsing/index.ts';

interface ExpressionCase {
  source: string;
  accept: boolean;
  brianOk: boolean;
  brianRender?: string;
  brianError?: string;
  canonical?: string;
  deviation?: string;
}
interface StatementLine {
  target: string;
  op: string;
  comment: string;
  brianRender: string;
  canonical?: string;
}
interface StatementCase {
  source: string;
  accept: boolean;
  lines: StatementLine[];
  brianError?: string;
  deviation?: string;
}
interface Fixture {
  expressions: ExpressionCase[];
  statements: StatementCase[];
}

const fixture = loadFixture<Fixture>('parsing');

/** Python's `repr` of an int or float. */
function pythonRepr(value: number, isInteger: boolean): string {
  if (isInteger) return value < 1e21 ? String(value) : BigInt(value).toString();
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  const abs = Math.abs(value);
  // repr uses positional notation for 1e-4 <= |x| < 1e16, otherwise d.ddde±XX; same shortest digits as JS.
  if (abs === 0 || (abs >= 1e-4 && abs < 1e16)) {
    const s = abs >= 1e-4 && abs < 1e-6 ? value.toFixed(20) : String(value);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [mantissa, exponent] = value.toExponential().split('e') as [string, string];
  const sign = exponent.startsWith('-') ? '-' : '+';
  const digits = exponent.replace(/^[+-]/, '').padStart(2, '0');
  return `${mantissa}e${sign}${digits}`;
}

/** The same fully parenthesised form the Python generator computes from Python's ast. */
function canonical(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return pythonRepr(e.value, e.isInteger);
    case 'boolean':
      return e.value ? 'True' : 'False';
    case 'name':
      return e.name;
    case 'call':
      return `${e.callee}(${e.args.map(canonical).join(', ')})`;
    case 'unary':
      return `(${e.op}${e.op === 'not' ? ' ' : ''}${canonical(e.operand)})`;
    default:
      return `(${canonical(e.left)} ${e.op} ${canonical(e.right)})`;
  }
}

/**
 * Brian2's NodeRenderer rules (brian2/parsing/rendering.py): a binary, comparison or unary operand
 * is parenthesised unless it is a name, a non-negative number or a call; chains of the same
 * boolean operator are flattened as in Python's n-ary BoolOp.
 */
function brianRender(e: Expr): string {
  const element = (x: Expr): string =>
    x.kind === 'name' || x.kind === 'boolean' || x.kind === 'call' || (x.kind === 'number' && x.value >= 0)
      ? brianRender(x)
      : `(${brianRender(x)})`;
  switch (e.kind) {
    case 'number':
      return pythonRepr(e.value, e.isInteger);
    case 'boolean':
      return e.value ? 'True' : 'False';
    case 'name':
      return e.name;
    case 'call':
      return `${e.callee}(${e.args.map(brianRender).join(', ')})`;
    case 'unary':
      return `${e.op} ${element(e.operand)}`;
    case 'logical': {
      // Python folds `a and b and c` into one BoolOp whose values are rendered as elements.
      // A parenthesised left operand (its span starts after the parent's) is a BoolOp of its own.
      const values: Expr[] = [e.right];
      let x: Expr = e.left;
      let parentStart = e.span?.start;
      while (x.kind === 'logical' && x.op === e.op && x.span?.start === parentStart) {
        values.unshift(x.right);
        parentStart = x.span?.start;
        x = x.left;
      }
      values.unshift(x);
      return values.map(element).join(` ${e.op} `);
    }
    default:
      return `${element(e.left)} ${e.op} ${element(e.right)}`;
  }
}

describe('parseExpression conforms to Brian2', () => {
  it(`fixture has cases (${fixture.expressions.length})`, () => assert.ok(fixture.expressions.length > 200));
  for (const c of fixture.expressions) {
    const label = JSON.stringify(c.source);
    if (c.accept) {
      it(`accepts ${label}`, () => {
        const e = parseExpression(c.source);
        assert.equal(canonical(e), c.canonical, `tree of ${label}`);
        assert.equal(brianRender(e), c.brianRender, `Brian2 rendering of ${label}`);
      });
    } else {
      it(`rejects ${label}${c.deviation ? ` (deviation: ${c.deviation})` : ''}`, () => {
        assert.throws(() => parseExpression(c.source), ParseError, `${label} (Brian2: ${c.brianError ?? 'accepted'})`);
      });
    }
  }
});

describe('parseStatements conforms to Brian2', () => {
  for (const c of fixture.statements) {
    const label = JSON.stringify(c.source);
    if (c.accept) {
      it(`accepts ${label}`, () => {
        const statements = parseStatements(c.source);
        if (c.deviation !== undefined) return;
        assert.equal(statements.length, c.lines.length, `number of statements in ${label}`);
        statements.forEach((s, k) => {
          const line = c.lines[k]!;
          assert.equal(s.target, line.target);
          assert.equal(s.op, line.op);
          assert.equal(s.comment ?? '', line.comment);
          assert.equal(canonical(s.value), line.canonical);
          assert.equal(brianRender(s.value), line.brianRender);
        });
      });
    } else {
      it(`rejects ${label}${c.deviation ? ` (deviation: ${c.deviation})` : ''}`, () => {
        assert.throws(() => parseStatements(c.source), ParseError, `${label} (Brian2: ${c.brianError ?? 'accepted'})`);
      });
    }
  }
});
