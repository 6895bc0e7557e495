/**
 * One panel of a figure: its series, reference lines, images, texts, labels, limits and scales,
 * rendered to SVG with Observable Plot (axes, ticks, frame) plus brian-ts's own marks for the
 * data (one path per series), the labels and the legend.
 */
import * as Plot from '@observablehq/plot';
import { Quantity, QuantityArray, findBestUnit, getUnitForDisplay, DEFAULT_PRINT_OPTIONS } from '../units/index.ts';
import type { Dimension, DisplayUnit } from '../units/index.ts';
import { histogram } from '../numeric/index.ts';
import { PlotError } from './errors.ts';
import { checkPlotOptions } from './options.ts';
import { colormapFunction, rgbBytes } from './colormap.ts';
import type { Colormap } from './colormap.ts';
import { COLOR_CYCLE, DASHES, parseFormat } from './format.ts';
import type { LineStyle, MarkerSymbol } from './format.ts';
import { SVG_NS } from './dom.ts';
import type { PlotDocument, PlotElement } from './dom.ts';
import type { Figure } from './figure.ts';
import { isLineMarker, linePath, markerPath, squarePath } from './paths.ts';
import { encodePNG, pngDataURL } from './png.ts';
import { linearTicks, logTickLabel, scalarLabels, tickBins } from './ticks.ts';
import { showValue } from '../util/index.ts';

/**
 * Numbers to plot: plain or typed arrays (`M.t.in(ms)`, `M.i`), a QuantityArray (`M.t`, `M.at(0).v`),
 * an array of Quantities, or a state view (`G.v`).
 */
export type PlotData = ArrayLike<number> | QuantityArray | readonly Quantity[] | { toQuantityArray(): QuantityArray };
/** An axis limit: a number in the axis's display unit, or a Quantity. */
export type Limit = number | Quantity;
/** Axis scale types. */
export type ScaleType = 'linear' | 'log';
/** Where the legend goes inside the panel (matplotlib's `loc`); `'best'` picks the emptiest place. */
export type LegendLocation =
  | 'best'
  | 'upper right'
  | 'upper left'
  | 'lower left'
  | 'lower right'
  | 'right'
  | 'center left'
  | 'center right'
  | 'lower center'
  | 'upper center'
  | 'center';
const LOCATIONS: readonly Exclude<LegendLocation, 'best'>[] = ['upper right', 'upper left', 'lower left', 'lower right', 'right', 'center left', 'center right', 'lower center', 'upper center', 'center'];

/** Options of `plot` (matplotlib's keyword arguments; they override the format string). */
export interface LineOptions {
  /** The series' name in the legend. */
  label?: string;
  /** Any CSS colour, or matplotlib's `'C0'`…`'C9'` and single letters. */
  color?: string;
  /** Line width in points (matplotlib's `linewidth`, default 1.5). */
  lineWidth?: number;
  /** Line style: `'-'`, `'--'`, `':'`, `'-.'` or `'none'` (overrides the format string). */
  lineStyle?: LineStyle;
  /** Marker drawn at each point (overrides the format string). */
  marker?: MarkerSymbol;
  /** Marker size in points (matplotlib's `markersize`, default 6). */
  markerSize?: number;
  /** Opacity from 0 to 1. */
  alpha?: number;
}

/** Options of `scatter`. */
export interface ScatterOptions {
  /** The series' name in the legend. */
  label?: string;
  /** Any CSS colour, or matplotlib's `'C0'`…`'C9'` and single letters (default: the next colour of the cycle). */
  color?: string;
  /** Marker, default `'o'`. */
  marker?: MarkerSymbol;
  /** Marker area in points² (matplotlib's `s`, default 36). */
  size?: number;
  /** Opacity from 0 to 1. */
  alpha?: number;
  /** One value per point, coloured through `cmap` (matplotlib's `c`); a colour bar can show the scale. */
  c?: ArrayLike<number> | QuantityArray;
  /** Colour map for `c` (default `'viridis'`). */
  cmap?: Colormap;
  /** Value at the bottom of the colour map (default: the smallest `c`). */
  vmin?: number;
  /** Value at the top of the colour map (default: the largest `c`). */
  vmax?: number;
}

/** Options of `legend`. */
export interface LegendOptions {
  /** Default `'best'` (as matplotlib: the place that hides the fewest data points). */
  loc?: LegendLocation;
}

/** Options of `axhline`, `axvline`, `hlines` and `vlines`. */
export interface RefLineOptions {
  /** Default `'C0'` (matplotlib's `lines.color`; the colour cycle does not advance). */
  color?: string;
  /** Line width in points (default 1.5). */
  lineWidth?: number;
  lineStyle?: LineStyle;
  alpha?: number;
  label?: string;
}

/** Options of `axhline`: the line spans `xmin` to `xmax` as fractions of the panel width (default 0 to 1). */
export interface AxhlineOptions extends RefLineOptions {
  xmin?: number;
  xmax?: number;
}

/** Options of `axvline`: the line spans `ymin` to `ymax` as fractions of the panel height (default 0 to 1). */
export interface AxvlineOptions extends RefLineOptions {
  ymin?: number;
  ymax?: number;
}

/** Options of `fillBetween` and of patches (`hist`). */
export interface FillOptions {
  /** Default: the next colour of the patch cycle (starts at C0, separate from the line cycle, as matplotlib). */
  color?: string;
  alpha?: number;
  label?: string;
}

/** Options of `hist`. */
export interface HistOptions extends FillOptions {
  /** Number of equal bins (default 10) or the bin edges. */
  bins?: number | ArrayLike<number>;
  /** The range of the bins (default: the data's range), in the data's display unit or as quantities. */
  range?: readonly [Limit, Limit];
  /** Normalise so the histogram integrates to 1. */
  density?: boolean;
  /** `'bar'` (filled bars, default), `'step'` (outline) or `'stepfilled'`. */
  histtype?: 'bar' | 'step' | 'stepfilled';
  /** Relative bar width (default 1). */
  rwidth?: number;
}

/** Options of `errorbar`. */
export interface ErrorbarOptions extends LineOptions {
  /** Symmetric error in y: one value for all points or one per point. */
  yerr?: number | PlotData;
  /** Symmetric error in x. */
  xerr?: number | PlotData;
  /** Format string of the data line/markers (matplotlib's `fmt`, default a line). */
  fmt?: string;
  /** Length of the error-bar caps in points (default 0, as matplotlib). */
  capsize?: number;
}

/** Options of `text` and `annotate`. */
export interface TextOptions {
  /** Font size in points (default 12 × 10/12: matplotlib's 10 pt at our scale). */
  fontSize?: number;
  color?: string;
  /** Horizontal alignment (default `'left'`). */
  ha?: 'left' | 'center' | 'right';
  /** Vertical alignment (default `'baseline'`). */
  va?: 'top' | 'center' | 'bottom' | 'baseline';
  /** Rotation in degrees, counter-clockwise. */
  rotation?: number;
  /** `'data'` (default) or `'axes'`: x and y as fractions of the panel (matplotlib's `transform=ax.transAxes`). */
  coords?: 'data' | 'axes';
}

/** Options of `annotate`. */
export interface AnnotateOptions extends TextOptions {
  /** The point annotated, in data coordinates. */
  xy: readonly [Limit, Limit];
  /** Where the text goes (default: at `xy`), in data coordinates. */
  xytext?: readonly [Limit, Limit];
  /** Draw an arrow from the text to `xy` (default: when `xytext` is given). */
  arrow?: boolean;
}

/** A matrix for `imshow`/`pcolormesh`: rows of numbers, or row-major values with the number of rows and columns. */
export type MatrixData = readonly ArrayLike<number>[] | { readonly values: ArrayLike<number>; readonly rows: number; readonly cols: number };

/** Options of `imshow` and `pcolormesh`. */
export interface ImageOptions {
  /** Colour map (default `'viridis'`). */
  cmap?: Colormap;
  /** Value at the bottom of the colour map (default: the smallest value). */
  vmin?: number;
  /** Value at the top of the colour map (default: the largest value). */
  vmax?: number;
  /** `imshow` only: row 0 at the top (`'upper'`, matplotlib's default) or at the bottom (`'lower'`). */
  origin?: 'upper' | 'lower';
  /** `imshow` only: `[left, right, bottom, top]` in data coordinates (default: pixel centres at the indices). */
  extent?: readonly [number, number, number, number];
}

/** Options of `ticklabelFormat`. */
export interface TicklabelFormatOptions {
  /** Which axis (default `'both'`). */
  axis?: 'x' | 'y' | 'both';
  /** Whether labels may share an offset shown beside the axis (default true, matplotlib's default). */
  useOffset?: boolean;
}

/** Options of `colorbar`. */
export interface ColorbarOptions {
  /** Label beside the bar. */
  label?: string;
}

/** The plotting methods of a panel; a Figure has them too (they act on its current panel). */
export interface AxesMethods {
  /**
   * A line and/or markers through the points, as matplotlib's `plot`: `plot(y)` uses the indices
   * as x; `fmt` is a format string such as `'.k'`, `'-r'`, `'o--'`, `'|'`.
   * @example fig.plot(M.t.in(ms), M.v[0].in(mV), 'k', { label: 'v' })
   */
  plot(y: PlotData, fmt?: string | LineOptions, options?: LineOptions): this;
  plot(x: PlotData, y: PlotData, fmt?: string | LineOptions, options?: LineOptions): this;
  /** Markers at the points (matplotlib's `scatter`; default marker `'o'`; `c` colours them by value). */
  scatter(x: PlotData, y: PlotData, options?: ScatterOptions): this;
  /** A horizontal line across the panel at `y` (matplotlib's `axhline`). */
  axhline(y?: Limit, options?: AxhlineOptions): this;
  /** A vertical line across the panel at `x` (matplotlib's `axvline`). */
  axvline(x?: Limit, options?: AxvlineOptions): this;
  /** Horizontal lines at each `y` from `xmin` to `xmax` (data coordinates; matplotlib's `hlines`). */
  hlines(y: Limit | PlotData, xmin: Limit | PlotData, xmax: Limit | PlotData, options?: RefLineOptions): this;
  /** Vertical lines at each `x` from `ymin` to `ymax` (data coordinates; matplotlib's `vlines`). */
  vlines(x: Limit | PlotData, ymin: Limit | PlotData, ymax: Limit | PlotData, options?: RefLineOptions): this;
  /** Fills between `y1` and `y2` (default 0) along `x` (matplotlib's `fill_between`). */
  fillBetween(x: PlotData, y1: PlotData, y2?: Limit | PlotData, options?: FillOptions): this;
  /** A histogram of `data` (matplotlib's `hist`; the counts are numpy's `histogram`). */
  hist(data: PlotData, options?: HistOptions): this;
  /** Data with error bars (matplotlib's `errorbar`). */
  errorbar(x: PlotData, y: PlotData, options?: ErrorbarOptions): this;
  /** Text at (x, y) (matplotlib's `text`; data coordinates unless `coords: 'axes'`). */
  text(x: Limit, y: Limit, text: string, options?: TextOptions): this;
  /** Text with an optional arrow to the point `xy` (matplotlib's `annotate`). */
  annotate(text: string, options: AnnotateOptions): this;
  /** A matrix as an image, one cell per value (matplotlib's `imshow`; `origin: 'upper'` puts row 0 at the top). */
  imshow(matrix: MatrixData, options?: ImageOptions): this;
  /**
   * A matrix as coloured cells (matplotlib's `pcolormesh`): `pcolormesh(C)` at the indices, or
   * `pcolormesh(xEdges, yEdges, C)` with `cols + 1` and `rows + 1` cell edges.
   */
  pcolormesh(matrix: MatrixData, options?: ImageOptions): this;
  pcolormesh(xEdges: ArrayLike<number>, yEdges: ArrayLike<number>, matrix: MatrixData, options?: ImageOptions): this;
  /** A colour bar beside the panel for its last image or colour-mapped scatter (matplotlib's `colorbar`). */
  colorbar(options?: ColorbarOptions): this;
  /** The x-axis label (`'\n'` starts a new line). */
  xlabel(label: string): this;
  /** The y-axis label (`'\n'` starts a new line). */
  ylabel(label: string): this;
  /** The panel's title (`'\n'` starts a new line). */
  title(title: string): this;
  /**
   * Shows a legend of the labelled series; `labels` names the series in the order they were
   * added (as matplotlib's `legend(['a', 'b'])`).
   */
  legend(labels?: readonly string[] | LegendOptions, options?: LegendOptions): this;
  /** Fixes the x range; an omitted end stays automatic; `xlim(hi, lo)` inverts the axis. */
  xlim(min?: Limit, max?: Limit): this;
  /** Fixes the y range; an omitted end stays automatic; `ylim(hi, lo)` inverts the axis. */
  ylim(min?: Limit, max?: Limit): this;
  /** Linear or logarithmic x axis. */
  xscale(type: ScaleType): this;
  /** Linear or logarithmic y axis. */
  yscale(type: ScaleType): this;
  /** Shows (or hides) grid lines at the ticks. */
  grid(on?: boolean): this;
  /** How tick labels are written (matplotlib's `ticklabel_format`): `useOffset: false` never uses an offset. */
  ticklabelFormat(options?: TicklabelFormatOptions): this;
  /** Tick positions on the x axis (in the axis's unit), optionally with their labels (matplotlib's `xticks`). */
  xticks(ticks: ArrayLike<number>, labels?: readonly string[]): this;
  /** Tick positions on the y axis, optionally with their labels (matplotlib's `yticks`). */
  yticks(ticks: ArrayLike<number>, labels?: readonly string[]): this;
}

