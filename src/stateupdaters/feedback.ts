/**
 * `exact` for linear systems `dX/dt = M X + B` with feedback (variables that depend on each other,
 * so that no ordering makes M triangular). Brian2 exponentiates M symbolically with sympy; we:
 *
 * - evaluate M numerically when every entry is a run-time constant (literals, units, namespace
 *   constants: `ConstantVariable`s in `variables`) and dt is known, and print `e^{M dt}` and
 *   `∫₀^dt e^{Ms} ds` (which multiplies B, that may hold per-neuron parameters) as numbers;
 * - otherwise, for two variables, print the closed form of the 2×2 exponential (per-neuron
 *   coefficients allowed): with p = tr/2 and q = √(((a−d)/2)² + bc),
 *   `e^{M dt} = e^{p dt}(cosh(q dt) I + sinh(q dt)/q (M − pI))`.
 *
 * Complex eigenvalues are refused with Brian2's message (Brian2 refuses when sympy's solution
 * contains `I`).
 */
import { binary, call, collectIdentifiers, name, num, statement } from '../parsing/index.ts';
import type { Expr, Statement } from '../parsing/index.ts';
import { BUILTIN_CONSTANTS, evaluate, simplify } from '../symbolic/index.ts';
import { UnsupportedEquationsError } from './errors.ts';
import { balance, expm } from './expm.ts';
import type { Matrix } from './expm.ts';
import { isZero } from './prepare.ts';
import type { VariableLookup } from './types.ts';

export const CANNOT_SOLVE = 'Cannot solve the given equations with this stateupdater.';
export const COMPLEX_VALUES = 'The solution to the linear system contains complex values which is currently not implemented.';

const add = (terms: readonly Expr[]): Expr => (terms.length === 0 ? num(0) : terms.reduce((x, y) => binary('+', x, y)));

/** The value of a name known before the run: a constant, or a scalar `dt`. */
function knownValue(id: string, variables: VariableLookup | undefined): number | undefined {
  const v = variables?.get(id);
  if (v === undefined) return undefined;
  if (v.kind === 'constant') return typeof v.value === 'number' ? v.value : undefined;
  // dt is a read-only scalar of the clock, fixed during a run (the code is rebuilt every run).
  if (id === 'dt' && v.kind === 'array' && v.scalar) return v.array[0];
  return undefined;
}

/** `expr` as a number when it only involves literals and constants; undefined otherwise. */
function numericValue(expr: Expr, variables: VariableLookup | undefined): number | undefined {
  if (variables === undefined) return undefined;
  const values = new Map<string, number>();
  for (const id of collectIdentifiers(expr)) {
    if (BUILTIN_CONSTANTS.has(id)) continue;
    const known = knownValue(id, variables);
    if (known === undefined) return undefined;
    values.set(id, known);
  }
  try {
    const v = evaluate(expr, values);
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  } catch {
    return undefined; // e.g. a stateful or user function: not a constant we can evaluate
  }
}

type Sign = 1 | -1 | undefined;

/** The sign of `e` when it follows from its form alone (real names, even powers positive). */
function signOf(e: Expr): Sign {
  switch (e.kind) {
    case 'number':
      return e.value > 0 ? 1 : e.value < 0 ? -1 : undefined;
    case 'unary': {
      const s = signOf(e.operand);
      return e.op === '-' ? (s === undefined ? undefined : s === 1 ? -1 : 1) : e.op === '+' ? s : undefined;
    }
    case 'binary': {
      if (e.op === '**') {
        const exponent = e.right;
        if (exponent.kind === 'number' && Number.isInteger(exponent.value)) {
          if (exponent.value % 2 === 0) return 1;
          return signOf(e.left);
        }
        return signOf(e.left) === 1 ? 1 : undefined;
      }
      const l = signOf(e.left);
      const r = signOf(e.right);
      if (l === undefined || r === undefined) return undefined;
      if (e.op === '*' || e.op === '/') return l === r ? 1 : -1;
      if (e.op === '+') return l === r ? l : undefined;
      if (e.op === '-') return l !== r ? l : undefined;
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Strongly connected components of the coupling graph (`coupled(i, j)`: row i uses variable j). */
function reachability(n: number, coupled: (i: number, j: number) => boolean): boolean[][] {
  const reach = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => i === j || coupled(i, j)));
  for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) if (reach[i]![k]) for (let j = 0; j < n; j++) if (reach[k]![j]) reach[i]![j] = true;
  return reach;
}

