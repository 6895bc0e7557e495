// Hodgkin-Huxley neuron whose gating steady states are Boltzmann functions and whose time
// constants are Gaussians of v (exercise 4, chapter 2 of Izhikevich, Dynamical Systems in Neuroscience).
// Brian2 original: examples/advanced/COBAHH_approximated.py (Sebastian Schmitt, 2021)
//
// The equations are put together from templates: one Equations object per gating variable and
// kind, with its names substituted (Brian2's Equations(..., xinf='m_inf')), then summed.
import { startScope, defaultclock, Equations, NeuronGroup, StateMonitor, TimedArray, linspace, run, mS, cm2, ms, mV, uA, uF, figure } from 'brian-ts';
import type { Axes, Quantity } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();

/** Steady state of a gating variable, approximated by a Boltzmann function. */
function gatingInf(x: string): Equations {
  return new Equations('xinf = 1/(1+exp((v_half-v)/k)) : 1', { xinf: `${x}_inf`, v_half: `v_${x}_half`, k: `k_${x}` });
}

/** Time constant of a gating variable, approximated by a Gaussian. */
function gatingTau(x: string): Equations {
  return new Equations('tau = c_base + c_amp*exp(-(v_max - v)**2/sigma**2) : second', {
    tau: `tau_${x}`,
    c_base: `c_${x}_base`,
    c_amp: `c_${x}_amp`,
    v_max: `v_${x}_max`,
    sigma: `sigma_${x}`,
  });
}

/** The gating variable's differential equation. */
function gatingODE(x: string): Equations {
  return new Equations('dx/dt = (xinf - x)/tau : 1', { x, xinf: `${x}_inf`, tau: `tau_${x}` });
}

const neuronODE = new Equations(`
g_K = g_K_bar*n**4 : siemens/meter**2
g_Na = g_Na_bar*m**3*h : siemens/meter**2
I_K = g_K*(v - e_K) : ampere/meter**2
I_Na = g_Na*(v - e_Na) : ampere/meter**2
I_L = g_L*(v - e_L) : ampere/meter**2
I_ext = I_stim(t) : ampere/meter**2
dv/dt = (I_ext - I_K - I_Na - I_L)/C_mem : volt
`);

const mS_cm2 = (x: number): Quantity => mS(x).div(cm2(1));

const parameters = {
  // Boltzmann function parameters
  v_n_half: mV(12), v_m_half: mV(25), v_h_half: mV(3),
  k_n: mV(15), k_m: mV(9), k_h: mV(-7),
  // Gaussian function parameters
  v_n_max: mV(-14), v_m_max: mV(27), v_h_max: mV(-2),
  sigma_n: mV(50), sigma_m: mV(30), sigma_h: mV(20),
  c_n_amp: ms(4.7), c_m_amp: ms(0.46), c_h_amp: ms(7.4),
  c_n_base: ms(1.1), c_m_base: ms(0.04), c_h_base: ms(1.2),
  // conductances
  g_K_bar: mS_cm2(36), g_Na_bar: mS_cm2(120), g_L: mS_cm2(0.3),
  // reversal potentials
  e_K: mV(-12), e_Na: mV(120), e_L: mV(10.6),
  // membrane capacitance
  C_mem: uF(1).div(cm2(1)),
  // external stimulus at 2 ms with 4 uA/cm^2 and at 10 ms with 15 uA/cm^2, for 0.5 ms each
  I_stim: new TimedArray(uA([0, 0, 0, 0, 4, ...Array<number>(15).fill(0), 15, 0]).div(cm2(1)), ms(0.5)),
};

const gating = ['m', 'n', 'h'];
const eqsHH = gating
  .flatMap((x) => [gatingInf(x), gatingTau(x), gatingODE(x)])
  .reduce((a, b) => a.plus(b), neuronODE);
const group = new NeuronGroup(1, eqsHH, { method: 'euler', namespace: parameters });
group.v = mV(0);
group.m = 0.05;
group.n = 0.32;
group.h = 0.6;
const statemon = new StateMonitor(group, ['v', 'I_ext', 'm', 'n', 'h', 'g_K', 'g_Na', 'I_K', 'I_Na', 'I_L', 'tau_m', 'tau_n', 'tau_h'], { record: true });

