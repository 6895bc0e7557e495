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
            fig = plt.figure(key) if isinstance(key, int) else g[key]
            fig.savefig(os.path.join(FIGDIR, name + suffix + '.png'))
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
    # Free the previous run's objects so that the new ones get the same names: the generated code,
    # and so cython's compiled-module cache, then stays the same from seed to seed.
    import gc
    gc.collect()
    start_scope()
    g = {'__name__': 'fixture', '__file__': os.path.join(EXAMPLES, path)}
    folder = os.path.dirname(os.path.join(EXAMPLES, path))
    sys.path.insert(0, folder)  # the example's helper modules (Stimberg_et_al_2018's plot_utils)
    try:
        exec(compile(src, path, 'exec'), g)
    finally:
        sys.path.remove(folder)
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


# frompapers/Destexhe_et_al_1998.py (deterministic): the example's model and do_experiment; the
# A1/A2 somatic traces (every DESTEXHE_STRIDE-th sample) and the B/C peaks at DESTEXHE_CURRENTS
# currents (the example's linspace with fewer points). Cython target (numpy takes minutes here).
DESTEXHE_CURRENTS = 3
DESTEXHE_STRIDE = 50


def destexhe():
    prefs.codegen.target = 'cython'
    try:
        g = exec_example('frompapers/Destexhe_et_al_1998.py', stop='## Run the various')
        do, cm_s, msiemens_cm2 = g['do_experiment'], cm / second, msiemens / cm**2
        quiet = sys.stdout
        sys.stdout = open(os.devnull, 'w')
        try:
            A1 = do([50, 75] * pA, somatic_density=1.7e-5 * cm_s, dendritic_density=1.7e-5 * cm_s)
            A2 = do([50, 75] * pA, somatic_density=1.7e-5 * cm_s, dendritic_density=9.5e-5 * cm_s)
            peaks = {}
            for key, currents, shunt in [('B', np.linspace(0, 200, DESTEXHE_CURRENTS) * pA, {}),
                                         ('C', np.linspace(200, 400, DESTEXHE_CURRENTS) * pA, {'dendritic_conductance': 0.15 * msiemens_cm2})]:
                som = do(currents, somatic_density=56.36e-5 * cm_s, dendritic_density=0 * cm_s, HH_currents=False, **shunt)
                both = do(currents, somatic_density=1.7e-5 * cm_s, dendritic_density=9.5e-5 * cm_s, HH_currents=False, **shunt)
                peaks[key] = {'somatic': floats([np.max(v) for v in som]), 'somatic_dendritic': floats([np.max(v) for v in both])}
        finally:
            sys.stdout.close()
            sys.stdout = quiet
        return {'currents': DESTEXHE_CURRENTS, 'stride': DESTEXHE_STRIDE, 'samples': len(A1[0]),
                'A1': [floats(v[::DESTEXHE_STRIDE]) for v in A1], 'A2': [floats(v[::DESTEXHE_STRIDE]) for v in A2], **peaks}
    finally:
        prefs.codegen.target = 'numpy'


def destexhe_figure():
    prefs.codegen.target = 'cython'
    try:
        run_example('frompapers/Destexhe_et_al_1998.py', 'frompapers_Destexhe_et_al_1998')
    finally:
        prefs.codegen.target = 'numpy'


# advanced/float_32_64_benchmark.py: the example's run_benchmark (CUBA and COBA), with a
# SpikeMonitor, run for FLOAT_SCALE s per seed in float64 and in float32 (cython): the spike counts
# the port's runs are checked against (the timings themselves are not compared).
FLOAT_SCALE = 0.2


