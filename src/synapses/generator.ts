/**
 * Brian2's synapse generator syntax, `EXPR for VAR in ITER [if COND]` with ITER one of
 * `range(high)`, `range(low, high[, step])`, `sample(high, p=…|size=…)`,
 * `sample(low, high[, step], p=…|size=…)` (brian2/synapses/parse_synaptic_generator_syntax.py).
 *
 * Brian2 parses `[EXPR]` as a Python list comprehension and then checks its shape. Here a small
 * clause parser runs over the expression lexer's tokens: it splits the text at the
 * top-level `for` / `in` / `if` keywords, parses every piece with {@link parseExpression} (so the
 * pieces are ordinary expression ASTs), and only then applies Brian2's shape checks in Brian2's
 * order, so that a syntax error anywhere wins over a shape error, as in Python.
 */
import { num, parseExpression, ParseError, tokenize } from '../parsing/index.ts';
import type { Expr, Token } from '../parsing/index.ts';
import { ConnectError } from './errors.ts';

/** `range(low, high, step)`: every argument is an expression AST (defaults `0` and `1`). */
export interface RangeIterator {
  readonly kind: 'range';
  readonly low: Expr;
  readonly high: Expr;
  readonly step: Expr;
}

/** `sample(low, high, step, p=…)`: each candidate is kept independently with probability `p`. */
export interface RandomSampleIterator {
  readonly kind: 'sample';
  readonly sampleSize: 'random';
  readonly low: Expr;
  readonly high: Expr;
  readonly step: Expr;
  readonly p: Expr;
}

/** `sample(low, high, step, size=…)`: `size` distinct candidates without replacement, ascending. */
export interface FixedSampleIterator {
  readonly kind: 'sample';
  readonly sampleSize: 'fixed';
  readonly low: Expr;
  readonly high: Expr;
  readonly step: Expr;
  readonly size: Expr;
}

export type GeneratorIterator = RangeIterator | RandomSampleIterator | FixedSampleIterator;

/** A parsed generator: Brian2's `parse_synapse_generator` dictionary, with ASTs instead of strings. */
export interface SynapseGenerator {
  /** The text that was parsed (Brian2's `original_expression`). */
  readonly source: string;
  /** The expression giving the result index for each value of {@link innerVariable}. */
  readonly element: Expr;
  readonly innerVariable: string;
  readonly iterator: GeneratorIterator;
  /** The `if` clause; `undefined` when there is none (Brian2 then uses `True`). */
  readonly condition: Expr | undefined;
}

/** The argument names of an iterator in Brian2's `iterator_kwds` order (None entries omitted). */
export function iteratorArguments(it: GeneratorIterator): [string, Expr][] {
  const args: [string, Expr][] = [['low', it.low], ['high', it.high], ['step', it.step]];
  if (it.kind === 'sample') args.push(it.sampleSize === 'random' ? ['p', it.p] : ['size', it.size]);
  return args;
}

/** Start of every generator syntax message, as in Brian2 (`example` names the outer index). */
export function generatorErrorPrefix(expr: string, outerIndex = 'i'): string {
  return (
    `Error parsing expression '${expr}'. Expression must have generator syntax, for example ` +
    `'k for k in range(${outerIndex}-10, ${outerIndex}+10)'`
  );
}

const SUPPORTED_ITERATORS = "['range', 'sample']";

interface Piece {
  readonly from: number; // token indices, end exclusive
  readonly to: number;
}
interface CallArgument {
  readonly keyword: string | undefined;
  readonly value: Expr;
  readonly star: boolean;
}
type ParsedIterator =
  | { readonly kind: 'call'; readonly callee: string; readonly args: readonly CallArgument[] }
  | { readonly kind: 'other' };
type ParsedTarget = { readonly kind: 'name'; readonly name: string } | { readonly kind: 'other' };

class GeneratorParser {
  private readonly tokens: Token[];

