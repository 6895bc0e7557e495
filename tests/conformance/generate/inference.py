"""Golden data for src/inference: unit and type inference of expressions and statements.

Usage: /usr/bin/python3 tests/conformance/generate/inference.py OUT.json

Every case runs through Brian2 2.5.1's own machinery, in the order Brian2 applies it:
  expressions  name resolution (Group.resolve_all), parse_expression_dimensions,
               brian_ast (type and scalarity), check_expression_for_multiple_stateful_functions
  statements   resolution, check_units_statements (dimensions, temporaries),
               make_statements (temporary types and scalarity, scalar-write order), stateful check
  boolean      is_boolean_expression as NeuronGroup's Thresholder uses it, then the dimensions
  dimensions   brian2.equations.unitcheck.check_dimensions (expected dimension of an equation RHS)
The variable table comes from a real NeuronGroup plus a run namespace, and is written to the
fixture so the TypeScript test builds the same scope.
"""
import json
import sys
import warnings

warnings.filterwarnings('ignore')

import numpy as np  # noqa: E402
from brian2 import NeuronGroup, mV, ms, second, volt, prefs  # noqa: E402
from brian2.core.variables import Constant, Subexpression  # noqa: E402
from brian2.codegen.translation import analyse_identifiers, make_statements  # noqa: E402
from brian2.equations.unitcheck import check_units_statements, check_dimensions  # noqa: E402
from brian2.parsing.bast import brian_ast, brian_dtype_from_dtype  # noqa: E402
from brian2.parsing.expressions import parse_expression_dimensions, is_boolean_expression  # noqa: E402
from brian2.parsing.statements import parse_statement  # noqa: E402
from brian2.parsing.sympytools import check_expression_for_multiple_stateful_functions  # noqa: E402
from brian2.units.fundamentalunits import (DimensionMismatchError, get_dimensions,  # noqa: E402
                                           user_unit_register)
from brian2.utils.stringtools import get_identifiers  # noqa: E402
from brian2.core.variables import Variable  # noqa: E402

prefs.codegen.target = 'numpy'

EQUATIONS = '''
v : volt
I : amp
g : siemens
tau : second
n : integer
b : boolean
x : 1
sv : volt (shared)
sk : integer (shared, constant)
z = v/tau : volt/second
'''
G = NeuronGroup(3, EQUATIONS, refractory=2 * ms, name='neurons')
NAMESPACE = dict(v0=-70 * mV, k=3, half=0.5, tau_c=5 * ms, flag=True)

# What we want to infer, and why each case is there. Deviations (where brian-ts is stricter or
# defines what Brian2 leaves odd) are listed in tests/conformance/inference.test.ts.
EXPRESSIONS = [
    # names, literals, types
    'v', 'n', 'b', 'x', 'i', 'N', 't', 'dt', 'lastspike', 'not_refractory', 'sv', 'sk', 'z',
    'pi', 'e', 'inf', 'mV', 'v0', 'k', 'half', 'flag', 'tau_c', 'True', '3', '3.0', '2.5e-3',
    # + - (same dims), * / (combine)
    'v + v', 'v - 2*mV', 'v*g', 'v/tau', '(v0 - v)/tau', 'I/g', 'g*(v - v0)', '-v', '+v',
    '(v - v0)*g/I', 'dt*Hz', 't/ms', 'tau_c/ms', 'sv + v', 'z*tau', 'pi*e', '1*mV*1*nA',
    # type lattice
    '3/2', 'n/2', 'n//2', 'n % 3', 'x // 2', '7.5 % 2', 'n*x', 'b + n', 'b + b', 'i*2', 'sk*2',
    'k*2', 'k/2', 'n - 1', '-n', 'n*1.0',
    # ** : dimensionless, or base with units and a constant exponent
    'x**2', 'x**x', 'x**n', 'v**2', 'v**2.5', 'v**-1', 'v**k', 'v**half', 'v**(1/2)',
    'v**(k - 1)', 'v**(2**2)', 'v**(7//2)', 'v**(7 % 4)', 'v**(-k)', 'exp(x)**2', 'n**2',
    'v**True',
    # functions
    'sqrt(v*v)', 'sqrt(g)', 'exp(-v/v0)', 'exprel(x)', 'log(x) + log10(x) + log1p(x) + expm1(x)',
    'sin(x) + cos(x) + tan(x)', 'sinh(x)*cosh(x)/tanh(x)', 'arcsin(x) + arccos(x) + arctan(x)',
    'abs(v)', 'abs(n)', 'abs(b)', 'sign(v)', 'sign(n)', 'floor(v)', 'ceil(n)', 'floor(x)',
    'clip(v, v0, 0*mV)', 'clip(n, 0, 10)', 'clip(x, 0, inf)', 'int(x)', 'int(b)', 'int(v/mV)',
    'int(n)', 'rand()', 'randn()*mV', 'poisson(x)', 'timestep(t, dt)', 'timestep(lastspike, dt)',
    'rand() < 0.5', 'randn()*rand()', 'exp(sv/mV)', 'exp(x/k)',
    # comparisons and logic
    'v > v0', 'v >= 0*mV', 'n == 3', 'b and (v < v0)', 'not b', 'b or not_refractory',
    'False and b', 'n != k', 'b == True', 'not (v > v0)', 't > 5*ms',
    # errors: + - % and comparisons need the same dims, a bare 0 included
    'v > 0', 'v + 3', 'v - 1', 'v % 2', 'v + I', 'tau + 5', 'v < I', 'abs(v) + 1',
    'exp(v/mV) + v', '(v > v0) + v', 'lastspike + 1', 'v == 0', '0 + v',
    # errors: floor division, exponents
    'v // mV', 'x // v', 'v**n', 'v**x', 'v**rand()', 'v**(n > 1)', 'v**sv',
    # errors: function calls
    'exp(v)', 'sqrt()', 'exp(x, x)', 'clip(v, 0, 1)', 'clip(v, v0, 1)', 'int(v)',
    'timestep(t, 1)', 'poisson(v)', 'rand(2)', 'log(tau)',
    # errors: names
    'v/tau_m', 'exp + 1', 'foo(x)', 'v(2)',
    # errors: booleans
    'b and x', 'x or b', '-b', '+b',
    # errors: stateful functions
    'rand() + rand()', 'poisson(x) + poisson(x)', 'rand()*mV < rand()*mV',
    # brian-ts is stricter here (see the test's DEVIATIONS)
    '2**tau_c', 'v**ms', 'not x', 'not n',
]

