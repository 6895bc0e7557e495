/**
 * Neuronal morphologies as Brian2 2.5.1 defines them (brian2/spatialneuron/morphology.py):
 * a tree of unbranched sections (`Soma`, `Cylinder`, `Section`), each of `n` compartments.
 * Values are stored in SI units (metres) and computed with Brian2's formulas, in Brian2's
 * operation order, so that areas, distances and coordinates agree to rounding.
 */
import { DIMENSIONLESS, DimensionMismatchError, Quantity, QuantityArray, meter } from '../units/index.ts';
import type { Dimension } from '../units/index.ts';
import { defaultRandomState, streamKey, uniformAt } from '../codegen/index.ts';
import { checkOptions, memoryProblem, showValue } from '../util/index.ts';
import { CompartmentIndexError, MissingSectionError, MorphologyCycleError, MorphologyError } from './errors.ts';
import { SubMorphology, locateCompartment, locateRange, sectionLabel } from './sub-morphology.ts';
import type { CompartmentLocation } from './sub-morphology.ts';
import { CompartmentGeometry } from './compartment-geometry.ts';

const M: Dimension = meter.dim;
const PATH_CHARS = /^[LR1-9]+$/;

/** An array of lengths: a QuantityArray or Quantity[]. */
export type LengthArrayLike = QuantityArray | readonly Quantity[];

function scalarMetres(q: unknown, what: string, owner: string): number {
  // A plain number is a dimensionless value where a length is needed (Brian2: DimensionMismatchError).
  if (typeof q === 'number') throw new DimensionMismatchError(`${owner}: ${what} has to be a length (e.g. um(10)), got the number ${showValue(q)}`, DIMENSIONLESS, M);
  if (!(q instanceof Quantity)) {
    throw new MorphologyError(`${owner}: ${what} has to be a single length (e.g. um(10)), got ${describe(q)}.`);
  }
  if (!q.dim.equals(M)) {
    throw new DimensionMismatchError(`${owner}: ${what} has to be a length`, q.dim, M);
  }
  return q.value;
}

function arrayMetres(q: unknown, what: string, owner: string, expected: number): Float64Array {
  let values: Float64Array;
  if (q instanceof QuantityArray) {
    if (!q.dim.equals(M)) throw new DimensionMismatchError(`${owner}: ${what} has to be a length`, q.dim, M);
    values = Float64Array.from(q.values);
  } else if (Array.isArray(q)) {
    values = Float64Array.from(q as unknown[], (v, k) => scalarMetres(v, `${what}[${k}]`, owner));
  } else {
    throw new MorphologyError(`${owner}: ${what} has to be an array of ${expected} lengths, got ${describe(q)}.`);
  }
  if (values.length !== expected) {
    throw new MorphologyError(`${owner}: ${what} has to be a one-dimensional array of length ${expected}, got ${values.length}.`);
  }
  return values;
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'object';
  return `${typeof v} ${showValue(v)}`;
}

function checkDiameters(d: Float64Array, owner: string): void {
  for (let k = 0; k < d.length; k++) {
    const v = d[k]!;
    // Zero is allowed (a cone ending in a point, as Brian2); a SpatialNeuron refuses zero areas and resistances.
    if (!(v >= 0) || !Number.isFinite(v)) {
      throw new MorphologyError(`${owner}: diameters have to be non-negative and finite, got ${v} m at point ${k}.`);
    }
  }
}

function checkN(n: unknown, owner: string): number {
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    throw new MorphologyError(`${owner}: the number of compartments n has to be an integer, got ${describe(n)}.`);
  }
  if (n <= 0) throw new MorphologyError(`${owner}: the number of compartments n has to be at least 1, got ${n}.`);
  // A section holds about six Float64 arrays of n+1 values (diameters, lengths, three coordinates, scratch).
  const problem = memoryProblem((n + 1) * 6 * 8);
  if (problem !== undefined) throw new MorphologyError(`${owner}: cannot create ${n} compartments: ${problem}.`);
  return n;
}

/** numpy.linspace(a, b, num) for num >= 2, with numpy's arithmetic (i*step + a, exact endpoint). */
function linspace(a: number, b: number, num: number): Float64Array {
  const out = new Float64Array(num);
  const div = num - 1;
  const delta = b - a;
  const step = delta / div;
  for (let i = 0; i < num; i++) out[i] = step === 0 ? (i / div) * delta + a : i * step + a;
  out[num - 1] = b;
  return out;
}

function sectionLengths(x: Float64Array, y: Float64Array, z: Float64Array): Float64Array {
  const n = x.length - 1;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const dx = x[i + 1]! - x[i]!;
    const dy = y[i + 1]! - y[i]!;
    const dz = z[i + 1]! - z[i]!;
    out[i] = Math.sqrt(dx * dx + dy * dy + dz * dz);
  }
  return out;
}


