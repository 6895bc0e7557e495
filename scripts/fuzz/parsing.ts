/**
 * Fuzz targets for src/parsing: every input either parses or throws ParseError (never a raw JS
 * error), errors point inside the source, and printing round-trips. Used by scripts/fuzz.ts
 * (large runs) and src/parsing/fuzz.test.ts (small runs in `npm test`).
 */
import fc from 'fast-check';
import { loadFixture } from '../../tests/conformance/fixture.ts';
import {
  ParseError,
  exprEquals,
  isValidIdentifier,
  parseExpression,
  parseStatements,
  printExpr,
  printStatements,
  type ArithmeticOp,
  type CompareOp,
  type Expr,
  type Span,
  type Statement,
} from '../../src/parsing/index.ts';
import type { FuzzTarget } from './target.ts';

/** Real model strings harvested from Brian2's examples and tests (see tests/conformance/generate/parsing.py). */
export const corpus = loadFixture<{ corpus: { expressions: string[]; statements: string[] } }>('parsing').corpus;

/** Runs `parse`, accepting success or a well-formed ParseError; anything else fails the property. */
export function parsesOrParseError<T>(source: string, parse: (s: string) => T): T | undefined {
  try {
    return parse(source);
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    if (err.source !== source) throw new Error(`ParseError.source differs from the input`);
    if (!(err.offset >= 0 && err.offset <= source.length)) throw new Error(`ParseError offset ${err.offset} outside the input`);
    if (!(err.line >= 1 && err.column >= 1)) throw new Error(`ParseError line/column not 1-based`);
    if (!err.message.startsWith(`Line ${err.line}, column ${err.column}: `) || !err.message.includes('^')) {
      throw new Error(`ParseError message lacks location or caret: ${err.message}`);
    }
    return undefined;
  }
}

// Pieces of Brian syntax, valid and invalid, so that random token soup often gets deep into the parser.
const TOKENS = [
  'x', 'v', 'tau', 'mV', 'exp', 'f', '_a1', 'True', 'False', 'not', 'and', 'or', 'if', 'else', 'lambda', 'is',
  'in', 'None', 'class', '0', '1', '2.', '.5', '1e-3', '1E+3', '08', '0x1F', '1_0', '1e', '3j',
  '+', '-', '*', '/', '//', '%', '**', '<', '<=', '>', '>=', '==', '!=', '=', '+=', '-=', '*=', '/=',
  '%=', '//=', '**=', '^', '&', '|', '~', '<<', '>>', '@', '!', '(', ')', '(', ')', '[', ']', '{', '}',
  ',', ';', ':', ':=', '.', '...', "'", '"', '#', '# c', '\\', '\n', '\t', ' ', ' ', ' ', '$', 'α', '\u0000',
];
const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }).map((t) => t.join(''));
const spacedSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }).map((t) => t.join(' '));
const randomText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: fc.constantFrom(...'()+-*/%<>=!.,;#\\ \n\tabcex019_eE'.split('')), maxLength: 40 }),
  tokenSoup,
  spacedSoup,
);

/** A random edit of `source`: delete, insert, duplicate or replace a piece of it. */
const mutation = (source: string): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.nat({ max: source.length }),
      fc.nat({ max: source.length }),
      fc.constantFrom('delete', 'insert', 'duplicate', 'replace', 'swap'),
      fc.constantFrom(...TOKENS),
    )
    .map(([a, b, kind, token]) => {
      const [from, to] = a <= b ? [a, b] : [b, a];
      switch (kind) {
        case 'delete':
          return source.slice(0, from) + source.slice(Math.min(to, from + 3));
        case 'insert':
          return source.slice(0, from) + token + source.slice(from);
        case 'duplicate':
          return source.slice(0, to) + source.slice(from, to) + source.slice(to);
        case 'replace':
          return source.slice(0, from) + token + source.slice(from + 1);
        default:
          return source.slice(0, from) + source.slice(to, to + 1) + source.slice(from + 1, to) + source.slice(from, from + 1) + source.slice(to + 1);
      }
    });
const mutated = (sources: readonly string[]): fc.Arbitrary<string> =>
  fc
    .constantFrom(...sources)
    .chain((s) => fc.integer({ min: 1, max: 4 }).chain((n) => applyMutations(s, n)));
const applyMutations = (s: string, n: number): fc.Arbitrary<string> =>
  n === 0 ? fc.constant(s) : mutation(s).chain((m) => applyMutations(m, n - 1));

