"""Brian2 2.5.1 golden data for the equations layer (src/equations).

Each case is an equation string (optionally with substitutions); we record Brian2's parse
result (per equation: type, varname, dimension exponents, var_type, flags, expression code),
str(eqs), the introspection sets, the stochastic type, or the exception class and message.
Unit-check cases also record check_units with a namespace; flag cases check_flags.
Usage: /usr/bin/python3 equations.py OUTPUT.json
"""
import json
import sys
import warnings

warnings.filterwarnings('ignore')
from brian2 import *  # noqa: E402,F401,F403
from brian2.equations.equations import (Equations, EquationError,  # noqa: E402
                                         DIFFERENTIAL_EQUATION, SUBEXPRESSION, PARAMETER)
from brian2.equations import equations as eqmodule  # noqa: E402
from brian2.units.fundamentalunits import DimensionMismatchError  # noqa: E402
from brian2.units.allunits import *  # noqa: E402,F401,F403

HH = '''
dv/dt = (gl*(El-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK) + I)/Cm : volt
dm/dt = 0.32*(mV**-1)*4*mV/exprel((13.*mV-v+VT)/(4*mV))/ms*(1-m)-0.28*(mV**-1)*5*mV/exprel((v-VT-40.*mV)/(5*mV))/ms*m : 1
dn/dt = 0.032*(mV**-1)*5*mV/exprel((15.*mV-v+VT)/(5*mV))/ms*(1.-n)-.5*exp((10.*mV-v+VT)/(40.*mV))/ms*n : 1
dh/dt = 0.128*exp((17.*mV-v+VT)/(18.*mV))/ms*(1.-h)-4./(1+exp((40.*mV-v+VT)/(5.*mV)))/ms*h : 1
I : amp
'''

COBAHH = '''
dv/dt = (gl*(El-v)+ge*(Ee-v)+gi*(Ei-v)-
         g_na*(m*m*m)*h*(v-ENa)-
         g_kd*(n*n*n*n)*(v-EK))/Cm : volt
dm/dt = alpha_m*(1-m)-beta_m*m : 1
dn/dt = alpha_n*(1-n)-beta_n*n : 1
dh/dt = alpha_h*(1-h)-beta_h*h : 1
dge/dt = -ge*(1./taue) : siemens
dgi/dt = -gi*(1./taui) : siemens
alpha_m = 0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms : Hz
beta_m = 0.28*(mV**-1)*5*mV/exprel((v-VT-40*mV)/(5*mV))/ms : Hz
alpha_h = 0.128*exp((17*mV-v+VT)/(18*mV))/ms : Hz
beta_h = 4./(1+exp((40*mV-v+VT)/(5*mV)))/ms : Hz
alpha_n = 0.032*(mV**-1)*5*mV/exprel((15*mV-v+VT)/(5*mV))/ms : Hz
beta_n = .5*exp((10*mV-v+VT)/(40*mV))/ms : Hz
'''

CUBA = '''
dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
dge/dt = -ge/taue : volt
dgi/dt = -gi/taui : volt
'''

ADEX = '''
dvm/dt = (gL*(EL - vm) + gL*DeltaT*exp((vm - VT)/DeltaT) + I - w)/C : volt
dw/dt = (a*(vm - EL) - w)/tauw : amp
I : amp
'''

IZHIKEVICH = '''
dv/dt = (0.04*v**2 + 5*v + 140 - u + I)/ms : 1  # v in mV, dimensionless
du/dt = a*(b*v - u)/ms : 1
I : 1
a : 1 (constant)
b : 1 (constant)
'''

STDP = '''
w : 1
dApre/dt = -Apre / taupre : 1 (event-driven)
dApost/dt = -Apost / taupost : 1 (event-driven)
'''

GAP = '''
w : 1 # gap junction conductance
Igap_post = w * (v_pre - v_post) : 1 (summed)
'''

MULTILINE = '''
# A leaky neuron with a noisy current
dv/dt = (-v  # leak
         + I # input
         )/tau : 1
# the input
I = I0 +   sigma*xi_I*sqrt(tau)   : 1   # noisy
I0 : 1 (constant, shared)
'''

