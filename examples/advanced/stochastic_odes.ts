// The derivative-free Milstein method vs Heun for multiplicative noise (geometric Brownian motion).
// Brian2 original: examples/advanced/stochastic_odes.py
//
// Demonstrates the correctness of the "derivative-free Milstein method" for multiplicative noise.
// Difference from Brian2: Brian2 recreates the Wiener process of the simulation with numpy's
// generator seeded alike. brian-ts's counter-based generator cannot be replayed outside the
// simulation. Instead the same stream (same seed, group name and method) drives a second group
// that integrates the Wiener process W itself (dW/dt = xi*second**.5/second), and the exact
// solution is computed from the recorded W with Brian2's formula, X0*exp((mu - sigma²/2)*(t+dt) +
// sigma*W(t)) (so the errors are the ones Brian2's figure shows).
import { NeuronGroup, StateMonitor, Network, seed, second, ms, Hz, figure } from 'brian-ts';
import type { Quantity } from 'brian-ts';
import { scaled } from '../_duration.ts';

// setting a random seed makes all variants use the same Wiener process
const randomSeed = 12347;

const X0 = 1;
const mu = Hz(0.5); // drift, 0.5/second
const sigma = Hz(0.1); // diffusion, 0.1/second

const runtime = scaled(second(1));

/** Simulates geometric Brownian motion with the given method; returns t (s), X and W. */
function simulate(method: string, dt: Quantity): { t: Float64Array; X: Float64Array } {
  seed(randomSeed);
  const G = new NeuronGroup(1, 'dX/dt = (mu - 0.5*second*sigma**2)*X + X*sigma*xi*second**.5: 1', {
    dt,
    method,
    namespace: { mu, sigma },
    name: 'gbm',
  });
  G.X = X0;
  const mon = new StateMonitor(G, 'X', { record: true });
  const net = new Network(G, mon);
  net.run(runtime);
  return { t: mon.t_, X: mon.X[0].values };
}

/**
 * The Wiener process that drove `simulate(method, dt)`: the same seed, group name and method
 * give the same stream of normal numbers, here integrated as W itself.
 */
function wienerProcess(method: string, dt: Quantity): Float64Array {
  seed(randomSeed);
  const G = new NeuronGroup(1, 'dX/dt = xi*second**.5/second : 1', { dt, method, name: 'gbm' });
  const mon = new StateMonitor(G, 'X', { record: true });
  const net = new Network(G, mon);
  net.run(runtime);
  return mon.X[0].values;
}

/**
 * The exact solution for the Wiener process W that drove the run, as Brian2's example computes it:
 * X0*exp((mu - sigma²/2)*(t + dt) + sigma*W(t)) at each recorded t (its W starts at 0 at t = 0;
 * the drift term is taken at the end of the step).
 */
function exactSolution(t: Float64Array, W: Float64Array, dt: Quantity): Float64Array {
  const myMu = mu.in(Hz);
  const mySigma = sigma.in(Hz);
  const step = dt.in(second);
  return t.map((tk, k) => X0 * Math.exp((myMu - 0.5 * mySigma ** 2) * (tk + step) + mySigma * W[k]!));
}

const methods = ['milstein', 'heun'];
const dts = [ms(1), ms(0.5), ms(0.2), ms(0.1), ms(0.05), ms(0.025), ms(0.01), ms(0.005)];

const rows = Math.floor(Math.sqrt(dts.length));
const cols = Math.ceil(dts.length / rows);
const fig1 = figure({ width: 1600, height: 700, rows, cols });
const fig2 = figure({ width: 1600, height: 700, rows, cols });
export const errors = new Map(methods.map((m) => [m, new Array<number>(dts.length).fill(0)]));
dts.forEach((dt, dtIdx) => {
  console.log(`dt: ${String(dt)}`);
  const panel1 = fig1.subplot(Math.floor(dtIdx / cols), dtIdx % cols);
  const panel2 = fig2.subplot(Math.floor(dtIdx / cols), dtIdx % cols);
  let exact: Float64Array | undefined;
  let t: Float64Array | undefined;
  for (const method of methods) {
    const run = simulate(method, dt);
    t = run.t;
    const ex = exactSolution(run.t, wienerProcess(method, dt), dt);
    exact ??= ex;
    // plot the trajectories
    panel1.plot(run.t, run.X, { label: method, alpha: 0.75 });
    // the mean absolute error
    const diff = run.X.map((x, k) => x - ex[k]!);
    errors.get(method)![dtIdx] = diff.reduce((s, d) => s + Math.abs(d), 0) / diff.length;
    // the difference to the exact trajectory
    panel2.plot(run.t, diff, { label: method, alpha: 0.75 });
  }
  panel1.plot(t!, exact!, { color: 'gray', lineWidth: 2, label: 'exact', alpha: 0.75 });
  panel1.title(`dt = ${String(dt)}`);
});
fig1.legend();
fig2.legend();
await fig1.save('stochastic_odes_trajectories.png');
await fig2.save('stochastic_odes_differences.png');

const fig3 = figure();
for (const method of methods) {
  fig3.plot(dts.map((dt) => dt.in(ms)), errors.get(method)!, 'o', { label: method });
}
fig3.legend();
fig3.xscale('log');
fig3.yscale('log');
fig3.xlabel('dt (ms)');
fig3.ylabel('Mean absolute error');
await fig3.save('stochastic_odes_errors.png');
