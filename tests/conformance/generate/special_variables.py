"""Brian2 2.5.1 golden data for the special variables of a NeuronGroup and the scheduling rules of
semantics §14 that apply to neuron groups. Each case runs in its own start_scope() and is
recorded as data (the model strings, what was done, and what Brian2 gave).

  t_dt_i_N            t, dt, i, N in run_regularly code (end-slot monitor) and t in a diff. eq.
  initial_values      lastspike = -1e4 s and not_refractory = True before any run
  lastspike           lastspike / not_refractory per step (end slot), spikes stamped with step start
  refractory_rounding threshold 'True', refractory as Quantity (rounded to 1 µs) and as string
  conditional_write   (unless refractory): run_regularly and string assignments are suppressed
                      while refractory, numeric assignments and resets are not
  reset_after_input   a write between thresholds and resets is discarded by the reset
  schedule_ties       same slot and order: sorted by name (StateMonitor before/after run_regularly)
  run_rounding        steps and t of run(0.25 ms), run(0.25 ms), run(0.04 ms), run(0.0001 ms)
  multiple_clocks     StateMonitor with dt 0.25 ms on a 0.1 ms group
  dt_change           defaultclock.dt changed between runs; a dt that does not divide t fails
  subgroup            subgroup-relative i and N in string assignments
  arithmetic          integer/float semantics of run_regularly code
Usage: /usr/bin/python3 special_variables.py OUTPUT.json
"""
from _sim import floats, ints, write
from brian2 import *  # noqa: E402,F401,F403

cases = {}


def case(fn):
    start_scope()
    defaultclock.dt = 0.1*ms
    cases[fn.__name__] = fn()
    return fn


@case
def t_dt_i_N():
    G = NeuronGroup(3, '''x : second
                          z : second
                          y : 1
                          dv/dt = t/ms**2 : 1''', method='euler')
    G.run_regularly('x = t; z = dt; y = i + 10*N')
    M = StateMonitor(G, ['x', 'z', 'y', 'v'], record=True, when='end')
    run(0.5*ms)
    return {'eqs': 'x : second\nz : second\ny : 1\ndv/dt = t/ms**2 : 1', 'N': 3, 'method': 'euler',
            'run_regularly': 'x = t; z = dt; y = i + 10*N', 'duration_s': 0.0005,
            'monitor_t_s': floats(M.t), 'x_s': [floats(M.x[k]) for k in range(3)],
            'z_s': [floats(M.z[k]) for k in range(3)], 'y': [floats(M.y[k]) for k in range(3)],
            'v': [floats(M.v[k]) for k in range(3)]}


@case
def initial_values():
    G = NeuronGroup(2, 'dv/dt = -v/(10*ms) : 1 (unless refractory)', threshold='v > 1',
                    reset='v = 0', refractory=2*ms, method='exact')
    return {'eqs': 'dv/dt = -v/(10*ms) : 1 (unless refractory)', 'refractory_s': 0.002,
            'lastspike_s': floats(G.lastspike), 'not_refractory': [bool(b) for b in G.not_refractory]}


@case
def lastspike():
    eqs = 'dv/dt = rate : 1 (unless refractory)\nrate : Hz'
    G = NeuronGroup(3, eqs, threshold='v > 1', reset='v = 0', refractory=0.3*ms, method='euler')
    G.rate = [2000, 5000, 12000]*Hz
    M = StateMonitor(G, ['v', 'lastspike', 'not_refractory'], record=True, when='end')
    S = SpikeMonitor(G)
    run(3*ms)
    return {'eqs': eqs, 'method': 'euler', 'threshold': 'v > 1', 'reset': 'v = 0', 'refractory_s': 0.0003,
            'rate_Hz': [2000, 5000, 12000], 'duration_s': 0.003,
            'monitor_t_s': floats(M.t), 'v': [floats(M.v[k]) for k in range(3)],
            'lastspike_s': [floats(M.lastspike[k]) for k in range(3)],
            'not_refractory': [[bool(b) for b in M.not_refractory[k]] for k in range(3)],
            'spike_i': ints(S.i), 'spike_t_s': floats(S.t)}


