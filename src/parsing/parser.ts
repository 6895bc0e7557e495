import type { ArithmeticOp, AssignOp, CompareOp, Expr, Span, Statement } from './ast.ts';
import { ParseError } from './errors.ts';
import { Memo, deepFreeze } from '../util/index.ts';
import { tokenize, type Token } from './lexer.ts';
import { ADD, AND, CMP, MUL, NOT, OR, POW, UNARY } from './precedence.ts';

/** Options shared by {@link parseExpression} and {@link parseStatements}. */
export interface ParseOptions {
  /**
   * Parse only `source[start, end)`. Spans and error positions stay relative to the whole
   * `source`, so a caller can parse a piece of a larger text (e.g. an equation's right-hand
   * side) and get positions in that text for free.
   */
  readonly start?: number;
  /** Stop parsing at this offset (default: the end of the text). */
  readonly end?: number;
}

/**
 * Parse trees deeper than this are rejected with a ParseError rather than risking a stack
 * overflow here or in the recursive passes that follow. Brian2 itself fails far earlier
 * (Python's parser allows 200 nested parentheses; its renderer recurses ~4 frames per level).
 */
export const MAX_NESTING_DEPTH = 500;


const ARITHMETIC: ReadonlyMap<string, { prec: number; op: ArithmeticOp }> = new Map([
  ['+', { prec: ADD, op: '+' }],
  ['-', { prec: ADD, op: '-' }],
  ['*', { prec: MUL, op: '*' }],
  ['/', { prec: MUL, op: '/' }],
  ['//', { prec: MUL, op: '//' }],
  ['%', { prec: MUL, op: '%' }],
  ['**', { prec: POW, op: '**' }],
]);
const COMPARISONS: ReadonlySet<string> = new Set(['<', '<=', '>', '>=', '==', '!=']);
const ASSIGN_OPS: ReadonlySet<string> = new Set(['=', '+=', '-=', '*=', '/=', '%=']);
const ALL_ASSIGN_OPS = '=, +=, -=, *=, /=, %=';

// Python operators and constructs Brian's language lacks, keyed by the token that starts them
// in operator position (after an operand). Checked before precedence so that the message names
// the construct wherever it appears.
const UNSUPPORTED_INFIX: ReadonlyMap<string, string> = new Map([
  ['^', 'The operator "^" is not supported, use "**" instead.'],
  ['&', 'The operator "&" is not supported, use "and" instead.'],
  ['|', 'The operator "|" is not supported, use "or" instead.'],
  ['<<', 'The operator "<<" is not supported.'],
  ['>>', 'The operator ">>" is not supported.'],
  ['@', 'The operator "@" (matrix multiplication) is not supported.'],
  ['is', 'The operator "is" is not supported, use "==" instead.'],
  ['in', 'The operator "in" is not supported.'],
  ['if', 'Conditional expressions ("a if c else b") are not supported; use e.g. int(c)*a + (1 - int(c))*b instead.'],
  ['.', 'Attribute access ("a.b") is not supported.'],
  ['[', 'Indexing ("a[i]") is not supported.'],
  [':=', 'Assignment expressions (":=") are not supported.'],
  ['for', 'Generator expressions are not supported here.'],
  ['!', 'The operator "!" is not supported, use "not" or "!=" instead.'],
]);
const UNSUPPORTED_PREFIX: ReadonlyMap<string, string> = new Map([
  ['~', 'The operator "~" is not supported, use "not" instead.'],
  ['!', 'The operator "!" is not supported, use "not" instead.'],
  ['[', 'Lists ("[a, b]") are not supported.'],
  ['{', 'Sets and dictionaries ("{…}") are not supported.'],
  ['lambda', 'Lambda expressions are not supported.'],
  ['None', '"None" is not supported.'],
  ['...', 'The Ellipsis ("...") is not supported.'],
  ['await', 'The keyword "await" is not supported.'],
  ['yield', 'The keyword "yield" is not supported.'],
]);

const UNSUPPORTED_ASSIGN: ReadonlyMap<string, string> = new Map([
  ['//=', 'The operator "//=" is not supported in statements; write "x = x // (…)" instead.'],
  ['**=', 'The operator "**=" is not supported in statements; write "x = x ** (…)" instead.'],
  ['&=', 'The operator "&=" is not supported.'],
  ['|=', 'The operator "|=" is not supported.'],
  ['^=', 'The operator "^=" is not supported.'],
  ['<<=', 'The operator "<<=" is not supported.'],
  ['>>=', 'The operator ">>=" is not supported.'],
  ['@=', 'The operator "@=" is not supported.'],
]);

