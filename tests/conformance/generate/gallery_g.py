"""Brian2 2.5.1 data for gallery G (session 6, issue 14): the top-level examples, synapses/ and
compartmental/ that gallery A/B/compartmental ran only as smoke tests, and Brian2's own figures
of every top-level, synapses/, compartmental/ example and the seed programs, rendered with
Debian's matplotlib (Agg) into docs/examples/brian2/<gallery name>.png for the gallery page.

Everything runs Brian2's example files themselves (/usr/share/doc/python-brian-doc/examples),
with (old, new) text patches where a run must be shortened or a Python name is missing, and,
for the data, cut off where the plotting starts. Random examples are run for several seeds
(brian2.seed(s) before the example's own code), so that the TS tests (tests/examples/gallery-g*.test.ts)
compare with Brian2's seed-to-seed spread. Heavy runs use the cython target (one compilation,
cached in ~/.cython); the rest numpy.

Usage: /usr/bin/python3 gallery_g.py OUTPUT.json [--figures] [--figures-only] [--only name,name]
(--only recomputes those examples and keeps the others' data from OUTPUT.json; --figures-only
renders the figures of those examples and leaves OUTPUT.json as it is).
"""
import json
import os
import sys

import matplotlib

matplotlib.use('Agg')
from _sim import floats, ints, write  # noqa: E402
from brian2 import *  # noqa: E402,F401,F403

FIGURES_ONLY = '--figures-only' in sys.argv
FIGURES = '--figures' in sys.argv or FIGURES_ONLY
ONLY = sys.argv[sys.argv.index('--only') + 1].split(',') if '--only' in sys.argv else None
HERE = os.path.dirname(os.path.abspath(__file__))
FIGDIR = os.path.join(HERE, '..', '..', '..', 'docs', 'examples', 'brian2')
EXAMPLES = '/usr/share/doc/python-brian-doc/examples'
# Duration scales of the TS tests (BRIAN_TS_DURATION_SCALE of each test file).
SCALE = 0.2  # gallery-g.test.ts
STDP_SCALE = 0.05  # gallery-g-stdp.test.ts
HH_SCALE = 0.1  # gallery-g-cable.test.ts (hodgkin_huxley_1952, lfp; the 3 ms pulse is not scaled)
out = {'scale': SCALE, 'stdp_scale': STDP_SCALE, 'hh_scale': HH_SCALE}


def source(path, patches=(), stop=None):
    with open(os.path.join(EXAMPLES, path)) as f:
        src = f.read()
    for old, new in patches:
        assert old in src, (path, old)
        src = src.replace(old, new)
    if stop is not None:
        src = src[:src.index(stop)]
    return src


def run_example(path, patches=(), stop=None, seed_value=None, target='numpy'):
    """Executes Brian2's example file (patched, cut at `stop`) in a fresh scope; returns its globals."""
    prefs.codegen.target = target
    # Free the previous run's objects so that the new ones get the same names: the generated code,
    # and so cython's compiled-module cache, then stays the same from seed to seed.
    import gc
    gc.collect()
    start_scope()
    defaultclock.dt = 0.1*ms  # each Brian2 example is its own process
    if seed_value is not None:
        seed(seed_value)
    g = {'__name__': '__main__', '__file__': os.path.join(EXAMPLES, path)}
    exec(compile(source(path, patches, stop), path, 'exec'), g)
    prefs.codegen.target = 'numpy'
    return g


def figure(path, name, patches=(), target='numpy'):
    """Runs the whole example (its plotting included, seeded with 0 so that the figure is
    reproducible) and saves every figure it made as <name>.png (or <name>_<k>.png)."""
    plt.close('all')
    cwd = os.getcwd()
    os.chdir(os.path.dirname(os.path.join(EXAMPLES, path)))
    try:
        run_example(path, patches, seed_value=0, target=target)
    finally:
        os.chdir(cwd)
    nums = plt.get_fignums()
    for k, num in enumerate(nums):
        suffix = '' if len(nums) == 1 else f'_{k + 1}'
        plt.figure(num).savefig(os.path.join(FIGDIR, name + suffix + '.png'))
    plt.close('all')


