"""Conformance data for src/parsing: how Brian2 2.5.1 parses expressions and statements.

Writes a JSON fixture (path in argv[1]) with
- ``expressions``: for each case, whether Python's ``ast`` and Brian2's ``NodeRenderer`` accept it,
  Brian2's rendering or error, and a fully parenthesised canonical form of Python's parse tree
  (left-folded ``and``/``or``), which the TS test compares with its own tree;
- ``statements``: Brian2's own statement splitting and ``parse_statement`` result per line;
- ``corpus``: real model expressions and statements harvested from Brian2's examples and tests
  (equation right-hand sides via Brian2's own Equations parser), used by the fuzz tests.

``accept`` is what brian-ts must do. It equals Brian2's acceptance except for the DEVIATIONS below,
where Brian2's renderer lets something through that fails later (or is meaningless) in Brian2.
"""
import ast
import glob
import json
import re
import sys
import warnings

warnings.filterwarnings('ignore')

from brian2 import Equations
from brian2.parsing.rendering import NodeRenderer
from brian2.parsing.statements import parse_statement
from brian2.utils.stringtools import deindent, strip_empty_lines

# Inputs where brian-ts deliberately rejects what NodeRenderer renders, with the reason.
DEVIATIONS = {
    "'abc'": 'string literals have no meaning in Brian (rejected later by sympy/codegen)',
    '"x" + 1': 'string literals have no meaning in Brian',
    'None': 'None has no meaning in Brian (rejected later by unit checking)',
    '1j': 'complex literals are unsupported (sympy conversion fails)',
    '2 + 3J': 'complex literals are unsupported (sympy conversion fails)',
    '...': 'the Ellipsis has no meaning in Brian',
    'α + 1': "identifiers are ASCII-only, as in Brian2's equation and statement grammars",
}
# Statements where brian-ts deliberately differs: (brian-ts accepts?, reason).
STATEMENT_DEVIATIONS = {
    'x //= 2': (False, 'Brian2 accepts it syntactically but fails at codegen with "Unknown operator"'),
    'x **= 2': (False, 'Brian2 accepts it syntactically but fails at codegen with "Unknown operator"'),
    'x ^= 2': (False, 'Brian2 accepts it syntactically but fails at codegen'),
    'x &= y': (False, 'Brian2 accepts it syntactically but fails at codegen'),
    'x = 1  # a; b': (True, 'brian-ts reads a comment to the end of the line; Brian2 splits at ";" first and fails on " b"'),
    "x = 'a'": (False, 'string literals have no meaning in Brian'),
    'lambda = 3': (False, 'Python keywords cannot be variables (Brian2 fails later, when generating code)'),
}

