/**
 * Figures: a grid of panels (Axes) rendered to one SVG document. This module is the
 * browser-compatible core; writing files and PNG rendering live in the Node adapter (node.ts),
 * loaded on first use by `save`/`toPNG`.
 */
import { Axes, textElement } from './axes.ts';
import type {
  AnnotateOptions,
  AxesMethods,
  AxhlineOptions,
  AxvlineOptions,
  ColorbarOptions,
  ErrorbarOptions,
  FillOptions,
  HistOptions,
  ImageOptions,
  LegendOptions,
  Limit,
  LineOptions,
  Margins,
  MatrixData,
  PanelLayout,
  PlotData,
  RefLineOptions,
  ScaleType,
  ScatterOptions,
  TextOptions,
  TicklabelFormatOptions,
} from './axes.ts';
import { plotDocument, SVG_NS } from './dom.ts';
import { PlotError } from './errors.ts';
import { checkPlotOptions } from './options.ts';
import { showValue } from '../util/index.ts';

/** Which panels share an axis range: all of them (`true`/`'all'`), those of a column (`'col'`) or of a row (`'row'`). */
export type ShareAxes = boolean | 'all' | 'col' | 'row';

/** Options of `figure()`. */
export interface FigureOptions {
  /** Width in pixels (default 640, matplotlib's 6.4 in at 100 dpi). */
  width?: number;
  /** Height in pixels (default 480). */
  height?: number;
  /** Rows of panels (default 1). */
  rows?: number;
  /** Columns of panels (default 1). */
  cols?: number;
  /** Relative heights of the rows (matplotlib's `height_ratios`), one per row. */
  heightRatios?: readonly number[];
  /** Relative widths of the columns (matplotlib's `width_ratios`), one per column. */
  widthRatios?: readonly number[];
  /**
   * Share the x range between panels (matplotlib's `sharex`); x tick labels then show only on
   * the bottom panel of each column.
   */
  sharex?: ShareAxes;
  /** Share the y range between panels (matplotlib's `sharey`); y tick labels show only on the left column. */
  sharey?: ShareAxes;
}

/** Options of `subplot`: how many grid cells the panel spans (matplotlib's `GridSpec` slices). */
export interface SubplotOptions {
  /** Rows the panel spans, from `row` down (default 1). */
  rowSpan?: number;
  /** Columns the panel spans, from `col` right (default 1). */
  colSpan?: number;
  /** `'polar'` for polar axes (matplotlib's `projection='polar'`): plot(θ, r), θ in radians. */
  projection?: 'rectilinear' | 'polar';
}

/** Options of `save` and `toPNG`. */
export interface SaveOptions {
  /** PNG pixels per figure pixel (default 2: a 640×480 figure gives a 1280×960 PNG). */
  scale?: number;
}

/** The font every figure asks for; the PNG renderer is given DejaVu Sans itself. */
export const FONT_FAMILY = "'DejaVu Sans', Verdana, Arial, sans-serif";

/**
 * A figure: a grid of panels. Its plotting methods act on the current panel (the one last
 * returned by `subplot`, initially the top-left one), as matplotlib's `plt.plot` does.
 */
export interface Figure extends AxesMethods {
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
  /** Rows of the panel grid. */
  readonly rows: number;
  /** Columns of the panel grid. */
  readonly cols: number;
  /**
   * The panel in row `row` and column `col`, counted from 0 (as `axs[row, col]` of matplotlib's
   * `plt.subplots`); it becomes the current panel. With `rowSpan`/`colSpan` the panel covers
   * several cells (matplotlib's `subplot(gs[0, :])`) and replaces the panels there.
   * @example
   * const fig = figure({ rows: 2 });
   * fig.subplot(0, 0).plot(t, v).ylabel('v (mV)');
   * fig.subplot(1, 0).plot(t, w).ylabel('w (mV)');
   */
  subplot(row: number, col?: number, options?: SubplotOptions): Axes;
  /** The current panel's twin sharing its x axis, with its own y axis on the right (matplotlib's `twinx`); it becomes current. */
  twinx(): Axes;
  /** A title above all panels (matplotlib's `suptitle`). */
  suptitle(title: string): this;
  /** The figure as a standalone SVG document. */
  toSVG(): string;
  /** The figure as PNG bytes (Node only; renders the SVG with resvg and the bundled font). */
  toPNG(options?: SaveOptions): Promise<Uint8Array>;
  /** Writes the figure to `path`: `.svg` or `.png`, chosen by the extension (Node only). */
  save(path: string, options?: SaveOptions): Promise<void>;
}

