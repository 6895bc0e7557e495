"""Brian2 2.5.1 + GSL data for the gallery's advanced/compare_GSL_to_conventional example, and
Brian2's own figure (Debian's matplotlib) in docs/examples/brian2/ for the gallery page.

Usage: /usr/bin/python3 gallery_gsl.py OUTPUT.json [--figures]
Needs `apt-get install -y libgsl-dev` (Brian2 compiles its GSL code with Cython).

The example draws its time constants with rand(): brian-ts's draws differ from numpy's, so the
test compares with Brian2's seed-to-seed spread. Recorded per seed, for 100 ms (the test's
shortened run): the GSL (gsl_rk2, absolute_error 1e-6) mean step count, mean and maximum absolute
error against 'linear', and the mean and maximum error of fixed-step rk2 at dt = 0.1 ms / 4^k.
`--figures` also runs Brian2's example file itself (1 s) for the figure and records what it prints.
"""
import json
import os
import sys
import warnings

warnings.filterwarnings('ignore')
import matplotlib  # noqa: E402

matplotlib.use('Agg')
import numpy as np  # noqa: E402
from brian2 import *  # noqa: E402,F403

prefs.codegen.target = 'cython'
prefs.codegen.cpp.extra_compile_args_gcc = ['-w', '-O3', '-std=c++11']
BrianLogger.log_level_error()
FIGURES = '--figures' in sys.argv
FIGDIR = os.path.join(os.path.dirname(__file__), '..', '..', '..', 'docs', 'examples', 'brian2')
EXAMPLE = '/usr/share/doc/python-brian-doc/examples/advanced/compare_GSL_to_conventional.py'
RUNTIME = 100 * ms
FIXED_DTS = [0.1 * ms / 4 ** k for k in range(4)]


def runner(method, dt, seed_value, options=None):
    seed(seed_value)
    I = 5  # noqa: E741,F841 (read by the equations)
    group = NeuronGroup(100, '''dv/dt = (-v + I)/tau : 1
                                tau : second''', method=method, method_options=options, dt=dt)
    group.run_regularly('''v = rand()
                           tau = 0.1*ms + rand()*9.9*ms''', dt=10 * ms)
    rec_vars = ['v', 'tau'] + (['_step_count'] if 'gsl' in method else [])
    net = Network(group)
    net.run(0 * ms)
    mon = StateMonitor(group, rec_vars, record=True, dt=0.1 * ms)
    net.add(mon)
    net.run(RUNTIME)
    return mon


seeds = []
for s in range(5):
    lin = runner('linear', 0.1 * ms, s)
    gsl = runner('gsl_rk2', 0.1 * ms, s, {'save_step_count': True, 'absolute_error': 1e-6, 'max_steps': 10000})
    err = np.abs(gsl.v - lin.v)
    fixed = [np.abs(runner('rk2', dt, s).v - lin.v) for dt in FIXED_DTS]
    seeds.append({
        'seed': s,
        'gsl_mean_step_count': float(np.mean(gsl._step_count)),
        'gsl_mean_error': float(np.mean(err)),
        'gsl_max_error': float(np.max(err)),
        'fixed_mean_errors': [float(np.mean(e)) for e in fixed],
        'fixed_max_errors': [float(np.max(e)) for e in fixed],
    })
out = {'runtime': float(RUNTIME), 'fixed_dts': [float(dt) for dt in FIXED_DTS], 'seeds': seeds}

if FIGURES:
    # Brian2's example file itself, at its full length (1 s), for the gallery's figure.
    import matplotlib.pyplot as plt
    start_scope()
    plt.show = lambda *a, **k: None
    g = {'__name__': '__main__', '__file__': EXAMPLE}
    exec(compile(open(EXAMPLE).read(), EXAMPLE, 'exec'), g)
    plt.savefig(os.path.join(FIGDIR, 'advanced_compare_GSL_to_conventional.png'))
    plt.close('all')
    out['example'] = {
        'gsl_mean_step_count': float(np.mean(g['gsl']._step_count)),
        'gsl_max_error': float(np.max(np.abs(g['lin'].v - g['gsl'].v))),
        'dts': [float(dt) for dt in g['dts']],
        'max_errors': [float(e) for e in g['max_errors']],
    }
elif os.path.exists(sys.argv[1]):
    # Keep the full-length example's numbers from an earlier --figures run.
    with open(sys.argv[1]) as f:
        previous = json.load(f)
    if 'example' in previous:
        out['example'] = previous['example']

with open(sys.argv[1], 'w') as f:
    f.write(json.dumps(out, separators=(',', ':'), allow_nan=False) + '\n')
