// Spike-based homeostasis (after O. Breitwieser, "Towards a Neuromorphic Implementation of
// Spike-Based Expectation Maximization"; Sebastian Schmitt, 2021).
// Brian2 original: examples/synapses/spike_based_homeostasis.py
//
// Two Poisson stimuli drive a neuron, one with a varying rate, the other with a fixed rate. The
// weight from the varying stimulus is fixed; the weight from the fixed-rate stimulus is plastic
// and keeps the neuron at a firing rate set by the parameters of the plasticity rule. A second
// neuron without the plastic synapse shows the rate without homeostasis.
import { startScope, defaultclock, TimedArray, PoissonGroup, NeuronGroup, Synapses, StateMonitor, PopulationRateMonitor, run, Hz, ms, second, figure } from 'brian-ts';
import { durationScale, scaled } from '../_duration.ts';

startScope();
const steady_stimulus = new TimedArray(Hz([50]), scaled(second(40)));
const steady_poisson = new PoissonGroup(1, { rates: 'steady_stimulus(t)', namespace: { steady_stimulus } });

const varying_stimulus = new TimedArray(Hz([25, 50, 0, 35, 0]), scaled(second(10)));
const varying_poisson = new PoissonGroup(1, { rates: 'varying_stimulus(t)', namespace: { varying_stimulus } });

const parameters = {
  tau: ms(10), // membrane time constant
  dw_plus: 0.05, // weight increment on pre spike
  dw_minus: 0.05, // weight increment on post spike
  w_max: 2, // maximum plastic weight
  w_initial: 0, // initial plastic weight
};

const eqs = 'dv/dt = (0 - v)/tau : 1 (unless refractory)';

const neuron_with_homeostasis = new NeuronGroup(1, eqs, { threshold: 'v > 1', reset: 'v = -1', method: 'euler', refractory: ms(1), namespace: parameters });
const neuron_without_homeostasis = new NeuronGroup(1, eqs, { threshold: 'v > 1', reset: 'v = -1', method: 'euler', refractory: ms(1), namespace: parameters });

const plastic_synapse = new Synapses(steady_poisson, neuron_with_homeostasis, 'w : 1', {
  onPre: `
                           v_post += w
                           w = clip(w + dw_plus, 0, w_max)
                           `,
  onPost: `
                           w = clip(w - dw_minus, 0, w_max)
                           `,
  namespace: parameters,
});
plastic_synapse.connect();
plastic_synapse.w = parameters.w_initial;

const non_plastic_synapse_neuron_without_homeostasis = new Synapses(varying_poisson, neuron_without_homeostasis, 'w : 1', { onPre: 'v_post += w' });
non_plastic_synapse_neuron_without_homeostasis.connect();
non_plastic_synapse_neuron_without_homeostasis.w = 2;

const non_plastic_synapse_neuron = new Synapses(varying_poisson, neuron_with_homeostasis, 'w : 1', { onPre: 'v_post += w' });
non_plastic_synapse_neuron.connect();
non_plastic_synapse_neuron.w = 2;

const M = new StateMonitor(neuron_with_homeostasis, 'v', { record: true });
const M2 = new StateMonitor(plastic_synapse, 'w', { record: true });
const M_rate_neuron_with_homeostasis = new PopulationRateMonitor(neuron_with_homeostasis);
const M_rate_neuron_without_homeostasis = new PopulationRateMonitor(neuron_without_homeostasis);

const duration = scaled(second(40));
defaultclock.dt = ms(0.1);
run(duration, { report: 'text' });
void M;

const fig = figure({ rows: 3, sharex: true });
fig.subplot(0).plot(M2.t.in(second), M2.w[0].values, { label: 'homeostatic weight' }).ylabel('weight').legend();

// The varying stimulus as steps: each value from its start to the next one's.
const rates = [25, 50, 0, 35, 0];
const step = 10 * durationScale;
const x = rates.flatMap((_, k) => [k * step, k * step]);
const y = rates.flatMap((r) => [r, r]);
fig.subplot(1).plot(x, [0, ...y.slice(0, -1)], { label: 'varying stimulus' }).ylabel('rate [Hz]').legend();

const smooth_width = ms(100);
fig.subplot(2)
  .plot(M_rate_neuron_with_homeostasis.t.in(second), M_rate_neuron_with_homeostasis.smoothRate('gaussian', smooth_width).in(Hz), { label: 'with homeostasis' })
  .plot(M_rate_neuron_without_homeostasis.t.in(second), M_rate_neuron_without_homeostasis.smoothRate('gaussian', smooth_width).in(Hz), { label: 'without homeostasis' })
  .ylabel('firing rate [Hz]')
  .legend()
  .xlabel('Time (s)');
await fig.save('spike_based_homeostasis.png');
