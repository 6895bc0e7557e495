/**
 * Brian2 2.5.1 `brian2/tests/test_morphology.py`, translated (status: README.md in this folder).
 * Python's `len(morpho)` (a TypeError, "ambiguous") has no JavaScript counterpart: `morpho.length`
 * is the compartment lengths, as Brian2's attribute.
 */
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cylinder, Morphology, Section, Soma, morphologyFromPoints, morphologyFromSwcFile, second, startScope, um } from '../../src/index.ts';
import type { MorphologyPoint, QuantityArray } from '../../src/index.ts';
import { assertAllclose, raises } from './helpers.ts';

beforeEach(() => startScope());

const UM = 1e-6;
/** A morphology attribute in µm (null when absent). */
const inUm = (q: QuantityArray | null): number[] | null => (q === null ? null : Array.from(q.values, (x) => x / UM));
const arr = <T = number>(n: number, f: (k: number) => T): T[] => Array.from({ length: n }, (_, k) => f(k));
const close = (q: QuantityArray | null | number[], expected: number[] | number, rtol = 1e-7): void => {
  assert.ok(q !== null, 'attribute is None');
  const values = Array.isArray(q) ? q : inUm(q)!;
  // numpy's assert_allclose also compares 0 with a value below atol=0 exactly: keep it, with a tiny atol for 0 ± rounding
  assertAllclose(values, typeof expected === 'number' ? values.map(() => expected) : expected, rtol, 1e-9);
};
const equal = (q: QuantityArray | null, expected: number[]): void => {
  assert.ok(q !== null, 'attribute is None');
  assertAllclose(inUm(q)!, expected, 1e-12, 1e-12);
};
const COORDS = ['x', 'y', 'z'] as const;
type Coord = (typeof COORDS)[number];
const start = (m: Morphology, c: Coord): QuantityArray | null => (c === 'x' ? m.startX : c === 'y' ? m.startY : m.startZ);
const mid = (m: Morphology, c: Coord): QuantityArray | null => m[c];
const end = (m: Morphology, c: Coord): QuantityArray | null => (c === 'x' ? m.endX : c === 'y' ? m.endY : m.endZ);
const noCoordinates = (m: Morphology): void => {
  for (const c of COORDS) {
    assert.equal(start(m, c), null);
    assert.equal(mid(m, c), null);
    assert.equal(end(m, c), null);
  }
};
const startDiameter = (m: Morphology): number[] => Array.from((m as Section).startDiameter_, (x) => x / UM);
const endDiameter = (m: Morphology): number[] => Array.from((m as Section).endDiameter_, (x) => x / UM);

