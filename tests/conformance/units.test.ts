/**
 * Units against Brian2 2.5.1 (fixtures/units.json, written by generate/units.py).
 *
 * The fixture holds cases in a small JSON language (documented in generate/units.py) that this
 * file interprets with brian-ts's API: display (`str`/`repr`/`in_unit`/`in_best_unit`) is compared
 * exactly, numeric results to 1e-14 relative, errors by class and exact message.
 * Display depends on which compound units were created before, so each group starts from
 * `resetUserRegistry()` (Brian2's import-time state) and replays its cases in order, as the
 * generator did in Brian2.
 *
 * Error classes: Brian2's DimensionMismatchError is ours; numpy's broadcasting ValueError is our
 * ShapeMismatchError.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertClose, loadFixture } from './fixture.ts';
import {
  Quantity,
  QuantityArray,
  absolute,
  negate,
  arrayRepr,
  arrayStr,
  binary,
  clip,
  compare,
  pythonFloatRepr,
  resetUserRegistry,
  unitNamed,
  where,
} from '../../src/units/index.ts';
import * as units from '../../src/units/index.ts';
import type { BinaryOperator, ComparisonOperator, Operand } from '../../src/units/index.ts';

type Expr = [string, ...unknown[]];
type Output = 'str' | 'repr' | 'value' | ['in_unit', string, number | null] | ['in_best_unit', number | null];
type Encoded = number | 'nan' | 'inf' | '-inf';
type Expected =
  | { ok: string | boolean | boolean[] | { values: Encoded | Encoded[]; dim: number[] } }
  | { error: { type: string; message: string } };
interface Case {
  expr: Expr;
  out: Output;
  expected: Expected;
}
interface Fixture {
  brian2: string;
  groups: { name: string; cases: Case[] }[];
}

type Value = Quantity | QuantityArray | number | Float64Array | boolean | boolean[];

const BINARY: Record<string, BinaryOperator> = { add: '+', sub: '-', mul: '*', div: '/', floordiv: '//', mod: '%', pow: '**' };
const COMPARE: Record<string, ComparisonOperator> = { lt: '<', le: '<=', gt: '>', ge: '>=', eq: '==', ne: '!=' };
const FUNCTIONS = [
  'sqrt', 'exp', 'log', 'log10', 'expm1', 'log1p', 'exprel', 'sin', 'cos', 'tan', 'sinh', 'cosh', 'tanh',
  'arcsin', 'arccos', 'arctan', 'floor', 'ceil', 'sign',
] as const;

function operand(v: Value): Operand {
  if (typeof v === 'boolean' || (Array.isArray(v) && typeof v[0] === 'boolean')) throw new Error('boolean operand');
  return v as Operand;
}

function evaluate(e: Expr): Value {
  const [tag, ...args] = e;
  switch (tag) {
    case 'q':
      return unitNamed(args[1] as string)(decode(args[0] as Encoded));
    case 'arr':
      return unitNamed(args[1] as string)((args[0] as Encoded[]).map(decode));
    case 'num':
      return decode(args[0] as Encoded);
    case 'plain':
      return Float64Array.from((args[0] as Encoded[]).map(decode));
    case 'unit':
      return unitNamed(args[0] as string);
    case 'neg':
      return negate(operand(evaluate(args[0] as Expr)));
    case 'abs':
      return absolute(operand(evaluate(args[0] as Expr)));
    case 'clip':
      return clip(...(args.map((a) => operand(evaluate(a as Expr))) as [Operand, Operand, Operand]));
    case 'where':
      return where(args[0] as boolean[], operand(evaluate(args[1] as Expr)), operand(evaluate(args[2] as Expr)));
    case 'sum':
    case 'mean':
    case 'min':
    case 'max':
    case 'std':
    case 'var': {
      const x = evaluate(args[0] as Expr) as QuantityArray;
      return tag === 'var' ? x.variance() : x[tag]();
    }
  }
  if (tag in BINARY) return binary(BINARY[tag]!, operand(evaluate(args[0] as Expr)), operand(evaluate(args[1] as Expr)));
  if (tag in COMPARE) return compare(COMPARE[tag]!, operand(evaluate(args[0] as Expr)), operand(evaluate(args[1] as Expr)));
  if ((FUNCTIONS as readonly string[]).includes(tag)) {
    const f = units[tag as (typeof FUNCTIONS)[number]] as (x: Operand) => Value;
    return f(operand(evaluate(args[0] as Expr)));
  }
  throw new Error(`unknown case tag ${tag}`);
}

function pyStr(v: Value, repr: boolean): string {
  if (v instanceof Quantity || v instanceof QuantityArray) return repr ? v.toPythonString() : v.toString();
  if (typeof v === 'number') return pythonFloatRepr(v);
  if (v instanceof Float64Array) return repr ? arrayRepr(v) : arrayStr(v);
  throw new Error(`cannot print ${String(v)}`);
}

function decode(x: Encoded): number {
  return x === 'nan' ? NaN : x === 'inf' ? Infinity : x === '-inf' ? -Infinity : x;
}

function produce(v: Value, out: Output): unknown {
  if (out === 'str' || out === 'repr') return pyStr(v, out === 'repr');
  if (out === 'value') {
    if (typeof v === 'boolean' || Array.isArray(v)) return v;
    if (v instanceof Quantity) return { values: v.value, dim: [...v.dim.exponents] };
    if (v instanceof QuantityArray) return { values: Array.from(v.values), dim: [...v.dim.exponents] };
    if (typeof v === 'number') return { values: v, dim: [0, 0, 0, 0, 0, 0, 0] };
    return { values: Array.from(v), dim: [0, 0, 0, 0, 0, 0, 0] };
  }
  const x = v as Quantity | QuantityArray;
  if (out[0] === 'in_unit') return x.inUnit(unitNamed(out[1]), out[2] ?? undefined);
  return x.inBestUnit(out[1] ?? undefined);
}

const ERROR_CLASSES: Record<string, string> = { DimensionMismatchError: 'DimensionMismatchError', ValueError: 'ShapeMismatchError' };

function check(c: Case, label: string): void {
  const expected = c.expected;
  if ('error' in expected) {
    assert.throws(
      () => produce(evaluate(c.expr), c.out),
      (err: Error) => {
        assert.equal(err.name, ERROR_CLASSES[expected.error.type] ?? expected.error.type, `${label}: error class`);
        if (expected.error.type === 'DimensionMismatchError') assert.equal(err.message, expected.error.message, label);
        else assert.equal(err.message.trim(), expected.error.message.trim(), label);
        return true;
      },
      `${label}: expected ${expected.error.type}`,
    );
    return;
  }
  const actual = produce(evaluate(c.expr), c.out);
  const ok = expected.ok;
  if (typeof ok === 'object' && ok !== null && !Array.isArray(ok)) {
    const a = actual as { values: number | number[]; dim: number[] };
    assert.deepEqual(a.dim, ok.dim, `${label}: dimension`);
    const want = Array.isArray(ok.values) ? ok.values.map(decode) : decode(ok.values);
    assertClose(a.values, want, { rtol: 1e-14, label });
    return;
  }
  assert.deepEqual(actual, ok, label);
}

const fixture = loadFixture<Fixture>('units');

describe(`units conformance with Brian2 ${fixture.brian2}`, () => {
  it('has at least 300 cases', () => {
    assert.ok(fixture.groups.reduce((n, g) => n + g.cases.length, 0) >= 300);
  });
  for (const group of fixture.groups) {
    it(`${group.name} (${group.cases.length} cases, replayed in order from a fresh user registry)`, () => {
      resetUserRegistry();
      const failures: string[] = [];
      group.cases.forEach((c, k) => {
        const label = `${group.name}[${k}] ${JSON.stringify(c.expr)} -> ${JSON.stringify(c.out)}`;
        try {
          check(c, label);
        } catch (err) {
          failures.push((err as Error).message.split('\n').slice(0, 6).join('\n'));
        }
      });
      assert.deepEqual(failures.slice(0, 15), [], `${failures.length} of ${group.cases.length} cases differ`);
    });
  }
});
