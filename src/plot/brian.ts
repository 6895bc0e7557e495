/**
 * Brian helpers (brian2tools' `brian_plot` family): a monitor in, a labelled figure out, with the
 * units in the axis labels.
 */
import { QuantityArray, findBestUnit, getUnitForDisplay, ms, DEFAULT_PRINT_OPTIONS, DIMENSIONLESS } from '../units/index.ts';
import type { Dimension, Quantity, Unit } from '../units/index.ts';
import type { Axes } from './axes.ts';
import { colormapFunction } from './colormap.ts';
import type { Colormap } from './colormap.ts';
import { PlotError } from './errors.ts';
import { checkPlotOptions } from './options.ts';
import { figure } from './figure.ts';
import type { Figure } from './figure.ts';
import type { SmoothingWindow } from '../monitors/index.ts';
import { Soma } from '../spatial/index.ts';
import type { Morphology } from '../spatial/index.ts';
import { showValue } from '../util/index.ts';

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
export function plotRaster(monitor: RasterSource, options?: RasterOptions): Figure {
  options = checkPlotOptions(options, 'plotRaster');
  const ax = target(options);
  const { t, label } = timeAxis(monitor.t_, options, 'plotRaster');
  const i = Float64Array.from(monitor.i);
  const size = options.markerSize ?? 2;
  if (!(size > 0 && Number.isFinite(size))) throw new PlotError('plotRaster', `markerSize must be a positive number of pixels, got ${showValue(size)}`);
  ax.addMarkers(t, i, 's', size, options.color ?? 'black');
  ax.xlabel(label).ylabel('neuron index');
  return ax.figure;
}

/**
 * The recorded traces of one variable of a StateMonitor against time, with the unit in the label
 * (`v (mV)`). Returns the figure.
 * @example await plotState(M, 'v').save('v.png');
 */
