/**
 * Synapses building blocks (issue 4, partial): connect() argument analysis and generator syntax,
 * Brian2's `sample()` reference algorithm, and the spike queue. This file is the folder's contract.
 */
export { ConnectError, SpikeQueueError, SynapsesError, type BrianExceptionClass, type ConnectErrorCode } from './errors.ts';
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
