// Sample-specific persistent activity: five selective subpopulations, three selective stimuli and
// a reset stimulus (analogous to Fig. 6b of Brunel & Wang 2001).
// Brian2 original: examples/frompapers/Brunel_Wang_2001.py
//
// Brunel N, Wang X-J (2001). Effects of neuromodulation in a cortical network model of object
// working memory dominated by recurrent inhibition. J Comput Neurosci 11(1): 63-85.
// 800 pyramidal neurons and 200 interneurons with AMPA, NMDA (summed from the synapses) and GABA
// currents and external Poisson noise; five subpopulations of 80 pyramidal neurons have stronger
// connections within. A stimulus to subpopulation 1 at 1 s and to subpopulation 2 at 2 s starts
// persistent activity; a strong input to all neurons at 3 s resets it. (All-to-all connectivity:
// 800 000 synapses with clock-driven NMDA gating, a long run.)
import {
  startScope,
  NeuronGroup, Synapses, PoissonInput, TimedArray, SpikeMonitor, PopulationRateMonitor, Network, collect,
  mV, nF, nS, ms, Hz, second, figure,
} from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();

// populations
const N = 1000;
const N_E = Math.trunc(N * 0.8); // pyramidal neurons
const N_I = Math.trunc(N * 0.2); // interneurons

// subpopulations
const f = 0.1;
const p = 5;
const N_sub = Math.trunc(N_E * f);
const N_non = Math.trunc(N_E * (1 - f * p));
const w_plus = 2.1;
const w_minus = 1 - (f * (w_plus - 1)) / (1 - f);

const namespace = {
  // voltage
  V_L: mV(-70), V_thr: mV(-50), V_reset: mV(-55), V_E: mV(0), V_I: mV(-70),
  // membrane capacitance
  C_m_E: nF(0.5), C_m_I: nF(0.2),
  // membrane leak
  g_m_E: nS(25), g_m_I: nS(20),
  // AMPA (excitatory)
  g_AMPA_ext_E: nS(2.08), g_AMPA_rec_E: nS((0.104 * 800) / N_E),
  g_AMPA_ext_I: nS(1.62), g_AMPA_rec_I: nS((0.081 * 800) / N_E),
  tau_AMPA: ms(2),
  // NMDA (excitatory)
  g_NMDA_E: nS((0.327 * 800) / N_E), g_NMDA_I: nS((0.258 * 800) / N_E),
  tau_NMDA_rise: ms(2), tau_NMDA_decay: ms(100), alpha: ms(1).pow(-1).times(0.5), Mg2: 1,
  // GABAergic (inhibitory)
  g_GABA_E: nS((1.25 * 200) / N_I), g_GABA_I: nS((0.973 * 200) / N_I), tau_GABA: ms(10),
};

// refractory period
const tau_rp_E = ms(2);
const tau_rp_I = ms(1);

// external stimuli
const rate = Hz(3);
const C_ext = 800;

// modeling
const eqs = (pop: 'E' | 'I'): string => `
dv / dt = (- g_m_${pop} * (v - V_L) - I_syn) / C_m_${pop} : volt (unless refractory)

I_syn = I_AMPA_ext + I_AMPA_rec + I_NMDA_rec + I_GABA_rec : amp

I_AMPA_ext = g_AMPA_ext_${pop} * (v - V_E) * s_AMPA_ext : amp
I_AMPA_rec = g_AMPA_rec_${pop} * (v - V_E) * 1 * s_AMPA : amp
ds_AMPA_ext / dt = - s_AMPA_ext / tau_AMPA : 1
ds_AMPA / dt = - s_AMPA / tau_AMPA : 1

I_NMDA_rec = g_NMDA_${pop} * (v - V_E) / (1 + Mg2 * exp(-0.062 * v / mV) / 3.57) * s_NMDA_tot : amp
s_NMDA_tot : 1

I_GABA_rec = g_GABA_${pop} * (v - V_I) * s_GABA : amp
ds_GABA / dt = - s_GABA / tau_GABA : 1
`;

const P_E = new NeuronGroup(N_E, eqs('E'), { threshold: 'v > V_thr', reset: 'v = V_reset', refractory: tau_rp_E, method: 'euler', namespace });
P_E.v = namespace.V_L;
const P_I = new NeuronGroup(N_I, eqs('I'), { threshold: 'v > V_thr', reset: 'v = V_reset', refractory: tau_rp_I, method: 'euler', namespace });
P_I.v = namespace.V_L;

const eqs_glut = `
s_NMDA_tot_post = w * s_NMDA : 1 (summed)
ds_NMDA / dt = - s_NMDA / tau_NMDA_decay + alpha * x * (1 - s_NMDA) : 1 (clock-driven)
dx / dt = - x / tau_NMDA_rise : 1 (clock-driven)
w : 1
`;
const eqs_pre_glut = `
s_AMPA += w
x += 1
`;
const eqs_pre_gaba = `
s_GABA += 1
`;