# (name, source, substitutions); substitutions: name -> ('name', str) | ('number', x) | ('quantity', value, unit_name)
PARSE_CASES = [
    ('lif', 'dv/dt = (v0-v)/tau   : volt (unless refractory)\nv0 : volt', None),
    ('seed-2', '\ndv/dt = (v0-v+I)/tau : volt (unless refractory)\nI : volt\n', None),
    ('hh', HH, None),
    ('cobahh', COBAHH, None),
    ('cuba', CUBA, None),
    ('adex', ADEX, None),
    ('izhikevich', IZHIKEVICH, None),
    ('stdp-synapses', STDP, None),
    ('gap-junction', GAP, None),
    ('multi-line-with-comments', MULTILINE, None),
    ('continuation-comment', 'dv/dt = (-v  # leak\n + I)/tau : 1', None),
    ('continuation-comment-only-line', 'dx/dt = (a\n # comment only line\n + b) : 1', None),
    ('continuation-blank-spaces-line', 'dx/dt = (a\n   \n + b) : 1', None),
    ('continuation-empty-line-fails', 'dv/dt = (-v\n\n + I)/tau : 1', None),
    ('missing-unit-runs-into-next-line', 'dv/dt = -v/tau\nx : 1', None),
    ('unit-on-next-line', 'dv/dt = -v/tau :\n volt', None),
    ('spaced-derivative', 'd v / dt = -v/tau : volt', None),
    ('crlf', 'x = a\r\n + b : 1\r\ny : 1\r\n', None),
    ('tabs', 'x =\ta\t\t+  b : 1\ny\t:\tvolt\t(constant)', None),
    ('no-spaces', 'dv/dt=-v/tau:volt(unless refractory)', None),
    ('whitespace-collapse', 'I = 2*  x   +   y :1\nx:integer (constant, shared)\ny : boolean', None),
    ('trailing-comments', '# c1\nx : 1 (constant) # comment\n# another\n', None),
    ('empty', '', None),
    ('only-comments', '   \n\n  # only comment\n', None),
    ('two-on-one-line', 'x : 1 (constant) y : 1', None),
    ('flags-spacing', 'x : 1 ( constant , shared )', None),
    ('flags-all-kinds', 'dv/dt = v/second : 1 (unless refractory, event-driven, clock-driven)\nI = 1*nA : amp (point current, summed, constant over dt)\nx : volt (linked, shared, constant)', None),
    ('flag-odd-characters', 'x : 1 (const_ant-x 2)', None),
    ('flags-trailing-comma', 'x : 1 (constant,)', None),
    ('flags-empty', 'x : 1 ()', None),
    ('flags-unclosed', 'x : volt (constant', None),
    ('two-flag-groups', 'x : 1 (constant) (shared)', None),
    ('unit-compound', 'g : siemens/metre**2\nJ : amp/meter**2\nv2 : volt**2\nr : 1/second\nq : volt**-1\nh : volt**0.5\nk : newton*metre\nz : volt/volt', None),
    ('unit-aliases', 'a : ampere\nb : kilogramme\nc : kgram\nd : Hz\ne1 : mM\nf : mmolar\ng : klitre\nh : radian\nk : lumen\nl : becquerel\nm : mol', None),
    ('unit-types', 'a : 1\nb : boolean\nc : integer\nd = a > 0 : boolean\nn = c + 1 : integer', None),
    ('unit-bool', 'x : bool', None),
    ('unit-scaled-mV', 'x : mV', None),
    ('unit-scaled-molar', 'x : molar', None),
    ('unit-scaled-gram', 'x : gram', None),
    ('unit-scaled-cm', 'x : cm', None),
    ('unit-metre2', 'x : metre2', None),
    ('unit-liter', 'x : liter', None),
    ('unit-msiemens2', 'x : msiemens2', None),
    ('unit-mradian', 'x : mradian', None),
    ('unit-unknown', 'x : foo', None),
    ('unit-quantity', 'x : 1*siemens', None),
    ('unit-number', 'x : 3', None),
    ('unit-float', 'x : 1.0', None),
    ('unit-negated', 'x : -volt', None),
    ('unit-syntax', 'x : volt*', None),
    ('unit-division-by-zero', 'x : 1/0', None),
    ('unit-exponent-with-unit', 'x : volt**volt', None),
    ('unit-parenthesised', 'x : (amp/meter**2)', None),
    ('unit-missing', 'x : ', None),
    ('unit-two-units', 'x : volt : volt', None),
    ('unit-and', 'x : volt and second', None),
    ('unit-not', 'x : not volt', None),
    ('unit-true', 'x : True', None),
    ('unit-subtract', 'x : volt - volt', None),
    ('unit-pow-chain', 'x : volt**2**-1', None),
    ('unit-leading-zero', 'x : 01', None),
    ('diffeq-integer', 'dx/dt = -x/tau : integer', None),
    ('diffeq-boolean', 'dx/dt = -x/tau : boolean', None),
    ('duplicate', 'x : 1\nx : 1', None),
    ('duplicate-diff', 'dv/dt = -v/tau : volt\nv = 3*mV : volt', None),
    ('reserved-t', 't : second', None),
    ('reserved-dt', 'ddt/dt = -ddt/tau : 1', None),
    ('reserved-xi_1', 'xi_1 : 1', None),
    ('reserved-i', 'i : 1', None),
    ('reserved-N', 'N : integer', None),
    ('underscore', '_x : 1', None),
    ('keyword', 'lambda : 1', None),
    ('keyword-True', 'True : 1', None),
    ('unit-name', 'mV : 1', None),
    ('function-name', 'exp : 1', None),
    ('constant-name', 'pi : 1', None),
    ('constant-e', 'e : 1', None),
    ('refractory-name', 'not_refractory : 1', None),
    ('refractory-until', 'refractory_until : second', None),
    ('pre-post-name-allowed', 'x_pre : 1', None),
    ('xi-in-subexpression', 'x = xi : 1', None),
    ('xi-twice', 'dv/dt = xi/sqrt(second) : 1\ndw/dt = xi/sqrt(second) : 1', None),
    ('xi-twice-same-equation', 'dv/dt = (xi + xi)/sqrt(second) : 1', None),
    ('xi-named-shared', 'dv/dt = -v/tau + xi_1/sqrt(second) : 1\ndw/dt = -w/tau + xi_1/sqrt(second) : 1', None),
    ('noise-additive', 'dv/dt = -v/tau + sigma*xi*tau**-0.5 : volt', None),
    ('noise-multiplicative', 'dv/dt = -v/tau + v*xi*tau**-0.5 : volt', None),
    ('noise-time', 'dv/dt = -v/tau + sin(t/ms)*xi/sqrt(ms) : 1', None),
    ('noise-via-subexpression', 'dv/dt = -v/tau + s*xi_1/sqrt(ms) : 1\ns = w*2 : 1\ndw/dt = -w/tau : 1', None),
    ('noise-param-factor', 'dv/dt = -v/tau + s*xi_1/sqrt(ms) + g*xi_2/sqrt(ms) : 1\ns = 2*p : 1\np : 1\ng : 1', None),
    ('cycle', 'x = y : 1\ny = x : 1', None),
    ('self-cycle', 'x = x : 1', None),
    ('three-cycle', 'a = b : 1\nb = c : 1\nc = a : 1', None),
    ('subexpression-order', 'a = b + c : 1\nb = c : 1\nc = 1 : 1\nd = 2 : 1\ndz/dt = a/second : 1\ndy/dt = b/second : 1\nq : 1\np : 1', None),
    ('subexpression-order-independent', 'zz = 1 : 1\naa = 2 : 1\nqq = zz : 1\nB = 1 : 1', None),
    ('parse-fail-structure', 'x = a', None),
    ('parse-fail-empty-expression', 'x = : 1', None),
    ('parse-fail-identifier', '3x : 1', None),
    ('parse-fail-two-names', 'x y : 1', None),
    ('parse-fail-dxdt-param', 'dx/dt : 1', None),
    ('parse-fail-d-only', 'd/dt = a : 1', None),
    ('parse-fail-dtt', 'dx/dtt = a : 1', None),
    ('parse-fail-second-line', 'x : 1\ny = : 1\nz : 1', None),
    ('expr-syntax', 'x = 1 +  : 1', None),
    ('expr-unclosed', 'x = ( : 1', None),
    ('expr-chained-comparison', 'x = a < b < c : boolean', None),
    ('expr-conditional', 'x = a if b else c : 1', None),
    ('expr-xor', 'x = a ^ b : 1', None),
    ('expr-subscript', 'x = a[0] : 1', None),
    ('expr-string', 'x = "a" : 1', None),
    ('expr-two-equals', 'x = a = b : 1', None),
    ('subst-rename', 'dg/dt = -g/tau : siemens', {'g': ('name', 'g_e'), 'tau': ('name', 'tau_e')}),
    ('subst-value', 'dv/dt = (mu-v)/tau : volt', {'mu': ('quantity', -65, 'mV'), 'tau': ('name', 'tau_e')}),
    ('subst-numbers', 'dv/dt = (mu-v)/tau : volt', {'mu': ('number', 3), 'tau': ('quantity', 5, 'ms')}),
    ('subst-float', 'dv/dt = (mu-v)/tau : volt', {'mu': ('number', 3.5)}),
    ('subst-unused', 'dv/dt = -v/tau : volt', {'foo': ('name', 'bar')}),
    ('subst-param-rename', 'dv/dt = -v/tau : volt\ntau : second', {'tau': ('name', 'tau_m')}),
    ('subst-model-variable-value', 'dv/dt = -v/tau : volt', {'v': ('number', 3)}),
    ('subst-duplicate', 'dv/dt = -v/tau : volt\nw : volt', {'v': ('name', 'w')}),
    ('subst-invalid-name', 'dv/dt = -v/tau : volt', {'v': ('name', 't')}),
    ('subst-function', 'x = f(a) + g : 1', {'f': ('name', 'exp'), 'g': ('name', 'h')}),
]

