/**
 * The accepted keys of every plotting options object, checked by the compiler against the
 * interfaces (so a new option cannot be forgotten here), and the one call that checks them.
 */
import { checkOptions, optionNames } from '../util/index.ts';
import type {
  AnnotateOptions,
  AxhlineOptions,
  AxvlineOptions,
  ColorbarOptions,
  ErrorbarOptions,
  FillOptions,
  HistOptions,
  ImageOptions,
  LegendOptions,
  LineOptions,
  RefLineOptions,
  ScatterOptions,
  TextOptions,
  TicklabelFormatOptions,
} from './axes.ts';
import type { MorphologyPlotOptions, RasterOptions, RateOptions, StateOptions, SynapsesPlotOptions } from './brian.ts';
import { PlotError } from './errors.ts';
import type { FigureOptions, SaveOptions, SubplotOptions } from './figure.ts';

const HELPER = { axes: true, timeUnit: true, color: true } as const;
const REF_LINE = { color: true, lineWidth: true, lineStyle: true, alpha: true, label: true } as const;
const FILL = { color: true, alpha: true, label: true } as const;
const TEXT = { fontSize: true, color: true, ha: true, va: true, rotation: true, coords: true } as const;
const IMAGE = { cmap: true, vmin: true, vmax: true, origin: true, extent: true } as const;

export const PLOT_OPTIONS = {
  plot: optionNames<LineOptions>({ label: true, color: true, lineWidth: true, lineStyle: true, marker: true, markerSize: true, alpha: true }),
  scatter: optionNames<ScatterOptions>({ label: true, color: true, marker: true, size: true, alpha: true, c: true, cmap: true, vmin: true, vmax: true }),
  legend: optionNames<LegendOptions>({ loc: true }),
  figure: optionNames<FigureOptions>({ width: true, height: true, rows: true, cols: true, heightRatios: true, widthRatios: true, sharex: true, sharey: true }),
  subplot: optionNames<SubplotOptions>({ rowSpan: true, colSpan: true, projection: true }),
  axhline: optionNames<AxhlineOptions>({ ...REF_LINE, xmin: true, xmax: true }),
  axvline: optionNames<AxvlineOptions>({ ...REF_LINE, ymin: true, ymax: true }),
  hlines: optionNames<RefLineOptions>(REF_LINE),
  vlines: optionNames<RefLineOptions>(REF_LINE),
  fillBetween: optionNames<FillOptions>(FILL),
  hist: optionNames<HistOptions>({ ...FILL, bins: true, range: true, density: true, histtype: true, rwidth: true }),
  errorbar: optionNames<ErrorbarOptions>({ label: true, color: true, lineWidth: true, lineStyle: true, marker: true, markerSize: true, alpha: true, yerr: true, xerr: true, fmt: true, capsize: true }),
  text: optionNames<TextOptions>(TEXT),
  annotate: optionNames<AnnotateOptions>({ ...TEXT, xy: true, xytext: true, arrow: true }),
  imshow: optionNames<ImageOptions>(IMAGE),
  pcolormesh: optionNames<ImageOptions>(IMAGE),
  colorbar: optionNames<ColorbarOptions>({ label: true }),
  ticklabelFormat: optionNames<TicklabelFormatOptions>({ axis: true, useOffset: true }),
  save: optionNames<SaveOptions>({ scale: true }),
  plotRaster: optionNames<RasterOptions>({ ...HELPER, markerSize: true }),
  plotState: optionNames<StateOptions>({ ...HELPER, indices: true, unit: true }),
  plotRate: optionNames<RateOptions>({ ...HELPER, smooth: true, window: true }),
  plotSynapses: optionNames<SynapsesPlotOptions>({ axes: true, color: true, markerSize: true }),
  plotMorphology: optionNames<MorphologyPlotOptions>({ values: true, colormap: true, axes: true, plane: true, color: true, lineWidth: true }),
};

/** Checks the options object of the plotting call `call` (`plot`, `plotRaster`, …; `save`/`toPNG` share `save`'s keys). */
export function checkPlotOptions<T extends object>(options: T | undefined, call: keyof typeof PLOT_OPTIONS | 'toPNG'): T {
  return checkOptions(options, PLOT_OPTIONS[call === 'toPNG' ? 'save' : call], { what: `${call}()`, error: (message) => new PlotError(call, message) });
}