/**
 * The children of a section: named subtrees, also reachable by their automatic number
 * ('1', '2', …) and, for morphologies read from points, by 'L'/'R' or '1', '2', '3'.
 */
export class Children implements Iterable<Morphology> {
  private counter = 0;
  private readonly list: Morphology[] = [];
  private readonly named = new Map<string, Morphology>();
  private readonly given = new Map<Morphology, string | null>();

  constructor(private readonly owner: Morphology) {}

  [Symbol.iterator](): Iterator<Morphology> {
    return this.list[Symbol.iterator]();
  }

  /** The number of child subtrees. */
  get length(): number {
    return this.list.length;
  }

  /** Whether a child of that name (or number) exists. */
  has(name: string): boolean {
    return this.named.has(name);
  }

  /** The name given when the child was attached (not an automatic one); null if none. */
  name(child: Morphology): string | null {
    return this.given.get(child) ?? null;
  }

  /** Every name (given, numbered, L/R) under which `child` is reachable. */
  namesOf(child: Morphology): string[] {
    return [...this.named].filter(([, c]) => c === child).map(([k]) => k);
  }

  /** The child of that name (or number). */
  get(name: string): Morphology {
    const child = this.named.get(name);
    if (child === undefined) {
      throw new MissingSectionError(name, `The subtree '${name}' does not exist (children: ${[...this.named.keys()].join(', ') || 'none'}).`);
    }
    return child;
  }

  /** Attaches `subtree` as a child named `name` (Brian2's `Children.add`). */
  add(name: string | null, subtree: Morphology, automaticName = false): string | null {
    if (!(subtree instanceof Morphology)) {
      throw new MorphologyError(`Only a Soma, Cylinder or Section can be attached as '${name}', got ${describe(subtree)}.`);
    }
    for (let a: Morphology | null = this.owner; a !== null; a = a.parent) {
      if (a === subtree) throw new MorphologyCycleError(`Attaching a section as '${name}' would make it its own ancestor.`);
    }
    if (name !== null && this.named.has(name) && this.named.get(name) !== subtree) {
      if (automaticName) {
        const base = name;
        let counter = 1;
        while (this.named.has(name)) {
          counter += 1;
          name = base + String(counter);
        }
      } else {
        throw new MorphologyError(`The name ${name} is already used for a subtree.`);
      }
    }
    if (!this.list.includes(subtree)) {
      this.counter += 1;
      this.list.push(subtree);
      this.named.set(String(this.counter), subtree);
      this.given.set(subtree, name);
    }
    if (name !== null) this.named.set(name, subtree);
    subtree._setParent(this.owner);
    return name;
  }

  /** @internal Gives `target` (the empty children of a copy) the same children, names and numbering, through `copies`. */
  _cloneInto(target: Children, copies: ReadonlyMap<Morphology, Morphology>): void {
    const dup = (m: Morphology): Morphology => copies.get(m)!;
    target.counter = this.counter;
    for (const c of this.list) {
      target.list.push(dup(c));
      target.given.set(dup(c), this.given.get(c) ?? null);
      dup(c)._setParent(target.owner);
    }
    for (const [name, c] of this.named) target.named.set(name, dup(c));
  }

  /** Detaches the subtree of that name. */
  remove(name: string): void {
    const subtree = this.get(name);
    this.named.delete(name);
    const k = this.list.indexOf(subtree);
    if (k >= 0) this.list.splice(k, 1);
    subtree._setParent(null);
  }
}

/** Reserved properties the Proxy never treats as child names. */
const isChildKey = (target: object, key: string | symbol): key is string =>
  typeof key === 'string' && !key.startsWith('_') && !(key in target);

/**
 * A neuronal morphology (one section and its subtree). Children are attached with
 * `morpho.setChild('axon', cyl)`, `morpho.children.add(...)` or, untyped as in Brian2,
 * `morpho.axon = cyl` (a Proxy); read them with `morpho.child('axon')` or a path
 * (`'LRL'`, `'12'`, or the dotted extension `'dend.L'`).
 */
export abstract class Morphology extends CompartmentGeometry {
  /** The number of compartments of this section. */
  readonly n: number;
  /** The section type ('soma', 'axon', 'dend', 'apic' or user-defined); null if none. */
  readonly type: string | null;
  /** The children (subtrees) of this section. */
  readonly children: Children;
  private parentSection: Morphology | null = null;

  protected constructor(n: number, type: string | null) {
    super();
    this.n = n;
    this.type = type;
    // Brian2's `morpho.axon = Cylinder(...)`: property writes of sections attach children.
    const proxy = new Proxy(this, {
      get(target, key, receiver) {
        if (isChildKey(target, key) && target.children.has(key)) return target.children.get(key);
        return Reflect.get(target, key, receiver) as unknown;
      },
      set(target, key, value, receiver) {
        if (value instanceof Morphology && isChildKey(target, key)) {
          target.setChild(key, value);
          return true;
        }
        return Reflect.set(target, key, value, receiver);
      },
      // Brian2's `del morpho.axon`.
      deleteProperty(target, key) {
        if (isChildKey(target, key)) {
          target.deleteChild(key);
          return true;
        }
        return Reflect.deleteProperty(target, key);
      },
    });
    // The children record the proxy as their parent, so identity checks see one object.
    this.children = new Children(proxy);
    return proxy;
  }

