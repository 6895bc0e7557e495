"""Brian2 2.5.1 golden data for custom events, run_on_event, run_regularly (own dt), an
EventMonitor, a StateMonitor with its own dt, store/restore with named snapshots, and several
consecutive runs. Everything is deterministic.

Four LIF-like neurons (exact); event 'upcross' when v > 0.5 while the latch x is 0; on the event
x = 1 and n_up += 1; every 2 ms a run_regularly clears the latch and counts its executions.
Phases (each records the monitors' contents and the group's state afterwards):
  A: store(); run(10 ms)
  B: restore(); I changed; run(5 ms); run(5 ms)        (restore rewinds state, t and monitors)
  C1: store('mid'); run(7.5 ms)
  C2: restore('mid'); run(7.5 ms)                     (must equal C1)
Usage: /usr/bin/python3 events.py OUTPUT.json
"""
from _sim import floats, ints, write
from brian2 import *  # noqa: E402,F401,F403

EQS = '''
dv/dt = (I - v)/tau : 1
I : 1
x : 1
n_up : integer
n_rr : integer
'''
tau = 10*ms
G = NeuronGroup(4, EQS, threshold='v > 1', reset='v = 0',
                events={'upcross': 'v > 0.5 and x == 0'}, method='exact')
G.run_on_event('upcross', 'x = 1; n_up += 1')
G.run_regularly('x = 0; n_rr += 1', dt=2*ms)
G.I = [0.8, 1.2, 1.5, 3.0]
E = EventMonitor(G, 'upcross', variables=['v'])
S = SpikeMonitor(G)
M = StateMonitor(G, ['v', 'x', 'n_up'], record=[0, 2], dt=0.5*ms)


def snapshot():
    return {
        't_s': float(magic_network.t),
        'spike_i': ints(S.i), 'spike_t_s': floats(S.t), 'spike_count': ints(S.count),
        'event_i': ints(E.i), 'event_t_s': floats(E.t), 'event_v': floats(E.v),
        'event_count': ints(E.count),
        'monitor_t_s': floats(M.t), 'monitor_v': [floats(M.v[k]) for k in range(2)],
        'monitor_x': [floats(M.x[k]) for k in range(2)],
        'monitor_n_up': [ints(M.n_up[k]) for k in range(2)],
        'v': floats(G.v), 'x': floats(G.x), 'n_up': ints(G.n_up), 'n_rr': ints(G.n_rr),
    }


phases = {}
store()
run(10*ms)
phases['A'] = snapshot()
restore()
G.I = [0.6, 2.0, 1.1, 4.0]
run(5*ms)
run(5*ms)
phases['B'] = snapshot()
store('mid')
run(7.5*ms)
phases['C1'] = snapshot()
restore('mid')
run(7.5*ms)
phases['C2'] = snapshot()
assert phases['C1'] == phases['C2']
write({
    'model': {'eqs': EQS, 'tau_s': 0.01, 'threshold': 'v > 1', 'reset': 'v = 0',
              'events': {'upcross': 'v > 0.5 and x == 0'}, 'run_on_event': 'x = 1; n_up += 1',
              'run_regularly': 'x = 0; n_rr += 1', 'run_regularly_dt_s': 0.002,
              'I_A': [0.8, 1.2, 1.5, 3.0], 'I_B': [0.6, 2.0, 1.1, 4.0],
              'monitor_dt_s': 0.0005, 'record': [0, 2]},
    'phases': phases,
})
