"""Brian2 2.5.1 golden data for seed program 1 (semantics §15.1): one LIF neuron with a 5 ms
refractory period, exact integration. Records the full 500-sample start-slot trace of v, the
spike times and pre-reset v from a SpikeMonitor, an end-slot trace of v and not_refractory, and
the final lastspike/not_refractory/t. The extra monitors do not change the dynamics.
Usage: /usr/bin/python3 seed1.py OUTPUT.json
"""
from _sim import floats, ints, write
from brian2 import *  # noqa: E402,F401,F403

v0 = -10*mV
tau = 10*ms
G = NeuronGroup(1, 'dv/dt = (v0-v)/tau : volt (unless refractory)',
                threshold='v > -40*mV', reset='v = -60*mV',
                refractory=5*ms, method='exact')
G.v = -70*mV
M = StateMonitor(G, 'v', record=True)
Mend = StateMonitor(G, ['v', 'not_refractory'], record=True, when='end')
S = SpikeMonitor(G, variables='v')
run(50*ms)

write({
    'model': {'eqs': 'dv/dt = (v0-v)/tau : volt (unless refractory)', 'threshold': 'v > -40*mV',
              'reset': 'v = -60*mV', 'refractory_s': 0.005, 'v0_V': -0.01, 'tau_s': 0.01,
              'v_init_V': -0.07, 'duration_s': 0.05, 'dt_s': float(defaultclock.dt)},
    'monitor_t_s': floats(M.t),
    'v_V': floats(M.v[0]),
    'end_v_V': floats(Mend.v[0]),
    'end_not_refractory': [bool(b) for b in Mend.not_refractory[0]],
    'spike_t_s': floats(S.t),
    'spike_i': ints(S.i),
    'spike_v_V': floats(S.v),
    'count': ints(S.count),
    'num_spikes': int(S.num_spikes),
    'final': {'v_V': float(G.v[0]), 'lastspike_s': float(G.lastspike[0]),
              'not_refractory': bool(G.not_refractory[0]), 't_s': float(defaultclock.t_[:])},
})