UNIT_CHECK_CASES = [
    # (name, source, namespace: name -> (value, unit_name))
    ('check-lif-ok', 'dv/dt = (v0-v)/tau : volt\nv0 : volt', {'tau': (10, 'ms')}),
    ('check-lif-bad-tau', 'dv/dt = (v0-v)/tau : volt\nv0 : volt', {'tau': (10, 'mV')}),
    ('check-missing-per-second', 'dv/dt = -v : volt', {}),
    ('check-subexpression', 'dv/dt = I/C : volt\nI = g*v : amp\ng : siemens', {'C': (1, 'nF')}),
    ('check-subexpression-bad', 'dv/dt = I/C : volt\nI = g*v : amp\ng : volt', {'C': (1, 'nF')}),
    ('check-unresolved', 'dv/dt = -v/tau : volt', {}),
    ('check-noise-ok', 'dv/dt = -v/tau + sigma*sqrt(2/tau)*xi : volt', {'tau': (10, 'ms'), 'sigma': (2, 'mV')}),
    ('check-noise-bad', 'dv/dt = -v/tau + sigma*xi : volt', {'tau': (10, 'ms'), 'sigma': (2, 'mV')}),
    ('check-hz', 'dx/dt = x : 1', {}),
    ('check-cobahh', COBAHH, 'COBAHH'),
    ('check-boolean-subexpr', 'b = v > 0*mV : boolean\nv : volt', {}),
    ('check-t-ok', 'dv/dt = sin(2*pi*t/period)/second : 1', {'period': (100, 'ms')}),
    ('check-function-args', 'dv/dt = exp(v)/tau : volt', {'tau': (10, 'ms')}),
]

