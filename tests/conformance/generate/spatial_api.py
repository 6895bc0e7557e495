"""Brian2 2.5.1 golden data for the morphology/SpatialNeuron API (numpy target):
compartment indexing (`morpho.L[50*um]`, `morpho.L[10*um:20*um]`, `morpho.L[3:5]`,
`morpho.indices[...]`) with the geometry of the selected compartments, attaching by path
(`morpho.LL = ...`), threshold_location given as a SubMorphology or a section, SWC with
spherical_soma=False, statistics of generate_coordinates with randomness, and the compartmental
examples bipolar_with_inputs / bipolar_with_inputs2 (shortened) with synapses onto compartments.
Usage: /usr/bin/python3 spatial_api.py OUTPUT.json
"""
from _sim import write, floats, ints
import numpy as np
from brian2 import *  # noqa: E402,F401,F403

UM = 1e-6


def tree():
    """Soma · L (50 × 2 µm) · L.L (a Section, set as morpho.LL) · R (50 × 2 µm) · dend (3 × 0.1 µm)."""
    morpho = Soma(30*um)
    morpho.L = Cylinder(diameter=1*um, length=100*um, n=50)
    morpho.LL = Section(n=4, diameter=[2, 1.5, 1.2, 1, 0.8]*um, length=[3, 5, 7, 11]*um)
    morpho.R = Cylinder(diameter=1*um, length=100*um, n=50)
    morpho.dend = Cylinder(diameter=0.5*um, length=0.30000000000000004*um, n=3)
    return morpho


# Queries: [section path ('' = root), kind, args]; distances in µm. Every query is replayed in brian-ts.
QUERIES = [
    ['L', 'at', [50.0]], ['L', 'at', [0.0]], ['L', 'at', [2.0]], ['L', 'at', [6.0]], ['L', 'at', [5.999999]],
    ['L', 'at', [99.9]], ['L', 'at', [14.000000000000002]], ['L', 'at', [13.99999999999999]],
    ['L', 'at', [100.00000000000001]], ['L', 'at', [101.0]], ['L', 'at', [-1.0]],
    ['L', 'index', [3]], ['L', 'index', [-1]], ['L', 'index', [0]], ['L', 'index', [49]], ['L', 'index', [50]],
    ['L', 'between', [10.0, 20.0]], ['L', 'between', [11.0, 19.0]], ['L', 'between', [0.0, 100.0]],
    ['L', 'between', [None, 6.0]], ['L', 'between', [94.0, None]], ['L', 'between', [5.999999999999999, 12.000000000000002]],
    ['L', 'slice', [3, 5]], ['L', 'slice', [-3, None]], ['L', 'slice', [None, 2]], ['L', 'slice', [45, 100]],
    ['LL', 'at', [3.0]], ['LL', 'at', [8.0]], ['LL', 'at', [4.0]], ['LL', 'at', [15.0]], ['LL', 'at', [25.9]],
    ['LL', 'between', [3.0, 15.0]], ['LL', 'between', [2.0, 16.0]], ['LL', 'slice', [1, 3]], ['LL', 'index', [-2]],
    ['R', 'at', [99.9]], ['R', 'index', [-1]], ['R', 'between', [50.0, 60.0]],
    ['dend', 'at', [0.1]], ['dend', 'at', [0.2]], ['dend', 'at', [0.15]], ['dend', 'between', [0.1, 0.2]],
    ['', 'index', [0]], ['', 'at', [15.0]], ['', 'index', [-1]],
]


def select(morpho, path, kind, args):
    section = morpho[path] if path else morpho
    if kind == 'at':
        return section[args[0]*um]
    if kind == 'index':
        return section[args[0]]
    if kind == 'between':
        a, b = [None if x is None else x*um for x in args]
        return section[a:b]
    if kind == 'slice':
        return section[args[0]:args[1]]
    raise AssertionError(kind)


