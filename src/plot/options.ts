/**
 * The accepted keys of every plotting options object, checked by the compiler against the
 * interfaces (so a new option cannot be forgotten here), and the one call that checks them.
 */
import { checkOptions, optionNames } from '../util/index.ts';
import type { LegendOptions, LineOptions, ScatterOptions } from './axes.ts';
import type { MorphologyPlotOptions, RasterOptions, RateOptions, StateOptions, SynapsesPlotOptions } from './brian.ts';
import { PlotError } from './errors.ts';
import type { FigureOptions, SaveOptions } from './figure.ts';

const HELPER = { axes: true, timeUnit: true, color: true } as const;

export const PLOT_OPTIONS = {
  plot: optionNames<LineOptions>({ label: true, color: true, lineWidth: true, lineStyle: true, marker: true, markerSize: true, alpha: true }),
  scatter: optionNames<ScatterOptions>({ label: true, color: true, marker: true, size: true, alpha: true }),
  legend: optionNames<LegendOptions>({ loc: true }),
  figure: optionNames<FigureOptions>({ width: true, height: true, rows: true, cols: true }),
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
