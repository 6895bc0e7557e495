"""COBAHH benchmark (Brette et al. 2007, benchmark 3), as in Brian2's
examples/COBAHH.py: Hodgkin-Huxley neurons (exponential Euler), exponential
conductance synapses, 80/20 exc/inh, p=0.02, dt=0.1 ms.  Plotting removed;
the 3-neuron StateMonitor is kept and a count-only SpikeMonitor is added.

Copied from ../shared/bench-ref/ with bytes per synapse added (_common.synapse_bytes).
usage: python3 bench/synapses/brian2/cobahh.py TARGET [DURATION_S=1.0] [N=4000]
"""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import setup, run_and_time, emit, arg, synapse_bytes, outdegree  # noqa: E402
from brian2 import *  # noqa: E402,F401,F403

duration_s = arg(2, 1.0)
N = arg(3, 4000, int)
target, builddir = setup('cobahh', f'N{N}')

# Parameters
area = 20000*umetre**2
Cm = (1*ufarad*cm**-2) * area
gl = (5e-5*siemens*cm**-2) * area

El = -60*mV
EK = -90*mV
ENa = 50*mV
g_na = (100*msiemens*cm**-2) * area
g_kd = (30*msiemens*cm**-2) * area
VT = -63*mV
# Time constants
taue = 5*ms
taui = 10*ms
# Reversal potentials
Ee = 0*mV
Ei = -80*mV
we = 6*nS  # excitatory synaptic weight
wi = 67*nS  # inhibitory synaptic weight

# The model
eqs = Equations('''
dv/dt = (gl*(El-v)+ge*(Ee-v)+gi*(Ei-v)-
         g_na*(m*m*m)*h*(v-ENa)-
         g_kd*(n*n*n*n)*(v-EK))/Cm : volt
dm/dt = alpha_m*(1-m)-beta_m*m : 1
dn/dt = alpha_n*(1-n)-beta_n*n : 1
dh/dt = alpha_h*(1-h)-beta_h*h : 1
dge/dt = -ge*(1./taue) : siemens
dgi/dt = -gi*(1./taui) : siemens
alpha_m = 0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms : Hz
beta_m = 0.28*(mV**-1)*5*mV/exprel((v-VT-40*mV)/(5*mV))/ms : Hz
alpha_h = 0.128*exp((17*mV-v+VT)/(18*mV))/ms : Hz
beta_h = 4./(1+exp((40*mV-v+VT)/(5*mV)))/ms : Hz
alpha_n = 0.032*(mV**-1)*5*mV/exprel((15*mV-v+VT)/(5*mV))/ms : Hz
beta_n = .5*exp((10*mV-v+VT)/(40*mV))/ms : Hz
''')

P = NeuronGroup(N, model=eqs, threshold='v>-20*mV', refractory=3*ms,
                method='exponential_euler')
Ne = int(0.8 * N)
Pe = P[:Ne]
Pi = P[Ne:]
Ce = Synapses(Pe, P, on_pre='ge+=we')
Ci = Synapses(Pi, P, on_pre='gi+=wi')
Ce.connect(p=0.02)
Ci.connect(p=0.02)

# Initialization
P.v = 'El + (randn() * 5 - 5)*mV'
P.ge = '(randn() * 1.5 + 4) * 10.*nS'
P.gi = '(randn() * 12 + 20) * 10.*nS'

trace = StateMonitor(P, 'v', record=[1, 10, 100])
s_mon = SpikeMonitor(P, record=False)

res = run_and_time(target, builddir, duration_s*second)

counts = np.asarray(s_mon.count[:])
events = int(np.dot(counts[:Ne], outdegree(Ce, Ne)) +
             np.dot(counts[Ne:], outdegree(Ci, N - Ne)))
steps = int(round(duration_s*second / defaultclock.dt))
res.update(synapse_bytes(Ce, Ci))
emit(target, 'cobahh', N=N, synapses=int(len(Ce) + len(Ci)), duration_s=duration_s,
     steps=steps, spikes=int(s_mon.num_spikes), syn_events=events,
     ns_per_neuron_step=1e9*res['run_cpu_s']/(N*steps),
     ns_per_syn_event=(1e9*res['run_cpu_s']/events if events else None), **res)
