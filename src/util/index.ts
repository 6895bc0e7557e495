export { BrianError, InternalError } from './errors.ts';
export { pythonDivmod, pythonFloorDiv, pythonMod } from './python-math.ts';
