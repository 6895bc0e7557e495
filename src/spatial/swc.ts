/**
 * Morphologies from point lists and SWC files, with Brian2 2.5.1's semantics
 * (Morphology.from_points / from_swc_file): unbranched runs of points of one type form a
 * section, a single soma point becomes a spherical Soma, a NeuroMorpho 3-point soma is
 * replaced by one sphere, and sections get the extra names L/R (≤ 2 children) or 1, 2, 3.
 */
import { Quantity, meter } from '../units/index.ts';
import { checkOptions, describeValue, showValue } from '../util/index.ts';
import { MorphologyError, SwcFormatError, SwcTopologyError } from './errors.ts';
import { Morphology, Section, Soma } from './morphology.ts';

/** One point: index, type name (null if none), x, y, z and diameter in µm, parent index (-1 = root). */
export type MorphologyPoint = readonly [index: number, name: string | null, x: number, y: number, z: number, diameter: number, parent: number];

interface Node {
  index: number;
  name: string | null;
  x: number;
  y: number;
  z: number;
  diameter: number;
  parent: Node | null;
  children: Node[];
  line: number | undefined;
}

const UM = 1e-6;
const m = (v: number): Quantity => new Quantity(v, meter.dim);
const SWC_TYPES: Record<string, string> = { '1': 'soma', '2': 'axon', '3': 'dend', '4': 'apic' };

/** Options of the point/SWC readers. */
export interface FromPointsOptions {
  /** Model a single soma point (or a 3-point soma) as a sphere (default true). */
  sphericalSoma?: boolean;
  /** Name of the source used in error messages. */
  source?: string;
  /** @internal Physical line number of each point (for error messages). */
  lines?: readonly number[];
}

/** Builds a morphology from points (Brian2's `Morphology.from_points`); values are in µm. */
export function morphologyFromPoints(points: readonly MorphologyPoint[], options?: FromPointsOptions): Morphology {
  options = checkOptions(options, ['sphericalSoma', 'source', 'lines'], { what: 'morphologyFromPoints()', error: (message) => new MorphologyError(message) });
  if (!Array.isArray(points)) throw new MorphologyError(`morphologyFromPoints() needs an array of points [index, type, x, y, z, diameter, parent], got ${describeValue(points)}.`);
  const { sphericalSoma = true, source = '<points>', lines } = options;
  const where = (k: number): number | undefined => (lines === undefined ? k + 1 : lines[k]);
  points.forEach((p, k) => {
    const ok =
      Array.isArray(p) &&
      p.length === 7 &&
      Number.isInteger(p[0]) &&
      (p[1] === null || typeof p[1] === 'string') &&
      [p[2], p[3], p[4], p[5]].every((v) => typeof v === 'number') &&
      Number.isInteger(p[6]);
    if (!ok) throw new SwcFormatError(where(k) ?? k + 1, `each point has to be [index, type, x, y, z, diameter, parent] (integers, a type name or null, numbers), got ${describeValue(p)}.`, source);
  });
  if (points.length === 0) throw new SwcTopologyError(undefined, 'no points given.', source);
  const allIds = new Map<number, number>();
  points.forEach((p, k) => {
    if (!allIds.has(p[0])) allIds.set(p[0], k);
  });
  const nodes = new Map<number, Node>();
  points.forEach((point, k) => {
    if (point.length !== 7) throw new SwcTopologyError(where(k), `each point needs to be described by 7 values, got ${point.length} instead.`, source);
    const [index, name, x, y, z, diameter, parentIdx] = point;
    const line = where(k);
    if (nodes.has(index)) throw new SwcTopologyError(line, `two compartments with index ${index}.`, source);
    if (parentIdx === index) throw new SwcTopologyError(line, `compartment ${index} lists itself as the parent compartment (a cycle).`, source);
    if (!(diameter >= 0) || !Number.isFinite(diameter)) {
      throw new SwcTopologyError(line, `compartment ${index} has diameter ${diameter} µm; diameters have to be non-negative.`, source);
    }
    let parent: Node | null = null;
    if (k === 0 && parentIdx === -1) {
      parent = null;
    } else if (parentIdx === -1) {
      throw new SwcTopologyError(line, `compartment ${index} is a second root (parent -1); only the first point may be the root.`, source);
    } else if (!nodes.has(parentIdx)) {
      if (!allIds.has(parentIdx)) {
        throw new SwcTopologyError(line, `unknown parent compartment ${parentIdx} of compartment ${index}.`, source);
      }
      // Listed later: either a cycle or an ordering problem.
      const byId = new Map(points.map((p) => [p[0], p[6]] as const));
      let cur: number | undefined = parentIdx;
      const seen = new Set<number>([index]);
      while (cur !== undefined && cur !== -1) {
        if (seen.has(cur)) throw new SwcTopologyError(line, `the parents of compartment ${index} form a cycle through compartment ${cur}.`, source);
        seen.add(cur);
        cur = byId.get(cur);
      }
      throw new SwcTopologyError(line, `parent compartment ${parentIdx} of compartment ${index} is listed after it; parent compartments have to be listed before their children.`, source);
    } else {
      parent = nodes.get(parentIdx)!;
    }
    const node: Node = { index, name, x, y, z, diameter, parent, children: [], line };
    nodes.set(index, node);
    parent?.children.push(node);
  });
  const first = nodes.values().next().value as Node;
  if (sphericalSoma) replaceThreePointSoma(first, nodes, source);
  const sections = compartmentsToSections(first, sphericalSoma, source);
  // Standard names in addition to given ones: L/R for one or two children, else 1, 2, 3, …
  const counter = new Map<Morphology, number>();
  for (const section of sections.values()) {
    const parent = section.parent;
    if (parent === null) continue;
    const nth = (counter.get(parent) ?? 0) + 1;
    counter.set(parent, nth);
    const name = parent.children.length <= 2 ? (nth === 1 ? 'L' : 'R') : String(nth);
    parent.children.add(name, section);
  }
  const roots = [...sections.values()].filter((s) => s.parent === null);
  if (roots.length !== 1) throw new MorphologyError(`Internal: expected one root section, found ${roots.length}.`);
  return roots[0]!;
}

