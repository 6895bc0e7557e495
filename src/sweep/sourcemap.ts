/**
 * Thinning the worker bundle's source map. The whole map is decoded at the first formatted stack
 * trace (Node's source maps until session 12, stack-map.ts since; brian-ts formats one for the
 * creation site of an error message): ≈ 200 ms for the full map of brian-ts and its
 * dependencies, paid by every worker that formats one. The user's
 * files need exact positions (error messages name their lines); library code only needs to be
 * recognised as library code (brian-ts's creation sites skip frames in its own folder), so its
 * mappings are cut to one per stretch of code from the same file, pointing at line 1 of the file.
 */

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = new Map([...B64].map((c, k) => [c, k]));

/** The base-64 VLQ numbers of one segment. */
export function decodeVlq(text: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of text) {
    const digit = B64_VALUE.get(c);
    if (digit === undefined) throw new Error(`invalid base-64 VLQ digit ${JSON.stringify(c)}`);
    value += (digit & 31) * 2 ** shift;
    if ((digit & 32) !== 0) {
      shift += 5;
      continue;
    }
    out.push(value % 2 === 1 ? -(value - 1) / 2 : value / 2);
    value = 0;
    shift = 0;
  }
  return out;
}

/** One segment's numbers as base-64 VLQ. */
export function encodeVlq(values: readonly number[]): string {
  let out = '';
  for (const v of values) {
    let x = v < 0 ? -v * 2 + 1 : v * 2;
    do {
      let digit = x % 32;
      x = Math.floor(x / 32);
      if (x > 0) digit |= 32;
      out += B64[digit];
    } while (x > 0);
  }
  return out;
}

/** A segment in absolute numbers: generated column, then source, line, column and name (if any). */
type Segment = number[];

/** The `mappings` of a source map as absolute segments per generated line. */
export function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  const prev = [0, 0, 0, 0, 0];
  for (const line of mappings.split(';')) {
    prev[0] = 0; // the generated column restarts on each line; the other fields carry over
    const segments: Segment[] = [];
    for (const text of line.split(',')) {
      if (text === '') continue;
      const rel = decodeVlq(text);
      const abs = rel.map((d, k) => (prev[k] = prev[k]! + d));
      segments.push(abs);
    }
    lines.push(segments);
  }
  return lines;
}

/** Absolute segments per generated line as `mappings`. */
export function encodeMappings(lines: readonly (readonly Segment[])[]): string {
  const prev = [0, 0, 0, 0, 0];
  return lines
    .map((segments) => {
      prev[0] = 0;
      return segments
        .map((abs) => {
          const rel = abs.map((v, k) => v - prev[k]!);
          abs.forEach((v, k) => (prev[k] = v));
          return encodeVlq(rel);
        })
        .join(',');
    })
    .join(';');
}

/**
 * The map with exact positions only for sources where `exact(index)` holds; every other source
 * keeps one segment where its stretch of generated code starts, at its line 1, column 0.
 */
export function thinSourceMap(map: { mappings: string; sources: readonly string[]; [k: string]: unknown }, exact: (source: number) => boolean): typeof map {
  const keep = map.sources.map((_, k) => exact(k));
  const lines = decodeMappings(map.mappings).map((segments) => {
    const out: Segment[] = [];
    let last = -1; // the source of the previous kept segment on this line
    for (const s of segments) {
      if (s.length < 4) {
        out.push(s);
        last = -1;
      } else if (keep[s[1]!]) {
        out.push(s);
        last = s[1]!;
      } else if (s[1] !== last) {
        out.push([s[0]!, s[1]!, 0, 0]);
        last = s[1]!;
      }
    }
    return out;
  });
  return { ...map, mappings: encodeMappings(lines) };
}