  constructor(
    private readonly source: string,
    private readonly objectName: string | undefined,
  ) {
    let tokens: Token[];
    try {
      tokens = tokenize(source);
    } catch (e) {
      throw this.syntaxError(e);
    }
    // Brian2 parses `[EXPR]`: line breaks are inside brackets, so they are whitespace there.
    this.tokens = tokens.filter((t) => t.kind !== 'newline');
    const comment = this.tokens.find((t) => t.kind === 'comment');
    if (comment !== undefined) throw this.syntaxError(new ParseError('A comment is not allowed in a generator expression', source, comment.start, comment.end - comment.start));
  }

  private error(detail: string, cause?: unknown): ConnectError {
    return new ConnectError('generator-syntax', 'SyntaxError', this.objectName, `${generatorErrorPrefix(this.source)}. ${detail}`, { cause });
  }

  private syntaxError(e: unknown): ConnectError {
    if (!(e instanceof ParseError)) throw e;
    return this.error(`Error encountered was ${e.reason} (column ${e.column})`, e);
  }

  private get eof(): number {
    return this.tokens.length - 1;
  }

  private isKeyword(t: Token, word: string): boolean {
    return t.kind === 'name' && t.text === word;
  }

  /** Token range → expression AST; a ParseError becomes Brian2's "Error encountered was" message. */
  private expression(piece: Piece, what: string): Expr {
    if (piece.from >= piece.to) {
      const at = this.tokens[piece.from]!;
      throw this.syntaxError(new ParseError(`Expected ${what} but found ${at.kind === 'eof' ? 'end of input' : `'${at.text}'`}`, this.source, at.start, 1));
    }
    try {
      return parseExpression(this.source, { start: this.tokens[piece.from]!.start, end: this.tokens[piece.to - 1]!.end });
    } catch (e) {
      throw this.syntaxError(e);
    }
  }

  /** Checks brackets and returns the positions of the clause keywords at bracket depth 0. */
  private clauseKeywords(): number[] {
    const positions: number[] = [];
    const open: Token[] = [];
    const closing: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
    for (let k = 0; k < this.eof; k++) {
      const t = this.tokens[k]!;
      if (t.kind === 'op' && (t.text === '(' || t.text === '[' || t.text === '{')) open.push(t);
      else if (t.kind === 'op' && closing[t.text] !== undefined) {
        const top = open.pop();
        if (top === undefined || top.text !== closing[t.text]) {
          throw this.syntaxError(new ParseError(`Closing '${t.text}' does not match an opening bracket`, this.source, t.start, 1));
        }
      } else if (open.length === 0 && (this.isKeyword(t, 'for') || this.isKeyword(t, 'in') || this.isKeyword(t, 'if'))) {
        positions.push(k);
      }
    }
    const unclosed = open.pop();
    if (unclosed !== undefined) throw this.syntaxError(new ParseError(`'${unclosed.text}' was never closed`, this.source, unclosed.start, 1));
    return positions;
  }

  private target(piece: Piece): ParsedTarget {
    let { from, to } = piece;
    // `for (k) in` is a plain name in Python.
    while (to - from >= 3 && this.tokens[from]!.text === '(' && this.tokens[to - 1]!.text === ')') {
      from++;
      to--;
    }
    const first = this.tokens[from];
    if (to - from === 1 && first !== undefined && first.kind === 'name' && !first.flag) return { kind: 'name', name: first.text };
    // Tuples, attributes, subscripts and starred names are valid Python targets but not a single variable.
    const targetLike = to > from && this.tokens.slice(from, to).every((t) => (t.kind === 'name' && !t.flag) || (t.kind === 'op' && '(),[].*'.includes(t.text)) || t.kind === 'number');
    if (targetLike) return { kind: 'other' };
    const at = this.tokens[from]!;
    throw this.syntaxError(new ParseError(`Expected a loop variable but found ${at.kind === 'eof' || from >= to ? "'in'" : `'${at.text}'`}`, this.source, at.start, 1));
  }