/** Refuses blocks with complex eigenvalues (Brian2's message) or a zero eigenvalue (singular M). */
function checkBlock(m: Matrix, block: readonly number[], method: string, names: readonly string[]): void {
  const e = (i: number, j: number) => m[block[i]!]![block[j]!]!;
  if (block.length === 1) {
    if (e(0, 0) === 0) throw new UnsupportedEquationsError(CANNOT_SOLVE, method);
    return;
  }
  if (block.length === 2) {
    const [a, b, c, d] = [e(0, 0), e(0, 1), e(1, 0), e(1, 1)];
    const half = (a - d) / 2;
    const disc = half * half + b * c;
    if (disc < -1e-12 * (half * half + Math.abs(b * c))) throw new UnsupportedEquationsError(COMPLEX_VALUES, method);
    if (Math.abs(a * d - b * c) <= 1e-12 * (Math.abs(a * d) + Math.abs(b * c))) throw new UnsupportedEquationsError(CANNOT_SOLVE, method);
    return;
  }
  if (block.length === 3) {
    // Characteristic polynomial λ³ + p λ² + q λ + r and the sign of its discriminant.
    const tr = e(0, 0) + e(1, 1) + e(2, 2);
    const minors = [
      [e(0, 0) * e(1, 1), e(0, 1) * e(1, 0)],
      [e(0, 0) * e(2, 2), e(0, 2) * e(2, 0)],
      [e(1, 1) * e(2, 2), e(1, 2) * e(2, 1)],
    ] as const;
    const detTerms = [
      e(0, 0) * e(1, 1) * e(2, 2), e(0, 1) * e(1, 2) * e(2, 0), e(0, 2) * e(1, 0) * e(2, 1),
      -e(0, 2) * e(1, 1) * e(2, 0), -e(0, 0) * e(1, 2) * e(2, 1), -e(0, 1) * e(1, 0) * e(2, 2),
    ];
    const det = detTerms.reduce((x, y) => x + y, 0);
    if (Math.abs(det) <= 1e-12 * detTerms.reduce((x, y) => x + Math.abs(y), 0)) throw new UnsupportedEquationsError(CANNOT_SOLVE, method);
    const p = -tr;
    const q = minors.reduce((s, [x, y]) => s + x - y, 0);
    const r = -det;
    const terms = [18 * p * q * r, -4 * p ** 3 * r, p * p * q * q, -4 * q ** 3, -27 * r * r];
    const disc = terms.reduce((x, y) => x + y, 0);
    if (disc < -1e-10 * terms.reduce((x, y) => x + Math.abs(y), 0)) throw new UnsupportedEquationsError(COMPLEX_VALUES, method);
    return;
  }
  throw new UnsupportedEquationsError(
    `${CANNOT_SOLVE} (brian-ts solves linear systems whose feedback cycles involve at most three variables: ${block.map((k) => names[k]!).join(', ')})`,
    method,
  );
}

/**
 * Numerical solution when M is known at apply time: `_x_i = Σ_j A_ij x_j + Σ_j F_ij B_j` with
 * `A = e^{M dt}` and `F = ∫₀^dt e^{Ms} ds` (top-right block of the exponential of `[[M, I], [0, 0]]·dt`,
 * so that M is never inverted). Undefined when some entry of M or dt is not a known number.
 */
function numericSolution(
  names: readonly string[],
  M: readonly (readonly Expr[])[],
  B: readonly Expr[],
  variables: VariableLookup | undefined,
  method: string,
): Statement[] | undefined {
  const n = names.length;
  const dt = knownValue('dt', variables);
  if (dt === undefined || !(dt > 0) || !Number.isFinite(dt)) return undefined;
  const m: Matrix = [];
  for (const row of M) {
    const values: number[] = [];
    for (const entry of row) {
      const v = numericValue(entry, variables);
      if (v === undefined) return undefined;
      values.push(v);
    }
    m.push(values);
  }
  const reach = reachability(n, (i, j) => m[i]![j] !== 0);
  const done = new Set<number>();
  for (let i = 0; i < n; i++) {
    if (done.has(i)) continue;
    const block = [...Array(n).keys()].filter((j) => reach[i]![j] && reach[j]![i]);
    for (const j of block) done.add(j);
    checkBlock(m, block, method, names);
  }
  const d = balance(m);
  const aug: Matrix = Array.from({ length: 2 * n }, (_, i) =>
    Array.from({ length: 2 * n }, (_, j) => (i >= n ? 0 : j < n ? ((m[i]![j]! * d[j]!) / d[i]!) * dt : j - n === i ? dt : 0)),
  );
  const E = expm(aug);
  // Undo the balancing (D e^{M'dt} D⁻¹); entries that no dependency path connects are exactly 0.
  const A = (i: number, j: number) => (reach[i]![j] ? (E[i]![j]! * d[i]!) / d[j]! : 0);
  const F = (i: number, j: number) => (reach[i]![j] ? (E[i]![n + j]! * d[i]!) / d[j]! : 0);
  const out: Statement[] = [];
  for (let i = 0; i < n; i++) {
    const terms: Expr[] = [];
    for (let j = 0; j < n; j++) if (A(i, j) !== 0) terms.push(binary('*', num(A(i, j), false), name(names[j]!)));
    for (let j = 0; j < n; j++) if (F(i, j) !== 0 && !isZero(B[j]!)) terms.push(binary('*', num(F(i, j), false), B[j]!));
    out.push(statement(`_${names[i]!}`, '=', add(terms)));
  }
  return out;
}

