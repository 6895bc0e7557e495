"""Brian2 2.5.1 data for gallery D (more of the Brian2 examples issue 14 lists), and Brian2's own
figures, rendered with Debian's matplotlib into docs/examples/brian2/ for the gallery page.
The models are copied from Brian2's examples (/usr/share/doc/python-brian-doc/examples/).
Usage: /usr/bin/python3 gallery_d.py OUTPUT.json [--figures] [--figures-only] [--only name,name]
(--only recomputes those examples and keeps the others' data from OUTPUT.json; --figures-only
renders the figures and leaves OUTPUT.json as it is).

Stochastic examples are recorded per seed, so the TS test can compare with Brian2's
seed-to-seed spread. Cython target for the long runs (the numpy target is 5-10x slower here).
"""
import json
import os
import sys

import matplotlib

matplotlib.use('Agg')
from _sim import floats, ints, write  # noqa: E402,F401
from brian2 import *  # noqa: E402,F401,F403

prefs.codegen.target = 'cython'
FIGURES_ONLY = '--figures-only' in sys.argv
FIGURES = '--figures' in sys.argv or FIGURES_ONLY
ONLY = sys.argv[sys.argv.index('--only') + 1].split(',') if '--only' in sys.argv else None
FIGDIR = os.path.join(os.path.dirname(__file__), '..', '..', '..', 'docs', 'examples', 'brian2')
out = {}


def save(name):
    plt.savefig(os.path.join(FIGDIR, name + '.png'))
    plt.close('all')


# frompapers/Graupner_Brunel_2012.py: one simulation per time difference (the example maps
# run_sim over a multiprocessing.Pool); POINTS sets the step, as there.
def graupner_run(point_index, repetitions, duration, seed_value, points=41):
    start_scope()
    seed(seed_value)
    STDP_DT_MAX = 100 * ms
    STDP_DT_STEP = 2 * STDP_DT_MAX / (points - 1)
    G = NeuronGroup(1, "", threshold=f"t>{STDP_DT_MAX/ms}*ms", refractory=1 * second)
    H = NeuronGroup(repetitions * 2, "tspike:second", threshold="t>tspike", refractory=1 * second)
    H.tspike = [point_index * STDP_DT_STEP] * repetitions * 2
    synapses_eqs = """
    tau      : second (constant, shared)
    rho_star : 1      (constant, shared)
    gamma_p  : 1      (constant, shared)
    theta_p  : 1      (constant, shared)
    gamma_d  : 1      (constant, shared)
    theta_d  : 1      (constant, shared)
    drho/dt = (-rho*(1-rho)*(rho_star-rho)
               + gamma_p*(1-rho)*int((c - theta_p) > 0)
               - gamma_d*rho*int((c-theta_d) > 0)
               + sigma*sqrt(tau)*sqrt(int((c-theta_d) > 0) + int((c-theta_p) > 0))*xi
               ) / tau : 1 (clock-driven)
    dc/dt = -c/tau_Ca  : 1 (clock-driven)
    tau_Ca : second (constant, shared)
    sigma  : 1      (constant, shared)
    """
    C_pre = 1  # noqa: F841 (used by the model code)
    C_post = 2  # noqa: F841
    synapses = Synapses(G, H, model=synapses_eqs, on_pre="c += C_pre", on_post="c += C_post",
                        delay=13.7 * ms, method="heun")
    synapses.connect()
    synapses.tau_Ca = 20 * ms
    synapses.theta_d = 1
    synapses.theta_p = 1.3
    synapses.gamma_d = 200
    synapses.gamma_p = 321.808
    synapses.sigma = 2.8284
    synapses.tau = 150 * second
    synapses.rho_star = 0.5
    rho_initial = np.array([0] * repetitions + [1] * repetitions)
    synapses.rho = rho_initial
    run(duration)
    rhos = synapses.rho[:]
    U = float(np.mean(rhos[rho_initial < 0.5] > 0.5))
    D = float(np.mean(rhos[rho_initial > 0.5] < 0.5))
    return U, D


def graupner_change(U, D, beta=0.5, b=5):
    return ((1 - U) * beta + D * (1 - beta) + b * (U * beta + (1 - D) * (1 - beta))) / (beta + (1 - beta) * b)


GRAUPNER_TEST = {'points': [10, 22, 30], 'repetitions': 250, 'seeds': [1, 2]}


def graupner():
    runs = []
    for p in GRAUPNER_TEST['points']:
        for s in GRAUPNER_TEST['seeds']:
            U, D = graupner_run(p, GRAUPNER_TEST['repetitions'], 60 * second, s)
            runs.append({'point': p, 'seed': s, 'U': U, 'D': D})
    return {**GRAUPNER_TEST, 'duration': 60.0, 'runs': runs}


# The gallery's settings for both figures: 11 time differences, 100 repetitions, the full 60 s.
GRAUPNER_FIGURE = {'points': 11, 'repetitions': 100}


