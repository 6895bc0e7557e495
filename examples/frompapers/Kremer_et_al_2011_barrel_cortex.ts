// Development of direction maps with pinwheels in the barrel cortex: whiskers deflected by random
// moving bars, plastic feedforward connections from layer 4 to layer 2/3.
// Brian2 original: examples/frompapers/Kremer_et_al_2011_barrel_cortex.py
//
// Kremer Y, Leger JF, Goodman DF, Brette R, Bourdieu L (2011). Late Emergence of the Whisker
// Direction Selectivity Map in the Rat Barrel Cortex. J Neurosci 31(29): 10689-700.
// 5×5 barrels; layer 4 neurons fire as Poisson neurons when a bar sweeping in a random direction
// (a new one every 60 ms) crosses their barrel, with a rate tuned to the direction; layer 2/3
// neurons are integrate-and-fire neurons with adaptive thresholds, with lateral excitation and
// inhibition. STDP on the feedforward synapses makes direction maps emerge; each excitatory layer
// 2/3 neuron is coloured by its preferred direction (the weighted vector average of its inputs'
// selectivities). The network construction takes a while (about 5 million synapses).
// A shortened run (BRIAN_TS_DURATION_SCALE < 1) uses 2×2 barrels (Brian2's script suggests a
// smaller array when memory is short).
import { startScope, NeuronGroup, Synapses, run, ms, mV, second, figure } from 'brian-ts';
import { durationScale, scaled } from '../_duration.ts';

startScope();

// PARAMETERS
// Neuron numbers
const [M4, M23exc, M23inh] = [22, 25, 12]; // size of each barrel (in neurons)
const [N4, N23exc, N23inh] = [M4 ** 2, M23exc ** 2, M23inh ** 2]; // neurons per barrel
const barrelarraysize = durationScale < 1 ? 2 : 5; // Choose 3 or 4 if memory error
const Nbarrels = barrelarraysize ** 2;
// Stimulation
const stim_change_time = ms(5);
const Fmax = stim_change_time.pow(-1).times(0.5); // maximum firing rate in layer 4 (.5 spike / stimulation)
// Neuron parameters
const [taum, taue, taui] = [ms(10), ms(2), ms(25)];
const El = mV(-70);
const [Vt, vt_inc, tauvt] = [mV(-55), mV(2), ms(50)]; // adaptive threshold
// STDP
const [taup, taud] = [ms(5), ms(25)];
// EPSPs/IPSPs
const [EPSP, IPSP] = [mV(1), mV(-1)];
const EPSC = EPSP.times((taue.value / taum.value) ** (taum.value / (taue.value - taum.value)));
const IPSC = IPSP.times((taui.value / taum.value) ** (taum.value / (taui.value - taum.value)));
const [Ap, Ad] = [EPSC.times(0.05), EPSC.times(-0.04)];
const stimradius = (11 + 1) * 0.5;

const namespace = { N4, N23exc, Nbarrels, barrelarraysize, Fmax, taum, taue, taui, El, Vt, vt_inc, tauvt, taup, taud, EPSC, IPSC, Ap, Ad, stimradius };

// Layer 4, models the input stimulus
const eqs_layer4 = `
rate = int(is_active)*clip(cos(direction - selectivity), 0, inf)*Fmax: Hz
is_active = abs((barrel_x + 0.5 - bar_x) * cos(direction) + (barrel_y + 0.5 - bar_y) * sin(direction)) < 0.5: boolean
barrel_x : integer # The x index of the barrel
barrel_y : integer # The y index of the barrel
selectivity : 1
# Stimulus parameters (same for all neurons)
bar_x = cos(direction)*(t - stim_start_time)/(5*ms) + stim_start_x : 1 (shared)
bar_y = sin(direction)*(t - stim_start_time)/(5*ms) + stim_start_y : 1 (shared)
direction : 1 (shared) # direction of the current stimulus
stim_start_time : second (shared) # start time of the current stimulus
stim_start_x : 1 (shared) # start position of the stimulus
stim_start_y : 1 (shared) # start position of the stimulus
`;
const layer4 = new NeuronGroup(N4 * Nbarrels, eqs_layer4, { threshold: 'rand() < rate*dt', method: 'euler', name: 'layer4', namespace });
layer4.barrel_x = '(i // N4) % barrelarraysize + 0.5';
layer4.barrel_y = 'i // (barrelarraysize*N4) + 0.5';
layer4.selectivity = '(i%N4)/(1.0*N4)*2*pi'; // for each barrel, selectivity between 0 and 2*pi

// Chose a new randomly oriented bar every 60ms
layer4.runRegularly(`
direction = rand()*2*pi
stim_start_x = barrelarraysize / 2.0 - cos(direction)*stimradius
stim_start_y = barrelarraysize / 2.0 - sin(direction)*stimradius
stim_start_time = t
`, { dt: ms(60), when: 'start' });

