"""matplotlib's colour maps (Debian's matplotlib) sampled at 21 points, as #rrggbb, for the
colour maps of src/plot. Writes plot_colormaps.json."""
import json
import sys

import matplotlib
import numpy as np
from matplotlib.colors import to_hex

NAMES = ['viridis', 'plasma', 'inferno', 'magma', 'cividis', 'gray', 'binary', 'hot', 'jet', 'bwr', 'seismic', 'coolwarm',
         'Blues', 'Greys', 'Reds', 'RdBu', 'Spectral', 'viridis_r', 'hot_r']
out = {}
for name in NAMES:
    cmap = matplotlib.colormaps[name]
    out[name] = [to_hex(cmap(t)) for t in np.linspace(0, 1, 21)]
with open(sys.argv[1], 'w') as f:
    json.dump({'matplotlib': matplotlib.__version__, 'maps': out}, f, indent=1)
    f.write('\n')
