// Standalone mode with several run() calls: ten neurons driven by I = 1 for 20 ms, then relaxing with I = 0 for 80 ms.
// Brian2 original: examples/standalone/simple_case_build.py
//
// In Brian2's C++ standalone mode (`build_on_run=False`) the two runs are collected into one
// project that `device.build()` compiles and runs at the end; changing the Python variable `I`
// between the runs changes the constant in the generated code. In brian-ts each run() executes at
// once and reads the namespace when it starts, so `I` is changed in the namespace object between
// the runs and there is nothing to build.
import { NeuronGroup, StateMonitor, figure, ms, run, startScope } from 'brian-ts';

startScope();

const tau = ms(10);
const namespace = { tau, I: 1 }; // input current
const eqs = `
dv/dt = (I-v)/tau : 1
`;
export const G = new NeuronGroup(10, eqs, { method: 'exact', namespace });
G.v = 'rand()';
export const mon = new StateMonitor(G, 'v', { record: true });
run(ms(20));
namespace.I = 0;
run(ms(80));

const fig = figure();
for (const trace of mon.v) fig.plot(mon.t.in(ms), trace.values);
fig.xlabel('t (ms)');
fig.ylabel('v');
await fig.save('simple_case_build.png');