/** How a token is named in messages: `'+'`, `name 'x'`, `end of input`, … */
function describe(t: Token): string {
  switch (t.kind) {
    case 'eof':
      return 'end of input';
    case 'newline':
      return 'end of line';
    case 'number':
      return `number '${t.text}'`;
    case 'name':
      return t.flag ? `keyword '${t.text}'` : `name '${t.text}'`;
    case 'comment':
      return 'a comment';
    default:
      return `'${t.text}'`;
  }
}

class Parser {
  private readonly tokens: Token[];
  private pos = 0;
  /** Tree depth of the expression most recently returned by parseExpr/parsePrefix. */
  private depth = 0;
  /** Current recursion depth of parseExpr. */
  private nesting = 0;
  /** Start offset (including opening parentheses) of the operand most recently parsed. */
  private extentStart = 0;
  /** End offset (including closing parentheses) of the operand most recently parsed. */
  private extentEnd = 0;

  constructor(
    private readonly source: string,
    tokens: Token[],
    /** 'input' for a lone expression, 'line' for a statement's right-hand side. */
    private readonly endName: string,
  ) {
    this.tokens = tokens;
  }

  /** End offset (including closing parentheses) of the expression parsed last. */
  lastExtentEnd(): number {
    return this.extentEnd;
  }

  peek(): Token {
    return this.tokens[this.pos]!;
  }

  next(): Token {
    const t = this.tokens[this.pos]!;
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  fail(reason: string, t: Token = this.peek(), length = t.end - t.start): never {
    throw new ParseError(reason, this.source, t.start, Math.max(length, 1));
  }

  describe(t: Token): string {
    return describe(t);
  }

  isOp(t: Token, text: string): boolean {
    return (t.kind === 'op' || t.kind === 'name') && t.text === text;
  }

  /** Parses an expression whose operators all bind at least as tightly as `minPrec`. */
  parseExpr(minPrec: number): Expr {
    // Bounds the recursion itself: the tree-depth check below only runs on the way back up.
    if (++this.nesting > MAX_NESTING_DEPTH) this.failTooDeep(this.peek());
    let left = this.parsePrefix(minPrec);
    let leftDepth = this.depth;
    let start = this.extentStart;
    let end = this.extentEnd;
    // Set after a comparison at this level, to reject `a < b < c` (but not `(a < b) < c`).
    let afterComparison = false;
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' && t.kind !== 'name') break;
      const unsupported = UNSUPPORTED_INFIX.get(t.text);
      if (unsupported !== undefined && (t.kind === 'op' || t.flag)) this.fail(unsupported, t);
      let prec: number;
      let kind: 'binary' | 'compare' | 'logical';
      if (t.kind === 'name') {
        if (t.text === 'and') [prec, kind] = [AND, 'logical'];
        else if (t.text === 'or') [prec, kind] = [OR, 'logical'];
        else if (t.text === 'not' && this.isOp(this.tokens[this.pos + 1]!, 'in')) {
          this.fail('The operator "not in" is not supported.', t, this.tokens[this.pos + 1]!.end - t.start);
        } else break;
      } else if (COMPARISONS.has(t.text)) {
        [prec, kind] = [CMP, 'compare'];
      } else {
        const info = ARITHMETIC.get(t.text);
        if (info === undefined) break;
        [prec, kind] = [info.prec, 'binary'];
      }
      if (prec < minPrec) break;
      if (kind === 'compare' && afterComparison) {
        this.fail('Can only handle single comparisons like a<b not a<b<c', t);
      }
      this.next();
      // `**` is right-associative and its right operand may carry a unary sign (`2**-1`).
      const right = this.parseExpr(t.text === '**' ? UNARY : prec + 1);
      end = this.extentEnd;
      const span: Span = { start, end };
      if (kind === 'binary') {
        left = { kind, op: t.text as ArithmeticOp, left, right, span };
      } else if (kind === 'compare') {
        left = { kind, op: t.text as CompareOp, left, right, span };
        afterComparison = true;
      } else {
        left = { kind, op: t.text as 'and' | 'or', left, right, span };
        afterComparison = false;
      }
      leftDepth = this.checkDepth(Math.max(leftDepth, this.depth) + 1, t);
      if (kind === 'binary') afterComparison = false;
    }
    this.depth = leftDepth;
    this.extentStart = start;
    this.extentEnd = end;
    this.nesting--;
    return left;
  }