// Layer 2/3
// Model: IF with adaptive threshold
const eqs_layer23 = `
dv/dt=(ge+gi+El-v)/taum : volt
dge/dt=-ge/taue : volt
dgi/dt=-gi/taui : volt
dvt/dt=(Vt-vt)/tauvt : volt # adaptation
barrel_idx : integer
x : 1  # in "barrel width" units
y : 1  # in "barrel width" units
`;
export const layer23 = new NeuronGroup(Nbarrels * (N23exc + N23inh), eqs_layer23, {
  threshold: 'v>vt', reset: 'v = El; vt += vt_inc', refractory: ms(2), method: 'euler', name: 'layer23', namespace,
});
layer23.v = El;
layer23.vt = Vt;

// Subgroups for excitatory and inhibitory neurons in layer 2/3
const layer23exc = layer23.slice(0, Nbarrels * N23exc);
const layer23inh = layer23.slice(Nbarrels * N23exc, layer23.N);

// Layer 2/3 excitatory
// The units for x and y are the width/height of a single barrel
layer23exc.x = `(i % (barrelarraysize*${M23exc})) * (1.0/${M23exc})`;
layer23exc.y = `(i // (barrelarraysize*${M23exc})) * (1.0/${M23exc})`;
layer23exc.barrel_idx = 'floor(x) + floor(y)*barrelarraysize';

// Layer 2/3 inhibitory
layer23inh.x = `i % (barrelarraysize*${M23inh}) * (1.0/${M23inh})`;
layer23inh.y = `i // (barrelarraysize*${M23inh}) * (1.0/${M23inh})`;
layer23inh.barrel_idx = 'floor(x) + floor(y)*barrelarraysize';

console.log('Building synapses, please wait...');
// Feedforward connections (plastic)
export const feedforward = new Synapses(layer4, layer23exc, `
w:volt
dA_source/dt = -A_source/taup : volt (event-driven)
dA_target/dt = -A_target/taud : volt (event-driven)`, {
  onPre: `ge+=w
          A_source += Ap
          w = clip(w+A_target, 0*volt, EPSC)`,
  onPost: `A_target += Ad
           w = clip(w+A_source, 0*volt, EPSC)`,
  name: 'feedforward',
  namespace,
});
// Connect neurons in the same barrel with 50% probability
feedforward.connect({ condition: '(barrel_x_pre + barrelarraysize*barrel_y_pre) == barrel_idx_post', p: 0.5 });
feedforward.w = EPSC.times(0.5);

console.log('excitatory lateral');
// Excitatory lateral connections
export const recurrent_exc = new Synapses(layer23exc, layer23, 'w:volt', { onPre: 'ge+=w', name: 'recurrent_exc', namespace });
recurrent_exc.connect({ p: '.15*exp(-.5*(((x_pre-x_post)/.4)**2+((y_pre-y_post)/.4)**2))' });
recurrent_exc.w['j<Nbarrels*N23exc'] = EPSC.times(0.3); // excitatory->excitatory
recurrent_exc.w['j>=Nbarrels*N23exc'] = EPSC; // excitatory->inhibitory

// Inhibitory lateral connections
console.log('inhibitory lateral');
export const recurrent_inh = new Synapses(layer23inh, layer23exc, '', { onPre: 'gi+=IPSC', name: 'recurrent_inh', namespace });
recurrent_inh.connect({ p: 'exp(-.5*(((x_pre-x_post)/.2)**2+((y_pre-y_post)/.2)**2))' });

console.log('Total number of connections');
console.log(`feedforward: ${feedforward.N}`);
console.log(`recurrent exc: ${recurrent_exc.N}`);
console.log(`recurrent inh: ${recurrent_inh.N}`);

run(scaled(second(5)), { report: 'text' });

// Calculate the preferred direction of each cell in layer23 by doing a vector average of the
// selectivity of the projecting layer4 cells, weighted by the synaptic weight.
const nExc = Nbarrels * N23exc;
const re = new Float64Array(nExc);
const im = new Float64Array(nExc);
const post = feedforward.j;
const pre = feedforward.i;
const w = feedforward.w.values as Float64Array;
const nIncoming = feedforward.N_incoming.values as ArrayLike<number>;
const selectivity = layer4.selectivity.values as Float64Array;
for (let k = 0; k < feedforward.N; k++) {
  const s = selectivity[pre[k]!]!;
  const j = post[k]!;
  re[j] = re[j]! + (w[k]! * Math.cos(s)) / nIncoming[k]!;
  im[j] = im[j]! + (w[k]! * Math.sin(s)) / nIncoming[k]!;
}
export const selectivity_exc = Float64Array.from(re, (r, k) => ((((Math.atan2(r, im[k]!) % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI)) * 180) / Math.PI);

const fig = figure({ width: 720, height: 600 });
const x = (layer23.x.values as Float64Array).subarray(0, nExc);
const y = (layer23.y.values as Float64Array).subarray(0, nExc);
fig.scatter(x, y, { c: selectivity_exc, marker: 's', cmap: 'hsv', vmin: 0, vmax: 360, size: 16 });
const edges = Array.from({ length: barrelarraysize }, (_, k) => k);
fig.vlines(edges, 0, barrelarraysize, { color: 'k' });
fig.hlines(edges, 0, barrelarraysize, { color: 'k' });
fig.colorbar();
await fig.save('Kremer_et_al_2011_barrel_cortex.png');