def graupner_figure():
    P = GRAUPNER_FIGURE['points']
    step = 200 / (P - 1)
    dts, changes = [], []
    for p in range(P):
        U, D = graupner_run(p, GRAUPNER_FIGURE['repetitions'], 60 * second, 100 + p, points=P)
        dts.append(p * step - 100)
        changes.append(graupner_change(U, D))
    plt.axvline(0, linestyle="dashed", color="k")
    plt.axhline(1, linestyle="dashed", color="k")
    plt.plot(dts, changes, marker="o", linestyle="None")
    plt.xlim(-100 - step / 2, 100 + step / 2)
    plt.ylim(0.3, 1.7)
    plt.xlabel(r"time difference $\Delta$t (ms)")
    plt.ylabel("change in synaptic strength (after/before)")
    save('frompapers_Graupner_Brunel_2012')


# multiprocessing/01_using_cython.py, 02_using_standalone.py, 03_standalone_joblib.py: the same toy
# model for ten values of tau (01 with 'exact', 02 and 03 with 'euler'); deterministic. The
# simulations run here in runtime mode: the numbers do not depend on the device or on joblib.
TAUS_MS = [5 + k for k in range(10)]
TRACE_STRIDE = 10


def decay_run(tau, method):
    start_scope()
    G = NeuronGroup(1, 'dv/dt = -v/tau : 1', method=method)
    G.v = 1
    mon = StateMonitor(G, 'v', record=0)
    run(100 * ms)
    return mon.t / ms, mon.v[0]


def multiprocessing_data(method):
    def data():
        traces = []
        for tau_ms in TAUS_MS:
            t, v = decay_run(tau_ms * ms, method)
            traces.append(floats(v[::TRACE_STRIDE]))
        return {'taus_ms': TAUS_MS, 'stride': TRACE_STRIDE, 'samples': len(t), 'v': traces}
    return data


def multiprocessing_figure(method, name):
    def figure():
        for tau_ms in TAUS_MS:
            t, v = decay_run(tau_ms * ms, method)
            plt.plot(t, v, label=str(tau_ms * ms))
        plt.legend()
        save(name)
    return figure


# standalone/standalone_multiplerun.py: Poisson-driven neuron; firing rate against tau (random:
# per-seed rates at three values of tau for the test; the figure's 15 values with one seed).
def multiplerun_rate(tau, seed_value):
    start_scope()
    seed(seed_value)
    num_inputs = 100
    input_rate = 10 * Hz
    weight = 0.1  # noqa: F841 (used by on_pre)
    P = PoissonGroup(num_inputs, rates=input_rate)
    G = NeuronGroup(1, 'dv/dt = -v/tau : 1', threshold='v>1', reset='v=0', method='euler')
    S = Synapses(P, G, on_pre='v += weight')
    S.connect()
    M = SpikeMonitor(G)
    run(1000 * ms)
    return float(M.num_spikes / second)


MULTIPLERUN_TEST = {'taus_ms': [3, 8, 15], 'seeds': list(range(1, 13))}


def multiplerun():
    rates = [[multiplerun_rate(tau_ms * ms, s) for s in MULTIPLERUN_TEST['seeds']] for tau_ms in MULTIPLERUN_TEST['taus_ms']]
    return {**MULTIPLERUN_TEST, 'rates': rates}


def multiplerun_figure():
    tau_range = np.linspace(1, 15, 15) * ms
    rates = [multiplerun_rate(tau, 1) for tau in tau_range]
    plt.plot(tau_range / ms, rates)
    plt.xlabel(r"$\tau$ (ms)")
    plt.ylabel("Firing rate (sp/s)")
    save('standalone_standalone_multiplerun')


# frompapers/Stimberg_et_al_2018/example_1_COBA.py (random: per-seed statistics at COBA_SCALE;
# the figure is the example's own code at full length, with its plot_utils and style file).
COBA_SCALE = 0.2
STIMBERG_DIR = '/usr/share/doc/python-brian-doc/examples/frompapers/Stimberg_et_al_2018'


