import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from 'linkedom';
import { QuantityArray, mV, ms, second } from '../units/index.ts';
import { figure, PlotError } from './index.ts';
import type { Figure } from './index.ts';
import { rasterize } from './node.ts';
import { decodePNG, darkPixels, inkPixels } from './png.test-util.ts';
import type { DecodedPNG } from './png.test-util.ts';

interface Node {
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<Node>;
  readonly textContent: string | null;
  readonly tagName: string;
}

function parse(svg: string): Node {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml') as unknown as { documentElement: Node };
  return doc.documentElement;
}

const all = (root: Node, selector: string): Node[] => Array.from(root.querySelectorAll(selector));
const texts = (root: Node, label: string): string[] => all(root, `[aria-label="${label}"] text`).map((t) => t.textContent ?? '');

/** The data paths of the first panel (inside its clip group). */
function dataPaths(root: Node): Node[] {
  return all(root, 'g[clip-path] path');
}

/** The frame rectangle of the first panel, in figure pixels. */
function frame(root: Node): { x: number; y: number; width: number; height: number } {
  const rect = all(root, 'rect[aria-label="frame"]')[0]!;
  const n = (a: string): number => Number(rect.getAttribute(a));
  return { x: n('x'), y: n('y'), width: n('width'), height: n('height') };
}

const ramp = (n: number): number[] => Array.from({ length: n }, (_, k) => k);

