"""Brian2 2.5.1 golden data for the Izhikevich (2003) model under forward Euler: seven neurons
with the classic parameter sets (RS, IB, CH, FS, LTS, RZ, TC) as per-neuron parameters, constant
input, dt = 0.1 ms, 500 ms. Records every spike (i, t), the counts, and the v and u traces of
neurons 0 and 3 every 1 ms (start slot).
Usage: /usr/bin/python3 izhikevich.py OUTPUT.json
"""
from _sim import floats, ints, write
from brian2 import *  # noqa: E402,F401,F403

EQS = '''
dv/dt = (0.04*v**2 + 5*v + 140 - u + I)/ms : 1
du/dt = a*(b*v - u)/ms : 1
a : 1
b : 1
c : 1
d : 1
I : 1
'''
PARAMS = {  # name: (a, b, c, d, I)
    'RS': (0.02, 0.2, -65, 8, 10), 'IB': (0.02, 0.2, -55, 4, 10), 'CH': (0.02, 0.2, -50, 2, 10),
    'FS': (0.1, 0.2, -65, 2, 10), 'LTS': (0.02, 0.25, -65, 2, 10), 'RZ': (0.1, 0.26, -65, 2, 0.5),
    'TC': (0.02, 0.25, -65, 0.05, 1.5),
}
cols = list(zip(*PARAMS.values()))
G = NeuronGroup(len(PARAMS), EQS, threshold='v >= 30', reset='v = c; u += d', method='euler')
G.a, G.b, G.c, G.d, G.I = [list(c) for c in cols]
G.v = -65
G.u = 'b*v'
S = SpikeMonitor(G)
M = StateMonitor(G, ['v', 'u'], record=[0, 3], dt=1*ms)
run(500*ms)
write({
    'model': {'eqs': EQS, 'threshold': 'v >= 30', 'reset': 'v = c; u += d', 'method': 'euler',
              'dt_s': float(defaultclock.dt), 'duration_s': 0.5, 'v_init': -65, 'u_init': 'b*v',
              'names': list(PARAMS), 'a': list(cols[0]), 'b': list(cols[1]), 'c': list(cols[2]),
              'd': list(cols[3]), 'I': list(cols[4]), 'monitor_dt_s': 0.001, 'record': [0, 3]},
    'spike_i': ints(S.i), 'spike_t_s': floats(S.t), 'count': ints(S.count),
    'monitor_t_s': floats(M.t), 'v': [floats(M.v[k]) for k in range(2)],
    'u': [floats(M.u[k]) for k in range(2)],
})