  /** @internal Set by `Children.add`/`remove`. */
  _setParent(p: Morphology | null): void {
    this.parentSection = p;
  }

  /** The parent section (null for the root). */
  get parent(): Morphology | null {
    return this.parentSection;
  }

  /** The subtree at `path`: a name, a Brian2 path of L/R/1-9 ('LRL', '121'), or dotted ('dend.L'). */
  child(path: string): Morphology {
    if (path.includes('.')) {
      let m: Morphology = this;
      for (const part of path.split('.')) if (part !== '') m = m.child(part);
      return m;
    }
    if (path.length > 1 && PATH_CHARS.test(path) && !this.children.has(path)) {
      return this.children.get(path[0]!).child(path.slice(1));
    }
    return this.children.get(path);
  }

  /**
   * Attaches `subtree` under `path`: a name (`'axon'`), a Brian2 path of L/R/1-9 whose last
   * letter is the new name (`'LR'` attaches as child `R` of child `L`, as Brian2's
   * `morpho.LR = ...`), or dotted (`'dend.L'` attaches as child `L` of child `dend`).
   */
  setChild(path: string, subtree: Morphology): void {
    if (path.includes('.')) {
      const parts = path.split('.');
      const last = parts.pop()!;
      if (last === '') throw new MorphologyError(`Cannot attach a subtree at '${path}': the path has to end with the new child's name.`);
      this.child(parts.join('.')).children.add(last, subtree);
    } else if (path.length > 1 && PATH_CHARS.test(path)) {
      this.children.get(path[0]!).setChild(path.slice(1), subtree);
    } else {
      this.children.add(path, subtree);
    }
  }

  /**
   * Detaches the subtree at `path` (Brian2's `del morpho.axon`, `del morpho['LR']`): a name, a
   * Brian2 L/R/1-9 path (`'LR'` removes child `R` of child `L`) or dotted. A missing subtree is a
   * MissingSectionError.
   */
  deleteChild(path: string): void {
    if (path.includes('.')) {
      const parts = path.split('.');
      const last = parts.pop()!;
      this.child(parts.join('.')).children.remove(last);
    } else if (path.length > 1 && PATH_CHARS.test(path) && !this.children.has(path)) {
      this.children.get(path[0]!).deleteChild(path.slice(1));
    } else {
      this.children.remove(path);
    }
  }

  /**
   * The absolute index (in the flattened tree of this section's root, i.e. usable as
   * `neuron.I[k]`) of one compartment of this section: its number within the section (negative
   * counts from the end) or a distance along it (Brian2's `morpho.L[50*um]`, `morpho.indices[k]`).
   * Without an argument, the index of the section's only compartment (an error if it has several).
   */
  index(at?: CompartmentLocation): number {
    if (at === undefined) {
      if (this.n !== 1) throw new CompartmentIndexError(sectionLabel(this), `${sectionLabel(this)} has ${this.n} compartments; give a compartment number or a distance.`);
      return this.startIndex;
    }
    return this.startIndex + locateCompartment(sectionLabel(this), this, at);
  }

  /** One compartment of this section as a SubMorphology (Brian2's `morpho[5]`, `morpho[10*um]`). */
  compartment(at: CompartmentLocation): SubMorphology {
    const k = locateCompartment(sectionLabel(this), this, at);
    return new SubMorphology(this, k, k + 1);
  }

  /**
   * Consecutive compartments of this section: between two distances along it
   * (`slice(um(10), um(20))`, Brian2's `morpho[10*um:20*um]`, same boundary rounding) or two
   * compartment numbers with Python's slice rules (`slice(3, 5)`, `slice(-3)`). Either end may be
   * omitted. An empty selection is an error.
   */
  slice(from?: CompartmentLocation, to?: CompartmentLocation): SubMorphology {
    if (arguments.length > 2) throw new CompartmentIndexError(sectionLabel(this), `A slice of ${sectionLabel(this)} cannot have a step (Brian2: morpho[a:b:step] is an error).`);
    const [a, b] = locateRange(sectionLabel(this), this, from, to);
    return new SubMorphology(this, a, b);
  }

  /** Absolute indices of this section's compartments (Brian2's `morpho.indices[:]`; the section only, not its subtree). */
  get indices(): Int32Array {
    const first = this.startIndex;
    return Int32Array.from({ length: this.n }, (_, k) => first + k);
  }

