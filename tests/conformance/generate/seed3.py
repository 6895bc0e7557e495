"""Brian2 2.5.1 statistics for the seed's third program (examples/seed/seed-3-stdp.ts, after
Brian2's synapses/STDP example: 1000 Poisson inputs at 15 Hz onto one neuron, 10 s), over several
seeds: input spike count, output spike count, mean w/gmax and the fractions of weights below
0.1·gmax and above 0.9·gmax. Usage: /usr/bin/python3 seed3.py OUTPUT.json
"""
from _sim import write
from brian2 import *  # noqa: E402,F401,F403
import numpy as np  # noqa: E402

runs = []
for s in [1, 2, 3, 4]:
    start_scope()
    seed(s)
    N = 1000
    taum, taupre, taupost = 10*ms, 20*ms, 20*ms
    Ee, vt, vr, El, taue = 0*mV, -54*mV, -60*mV, -74*mV, 5*ms
    F = 15*Hz
    gmax = .01
    dApre = .01
    dApost = -dApre * taupre / taupost * 1.05
    dApost *= gmax
    dApre *= gmax
    inp = PoissonGroup(N, rates=F)
    neurons = NeuronGroup(1, '''dv/dt = (ge * (Ee-v) + El - v) / taum : volt
dge/dt = -ge / taue : 1''', threshold='v>vt', reset='v = vr', method='euler')
    S = Synapses(inp, neurons, '''w : 1
dApre/dt = -Apre / taupre : 1 (event-driven)
dApost/dt = -Apost / taupost : 1 (event-driven)''',
                 on_pre='''ge += w
Apre += dApre
w = clip(w + Apost, 0, gmax)''',
                 on_post='''Apost += dApost
w = clip(w + Apre, 0, gmax)''')
    S.connect()
    S.w = 'rand() * gmax'
    spikes = SpikeMonitor(inp)
    out = SpikeMonitor(neurons)
    run(10*second)
    w = np.asarray(S.w) / gmax
    runs.append({'input_spikes': int(spikes.num_spikes), 'output_spikes': int(out.num_spikes), 'mean_w': float(w.mean()),
                 'low': float(np.mean(w < 0.1)), 'high': float(np.mean(w > 0.9))})
write({'seeds': [1, 2, 3, 4], 'runs': runs})
