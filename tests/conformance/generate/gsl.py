"""Records Brian2 2.5.1's GSL integrators (`method='gsl_*'`, `method_options`) for tests/conformance/gsl.test.ts.

Usage: /usr/bin/python3 tests/conformance/generate/gsl.py tests/conformance/fixtures/gsl.json

Needs the GSL library and a C compiler (Brian2 compiles GSL code with Cython):
`apt-get install -y libgsl-dev`. The generated code is compiled without -ffast-math and
-march=native, so Brian2's derivative is evaluated in plain IEEE order (no fused multiply-add),
the way brian-ts evaluates it.

Cases: every stepper on a nonlinear two-variable system (FitzHugh–Nagumo, per-neuron input) with
traces of both variables at every step and Brian2's `_step_count`, `_failed_steps` and
`_last_timestep` after the run; the method options (absolute_error, absolute_error_per_variable,
use_last_timestep, adaptable_timestep, max_steps); spiking models (Hodgkin–Huxley with refractory
condition, an adaptive threshold driven through synapses, `(unless refractory)`), a time-dependent
input; and Brian2's errors for bad options and unsupported equations (class and message).
"""
import json
import sys
import warnings

warnings.filterwarnings('ignore')
import numpy as np  # noqa: E402
from brian2 import *  # noqa: E402,F403
from brian2.core.network import BrianObjectException  # noqa: E402

prefs.codegen.target = 'cython'
prefs.codegen.cpp.extra_compile_args_gcc = ['-w', '-O3', '-std=c++11']
BrianLogger.log_level_error()


def floats(x):
    return [float(v) for v in np.asarray(x, dtype=float).ravel()]


def ints(x):
    return [int(v) for v in np.asarray(x).ravel()]


FHN = '''
dv/dt = (v - v**3/3 - w + I)/tau_v : 1
dw/dt = (v + 0.7 - 0.8*w)/tau_w : 1
I : 1
'''
FHN_NS = {'tau_v': 1 * ms, 'tau_w': 12.5 * ms}


def fhn(method, options=None, runtime=20 * ms, dt=0.1 * ms):
    start_scope()
    G = NeuronGroup(3, FHN, method=method, method_options=options, dt=dt, namespace=FHN_NS)
    G.I = [0.3, 0.6, 1.0]
    G.v = [-1.0, 0.5, 1.5]
    G.w = [-0.5, 0.0, 0.4]
    opts = options or {}
    M = StateMonitor(G, ['v', 'w'], record=True)
    run(runtime)
    out = {'method': method, 'options': {k: v for k, v in opts.items() if k != 'absolute_error_per_variable'},
           'per_variable': {k: float(v) for k, v in (opts.get('absolute_error_per_variable') or {}).items()},
           'dt': float(dt), 'runtime': float(runtime),
           't': floats(M.t), 'v': floats(M.v), 'w': floats(M.w), 'v_end': floats(G.v[:]), 'w_end': floats(G.w[:])}
    for name in ['_step_count', '_failed_steps', '_last_timestep']:
        if name in G.variables:
            out[name] = floats(G.variables[name].get_value())
    return out


