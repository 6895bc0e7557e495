/**
 * The morphology / SpatialNeuron API against Brian2 2.5.1 (fixture spatial_api.json): compartment
 * indexing by number, distance and slice with the geometry of the selection, attaching by path,
 * threshold locations, SWC without a spherical soma, generate_coordinates statistics, and
 * Brian2's bipolar_with_inputs examples (synapses onto compartments).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadFixture, assertClose } from './fixture.ts';
import { Network, NeuronGroup, SpikeMonitor, StateMonitor, Synapses, cm, cm2, defaultclock, mV, ms, nS, ohm, seed, siemens, uF, um } from '../../src/index.ts';
import { CompartmentIndexError, Cylinder, Section, Soma, SpatialNeuron, SpatialNeuronError, SubMorphology, SwcTopologyError, morphologyFromPoints } from '../../src/spatial/index.ts';
import type { Morphology } from '../../src/spatial/index.ts';

interface Query {
  path: string;
  kind: 'at' | 'index' | 'between' | 'slice';
  args: (number | null)[];
  indices?: number[];
  error?: string;
  [geometry: string]: unknown;
}
interface Bipolar {
  record: number[];
  targets: number[];
  t: number[];
  v: number[][];
  spike_i: number[];
  spike_t: number[];
  stim_i: number[];
  stim_t: number[];
  synapses_j: number[];
}
interface Fixture {
  indexing: { queries: Query[]; topology: string; section_indices: Record<string, number[]>; total_compartments: number };
  threshold_locations: Record<string, { condition?: string; error?: string; message?: string }>;
  swc_single_point_soma: { error: string; message: string };
  coordinates: {
    compartment_axis: { sigma_deg: number; n: number; mean: number; std: number; lengths: number[] };
    compartment_diagonal: { sigma_deg: number; n: number; mean: number; max: number };
    section: { sigma_deg: number; n: number; mean: number; std: number };
  };
  bipolar1: Bipolar;
  bipolar2: Bipolar;
}
const fx = loadFixture<Fixture>('spatial_api');

/** The fixture's tree; `LL` attached by a Brian2 path (`morpho.LL = ...`), as in the generator. */
function tree(): Morphology {
  const morpho = new Soma({ diameter: um(30) });
  morpho.setChild('L', new Cylinder({ diameter: um(1), length: um(100), n: 50 }));
  morpho.setChild('LL', new Section({ n: 4, diameter: um([2, 1.5, 1.2, 1, 0.8]), length: um([3, 5, 7, 11]) }));
  morpho.setChild('R', new Cylinder({ diameter: um(1), length: um(100), n: 50 }));
  morpho.setChild('dend', new Cylinder({ diameter: um(0.5), length: um(0.30000000000000004), n: 3 }));
  return morpho;
}

const section = (m: Morphology, path: string): Morphology => (path === '' ? m : m.child(path));
const dist = (x: number | null | undefined) => (x === null || x === undefined ? undefined : um(x));
const int = (x: number | null | undefined) => (x === null || x === undefined ? undefined : x);

function select(m: Morphology, q: Query): SubMorphology {
  const s = section(m, q.path);
  switch (q.kind) {
    case 'at':
      return s.compartment(um(q.args[0]!));
    case 'index':
      return s.compartment(q.args[0]!);
    case 'between':
      return s.slice(dist(q.args[0]), dist(q.args[1]));
    case 'slice':
      return s.slice(int(q.args[0]), int(q.args[1]));
  }
}

const GEOMETRY: [string, (s: SubMorphology) => Float64Array][] = [
  ['area', (s) => s.area_],
  ['volume', (s) => s.volume_],
  ['length', (s) => s.length_],
  ['diameter', (s) => s.diameter_],
  ['distance', (s) => s.distance_],
  ['r_length_1', (s) => s.rLength1_],
  ['r_length_2', (s) => s.rLength2_],
];

test('Morphology indexing (compartment/slice/index/indices) selects the compartments Brian2 selects, with their geometry', () => {
  const m = tree();
  const { queries, topology, section_indices, total_compartments } = fx.indexing;
  assert.equal(m.topology(), topology, 'setChild("LL", ...) attaches as child L of L (Brian2 morpho.LL = ...)');
  assert.equal(m.totalCompartments, total_compartments);
  for (const [path, indices] of Object.entries(section_indices)) assert.deepEqual(Array.from(section(m, path).indices), indices, `indices of '${path}'`);
  for (const q of queries) {
    const label = `${q.path || '[root]'} ${q.kind}(${q.args.map(String).join(', ')})`;
    // Deviation: the very end of a section is its last compartment (Brian2 returns the index after it).
    const atEnd = q.kind === 'at' && q.indices !== undefined && q.indices[0] === section(m, q.path).startIndex + section(m, q.path).n;
    if (q.error !== undefined) {
      assert.throws(() => select(m, q), CompartmentIndexError, label);
      continue;
    }
    if (atEnd) {
      assert.deepEqual(Array.from(select(m, q).indices), [q.indices![0]! - 1], `${label} (clamped)`);
      continue;
    }
    const sub = select(m, q);
    assert.deepEqual(Array.from(sub.indices), q.indices, label);
    if (sub.n === 1) assert.equal(sub.index(), q.indices![0]);
    else assert.throws(() => sub.index(), CompartmentIndexError);
    const s = section(m, q.path);
    if (q.kind === 'at') assert.equal(s.index(um(q.args[0]!)), q.indices![0], `${label}: Morphology.index`);
    if (q.kind === 'index') assert.equal(s.index(q.args[0]!), q.indices![0], `${label}: Morphology.index`);
    for (const [name, get] of GEOMETRY) assertClose(get(sub), q[name] as number[], { rtol: 1e-12, label: `${label} ${name}` });
  }
});

