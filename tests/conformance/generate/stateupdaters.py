"""Records Brian2 2.5.1's state updaters for tests/conformance/stateupdaters.test.ts.

Usage: /usr/bin/python3 tests/conformance/generate/stateupdaters.py tests/conformance/fixtures/stateupdaters.json

For each equation system of the catalogue and each method, Brian2's abstract code
(`method(eqs, variables)`, with Brian2's default functions as `variables`, so that `rand()` counts
as stateful, as in a NeuronGroup) is evaluated numerically for one step at a few random points, with
`randn()` returning a fixed value per noise name (the statement `xi_k = dt**.5*randn()` draws
`noise[xi_k]`) and `rand()` a fixed value, so that the TS side can compare numbers. Where a method
does not apply, Brian2's exception class and message are recorded. The automatic choice
(`('exact', 'euler', 'heun')`, NeuronGroup's default) is recorded too.
"""
import json
import sys

import numpy as np
import brian2
from brian2.equations.equations import Equations, extract_constant_subexpressions
from brian2.equations.refractory import add_refractoriness
from brian2.core.functions import DEFAULT_FUNCTIONS
from brian2.stateupdaters.base import StateUpdateMethod, UnsupportedEquationsException
from brian2.utils.stringtools import get_identifiers

METHODS = ['exact', 'euler', 'rk2', 'rk4', 'heun', 'milstein', 'exponential_euler']
DEFAULT_METHODS = ('exact', 'euler', 'heun')
N_POINTS = 3

# Ranges (SI values) for names, shared by all cases unless a case overrides them.
R = {
    'v': (-0.08, -0.04), 'v0': (-0.07, -0.03), 'El': (-0.075, -0.06), 'EL': (-0.075, -0.06),
    'tau': (0.005, 0.03), 'taue': (0.002, 0.008), 'taui': (0.008, 0.015), 'taum': (0.01, 0.025),
    'tau2': (0.04, 0.08), 'tauw': (0.05, 0.2), 'taug': (0.003, 0.006), 't1': (0.002, 0.004),
    't2': (0.006, 0.009), 't3': (0.011, 0.02),
    'ge': (0.0, 0.01), 'gi': (0.0, 0.01), 'g': (0.0, 0.01), 'h': (0.0, 0.005),
    'R': (5e7, 2e8), 'I': (1e-10, 5e-10), 'C': (1e-10, 3e-10), 'gl': (5e-9, 2e-8), 'gL': (5e-9, 2e-8),
    'Ee': (-0.005, 0.005), 'Ei': (-0.085, -0.075),
    'x': (-1.0, 1.0), 'y': (-1.0, 1.0), 'z': (-1.0, 1.0), 'w': (-0.5, 0.5), 'u': (-15.0, -10.0),
    'mu': (-0.5, 0.5), 'sigma': (0.1, 0.5), 's': (0.1, 0.5), 's1': (0.1, 0.5), 's2': (0.1, 0.5),
    'freq': (5.0, 50.0), 'a': (0.01, 0.1), 'b': (0.1, 0.3), 'k': (0.5, 2.0),
}
BOOLS = {'not_refractory': [True, False, True]}
R['lastspike'] = (-1.0, 0.0)

HH = '''
dv/dt = (gl*(El-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK) + I)/Cm : volt
dm/dt = 0.32*(mV**-1)*4*mV/exprel((13.*mV-v+VT)/(4*mV))/ms*(1-m)-0.28*(mV**-1)*5*mV/exprel((v-VT-40.*mV)/(5*mV))/ms*m : 1
dn/dt = 0.032*(mV**-1)*5*mV/exprel((15.*mV-v+VT)/(5*mV))/ms*(1.-n)-.5*exp((10.*mV-v+VT)/(40.*mV))/ms*n : 1
dh/dt = 0.128*exp((17.*mV-v+VT)/(18.*mV))/ms*(1.-h)-4./(1+exp((40.*mV-v+VT)/(5.*mV)))/ms*h : 1
I : amp
'''
HH_R = {'v': (-0.07, -0.05), 'm': (0.0, 0.2), 'n': (0.2, 0.4), 'h': (0.4, 0.7), 'gl': (1e-9, 2e-9),
        'g_na': (1e-6, 2e-6), 'g_kd': (2e-7, 4e-7), 'ENa': (0.045, 0.055), 'EK': (-0.095, -0.085),
        'VT': (-0.065, -0.06), 'Cm': (1e-10, 3e-10), 'I': (0.0, 1e-9)}

