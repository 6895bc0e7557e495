/**
 * Brian helpers (brian2tools' `brian_plot` family): a monitor in, a labelled figure out, with the
 * units in the axis labels.
 */
import { QuantityArray, findBestUnit, getUnitForDisplay, ms, DEFAULT_PRINT_OPTIONS, DIMENSIONLESS } from '../units/index.ts';
import type { Dimension, Quantity, Unit } from '../units/index.ts';
import type { Axes } from './axes.ts';
import { PlotError } from './errors.ts';
import { figure } from './figure.ts';
import type { Figure } from './figure.ts';
import type { SmoothingWindow } from '../monitors/index.ts';

/** What `plotRaster` reads from a SpikeMonitor or EventMonitor. */
export interface RasterSource {
  readonly name: string;
  /** Event times in seconds. */
  readonly t_: Float64Array;
  /** Event indices. */
  readonly i: ArrayLike<number>;
}

/** What `plotState` reads from a StateMonitor. */
export interface StateSource {
  readonly name: string;
  /** Recording times in seconds. */
  readonly t_: Float64Array;
  get(variable: string): { readonly length: number; readonly dim: Dimension; readonly values: Float64Array[] };
}

/** What `plotRate` reads from a PopulationRateMonitor. */
export interface RateSource {
  readonly name: string;
  readonly t_: Float64Array;
  readonly rate: QuantityArray;
  smoothRate(window: SmoothingWindow, width: Quantity): QuantityArray;
}

/** What `plotSynapses` reads from a Synapses: the pre- and postsynaptic index of every synapse. */
export interface SynapsesSource {
  readonly name: string;
  /** `state('i')` and `state('j')`: presynaptic and postsynaptic indices, in synapse order. */
  state(variable: string): { readonly values: ArrayLike<number> };
}

/** Options shared by the helpers. */
export interface HelperOptions {
  /** Draw into this panel (e.g. `fig.subplot(1, 0)`) instead of a new figure. */
  axes?: Axes;
  /** Unit of the time axis (default `ms`). */
  timeUnit?: Unit;
  /** Colour of the markers or lines. */
  color?: string;
}

/** Options of `plotRaster`. */
export interface RasterOptions extends HelperOptions {
  /** Side of each spike's square in pixels (default 2). */
  markerSize?: number;
}

/** Options of `plotSynapses`. */
export interface SynapsesPlotOptions {
  /** Draw into this panel (e.g. `fig.subplot(1, 0)`) instead of a new figure. */
  axes?: Axes;
  /** Colour of the markers. */
  color?: string;
  /** Side of each synapse's square in pixels (default 3). */
  markerSize?: number;
}

/** Options of `plotState`. */
export interface StateOptions extends HelperOptions {
  /** Which recorded traces to draw, by position among the recorded indices (default: all). */
  indices?: readonly number[];
  /** Unit of the y axis (default: the best unit for the values, as Brian2 displays them). */
  unit?: Unit;
}

/** Options of `plotRate`. */
export interface RateOptions extends HelperOptions {
  /** Smooth with a window of this width (Brian2's `smooth_rate(width=...)`). */
  smooth?: Quantity;
  /** The smoothing window (default `'gaussian'`, as Brian2's `smooth_rate`). */
  window?: SmoothingWindow;
}

function target(options: HelperOptions): Axes {
  return options.axes ?? figure().subplot(0, 0);
}

function timeAxis(t: Float64Array, options: HelperOptions, call: string): { t: Float64Array; label: string } {
  const unit = options.timeUnit ?? ms;
  if (unit.dim !== ms.dim) throw new PlotError(call, `timeUnit must be a unit of time, got ${unit.dispname}`);
  const scale = unit.scale ?? unit.value;
  return { t: t.map((v) => v / scale), label: `time (${unit.dispname})` };
}

/**
 * A raster plot of a SpikeMonitor (time against neuron index), drawn as one path of small
 * squares so that 10^6 spikes stay fast. Returns the figure.
 * @example await plotRaster(M).save('raster.png');
 */
