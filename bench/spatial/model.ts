/**
 * The Hodgkin–Huxley cable model shared by the spatial benchmarks: Brian2's
 * examples/compartmental/hh_with_spikes.py (squid axon kinetics, exponential Euler, threshold
 * 'm > 0.5', refractory 'm > 0.4'), identical to ./brian2/_hh.py.
 */
import { cm2, msiemens, mV, ohm, cm, uF } from 'brian-ts';
import type { Quantity } from 'brian-ts';

export const HH_EQS = `
Im = gl * (El-v) + gNa * m**3 * h * (ENa-v) + gK * n**4 * (EK-v) : amp/meter**2
I : amp (point current)
dm/dt = alpham * (1-m) - betam * m : 1
dn/dt = alphan * (1-n) - betan * n : 1
dh/dt = alphah * (1-h) - betah * h : 1
alpham = (0.1/mV) * 10*mV/exprel((-v+25*mV)/(10*mV))/ms : Hz
betam = 4 * exp(-v/(18*mV))/ms : Hz
alphah = 0.07 * exp(-v/(20*mV))/ms : Hz
betah = 1/(exp((-v+30*mV) / (10*mV)) + 1)/ms : Hz
alphan = (0.01/mV) * 10*mV/exprel((-v+10*mV)/(10*mV))/ms : Hz
betan = 0.125*exp(-v/(80*mV))/ms : Hz
gNa : siemens/meter**2
`;

const perCm2 = (q: Quantity): Quantity => q.div(cm2(1)) as Quantity;

/** The example's constants (El, ENa, EK, gl, gK) for the namespace, and gNa0. */
export function hhNamespace(): Record<string, Quantity> {
  return { El: mV(10.613), ENa: mV(115), EK: mV(-12), gl: perCm2(msiemens(0.3)), gK: perCm2(msiemens(36)) };
}
export const gNa0 = (): Quantity => perCm2(msiemens(120));
export const Cm = (): Quantity => perCm2(uF(1));
export const Ri = (): Quantity => ohm(35.4).times(cm(1)) as Quantity;
