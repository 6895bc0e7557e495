import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_NESTING_DEPTH,
  ParseError,
  binary,
  call,
  name,
  num,
  parseExpression,
  parseStatements,
  stripSpans,
  stripStatementSpans,
  unary,
  type Expr,
} from './index.ts';

/** Fully parenthesised rendering, to state the expected tree shape compactly. */
function fp(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return e.isInteger ? String(e.value) : `${e.value}f`;
    case 'boolean':
      return String(e.value);
    case 'name':
      return e.name;
    case 'call':
      return `${e.callee}(${e.args.map(fp).join(', ')})`;
    case 'unary':
      return `(${e.op === 'not' ? 'not ' : e.op}${fp(e.operand)})`;
    default:
      return `(${fp(e.left)} ${e.op} ${fp(e.right)})`;
  }
}
const shape = (source: string): string => fp(parseExpression(source));

/** Asserts that parsing throws ParseError whose reason matches `pattern`, at 1-based `column` if given. */
function assertParseError(parse: () => unknown, pattern: RegExp, column?: number, line = 1): void {
  assert.throws(parse, (err: unknown) => {
    assert.ok(err instanceof ParseError, `expected ParseError, got ${String(err)}`);
    assert.match(err.reason, pattern);
    if (column !== undefined) assert.deepEqual([err.line, err.column], [line, column], err.message);
    return true;
  });
}
const exprError = (source: string, pattern: RegExp, column?: number, line?: number): void =>
  assertParseError(() => parseExpression(source), pattern, column, line);
const stmtError = (source: string, pattern: RegExp, column?: number, line?: number): void =>
  assertParseError(() => parseStatements(source), pattern, column, line);

describe('parseExpression precedence and associativity (Python rules)', () => {
  const table: [string, string][] = [
    ['-x**2', '(-(x ** 2))'],
    ['2**-1', '(2 ** (-1))'],
    ['x**y**z', '(x ** (y ** z))'],
    ['(x**y)**z', '((x ** y) ** z)'],
    ['not a == b', '(not (a == b))'],
    ['a//b%c', '((a // b) % c)'],
    ['a - b - c', '((a - b) - c)'],
    ['a / b * c', '((a / b) * c)'],
    ['a + b * c', '(a + (b * c))'],
    ['-a * b', '((-a) * b)'],
    ['- - x', '(-(-x))'],
    ['+-x', '(+(-x))'],
    ['a ** -b ** c', '(a ** (-(b ** c)))'],
    ['2**-1*3', '((2 ** (-1)) * 3)'],
    ['a and b or c', '((a and b) or c)'],
    ['a or b and c', '(a or (b and c))'],
    ['a or b or c', '((a or b) or c)'],
    ['a and b and c', '((a and b) and c)'],
    ['not a and b', '((not a) and b)'],
    ['not not a', '(not (not a))'],
    ['a and not b', '(a and (not b))'],
    ['not a < b + 1', '(not (a < (b + 1)))'],
    ['a + b >= c * d', '((a + b) >= (c * d))'],
    ['(a < b) < c', '((a < b) < c)'],
    ['-a < -b', '((-a) < (-b))'],
    ['x ** (not y)', '(x ** (not y))'],
    ['f(x, g(y) ** 2)', 'f(x, (g(y) ** 2))'],
    ['(f)(x)', 'f(x)'],
  ];
  for (const [source, expected] of table) {
    it(`parseExpression(${JSON.stringify(source)}) is ${expected}`, () => assert.equal(shape(source), expected));
  }
});

describe('parseExpression literals', () => {
  const table: [string, number, boolean][] = [
    ['1', 1, true],
    ['1.', 1, false],
    ['.5', 0.5, false],
    ['1e-3', 0.001, false],
    ['1E+3', 1000, false],
    ['1.5e3', 1500, false],
    ['1.e5', 1e5, false],
    ['0', 0, true],
    ['00', 0, true],
    ['08.5', 8.5, false],
    ['1_000', 1000, true],
    ['1_000.25', 1000.25, false],
    ['0x1F', 31, true],
    ['0o17', 15, true],
    ['0b101', 5, true],
    ['1e400', Infinity, false],
  ];
  for (const [source, value, isInteger] of table) {
    it(`parseExpression(${JSON.stringify(source)}) is ${isInteger ? 'integer' : 'float'} ${value}`, () => {
      assert.deepEqual(stripSpans(parseExpression(source)), num(value, isInteger));
    });
  }
  it('parseExpression("True and False") gives boolean literals', () => {
    assert.deepEqual(stripSpans(parseExpression('True and False')), {
      kind: 'logical',
      op: 'and',
      left: { kind: 'boolean', value: true },
      right: { kind: 'boolean', value: false },
    });
  });
  it('parseExpression accepts soft keywords and underscores as names', () => {
    assert.equal(shape('match + case + type + _ + _x1'), '((((match + case) + type) + _) + _x1)');
  });
});

