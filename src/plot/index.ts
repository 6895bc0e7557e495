/** Plotting. Not yet available: `figure()` throws `NotYetAvailableError` (see figure.ts). */
export { figure } from './figure.ts';
export type { Figure, PlotData } from './figure.ts';
export { NotYetAvailableError } from './errors.ts';
