/** The spatial layer: neuronal morphologies (Soma, Cylinder, Section) and SWC import. */
export { Morphology, Soma, Section, Cylinder, Children } from './morphology.ts';
export type { SomaOptions, SectionOptions, CylinderOptions, LengthArrayLike } from './morphology.ts';
export { morphologyFromPoints, morphologyFromSwc, morphologyFromSwcFile } from './swc.ts';
export type { MorphologyPoint, FromPointsOptions } from './swc.ts';
export { MorphologyError, MissingSectionError, MorphologyCycleError, SwcFormatError, SwcTopologyError, SpatialNeuronError } from './errors.ts';
export { SpatialNeuron, SpatialStateUpdater } from './spatial-neuron.ts';
export type { SpatialNeuronOptions } from './spatial-neuron.ts';
export { SpatialSubgroup, compartmentAtDistance, compartmentsBetween } from './spatial-subgroup.ts';
