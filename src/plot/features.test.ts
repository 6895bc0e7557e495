/** The matplotlib features beyond plot/scatter: reference lines, fills, histograms, images, twin axes, layout. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DOMParser } from 'linkedom';
import { QuantityArray, mV, ms } from '../units/index.ts';
import { histogram } from '../numeric/index.ts';
import { figure, PlotError } from './index.ts';
import { colormapFunction, rgbBytes } from './colormap.ts';
import { rasterize } from './node.ts';
import { decodePNG } from './png.test-util.ts';

interface Node {
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<Node>;
  readonly textContent: string | null;
}
const parse = (svg: string): Node => (new DOMParser().parseFromString(svg, 'image/svg+xml') as unknown as { documentElement: Node }).documentElement;
const all = (root: Node, selector: string): Node[] => Array.from(root.querySelectorAll(selector));
const texts = (root: Node, label: string): string[] => all(root, `[aria-label="${label}"] text`).map((t) => t.textContent ?? '');
const dataPaths = (root: Node): Node[] => all(root, 'g[clip-path] path');
const frames = (root: Node): { x: number; y: number; width: number; height: number }[] =>
  all(root, 'svg > svg').map((panel) => {
    const rect = all(panel, 'rect[aria-label="frame"]')[0]!;
    const n = (el: Node, a: string): number => Number(el.getAttribute(a));
    return { x: n(panel, 'x') + n(rect, 'x'), y: n(panel, 'y') + n(rect, 'y'), width: n(rect, 'width'), height: n(rect, 'height') };
  });
const numbers = (d: string): number[] => (d.match(/-?[\d.]+/g) ?? []).map(Number);

describe('defects of issue 14', () => {
  it('ticks that differ in the 8th digit get an offset, as matplotlib (not 1.28e3 on every tick)', () => {
    const root = parse(figure().plot([0, 1, 2], [1279.99995, 1280, 1280.00005]).toSVG());
    const labels = texts(root, 'y-axis tick label');
    assert.equal(new Set(labels).size, labels.length, `repeated labels ${labels.join(' ')}`);
    assert.ok(labels.includes('0.00000'));
    assert.deepEqual(texts(root, 'y-axis offset'), ['+1.28e3']);
  });

  it("format '|' draws vertical tick markers", () => {
    const root = parse(figure().plot([1, 2, 3], [1, 1, 1], '|k').toSVG());
    const [path] = dataPaths(root);
    assert.equal(path!.getAttribute('fill'), 'none');
    assert.equal(path!.getAttribute('stroke'), '#000000');
    assert.equal((path!.getAttribute('d') ?? '').match(/v/g)?.length, 3);
  });

  it("legend({loc: 'best'}) avoids the data; every matplotlib location is accepted", () => {
    // Data fill the upper right corner: 'best' must not put the legend there.
    const x = Array.from({ length: 50 }, (_, k) => 5 + k / 10);
    const fig = figure().plot([0, 10], [0, 10], { label: 'a' }).plot(x, x.map(() => 9.5), { label: 'b' }).legend({ loc: 'best' });
    const best = all(parse(fig.toSVG()), 'g[aria-label="legend"]')[0]!.getAttribute('transform');
    const ur = all(parse(figure().plot([0, 10], [0, 10], { label: 'a' }).plot(x, x.map(() => 9.5), { label: 'b' }).legend({ loc: 'upper right' }).toSVG()), 'g[aria-label="legend"]')[0]!.getAttribute('transform');
    assert.notEqual(best, ur);
    for (const loc of ['best', 'upper right', 'upper left', 'lower left', 'lower right', 'right', 'center left', 'center right', 'lower center', 'upper center', 'center'] as const) {
      assert.ok(figure().plot([1, 2], { label: 'x' }).legend({ loc }).toSVG().includes('aria-label="legend"'), loc);
    }
  });

  it('a multi-line label keeps every line (one tspan per line)', () => {
    const root = parse(figure().plot([1, 2]).xlabel('time\n(ms)').ylabel('first\nsecond').title('a\nb\nc').toSVG());
    assert.deepEqual(all(root, '[aria-label="x-axis label"] tspan').map((t) => t.textContent), ['time', '(ms)']);
    assert.deepEqual(all(root, '[aria-label="y-axis label"] tspan').map((t) => t.textContent), ['first', 'second']);
    assert.equal(all(root, '[aria-label="title"] tspan').length, 3);
  });

  it('a long y label is not clipped by its panel (panels draw overflow)', () => {
    const root = parse(figure({ rows: 2 }).plot([1, 2]).ylabel('a very long label that is longer than its panel is high').toSVG());
    for (const panel of all(root, 'svg > svg')) assert.equal(panel.getAttribute('overflow'), 'visible');
  });

  it('stacked panels are left-aligned whatever their tick-label widths', () => {
    const fig = figure({ rows: 3 });
    fig.subplot(0).plot([0, 1], [0, 1]);
    fig.subplot(1).plot([0, 1], [-123456, 123456]).ylabel('wide');
    fig.subplot(2).plot([0, 1], [0.001, 0.002]);
    const f = frames(parse(fig.toSVG()));
    assert.equal(new Set(f.map((r) => r.x)).size, 1, JSON.stringify(f));
    assert.equal(new Set(f.map((r) => r.x + r.width)).size, 1);
  });

  it('plotting accepts dimensionless QuantityArrays, arrays of Quantities and state-view-like objects', () => {
    const y = new QuantityArray([0.5, 0.25, 0.125]);
    assert.equal(Number(y[1]), 0.25);
    const root = parse(figure().plot(ms([0, 1, 2]), y).toSVG());
    assert.equal(dataPaths(root).length, 1);
    const quantities = [mV(1), mV(2), mV(3)];
    const r2 = parse(figure().plot(quantities).toSVG());
    assert.deepEqual(texts(r2, 'y-axis label'), ['(mV)']);
    const view = { toQuantityArray: () => mV([1, 2]) };
    assert.doesNotThrow(() => figure().plot(view).toSVG());
    assert.throws(() => figure().plot([mV(1), ms(1)]), PlotError);
  });
});

describe('reference lines, fills, histograms, error bars', () => {
  it('axhline spans the panel width at y; axvline the height at x; neither extends the cycle', () => {
    const root = parse(figure().axhline(0.5, { color: 'k', lineStyle: '--' }).axvline(2).plot([0, 4], [0, 1]).toSVG());
    const [h, v, line] = dataPaths(root);
    const f = frames(root)[0]!;
    assert.match(h!.getAttribute('d')!, /^M0,[\d.]+H[\d.]+$/);
    assert.equal(numbers(h!.getAttribute('d')!)[2], f.width);
    assert.equal(h!.getAttribute('stroke-dasharray') !== null, true);
    assert.match(v!.getAttribute('d')!, /^M[\d.]+,[\d.]+V0$/);
    assert.equal(v!.getAttribute('stroke'), '#1f77b4');
    assert.equal(line!.getAttribute('stroke'), '#1f77b4'); // the cycle did not advance
  });

  it('hlines/vlines draw one segment per value (data coordinates, quantities allowed)', () => {
    const root = parse(figure().vlines(ms([1, 2, 3]), 0, 1, { color: 'g' }).toSVG());
    const [p] = dataPaths(root);
    assert.equal(p!.getAttribute('d')!.match(/M/g)!.length, 3);
    assert.deepEqual(texts(root, 'x-axis label'), ['(ms)']);
    assert.equal(dataPaths(parse(figure().vlines([], [], 0).plot([0, 1]).toSVG())).length, 1); // empty: nothing drawn
    assert.throws(() => figure().hlines([1, 2], [0, 1, 2], 3), (e: unknown) => e instanceof PlotError && /the positions have 2 values, expected 1 or 3/.test(e.message));
  });

  it('fillBetween draws one filled polygon with the patch colour and alpha', () => {
    const root = parse(figure().fillBetween([0, 1, 2], [1, 2, 1], 0, { alpha: 0.3 }).toSVG());
    const [p] = dataPaths(root);
    assert.equal(p!.getAttribute('fill'), '#1f77b4');
    assert.equal(p!.getAttribute('fill-opacity'), '0.3');
    assert.equal(p!.getAttribute('d')!.match(/[ML]/g)!.length, 6);
  });

  it('hist draws numpy-histogram bars from y = 0 (sticky bottom edge)', () => {
    const data = Array.from({ length: 200 }, (_, k) => Math.sin(k));
    const fig = figure().hist(data, { bins: 8 });
    const root = parse(fig.toSVG());
    const [p] = dataPaths(root);
    assert.equal(p!.getAttribute('d')!.match(/M/g)!.length, 8);
    const h = histogram(data, 8);
    // The tallest bar reaches 95% of the panel height (5% margin above), its base is the frame's bottom.
    const f = frames(root)[0]!;
    const ys = numbers(p!.getAttribute('d')!).filter((_, k) => k % 2 === 1);
    assert.ok(Math.abs(Math.max(...ys) - f.height) < 0.01, `${Math.max(...ys)} vs ${f.height}`);
    assert.ok(Math.abs(Math.min(...ys) - f.height * (1 - 1 / 1.05)) < 0.5);
    assert.equal(h.counts.reduce((a, b) => a + b, 0), 200);
    assert.throws(() => figure().hist(data, { histtype: 'bars' as 'bar' }), PlotError);
  });

  it('errorbar draws the data, the bars and the caps', () => {
    const root = parse(figure().errorbar([1, 2, 3], [1, 2, 1], { yerr: [0.1, 0.2, 0.3], fmt: 'o', capsize: 3 }).toSVG());
    const paths = dataPaths(root);
    assert.equal(paths.length, 3); // bars, caps, markers
    assert.equal(paths[0]!.getAttribute('d')!.match(/M/g)!.length, 3);
  });

  it('text and annotate place SVG text; annotate draws an arrow to xy', () => {
    const root = parse(figure().plot([0, 10], [0, 10]).text(1, 9, 'hello').annotate('peak', { xy: [5, 5], xytext: [2, 8] }).text(0.5, 0.5, 'centre', { coords: 'axes', ha: 'center' }).toSVG());
    const t = all(root, 'text').map((x) => x.textContent);
    for (const s of ['hello', 'peak', 'centre']) assert.ok(t.includes(s), s);
    assert.ok(all(root, 'path[fill="black"]').length >= 1); // the arrow head
  });
});

describe('images, colour maps, colour bars', () => {
  const matrix = [
    [0, 1, 2],
    [3, 4, 5],
  ];

  it('imshow embeds the matrix as a PNG, row 0 at the top, coloured by the map; colorbar shows the range', async () => {
    const fig = figure({ width: 300, height: 200 }).imshow(matrix, { cmap: 'gray' }).colorbar({ label: 'value' });
    const svg = fig.toSVG();
    const root = parse(svg);
    const image = all(root, 'g[clip-path] image')[0]!;
    const href = image.getAttribute('href')!;
    assert.match(href, /^data:image\/png;base64,/);
    const png = decodePNG(Uint8Array.from(Buffer.from(href.split(',')[1]!, 'base64')));
    assert.deepEqual([png.width, png.height], [3, 2]);
    const pixel = (x: number, y: number): number[] => Array.from(png.pixels.subarray(4 * (y * 3 + x), 4 * (y * 3 + x) + 3));
    // The picture is stored with the largest y on top: on imshow's inverted axis that is the last row.
    assert.deepEqual(pixel(0, 0), rgbBytes(colormapFunction('gray', 't')(3 / 5)));
    assert.deepEqual(pixel(2, 1), rgbBytes(colormapFunction('gray', 't')(2 / 5)));
    assert.ok(texts(root, 'colorbar').includes('value'));
    // The rendered PNG shows black at the top-left cell and white at the bottom right.
    const img = rasterize(svg);
    const f = frames(root)[0]!;
    const at = (x: number, y: number): number => img.pixels[4 * (Math.round(y) * img.width + Math.round(x))]!;
    assert.ok(at(f.x + f.width * 0.1, f.y + f.height * 0.2) < 30);
    assert.ok(at(f.x + f.width * 0.9, f.y + f.height * 0.8) > 225);
  });

  it("pcolormesh puts row 0 at the bottom; non-uniform edges give filled cells; scatter's c colours by level", () => {
    const root = parse(figure().pcolormesh(matrix).toSVG());
    assert.equal(all(root, 'g[clip-path] image').length, 1);
    const uneven = parse(figure().pcolormesh([0, 1, 3, 4], [0, 1, 5], matrix, { cmap: 'hot' }).toSVG());
    assert.equal(all(uneven, 'g[clip-path] image').length, 0);
    assert.equal(dataPaths(uneven).length, 6);
    const sc = parse(figure().scatter([1, 2, 3], [1, 2, 3], { c: [0, 0.5, 1], cmap: 'viridis' }).colorbar().toSVG());
    assert.deepEqual(dataPaths(sc).map((p) => p.getAttribute('fill')), ['#440154', '#21918c', '#fde725'].map((c, k) => colormapFunction('viridis', 't')([0.5 / 64, 32.5 / 64, 63.5 / 64][k]!)));
    assert.throws(() => figure().imshow([[1, 2], [3]]), (e: unknown) => e instanceof PlotError && /row 1 of the matrix has 1 values/.test(e.message));
    assert.throws(() => figure().colorbar(), (e: unknown) => e instanceof PlotError && /no image/.test(e.message));
    assert.throws(() => figure().imshow(matrix, { cmap: 'nope' }), (e: unknown) => e instanceof PlotError && /unknown colormap 'nope'/.test(e.message));
  });
});

describe('layout: spans, ratios, shared and twin axes', () => {
  it('heightRatios and widthRatios size the cells', () => {
    const fig = figure({ rows: 2, cols: 2, width: 600, height: 600, heightRatios: [2, 1], widthRatios: [1, 2] });
    const panels = all(parse(fig.toSVG()), 'svg > svg');
    assert.deepEqual(panels.map((p) => [p.getAttribute('x'), p.getAttribute('y'), p.getAttribute('width'), p.getAttribute('height')]), [
      ['0', '0', '200', '400'],
      ['200', '0', '400', '400'],
      ['0', '400', '200', '200'],
      ['200', '400', '400', '200'],
    ]);
    assert.throws(() => figure({ rows: 2, heightRatios: [1] }), PlotError);
  });

  it('subplot with colSpan replaces the panels it covers', () => {
    const fig = figure({ rows: 2, cols: 2, width: 400, height: 400 });
    fig.subplot(0, 0, { colSpan: 2 }).plot([1, 2]);
    const panels = all(parse(fig.toSVG()), 'svg > svg');
    assert.equal(panels.length, 3);
    assert.ok(panels.some((p) => p.getAttribute('width') === '400'));
    assert.throws(() => fig.subplot(1, 1, { colSpan: 2 }), PlotError);
  });

  it('sharex gives every panel the same x range and hides the upper x tick labels', () => {
    const fig = figure({ rows: 2, sharex: true });
    fig.subplot(0).plot([0, 1], [0, 1]);
    fig.subplot(1).plot([5, 10], [0, 1]);
    const root = parse(fig.toSVG());
    const panels = all(root, 'svg > svg');
    assert.equal(texts(panels[0]!, 'x-axis tick label').filter((t) => t !== '').length, 0);
    assert.ok(texts(panels[1]!, 'x-axis tick label').includes('0'));
    assert.ok(texts(panels[1]!, 'x-axis tick label').includes('10'));
  });

  it('twinx overlays a panel with its y axis on the right, sharing x', () => {
    const fig = figure();
    fig.plot([0, 1], [0, 1]).ylabel('left');
    fig.twinx().plot([0, 1], [100, 200], 'r').ylabel('right');
    const root = parse(fig.toSVG());
    const panels = all(root, 'svg > svg');
    assert.equal(panels.length, 2);
    assert.equal(panels[0]!.getAttribute('x'), panels[1]!.getAttribute('x'));
    assert.ok(texts(panels[1]!, 'y-axis tick label').includes('200'));
    assert.deepEqual(texts(panels[1]!, 'x-axis tick label'), []);
    assert.deepEqual(texts(panels[1]!, 'y-axis label'), ['right']);
  });
});

describe('options of the new calls are checked', () => {
  it('an unknown option is a PlotError with a close match', () => {
    assert.throws(() => figure().axhline(1, { colour: 'k' } as never), (e: unknown) => e instanceof PlotError && /colour/.test(e.message) && /color/.test(e.message));
    assert.throws(() => figure().hist([1, 2], { bin: 3 } as never), (e: unknown) => e instanceof PlotError && /bin/.test(e.message));
    assert.throws(() => figure({ rows: 2, heightRatio: [1, 2] } as never), (e: unknown) => e instanceof PlotError && /heightRatio/.test(e.message));
    assert.throws(() => figure().imshow([[1]], { cmap: 'gray', orign: 'lower' } as never), PlotError);
  });
});

describe('ticklabelFormat', () => {
  it('useOffset: false writes the full values (matplotlib: 1280.0000 instead of an offset)', () => {
    const root = parse(figure().plot([0, 1, 2], [1279.99995, 1280, 1280.00005]).ticklabelFormat({ useOffset: false }).toSVG());
    assert.deepEqual(texts(root, 'y-axis offset'), []);
    assert.ok(texts(root, 'y-axis tick label').includes('1280.00000'), texts(root, 'y-axis tick label').join(' '));
    assert.throws(() => figure().ticklabelFormat({ axis: 'z' as 'x' }), PlotError);
  });
});

describe('polar axes', () => {
  it("subplot(r, c, {projection: 'polar'}) draws a circular frame, angle labels and data at (r cos θ, r sin θ)", () => {
    const fig = figure({ width: 400, height: 400 });
    fig.subplot(0, 0, { projection: 'polar' }).plot([0, Math.PI / 2], [1, 1], 'k').axvline(Math.PI, { color: 'g' });
    const root = parse(fig.toSVG());
    assert.deepEqual(texts(root, 'x-axis tick label'), ['0°', '45°', '90°', '135°', '180°', '225°', '270°', '315°']);
    const data = all(root, '[aria-label="polar"] g[clip-path] path');
    const pts = numbers(data[0]!.getAttribute('d')!);
    // θ = 0 lies right of the centre, θ = π/2 above it, both at the same radius
    const [x0, y0, x1, y1] = pts as [number, number, number, number];
    assert.ok(x0 > x1 && y1 < y0, `${pts.join(',')}`);
    assert.ok(Math.abs(x0 - x1 - (y0 - y1)) < 0.05);
    assert.equal(data[1]!.getAttribute('stroke'), 'g'.replace('g', '#008000'));
    assert.throws(() => fig.subplot(0, 0, { projection: 'polar' }).twinx(), PlotError);
    assert.throws(() => figure().subplot(0, 0, { projection: 'mollweide' as 'polar' }), PlotError);
  });
});
