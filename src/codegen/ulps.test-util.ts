/** Distances between doubles in units in the last place, for the fast-math accuracy tests. */

const bits = new Float64Array(1);
const words = new BigInt64Array(bits.buffer);

/** A double's position on the ordered line of doubles (−0 and +0 both at 0). */
function ordinal(x: number): bigint {
  bits[0] = x;
  const w = words[0]!;
  return w < 0n ? -(w & 0x7fffffffffffffffn) : w;
}

/** Distance in ulps (0 for two NaNs, Infinity for NaN against a number). */
export function ulps(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  const d = ordinal(a) - ordinal(b);
  return Number(d < 0n ? -d : d);
}
