// The CUBA network (4000 integrate-and-fire neurons with current-based synapses) run on 4 threads (Brian2: C++ standalone with 4 OpenMP threads).
// Brian2 original: examples/standalone/cuba_openmp.py
//
// Brian2 sets `prefs.devices.cpp_standalone.openmp_threads = 4` in C++ standalone mode.
// brian-ts's equivalent is `prefs.threads = 4` (or `run(…, { threads: 4 })`): the state updates,
// thresholds and synaptic pathways are split over worker threads, and the results are
// bit-identical for any number of threads.
import { NeuronGroup, SpikeMonitor, Synapses, figure, mV, ms, prefs, run, second, startScope } from 'brian-ts';
import { scaled } from '../_duration.ts';

startScope();

prefs.threads = Number(process.env.BRIAN_TS_EXAMPLE_THREADS ?? 4);
const taum = ms(20);
const taue = ms(5);
const taui = ms(10);
const Vt = mV(-50);
const Vr = mV(-60);
const El = mV(-49);

const eqs = `
dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
dge/dt = -ge/taue : volt (unless refractory)
dgi/dt = -gi/taui : volt (unless refractory)
`;
export const P = new NeuronGroup(4000, eqs, { threshold: 'v>Vt', reset: 'v = Vr', refractory: ms(5), method: 'exact', namespace: { taum, taue, taui, Vt, Vr, El } });
P.v = 'Vr + rand() * (Vt - Vr)';
P.ge = mV(0);
P.gi = mV(0);

const we = mV((60 * 0.27) / 10); // excitatory synaptic weight (voltage)
const wi = mV((-20 * 4.5) / 10); // inhibitory synaptic weight
export const Ce = new Synapses(P, P, '', { onPre: 'ge += we', namespace: { we } });
export const Ci = new Synapses(P, P, '', { onPre: 'gi += wi', namespace: { wi } });
Ce.connect({ condition: 'i<3200', p: 0.02 });
Ci.connect({ condition: 'i>=3200', p: 0.02 });
export const s_mon = new SpikeMonitor(P);
run(scaled(second(1)));

const fig = figure();
fig.plot(s_mon.t.in(ms), s_mon.i, ',k');
fig.xlabel('Time (ms)');
fig.ylabel('Neuron index');
await fig.save('cuba_openmp.png');