/** Pixels per point at the figure's nominal 100 pixels per inch (matplotlib's default dpi). */
export const PX_PER_PT = 100 / 72;
const FONT_SIZE = 12;
const TITLE_SIZE = 14;
const LINE_HEIGHT = 1.2;
/** Average advance of DejaVu Sans digits and letters, in em (for margin estimates). */
const CHAR_EM = 0.62;
/** Width of a colour bar and its gap to the panel, in pixels. */
const COLORBAR_WIDTH = 16;
const COLORBAR_GAP = 14;
/** Colour levels of colour-mapped scatters and non-uniform meshes (points of one level share a path). */
const COLOR_LEVELS = 64;

interface AxisState {
  label: string | undefined;
  min: Limit | undefined;
  max: Limit | undefined;
  scale: ScaleType;
  /** Display unit, fixed by the first QuantityArray plotted on this axis. */
  unit: DisplayUnit | undefined;
  /** Whether plain numbers were plotted on this axis (they cannot be mixed with quantities). */
  plain: boolean;
  /** Fixed tick positions and labels (`xticks`/`yticks`). */
  ticks: { values: number[]; labels: string[] | undefined } | undefined;
  /** Whether tick labels may use an offset (`ticklabelFormat({ useOffset })`). */
  useOffset: boolean;
}

interface Series {
  readonly kind: 'series';
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly color: string;
  readonly lineStyle: LineStyle;
  readonly lineWidth: number;
  readonly marker: MarkerSymbol | undefined;
  readonly markerSize: number;
  readonly alpha: number | undefined;
  label: string | undefined;
  /** Filled polygon(s) (no stroke) instead of a line; NaN points separate polygons. */
  readonly fill?: boolean;
  /** Whether the legend shows it (a colour-mapped scatter's levels show once). */
  readonly legend?: boolean;
}

/** A line across the panel at a data value (axhline/axvline), from/to as fractions of the panel. */
interface RefLine {
  readonly kind: 'ref';
  /** `'y'`: a horizontal line at y = value; `'x'`: a vertical line at x = value. */
  readonly axis: 'x' | 'y';
  readonly value: number;
  readonly from: number;
  readonly to: number;
  readonly color: string;
  readonly lineStyle: LineStyle;
  readonly lineWidth: number;
  readonly alpha: number | undefined;
  label: string | undefined;
}

interface TextItem {
  readonly kind: 'text';
  readonly x: number;
  readonly y: number;
  readonly coords: 'data' | 'axes';
  readonly text: string;
  readonly color: string;
  readonly fontSize: number;
  readonly ha: 'left' | 'center' | 'right';
  readonly va: 'top' | 'center' | 'bottom' | 'baseline';
  readonly rotation: number;
  /** Arrow head position in data coordinates. */
  readonly arrow: { readonly x: number; readonly y: number } | undefined;
}

interface ImageItem {
  readonly kind: 'image';
  /** Data URL of the PNG, one pixel per cell, row 0 at the top of the picture. */
  readonly href: string;
  /** Extent in data coordinates: left, right, bottom, top. */
  readonly extent: readonly [number, number, number, number];
}

type Item = Series | RefLine | TextItem | ImageItem;

/** The colour scale a colour bar shows. */
interface ColorScale {
  readonly cmap: (t: number) => string;
  readonly vmin: number;
  readonly vmax: number;
}

/** What a figure tells a panel before layout: shared ranges and hidden tick labels. @internal */
export interface PanelContext {
  readonly xDomain?: [number, number] | undefined;
  readonly yDomain?: [number, number] | undefined;
  readonly hideXTickLabels?: boolean;
  readonly hideYTickLabels?: boolean;
}

/** A panel's margins in pixels. @internal */
export interface Margins {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

interface Ticks {
  readonly values: number[] | null;
  readonly format: (v: number) => string;
  readonly labels: string[];
  readonly offset: string;
}

/** A panel measured for one size: its ranges, ticks and the margins it needs. @internal */
export interface PanelLayout {
  readonly width: number;
  readonly height: number;
  readonly xDomain: [number, number];
  readonly yDomain: [number, number];
  readonly xTicks: Ticks;
  readonly yTicks: Ticks;
  readonly margins: Margins;
  /** Twin panel's layout (its y axis on the right). */
  readonly twin: PanelLayout | undefined;
  readonly xLabel: string | null;
  readonly yLabel: string | null;
}

function isQuantityArrayLike(v: unknown): v is QuantityArray {
  // Duck typing too: a QuantityArray from another copy of the package still plots.
  return v instanceof QuantityArray || (typeof v === 'object' && v !== null && (v as { values?: unknown }).values instanceof Float64Array && typeof (v as { dim?: unknown }).dim === 'object' && typeof (v as { in?: unknown }).in === 'function');
}

function isData(v: unknown): v is PlotData {
  if (isQuantityArrayLike(v)) return true;
  if (typeof v !== 'object' || v === null) return false;
  return typeof (v as ArrayLike<number>).length === 'number' || typeof (v as { toQuantityArray?: unknown }).toQuantityArray === 'function';
}

/** Plot data as a QuantityArray or plain numbers (arrays of Quantities and state views become QuantityArrays). */
function normaliseData(data: PlotData, call: string, what: string): QuantityArray | ArrayLike<number> {
  if (isQuantityArrayLike(data)) return data;
  if (typeof data === 'object' && data !== null && typeof (data as { toQuantityArray?: unknown }).toQuantityArray === 'function') {
    return (data as { toQuantityArray(): QuantityArray }).toQuantityArray();
  }
  if (typeof data !== 'object' || data === null || typeof (data as ArrayLike<unknown>).length !== 'number') {
    throw new PlotError(call, `${what} must be an array of numbers or a QuantityArray`);
  }
  const list = data as ArrayLike<unknown>;
  if (list.length > 0 && list[0] instanceof Quantity) {
    const first = list[0];
    const values = new Float64Array(list.length);
    for (let k = 0; k < list.length; k++) {
      const q = list[k];
      if (!(q instanceof Quantity) || q.dim !== first.dim) throw new PlotError(call, `${what}[${k}] is ${describe(q)}, but ${what}[0] is a quantity in ${getUnitForDisplay(first.dim)}`);
      values[k] = q.value;
    }
    return new QuantityArray(values, first.dim);
  }
  return data as ArrayLike<number>;
}

function newAxis(): AxisState {
  return { label: undefined, min: undefined, max: undefined, scale: 'linear', unit: undefined, plain: false, ticks: undefined, useOffset: true };
}

/** Up to ~1000 evenly spaced values: enough to choose a display unit for any array. */
function sample(values: Float64Array): Float64Array {
  if (values.length <= 1000) return values;
  const out = new Float64Array(1000);
  const step = values.length / 1000;
  for (let k = 0; k < 1000; k++) out[k] = values[Math.floor(k * step)]!;
  return out;
}

function bestUnit(values: Float64Array, dim: Dimension): DisplayUnit {
  const unit = findBestUnit(sample(values), dim, { ...DEFAULT_PRINT_OPTIONS, threshold: Infinity });
  return unit ?? { name: getUnitForDisplay(dim), dispname: getUnitForDisplay(dim), scale: 1, dim, isCompound: false };
}

const lines = (text: string): string[] => text.split('\n');
// DejaVu Sans advances in em for the characters of tick labels; other characters count CHAR_EM.
const ADVANCE: Readonly<Record<string, number>> = { '.': 0.318, ',': 0.318, ' ': 0.318, '\u2212': 0.838, '-': 0.361, '+': 0.838, e: 0.615, '(': 0.39, ')': 0.39 };
/** Estimated width in pixels of one line of text. */
const lineWidth = (line: string, size = FONT_SIZE): number => {
  let em = 0;
  for (const ch of line) em += ch >= '0' && ch <= '9' ? 0.636 : (ADVANCE[ch] ?? CHAR_EM);
  return em * size;
};
/** Estimated width in pixels of the widest line. */
const textWidth = (text: string, size = FONT_SIZE): number => Math.max(0, ...lines(text).map((l) => lineWidth(l, size)));
/** Width of the widest tick label. */
const labelsWidth = (labels: readonly string[]): number => Math.max(0, ...labels.map((l) => lineWidth(l)));
const textHeight = (text: string, size = FONT_SIZE): number => lines(text).length * LINE_HEIGHT * size;

/** One panel: series, labels, limits and scales. Created by `figure()` and `Figure.subplot`. */
export class Axes implements AxesMethods {
  private readonly items: Item[] = [];
  private readonly x: AxisState;
  private readonly y: AxisState = newAxis();
  private titleText: string | undefined;
  private legendLoc: LegendLocation | undefined;
  private showGrid = false;
  private nextColor = 0;
  private nextPatchColor = 0;
  private colorScale: ColorScale | undefined;
  private colorbarLabel: string | undefined;
  private hasColorbar = false;
  /** Values the automatic range does not extend past (matplotlib's sticky edges: bar bottoms, image borders). */
  private readonly sticky: { x: number[]; y: number[] } = { x: [], y: [] };
  /** The panel sharing this one's x axis with its y axis on the right (`twinx`). */
  private twinPanel: Axes | undefined;
  /** The panel this one is the twin of. */
  readonly host: Axes | undefined;
  /** Polar axes: x is the angle (radians, counter-clockwise from the right), y the radius. */
  private polar = false;

  /**
   * @param name how errors name this panel (`subplot (0, 1)`)
   * @param figure the figure the panel belongs to
   * @param host for a twin panel: the panel whose x axis it shares
   */
  constructor(
    readonly name: string,
    readonly figure: Figure,
    host?: Axes,
  ) {
    this.host = host;
    this.x = host === undefined ? newAxis() : host.x;
  }

  plot(y: PlotData, fmt?: string | LineOptions, options?: LineOptions): this;
  plot(x: PlotData, y: PlotData, fmt?: string | LineOptions, options?: LineOptions): this;
  plot(...args: [PlotData, (PlotData | string | LineOptions)?, (string | LineOptions)?, LineOptions?]): this {
    const [first, second, third, fourth] = args;
    let xData: PlotData | undefined;
    let yData: PlotData;
    let rest: (string | LineOptions | undefined)[];
    if (isData(second)) {
      xData = first;
      yData = second;
      rest = [third, fourth];
    } else {
      yData = first;
      rest = [second as string | LineOptions | undefined, third];
    }
    let fmt: string | undefined;
    let options: LineOptions = {};
    for (const r of rest) {
      if (typeof r === 'string') {
        if (fmt !== undefined) throw new PlotError('plot', 'expected at most one format string');
        fmt = r;
      } else if (r !== undefined) {
        if (typeof r !== 'object' || r === null || isData(r)) throw new PlotError('plot', 'expected (x, y, fmt?, options?) or (y, fmt?, options?)');
        options = checkPlotOptions(r, 'plot');
      }
    }
    const yValues = this.values(this.y, yData, 'plot', 'y');
    const xValues = xData === undefined ? indices(yValues.length, this.x) : this.values(this.x, xData, 'plot', 'x');
    checkLengths('plot', xValues, yValues);
    this.items.push(this.lineSeries('plot', xValues, yValues, fmt, options));
    return this;
  }

  private lineSeries(call: string, x: Float64Array, y: Float64Array, fmt: string | undefined, options: LineOptions): Series {
    const parsed = fmt === undefined ? {} : parseFormat(fmt, call);
    const marker = options.marker ?? parsed.marker;
    const lineStyle = options.lineStyle ?? parsed.lineStyle ?? (marker === undefined ? '-' : 'none');
    return {
      kind: 'series',
      x,
      y,
      color: resolveColor(options.color, call) ?? parsed.color ?? this.cycleColor(),
      lineStyle,
      lineWidth: positive(options.lineWidth ?? 1.5, call, 'lineWidth') * PX_PER_PT,
      marker,
      markerSize: positive(options.markerSize ?? 6, call, 'markerSize') * PX_PER_PT,
      alpha: alpha(options.alpha, call),
      label: options.label,
    };
  }

