"""Records Brian2 2.5.1's (sympy's) derivatives and linear splits for tests/conformance/symbolic.test.ts.

Usage: /usr/bin/python3 tests/conformance/generate/symbolic.py tests/conformance/fixtures/symbolic.json
The TS test compares *numerically*: both sides are evaluated at several points.
"""
import json
import sys

import sympy as sp
from brian2.parsing.sympytools import str_to_sympy, sympy_to_str

# (expression, variable)
DERIVATIVES = [
    ('(v0 - v)/tau', 'v'),
    ('exp(-v/tau)*w', 'v'),
    ('log(v)*exp(v)', 'v'),
    ('log10(v**2 + 1)', 'v'),
    ('expm1(2*v) + log1p(v**2)', 'v'),
    ('exprel(v/3)', 'v'),
    ('sin(v)*cos(2*v) + tan(v/4)', 'v'),
    ('sinh(v) + cosh(v)*tanh(v)', 'v'),
    ('arcsin(v/3) + arccos(v/4) + arctan(v)', 'v'),
    ('abs(v)*v', 'v'),
    ('v**2.5 + 2**v', 'v'),
    ('v**v', 'v'),
    ('(v + 1)/(v**2 + 2)', 'v'),
    ('0.32*(13 - v + VT)/exprel((13 - v + VT)/4)', 'v'),
    ('gNa*m**3*h*(ENa - v) + gl*(El - v) + gK*n**4*(EK - v)', 'v'),
    ('alpha_m*(1 - m) - beta_m*m', 'm'),
    ('int(not_refractory)*(v0 - v)/tau', 'v'),
]

# (expression, variable) for exponential_euler's conditionally linear split
SPLITS = [
    ('(v0 - v)/tau', 'v'),
    ('(ge*(Ee - v) + El - v)/taum', 'v'),
    ('int(not_refractory)*(v0 - v)/tau', 'v'),
    ('-v*(1/tau + g/C)', 'v'),
    ('(v - 3*v)/tau', 'v'),
    ('v/(1 + w)', 'v'),
    ('v*(v + 1) - v**2', 'v'),
    ('(-v + w**2.0)/tau', 'v'),
    ('(gl*(El - v) - g_na*(m*m*m)*h*(v - ENa) - g_kd*(n*n*n*n)*(v - EK) + I)/Cm', 'v'),
    ('alpha_m*(1 - m) - beta_m*m', 'm'),
    ('0.32*(13 - v + VT)/exprel((13 - v + VT)/4)*(1 - m) - 0.28*m', 'm'),
    ('exp(-v)', 'v'),
    ('v*v', 'v'),
    ('sqrt(v)', 'v'),
    ('x/v', 'v'),
    ('-v**2/tau', 'v'),
]


def conditionally_linear(expr, name):
    """The same steps as brian2.stateupdaters.exponential_euler.get_conditionally_linear_system."""
    var = sp.Symbol(name, real=True)
    s_expr = str_to_sympy(expr).expand()
    if not s_expr.has(var):
        return {'linear': True, 'coefficient': '0', 'rest': sympy_to_str(s_expr)}
    collected = sp.collect(s_expr, var, evaluate=False)
    if len(collected) > 2 or var not in collected:
        return {'linear': False}
    return {
        'linear': True,
        'coefficient': sympy_to_str(collected[var]),
        'rest': sympy_to_str(collected.get(sp.S.One, sp.S.Zero)),
    }


def main(path):
    derivatives = []
    for expr, name in DERIVATIVES:
        d = sp.diff(str_to_sympy(expr), sp.Symbol(name, real=True))
        derivatives.append({'expr': expr, 'variable': name, 'derivative': sympy_to_str(d)})
    splits = [dict(expr=expr, variable=name, **conditionally_linear(expr, name)) for expr, name in SPLITS]
    with open(path, 'w') as f:
        json.dump({'brian2': __import__('brian2').__version__, 'derivatives': derivatives, 'splits': splits}, f, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main(sys.argv[1])