export function plotState(monitor: StateSource, variable: string, options?: StateOptions): Figure {
  options = checkPlotOptions(options, 'plotState');
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
export function plotRate(monitor: RateSource, options?: RateOptions): Figure {
  options = checkPlotOptions(options, 'plotRate');
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
export function plotSynapses(synapses: SynapsesSource, options?: SynapsesPlotOptions): Figure {
  options = checkPlotOptions(options, 'plotSynapses');
  const i = Float64Array.from(synapses.state('i').values);
  const j = Float64Array.from(synapses.state('j').values);
  if (i.length !== j.length) throw new PlotError('plotSynapses', `'${synapses.name}' gave ${i.length} source but ${j.length} target indices`);
  const size = options.markerSize ?? 3;
  if (!(size > 0 && Number.isFinite(size))) throw new PlotError('plotSynapses', `markerSize must be a positive number of pixels, got ${showValue(size)}`);
  const ax = options.axes ?? figure().subplot(0, 0);
  ax.addMarkers(i, j, 's', size, options.color ?? 'black');
  ax.xlabel('source neuron index').ylabel('target neuron index');
  return ax.figure;
}

/** Options of `plotMorphology`. */
export interface MorphologyPlotOptions {
  /** One value per compartment (flattened order, e.g. `neuron.v`) to colour the compartments by. */
  values?: ArrayLike<number> | { readonly values: ArrayLike<number> };
  /** Colour map for `values` (default `'viridis'`), scaled from the minimum to the maximum value. */
  colormap?: Colormap;
  /** Draw into this panel instead of a new figure. */
  axes?: Axes;
  /** The projection plane (default `'xy'`). */
  plane?: 'xy' | 'xz' | 'yz';
  /** Colour without `values` (default `'black'`). */
  color?: string;
  /** A fixed line width in points instead of one from the diameter (1 µm → 1 pt, within 0.5–10 pt). */
  lineWidth?: number;
}

/** Number of colour levels: compartments of one level and width share one path. */
const COLOR_LEVELS = 64;

const PLANES = { xy: [0, 1], xz: [0, 2], yz: [1, 2] } as const;

/**
 * A 2-D projection of a morphology (brian2tools' `plot_morphology`): every compartment a line from
 * its start to its end point, as wide as its diameter (1 µm → 1 pt), the soma a filled circle,
 * coloured by one value per compartment when `values` is given (e.g. `neuron.v`). Compartments of
 * the same colour level and width share one path. Coordinates are generated (Brian2's layout)
 * when the morphology has none. Returns the figure.
 * @example await plotMorphology(neuron.morphology, { values: neuron.v }).save('morpho.png');
 */
export function plotMorphology(morphology: Morphology, options?: MorphologyPlotOptions): Figure {
  options = checkPlotOptions(options, 'plotMorphology');
  const plane = options.plane ?? 'xy';
  const axesIdx = PLANES[plane];
  if (axesIdx === undefined) throw new PlotError('plotMorphology', `plane must be 'xy', 'xz' or 'yz', got '${showValue(plane)}'`);
  const [ia, ib] = axesIdx;
  const total = morphology.totalCompartments;
  const morpho = morphology.coords_(0, 'start') === null ? morphology.generateCoordinates() : morphology;
  let values: ArrayLike<number> | undefined;
  if (options.values !== undefined) {
    values = 'values' in options.values && typeof options.values.values === 'object' ? options.values.values : (options.values as ArrayLike<number>);
    if (values.length !== total) {
      throw new PlotError('plotMorphology', `values has ${values.length} entries but the morphology has ${total} compartments`);
    }
  }
  if (options.lineWidth !== undefined && !(options.lineWidth > 0 && Number.isFinite(options.lineWidth))) {
    throw new PlotError('plotMorphology', `lineWidth must be a positive number of points, got ${showValue(options.lineWidth)}`);
  }
  let lo = Infinity;
  let hi = -Infinity;
  if (values !== undefined) {
    for (let k = 0; k < values.length; k++) {
      const v = values[k]!;
      if (!Number.isFinite(v)) throw new PlotError('plotMorphology', `values[${k}] is ${showValue(v)}, not a finite number`);
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  const cmap = colormapFunction(options.colormap ?? 'viridis', 'plotMorphology');
  const level = (k: number): number => (values === undefined || hi === lo ? 0 : Math.min(COLOR_LEVELS - 1, Math.floor(((values[k]! - lo) / (hi - lo)) * COLOR_LEVELS)));
  const colorOf = (lev: number): string => (values === undefined ? (options.color ?? 'black') : cmap(hi === lo ? 0.5 : (lev + 0.5) / COLOR_LEVELS));

  const UM = 1e6;
  const groups = new Map<string, { color: string; width: number; x: number[]; y: number[] }>();
  const somas: { x: number; y: number; r: number; color: string }[] = [];
  let minA = Infinity;
  let maxA = -Infinity;
  let minB = Infinity;
  let maxB = -Infinity;
  const extend = (a: number, b: number, r = 0): void => {
    minA = Math.min(minA, a - r);
    maxA = Math.max(maxA, a + r);
    minB = Math.min(minB, b - r);
    maxB = Math.max(maxB, b + r);
  };
  let index = 0;
  for (const { section } of morpho.sections()) {
    const d = section.diameter_;
    if (section instanceof Soma) {
      const a = section.coords_(ia)![0]! * UM;
      const b = section.coords_(ib)![0]! * UM;
      const r = (d[0]! * UM) / 2;
      somas.push({ x: a, y: b, r, color: colorOf(level(index)) });
      extend(a, b, r);
      index += 1;
      continue;
    }
    const sa = section.coords_(ia, 'start')!;
    const sb = section.coords_(ib, 'start')!;
    const ea = section.coords_(ia, 'end')!;
    const eb = section.coords_(ib, 'end')!;
    for (let k = 0; k < section.n; k++, index++) {
      const lev = level(index);
      const width = options.lineWidth ?? Math.round(Math.min(10, Math.max(0.5, d[k]! * UM)) * 4) / 4;
      const key = `${lev}|${width}`;
      let g = groups.get(key);
      if (g === undefined) {
        g = { color: colorOf(lev), width, x: [], y: [] };
        groups.set(key, g);
      }
      const x0 = sa[k]! * UM;
      const y0 = sb[k]! * UM;
      // Continue the path when this compartment starts where the group's last one ended.
      if (g.x.length === 0 || g.x[g.x.length - 1] !== x0 || g.y[g.y.length - 1] !== y0) {
        if (g.x.length > 0) {
          g.x.push(NaN);
          g.y.push(NaN);
        }
        g.x.push(x0);
        g.y.push(y0);
      }
      g.x.push(ea[k]! * UM);
      g.y.push(eb[k]! * UM);
      extend(x0, y0);
      extend(ea[k]! * UM, eb[k]! * UM);
    }
  }
  const ax = options.axes ?? figure().subplot(0, 0);
  for (const s of somas) {
    const n = 48;
    const px = new Float64Array(n + 1);
    const py = new Float64Array(n + 1);
    for (let k = 0; k <= n; k++) {
      px[k] = s.x + s.r * Math.cos((2 * Math.PI * k) / n);
      py[k] = s.y + s.r * Math.sin((2 * Math.PI * k) / n);
    }
    ax.addPolygon(px, py, s.color);
  }
  for (const g of groups.values()) ax.plot(Float64Array.from(g.x), Float64Array.from(g.y), { color: g.color, lineWidth: g.width });
  // Equal scales on both axes (approximately: the panel's margins depend on its tick labels).
  if (Number.isFinite(minA)) {
    const fig = ax.figure;
    const pw = Math.max(1, fig.width / fig.cols - 70);
    const ph = Math.max(1, fig.height / fig.rows - 50);
    const spanA = Math.max(maxA - minA, 1);
    const spanB = Math.max(maxB - minB, 1);
    const scale = 1.05 * Math.max(spanA / pw, spanB / ph);
    const ca = (minA + maxA) / 2;
    const cb = (minB + maxB) / 2;
    ax.xlim(ca - (scale * pw) / 2, ca + (scale * pw) / 2).ylim(cb - (scale * ph) / 2, cb + (scale * ph) / 2);
  }
  const names = ['x', 'y', 'z'] as const;
  ax.xlabel(`${names[ia]} (µm)`).ylabel(`${names[ib]} (µm)`);
  return ax.figure;
}
