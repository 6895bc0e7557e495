export { BrianError, InternalError } from './errors.ts';
export { pythonDivmod, pythonFloorDiv, pythonMod } from './python-math.ts';
export { warn, silenceWarnings, setWarningHandler } from './warnings.ts';
export type { WarningHandler } from './warnings.ts';
export { editDistance, suggestNames } from './suggest.ts';
export { checkOptions, describeValue, optionNames, OptionsError, showValue } from './options.ts';
export type { CheckOptionsContext, OptionsProblem } from './options.ts';
export { allocateChecked, formatBytes, memoryProblem, physicalMemory, setPhysicalMemoryForTesting } from './memory.ts';
export { sharedMemoryAvailable, sharedBuffer, isShared } from './shared.ts';
