/**
 * Colour maps by matplotlib's names, from matplotlib's own 256-entry lookup tables (written by
 * scripts/generate-colormaps.py) and looked up as matplotlib does (entry ⌊t·256⌋), so colours
 * equal matplotlib's (tests/conformance/plot_colormaps.test.ts). A name ending in `_r` is reversed.
 */
import { COLORMAP_SAMPLES } from './colormap-data.generated.ts';
import { PlotError } from './errors.ts';

/** A colour map's name (matplotlib's; `'_r'` reverses), or a function from [0, 1] to a CSS colour. */
export type Colormap = string | ((t: number) => string);

const ALIASES: Readonly<Record<string, string>> = { grey: 'gray', Gray: 'gray', Grays: 'Greys' };

/** Every named map. */
// Case-insensitive order (lower case first on a tie), as localeCompare gives for these ASCII names, without
// starting the ICU collator at module load (≈ 20 ms of a browser worker's start-up).
const caseInsensitive = (a: string, b: string): number => {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a === b ? 0 : a < b ? 1 : -1;
};
export const COLORMAP_NAMES: readonly string[] = Object.keys(COLORMAP_SAMPLES).sort(caseInsensitive);

const cache = new Map<string, Uint8Array>();

function samples(name: string): Uint8Array | undefined {
  let bytes = cache.get(name);
  if (bytes === undefined) {
    const hex = COLORMAP_SAMPLES[name];
    if (hex === undefined) return undefined;
    bytes = new Uint8Array(hex.length / 2);
    for (let k = 0; k < bytes.length; k++) bytes[k] = parseInt(hex.slice(2 * k, 2 * k + 2), 16);
    cache.set(name, bytes);
  }
  return bytes;
}

/** The colour map as a function from [0, 1] (clamped; NaN gives the low end) to `#rrggbb`; throws PlotError for an unknown name. */
export function colormapFunction(map: Colormap, call: string): (t: number) => string {
  if (typeof map === 'function') return map;
  if (typeof map !== 'string') throw new PlotError(call, `a colour map is a name or a function, got ${typeof map}`);
  const reversed = map.endsWith('_r');
  const base = reversed ? map.slice(0, -2) : map;
  const data = samples(ALIASES[base] ?? base);
  if (data === undefined) throw new PlotError(call, `unknown colormap '${map}'; use one of ${COLORMAP_NAMES.join(', ')} (add '_r' to reverse) or a function`);
  const n = data.length / 3;
  return (t) => {
    const c = Number.isNaN(t) ? 0 : Math.min(1, Math.max(0, t));
    const index = Math.min(n - 1, Math.floor(c * n));
    const k = reversed ? n - 1 - index : index;
    let out = '#';
    for (let j = 0; j < 3; j++) out += data[3 * k + j]!.toString(16).padStart(2, '0');
    return out;
  };
}

/** A CSS colour as [r, g, b] bytes (`#rrggbb` or `rgb(r, g, b)`; black otherwise). */
export function rgbBytes(color: string): [number, number, number] {
  const h = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (h !== null) return [parseInt(h[1]!, 16), parseInt(h[2]!, 16), parseInt(h[3]!, 16)];
  const r = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(color);
  if (r !== null) return [Number(r[1]), Number(r[2]), Number(r[3])];
  return [0, 0, 0];
}