def scaled_run(old, seconds_expr):
    return (old, old.replace(seconds_expr, f'{SCALE}*{seconds_expr}'))


def mean(x):
    return float(np.mean(np.asarray(x))) if len(x) else 0.0


# ---- top-level examples (random: statistics per seed, SCALE) ----

def cuba(s):
    g = run_example('CUBA.py', [('run(1 * second)', f'run({SCALE} * second)')], 'plot(', s)
    m = g['s_mon']
    P = g['P']
    return {'synapses_e': len(g['Ce']), 'synapses_i': len(g['Ci']), 'num_spikes': int(m.num_spikes),
            'active': int(np.sum(m.count > 0)), 'final_v': mean(P.v_), 'final_ge': mean(P.ge_), 'final_gi': mean(P.gi_)}


def cobahh(s):
    g = run_example('COBAHH.py', [("run(1 * second, report='text')", f'run({SCALE} * second)')], 'plot(', s)
    v = np.asarray(g['trace'].v_)
    crossings = int(np.sum((v[:, 1:] > -0.02) & (v[:, :-1] <= -0.02)))
    P = g['P']
    return {'synapses_e': len(g['Ce']), 'synapses_i': len(g['Ci']), 'v_mean': float(v.mean()), 'v_sd': float(v.std()),
            'crossings': crossings, 'final_v': mean(P.v_), 'final_ge': mean(P.ge_), 'final_gi': mean(P.gi_)}


def adaptive_threshold(s):
    g = run_example('adaptive_threshold.py', [("run(2*second, report='text')", f'run({2*SCALE}*second)')], 'subplot(', s)
    M = g['M_crossings']
    return {'num_spikes': int(M.num_spikes), 'v_cross_mean': mean(M.v_), 'vt_mean': mean(g['Mvt'].vt_[0]),
            'v_mean': mean(g['Mv'].v_[0])}


def non_reliability(s):
    g = run_example('non_reliability.py', [('run(500*ms)', f'run({500*SCALE}*ms)')], 'plot(', s)
    S = g['spikes']
    i, t = np.asarray(S.i), np.asarray(S.t_)
    first = [t[i == k].min() for k in range(25) if np.any(i == k)]
    return {'num_spikes': int(S.num_spikes), 'first_mean': mean(first), 'first_sd': float(np.std(first))}


def synchrony(i, t, dt=1e-3):
    """Distinct 1 ms bins holding spikes, per spike (low when the neurons fire together)."""
    return len(set(np.floor(np.asarray(t) / dt).astype(int))) / max(len(t), 1)


def reliability(s):
    g = run_example('reliability.py', [('run(500*ms)', f'run({500*SCALE}*ms)')], 'plt.plot(', s)
    S = g['spikes']
    return {'num_spikes': int(S.num_spikes), 'bins_per_spike': synchrony(S.i, S.t_)}


def phase_locking(s):
    g = run_example('phase_locking.py', [('run(1000*ms)', f'run({1000*SCALE}*ms)')], 'subplot(', s)
    c = np.asarray(g['S'].count)
    return {'num_spikes': int(c.sum()), 'count_low': int(c[:50].sum()), 'count_high': int(c[50:].sum()),
            'v50_mean': mean(g['trace'].v[0])}


# ---- synapses/ ----

def stdp(s):
    g = run_example('synapses/STDP.py', [("run(100*second, report='text')", f'run({100*STDP_SCALE}*second)')], 'subplot(',
                    s, target='cython')
    w = np.asarray(g['S'].w) / g['gmax']
    return {'mean_w': float(w.mean()), 'sd_w': float(w.std()), 'high': float(np.mean(w > 0.9)),
            'low': float(np.mean(w < 0.1)), 'input_spikes': int(g['s_mon'].num_spikes)}