def coba_run(scale, seed_value):
    start_scope()
    seed(seed_value)
    defaultclock.dt = 0.1 * ms
    N_e, N_i = 3200, 800
    E_l = -60 * mV; g_l = 9.99 * nS; E_e = 0 * mV; E_i = -80 * mV; C_m = 198 * pF  # noqa: E702,F841
    tau_e = 5 * ms; tau_i = 10 * ms; tau_r = 5 * ms; I_ex = 150 * pA; V_th = -50 * mV; V_r = E_l  # noqa: E702,F841
    w_e = 0.05 * nS; w_i = 1.0 * nS; U_0 = 0.6; Omega_d = 2.0 / second; Omega_f = 3.33 / second  # noqa: E702,F841
    neuron_eqs = '''
    dv/dt = (g_l*(E_l-v) + g_e*(E_e-v) + g_i*(E_i-v) + I_ex)/C_m    : volt (unless refractory)
    dg_e/dt = -g_e/tau_e  : siemens
    dg_i/dt = -g_i/tau_i  : siemens
    '''
    neurons = NeuronGroup(N_e + N_i, model=neuron_eqs, threshold='v>V_th', reset='v=V_r',
                          refractory='tau_r', method='euler')
    neurons.v = 'E_l + rand()*(V_th-E_l)'
    neurons.g_e = 'rand()*w_e'
    neurons.g_i = 'rand()*w_i'
    exc_neurons = neurons[:N_e]
    inh_neurons = neurons[N_e:]
    synapses_eqs = '''
    du_S/dt = -Omega_f * u_S     : 1 (event-driven)
    dx_S/dt = Omega_d *(1 - x_S) : 1 (event-driven)
    '''
    synapses_action = '''
    u_S += U_0 * (1 - u_S)
    r_S = u_S * x_S
    x_S -= r_S
    '''
    exc_syn = Synapses(exc_neurons, neurons, model=synapses_eqs, on_pre=synapses_action + 'g_e_post += w_e*r_S')
    inh_syn = Synapses(inh_neurons, neurons, model=synapses_eqs, on_pre=synapses_action + 'g_i_post += w_i*r_S')
    exc_syn.connect(p=0.05)
    inh_syn.connect(p=0.2)
    exc_syn.x_S = 1
    inh_syn.x_S = 1
    exc_mon = SpikeMonitor(exc_neurons)
    inh_mon = SpikeMonitor(inh_neurons)
    run(scale * second)
    return {'seed': seed_value, 'exc_synapses': len(exc_syn), 'inh_synapses': len(inh_syn),
            'exc_spikes': int(exc_mon.num_spikes), 'inh_spikes': int(inh_mon.num_spikes),
            'exc_mean_x_S': float(np.mean(exc_syn.x_S[:])), 'exc_mean_u_S': float(np.mean(exc_syn.u_S[:]))}


def coba():
    return {'scale': COBA_SCALE, 'runs': [coba_run(COBA_SCALE, s) for s in range(1, 7)]}


def coba_figure():
    # The example itself (its plot_utils module and figures.mplstyle live beside it).
    import runpy
    cwd = os.getcwd()
    sys.path.insert(0, STIMBERG_DIR)
    os.chdir(STIMBERG_DIR)
    try:
        start_scope()
        g = runpy.run_path(os.path.join(STIMBERG_DIR, 'example_1_COBA.py'))
    finally:
        os.chdir(cwd)
    g['fig1'].savefig(os.path.join(FIGDIR, 'frompapers_Stimberg_et_al_2018_example_1_COBA_activity.png'))
    g['fig2'].savefig(os.path.join(FIGDIR, 'frompapers_Stimberg_et_al_2018_example_1_COBA_neuron.png'))
    plt.close('all')


# standalone/simple_case.py and simple_case_build.py: exact integration, linear in the random
# initial v, so the traces for v0 = 0 and v0 = 1 give every trace (v = A + v0*(B - A)).
def simple_case_traces(build):
    out = {}
    for v0 in (0, 1):
        start_scope()
        tau = 10 * ms  # noqa: F841
        I = 1  # noqa: F841
        G = NeuronGroup(1, 'dv/dt = (I-v)/tau : 1' if build else 'dv/dt = (1-v)/tau : 1', method='exact')
        G.v = v0
        mon = StateMonitor(G, 'v', record=True)
        if build:
            run(20 * ms)
            I = 0  # noqa: F841
            run(80 * ms)
        else:
            run(100 * ms)
        out[f'v0_{v0}'] = floats(mon.v[0])
    return out


def simple_case_figure(build, name):
    def figure():
        start_scope()
        seed(1)
        tau = 10 * ms  # noqa: F841
        I = 1  # noqa: F841
        G = NeuronGroup(10, 'dv/dt = (I-v)/tau : 1' if build else 'dv/dt = (1-v)/tau : 1', method='exact')
        G.v = 'rand()'
        mon = StateMonitor(G, 'v', record=True)
        if build:
            run(20 * ms)
            I = 0  # noqa: F841
            run(80 * ms)
        else:
            run(100 * ms)
        plt.plot(mon.t / ms, mon.v.T)
        plt.gca().set(xlabel='t (ms)', ylabel='v')
        save(name)
    return figure


# standalone/cuba_openmp.py (CUBA with ge, gi also unless refractory), runtime mode: per-seed
# statistics at CUBA_SCALE for the test, the full second for the figure.
CUBA_SCALE = 0.2


