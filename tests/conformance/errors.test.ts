/**
 * Cross-layer error conformance (fixtures/errors.json, written by generate/errors.py): bad inputs
 * for units, expressions and equations, each run through Brian2 2.5.1 and through brian-ts.
 * Every case must fail in brian-ts with the class Brian2's class maps to:
 *
 * | Brian2                                                  | brian-ts                                          |
 * | ------------------------------------------------------- | ------------------------------------------------- |
 * | DimensionMismatchError (Quantity ops, unit-safe math)   | DimensionMismatchError — same message             |
 * | SyntaxError / KeyError('BitXor') while parsing          | ParseError                                        |
 * | SyntaxError "exp takes exactly 1 argument" (sympy)      | ExpressionError 'argument-count'                  |
 * | DimensionMismatchError in an expression                 | DimensionMismatchError                            |
 * | SyntaxError/TypeError in the unit or type check         | ExpressionError                                   |
 * | KeyError "The identifier … could not be resolved."      | UndefinedIdentifierError — same message           |
 * | AttributeError for `v(3)` (a Brian2 bug)                | ExpressionError 'not-a-function'                  |
 * | equations: see tests/conformance/equations.test.ts      | EquationError / ParseError / EquationDimensionError |
 *
 * Where brian-ts reuses Brian2's wording (units, identifiers, equations), the message is compared.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadFixture } from './fixture.ts';
import { checkUnits, EquationDimensionError, EquationError, Equations } from '../../src/equations/index.ts';
import {
  analyse,
  constantSymbol,
  createScope,
  ExpressionError,
  UndefinedIdentifierError,
  variableSymbol,
} from '../../src/inference/index.ts';
import type { NamespaceValue, ScopeSymbol, ValueType } from '../../src/inference/index.ts';
import { ParseError, parseExpression } from '../../src/parsing/index.ts';
import type { Expr } from '../../src/parsing/index.ts';
import {
  binary,
  compare,
  Dimension,
  DimensionMismatchError,
  exp,
  exprel,
  log,
  lookupUnit,
  Quantity,
  resetUserRegistry,
  sin,
} from '../../src/units/index.ts';
import type { BinaryOperator, ComparisonOperator, Operand } from '../../src/units/index.ts';
import { BrianError } from '../../src/util/index.ts';

type Value = number | [number, string];
interface Case {
  layer: 'units' | 'expression' | 'equations';
  input: string | unknown[];
  namespace?: Record<string, { value: number; dim: number[] }> | null;
  stage?: 'parse' | 'check';
  error: { class: string; message: string };
}
interface Fixture {
  variables: { name: string; dim: number[]; type: ValueType }[];
  cases: Case[];
}

const fixture = loadFixture<Fixture>('errors');

const quantity = (v: Value): number | Quantity => {
  if (typeof v === 'number') return v;
  const unit = lookupUnit(v[1]);
  assert.ok(unit !== undefined, `unit ${v[1]}`);
  return unit(v[0]);
};

function runUnits(input: unknown[]): void {
  if (typeof input[0] === 'string') {
    const [fn, arg, unit] = input as [string, Value, string?];
    const q = quantity(arg) as Quantity;
    if (fn === 'in_unit') q.inUnit(lookupUnit(unit!)!);
    else ({ exp, log, sin, exprel } as Record<string, (x: Operand) => unknown>)[fn]!(q);
    return;
  }
  const [left, op, right] = input as [Value, string, Value];
  if (['<', '<=', '>', '>=', '==', '!='].includes(op)) compare(op as ComparisonOperator, quantity(left), quantity(right));
  else binary(op as BinaryOperator, quantity(left), quantity(right));
}

const variables = new Map<string, ScopeSymbol>(
  fixture.variables.map((v) => [v.name, variableSymbol(Dimension.of(v.dim), { type: v.type })]),
);
const scope = createScope({ variables });

function runExpression(source: string): void {
  const expr: Expr = parseExpression(source);
  // Brian2's type check (brian_ast) rejects non-boolean operands of and/or/not; ours is part of analyse.
  analyse(expr, scope, { source });
}

function runEquations(source: string, namespace: Case['namespace']): void {
  const eqs = new Equations(source);
  if (namespace === null || namespace === undefined) return;
  const ns: Record<string, NamespaceValue> = {};
  for (const [k, v] of Object.entries(namespace)) ns[k] = constantSymbol(v.value, Dimension.of(v.dim));
  checkUnits(eqs, { namespaces: [ns] });
}

/** The brian-ts class a Brian2 error maps to, and the part of Brian2's message we reuse verbatim. */
function expected(c: Case): { cls: new (...args: never[]) => Error; wording?: string; code?: string } {
  const { class: cls, message } = c.error;
  if (c.layer === 'units') return { cls: DimensionMismatchError, wording: message };
  if (c.layer === 'expression') {
    if (c.stage === 'parse') {
      if (/takes exactly \d+ argument/.test(message)) return { cls: ExpressionError, code: 'argument-count' };
      return { cls: ParseError };
    }
    if (cls === 'DimensionMismatchError') return { cls: DimensionMismatchError };
    if (cls === 'KeyError') return { cls: UndefinedIdentifierError, wording: message };
    if (cls === 'AttributeError') return { cls: ExpressionError, code: 'not-a-function' };
    return { cls: ExpressionError };
  }
  // Equations: the mapping of tests/conformance/equations.test.ts.
  if (cls === 'DimensionMismatchError') return { cls: EquationDimensionError, wording: message.split('\n')[0]! };
  if (cls === 'KeyError') return { cls: EquationError, wording: message };
  if (cls === 'SyntaxError' && !/variable name|Python keyword|refractory mechanism/.test(message)) return { cls: ParseError };
  if (message.startsWith('Parsing failed')) return { cls: EquationError };
  return { cls: EquationError, wording: message.split(' as a unit specification: ')[0]! };
}

describe('brian-ts raises the mapped error class for every bad input Brian2 rejects', () => {
  assert.ok(fixture.cases.length >= 60, 'at least 60 bad inputs');
  for (const c of fixture.cases) {
    const label = typeof c.input === 'string' ? JSON.stringify(c.input) : JSON.stringify(c.input).replaceAll('"', "'");
    it(`${c.layer}: ${label} -> Brian2 ${c.error.class}`, () => {
      resetUserRegistry(); // as the generator does: no compound units from earlier cases in the display
      const want = expected(c);
      let thrown: unknown;
      try {
        if (c.layer === 'units') runUnits(c.input as unknown[]);
        else if (c.layer === 'expression') runExpression(c.input as string);
        else runEquations(c.input as string, c.namespace);
      } catch (err) {
        thrown = err;
      }
      assert.ok(thrown !== undefined, `brian-ts accepted an input Brian2 rejects with ${c.error.class}: ${c.error.message}`);
      assert.ok(thrown instanceof BrianError, `not a BrianError: ${String(thrown)}`);
      assert.ok(thrown instanceof want.cls, `expected ${want.cls.name}, got ${(thrown as Error).constructor.name}: ${(thrown as Error).message}`);
      if (want.code !== undefined) assert.equal((thrown as ExpressionError).code, want.code);
      if (want.wording !== undefined) {
        assert.ok((thrown as Error).message.includes(want.wording), `message\n  ${(thrown as Error).message}\ndoes not contain Brian2's\n  ${want.wording}`);
      }
    });
  }
});