describe('test_morphology (Brian2 2.5.1), attributes', () => {
  it('test_attributes_soma', () => {
    const soma = new Soma({ diameter: um(10) });
    assert.ok(soma instanceof Morphology);
    // Single compartment
    assert.equal(soma.n, 1);
    assert.equal(soma.totalSections, 1);
    assert.equal(soma.totalCompartments, 1);
    // Compartment attributes
    equal(soma.diameter, [10]);
    equal(soma.length, [10]);
    equal(soma.distance, [0]);
    assert.equal(soma.endDistance.value, 0);
    assert.ok(soma.rLength1_[0]! > 1e-2);
    assert.ok(soma.rLength2_[0]! > 1e-2);
    assertAllclose(soma.area_, [Math.PI * (10 * UM) ** 2], 1e-15);
    assertAllclose(soma.volume_, [(1 / 6) * Math.PI * (10 * UM) ** 3]);
    // No coordinates were specified
    noCoordinates(soma);
  });

  it('test_attributes_soma_coordinates', () => {
    // Specify only one of the coordinates
    for (const coord of COORDS) {
      const soma = new Soma({ diameter: um(10), [coord]: um(5) });
      // The length does not change (defined by the diameter, not the coordinates)
      equal(soma.length, [10]);
      equal(soma.distance, [0]);
      // Coordinates are specified now, with 0 for the other coordinates
      for (const other of COORDS.filter((c) => c !== coord)) {
        equal(start(soma, other), [0]);
        equal(mid(soma, other), [0]);
        equal(end(soma, other), [0]);
      }
      equal(start(soma, coord), [5]);
      equal(mid(soma, coord), [5]);
      equal(end(soma, coord), [5]);
    }
    // Specify all coordinates
    const soma = new Soma({ diameter: um(10), x: um(1), y: um(2), z: um(3) });
    equal(soma.length, [10]);
    equal(soma.distance, [0]);
    COORDS.forEach((c, k) => {
      equal(start(soma, c), [k + 1]);
      equal(mid(soma, c), [k + 1]);
      equal(end(soma, c), [k + 1]);
    });
  });

  it('test_attributes_cylinder', () => {
    const n = 10;
    const cylinder = new Cylinder({ n, diameter: um(10), length: um(200) });
    assert.ok(cylinder instanceof Morphology);
    // Single section with 10 compartments
    assert.equal(cylinder.n, n);
    assert.equal(cylinder.totalSections, 1);
    assert.equal(cylinder.totalCompartments, n);
    // Compartment attributes
    equal(cylinder.diameter, arr(n, () => 10));
    equal(cylinder.length, arr(n, () => 20));
    equal(cylinder.distance, arr(n, (k) => k * 20 + 10));
    assertAllclose(cylinder.endDistance.value, 200 * UM, 1e-12);
    const d = cylinder.diameter_;
    const l = cylinder.length_;
    assertAllclose(cylinder.area_, arr(n, (k) => Math.PI * d[k]! * l[k]!));
    assertAllclose(cylinder.volume_, arr(n, (k) => 0.25 * Math.PI * d[k]! ** 2 * l[k]!));
    noCoordinates(cylinder);
  });

  it('test_attributes_cylinder_coordinates', () => {
    const n = 10;
    // Specify only one of the coordinates (the end point of the section)
    for (const coord of COORDS) {
      const cylinder = new Cylinder({ n, diameter: um(10), [coord]: um([0, 200]) });
      equal(cylinder.diameter, arr(n, () => 10));
      equal(cylinder.length, arr(n, () => 20));
      equal(cylinder.distance, arr(n, (k) => k * 20 + 10));
      assertAllclose(cylinder.endDistance.value, 200 * UM, 1e-12);
      for (const other of COORDS.filter((c) => c !== coord)) {
        equal(start(cylinder, other), arr(n, () => 0));
        equal(mid(cylinder, other), arr(n, () => 0));
        equal(end(cylinder, other), arr(n, () => 0));
      }
      equal(start(cylinder, coord), arr(n, (k) => k * 20));
      equal(mid(cylinder, coord), arr(n, (k) => k * 20 + 10));
      equal(end(cylinder, coord), arr(n, (k) => k * 20 + 20));
    }
    // Specify all coordinates
    const v = 200 / Math.sqrt(3);
    const cylinder = new Cylinder({ n, diameter: um(10), x: um([0, v]), y: um([0, v]), z: um([0, v]) });
    equal(cylinder.diameter, arr(n, () => 10));
    close(cylinder.length, arr(n, () => 20));
    close(cylinder.distance, arr(n, (k) => k * 20 + 10));
    assertAllclose(cylinder.endDistance.value, 200 * UM);
    for (const c of COORDS) {
      close(start(cylinder, c), arr(n, (k) => (k * v) / n));
      close(mid(cylinder, c), arr(n, (k) => (k * v) / n + (0.5 * v) / n));
      close(end(cylinder, c), arr(n, (k) => (k * v) / n + v / n));
    }
  });

  it('test_attributes_section', () => {
    const n = 10;
    // No difference to a cylinder
    const sec = new Section({ n, diameter: um(arr(n + 1, () => 10)), length: um(arr(n, () => 20)) });
    const cyl = new Cylinder({ n: 1, diameter: um(10), length: um(0) }); // dummy cylinder
    cyl.setChild('child', sec);
    assert.ok(sec instanceof Morphology);
    assert.equal(sec.n, n);
    assert.equal(sec.totalSections, 1);
    assert.equal(sec.totalCompartments, n);
    close(sec.diameter, arr(n, () => 10));
    close(sec.length, arr(n, () => 20));
    close(sec.distance, arr(n, (k) => k * 20 + 10));
    assertAllclose(sec.endDistance.value, 200 * UM);
    const sd = startDiameter(sec);
    const ed = endDiameter(sec);
    const l = inUm(sec.length)!;
    const d = inUm(sec.diameter)!;
    close(Array.from(sec.area_, (x) => x / UM ** 2), arr(n, (k) => Math.PI * 0.5 * (sd[k]! + ed[k]!) * l[k]!));
    close(Array.from(sec.volume_, (x) => x / UM ** 3), arr(n, (k) => 0.25 * Math.PI * d[k]! ** 2 * l[k]!));
    noCoordinates(sec);
  });

  it('test_attributes_section_coordinates_single', () => {
    const n = 10;
    const linspace = (a: number, b: number, m: number): number[] => arr(m, (k) => a + ((b - a) * k) / (m - 1));
    for (const coord of COORDS) {
      const sec = new Section({ n, diameter: um(arr(n + 1, () => 10)), [coord]: um(linspace(0, 200, n + 1)) });
      new Cylinder({ n: 1, diameter: um(10), length: um(0) }).setChild('child', sec);
      equal(sec.diameter, arr(n, () => 10));
      equal(sec.length, arr(n, () => 20));
      equal(sec.distance, arr(n, (k) => k * 20 + 10));
      assertAllclose(sec.endDistance.value, 200 * UM, 1e-12);
      for (const other of COORDS.filter((c) => c !== coord)) {
        equal(start(sec, other), arr(n, () => 0));
        equal(mid(sec, other), arr(n, () => 0));
        equal(end(sec, other), arr(n, () => 0));
      }
      equal(start(sec, coord), arr(n, (k) => k * 20));
      equal(mid(sec, coord), arr(n, (k) => k * 20 + 10));
      equal(end(sec, coord), arr(n, (k) => k * 20 + 20));
    }
    // Specify all coordinates
    const v = 200 / Math.sqrt(3);
    const points = um(linspace(0, v, n + 1));
    const sec = new Section({ n, diameter: um(arr(n + 1, () => 10)), x: points, y: points, z: points });
    new Cylinder({ n: 1, diameter: um(10), length: um(0) }).setChild('child', sec);
    equal(sec.diameter, arr(n, () => 10));
    close(sec.length, arr(n, () => 20));
    close(sec.distance, arr(n, (k) => k * 20 + 10));
    assertAllclose(sec.endDistance.value, 200 * UM);
    for (const c of COORDS) {
      close(start(sec, c), arr(n, (k) => (k * v) / n));
      close(mid(sec, c), arr(n, (k) => (k * v) / n + (0.5 * v) / n));
      close(end(sec, c), arr(n, (k) => (k * v) / n + v / n));
    }
  });

  it('test_attributes_section_coordinates_all', () => {
    const n = 3;
    let sec = new Section({ n, diameter: um([10, 10, 10, 10]), x: um([10, 11, 11, 11]), y: um([100, 100, 101, 101]), z: um([1000, 1000, 1000, 1001]) });
    equal(sec.diameter, arr(n, () => 10));
    close(sec.length, arr(n, () => 1));
    close(sec.distance, arr(n, (k) => k + 0.5));
    assertAllclose(sec.endDistance.value, 3 * UM);
    close(sec.startX, [10, 11, 11]);
    close(sec.x, [10.5, 11, 11]);
    close(sec.endX, [11, 11, 11]);
    close(sec.startY, [100, 100, 101]);
    close(sec.y, [100, 100.5, 101]);
    close(sec.endY, [100, 101, 101]);
    close(sec.startZ, [1000, 1000, 1000]);
    close(sec.z, [1000, 1000, 1000.5]);
    close(sec.endZ, [1000, 1000, 1001]);
    // Varying diameters
    sec = new Section({ n, diameter: um([20, 10, 5, 2.5]), x: um([0, 1, 1, 1]), y: um([0, 0, 1, 1]), z: um([0, 0, 0, 1]) });
    close(startDiameter(sec), [20, 10, 5]);
    // diameter at the midpoint
    close(sec.diameter, startDiameter(sec).map((s, k) => 0.5 * (s + endDiameter(sec)[k]!)));
    close(endDiameter(sec), [10, 5, 2.5]);
  });
});

