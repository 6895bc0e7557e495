"""Brian2's side of bench/equations/parse-cobahh.bench.ts: Equations(...) + check_units on the
COBAHH equations, warm. Prints one JSON line {"median_us": ..., "min_us": ..., "iterations": ...}.
Usage: /usr/bin/python3 bench/equations/parse_cobahh_brian2.py [ITERATIONS]
"""
import json
import sys
import time
import warnings

warnings.filterwarnings('ignore')
from brian2 import *  # noqa: E402,F401,F403
from brian2.utils.logger import BrianLogger  # noqa: E402

BrianLogger.suppress_name('brian2')

COBAHH = sys.stdin.read()
area = 20000*umetre**2
NS = dict(Cm=(1*ufarad*cm**-2) * area, gl=(5e-5*siemens*cm**-2) * area, El=-60*mV, EK=-90*mV, ENa=50*mV,
          g_na=(100*msiemens*cm**-2) * area, g_kd=(30*msiemens*cm**-2) * area, VT=-63*mV, taue=5*ms, taui=10*ms,
          Ee=0*mV, Ei=-80*mV)


def main(iterations):
    group = NeuronGroup(1, COBAHH, namespace=NS, method='exponential_euler')
    times = []
    for k in range(iterations + 20):
        # A unique trailing comment defeats Brian2's cache of parsed equation strings.
        source = f'{COBAHH}\n# {k}'
        t0 = time.perf_counter()
        eqs = Equations(source)
        eqs.check_units(group, run_namespace={})
        t1 = time.perf_counter()
        if k >= 20:  # warm-up
            times.append((t1 - t0) * 1e6)
    times.sort()
    print(json.dumps({'median_us': times[len(times) // 2], 'min_us': times[0], 'iterations': iterations}))


if __name__ == '__main__':
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
