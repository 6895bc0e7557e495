/**
 * Figures: a grid of panels (Axes) rendered to one SVG document. This module is the
 * browser-compatible core; writing files and PNG rendering live in the Node adapter (node.ts),
 * loaded on first use by `save`/`toPNG`.
 */
import { Axes } from './axes.ts';
import type { AxesMethods, LegendOptions, Limit, LineOptions, PlotData, ScaleType, ScatterOptions } from './axes.ts';
import { plotDocument, SVG_NS } from './dom.ts';
import { PlotError } from './errors.ts';
import { checkPlotOptions } from './options.ts';

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
  readonly width: number;
  readonly height: number;
  readonly rows: number;
  readonly cols: number;
  /**
   * The panel in row `row` and column `col`, counted from 0 (as `axs[row, col]` of matplotlib's
   * `plt.subplots`); it becomes the current panel.
   * @example
   * const fig = figure({ rows: 2 });
   * fig.subplot(0, 0).plot(t, v).ylabel('v (mV)');
   * fig.subplot(1, 0).plot(t, w).ylabel('w (mV)');
   */
  subplot(row: number, col?: number): Axes;
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
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 50 || n > 20000) throw new PlotError('figure', `${what} must be a number of pixels between 50 and 20000, got ${String(v)}`);
  return n;
}

function count(v: number | undefined, what: string): number {
  const n = v ?? 1;
  if (!Number.isInteger(n) || n < 1 || n > 50) throw new PlotError('figure', `${what} must be an integer from 1 to 50, got ${String(v)}`);
  return n;
}

class FigureImpl implements Figure {
  readonly width: number;
  readonly height: number;
  readonly rows: number;
  readonly cols: number;
  private readonly panels: Axes[];
  private current: Axes;
  private readonly id: string;

  constructor(options: FigureOptions) {
    options = checkPlotOptions(options, 'figure');
    this.width = dimension(options.width, 640, 'width');
    this.height = dimension(options.height, 480, 'height');
    this.rows = count(options.rows, 'rows');
    this.cols = count(options.cols, 'cols');
    this.panels = [];
    for (let r = 0; r < this.rows; r++) {
      for (let c = 0; c < this.cols; c++) this.panels.push(new Axes(this.rows * this.cols === 1 ? 'the figure' : `subplot (${r}, ${c})`, this));
    }
    this.current = this.panels[0]!;
    this.id = `brian-ts-fig${++figureCount}`;
  }

  subplot(row: number, col = 0): Axes {
    if (!Number.isInteger(row) || row < 0 || row >= this.rows || !Number.isInteger(col) || col < 0 || col >= this.cols) {
      throw new PlotError('subplot', `(${String(row)}, ${String(col)}) is outside this figure's ${this.rows}×${this.cols} grid (rows and columns count from 0)`);
    }
    this.current = this.panels[row * this.cols + col]!;
    return this.current;
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
    const w = this.width / this.cols;
    const h = this.height / this.rows;
    this.panels.forEach((panel, k) => {
      const r = Math.floor(k / this.cols);
      const c = k % this.cols;
      const el = panel.render(doc, Math.round(w), Math.round(h), `${this.id}-${k}`);
      el.setAttribute('x', String(Math.round(c * w)));
      el.setAttribute('y', String(Math.round(r * h)));
      svg.appendChild(el);
    });
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
  if (typeof scale !== 'number' || !(scale > 0 && scale <= 10)) throw new PlotError(call, `scale must be a number in (0, 10], got ${String(scale)}`);
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