def jeffress(s):
    g = run_example('synapses/jeffress.py', [('run(1000*ms)', f'run({1000*SCALE}*ms)')], '# Plot the results', s)
    i, t = np.asarray(g['spikes'].i), np.asarray(g['spikes'].t_)
    T = SCALE
    halves = [i[(t >= k * T / 2) & (t < (k + 1) * T / 2)] for k in (0, 1)]
    d = np.asarray(g['traces'].delay_)
    r = {'num_spikes': int(len(i)), 'mean_i': [mean(h) for h in halves], 'count': [int(len(h)) for h in halves]}
    if s == 0:  # the delay traces are deterministic: kept once
        r.update({'delay_stride': 50, 'delay': [floats(d[k][::50]) for k in (0, 1)]})
    return r


def licklider(s):
    g = run_example('synapses/licklider.py', [('run(500*ms)', f'run({500*SCALE}*ms)')], 'plot(', s)
    i, t = np.asarray(g['spikes'].i), np.asarray(g['spikes'].t_)
    T = 0.5 * SCALE
    halves = [i[(t >= k * T / 2) & (t < (k + 1) * T / 2)] for k in (0, 1)]
    return {'num_spikes': int(len(i)), 'mean_i': [mean(h) for h in halves], 'count': [int(len(h)) for h in halves],
            'delays_1': floats(g['synapses'].delay[1, [0, 99, 199, 299]])}


def homeostasis(s):
    # The durations and the stimuli's TimedArray steps are scaled together, as the port does.
    g = run_example('synapses/spike_based_homeostasis.py',
                    [('dt=40*second)', f'dt={40*SCALE}*second)'), ('dt=10*second)', f'dt={10*SCALE}*second)'),
                     ('duration = 40*second', f'duration = {40*SCALE}*second'), ("run(duration, report='text')", 'run(duration)')],
                    'fig, axes', s, target='cython')
    w = np.asarray(g['M2'].w[0])
    t = np.asarray(g['M2'].t_)
    r1 = np.asarray(g['M_rate_neuron_with_homeostasis'].rate_)
    r0 = np.asarray(g['M_rate_neuron_without_homeostasis'].rate_)
    step = 10 * SCALE
    # second half of each of the four 10 s stimulus windows of the 40 s run
    sel = [(t >= (k + 0.5) * step) & (t < (k + 1) * step) for k in range(4)]
    return {'w': [float(w[m].mean()) for m in sel], 'rate_with': [float(r1[m].mean()) for m in sel],
            'rate_without': [float(r0[m].mean()) for m in sel]}


def synapses_py(s):
    g = run_example('synapses/synapses.py', [], 'plot(', s)
    syn = g['syn']
    return {'synapses': len(syn), 'j': ints(syn.j[:]), 'delay': floats(syn.delay[:]), 'final_v': floats(g['G2'].v[:]),
            'v_max': floats(np.max(np.asarray(g['mon'].v), axis=1))}


def state_variables(s):
    g = run_example('synapses/state_variables.py', [], '# Generate a matrix', s)
    G, S = g['G'], g['S']
    i, j, w = np.asarray(S.i[:]), np.asarray(S.j[:]), np.asarray(S.w_[:])
    by_distance = [float(w[(i - j == d)][0]) for d in range(1, 100)]
    assert np.all(w[i <= j] == 0)
    resid = np.asarray(G.v_[:]) / 1e-3 - (np.sin(2 * np.pi * np.arange(100) / 100) - 70)
    r = {'resid_mean': float(resid.mean()), 'resid_sd': float(resid.std())}
    if s == 0:  # the weights are deterministic: kept once
        r['w_by_distance'] = by_distance
    return r


def spatial_connections(s):
    g = run_example('synapses/spatial_connections.py', [], 'figure(', s)
    return {'deterministic': len(g['S_deterministic']), 'stochastic': len(g['S_stochastic'])}


# ---- compartmental/ (deterministic) ----

def cylinder():
    g = run_example('compartmental/cylinder.py', [("run(100*ms, report='text')", 'run(100*ms)')], 'plot(')
    return {'la': float(g['la']), 'final_v': floats(g['neuron'].v_)}


BIPOLAR_STRIDE = 5


