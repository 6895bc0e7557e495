"""Writes tests/conformance/fixtures/units.json: unit display / arithmetic cases evaluated by Brian2.

Usage: /usr/bin/python3 tests/conformance/generate/units.py OUT.json   (or: npm run golden -- units)

Cases are data in a small JSON language that tests/conformance/units.test.ts interprets too:

  expressions  ["q", x, "mV"]          x * unit (unit names resolve in Brian2's unit catalogue)
               ["arr", [x, ...], "mV"] np.array(xs, float) * unit
               ["num", x]              a plain Python number (int when integral)
               ["plain", [x, ...]]     a plain float ndarray
               ["unit", "mV"]          the Unit object itself
               [op, a, b]              op in add sub mul div floordiv mod pow lt le gt ge eq ne
               [fn, a, ...]            neg abs sqrt exp log log10 expm1 log1p exprel sin cos tan
                                       sinh cosh tanh arcsin arccos arctan floor ceil sign
                                       clip(a, lo, hi) where([bools], a, b) sum mean min max std var
 numbers      inf / -inf / nan are written as the strings "inf", "-inf", "nan"
  outputs      "str" | "repr" | ["in_unit", "unit", precision|null] | ["in_best_unit", precision|null]
               | "value" (SI values and dimension exponents, or booleans)

Display depends on history (creating a compound unit registers it for display). Cases therefore
come in groups; before each group the user registry is restored to its state right after
`import brian2`, and the cases of a group run in order. The TS test calls resetUserRegistry()
before each group and replays the same order.
"""
import builtins
import json
import math
import random as pyrandom
import sys

import numpy as np
import brian2
from brian2 import *  # noqa: F401,F403  (the unit-safe functions as users see them)
from brian2.units import allunits, stdunits
from brian2.units.fundamentalunits import user_unit_register, Unit, Quantity
from brian2.core.namespace import DEFAULT_UNITS

assert brian2.__version__ == '2.5.1', brian2.__version__

UNITS = {}
for name in allunits.__all__:
    if name != 'celsius':
        UNITS[name] = getattr(allunits, name)
for name in stdunits.__all__:
    UNITS[name] = getattr(stdunits, name)
UNITS.update(DEFAULT_UNITS)

_initial_units = dict(user_unit_register.units)
_initial_by_dim = {d: dict(m) for d, m in user_unit_register.units_for_dimensions.items()}


def reset_user_registry():
    user_unit_register.units.clear()
    user_unit_register.units.update(_initial_units)
    user_unit_register.units_for_dimensions.clear()
    for d, m in _initial_by_dim.items():
        user_unit_register.units_for_dimensions[d] = dict(m)


FUNCS = {
    'neg': lambda a: -a, 'abs': lambda a: builtins.abs(a),
    'sqrt': lambda a: sqrt(a), 'exp': lambda a: exp(a), 'log': lambda a: log(a),
    'log10': lambda a: log10(a), 'expm1': lambda a: expm1(a), 'log1p': lambda a: log1p(a),
    'exprel': lambda a: exprel(a), 'sin': lambda a: sin(a), 'cos': lambda a: cos(a),
    'tan': lambda a: tan(a), 'sinh': lambda a: sinh(a), 'cosh': lambda a: cosh(a),
    'tanh': lambda a: tanh(a), 'arcsin': lambda a: arcsin(a), 'arccos': lambda a: arccos(a),
    'arctan': lambda a: arctan(a), 'floor': lambda a: floor(a), 'ceil': lambda a: ceil(a),
    'sign': lambda a: sign(a),
    'sum': lambda a: a.sum(), 'mean': lambda a: a.mean(), 'min': lambda a: a.min(),
    'max': lambda a: a.max(), 'std': lambda a: a.std(), 'var': lambda a: a.var(),
}
BINARY = {
    'add': lambda a, b: a + b, 'sub': lambda a, b: a - b, 'mul': lambda a, b: a * b,
    'div': lambda a, b: a / b, 'floordiv': lambda a, b: a // b, 'mod': lambda a, b: a % b,
    'pow': lambda a, b: a ** b, 'lt': lambda a, b: a < b, 'le': lambda a, b: a <= b,
    'gt': lambda a, b: a > b, 'ge': lambda a, b: a >= b, 'eq': lambda a, b: a == b,
    'ne': lambda a, b: a != b,
}


def encode_literals(e):
    # JSON has no inf/nan: numbers in cases are written as "inf", "-inf", "nan"
    if isinstance(e, float) and not math.isfinite(e):
        return encode_number(e)
    if isinstance(e, list):
        return [encode_literals(x) for x in e]
    return e


