"""Brian2 2.5.1 data for gallery B's deterministic examples, shortened as the smoke test runs them
(BRIAN_TS_DURATION_SCALE = SCALE): synapses/gapjunctions, synapses/nonlinear,
synapses/continuous_interaction, frompapers/Tsodyks_Pawelzik_Markram_1998 (whose whole
protocol is scaled: stimulus start/stop and duration) and frompapers/Izhikevich_2007 (stimulus
and dopamine times and run durations scaled). The models are copied from Brian2's
examples (/usr/share/doc/python-brian-doc/examples/); traces are kept every STRIDE-th sample.
Usage: /usr/bin/python3 gallery_b.py OUTPUT.json
"""
from _sim import floats, write
from brian2 import *  # noqa: E402,F401,F403

SCALE = 0.2
STRIDE = 10
out = {'scale': SCALE, 'stride': STRIDE}


def every(x):
    return floats(np.asarray(x)[::STRIDE])


# synapses/gapjunctions.py
start_scope()
n = 10
v0 = 1.05
tau = 10*ms
eqs = '''
dv/dt = (v0 - v + Igap) / tau : 1
Igap : 1 # gap junction current
'''
neurons = NeuronGroup(n, eqs, threshold='v > 1', reset='v = 0', method='exact')
neurons.v = 'i * 1.0 / (n-1)'
trace = StateMonitor(neurons, 'v', record=[0, 5])
S = Synapses(neurons, neurons, '''
             w : 1 # gap junction conductance
             Igap_post = w * (v_pre - v_post) : 1 (summed)
             ''')
S.connect()
S.w = .02
run(SCALE*500*ms)
out['gapjunctions'] = {'samples': len(trace.t), 'v0': every(trace[0].v), 'v5': every(trace[5].v),
                       'final_v': floats(neurons.v)}

# synapses/nonlinear.py
start_scope()
a = 1 / (10*ms)
b = 1 / (10*ms)
c = 1 / (10*ms)
neuron_input = NeuronGroup(2, 'dv/dt = 1/(10*ms) : 1', threshold='v>1', reset='v = 0', method='euler')
neurons = NeuronGroup(1, """dv/dt = (g-v)/(10*ms) : 1
                            g : 1""", method='exact')
S = Synapses(neuron_input, neurons, '''
                dg_syn/dt = -a*g_syn+b*x*(1-g_syn) : 1 (clock-driven)
                g_post = g_syn : 1 (summed)
                dx/dt=-c*x : 1 (clock-driven)
                w : 1 # synaptic weight
             ''', on_pre='x += w')
S.connect()
S.w = [1., 10.]
neuron_input.v = [0., 0.5]
M = StateMonitor(S, 'g', record=np.arange(2))
Mn = StateMonitor(neurons, 'g', record=0)
run(SCALE*1000*ms)
out['nonlinear'] = {'samples': len(M.t), 'g_syn0': every(M.g[0]), 'g_syn1': every(M.g[1]), 'g': every(Mn[0].g),
                    'final_x': floats(S.x), 'final_g_syn': floats(S.g_syn)}

