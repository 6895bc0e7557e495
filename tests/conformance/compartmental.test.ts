/** Active cables against Brian2 2.5.1: the compartmental example hh_with_spikes (shortened). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadFixture, assertClose } from './fixture.ts';
import { Network, StateMonitor, SpikeMonitor, cm, cm2, defaultclock, mV, ms, msiemens, ohm, uA, uF, um, amp } from '../../src/index.ts';
import { Cylinder, SpatialNeuron } from '../../src/spatial/index.ts';

interface HH {
  spike_i: number[];
  spike_t: number[];
  velocity: number;
  record: number[];
  t: number[];
  v: number[][];
  distance: number[];
}
const fx = loadFixture<{ hh_with_spikes: HH }>('compartmental');

const EQS = `
Im = gl * (El-v) + gNa * m**3 * h * (ENa-v) + gK * n**4 * (EK-v) : amp/meter**2
I : amp (point current) # applied current
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

/** Least-squares slope of distance against spike time (scipy's linregress). */
function slope(t: readonly number[], x: readonly number[]): number {
  const n = t.length;
  const mt = t.reduce((a, b) => a + b, 0) / n;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let k = 0; k < n; k++) {
    num += (t[k]! - mt) * (x[k]! - mx);
    den += (t[k]! - mt) ** 2;
  }
  return num / den;
}

test('SpatialNeuron hh_with_spikes (Brian2 example, shortened): spike times per compartment and propagation velocity', () => {
  const c = fx.hh_with_spikes;
  defaultclock.dt = ms(0.01);
  const morpho = new Cylinder({ length: cm(3), diameter: um(2 * 238), n: 150, type: 'axon' });
  const neuron = new SpatialNeuron(morpho, EQS, {
    method: 'exponential_euler',
    refractory: 'm > 0.4',
    threshold: 'm > 0.5',
    Cm: uF(1).div(cm2(1)),
    Ri: ohm(35.4).times(cm(1)),
    namespace: { El: mV(10.613), ENa: mV(115), EK: mV(-12), gl: msiemens(0.3).div(cm2(1)), gK: msiemens(36).div(cm2(1)) },
  });
  neuron.v = mV(0);
  neuron.h = 1;
  neuron.m = 0;
  neuron.n = 0.5;
  neuron.I = amp(0);
  neuron.gNa = msiemens(120).div(cm2(1));
  const M = new StateMonitor(neuron, 'v', { record: c.record, dt: ms(0.1) });
  const spikes = new SpikeMonitor(neuron);
  const net = new Network(neuron, M, spikes);
  net.run(ms(5));
  neuron.I[0] = uA(1);
  net.run(ms(3));
  neuron.I = amp(0);
  net.run(ms(7));

  assertClose(neuron.distance_ as Float64Array, c.distance, { rtol: 1e-12, label: 'distance' });
  // Each compartment spikes once; the times agree within one dt.
  assert.deepEqual(Array.from(spikes.i).sort((a, b) => a - b), [...c.spike_i].sort((a, b) => a - b));
  const ours = new Map<number, number>();
  Array.from(spikes.i).forEach((i, k) => ours.set(i, spikes.t_[k]!));
  c.spike_i.forEach((i, k) => assert.ok(Math.abs(ours.get(i)! - c.spike_t[k]!) <= 0.01e-3 * 1.0001, `compartment ${i}: ${ours.get(i)} vs ${c.spike_t[k]}`));
  const velocity = slope(Array.from(spikes.t_), Array.from(spikes.i, (i) => c.distance[i]!));
  assert.ok(Math.abs(velocity - c.velocity) / c.velocity < 1e-3, `velocity ${velocity} vs Brian2 ${c.velocity} m/s`);
  // Voltage traces at a few compartments (the spike upstroke amplifies tiny differences: compare loosely).
  c.record.forEach((_, k) => assertClose(M.v_[k]!, c.v[k]!, { atol: 1e-6, rtol: 1e-6, label: `v at compartment ${c.record[k]}` }));
});
