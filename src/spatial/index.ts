/** The spatial layer: neuronal morphologies (Soma, Cylinder, Section), SWC import and SpatialNeuron. */
export { Morphology, Soma, Section, Cylinder, Children } from './morphology.ts';
export type { SomaOptions, SectionOptions, CylinderOptions, LengthArrayLike, GenerateCoordinatesOptions } from './morphology.ts';
export { CompartmentGeometry } from './compartment-geometry.ts';
export type { CoordinatePoint } from './compartment-geometry.ts';
export { SubMorphology, compartmentAtDistance, compartmentsBetween, sectionLabel } from './sub-morphology.ts';
export type { CompartmentLocation } from './sub-morphology.ts';
export { morphologyFromPoints, morphologyFromSwc, morphologyFromSwcFile } from './swc.ts';
export type { MorphologyPoint, FromPointsOptions } from './swc.ts';
export { MorphologyError, MissingSectionError, MorphologyCycleError, SwcFormatError, SwcTopologyError, SpatialNeuronError, CompartmentIndexError } from './errors.ts';
export { SpatialNeuron, SpatialStateUpdater } from './spatial-neuron.ts';
export type { SpatialNeuronOptions } from './spatial-neuron.ts';
export { SpatialSubgroup } from './spatial-subgroup.ts';