def float_benchmark():
    src_patches = [('    run(1 * second, profile=True)\n\n    return sum(t for name, t in magic_network.profiling_info)',
                    f'    M = SpikeMonitor(P)\n    run({FLOAT_SCALE} * second)\n    return int(M.num_spikes)')]
    prefs.codegen.target = 'cython'
    try:
        runs = {'CUBA': [], 'COBA': [], 'CUBA_float32': [], 'COBA_float32': []}
        g = exec_example('advanced/float_32_64_benchmark.py', src_patches, stop='def generate_results')
        import gc
        for dtype in (float64, float32):
            prefs.core.default_float_dtype = dtype
            suffix = '_float32' if dtype is float32 else ''
            for s in range(1, 9):
                for name in ('CUBA', 'COBA'):
                    gc.collect()  # the same object names, so cython's cache hits
                    start_scope()
                    seed(s)
                    runs[name + suffix].append(g['run_benchmark'](name))
        return {'scale': FLOAT_SCALE, **runs}
    finally:
        prefs.core.default_float_dtype = float64
        prefs.codegen.target = 'numpy'


def float_benchmark_figure():
    # The example itself, with one repeat instead of three (each repeat compiles C++ standalone twice).
    run_example('advanced/float_32_64_benchmark.py', 'advanced_float_32_64_benchmark',
                patches=[('results = generate_results(3)', 'results = generate_results(1)')])
    from brian2.devices.device import reset_device, reinit_devices
    reset_device()
    reinit_devices()
    set_device('runtime')
    prefs.core.default_float_dtype = float64
    prefs.codegen.target = 'numpy'


# frompapers/Clopath_et_al_2010_no_homeostasis.py (deterministic): the final weights after the
# pairings at each rate (the example's weight_result), printing silenced. Cython target, Brian2's
# default: its on_post code reads v_lowpass2_post after `v_lowpass2 += 10*mV` (the same variable
# under two names), and Brian2's numpy target sees the new value there while cython (and C++
# standalone, and brian-ts) read the value loaded before the statements; numpy's weights differ.
def clopath_no_homeostasis():
    prefs.codegen.target = 'cython'
    quiet = sys.stdout
    sys.stdout = open(os.devnull, 'w')
    try:
        g = exec_example('frompapers/Clopath_et_al_2010_no_homeostasis.py', stop='# Plots')
    finally:
        sys.stdout.close()
        sys.stdout = quiet
        prefs.codegen.target = 'numpy'
    return {'rates': floats(g['rate_array']), 'pre_post': floats(g['weight_result'][0]), 'post_pre': floats(g['weight_result'][1])}


def clopath_no_homeostasis_figure():
    prefs.codegen.target = 'cython'
    quiet = sys.stdout
    sys.stdout = open(os.devnull, 'w')
    try:
        run_example('frompapers/Clopath_et_al_2010_no_homeostasis.py', 'frompapers_Clopath_et_al_2010_no_homeostasis')
    finally:
        sys.stdout.close()
        sys.stdout = quiet
        prefs.codegen.target = 'numpy'


# frompapers/Clopath_et_al_2010_homeostasis.py (random): per-seed statistics of the five weights
# after CLOPATH_SCALE * 20 s (cython, for the same reason as the no-homeostasis example).
CLOPATH_SCALE = 0.2


def clopath_homeostasis_run(seed_value):
    g = exec_example('frompapers/Clopath_et_al_2010_homeostasis.py',
                     [('final_t = 20.*second', f'final_t = {20 * CLOPATH_SCALE}*second'),
                      ("run(final_t, report='text')", f'seed({seed_value}); run(final_t)')],
                     stop='# Plots')
    w = g['W_evolution'].w_ampa[:]
    final = w[:, -1]
    return {'seed': seed_value, 'final_mean': float(np.mean(final)), 'final_sd': float(np.std(final)),
            'time_mean': float(np.mean(w)), 'high': int(np.sum(final > 0.9)), 'low': int(np.sum(final < 0.1))}


def clopath_homeostasis():
    prefs.codegen.target = 'cython'
    try:
        return {'scale': CLOPATH_SCALE, 'runs': [clopath_homeostasis_run(s) for s in range(1, 17)]}
    finally:
        prefs.codegen.target = 'numpy'