def bipolar_with_inputs(name):
    def data():
        g = run_example(f'compartmental/{name}.py', [("run(50*ms, report='text')", 'run(50*ms)')], 'subplot(')
        morpho = g['morpho']
        L = g['mon_L']
        end = -1 if name == 'bipolar_with_inputs' else 99.9*um
        iL = int(morpho.L[end].indices[:][0])  # absolute compartment indices
        iR = int(morpho.R[end].indices[:][0])
        start = int(morpho.L.indices[:][0])
        k = BIPOLAR_STRIDE
        return {'samples': len(L.t), 'stride': k, 'iL': iL, 'iR': iR, 'soma': floats(g['mon_soma'].v_[0][::k]),
                'L_end': floats(L.v_[iL - start][::k]), 'R_end': floats(g['mon_R'].v_[0][::k]), 'L_mid': floats(L.v_[25][::k]),
                'final_v': floats(g['neuron'].v_)}
    return data


HH_STRIDE = 5


def hh_1952():
    g = run_example('compartmental/hodgkin_huxley_1952.py',
                    [("run(50*ms, report='text')", f'run({50*HH_SCALE}*ms)'), ("run(100*ms, report='text')", f'run({100*HH_SCALE}*ms)')],
                    'for i in range(75', target='cython')
    v = np.asarray(g['M'].v_)
    return {'samples': v.shape[1], 'record': list(range(0, 1000, 100)), 'v': [floats(v[k][::HH_STRIDE]) for k in range(0, 1000, 100)],
            'final_v': floats(g['neuron'].v_), 'final_m': floats(g['neuron'].m_)}


def lfp():
    g = run_example('compartmental/lfp.py',
                    [("run(50*ms, report='text')", f'run({50*HH_SCALE}*ms)'), ("run(100*ms, report='text')", f'run({100*HH_SCALE}*ms)')],
                    'subplot(211)', target='cython')
    v = np.asarray(g['M'].v_)
    lfp_v = np.asarray(g['Mlfp'].v_)
    return {'samples': v.shape[1], 'stride': HH_STRIDE * 10, 'v': [floats(v[k * 100][::HH_STRIDE * 10]) for k in range(10)],
            'lfp': [floats(lfp_v[k][::HH_STRIDE * 10]) for k in range(5)], 'w': floats(g['S'].w_[::97]),
            'final_v': floats(g['neuron'].v_)}


seeds = lambda n: list(range(n))  # noqa: E731
DATA = {
    'CUBA': lambda: [cuba(s) for s in seeds(6)],
    'COBAHH': lambda: [cobahh(s) for s in seeds(5)],
    'adaptive_threshold': lambda: [adaptive_threshold(s) for s in seeds(20)],
    'non_reliability': lambda: [non_reliability(s) for s in seeds(20)],
    'reliability': lambda: [reliability(s) for s in seeds(20)],
    'phase_locking': lambda: [phase_locking(s) for s in seeds(20)],
    'synapses_STDP': lambda: [stdp(s) for s in seeds(6)],
    'synapses_jeffress': lambda: [jeffress(s) for s in seeds(6)],
    'synapses_licklider': lambda: [licklider(s) for s in seeds(6)],
    'synapses_spike_based_homeostasis': lambda: [homeostasis(s) for s in seeds(6)],
    'synapses_synapses': lambda: [synapses_py(s) for s in seeds(20)],
    'synapses_state_variables': lambda: [state_variables(s) for s in seeds(10)],
    'synapses_spatial_connections': lambda: [spatial_connections(s) for s in seeds(10)],
    'compartmental_cylinder': cylinder,
    'compartmental_bipolar_with_inputs': bipolar_with_inputs('bipolar_with_inputs'),
    'compartmental_bipolar_with_inputs2': bipolar_with_inputs('bipolar_with_inputs2'),
    'compartmental_hodgkin_huxley_1952': hh_1952,
    'compartmental_lfp': lfp,
}

