// Population bursts in a recurrent network with depressing and facilitating synapses (Fig. 1).
// Brian2 original: examples/frompapers/Tsodyks_Uziel_Markram_2000.py (Sebastian Schmitt, 2022)
//
// Tsodyks M, Uziel A, Markram H (2000). Synchrony Generation in Recurrent Networks with
// Frequency-Dependent Synapses. J Neurosci 20: RC50. 400 excitatory and 100 inhibitory
// integrate-and-fire neurons with a random background drive, connected with probability 0.1 by
// Tsodyks-Markram synapses whose parameters are drawn from truncated normal distributions.
// Brian2 draws those with scipy.stats.truncnorm; here a truncated normal is drawn by rejection
// from RandomState's normal numbers (the same distribution, other numbers). Brian2's figure has
// an inset that zooms into one burst; brian-ts's figures have no inset axes, so the zoom is a
// fourth panel.
import { startScope, NeuronGroup, Synapses, SpikeMonitor, StateMonitor, RandomState, defaultclock, seed, run, arange, histogram, ms, mV, figure } from 'brian-ts';
import type { Quantity } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();

// set seed for reproducible figures
seed(5);
const rng = new RandomState(5);

/** `size` samples of a normal distribution (mean `loc`, sd `scale`) truncated to [lo, hi]. */
function truncatedNormal(loc: number, scale: number, [lo, hi]: [number, number], size: number): Float64Array {
  const out = new Float64Array(size);
  for (let k = 0; k < size; k++) {
    let x: number;
    do x = loc + scale * rng.randn(1)[0]!;
    while (x < lo || x > hi);
    out[k] = x;
  }
  return out;
}

function getPopulation(name: string, N: number, tauRefrac: Quantity): NeuronGroup {
  const neurons = new NeuronGroup(
    N,
    `
    tau_mem : second
    tau_refrac : second
    v_reset : volt
    v_thresh : volt
    I_syn_ee_synapses : volt
    I_syn_ei_synapses : volt
    I_syn_ie_synapses : volt
    I_syn_ii_synapses : volt
    I_b : volt
    dv/dt = -v/tau_mem + (I_syn_ee_synapses +
                          I_syn_ei_synapses +
                          I_syn_ie_synapses +
                          I_syn_ii_synapses)/tau_mem
                       + I_b/tau_mem : volt (unless refractory)
    `,
    { threshold: 'v>v_thresh', reset: 'v=v_reset', refractory: tauRefrac, method: 'exact', name },
  );
  const vThresh = 15; // mV
  neurons.tau_mem = ms(30);
  neurons.v_thresh = mV(vThresh);
  neurons.v_reset = mV(13.5);
  // paper gives range of 0.05 mV but population bursts are not visible with that value
  // -> increased to 1 mV range
  neurons.I_b = mV(rng.uniform(vThresh - 0.5, vThresh + 0.5, N));
  return neurons;
}

interface SynapseParameters {
  tau_I: number; // ms
  A: number; // mV
  U: [number, number, number]; // mean, min, max
  tau_rec: number; // ms
  tau_facil?: number; // ms
}

function getSynapses(name: string, source: NeuronGroup, target: NeuronGroup, p: SynapseParameters): Synapses {
  let eqs = `
    A : volt
    U : 1
    tau_I : second
    tau_rec : second
    dx/dt =  z/tau_rec : 1 (clock-driven) # recovered
    dy/dt = -y/tau_I   : 1 (clock-driven) # active
    z = 1 - x - y      : 1                # inactive
    I_syn_${name}_post = A*y : volt (summed)
  `;
  let action = `
    y += U*x # important: update y first
    x += -U*x
  `;
  if (p.tau_facil !== undefined) {
    eqs += `
    du/dt = -u/tau_facil : 1 (clock-driven)
    tau_facil : second
    `;
    action = `
    u += U*(1-u)
    y += u*x # important: update y first
    x += -u*x
    `;
  }
  const synapses = new Synapses(source, target, eqs, { onPre: action, method: 'exact', name });
  synapses.connect({ p: 0.1 });
  const n = synapses.N;
  synapses.tau_I = ms(p.tau_I);
  const aMin = Math.min(0.2 * p.A, 2 * p.A);
  const aMax = Math.max(0.2 * p.A, 2 * p.A);
  synapses.A = mV(truncatedNormal(p.A, 0.5 * Math.abs(p.A), [aMin, aMax], n));
  const [uMean, uMin, uMax] = p.U;
  synapses.U = truncatedNormal(uMean, 0.5 * uMean, [uMin, uMax], n);
  const tauMin = 5; // ms
  synapses.tau_rec = ms(truncatedNormal(p.tau_rec, 0.5 * p.tau_rec, [tauMin, Infinity], n));
  if (p.tau_facil !== undefined) synapses.tau_facil = ms(truncatedNormal(p.tau_facil, 0.5 * p.tau_facil, [tauMin, Infinity], n));
  // start fully recovered
  synapses.x = 1;
  return synapses;
}

