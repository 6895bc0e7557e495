"""Brian2 2.5.1 data for gallery C (the examples issue 14 names), shortened as the smoke test
runs them (BRIAN_TS_DURATION_SCALE = SCALE), and Brian2's own figures of the full examples,
rendered with Debian's matplotlib into docs/examples/brian2/ for the gallery page.
The models are copied from Brian2's examples (/usr/share/doc/python-brian-doc/examples/).
Usage: /usr/bin/python3 gallery_c.py OUTPUT.json [--figures] [--only name,name]
(--only recomputes those examples and keeps the others' data from OUTPUT.json).
"""
import json
import os
import sys

import matplotlib

matplotlib.use('Agg')
from _sim import floats, ints, write  # noqa: E402
from brian2 import *  # noqa: E402,F401,F403

SCALE = 0.2
FIGURES = '--figures' in sys.argv
ONLY = sys.argv[sys.argv.index('--only') + 1].split(',') if '--only' in sys.argv else None
FIGDIR = os.path.join(os.path.dirname(__file__), '..', '..', '..', 'docs', 'examples', 'brian2')
out = {'scale': SCALE}


def save(name):
    plt.savefig(os.path.join(FIGDIR, name + '.png'))
    plt.close('all')


# advanced/exprel_function.py (no simulation: evaluated as written)
def exprel_function(figure):
    start_scope()
    eqs = '''v : volt
             alpha_simple = 0.32*(mV**-1)*(-50*mV-v)/
                            (exp((-50*mV-v)/(4*mV))-1.)/ms : Hz
             alpha_improved = 0.32*(mV**-1)*4*mV/exprel((-50*mV-v)/(4*mV))/ms : Hz'''
    neuron = NeuronGroup(1000, eqs)
    neuron.v = np.linspace(-50 - .5e-6, -50 + .5e-6, len(neuron))*mV
    if figure:
        fig, ax = plt.subplots()
        # [:] because matplotlib 3.6 indexes its arguments 2-d, which a VariableView refuses
        ax.plot((neuron.v[:] + 50*mV)/nvolt, neuron.alpha_simple[:], '.', label=r'$\alpha_\mathrm{simple}$')
        ax.plot((neuron.v[:] + 50*mV)/nvolt, neuron.alpha_improved[:], 'k', label=r'$\alpha_\mathrm{improved}$')
        ax.legend()
        ax.set(xlabel='$v$ relative to -50mV (nV)', ylabel=r'$\alpha$ (Hz)')
        ax.ticklabel_format(useOffset=False)
        plt.tight_layout()
        save('advanced_exprel_function')
    return {'v': floats(neuron.v), 'alpha_simple': floats(neuron.alpha_simple), 'alpha_improved': floats(neuron.alpha_improved)}


# frompapers/Brette_2004.py
def brette_2004(scale, figure):
    start_scope()
    N = 2000
    tau = 100*ms
    eqs = '''
    dv/dt = (-v + a + 2*sin(2*pi*t/tau))/tau : 1
    a : 1
    '''
    neurons = NeuronGroup(N, eqs, threshold='v>1', reset='v=0', method='euler')
    neurons.a = linspace(2, 4, N)
    run(scale*5*second)
    S = SpikeMonitor(neurons)
    run(scale*5*second)
    i, t = S.it
    if figure:
        plot((t % tau)/tau, neurons.a[i], ',')
        xlabel('Spike phase')
        ylabel('Parameter a')
        save('frompapers_Brette_2004')
    return {'count': ints(S.count), 'i': ints(i[:2000]), 't': floats(t[:2000]), 'num_spikes': int(S.num_spikes)}


