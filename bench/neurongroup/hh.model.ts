/**
 * The uncoupled Hodgkin–Huxley population of bench/neurongroup/hh.bench.ts (Traub & Miles, as in
 * tests/conformance/generate/hh.py; Brian2: bench/neurongroup/brian2/hh.py), shared with
 * bench/codegen/hh-kernel.bench.ts so both time the same kernel.
 */
import { cm, mV, msiemens, nA, NeuronGroup, siemens, ufarad, umetre } from 'brian-ts';
import type { Quantity } from 'brian-ts';

export const HH_EQS = `
dv/dt = (gl*(El-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK) + I)/Cm : volt
dm/dt = 0.32*(mV**-1)*4*mV/exprel((13.*mV-v+VT)/(4*mV))/ms*(1-m)-0.28*(mV**-1)*5*mV/exprel((v-VT-40.*mV)/(5*mV))/ms*m : 1
dn/dt = 0.032*(mV**-1)*5*mV/exprel((15.*mV-v+VT)/(5*mV))/ms*(1.-n)-.5*exp((10.*mV-v+VT)/(40.*mV))/ms*n : 1
dh/dt = 0.128*exp((17.*mV-v+VT)/(18.*mV))/ms*(1.-h)-4./(1+exp((40.*mV-v+VT)/(5.*mV)))/ms*h : 1
I : amp
`;

/** N neurons, I = I_max*i/(N-1) with I_max = 2 nA, threshold and refractoriness 'v > -40*mV', v = -65 mV. */
export function hhGroup(N: number): NeuronGroup {
  const area = umetre(1).times(umetre(1)).times(20000) as Quantity;
  const perCm2 = (q: Quantity): Quantity => q.div(cm(1).times(cm(1))).times(area) as Quantity;
  const namespace = {
    Cm: perCm2(ufarad(1)), gl: perCm2(siemens(5e-5)), El: mV(-65), EK: mV(-90), ENa: mV(50),
    g_na: perCm2(msiemens(100)), g_kd: perCm2(msiemens(30)), VT: mV(-63), I_max: nA(2),
  };
  const G = new NeuronGroup(N, HH_EQS, { threshold: 'v > -40*mV', refractory: 'v > -40*mV', method: 'exponential_euler', namespace });
  G.v = mV(-65);
  G.I = 'I_max*i/(N-1)';
  return G;
}
