// Calcium-based plasticity (Graupner & Brunel 2012, Fig. 2C panel DP): change in synaptic strength against the pre-post time difference.
// Brian2 original: examples/frompapers/Graupner_Brunel_2012.py (Sebastian Schmitt, 2022)
//
// Graupner M, Brunel N (2012). Calcium-based plasticity model explains sensitivity of synaptic
// changes to spike pattern, rate, and dendritic location. PNAS 109(10): 3991-3996
// (noise term as in the correction, PNAS 110: 2013). Each synapse's efficacy rho is bistable; pre
// and post spikes raise a calcium trace c, and while c is above the depression/potentiation
// thresholds, rho is pushed down/up with noise. One pre spike (G) and one post spike (H, shifted
// by the time difference) repeat once a second for 60 s; 1000 synapses start DOWN and 1000 UP,
// and the fractions that switch give the mean change in strength.
//
// Brian2's example runs the 41 time differences with Python's multiprocessing.Pool; brian-ts's
// way is sweep() from 'brian-ts/sweep': this file exports the per-point `model`, and the sweep runs
// it on worker threads, one fresh simulation per point, each seeded from the sweep seed.
import { isMainThread } from 'node:worker_threads';
import { NeuronGroup, Synapses, figure, ms, run, second } from 'brian-ts';
import { sweep } from 'brian-ts/sweep';
import { scaled } from '../_duration.ts';

/** Number of time differences in the STDP plot, the maximal difference and the step. */
export const POINTS = Number(process.env.GRAUPNER_POINTS ?? 41);
const STDP_DT_MAX = 100; // ms
const STDP_DT_STEP = (2 * STDP_DT_MAX) / (POINTS - 1);
/** Repetitions: synapses per initial state (UP and DOWN). */
export const REPETITIONS = Number(process.env.GRAUPNER_REPETITIONS ?? 1000);

export const parameters = { point: 0 };

/** One time difference: the final efficacies of the 2*REPETITIONS synapses and their initial values. */
export function model(p: { point: number }): { rho: Float64Array; rho_initial: Float64Array } {
  // G spikes at fixed times from STDP_DT_MAX on; H (one neuron per synapse) is shifted by the point's difference.
  const G = new NeuronGroup(1, '', { threshold: `t>${STDP_DT_MAX}*ms`, refractory: second(1) });
  const H = new NeuronGroup(REPETITIONS * 2, 'tspike:second', { threshold: 't>tspike', refractory: second(1) });
  H.tspike = ms(p.point * STDP_DT_STEP);

  const synapsesEqs = `
    tau      : second (constant, shared)
    rho_star : 1      (constant, shared)
    gamma_p  : 1      (constant, shared)
    theta_p  : 1      (constant, shared)
    gamma_d  : 1      (constant, shared)
    theta_d  : 1      (constant, shared)
    drho/dt = (-rho*(1-rho)*(rho_star-rho)
               + gamma_p*(1-rho)*int((c - theta_p) > 0)
               - gamma_d*rho*int((c-theta_d) > 0)
               + sigma*sqrt(tau)*sqrt(int((c-theta_d) > 0) + int((c-theta_p) > 0))*xi
               ) / tau : 1 (clock-driven)
    dc/dt = -c/tau_Ca  : 1 (clock-driven)
    tau_Ca : second (constant, shared)
    sigma  : 1      (constant, shared)
  `;
  const synapses = new Synapses(G, H, synapsesEqs, {
    onPre: 'c += C_pre',
    onPost: 'c += C_post',
    delay: ms(13.7),
    method: 'heun',
    namespace: { C_pre: 1, C_post: 2 },
  });
  synapses.connect();
  synapses.tau_Ca = ms(20);
  synapses.theta_d = 1;
  synapses.theta_p = 1.3;
  synapses.gamma_d = 200;
  synapses.gamma_p = 321.808;
  synapses.sigma = 2.8284;
  synapses.tau = second(150);
  synapses.rho_star = 0.5;

  // start with equal numbers of synapses in the DOWN and UP states (must match b below)
  const rhoInitial = new Float64Array(REPETITIONS * 2).fill(1, REPETITIONS);
  synapses.rho = rhoInitial;
  run(scaled(second(60)));
  return { rho: Float64Array.from(synapses.rho.values as ArrayLike<number>), rho_initial: rhoInitial };
}

/** The change in synaptic strength (after/before) from the final and initial efficacies. */
export function changeInStrength(rho: ArrayLike<number>, rhoInitial: ArrayLike<number>): { U: number; D: number; change: number } {
  const beta = 0.5; // initial fraction of synapses in the DOWN state
  const b = 5; // ratio of UP and DOWN state weights (w1/w0)
  let up = 0, down = 0, nDown = 0, nUp = 0;
  for (let k = 0; k < rho.length; k++) {
    if (rhoInitial[k]! < 0.5) { nDown++; if (rho[k]! > 0.5) up++; }
    else { nUp++; if (rho[k]! < 0.5) down++; }
  }
  const U = up / nDown; // average switching probabilities
  const D = down / nUp;
  const change = ((1 - U) * beta + D * (1 - beta) + b * (U * beta + (1 - D) * (1 - beta))) / (beta + (1 - beta) * b);
  return { U, D, change };
}

if (isMainThread && process.env.BRIAN_TS_NO_MAIN === undefined) {
  const points = Array.from({ length: POINTS }, (_, k) => k);
  const result = await sweep(new URL(import.meta.url), { point: points }, { seed: 2012, progress: true });
  const dts: number[] = [];
  const changes: number[] = [];
  for (const row of result.rows) {
    const arrays = result.arrays.get(row.index)!;
    dts.push(row.params['point']! * STDP_DT_STEP - STDP_DT_MAX);
    changes.push(changeInStrength(arrays['rho']!, arrays['rho_initial']!).change);
  }
  const fig = figure();
  fig.axvline(0, { lineStyle: '--', color: 'k' });
  fig.axhline(1, { lineStyle: '--', color: 'k' });
  fig.plot(dts, changes, { marker: 'o', lineStyle: 'none' });
  fig.xlim(-STDP_DT_MAX - STDP_DT_STEP / 2, STDP_DT_MAX + STDP_DT_STEP / 2);
  fig.ylim(0.3, 1.7);
  fig.xlabel('time difference Δt (ms)');
  fig.ylabel('change in synaptic strength (after/before)');
  await fig.save('Graupner_Brunel_2012.png');
}