STATEMENTS = [
    'v = v0', 'v += 2*mV', 'v -= v0', 'v *= 2', 'v /= x', 'v %= v0', 'n += 1', 'n /= 4',
    'tmp = v + v0\nv = tmp', 'm2 = n*2', 'c = v > v0', 'q = t/ms', 'b = v > v0',
    'lastspike = t', 'not_refractory = False', 'sv = 2*mV\nv = sv', 'x = rand()',
    'tmp = 1\ntmp += 2', 'v = v0; g = 0*siemens', 'r = randn()\nv = r*mV',
    'tmp = b and not_refractory', 'w2 = sv*2', 'v = clip(v + 2*mV, v0, 0*mV)',
    'I = g*(v0 - v)', 'x = int(b) * 2.0  # comment',
    # errors
    'v = 3', 'v += 3', 'v *= 2*mV', 'v /= tau', 'v %= 3', 'v -= 1', 'tmp = 3\ntmp = v',
    'v = w2', 'y += 1', 'v = sv; sv = 2*mV', 'v = rand()*mV + rand()*mV', 'z = 3*mV/ms',
    'b = v', 'I = v/g*2*mV',
    # brian-ts rejects writes that Brian2 lets through here (see DEVIATIONS)
    't = 5*ms', 'pi = 3', 'i = 3', 'N = 2', 'mV = 3', 'exp = 3', 'dt = 1*ms', 'k = 2',
]

BOOLEANS = [
    'v > v0', 'v', 'b', 'not_refractory and v > v0', 'rand() < 0.5', 'x + 1', 'v > 0',
    'int(b)', 'b or x > 1', 'True', 'not b', 'abs(b)',
]

DIMENSIONS = [
    ('(v0 - v)/tau', 'volt/second'), ('-v', 'volt/second'), ('v/tau', 'volt'),
    ('I/g', 'volt'), ('x', '1'), ('rand()', '1'), ('v/mV', '1'), ('sqrt(x)*v', 'volt'),
]
# Dimension arithmetic only: `volt/second` on Units would register a display unit (see below)
DIMENSION_NAMES = {'volt/second': volt.dim / second.dim, 'volt': volt.dim, '1': volt.dim / volt.dim}


def forget_user_units():
    """Brian2 registers every compound Unit it creates (e.g. `volt/second` while parsing the
    equations) for display, so its messages depend on history. Clear that registry so messages
    show the history-free display that brian-ts reproduces."""
    user_unit_register.units.clear()
    user_unit_register.units_for_dimensions.clear()


def dims_list(dim):
    return [float(e) for e in get_dimensions(dim)._dims]


def error_record(ex):
    record = {'class': type(ex).__name__,
              'message': str(ex.args[0]) if isinstance(ex, KeyError) else str(ex)}
    if isinstance(ex, DimensionMismatchError):
        record['description'] = ex.desc
        record['dims'] = [dims_list(d) for d in ex.dims]
    return record


