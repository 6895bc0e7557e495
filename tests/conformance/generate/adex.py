"""Brian2 2.5.1 golden data for the adaptive exponential integrate-and-fire model (Brette &
Gerstner 2005) under rk4: five neurons with the firing-pattern parameter sets of Naud et al.
(2008) (tonic, adapting, initial burst, bursting, irregular) as per-neuron parameters, a current
step, dt = 0.05 ms, 300 ms. Records every spike (i, t), counts, and vm and w of neurons 0 and 3
every 0.5 ms (start slot).
Usage: /usr/bin/python3 adex.py OUTPUT.json
"""
from _sim import floats, ints, write
from brian2 import *  # noqa: E402,F401,F403

EQS = '''
dvm/dt = (gL*(EL - vm) + gL*DeltaT*exp((vm - VT)/DeltaT) + I - w)/C : volt
dw/dt = (a*(vm - EL) - w)/tauw : amp
a : siemens
b : amp
tauw : second
Vr : volt
I : amp
'''
namespace = {'C': 281*pF, 'gL': 30*nS, 'EL': -70.6*mV, 'VT': -50.4*mV, 'DeltaT': 2*mV,
             'Vcut': -50.4*mV + 5*2*mV}
# (tauw ms, a nS, b pA, Vr mV, I pA)
PATTERNS = {'tonic': (144, 4, 80.5, -70.6, 800), 'adapting': (20, 0, 500, -70.6, 1000),
            'initial_burst': (5, 0.5, 7, -51, 700), 'bursting': (5, -0.5, 7, -46, 700),
            'irregular': (9.9, -0.5, 7, -46, 650)}
cols = list(zip(*PATTERNS.values()))
defaultclock.dt = 0.05*ms
G = NeuronGroup(len(PATTERNS), EQS, threshold='vm > Vcut', reset='vm = Vr; w += b',
                method='rk4', namespace=namespace)
G.tauw = list(cols[0])*ms
G.a = list(cols[1])*nS
G.b = list(cols[2])*pA
G.Vr = list(cols[3])*mV
G.vm = namespace['EL']
G.w = 0*pA
S = SpikeMonitor(G)
M = StateMonitor(G, ['vm', 'w'], record=[0, 3], dt=0.5*ms)
run(20*ms)          # rest
G.I = list(cols[4])*pA
run(280*ms)         # current step
write({
    'model': {'eqs': EQS, 'threshold': 'vm > Vcut', 'reset': 'vm = Vr; w += b', 'method': 'rk4',
              'namespace_SI': {k: float(v) for k, v in namespace.items()}, 'dt_s': 5e-5,
              'monitor_dt_s': 5e-4, 'record': [0, 3], 'patterns': list(PATTERNS),
              'tauw_ms': list(cols[0]), 'a_nS': list(cols[1]), 'b_pA': list(cols[2]),
              'Vr_mV': list(cols[3]), 'I_pA': list(cols[4]), 'rest_s': 0.02, 'step_s': 0.28},
    'spike_i': ints(S.i), 'spike_t_s': floats(S.t), 'count': ints(S.count),
    'monitor_t_s': floats(M.t), 'vm_V': [floats(M.vm[k]) for k in range(2)],
    'w_A': [floats(M.w[k]) for k in range(2)],
})
