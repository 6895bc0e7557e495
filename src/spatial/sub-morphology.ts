/**
 * Compartment selection within one section (Brian2's `morpho[5]`, `morpho[10*um]`,
 * `morpho[10*um:20*um]`, `morpho.indices[...]` and its `SubMorphology` view). One implementation
 * of the distance rules (with Brian2's 1e-12 boundary rounding), used by `Morphology` and by the
 * SpatialNeuron accessors (spatial-subgroup.ts).
 */
import { DimensionMismatchError, Quantity, meter } from '../units/index.ts';
import type { Dimension } from '../units/index.ts';
import { CompartmentIndexError } from './errors.ts';
import type { Morphology } from './morphology.ts';
import { CompartmentGeometry } from './compartment-geometry.ts';
import { showValue } from '../util/index.ts';

const M: Dimension = meter.dim;

/** A compartment of a section: its number within the section (negative counts from the end) or a distance along it. */
export type CompartmentLocation = number | Quantity;

/** A readable name for a section: its path from the root ('axon.L'), or 'the root section'. */
export function sectionLabel(section: Morphology): string {
  const parts: string[] = [];
  for (let m: Morphology = section; m.parent !== null; m = m.parent) {
    const p = m.parent;
    parts.unshift(p.children.name(m) ?? p.children.namesOf(m)[0] ?? '?');
  }
  const kind = section.constructor.name;
  return parts.length === 0 ? `the root section (${kind})` : `section '${parts.join('.')}' (${kind})`;
}

function checkLength(owner: string, what: string, q: unknown): number {
  if (!(q instanceof Quantity)) throw new CompartmentIndexError(owner, `${what} for ${owner} has to be a length (a Quantity in meter), got ${typeof q}.`);
  if (!q.dim.equals(M)) throw new DimensionMismatchError(`${what} for ${owner} should have units of meter`, q.dim, M);
  return q.value as number;
}

/**
 * Index (relative to `section`'s first compartment) of the compartment containing `distance`
 * measured along the section from its start (Brian2's `morpho[5*um]`, with its 1e-12 rounding:
 * a point within 1e-12 × the section length of a boundary belongs to the following compartment).
 * Deviation: the very end of the section gives its last compartment (Brian2 gives the index after it).
 */
export function compartmentAtDistance(owner: string, section: Morphology, distance: Quantity): number {
  const d = checkLength(owner, 'A distance index', distance);
  const length = section.length_;
  const l = new Float64Array(length.length + 1);
  for (let k = 0; k < length.length; k++) l[k + 1] = l[k]! + length[k]!;
  const total = l[length.length]!;
  if (!(d >= 0 && d <= (1 + 1e-12) * total)) {
    throw new CompartmentIndexError(owner, `Invalid distance index ${d} m for ${owner}, has to be in the interval [0, ${total}] m.`);
  }
  let nearest = 0;
  for (let k = 1; k < l.length; k++) if (Math.abs(d - l[k]!) < Math.abs(d - l[nearest]!)) nearest = k;
  if (Math.abs(d - l[nearest]!) < 1e-12 * total) return Math.min(nearest, length.length - 1);
  let k = 0;
  while (k < l.length && l[k]! < d) k++; // searchsorted (left)
  return k - 1;
}

/**
 * `[start, stop)` (relative to `section`) for the compartments between two distances along it
 * (Brian2's `morpho[a:b]` with lengths, same boundary rounding). An empty selection is an error.
 */
export function compartmentsBetween(owner: string, section: Morphology, from?: Quantity, to?: Quantity): [number, number] {
  const length = section.length_;
  const l = new Float64Array(length.length);
  let acc = 0;
  for (let k = 0; k < length.length; k++) l[k] = acc += length[k]!;
  const total = l[l.length - 1]!;
  const locate = (q: Quantity, what: string, endOffset: number): number => {
    const x = checkLength(owner, what, q);
    if (!Number.isFinite(x)) throw new CompartmentIndexError(owner, `${what} for ${owner} has to be finite, got ${x} m.`);
    let nearest = 0;
    for (let k = 1; k < l.length; k++) if (Math.abs(x - l[k]!) < Math.abs(x - l[nearest]!)) nearest = k;
    if (Math.abs(x - l[nearest]!) < 1e-12 * total) return nearest + 1;
    let k = 0;
    while (k < l.length && l[k]! < x) k++;
    return k + endOffset;
  };
  const start = from === undefined ? 0 : locate(from, 'The start of a distance range', 0);
  const stop = Math.min(to === undefined ? l.length : locate(to, 'The end of a distance range', 1), l.length);
  if (start >= stop) throw new CompartmentIndexError(owner, `Illegal start/end values for a subgroup of ${owner}, ${start}>=${stop}.`);
  return [start, stop];
}

/** The compartment number (relative to the section) of `k`, negative counting from the end (Brian2's `morpho[-1]`). */
export function compartmentAtIndex(owner: string, section: Morphology, k: number): number {
  const n = section.n;
  if (typeof k !== 'number' || !Number.isInteger(k)) throw new CompartmentIndexError(owner, `A compartment index for ${owner} has to be an integer, got ${showValue(k)}.`);
  const i = k < 0 ? k + n : k;
  if (i < 0 || i >= n) throw new CompartmentIndexError(owner, `Invalid index ${k} for ${n} compartments (${owner}).`);
  return i;
}