  checkDepth(depth: number, at: Token): number {
    if (depth > MAX_NESTING_DEPTH) this.failTooDeep(at);
    return depth;
  }

  failTooDeep(at: Token): never {
    return this.fail(`Expression nested too deeply (more than ${MAX_NESTING_DEPTH} levels of operators, calls or parentheses)`, at);
  }

  /** An operand: literal, name, call, parenthesised expression or unary operation. */
  parsePrefix(minPrec: number): Expr {
    const t = this.next();
    switch (t.kind) {
      case 'number':
        this.setLeaf(t);
        return { kind: 'number', value: t.value, isInteger: t.flag, span: { start: t.start, end: t.end } };
      case 'name':
        return this.parseNamePrefix(t, minPrec);
      case 'op':
        break;
      case 'newline':
        return this.fail(
          this.endName === 'line'
            ? 'Expected an expression but found end of line (a statement must fit on one line)'
            : 'Expected an expression but found end of line (an expression continues on the next line only inside parentheses)',
          t,
        );
      default:
        return this.fail(`Expected an expression but found ${this.describe(t)}`, t);
    }
    if (t.text === '-' || t.text === '+') {
      const operand = this.parseExpr(UNARY);
      return this.finishUnary(t, t.text, operand);
    }
    if (t.text === '(') {
      if (this.isOp(this.peek(), ')')) this.fail('Empty parentheses "()" are not a valid expression', t, this.peek().end - t.start);
      const inner = this.parseExpr(0);
      const innerDepth = this.depth;
      const close = this.peek();
      if (this.isOp(close, ',')) this.fail('Tuples ("(a, b)") are not supported', close);
      this.expectClose(t, close);
      this.next();
      // Python reads `(f)(x)` as the call `f(x)`, and so does Brian2.
      if (inner.kind === 'name' && this.isOp(this.peek(), '(') && this.peek().kind === 'op') {
        return this.parseCall(inner.name, inner.span!, t.start);
      }
      this.depth = this.checkDepth(innerDepth + 1, t);
      this.extentStart = t.start;
      this.extentEnd = close.end;
      return inner;
    }
    const unsupported = UNSUPPORTED_PREFIX.get(t.text);
    if (unsupported !== undefined) this.fail(unsupported, t);
    if (t.text === '=' || t.text === ':=') this.fail(`Expected an expression but found '${t.text}'`, t);
    return this.fail(`Expected an expression but found ${this.describe(t)}`, t);
  }

  parseNamePrefix(t: Token, minPrec: number): Expr {
    if (!t.flag) {
      if (this.isOp(this.peek(), '(') && this.peek().kind === 'op') {
        return this.parseCall(t.text, { start: t.start, end: t.end }, t.start);
      }
      this.setLeaf(t);
      return { kind: 'name', name: t.text, span: { start: t.start, end: t.end } };
    }
    if (t.text === 'True' || t.text === 'False') {
      this.setLeaf(t);
      return { kind: 'boolean', value: t.text === 'True', span: { start: t.start, end: t.end } };
    }
    if (t.text === 'not') {
      if (minPrec > NOT) {
        this.fail('"not" cannot be used as an operand here; put the "not …" expression in parentheses', t);
      }
      const operand = this.parseExpr(NOT);
      return this.finishUnary(t, 'not', operand);
    }
    const unsupported = UNSUPPORTED_PREFIX.get(t.text);
    if (unsupported !== undefined) this.fail(unsupported, t);
    return this.fail(`Expected an expression but found keyword '${t.text}' (Python keywords cannot be used as names)`, t);
  }

  finishUnary(t: Token, op: '-' | '+' | 'not', operand: Expr): Expr {
    this.depth = this.checkDepth(this.depth + 1, t);
    this.extentStart = t.start;
    return { kind: 'unary', op, operand, span: { start: t.start, end: this.extentEnd } };
  }

  setLeaf(t: Token): void {
    this.depth = 1;
    this.extentStart = t.start;
    this.extentEnd = t.end;
  }

