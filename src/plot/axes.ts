/**
 * One panel of a figure: its series, labels, limits and scales, rendered to SVG with Observable
 * Plot (axes, ticks, frame) plus brian-ts's own single-path marks for the data.
 */
import * as Plot from '@observablehq/plot';
import { Quantity, QuantityArray, findBestUnit, getUnitForDisplay, DEFAULT_PRINT_OPTIONS } from '../units/index.ts';
import type { Dimension, DisplayUnit } from '../units/index.ts';
import { PlotError } from './errors.ts';
import { checkPlotOptions } from './options.ts';
import { COLOR_CYCLE, DASHES, parseFormat } from './format.ts';
import type { LineStyle, MarkerSymbol } from './format.ts';
import { SVG_NS } from './dom.ts';
import type { PlotDocument, PlotElement } from './dom.ts';
import type { Figure } from './figure.ts';
import { isLineMarker, linePath, markerPath, squarePath } from './paths.ts';
import { formatTick, linearTicks, logTickLabel } from './ticks.ts';

/** Numbers to plot: plain or typed arrays (`M.t.in(ms)`, `M.i`), or a QuantityArray (`M.t`). */
export type PlotData = ArrayLike<number> | QuantityArray;
/** An axis limit: a number in the axis's display unit, or a Quantity. */
export type Limit = number | Quantity;
/** Axis scale types. */
export type ScaleType = 'linear' | 'log';
/** Where the legend goes inside the panel. */
export type LegendLocation = 'upper right' | 'upper left' | 'lower left' | 'lower right';

/** Options of `plot` (matplotlib's keyword arguments; they override the format string). */
export interface LineOptions {
  /** The series' name in the legend. */
  label?: string;
  /** Any CSS colour, or matplotlib's `'C0'`…`'C9'` and single letters. */
  color?: string;
  /** Line width in points (matplotlib's `linewidth`, default 1.5). */
  lineWidth?: number;
  lineStyle?: LineStyle;
  marker?: MarkerSymbol;
  /** Marker size in points (matplotlib's `markersize`, default 6). */
  markerSize?: number;
  /** Opacity from 0 to 1. */
  alpha?: number;
}

/** Options of `scatter`. */
export interface ScatterOptions {
  label?: string;
  color?: string;
  /** Marker, default `'o'`. */
  marker?: MarkerSymbol;
  /** Marker area in points² (matplotlib's `s`, default 36). */
  size?: number;
  alpha?: number;
}

/** Options of `legend`. */
export interface LegendOptions {
  /** Default `'upper right'`. */
  loc?: LegendLocation;
}

/** The plotting methods of a panel; a Figure has them too (they act on its current panel). */
export interface AxesMethods {
  /**
   * A line and/or markers through the points, as matplotlib's `plot`: `plot(y)` uses the indices
   * as x; `fmt` is a format string such as `'.k'`, `'-r'`, `'o--'`.
   * @example fig.plot(M.t.in(ms), M.v[0].in(mV), 'k', { label: 'v' })
   */
  plot(y: PlotData, fmt?: string | LineOptions, options?: LineOptions): this;
  plot(x: PlotData, y: PlotData, fmt?: string | LineOptions, options?: LineOptions): this;
  /** Markers at the points (matplotlib's `scatter`; default marker `'o'`). */
  scatter(x: PlotData, y: PlotData, options?: ScatterOptions): this;
  /** The x-axis label. */
  xlabel(label: string): this;
  /** The y-axis label. */
  ylabel(label: string): this;
  /** The panel's title. */
  title(title: string): this;
  /**
   * Shows a legend of the labelled series; `labels` names the series in the order they were
   * added (as matplotlib's `legend(['a', 'b'])`).
   */
  legend(labels?: readonly string[] | LegendOptions, options?: LegendOptions): this;
  /** Fixes the x range; an omitted end stays automatic. */
  xlim(min?: Limit, max?: Limit): this;
  /** Fixes the y range; an omitted end stays automatic. */
  ylim(min?: Limit, max?: Limit): this;
  /** Linear or logarithmic x axis. */
  xscale(type: ScaleType): this;
  /** Linear or logarithmic y axis. */
  yscale(type: ScaleType): this;
  /** Shows (or hides) grid lines at the ticks. */
  grid(on?: boolean): this;
}

