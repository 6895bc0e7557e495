"""Cross-layer error conformance: bad inputs for units, expressions and equations, with the
exception class and message Brian2 2.5.1 raises for each. tests/conformance/errors.test.ts runs
the same inputs through brian-ts and checks the mapped error class (and Brian2's wording where
brian-ts reuses it). Complements the per-area fixtures (units, parsing, inference, equations) with
one data-driven summary across the layers.
Usage: /usr/bin/python3 errors.py OUTPUT.json
"""
import json
import sys
import warnings

warnings.filterwarnings('ignore')
from brian2 import *  # noqa: E402,F401,F403
from brian2.equations.codestrings import Expression  # noqa: E402
from brian2.parsing.bast import brian_ast  # noqa: E402
from brian2.parsing.expressions import parse_expression_dimensions  # noqa: E402
from brian2.units.fundamentalunits import get_dimensions, user_unit_register  # noqa: E402
from brian2.utils.stringtools import get_identifiers  # noqa: E402

# Quantity operations: (left, op, right); an operand is [value, unit] or a plain number.
UNIT_CASES = [
    ([3, 'mV'], '+', [2, 'amp']),
    ([3, 'mV'], '-', [2, 'ms']),
    ([3, 'mV'], '+', 1),
    (5, '-', [2, 'nS']),
    ([3, 'mV'], '<', [2, 'nA']),
    ([3, 'mV'], '>=', 2),
    ([1, 'second'], '==', [1, 'volt']),
    ([7, 'mV'], '%', [2, 'ms']),
    (2, '**', [1, 'mV']),
    ([2, 'mV'], '**', [1, 'ms']),
    ([10, 'Hz'], '+', [1, 'second']),
    ([1, 'kgram'], '-', [1, 'kelvin']),
    ([3, 'uF'], '+', [3, 'uS']),
    ([1, 'mM'], '<=', [1, 'mole']),
    # unit-aware functions and conversions: (function, argument[, unit])
    ('exp', [3, 'mV']),
    ('log', [2, 'ms']),
    ('sin', [1, 'metre']),
    ('exprel', [1, 'nA']),
    ('in_unit', [3, 'mV'], 'amp'),
    ('in_unit', [5, 'ms'], 'Hz'),
]

# Expressions, checked against this variable table (Brian2: parse, then parse_expression_dimensions).
VARIABLES = '''
v : volt
I : amp
g : siemens
tau : second
n : integer
b : boolean
x : 1
'''
EXPRESSION_CASES = [
    # syntax (Python's ast / Brian2's renderer)
    'v +', '(v', 'v)', 'v ^ 2', 'v & b', 'a if b else c', '1 < x < 3', 'v[0]', 'f(x=1)', "'abc'",
    'lambda: 1', 'x.real', '[1, 2]', 'v = 3', '3 +* 4',
    # units and types
    'v + I', 'v > 0', 'g*v + v', 'exp(v)', 'sqrt(v) + v', 'v**x', 'v // (1*mV)', 'b and x', 'v > 1*mV or x',
    'clip(v, 0, 1)', 'exp(x, x)', 'unknown_name + 1', 'v(3)', 'tau + 1*ms*x + 1',
]

# Equations (Brian2's Equations(...); with a namespace, also check_units in a NeuronGroup).
EQUATION_CASES = [
    ('dv/dt = -v/tau : volt\nv : volt', None),
    ('x : mV', None),
    ('x : bool', None),
    ('x : volt/second**', None),
    ('x : 2*amp', None),
    ('x : cmetre', None),
    ('dn/dt = 1/second : integer', None),
    ('dt : second', None),
    ('class : 1', None),
    ('exprel : 1', None),
    ('inf : 1', None),
    ('refractory : second', None),
    ('x = xi*mV : volt', None),
    ('a = 2*b : 1\nb = a/2 : 1', None),
    ('dv/dt = -v/tau', None),
    ('dv/dt -v/tau : volt', None),
    ('x : volt (constant', None),
    ('dv/dt = (v0 - v/tau : volt', None),
    ('dv/dt = v0 - v)/tau : volt', None),
    ('dv/dt = -v/tau : volt', {'tau': [10, 'mV']}),
    ('dv/dt = -v : volt', {}),
    ('dv/dt = -v/tau_m : volt', {}),
    ('dv/dt = (v0 - v)/tau : volt\nv0 = 3*nA : amp', {'tau': [10, 'ms']}),
    ('dg/dt = -g/tau + exp(v)/tau : siemens\nv : volt', {'tau': [5, 'ms']}),
]