  /**
   * A deep copy of this subtree (sections, children and every name they are reachable by); the
   * copy is a root. SpatialNeuron keeps such a copy, as Brian2 does.
   */
  copyTree(): Morphology {
    const copy = this.copySection();
    const copies = new Map<Morphology, Morphology>();
    const visit = (orig: Morphology, dup: Morphology): void => {
      for (const c of orig.children) {
        const cc = c.copySection();
        copies.set(c, cc);
        visit(c, cc);
      }
      orig.children._cloneInto(dup.children, copies);
    };
    visit(this, copy);
    return copy;
  }

  /** Number of compartments in this subtree. */
  get totalCompartments(): number {
    let total = this.n;
    for (const c of this.children) total += c.totalCompartments;
    return total;
  }

  /** Number of sections in this subtree. */
  get totalSections(): number {
    let total = 1;
    for (const c of this.children) total += c.totalSections;
    return total;
  }

  /** The root of the tree this section belongs to. */
  get root(): Morphology {
    let r: Morphology = this;
    while (r.parent !== null) r = r.parent;
    return r;
  }

  /** Index of this section's first compartment in the flattened tree (root first, depth-first). */
  get startIndex(): number {
    let index = 0;
    const visit = (m: Morphology): boolean => {
      if (m === this) return true;
      index += m.n;
      for (const c of m.children) if (visit(c)) return true;
      return false;
    };
    visit(this.root);
    return index;
  }

  /** Sections of this subtree in flattened (compartment) order, with their named path. */
  sections(): { path: string; section: Morphology }[] {
    const out: { path: string; section: Morphology }[] = [];
    const visit = (m: Morphology, path: string): void => {
      out.push({ path, section: m });
      for (const c of m.children) visit(c, `${path}.${m.children.name(c) ?? 'None'}`);
    };
    visit(this, '');
    return out;
  }

  /** Brian2's `str(morpho.topology())`. */
  topology(): string {
    const describeTree = (m: Morphology, indent: number, named: string, hasParent: boolean): string => {
      let s = ' '.repeat(indent);
      const length = Math.max(1, m.n);
      if (hasParent) s += '`';
      s += m instanceof Soma ? '( )' : `${'-'.repeat(length)}|`;
      s += named.length === 0 ? '  [root] \n' : `  ${named}\n`;
      for (const c of m.children) s += describeTree(c, indent + 2 + length, `${named}.${m.children.name(c) ?? 'None'}`, true);
      return s;
    };
    return describeTree(this, 0, '', false);
  }

  // Raw per-compartment values in SI units (Brian2's trailing-underscore properties): the
  // per-compartment ones are declared by CompartmentGeometry.
  /** Distance from the root to the end of this section (m). */
  abstract get endDistance_(): number;
  /** A copy of this section alone (no parent, no children). */
  abstract copySection(): Morphology;

  /** Distance from the root to the end of this section. */
  get endDistance(): Quantity {
    return new Quantity(this.endDistance_, M);
  }

  /**
   * A copy of the whole tree with coordinates generated where absent (Brian2's
   * `generate_coordinates`). With both randomness parameters 0, the deterministic layout of
   * Brian2; otherwise the direction of each section (`sectionRandomness`) and of each compartment
   * within its section (`compartmentRandomness`) is rotated away from its parent's direction by an
   * exponentially distributed angle whose mean is the parameter, in degrees, about a random axis.
   * Random draws come from brian-ts's counter-based generator (stream
   * `morphology:generate_coordinates`): reproducible after `seed(n)`, not Brian2's numbers.
   * Electrical properties (lengths, diameters) are unchanged. `overwriteExisting` regenerates
   * sections that already have coordinates.
   */
  generateCoordinates(options?: GenerateCoordinatesOptions): Morphology {
    const { sectionRandomness = 0, compartmentRandomness = 0, overwriteExisting = false } = checkOptions(options, ['sectionRandomness', 'compartmentRandomness', 'overwriteExisting'], {
      what: 'generateCoordinates()',
      error: (message) => new MorphologyError(message),
    });
    const check = (v: unknown, what: string): number => {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
        throw new MorphologyError(`generateCoordinates: ${what} has to be a non-negative number of degrees, got ${describe(v)}.`);
      }
      return (v * Math.PI) / 180;
    };
    const sr = check(sectionRandomness, 'sectionRandomness');
    const cr = check(compartmentRandomness, 'compartmentRandomness');
    let next: () => number = () => {
      throw new MorphologyError('internal: no random draws without randomness');
    };
    if (sr > 0 || cr > 0) {
      const stream = 'morphology:generate_coordinates';
      const random = defaultRandomState;
      const counter = random.counter(stream);
      const c1 = counter[0]! | 0;
      counter[0] = c1 + 1;
      const k0 = random.seedWord[0]! | 0;
      const k1 = streamKey(stream);
      let c0 = 0;
      next = () => uniformAt(k0, k1, c0++ | 0, c1);
    }
    return addCoordinates(this, null, null, 0, 0, { sr, cr, overwrite: overwriteExisting, next });
  }
}

