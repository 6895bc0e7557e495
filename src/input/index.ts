/**
 * Inputs (Brian2's `brian2/input` and `NetworkOperation`): TimedArray, PoissonGroup,
 * SpikeGeneratorGroup, PoissonInput, BinomialFunction, network operations. Layer 8: imports
 * groups and below. This file is the layer's contract.
 */
export { TimedArray, bindTimedArrays, findK, isTimedArray } from './timed-array.ts';
export type { BoundTimedArray, TimedArrayOptions, TimedArrayRow, TimedArrayValues } from './timed-array.ts';
export { PoissonGroup, PoissonThresholder } from './poisson-group.ts';
export type { PoissonGroupOptions, PoissonRates } from './poisson-group.ts';
export { SpikeGeneratorGroup } from './spike-generator-group.ts';
export type { SetSpikesOptions, SpikeGeneratorGroupOptions, SpikeTimes } from './spike-generator-group.ts';
export { NetworkOperation, networkOperation } from './network-operation.ts';
export type { NetworkOperationFunction, NetworkOperationOptions } from './network-operation.ts';
export { BinomialFunction } from './binomial-function.ts';
export type { BinomialFunctionOptions } from './binomial-function.ts';
export { PoissonInput } from './poisson-input.ts';
export type { PoissonInputOptions } from './poisson-input.ts';
export { InputError } from './errors.ts';
export type { InputErrorCode } from './errors.ts';
