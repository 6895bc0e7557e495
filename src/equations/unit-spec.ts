/**
 * Unit specifications: the text after `:` in an equation (`volt`, `siemens/metre**2`, `1`,
 * `boolean`, `integer`). Brian2 (`dimensions_and_type_from_string`) allows only unscaled base
 * units, evaluates the text with Python's `eval`, and insists that the result is a unit, not a
 * quantity. This module reproduces that with a small evaluator for the Python subset the
 * equation grammar lets through (`* / // ** -`, numbers, `and`/`or`/`not`).
 */
import { Dimension, DIMENSIONLESS, lookupUnit } from '../units/index.ts';
import type { Unit } from '../units/index.ts';
import type { VarType } from './single-equation.ts';

/**
 * The unit names allowed after `:`, grouped by dimension (canonical name first), in the order
 * Brian2 lists them in its error message. Every one has scale 1. Exponents are (m, kg, s, A, K,
 * mol, cd). The conformance suite checks this table against Brian2's own list.
 */
const BASE_UNIT_GROUPS: readonly (readonly [readonly string[], readonly number[]])[] = [
  [['amp', 'ampere'], [0, 0, 0, 1, 0, 0, 0]],
  [['candle', 'lumen'], [0, 0, 0, 0, 0, 0, 1]],
  [['coulomb'], [0, 0, 1, 1, 0, 0, 0]],
  [['farad'], [-2, -1, 4, 2, 0, 0, 0]],
  [['gray', 'sievert'], [2, 0, -2, 0, 0, 0, 0]],
  [['henry'], [2, 1, -2, -2, 0, 0, 0]],
  [['hertz', 'Hz', 'becquerel'], [0, 0, -1, 0, 0, 0, 0]],
  [['joule'], [2, 1, -2, 0, 0, 0, 0]],
  [['katal'], [0, 0, -1, 0, 0, 1, 0]],
  [['kelvin'], [0, 0, 0, 0, 1, 0, 0]],
  [['kilogram', 'kilogramme', 'kgram', 'kgramme'], [0, 1, 0, 0, 0, 0, 0]],
  [['klitre', 'kliter'], [3, 0, 0, 0, 0, 0, 0]],
  [['lux'], [-2, 0, 0, 0, 0, 0, 1]],
  [['metre', 'meter'], [1, 0, 0, 0, 0, 0, 0]],
  [['mmolar', 'mM'], [-3, 0, 0, 0, 0, 1, 0]],
  [['mole', 'mol'], [0, 0, 0, 0, 0, 1, 0]],
  [['newton'], [1, 1, -2, 0, 0, 0, 0]],
  [['ohm'], [2, 1, -3, -2, 0, 0, 0]],
  [['pascal'], [-1, 1, -2, 0, 0, 0, 0]],
  [['radian', 'steradian'], [0, 0, 0, 0, 0, 0, 0]],
  [['second'], [0, 0, 1, 0, 0, 0, 0]],
  [['siemens'], [-2, -1, 3, 2, 0, 0, 0]],
  [['tesla'], [0, 1, -2, -1, 0, 0, 0]],
  [['volt'], [2, 1, -3, -1, 0, 0, 0]],
  [['watt'], [2, 1, -3, 0, 0, 0, 0]],
  [['weber'], [2, 1, -2, -1, 0, 0, 0]],
];

/** Every unit name allowed in a unit specification, mapped to its dimension. */
export const BASE_UNITS: ReadonlyMap<string, Dimension> = new Map(
  BASE_UNIT_GROUPS.flatMap(([names, exps]) => names.map((n) => [n, Dimension.of(exps)] as const)),
);

/** Brian2's list of allowed units for its error message: `amp (ampere), candle (lumen), …`. */
export const BASE_UNITS_DESCRIPTION: string = BASE_UNIT_GROUPS.map(([names]) =>
  names.length > 1 ? `${names[0]} (${names.slice(1).join(', ')})` : names[0]!,
).join(', ');

// The unit Brian2 suggests for a dimension (its `get_unit`, restricted to allowed names).
// Cubic metres have no suggestion: Brian2's registry finds `metre3` before `klitre`, which is
// not allowed, so it falls back to spelling out the dimension, as we do.
const SUGGESTION = new Map<Dimension, string>(
  BASE_UNIT_GROUPS.filter(([names]) => names[0] !== 'klitre').map(([names, exps]) => [Dimension.of(exps), names[0]!]),
);

/** The name to suggest instead of a scaled unit of dimension `dim` (`volt` for `mV`). */
export function suggestBaseUnit(dim: Dimension): string {
  return SUGGESTION.get(dim) ?? dim.toPythonString();
}

