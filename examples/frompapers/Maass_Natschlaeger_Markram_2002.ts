// Liquid state machine (Maass, Natschläger & Markram 2002, Fig. 2): how far apart the states of a recurrent column stay for input spike trains at a given distance.
// Brian2 original: examples/frompapers/Maass_Natschlaeger_Markram_2002.py (Sebastian Schmitt, 2022)
//
// Maass W, Natschläger T, Markram H (2002). Real-Time Computing Without Stable States: A New
// Framework for Neural Computation Based on Perturbations. Neural Computation 14: 2531-2560.
// A column of 15x3x3 integrate-and-fire neurons (80 % excitatory) with distance-dependent
// connectivity and depressing/facilitating synapses receives one Poisson spike train. For pairs
// of input trains u, v at distance d(u,v) (0.4, 0.2, 0.1, and 0: the same train, only the initial
// membrane potentials differ), the "liquid states" (each neuron's spikes convolved with an
// exponential kernel) are compared over time; the figure shows the mean over the pairs.
//
// Brian2's example builds the column once, stores it, and maps `sim` (restore, new initial v, new
// stimulus, run) over all 1600 stimuli with a multiprocessing.Pool. brian-ts's way: this file
// exports the per-pair `model`, and sweep() from 'brian-ts/sweep' runs the 4 x N_PAIRS pairs on
// worker threads. Each point builds the same column (drawn from NETWORK_SEED, as the one column of
// Brian2's parent process), stores it, and runs u and v with a store/restore loop; the point's
// seed draws its input pair (candidates until one lies within 0.01 of the target distance, as
// Brian2's collect_stimulus_pairs) and the initial potentials.
// numpy's gamma(1, a) is exponential(a) (legacy numpy draws them identically), and
// np.random.poisson is drawn here by inversion.
import { isMainThread } from 'node:worker_threads';
import { Mohm, Network, NeuronGroup, RandomState, SpikeGeneratorGroup, SpikeMonitor, Synapses, figure, mV, ms, nA, seed } from 'brian-ts';
import type { Quantity, Subgroup } from 'brian-ts';
import { sweep } from 'brian-ts/sweep';
import { scaled } from '../_duration.ts';

/** Stimulus pairs per distance (Brian2's N_PAIRS; the tests and the gallery use fewer). */
export const N_PAIRS = Number(process.env['MAASS_PAIRS'] ?? 200);
/** The input distances d(u,v); 0 is the same train twice ("jittered" initial state only). */
export const DISTANCES = [0.4, 0.2, 0.1, 0] as const;
/** The column is drawn once from this seed, the same in every worker. */
export const NETWORK_SEED = 2002;

const N_NEURONS = 135;
const V_THRESH = 15; // mV
const V_RESET = 13.5; // mV
const STIMULUS_RATE = 20e-3; // spikes per ms
const DT = 0.1; // ms
/** Simulated time of each stimulus, in ms. */
export const DURATION = scaled(ms(500)).in(ms);
/** Samples of the liquid states and distances (Brian2's TS = arange(0, DURATION, DT)). */
export const SAMPLES = Math.round(DURATION / DT);

/** Poisson(lam) by inversion of its distribution function. */
function poisson(rng: RandomState, lam: number): number {
  let k = 0;
  let p = Math.exp(-lam);
  let cdf = p;
  const u = rng.random();
  while (u > cdf && p > 0) {
    k++;
    p *= lam / k;
    cdf += p;
  }
  return k;
}

/** A Poisson spike train (ms, sorted) with no two spikes in one time step (Brian2's generate_poisson). */
export function generatePoisson(rng: RandomState, duration: number, rate: number): Float64Array {
  for (;;) {
    const spikes = rng.uniform(0, duration, poisson(rng, rate * duration)).sort();
    const shift = 1e-3 * DT;
    let ok = true;
    for (let k = 1; k < spikes.length && ok; k++) {
      ok = Math.trunc((spikes[k]! + shift) / DT) !== Math.trunc((spikes[k - 1]! + shift) / DT);
    }
    if (ok) return spikes;
  }
}

/** The spikes (ms) convolved with exp(-((t-st)/tau)^2) at t = k*DT (Brian2's gaussian_convolution; the kernel is cut where it is below 1e-28). */
function gaussianConvolution(spikes: Float64Array, tau: number): Float64Array {
  const out = new Float64Array(SAMPLES);
  const reach = 8 * tau;
  for (const st of spikes) {
    const from = Math.max(0, Math.ceil((st - reach) / DT));
    const to = Math.min(SAMPLES - 1, Math.floor((st + reach) / DT));
    for (let k = from; k <= to; k++) out[k]! += Math.exp(-(((k * DT - st) / tau) ** 2));
  }
  return out;
}