# Brian2's figures: every example runs whole, as written, except where noted (the gallery
# captions say so): spike_based_homeostasis imports what it uses (it runs in Brian2 only in an
# IPython session with pylab), efficient_gaussian_connectivity times smaller N, the seed programs are tests/conformance/generate/seed*.py's
# models with the port's plotting.
NO_PATCH = ()
FIG = {
    'COBAHH': ('COBAHH.py', NO_PATCH, 'cython'),
    'CUBA': ('CUBA.py', NO_PATCH, 'cython'),
    'IF_curve_Hodgkin_Huxley': ('IF_curve_Hodgkin_Huxley.py', NO_PATCH, 'cython'),
    'IF_curve_LIF': ('IF_curve_LIF.py', NO_PATCH, 'numpy'),
    'adaptive_threshold': ('adaptive_threshold.py', NO_PATCH, 'numpy'),
    'non_reliability': ('non_reliability.py', NO_PATCH, 'numpy'),
    'phase_locking': ('phase_locking.py', NO_PATCH, 'numpy'),
    'reliability': ('reliability.py', NO_PATCH, 'numpy'),
    'synapses_STDP': ('synapses/STDP.py', NO_PATCH, 'cython'),
    'synapses_continuous_interaction': ('synapses/continuous_interaction.py', NO_PATCH, 'numpy'),
    # timed up to N = 5000 with 10, 3, 3, 1 repeats (Brian2's: up to 20,000 with 300 to 3 repeats,
    # 4·10⁸ pairs for the naive method: too heavy for the fixture machine)
    'synapses_efficient_gaussian_connectivity': ('synapses/efficient_gaussian_connectivity.py',
                                                 [('N = array([100, 500, 1000, 5000, 10000, 20000])', 'N = array([100, 500, 1000, 5000])'),
                                                  ('repeats = array([100, 10, 10, 1, 1, 1])*3', 'repeats = array([10, 3, 3, 1])')], 'numpy'),
    'synapses_gapjunctions': ('synapses/gapjunctions.py', NO_PATCH, 'numpy'),
    'synapses_jeffress': ('synapses/jeffress.py', NO_PATCH, 'cython'),
    'synapses_licklider': ('synapses/licklider.py', NO_PATCH, 'cython'),
    'synapses_nonlinear': ('synapses/nonlinear.py', NO_PATCH, 'numpy'),
    'synapses_spatial_connections': ('synapses/spatial_connections.py', NO_PATCH, 'numpy'),
    'synapses_spike_based_homeostasis': ('synapses/spike_based_homeostasis.py',
                                         [('from brian2 import TimedArray', 'import itertools\nimport numpy as np\nimport matplotlib.pyplot as plt\nfrom brian2 import TimedArray')],
                                         'cython'),
    'synapses_state_variables': ('synapses/state_variables.py', NO_PATCH, 'numpy'),
    'synapses_synapses': ('synapses/synapses.py', NO_PATCH, 'numpy'),
    'compartmental_bipolar_cell': ('compartmental/bipolar_cell.py', NO_PATCH, 'numpy'),
    'compartmental_bipolar_with_inputs': ('compartmental/bipolar_with_inputs.py', NO_PATCH, 'numpy'),
    'compartmental_bipolar_with_inputs2': ('compartmental/bipolar_with_inputs2.py', NO_PATCH, 'numpy'),
    'compartmental_cylinder': ('compartmental/cylinder.py', NO_PATCH, 'cython'),
    'compartmental_hh_with_spikes': ('compartmental/hh_with_spikes.py', NO_PATCH, 'cython'),
    'compartmental_hodgkin_huxley_1952': ('compartmental/hodgkin_huxley_1952.py', NO_PATCH, 'cython'),
    'compartmental_infinite_cable': ('compartmental/infinite_cable.py', NO_PATCH, 'cython'),
    'compartmental_lfp': ('compartmental/lfp.py', NO_PATCH, 'cython'),
    'compartmental_morphotest': ('compartmental/morphotest.py', NO_PATCH, 'numpy'),
    'compartmental_rall': ('compartmental/rall.py', NO_PATCH, 'numpy'),
    'compartmental_spike_initiation': ('compartmental/spike_initiation.py', NO_PATCH, 'cython'),
}