  scatter(x: PlotData, y: PlotData, options?: ScatterOptions): this {
    options = checkPlotOptions(options, 'scatter');
    if (!isData(x) || !isData(y)) throw new PlotError('scatter', 'expected (x, y, options?) with x and y arrays');
    const xValues = this.values(this.x, x, 'scatter', 'x');
    const yValues = this.values(this.y, y, 'scatter', 'y');
    checkLengths('scatter', xValues, yValues);
    const base = {
      kind: 'series' as const,
      lineStyle: 'none' as const,
      lineWidth: 0,
      marker: options.marker ?? 'o',
      markerSize: Math.sqrt(positive(options.size ?? 36, 'scatter', 'size')) * PX_PER_PT,
      alpha: alpha(options.alpha, 'scatter'),
    };
    if (options.c === undefined) {
      this.items.push({ ...base, x: xValues, y: yValues, color: resolveColor(options.color, 'scatter') ?? this.cycleColor(), label: options.label });
      return this;
    }
    const c = plainValues(options.c, 'scatter', 'c');
    if (c.length !== xValues.length) throw new PlotError('scatter', `c has ${c.length} values but there are ${xValues.length} points`);
    const scale = this.makeColorScale('scatter', c, options);
    // One series per colour level: a colour-mapped scatter stays a few paths, not a path per point.
    const levels = new Map<number, { x: number[]; y: number[] }>();
    for (let k = 0; k < c.length; k++) {
      const t = scale.vmax === scale.vmin ? 0.5 : (c[k]! - scale.vmin) / (scale.vmax - scale.vmin);
      const level = Math.min(COLOR_LEVELS - 1, Math.max(0, Math.floor(t * COLOR_LEVELS)));
      let group = levels.get(level);
      if (group === undefined) levels.set(level, (group = { x: [], y: [] }));
      group.x.push(xValues[k]!);
      group.y.push(yValues[k]!);
    }
    let first = true;
    for (const [level, group] of [...levels].sort((a, b) => a[0] - b[0])) {
      this.items.push({
        ...base,
        x: Float64Array.from(group.x),
        y: Float64Array.from(group.y),
        color: scale.cmap((level + 0.5) / COLOR_LEVELS),
        label: first ? options.label : undefined,
        legend: first,
      });
      first = false;
    }
    return this;
  }

  /**
   * Adds one marker per point with a size in pixels (used by `plotRaster`: small squares).
   * @internal
   */
  addMarkers(x: Float64Array, y: Float64Array, marker: MarkerSymbol, sizePx: number, color: string, label?: string): void {
    checkLengths('plotRaster', x, y);
    this.x.plain = true;
    this.y.plain = true;
    this.items.push({ kind: 'series', x, y, color, lineStyle: 'none', lineWidth: 0, marker, markerSize: sizePx, alpha: undefined, label });
  }

  /**
   * Adds a filled polygon in data coordinates (used by `plotMorphology` for the soma).
   * @internal
   */
  addPolygon(x: Float64Array, y: Float64Array, color: string): void {
    checkLengths('plotMorphology', x, y);
    this.x.plain = true;
    this.y.plain = true;
    this.items.push({ kind: 'series', x, y, color, lineStyle: '-', lineWidth: 0, marker: undefined, markerSize: 0, alpha: undefined, label: undefined, fill: true });
  }

  axhline(y: Limit = 0, options?: AxhlineOptions): this {
    options = checkPlotOptions(options, 'axhline');
    this.items.push(this.refLine('axhline', 'y', y, options.xmin ?? 0, options.xmax ?? 1, options));
    return this;
  }

  axvline(x: Limit = 0, options?: AxvlineOptions): this {
    options = checkPlotOptions(options, 'axvline');
    this.items.push(this.refLine('axvline', 'x', x, options.ymin ?? 0, options.ymax ?? 1, options));
    return this;
  }

  private refLine(call: string, axis: 'x' | 'y', value: Limit, from: number, to: number, options: RefLineOptions): RefLine {
    for (const [name, v] of [['from', from], ['to', to]] as const) {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new PlotError(call, `the ${name === 'from' ? 'start' : 'end'} of the line must be a fraction of the panel (0 to 1), got ${String(v)}`);
    }
    return {
      kind: 'ref',
      axis,
      value: this.scalar(axis === 'x' ? this.x : this.y, value, call, axis),
      from,
      to,
      color: resolveColor(options.color, call) ?? COLOR_CYCLE[0]!,
      lineStyle: lineStyleOf(options.lineStyle, call),
      lineWidth: positive(options.lineWidth ?? 1.5, call, 'lineWidth') * PX_PER_PT,
      alpha: alpha(options.alpha, call),
      label: options.label,
    };
  }

  hlines(y: Limit | PlotData, xmin: Limit | PlotData, xmax: Limit | PlotData, options?: RefLineOptions): this {
    options = checkPlotOptions(options, 'hlines');
    return this.segments('hlines', this.y, this.x, y, xmin, xmax, options, false);
  }

  vlines(x: Limit | PlotData, ymin: Limit | PlotData, ymax: Limit | PlotData, options?: RefLineOptions): this {
    options = checkPlotOptions(options, 'vlines');
    return this.segments('vlines', this.x, this.y, x, ymin, ymax, options, true);
  }

  /** Segments at `at` (on axis `along`) from `lo` to `hi` (on axis `across`), as one series with breaks. */
  private segments(call: string, along: AxisState, across: AxisState, at: Limit | PlotData, lo: Limit | PlotData, hi: Limit | PlotData, options: RefLineOptions, vertical: boolean): this {
    const pos = this.broadcastValues(along, at, call, vertical ? 'x' : 'y');
    const start = this.broadcastValues(across, lo, call, vertical ? 'ymin' : 'xmin');
    const end = this.broadcastValues(across, hi, call, vertical ? 'ymax' : 'xmax');
    // No positions (an empty spike train): nothing to draw, as matplotlib.
    if (pos.length === 0 || start.length === 0 || end.length === 0) return this;
    const n = Math.max(pos.length, start.length, end.length);
    for (const [name, v] of [['positions', pos], ['starts', start], ['ends', end]] as const) {
      if (v.length !== 1 && v.length !== n) throw new PlotError(call, `the ${name} have ${v.length} values, expected 1 or ${n}`);
    }
    const get = (v: Float64Array, k: number): number => (v.length === 1 ? v[0]! : v[k]!);
    const a = new Float64Array(3 * n);
    const b = new Float64Array(3 * n);
    for (let k = 0; k < n; k++) {
      a.set([get(pos, k), get(pos, k), NaN], 3 * k);
      b.set([get(start, k), get(end, k), NaN], 3 * k);
    }
    this.items.push({
      kind: 'series',
      x: vertical ? a : b,
      y: vertical ? b : a,
      color: resolveColor(options.color, call) ?? COLOR_CYCLE[0]!,
      lineStyle: lineStyleOf(options.lineStyle, call),
      lineWidth: positive(options.lineWidth ?? 1.5, call, 'lineWidth') * PX_PER_PT,
      marker: undefined,
      markerSize: 0,
      alpha: alpha(options.alpha, call),
      label: options.label,
    });
    return this;
  }

  fillBetween(x: PlotData, y1: PlotData, y2: Limit | PlotData = 0, options?: FillOptions): this {
    options = checkPlotOptions(options, 'fillBetween');
    const xs = this.values(this.x, x, 'fillBetween', 'x');
    const top = this.values(this.y, y1, 'fillBetween', 'y1');
    const bottom = this.broadcastValues(this.y, y2, 'fillBetween', 'y2');
    checkLengths('fillBetween', xs, top);
    if (bottom.length !== 1 && bottom.length !== xs.length) throw new PlotError('fillBetween', `y2 has ${bottom.length} values, expected 1 or ${xs.length}`);
    const n = xs.length;
    const px = new Float64Array(2 * n);
    const py = new Float64Array(2 * n);
    for (let k = 0; k < n; k++) {
      px[k] = xs[k]!;
      py[k] = top[k]!;
      px[2 * n - 1 - k] = xs[k]!;
      py[2 * n - 1 - k] = bottom.length === 1 ? bottom[0]! : bottom[k]!;
    }
    this.items.push(this.patch('fillBetween', px, py, options));
    return this;
  }

  private patch(call: string, x: Float64Array, y: Float64Array, options: FillOptions): Series {
    return {
      kind: 'series',
      x,
      y,
      color: resolveColor(options.color, call) ?? COLOR_CYCLE[this.nextPatchColor++ % COLOR_CYCLE.length]!,
      lineStyle: '-',
      lineWidth: 0,
      marker: undefined,
      markerSize: 0,
      alpha: alpha(options.alpha, call),
      label: options.label,
      fill: true,
    };
  }

  hist(data: PlotData, options?: HistOptions): this {
    options = checkPlotOptions(options, 'hist');
    const values = this.values(this.x, data, 'hist', 'data');
    this.y.plain = true;
    const range = options.range === undefined ? undefined : ([this.scalar(this.x, options.range[0], 'hist', 'range'), this.scalar(this.x, options.range[1], 'hist', 'range')] as const);
    let h;
    try {
      h = histogram(values, options.bins ?? 10, { ...(range === undefined ? {} : { range }), density: options.density ?? false });
    } catch (error) {
      throw new PlotError('hist', error instanceof Error ? error.message : String(error), { cause: error });
    }
    const type = options.histtype ?? 'bar';
    if (type !== 'bar' && type !== 'step' && type !== 'stepfilled') throw new PlotError('hist', `histtype must be 'bar', 'step' or 'stepfilled', got '${String(type)}'`);
    const rwidth = options.rwidth ?? 1;
    if (!(rwidth > 0 && rwidth <= 1)) throw new PlotError('hist', `rwidth must be in (0, 1], got ${String(rwidth)}`);
    const n = h.counts.length;
    if (type === 'bar') {
      const x = new Float64Array(6 * n);
      const y = new Float64Array(6 * n);
      for (let k = 0; k < n; k++) {
        const w = h.edges[k + 1]! - h.edges[k]!;
        const left = h.edges[k]! + (w * (1 - rwidth)) / 2;
        const right = left + w * rwidth;
        const c = h.counts[k]!;
        x.set([left, right, right, left, left, NaN], 6 * k);
        y.set([0, 0, c, c, 0, NaN], 6 * k);
      }
      this.items.push(this.patch('hist', x, y, options));
    } else {
      // The outline: up and down the bins, closed along y = 0.
      const x = new Float64Array(2 * n + 2);
      const y = new Float64Array(2 * n + 2);
      x[0] = h.edges[0]!;
      for (let k = 0; k < n; k++) {
        x[2 * k + 1] = h.edges[k]!;
        y[2 * k + 1] = h.counts[k]!;
        x[2 * k + 2] = h.edges[k + 1]!;
        y[2 * k + 2] = h.counts[k]!;
      }
      x[2 * n + 1] = h.edges[n]!;
      if (type === 'stepfilled') this.items.push(this.patch('hist', x, y, options));
      else {
        const color = resolveColor(options.color, 'hist') ?? COLOR_CYCLE[this.nextPatchColor++ % COLOR_CYCLE.length]!;
        this.items.push({ kind: 'series', x, y, color, lineStyle: '-', lineWidth: 1.5 * PX_PER_PT, marker: undefined, markerSize: 0, alpha: alpha(options.alpha, 'hist'), label: options.label });
      }
    }
    this.sticky.y.push(0);
    return this;
  }