/** `[start, stop)` of Python's `slice(a, b).indices(n)` (negative values count from the end; clamped). Empty is an error. */
export function compartmentsInSlice(owner: string, section: Morphology, from?: number, to?: number): [number, number] {
  const n = section.n;
  const norm = (x: number | undefined, dflt: number, what: string): number => {
    if (x === undefined) return dflt;
    if (typeof x !== 'number' || !Number.isInteger(x)) throw new CompartmentIndexError(owner, `${what} of a compartment slice of ${owner} has to be an integer, got ${showValue(x)}.`);
    const v = x < 0 ? x + n : x;
    return Math.min(Math.max(v, 0), n);
  };
  const start = norm(from, 0, 'The start');
  const stop = norm(to, n, 'The end');
  if (start >= stop) throw new CompartmentIndexError(owner, `Illegal start/end values for a subgroup of ${owner}, ${start}>=${stop}.`);
  return [start, stop];
}

/** Compartment number within `section` for a number or a distance. */
export function locateCompartment(owner: string, section: Morphology, at: CompartmentLocation): number {
  if (at instanceof Quantity) return compartmentAtDistance(owner, section, at);
  if (typeof at === 'number') return compartmentAtIndex(owner, section, at);
  throw new CompartmentIndexError(owner, `A compartment of ${owner} is given by an index (number) or a distance (e.g. um(10)), got ${describe(at)}.`);
}

/** `[start, stop)` within `section` for two numbers or two distances (either may be omitted). */
export function locateRange(owner: string, section: Morphology, from?: CompartmentLocation, to?: CompartmentLocation): [number, number] {
  const lengths = (from === undefined || from instanceof Quantity) && (to === undefined || to instanceof Quantity);
  const ints = (from === undefined || typeof from === 'number') && (to === undefined || typeof to === 'number');
  if (lengths) return compartmentsBetween(owner, section, from as Quantity | undefined, to as Quantity | undefined);
  if (ints) return compartmentsInSlice(owner, section, from as number | undefined, to as number | undefined);
  throw new CompartmentIndexError(owner, `A slice of ${owner} has to use two lengths or two integers, got ${describe(from)} and ${describe(to)}.`);
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'object';
  return `${typeof v} ${showValue(v)}`;
}


/**
 * A view on consecutive compartments `[start, stop)` of one section (Brian2's `SubMorphology`,
 * `morpho.L[10*um:20*um]`). `indices` are absolute compartment indices in the flattened tree of
 * the section's root (what `neuron.I[...]`, `connect({ j })`, a monitor's `record` take);
 * per-compartment geometry as on `Morphology` (`area`, `distance`, … and raw `area_`, …).
 */
export class SubMorphology extends CompartmentGeometry {
  constructor(
    /** The section this view belongs to. */
    readonly section: Morphology,
    /** First compartment, relative to the section. */
    readonly start: number,
    /** One past the last compartment, relative to the section. */
    readonly stop: number,
  ) {
    super();
    if (!(Number.isInteger(start) && Number.isInteger(stop) && 0 <= start && start < stop && stop <= section.n)) {
      throw new CompartmentIndexError(sectionLabel(section), `Invalid compartments [${start}, ${stop}) for ${sectionLabel(section)} with ${section.n} compartments.`);
    }
  }

  /** The number of compartments in this view. */
  get n(): number {
    return this.stop - this.start;
  }

  /** The number of sections (always 1). */
  get nSections(): number {
    return 1;
  }

  /** Absolute compartment indices (root tree, depth-first order) of this view. */
  get indices(): Int32Array {
    const first = this.section.startIndex + this.start;
    return Int32Array.from({ length: this.n }, (_, k) => first + k);
  }

  /** The absolute index of the only compartment of this view; an error if it has several. */
  index(): number {
    if (this.n !== 1) {
      throw new CompartmentIndexError(sectionLabel(this.section), `${this.toString()} has ${this.n} compartments where a single compartment is needed.`);
    }
    return this.section.startIndex + this.start;
  }

  override toString(): string {
    return `SubMorphology(${sectionLabel(this.section)}, compartments ${this.start}..${this.stop - 1})`;
  }

  private cut(a: Float64Array): Float64Array {
    return a.slice(this.start, this.stop);
  }

  get area_(): Float64Array {
    return this.cut(this.section.area_);
  }
  get volume_(): Float64Array {
    return this.cut(this.section.volume_);
  }
  get length_(): Float64Array {
    return this.cut(this.section.length_);
  }
  get diameter_(): Float64Array {
    return this.cut(this.section.diameter_);
  }
  get distance_(): Float64Array {
    return this.cut(this.section.distance_);
  }
  get rLength1_(): Float64Array {
    return this.cut(this.section.rLength1_);
  }
  get rLength2_(): Float64Array {
    return this.cut(this.section.rLength2_);
  }
  /** Coordinates (m) of the view's compartment starts, midpoints or ends; null without coordinates. */
  coords_(axis: 0 | 1 | 2, where: 'start' | 'mid' | 'end'): Float64Array | null {
    const c = this.section.coords_(axis, where);
    return c === null ? null : this.cut(c);
  }
}