def seed_figures():
    """The seed programs (examples/seed/*.ts) as Brian2 code: the models of seed1/2/3.py, with
    the port's figures drawn by matplotlib."""
    prefs.codegen.target = 'numpy'
    start_scope()
    defaultclock.dt = 0.1*ms
    v0, tau = -10*mV, 10*ms
    G = NeuronGroup(1, 'dv/dt = (v0-v)/tau : volt (unless refractory)', threshold='v > -40*mV', reset='v = -60*mV',
                    refractory=5*ms, method='exact')
    G.v = -70*mV
    M = StateMonitor(G, 'v', record=True)
    run(50*ms)
    plt.figure()
    plt.plot(M.t/ms, M.v[0]/mV)
    plt.xlabel('Time (ms)')
    plt.ylabel('Potential (mV)')
    plt.savefig(os.path.join(FIGDIR, 'seed_seed-1-lif.png'))
    plt.close('all')

    start_scope()
    N, tau, v0, I_max = 100, 10*ms, -50*mV, 40*mV
    G = NeuronGroup(N, '''dv/dt = (v0-v+I)/tau : volt (unless refractory)
                          I : volt''', threshold='v>-40*mV', reset='v=-60*mV', refractory=1*ms, method='exact')
    G.v = -70*mV
    M = SpikeMonitor(G)
    G.I = 'i*I_max/(N-1)'
    duration = 1000*ms
    run(duration)
    plt.figure()
    plt.plot(M.t/ms, M.i, '.k')
    plt.xlabel('Time (ms)')
    plt.ylabel('Neuron index')
    plt.savefig(os.path.join(FIGDIR, 'seed_seed-2-population_raster.png'))
    plt.figure()
    plt.plot(G.I/mV, M.count/duration)
    plt.xlabel('Input (mV)')
    plt.ylabel('Firing rate (sp/s)')
    plt.savefig(os.path.join(FIGDIR, 'seed_seed-2-population_fi-curve.png'))
    plt.close('all')

    # seed-3-stdp: Brian2's STDP example for 10 s (Brian2's seed(7) draws other numbers than brian-ts's seed(7))
    prefs.codegen.target = 'cython'
    start_scope()
    seed(7)
    N, taum, taupre, taupost = 1000, 10*ms, 20*ms, 20*ms
    Ee, vt, vr, El, taue = 0*mV, -54*mV, -60*mV, -74*mV, 5*ms
    gmax, dApre = .01, .01
    dApost = -dApre * taupre / taupost * 1.05 * gmax
    dApre *= gmax
    inp = PoissonGroup(N, rates=15*Hz)
    neurons = NeuronGroup(1, '''dv/dt = (ge * (Ee-v) + El - v) / taum : volt
                             dge/dt = -ge / taue : 1''', threshold='v>vt', reset='v = vr', method='euler')
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
    run(10*second)
    prefs.codegen.target = 'numpy'
    plt.figure()
    plt.plot(S.w / gmax, '.k')
    plt.ylabel('Weight / gmax')
    plt.xlabel('Synapse index')
    plt.savefig(os.path.join(FIGDIR, 'seed_seed-3-stdp.png'))
    plt.close('all')


if __name__ == '__main__':
    names = ONLY if ONLY is not None else list(DATA) + [k for k in FIG if k not in DATA] + ['seed']
    if not FIGURES_ONLY:
        if os.path.exists(sys.argv[1]):
            with open(sys.argv[1]) as f:
                out.update({k: v for k, v in json.load(f).items() if k not in names and k not in out})
        for name in names:
            if name in DATA:
                print('data', name, flush=True)
                out[name] = DATA[name]()
                write(out)
        write(out)
    if FIGURES:
        os.makedirs(FIGDIR, exist_ok=True)
        for name in names:
            if name == 'seed':
                seed_figures()
            elif name in FIG:
                print('figure', name, flush=True)
                path, patches, target = FIG[name]
                figure(path, name, patches, target)
