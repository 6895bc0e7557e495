"""Brian2 2.5.1 golden data for seed program 2 (semantics §15.2): 100 LIF neurons with graded
input I = i*I_max/(N-1), 1 ms refractory period, 1 s. Records the spike count per neuron (7682
in total), the first 40 spikes (i, t) in monitor order, the full trains of neurons 25, 26, 50
and 99, and the final v and I of every neuron.
Usage: /usr/bin/python3 seed2.py OUTPUT.json
"""
from _sim import floats, ints, write
from brian2 import *  # noqa: E402,F401,F403

N = 100
tau = 10*ms
v0 = -50*mV
eqs = '''
dv/dt = (v0-v+I)/tau : volt (unless refractory)
I : volt
'''
G = NeuronGroup(N, eqs, threshold='v>-40*mV', reset='v=-60*mV',
                refractory=1*ms, method='exact')
G.v = -70*mV
M = SpikeMonitor(G)
I_max = 40*mV
G.I = 'i*I_max/(N-1)'
run(1000*ms)
trains = M.spike_trains()
write({
    'model': {'N': N, 'tau_s': 0.01, 'v0_V': -0.05, 'I_max_V': 0.04, 'duration_s': 1.0,
              'refractory_s': 0.001},
    'num_spikes': int(M.num_spikes),
    'count': ints(M.count),
    'first_i': ints(M.i[:40]),
    'first_t_s': floats(M.t[:40]),
    'trains_s': {str(k): floats(trains[k]) for k in (25, 26, 50, 99)},
    'last_t_s': float(M.t[-1]),
    'final_v_V': floats(G.v),
    'I_V': floats(G.I),
})
