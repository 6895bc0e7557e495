"""Brian2 2.5.1 golden data for a Hodgkin-Huxley population (Traub & Miles kinetics as in
Brian2's examples/IF_curve_Hodgkin_Huxley.py) at dt = 0.01 ms under euler, rk2, rk4, heun and
exponential_euler: four neurons with input currents 0.2, 0.7, 2 and 5 nA, 100 ms. Records per
method every spike (i, t), the counts, the v trace of all four neurons every 0.1 ms over the
first 20 ms, and the final v, m, n, h.
Usage: /usr/bin/python3 hh.py OUTPUT.json
"""
from _sim import floats, ints, write
from brian2 import *  # noqa: E402,F401,F403

EQS = '''
dv/dt = (gl*(El-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK) + I)/Cm : volt
dm/dt = 0.32*(mV**-1)*4*mV/exprel((13.*mV-v+VT)/(4*mV))/ms*(1-m)-0.28*(mV**-1)*5*mV/exprel((v-VT-40.*mV)/(5*mV))/ms*m : 1
dn/dt = 0.032*(mV**-1)*5*mV/exprel((15.*mV-v+VT)/(5*mV))/ms*(1.-n)-.5*exp((10.*mV-v+VT)/(40.*mV))/ms*n : 1
dh/dt = 0.128*exp((17.*mV-v+VT)/(18.*mV))/ms*(1.-h)-4./(1+exp((40.*mV-v+VT)/(5.*mV)))/ms*h : 1
I : amp
'''
area = 20000*umetre**2
namespace = {
    'Cm': 1*ufarad*cm**-2 * area, 'gl': 5e-5*siemens*cm**-2 * area, 'El': -65*mV, 'EK': -90*mV,
    'ENa': 50*mV, 'g_na': 100*msiemens*cm**-2 * area, 'g_kd': 30*msiemens*cm**-2 * area,
    'VT': -63*mV,
}
I_nA = [0.2, 0.7, 2.0, 5.0]
METHODS = ['euler', 'rk2', 'rk4', 'heun', 'exponential_euler']
results = {}
for method in METHODS:
    start_scope()
    defaultclock.dt = 0.01*ms
    G = NeuronGroup(len(I_nA), EQS, threshold='v > -40*mV', refractory='v > -40*mV',
                    method=method, namespace=namespace)
    G.v = namespace['El']
    G.I = I_nA*nA
    S = SpikeMonitor(G)
    M = StateMonitor(G, 'v', record=True, dt=0.1*ms)
    net = Network(G, S, M)
    net.run(20*ms)
    trace = [floats(M.v[k]) for k in range(len(I_nA))]
    trace_t = floats(M.t)
    M.active = False
    net.run(80*ms)
    results[method] = {
        'spike_i': ints(S.i), 'spike_t_s': floats(S.t), 'count': ints(S.count),
        'trace_t_s': trace_t, 'trace_v_V': trace,
        'final': {name: floats(getattr(G, name)) for name in ('v', 'm', 'n', 'h')},
    }
write({
    'model': {'eqs': EQS, 'threshold': 'v > -40*mV', 'refractory': 'v > -40*mV',
              'namespace_SI': {k: float(v) for k, v in namespace.items()},
              'I_nA': I_nA, 'v_init_V': -0.065, 'dt_s': 1e-5, 'monitor_dt_s': 1e-4,
              'trace_duration_s': 0.02, 'duration_s': 0.1, 'methods': METHODS},
    'results': results,
})
