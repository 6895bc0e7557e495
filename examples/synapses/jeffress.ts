// Jeffress model of sound localisation: coincidence detectors on delay lines from two noisy ears.
// Brian2 original: examples/synapses/jeffress.py
//
// A sound source (white noise) is moving around the head. Delay differences between the two ears
// are used to determine the azimuth of the source. Delays are mapped to a neural place code using
// delay lines (each neuron receives input from both ears, with different delays).
import { startScope, defaultclock, TimedArray, NeuronGroup, Synapses, StateMonitor, SpikeMonitor, run, ms, cm, metre, second, Hz, figure } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();
defaultclock.dt = ms(0.02);

/** n standard normal samples (numpy's randn; Box–Muller on Math.random). */
function randn(n: number): number[] {
  return Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random()));
}

// Sound
const sound = new TimedArray(randn(50000).map((x) => 10 * x), defaultclock.dt); // white noise

// Ears and sound motion around the head (constant angular speed)
const sound_speed = metre(300).div(second(1));
const interaural_distance = cm(20); // big head!
const max_delay = interaural_distance.div(sound_speed);
console.log(`Maximum interaural delay: ${String(max_delay)}`);
const angular_speed = Hz(2 * Math.PI); // 1 turn/second (radian/second)
const tau_ear = ms(1);
const sigma_ear = 0.1;
const eqsEars = `
dx/dt = (sound(t-delay)-x)/tau_ear+sigma_ear*(2./tau_ear)**.5*xi : 1 (unless refractory)
delay = distance*sin(theta) : second
distance : second # distance to the centre of the head in time units
dtheta/dt = angular_speed : radian
`;
const ears = new NeuronGroup(2, eqsEars, {
  threshold: 'x>1', reset: 'x = 0', refractory: ms(2.5), name: 'ears', method: 'euler',
  namespace: { sound, angular_speed, tau_ear, sigma_ear },
});
ears.distance = max_delay.times([-0.5, 0.5]);
const traces = new StateMonitor(ears, 'delay', { record: true });
// Coincidence detectors
const num_neurons = 30;
const tau = ms(1);
const sigma = 0.1;
const eqsNeurons = `
dv/dt = -v / tau + sigma * (2 / tau)**.5 * xi : 1
`;
const neurons = new NeuronGroup(num_neurons, eqsNeurons, { threshold: 'v>1', reset: 'v = 0', name: 'neurons', method: 'euler', namespace: { tau, sigma } });

const synapses = new Synapses(ears, neurons, undefined, { onPre: 'v += .5', namespace: { num_neurons, max_delay } });
synapses.connect();

synapses.delay['i==0'] = '(1.0*j)/(num_neurons-1)*1.1*max_delay';
synapses.delay['i==1'] = '(1.0*(num_neurons-j-1))/(num_neurons-1)*1.1*max_delay';

const spikes = new SpikeMonitor(neurons);

run(scaled(ms(1000)));

// Plot the results
const [i, t] = spikes.it;
const fig = figure({ rows: 2 });
fig.subplot(0, 0);
fig.plot(t.in(ms), i, '.');
fig.xlabel('Time (ms)');
fig.ylabel('Neuron index');
fig.xlim(0, scaled(ms(1000)).in(ms));
fig.subplot(1, 0);
for (const trace of traces.delay) fig.plot(traces.t.in(ms), trace.in(ms));
fig.xlabel('Time (ms)');
fig.ylabel('Input delay (ms)');
fig.xlim(0, scaled(ms(1000)).in(ms));
await fig.save('jeffress.png');