/** A failed unit specification; `message` is Brian2's wording (without the variable prefix). */
export class UnitSpecificationProblem {
  constructor(
    readonly message: string,
    /** Offset of the offending name inside the specification, when one name is to blame. */
    readonly offset?: number,
    readonly length?: number,
  ) {}
}

/** The result of reading a unit specification. */
export interface UnitSpecification {
  readonly dim: Dimension;
  readonly varType: VarType;
}

/**
 * Reads a unit specification (`volt`, `amp/metre**2`, `1`, `boolean`, `integer`) into a
 * dimension and variable type, or returns the problem in Brian2's words.
 */
export function readUnitSpecification(spec: string): UnitSpecification | UnitSpecificationProblem {
  const text = spec.trim();
  if (text === '1') return { dim: DIMENSIONLESS, varType: 'float' };
  if (text === 'boolean') return { dim: DIMENSIONLESS, varType: 'boolean' };
  if (text === 'integer') return { dim: DIMENSIONLESS, varType: 'integer' };
  if (text === 'bool') return new UnitSpecificationProblem("Use 'boolean' not 'bool' as the unit for a boolean variable.");
  const lead = spec.length - spec.trimStart().length;

  // Only base units may be named (Brian2 checks this before evaluating anything).
  for (const { name, offset } of specIdentifiers(text)) {
    if (BASE_UNITS.has(name)) continue;
    const known = lookupUnit(name);
    const where = [lead + offset, name.length] as const;
    if (known !== undefined) {
      return new UnitSpecificationProblem(
        `Unit specification refers to '${name}', but this is not a base unit. Use '${suggestBaseUnit(known.dim)}' instead.`,
        ...where,
      );
    }
    return new UnitSpecificationProblem(
      `Unit specification refers to '${name}', but this is not a base unit. The following base units are allowed: ${BASE_UNITS_DESCRIPTION}.`,
      ...where,
    );
  }

  let value: PyValue;
  try {
    value = new SpecEvaluator(text).run();
  } catch (err) {
    if (err instanceof InterpretError) {
      return new UnitSpecificationProblem(`Could not interpret '${text}' as a unit specification: ${err.message}`);
    }
    throw err;
  }
  if (value.k === 'unit') return { dim: value.dim, varType: 'float' };
  if (value.k === 'quantity') {
    return new UnitSpecificationProblem(
      `'${text}' does not evaluate to a unit but to a quantity -- make sure to only use units, e.g. 'siemens/metre**2' and not '1 * siemens/metre**2'`,
    );
  }
  return new UnitSpecificationProblem(
    `'${text}' does not evaluate to a unit, the result has type <class '${value.k}'> instead.`,
  );
}

// Brian2's get_identifiers: `\b[A-Za-z_][A-Za-z0-9_]*\b` minus and/or/not/True/False.
const NOT_IDENTIFIERS = new Set(['and', 'or', 'not', 'True', 'False']);
const isWordChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);

function specIdentifiers(text: string): { name: string; offset: number }[] {
  const found: { name: string; offset: number }[] = [];
  let k = 0;
  while (k < text.length) {
    if (isWordChar(text[k])) {
      const start = k;
      while (isWordChar(text[k])) k++;
      const word = text.slice(start, k);
      if (/^[A-Za-z_]/.test(word) && !NOT_IDENTIFIERS.has(word)) found.push({ name: word, offset: start });
    } else {
      k++;
    }
  }
  return found;
}

// --- a tiny Python evaluator over numbers, units and quantities ---------------------------------

type NumKind = 'int' | 'float' | 'complex' | 'bool';
type NumValue = { readonly k: NumKind; readonly v: number };
type PyValue =
  | NumValue
  // Unit arithmetic goes through the units layer, which registers compound units for display
  // exactly as Brian2 does when it evaluates the specification (so `str(eqs)` matches).
  | { readonly k: 'unit'; readonly dim: Dimension; readonly unit: Unit }
  | { readonly k: 'quantity'; readonly dim: Dimension; readonly v: number };

class InterpretError extends Error {}

const SYNTAX = 'invalid syntax (<string>, line 1)';
const isNum = (x: PyValue): x is NumValue => x.k !== 'unit' && x.k !== 'quantity';
const dimOf = (x: PyValue): Dimension => (isNum(x) ? DIMENSIONLESS : x.dim);
const valueOf = (x: PyValue): number => (x.k === 'unit' ? 1 : x.v);
const truthy = (x: PyValue): boolean => valueOf(x) !== 0;
const quantity = (dim: Dimension, v: number): PyValue => ({ k: 'quantity', dim, v });

function numResult(a: NumKind, b: NumKind, v: number, forceFloat = false): PyValue {
  if (a === 'complex' || b === 'complex') return { k: 'complex', v };
  if (forceFloat || a === 'float' || b === 'float') return { k: 'float', v };
  return { k: 'int', v };
}

