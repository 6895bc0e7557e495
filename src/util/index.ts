export { BrianError, InternalError } from './errors.ts';
export { pythonDivmod, pythonFloorDiv, pythonMod } from './python-math.ts';
export { warn, silenceWarnings, setWarningHandler } from './warnings.ts';
export type { WarningHandler } from './warnings.ts';