@case
def refractory_rounding():
    refs = [0.00005, 0.0001, 0.00015, 0.00025, 0.0003, 0.00019985, 0.0010004]
    groups = [NeuronGroup(1, 'v : 1', threshold='True', refractory=r*second, name=f'g{k}')
              for k, r in enumerate(refs)]
    mons = [SpikeMonitor(g) for g in groups]
    H = NeuronGroup(len(refs), 'ref : second', threshold='True', refractory='ref', name='h')
    H.ref = refs*second
    MH = SpikeMonitor(H)
    Network(groups, mons, H, MH).run(3*ms)  # objects in lists are invisible to the magic network
    return {'refractory_s': refs, 'duration_s': 0.003, 'model': 'v : 1', 'threshold': 'True',
            'quantity_spike_t_s': [floats(m.t) for m in mons],
            'string_model': 'ref : second', 'string_refractory': 'ref',
            'string_spike_i': ints(MH.i), 'string_spike_t_s': floats(MH.t)}


@case
def conditional_write():
    eqs = 'dv/dt = -v/(10*ms) : 1 (unless refractory)\ndw/dt = -w/(10*ms) : 1'
    G = NeuronGroup(2, eqs, threshold='v > 10', reset='v = 0', refractory=5*ms, method='exact')
    G.v = [20, 0]
    code = 'v += int(abs(t - 0.5*ms) < 0.05*ms) + int(abs(t - 3*ms) < 0.05*ms); ' \
           'w += int(abs(t - 0.5*ms) < 0.05*ms) + int(abs(t - 3*ms) < 0.05*ms)'
    G.run_regularly(code)
    S = SpikeMonitor(G)
    run(4*ms)
    after_run = {'v': floats(G.v), 'w': floats(G.w), 'not_refractory': [bool(b) for b in G.not_refractory]}
    G.v = '4'
    after_string = floats(G.v)
    G.v = 3
    after_number = floats(G.v)
    run(2*ms)
    return {'eqs': eqs, 'threshold': 'v > 10', 'reset': 'v = 0', 'refractory_s': 0.005,
            'v_init': [20, 0], 'run_regularly': code, 'first_run_s': 0.004, 'second_run_s': 0.002,
            'after_run': after_run, 'after_string_assignment': after_string,
            'after_number_assignment': after_number,
            'final': {'v': floats(G.v), 'w': floats(G.w), 'not_refractory': [bool(b) for b in G.not_refractory]},
            'spike_i': ints(S.i), 'spike_t_s': floats(S.t)}


@case
def reset_after_input():
    A = NeuronGroup(1, 'v : 1', threshold='v > 1', reset='v = 0', name='a')
    A.run_regularly('v += 0.6', when='synapses')
    B = NeuronGroup(1, 'v : 1', threshold='v > 1', reset='v = 0', name='b')
    B.run_regularly('v += 0.6', when='after_resets')
    MA = StateMonitor(A, 'v', record=0, when='end')
    MB = StateMonitor(B, 'v', record=0, when='end')
    SA, SB = SpikeMonitor(A), SpikeMonitor(B)
    run(1*ms)
    return {'model': 'v : 1', 'threshold': 'v > 1', 'reset': 'v = 0', 'code': 'v += 0.6',
            'duration_s': 0.001, 'a_when': 'synapses', 'b_when': 'after_resets',
            'a_v': floats(MA.v[0]), 'b_v': floats(MB.v[0]),
            'a_spike_t_s': floats(SA.t), 'b_spike_t_s': floats(SB.t)}


