// Example using GSL ODE solvers with a variable time step and comparing it to the Brian solver.
// Brian2 original: examples/advanced/compare_GSL_to_conventional.py
//
// For highly accurate simulations, i.e. simulations with a very low desired error, the GSL
// simulation with a variable time step can be faster because it uses a low time step only when it
// is necessary. In biologically detailed models (e.g. of the Hodgkin-Huxley type), the relevant
// time constants are very short around an action potential, but much longer when the neuron is
// near its resting potential. The following example uses a very simple neuron model (leaky
// integrate-and-fire), but simulates a change in relevant time constants by changing the actual
// time constant every 10 ms, independently for each of 100 neurons. To accurately simulate this
// model with a fixed time step, the time step has to be very small, wasting many unnecessary steps
// for all the neurons where the time constant is long.
//
// Note that using the GSL ODE solver is much slower, if both methods use a comparable number of
// steps, i.e. if the desired accuracy is low enough so that a single step per "Brian time step"
// is enough.
//
// brian-ts has no GSL library: method 'gsl_rk2' runs GSL's algorithm (rk2 with its embedded error
// estimate and GSL's step-size control) as generated JavaScript.
import { Network, NeuronGroup, StateMonitor, figure, ms, second, seed } from 'brian-ts';
import type { Quantity } from 'brian-ts';
import { scaled } from '../_duration.ts';

// Run settings
const startDt = ms(0.1);
const method = 'rk2';
const error = 1e-6; // requested accuracy

interface Result {
  mon: StateMonitor;
  runTime: number;
}

function runner(method: string, dt: Quantity, options?: Record<string, unknown>): Result {
  seed(0);
  // The same names in every run: brian-ts's random numbers are keyed by the object's name, so every
  // runner draws the same v and tau (Brian2 draws them in sequence after seed(0)).
  const group = new NeuronGroup(100, 'dv/dt = (-v + I)/tau : 1\ntau : second', {
    method,
    ...(options !== undefined ? { methodOptions: options } : {}),
    dt,
    name: 'group',
    namespace: { I: 5 },
  });
  group.runRegularly('v = rand()\ntau = 0.1*ms + rand()*9.9*ms', { dt: ms(10), name: 'group_run_regularly' });
  const recVars = ['v', 'tau', ...(method.includes('gsl') ? ['_step_count'] : [])];
  const net = new Network(group);
  net.run(ms(0));
  const mon = new StateMonitor(group, recVars, { record: true, dt: startDt });
  net.add(mon);
  const start = performance.now();
  net.run(scaled(second(1)));
  return { mon, runTime: (performance.now() - start) / 1000 };
}

/** All recorded values of a variable, neuron after neuron. */
const values = (mon: StateMonitor, name: string): Float64Array => Float64Array.from(mon.get(name).values.flatMap((row) => Array.from(row as ArrayLike<number>)));
const absDiff = (a: Float64Array, b: Float64Array): Float64Array => a.map((x, k) => Math.abs(x - b[k]!));
const mean = (x: ArrayLike<number>): number => Array.from(x).reduce((s, v) => s + v, 0) / x.length;
const max = (x: ArrayLike<number>): number => Array.from(x).reduce((m, v) => Math.max(m, v), -Infinity);

const lin = runner('linear', startDt);
const methodOptions = { save_step_count: true, absolute_error: error, max_steps: 10000 };
const gsl = runner(`gsl_${method}`, startDt, methodOptions);
const linV = values(lin.mon, 'v');
const gslV = values(gsl.mon, 'v');

console.log('Running with GSL integrator and variable time step:');
console.log(`Run time: ${gsl.runTime.toFixed(3)}s`);

// check gsl error
const gslErrors = absDiff(linV, gslV);
if (!(max(gslErrors) < error)) throw new Error(`Maximum error gsl integration too large: ${max(gslErrors)}`);
console.log(`average step count: ${mean(values(gsl.mon, '_step_count')).toFixed(1)}`);
console.log(`average absolute error: ${mean(gslErrors).toPrecision(6)}`);

console.log('\nRunning with exact integration and fixed time step:');
let dt = startDt;
const dts: Quantity[] = [];
const avgErrors: number[] = [];
const maxErrors: number[] = [];
const runtimes: number[] = [];
let brian: Result;
for (;;) {
  console.log(`Using dt: ${String(dt)}`);
  brian = runner(method, dt);
  console.log(`\tRun time: ${brian.runTime.toFixed(3)}s`);
  const errors = absDiff(values(brian.mon, 'v'), linV);
  avgErrors.push(mean(errors));
  maxErrors.push(max(errors));
  dts.push(dt);
  runtimes.push(brian.runTime);
  if (max(errors) > error) {
    console.log(`\tError too high (${max(errors).toPrecision(6)}), decreasing dt`);
    dt = dt.times(0.5);
  } else {
    break;
  }
}
console.log('Desired error level achieved:');
console.log(`average step count: ${(startDt.value / dt.value).toFixed(2)}s`);
console.log(`average absolute error: ${mean(absDiff(values(brian.mon, 'v'), linV)).toPrecision(6)}`);
console.log(`Run time: ${brian.runTime.toFixed(3)}s`);
if (brian.runTime > gsl.runTime) {
  console.log(`This is ${(brian.runTime / gsl.runTime).toFixed(1)} times slower than the simulation with GSL's variable time step method.`);
} else {
  console.log(`This is ${(gsl.runTime / brian.runTime).toFixed(1)} times faster than the simulation with GSL's variable time step method.`);
}

const fig = figure({ width: 1000, height: 480, rows: 1, cols: 2 });
const ax1 = fig.subplot(0, 0);
const ax2 = fig.subplot(0, 1);
ax2.axvline(1e-6, { color: 'gray' });
for (const [label, gslError, stdErrors, ax] of [
  ['average absolute error', mean(gslErrors), avgErrors, ax1],
  ['maximum absolute error', max(gslErrors), maxErrors, ax2],
] as const) {
  ax.xscale('log').yscale('log');
  ax.plot([], [], 'o', { color: 'C0', label: 'fixed time step' }); // for the legend entry
  stdErrors.forEach((e, k) => {
    ax.plot([e], [runtimes[k]!], 'o', { color: 'C0' });
    ax.text(e * 1.4, runtimes[k]! * 1.05, String(dts[k]!), { color: 'C0' });
  });
  ax.plot([gslError], [gsl.runTime], 'o', { color: 'C1', label: 'variable time step (GSL)' });
  ax.xlabel(label).xlim(1e-10, 1e1);
}
ax1.ylabel('runtime (s)');
ax2.legend({ loc: 'lower left' });
await fig.save('compare_GSL_to_conventional.png');

/** What the example found (for its test). */
export const results = { gslStepCounts: values(gsl.mon, '_step_count'), gslErrors, avgErrors, maxErrors, dts, runtimes, gslRunTime: gsl.runTime };
