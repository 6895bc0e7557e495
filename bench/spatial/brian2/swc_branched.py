"""HH cable model on bench/spatial/branched.swc (bench/spatial/swc-branched.bench.ts): 1 nA into
the soma throughout, dt = 0.01 ms, count-only SpikeMonitor.

usage: /usr/bin/python3 bench/spatial/brian2/swc_branched.py TARGET [ignored] [DURATION_S=0.05]
"""
import os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, '..', '..', 'neurongroup', 'brian2'))
from _common import setup, run_and_time, emit, arg  # noqa: E402
from brian2 import *  # noqa: E402,F401,F403
from _hh import make_neuron  # noqa: E402

duration_s = arg(3, 0.05)
target, builddir = setup('spatial_swc_branched', 'branched')
defaultclock.dt = 0.01*ms
morpho = Morphology.from_file(os.path.join(HERE, '..', 'branched.swc'))
neuron = make_neuron(morpho, 1*nA)
s_mon = SpikeMonitor(neuron, record=False)
res = run_and_time(target, builddir, duration_s*second)
steps = int(round(duration_s*second / defaultclock.dt))
N = morpho.total_compartments
emit(target, 'swc_branched', N=N, duration_s=duration_s, steps=steps, spikes=int(s_mon.num_spikes),
     ns_per_neuron_step=1e9*res['run_cpu_s']/(N*steps), **res)