  errorbar(x: PlotData, y: PlotData, options?: ErrorbarOptions): this {
    options = checkPlotOptions(options, 'errorbar');
    const xs = this.values(this.x, x, 'errorbar', 'x');
    const ys = this.values(this.y, y, 'errorbar', 'y');
    checkLengths('errorbar', xs, ys);
    const line = this.lineSeries('errorbar', xs, ys, options.fmt, options);
    const barWidth = line.lineWidth > 0 ? line.lineWidth : 1.5 * PX_PER_PT;
    const capsize = options.capsize ?? 0;
    if (!(capsize >= 0)) throw new PlotError('errorbar', `capsize must be a non-negative number of points, got ${String(capsize)}`);
    for (const [which, err] of [['y', options.yerr], ['x', options.xerr]] as const) {
      if (err === undefined) continue;
      const e = this.broadcastValues(which === 'y' ? this.y : this.x, err, 'errorbar', `${which}err`, true);
      if (e.length !== 1 && e.length !== xs.length) throw new PlotError('errorbar', `${which}err has ${e.length} values, expected 1 or ${xs.length}`);
      const n = xs.length;
      const a = new Float64Array(3 * n);
      const b = new Float64Array(3 * n);
      for (let k = 0; k < n; k++) {
        const d = e.length === 1 ? e[0]! : e[k]!;
        const [c, v] = which === 'y' ? [xs[k]!, ys[k]!] : [ys[k]!, xs[k]!];
        a.set([c, c, NaN], 3 * k);
        b.set([v - d, v + d, NaN], 3 * k);
      }
      const [bx, by] = which === 'y' ? [a, b] : [b, a];
      this.items.push({ kind: 'series', x: bx, y: by, color: line.color, lineStyle: '-', lineWidth: barWidth, marker: undefined, markerSize: 0, alpha: line.alpha, label: undefined });
      if (capsize > 0) {
        const ends = (arr: Float64Array): Float64Array => arr.filter((_, k) => k % 3 !== 2);
        this.items.push({ kind: 'series', x: ends(bx), y: ends(by), color: line.color, lineStyle: 'none', lineWidth: 0, marker: which === 'y' ? '_' : '|', markerSize: 2 * capsize * PX_PER_PT, alpha: line.alpha, label: undefined });
      }
    }
    this.items.push(line);
    return this;
  }

  text(x: Limit, y: Limit, text: string, options?: TextOptions): this {
    options = checkPlotOptions(options, 'text');
    this.items.push(this.textItem('text', x, y, text, options, undefined));
    return this;
  }

  annotate(text: string, options: AnnotateOptions): this {
    if (typeof options !== 'object' || options === null || !Array.isArray(options.xy) || options.xy.length !== 2) {
      throw new PlotError('annotate', 'expected annotate(text, { xy: [x, y], xytext?: [x, y] })');
    }
    checkPlotOptions(options, 'annotate');
    const target = options.xy;
    const at = options.xytext ?? target;
    const arrow = options.arrow ?? options.xytext !== undefined;
    const head = arrow ? { x: this.scalar(this.x, target[0], 'annotate', 'xy[0]'), y: this.scalar(this.y, target[1], 'annotate', 'xy[1]') } : undefined;
    this.items.push(this.textItem('annotate', at[0], at[1], text, { ...options, coords: 'data' }, head));
    return this;
  }

  private textItem(call: string, x: Limit, y: Limit, text: string, options: TextOptions, arrow: TextItem['arrow']): TextItem {
    const coords = options.coords ?? 'data';
    if (coords !== 'data' && coords !== 'axes') throw new PlotError(call, `coords must be 'data' or 'axes', got '${String(coords)}'`);
    const ha = options.ha ?? 'left';
    const va = options.va ?? 'baseline';
    if (!['left', 'center', 'right'].includes(ha)) throw new PlotError(call, `ha must be 'left', 'center' or 'right', got '${String(ha)}'`);
    if (!['top', 'center', 'bottom', 'baseline'].includes(va)) throw new PlotError(call, `va must be 'top', 'center', 'bottom' or 'baseline', got '${String(va)}'`);
    const rotation = options.rotation ?? 0;
    if (typeof rotation !== 'number' || !Number.isFinite(rotation)) throw new PlotError(call, `rotation must be a number of degrees, got ${String(rotation)}`);
    const px = coords === 'axes' ? finiteNumber(x, call, 'x') : this.scalar(this.x, x, call, 'x');
    const py = coords === 'axes' ? finiteNumber(y, call, 'y') : this.scalar(this.y, y, call, 'y');
    return {
      kind: 'text',
      x: px,
      y: py,
      coords,
      text: String(text),
      color: resolveColor(options.color, call) ?? 'black',
      fontSize: positive(options.fontSize ?? 10, call, 'fontSize') * PX_PER_PT,
      ha,
      va,
      rotation,
      arrow,
    };
  }

  imshow(matrix: MatrixData, options?: ImageOptions): this {
    options = checkPlotOptions(options, 'imshow');
    const m = matrixOf(matrix, 'imshow');
    const origin = options.origin ?? 'upper';
    if (origin !== 'upper' && origin !== 'lower') throw new PlotError('imshow', `origin must be 'upper' or 'lower', got '${String(origin)}'`);
    const extent = options.extent ?? (origin === 'upper' ? [-0.5, m.cols - 0.5, m.rows - 0.5, -0.5] : [-0.5, m.cols - 0.5, -0.5, m.rows - 0.5]);
    if (extent.length !== 4 || !extent.every(Number.isFinite)) throw new PlotError('imshow', 'extent must be [left, right, bottom, top] as finite numbers');
    // extent's bottom/top say where the first and last rows go: row 0 is at `top` for 'upper'.
    const [left, right, bottom, top] = extent;
    this.addImage('imshow', m, options, [left, right, Math.min(bottom, top), Math.max(bottom, top)], origin === 'upper' ? top > bottom : top < bottom);
    if (options.extent === undefined && origin === 'upper' && this.y.min === undefined && this.y.max === undefined) {
      // matplotlib shows row 0 at the top: an inverted y axis.
      this.y.min = m.rows - 0.5;
      this.y.max = -0.5;
    }
    return this;
  }

  pcolormesh(matrix: MatrixData, options?: ImageOptions): this;
  pcolormesh(xEdges: ArrayLike<number>, yEdges: ArrayLike<number>, matrix: MatrixData, options?: ImageOptions): this;
  pcolormesh(...args: [MatrixData, ImageOptions?] | [ArrayLike<number>, ArrayLike<number>, MatrixData, ImageOptions?]): this {
    let m: { values: Float64Array; rows: number; cols: number };
    let xe: Float64Array;
    let ye: Float64Array;
    let options: ImageOptions;
    if (args.length >= 3) {
      m = matrixOf(args[2] as MatrixData, 'pcolormesh');
      xe = plainValues(args[0] as ArrayLike<number>, 'pcolormesh', 'xEdges');
      ye = plainValues(args[1] as ArrayLike<number>, 'pcolormesh', 'yEdges');
      options = checkPlotOptions(args[3] as ImageOptions | undefined, 'pcolormesh');
      if (xe.length !== m.cols + 1 || ye.length !== m.rows + 1) {
        throw new PlotError('pcolormesh', `a ${m.rows}×${m.cols} matrix needs ${m.cols + 1} x edges and ${m.rows + 1} y edges, got ${xe.length} and ${ye.length}`);
      }
    } else {
      m = matrixOf(args[0] as MatrixData, 'pcolormesh');
      xe = Float64Array.from({ length: m.cols + 1 }, (_, k) => k);
      ye = Float64Array.from({ length: m.rows + 1 }, (_, k) => k);
      options = checkPlotOptions(args[1] as ImageOptions | undefined, 'pcolormesh');
    }
    this.x.plain = true;
    this.y.plain = true;
    const uniform = (e: Float64Array): boolean => e.every((v, k) => k === 0 || Math.abs(v - e[k - 1]! - (e[1]! - e[0]!)) <= 1e-9 * Math.abs(e[e.length - 1]! - e[0]!));
    if (uniform(xe) && uniform(ye) && xe[1]! > xe[0]! && ye[1]! > ye[0]!) {
      // pcolormesh puts row 0 at the bottom (the first y edge).
      this.addImage('pcolormesh', m, options, [xe[0]!, xe[m.cols]!, ye[0]!, ye[m.rows]!], false);
      return this;
    }
    // Non-uniform cells: one filled path per colour level.
    const scale = this.makeColorScale('pcolormesh', m.values, options);
    const levels = new Map<number, { x: number[]; y: number[] }>();
    for (let r = 0; r < m.rows; r++) {
      for (let c = 0; c < m.cols; c++) {
        const v = m.values[r * m.cols + c]!;
        if (!Number.isFinite(v)) continue;
        const t = scale.vmax === scale.vmin ? 0.5 : (v - scale.vmin) / (scale.vmax - scale.vmin);
        const level = Math.min(COLOR_LEVELS - 1, Math.max(0, Math.floor(t * COLOR_LEVELS)));
        let g = levels.get(level);
        if (g === undefined) levels.set(level, (g = { x: [], y: [] }));
        g.x.push(xe[c]!, xe[c + 1]!, xe[c + 1]!, xe[c]!, NaN);
        g.y.push(ye[r]!, ye[r]!, ye[r + 1]!, ye[r + 1]!, NaN);
      }
    }
    for (const [level, g] of levels) {
      this.items.push({ kind: 'series', x: Float64Array.from(g.x), y: Float64Array.from(g.y), color: scale.cmap((level + 0.5) / COLOR_LEVELS), lineStyle: '-', lineWidth: 0, marker: undefined, markerSize: 0, alpha: undefined, label: undefined, fill: true });
    }
    this.sticky.x.push(xe[0]!, xe[m.cols]!);
    this.sticky.y.push(ye[0]!, ye[m.rows]!);
    return this;
  }

  private addImage(call: string, m: { values: Float64Array; rows: number; cols: number }, options: ImageOptions, extent: [number, number, number, number], firstRowOnTop: boolean): void {
    this.x.plain = true;
    this.y.plain = true;
    const scale = this.makeColorScale(call, m.values, options);
    const rgba = new Uint8Array(m.rows * m.cols * 4);
    for (let r = 0; r < m.rows; r++) {
      const row = firstRowOnTop ? r : m.rows - 1 - r;
      for (let c = 0; c < m.cols; c++) {
        const v = m.values[row * m.cols + c]!;
        const p = 4 * (r * m.cols + c);
        if (!Number.isFinite(v)) continue; // transparent, as matplotlib's masked values
        const t = scale.vmax === scale.vmin ? 0.5 : (v - scale.vmin) / (scale.vmax - scale.vmin);
        const [red, green, blue] = rgbBytes(scale.cmap(t));
        rgba[p] = red;
        rgba[p + 1] = green;
        rgba[p + 2] = blue;
        rgba[p + 3] = 255;
      }
    }
    this.items.push({ kind: 'image', href: pngDataURL(encodePNG(m.cols, m.rows, rgba)), extent });
    this.sticky.x.push(extent[0], extent[1]);
    this.sticky.y.push(extent[2], extent[3]);
  }

  private makeColorScale(call: string, values: ArrayLike<number>, options: { cmap?: Colormap; vmin?: number; vmax?: number }): ColorScale {
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = 0; k < values.length; k++) {
      const v = values[k]!;
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (lo > hi) [lo, hi] = [0, 1];
    const vmin = options.vmin ?? lo;
    const vmax = options.vmax ?? hi;
    if (!Number.isFinite(vmin) || !Number.isFinite(vmax)) throw new PlotError(call, `vmin and vmax must be finite numbers, got ${String(vmin)} and ${String(vmax)}`);
    const scale = { cmap: colormapFunction(options.cmap ?? 'viridis', call), vmin, vmax };
    this.colorScale = scale;
    return scale;
  }

  colorbar(options?: ColorbarOptions): this {
    options = checkPlotOptions(options, 'colorbar');
    if (this.colorScale === undefined) throw new PlotError('colorbar', `${this.name} has no image, mesh or colour-mapped scatter to show a colour bar for`);
    this.hasColorbar = true;
    this.colorbarLabel = options.label;
    return this;
  }

  /**
   * A second panel over this one sharing its x axis, with its y axis on the right (matplotlib's
   * `twinx`). Its lines start the colour cycle afresh, as matplotlib's.
   */
  twinx(): Axes {
    if (this.host !== undefined) throw new PlotError('twinx', `${this.name} is already a twin panel`);
    if (this.polar) throw new PlotError('twinx', `${this.name} is polar; twin axes need a rectilinear panel`);
    this.twinPanel ??= new Axes(`${this.name} (twin)`, this.figure, this);
    return this.twinPanel;
  }

  /** Makes this a polar panel (`subplot(r, c, { projection: 'polar' })`). @internal */
  setPolar(): void {
    if (this.host !== undefined || this.twinPanel !== undefined) throw new PlotError('subplot', 'a polar panel cannot have a twin');
    this.polar = true;
  }

  /** Whether this is a polar panel. */
  get isPolar(): boolean {
    return this.polar;
  }

  /** The twin panel, if `twinx` was called. @internal */
  get twin(): Axes | undefined {
    return this.twinPanel;
  }

  xlabel(label: string): this {
    this.x.label = String(label);
    return this;
  }

  ylabel(label: string): this {
    this.y.label = String(label);
    return this;
  }

  title(title: string): this {
    this.titleText = String(title);
    return this;
  }

