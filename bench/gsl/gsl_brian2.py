"""Brian2 2.5.1 + GSL side of bench/gsl/hh-gsl.bench.ts: Hodgkin-Huxley (Brian2's test_GSL.py
model), N neurons, gsl_rkf45 with default options, Cython target. Prints one JSON line:
the loop time of the timed run (compilation excluded by a warm-up run) and the mean step count.
Usage: /usr/bin/python3 gsl_brian2.py N DURATION_MS [fast]   (fast: Brian2's default -ffast-math flags)"""
import json
import sys
import time
import warnings

warnings.filterwarnings('ignore')
from brian2 import *  # noqa: E402,F403

prefs.codegen.target = 'cython'
if len(sys.argv) < 4 or sys.argv[3] != 'fast':
    prefs.codegen.cpp.extra_compile_args_gcc = ['-w', '-O3', '-std=c++11']
BrianLogger.log_level_error()
N = int(sys.argv[1])
duration = float(sys.argv[2]) * ms
ns = {'Cm': 1 * ufarad * cm ** -2, 'gl': 5e-5 * siemens * cm ** -2, 'El': -65 * mV, 'EK': -90 * mV, 'ENa': 50 * mV,
      'g_na': 100 * msiemens * cm ** -2, 'g_kd': 30 * msiemens * cm ** -2, 'VT': -63 * mV}
eqs = '''
dv/dt = (gl*(El-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK) + I)/Cm : volt
dm/dt = 0.32*(mV**-1)*(13.*mV-v+VT)/(exp((13.*mV-v+VT)/(4.*mV))-1.)/ms*(1-m)-0.28*(mV**-1)*(v-VT-40.*mV)/(exp((v-VT-40.*mV)/(5.*mV))-1.)/ms*m : 1
dn/dt = 0.032*(mV**-1)*(15.*mV-v+VT)/(exp((15.*mV-v+VT)/(5.*mV))-1.)/ms*(1.-n)-.5*exp((10.*mV-v+VT)/(40.*mV))/ms*n : 1
dh/dt = 0.128*exp((17.*mV-v+VT)/(18.*mV))/ms*(1.-h)-4./(1+exp((40.*mV-v+VT)/(5.*mV)))/ms*h : 1
I : amp/metre**2
'''
G = NeuronGroup(N, eqs, threshold='v > -40*mV', refractory='v > -40*mV', method='gsl_rkf45',
                method_options={'save_step_count': True}, dt=0.1 * ms, namespace=ns)
G.v = ns['El']
G.I = '(0.5 + 3*i/N)*nA/(20000*umetre**2)'
net = Network(G)
net.run(1 * ms)  # compiles
start = time.perf_counter()
net.run(duration)
loop = time.perf_counter() - start
print(json.dumps({'loop_s': loop, 'mean_step_count': float(np.mean(G._step_count[:]))}))
