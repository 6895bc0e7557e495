// Two realizations of the Ornstein-Uhlenbeck process with the same noise intensity.
// Brian2 original: examples/advanced/Ornstein_Uhlenbeck.py
//
// Figure 2 of Andre Longtin (2010) Stochastic dynamical systems. Scholarpedia, 5(4):1619:
// τ = 1.0 s and σ = 0.1 (black), τ = 0.1 s and σ = 0.31622 (red). In both cases the noise
// intensity is σ²τ = 0.01; the red curve more closely mimics Gaussian white noise. Both start at
// x(0) = 1.0, after which the mean decays exponentially to zero with time constant τ.
import { startScope, NeuronGroup, StateMonitor, run, second, figure } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();
const N = new NeuronGroup(
  2,
  `
  tau : second
  sigma : 1
  dy/dt = -y/tau + sqrt(2*sigma**2/tau)*xi : 1
  `,
  { method: 'euler' },
);

N.tau = second([1, 0.1]);
N.sigma = [0.1, 0.31622];
N.y = 1;

const M = new StateMonitor(N, 'y', { record: true });

const duration = scaled(second(10));
run(duration);

const fig = figure();
fig.plot(M.t.in(second), M.y.get(1).values, { color: 'red', label: 'τ=0.1 s, σ=0.31622' });
fig.plot(M.t.in(second), M.y[0].values, { color: 'k', label: 'τ=1 s, σ=0.1' });

fig.xlim(0, duration.in(second));
fig.ylim(-1.1, 1.1);

fig.xlabel('time (sec)');
fig.ylabel('Ornstein-Uhlenbeck process');

fig.legend();
await fig.save('Ornstein_Uhlenbeck.png');
