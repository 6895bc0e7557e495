/** Tick positions and labels for linear axes (matplotlib-like: steps of 1, 2, 2.5 or 5 × 10^k). */

/**
 * Ticks at round values inside [lo, hi] as matplotlib's MaxNLocator (steps 1, 2, 2.5, 5, 10 × 10^k):
 * the smallest step giving at most `nbins` intervals, made smaller until at least two ticks fall inside.
 */
export function linearTicks(lo: number, hi: number, nbins: number): { ticks: number[]; step: number } {
  const span = hi - lo;
  if (!(span > 0) || !Number.isFinite(span)) return { ticks: Number.isFinite(lo) ? [lo] : [], step: 1 };
  const raw = span / Math.max(1, nbins);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const steps = [0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10].map((s) => s * mag);
  let index = steps.findIndex((s) => s >= raw * (1 - 1e-12));
  if (index < 0) index = steps.length - 1;
  let ticks: number[] = [];
  let step = steps[index]!;
  for (; index >= 0; index--) {
    step = steps[index]!;
    const first = Math.ceil(lo / step - 1e-9);
    const last = Math.floor(hi / step + 1e-9);
    ticks = [];
    for (let k = first; k <= last; k++) ticks.push(k * step + 0); // + 0 turns -0 into 0
    if (ticks.length >= 2) break;
  }
  return { ticks, step };
}

/** matplotlib's automatic number of tick intervals for an axis of `px` pixels (its `get_tick_space`, at most 9). */
export function tickBins(px: number, axis: 'x' | 'y'): number {
  // 10-pt labels; an x tick needs 3 label heights of room, a y tick 2 (at 100 px per inch: 0.72 pt per px).
  return Math.max(1, Math.min(9, Math.floor((px * 0.72) / (axis === 'x' ? 30 : 20))));
}

/** Decimals needed to write multiples of `step` exactly (0.25 → 2, 2.5 → 1, 20 → 0). */
function decimalsOf(step: number): number {
  for (let d = 0; d < 20; d++) {
    const scaled = step * 10 ** d;
    if (Math.abs(Math.round(scaled) - scaled) < 1e-6 * scaled) return d;
  }
  return 20;
}

/** A tick label: as many decimals as the step needs, a true minus sign, scientific when extreme. */
export function formatTick(value: number, step: number): string {
  const v = Math.abs(value) < step * 1e-9 ? 0 : value;
  const magnitude = Math.abs(v);
  let text: string;
  if (magnitude !== 0 && (magnitude >= 1e6 || step < 1e-4)) {
    const digits = Math.max(0, Math.min(6, Math.round(Math.log10(magnitude / step))));
    text = v.toExponential(digits).replace(/\.?0+e/, 'e').replace('e+', 'e');
  } else text = v.toFixed(decimalsOf(step));
  return text.replace('-', '\u2212');
}

/** Tick labels of a log axis: the powers of ten inside [lo, hi]. */
export function logTickLabel(value: number): string {
  const exponent = Math.round(Math.log10(value));
  if (Math.abs(value / 10 ** exponent - 1) > 1e-9) return '';
  if (exponent >= 0 && exponent <= 4) return String(10 ** exponent);
  if (exponent < 0 && exponent >= -3) return (10 ** exponent).toFixed(-exponent);
  return `1e${exponent}`.replace('-', '\u2212');
}

/** Labels of a linear axis and the text shown beside the axis (offset and/or power of ten). */
export interface ScalarLabels {
  readonly labels: string[];
  /** matplotlib's offset text (`'1e−5+1.28e3'`), `''` when none. */
  readonly offset: string;
}

const minus = (s: string): string => s.replace(/-/g, '\u2212');

/** Python's `%d` of `e` and `%1.10g` / `%d` of the significand, as matplotlib's `format_data`. */
function formatData(value: number): string {
  const e = Math.floor(Math.log10(Math.abs(value)));
  const s = Math.round((value / 10 ** e) * 1e10) / 1e10;
  const significand = s % 1 === 0 ? String(Math.trunc(s)) : String(Number(s.toPrecision(10)));
  return e === 0 ? significand : `${significand}e${e}`;
}