interface Token {
  readonly t: 'num' | 'name' | 'op' | 'end';
  readonly text: string;
  readonly kind?: NumKind;
  readonly value?: number;
}

function tokenizeSpec(text: string): Token[] {
  const tokens: Token[] = [];
  let k = 0;
  while (k < text.length) {
    const c = text[k]!;
    if (c === ' ') {
      k++;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[k + 1] ?? ''))) {
      const m = /^(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?[jJ]?)/.exec(text.slice(k))!;
      const lit = m[0];
      if (isWordChar(text[k + lit.length]) || text[k + lit.length] === '.') throw new InterpretError('invalid decimal literal (<string>, line 1)');
      if (/^0[0-9]*[1-9][0-9]*$/.test(lit)) {
        throw new InterpretError(
          'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers (<string>, line 1)',
        );
      }
      let kind: NumKind = 'int';
      let value: number;
      if (/^0[xXoObB]/.test(lit)) value = Number(lit.toLowerCase());
      else if (/[jJ]$/.test(lit)) {
        kind = 'complex';
        value = Number(lit.slice(0, -1));
      } else {
        if (/[.eE]/.test(lit)) kind = 'float';
        value = Number(lit);
      }
      tokens.push({ t: 'num', text: lit, kind, value });
      k += lit.length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const start = k;
      while (isWordChar(text[k])) k++;
      tokens.push({ t: 'name', text: text.slice(start, k) });
      continue;
    }
    const two = text.slice(k, k + 2);
    if (two === '**' || two === '//') {
      tokens.push({ t: 'op', text: two });
      k += 2;
      continue;
    }
    if ('*/-+()'.includes(c)) {
      tokens.push({ t: 'op', text: c });
      k++;
      continue;
    }
    throw new InterpretError(SYNTAX);
  }
  tokens.push({ t: 'end', text: '' });
  return tokens;
}

type Node =
  | { readonly n: 'lit'; readonly value: PyValue }
  | { readonly n: 'op'; readonly op: string; readonly left: Node; readonly right: Node }
  | { readonly n: 'neg'; readonly op: '-' | '+' | 'not'; readonly operand: Node };

class SpecEvaluator {
  private readonly tokens: Token[];
  private pos = 0;

  constructor(text: string) {
    this.tokens = tokenizeSpec(text);
  }

  run(): PyValue {
    const tree = this.orTest();
    if (this.peek().t !== 'end') throw new InterpretError(SYNTAX);
    return evaluate(tree);
  }

  private peek(): Token {
    return this.tokens[this.pos]!;
  }

  private accept(t: Token['t'], text: string): boolean {
    const tok = this.peek();
    if (tok.t === t && tok.text === text) {
      this.pos++;
      return true;
    }
    return false;
  }

  private orTest(): Node {
    let left = this.andTest();
    while (this.accept('name', 'or')) left = { n: 'op', op: 'or', left, right: this.andTest() };
    return left;
  }

  private andTest(): Node {
    let left = this.notTest();
    while (this.accept('name', 'and')) left = { n: 'op', op: 'and', left, right: this.notTest() };
    return left;
  }

  private notTest(): Node {
    if (this.accept('name', 'not')) return { n: 'neg', op: 'not', operand: this.notTest() };
    return this.arith();
  }

  private arith(): Node {
    let left = this.term();
    for (;;) {
      const tok = this.peek();
      if (tok.t === 'op' && (tok.text === '+' || tok.text === '-')) {
        this.pos++;
        left = { n: 'op', op: tok.text, left, right: this.term() };
      } else return left;
    }
  }

  private term(): Node {
    let left = this.factor();
    for (;;) {
      const tok = this.peek();
      if (tok.t === 'op' && (tok.text === '*' || tok.text === '/' || tok.text === '//')) {
        this.pos++;
        left = { n: 'op', op: tok.text, left, right: this.factor() };
      } else return left;
    }
  }

  private factor(): Node {
    const tok = this.peek();
    if (tok.t === 'op' && (tok.text === '-' || tok.text === '+')) {
      this.pos++;
      return { n: 'neg', op: tok.text, operand: this.factor() };
    }
    const base = this.atom();
    if (this.accept('op', '**')) return { n: 'op', op: '**', left: base, right: this.factor() };
    return base;
  }

  private atom(): Node {
    const tok = this.peek();
    this.pos++;
    if (tok.t === 'num') return { n: 'lit', value: { k: tok.kind!, v: tok.value! } };
    if (tok.t === 'name') {
      if (tok.text === 'True' || tok.text === 'False') return { n: 'lit', value: { k: 'bool', v: tok.text === 'True' ? 1 : 0 } };
      const unit = BASE_UNITS.has(tok.text) ? lookupUnit(tok.text) : undefined;
      // Other names were rejected before evaluation; keywords (`if`, `in`, …) are syntax errors.
      if (unit === undefined) throw new InterpretError(SYNTAX);
      return { n: 'lit', value: unitValue(unit) };
    }
    if (tok.t === 'op' && tok.text === '(') {
      const inner = this.orTest();
      if (!this.accept('op', ')')) throw new InterpretError(SYNTAX);
      return inner;
    }
    throw new InterpretError(SYNTAX);
  }
}