def decode_number(x):
    return float(x) if isinstance(x, str) else x


def evaluate(e):
    tag = e[0]
    if tag == 'q':
        return decode_number(e[1]) * UNITS[e[2]]
    if tag == 'arr':
        return np.array([decode_number(x) for x in e[1]], dtype=float) * UNITS[e[2]]
    if tag == 'num':
        return decode_number(e[1])
    if tag == 'plain':
        return np.array([decode_number(x) for x in e[1]], dtype=float)
    if tag == 'unit':
        return UNITS[e[1]]
    if tag in BINARY:
        return BINARY[tag](evaluate(e[1]), evaluate(e[2]))
    if tag == 'clip':
        return clip(evaluate(e[1]), evaluate(e[2]), evaluate(e[3]))
    if tag == 'where':
        return where(np.array(e[1]), evaluate(e[2]), evaluate(e[3]))
    if tag in FUNCS:
        return FUNCS[tag](evaluate(e[1]))
    raise ValueError(f'unknown case tag {tag}')


def encode_number(x):
    x = float(x)
    if math.isnan(x):
        return 'nan'
    if math.isinf(x):
        return 'inf' if x > 0 else '-inf'
    return x


def output(result, out):
    if out == 'str':
        return str(result)
    if out == 'repr':
        return repr(result)
    if out == 'value':
        if isinstance(result, (bool, np.bool_)):
            return bool(result)
        if isinstance(result, np.ndarray) and result.dtype == bool:
            return [bool(b) for b in result]
        arr = np.asarray(result, dtype=float)
        return {'values': [encode_number(v) for v in arr.ravel()] if arr.ndim else encode_number(arr),
                'dim': list(get_dimensions(result)._dims)}
    if out[0] == 'in_unit':
        return result.in_unit(UNITS[out[1]], out[2])
    if out[0] == 'in_best_unit':
        return result.in_best_unit(out[1])
    raise ValueError(f'unknown output {out}')


class Skip(Exception):
    pass


def run(case):
    try:
        result = evaluate(case['expr'])
        if case['expr'][0] == 'floordiv' and isinstance(result, Quantity) and result.is_dimensionless:
            # numpy's ufunc path leaves a dimensionless 0-d Quantity (printed `1.`) where every other
            # operation gives a float (`1.0`); brian-ts prints all dimensionless scalars as floats.
            raise Skip()
        return {'ok': output(result, case['out'])}
    except Skip:
        raise
    except Exception as exc:  # noqa: BLE001  (the exception is the expected result)
        return {'error': {'type': type(exc).__name__, 'message': str(exc)}}


# ---- case generation ------------------------------------------------------------------------
rng = pyrandom.Random(20240611)
groups = []


def group(name, cases):
    groups.append({'name': name, 'cases': [{'expr': encode_literals(e), 'out': o} for e, o in cases]})


def q(x, u):
    return ['q', x, u]


def arr(xs, u):
    return ['arr', xs, u]


# 1. best-unit choice and number formatting across magnitudes, for many units
display_units = ['volt', 'amp', 'siemens', 'farad', 'second', 'metre', 'ohm', 'hertz', 'mole',
                 'molar', 'liter', 'joule', 'watt', 'pascal', 'coulomb', 'kelvin', 'kilogram',
                 'gram', 'newton', 'tesla', 'weber', 'henry', 'katal', 'candle', 'radian',
                 'metre2', 'metre3', 'um2', 'cm2', 'mmetre3', 'mV', 'ms', 'nS', 'pF', 'Hz', 'kHz']