// E to E
const C_E_E = new Synapses(P_E, P_E, eqs_glut, { onPre: eqs_pre_glut, method: 'euler', namespace });
C_E_E.connect({ condition: 'i != j' });
C_E_E.w = 1;
for (let pi = N_non; pi < N_non + p * N_sub; pi += N_sub) {
  // internal other subpopulation to current nonselective
  C_E_E.w[`j >= ${pi} and j < ${pi + N_sub}`] = w_minus;
  // internal current subpopulation to current subpopulation
  C_E_E.w[`i >= ${pi} and i < ${pi + N_sub} and j >= ${pi} and j < ${pi + N_sub}`] = w_plus;
}

// E to I
const C_E_I = new Synapses(P_E, P_I, eqs_glut, { onPre: eqs_pre_glut, method: 'euler', namespace });
C_E_I.connect();
C_E_I.w = 1;

// I to I
const C_I_I = new Synapses(P_I, P_I, '', { onPre: eqs_pre_gaba, method: 'euler' });
C_I_I.connect({ condition: 'i != j' });

// I to E
const C_I_E = new Synapses(P_I, P_E, '', { onPre: eqs_pre_gaba, method: 'euler' });
C_I_E.connect();

// external noise
new PoissonInput(P_E, 's_AMPA_ext', C_ext, rate, '1');
new PoissonInput(P_I, 's_AMPA_ext', C_ext, rate, '1');

/** A stimulus: on for 50 ms from step `start` of 25 ms (Brian2's np.r_[zeros(start), ones(2), zeros(100)]). */
const pulse = (start: number): TimedArray => new TimedArray([...Array<number>(start).fill(0), 1, 1, ...Array<number>(100).fill(0)], ms(25));

// at 1s, select population 1
const C_selection = Math.trunc(f * C_ext);
const rate_selection = Hz(25);
new PoissonInput(P_E.slice(N_non, N_non + N_sub), 's_AMPA_ext', C_selection, rate_selection, 'stimuli1(t)');

// at 2s, select population 2
new PoissonInput(P_E.slice(N_non + N_sub, N_non + 2 * N_sub), 's_AMPA_ext', C_selection, rate_selection, 'stimuli2(t)');

// at 3s, reset selection
new PoissonInput(P_E, 's_AMPA_ext', C_ext, rate_selection, 'stimuli_reset(t)');
new PoissonInput(P_I, 's_AMPA_ext', C_ext, rate_selection, 'stimuli_reset(t)');

// monitors
const N_activity_plot = 15;
const selective = Array.from({ length: p }, (_, k) => N_non + k * N_sub);
export const sp_E_sels = selective.map((pi) => new SpikeMonitor(P_E.slice(pi, pi + N_activity_plot)));
export const sp_E = new SpikeMonitor(P_E.slice(0, N_activity_plot));
export const sp_I = new SpikeMonitor(P_I.slice(0, N_activity_plot));

export const r_E_sels = selective.map((pi) => new PopulationRateMonitor(P_E.slice(pi, pi + N_sub)));
export const r_E = new PopulationRateMonitor(P_E.slice(0, N_non));
export const r_I = new PopulationRateMonitor(P_I);

// simulate, can be long (the stimuli's TimedArrays come from the run's namespace, as Brian2 takes
// them from the script's)
const net = new Network(...collect());
net.run(scaled(second(4)), { report: 'text', namespace: { stimuli1: pulse(40), stimuli2: pulse(80), stimuli_reset: pulse(120) } });

// plotting
const fig = figure({ width: 640, height: 960, rows: 2 });
const ax0 = fig.subplot(0);
ax0.title('Population rates').xlabel('ms').ylabel('Hz');
const smooth = (r: PopulationRateMonitor): Float64Array => r.smoothRate('flat', ms(25)).in(Hz);
ax0.plot(r_E.t.in(ms), smooth(r_E), { label: 'nonselective' });
ax0.plot(r_I.t.in(ms), smooth(r_I), { label: 'inhibitory' });
[...r_E_sels].reverse().forEach((r, i) => ax0.plot(r.t.in(ms), smooth(r), { label: `selective ${p - i}` }));
ax0.legend();

const ax1 = fig.subplot(1);
ax1.title(`Population activities (${N_activity_plot} neurons/pop)`).xlabel('ms').yticks([]);
const raster = (m: SpikeMonitor, offset: number, label: string): void => {
  ax1.plot(m.t.in(ms), Array.from(m.i, (i) => i + offset), '.', { markerSize: 2, label });
};
raster(sp_E, (p + 1) * N_activity_plot, 'nonselective');
raster(sp_I, p * N_activity_plot, 'inhibitory');
[...sp_E_sels].reverse().forEach((m, i) => raster(m, (p - i - 1) * N_activity_plot, `selective ${p - i}`));
ax1.legend();
await fig.save('Brunel_Wang_2001.png');
