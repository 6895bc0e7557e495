"""Brian2 2.5.1 statistics for PoissonInput (issue 4 §2; semantics §7 and §14 item 33).

Each step, in slot `synapses`, PoissonInput adds B*weight to the target variable of every element,
B ~ Binomial(N, rate*dt) drawn per element (the normal approximation N(Np, sqrt(Np(1-p))) when
Np > 5 and N(1-p) > 5). Brian2's draws (numpy) cannot be reproduced, so each case records, for
several seeds, the sample mean, variance and fourth central moment of the target variable over
many neurons after T, next to the exact theoretical mean and variance:
with the state update v <- a*v (a = exp(-dt/tau), `exact`) before the input in every step,
v_T = w * sum_{j<K} a^j B_{K-j}, so E = w*Np*sum a^j and Var = w^2*Np(1-p)*sum a^(2j).
Cases: the exact regime (np = 0.1) with a Quantity weight, the normal regime with a string weight,
the exact regime with p > 0.5 (Brian2 samples n - Binomial(n, 1-p)), the normal regime at the
threshold where B can be fractional, and the §7 refractory example (a refractory neuron stays at 0
while others receive ~5 in 5 ms from PoissonInput(G, 'v', 100, 1000*Hz, weight=0.01)).
Usage: /usr/bin/python3 poisson_input.py OUTPUT.json
"""
from _sim import floats, write
from brian2 import *  # noqa: E402,F401,F403
import numpy as np  # noqa: E402

SEEDS = [1, 2, 3]
DT = 0.1e-3
CASES = [
    # label, model, tau, n_neurons, N, rate_Hz, weight (si value), weight unit, weight as string?, T
    dict(label='exact_quantity', model='dv/dt = -v/tau : volt', tau_s=10e-3, n_neurons=4000, N=50, rate_Hz=20.0,
         weight=0.5e-3, unit='volt', weight_string=None, T_s=50e-3),
    dict(label='normal_string', model='dv/dt = -v/tau : volt\nw : volt (constant)', tau_s=10e-3, n_neurons=4000, N=1000,
         rate_Hz=100.0, weight=0.1e-3, unit='volt', weight_string='w', T_s=50e-3),
    dict(label='exact_reverse', model='v : 1', tau_s=None, n_neurons=4000, N=10, rate_Hz=9000.0,
         weight=1.0, unit='1', weight_string=None, T_s=1e-3),
    dict(label='normal_threshold', model='v : 1', tau_s=None, n_neurons=4000, N=12, rate_Hz=5000.0,
         weight=1.0, unit='1', weight_string=None, T_s=0.1e-3),
]


def theory(case):
    n, p = case['N'], case['rate_Hz'] * DT
    K = int(round(case['T_s'] / DT))
    a = 1.0 if case['tau_s'] is None else np.exp(-DT / case['tau_s'])
    j = np.arange(K)
    w = case['weight']
    return w * n * p * np.sum(a ** j), w * w * n * p * (1 - p) * np.sum(a ** (2 * j))


def moments(x):
    x = np.asarray(x, dtype=float)
    m = x.mean()
    return dict(mean=float(m), var=float(x.var(ddof=1)), m4=float(np.mean((x - m) ** 4)),
                integer=bool(np.all(x == np.round(x))), min=float(x.min()))


data = {'dt_s': DT, 'seeds': SEEDS, 'cases': []}
for case in CASES:
    runs = []
    for s in SEEDS:
        start_scope()
        defaultclock.dt = DT * second
        seed(s)
        tau = (case['tau_s'] or 1.0) * second
        G = NeuronGroup(case['n_neurons'], case['model'], method='exact')
        unit = volt if case['unit'] == 'volt' else 1
        if case['weight_string'] is not None:
            G.w = case['weight'] * unit
            weight = case['weight_string']
        else:
            weight = case['weight'] * unit
        P = PoissonInput(G, 'v', case['N'], case['rate_Hz'] * Hz, weight=weight)
        assert P.when == 'synapses' and P.order == 0
        run(case['T_s'] * second)
        runs.append(dict(seed=s, **moments(np.asarray(G.v_))))
    mean, var = theory(case)
    data['cases'].append(dict(case, theory_mean=float(mean), theory_var=float(var), runs=runs))

# §7: refractory neurons (even indices, lastspike = 0, refractory 10 ms) receive nothing.
refr = []
for s in SEEDS:
    start_scope()
    defaultclock.dt = DT * second
    seed(s)
    G = NeuronGroup(1000, 'dv/dt = 0/second : 1 (unless refractory)', threshold='False', refractory=10 * ms, method='euler')
    G.lastspike = np.where(np.arange(1000) % 2 == 0, 0.0, -1e4) * second
    P = PoissonInput(G, 'v', 100, 1000 * Hz, weight=0.01)
    run(5 * ms)
    v = np.asarray(G.v_)
    refr.append(dict(seed=s, refractory_max_abs=float(np.max(np.abs(v[0::2]))), **moments(v[1::2])))
# The two-neuron example of the semantics notes.
start_scope()
defaultclock.dt = DT * second
seed(1)
G2 = NeuronGroup(2, 'dv/dt = 0/second : 1 (unless refractory)', threshold='False', refractory=10 * ms, method='euler')
G2.lastspike = [0.0, -1e4] * second
P2 = PoissonInput(G2, 'v', 100, 1000 * Hz, weight=0.01)
run(5 * ms)
data['refractory'] = dict(n_neurons=1000, N=100, rate_Hz=1000.0, weight=0.01, T_s=5e-3, refractory_s=10e-3,
                          theory_mean=100 * 0.1 * 0.01 * 50, theory_var=50 * 100 * 0.1 * 0.9 * 1e-4, runs=refr,
                          pair_v=floats(G2.v_))
write(data)
