import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Network, defaultclock, prefs, resetPrefs } from '../core/index.ts';
import { DimensionMismatchError, cm, cm2, mV, ms, msiemens, nA, ohm, siemens, uF, um } from '../units/index.ts';
import type { Quantity } from '../units/index.ts';
import { Cylinder, Soma, SpatialNeuron, SpatialNeuronError } from './index.ts';

const PASSIVE = 'Im = gL*(EL - v) : amp/meter**2\nI : amp (point current)';
const gL = siemens(1e-4).div(cm2(1));
const EL = mV(-70);

test('new SpatialNeuron(morpho, model) has one element per compartment and the morphology variables', () => {
  const morpho = new Soma({ diameter: um(30) });
  morpho.setChild('axon', new Cylinder({ diameter: um(1), length: um(100), n: 4 }));
  const neuron = new SpatialNeuron(morpho, PASSIVE, { namespace: { gL, EL } });
  assert.equal(neuron.N, 5);
  assert.deepEqual(Array.from(neuron.area_ as Float64Array), [...morpho.area_, ...morpho.child('axon').area_]);
  assert.deepEqual(Array.from(neuron.distance_ as Float64Array), [0, ...morpho.child('axon').distance_]);
  assert.ok(Math.abs((neuron.Cm_ as Float64Array)[3]! - 0.009) < 1e-15); // default 0.9 µF/cm²
  assert.ok(Math.abs((neuron.Ri_ as Float64Array)[0]! - 1.5) < 1e-15); // default 150 ohm·cm
  assert.equal(neuron.spatialStateUpdater.when, 'groups');
  assert.equal(neuron.spatialStateUpdater.order, 1);
});

test('SpatialNeuron.run conserves current over a branched tree (backward Euler: sum of area*Ic = injected + membrane)', () => {
  defaultclock.dt = ms(0.1);
  const morpho = new Soma({ diameter: um(30) });
  morpho.setChild('axon', new Cylinder({ diameter: um(1), length: um(100), n: 4 }));
  morpho.child('axon').setChild('L', new Cylinder({ diameter: um(0.5), length: um(50), n: 3 }));
  morpho.child('axon').setChild('R', new Cylinder({ diameter: um(0.8), length: um(70), n: 2 }));
  const neuron = new SpatialNeuron(morpho, PASSIVE, { namespace: { gL, EL }, method: 'exact', Cm: uF(1).div(cm2(1)), Ri: ohm(100).times(cm(1)) });
  neuron.v = EL;
  neuron.I[7] = nA(0.2);
  const net = new Network(neuron);
  for (let step = 0; step < 5; step++) {
    net.run(ms(0.1));
    const v = neuron.v_ as Float64Array;
    const area = neuron.area_ as Float64Array;
    const Ic = neuron.Ic_ as Float64Array;
    let capacitive = 0;
    let membrane = 0;
    for (let k = 0; k < neuron.N; k++) {
      capacitive += area[k]! * Ic[k]!;
      membrane += area[k]! * 1 * (-0.07 - v[k]!); // gL = 1 S/m²
    }
    // The soma's 1 S coupling conductance costs ~1e-17 V resolution, i.e. ~1e-18 A.
    assert.ok(Math.abs(capacitive - membrane - 0.2e-9) < 1e-16, `step ${step}: ${capacitive - membrane}`);
  }
  // The injected compartment is the most depolarised one
  const v = Array.from(neuron.v_ as Float64Array);
  assert.equal(v.indexOf(Math.max(...v)), 7);
});

test('SpatialNeuron integrates the other equations with the state updater (gating variable)', () => {
  defaultclock.dt = ms(0.1);
  const morpho = new Cylinder({ diameter: um(1), length: um(100), n: 3 });
  const neuron = new SpatialNeuron(morpho, 'Im = gL*(EL - v) + gL*m*(EL - v) : amp/meter**2\ndm/dt = -m/tau : 1', {
    namespace: { gL, EL, tau: ms(2) },
  });
  neuron.v = EL;
  neuron.m = 1;
  new Network(neuron).run(ms(1));
  for (const m of neuron.m_ as Float64Array) assert.ok(Math.abs(m - Math.exp(-0.5)) < 1e-12);
  for (const v of neuron.v_ as Float64Array) assert.ok(Math.abs(v + 0.07) < 1e-15); // resting, no current
});