// configure neuron populations
const excNeurons = getPopulation('exc_neurons', 400, ms(3));
const inhNeurons = getPopulation('inh_neurons', 100, ms(2));

// configure synapses
const eeSynapses = getSynapses('ee_synapses', excNeurons, excNeurons, { tau_I: 3, A: 1.8, U: [0.5, 0.1, 0.9], tau_rec: 800 });
getSynapses('ei_synapses', excNeurons, inhNeurons, { tau_I: 3, A: 7.2, U: [0.04, 0.001, 0.07], tau_rec: 100, tau_facil: 1000 });
getSynapses('ie_synapses', inhNeurons, excNeurons, { tau_I: 3, A: -5.4, U: [0.5, 0.1, 0.9], tau_rec: 800 });
getSynapses('ii_synapses', inhNeurons, inhNeurons, { tau_I: 3, A: -7.2, U: [0.04, 0.001, 0.07], tau_rec: 100, tau_facil: 1000 });

// run for burnin time to settle network activity
defaultclock.dt = ms(1);
const burnin = 900;
run(ms(burnin));

// record from now on
const spikeMonitorExc = new SpikeMonitor(excNeurons);
const spikeMonitorInh = new SpikeMonitor(inhNeurons);
const stateMonitorEE = new StateMonitor(eeSynapses, ['x'], { record: true });

const duration = scaled(ms(4200)).in(ms);
run(ms(duration), { report: 'text' });

// plots
const N = excNeurons.N + inhNeurons.N;
const fig = figure({ width: 600, height: 1000, rows: 4, heightRatios: [1, 1, 0.6, 1] });

// raster plot
const ax0 = fig.subplot(0);
ax0.plot(spikeMonitorExc.t.in(ms), spikeMonitorExc.i, '.k', { markerSize: 1 });
ax0.plot(spikeMonitorInh.t.in(ms), Array.from(spikeMonitorInh.i, (i) => i + excNeurons.N), '.k', { markerSize: 1 });
ax0.ylabel('Neuron No.').ylim(0, N).xlim(burnin, duration + burnin);

// network activity: the fraction of neurons firing in each 1 ms bin
const allSpikes = Float64Array.from([...spikeMonitorExc.t.in(ms), ...spikeMonitorInh.t.in(ms)]);
const edges = arange(burnin, duration + burnin, 1);
const netActivity = Array.from(histogram(allSpikes, edges).counts, (c) => c / N);
const binStarts = Array.from(netActivity, (_, k) => k + burnin);
const ax1 = fig.subplot(1);
ax1.plot(binStarts, netActivity, 'k').ylim(0, 0.2).ylabel('Net activity').xlim(burnin, duration + burnin);

// zoom into one burst (Brian2's inset shows 1220-1260 ms, where its seed has one; here the
// largest burst is shown, 20 ms either side)
const peak = netActivity.indexOf(Math.max(...netActivity));
const insetMin = Math.max(0, peak - 20);
const insetMax = insetMin + 40;
const ax2 = fig.subplot(2);
ax2.plot(arange(insetMin, insetMax + 1, 1), netActivity.slice(insetMin, insetMax + 1), 'k');
ax2.xlim(insetMin, insetMax).ylim(0, 0.2).ylabel('Net activity').title('zoom (Brian2: inset)');

// recovered synaptic partition: the mean of x over all excitatory-to-excitatory synapses
const x = stateMonitorEE.x.values;
const meanX = Array.from(stateMonitorEE.t_, (_, j) => x.reduce((s, trace) => s + trace[j]!, 0) / x.length);
const ax3 = fig.subplot(3);
ax3.plot(stateMonitorEE.t.in(ms), meanX, 'k', { label: 'x' });
ax3.ylim(0.2, 0.6).xlabel('Time (msec)').ylabel('Recov excit').xlim(burnin, duration + burnin);
const ticks = arange(burnin, duration + burnin, 1000);
ax3.xticks(ticks, Array.from(ticks, (t) => String(t - burnin)));
await fig.save('Tsodyks_Uziel_Markram_2000.png');
