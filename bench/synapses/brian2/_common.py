"""Helpers of the synapse benchmarks: everything in ../../neurongroup/brian2/_common.py (loaded
from there, not copied) plus synapse_bytes."""
import importlib.util
import os

_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'neurongroup', 'brian2', '_common.py')
_spec = importlib.util.spec_from_file_location('_neurongroup_common', _path)
_shared = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_shared)
globals().update({name: value for name, value in vars(_shared).items() if not name.startswith('__')})


def synapse_bytes(*syns):
    """Bytes per synapse held by Brian2: every per-synapse dynamic array of the Synapses objects
    (used length x itemsize, no growth slack), each pathway's per-synapse delay array (unless the
    delay is a scalar), plus, per pathway, the spike queue's per-synapse
    structures as cspikequeue.cpp keeps them: 4 B synapse id (per-source vectors, slack not
    counted) and 4 B delay in steps unless the pathway's delay is a scalar."""
    from brian2.core.variables import DynamicArrayVariable
    total = 0
    n = 0
    breakdown = {}
    for S in syns:
        n_syn = len(S)
        n += n_syn
        seen = set()
        for name, var in S.variables.items():
            if not isinstance(var, DynamicArrayVariable) or id(var) in seen or getattr(var.owner, 'name', None) != S.name:
                continue
            seen.add(id(var))
            values = np.asarray(var.get_value())
            if values.ndim != 1 or values.shape[0] != n_syn:
                continue
            breakdown[var.name] = breakdown.get(var.name, 0) + values.nbytes
            total += values.nbytes
        for pathway in S._pathways:
            q = 4 * n_syn
            delay = pathway.variables['delay']
            if not getattr(delay, 'scalar', False):
                q += 4 * n_syn
                # the per-synapse delay array itself is owned by the pathway object
                dbytes = np.asarray(delay.get_value()).nbytes
                breakdown['delay_' + pathway.prepost] = breakdown.get('delay_' + pathway.prepost, 0) + dbytes
                total += dbytes
            key = 'queue_' + pathway.prepost
            breakdown[key] = breakdown.get(key, 0) + q
            total += q
    return {'bytes_per_synapse': total / n if n else None,
            'bytes_breakdown': {k: v / n for k, v in breakdown.items()} if n else {}}