FLAG_CASES = [
    # (name, source, table)
    ('flags-neurongroup-ok', 'dv/dt = -v/tau : volt (unless refractory)\nx : 1 (constant, shared)\ny = x : 1 (shared)', 'NeuronGroup'),
    ('flags-neurongroup-event-driven-param', 'x : 1 (event-driven)', 'NeuronGroup'),
    ('flags-neurongroup-unknown', 'dv/dt = -v/tau : volt (constant)', 'NeuronGroup'),
    ('flags-synapses-ok', STDP, 'Synapses'),
    ('flags-synapses-incompatible', 'dx/dt = -x/tau : 1 (event-driven, clock-driven)', 'Synapses'),
    ('flags-synapses-summed-shared', 'y_post = x : 1 (summed, shared)', 'Synapses'),
    ('flags-spatial-point-current', 'I = 1*nA : amp (point current)\nx : 1 (linked)', 'SpatialNeuron'),
    ('flags-synapses-linked', 'x : 1 (linked)', 'Synapses'),
]

FLAG_TABLES = {
    'NeuronGroup': ({DIFFERENTIAL_EQUATION: ('unless refractory',), PARAMETER: ('constant', 'shared', 'linked'),
                     SUBEXPRESSION: ('shared', 'constant over dt')}, None),
    'Synapses': ({DIFFERENTIAL_EQUATION: ('event-driven', 'clock-driven'), SUBEXPRESSION: ('summed', 'shared', 'constant over dt'),
                  PARAMETER: ('constant', 'shared')},
                 [('event-driven', 'clock-driven'), ('summed', 'shared', 'constant over dt')]),
    'SpatialNeuron': ({DIFFERENTIAL_EQUATION: ('point current',), PARAMETER: ('constant', 'shared', 'linked', 'point current'),
                       SUBEXPRESSION: ('shared', 'point current', 'constant over dt')}, None),
}

COBAHH_NAMESPACE = dict(area=20000*umetre**2, El=-60*mV, EK=-90*mV, ENa=50*mV, VT=-63*mV, taue=5*ms, taui=10*ms,
                        Ee=0*mV, Ei=-80*mV)