function replaceThreePointSoma(start: Node, all: Map<number, Node>, source: string): void {
  const stack: Node[] = [start];
  while (stack.length > 0) {
    const c = stack.pop()!;
    const somaChildren = c.children.filter((k) => k.name === 'soma');
    if (c.name === 'soma' && somaChildren.length === 2 && somaChildren.every((k) => k.children.length === 0)) {
      const group = [c, ...somaChildren];
      if (!group.every((k) => Math.abs(k.diameter - c.diameter) < 1e-15)) {
        throw new SwcTopologyError(c.line, `found a '3-point-soma' (points ${group.map((k) => k.index).join(', ')}), but not all the diameters are identical.`, source);
      }
      const dist = (k: Node): number => Math.sqrt((k.x - c.x) ** 2 + (k.y - c.y) ** 2 + (k.z - c.z) ** 2);
      const [l1, l2] = [dist(somaChildren[0]!), dist(somaChildren[1]!)];
      if (Math.abs(l1 - c.diameter / 2) > 0.01 || Math.abs(l2 - c.diameter / 2) > 0.01) {
        throw new SwcTopologyError(
          c.line,
          `cannot replace '3-point-soma' by a single point, the second and third points should be positioned one radius away from the first point. Distances are ${l1.toFixed(3)}um and ${l2.toFixed(3)}um, respectively, while the radius is ${(c.diameter / 2).toFixed(3)}um.`,
          source,
        );
      }
      c.children = c.children.filter((k) => !somaChildren.includes(k));
      for (const k of somaChildren) all.delete(k.index);
    }
    for (let k = c.children.length - 1; k >= 0; k--) stack.push(c.children[k]!);
  }
}

/** Groups points into sections, depth-first (iterative: long unbranched runs are common). */
function compartmentsToSections(first: Node, sphericalSoma: boolean, source: string): Map<number, Morphology> {
  const sections = new Map<number, Morphology>();
  const stack: Node[] = [first];
  while (stack.length > 0) {
    let c = stack.pop()!;
    const run: Node[] = [c];
    while (c.children.length === 1 && c.name === c.children[0]!.name) {
      c = c.children[0]!;
      run.push(c);
    }
    sections.set(c.index, createSection(run, sections, sphericalSoma, source));
    for (let k = c.children.length - 1; k >= 0; k--) stack.push(c.children[k]!);
  }
  return sections;
}