  /** The iterator: a call `NAME(args)` (keyword arguments allowed), or any other expression. */
  private iterator(piece: Piece): ParsedIterator {
    let { from, to } = piece;
    while (to - from >= 3 && this.tokens[from]!.text === '(' && this.matching(from) === to - 1) {
      from++;
      to--;
    }
    const callee = this.tokens[from];
    if (to - from >= 3 && callee !== undefined && callee.kind === 'name' && !callee.flag && this.tokens[from + 1]!.text === '(' && this.matching(from + 1) === to - 1) {
      return { kind: 'call', callee: callee.text, args: this.callArguments(from + 2, to - 1) };
    }
    this.expression({ from, to }, 'an iterator');
    return { kind: 'other' };
  }

  /** Index of the bracket closing the one at `open` (brackets are known to balance). */
  private matching(open: number): number {
    let depth = 0;
    for (let k = open; k < this.eof; k++) {
      const text = this.tokens[k]!.kind === 'op' ? this.tokens[k]!.text : '';
      if (text === '(' || text === '[' || text === '{') depth++;
      else if (text === ')' || text === ']' || text === '}') {
        depth--;
        if (depth === 0) return k;
      }
    }
    return -1;
  }

  private callArguments(from: number, to: number): CallArgument[] {
    const pieces: Piece[] = [];
    let start = from;
    let depth = 0;
    for (let k = from; k < to; k++) {
      const t = this.tokens[k]!;
      if (t.kind !== 'op') continue;
      if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
      else if (t.text === ')' || t.text === ']' || t.text === '}') depth--;
      else if (t.text === ',' && depth === 0) {
        pieces.push({ from: start, to: k });
        start = k + 1;
      }
    }
    // Python allows one trailing comma: `range(3,)`.
    if (start < to || pieces.length === 0) pieces.push({ from: start, to });
    if (pieces.length === 1 && pieces[0]!.from === pieces[0]!.to) return [];
    const args: CallArgument[] = [];
    const seen = new Set<string>();
    for (const piece of pieces) {
      const first = this.tokens[piece.from]!;
      const second = this.tokens[piece.from + 1];
      if (first.kind === 'name' && !first.flag && second !== undefined && piece.from + 1 < piece.to && second.kind === 'op' && second.text === '=') {
        if (seen.has(first.text)) throw this.syntaxError(new ParseError(`Keyword argument repeated: ${first.text}`, this.source, first.start, first.end - first.start));
        seen.add(first.text);
        args.push({ keyword: first.text, value: this.expression({ from: piece.from + 2, to: piece.to }, 'a value'), star: false });
        continue;
      }
      const star = first.kind === 'op' && (first.text === '*' || first.text === '**');
      if (!star && seen.size > 0) throw this.syntaxError(new ParseError('Positional argument follows keyword argument', this.source, first.start, 1));
      args.push({ keyword: undefined, value: this.expression({ from: star ? piece.from + 1 : piece.from, to: piece.to }, 'an argument'), star });
    }
    return args;
  }

