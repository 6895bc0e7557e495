"""Hodgkin-Huxley axon of bench/spatial/hh-axon.bench.ts (hh_with_spikes.py, 1 uA at compartment 0
throughout, dt = 0.01 ms, count-only SpikeMonitor).

usage: /usr/bin/python3 bench/spatial/brian2/hh_axon.py TARGET [n=1000] [DURATION_S=0.05]
"""
import os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, '..', '..', 'neurongroup', 'brian2'))
from _common import setup, run_and_time, emit, arg  # noqa: E402
from brian2 import *  # noqa: E402,F401,F403
from _hh import make_neuron  # noqa: E402

n = arg(2, 1000, int)
duration_s = arg(3, 0.05)
target, builddir = setup('spatial_hh_axon', f'n{n}')
defaultclock.dt = 0.01*ms
morpho = Cylinder(length=10*cm, diameter=2*238*um, n=n, type='axon')
neuron = make_neuron(morpho, 1*uA)
s_mon = SpikeMonitor(neuron, record=False)
res = run_and_time(target, builddir, duration_s*second)
steps = int(round(duration_s*second / defaultclock.dt))
emit(target, 'hh_axon', N=n, duration_s=duration_s, steps=steps, spikes=int(s_mon.num_spikes),
     ns_per_neuron_step=1e9*res['run_cpu_s']/(n*steps), **res)