test('thresholdLocation takes an index, a one-compartment SubMorphology or a one-compartment section (Brian2 conditions and errors)', () => {
  const m = tree();
  const cases: [string, () => number | SubMorphology | Morphology][] = [
    ['L[-1]', () => m.child('L').compartment(-1)],
    ['LL[8*um]', () => m.child('LL').compartment(um(8))],
    ['soma', () => m],
    ['L', () => m.child('L')],
    ['L[10*um:20*um]', () => m.child('L').slice(um(10), um(20))],
  ];
  for (const [label, location] of cases) {
    const expected = fx.threshold_locations[label]!;
    const make = () => new SpatialNeuron(m, 'Im = 0*amp/meter**2 : amp/meter**2', { threshold: 'v > 0*mV', thresholdLocation: location() });
    if (expected.error !== undefined) {
      assert.throws(make, (e) => e instanceof SpatialNeuronError && e.message.includes(expected.message!), label);
    } else {
      assert.equal(make().eventConditions['spike'], expected.condition, label);
    }
  }
});

test('morphologyFromPoints with sphericalSoma: false on a single-point soma root fails as Brian2 (n = 0)', () => {
  const points = [
    [1, 'soma', 0, 0, 0, 10, -1],
    [2, 'dend', 10, 0, 0, 2, 1],
    [3, 'dend', 20, 0, 0, 2, 2],
  ] as const;
  assert.equal(fx.swc_single_point_soma.error, 'ValueError');
  assert.throws(
    () => morphologyFromPoints(points.map((p) => [...p]) as never, { sphericalSoma: false }),
    (e) => e instanceof SwcTopologyError && e.message.includes(fx.swc_single_point_soma.message) && /sphericalSoma: true/.test(e.message),
  );
  assert.equal(morphologyFromPoints(points.map((p) => [...p]) as never).totalCompartments, 3);
});

