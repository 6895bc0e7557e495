"""Models whose state-update code Brian2 does not unit-check a second time (check_units=False):
rewriting the equations can lose a unit (`0*mV` folds to `0`), which must not make a correct model
fail. For tests/conformance/generated_code_units.test.ts.

Usage: /usr/bin/python3 tests/conformance/generate/generated_code_units.py tests/conformance/fixtures/generated_code_units.json
"""
from _sim import floats, write
from brian2 import NeuronGroup, Synapses, StateMonitor, Network, defaultclock, ms, second, volt

defaultclock.dt = 0.1 * ms

# (name, equations, namespace in SI, method, initial v in SI)
CASES = [
    ('clip_zero_mV', '''dv/dt = (v0 - v)/(10*ms) : volt
dtheta/dt = (clip(v - Vi, 0*mV, inf*mV) - theta)/tau : volt''', 'euler'),
    ('clip_zero_mV_rk4', '''dv/dt = (v0 - v)/(10*ms) : volt
dtheta/dt = (clip(v - Vi, 0*mV, inf*mV) - theta)/tau : volt''', 'rk4'),
    ('zero_times_unit_sum', '''dv/dt = (v0 + 0*mV - v)/(10*ms) + 0*mV/ms : volt
dtheta/dt = (0*mV*v/mV - theta)/tau : volt''', 'euler'),
    ('clip_zero_mV_synapses', None, 'euler'),
]
NAMESPACE = {'v0': -0.04, 'Vi': -0.06, 'tau': 0.005}
V_INIT = [-0.07, -0.065, -0.05]
DURATION_S = 0.02


def run_case(name, eqs, method):
    ns = {'v0': NAMESPACE['v0'] * volt, 'Vi': NAMESPACE['Vi'] * volt, 'tau': NAMESPACE['tau'] * second}
    if eqs is None:
        G = NeuronGroup(3, 'dv/dt = (v0 - v)/(10*ms) : volt', method='euler', namespace=ns)
        G.v = V_INIT * volt
        S = Synapses(G, G, 'dtheta/dt = (clip(v_pre - Vi, 0*mV, inf*mV) - theta)/tau : volt (clock-driven)',
                     method=method, namespace=ns)
        S.connect(j='i')
        M = StateMonitor(S, 'theta', record=True)
        net = Network(G, S, M)
        net.run(DURATION_S * second)
        return {'name': name, 'equations': 'dtheta/dt = (clip(v_pre - Vi, 0*mV, inf*mV) - theta)/tau : volt (clock-driven)', 'synapses': True, 'method': method,
                'theta': [floats(row) for row in M.theta]}
    G = NeuronGroup(3, eqs, method=method, namespace=ns)
    G.v = V_INIT * volt
    M = StateMonitor(G, ['v', 'theta'], record=True)
    net = Network(G, M)
    net.run(DURATION_S * second)
    return {'name': name, 'equations': eqs, 'synapses': False, 'method': method,
            'v': [floats(row) for row in M.v], 'theta': [floats(row) for row in M.theta]}


write({'dt_s': 1e-4, 'duration_s': DURATION_S, 'namespace_si': NAMESPACE, 'v_init_si': V_INIT,
       'cases': [run_case(*c) for c in CASES]})