def clopath_homeostasis_figure():
    prefs.codegen.target = 'cython'
    try:
        run_example('frompapers/Clopath_et_al_2010_homeostasis.py', 'frompapers_Clopath_et_al_2010_homeostasis',
                    patches=[("run(final_t, report='text')", 'run(final_t)')])
    finally:
        prefs.codegen.target = 'numpy'


# frompapers/Brunel_Wang_2001.py (random): per-seed spike counts of the populations over the first
# BW_SCALE * 4 s (the stimuli come later; 800 000 synapses make longer test runs too slow), from
# the example's population rate monitors; cython.
BW_SCALE = 0.02


def brunel_wang_run(seed_value):
    g = exec_example('frompapers/Brunel_Wang_2001.py',
                     [("net.run(4 * second, report='stdout')", f'seed({seed_value}); net.run({4 * BW_SCALE} * second)')],
                     stop='# plotting')
    dt = float(defaultclock.dt)
    count = lambda r, n: int(round(float(np.sum(r.rate[:])) * dt * n))  # noqa: E731
    return {'seed': seed_value, 'nonselective': count(g['r_E'], g['N_non']), 'inhibitory': count(g['r_I'], g['N_I']),
            'selective': [count(r, g['N_sub']) for r in g['r_E_sels']],
            'raster_E': int(g['sp_E'].num_spikes), 'raster_I': int(g['sp_I'].num_spikes)}


def brunel_wang():
    prefs.codegen.target = 'cython'
    try:
        return {'scale': BW_SCALE, 'runs': [brunel_wang_run(s) for s in range(1, 7)]}
    finally:
        prefs.codegen.target = 'numpy'


def brunel_wang_figure():
    prefs.codegen.target = 'cython'
    try:
        run_example('frompapers/Brunel_Wang_2001.py', 'frompapers_Brunel_Wang_2001',
                    {'_rates': 1, '_activity': 2}, patches=[("report='stdout'", 'report=None')])
    finally:
        prefs.codegen.target = 'numpy'


# frompapers/Kremer_et_al_2011_barrel_cortex.py (random): 2x2 barrels (the example's own
# suggestion for less memory) and KREMER_SCALE * 5 s per seed; synapse counts, the mean
# feedforward weight and the adaptive thresholds; cython.
KREMER_SCALE = 0.02


def kremer_run(seed_value):
    quiet = sys.stdout
    sys.stdout = open(os.devnull, 'w')
    try:
        g = exec_example('frompapers/Kremer_et_al_2011_barrel_cortex.py',
                         [('barrelarraysize = 5', 'barrelarraysize = 2'),
                          ("run(5*second, report='text')", f'seed({seed_value}); run({5 * KREMER_SCALE}*second)')],
                         stop='# Calculate the preferred')
    finally:
        sys.stdout.close()
        sys.stdout = quiet
    ff = g['feedforward']
    l23 = g['layer23']
    n_exc = g['Nbarrels'] * g['N23exc']
    vt = l23.vt[:] / mV
    return {'seed': seed_value, 'feedforward': len(ff), 'recurrent_exc': len(g['recurrent_exc']), 'recurrent_inh': len(g['recurrent_inh']),
            'w_mean': float(np.mean(ff.w[:])), 'vt_exc_mean': float(np.mean(vt[:n_exc])), 'vt_inh_mean': float(np.mean(vt[n_exc:]))}


def kremer():
    prefs.codegen.target = 'cython'
    try:
        return {'scale': KREMER_SCALE, 'barrels': 2, 'runs': [kremer_run(s) for s in range(1, 7)]}
    finally:
        prefs.codegen.target = 'numpy'