/** Options of `Morphology.generateCoordinates` (Brian2's keyword arguments). */
export interface GenerateCoordinatesOptions {
  /** Mean deviation (degrees) of each section's direction from its parent's; 0 = deterministic layout. */
  sectionRandomness?: number;
  /** Mean deviation (degrees) of each compartment's direction from its section's; 0 = straight sections. */
  compartmentRandomness?: number;
  /** Also regenerate sections that already have coordinates. */
  overwriteExisting?: boolean;
}

/** Checks the options object of a Soma/Section/Cylinder constructor (required: it holds the diameter). */
function sectionOptions<T extends object>(options: T, valid: readonly string[], owner: string): T {
  if (options === undefined) throw new MorphologyError(`${owner}: the options { diameter, … } are required.`);
  return checkOptions(options, valid, { what: owner, error: (message) => new MorphologyError(message) });
}

/** Options of `new Soma(...)`. */
export interface SomaOptions {
  /** Diameter of the sphere. */
  diameter: Quantity;
  /** Centre x coordinate (default: none, or generated). */
  x?: Quantity;
  /** Centre y coordinate. */
  y?: Quantity;
  /** Centre z coordinate. */
  z?: Quantity;
  /** The section's type label (SWC's `'soma'`, `'axon'`, …), or null. */
  type?: string | null;
}

/** A spherical soma (one compartment); its area is that of a sphere (pi d²). */
export class Soma extends Morphology {
  private readonly d: number;
  private readonly xyz: [number, number, number] | null;

  constructor(options: SomaOptions) {
    options = sectionOptions(options, ['diameter', 'x', 'y', 'z', 'type'], 'Soma');
    super(1, options.type === undefined ? 'soma' : options.type);
    const owner = 'Soma';
    this.d = scalarMetres(options.diameter, 'diameter', owner);
    checkDiameters(Float64Array.of(this.d), owner);
    const { x, y, z } = options;
    this.xyz =
      x !== undefined || y !== undefined || z !== undefined
        ? [
            x === undefined ? 0 : scalarMetres(x, 'x', owner),
            y === undefined ? 0 : scalarMetres(y, 'y', owner),
            z === undefined ? 0 : scalarMetres(z, 'z', owner),
          ]
        : null;
  }

  copySection(): Soma {
    const c = this.xyz;
    return c === null
      ? new Soma({ diameter: new Quantity(this.d, M), type: this.type })
      : new Soma({ diameter: new Quantity(this.d, M), x: new Quantity(c[0], M), y: new Quantity(c[1], M), z: new Quantity(c[2], M), type: this.type });
  }

  get area_(): Float64Array {
    return Float64Array.of(Math.PI * (this.d * this.d));
  }
  get volume_(): Float64Array {
    return Float64Array.of((Math.PI * this.d ** 3) / 6);
  }
  get length_(): Float64Array {
    return Float64Array.of(this.d);
  }
  get diameter_(): Float64Array {
    return Float64Array.of(this.d);
  }
  get distance_(): Float64Array {
    const p = this.parent;
    return Float64Array.of(p === null ? 0 : p.distance_.at(-1)!);
  }
  get endDistance_(): number {
    return this.parent === null ? 0 : this.parent.endDistance_;
  }
  get rLength1_(): Float64Array {
    return Float64Array.of(1);
  }
  get rLength2_(): Float64Array {
    return Float64Array.of(1);
  }
  coords_(axis: 0 | 1 | 2): Float64Array | null {
    return this.xyz === null ? null : Float64Array.of(this.xyz[axis]);
  }
}

/** Options of `new Section(...)`: n+1 diameters at the compartment boundaries. */
export interface SectionOptions {
  /** Diameters at the n+1 compartment boundaries. */
  diameter: LengthArrayLike;
  /** Number of compartments (default: from the lengths or coordinates). */
  n?: number;
  /** Length of each compartment (n values); excludes coordinates. */
  length?: LengthArrayLike;
  /** n+1 point coordinates, relative to the parent's end point. */
  x?: LengthArrayLike;
  /** n+1 point y coordinates, relative to the parent's end point. */
  y?: LengthArrayLike;
  /** n+1 point z coordinates, relative to the parent's end point. */
  z?: LengthArrayLike;
  /** The section's type label (`'axon'`, `'dend'`, …), or null. */
  type?: string | null;
}

/** A section of truncated cones (diameter varies linearly within each compartment). */
export class Section extends Morphology {
  /** Diameters at the n+1 boundaries (Section) or the n compartments (Cylinder). */
  protected readonly d: Float64Array;
  protected readonly len: Float64Array;
  /** n+1 coordinates relative to the parent's end point, or null. */
  protected readonly rel: [Float64Array, Float64Array, Float64Array] | null;

