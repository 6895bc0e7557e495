"""Brian2 2.5.1 data for gallery F (session 6, issue 14): frompapers/Maass_Natschlaeger_Markram_2002,
and Brian2's own figures of the older frompapers/ and advanced/ ports, rendered with Debian's
matplotlib (Agg) into docs/examples/brian2/ for the gallery page. Each example file is executed
itself (from /usr/share/doc/python-brian-doc/examples), with checked text patches where it must be
shortened, seeded or run serially.
Usage: /usr/bin/python3 gallery_f.py OUTPUT.json [--figures] [--figures-only] [--only name,name]
(--only recomputes those examples and keeps the others' data from OUTPUT.json; --figures-only
renders the figures and leaves OUTPUT.json as it is).

Stochastic examples are recorded per seed, so the TS tests can compare with Brian2's
seed-to-seed spread.
"""
import json
import os
import sys

import matplotlib

matplotlib.use('Agg')
from _sim import floats, ints, write  # noqa: E402,F401
from brian2 import *  # noqa: E402,F401,F403

FIGURES_ONLY = '--figures-only' in sys.argv
FIGURES = '--figures' in sys.argv or FIGURES_ONLY
ONLY = sys.argv[sys.argv.index('--only') + 1].split(',') if '--only' in sys.argv else None
FIGDIR = os.path.join(os.path.dirname(__file__), '..', '..', '..', 'docs', 'examples', 'brian2')
EXAMPLES = '/usr/share/doc/python-brian-doc/examples'
out = {}


def example_source(path, patches=(), stop=None):
    src = open(os.path.join(EXAMPLES, path)).read()
    if stop is not None:
        src = src[:src.index(stop)]
    for old, new in patches:
        assert old in src, (path, old)
        src = src.replace(old, new)
    return src


def exec_example(path, patches=(), stop=None, name='__main__'):
    """Runs Brian2's example file (up to the text `stop`, with `patches` applied) in its folder and
    returns its globals."""
    import gc
    gc.collect()  # the previous run's objects go, so names (and cython's cache keys) repeat
    src = example_source(path, patches, stop)
    cwd = os.getcwd()
    folder = os.path.dirname(os.path.join(EXAMPLES, path))
    sys.path.insert(0, folder)
    start_scope()
    defaultclock.dt = 0.1 * ms
    plt.show = lambda *a, **k: None
    g = {'__name__': name, '__file__': os.path.join(EXAMPLES, path)}
    try:
        exec(compile(src, path, 'exec'), g)
    finally:
        os.chdir(cwd)
        sys.path.remove(folder)
    return g


def save_figures(name, suffixes=None):
    """Saves the open figures as docs/examples/brian2/<name><suffix>.png (one figure: no suffix)."""
    numbers = plt.get_fignums()
    if suffixes is None:
        suffixes = [''] if len(numbers) == 1 else [f'_{k + 1}' for k in range(len(numbers))]
    assert len(suffixes) == len(numbers), (name, numbers)
    for number, suffix in zip(numbers, suffixes):
        plt.figure(number).savefig(os.path.join(FIGDIR, name + suffix + '.png'))
    plt.close('all')
    plt.rcdefaults()


def with_target(target, fn):
    def run():
        prefs.codegen.target = target
        try:
            return fn()
        finally:
            prefs.codegen.target = 'numpy'
    return run


# frompapers/Maass_Natschlaeger_Markram_2002.py (random): the example's own code with N_PAIRS
# reduced to MAASS_PAIRS and its multiprocessing.Pool replaced by a serial map (one process at a
# time on the shared machine), per seed (np.random.seed and Brian2's seed). Per seed: the synapse
# counts, the column's mean spike count per run and the mean state distance of each input
# distance in MAASS_WINDOWS (ms). Cython.
MAASS = 'frompapers/Maass_Natschlaeger_Markram_2002.py'
MAASS_PAIRS = 4
MAASS_FIGURE_PAIRS = 20
MAASS_WINDOWS = [[0, 50], [50, 150], [150, 300], [300, 500]]
MAASS_SERIAL = ("""        with multiprocessing.Pool() as p:
            states_u = p.map(map_sim, [p[0] for p in pairs])
            states_v = p.map(map_sim, [p[1] for p in pairs])""",
                """        states_u = list(map(map_sim, [p[0] for p in pairs]))
        states_v = list(map(map_sim, [p[1] for p in pairs]))""")