def cuba_run(scale, seed_value):
    start_scope()
    seed(seed_value)
    taum = 20 * ms; taue = 5 * ms; taui = 10 * ms; Vt = -50 * mV; Vr = -60 * mV; El = -49 * mV  # noqa: E702,F841
    eqs = '''
    dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
    dge/dt = -ge/taue : volt (unless refractory)
    dgi/dt = -gi/taui : volt (unless refractory)
    '''
    P = NeuronGroup(4000, eqs, threshold='v>Vt', reset='v = Vr', refractory=5 * ms, method='exact')
    P.v = 'Vr + rand() * (Vt - Vr)'
    P.ge = 0 * mV
    P.gi = 0 * mV
    we = (60 * 0.27 / 10) * mV  # noqa: F841
    wi = (-20 * 4.5 / 10) * mV  # noqa: F841
    Ce = Synapses(P, P, on_pre='ge += we')
    Ci = Synapses(P, P, on_pre='gi += wi')
    Ce.connect('i<3200', p=0.02)
    Ci.connect('i>=3200', p=0.02)
    s_mon = SpikeMonitor(P)
    run(scale * second)
    return s_mon, {'seed': seed_value, 'exc_synapses': len(Ce), 'inh_synapses': len(Ci), 'spikes': int(s_mon.num_spikes),
                   'exc_spikes': int(np.sum(s_mon.i < 3200))}


def cuba_openmp():
    return {'scale': CUBA_SCALE, 'runs': [cuba_run(CUBA_SCALE, s)[1] for s in range(1, 7)]}


def cuba_openmp_figure():
    s_mon, _ = cuba_run(1, 1)
    plt.plot(s_mon.t / ms, s_mon.i, ',k')
    plt.xlabel('Time (ms)')
    plt.ylabel('Neuron index')
    save('standalone_cuba_openmp')


# standalone/STDP_standalone.py: the figure only (the test compares with seed3.json, Brian2's
# synapses/STDP, the same model, over four seeds).
def stdp_standalone_figure():
    start_scope()
    seed(1)
    N = 1000
    taum = 10 * ms; taupre = 20 * ms; taupost = taupre; Ee = 0 * mV; vt = -54 * mV; vr = -60 * mV  # noqa: E702,F841
    El = -74 * mV; taue = 5 * ms; F = 15 * Hz; gmax = .01; dApre = .01  # noqa: E702,F841
    dApost = -dApre * taupre / taupost * 1.05
    dApost *= gmax
    dApre *= gmax
    eqs_neurons = '''
    dv/dt = (ge * (Ee-v) + El - v) / taum : volt
    dge/dt = -ge / taue : 1
    '''
    inp = PoissonGroup(N, rates=F)
    neurons = NeuronGroup(1, eqs_neurons, threshold='v>vt', reset='v = vr', method='euler')
    S = Synapses(inp, neurons, '''w : 1
                dApre/dt = -Apre / taupre : 1 (event-driven)
                dApost/dt = -Apost / taupost : 1 (event-driven)''',
                 on_pre='''ge += w
                    Apre += dApre
                    w = clip(w + Apost, 0, gmax)''',
                 on_post='''Apost += dApost
                     w = clip(w + Apre, 0, gmax)''')
    S.connect()
    S.w = 'rand() * gmax'
    mon = StateMonitor(S, 'w', record=[0, 1])
    run(100 * second)
    subplot(311)
    plot(S.w / gmax, '.k')
    ylabel('Weight / gmax')
    xlabel('Synapse index')
    subplot(312)
    hist(S.w / gmax, 20)
    xlabel('Weight / gmax')
    subplot(313)
    plot(mon.t / second, mon.w.T / gmax)
    xlabel('Time (s)')
    ylabel('Weight / gmax')
    tight_layout()
    save('standalone_STDP_standalone')


# frompapers/Brette_Guigon_2003.py (random: shared noisy input; per-seed spike counts at
# GUIGON_SCALE, in all neurons and in the leaky (p < 0.25) and anti-leaky (p >= 0.75) ends).
GUIGON_SCALE = 0.2


def guigon_run(scale, seed_value):
    start_scope()
    seed(seed_value)
    N = 500
    tau = 33 * ms; taux = 20 * ms; sigma = 0.02  # noqa: E702,F841
    eqs_input = '''
    dx/dt = -x/taux + (2/taux)**.5*xi : 1
    '''
    eqs = '''
    dv/dt = (v*I + 1)/tau + sigma*(2/tau)**.5*xi : 1
    I = 0.5 + 3*p*B : 1
    B = 2./(1 + exp(-2*x)) - 1 : 1 (shared)
    p : 1
    x : 1 (linked)
    '''
    inp = NeuronGroup(1, eqs_input, method='euler')
    neurons = NeuronGroup(N, eqs, threshold='v>1', reset='v=0', method='euler')
    neurons.p = '1.0*i/N'
    neurons.v = 'rand()'
    neurons.x = linked_var(inp, 'x')
    M = StateMonitor(neurons, 'B', record=0)
    S = SpikeMonitor(neurons)
    run(scale * 1000 * ms)
    return neurons, M, S


