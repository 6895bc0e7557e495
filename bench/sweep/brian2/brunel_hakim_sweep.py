"""The sweep of bench/sweep/sweep.bench.ts in Brian2 2.5.1, runtime mode, multiprocessing.Pool.

Brunel & Hakim (1999) shrunk (N = 1000, C = 100, 100 ms; size "small") or at the size of Brian2's
frompapers example (N = 5000, C = 1000, 100 ms; size "paper") over muext x sigmaext; prints one
JSON line: wall time of the whole sweep (pool start to last result), CPU time (this process and
the pool's workers) and the per-point rates.
Usage: /usr/bin/python3 brunel_hakim_sweep.py <points_per_axis> <processes> [small|paper]
"""
import json
import multiprocessing
import resource
import sys
import time

import numpy as np


def run_point(point):
    from brian2 import (NeuronGroup, PopulationRateMonitor, SpikeMonitor, Synapses, ms, mV, run,
                        seed, start_scope, prefs)
    index, muext_mV, sigmaext_mV, N, C = point
    prefs.codegen.target = 'cython'
    start_scope()
    seed(index)
    muext = muext_mV * mV
    sigmaext = sigmaext_mV * mV
    tau = 20 * ms
    theta = 20 * mV
    Vr = 10 * mV
    J = 0.1 * mV
    group = NeuronGroup(N, 'dV/dt = (-V + muext + sigmaext*sqrt(tau)*xi)/tau : volt',
                        threshold='V > theta', reset='V = Vr', refractory=2 * ms, method='euler')
    group.V = Vr
    conn = Synapses(group, group, on_pre='V += -J', delay=2 * ms)
    conn.connect(p=float(C) / N)
    spikes = SpikeMonitor(group, record=False)
    lfp = PopulationRateMonitor(group)
    run(100 * ms)
    return index, float(spikes.num_spikes) / N / 0.1


if __name__ == '__main__':
    per_axis = int(sys.argv[1])
    processes = int(sys.argv[2])
    N, C = {'small': (1000, 100), 'paper': (5000, 1000)}[sys.argv[3] if len(sys.argv) > 3 else 'small']
    mu = np.linspace(20, 30, per_axis)
    sigma = np.linspace(0.5, 4, per_axis)
    points = [(i * per_axis + j, float(m), float(s), N, C) for i, m in enumerate(mu) for j, s in enumerate(sigma)]
    def cpu():
        # this process and its finished children (the pool's workers, reaped when the pool closes)
        own = resource.getrusage(resource.RUSAGE_SELF)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    t0 = time.perf_counter()
    c0 = cpu()
    pool = multiprocessing.Pool(processes)
    results = pool.map(run_point, points)
    wall = time.perf_counter() - t0
    pool.close()
    pool.join()
    print(json.dumps({'wall_s': wall, 'cpu_s': cpu() - c0, 'rates': [r for _, r in sorted(results)]}))
