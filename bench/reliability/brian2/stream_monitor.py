"""Brian2 side of bench/reliability/stream-monitor.bench.ts: the same model recorded in memory by a
StateMonitor, then written with numpy's np.save (Brian2 has no streaming monitor).
Usage: /usr/bin/python3 stream_monitor.py N STEPS OUT.npy  -> prints one JSON line
"""
import json
import resource
import sys
import time
import warnings

warnings.filterwarnings('ignore')
import numpy as np  # noqa: E402
from brian2 import NeuronGroup, StateMonitor, defaultclock, ms, prefs, run  # noqa: E402

N, steps, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
prefs.codegen.target = 'numpy'
G = NeuronGroup(N, 'dv/dt = (1 + 0.001*i - v)/(10*ms) : 1', method='exact')
M = StateMonitor(G, 'v', record=True)
t0 = time.perf_counter()
run(steps * defaultclock.dt)
t1 = time.perf_counter()
np.save(path, M.v_)  # shape (N, steps), as brian-ts writes it
t2 = time.perf_counter()
nbytes = N * steps * 8
print(json.dumps({
    'run_s': t1 - t0, 'save_s': t2 - t1, 'bytes': nbytes,
    'save_MBps': nbytes / 1e6 / (t2 - t1), 'total_MBps': nbytes / 1e6 / (t2 - t0),
    'peak_rss_MB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