def guigon():
    runs = []
    for s in range(1, 11):
        neurons, _, S = guigon_run(GUIGON_SCALE, s)
        p = neurons.p[:][S.i[:]]
        runs.append({'seed': s, 'spikes': int(S.num_spikes), 'leaky': int(np.sum(p < 0.25)), 'antileaky': int(np.sum(p >= 0.75))})
    return {'scale': GUIGON_SCALE, 'runs': runs}


def guigon_figure():
    neurons, M, S = guigon_run(1, 1)
    subplot(211)
    plot(M.t / ms, M[0].B)
    xticks([])
    title('shared input')
    subplot(212)
    plot(S.t / ms, neurons.p[S.i], ',')
    plot([0, 1000], [.5, .5], color='C1')
    xlabel('time (ms)')
    ylabel('p')
    title('spiking activity')
    save('frompapers_Brette_Guigon_2003')


# frompapers/Brette_2012/Fig1.py (deterministic: voltage-clamped ball and stick), at FIG1_SCALE
# (the ramp's duration is part of the model, so both sides shorten it the same way).
BRETTE_2012_DIR = '/usr/share/doc/python-brian-doc/examples/frompapers/Brette_2012'
FIG1_SCALE = 0.2
FIG1_STRIDE = 40


def brette_2012_fig1():
    sys.path.insert(0, BRETTE_2012_DIR)
    from params import EL, Cm, gL, Ri, ENa, ka, va, gNa_0, taum  # noqa: F401
    start_scope()
    defaultclock.dt = 0.025 * ms
    morpho = Soma(50 * um)
    morpho.axon = Cylinder(diameter=1 * um, length=300 * um, n=300)
    location = 40 * um
    duration = FIG1_SCALE * 500 * ms  # noqa: F841
    eqs = '''
    Im = gL*(EL - v) + gclamp*(vc - v) + gNa*m*(ENa - v) : amp/meter**2
    dm/dt = (minf - m) / taum: 1  # simplified Na channel
    minf = 1 / (1 + exp((va - v) / ka)) : 1
    gclamp : siemens/meter**2
    gNa : siemens/meter**2
    vc = EL + 50*mV * t/duration : volt (shared)  # Voltage clamp with a ramping voltage command
    '''
    neuron = SpatialNeuron(morphology=morpho, model=eqs, Cm=Cm, Ri=Ri)
    compartment = morpho.axon[location]
    neuron.v = EL
    neuron.gclamp[0] = gL * 500
    neuron.gNa[compartment] = gNa_0 / neuron.area[compartment]
    mon = StateMonitor(neuron, ['v', 'vc', 'm'], record=True)
    run(duration)
    k = int(np.asarray(neuron.indices[compartment]).ravel()[0])
    return {'scale': FIG1_SCALE, 'stride': FIG1_STRIDE, 'compartment': k, 'samples': len(mon.t),
            'v_soma': floats(mon.v[0][::FIG1_STRIDE]), 'v_axon': floats(mon.v[k][::FIG1_STRIDE]),
            'm_axon': floats(mon.m[k][::FIG1_STRIDE]), 'v_end': floats(mon.v[:, -1])}


def brette_2012_fig1_figure():
    import runpy
    cwd = os.getcwd()
    sys.path.insert(0, BRETTE_2012_DIR)
    os.chdir(BRETTE_2012_DIR)
    try:
        start_scope()
        runpy.run_path(os.path.join(BRETTE_2012_DIR, 'Fig1.py'))
    finally:
        os.chdir(cwd)
    save('frompapers_Brette_2012_Fig1')


# frompapers/Brette_2012/Fig4.py (deterministic: tapering axon, Na channels over 35-50 um with a
# linear density profile, exponential Euler), at FIG1_SCALE like Fig1.
def brette_2012_fig4():
    sys.path.insert(0, BRETTE_2012_DIR)
    from params import EL, Cm, gL, Ri, ENa, ka, va, gNa_0, taum  # noqa: F401
    start_scope()
    defaultclock.dt = 0.025 * ms
    morpho = Soma(50 * um)
    diameters = hstack([linspace(4, 1, 11), ones(290)]) * um
    morpho.axon = Section(diameter=diameters, length=ones(300) * um, n=300)
    Na_start = (25 + 10) * um
    Na_end = (40 + 10) * um
    duration = FIG1_SCALE * 500 * ms  # noqa: F841
    eqs = '''
    Im = gL*(EL - v) + gclamp*(vc - v) + gNa*m*(ENa - v) : amp/meter**2
    dm/dt = (minf - m) / taum: 1  # simplified Na channel
    minf = 1 / (1 + exp((va - v) / ka)) : 1
    gclamp : siemens/meter**2
    gNa : siemens/meter**2
    vc = EL + 50*mV * t / duration : volt (shared)
    '''
    neuron = SpatialNeuron(morphology=morpho, model=eqs, Cm=Cm, Ri=Ri, method="exponential_euler")
    compartments = morpho.axon[Na_start:Na_end]
    neuron.v = EL
    neuron.gclamp[0] = gL * 500
    profile = linspace(1, 0, len(compartments))
    profile = profile / sum(profile)
    neuron.gNa[compartments] = gNa_0 * profile / neuron.area[compartments]
    mon = StateMonitor(neuron, 'v', record=True)
    run(duration)
    return {'scale': FIG1_SCALE, 'stride': FIG1_STRIDE, 'samples': len(mon.t), 'na_compartments': len(compartments),
            'gNa': floats(neuron.gNa[:]), 'v_soma': floats(mon.v[0][::FIG1_STRIDE]), 'v_45': floats(mon.v[45][::FIG1_STRIDE]),
            'v_end': floats(mon.v[:, -1])}