  expectClose(open: Token, t: Token): void {
    if (this.isOp(t, ')') && t.kind === 'op') return;
    if (t.kind === 'newline' && this.endName === 'line') {
      this.fail(`Expected ')' but found end of line (a statement must fit on one line; '(' opened at column ${this.columnOf(open)})`, t);
    }
    this.fail(`Expected ')' but found ${this.describe(t)}`, t);
  }

  columnOf(t: Token): number {
    return t.start - (this.source.lastIndexOf('\n', t.start - 1) + 1) + 1;
  }

  parseCall(callee: string, calleeSpan: Span, start: number): Expr {
    const open = this.next();
    const args: Expr[] = [];
    let depth = 1;
    for (;;) {
      const t = this.peek();
      if (this.isOp(t, ')') && t.kind === 'op') break;
      if (t.kind === 'op' && (t.text === '*' || t.text === '**')) {
        this.fail(`Unpacking ("${t.text}${t.text === '*' ? 'args' : 'kwargs'}") is not supported`, t);
      }
      const arg = this.parseExpr(0);
      depth = Math.max(depth, this.depth);
      const after = this.peek();
      if (this.isOp(after, '=') && after.kind === 'op') this.fail('Keyword arguments not supported', after);
      if (this.isOp(after, 'for')) this.fail('Generator expressions are not supported here.', after);
      args.push(arg);
      if (this.isOp(after, ',') && after.kind === 'op') {
        this.next();
        continue;
      }
      if (this.isOp(after, ')') && after.kind === 'op') break;
      if (after.kind === 'eof' || after.kind === 'newline' || after.kind === 'comment') this.expectClose(open, after);
      this.fail(`Expected ',' or ')' in the arguments of '${callee}' but found ${this.describe(after)}`, after);
    }
    const close = this.next();
    if (this.isOp(this.peek(), '(') && this.peek().kind === 'op') {
      this.fail('Only named functions can be called ("f(x)(y)" is not supported)', this.peek());
    }
    this.depth = this.checkDepth(depth + 1, open);
    this.extentStart = start;
    this.extentEnd = close.end;
    return { kind: 'call', callee, args, span: { start, end: close.end }, calleeSpan };
  }

  /** Throws unless the next token ends the expression (end of input, or of a statement line). */
  expectEnd(endsHere: (t: Token) => boolean): void {
    const t = this.peek();
    if (endsHere(t)) return;
    if (t.kind === 'op') {
      if (t.text === ')') this.fail("Unmatched ')'", t);
      if (t.text === ',') this.fail('Tuples ("a, b") are not supported', t);
      if (t.text === '=' && this.endName === 'line') this.fail('Only support syntax like a=b not a=b=c', t);
      if (t.text === '=' || ASSIGN_OPS.has(t.text) || UNSUPPORTED_ASSIGN.has(t.text)) {
        this.fail(
          this.endName === 'line'
            ? `Unexpected '${t.text}' after the right-hand side of the statement`
            : `Assignment ("${t.text}") is not allowed in an expression${t.text === '=' ? "; use '==' to compare" : ''}`,
          t,
        );
      }
      if (t.text === ';') this.fail("';' separates statements and cannot appear in an expression", t);
      if (t.text === '(') this.fail('Only named functions can be called', t);
    }
    if (t.kind === 'newline') {
      this.fail('Unexpected line break: an expression continues on the next line only inside parentheses', t);
    }
    this.fail(`Expected an operator or end of ${this.endName} but found ${this.describe(t)}`, t);
  }
}

/**
 * Parses one Brian expression (an equation's right-hand side, a threshold, a condition).
 * Follows Python's expression syntax restricted to Brian's subset; `# comments` are ignored,
 * and a newline is whitespace inside parentheses (Python's implicit line joining) or after a
 * trailing backslash. Throws {@link ParseError} on any malformed or unsupported input.
 */
export function parseExpression(source: string, options: ParseOptions = {}): Expr {
  const key = memoKey(source, options);
  return expressions.get(key) ?? expressions.set(key, deepFreeze(parseExpressionText(source, options)));
}

/** Parse trees by text and range (frozen: shared by every build of a model); errors are not stored. */
const expressions = new Memo<Expr>();
const statementLists = new Memo<readonly Statement[]>();

const memoKey = (source: string, options: ParseOptions): string => `${options.start ?? 0}:${options.end ?? source.length}:${source}`;

