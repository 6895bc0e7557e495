"""STDP benchmark, as in Brian2's examples/synapses/STDP.py (Song, Miller &
Abbott 2000): N Poisson inputs at 15 Hz onto one conductance-based LIF neuron
(Euler), all-to-one synapses with event-driven pre/post traces.  Plotting
removed; the example's monitors (StateMonitor of 2 weights, SpikeMonitor on
the inputs) are kept, plus a SpikeMonitor on the output neuron.

Copied from ../shared/bench-ref/ with bytes per synapse added (_common.synapse_bytes).
usage: python3 bench/synapses/brian2/stdp.py TARGET [DURATION_S=10.0] [N=1000]
"""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import setup, run_and_time, emit, arg, synapse_bytes  # noqa: E402
from brian2 import *  # noqa: E402,F401,F403

duration_s = arg(2, 10.0)
N = arg(3, 1000, int)
target, builddir = setup('stdp', f'N{N}')

taum = 10*ms
taupre = 20*ms
taupost = taupre
Ee = 0*mV
vt = -54*mV
vr = -60*mV
El = -74*mV
taue = 5*ms
F = 15*Hz
gmax = .01
dApre = .01
dApost = -dApre * taupre / taupost * 1.05
dApost *= gmax
dApre *= gmax

eqs_neurons = '''
dv/dt = (ge * (Ee-v) + El - v) / taum : volt
dge/dt = -ge / taue : 1
'''

poisson_input = PoissonGroup(N, rates=F)
neurons = NeuronGroup(1, eqs_neurons, threshold='v>vt', reset='v = vr',
                      method='euler')
S = Synapses(poisson_input, neurons,
             '''w : 1
                dApre/dt = -Apre / taupre : 1 (event-driven)
                dApost/dt = -Apost / taupost : 1 (event-driven)''',
             on_pre='''ge += w
                    Apre += dApre
                    w = clip(w + Apost, 0, gmax)''',
             on_post='''Apost += dApost
                     w = clip(w + Apre, 0, gmax)''',
             )
S.connect()
S.w = 'rand() * gmax'
mon = StateMonitor(S, 'w', record=[0, 1])
s_mon = SpikeMonitor(poisson_input)
post_mon = SpikeMonitor(neurons)

res = run_and_time(target, builddir, duration_s*second)

steps = int(round(duration_s*second / defaultclock.dt))
pre_spikes = int(s_mon.num_spikes)
post_spikes = int(post_mon.num_spikes)
# every pre spike hits 1 synapse, every post spike updates all N synapses
events = pre_spikes + post_spikes * N
w = np.asarray(S.w[:]) / gmax
res.update(synapse_bytes(S))
emit(target, 'stdp', N=N + 1, synapses=int(len(S)), duration_s=duration_s,
     steps=steps, spikes=pre_spikes + post_spikes, pre_spikes=pre_spikes,
     post_spikes=post_spikes, syn_events=events,
     final_w_mean=float(w.mean()), final_w_frac_gt_half=float((w > 0.5).mean()),
     us_per_step=1e6*res['run_cpu_s']/steps,
     ns_per_syn_event=1e9*res['run_cpu_s']/events if events else None, **res)
