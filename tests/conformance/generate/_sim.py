"""Shared helpers for the simulation fixtures (seed1, seed2, izhikevich, hh, adex, events, ou,
special_variables): numpy target (deterministic, no compilation), JSON output of plain floats in
SI units, and a size guard (each fixture stays under 1 MB)."""
import json
import sys
import warnings

warnings.filterwarnings('ignore')
import numpy as np  # noqa: E402
from brian2 import prefs, BrianLogger  # noqa: E402

prefs.codegen.target = 'numpy'
BrianLogger.log_level_error()


def floats(x):
    """A list of plain floats (SI values, units stripped)."""
    return [float(v) for v in np.asarray(x, dtype=float).ravel()]


def ints(x):
    return [int(v) for v in np.asarray(x).ravel()]


def write(data):
    text = json.dumps(data, separators=(',', ':'), allow_nan=False)
    assert len(text) < 1_000_000, f'fixture too large: {len(text)} bytes'
    with open(sys.argv[1], 'w') as f:
        f.write(text + '\n')