const identifier = fc
  .stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/)
  .filter((s) => isValidIdentifier(s));
const numberLiteral: fc.Arbitrary<Expr> = fc.oneof(
  fc.nat({ max: 1000 }).map((value): Expr => ({ kind: 'number', value, isInteger: true })),
  fc.maxSafeNat().map((value): Expr => ({ kind: 'number', value, isInteger: true })),
  fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }).map((value): Expr => ({ kind: 'number', value, isInteger: false })),
  fc.constantFrom(0.5, 1e-7, 1e21, 1e300, 5e-324, 1.5, 100).map((value): Expr => ({ kind: 'number', value, isInteger: false })),
);

/**
 * Random trees as the parser produces them: non-negative finite number literals (a minus sign
 * is a unary node), valid identifiers, any nesting of operators.
 */
export const parserShapedExpr: fc.Arbitrary<Expr> = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    numberLiteral,
    fc.boolean().map((value): Expr => ({ kind: 'boolean', value })),
    identifier.map((name): Expr => ({ kind: 'name', name })),
    fc.tuple(fc.constantFrom('-', '+', 'not'), tie('expr')).map(([op, operand]): Expr => ({ kind: 'unary', op, operand })),
    fc
      .tuple(fc.constantFrom<ArithmeticOp>('+', '-', '*', '/', '//', '%', '**'), tie('expr'), tie('expr'))
      .map(([op, left, right]): Expr => ({ kind: 'binary', op, left, right })),
    fc
      .tuple(fc.constantFrom<CompareOp>('<', '<=', '>', '>=', '==', '!='), tie('expr'), tie('expr'))
      .map(([op, left, right]): Expr => ({ kind: 'compare', op, left, right })),
    fc
      .tuple(fc.constantFrom('and', 'or'), tie('expr'), tie('expr'))
      .map(([op, left, right]): Expr => ({ kind: 'logical', op, left, right })),
    fc
      .tuple(identifier, fc.array(tie('expr'), { maxLength: 3 }))
      .map(([callee, args]): Expr => ({ kind: 'call', callee, args })),
  ),
})).expr;

/** Trees built by transformations may also hold negative, -0 and infinite number literals. */
export const anyExpr: fc.Arbitrary<Expr> = fc.oneof(
  parserShapedExpr,
  fc
    .tuple(parserShapedExpr, fc.constantFrom(-3, -0.5, -0, Infinity, -Infinity, -1e-7))
    .map(([e, value]) => replaceFirstLeaf(e, { kind: 'number', value, isInteger: Number.isInteger(value) })),
);

function replaceFirstLeaf(e: Expr, leaf: Expr): Expr {
  switch (e.kind) {
    case 'unary':
      return { ...e, operand: replaceFirstLeaf(e.operand, leaf) };
    case 'binary':
    case 'compare':
    case 'logical':
      return { ...e, right: replaceFirstLeaf(e.right, leaf) } as Expr;
    case 'call':
      return e.args.length === 0 ? e : { ...e, args: [replaceFirstLeaf(e.args[0]!, leaf), ...e.args.slice(1)] };
    default:
      return leaf;
  }
}

/** The tree printExpr's documented normalisations turn `e` into: num(-x) → -num(x), ±Infinity → ±inf. */
export function printNormalised(e: Expr): Expr {
  switch (e.kind) {
    case 'number': {
      const negative = e.value < 0 || Object.is(e.value, -0);
      const magnitude = Math.abs(e.value);
      const body: Expr =
        magnitude === Infinity ? { kind: 'name', name: 'inf' } : { kind: 'number', value: magnitude, isInteger: e.isInteger };
      return negative ? { kind: 'unary', op: '-', operand: body } : body;
    }
    case 'unary':
      return { ...e, operand: printNormalised(e.operand) };
    case 'binary':
    case 'compare':
    case 'logical':
      return { ...e, left: printNormalised(e.left), right: printNormalised(e.right) } as Expr;
    case 'call':
      return { ...e, args: e.args.map(printNormalised) };
    default:
      return e;
  }
}