describe('parseExpression layout', () => {
  it('treats spaces, tabs and a trailing comment as whitespace', () => {
    assert.equal(shape(' \ta +\tb  # the sum'), '(a + b)');
  });
  it('joins lines inside parentheses and after a backslash (Python implicit/explicit joining)', () => {
    assert.equal(shape('(a +\n b)'), '(a + b)');
    assert.equal(shape('f(a,  # first\n  b)'), 'f(a, b)');
    assert.equal(shape('a + \\\n b'), '(a + b)');
  });
  it('ignores leading and trailing blank or comment lines', () => {
    assert.equal(shape('\n# note\n a + b \n\n'), '(a + b)');
  });
  it('rejects a line break outside parentheses', () => {
    exprError('a +\n b', /continues on the next line only inside parentheses/, 4);
    exprError('a\n+ b', /Unexpected line break/, 2);
  });
  it('accepts a trailing comma in a call, as Python does', () => {
    assert.equal(shape('f(x,)'), 'f(x)');
  });
});

describe('parseExpression spans', () => {
  it('gives every node offsets into the source; parents include parentheses, children do not', () => {
    const e = parseExpression('(a + 1) * f(b)');
    assert.deepEqual(e.span, { start: 0, end: 14 });
    assert.ok(e.kind === 'binary' && e.left.kind === 'binary' && e.right.kind === 'call');
    assert.deepEqual(e.left.span, { start: 1, end: 6 });
    assert.deepEqual(e.left.right.span, { start: 5, end: 6 });
    assert.deepEqual(e.right.span, { start: 10, end: 14 });
    assert.deepEqual(e.right.calleeSpan, { start: 10, end: 11 });
    assert.deepEqual(e.right.args[0]!.span, { start: 12, end: 13 });
  });
  it('spans a unary operation from its operator', () => {
    const e = parseExpression('x * -y');
    assert.ok(e.kind === 'binary');
    assert.deepEqual(e.right.span, { start: 4, end: 6 });
  });
  it('parses a slice of a larger source with { start, end }, keeping offsets absolute', () => {
    const source = 'dv/dt = (v0 - v)/tau : volt';
    const e = parseExpression(source, { start: 8, end: 21 });
    assert.equal(fp(e), '((v0 - v) / tau)');
    assert.deepEqual(e.span, { start: 8, end: 20 });
    assert.throws(
      () => parseExpression('dv/dt = (v0 - v)/ : volt', { start: 8, end: 18 }),
      (err: unknown) => err instanceof ParseError && err.offset === 18 && err.column === 19 && err.source.startsWith('dv/dt'),
    );
  });
});

