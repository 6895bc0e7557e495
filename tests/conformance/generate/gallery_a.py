"""Brian2 2.5.1 golden data for gallery A's deterministic examples, run with the smoke test's
shortened durations (SCALE, as BRIAN_TS_DURATION_SCALE in tests/examples/gallery-a.test.ts).
Each Brian2 example file is executed itself (from /usr/share/doc/python-brian-doc/examples), with
its run durations multiplied by SCALE and everything from the plotting on cut off, so the models
are Brian2's own text. Records spike counts and subsampled traces (SI units).
Usage: /usr/bin/python3 gallery_a.py OUTPUT.json
"""
import re
from _sim import floats, ints, write
from brian2 import *  # noqa: E402,F401,F403

SCALE = 0.05
EXAMPLES = '/usr/share/doc/python-brian-doc/examples/'


def run_example(path, replacements, stop):
    """Runs the example up to the line starting with `stop`, after the (old, new) replacements."""
    with open(EXAMPLES + path) as f:
        src = f.read()
    for old, new in replacements:
        assert old in src, (path, old)
        src = src.replace(old, new)
    src = src[:src.index(stop)]
    src = src.replace("set_device('cpp_standalone')", '')
    start_scope()
    defaultclock.dt = 0.1*ms
    ns = {}
    exec('from brian2 import *\n' + src, ns)
    return ns


out = {'scale': SCALE}

ns = run_example('IF_curve_LIF.py', [('duration = 1*second', f'duration = {SCALE}*second')], 'plot(')
out['IF_curve_LIF'] = {'count': ints(ns['monitor'].count)}

ns = run_example('IF_curve_Hodgkin_Huxley.py', [('duration = 2*second', f'duration = {2*SCALE}*second')], 'plot(')
out['IF_curve_Hodgkin_Huxley'] = {'count': ints(ns['monitor'].count)}

ns = run_example('frompapers/Brette_Gerstner_2005.py',
                 [('run(20 * ms)', f'run({20*SCALE} * ms)'), ('run(100 * ms)', f'run({100*SCALE} * ms)')], '# We draw')
out['Brette_Gerstner_2005'] = {'vm': floats(ns['trace'][0].vm), 'spike_t': floats(ns['spikes'].t)}

STEP = 10  # every 10th sample of the traces
ns = run_example('frompapers/Hindmarsh_Rose_1984.py', [('run(2100*time_unit)', f'run({2100*SCALE}*time_unit)')], 'ax_top')
out['Hindmarsh_Rose_1984'] = {'x': [floats(ns['mon'].x[k][::STEP]) for k in range(3)]}

ns = run_example('frompapers/Morris_Lecar_1981.py', [('run_time = 220*ms', f'run_time = {220*SCALE}*ms')], 'fig, (ax1')
out['Morris_Lecar_1981'] = {'V': [floats(ns['mon'].V[k][::STEP]) for k in (0, 4, 12, 15)],
                           'n': [floats(ns['mon'].n[k][::STEP]) for k in (0, 4, 12, 15)]}

ns = run_example('frompapers/Wang_Buszaki_1996.py', [("run(100*ms, report='text')", f'run({100*SCALE}*ms)')], 'plot(')
out['Wang_Buszaki_1996'] = {'v': floats(ns['M'][0].v[::STEP])}

ns = run_example('frompapers/Rothman_Manis_2003.py',
                 [("run(50*ms, report='text')", f'run({50*SCALE}*ms)'), ("run(100*ms, report='text')", f'run({100*SCALE}*ms)')], 'plot(')
out['Rothman_Manis_2003'] = {'v': floats(ns['M'][0].v)}

# Naud et al.: `sim` is Brian2's own function, stopped before its plotting; the pattern loop is ours.
ns = run_example('frompapers/Naud_et_al_2008_adex_firing_patterns.py',
                 [('run(0.6 * second)', f'run({0.6*SCALE} * second)'),
                  ('    # clip membrane voltages', '    return states\n    # clip membrane voltages')],
                 '# loop over all patterns')
naud = {'vm': [], 'w': []}
for parameters in ns['patterns'].values():
    states = ns['sim'](None, None, None, parameters)
    naud['vm'].append(floats(states[0].vm[::STEP]))
    naud['w'].append(floats(states[0].w[::STEP]))
out['Naud_et_al_2008_adex_firing_patterns'] = naud

ns = run_example('frompapers/Touboul_Brette_2008.py',
                 [('init_time = 3*second', f'init_time = {3*SCALE}*second'),
                  ("run(init_time, report='text')", 'run(init_time)'),
                  ("run(1 * second, report='text')", f'run({SCALE} * second)')], 'figure()')
out['Touboul_Brette_2008'] = {'spike_i': ints(ns['spikes'].i), 'spike_t': floats(ns['spikes'].t),
                              'w': floats(ns['w'])}

write(out)
