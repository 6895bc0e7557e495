/**
 * Per-section and per-distance views of a `SpatialNeuron` (Brian2's `SpatialSubgroup`,
 * `spatialneuron_attribute` and `spatialneuron_segment`): Subgroups over the neuron's storage
 * whose compartments are those of a section (`main`) or of a whole subtree (`child('axon')`).
 */
import { Subgroup } from '../groups/index.ts';
import type { Group } from '../groups/index.ts';
import { CompartmentIndexError, MissingSectionError } from './errors.ts';
import { Morphology } from './morphology.ts';
import { SubMorphology, locateCompartment, locateRange } from './sub-morphology.ts';
import type { CompartmentLocation } from './sub-morphology.ts';

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
  index(host: SpatialHost, at: CompartmentLocation): number {
    return offsetOf(host, host.morphology) + locateCompartment(`'${host.name}'`, host.morphology, at);
  },
  range(host: SpatialHost, from?: CompartmentLocation, to?: CompartmentLocation): Subgroup {
    const [a, b] = locateRange(`'${host.name}'`, host.morphology, from, to);
    const offset = offsetOf(host, host.morphology);
    return new Subgroup(host.source, offset + a, offset + b);
  },
  segment(host: SpatialHost, selection: SubMorphology | Morphology): Subgroup {
    let indices: Int32Array;
    if (selection instanceof SubMorphology || selection instanceof Morphology) indices = selection.indices;
    else throw new CompartmentIndexError(`'${host.name}'`, `A segment of '${host.name}' is given by a SubMorphology or a Morphology section, got ${typeof selection}.`);
    const neuron = host.source;
    const start = indices[0]!;
    const stop = indices[indices.length - 1]! + 1;
    if (start < 0 || stop > neuron.N) {
      throw new CompartmentIndexError(`'${host.name}'`, `The compartments [${start}, ${stop}) are not all compartments of '${neuron.name}' (${neuron.N} compartments).`);
    }
    return new Subgroup(neuron, start, stop);
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

  /**
   * Absolute compartment index of one compartment of this subtree's first section: a distance
   * along it (Brian2's `morpho.axon[30*um]`) or its number within the section (negative from the
   * end). The same rules as `Morphology.index`.
   */
  index(at: CompartmentLocation): number {
    return spatialAccess.index(this, at);
  }

  /**
   * The compartments of this subtree's first section between two distances (Brian2's
   * `neuron.axon[10*um:50*um]`) or two compartment numbers within the section (Python slice rules).
   */
  range(from?: CompartmentLocation, to?: CompartmentLocation): Subgroup {
    return spatialAccess.range(this, from, to);
  }

  /** The compartments of a SubMorphology or section of the neuron's morphology (Brian2's `neuron[morpho.L[10*um:20*um]]`). */
  segment(selection: SubMorphology | Morphology): Subgroup {
    return spatialAccess.segment(this, selection);
  }

  /** @internal `sub.L`: child sections by attribute, then state variables. */
  override readAttribute(key: string): unknown {
    // Reads during construction (before `morphology` is set) are plain state access.
    if ((this.morphology as Morphology | undefined) !== undefined && spatialAccess.isChild(this, key)) return this.child(key);
    return super.readAttribute(key);
  }
}
