export { BrianError, InternalError } from './errors.ts';
