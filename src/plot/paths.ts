/**
 * SVG path data for lines and markers. Every series is drawn as one `<path>` however many points
 * it has (an element per point is what makes big rasters slow), with coordinates rounded so that
 * the text stays short.
 */
import type { MarkerSymbol } from './format.ts';

/** Coordinates beyond this many pixels are clamped: renderers misbehave on huge values. */
const CLAMP = 1e6;

const round2 = (v: number): number => Math.round(v * 100) / 100;
const clamp = (v: number): number => (v > CLAMP ? CLAMP : v < -CLAMP ? -CLAMP : v);

/**
 * A polyline through the points; non-finite points break it. Long traces with x in ascending
 * order keep, per pixel column, the first, lowest, highest and last point (M4 decimation): the
 * drawn line is the same, the path is at most ~4 points per column.
 */
export function linePath(px: Float64Array, py: Float64Array, visible?: VisibleBox): string {
  if (visible !== undefined) [px, py] = dropHiddenPoints(px, py, visible);
  const n = px.length;
  const parts: string[] = [];
  let pen = false;
  const emit = (x: number, y: number): void => {
    parts.push(`${pen ? 'L' : 'M'}${round2(clamp(x))},${round2(clamp(y))}`);
    pen = true;
  };
  if (n > 4096 && isAscending(px)) {
    let k = 0;
    while (k < n) {
      const x0 = px[k]!;
      const y0 = py[k]!;
      if (!Number.isFinite(x0) || !Number.isFinite(y0)) {
        pen = false;
        k++;
        continue;
      }
      const column = Math.floor(x0);
      let lo = k;
      let hi = k;
      let last = k;
      let j = k + 1;
      for (; j < n; j++) {
        const x = px[j]!;
        const y = py[j]!;
        if (!Number.isFinite(x) || !Number.isFinite(y) || Math.floor(x) !== column) break;
        if (y < py[lo]!) lo = j;
        if (y > py[hi]!) hi = j;
        last = j;
      }
      const keep = [k, lo, hi, last].sort((a, b) => a - b);
      let prev = -1;
      for (const i of keep) {
        if (i !== prev) emit(px[i]!, py[i]!);
        prev = i;
      }
      k = j;
    }
    return parts.join('');
  }
  for (let k = 0; k < n; k++) {
    const x = px[k]!;
    const y = py[k]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) pen = false;
    else emit(x, y);
  }
  return parts.join('');
}

