"""Scheduling, step counts and clock rules of Brian2 2.5.1 (brian2/core/network.py, clocks.py).

Cases are data: each names NetworkOperations by (name, when, order, dt); the TS side builds
recording objects from the same data. Recorded: the call log (name, t) of every step, the sorted
order from scheduling_summary(), step counts and t after each run, and error messages."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from _sim import write  # noqa: E402
from brian2 import (Network, NetworkOperation, NeuronGroup, Clock, ms, second,  # noqa: E402
                    defaultclock)

# --- schedule cases: objects (name, when, order, dt in ms or None), schedule, duration in ms ---
SCHEDULE_CASES = [
    {'label': 'default slots', 'duration': 0.2, 'schedule': None, 'objects': [
        ['r_end', 'end', 0, None], ['r_resets', 'resets', 0, None], ['r_syn', 'synapses', 0, None],
        ['r_thr', 'thresholds', 0, None], ['r_groups', 'groups', 0, None], ['r_start', 'start', 0, None]]},
    {'label': 'before and after variants', 'duration': 0.1, 'schedule': None, 'objects': [
        ['a', 'after_groups', 0, None], ['b', 'before_groups', 0, None], ['c', 'groups', 0, None],
        ['d', 'after_start', 0, None], ['e', 'before_start', 0, None], ['f', 'before_end', 0, None],
        ['g', 'after_end', 0, None], ['h', 'before_thresholds', 0, None], ['k', 'after_resets', 0, None]]},
    {'label': 'order then name', 'duration': 0.1, 'schedule': None, 'objects': [
        ['zeta', 'start', -1, None], ['alpha', 'start', 1, None], ['beta', 'start', 0, None],
        ['Beta', 'start', 0, None], ['_under', 'start', 0, None], ['obj_10', 'start', 0, None],
        ['obj_9', 'start', 0, None], ['obj_1', 'start', 0, None], ['obj', 'start', 0, None],
        ['networkoperation', 'start', 0, None], ['neurongroup_run_regularly', 'start', 0, None],
        ['statemonitor', 'start', 0, None]]},
    {'label': 'custom schedule', 'duration': 0.1, 'schedule': ['end', 'resets', 'start', 'mine', 'groups', 'thresholds', 'synapses'],
     'objects': [['p', 'start', 0, None], ['q', 'mine', 0, None], ['r', 'end', 0, None], ['s', 'after_mine', 0, None],
                 ['u', 'before_end', 0, None], ['v', 'groups', 0, None]]},
    {'label': 'two clocks, 0.1 ms and 0.25 ms', 'duration': 1.0, 'schedule': None, 'objects': [
        ['mon', 'start', 0, 0.25], ['grp', 'groups', 0, 0.1]]},
    {'label': 'three clocks with ties', 'duration': 0.6, 'schedule': None, 'objects': [
        ['fast', 'end', 0, 0.1], ['mid', 'start', 0, 0.2], ['slow', 'groups', 0, 0.3], ['fast2', 'start', 5, 0.1]]},
    {'label': 'two clocks, run not a multiple of the slow dt', 'duration': 0.3, 'schedule': None, 'objects': [
        ['x', 'start', 0, 0.1], ['y', 'start', 0, 0.25]]},
    {'label': 'one object with a private clock', 'duration': 0.5, 'schedule': None, 'objects': [
        ['only', 'start', 0, 0.05]]},
]


def run_schedule_case(case):
    log = []
    objs = []
    by_name = {}
    for name, when, order, dt in case['objects']:
        def make(name):
            def op():
                log.append([name, float(by_name[name].clock.variables['t'].get_value()[0])])
            return op
        op = make(name)
        kw = {} if dt is None else {'dt': dt * ms}
        objs.append(NetworkOperation(op, when=when, order=order, name=name, **kw))
        by_name[name] = objs[-1]
    net = Network(*objs)
    if case['schedule'] is not None:
        net.schedule = case['schedule']
    sorted_names = [o.name for o in net.sorted_objects]
    net.run(case['duration'] * ms)
    return {**case, 'sorted': sorted_names, 'log': log, 't_end': float(net.t)}


# --- step-count cases: a sequence of runs (and dt changes) on one NetworkOperation ---
STEP_CASES = [
    {'label': 'run(0.25 ms) sequence', 'dt': 0.1, 'ops': [['run', 0.25], ['run', 0.25], ['run', 0.04], ['run', 0.0001]]},
    {'label': 'exact multiples', 'dt': 0.1, 'ops': [['run', 1.0], ['run', 0.3], ['run', 0.7]]},
    {'label': 'tiny remainder within epsilon', 'dt': 0.1, 'ops': [['run', 0.10000001], ['run', 0.19999999], ['run', 0.5000001]]},
    {'label': 'zero duration', 'dt': 0.1, 'ops': [['run', 0.0], ['run', 0.1], ['run', 0.0]]},
    {'label': 'dt change at a multiple', 'dt': 0.5, 'ops': [['run', 2.0], ['dt', 0.25], ['run', 1.0], ['dt', 1.0], ['run', 1.0]]},
    {'label': 'dt change not at a multiple', 'dt': 0.5, 'ops': [['run', 2.0], ['dt', 0.3], ['run', 1.0]]},
    {'label': 'dt change after a fractional run', 'dt': 0.1, 'ops': [['run', 0.25], ['dt', 0.05], ['run', 0.25]]},
    {'label': 'dt change to a coarser grid', 'dt': 0.1, 'ops': [['run', 0.3], ['dt', 0.2], ['run', 0.2]]},
    {'label': 'odd dt', 'dt': 0.03, 'ops': [['run', 0.1], ['run', 0.1], ['run', 1.0]]},
]


def run_step_case(case):
    clock = Clock(dt=case['dt'] * ms, name='stepclock')
    count = [0]

    def op():
        count[0] += 1
    obj = NetworkOperation(op, clock=clock, name='counter')
    net = Network(obj)
    results = []
    for kind, value in case['ops']:
        if kind == 'dt':
            clock.dt = value * ms
            results.append({'op': 'dt'})
            continue
        before = count[0]
        try:
            net.run(value * ms)
        except Exception as ex:  # noqa: BLE001
            msg = str(ex)
            cause = ex.__cause__
            results.append({'op': 'run', 'error': str(cause) if cause is not None else msg})
            break
        results.append({'op': 'run', 'steps': count[0] - before, 'net_t': float(net.t),
                        'clock_t': float(clock.variables['t'].get_value()[0]), 'timestep': int(clock.variables['timestep'].get_value()[0])})
    return {**case, 'results': results}


# --- text report: the deterministic lines of report='text' ---
def report_lines():
    calls = []

    def cb(elapsed, completed, start, duration):
        calls.append([float(completed), str(start), str(duration), str(completed * duration)])
    net = Network(NetworkOperation(lambda: None, name='noop'))
    net.run(10 * ms, report=cb)
    net.run(2.5 * ms, report=cb)
    return calls


defaultclock.dt = 0.1 * ms
write({
    'schedule': [run_schedule_case(c) for c in SCHEDULE_CASES],
    'steps': [run_step_case(c) for c in STEP_CASES],
    'report': report_lines(),
})
