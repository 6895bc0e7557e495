"""Brian2 2.5.1 golden data for the input objects (issue 4 §2): TimedArray index arithmetic
(direct calls and NeuronGroup traces, 1-D and 2-D, group dt != array dt, the 0.0999 ms -> index 1
case), a TimedArray-driven NeuronGroup on a private clock (method choice: exact when the array's
dt is a multiple of the group's), a TimedArray-driven PoissonGroup on a private clock whose rates are 0 or above 1/dt (so
its spikes are deterministic), SpikeGeneratorGroup spike trains (unsorted input, times off the
time grid, a private dt, a period, setSpikes with spikes in the past), and PoissonGroup spike
counts for several seeds (the statistical reference).
Usage: /usr/bin/python3 inputs.py OUTPUT.json
"""
from _sim import floats, ints, write
from brian2 import *  # noqa: E402,F401,F403
import re  # noqa: E402
from brian2.utils.logger import catch_logs  # noqa: E402

data = {}

# ---- TimedArray: direct calls (K from defaultclock.dt) ---------------------------------------
ta_vals = [1.0, 2.0, 3.0, 4.0, 5.0]
probe_t = [0.0, 0.08e-3, 0.095e-3, 0.098e-3, 0.0985e-3, 0.0999e-3, 0.09999e-3, 0.1e-3, 0.179e-3, 0.1985e-3, 0.14e-3, 0.2999e-3, 0.3e-3, 0.35e-3, 0.4e-3, 0.49e-3, 1e-3, -0.01e-3]
calls = []
for clock_dt in [0.1e-3, 0.0999e-3, 0.03e-3, 0.5e-3]:
    defaultclock.dt = clock_dt*second
    ta = TimedArray(ta_vals*mV, dt=0.1*ms)
    calls.append({'clock_dt_s': clock_dt, 'values_V': [float(ta(t*second)) for t in probe_t]})
data['direct'] = {'values_V': [v*1e-3 for v in ta_vals], 'ta_dt_s': 0.1e-3, 'probe_t_s': probe_t, 'cases': calls}

# ---- TimedArray in NeuronGroups on the default clock -----------------------------------------
# x is (constant over dt) so that the monitor records a stored variable; its value at t is ta(t).
vals1 = [0.5, 1.5, -1.0, 2.0, 0.25, 3.0, 1.0]
vals2 = [[1.0, 10.0], [2.0, 20.0], [3.0, 30.0], [4.0, 40.0]]
EQS1 = '''
x = ta(t) : 1 (constant over dt)
dv/dt = (ta(t) - v)/tau : 1
'''
EQS2 = 'y = ta2(t, i % 2) : volt (constant over dt)'
traces = []
for clock_dt, ta_dt, duration in [(0.0999e-3, 0.1e-3, 1e-3), (0.1e-3, 0.1e-3, 1e-3), (0.03e-3, 0.1e-3, 1e-3),
                                  (0.1e-3, 0.03e-3, 0.5e-3), (0.05e-3, 0.2e-3, 2e-3)]:
    defaultclock.dt = clock_dt*second
    ta = TimedArray(vals1, dt=ta_dt*second)
    ta2 = TimedArray(vals2*mV, dt=ta_dt*second)
    tau = 0.3*ms
    G = NeuronGroup(2, EQS1, method='euler')
    H = NeuronGroup(3, EQS2)
    MG = StateMonitor(G, ['x', 'v'], record=[0])
    MH = StateMonitor(H, 'y', record=True)
    net = Network(G, H, MG, MH)
    net.run(duration*second)
    traces.append({'clock_dt_s': clock_dt, 'ta_dt_s': ta_dt, 'duration_s': duration,
                   't_s': floats(MG.t), 'x': floats(MG.x[0]), 'v': floats(MG.v[0]),
                   'y_V': [floats(MH.y[k]) for k in range(3)]})
data['groups'] = {'vals1': vals1, 'vals2_V': [[v*1e-3 for v in row] for row in vals2], 'tau_s': 0.3e-3,
                  'eqs1': EQS1, 'eqs2': EQS2, 'cases': traces}

# ---- TimedArray in a NeuronGroup on a private clock: the default method list chooses `exact` when
# the array's dt is a multiple of the group's (TimedArray.is_locally_constant), `euler` otherwise;
# the monitor records the subexpression u = ta(t) (not constant over dt) at the group's times
EQS3 = '''
dv/dt = (ta(t) - v)/tau : 1
u = ta(t) : 1
'''
private = []
for group_dt, ta_dt, duration in [(0.05e-3, 0.2e-3, 1.6e-3), (0.03e-3, 0.2e-3, 0.6e-3)]:
    defaultclock.dt = 0.1*ms
    ta = TimedArray(vals1, dt=ta_dt*second)
    tau = 0.3*ms
    G = NeuronGroup(1, EQS3, dt=group_dt*second)
    M = StateMonitor(G, ['v', 'u'], record=True)
    net = Network(G, M)
    with catch_logs(log_level='INFO') as logs:
        net.run(duration*second)
    chosen = [re.search(r"using method '(\w+)'", msg).group(1) for _, _, msg in logs if 'using method' in msg]
    private.append({'group_dt_s': group_dt, 'ta_dt_s': ta_dt, 'duration_s': duration, 'method': chosen[0],
                    't_s': floats(M.t), 'v': floats(M.v[0]), 'u': floats(M.u[0])})
