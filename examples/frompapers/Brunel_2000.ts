// Sparsely connected excitatory-inhibitory networks (Brunel 2000, Fig. 8): four dynamical regimes.
// Brian2 original: examples/frompapers/Brunel_2000.py
//
// Brunel, N. Dynamics of Sparsely Connected Networks of Excitatory and Inhibitory Spiking
// Neurons. J Comput Neurosci 8, 183–208 (2000). https://doi.org/10.1023/A:1008925309027
// Inspired by http://neuronaldynamics.epfl.ch
//
// One figure per panel (Brunel_2000_A.png … _D.png): spikes of the first 50 excitatory neurons
// above the population rate. A shortened run (BRIAN_TS_DURATION_SCALE) scales the time range.
import { startScope, defaultclock, NeuronGroup, Synapses, PoissonInput, PopulationRateMonitor, SpikeMonitor, run, ms, mV, Hz, figure } from 'brian-ts';
import type { Axes } from 'brian-ts';
import { durationScale, scaled } from '../_duration.ts';

interface PanelParameters {
  g: number; // relative inhibitory to excitatory synaptic strength
  nu_ext_over_nu_thr: number; // ratio of external stimulus rate to threshold rate
  t_range: [number, number];
  rate_range: [number, number];
  rate_tick_step: number;
}

/** Per panel, what the test compares with Brian2: synapse counts and spike counts. */
export const results: { panel: string; excSynapses: number; inhibSynapses: number; monitoredSpikes: number; populationSpikes: number }[] = [];

function sim(panel: string, params: PanelParameters, axSpikes: Axes, axRates: Axes): void {
  const { g, nu_ext_over_nu_thr } = params;
  // network parameters
  const N_E = 10000;
  const gamma = 0.25;
  const N_I = Math.round(gamma * N_E);
  const N = N_E + N_I;
  const epsilon = 0.1;
  const C_E = epsilon * N_E;
  const C_ext = C_E;

  // neuron parameters
  const tau = ms(20);
  const theta = mV(20);
  const V_r = mV(10);
  const tau_rp = ms(2);

  // synapse parameters
  const J = mV(0.1);
  const D = ms(1.5);

  // external stimulus
  const nu_thr = theta.div(J.times(C_E).times(tau));

  defaultclock.dt = ms(0.1);

  const neurons = new NeuronGroup(N, `
dv/dt = -v/tau : volt (unless refractory)
`, { threshold: 'v > theta', reset: 'v = V_r', refractory: tau_rp, method: 'exact', namespace: { tau, theta, V_r } });

  const excitatoryNeurons = neurons.slice(0, N_E);
  const inhibitoryNeurons = neurons.slice(N_E, N);

  const excSynapses = new Synapses(excitatoryNeurons, neurons, undefined, { onPre: 'v += J', delay: D, namespace: { J } });
  excSynapses.connect({ p: epsilon });

  const inhibSynapses = new Synapses(inhibitoryNeurons, neurons, undefined, { onPre: 'v += -g*J', delay: D, namespace: { g, J } });
  inhibSynapses.connect({ p: epsilon });

  const nu_ext = nu_thr.times(nu_ext_over_nu_thr);

  new PoissonInput(neurons, 'v', C_ext, nu_ext, J);

  const rateMonitor = new PopulationRateMonitor(neurons);

  // record from the first 50 excitatory neurons
  const spikeMonitor = new SpikeMonitor(neurons.slice(0, 50));

  run(scaled(ms(params.t_range[1])), { report: 'text' });
  const rates = rateMonitor.rate.in(Hz);
  results.push({
    panel,
    excSynapses: excSynapses.N,
    inhibSynapses: inhibSynapses.N,
    monitoredSpikes: spikeMonitor.numSpikes,
    populationSpikes: Math.round(rates.reduce((a, r) => a + r, 0) * defaultclock.dt.in(ms) * 1e-3 * N),
  });

  axSpikes.plot(spikeMonitor.t.in(ms), spikeMonitor.i, '.'); // Brian2 draws '|' markers
  axRates.plot(rateMonitor.t.in(ms), rateMonitor.rate.in(Hz));

  const [t0, t1] = params.t_range.map((t) => t * durationScale) as [number, number];
  axSpikes.xlim(t0, t1);
  axRates.xlim(t0, t1);
  axRates.ylim(...params.rate_range);
  axRates.xlabel('t [ms]');
}

const parameters: Record<string, PanelParameters> = {
  A: { g: 3, nu_ext_over_nu_thr: 2, t_range: [500, 600], rate_range: [0, 6000], rate_tick_step: 1000 },
  B: { g: 6, nu_ext_over_nu_thr: 4, t_range: [1000, 1200], rate_range: [0, 400], rate_tick_step: 100 },
  C: { g: 5, nu_ext_over_nu_thr: 2, t_range: [1000, 1200], rate_range: [0, 200], rate_tick_step: 50 },
  D: { g: 4.5, nu_ext_over_nu_thr: 0.9, t_range: [1000, 1200], rate_range: [0, 250], rate_tick_step: 50 },
};

for (const [panel, params] of Object.entries(parameters)) {
  // Each panel is a new set of objects; the magic run starts them at t = 0, as in Brian2.
  startScope();
  // Brian2: figsize (4, 5), height ratios 4:1 and a suptitle; brian-ts's rows are equal.
  const fig = figure({ width: 400, height: 500, rows: 2 });
  const axSpikes = fig.subplot(0, 0).title(panel);
  const axRates = fig.subplot(1, 0);
  sim(panel, params, axSpikes, axRates);
  await fig.save(`Brunel_2000_${panel}.png`);
}