test('SpatialNeuron.space_constant is the cable length constant', () => {
  const neuron = new SpatialNeuron(new Cylinder({ diameter: um(1), length: um(1000), n: 10 }), PASSIVE, {
    namespace: { gL: siemens(1).div(cm2(1e4)), EL },
    Ri: ohm(100).times(cm(1)),
  });
  new Network(neuron).run(ms(0.1));
  const lambda = (neuron.space_constant.values as Float64Array)[0]!;
  assert.ok(Math.abs(lambda - 500e-6) < 1e-15, String(lambda));
});

test('new SpatialNeuron() rejects bad models and options', () => {
  const morpho = new Cylinder({ diameter: um(1), length: um(10), n: 2 });
  assert.throws(() => new SpatialNeuron(morpho, 'I : amp'), { name: 'SpatialNeuronError', message: /transmembrane current 'Im' must be defined/ });
  assert.throws(() => new SpatialNeuron(morpho, 'Im = gL*(EL - v) : amp/meter**2 (shared)'), { name: 'SpatialNeuronError', message: /Cannot specify any flags/ });
  assert.throws(() => new SpatialNeuron(morpho, 'Im = gL*(EL - v) : amp'), { name: 'DimensionMismatchError', message: /'Im' .* amp\/meter\*\*2/ });
  assert.throws(() => new SpatialNeuron(morpho, 'Im = gL*(EL - v) : amp/meter**2\nI : volt (point current)'), (e) => e instanceof DimensionMismatchError && /Point current I/.test(e.message));
  assert.throws(() => new SpatialNeuron(morpho, 'Im = gL*(EL - v)*rand() : amp/meter**2'), (e) => e instanceof SpatialNeuronError && /derivative .* with respect to v/.test(e.message));
  assert.throws(() => new SpatialNeuron(morpho, PASSIVE, { Cm: mV(1) }), { name: 'DimensionMismatchError' });
  assert.throws(() => new SpatialNeuron(morpho, PASSIVE, { Ri: ohm(1) }), { name: 'DimensionMismatchError' });
  assert.throws(() => new SpatialNeuron(morpho, PASSIVE, { cm: uF(1) } as never), { name: 'SpatialNeuronError', message: /Unknown option 'cm'/ });
  assert.throws(() => new SpatialNeuron(morpho, 'Im = gL*(EL - v) : amp/meter**2\ndw/dt = -w/ms : 1 (unless refractory)'), { name: 'EquationError' });
});