def brette_2012_fig4_figure():
    import runpy
    cwd = os.getcwd()
    sys.path.insert(0, BRETTE_2012_DIR)
    os.chdir(BRETTE_2012_DIR)
    try:
        start_scope()
        runpy.run_path(os.path.join(BRETTE_2012_DIR, 'Fig4.py'))
    finally:
        os.chdir(cwd)
    save('frompapers_Brette_2012_Fig4')


# frompapers/Brette_2012/Fig3AB.py (deterministic: a current step into the soma at 20 ms; 100 ms).
def brette_2012_fig3ab():
    sys.path.insert(0, BRETTE_2012_DIR)
    from params import EL, Cm, gL, Ri, ENa, ka, va, gNa_0, taum  # noqa: F401
    start_scope()
    defaultclock.dt = 0.025 * ms
    morpho = Soma(50 * um)
    morpho.axon = Cylinder(diameter=1 * um, length=300 * um, n=300)
    location = 40 * um
    eqs = '''
    Im = gL*(EL - v) + gNa*m*(ENa - v) : amp/meter**2
    dm/dt = (minf - m) / taum : 1 # simplified Na channel
    minf = 1 / (1 + exp((va - v) / ka)) : 1
    gNa : siemens/meter**2
    Iin : amp (point current)
    '''
    neuron = SpatialNeuron(morphology=morpho, model=eqs, Cm=Cm, Ri=Ri, method="exponential_euler")
    compartment = morpho.axon[location]
    neuron.v = EL
    neuron.gNa[compartment] = gNa_0 / neuron.area[compartment]
    M = StateMonitor(neuron, ['v', 'm'], record=True)
    run(20 * ms)
    neuron.Iin[0] = gL * 20 * mV * neuron.area[0]
    run(80 * ms)
    k = int(np.asarray(neuron.indices[compartment]).ravel()[0])
    return {'stride': FIG1_STRIDE, 'compartment': k, 'samples': len(M.t), 'v_soma': floats(M.v[0][::FIG1_STRIDE]),
            'v_axon': floats(M.v[k][::FIG1_STRIDE]), 'm_axon': floats(M.m[k][::FIG1_STRIDE]), 'v_end': floats(M.v[:, -1])}


def brette_2012_fig3ab_figure():
    import runpy
    cwd = os.getcwd()
    sys.path.insert(0, BRETTE_2012_DIR)
    os.chdir(BRETTE_2012_DIR)
    try:
        start_scope()
        runpy.run_path(os.path.join(BRETTE_2012_DIR, 'Fig3AB.py'))
    finally:
        os.chdir(cwd)
    save('frompapers_Brette_2012_Fig3AB')


# frompapers/Brette_2012/Fig5A.py (random: noisy somatic input; per-seed spike count and the
# somatic voltage's mean and sd at FIG1_SCALE).
def brette_2012_fig5a(seed_value):
    sys.path.insert(0, BRETTE_2012_DIR)
    from params import EL, Cm, gL, Ri, ENa, ka, va, gNa_0, taum  # noqa: F401
    start_scope()
    seed(seed_value)
    defaultclock.dt = 0.025 * ms
    duration = FIG1_SCALE * 500 * ms
    morpho = Soma(50 * um)
    morpho.axon = Cylinder(diameter=1 * um, length=300 * um, n=300)
    taux = 5 * ms; sigmax = 12 * mV; xx0 = 7 * mV; compartment = 40  # noqa: E702,F841
    eqs = '''
    Im = gL * (EL - v) + gNa * m * (ENa - v) + gLx * (xx0 + xx) : amp/meter**2
    dm/dt = (minf - m) / taum : 1  # simplified Na channel
    minf = 1 / (1 + exp((va - v) / ka)) : 1
    gNa : siemens/meter**2
    gLx : siemens/meter**2
    dxx/dt = -xx / taux + sigmax * (2 / taux)**.5 *xi : volt
    '''
    neuron = SpatialNeuron(morphology=morpho, model=eqs, Cm=Cm, Ri=Ri, threshold='m>0.5',
                           threshold_location=compartment, refractory=5 * ms)
    neuron.v = EL
    neuron.gLx[0] = gL
    neuron.gNa[compartment] = gNa_0 / neuron.area[compartment]
    reset = Synapses(neuron, neuron, on_pre='v = EL')
    reset.connect('i == compartment')
    S = SpikeMonitor(neuron)
    M = StateMonitor(neuron, 'v', record=0)
    run(duration)
    v = M[0].v[:]
    return {'seed': seed_value, 'spikes': int(S.num_spikes), 'v_mean': float(np.mean(v)), 'v_std': float(np.std(v))}


