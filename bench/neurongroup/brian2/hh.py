"""Uncoupled Hodgkin-Huxley population (Traub & Miles kinetics, the model of
tests/conformance/generate/hh.py and Brian2's examples/IF_curve_Hodgkin_Huxley.py):
exponential Euler, input currents graded from 0 to 2 nA over the population, boolean
refractoriness 'v > -40*mV', count-only SpikeMonitor, dt = 0.1 ms. The state update (exp and
exprel per neuron and step) is nearly all the work, as in COBAHH (semantics: perf-anchors §3c).

usage: /usr/bin/python3 bench/neurongroup/brian2/hh.py TARGET [N=4000] [DURATION_S=1.0]
"""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import setup, run_and_time, emit, arg  # noqa: E402
from brian2 import *  # noqa: E402,F401,F403

N = arg(2, 4000, int)
duration_s = arg(3, 1.0)
target, builddir = setup('hh', f'N{N}')

area = 20000*umetre**2
Cm = 1*ufarad*cm**-2 * area
gl = 5e-5*siemens*cm**-2 * area
El = -65*mV
EK = -90*mV
ENa = 50*mV
g_na = 100*msiemens*cm**-2 * area
g_kd = 30*msiemens*cm**-2 * area
VT = -63*mV
I_max = 2*nA
eqs = '''
dv/dt = (gl*(El-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK) + I)/Cm : volt
dm/dt = 0.32*(mV**-1)*4*mV/exprel((13.*mV-v+VT)/(4*mV))/ms*(1-m)-0.28*(mV**-1)*5*mV/exprel((v-VT-40.*mV)/(5*mV))/ms*m : 1
dn/dt = 0.032*(mV**-1)*5*mV/exprel((15.*mV-v+VT)/(5*mV))/ms*(1.-n)-.5*exp((10.*mV-v+VT)/(40.*mV))/ms*n : 1
dh/dt = 0.128*exp((17.*mV-v+VT)/(18.*mV))/ms*(1.-h)-4./(1+exp((40.*mV-v+VT)/(5.*mV)))/ms*h : 1
I : amp
'''
G = NeuronGroup(N, eqs, threshold='v > -40*mV', refractory='v > -40*mV',
                method='exponential_euler')
G.v = El
G.I = 'I_max*i/(N-1)'
s_mon = SpikeMonitor(G, record=False)

res = run_and_time(target, builddir, duration_s*second)

steps = int(round(duration_s*second / defaultclock.dt))
emit(target, 'hh', N=N, synapses=0, duration_s=duration_s, steps=steps,
     spikes=int(s_mon.num_spikes), ns_per_neuron_step=1e9*res['run_cpu_s']/(N*steps),
     us_per_step=1e6*res['run_cpu_s']/steps, **res)