/** numpy's `round(x, decimals)`: scale, round half to even, unscale. */
function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  const y = x * f;
  let r = Math.round(y);
  if (Math.abs(y - Math.trunc(y)) === 0.5 && r % 2 !== 0) r -= 1;
  return r / f;
}

/** Python's floor division for the offset search. */
const floorDiv = (a: number, b: number): number => Math.floor(a / b);

/**
 * matplotlib's default `ScalarFormatter` (offset threshold 4, power limits −5…6, no mathtext):
 * labels with just enough decimals to tell the ticks apart, an offset when the ticks share four
 * or more leading digits, and a common power of ten for very small or large values.
 * @param locs the tick positions
 * @param vmin the axis's view interval (the ticks outside it are ignored for offset and power)
 * @param useOffset false: never an offset (matplotlib's `ticklabel_format(useOffset=False)`)
 */
export function scalarLabels(locs: readonly number[], vmin: number, vmax: number, useOffset = true): ScalarLabels {
  if (locs.length === 0) return { labels: [], offset: '' };
  const lo = Math.min(vmin, vmax);
  const hi = Math.max(vmin, vmax);
  const visible = locs.filter((v) => v >= lo && v <= hi);
  // _compute_offset
  let offset = 0;
  if (visible.length > 0) {
    const lmin = Math.min(...visible);
    const lmax = Math.max(...visible);
    if (useOffset && !(lmin === lmax || (lmin <= 0 && 0 <= lmax))) {
      const absMin = Math.min(Math.abs(lmin), Math.abs(lmax));
      const absMax = Math.max(Math.abs(lmin), Math.abs(lmax));
      const sign = lmin < 0 ? -1 : 1;
      const oomMax = Math.ceil(Math.log10(absMax));
      let oom = oomMax;
      while (floorDiv(absMin, 10 ** oom) === floorDiv(absMax, 10 ** oom)) oom--;
      oom += 1;
      if ((absMax - absMin) / 10 ** oom <= 1e-2) {
        oom = oomMax;
        while (!(floorDiv(absMax, 10 ** oom) - floorDiv(absMin, 10 ** oom) > 1)) oom--;
        oom += 1;
      }
      offset = floorDiv(absMax, 10 ** oom) >= 1e3 ? sign * floorDiv(absMax, 10 ** oom) * 10 ** oom : 0;
    }
  }
  // _set_order_of_magnitude
  let order = 0;
  if (visible.length > 0) {
    let oom: number;
    if (offset !== 0) oom = Math.floor(Math.log10(hi - lo));
    else {
      const val = Math.max(...visible.map(Math.abs));
      oom = val === 0 ? 0 : Math.floor(Math.log10(val));
    }
    if (oom <= -5 || oom >= 6) order = oom;
  }
  // _set_format
  const all = locs.length < 2 ? [...locs, vmin, vmax] : [...locs];
  const scaled = all.map((v) => (v - offset) / 10 ** order);
  let range = Math.max(...scaled) - Math.min(...scaled);
  if (range === 0) range = Math.max(...scaled.map(Math.abs));
  if (range === 0) range = 1;
  const used = locs.length < 2 ? scaled.slice(0, -2) : scaled;
  const rangeOom = Math.floor(Math.log10(range));
  let sigfigs = Math.max(0, 3 - rangeOom);
  const thresh = 1e-3 * 10 ** rangeOom;
  while (sigfigs >= 0) {
    if (Math.max(...used.map((v) => Math.abs(v - roundTo(v, sigfigs)))) < thresh) sigfigs -= 1;
    else break;
  }
  sigfigs += 1;
  const labels = locs.map((x) => {
    let xp = (x - offset) / 10 ** order;
    if (Math.abs(xp) < 1e-8) xp = 0;
    return minus(xp.toFixed(sigfigs));
  });
  let text = '';
  if (order !== 0 || offset !== 0) {
    const offsetStr = offset === 0 ? '' : `${offset > 0 ? '+' : ''}${formatData(offset)}`;
    text = minus(`${order !== 0 ? `1e${order}` : ''}${offsetStr}`);
  }
  return { labels, offset: text };
}