def brette_2012_fig5a_data():
    return {'scale': FIG1_SCALE, 'runs': [brette_2012_fig5a(s) for s in range(1, 9)]}


def brette_2012_fig5a_figure():
    import runpy
    cwd = os.getcwd()
    sys.path.insert(0, BRETTE_2012_DIR)
    os.chdir(BRETTE_2012_DIR)
    try:
        start_scope()
        runpy.run_path(os.path.join(BRETTE_2012_DIR, 'Fig5A.py'))
    finally:
        os.chdir(cwd)
    save('frompapers_Brette_2012_Fig5A')


# frompapers/Brette_2012/Fig3CF.py (deterministic: Nav1.6 at 40 um and depolarized Nav1.2 at 15 um;
# dt = 0.01 ms, 100 ms).
def brette_2012_fig3cf():
    sys.path.insert(0, BRETTE_2012_DIR)
    from params import EL, Cm, gL, Ri, ENa, ka, va, gNa_0, taum  # noqa: F401
    start_scope()
    defaultclock.dt = 0.01 * ms
    morpho = Soma(50 * um)
    morpho.axon = Cylinder(diameter=1 * um, length=300 * um, n=300)
    location16 = 40 * um
    location12 = 15 * um
    va2 = va + 15 * mV  # noqa: F841
    eqs = '''
    Im = gL * (EL - v) + gNa*m*(ENa - v) + gNa2*m2*(ENa - v) : amp/meter**2
    dm/dt = (minf - m) / taum : 1  # simplified Na channel
    minf = 1 / (1 + exp((va - v) / ka)) : 1
    dm2/dt = (minf2 - m2) / taum : 1 # simplified Na channel, Nav1.2
    minf2 = 1/(1 + exp((va2 - v) / ka)) : 1
    gNa : siemens/meter**2
    gNa2 : siemens/meter**2  # Nav1.2
    Iin : amp (point current)
    '''
    neuron = SpatialNeuron(morphology=morpho, model=eqs, Cm=Cm, Ri=Ri, method="exponential_euler")
    compartment16 = morpho.axon[location16]
    compartment12 = morpho.axon[location12]
    neuron.v = EL
    neuron.gNa[compartment16] = gNa_0 / neuron.area[compartment16]
    neuron.gNa2[compartment12] = 20 * gNa_0 / neuron.area[compartment12]
    M = StateMonitor(neuron, ['v', 'm', 'm2'], record=True)
    run(20 * ms)
    neuron.Iin[0] = gL * 20 * mV * neuron.area[0]
    run(80 * ms)
    k16 = int(np.asarray(neuron.indices[compartment16]).ravel()[0])
    k12 = int(np.asarray(neuron.indices[compartment12]).ravel()[0])
    stride = 100
    return {'stride': stride, 'c16': k16, 'c12': k12, 'samples': len(M.t), 'v_soma': floats(M.v[0][::stride]),
            'v_16': floats(M.v[k16][::stride]), 'm_16': floats(M.m[k16][::stride]), 'm2_12': floats(M.m2[k12][::stride]),
            'v_end': floats(M.v[:, -1])}


def brette_2012_fig3cf_figure():
    import runpy
    cwd = os.getcwd()
    sys.path.insert(0, BRETTE_2012_DIR)
    os.chdir(BRETTE_2012_DIR)
    try:
        start_scope()
        runpy.run_path(os.path.join(BRETTE_2012_DIR, 'Fig3CF.py'))
    finally:
        os.chdir(cwd)
    save('frompapers_Brette_2012_Fig3CF')


# frompapers/Platkiewicz_Brette_2011.py (random: per-seed statistics of the spikes' thresholds and
# depolarization slopes at PLATKIEWICZ_SCALE; the figure is the example itself).
PLATKIEWICZ_SCALE = 0.2


