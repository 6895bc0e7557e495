/** Typed errors of the spatial layer (morphologies and SWC import). */
import { BrianError } from '../util/index.ts';

/** Base class: a morphology was built or used incorrectly. */
export class MorphologyError extends BrianError {}

/** A section or compartment that does not exist was requested (`morpho.child('axon')`). */
export class MissingSectionError extends MorphologyError {
  constructor(
    readonly item: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A compartment index, distance or slice outside a section, or a selection of several
 * compartments where one is needed (Brian2's `IndexError` of `morpho[...]`). `owner` names the
 * section (or neuron) that was indexed.
 */
export class CompartmentIndexError extends MorphologyError {
  constructor(
    readonly owner: string,
    message: string,
  ) {
    super(message);
  }
}

/** Attaching a subtree would create a cycle (a section becoming its own ancestor). */
export class MorphologyCycleError extends MorphologyError {}

/** A malformed SWC line (wrong number of fields, non-numeric values, bad radius); names the line. */
export class SwcFormatError extends MorphologyError {
  constructor(
    readonly line: number,
    message: string,
    readonly source = '<string>',
  ) {
    super(`${source}, line ${line}: ${message}`);
  }
}

/** A structurally invalid point set: unknown parent ids, duplicates, cycles, several roots. */
export class SwcTopologyError extends MorphologyError {
  constructor(
    readonly line: number | undefined,
    message: string,
    readonly source = '<points>',
  ) {
    super(line === undefined ? `${source}: ${message}` : `${source}, line ${line}: ${message}`);
  }
}

/** A `SpatialNeuron` model or option is invalid (missing `Im`, flags on `Im`, `Im` not differentiable in `v`). */
export class SpatialNeuronError extends BrianError {
  constructor(
    readonly neuron: string,
    message: string,
  ) {
    super(message);
  }
}