function checkTreeCables(morphology: Morphology, coordinates = false): void {
  const m = (path: string): Morphology => morphology.child(path);
  // compartments per section
  assert.equal(morphology.n, 10);
  for (const p of ['1', '2', '21', '22']) assert.equal(m(p).n, 5);
  // compartments per subtree
  assert.equal(morphology.totalCompartments, 30);
  assert.equal(m('1').totalCompartments, 5);
  assert.equal(m('2').totalCompartments, 15);
  assert.equal(m('21').totalCompartments, 5);
  assert.equal(m('22').totalCompartments, 5);
  // sections per subtree
  assert.equal(morphology.totalSections, 5);
  assert.equal(m('1').totalSections, 1);
  assert.equal(m('2').totalSections, 3);
  assert.equal(m('21').totalSections, 1);
  assert.equal(m('22').totalSections, 1);
  // distances (to the root at the electrical midpoint) follow the tree structure
  close(morphology.distance, arr(10, (k) => k * 10 + 5));
  close(m('2').distance, arr(5, (k) => 100 + k * 10 + 5));
  close(m('21').distance, arr(5, (k) => 150 + k * 10 + 5));
  close([morphology.endDistance.value / UM], [100]);
  close([m('1').endDistance.value / UM], [200]);
  close([m('2').endDistance.value / UM], [150]);
  close([m('21').endDistance.value / UM], [200]);
  close([m('22').endDistance.value / UM], [200]);
  // section diameters are inherited from the parent sections
  close(startDiameter(m('1')), [10, 8, 6, 4, 2]);
  close(startDiameter(m('22')), [5, 4, 3, 2, 1]);
  if (!coordinates) return;
  const s2 = Math.SQRT2;
  // section: cable
  close(morphology.startX, arr(10, (k) => k * 10));
  close(morphology.x, arr(10, (k) => k * 10 + 5));
  close(morphology.endX, arr(10, (k) => k * 10 + 10));
  close(morphology.y, arr(10, () => 0));
  close(morphology.z, arr(10, () => 0));
  // section: cable['1']
  let step = 20 / s2;
  close(m('1').startX, arr(5, (k) => 100 + k * step));
  close(m('1').x, arr(5, (k) => 100 + k * step + step / 2));
  close(m('1').endX, arr(5, (k) => 100 + k * step + step));
  close(m('1').startY, arr(5, (k) => k * step));
  close(m('1').y, arr(5, (k) => k * step + step / 2));
  close(m('1').endY, arr(5, (k) => k * step + step));
  close(m('1').z, arr(5, () => 0));
  // section: cable['2']
  step = 10 / s2;
  close(m('2').startX, arr(5, (k) => 100 + k * step));
  close(m('2').x, arr(5, (k) => 100 + k * step + step / 2));
  close(m('2').endX, arr(5, (k) => 100 + k * step + step));
  close(m('2').startY, arr(5, (k) => -k * step));
  close(m('2').y, arr(5, (k) => -(k * step + step / 2)));
  close(m('2').endY, arr(5, (k) => -(k * step + step)));
  close(m('2').z, arr(5, () => 0));
  // sections cable['21'] and cable['22']
  for (const [p, sign] of [['21', 1], ['22', -1]] as const) {
    close(m(p).startX, arr(5, (k) => 100 + 50 / s2 + k * step));
    close(m(p).x, arr(5, (k) => 100 + 50 / s2 + k * step + step / 2));
    close(m(p).endX, arr(5, (k) => 100 + 50 / s2 + k * step + step));
    close(m(p).startY, arr(5, () => -50 / s2));
    close(m(p).y, arr(5, () => -50 / s2));
    close(m(p).endY, arr(5, () => -50 / s2));
    close(m(p).startZ, arr(5, (k) => sign * k * step));
    close(m(p).z, arr(5, (k) => sign * (k * step + step / 2)));
    close(m(p).endZ, arr(5, (k) => sign * (k * step + step)));
  }
}

