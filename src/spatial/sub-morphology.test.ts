import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seed } from '../core/index.ts';
import { DimensionMismatchError, cm2, mV, siemens, um } from '../units/index.ts';
import { CompartmentIndexError, Cylinder, MissingSectionError, MorphologyError, Section, Soma, SpatialNeuron, SpatialNeuronError, SubMorphology, morphologyFromSwc } from './index.ts';
import type { Morphology } from './index.ts';

const PASSIVE = 'Im = gL*(EL - v) : amp/meter**2\nI : amp (point current)';
const namespace = { gL: siemens(1e-4).div(cm2(1)), EL: mV(-70) };

/** Soma (0) · axon (1-10, 10 µm each) · axon.L (11-15) · axon.R (16-20) · dend (21-24). */
function tree(): Morphology {
  const m = new Soma({ diameter: um(30) });
  m.setChild('axon', new Cylinder({ diameter: um(1), length: um(100), n: 10 }));
  m.setChild('axon.L', new Cylinder({ diameter: um(1), length: um(50), n: 5 }));
  m.setChild('axon.R', new Cylinder({ diameter: um(1), length: um(50), n: 5 }));
  m.setChild('dend', new Cylinder({ diameter: um(1), length: um(40), n: 4 }));
  return m;
}

test('Morphology.index / compartment / slice / indices give absolute compartment indices', () => {
  const m = tree();
  const axon = m.child('axon');
  assert.equal(axon.index(um(30)), 4);
  assert.equal(axon.index(3), 4);
  assert.equal(axon.index(-1), 10);
  assert.equal(m.child('axon.R').index(um(0)), 16);
  assert.equal(m.index(), 0); // a one-compartment section
  assert.throws(() => axon.index(), CompartmentIndexError);
  assert.deepEqual(Array.from(axon.indices), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.deepEqual(Array.from(m.child('dend').indices), [21, 22, 23, 24]);
  const sub = axon.slice(um(10), um(50));
  assert.ok(sub instanceof SubMorphology);
  assert.deepEqual([sub.start, sub.stop, sub.n], [1, 5, 4]);
  assert.deepEqual(Array.from(sub.indices), [2, 3, 4, 5]);
  assert.deepEqual(Array.from(axon.slice(3, 5).indices), [4, 5]);
  assert.deepEqual(Array.from(axon.slice(-2).indices), [9, 10]);
  assert.deepEqual(Array.from(axon.slice(undefined, 2).indices), [1, 2]);
  assert.deepEqual(Array.from(axon.slice(8, 100).indices), [9, 10]); // clamped as a Python slice
  const one = m.child('axon.L').compartment(um(12));
  assert.equal(one.index(), 12);
  assert.ok(Math.abs(one.distance_[0]! - 115e-6) < 1e-18);
  assert.ok(Math.abs(one.area_[0]! - Math.PI * 1e-6 * 10e-6) < 1e-24);
  assert.equal(one.length.toString(), new Cylinder({ diameter: um(1), length: um(10) }).length.toString());
  assert.equal(sub.x, null);
  assert.match(String(sub), /SubMorphology\(section 'axon' \(Cylinder\), compartments 1\.\.4\)/);
});

test('Morphology indexing rejects bad compartments, distances and slices (typed, naming the section)', () => {
  const m = tree();
  const axon = m.child('axon');
  assert.throws(() => axon.index(10), (e) => e instanceof CompartmentIndexError && /Invalid index 10 for 10 compartments \(section 'axon'/.test(e.message));
  assert.throws(() => axon.index(-11), CompartmentIndexError);
  assert.throws(() => axon.index(1.5), /has to be an integer/);
  assert.throws(() => axon.index(um(101)), (e) => e instanceof CompartmentIndexError && /Invalid distance index/.test(e.message) && e.owner === "section 'axon' (Cylinder)");
  assert.throws(() => axon.index(mV(1)), DimensionMismatchError);
  assert.throws(() => axon.slice(um(10), 5), /two lengths or two integers/);
  assert.throws(() => axon.slice(5, 5), /Illegal start\/end values/);
  assert.throws(() => axon.slice(um(50), um(40)), CompartmentIndexError);
  assert.throws(() => axon.slice(um(0), um(100)).index(), /has 10 compartments where a single compartment is needed/);
  assert.throws(() => new SubMorphology(axon, 3, 11), CompartmentIndexError);
  assert.ok(new CompartmentIndexError('x', 'y') instanceof MorphologyError);
});

test('SpatialNeuron/SpatialSubgroup index and range agree with Morphology (one implementation)', () => {
  const m = tree();
  const neuron = new SpatialNeuron(m, PASSIVE, { namespace });
  for (const path of ['axon', 'axon.L', 'axon.R', 'dend']) {
    const section = m.child(path);
    const group = neuron.child(path);
    for (let d = 0; d <= section.totalCompartments * 10; d += 2.5) {
      if (d > section.endDistance_ * 1e6 - section.distance_[0]! * 1e6 + section.length_[0]! * 0.5e6 + 1e-9) break;
      let expected: number | Error;
      try {
        expected = section.index(um(d));
      } catch (e) {
        expected = e as Error;
      }
      if (expected instanceof Error) assert.throws(() => group.index(um(d)), CompartmentIndexError);
      else assert.equal(group.index(um(d)), expected, `${path} at ${d} µm`);
    }
    for (const k of [0, 1, -1]) assert.equal(group.index(k), section.index(k));
    const sub = section.slice(um(2), um(21));
    const range = group.range(um(2), um(21));
    assert.deepEqual([range.start, range.stop], [sub.indices[0], sub.indices.at(-1)! + 1]);
    const r2 = group.range(1, 3);
    assert.deepEqual([r2.start, r2.stop], [section.index(1), section.index(2) + 1]);
  }
  assert.equal(neuron.index(0), 0);
  const seg = neuron.segment(m.child('axon').slice(um(10), um(30)));
  assert.deepEqual([seg.start, seg.stop], [2, 4]);
  const whole = neuron.child('axon').segment(m.child('dend'));
  assert.deepEqual([whole.start, whole.stop], [21, 25]);
  seg.v = mV(-40);
  assert.deepEqual(Array.from(neuron.v_ as Float64Array, (v) => Math.round(v * 1e3)).slice(0, 5), [0, 0, -40, -40, 0]);
  // Compartment selections index state variables and monitors like plain index arrays.
  neuron.I[m.child('dend').compartment(-1).index()] = siemens(0).times(mV(0));
  assert.throws(() => neuron.segment(7 as never), CompartmentIndexError);
});

test('setChild: dotted paths attach below a named child; Brian2 L/R paths attach at their last letter', () => {
  const m = tree();
  assert.equal(m.child('axon').child('L').n, 5);
  assert.ok(!m.children.has('axon.L'));
  m.setChild('dend.tip', new Cylinder({ diameter: um(1), length: um(5), n: 1 }));
  assert.equal(m.child('dend').child('tip').startIndex, 25);
  // Brian2: morpho.LL = ... is morpho.L.L = ...
  const s = new Soma({ diameter: um(10) });
  (s as unknown as Record<string, unknown>)['L'] = new Cylinder({ diameter: um(1), length: um(10), n: 2 });
  (s as unknown as Record<string, unknown>)['LL'] = new Cylinder({ diameter: um(1), length: um(10), n: 3 });
  s.setChild('LR', new Cylinder({ diameter: um(1), length: um(10), n: 4 }));
  assert.equal(s.child('L').child('L').n, 3);
  assert.equal(s.child('L').child('R').n, 4);
  assert.equal(s.children.length, 1);
  assert.equal(s.topology(), '( )  [root] \n   `--|  .L\n       `---|  .L.L\n       `----|  .L.R\n');
  assert.throws(() => s.setChild('RL', new Cylinder({ diameter: um(1), length: um(1) })), MissingSectionError);
  assert.throws(() => m.setChild('basal.x', new Cylinder({ diameter: um(1), length: um(1) })), MissingSectionError);
  assert.throws(() => m.setChild('dend.', new Cylinder({ diameter: um(1), length: um(1) })), /has to end with the new child's name/);
});

test('copyTree copies sections, names, aliases and numbering; SpatialNeuron keeps a private copy', () => {
  const m = morphologyFromSwc('1 1 0 0 0 5 -1\n2 3 10 0 0 1 1\n3 3 20 5 0 1 2\n4 3 20 -5 0 1 2\n');
  const c = m.copyTree();
  assert.notEqual(c, m);
  assert.equal(c.parent, null);
  assert.equal(c.topology(), m.topology());
  assert.equal(c.child('LR').startIndex, m.child('LR').startIndex);
  assert.deepEqual(c.child('dend').children.namesOf(c.child('dend.R')).sort(), m.child('dend').children.namesOf(m.child('dend.R')).sort());
  assert.deepEqual(Array.from(c.child('1.2').coords_(0, 'end')!), Array.from(m.child('1.2').coords_(0, 'end')!));
  const sub = m.child('dend').copyTree();
  assert.equal(sub.parent, null);
  assert.equal(sub.startIndex, 0);

  const t = tree();
  const neuron = new SpatialNeuron(t, PASSIVE, { namespace });
  assert.notEqual(neuron.morphology, t);
  t.setChild('extra', new Cylinder({ diameter: um(1), length: um(10), n: 3 }));
  assert.throws(() => neuron.child('extra'), MissingSectionError); // later changes do not reach the neuron
  assert.equal(neuron.morphology.totalCompartments, 25);
});

test('thresholdLocation: SubMorphology and sections of one compartment; several compartments fail as Brian2', () => {
  const m = tree();
  const make = (loc: never) => new SpatialNeuron(m, PASSIVE, { namespace, threshold: 'v > -50*mV', thresholdLocation: loc });
  assert.equal(make(m.child('axon').compartment(um(35)) as never).eventConditions['spike'], '(v > -50*mV) and (i == 4)');
  assert.equal(make(m as never).eventConditions['spike'], '(v > -50*mV) and (i == 0)');
  assert.equal(make(7 as never).eventConditions['spike'], '(v > -50*mV) and (i == 7)');
  assert.throws(() => make(m.child('axon') as never), (e) => e instanceof SpatialNeuronError && /Threshold can only be applied on a single location/.test(e.message));
  assert.throws(() => make(tree().child('axon').compartment(0) as never), /another morphology/);
  assert.throws(() => make(25 as never), /\[0, 25\[/);
  assert.throws(() => make('axon' as never), SpatialNeuronError);
});

/** All coordinates (start, mid, end × x, y, z) of every section, flattened. */
function coordinates(m: Morphology): number[] {
  const out: number[] = [];
  for (const { section } of m.sections()) for (const w of ['start', 'mid', 'end'] as const) for (const a of [0, 1, 2] as const) out.push(...section.coords_(a, w)!);
  return out;
}
function lengths(m: Morphology): number[] {
  return m.sections().flatMap(({ section }) => Array.from(section.length_));
}

test('generateCoordinates: randomness 0 is the deterministic layout; lengths are kept; reproducible with seed()', () => {
  const m = tree();
  assert.deepEqual(coordinates(m.generateCoordinates({ sectionRandomness: 0, compartmentRandomness: 0 })), coordinates(m.generateCoordinates()));
  seed(42);
  const a = m.generateCoordinates({ sectionRandomness: 25, compartmentRandomness: 10 });
  const b = m.generateCoordinates({ sectionRandomness: 25, compartmentRandomness: 10 });
  assert.notDeepEqual(coordinates(a), coordinates(b)); // a new draw each call
  seed(42);
  assert.deepEqual(coordinates(m.generateCoordinates({ sectionRandomness: 25, compartmentRandomness: 10 })), coordinates(a));
  assert.notDeepEqual(coordinates(a), coordinates(m.generateCoordinates()));
  const expected = lengths(m);
  lengths(a).forEach((l, k) => assert.ok(Math.abs(l - expected[k]!) <= 1e-12 * expected[k]!, `length ${k}: ${l} vs ${expected[k]}`));
  for (const { section } of a.sections()) assert.ok(a.child('axon') instanceof Section && (section instanceof Soma || section.coords_(0, 'mid') !== null));
  assert.ok(!(a.child('axon') instanceof Cylinder), 'compartment randomness turns cylinders into sections, as Brian2');
  assert.ok(m.generateCoordinates({ sectionRandomness: 25 }).child('axon') instanceof Cylinder);
  assert.deepEqual(Array.from(a.child('axon').diameter_), Array.from(m.child('axon').diameter_));
  assert.equal(a.topology(), m.topology());
  // Existing coordinates are kept unless overwriteExisting.
  const kept = a.generateCoordinates({ compartmentRandomness: 30 });
  assert.deepEqual(coordinates(kept), coordinates(a));
  assert.notDeepEqual(coordinates(a.generateCoordinates({ compartmentRandomness: 30, overwriteExisting: true })), coordinates(a));
  assert.throws(() => m.generateCoordinates({ sectionRandomness: -1 }), MorphologyError);
  assert.throws(() => m.generateCoordinates({ compartmentRandomness: Number.NaN }), /non-negative number of degrees/);
});
