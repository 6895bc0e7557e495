"""Brian2 2.5.1 golden data for the LaTeX rendering of equations (src/equations/latex.ts).

Brian2 renders `Equations` through sympy's LaTeX printer (`Equations._latex`), after sympy has put
every sum and product into its canonical form (ordered terms and factors, numbers folded and
distributed). brian-ts renders the parsed tree as the user wrote it, so each model is recorded
with Brian2's LaTeX of the model as written and a "canonical" model: each right-hand side rewritten
as Brian code that spells out sympy's form in the order sympy's LaTeX printer visits it (`code`
below). The TS test renders the canonical model and must equal Brian2's LaTeX exactly (up to the
two normalisations it names).
Also recorded: LaTeX of single expressions (canonical code), symbol names, floats and units.
Usage: /usr/bin/python3 equations_latex.py OUTPUT.json
"""
import json
import sys
import warnings

warnings.filterwarnings('ignore')
import sympy  # noqa: E402
from brian2 import *  # noqa: E402,F401,F403
from brian2.equations.equations import DIFFERENTIAL_EQUATION, SUBEXPRESSION, PARAMETER  # noqa: E402
from brian2.units.allunits import *  # noqa: E402,F401,F403
from brian2.parsing.sympytools import str_to_sympy, sympy_to_str  # noqa: E402
from brian2.units.fundamentalunits import get_unit, DIMENSIONLESS  # noqa: E402

MODELS = {
    'lif': '''
dv/dt = (v_rest - v + I_syn*R)/tau_m + sigma*sqrt(2/tau_m)*xi : volt (unless refractory)
dg_e/dt = -g_e/tau_e : siemens
I_syn = g_e*(E_e - v) : amp
tau_m : second (constant)
R : ohm
n : integer (constant, shared)
b : boolean
''',
    'functions': '''
dx/dt = -x**2/tau + exp(-t/tau)*alpha/second : 1
dw_pre/dt = (1 - w_pre)/tau : 1 (clock-driven)
y = int(v > v_th) : 1
z = clip(x, 0, 1) + abs(x) + log(x)**0.5 + x % 3 + x // 2 + floor(x) + ceil(x) : 1
q = 1.5*v/mV + 2*x + 3e-3 : 1
r = exp(-x)/(1 + exp(-x)) : 1
rate = 1/(1*ms) : Hz
c = 1.0/tau_m : 1/second
s = sin(x)*cos(x) + tanh(x) + exprel(x) + sign(x) + arctan(x) + log10(x) + tan(x)**2 : 1
p = x**-2 + x**y + 2**x + (a + b)**2 + x**(y**z) + sqrt(x)*x : 1
''',
    'cuba': '''
dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
dge/dt = -ge/taue : volt
dgi/dt = -gi/taui : volt
''',
    'hh': '''
dv/dt = (gl*(El-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK) + I)/Cm : volt
dm/dt = 0.32*(mV**-1)*4*mV/exprel((13.*mV-v+VT)/(4*mV))/ms*(1-m)-0.28*(mV**-1)*5*mV/exprel((v-VT-40.*mV)/(5*mV))/ms*m : 1
dn/dt = 0.032*(mV**-1)*5*mV/exprel((15.*mV-v+VT)/(5*mV))/ms*(1.-n)-.5*exp((10.*mV-v+VT)/(40.*mV))/ms*n : 1
dh/dt = 0.128*exp((17.*mV-v+VT)/(18.*mV))/ms*(1.-h)-4./(1+exp((40.*mV-v+VT)/(5.*mV)))/ms*h : 1
I : amp
''',
    'adex': '''
dvm/dt = (gL*(EL - vm) + gL*DeltaT*exp((vm - VT)/DeltaT) + I - w)/C : volt
dw/dt = (a*(vm - EL) - w)/tauw : amp
I : amp
''',
    'izhikevich': '''
dv/dt = (0.04/ms/mV)*v**2 + (5/ms)*v + 140*mV/ms - u + I_ext/nF : volt
du/dt = a*(b*v - u) : volt/second
I_ext : amp
''',
    'stdp': '''
w : 1
dApre/dt = -Apre / taupre : 1 (event-driven)
dApost/dt = -Apost / taupost : 1 (event-driven)
''',
    'greek': '''
dalpha_beta/dt = -alpha_beta/tau_1 + Gamma*lambda_/Delta_t : 1
dx1/dt = -x1*omega + xdot/tau_x : 1
theta__pre : 1
V_hat : volt
g_K : siemens/meter**2
J : amp/meter**2
kappa : mmolar
rho : ohm*meter
''',
}

EXPRESSIONS = [
    '-v/tau', '(v_rest - v)/tau', '-(a + b)*x', 'x*(-y)', '-2.5*x/y', 'a/(b*c)', 'a*b/(c*d)', 'a/b/c',
    'x**-1', '1/(x**2)', '(a*b)**x', '-x**2', 'exp(-t/tau)', 'exp(x)**2', 'sqrt(x)', 'x**0.5', 'x**(-0.5)',
    '2*3*x', 'x/2', 'x // 2', 'x % y + 1', 'v > v_th', 'a >= b', 'a != b', 'a == b', 'a <= b',
    'not a', 'pi*x', 'e*x', 'floor(x)**2', 'abs(x)**y', 'log(x)**2', 'sin(x)**2', 'clip(x, 0, 1)**2',
    '1e-10*x', '1e20*x', 'x*1.0e15', '0.0001*x', '1e-5*x', '123456.789*x', '2.0**x', '2*3.5*x',
    'cos(2*pi*f*t)', 'exprel(x)*x', 'x*y*z/(a*b)', '(a + b)/(c - d)', 'x_dot + alpha_beta',
]