/** What the Node adapter provides (node.ts). */
export interface NodeAdapter {
  renderPNG(svg: string, scale: number): Uint8Array;
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
}

// A variable specifier keeps browser bundlers from following the import into Node-only code.
const NODE_ADAPTER = './node.ts';
let adapter: Promise<NodeAdapter> | undefined;

async function nodeAdapter(call: string): Promise<NodeAdapter> {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  if (proc?.versions?.node === undefined) {
    throw new PlotError(call, 'writing files and PNG output need Node.js; in a browser use toSVG()');
  }
  adapter ??= import(/* @vite-ignore */ NODE_ADAPTER) as Promise<NodeAdapter>;
  return adapter;
}

let figureCount = 0;

function dimension(v: number | undefined, fallback: number, what: string): number {
  const n = v ?? fallback;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 50 || n > 20000) throw new PlotError('figure', `${what} must be a number of pixels between 50 and 20000, got ${showValue(v)}`);
  return n;
}

function count(v: number | undefined, what: string): number {
  const n = v ?? 1;
  if (!Number.isInteger(n) || n < 1 || n > 50) throw new PlotError('figure', `${what} must be an integer from 1 to 50, got ${showValue(v)}`);
  return n;
}

interface Panel {
  readonly axes: Axes;
  readonly row: number;
  readonly col: number;
  readonly rowSpan: number;
  readonly colSpan: number;
}

function ratios(v: readonly number[] | undefined, n: number, what: string): number[] {
  if (v === undefined) return Array.from({ length: n }, () => 1);
  if (!Array.isArray(v) || v.length !== n || !v.every((r) => typeof r === 'number' && r > 0 && Number.isFinite(r))) {
    throw new PlotError('figure', `${what} must be ${n} positive numbers (one per ${what === 'heightRatios' ? 'row' : 'column'}), got ${JSON.stringify(v)}`);
  }
  return [...v];
}

function share(v: ShareAxes | undefined, what: string): 'none' | 'all' | 'col' | 'row' {
  if (v === undefined || v === false) return 'none';
  if (v === true || v === 'all') return 'all';
  if (v === 'col' || v === 'row') return v;
  throw new PlotError('figure', `${what} must be true, false, 'all', 'col' or 'row', got ${JSON.stringify(v)}`);
}

class FigureImpl implements Figure {
  readonly width: number;
  readonly height: number;
  readonly rows: number;
  readonly cols: number;
  private readonly heights: number[];
  private readonly widths: number[];
  private readonly sharex: 'none' | 'all' | 'col' | 'row';
  private readonly sharey: 'none' | 'all' | 'col' | 'row';
  private panels: Panel[];
  private current: Axes;
  private readonly id: string;
  private supTitle: string | undefined;

  constructor(options: FigureOptions) {
    options = checkPlotOptions(options, 'figure');
    this.width = dimension(options.width, 640, 'width');
    this.height = dimension(options.height, 480, 'height');
    this.rows = count(options.rows, 'rows');
    this.cols = count(options.cols, 'cols');
    this.heights = ratios(options.heightRatios, this.rows, 'heightRatios');
    this.widths = ratios(options.widthRatios, this.cols, 'widthRatios');
    this.sharex = share(options.sharex, 'sharex');
    this.sharey = share(options.sharey, 'sharey');
    this.panels = [];
    for (let r = 0; r < this.rows; r++) {
      for (let c = 0; c < this.cols; c++) this.panels.push({ axes: new Axes(this.rows * this.cols === 1 ? 'the figure' : `subplot (${r}, ${c})`, this), row: r, col: c, rowSpan: 1, colSpan: 1 });
    }
    this.current = this.panels[0]!.axes;
    this.id = `brian-ts-fig${++figureCount}`;
  }

