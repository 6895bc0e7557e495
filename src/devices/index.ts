/**
 * The runtime device: storage helpers for growable typed arrays, the compile cache, and the
 * random state shared by all code objects (what `seed(n)` and `store`/`restore` act on).
 */
export { DynamicArray } from './dynamic-array.ts';
export { RuntimeDevice, runtimeDevice, type DeviceSnapshot } from './runtime.ts';
export { RandomState, defaultRandomState, seed, withFastMath, setConstantsAsValues, type RandomStateSnapshot } from '../codegen/index.ts';
export { ensureCapacity, resizeDynamic, usedValues } from '../variables/index.ts';
export { ParallelSession, ThreadError, shutdownThreads, availableCores, threadStartMilliseconds, autoStartsWorkers, workerStartMs, WORKER_START_MS, lastThreadRun, lastThreadProfile, lastThreadStepProfile, startThreads, runSolo, setMainThreadWarmup, setThreadScript, noteSingleThreadRun, AUTO_MIN_WORK, COUPLED_SERIAL_EVENTS, PARTITION_NS_PER_SYNAPSE, MEASURE_FIRST, MEASURE_WINDOW, MEASURE_PERIOD, MEASURE_FAR, type ThreadRunInfo, type ThreadProfileRow, type ThreadStepProfile, type ThreadsSetting, type ThreadWork, type ThreadScheduled } from './threads.ts';
export { isThreadWorker, THREAD_WORKER_NAME, copySynapses, csrViews } from './thread-worker.ts';