  constructor(options: SectionOptions);
  /** @internal Used by Cylinder. */
  constructor(options: SectionOptions, internal: { n: number; d: Float64Array; len: Float64Array; rel: [Float64Array, Float64Array, Float64Array] | null; type: string | null });
  constructor(
    options: SectionOptions,
    internal?: { n: number; d: Float64Array; len: Float64Array; rel: [Float64Array, Float64Array, Float64Array] | null; type: string | null },
  ) {
    if (internal === undefined) options = sectionOptions(options, ['diameter', 'n', 'length', 'x', 'y', 'z', 'type'], 'Section');
    if (internal !== undefined) {
      super(internal.n, internal.type);
      this.d = internal.d;
      this.len = internal.len;
      this.rel = internal.rel;
      return;
    }
    const owner = 'Section';
    const n = checkN(options.n ?? 1, owner);
    super(n, options.type ?? null);
    this.d = arrayMetres(options.diameter, 'diameter', owner, n + 1);
    checkDiameters(this.d, owner);
    const { x, y, z, length } = options;
    const hasCoords = x !== undefined || y !== undefined || z !== undefined;
    if (hasCoords && length !== undefined) throw new MorphologyError(`${owner}: cannot specify coordinates and length at the same time.`);
    if (length !== undefined) {
      this.len = arrayMetres(length, 'length', owner, n);
      this.rel = null;
    } else {
      if (!hasCoords) throw new MorphologyError(`${owner}: no length specified, need to specify at least one out of x, y, or z.`);
      const axis = (v: LengthArrayLike | undefined, name: string): Float64Array =>
        v === undefined ? new Float64Array(n + 1) : arrayMetres(v, name, owner, n + 1);
      this.rel = [axis(x, 'x'), axis(y, 'y'), axis(z, 'z')];
      this.len = sectionLengths(...this.rel);
    }
  }

  copySection(): Morphology {
    return new Section({ diameter: [] }, { n: this.n, d: this.d.slice(), len: this.len.slice(), rel: this.rel && [this.rel[0].slice(), this.rel[1].slice(), this.rel[2].slice()], type: this.type });
  }

  /** @internal The n+1 boundary diameters (m), used by coordinate generation. */
  get boundaryDiameters_(): Float64Array {
    return this.d.slice();
  }
  /** Diameters at the start of each compartment (m). */
  get startDiameter_(): Float64Array {
    return this.d.slice(0, -1);
  }
  /** Diameters at the end of each compartment (m). */
  get endDiameter_(): Float64Array {
    return this.d.slice(1);
  }
  get area_(): Float64Array {
    const out = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) {
      const d1 = this.d[i]!;
      const d2 = this.d[i + 1]!;
      const l = this.len[i]!;
      const dd = d1 - d2;
      out[i] = (Math.PI / 2) * (d1 + d2) * Math.sqrt((dd * dd) / 4 + l * l);
    }
    return out;
  }
  get volume_(): Float64Array {
    const out = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) {
      const d1 = this.d[i]!;
      const d2 = this.d[i + 1]!;
      out[i] = (Math.PI * this.len[i]! * (d1 * d1 + d1 * d2 + d2 * d2)) / 12;
    }
    return out;
  }
  get length_(): Float64Array {
    return this.len.slice();
  }
  get diameter_(): Float64Array {
    const out = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) out[i] = 0.5 * (this.d[i]! + this.d[i + 1]!);
    return out;
  }
  get distance_(): Float64Array {
    const start = this.parent === null ? 0 : this.parent.endDistance_;
    const out = new Float64Array(this.n);
    let cum = 0;
    for (let i = 0; i < this.n; i++) {
      cum += this.len[i]!;
      out[i] = start + cum - 0.5 * this.len[i]!;
    }
    return out;
  }
  get endDistance_(): number {
    return this.distance_[this.n - 1]! + 0.5 * this.len[this.n - 1]!;
  }
  get rLength1_(): Float64Array {
    const out = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) {
      const d1 = this.d[i]!;
      const d2 = (this.d[i]! + this.d[i + 1]!) * 0.5;
      out[i] = ((Math.PI / 2) * (d1 * d2)) / this.len[i]!;
    }
    return out;
  }
  get rLength2_(): Float64Array {
    const out = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) {
      const d1 = (this.d[i]! + this.d[i + 1]!) * 0.5;
      const d2 = this.d[i + 1]!;
      out[i] = ((Math.PI / 2) * (d1 * d2)) / this.len[i]!;
    }
    return out;
  }
  coords_(axis: 0 | 1 | 2, where: 'start' | 'mid' | 'end'): Float64Array | null {
    if (this.rel === null) return null;
    const rel = this.rel[axis];
    const parentEnd = this.parent === null ? null : this.parent.coords_(axis, 'end');
    const offset = parentEnd === null ? null : parentEnd[parentEnd.length - 1]!;
    const start = new Float64Array(this.n);
    const end = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) {
      start[i] = offset === null ? rel[i]! : offset + rel[i]!;
      end[i] = offset === null ? rel[i + 1]! : offset + rel[i + 1]!;
    }
    if (where === 'start') return start;
    if (where === 'end') return end;
    const mid = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) mid[i] = start[i]! + 0.5 * (end[i]! - start[i]!);
    return mid;
  }
}