  subplot(row: number, col = 0, options?: SubplotOptions): Axes {
    options = checkPlotOptions(options, 'subplot');
    const rowSpan = options.rowSpan ?? 1;
    const colSpan = options.colSpan ?? 1;
    if (!Number.isInteger(row) || row < 0 || row >= this.rows || !Number.isInteger(col) || col < 0 || col >= this.cols) {
      throw new PlotError('subplot', `(${showValue(row)}, ${showValue(col)}) is outside this figure's ${this.rows}×${this.cols} grid (rows and columns count from 0)`);
    }
    if (!Number.isInteger(rowSpan) || rowSpan < 1 || row + rowSpan > this.rows || !Number.isInteger(colSpan) || colSpan < 1 || col + colSpan > this.cols) {
      throw new PlotError('subplot', `a panel at (${row}, ${col}) spanning ${String(rowSpan)}×${String(colSpan)} cells does not fit this figure's ${this.rows}×${this.cols} grid`);
    }
    const projection = options.projection ?? 'rectilinear';
    if (projection !== 'rectilinear' && projection !== 'polar') throw new PlotError('subplot', `projection must be 'rectilinear' or 'polar', got '${String(projection)}'`);
    const same = this.panels.find((p) => p.row === row && p.col === col && p.rowSpan === rowSpan && p.colSpan === colSpan);
    if (same !== undefined && (projection === 'polar') === same.axes.isPolar) {
      this.current = same.axes;
      return same.axes;
    }
    // A panel with a new span or projection replaces the panels it overlaps (as matplotlib's subplot).
    const overlaps = (p: Panel): boolean => p.row < row + rowSpan && row < p.row + p.rowSpan && p.col < col + colSpan && col < p.col + p.colSpan;
    this.panels = this.panels.filter((p) => !overlaps(p));
    const axes = new Axes(this.rows * this.cols === 1 ? 'the figure' : `subplot (${row}, ${col})`, this);
    if (projection === 'polar') axes.setPolar();
    this.panels.push({ axes, row, col, rowSpan, colSpan });
    this.current = axes;
    return axes;
  }

  twinx(): Axes {
    const host = this.current.host ?? this.current;
    this.current = host.twinx();
    return this.current;
  }

  suptitle(title: string): this {
    this.supTitle = String(title);
    return this;
  }

  plot(y: PlotData, fmt?: string | LineOptions, options?: LineOptions): this;
  plot(x: PlotData, y: PlotData, fmt?: string | LineOptions, options?: LineOptions): this;
  plot(...args: [PlotData, (PlotData | string | LineOptions)?, (string | LineOptions)?, LineOptions?]): this {
    (this.current.plot as (...a: typeof args) => Axes)(...args);
    return this;
  }

  scatter(x: PlotData, y: PlotData, options?: ScatterOptions): this {
    this.current.scatter(x, y, options);
    return this;
  }

  axhline(y?: Limit, options?: AxhlineOptions): this {
    this.current.axhline(y, options);
    return this;
  }

  axvline(x?: Limit, options?: AxvlineOptions): this {
    this.current.axvline(x, options);
    return this;
  }

  hlines(y: Limit | PlotData, xmin: Limit | PlotData, xmax: Limit | PlotData, options?: RefLineOptions): this {
    this.current.hlines(y, xmin, xmax, options);
    return this;
  }

  vlines(x: Limit | PlotData, ymin: Limit | PlotData, ymax: Limit | PlotData, options?: RefLineOptions): this {
    this.current.vlines(x, ymin, ymax, options);
    return this;
  }

  fillBetween(x: PlotData, y1: PlotData, y2?: Limit | PlotData, options?: FillOptions): this {
    this.current.fillBetween(x, y1, y2, options);
    return this;
  }

  hist(data: PlotData, options?: HistOptions): this {
    this.current.hist(data, options);
    return this;
  }

  errorbar(x: PlotData, y: PlotData, options?: ErrorbarOptions): this {
    this.current.errorbar(x, y, options);
    return this;
  }

  text(x: Limit, y: Limit, text: string, options?: TextOptions): this {
    this.current.text(x, y, text, options);
    return this;
  }

  annotate(text: string, options: AnnotateOptions): this {
    this.current.annotate(text, options);
    return this;
  }

  imshow(matrix: MatrixData, options?: ImageOptions): this {
    this.current.imshow(matrix, options);
    return this;
  }

