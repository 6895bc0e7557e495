/**
 * Per-section and per-distance views of a `SpatialNeuron` (Brian2's `SpatialSubgroup`,
 * `spatialneuron_attribute` and `spatialneuron_segment`): Subgroups over the neuron's storage
 * whose compartments are those of a section (`main`) or of a whole subtree (`child('axon')`).
 */
import { Subgroup } from '../groups/index.ts';
import type { Group } from '../groups/index.ts';
import { DimensionMismatchError, Quantity, meter } from '../units/index.ts';
import { MissingSectionError, SpatialNeuronError } from './errors.ts';
import type { Morphology } from './morphology.ts';

/** A SpatialNeuron or SpatialSubgroup: a group with the morphology its accessors are relative to. */
export interface SpatialHost extends Group {
  readonly morphology: Morphology;
}

/** Brian2's path check for attribute access: named children, or a path made of L/R/1-9. */
const PATH = /^[LR1-9]+$/;

/** Absolute (storage) index of `section`'s first compartment for a host whose morphology starts at `host.morphology`. */
function offsetOf(host: SpatialHost, section: Morphology): number {
  const root = host instanceof SpatialSubgroup ? host.neuronMorphology : host.morphology;
  return host.source.start + section.startIndex - root.startIndex;
}

function checkLength(owner: string, what: string, q: unknown): number {
  if (!(q instanceof Quantity)) throw new SpatialNeuronError(owner, `${what} for '${owner}' has to be a length (a Quantity in meter), got ${typeof q}.`);
  if (!q.dim.equals(meter.dim)) throw new DimensionMismatchError(`${what} for '${owner}' should have units of meter`, q.dim, meter.dim);
  return q.value as number;
}

/**
 * Index (relative to `section`'s first compartment) of the compartment containing `distance`
 * measured along the section from its start (Brian2's `morpho[5*um]`, with its 1e-12 rounding).
 */
export function compartmentAtDistance(owner: string, section: Morphology, distance: Quantity): number {
  const d = checkLength(owner, 'A distance index', distance);
  const length = section.length_;
  const l = new Float64Array(length.length + 1);
  for (let k = 0; k < length.length; k++) l[k + 1] = l[k]! + length[k]!;
  const total = l[length.length]!;
  if (!(d >= 0 && d <= (1 + 1e-12) * total)) {
    throw new SpatialNeuronError(owner, `Invalid distance index ${d} m for '${owner}', has to be in the interval [0, ${total}] m.`);
  }
  let nearest = 0;
  for (let k = 1; k < l.length; k++) if (Math.abs(d - l[k]!) < Math.abs(d - l[nearest]!)) nearest = k;
  if (Math.abs(d - l[nearest]!) < 1e-12 * total) return Math.min(nearest, length.length - 1);
  let k = 0;
  while (k < l.length && l[k]! < d) k++; // searchsorted (left)
  return k - 1;
}

/** `[start, stop)` (relative to `section`) for the compartments between two distances along it (Brian2's `morpho[a:b]` with lengths). */
export function compartmentsBetween(owner: string, section: Morphology, from?: Quantity, to?: Quantity): [number, number] {
  const length = section.length_;
  const l = new Float64Array(length.length);
  let acc = 0;
  for (let k = 0; k < length.length; k++) l[k] = acc += length[k]!;
  const total = l[l.length - 1]!;
  const locate = (q: Quantity, what: string, endOffset: number): number => {
    const x = checkLength(owner, what, q);
    let nearest = 0;
    for (let k = 1; k < l.length; k++) if (Math.abs(x - l[k]!) < Math.abs(x - l[nearest]!)) nearest = k;
    if (Math.abs(x - l[nearest]!) < 1e-12 * total) return nearest + 1;
    let k = 0;
    while (k < l.length && l[k]! < x) k++;
    return k + endOffset;
  };
  const start = from === undefined ? 0 : locate(from, 'The start of a distance range', 0);
  const stop = Math.min(to === undefined ? l.length : locate(to, 'The end of a distance range', 1), l.length);
  if (start >= stop) throw new SpatialNeuronError(owner, `Illegal start/end values for a subgroup of '${owner}', ${start}>=${stop}.`);
  return [start, stop];
}