describe('figure() and toSVG()', () => {
  it('figure().toSVG() is a standalone 640×480 SVG document with a white background', () => {
    const root = parse(figure().toSVG());
    assert.equal(root.tagName.toLowerCase(), 'svg');
    assert.equal(root.getAttribute('xmlns'), 'http://www.w3.org/2000/svg');
    assert.equal(root.getAttribute('width'), '640');
    assert.equal(root.getAttribute('height'), '480');
    assert.equal(all(root, 'rect[fill="white"]').length >= 1, true);
    assert.equal(all(root, 'figure, div, style').length, 0);
  });

  it('figure({width, height}) sets the size', () => {
    const root = parse(figure({ width: 300, height: 200 }).toSVG());
    assert.equal(root.getAttribute('viewBox'), '0 0 300 200');
  });

  it('plot(x, y) draws one stroked path through all points, in the first colour of the cycle', () => {
    const root = parse(figure().plot([0, 1, 2, 3], [1, 4, 9, 16]).toSVG());
    const paths = dataPaths(root);
    assert.equal(paths.length, 1);
    assert.equal(paths[0]!.getAttribute('stroke'), '#1f77b4');
    assert.equal(paths[0]!.getAttribute('fill'), 'none');
    assert.match(paths[0]!.getAttribute('d')!, /^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){3}$/);
  });

  it('plot(y) uses the indices as x', () => {
    const root = parse(figure().plot([5, 6, 7, 8, 9, 10]).toSVG());
    assert.deepEqual(texts(root, 'x-axis tick label'), ['0', '1', '2', '3', '4', '5']);
    assert.equal(dataPaths(root).length, 1);
  });

  it("plot(x, y, '.k') draws black markers and no line", () => {
    const root = parse(figure().plot([1, 2, 3], [3, 1, 2], '.k').toSVG());
    const paths = dataPaths(root);
    assert.equal(paths.length, 1);
    assert.equal(paths[0]!.getAttribute('fill'), '#000000');
    assert.equal((paths[0]!.getAttribute('d')!.match(/M/g) ?? []).length, 3);
  });

  it("plot(x, y, 'o--r') draws a dashed red line and red circles", () => {
    const root = parse(figure().plot([1, 2, 3], [3, 1, 2], 'o--r').toSVG());
    const [line, markers] = dataPaths(root);
    assert.equal(line!.getAttribute('stroke'), '#ff0000');
    assert.notEqual(line!.getAttribute('stroke-dasharray'), null);
    assert.equal(markers!.getAttribute('fill'), '#ff0000');
  });

  it('plot accepts typed arrays and options ({color, lineWidth, label})', () => {
    const root = parse(figure().plot(Float64Array.of(1, 2), Int32Array.of(3, 4), { color: 'C3', lineWidth: 3 }).toSVG());
    const path = dataPaths(root)[0]!;
    assert.equal(path.getAttribute('stroke'), '#d62728');
    assert.equal(path.getAttribute('stroke-width'), String(Math.round((3 * 100 * 100) / 72) / 100));
  });

  it('plot(QuantityArray, QuantityArray) shows the values in the best unit and labels the axes with it', () => {
    const t = new QuantityArray(Float64Array.of(0, 0.01, 0.02), second.dim);
    const v = new QuantityArray(Float64Array.of(-0.07, -0.06, -0.05), mV.dim);
    const root = parse(figure().plot(t, v).toSVG());
    assert.deepEqual(texts(root, 'x-axis label'), ['(ms)']);
    assert.deepEqual(texts(root, 'y-axis label'), ['(mV)']);
    assert.ok(texts(root, 'y-axis tick label').some((l) => /^\u221260(\.0)?$/.test(l)), texts(root, 'y-axis tick label').join(' '));
  });

  it('a large marker series is one <path>, not an element per point', () => {
    const n = 100_000;
    const x = Float64Array.from({ length: n }, (_, k) => k % 997);
    const y = Float64Array.from({ length: n }, (_, k) => k % 101);
    const root = parse(figure().plot(x, y, ',k').toSVG());
    assert.equal(dataPaths(root).length, 1);
    assert.equal(all(root, 'circle').length, 0);
  });

  it('scatter(x, y) draws filled circles; scatter(x, y, {marker, color, label})', () => {
    const root = parse(figure().scatter([1, 2], [2, 1], { marker: 's', color: 'g', label: 'pts' }).legend().toSVG());
    const path = dataPaths(root)[0]!;
    assert.equal(path.getAttribute('fill'), '#008000');
    assert.match(path.getAttribute('d')!, /h[\d.]+v[\d.]+h-/);
    assert.deepEqual(texts(root, 'legend'), ['pts']);
  });

  it('xlabel, ylabel and title appear as SVG text', () => {
    const root = parse(figure().plot([1, 2]).xlabel('Time (ms)').ylabel('v (mV)').title('Trace').toSVG());
    assert.deepEqual(texts(root, 'x-axis label'), ['Time (ms)']);
    assert.deepEqual(texts(root, 'y-axis label'), ['v (mV)']);
    assert.deepEqual(texts(root, 'title'), ['Trace']);
  });

  it('text is escaped in the SVG', () => {
    const svg = figure().plot([1, 2]).xlabel('a < b & c').toSVG();
    assert.match(svg, /a &lt; b &amp; c/);
  });

  it('legend() lists the labelled series as SVG text marks (no HTML); legend(labels) names series in order', () => {
    const fig = figure().plot([1, 2], { label: 'first' }).plot([2, 1]).legend();
    assert.deepEqual(texts(parse(fig.toSVG()), 'legend'), ['first']);
    fig.legend(['a', 'b'], { loc: 'lower left' });
    assert.deepEqual(texts(parse(fig.toSVG()), 'legend'), ['a', 'b']);
  });

  it('xlim/ylim fix the ranges (numbers or quantities in the axis unit)', () => {
    const root = parse(figure().plot([0, 10], [0, 10]).xlim(0, 4).ylim(-1, 1).toSVG());
    // matplotlib's own labels for this figure (MaxNLocator + ScalarFormatter in a 640×480 figure)
    assert.deepEqual(texts(root, 'x-axis tick label'), ['0.0', '0.5', '1.0', '1.5', '2.0', '2.5', '3.0', '3.5', '4.0']);
    assert.deepEqual(texts(root, 'y-axis tick label'), ['\u22121.00', '\u22120.75', '\u22120.50', '\u22120.25', '0.00', '0.25', '0.50', '0.75', '1.00']);
    const t = new QuantityArray(Float64Array.of(0, 0.1), second.dim);
    const q = parse(figure().plot(t, [0, 1]).xlim(ms(0), ms(20)).toSVG());
    assert.equal(texts(q, 'x-axis tick label').at(-1), '20.0'); // steps of 2.5, as matplotlib
  });

  it("yscale('log') and xscale('log') give logarithmic axes labelled at the decades", () => {
    const x = [1, 10, 100, 1000];
    const root = parse(figure().plot(x, x).xscale('log').yscale('log').toSVG());
    const labels = texts(root, 'y-axis tick label').filter((s) => s !== '');
    assert.deepEqual(labels, ['1', '10', '100', '1000']);
    const d = dataPaths(root)[0]!.getAttribute('d')!;
    // Equally spaced decades: a straight line with equal steps.
    const pts = d.slice(1).split('L').map((p) => p.split(',').map(Number));
    const dx = pts.slice(1).map((p, k) => p[0]! - pts[k]![0]!);
    for (const step of dx) assert.ok(Math.abs(step - dx[0]!) < 0.05);
  });

  it('non-positive values are left out on a log axis', () => {
    const root = parse(figure().plot([0, 1, 2, 3], [-1, 0, 10, 100]).yscale('log').toSVG());
    assert.equal((dataPaths(root)[0]!.getAttribute('d')!.match(/M/g) ?? []).length, 1);
  });

  it('figure({rows, cols}).subplot(r, c) gives a grid of panels, each with its own axes', () => {
    const fig = figure({ rows: 2, cols: 2, width: 800, height: 600 });
    fig.subplot(0, 0).plot([1, 2]).title('a');
    fig.subplot(1, 1).plot([2, 1]).title('d');
    fig.xlabel('current panel'); // acts on subplot (1, 1)
    const root = parse(fig.toSVG());
    const panels = all(root, 'svg > svg');
    assert.equal(panels.length, 4);
    assert.deepEqual(
      panels.map((p) => [p.getAttribute('x'), p.getAttribute('y')]),
      [['0', '0'], ['400', '0'], ['0', '300'], ['400', '300']],
    );
    assert.deepEqual(texts(root, 'title'), ['a', 'd']);
    assert.deepEqual(texts(panels[3]!, 'x-axis label'), ['current panel']);
  });

  it('subplot(r, c) returns a chainable Axes whose figure is the figure', () => {
    const fig = figure({ rows: 2 });
    const ax = fig.subplot(1);
    assert.equal(ax.plot([1, 2]).xlabel('x'), ax);
    assert.equal(ax.figure, fig);
  });
});

