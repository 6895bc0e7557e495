/**
 * Plotting: matplotlib-style figures (`figure`, subplots with spans, ratios and shared axes, format
 * strings, log axes, legends, reference lines, fills, histograms, error bars, images with colour
 * maps and colour bars, twin axes, texts and annotations)
 * saved as SVG or PNG, and Brian helpers (`plotRaster`, `plotState`, `plotRate`, `plotSynapses`, `plotMorphology`). The core is
 * browser-compatible; file output and PNG rendering use a Node adapter loaded on demand.
 */
export { figure, FONT_FAMILY } from './figure.ts';
export type { Figure, FigureOptions, SaveOptions, SubplotOptions, ShareAxes } from './figure.ts';
export { Axes } from './axes.ts';
export type {
  AxesMethods,
  PlotData,
  Limit,
  ScaleType,
  LegendLocation,
  LineOptions,
  ScatterOptions,
  LegendOptions,
  RefLineOptions,
  AxhlineOptions,
  AxvlineOptions,
  FillOptions,
  HistOptions,
  ErrorbarOptions,
  TextOptions,
  AnnotateOptions,
  MatrixData,
  ImageOptions,
  ColorbarOptions,
  TicklabelFormatOptions,
} from './axes.ts';
export { COLORMAP_NAMES } from './colormap.ts';
export type { Colormap } from './colormap.ts';
export { parseFormat, BASE_COLORS, COLOR_CYCLE } from './format.ts';
export type { MarkerSymbol, LineStyle, ParsedFormat } from './format.ts';
export { plotRaster, plotState, plotRate, plotSynapses, plotMorphology } from './brian.ts';
export type { RasterSource, StateSource, RateSource, SynapsesSource, HelperOptions, RasterOptions, StateOptions, RateOptions, SynapsesPlotOptions, MorphologyPlotOptions } from './brian.ts';
export { PlotError } from './errors.ts';
