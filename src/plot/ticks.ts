/** Tick positions and labels for linear axes (matplotlib-like: steps of 1, 2, 2.5 or 5 × 10^k). */

/** Ticks at round values inside [lo, hi], about `target` of them. */
export function linearTicks(lo: number, hi: number, target: number): { ticks: number[]; step: number } {
  const span = hi - lo;
  if (!(span > 0) || !Number.isFinite(span)) return { ticks: Number.isFinite(lo) ? [lo] : [], step: 1 };
  const raw = span / Math.max(1, target);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * mag;
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) ticks.push(k * step + 0); // + 0 turns -0 into 0
  return { ticks, step };
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