function createSection(run: Node[], sections: Map<number, Morphology>, sphericalSoma: boolean, source: string): Morphology {
  const first = run[0]!;
  const name = first.name;
  const parent = first.parent;
  let section: Morphology;
  if (sphericalSoma && run.length === 1 && name === 'soma') {
    section = new Soma({ diameter: m(first.diameter * UM), x: m(first.x * UM), y: m(first.y * UM), z: m(first.z * UM) });
  } else {
    let xs = run.map((c) => c.x);
    let ys = run.map((c) => c.y);
    let zs = run.map((c) => c.z);
    let ds = run.map((c) => c.diameter);
    let n: number;
    let start: [number, number, number, number];
    if (parent !== null) {
      n = run.length;
      const startDiameter = parent.name !== null && parent.name.toLowerCase() === 'soma' ? ds[0]! : parent.diameter;
      xs = xs.map((v) => v - parent.x);
      ys = ys.map((v) => v - parent.y);
      zs = zs.map((v) => v - parent.z);
      start = [startDiameter, 0, 0, 0];
    } else {
      n = run.length - 1;
      if (n === 0) {
        const hint =
          name === 'soma'
            ? 'a single-point soma needs sphericalSoma: true (the default)'
            : 'only a soma (with sphericalSoma: true) can be a single point';
        throw new SwcTopologyError(
          first.line,
          `the root point ${first.index} (type ${showValue(name)}) forms a section of a single point, which has no length (The number of compartments n has to be at least 1.); ${hint}.`,
          source,
        );
      }
      start = [ds[0]!, xs[0]!, ys[0]!, zs[0]!];
      [ds, xs, ys, zs] = [ds.slice(1), xs.slice(1), ys.slice(1), zs.slice(1)];
    }
    const arr = (s: number, rest: number[]): Quantity[] => [s, ...rest].map((v) => m(v * UM));
    section = new Section({ n, diameter: arr(start[0], ds), x: arr(start[1], xs), y: arr(start[2], ys), z: arr(start[3], zs), type: name });
  }
  if (parent !== null) sections.get(parent.index)!.children.add(name, section, true);
  return section;
}

/** Parses SWC text (Brian2's `from_swc_file` rules); errors name the line. */
export function morphologyFromSwc(text: string, options?: Omit<FromPointsOptions, 'lines'>): Morphology {
  options = checkOptions(options, ['sphericalSoma', 'source'], { what: 'morphologyFromSwc()', error: (message) => new MorphologyError(message) });
  if (typeof text !== 'string') {
    throw new MorphologyError(`morphologyFromSwc() needs the SWC file's text as a string, got ${describeValue(text)} (to read a file, use morphologyFromSwcFile(path)).`);
  }
  const source = options.source ?? '<SWC string>';
  const points: MorphologyPoint[] = [];
  const lines: number[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, k) => {
    const line = raw.trim();
    if (line.startsWith('#') || line.length === 0) return;
    const f = line.split(/\s+/);
    if (f.length !== 7) throw new SwcFormatError(k + 1, `each line of an SWC file has to contain 7 space-separated entries, but it contains ${f.length}.`, source);
    const int = (s: string, what: string): number => {
      if (!/^[+-]?\d+$/.test(s)) throw new SwcFormatError(k + 1, `${what} has to be an integer, got '${s}'.`, source);
      return Number(s);
    };
    const float = (s: string, what: string): number => {
      const v = Number(s);
      if (s === '' || !Number.isFinite(v)) throw new SwcFormatError(k + 1, `${what} has to be a finite number, got '${s}'.`, source);
      return v;
    };
    const radius = float(f[5]!, 'the radius');
    if (!(radius >= 0)) throw new SwcFormatError(k + 1, `the radius has to be non-negative, got ${f[5]}.`, source);
    points.push([int(f[0]!, 'the index'), SWC_TYPES[f[1]!] ?? null, float(f[2]!, 'x'), float(f[3]!, 'y'), float(f[4]!, 'z'), 2 * radius, int(f[6]!, 'the parent index')]);
    lines.push(k + 1);
  });
  return morphologyFromPoints(points, { ...options, source, lines });
}

/** Reads an SWC file (Brian2's `Morphology.from_swc_file` / `from_file`). */
export function morphologyFromSwcFile(path: string, options?: Omit<FromPointsOptions, 'lines' | 'source'>): Morphology {
  options = checkOptions(options, ['sphericalSoma'], { what: 'morphologyFromSwcFile()', error: (message) => new MorphologyError(message) });
  if (typeof path !== 'string') throw new MorphologyError(`morphologyFromSwcFile() needs a file path as a string, got ${describeValue(path)}.`);
  if (!path.toLowerCase().endsWith('.swc')) throw new MorphologyError(`Currently, SWC is the only supported file format (got '${path}').`);
  return morphologyFromSwc(readTextFile(path), { ...options, source: path });
}

/**
 * Reads a text file through Node's `fs`, obtained at call time so that this module stays
 * importable in browser bundles (where only `morphologyFromSwc` on a string applies).
 */
function readTextFile(path: string): string {
  type Fs = { readFileSync(path: string, encoding: 'utf8'): string };
  const node = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = node?.getBuiltinModule?.('node:fs') as Fs | undefined;
  if (fs === undefined) {
    throw new MorphologyError(`Reading '${path}' needs Node.js (20.16 or later); in a browser, pass the file's text to morphologyFromSwc.`);
  }
  try {
    return fs.readFileSync(path, 'utf8');
  } catch (err) {
    throw new MorphologyError(`Cannot read the SWC file '${path}': ${(err as Error).message}`, { cause: err });
  }
}