# frompapers/Brunel_Hakim_1999.py (random: statistics over seeds)
def brunel_hakim(scale, seed_value, figure):
    start_scope()
    seed(seed_value)
    N = 5000
    Vr = 10*mV
    theta = 20*mV
    tau = 20*ms
    delta = 2*ms
    taurefr = 2*ms
    duration = scale*.1*second
    C = 1000
    sparseness = float(C)/N
    J = .1*mV
    muext = 25*mV
    sigmaext = 1*mV
    eqs = """
    dV/dt = (-V+muext + sigmaext * sqrt(tau) * xi)/tau : volt
    """
    group = NeuronGroup(N, eqs, threshold='V>theta', reset='V=Vr', refractory=taurefr, method='euler')
    group.V = Vr
    conn = Synapses(group, group, on_pre='V += -J', delay=delta)
    conn.connect(p=sparseness)
    M = SpikeMonitor(group)
    LFP = PopulationRateMonitor(group)
    run(duration)
    if figure:
        subplot(211)
        plot(M.t/ms, M.i, '.')
        xlim(0, duration/ms)
        subplot(212)
        plot(LFP.t/ms, LFP.smooth_rate(window='flat', width=0.5*ms)/Hz)
        xlim(0, duration/ms)
        save('frompapers_Brunel_Hakim_1999')
    rate = LFP.smooth_rate(window='flat', width=0.5*ms)/Hz
    return {'num_spikes': int(M.num_spikes), 'synapses': len(conn), 'first_spike': float(M.t[0]) if M.num_spikes else None,
            'peak_time': float(LFP.t[np.argmax(rate)])}


# frompapers/Jansen_Rit_1995_single_column.py, with the input seeded (np.random.seed(2021); the
# example leaves it unseeded) so that brian-ts's RandomState(2021) draws the same input.
def jansen_rit(scale, figure):
    start_scope()
    defaultclock.dt = .1*ms
    te, ti = 10.*ms, 20.*ms
    e0 = 5.
    v0 = 6.
    r0 = 0.56
    A, B, C = 3.25, 22., 135
    P, deltaP = 120, 320.-120
    np.random.seed(2021)
    nstim = TimedArray(np.random.rand(70000), 2*ms)
    equs = """
    dy0/dt = y3                             /second : 1
    dy3/dt = (A        * Sp -2*y3 -y0/te*second)/te : 1
    dy1/dt = y4                             /second : 1
    dy4/dt = (A*(p+ C2 * Se)-2*y4 -y1/te*second)/te : 1
    dy2/dt = y5                             /second : 1
    dy5/dt = (B   * C4 * Si -2*y5 -y2/ti*second)/ti : 1
    p  = P0+nstim(t)*dlP                   : 1
    Sp = e0/(1+exp(r0*(v0 - (y1-y2)    ))) : 1
    Se = e0/(1+exp(r0*(v0 -  C1*y0     ))) : 1
    Si = e0/(1+exp(r0*(v0 -  C3*y0     ))) : 1
    C1            : 1
    C2 = 0.8 *C1  : 1
    C3 = 0.25*C1  : 1
    C4 = 0.25*C1  : 1
    P0            : 1
    dlP           : 1
    """
    n = NeuronGroup(6, equs, method='euler')
    n.C1 = [68, 128, C, 270, 675, 1350]
    n.P0 = P
    n.dlP = deltaP
    sm = StateMonitor(n, ['y4', 'y1', 'y3', 'y0', 'y5', 'y2'], record=True)
    run(scale*5*second)
    if figure:
        plt.figure(1, figsize=(22, 16))
        idx1 = np.where(sm.t/second > 2.)[0]
        o = 0
        for p in [0, 1, 2, 3, 4, 5]:
            if o == 0:
                ax = subplot(6, 3, 1)
            else:
                subplot(6, 3, 1+o, sharex=ax)
            if o == 0:
                title("E")
            plot(sm.t[idx1]/second, sm[p].y1[idx1], 'g-')
            ylabel(f"C={n[p].C1[0]}")
            subplot(6, 3, 2+o, sharex=ax)
            if o == 0:
                title("P")
            plot(sm.t[idx1]/second, sm[p].y0[idx1], 'b-')
            subplot(6, 3, 3+o, sharex=ax)
            if o == 0:
                title("I")
            plot(sm.t[idx1]/second, sm[p].y2[idx1], 'r-')
            o += 3
        save('frompapers_Jansen_Rit_1995_single_column')
    stride = 50
    return {'samples': len(sm.t), 'stride': stride, 'y0': [floats(sm.y0[k][::stride]) for k in range(6)],
            'y1': [floats(sm.y1[k][::stride]) for k in range(6)], 'y2': [floats(sm.y2[k][::stride]) for k in range(6)]}