/** Pixels per point at the figure's nominal 100 pixels per inch (matplotlib's default dpi). */
export const PX_PER_PT = 100 / 72;
const FONT_SIZE = 12;
const TITLE_SIZE = 14;
/** Average advance of DejaVu Sans digits and letters, in em (for margin estimates). */
const CHAR_EM = 0.62;

interface AxisState {
  label: string | undefined;
  min: Limit | undefined;
  max: Limit | undefined;
  scale: ScaleType;
  /** Display unit, fixed by the first QuantityArray plotted on this axis. */
  unit: DisplayUnit | undefined;
  /** Whether plain numbers were plotted on this axis (they cannot be mixed with quantities). */
  plain: boolean;
}

interface Series {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly color: string;
  readonly lineStyle: LineStyle;
  readonly lineWidth: number;
  readonly marker: MarkerSymbol | undefined;
  readonly markerSize: number;
  readonly alpha: number | undefined;
  label: string | undefined;
  /** Filled polygon (no stroke) instead of a line. */
  readonly fill?: boolean;
}

type PlotArgs = [PlotData, (PlotData | string | LineOptions)?, (string | LineOptions)?, LineOptions?];

function isData(v: unknown): v is PlotData {
  return v instanceof QuantityArray || (typeof v === 'object' && v !== null && typeof (v as ArrayLike<number>).length === 'number');
}