function evaluate(node: Node): PyValue {
  switch (node.n) {
    case 'lit':
      return node.value;
    case 'neg': {
      const x = evaluate(node.operand);
      if (node.op === 'not') return { k: 'bool', v: truthy(x) ? 0 : 1 };
      const sign = node.op === '-' ? -1 : 1;
      if (isNum(x)) return { k: x.k === 'bool' ? 'int' : x.k, v: sign * x.v };
      return quantity(x.dim, sign * valueOf(x)); // -volt is a quantity, not a unit
    }
    case 'op': {
      const a = evaluate(node.left);
      if (node.op === 'and') return truthy(a) ? evaluate(node.right) : a;
      if (node.op === 'or') return truthy(a) ? a : evaluate(node.right);
      return binaryOp(node.op, a, evaluate(node.right));
    }
  }
}

const unitValue = (unit: Unit): PyValue => ({ k: 'unit', dim: unit.dim, unit });

function binaryOp(op: string, a: PyValue, b: PyValue): PyValue {
  if (isNum(a) && isNum(b)) return numberOp(op, a, b);
  switch (op) {
    case '*':
      if (a.k === 'unit' && b.k === 'unit') return unitValue(a.unit.times(b.unit));
      return quantity(dimOf(a).times(dimOf(b)), valueOf(a) * valueOf(b));
    case '/':
      if (a.k === 'unit' && b.k === 'unit') return unitValue(a.unit.div(b.unit));
      // Brian2's Unit.__rdiv__: exactly `1 / unit` is still a unit (`unit ** -1`).
      if (isNum(a) && a.k !== 'complex' && a.v === 1 && b.k === 'unit') return unitValue(b.unit.pow(-1));
      return quantity(dimOf(a).div(dimOf(b)), valueOf(a) / valueOf(b));
    case '//':
      return quantity(dimOf(a).div(dimOf(b)), Math.floor(valueOf(a) / valueOf(b)));
    case '**': {
      if (isNum(a)) throw new InterpretError(`unsupported operand type(s) for ** or pow(): '${a.k}' and '${b.k === 'unit' ? 'Unit' : 'Quantity'}'`);
      if (!dimOf(b).isDimensionless) {
        throw new InterpretError(`Cannot calculate ${a.dim} ** ${dimOf(b)}, the exponent has to be dimensionless`);
      }
      const exponent = valueOf(b);
      if (a.k === 'unit') return unitValue(a.unit.pow(exponent));
      return quantity(a.dim.pow(exponent), a.v ** exponent);
    }
    case '+':
    case '-': {
      const da = dimOf(a);
      const db = dimOf(b);
      // A plain 0 counts as having any dimension (Brian2's Quantity arithmetic).
      const zeroA = isNum(a) && a.v === 0;
      const zeroB = isNum(b) && b.v === 0;
      if (da !== db && !zeroA && !zeroB) throw new InterpretError(`Cannot calculate ${da} ${op} ${db}, units do not match`);
      return quantity(zeroA ? db : da, op === '+' ? valueOf(a) + valueOf(b) : valueOf(a) - valueOf(b));
    }
    default:
      throw new InterpretError(SYNTAX);
  }
}

function numberOp(op: string, a: NumValue, b: NumValue): PyValue {
  const isFloat = a.k === 'float' || b.k === 'float';
  switch (op) {
    case '+':
      return numResult(a.k, b.k, a.v + b.v);
    case '-':
      return numResult(a.k, b.k, a.v - b.v);
    case '*':
      return numResult(a.k, b.k, a.v * b.v);
    case '/':
      if (b.v === 0) throw new InterpretError(isFloat ? 'float division by zero' : 'division by zero');
      return numResult(a.k, b.k, a.v / b.v, true);
    case '//':
      if (b.v === 0) throw new InterpretError(isFloat ? 'float floor division by zero' : 'integer division or modulo by zero');
      return numResult(a.k, b.k, Math.floor(a.v / b.v));
    case '**':
      if (a.v === 0 && b.v < 0) throw new InterpretError('0.0 cannot be raised to a negative power');
      // int ** negative int is a float in Python; a negative base with a fractional exponent is complex.
      if (a.v < 0 && !Number.isInteger(b.v)) return { k: 'complex', v: Number.NaN };
      return numResult(a.k, b.k, a.v ** b.v, b.v < 0);
    default:
      throw new InterpretError(SYNTAX);
  }
}