CASES = [
    ('lif', 'dv/dt = (v0 - v)/tau : volt', {}),
    ('lif_unless_refractory', 'dv/dt = (v0 - v)/tau : volt (unless refractory)', {'refractory': True}),
    ('lif_input', 'dv/dt = (El - v + R*I)/tau : volt\nI : amp', {}),
    ('lif_tau_parameter', 'dv/dt = (v0 - v)/tau : volt\ntau : second', {}),
    ('lif_units_in_rhs', 'dv/dt = (-70*mV - v)/(10*ms) : volt', {}),
    ('coupled_v_ge', 'dv/dt = (ge - v)/tau : volt\ndge/dt = -ge/taue : volt', {}),
    ('coupled_same_tau', 'dv/dt = (ge - v)/tau : volt\ndge/dt = -ge/tau : volt', {}),
    ('cuba_unless_refractory', 'dv/dt = (ge + gi - (v - El))/taum : volt (unless refractory)\ndge/dt = -ge/taue : volt\ndgi/dt = -gi/taui : volt', {'refractory': True}),
    ('coba', 'dv/dt = (gl*(El - v) + ge*(Ee - v) + gi*(Ei - v))/C : volt\ndge/dt = -ge/taue : siemens\ndgi/dt = -gi/taui : siemens', {}),
    ('cascade_three', 'dx/dt = -x/t1 : 1\ndy/dt = (x - y)/t2 : 1\ndz/dt = (y - z)/t3 : 1', {}),
    ('alpha_synapse', 'dv/dt = (g - v)/tau : 1\ndg/dt = (h - g)/taug : 1\ndh/dt = -h/taug : 1', {}),
    ('adaptation_linear', 'dv/dt = (El - v - R*w)/tau : volt\ndw/dt = -w/tauw : amp', {'ranges': {'w': (0.0, 1e-10)}}),
    ('subexpression', 'dv/dt = I/C : volt\nI = gl*(El - v) : amp', {}),
    ('nested_subexpressions', 'dv/dt = (I_syn + I_leak)/C : volt\nI_leak = gl*(El - v) : amp\nI_syn = g_s*(Ee - v) : amp\ng_s = ge*k : siemens', {'ranges': {'ge': (0.0, 1e-8)}}),
    ('constant_over_dt', 'dv/dt = (noise_term - v)/tau : 1\nnoise_term = sigma*randn() : 1 (constant over dt)', {'ranges': {'v': (-1.0, 1.0), 'noise_term': (-1.0, 1.0)}}),
    ('hh', HH, {'ranges': HH_R}),
    ('izhikevich', 'dv/dt = (0.04*v**2 + 5*v + 140 - u + I)/ms : 1\ndu/dt = a*(b*v - u)/ms : 1\nI : 1', {'ranges': {'v': (-70.0, -50.0), 'I': (0.0, 10.0)}}),
    ('adex', 'dvm/dt = (gL*(EL - vm) + gL*DeltaT*exp((vm - VT)/DeltaT) + I - w)/C : volt\ndw/dt = (a*(vm - EL) - w)/tauw : amp', {'ranges': {'vm': (-0.07, -0.05), 'DeltaT': (0.001, 0.003), 'VT': (-0.052, -0.048), 'a': (1e-9, 5e-9), 'w': (0.0, 1e-10)}}),
    ('nonlinear', 'dv/dt = -v**2/tau : 1', {'ranges': {'v': (0.1, 2.0)}}),
    ('pure_integrator', 'dv/dt = I/C : volt', {}),
    ('constant_drift', 'dv/dt = 1/second : 1', {'ranges': {'v': (0.0, 1.0)}}),
    ('time_dependent', 'dv/dt = (sin(2*pi*freq*t) - v)/tau : 1', {'ranges': {'v': (-1.0, 1.0)}}),
    ('time_in_coefficient', 'dv/dt = -v*(1 + t/second)/tau : 1', {'ranges': {'v': (-1.0, 1.0)}}),
    ('rand_in_equation', 'dv/dt = -v/tau + rand()/tau : 1', {'ranges': {'v': (-1.0, 1.0)}}),
    ('oscillator_complex', 'dx/dt = -y/tau : 1\ndy/dt = x/tau : 1', {}),
    ('coupled_cycle_real', 'dx/dt = (-x + y)/tau : 1\ndy/dt = (x - 3*y)/tau2 : 1', {}),
    # Feedback (no triangular order). 'constants': names the TS side resolves as namespace constants
    # (ConstantVariables, with dt), so that it may evaluate M at apply time; Brian2 keeps every name
    # symbolic in sympy whatever its kind, so its code is the same either way.
    ('feedback_2x2_constants', 'dx/dt = (-x + y)/tau : 1\ndy/dt = (x - 3*y)/tau2 : 1', {'constants': ['tau', 'tau2']}),
    ('feedback_2x2_input_constants', 'dx/dt = (-x + y + I)/tau : 1\ndy/dt = (x - 3*y)/tau2 : 1\nI : 1', {'constants': ['tau', 'tau2'], 'ranges': {'I': (0.0, 2.0)}}),
    ('feedback_2x2_units_constants', 'dv/dt = (El - v + R*w)/tau : volt\ndw/dt = (a*(v - El) - w)/tauw : amp', {'constants': ['El', 'R', 'tau', 'a', 'tauw'], 'ranges': {'a': (1e-9, 5e-9), 'w': (0.0, 1e-10)}}),
    ('feedback_3x3_constants', 'dx/dt = (-2*x + y + I)/tau : 1\ndy/dt = (x - 2*y + z)/tau : 1\ndz/dt = (y - 2*z)/tau : 1\nI : 1', {'constants': ['tau'], 'ranges': {'I': (0.0, 2.0)}}),
    ('feedback_complex_constants', 'dx/dt = (-x + y)/tau : 1\ndy/dt = (-x - y)/tau : 1', {'constants': ['tau']}),
    ('feedback_per_neuron', 'dx/dt = (-x + y)/tau : 1\ndy/dt = (x - 3*y)/tau2 : 1\ntau : second\ntau2 : second', {}),
    ('feedback_per_neuron_unless_refractory', 'dv/dt = (El - v + R*w)/tau : volt (unless refractory)\ndw/dt = (a*(v - El) - w)/tauw : amp\ntau : second', {'refractory': True, 'ranges': {'a': (1e-9, 5e-9), 'w': (0.0, 1e-10)}}),
    ('ou', 'dx/dt = (mu - x)/tau + sigma*xi*tau**-0.5 : 1', {}),
    ('ou_two_noise', 'dx/dt = (mu - x)/tau + s1*xi_1*tau**-0.5 + s2*xi_2*tau**-0.5 : 1', {}),
    ('shared_noise', 'dx/dt = -x/tau + s*xi_c*tau**-0.5 : 1\ndy/dt = -y/tau + s*xi_c*tau**-0.5 : 1', {}),
    ('independent_noise_two_vars', 'dx/dt = -x/tau + s1*xi_1*tau**-0.5 : 1\ndy/dt = (x - y)/tau2 + s2*xi_2*tau**-0.5 : 1', {}),
    ('noise_on_one_var', 'dx/dt = -x/tau + y/tau : 1\ndy/dt = -y/tau2 + sigma*xi*tau**-0.5 : 1', {}),
    ('multiplicative', 'dx/dt = -x/tau + sigma*x*xi*tau**-0.5 : 1', {}),
    ('multiplicative_other_var', 'dx/dt = -x/tau + y*xi*tau**-0.5 : 1\ndy/dt = -y/tau2 : 1', {}),
    ('multiplicative_time', 'dx/dt = -x/tau + sigma*(1 + sin(2*pi*freq*t))*xi*tau**-0.5 : 1', {}),
    ('multiplicative_two_noise', 'dx/dt = -x/tau + s1*x*xi_1*tau**-0.5 + s2*xi_2*tau**-0.5 : 1', {}),
    ('noise_with_time_drift', 'dv/dt = (sin(2*pi*freq*t) - v)/tau + sigma*xi*tau**-0.5 : 1', {'ranges': {'v': (-1.0, 1.0)}}),
    ('noisy_lif_unless_refractory', 'dv/dt = (v0 - v)/tau + sigma*xi*tau**-0.5*mV : volt (unless refractory)', {'refractory': True}),
    ('noise_in_subexpression_factor', 'dx/dt = -x/tau + amp_noise*xi*tau**-0.5 : 1\namp_noise = sigma*(1 + y**2) : 1\ndy/dt = -y/tau2 : 1', {}),
]


