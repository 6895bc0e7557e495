// Morris-Lecar model: voltage oscillations and nullclines for several input currents (Fig. 9).
// Brian2 original: examples/frompapers/Morris_Lecar_1981.py
//
// Catherine Morris and Harold Lecar. "Voltage Oscillations in the Barnacle Giant Muscle Fiber."
// Biophysical Journal 35, no. 1 (1981): 193–213. Brian2 labels each curve with its current as
// text beside it; here the labels are in legends.
import { startScope, NeuronGroup, StateMonitor, run, defaultclock, mS, mV, ms, uA, uF, figure } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();
defaultclock.dt = ms(0.01);

const g_L = mS(2);
const g_Ca = mS(4);
const g_K = mS(8);
const V_L = mV(-50);
const V_Ca = mV(100);
const V_K = mV(-70);
const lambda_n__max = ms(15).pow(-1);
const V_1 = mV(10);
const V_2 = mV(15); // Note that Figure caption says -15 which seems to be a typo
const V_3 = mV(-1);
const V_4 = mV(14.5);
const C = uF(20);

// V,N-reduced system (Eq. 9 in article), note that the variables M and N (and lambda_N, etc.)
// have been renamed to m and n to better match the Hodgkin-Huxley convention, and because N has
// a reserved meaning in Brian (number of neurons)
const eqs = `
dV/dt = (-g_L*(V - V_L) - g_Ca*m_inf*(V - V_Ca) - g_K*n*(V - V_K) + I)/C : volt
dn/dt = lambda_n*(n_inf - n) : 1
m_inf = 0.5*(1 + tanh((V - V_1)/V_2)) : 1
n_inf = 0.5*(1 + tanh((V - V_3)/V_4)) : 1
lambda_n = lambda_n__max*cosh((V - V_3)/(2*V_4)) : Hz
I : amp
`;

const neuron = new NeuronGroup(17, eqs, {
  method: 'exponential_euler',
  namespace: { g_L, g_Ca, g_K, V_L, V_Ca, V_K, lambda_n__max, V_1, V_2, V_3, V_4, C },
});
neuron.I = uA(Array.from({ length: 17 }, (_, k) => k * 25 + 100));
neuron.V = V_L;
neuron.n = 'n_inf';
const mon = new StateMonitor(neuron, ['V', 'n'], { record: true });

const run_time = scaled(ms(220));
run(run_time);
const I_uA: Float64Array = neuron.I.in(uA);

const fig = figure({ width: 640, height: 320, cols: 2 });
const ax1 = fig.subplot(0, 0);
[0, 4, 12, 15].forEach((idx, line_no) => {
  ax1.plot(mon.t.in(ms), mon.V.get(idx).in(mV), { color: `C${line_no}`, label: I_uA[idx]!.toFixed(0) });
});
ax1.xlim(0, run_time.in(ms)).ylim(-50, 50).xlabel('time (ms)').ylabel('V (mV)');
ax1.legend({ loc: 'lower right' });

// dV/dt nullclines
const V = Array.from({ length: 100 }, (_, k) => -50 + (100 * k) / 99); // mV
const ax2 = fig.subplot(0, 1);
const inMV = (q: { in(u: typeof mV): number }): number => q.in(mV);
const [gL, gCa, gK] = [g_L.in(mS), g_Ca.in(mS), g_K.in(mS)]; // mS × mV = uA
for (const [idx, color] of [[0, 'C0'], [4, 'C1'], [8, 'C4'], [12, 'C2'], [16, 'C5']] as const) {
  const n_null = V.map(
    (v) => (gL * (v - inMV(V_L)) + gCa * 0.5 * (1 + Math.tanh((v - inMV(V_1)) / inMV(V_2))) * (v - inMV(V_Ca)) - I_uA[idx]!) / (-gK * (v - inMV(V_K))),
  );
  // Points far outside the panel are left out (see the docs fragment: the PNG renderer truncates
  // lines that reach far beyond the axis limits).
  ax2.plot(V, n_null.map((n) => (n < -0.2 || n > 1.2 ? NaN : n)), { color, label: I_uA[idx]!.toFixed(0) });
}
// dn/dt nullcline
ax2.plot(V, V.map((v) => 0.5 * (1 + Math.tanh((v - inMV(V_3)) / inMV(V_4)))), { color: 'k' });
ax2.xlim(-50, 50).ylim(0, 1).xlabel('V (mV)').ylabel('n');
ax2.legend({ loc: 'upper left' });
await fig.save('Morris_Lecar_1981.png');