def kremer_figure():
    prefs.codegen.target = 'cython'
    quiet = sys.stdout
    sys.stdout = open(os.devnull, 'w')
    try:
        run_example('frompapers/Kremer_et_al_2011_barrel_cortex.py', 'frompapers_Kremer_et_al_2011_barrel_cortex',
                    patches=[("report='text'", 'report=None')])
    finally:
        sys.stdout.close()
        sys.stdout = quiet
        prefs.codegen.target = 'numpy'


# frompapers/Stimberg_et_al_2018/example_2..6: runtime mode instead of the examples' C++
# standalone (the same model; set_device is patched out).
STIMBERG = 'frompapers/Stimberg_et_al_2018/'
NO_STANDALONE = ("set_device('cpp_standalone', directory=None)  # Use fast \"C++ standalone mode\"", '')
G2_STRIDE = 100


def stimberg_2_run(seed_value):
    g = exec_example(STIMBERG + 'example_2_gchi_astrocyte.py',
                     [NO_STANDALONE, ('seed(790824)', f'seed({seed_value})'), ("run(duration, report='text')", 'run(duration)')],
                     stop='# Analysis and plotting')
    return g['astro_mon']


def stimberg_2():
    mon = stimberg_2_run(790824)
    out = {'stride': G2_STRIDE, 'samples': len(mon.t)}
    # the deterministic astrocyte (noise = 0): its traces
    for v in ['Gamma_A', 'C', 'h', 'I']:
        out[v] = floats(getattr(mon, v)[0][::G2_STRIDE])
    # the stochastic one: per-seed statistics over the 30 s
    runs = []
    for s in range(1, 11):
        m = stimberg_2_run(s)
        runs.append({'seed': s, 'C_mean': float(np.mean(m.C[1])), 'C_sd': float(np.std(m.C[1])),
                     'I_mean': float(np.mean(m.I[1])), 'I_sd': float(np.std(m.I[1])), 'h_mean': float(np.mean(m.h[1])),
                     'C0_mean': float(np.mean(m.C[0]))})
    out['runs'] = runs
    return out


def stimberg_3():
    g = exec_example(STIMBERG + 'example_3_io_synapse.py', [NO_STANDALONE, ("run(duration, report='text')", 'run(duration)')],
                     stop='# Analysis and plotting')
    ast, syn = g['ast_mon'], g['syn_mon']
    out = {'stride': G2_STRIDE, 'samples': len(ast.t), 'syn_stride': 10, 'syn_from': int(round(float(g['transient'] / defaultclock.dt)))}
    for v in ['C', 'G_A']:
        out[v] = [floats(x[::G2_STRIDE]) for x in getattr(ast, v)]
        out[v + '_max'] = floats(np.max(getattr(ast, v), axis=1))
    for v in ['u_S', 'x_S', 'r_S', 'Y_S']:
        out[v] = [floats(x[out['syn_from']::10]) for x in getattr(syn, v)]
    return out


# example_4_synrel (random), shortened to STIMBERG_SCALE: 4 s with the four rate steps 1 s each
# (the port shortens its steps with the duration); per seed the mean Y_S of each synapse set in
# each step.
STIMBERG_SCALE = 0.2


def stimberg_4_synrel_run(seed_value):
    g = exec_example(STIMBERG + 'example_4_synrel.py',
                     [NO_STANDALONE, ('seed(16283)', f'seed({seed_value})'),
                      ('duration = 20*second', f'duration = {20 * STIMBERG_SCALE}*second'),
                      ('dt=5*second)', f'dt={5 * STIMBERG_SCALE}*second)'), ("run(duration, report='text')", 'run(duration)')],
                     stop='# Analysis and plotting')
    Y = g['syn_mon'].Y_S[:] / umolar
    t = g['syn_mon'].t[:] / second
    N = g['N_synapses']
    step = 5 * STIMBERG_SCALE
    out = {'seed': seed_value}
    for name, rows in [('closed', slice(0, N)), ('open', slice(N, 2 * N)), ('none', slice(2 * N, 3 * N))]:
        m = np.mean(Y[rows], axis=0)
        out[name] = [float(np.mean(m[(t >= k * step) & (t < (k + 1) * step)])) for k in range(4)]
    return out