  pcolormesh(matrix: MatrixData, options?: ImageOptions): this;
  pcolormesh(xEdges: ArrayLike<number>, yEdges: ArrayLike<number>, matrix: MatrixData, options?: ImageOptions): this;
  pcolormesh(...args: [MatrixData, ImageOptions?] | [ArrayLike<number>, ArrayLike<number>, MatrixData, ImageOptions?]): this {
    (this.current.pcolormesh as (...a: typeof args) => Axes)(...args);
    return this;
  }

  colorbar(options?: ColorbarOptions): this {
    this.current.colorbar(options);
    return this;
  }

  xlabel(label: string): this {
    this.current.xlabel(label);
    return this;
  }

  ylabel(label: string): this {
    this.current.ylabel(label);
    return this;
  }

  title(title: string): this {
    this.current.title(title);
    return this;
  }

  legend(labels?: readonly string[] | LegendOptions, options?: LegendOptions): this {
    this.current.legend(labels, options);
    return this;
  }

  xlim(min?: Limit, max?: Limit): this {
    this.current.xlim(min, max);
    return this;
  }

  ylim(min?: Limit, max?: Limit): this {
    this.current.ylim(min, max);
    return this;
  }

  xscale(type: ScaleType): this {
    this.current.xscale(type);
    return this;
  }

  yscale(type: ScaleType): this {
    this.current.yscale(type);
    return this;
  }

  grid(on?: boolean): this {
    this.current.grid(on);
    return this;
  }

  ticklabelFormat(options?: TicklabelFormatOptions): this {
    this.current.ticklabelFormat(options);
    return this;
  }

  xticks(ticks: ArrayLike<number>, labels?: readonly string[]): this {
    this.current.xticks(ticks, labels);
    return this;
  }

  yticks(ticks: ArrayLike<number>, labels?: readonly string[]): this {
    this.current.yticks(ticks, labels);
    return this;
  }

  /** Shared ranges: the union of the data of every panel in a group, explicit limits of any of them winning. */
  private sharedDomains(which: 'x' | 'y'): Map<Panel, [number, number]> {
    const mode = which === 'x' ? this.sharex : this.sharey;
    const out = new Map<Panel, [number, number]>();
    if (mode === 'none') return out;
    const groups = new Map<string, Panel[]>();
    for (const p of this.panels) {
      const key = mode === 'all' ? 'all' : mode === 'col' ? `c${p.col}` : `r${p.row}`;
      groups.set(key, [...(groups.get(key) ?? []), p]);
    }
    for (const members of groups.values()) {
      let lo = Infinity;
      let hi = -Infinity;
      let limits: [number | undefined, number | undefined] = [undefined, undefined];
      for (const p of members) {
        const r = p.axes.dataRange(which);
        if (r !== undefined) {
          lo = Math.min(lo, r[0]);
          hi = Math.max(hi, r[1]);
        }
        const l = p.axes.limits(which);
        limits = [limits[0] ?? l[0], limits[1] ?? l[1]];
      }
      const owner = members[0]!.axes;
      const domain = owner.domain(which, lo <= hi ? [lo, hi] : undefined, limits);
      for (const p of members) out.set(p, domain);
    }
    return out;
  }