EXPRESSIONS = [
    # precedence and associativity
    '-x**2', '2**-1', 'x**y**z', '(x**y)**z', 'not a == b', 'a//b%c', 'a - b - c', 'a - (b - c)',
    'a / b / c', 'a / (b / c)', 'a * b ** c', '(a * b) ** c', '-a * b', '-(a * b)', '- - x', '+-x',
    '-x ** -y', '(-x) ** y', 'a + b * c', '(a + b) * c', 'a % b * c', 'a * (b % c)', 'a ** -b ** c',
    'a and b or c', 'a and (b or c)', 'a or b and c', '(a or b) and c', 'a or b or c', 'a or (b or c)',
    'a and b and c', 'a and (b and c)', 'not a and b', 'not (a and b)', 'not not a', 'a and not b',
    'not a < b', '(not a) < b', 'a < b == True', '(a < b) == (c > d)', 'a == (b < c)', 'a != b',
    'a <= b + c', 'a + b >= c * d', '-a < -b', '(a < b) + 1', 'not -x', '-(not x)', 'x ** (not y)',
    '2 ** 3 ** 2', '-2 ** 2', '(-2) ** 2', 'a // -b', 'a % -b % c',
    # literals
    '1', '1.', '.5', '1e-3', '1E+3', '1.5e3', '1.e5', '0', '00', '0.0', '1_000', '1_000.5', '0x1F',
    '0o17', '0b101', '1e400', '3.14159', '1e16', '1e15', '123456789.125', '1e-5', '0.0001', '5e-324',
    '08.5', '08e1', '1e0', 'True', 'False', 'True and not False', '0_0',
    # calls
    'f()', 'f(x)', 'f(x, y)', 'f(x,)', 'exp(-v/tau)', 'clip(w + dw, 0, wmax)', 'int(rand() < p)',
    'f(g(h(x)))', 'f(a and b, not c)', 'f((a, b))',
    # whitespace, comments and line joining
    '  a +\tb  ', 'a + b  # comment', '(a +\n b)', 'f(a,\n  b)', 'a + \\\n b', '\n a + b \n', 'a +\n b',
    # errors Brian2 reports with its own wording
    'x ^ 2', 'a & b', 'a | b', '1 < x < 3', 'a < b > c', 'a if c else b', 'f(x=1)', 'f(*a)', 'f(**k)',
    # other unsupported Python syntax
    '~a', 'a << 2', 'a >> 2', 'a @ b', 'a.b', 'a[0]', 'a[0:1]', '[1, 2]', '{1: 2}', '{1}', "'abc'", '"x" + 1',
    'a is b', 'a is not b', 'a in b', 'a not in b', '(x := 3)', 'lambda x: x', 'None', '1j', '2 + 3J',
    'f(x)(y)', '(f)(x)', '(a, b)', 'a, b', '()', 'x for x in y', 'f(x for x in y)', 'yield x', 'await x',
    '...',
    # malformed input
    '', '   ', '# only a comment', '(', ')', '(a + b', 'a + b)', 'a +', '* a', 'a b', 'a + * b', '1.2.3', '1e',
    '1e+', '08', '0_1', '1__0', '1_', '0x', '2x', 'x = 1', 'a == = b', 'a $ b', 'a ! b', '!a', 'a ; b',
    'x + class', 'lambda', 'class', 'f(,)', 'f(a,,b)', 'f(a b)', 'not', 'a not b', 'a and', 'or b',
    '\\', 'a \\ b', 'if', 'a == not b', 'a + not b', 'α + 1', '1 +* 2',
]

STATEMENTS = [
    'v = -60*mV', 'x += 1', 'x -= y', 'x *= 2', 'x /= 3', 'x %= 4', 'v = vr  # reset', '  v = vr # reset  ',
    'x = 1; y = 2', 'x = 1\ny = 2', 'x = 1;\n\n;y = 2\n# comment\n', 'v_post += w*(1 - int(not_refractory))',
    'x = a if c else b', 'x //= 2', 'x **= 2', 'x ^= 2', 'x &= y', 'x[0] = 1', 'f(x) = 1', '1 = x', 'x =',
    'x = ', 'x', 'x + 1', 'lambda = 3', 'x = class', 'a = b = c', 'x == 1', 'x = 1  # a; b', "x = 'a'",
    'x = (a +\n b)', 'x = f(a,\n b)', '= 3', 'x = 1 2', 'x = -', 'x.y = 1',
]


def canonical(node):
    """Fully parenthesised rendering of a Python expression tree; and/or folded to the left."""
    if isinstance(node, ast.BinOp):
        return f'({canonical(node.left)} {NodeRenderer.expression_ops[type(node.op).__name__]} {canonical(node.right)})'
    if isinstance(node, ast.UnaryOp):
        op = NodeRenderer.expression_ops[type(node.op).__name__]
        return f'({op}{" " if op == "not" else ""}{canonical(node.operand)})'
    if isinstance(node, ast.BoolOp):
        op = NodeRenderer.expression_ops[type(node.op).__name__]
        out = canonical(node.values[0])
        for v in node.values[1:]:
            out = f'({out} {op} {canonical(v)})'
        return out
    if isinstance(node, ast.Compare):
        if len(node.ops) != 1:
            raise SyntaxError('chained comparison')
        return f'({canonical(node.left)} {NodeRenderer.expression_ops[type(node.ops[0]).__name__]} {canonical(node.comparators[0])})'
    if isinstance(node, ast.Call):
        if node.keywords or not isinstance(node.func, ast.Name):
            raise SyntaxError('unsupported call')
        return f'{node.func.id}({", ".join(canonical(a) for a in node.args)})'
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Constant) and isinstance(node.value, (bool, int, float)):
        return repr(node.value)
    raise SyntaxError(f'unsupported node {type(node).__name__}')


