"""CUBA benchmark (Brette et al. 2007, benchmark 2), as in Brian2's
examples/CUBA.py: LIF neurons, exponential current synapses, 80/20 exc/inh,
p=0.02, exact integration, dt=0.1 ms.  Plotting removed, SpikeMonitor kept.

Copied from ../shared/bench-ref/ with bytes per synapse added (_common.synapse_bytes).
usage: python3 bench/synapses/brian2/cuba.py TARGET [DURATION_S=1.0] [N=4000]
"""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import setup, run_and_time, emit, arg, synapse_bytes, outdegree  # noqa: E402
from brian2 import *  # noqa: E402,F401,F403

duration_s = arg(2, 1.0)
N = arg(3, 4000, int)
target, builddir = setup('cuba', f'N{N}')

taum = 20*ms
taue = 5*ms
taui = 10*ms
Vt = -50*mV
Vr = -60*mV
El = -49*mV

eqs = '''
dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
dge/dt = -ge/taue : volt
dgi/dt = -gi/taui : volt
'''

P = NeuronGroup(N, eqs, threshold='v>Vt', reset='v = Vr', refractory=5*ms,
                method='exact')
P.v = 'Vr + rand() * (Vt - Vr)'
P.ge = 0*mV
P.gi = 0*mV

Ne = int(0.8 * N)
we = (60*0.27/10)*mV  # excitatory synaptic weight (voltage)
wi = (-20*4.5/10)*mV  # inhibitory synaptic weight
Ce = Synapses(P, P, on_pre='ge += we')
Ci = Synapses(P, P, on_pre='gi += wi')
Ce.connect('i<Ne', p=0.02)
Ci.connect('i>=Ne', p=0.02)

s_mon = SpikeMonitor(P)

res = run_and_time(target, builddir, duration_s*second)

counts = np.asarray(s_mon.count[:])
events = int(np.dot(counts, outdegree(Ce, N)) + np.dot(counts, outdegree(Ci, N)))
steps = int(round(duration_s*second / defaultclock.dt))
res.update(synapse_bytes(Ce, Ci))
emit(target, 'cuba', N=N, synapses=int(len(Ce) + len(Ci)), duration_s=duration_s,
     steps=steps, spikes=int(s_mon.num_spikes), syn_events=events,
     ns_per_neuron_step=1e9*res['run_cpu_s']/(N*steps),
     ns_per_syn_event=(1e9*res['run_cpu_s']/events if events else None), **res)