  legend(labels?: readonly string[] | LegendOptions, options: LegendOptions = {}): this {
    let opts = options;
    const entries = this.legendItems(true);
    if (Array.isArray(labels)) {
      if (labels.length > entries.length) {
        throw new PlotError('legend', `${labels.length} labels given for the ${entries.length} series of ${this.name}`);
      }
      labels.forEach((label, k) => {
        entries[k]!.label = String(label);
      });
    } else if (labels !== undefined) opts = labels as LegendOptions;
    opts = checkPlotOptions(opts, 'legend');
    const loc = opts.loc ?? 'best';
    if (loc !== 'best' && !LOCATIONS.includes(loc)) {
      throw new PlotError('legend', `unknown location '${showValue(loc)}' (use 'best', ${LOCATIONS.map((l) => `'${l}'`).join(', ')})`);
    }
    this.legendLoc = loc;
    return this;
  }

  xlim(min?: Limit, max?: Limit): this {
    setLimits(this.x, min, max, 'xlim');
    return this;
  }

  ylim(min?: Limit, max?: Limit): this {
    setLimits(this.y, min, max, 'ylim');
    return this;
  }

  xscale(type: ScaleType): this {
    this.x.scale = scaleType(type, 'xscale');
    return this;
  }

  yscale(type: ScaleType): this {
    this.y.scale = scaleType(type, 'yscale');
    return this;
  }

  grid(on = true): this {
    this.showGrid = on;
    return this;
  }

  ticklabelFormat(options?: TicklabelFormatOptions): this {
    options = checkPlotOptions(options, 'ticklabelFormat');
    const axis = options.axis ?? 'both';
    if (axis !== 'x' && axis !== 'y' && axis !== 'both') throw new PlotError('ticklabelFormat', `axis must be 'x', 'y' or 'both', got '${String(axis)}'`);
    if (options.useOffset !== undefined) {
      if (typeof options.useOffset !== 'boolean') throw new PlotError('ticklabelFormat', `useOffset must be true or false, got ${String(options.useOffset)}`);
      if (axis !== 'y') this.x.useOffset = options.useOffset;
      if (axis !== 'x') this.y.useOffset = options.useOffset;
    }
    return this;
  }

  xticks(ticks: ArrayLike<number>, labels?: readonly string[]): this {
    this.x.ticks = fixedTicks(ticks, labels, 'xticks');
    return this;
  }

  yticks(ticks: ArrayLike<number>, labels?: readonly string[]): this {
    this.y.ticks = fixedTicks(ticks, labels, 'yticks');
    return this;
  }

  private cycleColor(): string {
    return COLOR_CYCLE[this.nextColor++ % COLOR_CYCLE.length]!;
  }

  /** Series and lines that have a legend entry, in the order they were added (or all of them). */
  private legendItems(all = false): (Series | RefLine)[] {
    return this.items.filter((s): s is Series | RefLine => (s.kind === 'series' || s.kind === 'ref') && (s.kind !== 'series' || s.legend !== false) && (all || (s.label !== undefined && s.label !== '')));
  }

  /** The data as numbers in the axis's display unit; fixes the unit on first use. */
  private values(axis: AxisState, input: PlotData, call: string, what: string): Float64Array {
    const data = normaliseData(input, call, what);
    if (isQuantityArrayLike(data) && data.dim !== undefined && !data.isDimensionless) {
      if (axis.plain) {
        throw new PlotError(call, `${what} has units (${getUnitForDisplay(data.dim)}) but this axis of ${this.name} already shows plain numbers; plot numbers in a unit (e.g. M.t.in(ms)) or quantities throughout`);
      }
      if (axis.unit !== undefined && axis.unit.dim !== data.dim) {
        throw new PlotError(call, `${what} has units of ${getUnitForDisplay(data.dim)} but this axis of ${this.name} shows ${axis.unit.dispname}`);
      }
      axis.unit ??= bestUnit(data.values, data.dim);
      const scale = axis.unit.scale;
      return data.values.map((v) => v / scale);
    }
    if (axis.unit !== undefined) {
      throw new PlotError(call, `${what} is plain numbers but this axis of ${this.name} shows quantities in ${axis.unit.dispname}; pass a QuantityArray`);
    }
    axis.plain = true;
    if (isQuantityArrayLike(data)) return Float64Array.from(data.values);
    if (!ArrayBuffer.isView(data)) {
      for (let k = 0; k < data.length; k++) {
        if (typeof data[k] !== 'number') throw new PlotError(call, `${what}[${k}] is ${describe(data[k])}, not a number`);
      }
    }
    return Float64Array.from(data);
  }

  /** A scalar (number or Quantity) in the axis's display unit; a Quantity fixes the unit on an empty axis. */
  private scalar(axis: AxisState, v: Limit, call: string, what: string): number {
    if (v instanceof Quantity && !v.isDimensionless) {
      if (axis.plain) throw new PlotError(call, `${what} ${String(v)} has units but this axis of ${this.name} shows plain numbers`);
      if (axis.unit !== undefined && axis.unit.dim !== v.dim) throw new PlotError(call, `${what} ${String(v)} does not have this axis's units (${axis.unit.dispname})`);
      axis.unit ??= bestUnit(Float64Array.of(v.value), v.dim);
      return v.value / axis.unit.scale;
    }
    const n = v instanceof Quantity ? v.value : v;
    if (axis.unit !== undefined) throw new PlotError(call, `${what} is a plain number but this axis of ${this.name} shows quantities in ${axis.unit.dispname}; pass a Quantity`);
    return finiteNumber(n, call, what);
  }

  /** A scalar or an array, in the axis's unit. `relative`: a difference (errors), which a plain number may give on any axis. */
  private broadcastValues(axis: AxisState, v: Limit | PlotData, call: string, what: string, relative = false): Float64Array {
    if (typeof v === 'number' && relative && axis.unit !== undefined) return Float64Array.of(v);
    if (typeof v === 'number' || v instanceof Quantity) return Float64Array.of(this.scalar(axis, v, call, what));
    return this.values(axis, v, call, what);
  }

  /** Raw data range of an axis (no margins), or undefined without data. @internal */
  dataRange(which: 'x' | 'y'): [number, number] | undefined {
    const axis = which === 'x' ? this.x : this.y;
    const log = axis.scale === 'log';
    let lo = Infinity;
    let hi = -Infinity;
    const see = (v: number): void => {
      if (!Number.isFinite(v) || (log && !(v > 0))) return;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    };
    for (const item of this.items) {
      if (item.kind === 'series') {
        const values = which === 'x' ? item.x : item.y;
        for (let k = 0; k < values.length; k++) see(values[k]!);
      } else if (item.kind === 'ref') {
        if (item.axis === which) see(item.value);
      } else if (item.kind === 'image') {
        const [a, b, c, d] = item.extent;
        if (which === 'x') {
          see(a);
          see(b);
        } else {
          see(c);
          see(d);
        }
      }
    }
    if (which === 'x' && this.twinPanel !== undefined) {
      const t = this.twinPanel.dataRange('x');
      if (t !== undefined) {
        see(t[0]);
        see(t[1]);
      }
    }
    return lo > hi ? undefined : [lo, hi];
  }

  /** The axis's explicit limits in its display unit. @internal */
  limits(which: 'x' | 'y'): [number | undefined, number | undefined] {
    const axis = which === 'x' ? this.x : this.y;
    return [resolveLimit(axis, axis.min, `${which} axis of ${this.name}`), resolveLimit(axis, axis.max, `${which} axis of ${this.name}`)];
  }

  /** The axis range: the limits where given, else the data's range with matplotlib's 5% margins. @internal */
  domain(which: 'x' | 'y', range: [number, number] | undefined = this.dataRange(which), limits = this.limits(which)): [number, number] {
    const axis = which === 'x' ? this.x : this.y;
    const what = `${which} axis of ${this.name}`;
    const log = axis.scale === 'log';
    let [lo, hi] = range ?? (log ? [1, 10] : [0, 1]);
    const t = log ? Math.log10 : (v: number) => v;
    const inv = log ? (v: number) => 10 ** v : (v: number) => v;
    let a = t(lo);
    let b = t(hi);
    if (a === b) {
      const pad = a === 0 ? 1 : Math.abs(a) * 0.05;
      a -= pad;
      b += pad;
    } else {
      const m = 0.05 * (b - a);
      // Margins stop at sticky edges (bar bottoms, image borders), as matplotlib's.
      const sticky = which === 'x' ? this.sticky.x : this.sticky.y;
      const stickLo = sticky.some((s) => t(s) === a);
      const stickHi = sticky.some((s) => t(s) === b);
      if (!stickLo) a -= m;
      if (!stickHi) b += m;
    }
    lo = inv(a);
    hi = inv(b);
    const [min, max] = limits;
    const domain: [number, number] = [min ?? lo, max ?? hi];
    if (log && !(domain[0] > 0 && domain[1] > 0)) {
      throw new PlotError('render', `the ${what} is logarithmic, so its limits must be positive, got [${domain[0]}, ${domain[1]}]`);
    }
    if (domain[0] === domain[1]) throw new PlotError('render', `the ${what} has equal limits (${domain[0]})`);
    return domain;
  }

  /** Measures the panel at a size: ranges, ticks and the margins it needs. @internal */
  layout(width: number, height: number, context: PanelContext = {}): PanelLayout {
    if (this.polar) return this.polarLayout(width, height);
    const xDomain = context.xDomain ?? this.domain('x');
    const yDomain = context.yDomain ?? this.domain('y');
    const xLabel = axisLabel(this.x, context.hideXTickLabels === true);
    const yLabel = axisLabel(this.y, context.hideYTickLabels === true);
    const yTicks = this.ticksFor(this.y, yDomain, tickBins(height - 60, 'y'), context.hideYTickLabels === true);
    const yTickW = labelsWidth(yTicks.labels);
    const top = this.titleText === undefined ? (yTicks.offset === '' ? 14 : 22) : 14 + textHeight(this.titleText, TITLE_SIZE) + 4;
    const left = Math.round(8 + (yLabel === null ? 0 : textHeight(yLabel) + 6) + (yTickW === 0 ? 0 : yTickW + 3) + 5);
    const bottom = Math.round(6 + 5 + (context.hideXTickLabels === true ? 0 : 3 + FONT_SIZE) + (xLabel === null ? 6 : 8 + textHeight(xLabel) + 2));
    let right = 14;
    const twin = this.twinPanel?.layout(width, height, { xDomain });
    if (twin !== undefined) right = Math.max(right, twin.margins.left);
    if (this.hasColorbar && this.colorScale !== undefined) {
      const cb = colorbarTicks(this.colorScale, height);
      right = Math.max(right, COLORBAR_GAP + COLORBAR_WIDTH + 8 + labelsWidth(cb.labels) + (this.colorbarLabel === undefined ? 4 : 8 + textHeight(this.colorbarLabel)));
    }
    const xTicks = this.ticksFor(this.x, xDomain, tickBins(width - left - right, 'x'), context.hideXTickLabels === true);
    const lastX = xTicks.labels[xTicks.labels.length - 1] ?? '';
    if (twin === undefined && !this.hasColorbar) right = Math.round(Math.max(right, 8 + lineWidth(lastX) / 2));
    return { width, height, xDomain, yDomain, xTicks, yTicks, margins: { left, right: Math.round(right), top: Math.round(top), bottom }, twin, xLabel, yLabel };
  }

  /** A polar panel's layout: the radius range from 0 and room for the angle labels. */
  private polarLayout(width: number, height: number): PanelLayout {
    const range = this.dataRange('y');
    const [, rmaxLimit] = this.limits('y');
    const rmax = rmaxLimit ?? (range === undefined || !(range[1] > 0) ? 1 : range[1] * 1.05);
    const yDomain: [number, number] = [0, rmax];
    const { ticks } = linearTicks(0, rmax, 4);
    const labels = scalarLabels(ticks, 0, rmax, this.y.useOffset);
    const yTicks: Ticks = { values: ticks, format: (v) => labels.labels[ticks.indexOf(v)] ?? '', labels: labels.labels, offset: labels.offset };
    const xTicks: Ticks = { values: [], format: () => '', labels: [], offset: '' };
    const top = this.titleText === undefined ? 24 : 24 + textHeight(this.titleText, TITLE_SIZE) + 4;
    return { width, height, xDomain: [0, 2 * Math.PI], yDomain, xTicks, yTicks, margins: { left: 34, right: 34, top, bottom: 24 }, twin: undefined, xLabel: null, yLabel: null };
  }