/** Shared implementation of the section/distance accessors of SpatialNeuron and SpatialSubgroup. */
export const spatialAccess = {
  main(host: SpatialHost): SpatialSubgroup {
    const m = host.morphology;
    const start = offsetOf(host, m);
    return new SpatialSubgroup(host.source, start, start + m.n, m, host instanceof SpatialSubgroup ? host.neuronMorphology : host.morphology);
  },
  child(host: SpatialHost, path: string): SpatialSubgroup {
    let m: Morphology;
    try {
      m = host.morphology.child(path);
    } catch (error) {
      if (error instanceof MissingSectionError) throw new MissingSectionError(path, `'${host.name}' has no section '${path}': ${error.message}`);
      throw error;
    }
    const start = offsetOf(host, m);
    return new SpatialSubgroup(host.source, start, start + m.totalCompartments, m, host instanceof SpatialSubgroup ? host.neuronMorphology : host.morphology);
  },
  isChild(host: SpatialHost, key: string): boolean {
    return key !== 'morphology' && (host.morphology.children.has(key) || (PATH.test(key) && safeHas(host.morphology, key)));
  },
  index(host: SpatialHost, distance: Quantity): number {
    return offsetOf(host, host.morphology) + compartmentAtDistance(host.name, host.morphology, distance);
  },
  range(host: SpatialHost, from?: Quantity, to?: Quantity): Subgroup {
    const [a, b] = compartmentsBetween(host.name, host.morphology, from, to);
    const offset = offsetOf(host, host.morphology);
    return new Subgroup(host.source, offset + a, offset + b);
  },
};

function safeHas(m: Morphology, path: string): boolean {
  try {
    m.child(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The compartments of one subtree of a SpatialNeuron (Brian2's `SpatialSubgroup`, `neuron.axon`):
 * a Subgroup with the subtree's morphology, and the same section/distance accessors as the neuron.
 */
export class SpatialSubgroup extends Subgroup {
  /** The morphology of this subtree (its `main` section and children). */
  readonly morphology: Morphology;
  /** @internal The morphology of the whole neuron (compartment 0 of the storage). */
  readonly neuronMorphology: Morphology;

  constructor(source: Group, start: number, stop: number, morphology: Morphology, neuronMorphology: Morphology, name?: string) {
    super(source, start - source.start, stop - source.start, name);
    this.morphology = morphology;
    this.neuronMorphology = neuronMorphology;
  }

  /** The compartments of this subtree's first section only (Brian2's `neuron.axon.main`). */
  get main(): SpatialSubgroup {
    return spatialAccess.main(this);
  }

  /** The subtree at `path` below this one (`neuron.axon.child('L')`, Brian2's `neuron.axon.L`). */
  child(path: string): SpatialSubgroup {
    return spatialAccess.child(this, path);
  }

  /** Absolute compartment index at `distance` along this subtree's first section (Brian2's `morpho.axon[30*um]`). */
  index(distance: Quantity): number {
    return spatialAccess.index(this, distance);
  }

  /** The compartments of this subtree's first section between two distances (Brian2's `neuron.axon[10*um:50*um]`). */
  range(from?: Quantity, to?: Quantity): Subgroup {
    return spatialAccess.range(this, from, to);
  }

  /** @internal `sub.L`: child sections by attribute, then state variables. */
  override readAttribute(key: string): unknown {
    // Reads during construction (before `morphology` is set) are plain state access.
    if ((this.morphology as Morphology | undefined) !== undefined && spatialAccess.isChild(this, key)) return this.child(key);
    return super.readAttribute(key);
  }
}
