/** Morphologies against Brian2 2.5.1: code-built trees, generated coordinates, SWC import. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { loadFixture, assertClose } from './fixture.ts';
import { um } from '../../src/units/index.ts';
import { Cylinder, Section, Soma, morphologyFromSwc, morphologyFromSwcFile } from '../../src/spatial/index.ts';
import type { Morphology } from '../../src/spatial/index.ts';

type Arr = number[] | null;
interface SectionData {
  path: string;
  names: string[];
  n: number;
  type: string | null;
  soma: boolean;
  [k: string]: unknown;
}
interface Case {
  total_compartments: number;
  total_sections: number;
  topology: string;
  sections: SectionData[];
}
const fx = loadFixture<{ three_point_swc: string; cases: Record<string, Case> }>('morphology');
const SWC = fileURLToPath(new URL('./fixtures/morphology_branched.swc', import.meta.url));

const FIELDS: [string, (m: Morphology) => Float64Array | number | null][] = [
  ['area', (m) => m.area_],
  ['volume', (m) => m.volume_],
  ['length', (m) => m.length_],
  ['diameter', (m) => m.diameter_],
  ['distance', (m) => m.distance_],
  ['end_distance', (m) => m.endDistance_],
  ['r_length_1', (m) => m.rLength1_],
  ['r_length_2', (m) => m.rLength2_],
  ['x', (m) => m.coords_(0, 'mid')],
  ['y', (m) => m.coords_(1, 'mid')],
  ['z', (m) => m.coords_(2, 'mid')],
  ['start_x', (m) => m.coords_(0, 'start')],
  ['start_y', (m) => m.coords_(1, 'start')],
  ['start_z', (m) => m.coords_(2, 'start')],
  ['end_x', (m) => m.coords_(0, 'end')],
  ['end_y', (m) => m.coords_(1, 'end')],
  ['end_z', (m) => m.coords_(2, 'end')],
];

function compare(name: string, morpho: Morphology): void {
  const expected = fx.cases[name]!;
  assert.equal(morpho.totalCompartments, expected.total_compartments, `${name}: total compartments`);
  assert.equal(morpho.totalSections, expected.total_sections, `${name}: total sections`);
  assert.equal(morpho.topology(), expected.topology, `${name}: topology`);
  const ours = morpho.sections();
  assert.deepEqual(ours.map((s) => s.path), expected.sections.map((s) => s.path), `${name}: section order`);
  // Coordinates near zero (cos(pi/2) residues) need an absolute tolerance scaled to the tree.
  let scale = 0;
  for (const s of expected.sections) for (const k of ['x', 'y', 'z']) for (const v of (s[k] as Arr) ?? []) scale = Math.max(scale, Math.abs(v));
  ours.forEach(({ path, section }, k) => {
    const e = expected.sections[k]!;
    const label = `${name} ${path || '[root]'}`;
    assert.equal(section.n, e.n, `${label}: n`);
    assert.equal(section.type, e.type, `${label}: type`);
    assert.equal(section instanceof Soma, e.soma, `${label}: soma`);
    const parent = section.parent;
    if (parent !== null) assert.deepEqual(parent.children.namesOf(section).sort(), e.names, `${label}: names`);
    for (const [field, get] of FIELDS) {
      const want = e[field] as Arr | number;
      const got = get(section);
      if (want === null) {
        assert.equal(got, null, `${label}.${field}`);
        continue;
      }
      assert.notEqual(got, null, `${label}.${field}`);
      const coord = field.includes('x') || field.includes('y') || field.includes('z');
      assertClose(got as Float64Array | number, want, { rtol: 1e-12, atol: coord ? 1e-12 * scale : 0, label: `${label}.${field}` });
    }
  });
}

function codeMorphology(): Morphology {
  const m = new Soma({ diameter: um(30) });
  m.setChild('axon', new Cylinder({ diameter: um(1), length: um(100), n: 10 }));
  m.setChild('dend', new Cylinder({ diameter: um(2), length: um(50), n: 5 }));
  m.child('dend').setChild('L', new Section({ diameter: um([2, 1.5, 1.2, 1]), length: um([10, 10, 10]), n: 3 }));
  m.child('dend').setChild('R', new Section({ diameter: um([2, 1]), length: um([20]), n: 1 }));
  m.setChild('dendLL', new Cylinder({ diameter: um(0.5), length: um(30), n: 2 }));
  m.child('dend.R').setChild('tip', new Cylinder({ diameter: um(0.8), length: um(12), n: 3, type: 'tip' }));
  return m;
}

test('Soma/Cylinder/Section built in code match Brian2', () => {
  compare('code', codeMorphology());
});

test('Morphology.generateCoordinates() matches Brian2', () => {
  compare('code_generated', codeMorphology().generateCoordinates());
});

test('sections with coordinates match Brian2', () => {
  const c = new Cylinder({ diameter: um(1), n: 4, x: um([0, 100]), y: um([0, 10]) });
  c.setChild('sec', new Section({ diameter: um([1, 0.8, 0.6]), n: 2, x: um([0, 10, 20]), y: um([0, 5, 5]), z: um([0, 0, 3]) }));
  c.child('sec').setChild('end', new Cylinder({ diameter: um(0.5), n: 3, length: um(30) }));
  c.child('sec').setChild('s', new Soma({ diameter: um(5) }));
  compare('coords', c);
});

test('morphologyFromSwcFile() matches Brian2 (branching, unknown types, automatic names)', () => {
  compare('swc_file', morphologyFromSwcFile(SWC));
  compare('swc_file_generated', morphologyFromSwcFile(SWC).generateCoordinates({ overwriteExisting: true }));
});

test('morphologyFromSwc() replaces a 3-point soma as Brian2 does', () => {
  compare('swc_three_point', morphologyFromSwc(fx.three_point_swc));
});
