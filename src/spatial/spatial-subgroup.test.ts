import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Network, defaultclock } from '../core/index.ts';
import { Subgroup } from '../groups/index.ts';
import { SpikeMonitor, StateMonitor } from '../monitors/index.ts';
import { DimensionMismatchError, cm2, mV, ms, nA, siemens, um } from '../units/index.ts';
import { CompartmentIndexError, Cylinder, MissingSectionError, Soma, SpatialNeuron, SpatialSubgroup } from './index.ts';

const PASSIVE = 'Im = gL*(EL - v) : amp/meter**2\nI : amp (point current)';
const gL = siemens(1e-4).div(cm2(1));
const EL = mV(-70);

/** Soma (0) · axon (1-10, 10 µm each) · axon.L (11-15) · axon.R (16-20) · dend (21-24); ranges checked against Brian2 2.5.1. */
function tree(): SpatialNeuron {
  const m = new Soma({ diameter: um(30) });
  m.setChild('axon', new Cylinder({ diameter: um(1), length: um(100), n: 10 }));
  m.child('axon').setChild('L', new Cylinder({ diameter: um(1), length: um(50), n: 5 }));
  m.child('axon').setChild('R', new Cylinder({ diameter: um(1), length: um(50), n: 5 }));
  m.setChild('dend', new Cylinder({ diameter: um(1), length: um(40), n: 4 }));
  return new SpatialNeuron(m, PASSIVE, { namespace: { gL, EL } });
}
const range = (g: { start: number; stop: number }): [number, number] => [g.start, g.stop];

test('SpatialNeuron.main / child(path) / .axon are subgroups over a section or a whole subtree', () => {
  const neuron = tree();
  assert.deepEqual(range(neuron.main), [0, 1]);
  assert.deepEqual(range(neuron.child('axon')), [1, 21]);
  assert.deepEqual(range(neuron.child('axon').main), [1, 11]);
  assert.deepEqual(range(neuron.child('axon').child('L')), [11, 16]);
  assert.deepEqual(range(neuron.child('axon.R')), [16, 21]);
  assert.deepEqual(range(neuron.child('12')), [16, 21]); // Brian2 numbered path: 1st child, its 2nd child
  assert.deepEqual(range(neuron.dend), [21, 25]);
  assert.deepEqual(range(neuron.axon.R), [16, 21]);
  assert.ok(neuron.axon instanceof SpatialSubgroup);
  assert.equal(neuron.child('axon').child('L').morphology, neuron.morphology.child('axon').child('L'));
  assert.equal(neuron.child('axon').source, neuron);
});

test('SpatialNeuron section views read and write the compartments of their section (neuron.axon.v)', () => {
  const neuron = tree();
  neuron.v = EL;
  neuron.axon.main.v = mV(-50);
  neuron.child('dend').v = 'EL + i*mV'; // relative i
  const v = Array.from(neuron.v_ as Float64Array, (x) => Math.round(x * 1e6) / 1e3);
  assert.deepEqual(v, [-70, ...Array(10).fill(-50), ...Array(10).fill(-70), -70, -69, -68, -67]);
  assert.equal(neuron.axon.L.v.values.length, 5);
  assert.ok(Math.abs((neuron.axon.L.distance_ as Float64Array)[0]! - 105e-6) < 1e-15);
});

test('SpatialNeuron.index(distance) / range(from, to) select compartments by distance along a section as Brian2', () => {
  const neuron = tree();
  const axon = neuron.child('axon');
  assert.equal(axon.index(um(30)), 4); // a boundary belongs to the following compartment
  assert.equal(axon.index(um(35)), 4);
  assert.equal(axon.index(um(0)), 1);
  assert.equal(axon.index(um(100)), 10); // Brian2 gives 11 (past the section); clamped to its last compartment
  assert.equal(neuron.index(um(15)), 0);
  const segment = axon.range(um(10), um(50));
  assert.ok(segment instanceof Subgroup);
  assert.deepEqual(range(segment), [2, 6]);
  assert.deepEqual(range(axon.range(um(15), um(35))), [2, 5]);
  assert.deepEqual(range(axon.range(um(0), um(100))), [1, 11]);
  assert.deepEqual(range(axon.range()), [1, 11]);
  assert.deepEqual(range(axon.child('L').range(um(20))), [13, 16]);
  segment.v = mV(-40);
  assert.equal(Math.round((neuron.v_ as Float64Array)[3]! * 1e3), -40);
});

test('SpatialNeuron section/distance access rejects missing sections and bad distances', () => {
  const neuron = tree();
  assert.throws(() => neuron.child('basal'), (e) => e instanceof MissingSectionError && /'spatialneuron.*' has no section 'basal'/.test(e.message));
  assert.equal(neuron.basal, undefined); // unknown attributes stay undefined, as for any group
  assert.throws(() => neuron.child('axon').index(um(101)), (e) => e instanceof CompartmentIndexError && /Invalid distance index 0\.000101 m for .* interval \[0, /.test(e.message));
  assert.throws(() => neuron.child('axon').index(mV(1)), (e) => e instanceof DimensionMismatchError && /should have units of meter/.test(e.message));
  assert.throws(() => neuron.child('axon').range(um(50), um(50)), (e) => e instanceof CompartmentIndexError && /Illegal start\/end values/.test(e.message));
});

test('StateMonitor and SpikeMonitor record chosen compartments of a SpatialNeuron (thresholdLocation)', () => {
  defaultclock.dt = ms(0.025);
  const morpho = new Cylinder({ diameter: um(1), length: um(500), n: 50 });
  const neuron = new SpatialNeuron(morpho, PASSIVE, {
    namespace: { gL, EL },
    threshold: 'v > -60*mV',
    thresholdLocation: 0, // spikes only at the injection site
    reset: 'v = EL',
  });
  const at100 = neuron.index(um(100));
  assert.equal(at100, 10);
  const located = new SpatialNeuron(morpho, PASSIVE, { namespace: { gL, EL }, threshold: 'v > -60*mV', thresholdLocation: at100, refractory: ms(1) });
  for (const g of [neuron, located]) {
    g.v = EL;
    g.I[0] = nA(0.5);
  }
  const stateM = new StateMonitor(located, 'v', { record: [0, at100, 49] });
  const spikeM = new SpikeMonitor(located);
  const somaSpikes = new SpikeMonitor(neuron);
  new Network(neuron, located, stateM, spikeM, somaSpikes).run(ms(5));
  assert.equal(stateM.v.length, 3);
  const v = stateM.v_;
  // Depolarisation decays along the cable
  assert.ok(v[0]![40]! > v[1]![40]! && v[1]![40]! > v[2]![40]!);
  assert.ok(spikeM.numSpikes > 0);
  assert.ok(Array.from(spikeM.i).every((i) => i === at100), 'only the threshold compartment spikes');
  assert.ok(Array.from(somaSpikes.i).every((i) => i === 0));
  // The first spike at 100 µm is when the recorded trace there crossed -60 mV.
  const t0 = spikeM.t_[0]!;
  const step = Math.round(t0 / 0.025e-3);
  assert.ok(v[1]![step]! <= -0.06 && v[1]![step + 1]! > -0.06, `first spike at ${t0}`);
});
