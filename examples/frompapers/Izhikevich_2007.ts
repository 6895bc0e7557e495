// STDP modulated with reward (Izhikevich 2007, Fig. 1c): dopamine turns eligibility into weight change.
// Brian2 original: examples/frompapers/Izhikevich_2007.py (Guillaume Dumas, Institut Pasteur, 2018)
//
// Eugene M. Izhikevich. Solving the distal reward problem through linkage of STDP and dopamine
// signaling. Cerebral Cortex 17, no. 10 (2007): 2443–2452.
//
// The synaptic variable `mode` switches the synapse from classical STDP (first half) to
// dopamine-modulated STDP (second half). The reward pathway is a Synapses object whose targets
// are the synapses of `synapse_stdp`: its `d_post` is the synaptic variable `d`.
// A shortened run (BRIAN_TS_DURATION_SCALE) scales the whole protocol: stimulus and dopamine
// times as well as the run durations (the time constants are left alone).
import { startScope, NeuronGroup, Synapses, SpikeGeneratorGroup, SpikeMonitor, StateMonitor, run, ms, mV, second, figure } from 'brian-ts';
import type { QuantityArray } from 'brian-ts';
import { durationScale, scaled } from '../_duration.ts';

startScope();

// Parameters
const simulation_duration = scaled(second(6));

// Neurons
const taum = ms(10);
const Ee = mV(0);
const vt = mV(-54);
const vr = mV(-60);
const El = mV(-74);
const taue = ms(5);

// STDP
const taupre = ms(20);
const taupost = taupre;
const gmax = 0.01;
let dApre = 0.01;
let dApost = ((-dApre * taupre.div(taupost).value) * 1.05);
dApost *= gmax;
dApre *= gmax;

// Dopamine signaling
const tauc = ms(1000);
const taud = ms(200);
const taus = ms(1);
const epsilon_dopa = 5e-3;

/** Times in ms, scaled with the protocol. */
const times = (t: number[]): QuantityArray => ms(t.map((x) => x * durationScale));

// Setting the stage

// Stimuli section
const input_indices = [0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0];
const input_times = times([500, 550, 1000, 1010, 1500, 1510, 3500, 3550, 4000, 4010, 4500, 4510]);
const spike_input = new SpikeGeneratorGroup(2, input_indices, input_times);

const neurons = new NeuronGroup(2, `
dv/dt = (ge * (Ee-vr) + El - v) / taum : volt
dge/dt = -ge / taue : 1
`, { threshold: 'v>vt', reset: 'v = vr', method: 'exact', namespace: { Ee, vr, El, taum, taue, vt } });
neurons.v = vr;
const neurons_monitor = new SpikeMonitor(neurons);

const synapse = new Synapses(spike_input, neurons, 's: volt', { onPre: 'v += s' });
synapse.connect({ i: [0, 1], j: [0, 1] });
synapse.s = mV(100);

// STDP section
const synapse_stdp = new Synapses(neurons, neurons, `
mode: 1
dc/dt = -c / tauc : 1 (clock-driven)
dd/dt = -d / taud : 1 (clock-driven)
ds/dt = mode * c * d / taus : 1 (clock-driven)
dApre/dt = -Apre / taupre : 1 (event-driven)
dApost/dt = -Apost / taupost : 1 (event-driven)
`, {
  onPre: `
ge += s
Apre += dApre
c = clip(c + mode * Apost, -gmax, gmax)
s = clip(s + (1-mode) * Apost, -gmax, gmax)
`,
  onPost: `
Apost += dApost
c = clip(c + mode * Apre, -gmax, gmax)
s = clip(s + (1-mode) * Apre, -gmax, gmax)
`,
  method: 'euler',
  namespace: { tauc, taud, taus, taupre, taupost, dApre, dApost, gmax },
});
synapse_stdp.connect({ i: 0, j: 1 });
synapse_stdp.mode = 0;
synapse_stdp.s = 1e-10;
synapse_stdp.c = 1e-10;
synapse_stdp.d = 0;
const synapse_stdp_monitor = new StateMonitor(synapse_stdp, ['s', 'c', 'd'], { record: [0] });

// Dopamine signaling section
const dopamine_indices = [0, 0, 0];
const dopamine_times = times([3520, 4020, 4520]);
const dopamine = new SpikeGeneratorGroup(1, dopamine_indices, dopamine_times);
const dopamine_monitor = new SpikeMonitor(dopamine);
const reward = new Synapses(dopamine, synapse_stdp, '', { onPre: 'd_post += epsilon_dopa', method: 'exact', namespace: { epsilon_dopa } });
reward.connect();

// Simulation
// Classical STDP
synapse_stdp.mode = 0;
run(simulation_duration.div(2));
// Dopamine modulated STDP
synapse_stdp.mode = 1;
run(simulation_duration.div(2));

// Visualisation
const end = simulation_duration.in(second);
// Brian2: figsize (12, 6), phase labels as text above the bars and named y ticks; brian-ts has no
// text or tick labels, so the phases are named in the title, the rows (0, 1, 2) in the y label,
// and the y labels are shortened (Brian2: 'Extracellular dopamine d(t)', …).
const fig = figure({ width: 1200, height: 600, rows: 4 });
const ax1 = fig.subplot(0, 0).title('Classical STDP (left) · Dopamine modulated STDP (right)');
ax1.plot([0.05 * durationScale, 2.95 * durationScale], [2.7, 2.7], { lineWidth: 5, color: 'k' });
ax1.plot([3.05 * durationScale, 5.95 * durationScale], [2.7, 2.7], { lineWidth: 5, color: 'k' });
ax1.plot(neurons_monitor.t.in(second), neurons_monitor.i, 'ob');
ax1.plot(dopamine_monitor.t.in(second), Float64Array.from(dopamine_monitor.i, (k) => k + 2), 'or');
ax1.xlim(0, end).ylim(-0.5, 4).ylabel('pre·post·reward');
const t = synapse_stdp_monitor.t.in(second);
const trace = (name: string): Float64Array => Float64Array.from(synapse_stdp_monitor.get(name).values[0]!, (x) => x / gmax);
fig.subplot(1, 0).plot(t, trace('d'), 'r-').xlim(0, end).ylabel('dopamine d(t)');
fig.subplot(2, 0).plot(t, trace('c'), 'b-').xlim(0, end).ylabel('eligibility c(t)');
fig.subplot(3, 0).plot(t, trace('s'), 'g-').xlim(0, end).ylabel('strength s(t)').xlabel('Time (s)');
await fig.save('Izhikevich_2007.png');
