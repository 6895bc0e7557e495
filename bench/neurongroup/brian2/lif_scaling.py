"""Pure state-update scaling test: N uncoupled LIF neurons, noise-free,
exact (analytical) integration, threshold + reset, no refractoriness,
no synapses, count-only SpikeMonitor.  dt = 0.1 ms.

    dv/dt = (v_inf - v)/tau,  v_inf = 1.1, tau = 10 ms, threshold v>1, reset v=0
    initial v ~ U(0,1)  -> every neuron fires periodically at ~41.7 Hz

Brian's 'exact' method turns this into
    v = v_inf + (v - v_inf)*exp(-dt/tau)
so per neuron-step: 1 load + 1 store of v (8 B each), an fma, a compare,
and (4.2 % of steps) a spike push + reset.

usage: /usr/bin/python3 bench/neurongroup/brian2/lif_scaling.py TARGET [N=10000] [DURATION_S=1.0]
"""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import setup, run_and_time, emit, arg  # noqa: E402
from brian2 import *  # noqa: E402,F401,F403

N = arg(2, 10000, int)
duration_s = arg(3, 1.0)
target, builddir = setup('lif_scaling', f'N{N}')

tau = 10*ms
v_inf = 1.1
G = NeuronGroup(N, 'dv/dt = (v_inf - v)/tau : 1', threshold='v > 1',
                reset='v = 0', method='exact')
G.v = 'rand()'
s_mon = SpikeMonitor(G, record=False)

res = run_and_time(target, builddir, duration_s*second)

steps = int(round(duration_s*second / defaultclock.dt))
emit(target, 'lif_scaling', N=N, synapses=0, duration_s=duration_s,
     steps=steps, spikes=int(s_mon.num_spikes),
     ns_per_neuron_step=1e9*res['run_cpu_s']/(N*steps),
     us_per_step=1e6*res['run_cpu_s']/steps, **res)