def forget_user_units():
    # Brian2 registers every compound Unit it creates for display; start each case without them.
    user_unit_register.units.clear()
    user_unit_register.units_for_dimensions.clear()


def operand(o):
    return o[0] * eval(o[1]) if isinstance(o, list) else o


def dims(d):
    return [float(e) for e in get_dimensions(d)._dims]


def error_record(ex):
    return {'class': type(ex).__name__, 'message': str(ex.args[0]) if isinstance(ex, KeyError) and ex.args else str(ex)}


def run_unit(case):
    forget_user_units()
    try:
        if isinstance(case[0], str):
            fn = case[0]
            arg = operand(case[1])
            if fn == 'in_unit':
                arg.in_unit(eval(case[2]))
            else:
                eval(fn)(arg)
        else:
            left, op, right = operand(case[0]), case[1], operand(case[2])
            eval(f'left {op} right', {'left': left, 'right': right})
        return {'ok': True}
    except Exception as ex:  # noqa: BLE001 -- the exception is the recorded result
        return {'error': error_record(ex)}


GROUP = NeuronGroup(1, VARIABLES, name='errors_group')


def run_expression(expr):
    forget_user_units()
    try:
        Expression(expr)
    except Exception as ex:  # noqa: BLE001
        return {'stage': 'parse', 'error': error_record(ex)}
    try:
        variables = GROUP.resolve_all(sorted(get_identifiers(expr)), run_namespace={})
        parse_expression_dimensions(expr, variables)
        brian_ast(expr, variables)  # types: boolean operands of and/or/not
        return {'ok': True}
    except Exception as ex:  # noqa: BLE001
        return {'stage': 'check', 'error': error_record(ex)}


def run_equations(source, namespace):
    forget_user_units()
    try:
        eqs = Equations(source)
        if namespace is not None:
            ns = {k: v[0] * eval(v[1]) for k, v in namespace.items()}
            group = NeuronGroup(1, eqs, namespace=ns)
            group.equations.check_units(group, run_namespace={})
        return {'ok': True}
    except Exception as ex:  # noqa: BLE001
        return {'error': error_record(ex)}


def encode_namespace(namespace):
    if namespace is None:
        return None
    return {k: {'value': float(v[0] * eval(v[1])), 'dim': dims(v[0] * eval(v[1]))} for k, v in namespace.items()}


def main(path):
    cases = []
    for c in UNIT_CASES:
        cases.append({'layer': 'units', 'input': c, **run_unit(c)})
    for expr in EXPRESSION_CASES:
        cases.append({'layer': 'expression', 'input': expr, **run_expression(expr)})
    for source, namespace in EQUATION_CASES:
        cases.append({'layer': 'equations', 'input': source, 'namespace': encode_namespace(namespace),
                      **run_equations(source, namespace)})
    variables = [{'name': name, 'dim': dims(var.dim), 'type': 'boolean' if var.dtype == bool else
                  ('integer' if 'int' in str(var.dtype) else 'float')}
                 for name, var in sorted(GROUP.variables.items()) if name in get_identifiers(VARIABLES)]
    data = {'brian2': __import__('brian2').__version__, 'variables': variables, 'cases': cases}
    with open(path, 'w') as f:
        json.dump(data, f, indent=1, sort_keys=True)
        f.write('\n')


if __name__ == '__main__':
    main(sys.argv[1])
