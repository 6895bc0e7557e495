// Distributed synchrony (Fig. 14 of Rossant et al. 2011).
// Brian2 original: examples/frompapers/Rossant_et_al_2011bis.py
//
// Rossant C, Leijon S, Magnusson AK, Brette R (2011). Sensitivity of noisy neurons to coincident
// inputs. Journal of Neuroscience, 31(47).
// 5000 independent E/I Poisson inputs drive a leaky integrate-and-fire neuron. In the second
// neuron, synchronous events following an independent 40 Hz Poisson process make 15 of the
// excitatory inputs fire together; its output rate is markedly higher, though the spike timing
// of less than 1% of the excitatory synapses changed.
import { startScope, defaultclock, Equations, NeuronGroup, PoissonInput, SpikeMonitor, StateMonitor, run, mV, ms, Hz, second, figure } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();
const theta = mV(-55);
const El = mV(-65);
const vmean = mV(-65);
const taum = ms(5);
const taue = ms(3);
const taui = ms(10);
const eqs = new Equations(`
                dv/dt  = (ge+gi-(v-El))/taum : volt
                dge/dt = -ge/taue : volt
                dgi/dt = -gi/taui : volt
                `);

// input parameters
const p = 15;
const ne = 4000;
const ni = 1000;
const lambdac = Hz(40);
const lambdae = Hz(1);
const lambdai = Hz(1);

// synapse parameters
const we = mV(0.5).div(taum.div(taue).pow(taum.div(taue.minus(taum)).value));
const wi = vmean.minus(El).minus(lambdae.times(ne).times(we).times(taue)).div(lambdae.times(ni).times(taui));

// NeuronGroup definition
const group = new NeuronGroup(2, eqs, { reset: 'v = El', threshold: 'v>theta', refractory: ms(5), method: 'exact', namespace: { El, taum, taue, taui, theta } });
group.v = El;
group.ge = 0;
group.gi = 0;

// independent E/I Poisson inputs
new PoissonInput(group.slice(0, 1), 'ge', ne, lambdae, we);
new PoissonInput(group.slice(0, 1), 'gi', ni, lambdai, wi);

// independent E/I Poisson inputs + synchronous E events
new PoissonInput(group.slice(1, 2), 'ge', ne, lambdae.minus(lambdac.times(p / ne)), we);
new PoissonInput(group.slice(1, 2), 'gi', ni, lambdai, wi);
new PoissonInput(group.slice(1, 2), 'ge', 1, lambdac, we.times(p));

// run the simulation
const M = new SpikeMonitor(group);
const SM = new StateMonitor(group, 'v', { record: true });
run(scaled(second(1)));

// plot trace and spikes
const duration = scaled(second(1)).in(second);
const fig = figure({ rows: 2 });
const dt = defaultclock.dt.in(ms);
for (const i of [0, 1]) {
  const spikes = Array.from(M.spikeTrains()[i]!.in(ms), (t) => t - dt);
  const val = SM.v.get(i).in(mV);
  const ax = fig.subplot(i);
  ax.plot(SM.t.in(ms), val);
  // a vertical line from 0 mV down to v at each spike, as the original's tile/vstack plot
  ax.vlines(spikes, spikes.map((t) => val[Math.trunc(t)] ?? 0), 0, { color: 'C0' });
  ax.title(`${['uncorrelated inputs', 'correlated inputs'][i]}: ${Math.round(M.count[i]! / duration)} spikes/second`);
}
await fig.save('Rossant_et_al_2011bis.png');