def maass_run(seed_value):
    g = exec_example(MAASS, [('N_PAIRS = 200', f'N_PAIRS = {MAASS_PAIRS}'), MAASS_SERIAL,
                             ('    neurons = get_neurons()', f'    np.random.seed({seed_value}); __import__("brian2").seed({seed_value})\n    neurons = get_neurons()'),
                             ('    net.run(DURATION)\n', '    net.run(DURATION)\n    SPIKES.append(len(net["spike_monitor_exc"].t) + len(net["spike_monitor_inh"].t))\n'),
                             ('N_NEURONS = 135', 'N_NEURONS = 135\nSPIKES = []')],
                     stop='    # plot')
    result = g['result']
    ts = g['TS']
    run = {'seed': seed_value, 'synapses': [len(g[n]) for n in ['ee_synapses', 'ei_synapses', 'ie_synapses', 'ii_synapses']],
           'spikes_per_run': float(np.mean(g['SPIKES']))}
    assert len(g['SPIKES']) == 8 * MAASS_PAIRS
    for d in [0.4, 0.2, 0.1, 0]:
        mean = np.mean(np.array(result[d]), axis=0)
        run[str(d)] = [float(np.mean(mean[(ts >= a) & (ts < b)])) for a, b in MAASS_WINDOWS]
    return run


def maass():
    return {'pairs': MAASS_PAIRS, 'windows': MAASS_WINDOWS, 'runs': [maass_run(s) for s in range(1, 11)]}


def maass_figure():
    # MAASS_FIGURE_PAIRS pairs per distance instead of 200 (1600 runs take hours here), serially
    exec_example(MAASS, [('N_PAIRS = 200', f'N_PAIRS = {MAASS_FIGURE_PAIRS}'), MAASS_SERIAL,
                         ('    neurons = get_neurons()', '    np.random.seed(2002); __import__("brian2").seed(2002)\n    neurons = get_neurons()')])
    save_figures('frompapers_Maass_Natschlaeger_Markram_2002')


# advanced/Ornstein_Uhlenbeck.py (random: xi): per seed, each process's mean over the first second
# (the decay from y = 1) and its mean and standard deviation over the last 5 s (stationary).
def ornstein_uhlenbeck_run(seed_value):
    g = exec_example('advanced/Ornstein_Uhlenbeck.py', [('run(10 * second)', f'__import__("brian2").seed({seed_value}); run(10 * second)')],
                     stop='plt.plot(')
    t, y = g['M'].t / second, g['M'].y[:]
    first, last = t < 1, t >= 5
    return {'seed': seed_value, 'first_mean': floats([np.mean(y[k][first]) for k in range(2)]),
            'last_mean': floats([np.mean(y[k][last]) for k in range(2)]), 'last_sd': floats([np.std(y[k][last]) for k in range(2)])}


def ornstein_uhlenbeck():
    return {'runs': [ornstein_uhlenbeck_run(s) for s in range(1, 13)]}


# advanced/custom_events.py (random: PoissonGroup): per seed, the numbers of spikes and gspike
# events of G and the means of H's x and y traces over the 500 ms.
def custom_events_run(seed_value):
    g = exec_example('advanced/custom_events.py', [('run(500*ms)', f'seed({seed_value}); run(500*ms)')], stop='# Plot')
    return {'seed': seed_value, 'spikes': int(g['Mspike'].num_spikes), 'gspikes': int(g['Mgspike'].num_events),
            'x_mean': float(np.mean(g['MHstate'].x[0])), 'y_mean': float(np.mean(g['MHstate'].y[0])),
            'v_mean': float(np.mean(g['Mstate'].v[0])), 'g_mean': float(np.mean(g['Mstate'].g[0]))}


def custom_events():
    return {'runs': [custom_events_run(s) for s in range(1, 13)]}


