"""Brian2 2.5.1 statistics of two random networks, over several seeds (issue 4, conformance):
Brian2's CUBA example (examples/CUBA.py, unchanged but 0.5 s long) and frompapers.Brunel_2000
model A (g = 3, nu_ext/nu_thr = 2; scaled down to N_E = 1000 so that C_E = 100, 0.2 s long;
PoissonInput as in the example). For each seed: mean rate, mean CV of the ISIs (neurons with at
least 3 spikes) and the fraction of silent neurons; the fixture keeps each value per seed, so the
TypeScript test can derive its tolerances from Brian2's seed-to-seed spread.
Usage: /usr/bin/python3 network_stats.py OUTPUT.json
"""
from _sim import write
from brian2 import *  # noqa: E402,F401,F403
import numpy as np  # noqa: E402

SEEDS = [1, 2, 3, 4, 5, 6]


def stats(mon, N, duration):
    trains = mon.spike_trains()
    counts = np.array([len(trains[k]) for k in range(N)])
    cvs = []
    for k in range(N):
        t = np.asarray(trains[k])
        if len(t) >= 3:
            isi = np.diff(t)
            cvs.append(float(np.std(isi) / np.mean(isi)))
    return {'rate_Hz': float(counts.sum() / N / float(duration)),
            'cv': float(np.mean(cvs)) if cvs else None,
            'silent': float(np.mean(counts == 0))}


def cuba(s):
    start_scope()
    seed(s)
    taum, taue, taui = 20*ms, 5*ms, 10*ms
    Vt, Vr, El = -50*mV, -60*mV, -49*mV
    eqs = '''
    dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
    dge/dt = -ge/taue : volt
    dgi/dt = -gi/taui : volt
    '''
    P = NeuronGroup(4000, eqs, threshold='v>Vt', reset='v = Vr', refractory=5*ms, method='exact')
    P.v = 'Vr + rand() * (Vt - Vr)'
    P.ge = 0*mV
    P.gi = 0*mV
    we = (60*0.27/10)*mV
    wi = (-20*4.5/10)*mV
    Ce = Synapses(P, P, on_pre='ge += we')
    Ci = Synapses(P, P, on_pre='gi += wi')
    Ce.connect('i<3200', p=0.02)
    Ci.connect('i>=3200', p=0.02)
    s_mon = SpikeMonitor(P)
    run(CUBA_DURATION)
    return stats(s_mon, 4000, CUBA_DURATION)


def brunel(s):
    start_scope()
    seed(s)
    defaultclock.dt = 0.1*ms
    g, nu_ext_over_nu_thr = 3, 2
    N_E = BRUNEL_NE
    N_I = round(0.25 * N_E)
    N = N_E + N_I
    epsilon = 0.1
    C_E = epsilon * N_E
    C_ext = C_E
    tau, theta, V_r, tau_rp = 20*ms, 20*mV, 10*mV, 2*ms
    J, D = 0.1*mV, 1.5*ms
    nu_thr = theta / (J * C_E * tau)
    neurons = NeuronGroup(N, 'dv/dt = -v/tau : volt (unless refractory)', threshold='v > theta', reset='v = V_r',
                          refractory=tau_rp, method='exact')
    exc = Synapses(neurons[:N_E], target=neurons, on_pre='v += J', delay=D)
    exc.connect(p=epsilon)
    inh = Synapses(neurons[N_E:], target=neurons, on_pre='v += -g*J', delay=D)
    inh.connect(p=epsilon)
    nu_ext = nu_ext_over_nu_thr * nu_thr
    ext = PoissonInput(target=neurons, target_var='v', N=int(C_ext), rate=nu_ext, weight=J)
    mon = SpikeMonitor(neurons)
    run(BRUNEL_DURATION)
    return stats(mon, N, BRUNEL_DURATION)


CUBA_DURATION = 0.5*second
BRUNEL_NE = 1000
BRUNEL_DURATION = 0.2*second

data = {
    'cuba': {'duration_s': float(CUBA_DURATION), 'seeds': SEEDS, 'runs': [cuba(s) for s in SEEDS]},
    'brunel': {'duration_s': float(BRUNEL_DURATION), 'N_E': BRUNEL_NE, 'g': 3, 'nu_ext_over_nu_thr': 2, 'seeds': SEEDS,
               'runs': [brunel(s) for s in SEEDS]},
}
write(data)