def stimberg_4_synrel():
    prefs.codegen.target = 'cython'
    try:
        return {'scale': STIMBERG_SCALE, 'runs': [stimberg_4_synrel_run(s) for s in range(1, 7)]}
    finally:
        prefs.codegen.target = 'numpy'


# example_4_rsmean (random), shortened to STIMBERG_SCALE (3 s + 36 s) and recorded every 10 ms as
# in the port; per seed the mean r_S of each synapse set in three frequency bands.
def stimberg_4_rsmean_run(seed_value):
    g = exec_example(STIMBERG + 'example_4_rsmean.py',
                     [NO_STANDALONE, ('seed(1929)', f'seed({seed_value})'),
                      ('transient = 15*second', f'transient = {15 * STIMBERG_SCALE}*second'),
                      ('duration = transient + 180*second', f'duration = transient + {180 * STIMBERG_SCALE}*second'),
                      ("record=np.arange(N_synapses*(N_astro+1)))", "record=np.arange(N_synapses*(N_astro+1)), dt=10*ms)"),
                      ("run(duration, report='text')", 'run(duration)')],
                     stop='# Analysis and plotting')
    r = g['syn_mon'].r_S[:]
    N = g['N_synapses']
    f = g['f_vals'] / Hz
    per = np.mean(r, axis=1)
    out = {'seed': seed_value}
    for name, rows in [('closed', slice(0, N)), ('open', slice(N, 2 * N)), ('none', slice(2 * N, 3 * N))]:
        m = per[rows]
        out[name] = [float(np.mean(m[f < 1])), float(np.mean(m[(f >= 1) & (f < 10)])), float(np.mean(m[f >= 10]))]
    return out


def stimberg_4_rsmean():
    prefs.codegen.target = 'cython'
    try:
        return {'scale': STIMBERG_SCALE, 'runs': [stimberg_4_rsmean_run(s) for s in range(1, 7)]}
    finally:
        prefs.codegen.target = 'numpy'


# example_5_astro_ring (deterministic): C of every astrocyte, every 400th sample (20 s).
def stimberg_5():
    prefs.codegen.target = 'cython'
    try:
        g = exec_example(STIMBERG + 'example_5_astro_ring.py', [NO_STANDALONE, ("run(duration, report='text')", 'run(duration)')],
                         stop='# Analysis and plotting')
        C = g['astro_mon'].C[:]
        return {'stride': 400, 'samples': int(C.shape[1]), 'C': [floats(c[::400]) for c in C], 'C_max': float(np.max(C))}
    finally:
        prefs.codegen.target = 'numpy'


# example_6_COBA_with_astro (random), runtime cython, S6_SCALE * 8 s (16 ms, the stimulus steps
# shortened alike, as in the port; 1.3 million synapses): synapse counts and spike counts per seed.
S6_SCALE = 0.002


def stimberg_6_run(seed_value):
    g = exec_example(STIMBERG + 'example_6_COBA_with_astro.py',
                     [NO_STANDALONE, ('seed(28371)', f'seed({seed_value})'),
                      ('stimulus = TimedArray([1.0, 1.2, 1.0, 1.0], dt=2*second)', f'stimulus = TimedArray([1.0, 1.2, 1.0, 1.0], dt={2 * S6_SCALE}*second)'),
                      ('duration = 8*second', f'duration = {8 * S6_SCALE}*second'), ("run(duration, report='text')", 'run(duration)')],
                     stop="plt.style.use('figures.mplstyle')")
    return {'seed': seed_value, 'exc_syn': len(g['exc_syn']), 'inh_syn': len(g['inh_syn']), 'astro_to_syn': len(g['ecs_astro_to_syn']),
            'syn_to_astro': len(g['ecs_syn_to_astro']), 'astro_to_astro': len(g['astro_to_astro']),
            'exc_spikes': int(g['exc_mon'].num_spikes), 'inh_spikes': int(g['inh_mon'].num_spikes), 'astro_spikes': int(g['ast_mon'].num_spikes)}