# frompapers/Rossant_et_al_2011bis.py (random: statistics over seeds)
def rossant(scale, seed_value, figure):
    start_scope()
    seed(seed_value)
    theta = -55*mV
    El = -65*mV
    vmean = -65*mV
    taum = 5*ms
    taue = 3*ms
    taui = 10*ms
    eqs = Equations("""
                    dv/dt  = (ge+gi-(v-El))/taum : volt
                    dge/dt = -ge/taue : volt
                    dgi/dt = -gi/taui : volt
                    """)
    p = 15
    ne = 4000
    ni = 1000
    lambdac = 40*Hz
    lambdae = lambdai = 1*Hz
    we = .5*mV/(taum/taue)**(taum/(taue-taum))
    wi = (vmean-El-lambdae*ne*we*taue)/(lambdae*ni*taui)
    group = NeuronGroup(N=2, model=eqs, reset='v = El', threshold='v>theta', refractory=5*ms, method='exact')
    group.v = El
    group.ge = group.gi = 0
    p1 = PoissonInput(group[0:1], 'ge', N=ne, rate=lambdae, weight=we)
    p2 = PoissonInput(group[0:1], 'gi', N=ni, rate=lambdai, weight=wi)
    p3 = PoissonInput(group[1:], 'ge', N=ne, rate=lambdae-(p*1.0/ne)*lambdac, weight=we)
    p4 = PoissonInput(group[1:], 'gi', N=ni, rate=lambdai, weight=wi)
    p5 = PoissonInput(group[1:], 'ge', N=1, rate=lambdac, weight=p*we)
    M = SpikeMonitor(group)
    SM = StateMonitor(group, 'v', record=True)
    run(scale*1*second)
    if figure:
        for i in [0, 1]:
            spikes = (M.t[M.i == i] - defaultclock.dt)/ms
            val = SM[i].v
            subplot(2, 1, i+1)
            plot(SM.t/ms, val)
            plot(tile(spikes, (2, 1)), vstack((val[array(spikes, dtype=int)], zeros(len(spikes)))), 'C0')
            title("%s: %d spikes/second" % (["uncorrelated inputs", "correlated inputs"][i], M.count[i]))
        tight_layout()
        save('frompapers_Rossant_et_al_2011bis')
    return {'count': ints(M.count), 'v_mean': [float(np.mean(SM.v[k])) for k in range(2)], 'v_std': [float(np.std(SM.v[k])) for k in range(2)]}


# synapses/efficient_gaussian_connectivity.py: the three ways to connect (random: synapse counts
# over seeds; the example's own figure is a timing plot, not reproduced here).
def gaussian_connectivity(N, seed_value):
    counts = {}
    for method in ['naive', 'limited', 'divided']:
        start_scope()
        seed(seed_value)
        G = NeuronGroup(N, 'v:1', threshold='v>1', name='G')
        S = Synapses(G, G, on_pre='v += 1', name='S')
        q = 0.001
        w = int(ceil(sqrt(log(q)/-0.1)))
        if method == 'naive':
            S.connect(p='exp(-0.1*(i-j)**2)')
        else:
            S.connect(j='k for k in range(i-w, i+w) if rand()<exp(-0.1*(i-j)**2)', skip_if_invalid=True)
        if method == 'divided':
            pmax = exp(-0.1*w**2)
            S.connect(j='k for k in sample(0, i-w, p=pmax) if rand()<exp(-0.1*(i-j)**2)/pmax', skip_if_invalid=True)
            S.connect(j='k for k in sample(i+w, N_post, p=pmax) if rand()<exp(-0.1*(i-j)**2)/pmax', skip_if_invalid=True)
        counts[method] = len(S)
        counts[method + '_far'] = int(np.sum(np.abs(S.i[:] - S.j[:]) >= 4))
    return counts


