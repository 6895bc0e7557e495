// HH 4000 (bench/neurongroup/hh.model.ts) as one program for the playground and Node alike: prints the wall time of a
// 300 ms run after a 10 ms warm-up (session 13, s13-v8). Node: node --import tsx bench/v8/hh-program.ts;
// playground: node --import tsx bench/playground/program.bench.ts --scale 1 --repeats 3 --console bench/v8/hh-program.ts
import { cm, mV, ms, msiemens, nA, NeuronGroup, Network, SpikeMonitor, siemens, ufarad, umetre } from 'brian-ts';
import type { Quantity } from 'brian-ts';
const HH_EQS = `
dv/dt = (gl*(El-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK) + I)/Cm : volt
dm/dt = 0.32*(mV**-1)*4*mV/exprel((13.*mV-v+VT)/(4*mV))/ms*(1-m)-0.28*(mV**-1)*5*mV/exprel((v-VT-40.*mV)/(5*mV))/ms*m : 1
dn/dt = 0.032*(mV**-1)*5*mV/exprel((15.*mV-v+VT)/(5*mV))/ms*(1.-n)-.5*exp((10.*mV-v+VT)/(40.*mV))/ms*n : 1
dh/dt = 0.128*exp((17.*mV-v+VT)/(18.*mV))/ms*(1.-h)-4./(1+exp((40.*mV-v+VT)/(5.*mV)))/ms*h : 1
I : amp
`;
const N = 4000;
const area = umetre(1).times(umetre(1)).times(20000) as Quantity;
const perCm2 = (q: Quantity): Quantity => q.div(cm(1).times(cm(1))).times(area) as Quantity;
const namespace = { Cm: perCm2(ufarad(1)), gl: perCm2(siemens(5e-5)), El: mV(-65), EK: mV(-90), ENa: mV(50), g_na: perCm2(msiemens(100)), g_kd: perCm2(msiemens(30)), VT: mV(-63), I_max: nA(2) };
const G = new NeuronGroup(N, HH_EQS, { threshold: 'v > -40*mV', refractory: 'v > -40*mV', method: 'exponential_euler', namespace });
G.v = mV(-65);
G.I = 'I_max*i/(N-1)';
const sm = new SpikeMonitor(G);
const net = new Network(G, sm);
net.run(ms(10));
const t0 = performance.now();
net.run(ms(300));
console.log(`HH ${N} 300 ms: ${(performance.now() - t0).toFixed(0)} ms wall, ${sm.numSpikes} spikes`);
