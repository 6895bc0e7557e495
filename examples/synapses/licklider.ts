// Licklider's model of pitch processing: autocorrelation with delay lines, spike-based, with phase locking.
// Brian2 original: examples/synapses/licklider.py
import { startScope, defaultclock, NeuronGroup, Synapses, SpikeMonitor, run, ms, Hz, second, figure } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();
defaultclock.dt = ms(0.02);

// Ear and sound
const max_delay = ms(20); // 50 Hz
const tau_ear = ms(1);
const sigma_ear = 0.0;
const eqsEar = `
dx/dt = (sound-x)/tau_ear+0.1*(2./tau_ear)**.5*xi : 1 (unless refractory)
sound = 5*sin(2*pi*frequency*t)**3 : 1 # nonlinear distortion
#sound = 5*(sin(4*pi*frequency*t)+.5*sin(6*pi*frequency*t)) : 1 # missing fundamental
frequency = (200+200*t*Hz)*Hz : Hz # increasing pitch
`;
const receptors = new NeuronGroup(2, eqsEar, { threshold: 'x>1', reset: 'x=0', refractory: ms(2), method: 'euler', namespace: { tau_ear, sigma_ear, max_delay } });
// Coincidence detectors
const min_freq = Hz(50);
const max_freq = Hz(1000);
const num_neurons = 300;
const tau = ms(1);
const sigma = 0.1;
const eqsNeurons = `
dv/dt = -v/tau+sigma*(2./tau)**.5*xi : 1
`;

const neurons = new NeuronGroup(num_neurons, eqsNeurons, { threshold: 'v>1', reset: 'v=0', method: 'euler', namespace: { tau, sigma } });

const synapses = new Synapses(receptors, neurons, undefined, { onPre: 'v += 0.5', namespace: { min_freq, max_freq, num_neurons } });
synapses.connect();
synapses.delay = 'i*1.0/exp(log(min_freq/Hz)+(j*1.0/(num_neurons-1))*log(max_freq/min_freq))*second';

const spikes = new SpikeMonitor(neurons);

run(scaled(ms(500)));

// Brian2 plots neuron indices and labels the ticks 0, 99, 199, 299 with the frequencies
// 1/delay[1, j]. Those frequencies are log-spaced in j, so plotting each spike at its neuron's
// frequency on a log axis gives the same picture, with frequency ticks.
const frequencyOf = synapses.delay.at(1, null).in(second).map((d: number) => 1 / d);
const fig = figure();
fig.plot(spikes.t.in(ms), Float64Array.from(spikes.i, (j) => frequencyOf[j]!), '.k');
fig.yscale('log');
fig.xlabel('Time (ms)');
fig.ylabel('Frequency (Hz)');
await fig.save('licklider.png');