def platkiewicz(seed_value):
    from scipy.stats import linregress
    start_scope()
    seed(seed_value)
    N = 200
    duration = PLATKIEWICZ_SCALE * second
    EL = -70 * mV; vT = -55 * mV; Vi = -63 * mV; tauh = 5 * ms; tau = 5 * ms  # noqa: E702,F841
    ka = 5 * mV; ki = 6 * mV; a = ka / ki; tauI = 5 * ms; mu = 15 * mV  # noqa: E702,F841
    sigma = 6 * mV / sqrt(tauI / (tauI + tau))  # noqa: F841
    eqs = '''
    dv/dt=(EL-v+mu+sigma*I)/tau : volt
    dtheta/dt=(vT+a*clip(v-Vi, 0*mV, inf*mV)-theta)/tauh : volt
    dI/dt=-I/tauI+(2/tauI)**.5*xi : 1 # Ornstein-Uhlenbeck
    '''
    neurons = NeuronGroup(N, eqs, threshold="v>theta", reset='v=EL', refractory=5 * ms)
    neurons.v = EL
    neurons.theta = vT
    neurons.I = 0
    S = SpikeMonitor(neurons)
    M = StateMonitor(neurons, 'v', record=True)
    run(duration)
    tx = M.t[(M.t > 0 * second) & (M.t < 1.5 * tauh)]
    slope, threshold = [], []
    for (i, t) in zip(S.i, S.t):
        ind = (M.t < t) & (M.t > t - tauh)
        mx = M.v[i, ind]
        if len(mx) < 2:
            continue
        s_, _, _, _, _ = linregress(tx[:len(mx)] / ms, mx / mV)
        slope.append(s_)
        threshold.append(float(mx[-1]))
    slope = np.array(slope)
    threshold = np.array(threshold)
    fit = np.polyfit(slope, threshold, 1)
    return {'seed': seed_value, 'spikes': int(S.num_spikes), 'slope_mean': float(np.mean(slope)),
            'threshold_mean': float(np.mean(threshold)), 'threshold_sd': float(np.std(threshold)), 'fit_slope': float(fit[0])}


def platkiewicz_data():
    return {'scale': PLATKIEWICZ_SCALE, 'runs': [platkiewicz(s) for s in range(1, 7)]}


def platkiewicz_figure():
    import runpy
    start_scope()
    runpy.run_path('/usr/share/doc/python-brian-doc/examples/frompapers/Platkiewicz_Brette_2011.py')
    save('frompapers_Platkiewicz_Brette_2011')


DATA = {
    'Platkiewicz_Brette_2011': platkiewicz_data,
    'Brette_2012_Fig3CF': brette_2012_fig3cf,
    'Brette_2012_Fig5A': brette_2012_fig5a_data,
    'Brette_2012_Fig3AB': brette_2012_fig3ab,
    'Brette_2012_Fig4': brette_2012_fig4,
    'Brette_2012_Fig1': brette_2012_fig1,
    'Brette_Guigon_2003': guigon,
    'simple_case': lambda: simple_case_traces(False),
    'simple_case_build': lambda: simple_case_traces(True),
    'cuba_openmp': cuba_openmp,
    'Graupner_Brunel_2012': graupner,
    'Stimberg_et_al_2018_example_1_COBA': coba,
    'multiprocessing_exact': multiprocessing_data('exact'),
    'multiprocessing_euler': multiprocessing_data('euler'),
    'standalone_multiplerun': multiplerun,
}
FULL = {
    'Platkiewicz_Brette_2011': platkiewicz_figure,
    'Brette_2012_Fig3CF': brette_2012_fig3cf_figure,
    'Brette_2012_Fig5A': brette_2012_fig5a_figure,
    'Brette_2012_Fig3AB': brette_2012_fig3ab_figure,
    'Brette_2012_Fig4': brette_2012_fig4_figure,
    'Brette_2012_Fig1': brette_2012_fig1_figure,
    'Brette_Guigon_2003': guigon_figure,
    'simple_case': simple_case_figure(False, 'standalone_simple_case'),
    'simple_case_build': simple_case_figure(True, 'standalone_simple_case_build'),
    'cuba_openmp': cuba_openmp_figure,
    'STDP_standalone': stdp_standalone_figure,
    'Graupner_Brunel_2012': graupner_figure,
    'Stimberg_et_al_2018_example_1_COBA': coba_figure,
    'multiprocessing_exact': multiprocessing_figure('exact', 'multiprocessing_01_using_cython'),
    'multiprocessing_euler': lambda: (multiprocessing_figure('euler', 'multiprocessing_02_using_standalone')(),
                                      multiprocessing_figure('euler', 'multiprocessing_03_standalone_joblib')()),
    'standalone_multiplerun': multiplerun_figure,
}
names = ONLY if ONLY is not None else list(DATA)
if ONLY is not None and os.path.exists(sys.argv[1]):
    with open(sys.argv[1]) as f:
        out.update({k: v for k, v in json.load(f).items() if k not in ONLY})
if not FIGURES_ONLY:
    for name in names:
        out[name] = DATA[name]()
    write(out)

if FIGURES:
    os.makedirs(FIGDIR, exist_ok=True)
    for name in names:
        if name in FULL:
            FULL[name]()