/** Writes `text` to a temporary .swc file and reads it with morphologyFromSwcFile (Brian2's `Morphology.from_file`). */
function fromSwcText(text: string): Morphology {
  const dir = mkdtempSync(join(tmpdir(), 'brian2-suite-'));
  try {
    const file = join(dir, 'cable_morphology.swc');
    writeFileSync(file, text);
    return morphologyFromSwcFile(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('test_morphology (Brian2 2.5.1), trees', () => {
  it('test_tree_cables_schematic', () => {
    const cable = new Cylinder({ n: 10, diameter: um(10), length: um(100) });
    cable.setChild('L', new Section({ n: 5, diameter: um([10, 8, 6, 4, 2, 0]), length: um(arr(5, () => 20)) })); // tapering truncated cones
    cable.setChild('R', new Cylinder({ n: 5, diameter: um(5), length: um(50) }));
    cable.setChild('RL', new Cylinder({ n: 5, diameter: um(2.5), length: um(50) }));
    cable.setChild('RR', new Section({ n: 5, diameter: um([5, 4, 3, 2, 1, 0]), length: um(arr(5, () => 10)) }));
    checkTreeCables(cable);
  });

  it('test_tree_cables_coordinates', () => {
    // The lengths of the sections are identical to the previous test
    const s2 = Math.SQRT2;
    const lin = (a: number, b: number): number[] => arr(6, (k) => a + ((b - a) * k) / 5);
    const cable = new Cylinder({ n: 10, x: um([0, 100]), diameter: um(10) });
    cable.setChild('L', new Section({ n: 5, diameter: um([10, 8, 6, 4, 2, 0]), x: um(lin(0, 100).map((x) => x / s2)), y: um(lin(0, 100).map((x) => x / s2)) }));
    cable.setChild('R', new Cylinder({ n: 5, diameter: um(5), x: um([0, 50 / s2]), y: um([0, -50 / s2]) }));
    cable.setChild('RL', new Cylinder({ n: 5, diameter: um(2.5), x: um([0, 50 / s2]), z: um([0, 50 / s2]) }));
    cable.setChild('RR', new Section({ n: 5, diameter: um([5, 4, 3, 2, 1, 0]), x: um(lin(0, 50).map((x) => x / s2)), z: um(lin(0, -50).map((x) => x / s2)) }));
    checkTreeCables(cable, true);
  });

  it('test_tree_cables_from_points', () => {
    // The coordinates are identical to the previous test
    const s = Math.SQRT2;
    const points: MorphologyPoint[] = [
      // cable
      ...arr(11, (k): MorphologyPoint => [k + 1, null, k * 10, 0, 0, 10, k === 0 ? -1 : k]),
      // cable.L (automatic names)
      ...arr(5, (k): MorphologyPoint => [12 + k, null, 100 + (20 * (k + 1)) / s, (20 * (k + 1)) / s, 0, 8 - 2 * k, 11 + k]),
      // cable.R (automatic names)
      ...arr(5, (k): MorphologyPoint => [17 + k, null, 100 + (10 * (k + 1)) / s, (-10 * (k + 1)) / s, 0, 5, k === 0 ? 11 : 16 + k]),
      // cable.RL (explicit names)
      ...arr(5, (k): MorphologyPoint => [22 + k, 'L', 100 + (60 + 10 * k) / s, -50 / s, (10 * (k + 1)) / s, 2.5, 21 + k]),
      // cable.RR (explicit names)
      ...arr(5, (k): MorphologyPoint => [27 + k, 'R', 100 + (60 + 10 * k) / s, -50 / s, (-10 * (k + 1)) / s, 4 - k, k === 0 ? 21 : 26 + k]),
    ];
    const cable = morphologyFromPoints(points);
    // the names are used
    for (const p of ['L', 'R', 'RL', 'RR']) assert.equal(cable.child(p).n, 5);
    checkTreeCables(cable, true);
  });

  it('test_tree_cables_from_swc', () => {
    const cable = fromSwcText(`
# Test file
1   0  0  0  0  5  -1
2   0  10  0  0  5  1
3   0  20  0  0  5  2
4   0  30  0  0  5  3
5   0  40  0  0  5  4
6   0  50  0  0  5  5
7   0  60  0  0  5  6
8   0  70  0  0  5  7
9   0  80  0  0  5  8
10   0  90  0  0  5  9
11   0  100  0  0  5  10
12   2  114.14213562373095  14.142135623730949  0  4  11
13   2  128.2842712474619  28.284271247461898  0  3  12
14   2  142.42640687119285  42.426406871192846  0  2  13
15   2  156.5685424949238  56.568542494923797  0  1  14
16   2  170.71067811865476  70.710678118654741  0  0  15
17   2  107.07106781186548  -7.0710678118654746  0  2.5  11
18   2  114.14213562373095  -14.142135623730949  0  2.5  17
19   2  121.21320343559643  -21.213203435596423  0  2.5  18
20   2  128.2842712474619  -28.284271247461898  0  2.5  19
21   2  135.35533905932738  -35.35533905932737  0  2.5  20
22   2  142.42640687119285  -35.35533905932737  7.0710678118654746  1.25  21
23   2  149.49747468305833  -35.35533905932737  14.142135623730949  1.25  22
24   2  156.5685424949238  -35.35533905932737  21.213203435596423  1.25  23
25   2  163.63961030678928  -35.35533905932737  28.284271247461898  1.25  24
26   2  170.71067811865476  -35.35533905932737  35.35533905932737  1.25  25
27   2  142.42640687119285  -35.35533905932737  -7.0710678118654746  2  21
28   2  149.49747468305833  -35.35533905932737  -14.142135623730949  1.5  27
29   2  156.5685424949238  -35.35533905932737  -21.213203435596423  1  28
30   2  163.63961030678928  -35.35533905932737  -28.284271247461898  0.5  29
31   2  170.71067811865476  -35.35533905932737  -35.35533905932737  0  30
`);
    checkTreeCables(cable, true);
  });
});

function checkTreeSoma(morphology: Morphology, coordinates = false, useCylinders = true): void {
  const m = (path: string): Morphology => morphology.child(path);
  // compartments per section
  assert.equal(morphology.n, 1);
  assert.equal(m('1').n, 5);
  assert.equal(m('2').n, 5);
  // compartments per subtree
  assert.equal(morphology.totalCompartments, 11);
  assert.equal(m('1').totalCompartments, 5);
  assert.equal(m('2').totalCompartments, 5);
  // sections per subtree
  assert.equal(morphology.totalSections, 3);
  assert.equal(m('1').totalSections, 1);
  assert.equal(m('2').totalSections, 1);
  close(morphology.diameter, [30]);
  // distances follow the tree structure; the soma adds nothing to the distance
  equal(morphology.distance, [0]);
  close(m('1').distance, arr(5, (k) => k * 20 + 10));
  close(m('2').distance, arr(5, (k) => k * 10 + 5));
  close([morphology.endDistance.value / UM], [0]);
  close([m('1').endDistance.value / UM], [100]);
  close([m('2').endDistance.value / UM], [50]);
  close(morphology.diameter, 30);
  close(startDiameter(m('1')), [8, 8, 6, 4, 2]);
  close(m('1').diameter, [8, 7, 5, 3, 1]);
  close(endDiameter(m('1')), [8, 6, 4, 2, 0]);
  close(startDiameter(m('2')), arr(5, () => 5));
  close(m('2').diameter, arr(5, () => 5));
  close(endDiameter(m('2')), arr(5, () => 5));
  if (!coordinates) return;
  const s2 = Math.SQRT2;
  // section: soma
  close(morphology.startX, [100]);
  close(morphology.x, [100]);
  close(morphology.endX, [100]);
  close(morphology.y, [0]);
  close(morphology.z, [0]);
  // section: cable['1']
  let step = 20 / s2;
  close(m('1').startX, arr(5, (k) => 100 + k * step));
  close(m('1').x, arr(5, (k) => 100 + k * step + step / 2));
  close(m('1').endX, arr(5, (k) => 100 + k * step + step));
  close(m('1').startY, arr(5, (k) => k * step));
  close(m('1').y, arr(5, (k) => k * step + step / 2));
  close(m('1').endY, arr(5, (k) => k * step + step));
  close(m('1').z, arr(5, () => 0));
  // section: cable['2']
  step = 10 / s2;
  close(m('2').startX, arr(5, (k) => 100 + k * step));
  if (useCylinders) close(m('2').x, arr(5, (k) => 100 + k * step + step / 2));
  close(m('2').endX, arr(5, (k) => 100 + k * step + step));
  close(m('2').startY, arr(5, (k) => -k * step));
  if (useCylinders) close(m('2').y, arr(5, (k) => -(k * step + step / 2)));
  close(m('2').endY, arr(5, (k) => -(k * step + step)));
  if (useCylinders) close(m('2').z, arr(5, () => 0));
}

const S2 = Math.SQRT2;
/** The soma.L and soma.R points of Brian2's test_tree_soma_from_points (first index `first`, parent of the first point `parent`). */
const somaTreePoints = (first: number, parent: number): MorphologyPoint[] => [
  ...arr(5, (k): MorphologyPoint => [first + k, 'L', 100 + (20 * (k + 1)) / S2, (20 * (k + 1)) / S2, 0, 8 - 2 * k, k === 0 ? parent : first + k - 1]),
  ...arr(5, (k): MorphologyPoint => [first + 5 + k, 'R', 100 + (10 * (k + 1)) / S2, (-10 * (k + 1)) / S2, 0, 5, k === 0 ? parent : first + 4 + k]),
];

describe('test_morphology (Brian2 2.5.1), somata', () => {
  it('test_tree_soma_schematic', () => {
    const soma = new Soma({ diameter: um(30) });
    soma.setChild('L', new Section({ n: 5, diameter: um([8, 8, 6, 4, 2, 0]), length: um(arr(5, () => 20)) })); // tapering truncated cones
    soma.setChild('R', new Cylinder({ n: 5, diameter: um(5), length: um(50) }));
    checkTreeSoma(soma);
  });

  it('test_tree_soma_coordinates', () => {
    const soma = new Soma({ diameter: um(30), x: um(100) });
    const lin = arr(6, (k) => (20 * k) / S2);
    soma.setChild('L', new Section({ n: 5, diameter: um([8, 8, 6, 4, 2, 0]), x: um(lin), y: um(lin) }));
    soma.setChild('R', new Cylinder({ n: 5, diameter: um(5), x: um([0, 50 / S2]), y: um([0, -50 / S2]) }));
    checkTreeSoma(soma, true);
  });

  it('test_tree_soma_from_points', () => {
    const cable = morphologyFromPoints([[1, 'soma', 100, 0, 0, 30, -1], ...somaTreePoints(2, 1)]);
    checkTreeSoma(cable, true, false);
  });

  it('test_tree_soma_from_points_3_point_soma', () => {
    const cable = morphologyFromPoints([[1, 'soma', 100, 0, 0, 30, -1], [2, 'soma', 100, 15, 0, 30, 1], [3, 'soma', 100, -15, 0, 30, 1], ...somaTreePoints(4, 1)]);
    checkTreeSoma(cable, true, false);
    // The first compartment is a spherical soma
    assert.ok(cable instanceof Soma);
  });

  it('test_tree_soma_from_points_3_point_soma_incorrect', () => {
    // Inconsistent diameters
    const L = somaTreePoints(4, 1).slice(0, 5);
    raises(() => morphologyFromPoints([[1, 'soma', 100, 0, 0, 30, -1], [2, 'soma', 100, 15, 0, 28, 1], [3, 'soma', 100, -15, 0, 30, 1], ...L]), 'ValueError');
    // Inconsistent coordinates
    raises(() => morphologyFromPoints([[1, 'soma', 100, 0, 0, 30, -1], [2, 'soma', 100, 15, 0, 30, 1], [3, 'soma', 100, -16, 0, 30, 1], ...L]), 'ValueError');
  });

  it('test_tree_soma_from_swc', () => {
    const soma = fromSwcText(`
# Test file
1    1  100  0  0  15  -1
2   2  114.14213562373095  14.142135623730949  0  4  1
3   2  128.2842712474619  28.284271247461898  0  3  2
4   2  142.42640687119285  42.426406871192846  0  2  3
5   2  156.5685424949238  56.568542494923797  0  1  4
6   2  170.71067811865476  70.710678118654741  0  0  5
7   2  107.07106781186548  -7.0710678118654746  0  2.5  1
8   2  114.14213562373095  -14.142135623730949  0  2.5  7
9   2  121.21320343559643  -21.213203435596423  0  2.5  8
10   2  128.2842712474619  -28.284271247461898  0  2.5  9
11   2  135.35533905932738  -35.35533905932737  0  2.5  10
`);
    checkTreeSoma(soma, true, false);
  });

  it('test_tree_soma_from_swc_3_point_soma', () => {
    const soma = fromSwcText(`
# Test file
1    1  100  0  0  15  -1
2    1  100  15  0  15  1
3    1  100  -15  0  15  1
4   2  114.14213562373095  14.142135623730949  0  4  1
5   2  128.2842712474619  28.284271247461898  0  3  4
6   2  142.42640687119285  42.426406871192846  0  2  5
7   2  156.5685424949238  56.568542494923797  0  1  6
8   2  170.71067811865476  70.710678118654741  0  0  7
9   2  107.07106781186548  -7.0710678118654746  0  2.5  1
10   2  114.14213562373095  -14.142135623730949  0  2.5  9
11   2  121.21320343559643  -21.213203435596423  0  2.5  10
12   2  128.2842712474619  -28.284271247461898  0  2.5  11
13   2  135.35533905932738  -35.35533905932737  0  2.5  12
`);
    checkTreeSoma(soma, true, false);
  });
});

describe('test_morphology (Brian2 2.5.1), construction and subtrees', () => {
  it('test_construction_incorrect_arguments', () => {
    // Morphology (Brian2 calls the base class's __init__ directly; here through a section's n)
    raises(() => new Cylinder({ n: 1.5, diameter: um(10), length: um(10) }), 'TypeError');
    raises(() => new Cylinder({ n: 0, diameter: um(10), length: um(10) }), 'ValueError');
    raises(() => new (Soma as unknown as new (x: unknown) => Soma)('filename.swc'), 'TypeError');
    // Soma
    raises(() => new Soma({ diameter: 10 as never }), 'DimensionMismatchError');
    raises(() => new Soma({ diameter: um([10, 20]) as never }), 'TypeError');
    for (const c of COORDS) raises(() => new Soma({ diameter: um(10), [c]: um([10, 20]) as never }), 'TypeError');
    for (const c of COORDS) raises(() => new Soma({ diameter: um(10), [c]: 10 as never }), 'DimensionMismatchError');
    const twoD = [[1, 1], [1, 1], [1, 1]] as never;
    // Cylinder: the diameter is a single value
    raises(() => new Cylinder({ n: 3, diameter: um([10, 20]) as never, length: um(100) }), 'TypeError');
    raises(() => new Cylinder({ n: 3, diameter: um([10, 20, 30]) as never, length: um(100) }), 'TypeError');
    raises(() => new Cylinder({ n: 3, diameter: twoD, length: um(100) }), 'TypeError');
    // the length is a single value
    raises(() => new Cylinder({ n: 3, diameter: um(10), length: um([10, 20]) as never }), 'TypeError');
    raises(() => new Cylinder({ n: 3, diameter: um(10), length: um([10, 20, 30]) as never }), 'TypeError');
    raises(() => new Cylinder({ n: 3, diameter: um(10), length: twoD }), 'TypeError');
    // coordinates are two values
    for (const c of COORDS) {
      raises(() => new Cylinder({ n: 3, diameter: um(10), [c]: um([10]) }), 'TypeError');
      raises(() => new Cylinder({ n: 3, diameter: um(10), [c]: um([10, 20, 30]) }), 'TypeError');
    }
    // either coordinates or lengths, but not both
    raises(() => new Cylinder({ n: 3, diameter: um(10) }), 'TypeError');
    raises(() => new Cylinder({ n: 3, diameter: um(10), length: um(30), x: um([0, 30]) }), 'TypeError');
    // Section: n+1 diameters
    const ones = (n: number, v = 10): number[] => arr(n, () => v);
    raises(() => new Section({ n: 3, diameter: um(10) as never, length: um(ones(3)) }), 'TypeError');
    raises(() => new Section({ n: 3, diameter: um([10, 20, 30]), length: um(ones(3)) }), 'TypeError');
    raises(() => new Section({ n: 3, diameter: [[1, 1], [1, 1], [1, 1], [1, 1]] as never, length: um(ones(3)) }), 'TypeError');
    // n lengths
    raises(() => new Section({ n: 3, diameter: um(ones(4)), length: um(10) as never }), 'TypeError');
    raises(() => new Section({ n: 3, diameter: um(ones(4)), length: um([10, 20]) }), 'TypeError');
    raises(() => new Section({ n: 3, diameter: um(ones(4)), length: twoD }), 'TypeError');
    // n+1 coordinates
    for (const c of COORDS) {
      raises(() => new Section({ n: 3, diameter: um(ones(4)), [c]: um(10) as never }), 'TypeError');
      raises(() => new Section({ n: 3, diameter: um(ones(4)), [c]: um([10, 20, 30]) }), 'TypeError');
    }
    // either coordinates or lengths, but not both
    raises(() => new Section({ n: 3, diameter: um(ones(4)) }), 'TypeError');
    raises(() => new Section({ n: 3, diameter: um(ones(4)), length: um([10, 20, 30]), x: um([0, 10, 20, 30]) }), 'TypeError');
  });

  it('test_from_points_minimal', () => {
    const morph = morphologyFromPoints([[1, 'soma', 10, 20, 30, 30, -1]]);
    assert.equal(morph.totalCompartments, 1);
    close(morph.diameter, 30);
    close(morph.x, 10);
    close(morph.y, 20);
    close(morph.z, 30);
  });

  it('test_from_points_incorrect', () => {
    const points: MorphologyPoint[] = [[1, null, 0, 0, 0, 10, -1], [2, null, 10, 0, 0, 10, 1], [2, null, 20, 0, 0, 10, 2]];
    const points2: MorphologyPoint[] = [[1, null, 0, 0, 0, 10, -1], [2, null, 10, 0, 0, 10, 1], [3, null, 20, 0, 0, 10, 3]];
    const points3: MorphologyPoint[] = [[1, null, 0, 0, 0, 10, -1], [2, null, 10, 0, 0, 10, 1], [3, null, 20, 0, 0, 10, 4]];
    const points4 = [[1, 0, 0, 0, 10, -1], [2, 10, 0, 0, 10, 1], [3, 20, 0, 0, 10, 2]] as unknown as MorphologyPoint[];
    for (const p of [points, points2, points3, points4]) raises(() => morphologyFromPoints(p), 'ValueError');
  });

  it('test_subtree_deletion', () => {
    const cyl = (): Cylinder => new Cylinder({ n: 5, diameter: um(5), length: um(50) });
    const soma = new Soma({ diameter: um(30) });
    const firstDendrite = cyl();
    const secondDendrite = cyl();
    secondDendrite.setChild('L', cyl());
    secondDendrite.setChild('R', cyl());
    soma.setChild('dend1', firstDendrite);
    soma.setChild('dend2', secondDendrite);
    soma.setChild('dend3', cyl());
    soma.child('dend3').setChild('L', cyl());
    soma.child('dend3').child('L').setChild('L', cyl());
    assert.equal(soma.totalCompartments, 36);
    delete (soma as unknown as Record<string, unknown>)['dend1']; // del soma.dend1
    assert.equal(soma.totalCompartments, 31);
    raises(() => soma.child('dend1'), 'AttributeError');
    raises(() => delete (soma as unknown as Record<string, unknown>)['dend1'], 'AttributeError');
    raises(() => soma.deleteChild('dend1'), 'AttributeError');
    assert.ok(![...soma.children].includes(firstDendrite));
    soma.deleteChild('dend2'); // del soma['dend2']
    assert.equal(soma.totalCompartments, 16);
    raises(() => soma.child('dend2'), 'AttributeError');
    assert.ok(![...soma.children].includes(secondDendrite));
    soma.child('dend3').deleteChild('LL'); // del soma.dend3.LL
    assert.equal(soma.totalCompartments, 11);
    raises(() => soma.child('dend3').child('LL'), 'AttributeError');
    raises(() => soma.child('dend3').child('L').child('L'), 'AttributeError');
  });

  const subgroupMorpho = (llCoordinates: boolean): Soma => {
    const morpho = new Soma({ diameter: um(30) });
    morpho.setChild('L', new Cylinder({ length: um(10), diameter: um(1), n: 10 }));
    morpho.setChild('LL', llCoordinates ? new Cylinder({ x: um([0, 5]), diameter: um(2), n: 5 }) : new Cylinder({ length: um(5), diameter: um(2), n: 5 }));
    morpho.setChild('right', new Cylinder({ length: um(3), diameter: um(1), n: 7 }));
    return morpho;
  };

  it('test_subgroup_indices', () => {
    const morpho = subgroupMorpho(false);
    const L = morpho.child('L');
    const ints = (a: Int32Array): number[] => Array.from(a);
    assert.deepEqual(ints(morpho.child('LL').indices), [11, 12, 13, 14, 15]);
    assert.deepEqual(ints(L.slice(um(3), um(5)).indices), [4, 5]);
    assert.deepEqual(ints(L.slice(undefined, um(5)).indices), [1, 2, 3, 4, 5]);
    assert.deepEqual(ints(L.slice(um(3)).indices), [4, 5, 6, 7, 8, 9, 10]);
    assert.equal(L.index(um(3.5)), 4);
    assert.equal(L.index(um(3)), 4);
    assert.equal(L.index(um(3.9)), 4);
    assert.equal(L.index(3), 4);
    assert.equal(L.index(-1), 10);
    assert.deepEqual(ints(L.slice(3, 5).indices), [4, 5]);
    assert.deepEqual(ints(L.slice(3).indices), [4, 5, 6, 7, 8, 9, 10]);
    assert.deepEqual(ints(L.slice(undefined, 5).indices), [1, 2, 3, 4, 5]);
  });

  it('test_subgroup_attributes', () => {
    const morpho = subgroupMorpho(true);
    const L = morpho.child('L');
    const LL = morpho.child('LL');
    const right = morpho.child('right');
    const attributes = ['area_', 'volume_', 'length_', 'rLength1_', 'rLength2_', 'distance_', 'diameter_'] as const;
    // a single compartment by index
    const c2 = L.compartment(2);
    for (const a of attributes) assertAllclose(c2[a], [L[a][2]!]);
    for (const c of COORDS) {
      assert.equal(start(c2 as unknown as Morphology, c), null);
      assert.equal(c2[c], null);
      assert.equal(end(c2 as unknown as Morphology, c), null);
    }
    // a single compartment by position
    const c15 = LL.compartment(um(1.5));
    for (const a of attributes) assertAllclose(c15[a], [LL[a][1]!]);
    COORDS.forEach((c, axis) => {
      for (const where of ['start', 'mid', 'end'] as const) assertAllclose(c15.coords_(axis as 0 | 1 | 2, where)!, [LL.coords_(axis as 0 | 1 | 2, where)![1]!]);
    });
    // several compartments by indices
    const r36 = right.slice(3, 6);
    for (const a of attributes) assertAllclose(r36[a], right[a].slice(3, 6));
    for (const c of COORDS) {
      assert.equal(start(r36 as unknown as Morphology, c), null);
      assert.equal(r36[c], null);
      assert.equal(end(r36 as unknown as Morphology, c), null);
    }
    // several compartments by position
    close(L.slice(um(3), um(5)).distance, [3.5, 4.5]);
    close(L.slice(um(3.5), um(4.5)).distance, [3.5, 4.5]);
  });

  it('test_subgroup_incorrect', () => {
    const morpho = subgroupMorpho(false);
    const L = morpho.child('L');
    // Non-existing branch
    raises(() => morpho.child('axon'), 'AttributeError');
    // wrong units or mixing units
    raises(() => L.slice(second(3), second(5)), 'TypeError');
    raises(() => L.slice(3.4, 5.3), 'TypeError');
    raises(() => L.slice(3, um(5)), 'TypeError');
    raises(() => L.slice(um(3), 5), 'TypeError');
    // providing a step
    raises(() => (L.slice as (...a: unknown[]) => unknown)(um(3), um(5), um(2)), 'TypeError');
    raises(() => (L.slice as (...a: unknown[]) => unknown)(3, 5, 2), 'TypeError');
    // incorrect type
    raises(() => L.compartment(new (class Other {})() as never), 'TypeError');
    // out of range
    raises(() => L.compartment(um(-10)), 'IndexError');
    raises(() => L.compartment(um(15)), 'IndexError');
    raises(() => L.compartment(10), 'IndexError');
  });

  it('test_topology', () => {
    const soma = new Soma({ diameter: um(30) });
    soma.setChild('L', new Section({ n: 5, diameter: um([10, 8, 6, 4, 2, 0]), length: um(arr(5, () => 20)) }));
    soma.setChild('R', new Cylinder({ n: 10, diameter: um(5), length: um(50) }));
    soma.child('R').setChild('left', new Cylinder({ n: 10, diameter: um(2.5), length: um(50) }));
    soma.child('R').setChild('right', new Section({ n: 5, diameter: um([5, 4, 3, 2, 1, 0]), length: um(arr(5, () => 10)) }));
    const lines = soma
      .topology()
      .split('\n')
      .filter((l) => l.trim().length > 0);
    assert.equal(lines.length, 5); // one line for each section
    ['root', '.L', '.R', '.R.left', 'R.right'].forEach((name, k) => assert.ok(lines[k]!.includes(name), `${name} in ${lines[k]}`));
  });
});

describe('test_morphology (Brian2 2.5.1), copies and generated coordinates', () => {
  it('test_copy_section_soma', () => {
    let soma = new Soma({ diameter: um(30) });
    let copy = soma.copySection();
    close(copy.diameter, [30]);
    for (const c of COORDS) assert.equal(copy[c], null);
    assert.equal(copy.type, 'soma');
    soma = new Soma({ diameter: um(30), x: um(5), z: um(-10) });
    copy = soma.copySection();
    close(copy.diameter, [30]);
    close(copy.x, [5]);
    close(copy.y, [0]);
    close(copy.z, [-10]);
    assert.equal(copy.type, 'soma');
  });

  const copySection = (length: number): void => {
    // No coordinates
    let sec = new Section({ diameter: um([10, 5, 4, 3, 2, 1]), n: 5, length: um(arr(5, () => length)), type: 'dend' });
    let copy = sec.copySection();
    if (length === 10) close(startDiameter(copy), startDiameter(sec));
    close(endDiameter(copy), endDiameter(sec));
    close(copy.length, inUm(sec.length)!);
    assert.equal(copy.n, sec.n);
    for (const c of COORDS) assert.equal(copy[c], null);
    assert.equal(copy.type, 'dend');
    // With coordinates
    sec = new Section({ diameter: um([10, 5, 4, 3, 2, 1]), n: 5, x: um([0, 1, 2, 3, 4, 5]), y: um([0, -1, -2, -3, -4, -5]) });
    copy = sec.copySection();
    if (length === 10) close(startDiameter(copy), startDiameter(sec));
    close(endDiameter(copy), endDiameter(sec));
    close(copy.length, inUm(sec.length)!);
    assert.equal(copy.n, sec.n);
    for (const c of COORDS) close(copy[c], inUm(sec[c])!);
    assert.equal(copy.type, null);
  };
  it('test_copy_section_section', () => copySection(10));
  it('test_copy_section_cylinder', () => copySection(20));

  /** Brian2's `_check_length_coord_consistency`: the distances between the coordinates are the lengths. */
  const checkLengthCoordConsistency = (m: Morphology): void => {
    if (!(m instanceof Soma)) {
      const [sx, sy, sz, ex, ey, ez] = [m.startX, m.startY, m.startZ, m.endX, m.endY, m.endZ].map((q) => inUm(q)!);
      const calculated = arr(m.n, (k) => Math.hypot(ex![k]! - sx![k]!, ey![k]! - sy![k]!, ez![k]! - sz![k]!));
      close(calculated, inUm(m.length)!);
    }
    for (const child of m.children) checkLengthCoordConsistency(child);
  };
  const tree = (withBranches = true): Soma => {
    const morph = new Soma({ diameter: um(30) });
    morph.setChild('L', new Section({ n: 5, diameter: um([10, 8, 6, 4, 2, 0]), length: um(arr(5, () => 20)) })); // tapering truncated cones
    morph.setChild('R', new Cylinder({ n: 10, diameter: um(5), length: um(50) }));
    if (withBranches) addBranches(morph);
    return morph;
  };
  const addBranches = (morph: Morphology): void => {
    morph.child('R').setChild('left', new Cylinder({ n: 10, diameter: um(2.5), length: um(50) }));
    morph.child('R').setChild('right', new Section({ n: 5, diameter: um([5, 4, 3, 2, 1, 0]), length: um(arr(5, () => 10)) }));
  };
  const PATHS = ['', 'L', 'R', 'R.left', 'R.right'];
  const at = (m: Morphology, path: string): Morphology => (path === '' ? m : m.child(path));
  const sameElectrical = (a: Morphology, b: Morphology, paths = PATHS): void => {
    for (const p of paths) {
      assert.equal(at(a, p).n, at(b, p).n);
      close(at(a, p).length, inUm(at(b, p).length)!);
      close(at(a, p).diameter, inUm(at(b, p).diameter)!);
    }
  };
  const generated = (options?: Parameters<Morphology['generateCoordinates']>[0]): void => {
    const morph = tree();
    const withCoords = morph.generateCoordinates(options);
    assert.equal(withCoords.totalCompartments, morph.totalCompartments);
    assert.equal(withCoords.totalSections, morph.totalSections);
    sameElectrical(withCoords, morph);
    // without randomness, the morphology is in the x/y plane
    if (options === undefined) for (const p of PATHS) equal(at(withCoords, p).z, arr(at(withCoords, p).n, () => 0));
    checkLengthCoordConsistency(withCoords);
  };

  it('test_generate_coordinates_deterministic', () => generated());
  it('test_generate_coordinates_random_sections', () => generated({ sectionRandomness: 25 }));
  it('test_generate_coordinates_random_compartments', () => generated({ compartmentRandomness: 15 }));
  it('test_generate_coordinates_random_all', () => generated({ sectionRandomness: 25, compartmentRandomness: 15 }));

  it('test_generate_coordinates_no_overwrite', () => {
    const withCoords = tree().generateCoordinates({ compartmentRandomness: 15 });
    // This changes nothing: the morphology already has coordinates
    const withCoords2 = withCoords.generateCoordinates({ sectionRandomness: 25, compartmentRandomness: 15 });
    sameElectrical(withCoords2, withCoords);
    for (const p of PATHS) for (const c of COORDS) close(at(withCoords2, p)[c], inUm(at(withCoords, p)[c])!);
  });

  it('test_generate_coordinates_overwrite', () => {
    const withCoords = tree().generateCoordinates({ compartmentRandomness: 15 });
    // This changes things: it is asked for explicitly
    const withCoords2 = withCoords.generateCoordinates({ sectionRandomness: 25, compartmentRandomness: 15, overwriteExisting: true });
    const paths = PATHS.slice(1); // ignore the root compartment
    sameElectrical(withCoords2, withCoords, paths);
    for (const p of paths) {
      for (const c of COORDS) {
        const a = inUm(at(withCoords2, p)[c])!;
        const b = inUm(at(withCoords, p)[c])!;
        assert.ok(a.every((x, k) => Math.abs(x - b[k]!) > 0), `${p}.${c} unchanged`);
      }
    }
    checkLengthCoordConsistency(withCoords2);
  });

  it('test_generate_coordinates_mixed_overwrite', () => {
    const withCoords = tree(false).generateCoordinates({ sectionRandomness: 25, compartmentRandomness: 15 });
    // This just returns a copy, all coordinates are already specified
    withCoords.generateCoordinates();
    // New sections without coordinates
    addBranches(withCoords);
    const withCoords2 = withCoords.generateCoordinates({ sectionRandomness: 25, compartmentRandomness: 15 });
    const paths = ['', 'L', 'R'];
    sameElectrical(withCoords2, withCoords, paths);
    for (const p of paths) for (const c of COORDS) close(at(withCoords2, p)[c], inUm(at(withCoords, p)[c])!);
    assert.equal(withCoords.child('R').child('left').x, null);
    assert.equal(withCoords2.child('R').child('left').x!.values.length, withCoords2.child('R').child('left').n);
    checkLengthCoordConsistency(withCoords2);
  });
});
