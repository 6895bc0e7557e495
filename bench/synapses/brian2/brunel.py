"""Brunel (2000) sparse E/I network with delays, as in Brian2's
examples/frompapers/Brunel_2000.py (one panel, no plotting).
N_E = 10000*SCALE, N_I = N_E/4, connection probability epsilon=0.1
(so in-degree C_E = 0.1*N_E scales with SCALE), delay 1.5 ms, external
PoissonInput with C_ext = C_E inputs per neuron, dt = 0.1 ms.  The example's
monitors (PopulationRateMonitor, SpikeMonitor on 50 neurons) are kept and a
count-only SpikeMonitor on all neurons is added.

Panels (Brunel 2000 Fig. 8): A: g=3, nu_ext/nu_thr=2 (sync. regular);
B: g=6, 4 (async. irregular, default); C: g=5, 2; D: g=4.5, 0.9.

Copied from ../shared/bench-ref/ with bytes per synapse added (_common.synapse_bytes).
usage: python3 bench/synapses/brian2/brunel.py TARGET [DURATION_S=1.0] [SCALE=1.0] [PANEL=B]
"""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import setup, run_and_time, emit, arg, synapse_bytes, outdegree  # noqa: E402
from brian2 import *  # noqa: E402,F401,F403

duration_s = arg(2, 1.0)
scale = arg(3, 1.0)
panel = arg(4, 'B', str)
g, nu_ext_over_nu_thr = {'A': (3, 2), 'B': (6, 4), 'C': (5, 2),
                         'D': (4.5, 0.9)}[panel]
target, builddir = setup('brunel', f's{scale}_{panel}')

# network parameters
N_E = int(round(10000 * scale))
gamma = 0.25
N_I = round(gamma * N_E)
N = N_E + N_I
epsilon = 0.1
C_E = epsilon * N_E
C_ext = int(C_E)

# neuron parameters
tau = 20 * ms
theta = 20 * mV
V_r = 10 * mV
tau_rp = 2 * ms

# synapse parameters
J = 0.1 * mV
D = 1.5 * ms

# external stimulus
nu_thr = theta / (J * C_E * tau)

defaultclock.dt = 0.1 * ms

neurons = NeuronGroup(N,
                      """
                      dv/dt = -v/tau : volt (unless refractory)
                      """,
                      threshold="v > theta",
                      reset="v = V_r",
                      refractory=tau_rp,
                      method="exact",
                      )

excitatory_neurons = neurons[:N_E]
inhibitory_neurons = neurons[N_E:]

exc_synapses = Synapses(excitatory_neurons, target=neurons, on_pre="v += J", delay=D)
exc_synapses.connect(p=epsilon)

inhib_synapses = Synapses(inhibitory_neurons, target=neurons, on_pre="v += -g*J", delay=D)
inhib_synapses.connect(p=epsilon)

nu_ext = nu_ext_over_nu_thr * nu_thr

external_poisson_input = PoissonInput(
    target=neurons, target_var="v", N=C_ext, rate=nu_ext, weight=J
)

rate_monitor = PopulationRateMonitor(neurons)
spike_monitor = SpikeMonitor(neurons[:50])
count_monitor = SpikeMonitor(neurons, record=False)

res = run_and_time(target, builddir, duration_s*second)

counts = np.asarray(count_monitor.count[:])
events = int(np.dot(counts[:N_E], outdegree(exc_synapses, N_E)) +
             np.dot(counts[N_E:], outdegree(inhib_synapses, N_I)))
steps = int(round(duration_s*second / defaultclock.dt))
spikes = int(count_monitor.num_spikes)
res.update(synapse_bytes(exc_synapses, inhib_synapses))
emit(target, 'brunel', N=N, panel=panel, scale=scale,
     synapses=int(len(exc_synapses) + len(inhib_synapses)),
     duration_s=duration_s, steps=steps, spikes=spikes,
     mean_rate_hz=spikes / N / duration_s, syn_events=events,
     ext_poisson_events=float(N * C_ext * float(nu_ext) * duration_s),
     ns_per_neuron_step=1e9*res['run_cpu_s']/(N*steps),
     ns_per_syn_event=(1e9*res['run_cpu_s']/events if events else None), **res)