  /** The polar frame, grid and data: θ counter-clockwise from the right, r from the centre. */
  private polarMark(layout: PanelLayout): Plot.RenderFunction {
    return (_index, _scales, _values, dims, context) => {
      const doc = context.document as unknown as PlotDocument;
      const w = dims.width - dims.marginLeft - dims.marginRight;
      const h = dims.height - dims.marginTop - dims.marginBottom;
      const R = Math.max(1, Math.min(w, h) / 2);
      const cx = dims.marginLeft + w / 2;
      const cy = dims.marginTop + h / 2;
      const rmax = layout.yDomain[1];
      const toXY = (theta: Float64Array, r: Float64Array): [Float64Array, Float64Array] => {
        const px = new Float64Array(theta.length);
        const py = new Float64Array(theta.length);
        for (let k = 0; k < theta.length; k++) {
          const rr = (r[k]! / rmax) * R;
          px[k] = cx + rr * Math.cos(theta[k]!);
          py[k] = cy - rr * Math.sin(theta[k]!);
        }
        return [px, py];
      };
      const g = doc.createElementNS(SVG_NS, 'g');
      g.setAttribute('aria-label', 'polar');
      const line = (d: string, stroke: string, widthPx = 0.8): void => {
        const path = doc.createElementNS(SVG_NS, 'path');
        path.setAttribute('d', d);
        path.setAttribute('fill', 'none');
        path.setAttribute('stroke', stroke);
        path.setAttribute('stroke-width', String(widthPx));
        g.appendChild(path);
      };
      const circle = (r: number): string => `M${round2(cx + r)},${round2(cy)}a${round2(r)},${round2(r)} 0 1,0 ${round2(-2 * r)},0a${round2(r)},${round2(r)} 0 1,0 ${round2(2 * r)},0`;
      // Grid (matplotlib draws polar grids by default): circles at the radius ticks, spokes every 45°.
      for (const t of layout.yTicks.values ?? []) if (t > 0 && t < rmax) line(circle((t / rmax) * R), '#b0b0b0');
      for (let k = 0; k < 8; k++) {
        const a = (k * Math.PI) / 4;
        line(`M${round2(cx)},${round2(cy)}L${round2(cx + R * Math.cos(a))},${round2(cy - R * Math.sin(a))}`, '#b0b0b0');
        const label = textElement(doc, `${k * 45}°`, cx + (R + 14) * Math.cos(a), cy - (R + 14) * Math.sin(a), { anchor: 'middle', baseline: 'middle' });
        const group = doc.createElementNS(SVG_NS, 'g');
        group.setAttribute('aria-label', 'x-axis tick label');
        group.appendChild(label);
        g.appendChild(group);
      }
      // Radius labels along the 22.5° spoke, as matplotlib.
      const spoke = Math.PI / 8;
      (layout.yTicks.values ?? []).forEach((t, k) => {
        if (t <= 0) return;
        const rr = (t / rmax) * R;
        const group = doc.createElementNS(SVG_NS, 'g');
        group.setAttribute('aria-label', 'y-axis tick label');
        group.appendChild(textElement(doc, layout.yTicks.labels[k]!, cx + rr * Math.cos(spoke), cy - rr * Math.sin(spoke), { anchor: 'start', baseline: 'middle' }));
        g.appendChild(group);
      });
      const clip = doc.createElementNS(SVG_NS, 'clipPath');
      const id = `polar-${Math.round(cx)}-${Math.round(cy)}-${Math.round(R)}-${this.items.length}`;
      clip.setAttribute('id', id);
      const disc = doc.createElementNS(SVG_NS, 'path');
      disc.setAttribute('d', circle(R));
      clip.appendChild(disc);
      g.appendChild(clip);
      const inner = doc.createElementNS(SVG_NS, 'g');
      inner.setAttribute('clip-path', `url(#${id})`);
      g.appendChild(inner);
      const area = { width: dims.width, height: dims.height };
      for (const item of this.items) {
        if (item.kind === 'series') {
          const [px, py] = toXY(item.x, item.y);
          drawSeries(doc, inner, item, px, py, area.width, area.height, { left: -1e6, right: 1e6, top: -1e6, bottom: 1e6 });
        } else if (item.kind === 'ref') {
          const path = doc.createElementNS(SVG_NS, 'path');
          if (item.axis === 'x') {
            // axvline: a spoke at angle `value` from `from` to `to` of the radius
            const a = item.value;
            path.setAttribute('d', `M${round2(cx + item.from * R * Math.cos(a))},${round2(cy - item.from * R * Math.sin(a))}L${round2(cx + item.to * R * Math.cos(a))},${round2(cy - item.to * R * Math.sin(a))}`);
          } else path.setAttribute('d', circle((item.value / rmax) * R));
          strokeStyle(path, item.color, item.lineWidth, item.lineStyle, item.alpha);
          inner.appendChild(path);
        }
      }
      line(circle(R), 'black', 1);
      return g as unknown as ReturnType<Plot.RenderFunction>;
    };
  }

  /** Tick values (null: Plot's own, for log axes) and their labels. */
  private ticksFor(axis: AxisState, domain: [number, number], target: number, hideLabels: boolean): Ticks {
    const lo = Math.min(domain[0], domain[1]);
    const hi = Math.max(domain[0], domain[1]);
    let result: Ticks;
    if (axis.ticks !== undefined) {
      const { values, labels } = axis.ticks;
      const auto = labels === undefined ? scalarLabels(values, lo, hi, axis.useOffset) : { labels, offset: '' };
      const map = new Map(values.map((v, k) => [v, auto.labels[k]!]));
      const visible = values.filter((v) => v >= lo - 1e-12 * (hi - lo) && v <= hi + 1e-12 * (hi - lo));
      result = { values: visible, format: (v) => map.get(v) ?? '', labels: visible.map((v) => map.get(v)!), offset: auto.offset };
    } else if (axis.scale === 'log') {
      const labels: string[] = [];
      for (let e = Math.ceil(Math.log10(lo)); e <= Math.floor(Math.log10(hi)); e++) labels.push(logTickLabel(10 ** e));
      result = { values: null, format: logTickLabel, labels, offset: '' };
    } else {
      const { ticks } = linearTicks(lo, hi, target);
      const { labels, offset } = scalarLabels(ticks, lo, hi, axis.useOffset);
      const map = new Map(ticks.map((v, k) => [v, labels[k]!]));
      result = { values: ticks, format: (v) => map.get(v) ?? '', labels, offset };
    }
    if (hideLabels) return { values: result.values, format: () => '', labels: [], offset: '' };
    return result;
  }

  /** Renders the panel as an SVG element with the given margins (aligned across the figure). @internal */
  render(document: PlotDocument, layout: PanelLayout, margins: Margins, id: string, overlay = false): PlotElement {
    const { width, height, xDomain, yDomain, xTicks, yTicks } = layout;
    const marks: Plot.Markish[] = [];
    if (this.polar) {
      marks.push(this.polarMark(layout), this.labelsMark(layout, false));
      if (this.legendLoc !== undefined) marks.push(this.legendMark(this.legendLoc === 'best' ? 'upper right' : this.legendLoc, xDomain, yDomain));
      const svg = Plot.plot({ document, width, height, ...{ marginTop: margins.top, marginRight: margins.right, marginBottom: margins.bottom, marginLeft: margins.left }, x: { domain: [-1, 1], axis: null }, y: { domain: [-1, 1], axis: null }, marks }) as unknown as PlotElement;
      svg.removeAttribute('font-family');
      svg.removeAttribute('font-size');
      svg.removeAttribute('class');
      svg.setAttribute('overflow', 'visible');
      for (const style of Array.from(svg.querySelectorAll('style'))) style.remove();
      return svg;
    }
    const right = overlay;
    if (this.showGrid) {
      // Grid lines at the labelled ticks only (the decades of a log axis, as matplotlib).
      if (!overlay) marks.push(Plot.gridX(xTicks.values ?? decades(xDomain), { stroke: '#b0b0b0', strokeOpacity: 0.6 }));
      marks.push(Plot.gridY(yTicks.values ?? decades(yDomain), { stroke: '#b0b0b0', strokeOpacity: 0.6 }));
    }
    marks.push(this.itemsMark(id, xDomain, yDomain));
    if (!overlay) {
      marks.push(Plot.frame({ stroke: 'black', strokeWidth: 1 }));
      marks.push(
        Plot.axisX({
          ...(xTicks.values === null ? {} : { ticks: xTicks.values }),
          tickFormat: xTicks.format,
          tickSize: 5,
          tickPadding: 3,
          label: null,
        }),
      );
    }
    marks.push(
      Plot.axisY({
        ...(yTicks.values === null ? {} : { ticks: yTicks.values }),
        ...(right ? { anchor: 'right' as const } : {}),
        tickFormat: yTicks.format,
        tickSize: 5,
        tickPadding: 3,
        label: null,
      }),
    );
    marks.push(this.labelsMark(layout, right));
    if (this.legendLoc !== undefined) marks.push(this.legendMark(this.legendLoc, xDomain, yDomain));
    if (this.hasColorbar && this.colorScale !== undefined) marks.push(this.colorbarMark(this.colorScale));

    const svg = Plot.plot({
      document,
      width,
      height,
      marginTop: margins.top,
      marginRight: margins.right,
      marginBottom: margins.bottom,
      marginLeft: margins.left,
      // An overlay (twin) draws no x axis of its own: Plot would add one unless told.
      x: { type: this.x.scale, domain: xDomain, ...(overlay ? { axis: null } : {}) },
      y: { type: this.y.scale, domain: yDomain },
      marks,
    }) as unknown as PlotElement;
    // The figure sets one font for all panels (DejaVu Sans: the font bundled for PNG output).
    svg.removeAttribute('font-family');
    svg.removeAttribute('font-size');
    svg.removeAttribute('class');
    // Labels may extend past the panel's box (a long y label): nested SVGs clip unless told not to.
    svg.setAttribute('overflow', 'visible');
    for (const style of Array.from(svg.querySelectorAll('style'))) style.remove();
    return svg;
  }

  /** Axis labels, title and offset texts as SVG text (multi-line labels become tspans). */
  private labelsMark(layout: PanelLayout, right: boolean): Plot.RenderFunction {
    const { xLabel, yLabel } = layout;
    return (_index, _scales, _values, dims, context) => {
      const doc = context.document as unknown as PlotDocument;
      const g = doc.createElementNS(SVG_NS, 'g');
      const add = (label: string, el: PlotElement): void => {
        const group = doc.createElementNS(SVG_NS, 'g');
        group.setAttribute('aria-label', label);
        group.appendChild(el);
        g.appendChild(group);
      };
      const plotLeft = dims.marginLeft;
      const plotRight = dims.width - dims.marginRight;
      const plotTop = dims.marginTop;
      const plotBottom = dims.height - dims.marginBottom;
      const yTickW = labelsWidth(layout.yTicks.labels);
      // tick (5) + padding (3) + labels + matplotlib's label pad (4 pt)
      const tickSpace = yTickW === 0 ? 8 : 8 + yTickW + 6;
      if (!right && xLabel !== null) {
        const y = plotBottom + 5 + (layout.xTicks.labels.length === 0 ? 0 : 3 + FONT_SIZE) + 8;
        add('x-axis label', textElement(doc, xLabel, (plotLeft + plotRight) / 2, y, { anchor: 'middle', baseline: 'hanging' }));
      }
      if (yLabel !== null) {
        const x = right ? plotRight + tickSpace : plotLeft - tickSpace;
        // Rotated to read upwards on both sides (matplotlib's); on the right its top faces the ticks.
        add('y-axis label', textElement(doc, yLabel, x, (plotTop + plotBottom) / 2, { anchor: 'middle', baseline: right ? 'hanging' : 'auto', rotate: -90 }));
      }
      if (!right && this.titleText !== undefined) {
        add('title', textElement(doc, this.titleText, (plotLeft + plotRight) / 2, plotTop - 8, { anchor: 'middle', baseline: 'auto', size: TITLE_SIZE}));
      }
      if (layout.yTicks.offset !== '') {
        add('y-axis offset', textElement(doc, layout.yTicks.offset, right ? plotRight : plotLeft, plotTop - 5, { anchor: right ? 'end' : 'start', baseline: 'auto' }));
      }
      if (!right && layout.xTicks.offset !== '') {
        add('x-axis offset', textElement(doc, layout.xTicks.offset, plotRight, plotBottom + 5 + 3 + FONT_SIZE + 6, { anchor: 'end', baseline: 'hanging' }));
      }
      return g as unknown as ReturnType<Plot.RenderFunction>;
    };
  }

