/**
 * Small dense numerics for `exact` on linear systems with feedback: the matrix exponential
 * (scaling and squaring with the degree-13 Padé approximant, Higham 2005, after a power-of-two
 * balancing so that badly scaled units — volts next to amperes — keep every entry accurate).
 */

/** A dense square matrix, row-major. */
export type Matrix = number[][];

const identity = (n: number): Matrix => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));

function multiply(a: Matrix, b: Matrix): Matrix {
  const n = a.length;
  const out = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const row = a[i]!;
    const o = out[i]!;
    for (let k = 0; k < n; k++) {
      const aik = row[k]!;
      if (aik === 0) continue;
      const bk = b[k]!;
      for (let j = 0; j < n; j++) o[j]! += aik * bk[j]!;
    }
  }
  return out;
}

/** Σ c_k · M_k (all n×n). */
function combine(terms: readonly (readonly [number, Matrix])[]): Matrix {
  const n = terms[0]![1].length;
  const out = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const [c, m] of terms) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i]![j]! += c * m[i]![j]!;
  return out;
}

/** Solves `P X = Q` by Gaussian elimination with partial pivoting. */
function solve(p: Matrix, q: Matrix): Matrix {
  const n = p.length;
  const a = p.map((r) => [...r]);
  const x = q.map((r) => [...r]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    [x[col], x[pivot]] = [x[pivot]!, x[col]!];
    const d = a[col]![col]!;
    for (let r = col + 1; r < n; r++) {
      const f = a[r]![col]! / d;
      if (f === 0) continue;
      for (let c = col; c < n; c++) a[r]![c]! -= f * a[col]![c]!;
      for (let c = 0; c < n; c++) x[r]![c]! -= f * x[col]![c]!;
    }
  }
  for (let row = n - 1; row >= 0; row--) {
    for (let c = 0; c < n; c++) {
      let s = x[row]![c]!;
      for (let k = row + 1; k < n; k++) s -= a[row]![k]! * x[k]![c]!;
      x[row]![c] = s / a[row]![row]!;
    }
  }
  return x;
}

const norm1 = (a: Matrix): number => {
  let best = 0;
  for (let j = 0; j < a.length; j++) {
    let s = 0;
    for (const row of a) s += Math.abs(row[j]!);
    best = Math.max(best, s);
  }
  return best;
};

// Degree-13 Padé coefficients and the norm bound up to which it is accurate to double precision.
const B13 = [
  64764752532480000, 32382376266240000, 7771770303897600, 1187353796428800, 129060195264000, 10559470521600, 670442572800,
  33522128640, 1323241920, 40840800, 960960, 16380, 182, 1,
];
const THETA13 = 5.371920351148152;

/** `e^A` for a small dense matrix (scaling and squaring, Padé 13). */
export function expm(matrix: Matrix): Matrix {
  const n = matrix.length;
  const norm = norm1(matrix);
  const s = norm > THETA13 ? Math.max(0, Math.ceil(Math.log2(norm / THETA13))) : 0;
  const scale = 2 ** -s;
  const a = matrix.map((r) => r.map((x) => x * scale));
  const b = (k: number) => B13[k]!;
  const I = identity(n);
  const a2 = multiply(a, a);
  const a4 = multiply(a2, a2);
  const a6 = multiply(a4, a2);
  const u = multiply(
    a,
    combine([
      [1, multiply(a6, combine([[b(13), a6], [b(11), a4], [b(9), a2]]))],
      [b(7), a6], [b(5), a4], [b(3), a2], [b(1), I],
    ]),
  );
  const v = combine([
    [1, multiply(a6, combine([[b(12), a6], [b(10), a4], [b(8), a2]]))],
    [b(6), a6], [b(4), a4], [b(2), a2], [b(0), I],
  ]);
  let r = solve(combine([[1, v], [-1, u]]), combine([[1, v], [1, u]]));
  for (let k = 0; k < s; k++) r = multiply(r, r);
  return r;
}

/**
 * Power-of-two diagonal `d` such that `D⁻¹ M D` (entries `m_ij d_j / d_i`) has comparable row and
 * column norms (LAPACK's gebal, without permutations). Exact in binary floating point.
 */
export function balance(m: Matrix): number[] {
  const n = m.length;
  const d = new Array<number>(n).fill(1);
  for (let iter = 0; iter < 100; iter++) {
    let changed = false;
    for (let i = 0; i < n; i++) {
      let c = 0;
      let r = 0;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        c += Math.abs((m[j]![i]! * d[i]!) / d[j]!);
        r += Math.abs((m[i]![j]! * d[j]!) / d[i]!);
      }
      if (c === 0 || r === 0) continue;
      // The power of two f that best equalises c·f and r/f.
      const f = 2 ** Math.round(Math.log2(r / c) / 2);
      if (f !== 1 && (c * f + r / f) < 0.95 * (c + r)) {
        d[i]! *= f;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return d;
}