def stimberg_6():
    prefs.codegen.target = 'cython'
    try:
        return {'scale': S6_SCALE, 'runs': [stimberg_6_run(s) for s in range(1, 5)]}
    finally:
        prefs.codegen.target = 'numpy'


def stimberg_figure(file, name, fig_key=None, extra=(), standalone=False):
    def figure():
        # the heaviest (example 6) in its own C++ standalone mode, the others in runtime mode
        patches = [] if standalone else [NO_STANDALONE]
        run_example(STIMBERG + file, name, fig_key, patches=[*patches, ("report='text'", 'report=None'), *extra])
        plt.rcdefaults()
        if standalone:
            from brian2.devices.device import reset_device, reinit_devices
            reset_device()
            reinit_devices()
            set_device('runtime')
    return figure


DATA = {
    'COBAHH_approximated': cobahh_approximated,
    'Tsodyks_Uziel_Markram_2000': tsodyks_uziel_markram,
    'Destexhe_et_al_1998': destexhe,
    'float_32_64_benchmark': float_benchmark,
    'Clopath_et_al_2010_no_homeostasis': clopath_no_homeostasis,
    'Clopath_et_al_2010_homeostasis': clopath_homeostasis,
    'Brunel_Wang_2001': brunel_wang,
    'Kremer_et_al_2011_barrel_cortex': kremer,
    'Stimberg_et_al_2018_example_2': stimberg_2,
    'Stimberg_et_al_2018_example_3': stimberg_3,
    'Stimberg_et_al_2018_example_4_synrel': stimberg_4_synrel,
    'Stimberg_et_al_2018_example_4_rsmean': stimberg_4_rsmean,
    'Stimberg_et_al_2018_example_5': stimberg_5,
    'Stimberg_et_al_2018_example_6': stimberg_6,
}
FULL = {
    'COBAHH_approximated': cobahh_approximated_figure,
    'Tsodyks_Uziel_Markram_2000': tsodyks_uziel_markram_figure,
    'Destexhe_et_al_1998': destexhe_figure,
    'float_32_64_benchmark': float_benchmark_figure,
    'Clopath_et_al_2010_no_homeostasis': clopath_no_homeostasis_figure,
    'Clopath_et_al_2010_homeostasis': clopath_homeostasis_figure,
    'Brunel_Wang_2001': brunel_wang_figure,
    'Kremer_et_al_2011_barrel_cortex': kremer_figure,
    'Stimberg_et_al_2018_example_2': stimberg_figure('example_2_gchi_astrocyte.py', 'frompapers_Stimberg_et_al_2018_example_2_gchi_astrocyte'),
    'Stimberg_et_al_2018_example_3': stimberg_figure('example_3_io_synapse.py', 'frompapers_Stimberg_et_al_2018_example_3_io_synapse'),
    'Stimberg_et_al_2018_example_4_synrel': stimberg_figure('example_4_synrel.py', 'frompapers_Stimberg_et_al_2018_example_4_synrel'),
    'Stimberg_et_al_2018_example_4_rsmean': stimberg_figure('example_4_rsmean.py', 'frompapers_Stimberg_et_al_2018_example_4_rsmean'),
    'Stimberg_et_al_2018_example_5': stimberg_figure('example_5_astro_ring.py', 'frompapers_Stimberg_et_al_2018_example_5_astro_ring'),
    'Stimberg_et_al_2018_example_6': stimberg_figure('example_6_COBA_with_astro.py', 'frompapers_Stimberg_et_al_2018_example_6_COBA_with_astro', standalone=True),
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