test('new SpatialNeuron(morpho, model, {threshold, thresholdLocation, reset}) only spikes at that compartment', () => {
  defaultclock.dt = ms(0.1);
  const morpho = new Cylinder({ diameter: um(1), length: um(100), n: 5 });
  const neuron = new SpatialNeuron(morpho, PASSIVE, { namespace: { gL, EL }, threshold: 'v > -69*mV', thresholdLocation: 3, reset: 'v = EL' });
  neuron.v = mV(-60);
  new Network(neuron).run(ms(0.1));
  const v = neuron.v_ as Float64Array;
  assert.ok(Math.abs(v[3]! + 0.07) < 1e-15, String(v[3]));
  assert.ok(v[0]! > -0.069);
  assert.throws(() => new SpatialNeuron(morpho, PASSIVE, { threshold: 'v > 0*mV', thresholdLocation: 5 }), { name: 'SpatialNeuronError', message: /single compartment index in \[0, 5\[/ });
});

test('SpatialNeuron.x/y/z are the compartment midpoints when the morphology has coordinates', () => {
  const morpho = new Cylinder({ diameter: um(1), n: 2, x: [0, 20].map((x) => um(x)), y: [0, 0].map((y) => um(y)), z: [0, 0].map((z) => um(z)) });
  const neuron = new SpatialNeuron(morpho, PASSIVE, { namespace: { gL, EL } });
  assert.deepEqual(Array.from(neuron.x_ as Float64Array), Array.from(morpho.coords_(0, 'mid')!));
  assert.equal(new SpatialNeuron(new Soma({ diameter: um(10) }), PASSIVE).variables.has('x'), false);
});

test("float32 storage (prefs.floatDtype = 'float32') is refused with a SpatialNeuronError naming the neuron", () => {
  prefs.floatDtype = 'float32';
  try {
    assert.throws(
      () => new SpatialNeuron(new Cylinder({ diameter: um(1), length: um(100), n: 5 }), 'Im = 0*amp/meter**2 : amp/meter**2', { Cm: uF(1).div(cm2), Ri: ohm(100).times(cm(1)), name: 'axon32' }),
      (e: unknown) => e instanceof SpatialNeuronError && e.neuron === 'axon32' && /does not support float32 storage.*prefs.floatDtype = 'float64'/.test(e.message),
    );
  } finally {
    resetPrefs('floatDtype');
  }
});

test('the linearised current runs at the end of the channel update, and a threshold not reading v with it: the same bits as separate loops', async () => {
  const { BrianObject } = await import('../core/index.ts');
  // Brian2's hh_with_spikes.py (bench/spatial/model.ts).
  const HH_EQS = `
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
  const hhNamespace = { El: mV(10.613), ENa: mV(115), EK: mV(-12), gl: perCm2(msiemens(0.3)), gK: perCm2(msiemens(36)) };
  /** Scheduled between the channel update and the cable solver: nothing is fused then. */
  class Between extends BrianObject {
    constructor() {
      super({ when: 'groups', order: 0.5, name: 'between' });
    }
    override run(): void {}
  }
  for (const threshold of ['m > 0.5', 'v > 40*mV']) {
    const results = [false, true].map((separate) => {
      defaultclock.dt = ms(0.01);
      // 300 compartments: the state is in WebAssembly memory (the update is an in-place kernel).
      const neuron = new SpatialNeuron(new Cylinder({ length: cm(3), diameter: um(476), n: 300 }), HH_EQS, { method: 'exponential_euler', refractory: 'm > 0.4', threshold, Cm: perCm2(uF(1)), Ri: ohm(35.4).times(cm(1)) as Quantity, namespace: hhNamespace });
      neuron.v = mV(0);
      neuron.h = 1;
      neuron.m = 0;
      neuron.n = 0.5;
      neuron.gNa = perCm2(msiemens(120));
      neuron.I[0] = nA(1000);
      const net = separate ? new Network(neuron, new Between()) : new Network(neuron);
      net.run(ms(9), { threads: 1 });
      const bits = ['v', 'Ic', 'm', 'n', 'h', 'lastspike', 'not_refractory'].map((k) => Array.from(new Uint8Array((neuron.variables.getArray(k).array as Float64Array).slice().buffer)));
      return { template: neuron.stateUpdater.codeObject!.template, spatialCode: neuron.spatialStateUpdater.codeObject, bits, spiked: (neuron.variables.getArray('lastspike').array as Float64Array).filter((x) => x > 0).length };
    });
    const [fused, separate] = results as [(typeof results)[0], (typeof results)[0]];
    assert.equal(fused.template, threshold === 'm > 0.5' ? 'stateupdate_threshold' : 'stateupdate', threshold);
    assert.equal(fused.spatialCode, undefined, 'the spatial updater runs no code of its own');
    assert.equal(separate.template, 'stateupdate');
    assert.notEqual(separate.spatialCode, undefined);
    assert.ok(fused.spiked > 10, `${threshold}: compartments spiked (${fused.spiked})`);
    assert.deepEqual(fused.bits, separate.bits, `${threshold}: the same bits`);
  }
  resetPrefs();
});