  toSVG(): string {
    const doc = plotDocument();
    const svg = doc.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('xmlns', SVG_NS);
    svg.setAttribute('width', String(this.width));
    svg.setAttribute('height', String(this.height));
    svg.setAttribute('viewBox', `0 0 ${this.width} ${this.height}`);
    svg.setAttribute('font-family', FONT_FAMILY);
    svg.setAttribute('font-size', '12');
    svg.setAttribute('fill', 'black');
    const background = doc.createElementNS(SVG_NS, 'rect');
    background.setAttribute('width', '100%');
    background.setAttribute('height', '100%');
    background.setAttribute('fill', 'white');
    svg.appendChild(background);
    const top = this.supTitle === undefined ? 0 : Math.round(this.supTitle.split('\n').length * 1.2 * 14 + 10);
    // Cell edges from the ratios.
    const edges = (sizes: number[], total: number, start: number): number[] => {
      const sum = sizes.reduce((a, b) => a + b, 0);
      const out = [start];
      for (const s of sizes) out.push(out[out.length - 1]! + (s / sum) * total);
      return out;
    };
    const ys = edges(this.heights, this.height - top, top);
    const xs = edges(this.widths, this.width, 0);
    const sharedX = this.sharedDomains('x');
    const sharedY = this.sharedDomains('y');
    const hideX = (p: Panel): boolean => (this.sharex === 'all' || this.sharex === 'col') && p.row + p.rowSpan < this.rows;
    const hideY = (p: Panel): boolean => (this.sharey === 'all' || this.sharey === 'row') && p.col > 0;
    const boxes = this.panels.map((p) => {
      const x0 = Math.round(xs[p.col]!);
      const x1 = Math.round(xs[p.col + p.colSpan]!);
      const y0 = Math.round(ys[p.row]!);
      const y1 = Math.round(ys[p.row + p.rowSpan]!);
      const layout: PanelLayout = p.axes.layout(x1 - x0, y1 - y0, { xDomain: sharedX.get(p), yDomain: sharedY.get(p), hideXTickLabels: hideX(p), hideYTickLabels: hideY(p) });
      return { p, x0, y0, layout };
    });
    // Panels starting in the same column share their left margin, so stacked panels align (as matplotlib's); likewise right, top, bottom.
    const aligned = boxes.map(({ p, layout }) => {
      const m: Margins = { ...layout.margins };
      for (const o of boxes) {
        if (o.p.col === p.col) m.left = Math.max(m.left, o.layout.margins.left);
        if (o.p.col + o.p.colSpan === p.col + p.colSpan) m.right = Math.max(m.right, o.layout.margins.right);
        if (o.p.row === p.row) m.top = Math.max(m.top, o.layout.margins.top);
        if (o.p.row + o.p.rowSpan === p.row + p.rowSpan) m.bottom = Math.max(m.bottom, o.layout.margins.bottom);
      }
      return m;
    });
    boxes.forEach(({ p, x0, y0, layout }, k) => {
      const margins = aligned[k]!;
      const place = (el: ReturnType<Axes['render']>): void => {
        el.setAttribute('x', String(x0));
        el.setAttribute('y', String(y0));
        svg.appendChild(el);
      };
      place(p.axes.render(doc, layout, margins, `${this.id}-${k}`));
      const twin = p.axes.twin;
      if (twin !== undefined && layout.twin !== undefined) place(twin.render(doc, layout.twin, margins, `${this.id}-${k}t`, true));
    });
    if (this.supTitle !== undefined) {
      svg.appendChild(textElement(doc, this.supTitle, this.width / 2, 8, { anchor: 'middle', baseline: 'hanging', size: 14 }));
    }
    return svg.outerHTML;
  }

  async toPNG(options: SaveOptions = {}): Promise<Uint8Array> {
    const scale = pngScale(options, 'toPNG');
    const svg = this.toSVG();
    return (await nodeAdapter('toPNG')).renderPNG(svg, scale);
  }

  async save(path: string, options: SaveOptions = {}): Promise<void> {
    if (typeof path !== 'string' || path === '') throw new PlotError('save', 'expected a file path ending in .svg or .png');
    const ext = /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase();
    if (ext !== 'svg' && ext !== 'png') {
      throw new PlotError('save', `cannot save to '${path}': unknown format ${ext === undefined ? '(no extension)' : `'.${ext}'`}; use a path ending in .svg or .png`);
    }
    const scale = pngScale(options, 'save');
    const io = await nodeAdapter('save');
    const data = ext === 'svg' ? `<?xml version="1.0" encoding="UTF-8"?>\n${this.toSVG()}\n` : io.renderPNG(this.toSVG(), scale);
    try {
      await io.writeFile(path, data);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new PlotError('save', `cannot write the figure to '${path}': ${reason}`, { cause: error });
    }
  }
}

function pngScale(options: SaveOptions, call: 'save' | 'toPNG'): number {
  const scale = checkPlotOptions(options, call).scale ?? 2;
  if (typeof scale !== 'number' || !(scale > 0 && scale <= 10)) throw new PlotError(call, `scale must be a number in (0, 10], got ${showValue(scale)}`);
  return scale;
}

/**
 * A new figure (matplotlib's `plt.figure()` / `plt.subplots(rows, cols)`): 640×480 pixels and
 * one panel unless told otherwise.
 * @example
 * const fig = figure();
 * fig.plot(M.t.in(ms), M.v[0].in(mV));
 * fig.xlabel('Time (ms)').ylabel('v (mV)');
 * await fig.save('trace.png');
 */
export function figure(options: FigureOptions = {}): Figure {
  return new FigureImpl(options);
}