def describe_error(exc):
    return f'{type(exc).__name__}: {exc}'


def expression_case(source):
    case = {'source': source}
    stripped = source.strip()
    try:
        tree = ast.parse(stripped, mode='eval')
        case['pythonOk'] = True
    except SyntaxError as exc:
        case['pythonOk'] = False
        case['pythonError'] = exc.msg
        tree = None
    try:
        case['brianRender'] = NodeRenderer().render_expr(source)
        case['brianOk'] = True
    except Exception as exc:  # Brian2 raises SyntaxError, KeyError, ValueError, ...
        case['brianOk'] = False
        case['brianError'] = describe_error(exc)
    case['accept'] = case['brianOk'] and source not in DEVIATIONS
    if case['accept']:
        case['canonical'] = canonical(tree.body)
    if source in DEVIATIONS:
        case['deviation'] = DEVIATIONS[source]
    return case


def statement_case(source):
    case = {'source': source, 'lines': []}
    ok = True
    try:
        lines = re.split(r'[;\n]', strip_empty_lines(deindent(source)))
        for line in lines:
            if not line.strip() or line.strip().startswith('#'):
                continue
            var, op, expr, comment = parse_statement(line)
            rendered = NodeRenderer().render_expr(expr)
            case['lines'].append({'target': var, 'op': op, 'comment': comment, 'brianRender': rendered, 'rhs': expr})
    except Exception as exc:
        ok = False
        case['brianError'] = describe_error(exc)
    case['brianOk'] = ok
    case['accept'] = STATEMENT_DEVIATIONS[source][0] if source in STATEMENT_DEVIATIONS else ok
    if source in STATEMENT_DEVIATIONS:
        case['deviation'] = STATEMENT_DEVIATIONS[source][1]
        case['lines'] = []  # brian-ts's result is checked in src/parsing/parser.test.ts instead
    elif case['accept']:
        for line in case['lines']:
            line['canonical'] = canonical(ast.parse(line.pop('rhs').strip(), mode='eval').body)
    else:
        for line in case['lines']:
            line.pop('rhs')
    return case


def harvest_corpus():
    """Model strings from Brian2's examples and test suite."""
    files = sorted(glob.glob('/usr/share/doc/python-brian-doc/examples/**/*.py', recursive=True))
    files += sorted(glob.glob('/usr/lib/python3/dist-packages/brian2/tests/test_*.py'))
    expressions, statements = {}, {}
    for path in files:
        try:
            tree = ast.parse(open(path, encoding='utf8').read())
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            text = node.value
            if not text.strip() or '{' in text or len(text) > 2000:
                continue
            try:
                eqs = Equations(text)
                for eq in eqs.values():
                    if eq.expr is not None:
                        expressions.setdefault(eq.expr.code, None)
                continue
            except Exception:
                pass
            try:
                lines = [l for l in re.split(r'[;\n]', strip_empty_lines(deindent(text)))
                         if l.strip() and not l.strip().startswith('#')]
                if lines and all(parse_statement(l)[1] in ('=', '+=', '-=', '*=', '/=', '%=') for l in lines):
                    for l in lines:
                        NodeRenderer().render_expr(parse_statement(l)[2])
                    statements.setdefault(text, None)
                    continue
            except Exception:
                pass
            try:
                stripped = text.strip()
                body = ast.parse(stripped, mode='eval').body
                canonical(body)
                if not isinstance(body, (ast.Name, ast.Constant)):
                    expressions.setdefault(stripped, None)
            except Exception:
                pass
    return sorted(expressions), sorted(statements)


def main(out_path):
    corpus_expressions, corpus_statements = harvest_corpus()
    data = {
        'generator': 'tests/conformance/generate/parsing.py',
        'expressions': [expression_case(s) for s in EXPRESSIONS + corpus_expressions],
        'statements': [statement_case(s) for s in STATEMENTS + corpus_statements],
        'corpus': {'expressions': corpus_expressions, 'statements': corpus_statements},
    }
    with open(out_path, 'w', encoding='utf8') as f:
        json.dump(data, f, indent=1, ensure_ascii=False)
        f.write('\n')


if __name__ == '__main__':
    main(sys.argv[1])