# frompapers/Diesmann_et_al_1999.py (random: np.random input times, rand() initial V, xi): per
# seed, the spike count of each of the 10 groups and the mean spike time of each group (-1: none).
def diesmann_run(seed_value):
    g = exec_example('frompapers/Diesmann_et_al_1999.py',
                     [('duration = 100*ms', f'duration = 100*ms\nnp.random.seed({seed_value}); __import__("brian2").seed({seed_value})')], stop='plot(')
    i, t = g['Mgp'].i[:], g['Mgp'].t / ms
    groups = i // 100
    return {'seed': seed_value, 'counts': [int(np.sum(groups == k)) for k in range(10)],
            'times': [float(np.mean(t[groups == k])) if np.any(groups == k) else -1.0 for k in range(10)]}


def diesmann():
    return {'runs': [diesmann_run(s) for s in range(1, 13)]}


# frompapers/Izhikevich_2003.py (random: np.random parameters and weights, randn() input): per
# seed, the spike counts of the excitatory and inhibitory neurons, over IZH_SCALE * 1000 ms. Cython.
IZH_SCALE = 0.2


def izhikevich_2003_run(seed_value):
    g = exec_example('frompapers/Izhikevich_2003.py',
                     [('tfinal = 1000 * ms', f'tfinal = {1000 * IZH_SCALE} * ms\nnp.random.seed({seed_value}); __import__("brian2").seed({seed_value})')],
                     stop='fig, (ax')
    i = g['spikemon'].i[:]
    return {'seed': seed_value, 'exc_spikes': int(np.sum(i < 800)), 'inh_spikes': int(np.sum(i >= 800)),
            'v0_mean': float(np.mean(g['statemon'].v[0]))}


def izhikevich_2003():
    return {'scale': IZH_SCALE, 'runs': [izhikevich_2003_run(s) for s in range(1, 9)]}


# advanced/stochastic_odes.py (random: its seed): per seed, the mean absolute error of each method
# at each dt against the example's exact solution, over SDE_SCALE * 1 s.
SDE_SCALE = 0.2
# Debian's matplotlib takes only integer subplot grids (the example's are numpy floats)
SDE_GRID = [('rows = floor(sqrt(len(dts)))', 'rows = int(floor(sqrt(len(dts))))'), ('cols = ceil(1.0 * len(dts) / rows)', 'cols = int(ceil(1.0 * len(dts) / rows))')]


def stochastic_odes_run(seed_value):
    quiet = sys.stdout
    sys.stdout = open(os.devnull, 'w')
    try:
        g = exec_example('advanced/stochastic_odes.py', [('seed = 12347', f'seed = {seed_value}'),
                                                         ('runtime = 1*second', f'runtime = {SDE_SCALE}*second'), *SDE_GRID], stop='\nfigure(1)\nlegend')
    finally:
        sys.stdout.close()
        sys.stdout = quiet
    plt.close('all')
    return {'seed': seed_value, 'milstein': floats(g['errors']['milstein']), 'heun': floats(g['errors']['heun'])}


def stochastic_odes():
    return {'scale': SDE_SCALE, 'runs': [stochastic_odes_run(s) for s in range(1, 9)]}


# frompapers/Vogels_et_al_2011.py (random: connect p=0.02), both runs shortened to VOGELS_SCALE
# (20 ms without, 180 ms with plasticity): per seed the synapse counts, the excitatory spike counts
# of the two phases and the mean inhibitory weight at the end. Cython.
VOGELS_SCALE = 0.02


def vogels_run(seed_value):
    quiet = sys.stdout
    sys.stdout = open(os.devnull, 'w')
    try:
        g = exec_example('frompapers/Vogels_et_al_2011.py',
                         [('simtime = 10*second', f'simtime = {10 * VOGELS_SCALE}*second'),
                          ('neurons = NeuronGroup(NE+NI', f'seed({seed_value})\nneurons = NeuronGroup(NE+NI'),
                          ('run(1*second)', f'run({VOGELS_SCALE}*second)'),
                          ("run(simtime-1*second, report='text')", f'run(simtime-{VOGELS_SCALE}*second)')],
                         stop='# Make plots')
    finally:
        sys.stdout.close()
        sys.stdout = quiet
    t = g['sm'].t / second
    return {'seed': seed_value, 'con_e': len(g['con_e']), 'con_ii': len(g['con_ii']), 'con_ie': len(g['con_ie']),
            'spikes_before': int(np.sum(t < VOGELS_SCALE)), 'spikes_after': int(np.sum(t >= VOGELS_SCALE)),
            'w_mean': float(np.mean(g['con_ie'].w[:]))}


