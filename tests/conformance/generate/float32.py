"""Brian2 2.5.1 golden data for single precision (prefs.core.default_float_dtype = float32; brian-ts
prefs.floatDtype = 'float32', session 6, issue 11). Three deterministic models, each run with the
numpy and the cython target in float32 and with numpy in float64:
- lif: 20 LIF neurons (exact integration, reset, 2 ms refractoriness), v0 from -60 to -35.3 mV,
  dt = 0.1 ms, 100 ms; v of all neurons every 0.5 ms; spikes.
- hh: 4 Hodgkin-Huxley neurons (Traub & Miles kinetics, exponential_euler, dt = 0.01 ms), inputs
  0.2-5 nA, 50 ms; v every 0.1 ms over the first 20 ms; spikes; final v, m, n, h.
- synapses: a SpikeGeneratorGroup (fixed times) drives 5 LIF neurons through plastic synapses
  (`w : volt`, event-driven pre/post traces, clipped STDP updates), 200 ms; target spikes, final
  w, apre, apost and v.
Also records the dtypes Brian2 gives each array (state variables, lastspike, monitors).
Usage: /usr/bin/python3 float32.py OUTPUT.json
"""
import warnings

warnings.filterwarnings('ignore')
from _sim import floats, ints, write  # noqa: E402  (sets the numpy target; overridden per run below)
from brian2 import *  # noqa: E402,F401,F403

LIF = '''
dv/dt = (v0 - v)/tau : volt (unless refractory)
v0 : volt
'''
HH = '''
dv/dt = (gl*(El-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK) + I)/Cm : volt
dm/dt = 0.32*(mV**-1)*4*mV/exprel((13.*mV-v+VT)/(4*mV))/ms*(1-m)-0.28*(mV**-1)*5*mV/exprel((v-VT-40.*mV)/(5*mV))/ms*m : 1
dn/dt = 0.032*(mV**-1)*5*mV/exprel((15.*mV-v+VT)/(5*mV))/ms*(1.-n)-.5*exp((10.*mV-v+VT)/(40.*mV))/ms*n : 1
dh/dt = 0.128*exp((17.*mV-v+VT)/(18.*mV))/ms*(1.-h)-4./(1+exp((40.*mV-v+VT)/(5.*mV)))/ms*h : 1
I : amp
'''
area = 20000*umetre**2
HH_NS = {
    'Cm': 1*ufarad*cm**-2 * area, 'gl': 5e-5*siemens*cm**-2 * area, 'El': -65*mV, 'EK': -90*mV,
    'ENa': 50*mV, 'g_na': 100*msiemens*cm**-2 * area, 'g_kd': 30*msiemens*cm**-2 * area, 'VT': -63*mV,
}
HH_I_nA = [0.2, 0.7, 2.0, 5.0]
SYN_MODEL = '''
w : volt
dapre/dt = -apre/taupre : 1 (event-driven)
dapost/dt = -apost/taupost : 1 (event-driven)
'''
SYN_PRE = 'v_post += w\napre += 0.1\nw = clip(w + apost*wstep, 0*mV, wmax)'
SYN_POST = 'apost -= 0.12\nw = clip(w + apre*wstep, 0*mV, wmax)'
SYN_NS = {'tau': 10*ms, 'taupre': 20*ms, 'taupost': 20*ms, 'wmax': 4*mV, 'wstep': 1*mV}
# Input spikes: neuron k of 10 fires every (7 + k) ms from (1 + 0.3 k) ms.
GEN_I, GEN_T = [], []
for k in range(10):
    t = 1.0 + 0.3*k
    while t < 200:
        GEN_I.append(k)
        GEN_T.append(round(t, 6))
        t += 7 + k
VARIANTS = [('numpy', 'float32'), ('cython', 'float32'), ('numpy', 'float64')]


