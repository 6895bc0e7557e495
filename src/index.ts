// brian-ts public API. Every public name is listed explicitly, grouped by area.
export { BrianError, InternalError } from './util/index.ts';