/** The closed form for two variables that feed back on each other (coefficients may be per-neuron). */
function symbolic2x2(names: readonly string[], M: readonly (readonly Expr[])[], B: readonly Expr[], method: string): Statement[] {
  const [a, b, c, d] = [M[0]![0]!, M[0]![1]!, M[1]![0]!, M[1]![1]!].map((x) => simplify(x)) as [Expr, Expr, Expr, Expr];
  const half = simplify(binary('/', binary('-', a, d), num(2)));
  const disc = simplify(binary('+', binary('**', half, num(2)), binary('*', b, c)));
  if (signOf(disc) === -1) throw new UnsupportedEquationsError(COMPLEX_VALUES, method);
  if (isZero(binary('-', binary('*', a, d), binary('*', b, c)))) throw new UnsupportedEquationsError(CANNOT_SOLVE, method);
  const affine = !isZero(B[0]!) || !isZero(B[1]!);
  if (isZero(disc) && affine) {
    throw new UnsupportedEquationsError(`${CANNOT_SOLVE} (brian-ts: repeated eigenvalue with a constant term: ${names.join(', ')})`, method);
  }
  const dt = name('dt');
  const p = simplify(binary('/', binary('+', a, d), num(2)));
  const T = (s: string) => name(`__exact_${s}`);
  const out: Statement[] = [
    statement('__exact_q', '=', call('sqrt', [disc])),
    // e^{λ± dt} with λ± = p ± q; sinh(q dt)/q e^{p dt} written as e^{λ₋dt}·dt·exprel(2q dt) (no 0/0 at q = 0).
    statement('__exact_ep', '=', call('exp', [binary('*', dt, binary('+', p, T('q')))])),
    statement('__exact_em', '=', call('exp', [binary('*', dt, binary('-', p, T('q')))])),
    statement('__exact_c', '=', binary('/', binary('+', T('ep'), T('em')), num(2))),
    statement('__exact_s', '=', binary('*', binary('*', T('em'), dt), call('exprel', [binary('*', binary('*', num(2), T('q')), dt)]))),
  ];
  if (affine) {
    // ∫₀^dt e^{λ s} ds = dt·exprel(λ dt): finite for a zero eigenvalue (refractory rows).
    const phi = (sign: '+' | '-') => binary('*', dt, call('exprel', [binary('*', dt, binary(sign, p, T('q')))]));
    out.push(
      statement('__exact_fp', '=', phi('+')),
      statement('__exact_fm', '=', phi('-')),
      statement('__exact_fc', '=', binary('/', binary('+', T('fp'), T('fm')), num(2))),
      statement('__exact_fs', '=', binary('/', binary('-', T('fp'), T('fm')), binary('*', num(2), T('q')))),
    );
  }
  // X(dt) = [c I + s (M − pI)] X + [fc I + fs (M − pI)] B, where M − pI = [[half, b], [c, −half]].
  const shifted = [
    [half, b],
    [c, simplify(binary('*', num(-1), half))],
  ] as const;
  const entry = (diag: Expr, off: Expr, i: number, j: number): Expr => {
    const part = binary('*', off, shifted[i]![j]!);
    return i === j ? binary('+', diag, part) : part;
  };
  for (let i = 0; i < 2; i++) {
    const terms: Expr[] = [];
    for (let j = 0; j < 2; j++) terms.push(binary('*', entry(T('c'), T('s'), i, j), name(names[j]!)));
    if (affine) for (let j = 0; j < 2; j++) if (!isZero(B[j]!)) terms.push(binary('*', entry(T('fc'), T('fs'), i, j), B[j]!));
    out.push(statement(`_${names[i]!}`, '=', add(terms)));
  }
  return out;
}

/**
 * `_x = …` statements for a linear system with feedback, or {@link UnsupportedEquationsError}.
 * `names` are the variables, `M`/`B` the system's coefficients (already checked constant over dt).
 */
export function solveFeedback(
  names: readonly string[],
  M: readonly (readonly Expr[])[],
  B: readonly Expr[],
  variables: VariableLookup | undefined,
  method: string,
): Statement[] {
  const numeric = numericSolution(names, M, B, variables, method);
  if (numeric !== undefined) return numeric;
  if (names.length === 2) return symbolic2x2(names, M, B, method);
  throw new UnsupportedEquationsError(
    `${CANNOT_SOLVE} (brian-ts solves linear systems where variables feed back on each other only for two variables, or when all coupling coefficients are constants known before the run: ${names.join(', ')})`,
    method,
  );
}