mantissas = [1, 3, -7.5, 1.234567891, 999.9999, 0.5, 12.5, 316.3]
cases = []
for u in display_units:
    for k in range(-27, 28, 3):
        m = mantissas[(k // 3) % len(mantissas)]
        cases.append((q(m * 10.0 ** k, u), 'str'))
group('magnitudes', cases)

# 2. random values: exercises digit generation, rounding to 8 digits, scientific switching
cases = []
for _ in range(300):
    u = rng.choice(display_units)
    x = rng.uniform(-1, 1) * 10.0 ** rng.uniform(-30, 30)
    cases.append((q(x, u), rng.choice(['str', 'str', 'repr'])))
group('random scalars', cases)

# 3. special scalars
cases = [(q(x, u), out) for u in ['volt', 'mV', 'second'] for x in
         [0, -0.0, 1, -1, 0.1, 0.3, 1 / 3, 2 / 3, 1e-300, 1e300, 123456789, 0.001953125, 1.953125,
          0.0000123, 99999999.5, float('inf'), float('-inf'), float('nan')] for out in ['str', 'repr']]
group('special scalars', cases)

# 4. arrays
array_values = [
    [1, 2, 3], [10, 20, 30], [1.5, 2], [0, 0, 0], [0, 1e-3], [-1, 2.5, -3.25],
    [1, 1000, 1e6], [1, 1000, 1e-6], [1e-10, 1], [0.001, 0.002, 0.0031], [float('nan'), 1],
    [float('inf'), -1, 2], [float('-inf'), float('nan'), 3], list(range(20)), [x * 0.1 for x in range(30)],
    [rng.uniform(-100, 100) for _ in range(40)], list(range(1001)), list(range(2000)),
    [x * 1e-3 for x in range(1500)], [10.0 ** k for k in range(-5, 6)], [-5, 5e-5], [123456.789, 0.5],
    [], [7], [1e8, 1], [99999999.0, 1.0],
]
cases = []
for xs in array_values:
    for u in ['mV', 'volt', 'ms', 'nS', 'Hz', 'um2']:
        cases.append((arr(xs, u), 'str'))
    cases.append((arr(xs, 'mV'), 'repr'))
    cases.append((['plain', xs], 'str'))
group('arrays', cases)

# 5. arithmetic between quantities
operands = [q(3, 'mV'), q(2, 'nS'), q(-4.5, 'ms'), q(10, 'um2'), q(0.25, 'volt'), q(7, 'amp'),
            q(2, 'Hz'), q(1, 'cm'), ['num', 2], ['num', 0], ['num', 0.5], arr([1, 2, 3], 'mV'),
            arr([0.5, -1, 4], 'ms'), ['plain', [1, 2, 3]], q(5, 'mmolar'), q(1, 'liter')]
cases = []
for op in ['add', 'sub', 'mul', 'div', 'floordiv', 'mod']:
    for a in operands:
        for b in operands:
            if a[0] in ('num', 'plain') and b[0] in ('num', 'plain'):
                continue  # plain numpy arithmetic, not unit behaviour
            if rng.random() < 0.35 or op in ('mul', 'div'):
                cases.append(([op, a, b], 'str'))
group('arithmetic', cases)

# 6. powers, roots, unary
cases = []
for a in [q(3, 'mV'), q(2, 'second'), q(4, 'um2'), arr([1, 4, 9], 'nS'), q(16, 'metre'), ['num', 2]]:
    for e in [['num', 2], ['num', 3], ['num', -1], ['num', 0.5], ['num', 0], ['num', -2], ['num', 1.5]]:
        if a[0] != 'num':
            cases.append((['pow', a, e], 'str'))
    if a[0] == 'num':
        continue  # plain Python/numpy arithmetic, not unit behaviour
    for f in ['sqrt', 'neg', 'abs', 'floor', 'ceil', 'sign']:
        cases.append(([f, a], 'str'))
cases += [(['pow', ['num', 2], q(3, 'mV')], 'str'), (['pow', q(3, 'mV'), q(3, 'mV')], 'str'),
          (['pow', q(3, 'mV'), ['div', q(2, 'mV'), q(1, 'mV')]], 'str'),
          (['pow', ['num', 2], ['div', q(3, 'mV'), q(1, 'mV')]], 'str')]
group('powers and unary', cases)

# 7. comparisons, with the plain-zero and inf exemptions and errors
cases = []
cmp_operands = [q(3, 'mV'), q(3, 'volt'), q(2, 'amp'), ['num', 0], ['num', float('inf')],
                ['num', float('-inf')], ['num', 1], arr([1, 2, 3], 'mV'), ['plain', [0, 0, 0]],
                ['unit', 'mV'], ['unit', 'volt']]
for op in ['lt', 'le', 'gt', 'ge', 'eq', 'ne']:
    for a in cmp_operands:
        for b in cmp_operands:
            if a[0] in ('num', 'plain') and b[0] in ('num', 'plain'):
                continue
            if rng.random() < 0.4:
                cases.append(([op, a, b], 'value'))
group('comparisons', cases)

# 8. unit-safe functions
cases = []
for f in ['exp', 'log', 'log10', 'expm1', 'log1p', 'exprel', 'sin', 'cos', 'tan', 'sinh', 'cosh',
          'tanh', 'arcsin', 'arccos', 'arctan']:
    cases.append(([f, ['div', q(0.5, 'mV'), q(1, 'mV')]], 'value'))
    cases.append(([f, q(3, 'mV')], 'str'))
    cases.append(([f, arr([1, 2], 'nS')], 'str'))
cases += [(['exprel', ['num', 0]], 'value'), (['exprel', ['num', 1e-20]], 'value'),
          (['exprel', ['num', 800]], 'value'), (['exprel', ['num', -3]], 'value')]
for a, lo, hi in [(q(3, 'mV'), q(1, 'mV'), q(5, 'mV')), (q(30, 'mV'), q(1, 'mV'), q(5, 'mV')),
                  (arr([-1, 3, 9], 'mV'), q(0, 'mV'), q(5, 'mV')), (q(3, 'mV'), ['num', 0], q(2, 'mV')),
                  (q(3, 'mV'), q(1, 'amp'), q(5, 'mV')), (q(3, 'mV'), ['unit', 'amp'], q(5, 'mV')),
                  (q(3, 'mV'), q(1, 'mV'), ['num', 2])]:
    cases.append((['clip', a, lo, hi], 'str'))
for c, a, b in [([True, False, True], arr([1, 2, 3], 'mV'), arr([4, 5, 6], 'mV')),
                ([True, False], arr([1, 2], 'mV'), arr([3, 4], 'amp')),
                ([False, True], arr([1, 2], 'mV'), q(7, 'volt'))]:
    cases.append((['where', c, a, b], 'str'))
for f in ['sum', 'mean', 'min', 'max', 'std', 'var']:
    for xs in [[1, 2, 3], [0.1] * 10, [rng.uniform(-1, 1) for _ in range(200)], [3.5]]:
        cases.append(([f, arr(xs, 'mV')], 'str'))
        cases.append(([f, arr(xs, 'mV')], 'value'))
group('functions', cases)

# 9. errors of bad operations
cases = [
    (['add', q(3, 'kilogram'), q(3, 'amp')], 'str'), (['add', q(3, 'mV'), q(2, 'amp')], 'str'),
    (['sub', q(3, 'mV'), ['unit', 'amp']], 'str'), (['add', q(3, 'mV'), ['num', 1]], 'str'),
    (['add', ['num', 1], q(3, 'mV')], 'str'), (['sub', ['num', 2], q(3, 'mV')], 'str'),
    (['sub', ['num', 0], q(3, 'mV')], 'str'), (['mod', ['num', 2], q(3, 'mV')], 'str'),
    (['add', arr(list(range(10)), 'mV'), q(3, 'amp')], 'str'),
    (['lt', arr(list(range(10)), 'mV'), q(3, 'amp')], 'str'),
    (['add', arr([1, 2, 3], 'mV'), arr([1, 2], 'mV')], 'str'),
    (['add', q(10, 'nS'), ['div', ['unit', 'siemens'], ['unit', 'metre2']]], 'str'),
    (['add', ['div', q(10, 'nS'), q(2, 'um2')], q(1, 'volt')], 'str'),
    (['add', q(1, 'mV'), ['sqrt', q(1, 'second')]], 'str'),
    (['add', ['div', q(1, 'mV'), q(1, 'mV')], q(1, 'amp')], 'str'),
    (['add', ['plain', [1, 2]], arr([1, 2], 'mV')], 'str'),
    (['sub', ['plain', [1, 2]], arr([1, 2], 'mV')], 'str'),
    (['add', ['plain', [0, 0]], arr([1, 2], 'mV')], 'str'),
]
group('errors', cases)

# 10. in_unit / in_best_unit / repr
cases = []
for x, u in [(q(25.123456, 'mV'), 'volt'), (q(25.123456, 'mV'), 'mV'), (q(3, 'volt'), 'mV'),
             (q(123123, 'ms'), 'second'), (q(10, 'nS'), 'ohm'), (arr([1, 2, 3], 'mV'), 'uvolt'),
             (q(1, 'liter'), 'metre3'), (q(1, 'liter'), 'mliter'), (q(5, 'mM'), 'molar')]:
    for p in [None, 0, 1, 2, 3, 5]:
        cases.append((x, ['in_unit', u, p]))
for x in [q(0.00123456, 'volt'), q(1.987654321, 'ms'), arr([1.23456, 2.5], 'mV'), q(7.25, 'kohm')]:
    for p in [None, 1, 3, 6]:
        cases.append((x, ['in_best_unit', p]))
for u in ['mV', 'ms', 'nS', 'um2', 'cm3', 'mM', 'kHz', 'kgram', 'kilogram', 'gram', 'liter', 'molar']:
    cases.append((['unit', u], 'str'))
    cases.append((['unit', u], 'repr'))
    cases.append((q(2, u), 'repr'))
group('in_unit and repr', cases)

# 11. compound units and display history (each group starts from the import-time registry)
group('compound units', [
    (['unit', 'mV'], 'str'),
    (['mul', ['unit', 'mV'], ['unit', 'ms']], 'str'),
    (['mul', ['unit', 'mV'], ['unit', 'ms']], 'repr'),
    (['div', ['unit', 'mV'], ['unit', 'ms']], 'str'),
    (['div', ['mul', ['unit', 'mV'], ['unit', 'ms']], ['unit', 'ms']], 'str'),
    (['div', ['mul', ['unit', 'mV'], ['unit', 'ms']], ['unit', 'ms']], 'repr'),
    (['pow', ['unit', 'ms'], ['num', -1]], 'str'),
    (['pow', ['unit', 'ms'], ['num', -1]], 'repr'),
    (['pow', ['div', ['unit', 'mV'], ['unit', 'ms']], ['num', 2]], 'str'),
    (['div', ['num', 1], ['unit', 'ms']], 'str'),
    (['pow', ['unit', 'mV'], ['num', 0.5]], 'str'),
    (['eq', ['unit', 'mV'], ['unit', 'volt']], 'value'),
    (['eq', ['unit', 'mV'], ['mul', ['num', 0.001], ['unit', 'volt']]], 'value'),
])
group('history: uS/cm^2', [
    (['div', q(10, 'nS'), q(20000, 'um2')], 'str'),
    (['div', q(10, 'nS'), q(20000, 'um2')], 'repr'),
    (['div', ['unit', 'usiemens'], ['pow', ['unit', 'cm'], ['num', 2]]], 'repr'),
    (['div', q(10, 'nS'), q(20000, 'um2')], 'str'),
    (['div', q(10, 'nS'), q(20000, 'um2')], 'repr'),
    (['div', arr([1, 2, 300], 'nS'), q(20000, 'um2')], 'str'),
])
group('history: mV ms', [
    (q(3e-6, 'joule'), 'str'),
    (['mul', q(3, 'mV'), q(2, 'ms')], 'str'),
    (['mul', ['unit', 'mV'], ['unit', 'ms']], 'str'),
    (['mul', q(3, 'mV'), q(2, 'ms')], 'str'),
    (['mul', q(3000, 'mV'), q(2, 'second')], 'str'),
    (['mul', q(3, 'uvolt'), q(2, 'ms')], 'str'),
])
group('history: display of errors', [
    (['add', ['div', q(1, 'nS'), q(1, 'um2')], q(1, 'mV')], 'str'),
    (['div', q(1, 'nS'), q(1, 'um2')], 'str'),
    (['add', ['mul', q(1, 'mV'), q(1, 'mV')], q(1, 'mV')], 'str'),
    (['mul', q(1, 'mV'), q(1, 'mV')], 'str'),
])
group('history: pF/mm^2', [
    (['mul', q(2, 'farad'), ['pow', q(1, 'metre'), ['num', -2]]], 'repr'),
    (['div', ['unit', 'pfarad'], ['pow', ['unit', 'mmetre'], ['num', 2]]], 'str'),
    (['mul', q(2, 'farad'), ['pow', q(1, 'metre'), ['num', -2]]], 'repr'),
    (['mul', q(2, 'farad'), ['pow', q(1, 'metre'), ['num', -2]]], 'str'),
])

# 12. odd and fractional dimensions
cases = []
for e in [['sqrt', q(1, 'metre')], ['sqrt', q(4, 'mV')], ['pow', q(8, 'second'), ['num', 1 / 3]],
          ['div', q(10, 'nS'), q(20000, 'um2')], ['pow', q(2, 'amp'), ['num', 2.5]],
          ['mul', q(3, 'kelvin'), q(2, 'mole')], ['div', q(1, 'candle'), q(2, 'second')],
          ['pow', q(1, 'ms'), ['num', -0.5]], ['mul', arr([1, 2], 'metre'), q(3, 'kilogram')]]:
    cases.append((e, 'str'))
    cases.append((e, 'repr'))
group('odd dimensions', cases)

fixture = {'brian2': brian2.__version__, 'numpy': np.__version__, 'groups': []}
for g in groups:
    reset_user_registry()
    kept = []
    for c in g['cases']:
        try:
            kept.append(dict(c, expected=run(c)))
        except Skip:
            pass
    fixture['groups'].append({'name': g['name'], 'cases': kept})

with open(sys.argv[1], 'w') as f:
    json.dump(fixture, f, indent=None, separators=(',', ':'), allow_nan=False, default=lambda o: o.item())
    f.write('\n')
total = builtins.sum(len(g['cases']) for g in fixture['groups'])
errors = builtins.sum('error' in c['expected'] for g in fixture['groups'] for c in g['cases'])
print(f'{total} cases ({errors} errors) in {len(groups)} groups')
