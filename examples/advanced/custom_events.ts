// Custom events: a `gspike` event with its own synaptic pathway, beside the ordinary spikes.
// Brian2 original: examples/advanced/custom_events.py
//
// Three neurons: the first is Poisson spiking and connects to neuron G, which in turn connects to
// neuron H. Neuron G has two variables v and g; incoming Poisson spikes increase g
// instantaneously, g decays rapidly and drives a slow increase of v. If v crosses a threshold it
// causes a standard spike and reset. If g crosses a threshold it causes a custom event `gspike`,
// and when it returns below that threshold a custom event `end_gspike`. The standard spike of G
// increases x in H (the `pre` pathway), the gspike event increases y (the custom pathway `gpath`).
import { startScope, NeuronGroup, PoissonGroup, Synapses, StateMonitor, EventMonitor, SpikeMonitor, run, ms, Hz, figure } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();
// Input Poisson spikes
const inp = new PoissonGroup(1, { rates: Hz(250) });
// First group G
const eqs_G = `
dv/dt = (g-v)/(50*ms) : 1
dg/dt = -g/(10*ms) : 1
allow_gspike : boolean
`;
const G = new NeuronGroup(1, eqs_G, {
  threshold: 'v>1',
  reset: 'v = 0; g = 0; allow_gspike = True;',
  events: { gspike: 'g>1 and allow_gspike', end_gspike: 'g<1 and not allow_gspike' },
});
G.runOnEvent('gspike', 'allow_gspike = False');
G.runOnEvent('end_gspike', 'allow_gspike = True');
// Second group H
const eqs_H = `
dx/dt = -x/(10*ms) : 1
dy/dt = -y/(10*ms) : 1
`;
const H = new NeuronGroup(1, eqs_H);
// Synapses from input Poisson group to G
const Sin = new Synapses(inp, G, '', { onPre: 'g += 0.5' });
Sin.connect();
// Synapses from G to H
const S = new Synapses(G, H, '', {
  onPre: { pre: 'x += 1', gpath: 'y += 1' },
  onEvent: { pre: 'spike', gpath: 'gspike' },
});
S.connect();
// Monitors
const Mstate = new StateMonitor(G, ['v', 'g'], { record: true });
const Mgspike = new EventMonitor(G, 'gspike', { variables: 'g' });
const Mspike = new SpikeMonitor(G, { variables: 'v' });
const MHstate = new StateMonitor(H, ['x', 'y'], { record: true });
// Initialise and run
G.allow_gspike = true;
run(scaled(ms(500)));
// Plot
const fig = figure({ width: 1000, height: 400, cols: 2 });
fig.subplot(0, 0);
fig.plot(Mstate.t.in(ms), Mstate.g[0].values, '-g', { label: 'g' });
fig.plot(Mstate.t.in(ms), Mstate.v[0].values, '-b', { lineWidth: 2, label: 'V' });
fig.plot(Mspike.t.in(ms), Mspike.v.values, 'ob');
fig.plot(Mgspike.t.in(ms), Mgspike.g.values, 'og');
fig.xlabel('Time (ms)');
fig.title('Presynaptic group G');
fig.legend();
fig.subplot(0, 1);
fig.plot(MHstate.t.in(ms), MHstate.y[0].values, '-r', { label: 'y' });
fig.plot(MHstate.t.in(ms), MHstate.x[0].values, '-k', { lineWidth: 2, label: 'x' });
fig.xlabel('Time (ms)');
fig.title('Postsynaptic group H');
fig.legend();
await fig.save('custom_events.png');