  parse(): SynapseGenerator {
    const keywords = this.clauseKeywords();
    const firstFor = keywords.find((k) => this.isKeyword(this.tokens[k]!, 'for'));
    if (firstFor === undefined) {
      // A valid expression that is not a comprehension (or nothing at all, `[]` in Brian2).
      if (this.eof > 0) this.expression({ from: 0, to: this.eof }, 'an expression');
      throw this.error('Expression is not a generator expression.');
    }
    const element = this.expression({ from: 0, to: firstFor }, 'an expression');
    // Clauses after the element: `for T in ITER` and `if COND`, in any order after the first `for`.
    const boundaries = keywords.filter((k) => k > firstFor && !this.isKeyword(this.tokens[k]!, 'in'));
    const loops: { target: ParsedTarget; iterator: ParsedIterator }[] = [];
    const conditions: Expr[] = [];
    let clause = firstFor;
    for (let b = 0; clause !== this.eof; b++) {
      const next = boundaries[b] ?? this.eof;
      const keyword = this.tokens[clause]!;
      if (keyword.text === 'for') {
        const inPos = keywords.find((k) => k > clause && k < next && this.isKeyword(this.tokens[k]!, 'in'));
        if (inPos === undefined) {
          throw this.syntaxError(new ParseError("Expected 'in' after the loop variable", this.source, this.tokens[next]!.start, 1));
        }
        const target = this.target({ from: clause + 1, to: inPos });
        loops.push({ target, iterator: this.iterator({ from: inPos + 1, to: next }) });
      } else {
        conditions.push(this.expression({ from: clause + 1, to: next }, 'a condition'));
      }
      clause = next;
    }
    // Brian2's shape checks, in its order.
    if (loops.length !== 1) throw this.error('Generator expression must involve only one iterator.');
    const loop = loops[0]!;
    if (loop.target.kind !== 'name') throw this.error('Generator must iterate over a single variable (not tuple, etc.).');
    const it = loop.iterator;
    if (it.kind !== 'call' || (it.callee !== 'range' && it.callee !== 'sample')) {
      throw this.error(`Iterator expression must be one of the supported functions: ${SUPPORTED_ITERATORS}`);
    }
    if (it.args.some((a) => a.star)) throw this.error('Star arguments not supported.');
    const iterator = it.callee === 'range' ? this.range(it.args) : this.sample(it.args);
    if (conditions.length > 1) throw this.error('Generator must have at most one if statement.');
    return { source: this.source, element, innerVariable: loop.target.name, iterator, condition: conditions[0] };
  }

  private bounds(positional: readonly Expr[]): { low: Expr; high: Expr; step: Expr } {
    const [a, b, c] = positional;
    if (positional.length === 1) return { low: num(0), high: a!, step: num(1) };
    if (positional.length === 2) return { low: a!, high: b!, step: num(1) };
    return { low: a!, high: b!, step: c! };
  }

  private range(args: readonly CallArgument[]): RangeIterator {
    const positional = args.filter((a) => a.keyword === undefined).map((a) => a.value);
    if (positional.length === 0 || positional.length > 3) throw this.error('Range iterator takes 1-3 positional arguments.');
    if (args.some((a) => a.keyword !== undefined)) throw this.error("Range iterator doesn't accept any keyword arguments.");
    return { kind: 'range', ...this.bounds(positional) };
  }

  private sample(args: readonly CallArgument[]): RandomSampleIterator | FixedSampleIterator {
    const positional = args.filter((a) => a.keyword === undefined).map((a) => a.value);
    const keywords = args.filter((a) => a.keyword !== undefined);
    if (positional.length === 0 || positional.length > 3) throw this.error('Sample iterator takes 1-3 positional arguments.');
    const kw = keywords[0];
    if (keywords.length !== 1 || (kw!.keyword !== 'p' && kw!.keyword !== 'size')) {
      throw this.error("Sample iterator accepts one keyword argument, either 'p' or 'size'.");
    }
    const bounds = this.bounds(positional);
    return kw!.keyword === 'p'
      ? { kind: 'sample', sampleSize: 'random', ...bounds, p: kw!.value }
      : { kind: 'sample', sampleSize: 'fixed', ...bounds, size: kw!.value };
  }
}

/**
 * Parses a generator expression as Brian2's `parse_synapse_generator` does, with the same
 * checks and messages; every failure is a {@link ConnectError} with code `'generator-syntax'`.
 * @example parseSynapseGenerator('k for k in range(i-3, i+4) if k != i').iterator.kind   // 'range'
 */
export function parseSynapseGenerator(expr: string, objectName?: string): SynapseGenerator {
  return new GeneratorParser(expr, objectName).parse();
}