function newAxis(): AxisState {
  return { label: undefined, min: undefined, max: undefined, scale: 'linear', unit: undefined, plain: false };
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

/** One panel: series, labels, limits and scales. Created by `figure()` and `Figure.subplot`. */
export class Axes implements AxesMethods {
  private readonly series: Series[] = [];
  private readonly x: AxisState = newAxis();
  private readonly y: AxisState = newAxis();
  private titleText: string | undefined;
  private legendLoc: LegendLocation | undefined;
  private showGrid = false;
  private nextColor = 0;

  /**
   * @param name how errors name this panel (`subplot (0, 1)`)
   * @param figure the figure the panel belongs to
   */
  constructor(
    readonly name: string,
    readonly figure: Figure,
  ) {}

  plot(y: PlotData, fmt?: string | LineOptions, options?: LineOptions): this;
  plot(x: PlotData, y: PlotData, fmt?: string | LineOptions, options?: LineOptions): this;
  plot(...args: PlotArgs): this {
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
      rest = [second, third];
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
    const parsed = fmt === undefined ? {} : parseFormat(fmt, 'plot');
    const yValues = this.values(this.y, yData, 'plot', 'y');
    const xValues = xData === undefined ? indices(yValues.length, this.x) : this.values(this.x, xData, 'plot', 'x');
    checkLengths('plot', xValues, yValues);
    const marker = options.marker ?? parsed.marker;
    const lineStyle = options.lineStyle ?? parsed.lineStyle ?? (marker === undefined ? '-' : 'none');
    this.series.push({
      x: xValues,
      y: yValues,
      color: resolveColor(options.color, 'plot') ?? parsed.color ?? this.cycleColor(),
      lineStyle,
      lineWidth: positive(options.lineWidth ?? 1.5, 'plot', 'lineWidth') * PX_PER_PT,
      marker,
      markerSize: positive(options.markerSize ?? 6, 'plot', 'markerSize') * PX_PER_PT,
      alpha: alpha(options.alpha, 'plot'),
      label: options.label,
    });
    return this;
  }

  scatter(x: PlotData, y: PlotData, options?: ScatterOptions): this {
    options = checkPlotOptions(options, 'scatter');
    if (!isData(x) || !isData(y)) throw new PlotError('scatter', 'expected (x, y, options?) with x and y arrays');
    const xValues = this.values(this.x, x, 'scatter', 'x');
    const yValues = this.values(this.y, y, 'scatter', 'y');
    checkLengths('scatter', xValues, yValues);
    this.series.push({
      x: xValues,
      y: yValues,
      color: resolveColor(options.color, 'scatter') ?? this.cycleColor(),
      lineStyle: 'none',
      lineWidth: 0,
      marker: options.marker ?? 'o',
      markerSize: Math.sqrt(positive(options.size ?? 36, 'scatter', 'size')) * PX_PER_PT,
      alpha: alpha(options.alpha, 'scatter'),
      label: options.label,
    });
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
    this.series.push({ x, y, color, lineStyle: 'none', lineWidth: 0, marker, markerSize: sizePx, alpha: undefined, label });
  }

  /**
   * Adds a filled polygon in data coordinates (used by `plotMorphology` for the soma).
   * @internal
   */
  addPolygon(x: Float64Array, y: Float64Array, color: string): void {
    checkLengths('plotMorphology', x, y);
    this.x.plain = true;
    this.y.plain = true;
    this.series.push({ x, y, color, lineStyle: '-', lineWidth: 0, marker: undefined, markerSize: 0, alpha: undefined, label: undefined, fill: true });
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
    if (Array.isArray(labels)) {
      if (labels.length > this.series.length) {
        throw new PlotError('legend', `${labels.length} labels given for the ${this.series.length} series of ${this.name}`);
      }
      labels.forEach((label, k) => {
        this.series[k]!.label = String(label);
      });
    } else if (labels !== undefined) opts = labels as LegendOptions;
    opts = checkPlotOptions(opts, 'legend');
    const loc = opts.loc ?? 'upper right';
    if (!['upper right', 'upper left', 'lower left', 'lower right'].includes(loc)) {
      throw new PlotError('legend', `unknown location '${String(loc)}' (use 'upper right', 'upper left', 'lower left' or 'lower right')`);
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

  private cycleColor(): string {
    return COLOR_CYCLE[this.nextColor++ % COLOR_CYCLE.length]!;
  }

  /** The data as numbers in the axis's display unit; fixes the unit on first use. */
  private values(axis: AxisState, data: PlotData, call: string, what: string): Float64Array {
    if (data instanceof QuantityArray && !data.isDimensionless) {
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
    if (data instanceof QuantityArray) return Float64Array.from(data.values);
    if (typeof data !== 'object' || data === null || typeof data.length !== 'number') {
      throw new PlotError(call, `${what} must be an array of numbers`);
    }
    if (!ArrayBuffer.isView(data)) {
      for (let k = 0; k < data.length; k++) {
        if (typeof data[k] !== 'number') throw new PlotError(call, `${what}[${k}] is ${describe(data[k])}, not a number`);
      }
    }
    return Float64Array.from(data);
  }

  /** Renders the panel as an SVG element of the given size. @internal */
  render(document: PlotDocument, width: number, height: number, id: string): PlotElement {
    const xDomain = domainOf(this.x, this.series.map((s) => s.x), `x axis of ${this.name}`);
    const yDomain = domainOf(this.y, this.series.map((s) => s.y), `y axis of ${this.name}`);
    const xLabel = axisLabel(this.x);
    const yLabel = axisLabel(this.y);
    const charW = CHAR_EM * FONT_SIZE;

    // Margins from the tick labels' estimated widths, so long labels never collide.
    const yTicks = this.ticksFor(this.y, yDomain, Math.max(2, Math.round((height - 60) / 45)));
    const yChars = Math.max(1, ...yTicks.labels.map((l) => l.length));
    const marginTop = this.titleText === undefined ? 14 : 14 + TITLE_SIZE + 10;
    const marginLeft = Math.round(10 + (yLabel === null ? 0 : FONT_SIZE + 10) + yChars * charW + 9);
    const marginBottom = Math.round(6 + 3 + FONT_SIZE + (xLabel === null ? 6 : 10 + FONT_SIZE + 8));
    const xTicks = this.ticksFor(this.x, xDomain, Math.max(2, Math.round((width - marginLeft - 30) / 80)));
    const lastX = xTicks.labels[xTicks.labels.length - 1] ?? '';
    const marginRight = Math.round(14 + (lastX.length * charW) / 2);

    const marks: Plot.Markish[] = [];
    if (this.showGrid) {
      // Grid lines at the labelled ticks only (the decades of a log axis, as matplotlib).
      marks.push(Plot.gridX(xTicks.values ?? decades(xDomain), { stroke: '#b0b0b0', strokeOpacity: 0.6 }));
      marks.push(Plot.gridY(yTicks.values ?? decades(yDomain), { stroke: '#b0b0b0', strokeOpacity: 0.6 }));
    }
    marks.push(this.seriesMark(id, xDomain, yDomain));
    marks.push(Plot.frame({ stroke: 'black', strokeWidth: 1 }));
    marks.push(
      Plot.axisX({
        ...(xTicks.values === null ? {} : { ticks: xTicks.values }),
        tickFormat: xTicks.format,
        tickSize: 5,
        tickPadding: 3,
        label: xLabel,
        labelAnchor: 'center',
        labelArrow: 'none',
        labelOffset: marginBottom - 8,
      }),
      Plot.axisY({
        ...(yTicks.values === null ? {} : { ticks: yTicks.values }),
        tickFormat: yTicks.format,
        tickSize: 5,
        tickPadding: 3,
        label: yLabel,
        labelAnchor: 'center',
        labelArrow: 'none',
        labelOffset: marginLeft - 10,
      }),
    );
    if (this.legendLoc !== undefined) marks.push(this.legendMark(this.legendLoc));
    if (this.titleText !== undefined) marks.push(this.titleMark(this.titleText));

    const svg = Plot.plot({
      document,
      width,
      height,
      marginTop,
      marginRight,
      marginBottom,
      marginLeft,
      x: { type: this.x.scale, domain: xDomain, label: xLabel },
      y: { type: this.y.scale, domain: yDomain, label: yLabel },
      marks,
    }) as unknown as PlotElement;
    // The figure sets one font for all panels (DejaVu Sans: the font bundled for PNG output).
    svg.removeAttribute('font-family');
    svg.removeAttribute('font-size');
    svg.removeAttribute('class');
    for (const style of Array.from(svg.querySelectorAll('style'))) style.remove();
    return svg;
  }

  /** Tick values (null: Plot's own, for log axes) and their label format. */
  private ticksFor(axis: AxisState, domain: [number, number], target: number): { values: number[] | null; format: (v: number) => string; labels: string[] } {
    const lo = Math.min(domain[0], domain[1]);
    const hi = Math.max(domain[0], domain[1]);
    if (axis.scale === 'log') {
      const labels: string[] = [];
      for (let e = Math.ceil(Math.log10(lo)); e <= Math.floor(Math.log10(hi)); e++) labels.push(logTickLabel(10 ** e));
      return { values: null, format: logTickLabel, labels };
    }
    const { ticks, step } = linearTicks(lo, hi, target);
    const format = (v: number): string => formatTick(v, step);
    return { values: ticks, format, labels: ticks.map(format) };
  }

  /** All series as one clipped group: one `<path>` for each series' line and one for its markers. */
  private seriesMark(id: string, xDomain: [number, number], yDomain: [number, number]): Plot.RenderFunction {
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
      // The scales are affine in x (or log x); map with two anchor points instead of a call per point.
      const mapper = (scale: ((v: unknown) => unknown) | undefined, domain: [number, number], log: boolean, offset: number) => {
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
      };
      // Series coordinates are relative to the plot area's corner (the clipped inner group).
      const visibleBox = { left: 0, right: w, top: 0, bottom: h };
      const mapX = mapper(scales.x, xDomain, xLog, dims.marginLeft);
      const mapY = mapper(scales.y, yDomain, yLog, dims.marginTop);
      for (const s of this.series) {
        const px = mapX(s.x);
        const py = mapY(s.y);
        if (s.fill === true) {
          const path = doc.createElementNS(SVG_NS, 'path');
          path.setAttribute('d', `${linePath(px, py)}Z`);
          path.setAttribute('fill', s.color);
          path.setAttribute('stroke', 'none');
          inner.appendChild(path);
        } else if (s.lineStyle !== 'none') {
          const path = doc.createElementNS(SVG_NS, 'path');
          path.setAttribute('d', linePath(px, py, visibleBox));
          path.setAttribute('fill', 'none');
          path.setAttribute('stroke', s.color);
          path.setAttribute('stroke-width', String(Math.round(s.lineWidth * 100) / 100));
          path.setAttribute('stroke-linejoin', 'round');
          path.setAttribute('stroke-linecap', 'butt');
          const dash = DASHES[s.lineStyle];
          if (dash !== undefined) path.setAttribute('stroke-dasharray', scaleDash(dash, s.lineWidth / (1.5 * PX_PER_PT)));
          if (s.alpha !== undefined) path.setAttribute('stroke-opacity', String(s.alpha));
          inner.appendChild(path);
        }
        if (s.marker !== undefined) {
          const path = doc.createElementNS(SVG_NS, 'path');
          const area = { width: w, height: h };
          // Squares merge into runs (rasters); other markers are drawn one by one.
          path.setAttribute('d', s.marker === 's' && s.alpha === undefined ? squarePath(px, py, s.markerSize, area) : markerPath(px, py, s.marker, s.markerSize, area));
          if (isLineMarker(s.marker)) {
            path.setAttribute('fill', 'none');
            path.setAttribute('stroke', s.color);
            path.setAttribute('stroke-width', String(Math.round(PX_PER_PT * 100) / 100));
          } else {
            path.setAttribute('fill', s.color);
            path.setAttribute('stroke', 'none');
          }
          if (s.alpha !== undefined) path.setAttribute('opacity', String(s.alpha));
          inner.appendChild(path);
        }
      }
      return g as unknown as ReturnType<Plot.RenderFunction>;
    };
  }

  /** The legend as SVG text and samples inside the frame (Plot's own legends are HTML). */
  private legendMark(loc: LegendLocation): Plot.RenderFunction {
    const entries = this.series.filter((s) => s.label !== undefined && s.label !== '');
    return (_index, _scales, _values, dims, context) => {
      if (entries.length === 0) return null;
      const doc = context.document as unknown as PlotDocument;
      const rowH = FONT_SIZE + 7;
      const sampleW = 26;
      const textChars = Math.max(...entries.map((s) => s.label!.length));
      const boxW = Math.round(8 + sampleW + 8 + textChars * CHAR_EM * FONT_SIZE + 8);
      const boxH = entries.length * rowH + 8;
      const pad = 8;
      const left = loc.endsWith('left') ? dims.marginLeft + pad : dims.width - dims.marginRight - pad - boxW;
      const top = loc.startsWith('upper') ? dims.marginTop + pad : dims.height - dims.marginBottom - pad - boxH;
      const g = doc.createElementNS(SVG_NS, 'g');
      g.setAttribute('aria-label', 'legend');
      g.setAttribute('transform', `translate(${left},${top})`);
      const box = doc.createElementNS(SVG_NS, 'rect');
      for (const [k, v] of [['width', boxW], ['height', boxH], ['rx', 3], ['fill', 'white'], ['fill-opacity', 0.8], ['stroke', '#cccccc']] as const) box.setAttribute(k, String(v));
      g.appendChild(box);
      entries.forEach((s, k) => {
        const cy = 4 + k * rowH + rowH / 2;
        const x0 = 8;
        if (s.lineStyle !== 'none') {
          const line = doc.createElementNS(SVG_NS, 'path');
          line.setAttribute('d', `M${x0},${cy}h${sampleW}`);
          line.setAttribute('stroke', s.color);
          line.setAttribute('stroke-width', String(Math.round(s.lineWidth * 100) / 100));
          const dash = DASHES[s.lineStyle];
          if (dash !== undefined) line.setAttribute('stroke-dasharray', scaleDash(dash, s.lineWidth / (1.5 * PX_PER_PT)));
          g.appendChild(line);
        }
        if (s.marker !== undefined) {
          const m = doc.createElementNS(SVG_NS, 'path');
          const size = Math.max(s.markerSize, 4);
          m.setAttribute('d', markerPath(Float64Array.of(x0 + sampleW / 2), Float64Array.of(cy), s.marker, size, { width: 1e4, height: 1e4 }));
          if (isLineMarker(s.marker)) {
            m.setAttribute('fill', 'none');
            m.setAttribute('stroke', s.color);
          } else m.setAttribute('fill', s.color);
          g.appendChild(m);
        }
        const text = doc.createElementNS(SVG_NS, 'text');
        text.setAttribute('x', String(x0 + sampleW + 8));
        text.setAttribute('y', String(cy));
        text.setAttribute('dy', '0.35em');
        text.setAttribute('text-anchor', 'start');
        text.textContent = s.label!;
        g.appendChild(text);
      });
      return g as unknown as ReturnType<Plot.RenderFunction>;
    };
  }

  private titleMark(title: string): Plot.RenderFunction {
    return (_index, _scales, _values, dims, context) => {
      const text = (context.document as unknown as PlotDocument).createElementNS(SVG_NS, 'text');
      text.setAttribute('aria-label', 'title');
      text.setAttribute('x', String(dims.marginLeft + (dims.width - dims.marginLeft - dims.marginRight) / 2));
      text.setAttribute('y', String(dims.marginTop - 10));
      text.setAttribute('text-anchor', 'middle');
      text.setAttribute('font-size', String(TITLE_SIZE));
      text.textContent = title;
      return text as unknown as ReturnType<Plot.RenderFunction>;
    };
  }
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
  if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) throw new PlotError(call, `${what} must be a positive number, got ${String(v)}`);
  return v;
}

function alpha(v: number | undefined, call: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new PlotError(call, `alpha must be between 0 and 1, got ${String(v)}`);
  return v;
}

function resolveColor(color: string | undefined, call: string): string | undefined {
  if (color === undefined) return undefined;
  if (typeof color !== 'string' || color === '') throw new PlotError(call, `color must be a CSS colour string, got ${String(color)}`);
  const parsed = /^(?:[bgrcmykw]|C[0-9])$/.test(color) ? parseFormat(color, call).color : undefined;
  // Anything else is passed to SVG as written; strip characters that could break the attribute.
  return parsed ?? color.replace(/["<>&]/g, '');
}

function scaleType(type: ScaleType, call: string): ScaleType {
  if (type !== 'linear' && type !== 'log') throw new PlotError(call, `unknown scale '${String(type)}' (use 'linear' or 'log')`);
  return type;
}

function scaleDash(dash: string, factor: number): string {
  return dash
    .split(',')
    .map((d) => String(Math.round(Number(d) * factor * PX_PER_PT * 100) / 100))
    .join(',');
}

function setLimits(axis: AxisState, min: Limit | undefined, max: Limit | undefined, call: string): void {
  for (const v of [min, max]) {
    if (v === undefined) continue;
    if (v instanceof Quantity) {
      if (axis.unit !== undefined && !v.isDimensionless && v.dim !== axis.unit.dim) {
        throw new PlotError(call, `limit ${String(v)} does not have the axis's units (${axis.unit.dispname})`);
      }
    } else if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new PlotError(call, `limits must be finite numbers or quantities, got ${String(v)}`);
    }
  }
  axis.min = min;
  axis.max = max;
}

function resolveLimit(axis: AxisState, v: Limit | undefined, what: string): number | undefined {
  if (v === undefined || typeof v === 'number') return v;
  if (v.isDimensionless) return v.value;
  if (axis.unit === undefined || axis.unit.dim !== v.dim) {
    throw new PlotError('render', `the limit ${String(v)} on the ${what} has units, but the axis shows ${axis.unit === undefined ? 'plain numbers' : axis.unit.dispname}`);
  }
  return v.value / axis.unit.scale;
}

/** The axis range: the limits where given, else the data's range with matplotlib's 5% margins. */
function domainOf(axis: AxisState, data: readonly Float64Array[], what: string): [number, number] {
  const log = axis.scale === 'log';
  let lo = Infinity;
  let hi = -Infinity;
  for (const values of data) {
    for (let k = 0; k < values.length; k++) {
      const v = values[k]!;
      if (!Number.isFinite(v) || (log && !(v > 0))) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo > hi) [lo, hi] = log ? [1, 10] : [0, 1];
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
    a -= m;
    b += m;
  }
  const min = resolveLimit(axis, axis.min, what);
  const max = resolveLimit(axis, axis.max, what);
  const domain: [number, number] = [min ?? inv(a), max ?? inv(b)];
  if (log && !(domain[0] > 0 && domain[1] > 0)) {
    throw new PlotError('render', `the ${what} is logarithmic, so its limits must be positive, got [${domain[0]}, ${domain[1]}]`);
  }
  if (domain[0] === domain[1]) throw new PlotError('render', `the ${what} has equal limits (${domain[0]})`);
  return domain;
}

function axisLabel(axis: AxisState): string | null {
  if (axis.label !== undefined) return axis.label;
  return axis.unit === undefined ? null : `(${axis.unit.dispname})`;
}
