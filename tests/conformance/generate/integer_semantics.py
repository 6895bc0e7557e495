"""Integer division/modulo by zero and float-to-integer casts in Brian2 2.5.1 (issue 15 §5), on
both runtime targets: numpy (warns, gives a value) and Cython (Brian2's default when a compiler
is present; raises ZeroDivisionError). brian-ts follows the Cython target's error and raises a
typed error for out-of-range casts; the cases with defined results are compared value by value.
Usage: /usr/bin/python3 integer_semantics.py OUTPUT.json
"""
import json
import sys
import warnings

from brian2 import NeuronGroup, defaultclock, prefs, run, start_scope

# (code run once by run_regularly, n values, z values, f values)
CASES = [
    ('m = n % z', [7, -7, 0, 5], [3, 3, -3, -2], [0, 0, 0, 0]),
    ('m = n // z', [7, -7, 0, 5], [3, 3, -3, -2], [0, 0, 0, 0]),
    ('m = n % z', [7, -7, 0, 5], [0, 0, 0, 0], [0, 0, 0, 0]),
    ('m = n // z', [7, -7, 0, 5], [0, 0, 0, 0], [0, 0, 0, 0]),
    ('m = f', [0, 0, 0, 0], [0, 0, 0, 0], [2.7, -2.7, 2147483647.0, -2147483648.0]),
    ('m = int(f)', [0, 0, 0, 0], [0, 0, 0, 0], [2.7, -2.7, 1e9, -0.5]),
    ('m = f', [0, 0, 0, 0], [0, 0, 0, 0], [1e20, 1e20, 1e20, 1e20]),
    ('g = f % z', [0, 0, 0, 0], [0, 0, 0, 0], [7.5, -7.5, 1.0, 0.0]),
]


def run_case(target, code, n, z, f):
    prefs.codegen.target = target
    start_scope()
    G = NeuronGroup(4, 'n : integer\nz : integer\nm : integer\nf : 1\ng : 1')
    G.n = n
    G.z = z
    G.f = f
    G.run_regularly(code, dt=defaultclock.dt)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        try:
            run(defaultclock.dt)
        except Exception as e:  # Brian2 wraps the original error
            cause = e.__cause__ or e
            return {'error': type(cause).__name__, 'message': str(cause).splitlines()[0] if str(cause) else ''}
    return {'m': [int(x) for x in G.m[:]], 'g': [float(x) if x == x else 'nan' for x in G.g[:]],
            'warnings': sorted({str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)})}


def direct(value):
    start_scope()
    G = NeuronGroup(2, 'm : integer')
    try:
        G.m = value
        return {'m': [int(x) for x in G.m[:]]}
    except Exception as e:
        return {'error': type(e).__name__, 'message': str(e)}


out = {'cases': [], 'direct': {}}
for code, n, z, f in CASES:
    entry = {'code': code, 'n': n, 'z': z, 'f': f}
    for target in ('numpy', 'cython'):
        entry[target] = run_case(target, code, n, z, f)
    out['cases'].append(entry)
out['direct']['1e20'] = direct(1e20)
out['direct']['nan'] = direct(float('nan'))
out['direct']['2147483647'] = direct(2147483647)
with open(sys.argv[1], 'w') as fh:
    json.dump(out, fh, indent=1)