# synapses/continuous_interaction.py
start_scope()
I_e = 1.5*uA
El = -67 * mV
EK = -100 * mV
ENa = 50 * mV
ESyn = 0 * mV
gl = 0.1 * msiemens
gK = 80 * msiemens
gNa = 100 * msiemens
C = 1 * ufarad
weight = 0.25
gSyn = 1.0 * msiemens
tau_d = 2 * ms
tau_r = 0.2 * ms
eqs = """
alphah = 0.128 * exp(-(vm + 50.0*mV) / (18.0*mV))/ms :Hz
alpham = 0.32/mV * (vm + 54*mV) / (1.0 - exp(-(vm + 54.0*mV) / (4.0*mV)))/ms:Hz
alphan = 0.032/mV * (vm + 52*mV) / (1.0 - exp(-(vm + 52.0*mV) / (5.0*mV)))/ms:Hz

betah  = 4.0 / (1.0 + exp(-(vm + 27.0*mV) / (5.0*mV)))/ms:Hz
betam  = 0.28/mV * (vm + 27.0*mV) / (exp((vm + 27.0*mV) / (5.0*mV)) - 1.0)/ms:Hz
betan  = 0.5 * exp(-(vm + 57.0*mV) / (40.0*mV))/ms:Hz

membrane_Im = I_ext + gNa*m**3*h*(ENa-vm) +
              gl*(El-vm) + gK*n**4*(EK-vm) + gSyn*s_in*(-vm): amp
I_ext : amp
s_in  : 1

dm/dt = alpham*(1-m)-betam*m : 1
dn/dt = alphan*(1-n)-betan*n : 1
dh/dt = alphah*(1-h)-betah*h : 1

ds/dt = 0.5 * (1 + tanh(0.1*vm/mV)) * (1-s)/tau_r - s/tau_d : 1

dvm/dt = membrane_Im/C : volt
"""
neuron = NeuronGroup(2, eqs, method="exponential_euler")
neuron.vm = [-70.0, -65.0]*mV
neuron.m = "alpham / (alpham + betam)"
neuron.h = "alphah / (alphah + betah)"
neuron.n = "alphan / (alphan + betan)"
neuron.I_ext = [I_e, 0.0*uA]
S = Synapses(neuron, neuron, 's_in_post = weight*s_pre:1 (summed)')
S.connect(i=0, j=1)
st_mon = StateMonitor(neuron, ["vm", "s", "s_in"], record=[0, 1])
run(SCALE*100*ms)
out['continuous_interaction'] = {'samples': len(st_mon.t), 'vm0': every(st_mon.vm[0]), 'vm1': every(st_mon.vm[1]),
                                  's0': every(st_mon.s[0]), 's_in1': every(st_mon.s_in[1])}


# frompapers/Tsodyks_Pawelzik_Markram_1998.py (protocol times scaled)
def get_neuron(tau_mem, R_in):
    neuron = NeuronGroup(1, """
                         tau_mem : second
                         I_syn : ampere
                         R_in : ohm
                         dv/dt = -v/tau_mem + (R_in*I_syn)/tau_mem : volt
                         """, method="exact")
    neuron.tau_mem = tau_mem
    neuron.R_in = R_in
    return neuron


def get_synapses(stimulus, neuron, tau_inact, A_SE, U_SE, tau_rec, tau_facil=None):
    synapses_eqs = """
    dx/dt =  z/tau_rec   : 1 (clock-driven) # recovered
    dy/dt = -y/tau_inact : 1 (clock-driven) # active
    A_SE : ampere
    U_SE : 1
    tau_inact : second
    tau_rec : second
    z = 1 - x - y : 1 # inactive
    I_syn_post = A_SE*y : ampere (summed)
    """
    if tau_facil:
        synapses_eqs += """
        du/dt = -u/tau_facil : 1 (clock-driven)
        tau_facil : second
        """
        synapses_action = """
        u += U_SE*(1-u)
        y += u*x # important: update y first
        x += -u*x
        """
    else:
        synapses_action = """
        y += U_SE*x # important: update y first
        x += -U_SE*x
        """
    synapses = Synapses(stimulus, neuron, model=synapses_eqs, on_pre=synapses_action, method="exponential_euler")
    synapses.connect()
    synapses.x = 1
    synapses.tau_inact = tau_inact
    synapses.A_SE = A_SE
    synapses.U_SE = U_SE
    synapses.tau_rec = tau_rec
    if tau_facil:
        synapses.tau_facil = tau_facil
    return synapses


def get_stimulus(start, stop, frequency):
    times = np.arange(start / ms, stop / ms, 1 / (frequency / Hz) * 1e3) * ms
    return SpikeGeneratorGroup(1, [0] * len(times), times)