@case
def schedule_ties():
    G = NeuronGroup(1, 'x : 1', name='grp')
    G.run_regularly('x += 1', name='b_runner')
    M1 = StateMonitor(G, 'x', record=0, name='a_monitor')
    M2 = StateMonitor(G, 'x', record=0, name='c_monitor')
    run(0.5*ms)
    return {'model': 'x : 1', 'run_regularly': 'x += 1', 'runner_name': 'b_runner',
            'duration_s': 0.0005, 'a_monitor_x': floats(M1.x[0]), 'c_monitor_x': floats(M2.x[0])}


@case
def run_rounding():
    G = NeuronGroup(1, 'n : integer', name='counter')
    G.run_regularly('n += 1')
    net = Network(G, G.contained_objects)
    out = []
    for d in [0.25, 0.25, 0.04, 0.0001]:
        net.run(d*ms)
        out.append({'duration_s': d*1e-3, 'steps_total': int(G.n[0]), 'net_t_s': float(net.t),
                    'clock_t_s': float(G.clock.t_[:])})
    return {'model': 'n : integer', 'run_regularly': 'n += 1', 'runs': out}


@case
def multiple_clocks():
    G = NeuronGroup(1, 'dv/dt = 1/second : 1', method='euler')
    M = StateMonitor(G, 'v', record=0, dt=0.25*ms)
    run(1*ms)
    return {'eqs': 'dv/dt = 1/second : 1', 'monitor_dt_s': 0.00025, 'duration_s': 0.001,
            'monitor_t_s': floats(M.t), 'v': floats(M.v[0])}


@case
def dt_change():
    G = NeuronGroup(1, 'n : integer\ndv/dt = 1/second : 1', method='euler')
    G.run_regularly('n += 1')
    M = StateMonitor(G, 'v', record=0)
    run(1*ms)
    first = {'n': int(G.n[0]), 'v': float(G.v[0]), 't_s': float(magic_network.t)}
    defaultclock.dt = 0.05*ms
    run(1*ms)
    second = {'n': int(G.n[0]), 'v': float(G.v[0]), 't_s': float(magic_network.t)}
    defaultclock.dt = 0.3*ms
    try:
        run(1*ms)
        error = None
    except Exception as e:  # Brian2 wraps errors raised in before_run
        err = e
        while err.__cause__ is not None:
            err = err.__cause__
        error = {'class': type(err).__name__, 'message': str(err)}
    return {'eqs': 'n : integer\ndv/dt = 1/second : 1', 'first_dt_s': 0.0001, 'second_dt_s': 0.00005,
            'bad_dt_s': 0.0003, 'first': first, 'second': second,
            'monitor_t_s': floats(M.t), 'monitor_v': floats(M.v[0]), 'error': error}


@case
def subgroup():
    G = NeuronGroup(6, 'x : 1\ny : 1')
    sub = G[2:5]
    sub.x = 'i*10 + N'
    G.y['i >= 4'] = 7
    return {'model': 'x : 1\ny : 1', 'N': 6, 'start': 2, 'stop': 5, 'x_code': 'i*10 + N',
            'y_condition': 'i >= 4', 'y_value': 7, 'x': floats(G.x), 'y': floats(G.y)}


@case
def arithmetic():
    names = ['k1', 'k2', 'k3', 'k4', 'k5']
    fnames = ['f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7']
    model = '\n'.join([f'{n} : integer' for n in names] + [f'{n} : 1' for n in fnames])
    code = '''k1 = int(-2.7)
k2 = -7 // 2
k3 = 7 // -2
k4 = -7 % 3
k5 = 10/4
f1 = -7.5 % 2
f2 = 7/2
f3 = floor(-2.5)
f4 = int(True) + int(3.99)
f5 = clip(5, 0, 3) + sign(-2.0) + abs(-1)
f6 = exprel(0.0) + exp(0)
f7 = timestep(0.25*ms, 0.1*ms)'''
    G = NeuronGroup(1, model)
    G.run_regularly(code)
    run(0.1*ms)
    return {'model': model, 'code': code,
            'values': {n: float(getattr(G, n)[0]) for n in names + fnames}}


write({'dt_s': 1e-4, 'cases': cases})