def noise_value(name, point):
    # Deterministic "random" normal values, a different one per name and point.
    h = sum(ord(c) * (k + 1) for k, c in enumerate(name))
    return float(np.sin(h * 12.9898 + point * 78.233) * 1.7)


RAND_VALUE = 0.6180339887


def exprel(x):
    return 1.0 if x == 0 else float(np.expm1(x) / x)


FUNCTIONS = {
    'exp': np.exp, 'log': np.log, 'log10': np.log10, 'sqrt': np.sqrt, 'sin': np.sin, 'cos': np.cos,
    'tan': np.tan, 'sinh': np.sinh, 'cosh': np.cosh, 'tanh': np.tanh, 'arcsin': np.arcsin,
    'arccos': np.arccos, 'arctan': np.arctan, 'abs': np.abs, 'exprel': exprel, 'int': int,
    'expm1': np.expm1, 'log1p': np.log1p, 'pi': np.pi, 'e': np.e, 'inf': np.inf,
}


def unit_value(name):
    obj = getattr(brian2, name, None)
    if isinstance(obj, brian2.Quantity):
        return float(np.asarray(obj))
    return None


def evaluate_code(code, values, point):
    ns = dict(FUNCTIONS)
    ns.update({k: (np.float64(v) if not isinstance(v, bool) else v) for k, v in values.items()})
    for line in code.split('\n'):
        line = line.strip()
        if not line:
            continue
        target, expr = [s.strip() for s in line.split('=', 1)]
        ns['randn'] = lambda target=target: np.float64(noise_value(target, point))
        ns['rand'] = lambda: np.float64(RAND_VALUE)
        with np.errstate(all='ignore'):
            ns[target] = eval(expr, {'__builtins__': {}}, ns)
    return ns