def error_of(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        cause = e
        while isinstance(cause, BrianObjectException) and cause.__cause__ is not None:
            cause = cause.__cause__
        return {'class': type(cause).__name__, 'message': str(cause)}
    return None


data = {'methods': sorted(k for k in StateUpdateMethod.stateupdaters if k.startswith('gsl'))}

# Every stepper, default options.
data['steppers'] = [fhn(m) for m in ['gsl_rk2', 'gsl_rk4', 'gsl_rkf45', 'gsl_rkck', 'gsl_rk8pd', 'gsl']]

# Options (rkf45 unless named).
data['options'] = [
    fhn('gsl_rkf45', {'absolute_error': 1e-3, 'save_step_count': True, 'save_failed_steps': True}),
    fhn('gsl_rkf45', {'absolute_error': 1e-9, 'save_step_count': True, 'max_steps': 1000}),
    fhn('gsl_rkf45', {'absolute_error_per_variable': {'v': 1e-9}, 'save_step_count': True, 'max_steps': 1000}),
    fhn('gsl_rkck', {'use_last_timestep': False, 'save_step_count': True, 'save_failed_steps': True}),
    fhn('gsl_rk4', {'adaptable_timestep': False, 'absolute_error': 0.5, 'save_step_count': True}),
    fhn('gsl_rk2', {'absolute_error': 1e-4, 'save_step_count': True, 'save_failed_steps': True, 'use_last_timestep': False}),
    fhn('gsl_rk8pd', {'absolute_error': 1e-10, 'save_step_count': True, 'save_failed_steps': True}, runtime=5 * ms, dt=0.5 * ms),
]


def failing(method, options):
    def go():
        start_scope()
        G = NeuronGroup(3, FHN, method=method, method_options=options, dt=0.1 * ms, namespace=FHN_NS)
        G.I = [0.3, 0.6, 1.0]
        G.v = [-1.0, 0.5, 1.5]
        G.w = [-0.5, 0.0, 0.4]
        run(5 * ms)
    err = error_of(go)
    return {'method': method, 'options': options, 'error': err}


data['failures'] = [
    failing('gsl_rkf45', {'absolute_error': 1e-12, 'max_steps': 3}),
    failing('gsl_rkf45', {'adaptable_timestep': False, 'absolute_error': 1e-12}),
]

# Hodgkin–Huxley (Brian2's test_GSL.py model) with a refractory condition, spikes and traces.
HH_NS = {'Cm': 1 * ufarad * cm ** -2, 'gl': 5e-5 * siemens * cm ** -2, 'El': -65 * mV, 'EK': -90 * mV, 'ENa': 50 * mV,
         'g_na': 100 * msiemens * cm ** -2, 'g_kd': 30 * msiemens * cm ** -2, 'VT': -63 * mV}
HH = '''
dv/dt = (gl*(El-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK) + I)/Cm : volt
dm/dt = 0.32*(mV**-1)*(13.*mV-v+VT)/
    (exp((13.*mV-v+VT)/(4.*mV))-1.)/ms*(1-m)-0.28*(mV**-1)*(v-VT-40.*mV)/
    (exp((v-VT-40.*mV)/(5.*mV))-1.)/ms*m : 1
dn/dt = 0.032*(mV**-1)*(15.*mV-v+VT)/
    (exp((15.*mV-v+VT)/(5.*mV))-1.)/ms*(1.-n)-.5*exp((10.*mV-v+VT)/(40.*mV))/ms*n : 1
dh/dt = 0.128*exp((17.*mV-v+VT)/(18.*mV))/ms*(1.-h)-4./(1+exp((40.*mV-v+VT)/(5.*mV)))/ms*h : 1
I : amp/metre**2
'''


def hh(method, options):
    start_scope()
    G = NeuronGroup(3, HH, threshold='v > -40*mV', refractory='v > -40*mV', method=method,
                    method_options=options, dt=0.05 * ms, namespace=HH_NS)
    G.v = HH_NS['El']
    G.I = [0.7, 1.5, 3.0] * nA / (20000 * umetre ** 2)
    M = StateMonitor(G, ['v', 'm'], record=True)
    S = SpikeMonitor(G)
    run(20 * ms)
    return {'method': method, 'options': options, 'v': floats(M.v), 'm': floats(M.m), 'spike_i': ints(S.i),
            'spike_t': floats(S.t), 'step_count': floats(G.variables['_step_count'].get_value())}


data['hh'] = [hh('gsl_rkf45', {'save_step_count': True}), hh('gsl_rk8pd', {'save_step_count': True, 'absolute_error': 1e-8})]


# Brian2's test_GSL_stateupdater_basic: adaptive threshold, driven through synapses.
def adaptive():
    start_scope()
    eqs = '''
    dv/dt = -v/(10*ms) : volt
    dvt/dt = (10*mV-vt)/(15*ms) : volt
    '''
    G = NeuronGroup(1, eqs, reset='v = 0*mV\nvt += 3*mV', threshold='v>vt', method='gsl')
    G.vt = 10 * mV
    P = SpikeGeneratorGroup(1, [0] * 50, np.arange(50) / 50. * 100 * ms)
    C = Synapses(P, G, on_pre='v += 3*mV')
    C.connect()
    S = SpikeMonitor(G)
    M = StateMonitor(G, ['v', 'vt'], record=True)
    run(100 * ms)
    return {'spike_t': floats(S.t), 'v': floats(M.v), 'vt': floats(M.vt)}


data['adaptive'] = adaptive()


# Time-dependent input (t is the step's start inside the derivative, as Brian2 hoists it) and
# `(unless refractory)`.
def nonautonomous():
    start_scope()
    G = NeuronGroup(4, '''dv/dt = (a*sin(2*pi*freq*t) - v)/(3*ms) : 1
                          freq : Hz
                          a : 1''', method='gsl_rkck')
    G.freq = 'i*40*Hz + 50*Hz'
    G.a = 'i + 1'
    M = StateMonitor(G, 'v', record=True)
    run(20 * ms)
    return {'v': floats(M.v)}


def refractory():
    start_scope()
    G = NeuronGroup(2, 'dv/dt = (2 - v)/(7*ms) : 1 (unless refractory)', method='gsl', threshold='v > 1',
                    reset='v = 0', refractory=3 * ms)
    G.v = [0, 0.5]
    M = StateMonitor(G, 'v', record=True)
    S = SpikeMonitor(G)
    run(30 * ms)
    return {'v': floats(M.v), 'spike_i': ints(S.i), 'spike_t': floats(S.t)}


# A bare t among per-element factors (`a*t`) is GSL's intermediate time in Brian2.
def bare_t():
    start_scope()
    G = NeuronGroup(3, '''dv/dt = (a*t - v)/(2*ms) : 1
                          a : Hz''', method='gsl_rkf45', method_options={'absolute_error': 1e-9, 'max_steps': 1000})
    G.a = 'i*100*Hz + 50*Hz'
    M = StateMonitor(G, 'v', record=True)
    run(10 * ms)
    return {'v': floats(M.v)}


# An oscillator switched from 5 kHz to 10 Hz at dt = 1 ms: the step size grows back by GSL's cap
# (4.9 per step), within a time step.
def growth(method):
    start_scope()
    G = NeuronGroup(2, '''dx/dt = -w*y : 1
                          dy/dt = w*x : 1
                          w : Hz''', method=method, method_options={'save_step_count': True, 'max_steps': 10000},
                    dt=1 * ms)
    G.x = 1
    G.run_regularly('w = (2*pi*5000*Hz)*int(t < 5*ms) + (2*pi*10*Hz)*int(t >= 5*ms)', dt=5 * ms)
    net = Network(G)
    net.run(0 * ms)
    M = StateMonitor(G, ['x', 'y', '_step_count', '_last_timestep'], record=True)
    net.add(M)
    net.run(10 * ms)
    return {'method': method, 'x': floats(M.x), 'y': floats(M.y), 'step_count': floats(M._step_count),
            'last_timestep': floats(M._last_timestep)}


data['bare_t'] = bare_t()
data['growth'] = [growth('gsl_rk2'), growth('gsl_rkf45')]
data['nonautonomous'] = nonautonomous()
data['refractory'] = refractory()


# Errors, as Brian2 raises them (at run time; brian-ts at run time too).
def bad(eqs, options, method='gsl', ns=None):
    def go():
        start_scope()
        G = NeuronGroup(1, eqs, method=method, method_options=options)
        Network(G).run(0 * ms, namespace=ns or {})
    return error_of(go)


VEQ = '''
dv/dt = (v0 - v)/(10*ms) : volt
v0 : volt
'''
data['errors'] = {
    'unit': bad(VEQ, {'absolute_error_per_variable': {'v': 1 * nS}}),
    'dimensionless_given_unit': bad('dv/dt = (v0 - v)/(10*ms) : 1\nv0 : 1', {'absolute_error_per_variable': {'v': 1 * mV}}),
    'unit_given_dimensionless': bad(VEQ, {'absolute_error_per_variable': {'v': 1e-3}}),
    'nonexisting': bad(VEQ, {'absolute_error_per_variable': {'dummy': 1e-3 * mV}}),
    'non_ode': bad(VEQ, {'absolute_error_per_variable': {'v0': 1e-3 * mV}}),
    'per_variable_format': bad(VEQ, {'absolute_error_per_variable': object()}),
    'absolute_error_format': bad(VEQ, {'absolute_error': 'not a float'}),
    'unknown_option': bad(VEQ, {'absolute_errors': 1e-3}),
    'stochastic': bad('dx/dt = (1.1 - x)/(20*ms) + 0.015*(2/(20*ms))**.5*xi : 1', None),
}

text = json.dumps(data, separators=(',', ':'), allow_nan=False)
assert len(text) < 1_000_000, f'fixture too large: {len(text)} bytes'
with open(sys.argv[1], 'w') as f:
    f.write(text + '\n')