/** Options of `new Cylinder(...)`: one diameter; total `length` or start/end coordinates. */
export interface CylinderOptions {
  /** The constant diameter. */
  diameter: Quantity;
  /** Number of compartments (default 1). */
  n?: number;
  /** Total length of the cylinder (split into n equal compartments). */
  length?: Quantity;
  /** [start, end] coordinates relative to the parent's end point. */
  x?: LengthArrayLike;
  /** [start, end] y coordinates relative to the parent's end point. */
  y?: LengthArrayLike;
  /** [start, end] z coordinates relative to the parent's end point. */
  z?: LengthArrayLike;
  /** The section's type label (`'axon'`, `'dend'`, …), or null. */
  type?: string | null;
}

/** A section of constant diameter. */
export class Cylinder extends Section {
  constructor(options: CylinderOptions) {
    const owner = 'Cylinder';
    options = sectionOptions(options, ['diameter', 'n', 'length', 'x', 'y', 'z', 'type'], owner);
    const n = checkN(options.n ?? 1, owner);
    const d = new Float64Array(n).fill(scalarMetres(options.diameter, 'diameter', owner));
    checkDiameters(d, owner);
    const { x, y, z, length } = options;
    const hasCoords = x !== undefined || y !== undefined || z !== undefined;
    if (hasCoords && length !== undefined) throw new MorphologyError(`${owner}: cannot specify coordinates and length at the same time.`);
    let len: Float64Array;
    let rel: [Float64Array, Float64Array, Float64Array] | null = null;
    if (length !== undefined) {
      len = new Float64Array(n).fill(scalarMetres(length, 'length', owner) / n);
    } else {
      if (!hasCoords) throw new MorphologyError(`${owner}: no length specified, need to specify at least one out of x, y, or z.`);
      const axis = (v: LengthArrayLike | undefined, name: string): Float64Array => {
        if (v === undefined) return new Float64Array(n + 1);
        const ends = arrayMetres(v, `${name} (start and end point)`, owner, 2);
        return linspace(ends[0]!, ends[1]!, n + 1);
      };
      rel = [axis(x, 'x'), axis(y, 'y'), axis(z, 'z')];
      len = sectionLengths(...rel);
    }
    super({ diameter: [] }, { n, d, len, rel, type: options.type ?? null });
  }

  override copySection(): Cylinder {
    const diameter = new Quantity(this.d[0]!, M);
    if (this.rel === null) {
      // The stored per-compartment lengths are kept exactly (Brian2 would re-split a total).
      const c = new Cylinder({ diameter, n: this.n, length: new Quantity(1, M), type: this.type });
      c.len.set(this.len);
      return c;
    }
    const ends = (a: Float64Array): Quantity[] => [new Quantity(a[0]!, M), new Quantity(a[a.length - 1]!, M)];
    return new Cylinder({ diameter, n: this.n, x: ends(this.rel[0]), y: ends(this.rel[1]), z: ends(this.rel[2]), type: this.type });
  }

  override get startDiameter_(): Float64Array {
    return this.d.slice();
  }
  override get endDiameter_(): Float64Array {
    return this.d.slice();
  }
  override get area_(): Float64Array {
    return this.d.map((d, i) => Math.PI * d * this.len[i]!);
  }
  override get volume_(): Float64Array {
    return this.d.map((d, i) => Math.PI * (d / 2) ** 2 * this.len[i]!);
  }
  override get diameter_(): Float64Array {
    return this.d.slice();
  }
  override get rLength1_(): Float64Array {
    return this.d.map((d, i) => ((Math.PI / 2) * (d * d)) / this.len[i]!);
  }
  override get rLength2_(): Float64Array {
    return this.rLength1_;
  }
  /** @internal Raw n+1 boundary diameters (Section) used by coordinate generation. */
  override get boundaryDiameters_(): Float64Array {
    return Float64Array.of(this.d[0]!, ...this.d);
  }
}

// --- Coordinate generation (Brian2's _add_coordinates and _perturb) --------------------------

type Vec = [number, number, number];

function rotate(vec: Vec, axis: Vec, angle: number): Vec {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const cross: Vec = [axis[1] * vec[2] - axis[2] * vec[1], axis[2] * vec[0] - axis[0] * vec[2], axis[0] * vec[1] - axis[1] * vec[0]];
  const dot = axis[0] * vec[0] + axis[1] * vec[1] + axis[2] * vec[2];
  return [0, 1, 2].map((k) => vec[k]! * c - cross[k]! * s + axis[k]! * dot * (1 - c)) as Vec;
}

