/**
 * numpy-style helpers for the code around a model: `linspace`, `arange`, `histogram`, and a seeded
 * `RandomState` that draws exactly numpy's legacy numbers.
 */
export { linspace, arange, histogram } from './ranges.ts';
export type { Histogram, HistogramOptions } from './ranges.ts';
export { RandomState } from './random.ts';
export { NumericError } from './errors.ts';