  /** Every item as one clipped group: images, patches, lines, markers, reference lines and texts. */
  private itemsMark(id: string, xDomain: [number, number], yDomain: [number, number]): Plot.RenderFunction {
    const xLog = this.x.scale === 'log';
    const yLog = this.y.scale === 'log';
    return (_index, scales, _values, dims, context) => {
      const doc = context.document as unknown as PlotDocument;
      const w = dims.width - dims.marginLeft - dims.marginRight;
      const h = dims.height - dims.marginTop - dims.marginBottom;
      const g = doc.createElementNS(SVG_NS, 'g');
      g.setAttribute('transform', `translate(${dims.marginLeft},${dims.marginTop})`);
      const clip = doc.createElementNS(SVG_NS, 'clipPath');
      clip.setAttribute('id', `${id}-clip`);
      const rect = doc.createElementNS(SVG_NS, 'rect');
      rect.setAttribute('width', String(w));
      rect.setAttribute('height', String(h));
      clip.appendChild(rect);
      g.appendChild(clip);
      const inner = doc.createElementNS(SVG_NS, 'g');
      inner.setAttribute('clip-path', `url(#${id}-clip)`);
      g.appendChild(inner);
      const mapX = mapper(scales.x, xDomain, xLog, dims.marginLeft);
      const mapY = mapper(scales.y, yDomain, yLog, dims.marginTop);
      const visibleBox = { left: 0, right: w, top: 0, bottom: h };
      // matplotlib's z-order: images, patches, lines, texts (each kind in the order added).
      const order = (item: Item): number => (item.kind === 'image' ? 0 : item.kind === 'series' && item.fill === true ? 1 : item.kind === 'text' ? 3 : 2);
      const sorted = this.items.map((item, k) => ({ item, k })).sort((a, b) => order(a.item) - order(b.item) || a.k - b.k);
      for (const { item } of sorted) {
        if (item.kind === 'image') {
          const [x0, x1, y0, y1] = item.extent;
          const [px0, px1] = [mapX(Float64Array.of(x0))[0]!, mapX(Float64Array.of(x1))[0]!];
          const [py0, py1] = [mapY(Float64Array.of(y0))[0]!, mapY(Float64Array.of(y1))[0]!];
          const image = doc.createElementNS(SVG_NS, 'image');
          image.setAttribute('x', String(round2(Math.min(px0, px1))));
          image.setAttribute('y', String(round2(Math.min(py0, py1))));
          image.setAttribute('width', String(round2(Math.abs(px1 - px0))));
          image.setAttribute('height', String(round2(Math.abs(py1 - py0))));
          image.setAttribute('preserveAspectRatio', 'none');
          image.setAttribute('image-rendering', 'optimizeSpeed');
          image.setAttribute('style', 'image-rendering:pixelated');
          // The picture's row 0 is the extent's top; flip when the y axis runs downwards.
          if ((py1 > py0) !== (px1 < px0)) {
            const flipY = py1 > py0;
            const flipX = px1 < px0;
            const cx = (px0 + px1) / 2;
            const cy = (py0 + py1) / 2;
            image.setAttribute('transform', `translate(${round2(cx)},${round2(cy)}) scale(${flipX ? -1 : 1},${flipY ? -1 : 1}) translate(${round2(-cx)},${round2(-cy)})`);
          }
          image.setAttribute('href', item.href);
          inner.appendChild(image);
        } else if (item.kind === 'series') {
          drawSeries(doc, inner, item, mapX(item.x), mapY(item.y), w, h, visibleBox);
        } else if (item.kind === 'ref') {
          const p = (item.axis === 'y' ? mapY : mapX)(Float64Array.of(item.value))[0]!;
          const path = doc.createElementNS(SVG_NS, 'path');
          path.setAttribute('d', item.axis === 'y' ? `M${round2(item.from * w)},${round2(p)}H${round2(item.to * w)}` : `M${round2(p)},${round2((1 - item.from) * h)}V${round2((1 - item.to) * h)}`);
          strokeStyle(path, item.color, item.lineWidth, item.lineStyle, item.alpha);
          inner.appendChild(path);
        } else {
          const px = item.coords === 'axes' ? item.x * w : mapX(Float64Array.of(item.x))[0]!;
          const py = item.coords === 'axes' ? (1 - item.y) * h : mapY(Float64Array.of(item.y))[0]!;
          if (item.arrow !== undefined) {
            const ax = mapX(Float64Array.of(item.arrow.x))[0]!;
            const ay = mapY(Float64Array.of(item.arrow.y))[0]!;
            g.appendChild(arrowElement(doc, px, py, ax, ay, item.color));
          }
          const baseline = item.va === 'top' ? 'hanging' : item.va === 'center' ? 'middle' : item.va === 'bottom' ? 'text-after-edge' : 'auto';
          const el = textElement(doc, item.text, px, py, { anchor: item.ha === 'left' ? 'start' : item.ha === 'right' ? 'end' : 'middle', baseline, size: item.fontSize, rotate: -item.rotation });
          el.setAttribute('fill', item.color);
          // Texts are not clipped (matplotlib draws them past the frame too).
          g.appendChild(el);
        }
      }
      return g as unknown as ReturnType<Plot.RenderFunction>;
    };
  }

  /** The legend as SVG text and samples inside the frame (Plot's own legends are HTML). */
  private legendMark(loc: LegendLocation, xDomain: [number, number], yDomain: [number, number]): Plot.RenderFunction {
    const entries = this.legendItems();
    return (_index, scales, _values, dims, context) => {
      if (entries.length === 0) return null;
      const doc = context.document as unknown as PlotDocument;
      const rowH = FONT_SIZE + 7;
      const sampleW = 26;
      const rows = entries.map((s) => lines(s.label!).length);
      const textW = Math.max(...entries.map((s) => textWidth(s.label!)));
      const boxW = Math.round(8 + sampleW + 8 + textW + 8);
      const boxH = rows.reduce((a, b) => a + b, 0) * rowH - rows.reduce((a, r) => a + (r - 1) * (rowH - LINE_HEIGHT * FONT_SIZE), 0) + 8;
      const pad = 8;
      const plotW = dims.width - dims.marginLeft - dims.marginRight;
      const plotH = dims.height - dims.marginTop - dims.marginBottom;
      const place = (l: Exclude<LegendLocation, 'best'>): [number, number] => {
        const left = l.endsWith('left') ? pad : l.endsWith('right') ? plotW - pad - boxW : (plotW - boxW) / 2;
        const top = l.startsWith('upper') ? pad : l.startsWith('lower') ? plotH - pad - boxH : (plotH - boxH) / 2;
        return [left, top];
      };
      let chosen: Exclude<LegendLocation, 'best'> = loc === 'best' ? 'upper right' : loc;
      if (loc === 'best') {
        // matplotlib's 'best': the candidate box covering the fewest data points (first wins ties).
        const mapX = mapper(scales.x, xDomain, this.x.scale === 'log', dims.marginLeft);
        const mapY = mapper(scales.y, yDomain, this.y.scale === 'log', dims.marginTop);
        const points = this.items.filter((s): s is Series => s.kind === 'series').map((s) => [mapX(s.x), mapY(s.y)] as const);
        let best = Infinity;
        for (const l of LOCATIONS) {
          const [left, top] = place(l);
          let count = 0;
          for (const [px, py] of points) {
            for (let k = 0; k < px.length; k++) {
              const x = px[k]!;
              const y = py[k]!;
              if (x >= left && x <= left + boxW && y >= top && y <= top + boxH) count++;
            }
          }
          if (count < best) {
            best = count;
            chosen = l;
          }
          if (count === 0) break;
        }
      }
      const [left, top] = place(chosen);
      const g = doc.createElementNS(SVG_NS, 'g');
      g.setAttribute('aria-label', 'legend');
      g.setAttribute('transform', `translate(${round2(dims.marginLeft + left)},${round2(dims.marginTop + top)})`);
      const box = doc.createElementNS(SVG_NS, 'rect');
      for (const [k, v] of [['width', boxW], ['height', boxH], ['rx', 3], ['fill', 'white'], ['fill-opacity', 0.8], ['stroke', '#cccccc']] as const) box.setAttribute(k, String(v));
      g.appendChild(box);
      let y0 = 4;
      entries.forEach((s, k) => {
        const h = rowH + (rows[k]! - 1) * LINE_HEIGHT * FONT_SIZE;
        const cy = y0 + rowH / 2;
        y0 += h;
        const x0 = 8;
        if (s.kind === 'series' && s.fill === true) {
          const patch = doc.createElementNS(SVG_NS, 'rect');
          for (const [a, v] of [['x', x0 + 4], ['y', cy - 5], ['width', sampleW - 8], ['height', 10], ['fill', s.color]] as const) patch.setAttribute(a, String(v));
          if (s.alpha !== undefined) patch.setAttribute('fill-opacity', String(s.alpha));
          g.appendChild(patch);
        } else if (s.lineStyle !== 'none') {
          const line = doc.createElementNS(SVG_NS, 'path');
          line.setAttribute('d', `M${x0},${cy}h${sampleW}`);
          strokeStyle(line, s.color, s.lineWidth, s.lineStyle, s.alpha);
          g.appendChild(line);
        }
        if (s.kind === 'series' && s.marker !== undefined) {
          const m = doc.createElementNS(SVG_NS, 'path');
          const size = Math.max(s.markerSize, 4);
          m.setAttribute('d', markerPath(Float64Array.of(x0 + sampleW / 2), Float64Array.of(cy), s.marker, size, { width: 1e4, height: 1e4 }));
          if (isLineMarker(s.marker)) {
            m.setAttribute('fill', 'none');
            m.setAttribute('stroke', s.color);
          } else m.setAttribute('fill', s.color);
          g.appendChild(m);
        }
        g.appendChild(textElement(doc, s.label!, x0 + sampleW + 8, cy, { anchor: 'start', baseline: 'middle', firstLineAt: true }));
      });
      return g as unknown as ReturnType<Plot.RenderFunction>;
    };
  }

