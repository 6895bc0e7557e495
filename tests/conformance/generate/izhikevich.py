"""Brian2 2.5.1 golden data for the Izhikevich (2003) model under forward Euler: seven neurons
with the classic parameter sets (RS, IB, CH, FS, LTS, RZ, TC) as per-neuron parameters, constant
input, dt = 0.1 ms, 500 ms. Records every spike (i, t), the counts, and the v and u traces of
neurons 0 and 3 every 1 ms (start slot).

Sensitivity: the Euler map with reset is chaotic for some of these neurons: perturbing the initial
v by 1e-14 (relative) moves later spikes of the FS and TC neurons by several steps in Brian2
itself, so last-bit differences in the generated arithmetic (operand order) do the same. The
generator therefore also runs an ensemble of 8 perturbed starts (v and u scaled by 1 + k*1e-15,
k = ±1, ±2, ±5, ±10) and records, per neuron, how many leading spikes are identical across the
ensemble ('robust_spikes'), per spike the earliest and latest time over the ensemble
('envelope_t_s'), and the last trace sample before the ensemble spread exceeds 1e-9 relative
('trace_horizon').
Usage: /usr/bin/python3 izhikevich.py OUTPUT.json
"""
import numpy as np
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


def simulate(scale=1.0):
    start_scope()
    G = NeuronGroup(len(PARAMS), EQS, threshold='v >= 30', reset='v = c; u += d', method='euler')
    G.a, G.b, G.c, G.d, G.I = [list(c) for c in cols]
    G.v = -65*scale
    G.u = 'b*v'
    S = SpikeMonitor(G)
    M = StateMonitor(G, ['v', 'u'], record=[0, 3], dt=1*ms)
    run(500*ms)
    trains = S.spike_trains()
    return S, M, [np.asarray(trains[n]) for n in range(len(PARAMS))], np.vstack([M.v[:], M.u[:]])


S, M, trains, traces = simulate()
ensemble = [simulate(1 + k*1e-15) for k in (-10, -5, -2, -1, 1, 2, 5, 10)]
assert all([len(t) for t in e[2]] == [len(t) for t in trains] for e in ensemble), 'counts not robust'
robust, envelope = [], []
for n, train in enumerate(trains):
    others = np.array([e[2][n] for e in ensemble] + [train])
    same = np.all(np.abs(others - train) < 1e-12, axis=0)
    robust.append(int(np.argmin(same)) if not same.all() else len(train))
    envelope.append([floats(others.min(axis=0)), floats(others.max(axis=0))])
spread = np.max([np.abs(e[3] - traces) / np.maximum(np.abs(traces), 1e-3) for e in ensemble], axis=(0, 1))
horizon = int(np.argmax(spread > 1e-9)) if (spread > 1e-9).any() else len(spread)
write({
    'model': {'eqs': EQS, 'threshold': 'v >= 30', 'reset': 'v = c; u += d', 'method': 'euler',
              'dt_s': float(defaultclock.dt), 'duration_s': 0.5, 'v_init': -65, 'u_init': 'b*v',
              'names': list(PARAMS), 'a': list(cols[0]), 'b': list(cols[1]), 'c': list(cols[2]),
              'd': list(cols[3]), 'I': list(cols[4]), 'monitor_dt_s': 0.001, 'record': [0, 3]},
    'spike_i': ints(S.i), 'spike_t_s': floats(S.t), 'count': ints(S.count),
    'monitor_t_s': floats(M.t), 'v': [floats(M.v[k]) for k in range(2)],
    'u': [floats(M.u[k]) for k in range(2)],
    'robust_spikes': robust, 'envelope_t_s': envelope, 'trace_horizon': horizon,
})
