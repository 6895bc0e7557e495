/**
 * Plotting: matplotlib-style figures (`figure`, subplots, format strings, log axes, legends)
 * saved as SVG or PNG, and Brian helpers (`plotRaster`, `plotState`, `plotRate`, `plotSynapses`, `plotMorphology`). The core is
 * browser-compatible; file output and PNG rendering use a Node adapter loaded on demand.
 */
export { figure, FONT_FAMILY } from './figure.ts';
export type { Figure, FigureOptions, SaveOptions } from './figure.ts';
export { Axes } from './axes.ts';
export type { AxesMethods, PlotData, Limit, ScaleType, LegendLocation, LineOptions, ScatterOptions, LegendOptions } from './axes.ts';
export { parseFormat, BASE_COLORS, COLOR_CYCLE } from './format.ts';
export type { MarkerSymbol, LineStyle, ParsedFormat } from './format.ts';
export { plotRaster, plotState, plotRate, plotSynapses, plotMorphology } from './brian.ts';
export type { RasterSource, StateSource, RateSource, SynapsesSource, HelperOptions, RasterOptions, StateOptions, RateOptions, SynapsesPlotOptions, MorphologyPlotOptions, Colormap } from './brian.ts';
export { PlotError } from './errors.ts';