def resolve(identifiers):
    forget_user_units()
    return G.resolve_all(sorted(identifiers), run_namespace=NAMESPACE)


def run_expression(expr):
    try:
        variables = resolve(get_identifiers(expr))
        dim = parse_expression_dimensions(expr, variables)
        node = brian_ast(expr, variables)
        check_expression_for_multiple_stateful_functions(expr, variables)
        return {'dims': dims_list(dim), 'type': node.dtype, 'scalar': bool(node.scalar)}
    except Exception as ex:  # noqa: BLE001 -- the exception is the expected result
        return {'error': error_record(ex)}


def run_statements(code):
    try:
        _, used_known, unknown = analyse_identifiers(code, G.variables, recursive=True)
        variables = resolve(used_known | unknown)
        check_units_statements(code, variables)
        # check_units_statements does not report the temporaries' dimensions: recompute them
        dims_of = dict(variables)
        temporaries = []
        for line in [l.strip() for l in code.replace(';', '\n').split('\n') if l.strip()]:
            var, op, expr, _ = parse_statement(line)
            check_expression_for_multiple_stateful_functions(expr, dims_of)
            if op == '=' and var not in dims_of:
                dim = parse_expression_dimensions(expr, dims_of)
                dims_of[var] = Variable(name=var, dimensions=get_dimensions(dim), scalar=False)
                temporaries.append({'name': var, 'dims': dims_list(dim)})
        scalar_stmts, vector_stmts = make_statements(code, variables, np.float64, optimise=False)
        declared = {s.var: s for s in scalar_stmts + vector_stmts if s.op == ':='}
        for temp in temporaries:
            stmt = declared[temp['name']]
            temp['type'] = brian_dtype_from_dtype(stmt.dtype)
            temp['scalar'] = bool(stmt.scalar)
        return {'temporaries': temporaries}
    except Exception as ex:  # noqa: BLE001
        return {'error': error_record(ex)}


def run_boolean(expr):
    try:
        variables = resolve(get_identifiers(expr))
        if not is_boolean_expression(expr, variables):
            raise TypeError(f"Threshold condition '{expr}' is not a boolean expression")
        parse_expression_dimensions(expr, variables)
        brian_ast(expr, variables)
        return {'ok': True}
    except Exception as ex:  # noqa: BLE001
        return {'error': error_record(ex)}


def run_dimensions(expr, expected):
    try:
        variables = resolve(get_identifiers(expr))
        check_dimensions(expr, DIMENSION_NAMES[expected], variables)
        return {'ok': True}
    except Exception as ex:  # noqa: BLE001
        return {'error': error_record(ex)}


def symbol_table():
    """The group's variables and the run namespace, as the TS test's scope needs them."""
    table = []
    for name, var in sorted(G.variables.items()):
        if name.startswith('_'):
            continue
        entry = {
            'name': name,
            'kind': 'subexpression' if isinstance(var, Subexpression) else
                    ('constant' if isinstance(var, Constant) else 'variable'),
            'dims': dims_list(var.dim),
            'type': brian_dtype_from_dtype(var.dtype),
            'scalar': bool(var.scalar),
            'readOnly': bool(var.read_only),
            'origin': 'group',
        }
        if isinstance(var, Constant):
            entry['value'] = float(var.value)
        table.append(entry)
    resolved = resolve(NAMESPACE.keys())
    for name in sorted(NAMESPACE):
        var = resolved[name]
        table.append({'name': name, 'kind': 'constant', 'dims': dims_list(var.dim),
                      'type': brian_dtype_from_dtype(var.dtype), 'scalar': True, 'readOnly': True,
                      'value': float(var.value), 'origin': 'namespace'})
    return table


def main(out):
    assert len(set(EXPRESSIONS)) == len(EXPRESSIONS), 'duplicate expression case'
    fixture = {
        'brian2': __import__('brian2').__version__,
        'equations': EQUATIONS.strip(),
        'symbols': symbol_table(),
        'expressions': [{'source': e, **run_expression(e)} for e in EXPRESSIONS],
        'statements': [{'source': s, **run_statements(s)} for s in STATEMENTS],
        'booleans': [{'source': e, **run_boolean(e)} for e in BOOLEANS],
        'dimensions': [{'source': e, 'expected': d, 'expectedDims': dims_list(DIMENSION_NAMES[d]),
                        **run_dimensions(e, d)} for e, d in DIMENSIONS],
    }
    with open(out, 'w') as f:
        json.dump(fixture, f, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main(sys.argv[1])