def vogels():
    return {'scale': VOGELS_SCALE, 'runs': [vogels_run(s) for s in range(1, 7)]}


# frompapers/Brunel_2000.py (random: connect p=0.1, PoissonInput), every panel's run shortened to
# BRUNEL_SCALE (30 ms for A, 60 ms for B-D): per seed and panel the synapse counts, the spikes of
# the 50 monitored neurons and the population's spike count (from its rate monitor). Cython.
BRUNEL_SCALE = 0.05


def brunel_run(seed_value):
    quiet = sys.stdout
    sys.stdout = open(os.devnull, 'w')
    try:
        g = exec_example('frompapers/Brunel_2000.py',
                         [('params["t_range"][1] * ms,', f'params["t_range"][1] * {BRUNEL_SCALE} * ms,'),
                          ("    run(sim_time, report='text')\n",
                           "    run(sim_time)\n    RESULTS.append({'exc_synapses': len(exc_synapses), 'inhib_synapses': len(inhib_synapses), "
                           "'monitored_spikes': int(spike_monitor.num_spikes), "
                           "'population_spikes': int(round(float(np.sum(rate_monitor.rate / Hz)) * float(defaultclock.dt / second) * N))})\n"),
                          ('for panel, params in parameters.items():', f'RESULTS = []\nseed({seed_value})\nfor panel, params in parameters.items():')])
    finally:
        sys.stdout.close()
        sys.stdout = quiet
    plt.close('all')
    return {'seed': seed_value, 'panels': g['RESULTS']}


def brunel():
    return {'scale': BRUNEL_SCALE, 'runs': [brunel_run(s) for s in range(1, 5)]}


# The same, deterministic: one Brian2 column (seed 7) written out (positions, every synapse's i, j,
# A, U, D, F), one stimulus and initial potentials, and the spikes of one 500 ms run; the TS test
# rebuilds that column through the example's buildNetwork(column) and compares the spikes.
def maass_exact():
    g = exec_example(MAASS, [('    neurons = get_neurons()', '    np.random.seed(7); __import__("brian2").seed(7)\n    neurons = get_neurons()')],
                     stop='    collected_pairs = collect_stimulus_pairs()')
    net, neurons = g['net'], g['neurons']
    column = {'x': ints(neurons.x_pos[:]), 'y': ints(neurons.y_pos[:]), 'z': ints(neurons.z_pos[:]), 'synapses': {}}
    for name in ['ee_synapses', 'ei_synapses', 'ie_synapses', 'ii_synapses']:
        syn = g[name]
        column['synapses'][name] = {'i': ints(syn.i[:]), 'j': ints(syn.j[:]), 'A': floats(syn.A[:] / nA), 'U': floats(syn.U[:]),
                                    'D': floats(syn.D[:] / ms), 'F': floats(syn.F[:] / ms)}
    stimulus = g['generate_poisson'](500, 0.02)
    net.restore()
    v0 = np.random.uniform(13.5, 15, size=len(neurons))
    neurons.v = v0 * mV
    net['stimulus'].set_spikes([0] * len(stimulus), stimulus * ms)
    net.run(500 * ms)
    exc, inh = net['spike_monitor_exc'], net['spike_monitor_inh']
    return {'column': column, 'stimulus': floats(stimulus), 'v0': floats(v0),
            'exc_i': ints(exc.i[:]), 'exc_t': floats(exc.t / ms), 'inh_i': ints(inh.i[:]), 'inh_t': floats(inh.t / ms)}


def figure_of(path, name, suffixes=None, patches=(), target='numpy'):
    """Brian2's own figure(s) of an example: the file run as it is (with `patches`), its open
    figures saved."""
    def figure():
        prefs.codegen.target = target
        quiet = sys.stdout
        sys.stdout = open(os.devnull, 'w')  # report='text' progress
        try:
            exec_example(path, patches)
        finally:
            sys.stdout.close()
            sys.stdout = quiet
            prefs.codegen.target = 'numpy'
            # Morris_Lecar_1981 runs in C++ standalone mode: back to runtime for the next example
            from brian2.devices.device import reset_device, reinit_devices
            reset_device()
            reinit_devices()
            set_device('runtime')
        save_figures(name, suffixes)
    return figure