/** The distance of two inputs: the L2 distance of their convolutions (not its root, as in the paper) per ms. */
export function inputDistance(u: Float64Array, v: Float64Array): number {
  const cu = gaussianConvolution(u, 5);
  const cv = gaussianConvolution(v, 5);
  let sum = 0;
  for (let k = 0; k < SAMPLES; k++) sum += (cu[k]! - cv[k]!) ** 2;
  return (sum * DT) / DURATION;
}

/** A pair of input trains whose distance lies within 0.01 of `target` (0: one train twice). */
export function stimulusPair(rng: RandomState, target: number): { u: Float64Array; v: Float64Array; distance: number } {
  if (target === 0) {
    const u = generatePoisson(rng, DURATION, STIMULUS_RATE);
    return { u, v: u, distance: 0 };
  }
  for (;;) {
    const u = generatePoisson(rng, DURATION, STIMULUS_RATE);
    const v = generatePoisson(rng, DURATION, STIMULUS_RATE);
    const distance = inputDistance(u, v);
    if (Math.abs(distance - target) < 0.01) return { u, v, distance };
  }
}

/** A column given explicitly (positions and every synapse's parameters), e.g. one Brian2 drew. */
export interface Column {
  x: number[];
  y: number[];
  z: number[];
  synapses: Record<string, { i: number[]; j: number[]; A: number[]; U: number[]; D: number[]; F: number[] }>;
}

function getNeurons(rng: RandomState, column?: Column): NeuronGroup {
  const neurons = new NeuronGroup(
    N_NEURONS,
    `
    tau_mem : second (shared, constant)
    tau_refrac : second (constant)
    v_reset : volt (shared, constant)
    v_thresh : volt (shared, constant)
    I_b : ampere (shared, constant)
    tau_stimulus : second (constant)
    I_syn_ee_synapses : ampere
    I_syn_ei_synapses : ampere
    I_syn_ie_synapses : ampere
    I_syn_ii_synapses : ampere
    dI_stimulus/dt = -I_stimulus/tau_stimulus : ampere
    R_in : ohm
    dv/dt = -v/tau_mem + (I_syn_ee_synapses +
                          I_syn_ei_synapses +
                          I_syn_ie_synapses +
                          I_syn_ii_synapses)*R_in/tau_mem
                       + I_b*R_in/tau_mem
                       + I_stimulus*R_in/tau_mem: volt (unless refractory)
    x_pos : 1 (constant)
    y_pos : 1 (constant)
    z_pos : 1 (constant)
    `,
    { threshold: 'v>v_thresh', reset: 'v=v_reset', refractory: 'tau_refrac', method: 'exact', name: 'neurons' },
  );
  neurons.tau_mem = ms(30);
  neurons.v_thresh = mV(V_THRESH);
  neurons.v_reset = mV(V_RESET);
  neurons.I_b = nA(13.5);
  neurons.v = mV(rng.uniform(V_RESET, V_THRESH, N_NEURONS));
  neurons.R_in = Mohm(1);
  // to randomly assign excitatory and inhibitory neurons: a column of 15x3x3 neurons
  const indices = rng.permutation(N_NEURONS);
  neurons.x_pos = Float64Array.from(indices, (k) => k % 3);
  neurons.y_pos = Float64Array.from(indices, (k) => Math.trunc(k / 3) % 3);
  neurons.z_pos = Float64Array.from(indices, (k) => Math.trunc(k / 9));
  if (column !== undefined) {
    neurons.x_pos = column.x;
    neurons.y_pos = column.y;
    neurons.z_pos = column.z;
  }
  return neurons;
}

interface SynapseParameters {
  C: number;
  l: number;
  tau_I: Quantity;
  A: number; // nA
  U: number;
  D: number; // ms
  F?: number; // ms
  delay: Quantity;
}