describe('figure errors', () => {
  it('plot(x, y) with different lengths throws PlotError naming both lengths', () => {
    assert.throws(() => figure().plot([1, 2, 3], [1, 2]), (e: unknown) => e instanceof PlotError && /x and y must have the same length, but have lengths 3 and 2/.test(e.message));
    assert.throws(() => figure().scatter([1], [1, 2]), (e: unknown) => e instanceof PlotError && /^scatter: x and y must have the same length/.test(e.message));
  });

  it('an unknown format string throws PlotError', () => {
    assert.throws(() => figure().plot([1, 2], [1, 2], '.q'), (e: unknown) => e instanceof PlotError && /illegal format string '\.q': unrecognized character 'q'/.test(e.message));
  });

  it('non-numeric data throws PlotError', () => {
    assert.throws(() => figure().plot(['a', 'b'] as unknown as number[]), (e: unknown) => e instanceof PlotError && /y\[0\] is the string 'a', not a number/.test(e.message));
  });

  it('mixing quantities and plain numbers on one axis throws PlotError', () => {
    const v = new QuantityArray(Float64Array.of(-0.07, -0.06), mV.dim);
    assert.throws(() => figure().plot([1, 2], [1, 2]).plot([1, 2], v), (e: unknown) => e instanceof PlotError && /has units \(V\) but this axis of the figure already shows plain numbers/.test(e.message));
    const t = new QuantityArray(Float64Array.of(0, 1), second.dim);
    assert.throws(() => figure().plot(t, v).plot(v, v), (e: unknown) => e instanceof PlotError && /x has units of V but this axis of the figure shows ms|x has units of V but this axis of the figure shows s/.test(e.message));
  });

  it('subplot outside the grid, bad sizes, bad scales and legend locations throw PlotError', () => {
    assert.throws(() => figure({ rows: 2 }).subplot(2, 0), (e: unknown) => e instanceof PlotError && /\(2, 0\) is outside this figure's 2×1 grid/.test(e.message));
    assert.throws(() => figure({ width: -5 }), (e: unknown) => e instanceof PlotError && /width must be a number of pixels/.test(e.message));
    assert.throws(() => figure({ rows: 1.5 }), (e: unknown) => e instanceof PlotError && /rows must be an integer/.test(e.message));
    assert.throws(() => figure().xscale('symlog' as 'log'), (e: unknown) => e instanceof PlotError && /unknown scale 'symlog'/.test(e.message));
    assert.throws(() => figure().legend({ loc: 'middle' as 'upper left' }), (e: unknown) => e instanceof PlotError && /unknown location 'middle'/.test(e.message));
  });

  it('a non-positive limit on a log axis throws PlotError when rendering', () => {
    assert.throws(() => figure().plot([1, 2]).yscale('log').ylim(0, 10).toSVG(), (e: unknown) => e instanceof PlotError && /logarithmic, so its limits must be positive/.test(e.message));
  });

  it('a limit with units on a plain axis throws PlotError', () => {
    assert.throws(() => figure().plot([1, 2]).xlim(ms(0), ms(1)).toSVG(), (e: unknown) => e instanceof PlotError && /the limit 0\.? s on the x axis of the figure has units, but the axis shows plain numbers/.test(e.message));
  });
});

describe('save(path) and toPNG()', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'brian-ts-plot-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** A labelled trace, as the seed's first program draws it. */
  const trace = (): Figure =>
    figure()
      .plot(
        ramp(500).map((k) => k / 10),
        ramp(500).map((k) => -70 + 30 * Math.abs(Math.sin(k / 40))),
      )
      .xlabel('Time (ms)')
      .ylabel('Potential (mV)');

  it("save('x.svg') writes the SVG document", async () => {
    const path = join(dir, 'trace.svg');
    await trace().save(path);
    const text = readFileSync(path, 'utf8');
    assert.match(text, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg /);
    assert.match(text, /Potential \(mV\)/);
  });

  it("save('x.png') writes a 1280×960 PNG (scale 2) with the trace inside the frame and dark text under it", async () => {
    const fig = trace();
    const path = join(dir, 'trace.png');
    await fig.save(path);
    const img = decodePNG(readFileSync(path));
    assert.equal(img.width, 1280);
    assert.equal(img.height, 960);
    const f = frame(parse(fig.toSVG()));
    const s = 2;
    // Inside the frame (2 px in from the border): the trace's blue pixels.
    const inside = inkPixels(img, (f.x + 2) * s, (f.y + 2) * s, (f.x + f.width - 2) * s, (f.y + f.height - 2) * s);
    assert.ok(inside > 2000, `only ${inside} non-white pixels inside the plot area`);
    // Below the frame's centre, past the tick labels: the x label's glyphs, in the bundled font.
    assertText(img, (f.x + f.width / 2 - 60) * s, (f.y + f.height + 25) * s, (f.x + f.width / 2 + 60) * s, 480 * s);
    // Left of the frame, past the tick labels: the rotated y label.
    assertText(img, 0, (f.y + f.height / 2 - 60) * s, 24 * s, (f.y + f.height / 2 + 60) * s);
  });

  it('without labels the label areas stay white (the text check above is not vacuous)', async () => {
    const fig = figure().plot(ramp(10));
    const img = decodePNG(await fig.toPNG());
    const f = frame(parse(fig.toSVG()));
    assert.equal(darkPixels(img, (f.x + f.width / 2 - 60) * 2, (f.y + f.height + 25) * 2, (f.x + f.width / 2 + 60) * 2, 960), 0);
  });

  it('toPNG({scale}) sets the pixel size; the PNG is a real PNG', async () => {
    const png = await figure({ width: 200, height: 100 }).plot([1, 2]).toPNG({ scale: 1 });
    assert.deepEqual(Array.from(png.subarray(0, 8)), [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const img = decodePNG(png);
    assert.deepEqual([img.width, img.height], [200, 100]);
  });

  it('text renders with the bundled font alone (system fonts are not loaded)', () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><rect width="200" height="40" fill="white"/><text x="10" y="28" font-family="no-such-font, sans-serif" font-size="24">Hello</text></svg>`;
    const img = rasterize(svg);
    assert.ok(darkPixels(img, 0, 0, 200, 40) > 100);
  });

  it('save to an unknown extension throws PlotError and writes nothing', async () => {
    const path = join(dir, 'x.jpg');
    await assert.rejects(trace().save(path), (e: unknown) => e instanceof PlotError && /save: cannot save to '.*x\.jpg': unknown format '\.jpg'; use a path ending in \.svg or \.png/.test(e.message));
    assert.equal(existsSync(path), false);
    await assert.rejects(trace().save(join(dir, 'noext')), (e: unknown) => e instanceof PlotError && /unknown format \(no extension\)/.test(e.message));
  });

  it('save to an unwritable path throws PlotError with the reason', async () => {
    await assert.rejects(trace().save(join(dir, 'missing', 'dir', 'x.png')), (e: unknown) => e instanceof PlotError && /save: cannot write the figure to '.*x\.png': ENOENT/.test(e.message));
  });
});

function assertText(img: DecodedPNG, x0: number, y0: number, x1: number, y1: number): void {
  const n = darkPixels(img, Math.round(x0), Math.round(y0), Math.round(x1), Math.round(y1));
  assert.ok(n > 100, `expected text (dark pixels) in [${x0}, ${x1}) × [${y0}, ${y1}), found ${n}`);
}

describe('lines extending far beyond the axis limits', () => {
  it('plot(x, y).xlim(1400, 2100) on 21,000 ascending points draws the line across the whole visible range (PNG)', async () => {
    const n = 21000;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      x[k] = k;
      y[k] = Math.sin(k / 50);
    }
    const fig = figure().plot(x, y, '-k').xlim(1400, 2100);
    const png = decodePNG(await fig.toPNG({ scale: 1 }));
    // The right fifth of the plot area (just inside the frame) must contain the trace.
    const right = inkPixels(png, Math.round(png.width * 0.72), 60, Math.round(png.width * 0.86), png.height - 80);
    assert.ok(right > 50, `expected the trace in the right part of the axes, found ${right} ink pixels`);
    assert.ok(fig.toSVG().length < 200_000, 'points outside the limits are not all written into the SVG');
  });
});

describe('clipping keeps every visible point', () => {
  it('a 200-point line inside automatic limits keeps all 200 points, in a subplot too', () => {
    const n = 200;
    const x = Float64Array.from({ length: n }, (_, k) => k);
    const y = x.map((k) => Math.sin(k / 10));
    for (const fig of [figure(), figure({ rows: 2, cols: 1 })]) {
      fig.subplot(0, 0).plot(x, y, '-r');
      const d = /<path[^>]*stroke="#ff0000"[^>]*>/.exec(fig.toSVG())?.[0].match(/ d="([^"]*)"/)?.[1] ?? '';
      assert.equal((d.match(/[ML]/g) ?? []).length, n);
    }
  });
});