/** Angles between each compartment's direction and the section direction of the deterministic layout. */
function angles(random: Morphology, deterministic: Morphology): number[] {
  const e = (m: Morphology, a: 0 | 1 | 2) => m.coords_(a, 'end')!.at(-1)! - m.coords_(a, 'start')![0]!;
  const d = [e(deterministic, 0), e(deterministic, 1), e(deterministic, 2)];
  const dn = Math.hypot(...d);
  const s = [0, 1, 2].map((a) => random.coords_(a as 0 | 1 | 2, 'start')!);
  const t = [0, 1, 2].map((a) => random.coords_(a as 0 | 1 | 2, 'end')!);
  return Array.from(s[0]!, (_, k) => {
    const c = [0, 1, 2].map((a) => t[a]![k]! - s[a]![k]!);
    const cos = (c[0]! * d[0]! + c[1]! * d[1]! + c[2]! * d[2]!) / (Math.hypot(...c) * dn);
    return Math.acos(Math.min(1, Math.max(-1, cos)));
  });
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

test('generateCoordinates with randomness: angle statistics as Brian2 (exponential, mean = the parameter)', () => {
  seed(7);
  const c = fx.coordinates;
  // Compartment randomness on a soma's child (Brian2's perturbation axis is orthogonal here).
  const m = new Soma({ diameter: um(20) });
  m.setChild('axon', new Cylinder({ diameter: um(1), length: um(5000), n: 5000 }));
  const det = m.generateCoordinates().child('axon');
  const a = angles(m.generateCoordinates({ compartmentRandomness: 20 }).child('axon'), det);
  const sigma = (20 * Math.PI) / 180;
  const se = sigma / Math.sqrt(a.length);
  assert.ok(Math.abs(mean(a) - sigma) < 5 * se, `mean ${mean(a)} vs sigma ${sigma}`);
  assert.ok(Math.abs(mean(a) - c.compartment_axis.mean) < 5 * Math.SQRT2 * se, `mean ${mean(a)} vs Brian2 ${c.compartment_axis.mean}`);
  // x-y diagonal: Brian2's axis is parallel to the direction, so nothing is perturbed (kept as Brian2).
  const diag = new Section({ n: 1, diameter: um([1, 1]), x: um([0, 10]), y: um([0, 10]) });
  diag.setChild('axon', new Cylinder({ diameter: um(1), length: um(1000), n: 1000 }));
  const ad = angles(diag.generateCoordinates({ compartmentRandomness: 20 }).child('axon'), diag.generateCoordinates().child('axon'));
  assert.ok(Math.max(...ad) < 1e-6 && c.compartment_diagonal.max < 1e-6);
  // Section randomness: 2000 children of a section along x.
  const root = new Section({ n: 1, diameter: um([1, 1]), x: um([0, 10]) });
  for (let k = 0; k < 2000; k++) root.children.add(`c${k}`, new Cylinder({ diameter: um(1), length: um(10), n: 1 }));
  const rnd = root.generateCoordinates({ sectionRandomness: 30 });
  const as = [...rnd.children].map((ch) => {
    const e = (ax: 0 | 1 | 2) => ch.coords_(ax, 'end')!.at(-1)! - ch.coords_(ax, 'start')![0]!;
    return Math.acos(Math.min(1, e(0) / Math.hypot(e(0), e(1), e(2))));
  });
  const sigma2 = (30 * Math.PI) / 180;
  const se2 = sigma2 / Math.sqrt(as.length);
  assert.ok(Math.abs(mean(as) - c.section.mean) < 5 * Math.SQRT2 * se2, `section mean ${mean(as)} vs Brian2 ${c.section.mean}`);
});

function runBipolar(variant: 1 | 2, c: Bipolar): void {
  defaultclock.dt = ms(0.1);
  const morpho = new Soma({ diameter: um(30) });
  morpho.setChild('L', new Cylinder({ diameter: um(1), length: um(100), n: 50 }));
  morpho.setChild('R', new Cylinder({ diameter: um(1), length: um(100), n: 50 }));
  const eqs =
    variant === 1
      ? 'Im = gL*(EL-v) : amp/meter**2\nIs = gs*(Es-v) : amp (point current)\ngs : siemens'
      : 'Im = gL*(EL-v) : amp/meter**2\nIs = gs*(Es-v) : amp (point current)\ndgs/dt = -gs/taus : siemens';
  const namespace = { gL: siemens(1e-4).div(cm2(1)), EL: mV(-70), Es: mV(0), taus: ms(1), w: nS(20) };
  const neuron = new SpatialNeuron(morpho, eqs, {
    Cm: uF(1).div(cm2(1)),
    Ri: ohm(100).times(cm(1)),
    method: 'exponential_euler',
    threshold: 'v > -50*mV',
    refractory: 'v > -55*mV',
    thresholdLocation: morpho.child('L').compartment(-1),
    namespace,
  });
  neuron.v = mV(-70);
  const stimulation = new NeuronGroup(2, 'dx/dt = 300*Hz : 1', { threshold: 'x>1', reset: 'x=0', method: 'euler' });
  stimulation.x = [0, 0.5];
  let S: Synapses;
  let targets: SubMorphology[];
  if (variant === 1) {
    S = new Synapses(stimulation, neuron, 'dg/dt = -g/taus : siemens (clock-driven)\ngs_post = g : siemens (summed)', { onPre: 'g += w', method: 'exact', namespace });
    targets = [morpho.child('L').compartment(-1), morpho.child('R').compartment(-1)];
  } else {
    S = new Synapses(stimulation, neuron, undefined, { onPre: 'gs += w', namespace });
    targets = [morpho.child('L').compartment(um(99.9)), morpho.child('R').compartment(um(99.9))];
  }
  assert.deepEqual(targets.map((t) => t.index()), c.targets);
  S.connect({ i: 0, j: targets[0]!.indices });
  S.connect({ i: 1, j: targets[1]!.index() });
  const record = [0, morpho.child('L').index(-1), morpho.child('R').index(-1), morpho.child('L').index(um(50)), morpho.child('R').index(um(10))];
  assert.deepEqual(record, c.record);
  const M = new StateMonitor(neuron, 'v', { record });
  const spikes = new SpikeMonitor(neuron);
  const stimSpikes = new SpikeMonitor(stimulation);
  new Network(neuron, stimulation, S, M, spikes, stimSpikes).run(ms(20));
  assert.deepEqual(Array.from(S.j as ArrayLike<number>), c.synapses_j);
  assert.deepEqual(Array.from(stimSpikes.i), c.stim_i);
  assertClose(stimSpikes.t_, c.stim_t, { rtol: 1e-12, label: 'stimulation spikes' });
  assert.deepEqual(Array.from(spikes.i), c.spike_i);
  assertClose(spikes.t_, c.spike_t, { rtol: 1e-12, label: 'neuron spikes (threshold at L[-1])' });
  assertClose(M.t_, c.t, { rtol: 1e-12, label: 't' });
  c.record.forEach((k, r) => assertClose(M.v_[r]!, c.v[r]!, { rtol: 1e-9, label: `v at compartment ${k}` }));
}

test('bipolar_with_inputs (Brian2 example, 20 ms): Synapses with a summed variable onto compartments chosen by index', () => {
  runBipolar(1, fx.bipolar1);
});

test('bipolar_with_inputs2 (Brian2 example, 20 ms): on_pre onto a point-current conductance of compartments chosen by distance', () => {
  runBipolar(2, fx.bipolar2);
});