  /** The colour bar right of the panel: the map as an image, ticks and an optional label. */
  private colorbarMark(scale: ColorScale): Plot.RenderFunction {
    return (_index, _scales, _values, dims, context) => {
      const doc = context.document as unknown as PlotDocument;
      const g = doc.createElementNS(SVG_NS, 'g');
      g.setAttribute('aria-label', 'colorbar');
      const x = dims.width - dims.marginRight + COLORBAR_GAP;
      const top = dims.marginTop;
      const h = dims.height - dims.marginTop - dims.marginBottom;
      const n = 256;
      const rgba = new Uint8Array(n * 4);
      for (let k = 0; k < n; k++) {
        const [r, gr, b] = rgbBytes(scale.cmap(1 - (k + 0.5) / n));
        rgba.set([r, gr, b, 255], 4 * k);
      }
      const image = doc.createElementNS(SVG_NS, 'image');
      for (const [a, v] of [['x', x], ['y', top], ['width', COLORBAR_WIDTH], ['height', h], ['preserveAspectRatio', 'none'], ['href', pngDataURL(encodePNG(1, n, rgba))]] as const) image.setAttribute(a, String(v));
      g.appendChild(image);
      const frame = doc.createElementNS(SVG_NS, 'rect');
      for (const [a, v] of [['x', x], ['y', top], ['width', COLORBAR_WIDTH], ['height', h], ['fill', 'none'], ['stroke', 'black']] as const) frame.setAttribute(a, String(v));
      g.appendChild(frame);
      const ticks = colorbarTicks(scale, dims.height);
      const span = scale.vmax - scale.vmin;
      ticks.values.forEach((v, k) => {
        const y = top + h * (1 - (span === 0 ? 0.5 : (v - scale.vmin) / span));
        const tick = doc.createElementNS(SVG_NS, 'path');
        tick.setAttribute('d', `M${x + COLORBAR_WIDTH},${round2(y)}h5`);
        tick.setAttribute('stroke', 'black');
        g.appendChild(tick);
        g.appendChild(textElement(doc, ticks.labels[k]!, x + COLORBAR_WIDTH + 8, y, { anchor: 'start', baseline: 'middle' }));
      });
      if (ticks.offset !== '') g.appendChild(textElement(doc, ticks.offset, x, top - 5, { anchor: 'start', baseline: 'auto' }));
      if (this.colorbarLabel !== undefined) {
        g.appendChild(textElement(doc, this.colorbarLabel, x + COLORBAR_WIDTH + 8 + labelsWidth(ticks.labels) + 6, top + h / 2, { anchor: 'middle', baseline: 'hanging', rotate: -90 }));
      }
      return g as unknown as ReturnType<Plot.RenderFunction>;
    };
  }
}

function colorbarTicks(scale: ColorScale, height: number): { values: number[]; labels: string[]; offset: string } {
  const lo = Math.min(scale.vmin, scale.vmax);
  const hi = Math.max(scale.vmin, scale.vmax);
  const { ticks } = linearTicks(lo, hi, tickBins(height - 60, 'y'));
  const { labels, offset } = scalarLabels(ticks, lo, hi);
  return { values: ticks, labels, offset };
}

const round2 = (v: number): number => Math.round(v * 100) / 100;

/** Data → pixel mapping of a scale (affine in x or log x), anchored at two points instead of a call per point. */
function mapper(scale: ((v: unknown) => unknown) | undefined, domain: [number, number], log: boolean, offset: number): (values: Float64Array) => Float64Array {
  if (scale === undefined) throw new PlotError('render', 'missing scale');
  const t = log ? Math.log : (v: number) => v;
  const a = t(domain[0]);
  const b = t(domain[1]);
  const pa = Number(scale(domain[0])) - offset;
  const pb = Number(scale(domain[1])) - offset;
  const slope = (pb - pa) / (b - a);
  return (values: Float64Array): Float64Array => {
    const out = new Float64Array(values.length);
    for (let k = 0; k < values.length; k++) {
      const v = values[k]!;
      out[k] = log && !(v > 0) ? NaN : pa + (t(v) - a) * slope;
    }
    return out;
  };
}

function strokeStyle(path: PlotElement, color: string, lineWidth: number, lineStyle: LineStyle, alphaValue: number | undefined): void {
  path.setAttribute('fill', 'none');
  path.setAttribute('stroke', color);
  path.setAttribute('stroke-width', String(round2(lineWidth)));
  path.setAttribute('stroke-linejoin', 'round');
  path.setAttribute('stroke-linecap', 'butt');
  const dash = DASHES[lineStyle];
  if (dash !== undefined) path.setAttribute('stroke-dasharray', scaleDash(dash, lineWidth / (1.5 * PX_PER_PT)));
  if (alphaValue !== undefined) path.setAttribute('stroke-opacity', String(alphaValue));
}

function drawSeries(doc: PlotDocument, parent: PlotElement, s: Series, px: Float64Array, py: Float64Array, w: number, h: number, visibleBox: { left: number; right: number; top: number; bottom: number }): void {
  if (s.fill === true) {
    const path = doc.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', `${linePath(px, py)}Z`);
    path.setAttribute('fill', s.color);
    path.setAttribute('stroke', 'none');
    if (s.alpha !== undefined) path.setAttribute('fill-opacity', String(s.alpha));
    parent.appendChild(path);
    return;
  }
  if (s.lineStyle !== 'none') {
    const path = doc.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', linePath(px, py, visibleBox));
    strokeStyle(path, s.color, s.lineWidth, s.lineStyle, s.alpha);
    parent.appendChild(path);
  }
  if (s.marker !== undefined) {
    const path = doc.createElementNS(SVG_NS, 'path');
    const area = { width: w, height: h };
    // Squares merge into runs (rasters); other markers are drawn one by one.
    path.setAttribute('d', s.marker === 's' && s.alpha === undefined ? squarePath(px, py, s.markerSize, area) : markerPath(px, py, s.marker, s.markerSize, area));
    if (isLineMarker(s.marker)) {
      path.setAttribute('fill', 'none');
      path.setAttribute('stroke', s.color);
      path.setAttribute('stroke-width', String(round2(PX_PER_PT)));
    } else {
      path.setAttribute('fill', s.color);
      path.setAttribute('stroke', 'none');
    }
    if (s.alpha !== undefined) path.setAttribute('opacity', String(s.alpha));
    parent.appendChild(path);
  }
}

interface TextPlacement {
  anchor: 'start' | 'middle' | 'end';
  /** Where (x, y) is on the text block: `'hanging'` its top, `'middle'` its centre, otherwise its last baseline. */
  baseline: 'hanging' | 'middle' | 'auto' | 'text-after-edge';
  size?: number;
  /** Rotation in degrees (SVG's sense: clockwise). */
  rotate?: number;
  /** Grow upwards from (x, y): the last line sits at y (titles, bottom-aligned text). */
  /** The first line is centred at y and further lines go below (legend entries). */
  firstLineAt?: boolean;
}

/** A text element with one tspan per line (`'\n'` in the text), placed as `p` says. */
export function textElement(doc: PlotDocument, text: string, x: number, y: number, p: TextPlacement): PlotElement {
  const parts = lines(text);
  const size = p.size ?? FONT_SIZE;
  const lh = LINE_HEIGHT * size;
  const el = doc.createElementNS(SVG_NS, 'text');
  el.setAttribute('text-anchor', p.anchor);
  if (p.size !== undefined) el.setAttribute('font-size', String(round2(size)));
  el.setAttribute('transform', `translate(${round2(x)},${round2(y)})${p.rotate ? ` rotate(${round2(p.rotate)})` : ''}`);
  // The block's first baseline relative to (x, y); 0.8 em is DejaVu's ascent, 0.35 em centres a line.
  const n = parts.length;
  let first: number;
  if (p.firstLineAt === true) first = 0.35 * size;
  else if (p.baseline === 'hanging') first = 0.8 * size;
  else if (p.baseline === 'middle') first = 0.35 * size - ((n - 1) * lh) / 2;
  else if (p.baseline === 'text-after-edge') first = -0.2 * size - (n - 1) * lh;
  else first = -(n - 1) * lh;
  parts.forEach((line, k) => {
    const span = doc.createElementNS(SVG_NS, 'tspan');
    span.setAttribute('x', '0');
    span.setAttribute('y', String(round2(first + k * lh)));
    span.textContent = line;
    el.appendChild(span);
  });
  return el;
}

function arrowElement(doc: PlotDocument, x0: number, y0: number, x1: number, y1: number, color: string): PlotElement {
  const g = doc.createElementNS(SVG_NS, 'g');
  const len = Math.hypot(x1 - x0, y1 - y0);
  if (len === 0) return g;
  const ux = (x1 - x0) / len;
  const uy = (y1 - y0) / len;
  // Start a little off the text, end with a filled head at the point.
  const sx = x0 + ux * Math.min(6, len / 4);
  const sy = y0 + uy * Math.min(6, len / 4);
  const head = Math.min(10, len / 2);
  const bx = x1 - ux * head;
  const by = y1 - uy * head;
  const line = doc.createElementNS(SVG_NS, 'path');
  line.setAttribute('d', `M${round2(sx)},${round2(sy)}L${round2(bx)},${round2(by)}`);
  line.setAttribute('stroke', color);
  line.setAttribute('stroke-width', String(round2(PX_PER_PT)));
  g.appendChild(line);
  const tip = doc.createElementNS(SVG_NS, 'path');
  const px = -uy * head * 0.4;
  const py = ux * head * 0.4;
  tip.setAttribute('d', `M${round2(x1)},${round2(y1)}L${round2(bx + px)},${round2(by + py)}L${round2(bx - px)},${round2(by - py)}Z`);
  tip.setAttribute('fill', color);
  g.appendChild(tip);
  return g;
}

function decades(domain: [number, number]): number[] {
  const lo = Math.min(domain[0], domain[1]);
  const hi = Math.max(domain[0], domain[1]);
  const out: number[] = [];
  for (let e = Math.ceil(Math.log10(lo) - 1e-9); e <= Math.floor(Math.log10(hi) + 1e-9); e++) out.push(10 ** e);
  return out;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return `the string '${v}'`;
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function finiteNumber(v: unknown, call: string, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new PlotError(call, `${what} must be a finite number, got ${String(v)}`);
  return v;
}

/** Plain numbers (SI values of a QuantityArray) for colour values and mesh edges. */
function plainValues(v: ArrayLike<number> | QuantityArray, call: string, what: string): Float64Array {
  if (isQuantityArrayLike(v)) return v.values;
  if (typeof v !== 'object' || v === null || typeof v.length !== 'number') throw new PlotError(call, `${what} must be an array of numbers`);
  for (let k = 0; k < v.length; k++) if (typeof v[k] !== 'number') throw new PlotError(call, `${what}[${k}] is ${describe(v[k])}, not a number`);
  return Float64Array.from(v);
}

function matrixOf(m: MatrixData, call: string): { values: Float64Array; rows: number; cols: number } {
  if (Array.isArray(m)) {
    const rows = m.length;
    const cols = rows === 0 ? 0 : (m[0] as ArrayLike<number>).length;
    if (rows === 0 || cols === 0) throw new PlotError(call, 'the matrix is empty');
    const values = new Float64Array(rows * cols);
    (m as readonly ArrayLike<number>[]).forEach((row, r) => {
      if (typeof row !== 'object' || row === null || row.length !== cols) throw new PlotError(call, `row ${r} of the matrix has ${row?.length ?? 0} values, row 0 has ${cols}`);
      for (let c = 0; c < cols; c++) {
        const v = row[c];
        if (typeof v !== 'number') throw new PlotError(call, `matrix[${r}][${c}] is ${describe(v)}, not a number`);
        values[r * cols + c] = v;
      }
    });
    return { values, rows, cols };
  }
  if (typeof m !== 'object' || m === null || !('values' in m)) throw new PlotError(call, 'expected a matrix: an array of rows, or { values, rows, cols }');
  const { rows, cols } = m as { rows: number; cols: number };
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1) throw new PlotError(call, `rows and cols must be positive integers, got ${String(rows)} and ${String(cols)}`);
  const values = plainValues((m as { values: ArrayLike<number> }).values, call, 'values');
  if (values.length !== rows * cols) throw new PlotError(call, `values has ${values.length} entries, expected rows × cols = ${rows * cols}`);
  return { values, rows, cols };
}

function indices(n: number, axis: AxisState): Float64Array {
  if (axis.unit !== undefined) throw new PlotError('plot', `plot(y) uses indices as x, but the x axis shows quantities in ${axis.unit.dispname}`);
  axis.plain = true;
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = k;
  return out;
}

function checkLengths(call: string, x: Float64Array, y: Float64Array): void {
  if (x.length !== y.length) {
    throw new PlotError(call, `x and y must have the same length, but have lengths ${x.length} and ${y.length}`);
  }
}

function positive(v: number, call: string, what: string): number {
  if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) throw new PlotError(call, `${what} must be a positive number, got ${showValue(v)}`);
  return v;
}

function alpha(v: number | undefined, call: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new PlotError(call, `alpha must be between 0 and 1, got ${showValue(v)}`);
  return v;
}

function lineStyleOf(v: LineStyle | undefined, call: string): LineStyle {
  const style = v ?? '-';
  if (!(style in DASHES)) throw new PlotError(call, `unknown lineStyle '${String(style)}' (use '-', '--', ':', '-.' or 'none')`);
  return style;
}

function resolveColor(color: string | undefined, call: string): string | undefined {
  if (color === undefined) return undefined;
  if (typeof color !== 'string' || color === '') throw new PlotError(call, `color must be a CSS colour string, got ${showValue(color)}`);
  const parsed = /^(?:[bgrcmykw]|C[0-9])$/.test(color) ? parseFormat(color, call).color : undefined;
  // Anything else is passed to SVG as written; strip characters that could break the attribute.
  return parsed ?? color.replace(/["<>&]/g, '');
}

function scaleType(type: ScaleType, call: string): ScaleType {
  if (type !== 'linear' && type !== 'log') throw new PlotError(call, `unknown scale '${showValue(type)}' (use 'linear' or 'log')`);
  return type;
}

function scaleDash(dash: string, factor: number): string {
  return dash
    .split(',')
    .map((d) => String(Math.round(Number(d) * factor * PX_PER_PT * 100) / 100))
    .join(',');
}

function fixedTicks(ticks: ArrayLike<number>, labels: readonly string[] | undefined, call: string): { values: number[]; labels: string[] | undefined } {
  const values = Array.from(plainValues(ticks, call, 'ticks'));
  if (labels !== undefined && labels.length !== values.length) throw new PlotError(call, `${labels.length} labels for ${values.length} ticks`);
  return { values, labels: labels?.map(String) };
}

function setLimits(axis: AxisState, min: Limit | undefined, max: Limit | undefined, call: string): void {
  for (const v of [min, max]) {
    if (v === undefined) continue;
    if (v instanceof Quantity) {
      if (axis.unit !== undefined && !v.isDimensionless && v.dim !== axis.unit.dim) {
        throw new PlotError(call, `limit ${showValue(v)} does not have the axis's units (${axis.unit.dispname})`);
      }
    } else if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new PlotError(call, `limits must be finite numbers or quantities, got ${showValue(v)}`);
    }
  }
  axis.min = min;
  axis.max = max;
}

function resolveLimit(axis: AxisState, v: Limit | undefined, what: string): number | undefined {
  if (v === undefined || typeof v === 'number') return v;
  if (v.isDimensionless) return v.value;
  if (axis.unit === undefined || axis.unit.dim !== v.dim) {
    throw new PlotError('render', `the limit ${showValue(v)} on the ${what} has units, but the axis shows ${axis.unit === undefined ? 'plain numbers' : axis.unit.dispname}`);
  }
  return v.value / axis.unit.scale;
}

/** The axis label: the user's, else the display unit (`(ms)`) unless the tick labels are hidden (a shared axis). */
function axisLabel(axis: AxisState, ticksHidden = false): string | null {
  if (axis.label !== undefined) return axis.label;
  return axis.unit === undefined || ticksHidden ? null : `(${axis.unit.dispname})`;
}
