/**
 * The geometric jumps of Brian2's sampler, `Math.ceil(Math.log(u) * scale)` with
 * `scale = 1 / Math.log(1 - p)`, looked up instead of computed for almost every `u`, with the
 * same result bit for bit (any other jump would change the synapses).
 *
 * The jump is a step function of `u`: it changes only where `log(u) * scale` crosses an
 * integer k, at `u ≈ exp(k / scale)`. The table splits [2^-OCTAVES, 1) into cells by the
 * exponent and the top `bits` mantissa bits of `u` (read from the bits of `u * 2^32`, so no
 * logarithm is needed to find a cell), each cell narrow enough to hold at most one such
 * crossing. Per cell it stores `[hi, lo, k]`: the jump is `k` for `u >= hi` and `k + 1` for
 * `u < lo`. Around a crossing, `hi` and `lo` stand `MARGIN` (relative) above and below it:
 * the computed `log(u) * scale` differs from the exact value by far less (≈ 1e-14 · |scale|)
 * than the margin moves it (≈ 1e-9 · |scale|), so outside the margin both round up to the
 * same integer, and inside it (a probability of ≈ 1e-9 per crossing) — as in cells with
 * more than one crossing and for `u < 2^-OCTAVES` — `Math.log` decides.
 */

/** Octaves of `u` the table covers: below 2^-12 (probability 2.4e-4), `Math.log` runs. */
const OCTAVES = 12;
/** Relative distance of `hi`/`lo` from a crossing. */
const MARGIN = 2 ** -30;
/** Tables kept for reuse (keyed by `scale`): connect() calls with the same `p` share one. */
const CACHE_SIZE = 8;

/** A lookup table for one `scale` (see {@link jumpTable}). */
export interface JumpTable {
  /** `[hi, lo, k]` per cell, cell `(z << bits) | top` for `u` in octave `[2^-(z+1), 2^-z)`. */
  readonly cells: Float64Array;
  /** Mantissa bits per octave. */
  readonly bits: number;
  /** Octaves covered (0 for the table that always falls back to `Math.log`). */
  readonly octaves: number;
  /** The `scale` it was built for. */
  readonly scale: number;
}

const cache = new Map<number, JumpTable>();

/**
 * The table for `scale = 1 / Math.log(1 - p)` (a finite negative number), built once per
 * scale; for scales where it would not pay (|scale| > 256, i.e. p below ≈ 0.004, or non-finite
 * ones) a table with no cells, for which {@link jumpLength} always calls `Math.log`.
 */
export function jumpTable(scale: number): JumpTable {
  let table = cache.get(scale);
  if (table !== undefined) return table;
  table = buildTable(scale);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(scale, table);
  return table;
}

function buildTable(scale: number): JumpTable {
  const magnitude = -scale;
  if (!(magnitude > 0 && magnitude <= 256)) return { cells: new Float64Array(0), bits: 0, octaves: 0, scale };
  // At most |scale| / 2^bits ≤ 1/4 crossings per cell (a cell spans ≤ 2^-bits in log u).
  const bits = Math.max(6, Math.ceil(Math.log2(magnitude)) + 2);
  const perOctave = 1 << bits;
  const cells = new Float64Array(3 * OCTAVES * perOctave);
  // Search width around the cell's ends in units of log(u) * scale: the margin's width, with room.
  const eps = 4 * MARGIN * magnitude + 1e-9;
  for (let z = 0; z < OCTAVES; z++) {
    const octave = 2 ** -(z + 1);
    for (let top = 0; top < perOctave; top++) {
      const a = octave * (1 + top / perOctave);
      const b = octave * (1 + (top + 1) / perOctave);
      const fa = Math.log(a) * scale;
      const fb = Math.log(b) * scale;
      const kLo = Math.ceil(fb - eps);
      const kHi = Math.floor(fa + eps);
      const g = 3 * ((z << bits) | top);
      if (kLo > kHi) {
        // No crossing near the cell: one jump for all of it.
        cells[g] = 0;
        cells[g + 1] = 0;
        cells[g + 2] = Math.ceil(fa);
      } else if (kLo === kHi) {
        const t = Math.exp(kLo / scale);
        cells[g] = t * (1 + MARGIN);
        cells[g + 1] = t * (1 - MARGIN);
        cells[g + 2] = kLo;
      } else {
        cells[g] = Infinity;
        cells[g + 1] = -Infinity;
        cells[g + 2] = 0;
      }
    }
  }
  return { cells, bits, octaves: OCTAVES, scale };
}

/** `Math.ceil(Math.log(u) * table.scale)` for `u` in [0, 1), mostly without the logarithm. */
export function jumpLength(u: number, table: JumpTable): number {
  // The top 32 bits of u's 53, as an int32: `| 0`, not `>>> 0` — clz32 and << read the same
  // bits either way, and Chromium's Maglev deoptimised a uint32 here endlessly ('not int32').
  const h = (u * 4294967296) | 0;
  const z = Math.clz32(h);
  if (z < table.octaves) {
    const bits = table.bits;
    const g = 3 * ((z << bits) | (((h << z) << 1) >>> (32 - bits)));
    const cells = table.cells;
    if (u >= cells[g]!) return cells[g + 2]!;
    if (u < cells[g + 1]!) return cells[g + 2]! + 1;
  }
  return Math.ceil(Math.log(u) * table.scale);
}