export function plotRaster(monitor: RasterSource, options: RasterOptions = {}): Figure {
  const ax = target(options);
  const { t, label } = timeAxis(monitor.t_, options, 'plotRaster');
  const i = Float64Array.from(monitor.i);
  const size = options.markerSize ?? 2;
  if (!(size > 0 && Number.isFinite(size))) throw new PlotError('plotRaster', `markerSize must be a positive number of pixels, got ${String(size)}`);
  ax.addMarkers(t, i, 's', size, options.color ?? 'black');
  ax.xlabel(label).ylabel('neuron index');
  return ax.figure;
}

/**
 * The recorded traces of one variable of a StateMonitor against time, with the unit in the label
 * (`v (mV)`). Returns the figure.
 * @example await plotState(M, 'v').save('v.png');
 */
export function plotState(monitor: StateSource, variable: string, options: StateOptions = {}): Figure {
  const traces = monitor.get(variable);
  const all = traces.values;
  const chosen = options.indices ?? all.map((_, k) => k);
  for (const k of chosen) {
    if (!Number.isInteger(k) || k < 0 || k >= all.length) {
      throw new PlotError('plotState', `index ${k} is out of range for the ${all.length} traces recorded by '${monitor.name}'`);
    }
  }
  const dim = traces.dim;
  let scale = 1;
  let unitName = '';
  if (options.unit !== undefined) {
    if (options.unit.dim !== dim) throw new PlotError('plotState', `unit ${options.unit.dispname} does not match the units of '${variable}' (${getUnitForDisplay(dim)})`);
    scale = options.unit.scale ?? options.unit.value;
    unitName = options.unit.dispname;
  } else if (dim !== DIMENSIONLESS) {
    const sampled = chosen.flatMap((k) => Array.from(all[k]!.subarray(0, 200)));
    const best = findBestUnit(sampled, dim, { ...DEFAULT_PRINT_OPTIONS, threshold: Infinity });
    scale = best?.scale ?? 1;
    unitName = best?.dispname ?? getUnitForDisplay(dim);
  }
  const ax = target(options);
  const { t, label } = timeAxis(monitor.t_, options, 'plotState');
  for (const k of chosen) {
    ax.plot(t, all[k]!.map((v) => v / scale), options.color === undefined ? {} : { color: options.color });
  }
  ax.xlabel(label).ylabel(unitName === '' ? variable : `${variable} (${unitName})`);
  return ax.figure;
}

/**
 * The population rate of a PopulationRateMonitor in Hz against time, optionally smoothed
 * (`{ smooth: ms(2) }`, Brian2's `smooth_rate`). Returns the figure.
 * @example await plotRate(R, { smooth: ms(5) }).save('rate.png');
 */
export function plotRate(monitor: RateSource, options: RateOptions = {}): Figure {
  const rate = options.smooth === undefined ? monitor.rate : monitor.smoothRate(options.window ?? 'gaussian', options.smooth);
  if (!(rate instanceof QuantityArray)) throw new PlotError('plotRate', `'${monitor.name}' did not give a rate array`);
  const ax = target(options);
  const { t, label } = timeAxis(monitor.t_, options, 'plotRate');
  ax.plot(t, Float64Array.from(rate.values), options.color === undefined ? {} : { color: options.color });
  ax.xlabel(label).ylabel('rate (Hz)');
  return ax.figure;
}

/**
 * The connectivity of a Synapses (Brian2's `brian_plot(S)` / `plot_synapses`): one small square
 * per synapse at (source index, target index), drawn as a single path. Brian2 switches to a 2-D
 * histogram for many synapses; this stays a scatter. Returns the figure.
 * @example await plotSynapses(S).save('connectivity.png');
 */
export function plotSynapses(synapses: SynapsesSource, options: SynapsesPlotOptions = {}): Figure {
  const i = Float64Array.from(synapses.state('i').values);
  const j = Float64Array.from(synapses.state('j').values);
  if (i.length !== j.length) throw new PlotError('plotSynapses', `'${synapses.name}' gave ${i.length} source but ${j.length} target indices`);
  const size = options.markerSize ?? 3;
  if (!(size > 0 && Number.isFinite(size))) throw new PlotError('plotSynapses', `markerSize must be a positive number of pixels, got ${String(size)}`);
  const ax = options.axes ?? figure().subplot(0, 0);
  ax.addMarkers(i, j, 's', size, options.color ?? 'black');
  ax.xlabel('source neuron index').ylabel('target neuron index');
  return ax.figure;
}