NAUD_PATTERNS = ['tonic_spiking', 'adaptation', 'initial_burst', 'regular_bursting', 'delayed_accelerating',
                 'delayed_regular_bursting', 'transient_spiking', 'irregular_spiking']


DATA = {
    'Maass_Natschlaeger_Markram_2002': with_target('cython', maass),
    'Maass_exact': with_target('cython', maass_exact),
    'Ornstein_Uhlenbeck': ornstein_uhlenbeck,
    'custom_events': custom_events,
    'Diesmann_et_al_1999': diesmann,
    'Izhikevich_2003': with_target('cython', izhikevich_2003),
    'stochastic_odes': stochastic_odes,
    'Vogels_et_al_2011': with_target('cython', vogels),
    'Brunel_2000': with_target('cython', brunel),
}
FULL = {
    'Maass_Natschlaeger_Markram_2002': with_target('cython', maass_figure),
    'Ornstein_Uhlenbeck': figure_of('advanced/Ornstein_Uhlenbeck.py', 'advanced_Ornstein_Uhlenbeck'),
    'custom_events': figure_of('advanced/custom_events.py', 'advanced_custom_events'),
    'stochastic_odes': figure_of('advanced/stochastic_odes.py', 'advanced_stochastic_odes', ['_trajectories', '_differences', '_errors'], patches=SDE_GRID),
    'Brette_Gerstner_2005': figure_of('frompapers/Brette_Gerstner_2005.py', 'frompapers_Brette_Gerstner_2005'),
    'Diesmann_et_al_1999': figure_of('frompapers/Diesmann_et_al_1999.py', 'frompapers_Diesmann_et_al_1999'),
    'Hindmarsh_Rose_1984': figure_of('frompapers/Hindmarsh_Rose_1984.py', 'frompapers_Hindmarsh_Rose_1984'),
    'Izhikevich_2003': figure_of('frompapers/Izhikevich_2003.py', 'frompapers_Izhikevich_2003', target='cython'),
    'Izhikevich_2007': figure_of('frompapers/Izhikevich_2007.py', 'frompapers_Izhikevich_2007', target='cython'),
    'Morris_Lecar_1981': figure_of('frompapers/Morris_Lecar_1981.py', 'frompapers_Morris_Lecar_1981', target='cython'),
    'Naud_et_al_2008_adex_firing_patterns': figure_of('frompapers/Naud_et_al_2008_adex_firing_patterns.py', 'frompapers_Naud_et_al_2008_adex_firing_patterns',
                                                      ['_' + p for p in NAUD_PATTERNS]),
    'Rothman_Manis_2003': figure_of('frompapers/Rothman_Manis_2003.py', 'frompapers_Rothman_Manis_2003'),
    'Touboul_Brette_2008': figure_of('frompapers/Touboul_Brette_2008.py', 'frompapers_Touboul_Brette_2008', target='cython'),
    'Tsodyks_Pawelzik_Markram_1998': figure_of('frompapers/Tsodyks_Pawelzik_Markram_1998.py', 'frompapers_Tsodyks_Pawelzik_Markram_1998'),
    'Wang_Buszaki_1996': figure_of('frompapers/Wang_Buszaki_1996.py', 'frompapers_Wang_Buszaki_1996'),
    'Brunel_2000': figure_of('frompapers/Brunel_2000.py', 'frompapers_Brunel_2000', ['_A', '_B', '_C', '_D'], target='cython'),
    'Vogels_et_al_2011': figure_of('frompapers/Vogels_et_al_2011.py', 'frompapers_Vogels_et_al_2011', target='cython'),
}

names = ONLY if ONLY is not None else sorted(set(DATA) | set(FULL))
if ONLY is not None and os.path.exists(sys.argv[1]):
    with open(sys.argv[1]) as f:
        out.update({k: v for k, v in json.load(f).items() if k not in ONLY})
if not FIGURES_ONLY:
    for name in names:
        if name in DATA:
            out[name] = DATA[name]()
    write(out)

if FIGURES:
    os.makedirs(FIGDIR, exist_ok=True)
    for name in names:
        if name in FULL:
            FULL[name]()
