"""numpy's legacy RandomState draws, linspace, arange and histogram (Debian's numpy), for
src/numeric's bit-for-bit replays. Writes numeric.json."""
import json
import sys

import numpy as np

out = {'numpy': np.__version__, 'random': [], 'linspace': [], 'arange': [], 'histogram': []}
for seed in [0, 1, 42, 2**32 - 1]:
    r = np.random.RandomState(seed)
    case = {'seed': seed}
    case['rand'] = r.rand(5).tolist()
    case['randn'] = r.randn(7).tolist()
    case['uniform'] = r.uniform(-70, -50, 5).tolist()
    case['normal'] = r.normal(2.0, 0.5, 5).tolist()
    case['exponential'] = r.exponential(3.0, 5).tolist()
    case['randint'] = r.randint(0, 10, 8).tolist()
    case['randint_big'] = r.randint(-5, 100000, 8).tolist()
    case['permutation'] = r.permutation(10).tolist()
    case['choice'] = r.choice(20, 6).tolist()
    case['choice_noreplace'] = r.choice(20, 6, replace=False).tolist()
    case['after'] = r.rand(3).tolist()
    out['random'].append(case)
# np.random.seed(s) + module functions use the same global RandomState
np.random.seed(7)
out['global'] = {'seed': 7, 'rand': np.random.rand(3).tolist(), 'randn': np.random.randn(3).tolist()}

for start, stop, num, endpoint in [(0, 1, 11, True), (-70, -50, 7, True), (0, 1, 10, False), (0.1, 0.3, 3, True), (1e-3, 2.5e-2, 50, True), (5, 5, 4, True), (0, 1, 1, True)]:
    out['linspace'].append({'args': [start, stop, num, endpoint], 'values': np.linspace(start, stop, num, endpoint=endpoint).tolist()})
for args in [(10,), (0, 1, 0.1), (-1.5, 2.2, 0.3), (0.0, 0.0007, 0.0001), (5, 1, -0.5), (0, 100, 0.1)]:
    out['arange'].append({'args': list(args), 'values': np.arange(*[float(a) for a in args]).tolist()})
r = np.random.RandomState(3)
data = r.randn(1000)
for bins, rng, density in [(10, None, False), (37, None, True), (5, (-1, 1), False), ([-3, -1, 0, 0.5, 3], None, False), (20, (0.1, 0.7), True)]:
    kw = {'bins': bins, 'density': density}
    if rng is not None:
        kw['range'] = rng
    counts, edges = np.histogram(data, **kw)
    out['histogram'].append({'bins': bins, 'range': rng, 'density': density, 'counts': counts.astype(float).tolist(), 'edges': edges.tolist()})
out['histogram_data'] = data.tolist()

with open(sys.argv[1], 'w') as f:
    json.dump(out, f)
    f.write('\n')
