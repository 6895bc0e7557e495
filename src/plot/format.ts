/**
 * matplotlib format strings (`'.k'`, `'-r'`, `'o--C1'`): marker, line style and colour, parsed as
 * matplotlib's `_process_plot_format` does (each part at most once, in any order).
 */
import { PlotError } from './errors.ts';

/** Marker symbols: matplotlib's single-character markers that brian-ts draws. */
export type MarkerSymbol = '.' | ',' | 'o' | 'x' | '+' | 's' | 'd' | 'D' | '^' | 'v' | '<' | '>' | '*' | '|' | '_';
/** Line styles: solid, dashed, dotted, dash-dot; `'none'` draws no line. */
export type LineStyle = '-' | '--' | ':' | '-.' | 'none';

/** The parts of a format string; absent parts take their defaults. */
export interface ParsedFormat {
  readonly marker?: MarkerSymbol;
  readonly lineStyle?: LineStyle;
  readonly color?: string;
}

/** matplotlib's single-letter colours (`matplotlib.colors.BASE_COLORS`). */
export const BASE_COLORS: Readonly<Record<string, string>> = {
  b: '#0000ff',
  g: '#008000',
  r: '#ff0000',
  c: '#00bfbf',
  m: '#bf00bf',
  y: '#bfbf00',
  k: '#000000',
  w: '#ffffff',
};

/** matplotlib's default colour cycle (`tab10`), also reachable as `'C0'`…`'C9'`. */
export const COLOR_CYCLE: readonly string[] = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];

const MARKERS: ReadonlySet<string> = new Set<MarkerSymbol>(['.', ',', 'o', 'x', '+', 's', 'd', 'D', '^', 'v', '<', '>', '*', '|', '_']);

/** SVG `stroke-dasharray` of each line style at line width 1.5 (matplotlib's dash patterns). */
export const DASHES: Readonly<Record<LineStyle, string | undefined>> = {
  '-': undefined,
  '--': '5.55,2.4',
  ':': '1.5,2.475',
  '-.': '9.6,2.4,1.5,2.4',
  none: undefined,
};

/**
 * Parses a matplotlib format string. Throws PlotError for an unknown character or a part given
 * twice, with matplotlib's wording.
 * @example parseFormat('.k') // { marker: '.', color: '#000000' }
 */
export function parseFormat(fmt: string, call = 'plot'): ParsedFormat {
  let marker: MarkerSymbol | undefined;
  let lineStyle: LineStyle | undefined;
  let color: string | undefined;
  const fail = (why: string): never => {
    throw new PlotError(call, `illegal format string '${fmt}': ${why}`);
  };
  let k = 0;
  while (k < fmt.length) {
    const c = fmt[k]!;
    const two = fmt.slice(k, k + 2);
    if (two === '--' || two === '-.') {
      if (lineStyle !== undefined) fail('two linestyle symbols');
      lineStyle = two;
      k += 2;
    } else if (c === '-' || c === ':') {
      if (lineStyle !== undefined) fail('two linestyle symbols');
      lineStyle = c;
      k += 1;
    } else if (MARKERS.has(c)) {
      if (marker !== undefined) fail('two marker symbols');
      marker = c as MarkerSymbol;
      k += 1;
    } else if (c in BASE_COLORS) {
      if (color !== undefined) fail('two color symbols');
      color = BASE_COLORS[c]!;
      k += 1;
    } else if (c === 'C' && /^[0-9]$/.test(fmt[k + 1] ?? '')) {
      if (color !== undefined) fail('two color symbols');
      color = COLOR_CYCLE[Number(fmt[k + 1])]!;
      k += 2;
    } else {
      fail(
        `unrecognized character '${c}' (markers: . , o x + s d D ^ v < > * | _; line styles: - -- : -.; ` +
          'colours: b g r c m y k w C0-C9)',
      );
    }
  }
  return {
    ...(marker !== undefined ? { marker } : {}),
    ...(lineStyle !== undefined ? { lineStyle } : {}),
    ...(color !== undefined ? { color } : {}),
  };
}