# frompapers/Sturzl_et_al_2000.py (random noise: statistics over seeds). The wave's phases come
# from numpy's RandomState(2000), as in the brian-ts example (Brian2's original draws them with an
# unseeded rand()): with the wave fixed, the estimate's seed-to-seed spread is the noise's alone.
def sturzl(scale, seed_value, figure):
    start_scope()
    seed(seed_value)  # seeds Brian's xi
    wave_rng = np.random.RandomState(2000)
    defaultclock.dt = 0.1*ms
    degree = 2 * pi / 360.
    duration = scale*500*ms
    R = 2.5*cm
    vr = 50*meter/second
    phi = 144 * degree
    deltaI = .7*ms
    gamma = (22.5 + 45 * arange(8)) * degree
    delay = R / vr * (1 - cos(phi - gamma))
    time = arange(int(duration / defaultclock.dt) + 1) * defaultclock.dt
    Dtot = 0.
    w = 0.
    for f in arange(150, 451)*Hz:
        D = exp(-(f/Hz - 300) ** 2 / (2 * (50 ** 2)))
        rand_angle = 2 * pi * wave_rng.rand()
        w += 100 * D * cos(2 * pi * f * time + rand_angle)
        Dtot += D
    w = .01 * w / Dtot
    rates = TimedArray(w, dt=defaultclock.dt)
    tau_legs = 1 * ms
    sigma = .01
    eqs_legs = """
    dv/dt = (1 + rates(t - d) - v)/tau_legs + sigma*(2./tau_legs)**.5*xi:1
    d : second
    """
    legs = NeuronGroup(8, model=eqs_legs, threshold='v > 1', reset='v = 0', refractory=1*ms, method='euler')
    legs.d = delay
    tau = 1 * ms
    taus = 1.001 * ms
    wex = 7
    winh = -2
    eqs_neuron = '''
    dv/dt = (x - v)/tau : 1
    dx/dt = (y - x)/taus : 1 # alpha currents
    dy/dt = -y/taus : 1
    '''
    neurons = NeuronGroup(8, model=eqs_neuron, threshold='v>1', reset='v=0', method='exact')
    synapses_ex = Synapses(legs, neurons, on_pre='y+=wex')
    synapses_ex.connect(j='i')
    synapses_inh = Synapses(legs, neurons, on_pre='y+=winh', delay=deltaI)
    synapses_inh.connect('abs(((j - i) % N_post) - N_post/2) <= 1')
    spikes = SpikeMonitor(neurons)
    run(duration)
    nspikes = spikes.count
    phi_est = imag(log(sum(nspikes * exp(gamma * 1j))))
    if figure:
        polar(concatenate((gamma, [gamma[0] + 2 * pi])), concatenate((nspikes, [nspikes[0]])) / duration / Hz, c='k')
        axvline(phi, ls='-', c='g')
        axvline(phi_est, ls='-', c='b')
        save('frompapers_Sturzl_et_al_2000')
    return {'phi_est': float(phi_est), 'total': int(sum(nspikes)), 'synapses_inh': len(synapses_inh)}


DATA = {
    'Sturzl_et_al_2000': lambda: [sturzl(SCALE, s, False) for s in range(24)],
    'efficient_gaussian_connectivity': lambda: [gaussian_connectivity(1000, s) for s in range(8)],
    'exprel_function': lambda: exprel_function(False),
    'Jansen_Rit_1995_single_column': lambda: jansen_rit(SCALE, False),
    'Rossant_et_al_2011bis': lambda: [rossant(SCALE, s, False) for s in range(30)],
    'Brunel_Hakim_1999': lambda: [brunel_hakim(SCALE, s, False) for s in range(5)],
    'Brette_2004': lambda: brette_2004(SCALE, False),
}
FULL = {
    'Sturzl_et_al_2000': lambda: sturzl(1, 0, True),
    'exprel_function': lambda: exprel_function(True),
    'Jansen_Rit_1995_single_column': lambda: jansen_rit(1, True),
    'Rossant_et_al_2011bis': lambda: rossant(1, 0, True),
    'Brunel_Hakim_1999': lambda: brunel_hakim(1, 0, True),
    'Brette_2004': lambda: brette_2004(1, True),
}
names = ONLY if ONLY is not None else list(DATA)
if ONLY is not None and os.path.exists(sys.argv[1]):
    with open(sys.argv[1]) as f:
        out.update({k: v for k, v in json.load(f).items() if k not in ONLY})
for name in names:
    out[name] = DATA[name]()
write(out)

if FIGURES:
    os.makedirs(FIGDIR, exist_ok=True)
    for name in names:
        if name in FULL:
            FULL[name]()
