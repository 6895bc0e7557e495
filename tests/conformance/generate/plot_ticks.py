"""matplotlib's default ScalarFormatter (Debian's matplotlib 3.6): tick labels and offset text for
given tick positions and view limits, plus the positions matplotlib itself picks for the
issue's example (plot([0, 1, 2], [1279.99995, 1280, 1280.00005])). Writes plot_ticks.json."""
import json
import sys

import matplotlib

matplotlib.use('Agg')
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FixedLocator  # noqa: E402

CASES = [
    # (tick positions, view min, view max)
    ([1279.99995, 1280.0, 1280.00005], 1279.99994, 1280.00006),
    ([0, 10, 20, 30, 40, 50], -2.5, 52.5),
    ([-70, -65, -60, -55, -50], -72, -48),
    ([0.2, 0.4, 0.6, 0.8], 0.1, 0.9),
    ([0, 0.25, 0.5, 0.75, 1.0], -0.05, 1.05),
    ([1e-6, 2e-6, 3e-6], 0.5e-6, 3.5e-6),
    ([0, 2e6, 4e6, 6e6], -1e5, 6.5e6),
    ([100000.0, 100000.5, 100001.0], 99999.9, 100001.1),
    ([-1000.02, -1000.01, -1000.0], -1000.025, -999.995),
    ([5], 4, 6),
    ([0, 1e-9, 2e-9], -1e-10, 2.1e-9),
    ([1.5, 2.0, 2.5, 3.0], 1.4, 3.1),
    ([-0.004, -0.002, 0.0, 0.002, 0.004], -0.005, 0.005),
    ([12345.6, 12345.7, 12345.8], 12345.55, 12345.85),
]


def labels(locs, vmin, vmax, use_offset=True):
    fig, ax = plt.subplots()
    ax.set_ylim(vmin, vmax)
    ax.ticklabel_format(useOffset=use_offset)
    ax.yaxis.set_major_locator(FixedLocator(locs))
    fmt = ax.yaxis.get_major_formatter()
    out = fmt.format_ticks(locs)
    offset = fmt.get_offset()
    plt.close(fig)
    return out, offset


cases = []
for locs, vmin, vmax in CASES:
    out, offset = labels(locs, vmin, vmax)
    cases.append({'locs': [float(v) for v in locs], 'vmin': vmin, 'vmax': vmax, 'labels': out, 'offset': offset})
for locs, vmin, vmax in CASES[:1] + CASES[5:9] + CASES[13:]:
    out, offset = labels(locs, vmin, vmax, False)
    cases.append({'locs': [float(v) for v in locs], 'vmin': vmin, 'vmax': vmax, 'labels': out, 'offset': offset, 'useOffset': False})

# The example with matplotlib's own locator.
fig, ax = plt.subplots()
ax.plot([0, 1, 2], [1279.99995, 1280, 1280.00005])
fig.canvas.draw()
vmin, vmax = ax.get_ylim()
locs = [float(v) for v in ax.get_yticks()]
fmt = ax.yaxis.get_major_formatter()
cases.append({'locs': locs, 'vmin': vmin, 'vmax': vmax, 'labels': fmt.format_ticks(locs), 'offset': fmt.get_offset()})
plt.close(fig)

with open(sys.argv[1], 'w') as f:
    json.dump({'matplotlib': matplotlib.__version__, 'cases': cases}, f, indent=1, ensure_ascii=False)
    f.write('\n')