describe('parseExpression errors', () => {
  const cases: [string, RegExp, number][] = [
    ['x ^ 2', /^The operator "\^" is not supported, use "\*\*" instead\.$/, 3],
    ['a & b', /"&" is not supported, use "and"/, 3],
    ['a | b', /"\|" is not supported, use "or"/, 3],
    ['~a', /"~" is not supported/, 1],
    ['a << 2', /"<<" is not supported/, 3],
    ['a >> 2', /">>" is not supported/, 3],
    ['a @ b', /"@"/, 3],
    ['1 < x < 3', /^Can only handle single comparisons like a<b not a<b<c$/, 7],
    ['a == b != c', /single comparisons/, 8],
    ['a if c else b', /Conditional expressions .* not supported/, 3],
    ['f(x=1)', /^Keyword arguments not supported$/, 4],
    ['f(*a)', /Unpacking/, 3],
    ['lambda x: x', /Lambda expressions are not supported/, 1],
    ['a.b', /Attribute access/, 2],
    ['a[0]', /Indexing/, 2],
    ['[1, 2]', /Lists/, 1],
    ['{1}', /Sets and dictionaries/, 1],
    ["'abc'", /String literals are not supported/, 1],
    ['x + "a"', /String literals are not supported/, 5],
    ["b'x'", /String literals are not supported/, 1],
    ['a is b', /"is" is not supported/, 3],
    ['a in b', /"in" is not supported/, 3],
    ['a not in b', /"not in" is not supported/, 3],
    ['(x := 3)', /Assignment expressions/, 4],
    ['None', /"None" is not supported/, 1],
    ['1j', /Complex number literals/, 1],
    ['f(x)(y)', /Only named functions can be called/, 5],
    ['(a, b)', /Tuples/, 3],
    ['a, b', /Tuples/, 2],
    ['()', /Empty parentheses/, 1],
    ['f(x for x in y)', /Generator expressions/, 5],
    ['x + class', /keyword 'class'/, 5],
    ['class', /keyword 'class'/, 1],
    ['a == not b', /"not" cannot be used as an operand here/, 6],
    ['a + not b', /"not" cannot be used/, 5],
    ['1.2.3', /^Invalid number literal '1\.2\.3'$/, 1],
    ['1e', /Invalid number literal '1e'/, 1],
    ['1e+', /Invalid number literal/, 1],
    ['2x', /Invalid number literal '2x'/, 1],
    ['1__0', /Invalid number literal/, 1],
    ['1_', /Invalid number literal/, 1],
    ['0x', /Invalid number literal/, 1],
    ['08', /Leading zeros in decimal integer literals are not permitted/, 1],
    ['0_1', /Leading zeros/, 1],
    ['(a + b', /^Expected '\)' but found end of input$/, 7],
    ['f(a, b', /Expected '\)' but found end of input/, 7],
    ['f(a b)', /Expected ',' or '\)' in the arguments of 'f' but found name 'b'/, 5],
    ['f(,)', /Expected an expression but found ','/, 3],
    ['a + b)', /Unmatched '\)'/, 6],
    [')', /Expected an expression but found '\)'/, 1],
    ['a +', /Expected an expression but found end of input/, 4],
    ['a + * b', /Expected an expression but found '\*'/, 5],
    ['a b', /Expected an operator or end of input but found name 'b'/, 3],
    ['x = 1', /Assignment \("="\) is not allowed in an expression; use '==' to compare/, 3],
    ['x += 1', /Assignment \("\+="\) is not allowed/, 3],
    ['a ; b', /';' separates statements/, 3],
    ['a $ b', /^Unexpected character '\$' \(U\+0024\)$/, 3],
    ['a ! b', /"!" is not supported/, 3],
    ['α + 1', /Unexpected character 'α' \(U\+03B1\)/, 1],
    ['a\u0000', /Unexpected character U\+0000/, 2],
    ['a \\ b', /Unexpected character '\\'/, 3],
    ['', /the input is empty/, 1],
    ['  # just a comment', /the input is empty/, 19],
  ];
  for (const [source, pattern, column] of cases) {
    it(`parseExpression(${JSON.stringify(source)}) throws ParseError ${pattern} at column ${column}`, () =>
      exprError(source, pattern, column));
  }

  it('reports line and column in multi-line input', () => {
    exprError('(a +\n  b $ c)', /Unexpected character '\$'/, 5, 2);
  });

  it('rejects nesting deeper than MAX_NESTING_DEPTH without overflowing the stack', () => {
    const deep = `${'('.repeat(10_000)}x${')'.repeat(10_000)}`;
    exprError(deep, /nested too deeply/);
    exprError(`${'-'.repeat(10_000)}x`, /nested too deeply/);
    exprError(Array(50_000).fill('1').join('+'), /nested too deeply/);
    exprError(`${'f('.repeat(5000)}x${')'.repeat(5000)}`, /nested too deeply/);
    exprError(`${'x**'.repeat(5000)}x`, /nested too deeply/);
    // Just inside the limit is fine.
    assert.equal(parseExpression(Array(MAX_NESTING_DEPTH).fill('1').join('+')).kind, 'binary');
  });

  it('never backtracks badly on long inputs (10^5 characters in well under a second)', () => {
    const long = Array(12_000).fill('(a+1)*b').join(' - (c - d) + ').slice(0, 100_000);
    const began = performance.now();
    assert.throws(() => parseExpression(long), ParseError);
    const flat = `f(${Array(20_000).fill('x*2').join(', ')})`;
    assert.equal(parseExpression(flat).kind, 'call');
    assert.ok(performance.now() - began < 1000);
  });
});