def main(out_path):
    rng = np.random.RandomState(20240601)
    cases = []
    for case_name, model, opts in CASES:
        eqs = Equations(model)
        if opts.get('refractory'):
            eqs = add_refractoriness(eqs)
        eqs_for_updater = extract_constant_subexpressions(eqs)[0]
        ranges = dict(R)
        ranges.update(opts.get('ranges', {}))
        # Values for every name the equations use (state variables, parameters, constants, units).
        names = set(eqs_for_updater.diff_eq_names) | set(eqs_for_updater.parameter_names) | set(eqs_for_updater.identifiers)
        names -= set(FUNCTIONS) | {'t', 'dt', 'rand', 'randn'} | set(n for n in names if n == 'xi' or n.startswith('xi_'))
        points = []
        for p in range(N_POINTS):
            vals = {'dt': float(rng.uniform(5e-5, 2e-4)), 't': float(rng.uniform(0, 0.2))}
            for n in sorted(names):
                if n in BOOLS:
                    vals[n] = BOOLS[n][p]
                elif n in ranges:
                    vals[n] = float(rng.uniform(*ranges[n]))
                else:
                    u = unit_value(n)
                    if u is None:
                        raise KeyError(f'{case_name}: no value for {n!r}')
                    vals[n] = u
            noise = {xi: noise_value(xi, p) for xi in sorted(eqs_for_updater.stochastic_variables)}
            points.append({'values': vals, 'noise': noise})
        results = {}
        for method in METHODS:
            su = StateUpdateMethod.stateupdaters[method]
            try:
                code = su(eqs_for_updater, dict(DEFAULT_FUNCTIONS))
            except UnsupportedEquationsException as exc:
                results[method] = {'error': type(exc).__name__, 'message': str(exc)}
                continue
            outputs = []
            for p, point in enumerate(points):
                ns = evaluate_code(code, point['values'], p)
                # NaN (JSON null) occurs where Brian2's own code divides by int(not_refractory) = 0; a
                # NeuronGroup never stores it (the conditional write skips refractory neurons).
                outputs.append({n: (float(ns[n]) if np.isfinite(ns[n]) else None)
                                for n in sorted(eqs_for_updater.diff_eq_names)})
            results[method] = {'code': code, 'results': outputs}
        chosen = None
        for method in DEFAULT_METHODS:
            try:
                StateUpdateMethod.stateupdaters[method](eqs_for_updater, dict(DEFAULT_FUNCTIONS))
                chosen = method
                break
            except UnsupportedEquationsException:
                pass
        case = {'name': case_name, 'model': model, 'refractory': bool(opts.get('refractory')),
                'points': points, 'methods': results, 'automatic': chosen}
        if 'deviation' in opts:
            case['deviation'] = opts['deviation']
        if 'constants' in opts:
            case['constants'] = opts['constants']
        cases.append(case)
    fixture = {
        'brian2': brian2.__version__,
        'randValue': RAND_VALUE,
        'defaultMethods': list(DEFAULT_METHODS),
        'cases': cases,
    }
    with open(out_path, 'w') as f:
        json.dump(fixture, f, indent=1, allow_nan=False)


if __name__ == '__main__':
    main(sys.argv[1])