function parseExpressionText(source: string, options: ParseOptions): Expr {
  const all = tokenize(source, { start: options.start ?? 0, end: options.end ?? source.length, joinLines: true });
  // Comments and blank lines before or after the expression are layout, not syntax.
  let first = 0;
  let last = all.length - 1; // the eof token
  const isLayout = (t: Token): boolean => t.kind === 'comment' || t.kind === 'newline';
  while (isLayout(all[first]!)) first++;
  while (last - 1 >= first && isLayout(all[last - 1]!)) last--;
  const tokens = all.slice(first, last).filter((t) => t.kind !== 'comment');
  tokens.push(all[all.length - 1]!);
  const parser = new Parser(source, tokens, 'input');
  if (parser.peek().kind === 'eof') parser.fail('Expected an expression but the input is empty', parser.peek());
  const expr = parser.parseExpr(0);
  parser.expectEnd((t) => t.kind === 'eof');
  return expr;
}

/**
 * Parses abstract code: statements `target op expression  # comment` with `op` one of
 * `= += -= *= /= %=`, separated by newlines or `;` (as Brian2 does, every statement must fit on
 * its own line). Blank and comment-only lines are skipped; a trailing comment is kept on its
 * statement (everything after `#` up to the end of the line, so a `;` inside a comment does not
 * split it). Throws {@link ParseError} on any malformed or unsupported input.
 */
export function parseStatements(source: string, options: ParseOptions = {}): Statement[] {
  const key = memoKey(source, options);
  return [...(statementLists.get(key) ?? statementLists.set(key, deepFreeze(parseStatementsText(source, options))))];
}

function parseStatementsText(source: string, options: ParseOptions): Statement[] {
  const tokens = tokenize(source, { start: options.start ?? 0, end: options.end ?? source.length, joinLines: false });
  const parser = new Parser(source, tokens, 'line');
  const statements: Statement[] = [];
  const isSeparator = (t: Token): boolean => t.kind === 'newline' || (t.kind === 'op' && t.text === ';');
  for (;;) {
    let t = parser.peek();
    while (isSeparator(t) || t.kind === 'comment') {
      parser.next();
      t = parser.peek();
    }
    if (t.kind === 'eof') break;
    statements.push(parseStatement(parser));
    const end = parser.peek();
    if (end.kind === 'comment') {
      parser.next();
      const last = statements.pop()!;
      statements.push({ ...last, comment: end.text.slice(1).trim() });
    }
  }
  return statements;
}

function parseStatement(parser: Parser): Statement {
  const target = parser.next();
  if (target.kind !== 'name' || target.flag) {
    if (target.kind === 'name') {
      parser.fail(`'${target.text}' is a Python keyword and cannot be used as a variable name`, target);
    }
    parser.fail(`Expected a variable name at the start of the statement but found ${parser.describe(target)}`, target);
  }
  const opTok = parser.peek();
  if (opTok.kind === 'op' && !ASSIGN_OPS.has(opTok.text)) {
    const unsupported = UNSUPPORTED_ASSIGN.get(opTok.text);
    if (unsupported !== undefined) parser.fail(unsupported, opTok);
    if (opTok.text === '[' || opTok.text === '(' || opTok.text === '.') {
      parser.fail(`The target of an assignment must be a plain variable name, but '${target.text}' is followed by '${opTok.text}'`, opTok);
    }
  }
  if (opTok.kind !== 'op' || !ASSIGN_OPS.has(opTok.text)) {
    parser.fail(`Expected an assignment operator (${ALL_ASSIGN_OPS}) after '${target.text}' but found ${parser.describe(opTok)}`, opTok);
  }
  parser.next();
  const first = parser.peek();
  if (first.kind === 'newline' || first.kind === 'comment' || first.kind === 'eof' || (first.kind === 'op' && first.text === ';')) {
    parser.fail(`Empty expression in the right-hand side of the statement (expected an expression after '${opTok.text}')`, first);
  }
  const value = parser.parseExpr(0);
  const valueEnd = parser.lastExtentEnd();
  parser.expectEnd((t) => t.kind === 'eof' || t.kind === 'newline' || t.kind === 'comment' || (t.kind === 'op' && t.text === ';'));
  return {
    kind: 'statement',
    target: target.text,
    op: opTok.text as AssignOp,
    value,
    span: { start: target.start, end: valueEnd },
    targetSpan: { start: target.start, end: target.end },
  };
}