SYMBOLS = ['v', 'v_rest', 'tau', 'tau_m', 'Tau', 'alpha', 'Alpha', 'Gamma', 'lamda', 'lambda_', 'v1', 'x12',
           'x__a', 'x_a_b', 'xdot', 'xddot', 'vbar', 'v_bar', 'alphahatdotprime', 'g_AMPA', 'I_syn_ext',
           'nu_e', 'omicron', 'hbar', 'w_pre', 'xi_1', 'theta_1_2', 'Xi', 'varphi', 'psi_post', 'xvec', 'ab_2']

FLOATS = [1.0, 0.5, 1.5, 0.003, 1e-4, 1e-5, 1e14, 1e15, 1e16, 123456.789, 2.5e-8, 1e20, 0.1, 1/3.,
          3.141592653589793, 12345678901234.5, 1e-300, 6.02214076e23, 100.0, 0.000123456789012345678]

UNITS = ['volt', 'siemens', 'amp', 'ohm', 'hertz', 'second', 'farad', 'metre', 'metre**2', 'metre**3',
         'siemens/meter**2', 'amp/meter**2', 'farad/meter**2', 'ohm*meter', 'volt/second', 'mmolar',
         'kilogram', 'mole', 'joule/kelvin', 'watt/meter**2', 'newton*meter', 'pascal*second',
         'metre**5*amp', 'second**-0.5', 'volt**2', 'coulomb/meter**3']


def code(e):
    """Brian code for sympy expression `e`, terms and factors in the order sympy's LaTeX printer uses."""
    if e.is_Add:
        out = ''
        for k, term in enumerate(e.as_ordered_terms()):
            if k > 0:
                if term.could_extract_minus_sign():
                    out += ' - '
                    term = -term
                else:
                    out += ' + '
            out += f'({code(term)})'
        return out
    if e.is_Mul or (e.is_Rational and not e.is_Integer):
        sign = ''
        if e.could_extract_minus_sign():
            sign, e = '-', -e
        numer, denom = sympy.fraction(e, exact=True)

        def product(x):
            factors = x.as_ordered_factors() if x.is_Mul else [x]
            return '*'.join(f'({code(f)})' for f in factors)
        if denom == 1:
            return f'{sign}({product(numer)})'
        return f'{sign}({product(numer)})/({product(denom)})'
    if e.is_Pow:
        return f'({code(e.base)})**({code(e.exp)})'
    if e.is_Float:
        return repr(float(e))
    if e.is_Integer:
        return str(int(e))
    if isinstance(e, sympy.Mod):
        return f'(({code(e.args[0])})%({code(e.args[1])}))'
    if e.is_Relational:
        return f'({code(e.lhs)}) {e.rel_op} ({code(e.rhs)})'
    if e.is_Function:
        dummies = sympy.symbols(f'arg0:{len(e.args)}')
        name = sympy_to_str(e.func(*dummies)).split('(')[0]
        return f'{name}({", ".join(code(a) for a in e.args)})'
    return sympy_to_str(e)


def unit_spec(eq):
    if eq.var_type == 'integer':
        return 'integer'
    if eq.var_type == 'boolean':
        return 'boolean'
    if eq.dim is DIMENSIONLESS:
        return '1'
    return repr(get_unit(eq.dim)).replace('(', '').replace(')', '')


def canonical_model(eqs):
    lines = []
    for eq in eqs._equations.values():
        lhs = f'd{eq.varname}/dt' if eq.type == DIFFERENTIAL_EQUATION else eq.varname
        rhs = '' if eq.expr is None else ' = ' + code(str_to_sympy(eq.expr.code))
        flags = f' ({", ".join(eq.flags)})' if eq.flags else ''
        lines.append(f'{lhs}{rhs} : {unit_spec(eq)}{flags}')
    return '\n'.join(lines)


out = {'models': {}, 'expressions': [], 'symbols': {}, 'floats': [], 'units': {}}
for name, model in MODELS.items():
    eqs = Equations(model)
    canonical = canonical_model(eqs)
    out['models'][name] = {
        'written': model,
        'canonical': canonical,
        'latex': sympy.latex(eqs),
        'subexpressions': {eq.varname: sympy.latex(sympy.Symbol(eq.varname))
                           for eq in eqs._equations.values() if eq.type == SUBEXPRESSION},
        'single': {eq.varname: sympy.latex(eq) for eq in eqs._equations.values()},
    }
for written in EXPRESSIONS:
    expr = str_to_sympy(written)
    out['expressions'].append({'written': written, 'canonical': code(expr), 'latex': sympy.latex(expr)})
for s in SYMBOLS:
    out['symbols'][s] = sympy.latex(sympy.Symbol(s))
for x in FLOATS:
    out['floats'].append([x, sympy.latex(sympy.Float(x))])
for u in UNITS:
    dim = get_dimensions(eval(u))
    out['units'][u] = sympy.latex(get_unit(dim))

with open(sys.argv[1], 'w') as f:
    json.dump(out, f, indent=1, sort_keys=True)
    f.write('\n')