/** The plot area in pixels; lines are clipped to it when drawn. */
export interface VisibleBox {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/**
 * Drops points whose both adjacent segments lie beyond the same edge of the plot area (they
 * cannot show), replacing each dropped run by a break. Besides shortening the path this keeps
 * far-off coordinates away from the PNG renderer, which cuts long off-screen lines short.
 */
function dropHiddenPoints(px: Float64Array, py: Float64Array, box: VisibleBox): [Float64Array, Float64Array] {
  const n = px.length;
  const side = (k: number): number => {
    const x = px[k]!;
    const y = py[k]!;
    return (x < box.left ? 1 : 0) | (x > box.right ? 2 : 0) | (y < box.top ? 4 : 0) | (y > box.bottom ? 8 : 0);
  };
  const outX = new Float64Array(n);
  const outY = new Float64Array(n);
  let m = 0;
  let previousDropped = false;
  for (let k = 0; k < n; k++) {
    const here = side(k);
    const hidden = here !== 0 && (k === 0 || (here & side(k - 1)) !== 0) && (k === n - 1 || (here & side(k + 1)) !== 0);
    if (hidden) {
      if (!previousDropped && m > 0) {
        outX[m] = NaN; // a break, so the kept neighbours are not joined across the gap
        outY[m] = NaN;
        m++;
      }
      previousDropped = true;
      continue;
    }
    previousDropped = false;
    outX[m] = px[k]!;
    outY[m] = py[k]!;
    m++;
  }
  return [outX.subarray(0, m), outY.subarray(0, m)];
}

function isAscending(a: Float64Array): boolean {
  let prev = -Infinity;
  for (let k = 0; k < a.length; k++) {
    const v = a[k]!;
    if (Number.isNaN(v)) continue;
    if (v < prev) return false;
    prev = v;
  }
  return true;
}

/** Whether a marker is drawn with a stroke only (matplotlib's unfilled line markers). */
export function isLineMarker(marker: MarkerSymbol): boolean {
  return marker === 'x' || marker === '+' || marker === '|' || marker === '_';
}

/** Path data of one marker of `size` pixels (matplotlib's marker geometry) centred on (x, y). */
function markerShape(marker: MarkerSymbol, size: number): (x: number, y: number) => string {
  const h = size / 2;
  const r2 = (v: number): string => String(round2(v));
  switch (marker) {
    case ',':
      return (x, y) => `M${x - 0.5},${y - 0.5}h1v1h-1z`;
    case '.':
    case 'o': {
      const r = marker === '.' ? size / 4 : h;
      const rs = r2(r);
      const d = r2(2 * r);
      return (x, y) => `M${r2(x - r)},${y}a${rs},${rs} 0 1,0 ${d},0a${rs},${rs} 0 1,0 -${d},0z`;
    }
    case 's': {
      const s = r2(size);
      return (x, y) => `M${r2(x - h)},${r2(y - h)}h${s}v${s}h-${s}z`;
    }
    case 'D':
    case 'd': {
      const dy = r2(h * Math.SQRT2);
      const dx = r2(marker === 'd' ? 0.6 * h * Math.SQRT2 : h * Math.SQRT2);
      return (x, y) => `M${x},${r2(y - Number(dy))}l${dx},${dy}l-${dx},${dy}l-${dx},-${dy}z`;
    }
    case '^':
      return (x, y) => `M${x},${r2(y - h)}l${r2(h)},${r2(size)}h-${r2(size)}z`;
    case 'v':
      return (x, y) => `M${x},${r2(y + h)}l${r2(h)},-${r2(size)}h-${r2(size)}z`;
    case '<':
      return (x, y) => `M${r2(x - h)},${y}l${r2(size)},${r2(h)}v-${r2(size)}z`;
    case '>':
      return (x, y) => `M${r2(x + h)},${y}l-${r2(size)},${r2(h)}v-${r2(size)}z`;
    case 'x':
      return (x, y) => `M${r2(x - h)},${r2(y - h)}l${r2(size)},${r2(size)}M${r2(x - h)},${r2(y + h)}l${r2(size)},-${r2(size)}`;
    case '+':
      return (x, y) => `M${r2(x - h)},${y}h${r2(size)}M${x},${r2(y - h)}v${r2(size)}`;
    case '|':
      return (x, y) => `M${x},${r2(y - h)}v${r2(size)}`;
    case '_':
      return (x, y) => `M${r2(x - h)},${y}h${r2(size)}`;
    case '*': {
      // A five-pointed star: outer radius h, inner radius 0.38 h.
      const pts: [number, number][] = [];
      for (let k = 0; k < 10; k++) {
        const rad = k % 2 === 0 ? h : 0.38 * h;
        const a = (Math.PI * k) / 5 - Math.PI / 2;
        pts.push([rad * Math.cos(a), rad * Math.sin(a)]);
      }
      return (x, y) => `M${pts.map(([dx, dy]) => `${r2(x + dx)},${r2(y + dy)}`).join('L')}z`;
    }
  }
}

/**
 * One path with a marker at every point inside the area (pixels, with a `size` border). Points
 * are placed on a quarter-pixel grid and drawn once per grid cell: in a dense raster most spikes
 * land on an already drawn square, so 10^6 spikes cost far less than 10^6 squares.
 */
export function markerPath(
  px: Float64Array,
  py: Float64Array,
  marker: MarkerSymbol,
  size: number,
  area: { readonly width: number; readonly height: number },
): string {
  const shape = markerShape(marker, size);
  const q = 4;
  const border = Math.ceil(size) + 1;
  const cols = Math.ceil((area.width + 2 * border) * q) + 1;
  const rows = Math.ceil((area.height + 2 * border) * q) + 1;
  // A bitmap only pays for itself on large inputs; small ones are drawn as given.
  const seen = px.length > 20_000 ? new Uint8Array(cols * rows) : undefined;
  const parts: string[] = [];
  for (let k = 0; k < px.length; k++) {
    const x = px[k]!;
    const y = py[k]!;
    if (!(x >= -border && x <= area.width + border && y >= -border && y <= area.height + border)) continue;
    const qx = Math.round((x + border) * q);
    const qy = Math.round((y + border) * q);
    if (seen !== undefined) {
      const cell = qy * cols + qx;
      if (seen[cell] === 1) continue;
      seen[cell] = 1;
    }
    parts.push(shape(qx / q - border, qy / q - border));
  }
  return parts.join('');
}

/**
 * Squares of side `size` at the points, as one path of horizontal runs: points are placed on a
 * quarter-pixel grid and overlapping squares in a grid row merge into one rectangle. A dense
 * raster of 10^6 spikes becomes a few thousand rectangles; a sparse one stays a square per spike.
 */
export function squarePath(
  px: Float64Array,
  py: Float64Array,
  size: number,
  area: { readonly width: number; readonly height: number },
): string {
  const q = 4;
  const half = size / 2;
  const border = Math.ceil(size) + 1;
  const cols = Math.ceil((area.width + 2 * border) * q) + 1;
  const rows = Math.ceil((area.height + 2 * border) * q) + 1;
  const seen = new Uint8Array(cols * rows);
  const rowUsed = new Uint8Array(rows);
  for (let k = 0; k < px.length; k++) {
    const x = px[k]! - half;
    const y = py[k]! - half;
    if (!(x >= -border && x <= area.width + border - size && y >= -border && y <= area.height + border - size)) continue;
    const qx = Math.round((x + border) * q);
    const qy = Math.round((y + border) * q);
    seen[qy * cols + qx] = 1;
    rowUsed[qy] = 1;
  }
  const span = Math.max(1, Math.round(size * q));
  const s = String(Math.round(size * 100) / 100);
  const parts: string[] = [];
  for (let r = 0; r < rows; r++) {
    if (rowUsed[r] === 0) continue;
    const base = r * cols;
    const y = r / q - border;
    let start = -1;
    let end = -1;
    for (let c = 0; c < cols; c++) {
      if (seen[base + c] === 0) continue;
      if (start >= 0 && c <= end) {
        end = c + span;
        continue;
      }
      if (start >= 0) parts.push(`M${start / q - border},${y}h${(end - start) / q}v${s}h-${(end - start) / q}z`);
      start = c;
      end = c + span;
    }
    if (start >= 0) parts.push(`M${start / q - border},${y}h${(end - start) / q}v${s}h-${(end - start) / q}z`);
  }
  return parts.join('');
}
