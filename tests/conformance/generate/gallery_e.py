"""Brian2 2.5.1 data for gallery E (the last Brian2 examples issue 14 lists), and Brian2's own
figures, rendered with Debian's matplotlib into docs/examples/brian2/ for the gallery page.
The models are copied from Brian2's examples (/usr/share/doc/python-brian-doc/examples/).
Usage: /usr/bin/python3 gallery_e.py OUTPUT.json [--figures] [--figures-only] [--only name,name]
(--only recomputes those examples and keeps the others' data from OUTPUT.json; --figures-only
renders the figures and leaves OUTPUT.json as it is).

Stochastic examples are recorded per seed, so the TS test can compare with Brian2's
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


def save(name):
    plt.savefig(os.path.join(FIGDIR, name + '.png'))
    plt.close('all')


def run_example(path, name, fig_key=None, patches=()):
    """Runs Brian2's example file itself (in its folder) and saves its figure(s); `patches` are
    (old, new) text replacements where the example fails with Debian's matplotlib or must be
    shortened (each must match)."""
    cwd = os.getcwd()
    folder = os.path.dirname(os.path.join(EXAMPLES, path))
    sys.path.insert(0, folder)
    os.chdir(folder)
    try:
        start_scope()
        plt.show = lambda *a, **k: None
        src = open(os.path.join(EXAMPLES, path)).read()
        for old, new in patches:
            assert old in src, old
            src = src.replace(old, new)
        g = {'__name__': '__main__', '__file__': os.path.join(EXAMPLES, path)}
        exec(compile(src, path, 'exec'), g)
    finally:
        os.chdir(cwd)
        sys.path.remove(folder)
    if fig_key is None:
        save(name)
    else:
        for suffix, key in fig_key.items():
            g[key].savefig(os.path.join(FIGDIR, name + suffix + '.png'))
        plt.close('all')
    return g


# advanced/COBAHH_approximated.py (deterministic): the example's own run_simulation and its
# steady-state / time-constant groups (every STRIDE-th sample of each trace).
COBAHH_STRIDE = 20


def cobahh_approximated():
    import types
    src = open(os.path.join(EXAMPLES, 'advanced/COBAHH_approximated.py')).read()
    # The module without its last lines (the figure): its functions and its parameters.
    src = src[:src.index('linestyle_cycler')]
    mod = types.ModuleType('cobahh_approximated')
    exec(compile(src, 'COBAHH_approximated.py', 'exec'), mod.__dict__)
    start_scope()
    defaultclock.dt = 0.1 * ms
    p = mod.parameters
    statemon = mod.run_simulation(p)
    data = {'stride': COBAHH_STRIDE, 'samples': len(statemon.t)}
    for name in ['v', 'I_ext', 'm', 'n', 'h', 'g_K', 'g_Na', 'I_K', 'I_Na', 'I_L', 'tau_m', 'tau_n', 'tau_h']:
        data[name] = floats(getattr(statemon, name)[0][::COBAHH_STRIDE])
    from functools import reduce
    import operator
    tau_group = NeuronGroup(100, Equations('v : volt') + reduce(operator.add, [mod.construct_gating_variable_tau_equation(g) for g in 'mnh']),
                            method='euler', namespace=p)
    tau_group.v = np.linspace(-100, 100, 100) * mV
    inf_group = NeuronGroup(100, Equations('v : volt') + reduce(operator.add, [mod.construct_gating_variable_inf_equation(g) for g in 'mnh']),
                            method='euler', namespace=p)
    inf_group.v = np.linspace(-100, 100, 100) * mV
    for g in 'mnh':
        data[f'tau_{g}_of_v'] = floats(getattr(tau_group, f'tau_{g}')[:])
        data[f'{g}_inf_of_v'] = floats(getattr(inf_group, f'{g}_inf')[:])
    return data


def cobahh_approximated_figure():
    # Debian's matplotlib cannot plot a subexpression's VariableView directly: take its values.
    run_example('advanced/COBAHH_approximated.py', 'advanced_COBAHH_approximated', {'': 'fig'},
                [(f'inf_group.{g}_inf, label', f'inf_group.{g}_inf[:], label') for g in 'mnh'])
    plt.rcdefaults()


def exec_example(path, patches=(), stop=None):
    """Runs Brian2's example file (up to the text `stop`, with `patches` applied) and returns its
    globals: the model exactly as the example builds it."""
    src = open(os.path.join(EXAMPLES, path)).read()
    if stop is not None:
        src = src[:src.index(stop)]
    for old, new in patches:
        assert old in src, old
        src = src.replace(old, new)
    start_scope()
    g = {'__name__': 'fixture', '__file__': os.path.join(EXAMPLES, path)}
    exec(compile(src, path, 'exec'), g)
    return g


# frompapers/Tsodyks_Uziel_Markram_2000.py (random: np.random.seed(5) in the example; per-seed
# statistics with the recording shortened to TUM_SCALE, the 900 ms burn-in kept).
TUM_SCALE = 0.2


def tsodyks_uziel_markram_run(seed_value):
    g = exec_example('frompapers/Tsodyks_Uziel_Markram_2000.py',
                     [('np.random.seed(5)', f'from brian2 import seed; np.random.seed({seed_value}); seed({seed_value})'),
                      ('duration = 4200', f'duration = {int(4200 * TUM_SCALE)}'),
                      ('run(duration * ms, report="text")', 'run(duration * ms)')],
                     stop='# plots')
    ee = g['ee_synapses']
    ei = g['ei_synapses']
    x = g['state_monitor_ee'].x[:]
    t_exc = g['spike_monitor_exc'].t / ms
    t_inh = g['spike_monitor_inh'].t / ms
    burnin, duration = g['burnin'], g['duration']
    hist = np.histogram(np.concatenate([t_exc, t_inh]), bins=np.arange(burnin, duration + burnin, 1))[0] / 500
    return {'seed': seed_value, 'ee_synapses': len(ee), 'ei_synapses': len(ei),
            'ee_A_mean': float(np.mean(ee.A[:])), 'ee_U_mean': float(np.mean(ee.U[:])),
            'ee_tau_rec_mean': float(np.mean(ee.tau_rec[:])), 'ei_tau_facil_mean': float(np.mean(ei.tau_facil[:])),
            'ei_U_mean': float(np.mean(ei.U[:])),
            'exc_spikes': int(len(t_exc)), 'inh_spikes': int(len(t_inh)),
            'x_mean': float(np.mean(x)), 'activity_max': float(np.max(hist)),
            'busy_bins': int(np.sum(hist > 0.05))}


def tsodyks_uziel_markram():
    return {'scale': TUM_SCALE, 'runs': [tsodyks_uziel_markram_run(s) for s in range(1, 9)]}


def tsodyks_uziel_markram_figure():
    run_example('frompapers/Tsodyks_Uziel_Markram_2000.py', 'frompapers_Tsodyks_Uziel_Markram_2000',
                patches=[('run(duration * ms, report="text")', 'run(duration * ms)')])


DATA = {
    'COBAHH_approximated': cobahh_approximated,
    'Tsodyks_Uziel_Markram_2000': tsodyks_uziel_markram,
}
FULL = {
    'COBAHH_approximated': cobahh_approximated_figure,
    'Tsodyks_Uziel_Markram_2000': tsodyks_uziel_markram_figure,
}

names = ONLY if ONLY is not None else list(DATA)
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