defaultclock.dt = ms(0.01);
run(scaled(ms(20)));

// The steady states and time constants over v from -100 to 100 mV (groups that are only evaluated).
const vAxis = linspace(-100, 100, 100);
const tauGroup = new NeuronGroup(100, gating.reduce((eqs, x) => eqs.plus(gatingTau(x)), new Equations('v : volt')), { method: 'euler', namespace: parameters });
tauGroup.v = mV(vAxis);
const infGroup = new NeuronGroup(100, gating.reduce((eqs, x) => eqs.plus(gatingInf(x)), new Equations('v : volt')), { method: 'euler', namespace: parameters });
infGroup.v = mV(vAxis);

// Brian2 cycles line styles ('-', '--', ':', '-.') instead of colours in this figure (all black).
const styles = ['-', '--', ':', '-.'] as const;
const lines = (ax: Axes, x: ArrayLike<number>, ys: [ArrayLike<number>, string][]): void => {
  ys.forEach(([y, label], k) => ax.plot(x, y, { lineStyle: styles[k % 4], color: 'k', label }));
  ax.legend();
};
const t = statemon.t.in(ms);
const fig = figure({ width: 1400, height: 1050, rows: 6, cols: 2 });
// One recorded trace in the given unit (dimensionless ones as plain values).
const mon = (name: string, unit?: Parameters<Quantity['in']>[0]): Float64Array => {
  const trace = statemon.get(name).get(0);
  return unit === undefined ? Float64Array.from(trace.values as ArrayLike<number>) : trace.in(unit);
};
const flux = uA(1).div(cm2(1));
const cond = mS(1).div(cm2(1));

const ax0 = fig.subplot(0, 0);
lines(ax0, t, [[mon('v', mV), 'membrane voltage']]);
ax0.axhline(0, { lineStyle: '--' });
ax0.xlabel('t (ms)').ylabel('v (mV)');

lines(fig.subplot(1, 0).xlabel('t (ms)').ylabel('activation'), t, [[mon('m'), 'm'], [mon('n'), 'n'], [mon('h'), 'h']]);
lines(fig.subplot(2, 0).xlabel('t (ms)').ylabel('g (mS/cm²)'), t, [[mon('g_K', cond), 'g_K'], [mon('g_Na', cond), 'g_Na']]);
const I_K = mon('I_K', flux);
const I_Na = mon('I_Na', flux);
const I_L = mon('I_L', flux);
lines(fig.subplot(3, 0).xlabel('t (ms)').ylabel('I (μA/cm²)'), t, [[I_K, 'I_K'], [I_Na, 'I_Na'], [I_Na.map((x, k) => x + I_K[k]! + I_L[k]!), 'I_Na + I_K + I_L']]);
lines(fig.subplot(4, 0).xlabel('t (ms)').ylabel('I (μA/cm²)'), t, [[mon('I_ext', flux), 'I_ext']]);
lines(fig.subplot(5, 0).xlabel('t (ms)').ylabel('τ (ms)'), t, [[mon('tau_m', ms), 'τ_m'], [mon('tau_n', ms), 'τ_n'], [mon('tau_h', ms), 'τ_h']]);

const ax6 = fig.subplot(0, 1, { rowSpan: 3 });
lines(ax6, vAxis, [[tauGroup.tau_m.in(ms), 'τ_m'], [tauGroup.tau_n.in(ms), 'τ_n'], [tauGroup.tau_h.in(ms), 'τ_h']]);
ax6.xlabel('v (mV)').ylabel('τ (ms)');
const ax7 = fig.subplot(3, 1, { rowSpan: 3 });
lines(ax7, vAxis, [[infGroup.m_inf.values, 'm_∞'], [infGroup.n_inf.values, 'n_∞'], [infGroup.h_inf.values, 'h_∞']]);
ax7.xlabel('v (mV)').ylabel('steady-state activation');
await fig.save('COBAHH_approximated.png');