describe('parseStatements', () => {
  it('parses each operator and keeps order', () => {
    const ops = ['=', '+=', '-=', '*=', '/=', '%='] as const;
    const st = parseStatements(ops.map((op, k) => `x${k} ${op} ${k}`).join('\n'));
    assert.deepEqual(
      st.map((s) => [s.target, s.op]),
      ops.map((op, k) => [`x${k}`, op]),
    );
  });
  it('splits on newlines and semicolons, skipping blank and comment-only lines', () => {
    const st = parseStatements('\n  v = vr  ;; w += 1\n\n  # a comment line\n\tge = 0 ;\n');
    assert.deepEqual(st.map(stripStatementSpans), [
      { kind: 'statement', target: 'v', op: '=', value: name('vr') },
      { kind: 'statement', target: 'w', op: '+=', value: num(1) },
      { kind: 'statement', target: 'ge', op: '=', value: num(0) },
    ]);
    assert.deepEqual(parseStatements('  # nothing\n\n;'), []);
  });
  it('keeps a trailing comment (trimmed) on its statement; the comment runs to the end of the line', () => {
    const st = parseStatements('v = -60*mV  # reset; see paper \nx = 1 #');
    assert.equal(st.length, 2);
    assert.equal(st[0]!.comment, 'reset; see paper');
    assert.equal(st[1]!.comment, '');
    assert.deepEqual(stripSpans(st[0]!.value), binary('*', unary('-', num(60)), name('mV')));
    assert.equal(parseStatements('x = 1').at(0)!.comment, undefined);
  });
  it('gives statements span and targetSpan', () => {
    const [a, b] = parseStatements('x = (a)  # c\n  y += f(1)');
    assert.deepEqual(a!.span, { start: 0, end: 7 });
    assert.deepEqual(a!.targetSpan, { start: 0, end: 1 });
    assert.deepEqual(b!.span, { start: 15, end: 24 });
    assert.deepEqual(b!.targetSpan, { start: 15, end: 16 });
    assert.deepEqual(stripSpans(b!.value), call('f', [num(1)]));
  });
  const errors: [string, RegExp, number, number?][] = [
    ['x //= 2', /"\/\/=" is not supported in statements/, 3],
    ['x **= 2', /"\*\*=" is not supported in statements/, 3],
    ['x ^= 2', /"\^=" is not supported/, 3],
    ['x[0] = 1', /must be a plain variable name, but 'x' is followed by '\['/, 2],
    ['f(x) = 1', /must be a plain variable name/, 2],
    ['x.y = 1', /must be a plain variable name/, 2],
    ['1 = x', /Expected a variable name at the start of the statement but found number '1'/, 1],
    ['= 3', /Expected a variable name/, 1],
    ['lambda = 3', /'lambda' is a Python keyword and cannot be used as a variable name/, 1],
    ['x = class', /keyword 'class'/, 5],
    ['x', /Expected an assignment operator \(=, \+=, -=, \*=, \/=, %=\) after 'x' but found end of input/, 2],
    ['x + 1', /Expected an assignment operator .* but found '\+'/, 3],
    ['x == 1', /Expected an assignment operator .* but found '=='/, 3],
    ['x =', /Empty expression in the right-hand side/, 4],
    ['x = # c', /Empty expression/, 5],
    ['x = ; y = 1', /Empty expression/, 5],
    ['a = b = c', /^Only support syntax like a=b not a=b=c$/, 7],
    ['x = 1 2', /Expected an operator or end of line but found number '2'/, 7],
    ['x = -', /Expected an expression but found end of input/, 6],
    ['x = -\ny = 1', /Expected an expression but found end of line/, 6],
    ['x = (a +\n b)', /a statement must fit on one line/, 9],
    ['x = f(a,\n b)', /Expected an expression but found end of line \(a statement must fit on one line\)/, 9],
    ['x = (a\n)', /Expected '\)' but found end of line \(a statement must fit on one line; '\(' opened at column 5\)/, 7],
    ['x = a + \\\n b', /cannot be continued on the next line with a backslash/, 9],
    ['x = 1\ny = 1 < 2 < 3', /single comparisons/, 11, 2],
    ["x = 'a'", /String literals/, 5],
  ];
  for (const [source, pattern, column, line] of errors) {
    it(`parseStatements(${JSON.stringify(source)}) throws ParseError ${pattern}`, () => stmtError(source, pattern, column, line));
  }
});