def indexing():
    morpho = tree()
    out = []
    for path, kind, args in QUERIES:
        case = dict(path=path, kind=kind, args=args)
        try:
            sub = select(morpho, path, kind, args)
            case['indices'] = ints(sub.indices[:])
            for name in ['area', 'volume', 'length', 'diameter', 'distance', 'r_length_1', 'r_length_2']:
                case[name] = floats(getattr(sub, name))
        except Exception as e:  # noqa: BLE001
            case['error'] = type(e).__name__
        out.append(case)
    sections = {}
    for path in ['', 'L', 'LL', 'R', 'dend']:
        section = morpho[path] if path else morpho
        sections[path] = ints(np.atleast_1d(section.indices[:]))
    return dict(queries=out, topology=str(morpho.topology()), section_indices=sections,
                total_compartments=int(morpho.total_compartments))


def threshold_locations():
    morpho = tree()
    out = {}
    for label, loc in [('L[-1]', morpho.L[-1]), ('LL[8*um]', morpho.LL[8*um]), ('soma', morpho),
                       ('L', morpho.L), ('L[10*um:20*um]', morpho.L[10*um:20*um])]:
        try:
            neuron = SpatialNeuron(morpho, 'Im = 0*amp/meter**2 : amp/meter**2',
                                   threshold='v > 0*mV', threshold_location=loc)
            out[label] = dict(condition=neuron.events['spike'])
        except Exception as e:  # noqa: BLE001
            out[label] = dict(error=type(e).__name__, message=str(e))
    return out


def swc_single_point_soma():
    points = [(1, 'soma', 0, 0, 0, 10, -1), (2, 'dend', 10, 0, 0, 2, 1), (3, 'dend', 20, 0, 0, 2, 2)]
    try:
        Morphology.from_points(points, spherical_soma=False)
        return dict(error=None)
    except Exception as e:  # noqa: BLE001
        return dict(error=type(e).__name__, message=str(e))


def angles(morpho_rand, morpho_det, path):
    """Angles (rad) between each compartment's direction and its section's deterministic direction."""
    sec = morpho_rand[path] if path else morpho_rand
    det = morpho_det[path] if path else morpho_det
    d = np.array([det.end_x_[-1] - det.start_x_[0], det.end_y_[-1] - det.start_y_[0], det.end_z_[-1] - det.start_z_[0]])
    d /= np.sqrt(np.sum(d**2))
    c = np.vstack([sec.end_x_ - sec.start_x_, sec.end_y_ - sec.start_y_, sec.end_z_ - sec.start_z_]).T
    c /= np.sqrt(np.sum(c**2, axis=1))[:, None]
    return np.arccos(np.clip(c @ d, -1, 1))


def coordinate_statistics():
    np.random.seed(20240601)
    out = {}
    # Compartment randomness along a soma's child (direction ~ +y: Brian2's axis is orthogonal).
    morpho = Soma(20*um)
    morpho.axon = Cylinder(diameter=1*um, length=5000*um, n=5000)
    det = morpho.generate_coordinates()
    rnd = morpho.generate_coordinates(compartment_randomness=20)
    a = angles(rnd, det, 'axon')
    out['compartment_axis'] = dict(sigma_deg=20, n=len(a), mean=float(np.mean(a)), std=float(np.std(a)),
                                   lengths=floats(rnd.axon.length[:10]))
    # Oblique parent direction (x-y diagonal): Brian2's perturbation axis is parallel to it, no deviation.
    morpho = Section(n=1, diameter=[1, 1]*um, x=[0, 10]*um, y=[0, 10]*um)
    morpho.axon = Cylinder(diameter=1*um, length=1000*um, n=1000)
    det = morpho.generate_coordinates()
    rnd = morpho.generate_coordinates(compartment_randomness=20)
    a = angles(rnd, det, 'axon')
    out['compartment_diagonal'] = dict(sigma_deg=20, n=len(a), mean=float(np.mean(a)), max=float(np.max(a)))
    # Section randomness: 2000 children of a section along x.
    morpho = Section(n=1, diameter=[1, 1]*um, x=[0, 10]*um)  # (Cylinder.copy_section fails in Brian2 2.5.1)
    for k in range(2000):
        morpho.children.add(f'c{k}', Cylinder(diameter=1*um, length=10*um, n=1))
    rnd = morpho.generate_coordinates(section_randomness=30)
    dirs = np.array([[c.end_x_[-1] - c.start_x_[0], c.end_y_[-1] - c.start_y_[0], c.end_z_[-1] - c.start_z_[0]]
                     for c in rnd.children])
    dirs /= np.sqrt(np.sum(dirs**2, axis=1))[:, None]
    a = np.arccos(np.clip(dirs[:, 0], -1, 1))
    out['section'] = dict(sigma_deg=30, n=len(a), mean=float(np.mean(a)), std=float(np.std(a)))
    return out


