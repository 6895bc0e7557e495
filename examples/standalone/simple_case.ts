// The simplest standalone-mode example: ten neurons relaxing to v = 1 from random starting values.
// Brian2 original: examples/standalone/simple_case.py
//
// Brian2's only change from a normal run is `set_device('cpp_standalone')`, which generates and
// compiles a C++ project. brian-ts has one mode: every run already executes generated code
// (JavaScript compiled once per run), so the port is the plain model.
import { NeuronGroup, StateMonitor, figure, ms, run, startScope } from 'brian-ts';

startScope();

const tau = ms(10);
const eqs = `
dv/dt = (1-v)/tau : 1
`;
export const G = new NeuronGroup(10, eqs, { method: 'exact', namespace: { tau } });
G.v = 'rand()';
export const mon = new StateMonitor(G, 'v', { record: true });
run(ms(100));

const fig = figure();
for (const trace of mon.v) fig.plot(mon.t.in(ms), trace.values);
fig.xlabel('t (ms)');
fig.ylabel('v');
await fig.save('simple_case.png');