function getSynapses(rng: RandomState, name: string, source: Subgroup, target: Subgroup, p: SynapseParameters, given?: Column['synapses'][string]): Synapses {
  let eqs = `
    A : ampere (constant)
    U : 1 (constant)
    tau_I : second (shared, constant)
    D : second (constant)
    dx/dt =  z/D       : 1 (clock-driven) # recovered
    dy/dt = -y/tau_I   : 1 (clock-driven) # active
    z = 1 - x - y      : 1                # inactive
    I_syn_${name}_post = A*y : ampere (summed)
  `;
  let action = `
    y += U*x # important: update y first
    x += -U*x
  `;
  if (p.F !== undefined) {
    eqs += `
    du/dt = -u/F : 1 (clock-driven)
    F : second (constant)
    `;
    action = `
    u += U*(1-u)
    y += u*x # important: update y first
    x += -u*x
    `;
  }
  const synapses = new Synapses(source, target, eqs, { onPre: action, method: 'exact', name, delay: p.delay });
  if (given !== undefined) {
    synapses.connect({ i: given.i, j: given.j });
    synapses.tau_I = p.tau_I;
    synapses.A = nA(given.A);
    synapses.U = given.U;
    synapses.D = ms(given.D);
    synapses.x = 1;
    synapses.F = ms(given.F);
    return synapses;
  }
  synapses.connect({ p: `${p.C} * exp(-((x_pos_pre-x_pos_post)**2 + (y_pos_pre-y_pos_post)**2 + (z_pos_pre-z_pos_post)**2)/${p.l}**2)` });
  const n = synapses.N;
  synapses.tau_I = p.tau_I;
  // gamma(1, |A|) (an exponential distribution) with A's sign
  synapses.A = nA(rng.exponential(Math.abs(p.A), n).map((a) => Math.sign(p.A) * a));
  // the paper samples from a uniform distribution; negative draws take the mean
  synapses.U = rng.normal(p.U, 0.5, n).map((u) => (u < 0 ? p.U : u));
  synapses.D = ms(rng.normal(p.D, 0.5 * p.D, n).map((d) => (d <= 0 ? p.D : d)));
  // start fully recovered
  synapses.x = 1;
  if (p.F !== undefined) {
    const F = p.F;
    synapses.F = ms(rng.normal(F, 0.5 * F, n).map((f) => (f <= 0 ? F : f)));
  }
  return synapses;
}

/** The column, its input and monitors, in a Network (drawn from `NETWORK_SEED`, or the given `column`). */
export function buildNetwork(column?: Column): { net: Network; neurons: NeuronGroup; stimulus: SpikeGeneratorGroup; monitors: SpikeMonitor[]; synapses: Synapses[] } {
  seed(NETWORK_SEED); // connect()'s draws
  const rng = new RandomState(NETWORK_SEED);
  const neurons = getNeurons(rng, column);
  const nExc = Math.trunc(0.8 * neurons.N);
  const exc = neurons.slice(0, nExc);
  exc.tau_refrac = ms(3);
  exc.tau_stimulus = ms(3);
  const inh = neurons.slice(nExc, neurons.N);
  inh.tau_refrac = ms(2);
  inh.tau_stimulus = ms(6);
  const l = 2;
  const synapses = [
    getSynapses(rng, 'ee_synapses', exc, exc, { C: 0.3, l, tau_I: ms(3), A: 30, U: 0.5, D: 1100, F: 50, delay: ms(1.5) }, column?.synapses['ee_synapses']),
    getSynapses(rng, 'ei_synapses', exc, inh, { C: 0.2, l, tau_I: ms(3), A: 60, U: 0.05, D: 125, F: 1200, delay: ms(0.8) }, column?.synapses['ei_synapses']),
    getSynapses(rng, 'ie_synapses', inh, exc, { C: 0.4, l, tau_I: ms(6), A: -19, U: 0.25, D: 700, F: 20, delay: ms(0.8) }, column?.synapses['ie_synapses']),
    getSynapses(rng, 'ii_synapses', inh, inh, { C: 0.1, l, tau_I: ms(6), A: -19, U: 0.32, D: 144, F: 60, delay: ms(0.8) }, column?.synapses['ii_synapses']),
  ];
  // place holder for the stimulus
  const stimulus = new SpikeGeneratorGroup(1, [], ms([]), { name: 'stimulus' });
  const staticExc = new Synapses(stimulus, exc, 'A : ampere (shared, constant)', { onPre: 'I_stimulus += A' });
  staticExc.connect({ p: 1 });
  staticExc.A = nA(18);
  const staticInh = new Synapses(stimulus, inh, 'A : ampere (shared, constant)', { onPre: 'I_stimulus += A' });
  staticInh.connect({ p: 1 });
  staticInh.A = nA(9);
  const monitors = [new SpikeMonitor(exc, { name: 'spike_monitor_exc' }), new SpikeMonitor(inh, { name: 'spike_monitor_inh' })];
  const net = new Network(neurons, ...synapses, staticExc, staticInh, stimulus, ...monitors);
  return { net, neurons, stimulus, monitors, synapses };
}

