/**
 * Synapses: the `Synapses` class (pathways, delays, connect(), event-driven and summed variables,
 * state access), connect() argument analysis and generator syntax, Brian2's `sample()`, and the
 * spike queue. This file is the folder's contract.
 */
export {
  ConnectError,
  SpikeQueueError,
  SynapsesDefinitionError,
  SynapsesError,
  type BrianExceptionClass,
  type ConnectErrorCode,
  type SynapsesErrorCode,
} from './errors.ts';
export {
  Synapses,
  SynapticPathway,
  SynapticVariableView,
  SummedVariableUpdater,
  SynapsesStateUpdater,
  type ConnectOptions,
  type NeuronSelection,
  type SynapsesOptions,
} from './synapses.ts';
export { createPairs, type CreatedPairs, type CreationContext } from './creation.ts';
export {
  generatorErrorPrefix,
  iteratorArguments,
  parseSynapseGenerator,
  type FixedSampleIterator,
  type GeneratorIterator,
  type RandomSampleIterator,
  type RangeIterator,
  type SynapseGenerator,
} from './generator.ts';
export {
  connectSpec,
  type ArrayConnection,
  type ConnectArguments,
  type ConnectContext,
  type ConnectGroup,
  type ConnectSpec,
  type GeneratorConnection,
  type IndexArgument,
  type NoConnection,
  type VariableIndex,
} from './connect.ts';
export { DENSE_SAMPLE_MAX_N, DENSE_SAMPLE_MIN_P, rangeLength, sampleIndices, sampleMethod, type SampleOptions, type UniformSource } from './sample.ts';
export { SpikeQueue, delayToSteps, type SpikeQueueState } from './spike-queue.ts';