/** Checks that every span lies inside its parent's and that leaves' spans cover their own text. */
export function checkSpans(e: Expr, source: string, outer: Span = { start: 0, end: source.length }): void {
  const span = e.span;
  if (span === undefined) throw new Error('parsed node without span');
  if (!(outer.start <= span.start && span.start < span.end && span.end <= outer.end)) {
    throw new Error(`span [${span.start}, ${span.end}) of a ${e.kind} node is outside [${outer.start}, ${outer.end})`);
  }
  const text = source.slice(span.start, span.end);
  switch (e.kind) {
    case 'name':
      if (text !== e.name) throw new Error(`name span covers '${text}', not '${e.name}'`);
      break;
    case 'boolean':
      if (text !== (e.value ? 'True' : 'False')) throw new Error(`boolean span covers '${text}'`);
      break;
    case 'number': {
      const reparsed = parseExpression(text);
      if (!exprEquals(reparsed, e)) throw new Error(`number span covers '${text}'`);
      break;
    }
    case 'unary':
      checkSpans(e.operand, source, span);
      break;
    case 'binary':
    case 'compare':
    case 'logical':
      checkSpans(e.left, source, span);
      checkSpans(e.right, source, span);
      if (e.left.span!.end > e.right.span!.start) throw new Error('operand spans overlap');
      break;
    case 'call':
      if (source.slice(e.calleeSpan!.start, e.calleeSpan!.end) !== e.callee) throw new Error('callee span wrong');
      for (const a of e.args) checkSpans(a, source, span);
      break;
  }
}

const statementsEqual = (a: readonly Statement[], b: readonly Statement[]): boolean =>
  a.length === b.length &&
  a.every((s, k) => {
    const t = b[k]!;
    return s.target === t.target && s.op === t.op && (s.comment ?? '') === (t.comment ?? '') && exprEquals(s.value, t.value);
  });

const assertProperty = <T>(arb: fc.Arbitrary<T>, check: (value: T) => void) => (options: { numRuns: number; seed?: number }) =>
  fc.assert(
    fc.property(arb, (v) => {
      check(v);
    }),
    { numRuns: options.numRuns, ...(options.seed === undefined ? {} : { seed: options.seed }) },
  );

/** Parse `s` as both an expression and statements; a successful expression parse must also re-print to a fixed point. */
function checkParseOrError(s: string): void {
  const e = parsesOrParseError(s, parseExpression);
  if (e !== undefined) {
    checkSpans(e, s);
    const printed = printExpr(e);
    const again = parseExpression(printed);
    // Overflowing literals (`1e400`) parse to Infinity, which prints as `inf`, as Brian2 renders it.
    if (!exprEquals(again, printNormalised(e))) throw new Error(`parse(print(parse(s))) differs from parse(s); printed: ${printed}`);
    if (printExpr(again) !== printed) throw new Error(`print(parse(s)) is not a fixed point: ${printed}`);
  }
  const st = parsesOrParseError(s, parseStatements);
  if (st !== undefined) {
    const printed = printStatements(st);
    const normalised = st.map((x) => ({ ...x, value: printNormalised(x.value) }));
    if (!statementsEqual(parseStatements(printed), normalised)) throw new Error(`statement round trip failed; printed: ${printed}`);
  }
}

export const parsingFuzzTargets: readonly FuzzTarget[] = [
  {
    name: 'parsing/random-strings',
    description: 'random strings and token soup: parse (and round-trip) or throw ParseError',
    run: assertProperty(randomText, checkParseOrError),
  },
  {
    name: 'parsing/mutated-expressions',
    description: "random edits of Brian2's real model expressions: parse (and round-trip) or throw ParseError",
    run: assertProperty(mutated(corpus.expressions), checkParseOrError),
  },
  {
    name: 'parsing/mutated-statements',
    description: "random edits of Brian2's real reset/on_pre/on_post code: parse (and round-trip) or throw ParseError",
    run: assertProperty(mutated(corpus.statements), checkParseOrError),
  },
  {
    name: 'parsing/print-roundtrip',
    description: 'random parser-shaped ASTs: parseExpression(printExpr(e)) equals e, with consistent spans',
    weight: 2,
    run: assertProperty(parserShapedExpr, (e) => {
      const printed = printExpr(e);
      const back = parseExpression(printed);
      if (!exprEquals(back, e)) throw new Error(`round trip changed the tree; printed: ${printed}`);
      checkSpans(back, printed);
    }),
  },
  {
    name: 'parsing/print-any-tree',
    description: 'random ASTs with negative/infinite literals: printing keeps the meaning (documented normal form)',
    weight: 2,
    run: assertProperty(anyExpr, (e) => {
      const printed = printExpr(e);
      if (!exprEquals(parseExpression(printed), printNormalised(e))) throw new Error(`printing changed the tree; printed: ${printed}`);
    }),
  },
];