/** Each neuron's spikes convolved with exp(-(t-st)/30 ms) for t >= st, at t = k*DT (Brian2's exponential_convolution). */
function liquidStates(monitors: readonly SpikeMonitor[]): Float64Array[] {
  const decay = Math.exp(-DT / 30);
  const states: Float64Array[] = [];
  for (const monitor of monitors) {
    for (const train of monitor.spikeTrains()) {
      const counts = new Float64Array(SAMPLES);
      for (const t of train.in(ms)) {
        const k = Math.round(t / DT);
        if (k < SAMPLES) counts[k]!++;
      }
      for (let k = 1; k < SAMPLES; k++) counts[k]! += counts[k - 1]! * decay;
      states.push(counts);
    }
  }
  return states;
}

export const parameters = { pair: 0 };

/**
 * One pair (index `pair`: distance DISTANCES[pair / N_PAIRS]): the state distance over time, the
 * mean over neurons of the squared difference of the liquid states (not its root, as in the paper).
 */
export function model(p: { pair: number }, context: { seed: number }): { distance: Float64Array; input_distance: number; spikes_u: number; spikes_v: number } {
  const target = DISTANCES[Math.trunc(p.pair / N_PAIRS)]!;
  const { net, neurons, stimulus, monitors } = buildNetwork();
  net.store();
  const rng = new RandomState(context.seed);
  const pair = stimulusPair(rng, target);
  const sim = (spikeTimes: Float64Array): { states: Float64Array[]; spikes: number } => {
    net.restore();
    neurons.v = mV(rng.uniform(V_RESET, V_THRESH, neurons.N)); // new initial potentials each run
    stimulus.setSpikes(new Array<number>(spikeTimes.length).fill(0), ms(spikeTimes));
    net.run(ms(DURATION));
    return { states: liquidStates(monitors), spikes: monitors.reduce((s, m) => s + m.numSpikes, 0) };
  };
  const u = sim(pair.u);
  const v = sim(pair.v);
  const distance = new Float64Array(SAMPLES);
  for (let n = 0; n < u.states.length; n++) {
    const a = u.states[n]!;
    const b = v.states[n]!;
    for (let k = 0; k < SAMPLES; k++) distance[k]! += (a[k]! - b[k]!) ** 2 / u.states.length;
  }
  return { distance, input_distance: pair.distance, spikes_u: u.spikes, spikes_v: v.spikes };
}

/** The mean state distance over the pairs of each input distance (rows of a sweep of `model` over pair = 0 … 4*N_PAIRS-1). */
export function meanDistances(distances: readonly Float64Array[], pairs = N_PAIRS): Float64Array[] {
  return DISTANCES.map((_, d) => {
    const mean = new Float64Array(SAMPLES);
    for (let k = d * pairs; k < (d + 1) * pairs; k++) distances[k]!.forEach((x, j) => (mean[j]! += x / pairs));
    return mean;
  });
}

if (isMainThread && process.env['BRIAN_TS_NO_MAIN'] === undefined) {
  const pairs = Array.from({ length: DISTANCES.length * N_PAIRS }, (_, k) => k);
  const result = await sweep(new URL(import.meta.url), { pair: pairs }, { seed: 2002, progress: true });
  if (result.failed > 0) throw new Error(`${result.failed} of ${pairs.length} simulations failed`);
  const means = meanDistances(result.rows.map((row) => result.arrays.get(row.index)!['distance']!));
  const time = Array.from({ length: SAMPLES }, (_, k) => (k * DT) / 1000);
  const fig = figure({ width: 500, height: 500 });
  const styles = ['--', '-.', ':', '-'] as const;
  DISTANCES.forEach((d, k) => fig.plot(time, means[k]!, { label: `d(u,v)=${d}`, lineStyle: styles[k], color: 'k' }));
  fig.xlabel('time [sec]');
  fig.ylabel('state distance');
  fig.xlim(0, DURATION / 1000);
  fig.ylim(0, 2.5);
  fig.legend({ loc: 'upper center' });
  await fig.save('Maass_Natschlaeger_Markram_2002.png');
}