const norm = (v: Vec): number => Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);

interface CoordinateOptions {
  /** Section and compartment randomness in radians. */
  readonly sr: number;
  readonly cr: number;
  readonly overwrite: boolean;
  /** Uniform draws in [0, 1). */
  readonly next: () => number;
}

/**
 * Brian2's `_perturb`: rotates `vec` by an exponentially distributed angle (mean `sigma`) about an
 * axis obtained by rotating `[vec_y, vec_x, 0]` (or `[1, 0, 0]`) about `vec` by a uniform angle.
 * Brian2's axis is orthogonal to `vec` only for vectors along a coordinate axis; kept as is.
 */
function perturb(vec: Vec, sigma: number, next: () => number): Vec {
  if (sigma === 0) return vec;
  let orthogonal: Vec = vec[1] !== 0 || vec[0] !== 0 ? [vec[1], vec[0], 0] : [1, 0, 0];
  orthogonal = rotate(orthogonal, vec, next() * Math.PI * 2);
  const angle = -Math.log(1 - next()) * sigma;
  return rotate(vec, orthogonal, angle);
}

function addCoordinates(orig: Morphology, parent: Morphology | null, name: string | null, nth: number, total: number, o: CoordinateOptions): Morphology {
  let dir: Vec = [0, 0, 0];
  if (parent !== null) {
    const e = (a: 0 | 1 | 2): number => parent.coords_(a, 'end')!.at(-1)! - parent.coords_(a, 'start')![0]!;
    dir = [e(0), e(1), e(2)];
    const nrm = norm(dir);
    dir = nrm !== 0 ? [dir[0] / nrm, dir[1] / nrm, dir[2] / nrm] : [0, 0, 0];
  }
  let section: Morphology;
  if (!o.overwrite && orig.coords_(0, 'mid') !== null) {
    section = orig.copySection();
  } else if (orig instanceof Soma) {
    section = new Soma({ diameter: new Quantity(orig.diameter_[0]!, M), x: new Quantity(dir[0], M), y: new Quantity(dir[1], M), z: new Quantity(dir[2], M), type: orig.type });
  } else if (orig instanceof Section) {
    if (dir[0] * dir[0] + dir[1] * dir[1] + dir[2] * dir[2] === 0) {
      // No parent direction (e.g. children of a soma root): spread children over a circle in x-y.
      // Brian2 divides by zero for a root section without coordinates; treat it as an only child.
      const inc = (2 * Math.PI) / Math.max(total, 1);
      dir = rotate([1, 0, 0], [0, 0, 1], Math.PI / 2 + inc * nth);
    } else if (o.sr === 0) {
      const axis: Vec = dir[2] === 0 ? [0, 0, 1] : [-dir[1], dir[2], 0];
      const inc = Math.PI / (total + 1);
      dir = rotate(dir, axis, -Math.PI / 2 + inc * (nth + 1));
    }
    if (o.sr > 0) dir = perturb(dir, o.sr, o.next);
    const nrm = norm(dir);
    dir = [dir[0] / nrm, dir[1] / nrm, dir[2] / nrm];
    const origin: Vec = parent instanceof Soma ? [0, 1, 2].map((k) => (parent.diameter_[0]! / 2) * dir[k]!) as Vec : [0, 0, 0];
    const n = orig.n;
    const pts: Vec[] = [origin];
    let cur = origin;
    for (const l of orig.length_) {
      const cdir = perturb(dir, o.cr, o.next);
      const cn = norm(cdir);
      cur = [cur[0] + l * (cdir[0] / cn), cur[1] + l * (cdir[1] / cn), cur[2] + l * (cdir[2] / cn)];
      pts.push(cur);
    }
    const col = (k: 0 | 1 | 2): Quantity[] => pts.map((p) => new Quantity(p[k], M));
    if (orig instanceof Cylinder && o.cr === 0) {
      const ends = (k: 0 | 1 | 2): Quantity[] => [new Quantity(pts[0]![k], M), new Quantity(pts[n]![k], M)];
      section = new Cylinder({ diameter: new Quantity(orig.diameter_[0]!, M), n, x: ends(0), y: ends(1), z: ends(2), type: orig.type });
    } else {
      const diameter = Array.from(orig.boundaryDiameters_, (d) => new Quantity(d, M));
      section = new Section({ diameter, n, x: col(0), y: col(1), z: col(2), type: orig.type });
    }
  } else {
    throw new MorphologyError(`Do not know how to generate coordinates for ${describe(orig)}.`);
  }
  if (parent !== null) parent.children.add(name, section);
  let k = 0;
  const count = orig.children.length;
  for (const c of orig.children) addCoordinates(c, section, orig.children.name(c), k++, count, o);
  return section;
}