COBAHH_NAMESPACE.update(Cm=(1*ufarad*cm**-2) * COBAHH_NAMESPACE['area'], gl=(5e-5*siemens*cm**-2) * COBAHH_NAMESPACE['area'],
                        g_na=(100*msiemens*cm**-2) * COBAHH_NAMESPACE['area'], g_kd=(30*msiemens*cm**-2) * COBAHH_NAMESPACE['area'])


def dims(d):
    return [float(x) for x in d._dims]


def error_record(ex):
    rec = {'class': type(ex).__name__,
           'message': ex.args[0] if isinstance(ex, KeyError) and ex.args else str(ex)}
    cause = ex.__cause__
    if cause is not None and hasattr(cause, 'lineno') and type(ex).__name__ == 'EquationError':
        rec['line'] = cause.lineno
        rec['column'] = cause.col
    return rec


def substitution_value(spec):
    kind = spec[0]
    if kind == 'name':
        return spec[1]
    if kind == 'number':
        return spec[1]
    if kind == 'quantity':
        return spec[1] * eval(spec[2])
    raise ValueError(kind)


def encode_subs(subs):
    out = {}
    for k, spec in subs.items():
        if spec[0] == 'quantity':
            out[k] = {'kind': 'quantity', 'value': spec[1], 'unit': spec[2]}
        else:
            out[k] = {'kind': spec[0], 'value': spec[1]}
    return out


def describe(eqs):
    equations = []
    for eq in eqs.values():  # definition order
        equations.append({'type': eq.type, 'varname': eq.varname, 'dim': dims(eq.dim), 'varType': eq.var_type,
                          'flags': list(eq.flags), 'expr': None if eq.expr is None else eq.expr.code,
                          'str': str(eq)})
    return {
        'equations': equations,
        'str': str(eqs),
        'ordered': [eq.varname for eq in eqs.ordered],
        'names': sorted(eqs.names),
        'diffEqNames': sorted(eqs.diff_eq_names),
        'subexprNames': sorted(eqs.subexpr_names),
        'parameterNames': sorted(eqs.parameter_names),
        'identifiers': sorted(eqs.identifiers),
        'stochasticVariables': sorted(eqs.stochastic_variables),
        'stochasticType': eqs.stochastic_type,
    }


def run_parse(name, source, subs):
    case = {'name': name, 'source': source}
    if subs:
        case['substitutions'] = encode_subs(subs)
    try:
        kwds = {k: substitution_value(v) for k, v in (subs or {}).items()}
        eqs = Equations(source, **kwds)
        case['result'] = describe(eqs)
    except Exception as ex:  # noqa: BLE001 -- we record whatever Brian2 raises
        case['error'] = error_record(ex)
    return case


def run_unit_check(name, source, namespace):
    ns = COBAHH_NAMESPACE if namespace == 'COBAHH' else {k: v[0] * eval(v[1]) for k, v in namespace.items()}
    enc = {k: {'value': float(v), 'dim': dims(get_dimensions(v))} for k, v in ns.items()}
    case = {'name': name, 'source': source, 'namespace': enc}
    try:
        group = NeuronGroup(1, Equations(source), namespace=dict(ns))
        group.equations.check_units(group, run_namespace={})
        case['ok'] = True
    except Exception as ex:  # noqa: BLE001
        case['error'] = error_record(ex)
    return case


def run_flags(name, source, table):
    allowed, incompatible = FLAG_TABLES[table]
    case = {'name': name, 'source': source, 'table': table}
    try:
        Equations(source).check_flags(allowed, incompatible)
        case['ok'] = True
    except Exception as ex:  # noqa: BLE001
        case['error'] = error_record(ex)
    return case


def base_units():
    eqmodule.dimensions_and_type_from_string('volt')  # fills the module cache
    return {'description': eqmodule._base_units_with_alternatives,
            'units': {n: dims(u.dim) for n, u in eqmodule._base_units.items() if n != '__builtins__'}}


def main(path):
    data = {
        'brian2': __import__('brian2').__version__,
        'baseUnits': base_units(),
        'parse': [run_parse(*c) for c in PARSE_CASES],
        'unitCheck': [run_unit_check(*c) for c in UNIT_CHECK_CASES],
        'flags': [run_flags(*c) for c in FLAG_CASES],
    }
    with open(path, 'w') as f:
        json.dump(data, f, indent=1, sort_keys=True)
        f.write('\n')


if __name__ == '__main__':
    main(sys.argv[1])
