/**
 * Inputs (Brian2's `brian2/input` and `NetworkOperation`): TimedArray, PoissonGroup,
 * SpikeGeneratorGroup, network operations. Layer 8: imports groups and below. This file is the
 * layer's contract.
 */
export { TimedArray, bindTimedArrays, findK, isTimedArray } from './timed-array.ts';
export type { BoundTimedArray, TimedArrayOptions, TimedArrayRow, TimedArrayValues } from './timed-array.ts';
export { PoissonGroup, PoissonThresholder } from './poisson-group.ts';
export type { PoissonGroupOptions, PoissonRates } from './poisson-group.ts';
export { SpikeGeneratorGroup } from './spike-generator-group.ts';
export type { SetSpikesOptions, SpikeGeneratorGroupOptions, SpikeTimes } from './spike-generator-group.ts';
export { NetworkOperation, networkOperation } from './network-operation.ts';
export type { NetworkOperationFunction, NetworkOperationOptions } from './network-operation.ts';
export { InputError } from './errors.ts';
export type { InputErrorCode } from './errors.ts';
