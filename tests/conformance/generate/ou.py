"""Brian2 2.5.1 golden data for an Ornstein-Uhlenbeck process driven by xi under euler, milstein
and heun: dv/dt = (mu - v)/tau + sigma*sqrt(2/tau)*xi, whose stationary law is N(mu, sigma^2).

N = 4000 independent neurons start from the stationary law (v = mu + sigma*randn()), run 100 ms
(10 tau) to wash out the start, then 10 further runs of 20 ms (2 tau apart, so successive
snapshots have correlation exp(-2) = 0.14); after each run the whole population is read. The
fixture holds the analytic values, Brian2's pooled mean and std over the 10 x 4000 samples, and
the discrete-time stationary std of the Euler-Maruyama scheme sigma/sqrt(1 - dt/(2 tau)), which
differs from sigma by 0.25 % at dt/tau = 0.01. The random streams of brian-ts and Brian2 differ
(semantics §9.6), so brian-ts is checked by statistics, not sample by sample.
Usage: /usr/bin/python3 ou.py OUTPUT.json
"""
import numpy as np
from _sim import write
from brian2 import *  # noqa: E402,F401,F403

N = 4000
mu, sigma, tau_ms = 1.0, 0.5, 10.0
EQS = 'dv/dt = (mu - v)/tau + sigma*sqrt(2/tau)*xi : 1'
results = {}
for k, method in enumerate(['euler', 'milstein', 'heun']):
    start_scope()
    seed(2025 + k)  # independent samples per method (with additive noise the three schemes coincide)
    tau = tau_ms*ms
    G = NeuronGroup(N, EQS, method=method)
    G.v = 'mu + sigma*randn()'
    run(100*ms)
    samples = []
    for _ in range(10):
        run(20*ms)
        samples.append(np.array(G.v[:]))
    x = np.concatenate(samples)
    results[method] = {'mean': float(x.mean()), 'std': float(x.std()),
                       'snapshot_means': [float(s.mean()) for s in samples],
                       'snapshot_stds': [float(s.std()) for s in samples]}
dt_over_tau = float(defaultclock.dt/(tau_ms*ms))
write({
    'model': {'eqs': EQS, 'N': N, 'mu': mu, 'sigma': sigma, 'tau_s': tau_ms*1e-3,
              'dt_s': float(defaultclock.dt), 'warmup_s': 0.1, 'snapshot_interval_s': 0.02,
              'snapshots': 10, 'init': 'mu + sigma*randn()'},
    'analytic': {'mean': mu, 'std': sigma,
                 'euler_discrete_std': sigma/np.sqrt(1 - dt_over_tau/2)},
    'brian2': results,
})