def lif():
    defaultclock.dt = 0.1*ms
    G = NeuronGroup(20, LIF, threshold='v > -50*mV', reset='v = -65*mV', refractory=2*ms,
                    method='exact', namespace={'tau': 10*ms})
    G.v = -70*mV
    G.v0 = '-60*mV + i*1.3*mV'
    S = SpikeMonitor(G)
    M = StateMonitor(G, 'v', record=True, dt=0.5*ms)
    run(100*ms)
    return {'spike_i': ints(S.i), 'spike_t_s': floats(S.t), 'count': ints(S.count),
            'trace_v_V': [floats(M.v[k]) for k in range(20)], 'final_v_V': floats(G.v),
            'dtypes': {'v': str(G.v[:].dtype), 'lastspike': str(G.lastspike[:].dtype),
                       'monitor_v': str(M.v[:].dtype), 'monitor_t': str(M.t[:].dtype), 'spike_t': str(S.t[:].dtype)}}


def hh():
    defaultclock.dt = 0.01*ms
    G = NeuronGroup(4, HH, threshold='v > -40*mV', refractory='v > -40*mV', method='exponential_euler', namespace=HH_NS)
    G.v = HH_NS['El']
    G.I = HH_I_nA*nA
    S = SpikeMonitor(G)
    M = StateMonitor(G, 'v', record=True, dt=0.1*ms)
    net = Network(G, S, M)
    net.run(20*ms)
    trace = [floats(M.v[k]) for k in range(4)]
    M.active = False
    net.run(30*ms)
    return {'spike_i': ints(S.i), 'spike_t_s': floats(S.t), 'count': ints(S.count), 'trace_v_V': trace,
            'final': {name: floats(getattr(G, name)) for name in ('v', 'm', 'n', 'h')}}


def synapses():
    defaultclock.dt = 0.1*ms
    P = SpikeGeneratorGroup(10, GEN_I, GEN_T*ms)
    G = NeuronGroup(5, 'dv/dt = -v/tau : volt', threshold='v > 5*mV', reset='v = 0*mV', method='exact', namespace=SYN_NS)
    S = Synapses(P, G, SYN_MODEL, on_pre=SYN_PRE, on_post=SYN_POST, namespace=SYN_NS)
    S.connect()
    S.w = '0.5*mV + 0.13*mV*i + 0.07*mV*j'
    SM = SpikeMonitor(G)
    run(200*ms)
    return {'spike_i': ints(SM.i), 'spike_t_s': floats(SM.t), 'count': ints(SM.count),
            'final_w_V': floats(S.w), 'final_apre': floats(S.apre), 'final_apost': floats(S.apost),
            'final_v_V': floats(G.v), 'syn_i': ints(S.i), 'syn_j': ints(S.j),
            'dtypes': {'w': str(S.w[:].dtype), 'lastupdate': str(S.lastupdate[:].dtype), 'delay': str(S.delay[:].dtype)}}


results = {}
for target, dtype in VARIANTS:
    prefs.codegen.target = target
    prefs.core.default_float_dtype = {'float32': float32, 'float64': float64}[dtype]
    key = f'{target}_{dtype}'
    results[key] = {}
    for name, fn in (('lif', lif), ('hh', hh), ('synapses', synapses)):
        start_scope()
        results[key][name] = fn()
prefs.core.default_float_dtype = float64
write({
    'models': {
        'lif': {'eqs': LIF, 'N': 20, 'threshold': 'v > -50*mV', 'reset': 'v = -65*mV', 'refractory_s': 2e-3,
                'tau_s': 0.01, 'v_init_V': -0.07, 'v0': '-60*mV + i*1.3*mV', 'dt_s': 1e-4, 'monitor_dt_s': 5e-4, 'duration_s': 0.1},
        'hh': {'eqs': HH, 'namespace_SI': {k: float(v) for k, v in HH_NS.items()}, 'I_nA': HH_I_nA, 'threshold': 'v > -40*mV',
               'refractory': 'v > -40*mV', 'dt_s': 1e-5, 'monitor_dt_s': 1e-4, 'trace_duration_s': 0.02, 'duration_s': 0.05},
        'synapses': {'model': SYN_MODEL, 'on_pre': SYN_PRE, 'on_post': SYN_POST, 'namespace_SI': {k: float(v) for k, v in SYN_NS.items()},
                     'gen_i': GEN_I, 'gen_t_ms': GEN_T, 'w': '0.5*mV + 0.13*mV*i + 0.07*mV*j', 'dt_s': 1e-4, 'duration_s': 0.2},
    },
    'variants': [f'{t}_{d}' for t, d in VARIANTS],
    'results': results,
})