def bipolar(variant, duration):
    """Brian2's examples/compartmental/bipolar_with_inputs(2).py, shortened; threshold at L[-1]."""
    start_scope()
    defaultclock.dt = 0.1*ms
    morpho = Soma(30*um)
    morpho.L = Cylinder(diameter=1*um, length=100*um, n=50)
    morpho.R = Cylinder(diameter=1*um, length=100*um, n=50)
    gL = 1e-4*siemens/cm**2
    EL = -70*mV
    Es = 0*mV
    taus = 1*ms
    w = 20*nS
    if variant == 1:
        eqs = '''
        Im = gL*(EL-v) : amp/meter**2
        Is = gs*(Es-v) : amp (point current)
        gs : siemens
        '''
    else:
        eqs = '''
        Im = gL*(EL-v) : amp/meter**2
        Is = gs*(Es-v) : amp (point current)
        dgs/dt = -gs/taus : siemens
        '''
    neuron = SpatialNeuron(morphology=morpho, model=eqs, Cm=1*uF/cm**2, Ri=100*ohm*cm,
                           method='exponential_euler', threshold='v > -50*mV', refractory='v > -55*mV',
                           threshold_location=morpho.L[-1])
    neuron.v = EL
    stimulation = NeuronGroup(2, 'dx/dt = 300*Hz : 1', threshold='x>1', reset='x=0', method='euler')
    stimulation.x = [0, 0.5]
    if variant == 1:
        S = Synapses(stimulation, neuron, model='''dg/dt = -g/taus : siemens (clock-driven)
                                                   gs_post = g : siemens (summed)''',
                     on_pre='g += w', method='exact')
        targets = [morpho.L[-1], morpho.R[-1]]
    else:
        S = Synapses(stimulation, neuron, on_pre='gs += w')
        targets = [morpho.L[99.9*um], morpho.R[99.9*um]]
    S.connect(i=0, j=targets[0])
    S.connect(i=1, j=targets[1])
    record = [0, int(morpho.L[-1]._indices()), int(morpho.R[-1]._indices()), int(morpho.L[50*um]._indices()),
              int(morpho.R[10*um]._indices())]
    M = StateMonitor(neuron, 'v', record=record)
    spikes = SpikeMonitor(neuron)
    stim_spikes = SpikeMonitor(stimulation)
    run(duration)
    return dict(record=record, targets=[int(t._indices()) for t in targets], t=floats(M.t/second),
                v=[floats(M.v[k]/volt) for k in range(len(record))],
                spike_i=ints(spikes.i), spike_t=floats(spikes.t/second),
                stim_i=ints(stim_spikes.i), stim_t=floats(stim_spikes.t/second),
                synapses_j=ints(S.j[:]))


write(dict(indexing=indexing(), threshold_locations=threshold_locations(),
           swc_single_point_soma=swc_single_point_soma(), coordinates=coordinate_statistics(),
           bipolar1=bipolar(1, 20*ms), bipolar2=bipolar(2, 20*ms)))