data['private_clock'] = {'vals1': vals1, 'tau_s': 0.3e-3, 'eqs': EQS3, 'cases': private}

# ---- PoissonGroup driven by a TimedArray on a private clock (dt 0.096 ms: K = 16 from the group
# dt puts t = 0.096 ms in bin 0, K = 8 from defaultclock.dt would put it in bin 1); rates 0 or
# 1e9 Hz make the spikes deterministic
defaultclock.dt = 0.1*ms
pattern = [0, 1, 1, 0, 1, 0, 0, 1, 0, 1]
rate_ta = TimedArray([p*1e9 for p in pattern]*Hz, dt=0.1*ms)
P = PoissonGroup(2, rates='rate_ta(t)', dt=0.096*ms)
SP = SpikeMonitor(P)
net = Network(P, SP)
net.run(1.2*ms)
data['poisson_timed'] = {'pattern': pattern, 'ta_dt_s': 0.1e-3, 'group_dt_s': 0.096e-3, 'duration_s': 1.2e-3,
                         'i': ints(SP.i), 't_s': floats(SP.t)}

# ---- SpikeGeneratorGroup ---------------------------------------------------------------------
sg_cases = []


def sg_case(label, N, indices, times_s, duration_s, dt_s=None, period_s=0.0, group_dt=0.1e-3):
    defaultclock.dt = group_dt*second
    kw = {} if dt_s is None else {'dt': dt_s*second}
    G = SpikeGeneratorGroup(N, indices, times_s*second, period=period_s*second, **kw)
    M = SpikeMonitor(G)
    net = Network(G, M)
    net.run(duration_s*second)
    sg_cases.append({'label': label, 'N': N, 'indices': indices, 'times_s': times_s, 'duration_s': duration_s,
                     'dt_s': dt_s, 'period_s': period_s, 'i': ints(M.i), 't_s': floats(M.t)})


# unsorted, off-grid, same-bin spikes in time order (3 before 1), a time just below a multiple of dt
sg_case('unsorted_offgrid', 5, [2, 0, 3, 1, 4, 0, 2, 1, 3],
        [0.35e-3, 0.12e-3, 0.11e-3, 0.12e-3, 0.0999999e-3, 1.0e-3, 0.0, 0.95e-3, 2.04999e-3], 3e-3)
sg_case('private_dt', 4, [0, 1, 2, 3, 0], [0.2e-3, 0.26e-3, 0.74e-3, 0.75e-3, 1.6e-3], 3e-3, dt_s=0.25e-3)
sg_case('period', 3, [1, 0, 2, 0], [0.0, 0.2e-3, 0.55e-3, 0.9e-3], 3.5e-3, period_s=1e-3)
sg_case('period_private_dt', 2, [0, 1], [0.1e-3, 0.33e-3], 2e-3, dt_s=0.2e-3, period_s=0.6e-3)

# setSpikes between runs; spikes before the current time are skipped (with a warning)
defaultclock.dt = 0.1*ms
G = SpikeGeneratorGroup(3, [0, 1], [0.2, 0.5]*ms)
M = SpikeMonitor(G)
net = Network(G, M)
net.run(1*ms)
G.set_spikes([2, 0, 1, 2], [0.3, 1.25, 1.5, 1.9]*ms)
net.run(1*ms)
data['set_spikes'] = {'first': {'indices': [0, 1], 'times_s': [0.2e-3, 0.5e-3]},
                      'second': {'indices': [2, 0, 1, 2], 'times_s': [0.3e-3, 1.25e-3, 1.5e-3, 1.9e-3]},
                      'i': ints(M.i), 't_s': floats(M.t)}
data['spikegenerator'] = sg_cases

# ---- PoissonGroup statistics (reference counts from several seeds) ---------------------------
defaultclock.dt = 0.1*ms
stats = []
for s in range(5):
    seed(100 + s)
    A = PoissonGroup(500, 20*Hz)
    B = PoissonGroup(4, [1, 10, 100, 1000]*Hz)
    C = PoissonGroup(200, rates='(1 + i % 4)*F', namespace={'F': 25*Hz})
    D = PoissonGroup(3, 20*kHz)  # rates*dt = 2: a spike every step
    MA, MB, MC, MD = SpikeMonitor(A), SpikeMonitor(B), SpikeMonitor(C), SpikeMonitor(D)
    net = Network(A, B, C, D, MA, MB, MC, MD)
    net.run(0.5*second)
    cc = np.asarray(MC.count)
    stats.append({'seed': 100 + s, 'A_total': int(MA.num_spikes), 'B_count': ints(MB.count),
                  'C_by_class': [int(cc[k::4].sum()) for k in range(4)], 'D_count': ints(MD.count)})
data['poisson_stats'] = {'duration_s': 0.5, 'dt_s': 1e-4, 'A': {'N': 500, 'rate_Hz': 20},
                         'B': {'rates_Hz': [1, 10, 100, 1000]}, 'C': {'N': 200, 'rates': '(1 + i % 4)*F', 'F_Hz': 25},
                         'D': {'N': 3, 'rate_Hz': 20000}, 'runs': stats}
write(data)