parameters = {
    "A": {"neuron": {"tau_mem": 40 * ms, "R_in": 100*Mohm},
          "synapse": {"tau_inact": 3 * ms, "A_SE": 250 * pA, "tau_rec": 800 * ms, "U_SE": 0.6},
          "stimulus": {"start": 100 * ms, "stop": 1100 * ms, "frequency": 20 * Hz},
          "duration": 1200 * ms},
    "B": {"neuron": {"tau_mem": 60 * ms, "R_in": 1*Gohm},
          "synapse": {"tau_inact": 1.5 * ms, "A_SE": 1540 * pA, "tau_rec": 130 * ms, "U_SE": 0.03, "tau_facil": 530 * ms},
          "stimulus": {"start": 100 * ms, "stop": 1100 * ms, "frequency": 20 * Hz},
          "duration": 1200 * ms},
    "C": {"neuron": {"tau_mem": 60 * ms, "R_in": 1*Gohm},
          "synapse": {"tau_inact": 1.5 * ms, "A_SE": 1540 * pA, "tau_rec": 130 * ms, "U_SE": 0.03, "tau_facil": 530 * ms},
          "stimulus": {"start": 100 * ms, "stop": 375 * ms, "frequency": 70 * Hz},
          "duration": 500 * ms},
}
out['Tsodyks_Pawelzik_Markram_1998'] = {}
for panel, p in parameters.items():
    start_scope()
    neuron = get_neuron(**p["neuron"])
    stimulus = get_stimulus(SCALE * p["stimulus"]["start"], SCALE * p["stimulus"]["stop"], p["stimulus"]["frequency"])
    synapses = get_synapses(stimulus, neuron, **p["synapse"])
    mon = StateMonitor(neuron, ["v"], record=True)
    run(SCALE * p["duration"])
    out['Tsodyks_Pawelzik_Markram_1998'][panel] = {'samples': len(mon.t), 'v': every(mon[0].v)}

# frompapers/Izhikevich_2007.py (protocol times scaled): a reward Synapses onto synapses
start_scope()
simulation_duration = SCALE * 6 * second
taum = 10*ms
Ee = 0*mV
vt = -54*mV
vr = -60*mV
El = -74*mV
taue = 5*ms
taupre = 20*ms
taupost = taupre
gmax = .01
dApre = .01
dApost = -dApre * taupre / taupost * 1.05
dApost *= gmax
dApre *= gmax
tauc = 1000*ms
taud = 200*ms
taus = 1*ms
epsilon_dopa = 5e-3
input_indices = array([0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0])
input_times = SCALE * array([500, 550, 1000, 1010, 1500, 1510, 3500, 3550, 4000, 4010, 4500, 4510])*ms
spike_input = SpikeGeneratorGroup(2, input_indices, input_times)
neurons = NeuronGroup(2, '''dv/dt = (ge * (Ee-vr) + El - v) / taum : volt
                            dge/dt = -ge / taue : 1''',
                      threshold='v>vt', reset='v = vr', method='exact')
neurons.v = vr
neurons_monitor = SpikeMonitor(neurons)
synapse = Synapses(spike_input, neurons, model='''s: volt''', on_pre='v += s')
synapse.connect(i=[0, 1], j=[0, 1])
synapse.s = 100. * mV
synapse_stdp = Synapses(neurons, neurons,
                   model='''mode: 1
                         dc/dt = -c / tauc : 1 (clock-driven)
                         dd/dt = -d / taud : 1 (clock-driven)
                         ds/dt = mode * c * d / taus : 1 (clock-driven)
                         dApre/dt = -Apre / taupre : 1 (event-driven)
                         dApost/dt = -Apost / taupost : 1 (event-driven)''',
                   on_pre='''ge += s
                          Apre += dApre
                          c = clip(c + mode * Apost, -gmax, gmax)
                          s = clip(s + (1-mode) * Apost, -gmax, gmax)
                          ''',
                   on_post='''Apost += dApost
                          c = clip(c + mode * Apre, -gmax, gmax)
                          s = clip(s + (1-mode) * Apre, -gmax, gmax)
                          ''',
                   method='euler')
synapse_stdp.connect(i=0, j=1)
synapse_stdp.mode = 0
synapse_stdp.s = 1e-10
synapse_stdp.c = 1e-10
synapse_stdp.d = 0
synapse_stdp_monitor = StateMonitor(synapse_stdp, ['s', 'c', 'd'], record=[0])
dopamine = SpikeGeneratorGroup(1, array([0, 0, 0]), SCALE * array([3520, 4020, 4520])*ms)
reward = Synapses(dopamine, synapse_stdp, model='''''', on_pre='''d_post += epsilon_dopa''', method='exact')
reward.connect()
synapse_stdp.mode = 0
run(simulation_duration/2)
synapse_stdp.mode = 1
run(simulation_duration/2)
out['Izhikevich_2007'] = {'samples': len(synapse_stdp_monitor.t),
                          's': every(synapse_stdp_monitor.s[0]), 'c': every(synapse_stdp_monitor.c[0]),
                          'd': every(synapse_stdp_monitor.d[0]),
                          'spike_t': floats(neurons_monitor.t_), 'spike_i': [int(k) for k in neurons_monitor.i]}

write(out)
