/**
 * Conservative algebraic simplification: constant folding of pure functions and operators on
 * literals, the identities x+0, x*1, x*0, x**1, x**0, --x, and a light normal form for sums
 * and products (flattening, numeric coefficients kept as exact integer ratios, like terms and
 * like factors with integer exponents combined). It never expands products of sums and never
 * merges calls of stateful functions (`rand() - rand()` stays). The result is idempotent.
 *
 * Value changes are limited to rounding, plus sympy's usual measure-zero liberties
 * (`x*0 → 0`, `x - x → 0`, `x/x → 1`), which Brian2 also takes.
 */
import { binary, bool, call, compare, logical, num, unary } from '../parsing/index.ts';
import type { Expr, NumberLiteral } from '../parsing/index.ts';
import { applyArithmetic, applyCompare } from './evaluate.ts';
import { exprKey, hasStatefulCall } from './expr.ts';
import { BUILTIN_FUNCTIONS, DEFAULT_STATEFUL_FUNCTIONS } from './functions.ts';

/** Options for {@link simplify}. */
export interface SimplifyOptions {
  /** Names of user functions that are stateful (in addition to `rand`, `randn`, `poisson`); never folded or merged. */
  readonly statefulFunctions?: Iterable<string>;
}

/** An exact-ish numeric coefficient `n/d`; `float` remembers that a float literal contributed (type is float). */
interface Coef {
  readonly n: number;
  readonly d: number;
  readonly float: boolean;
}

/** `base**exp` inside a product, with `exp` a nonzero integer. */
interface Factor {
  readonly base: Expr;
  readonly exp: number;
}

/** `coef * Π factors`. */
interface Term {
  readonly coef: Coef;
  readonly factors: readonly Factor[];
}

const ONE: Coef = { n: 1, d: 1, float: false };
const MAX_EXACT = 2 ** 53;

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Normalises a coefficient: positive denominator, reduced ratio of integers, or a plain float otherwise. */
function normCoef(c: Coef): Coef {
  let { n, d } = c;
  if (d < 0) {
    n = -n;
    d = -d;
  }
  if (d === 1) return { n, d, float: c.float };
  if (Number.isInteger(n) && Number.isInteger(d) && Math.abs(n) < MAX_EXACT && d < MAX_EXACT) {
    const g = gcd(n, d) || 1;
    return { n: n / g, d: d / g, float: c.float };
  }
  return { n: n / d, d: 1, float: true };
}

const mulCoef = (a: Coef, b: Coef): Coef => normCoef({ n: a.n * b.n, d: a.d * b.d, float: a.float || b.float });
const addCoef = (a: Coef, b: Coef): Coef =>
  a.d === b.d
    ? normCoef({ n: a.n + b.n, d: a.d, float: a.float || b.float })
    : normCoef({ n: a.n * b.d + b.n * a.d, d: a.d * b.d, float: a.float || b.float });
const powCoef = (c: Coef, k: number): Coef =>
  k >= 0 ? normCoef({ n: c.n ** k, d: c.d ** k, float: c.float }) : normCoef({ n: c.d ** -k, d: c.n ** -k, float: c.float });

/** The numeric value of a literal, including `-3` written as unary minus on a literal. */
function literalValue(e: Expr): NumberLiteral | undefined {
  if (e.kind === 'number') return e;
  if (e.kind === 'unary' && (e.op === '-' || e.op === '+') && e.operand.kind === 'number') {
    return num(e.op === '-' ? -e.operand.value : e.operand.value, e.operand.isInteger);
  }
  return undefined;
}

/** A literal in the parser's form: negative values become unary minus on a positive literal. */
function literal(value: number, isInteger: boolean): Expr {
  const isInt = isInteger && Number.isInteger(value);
  return value < 0 || Object.is(value, -0) ? unary('-', num(-value, isInt)) : num(value, isInt);
}

function isArithmetic(e: Expr): boolean {
  if (e.kind === 'unary') return e.op === '-' || e.op === '+';
  if (e.kind !== 'binary') return false;
  if (e.op === '**') return integerExponent(e.right) !== undefined;
  return e.op === '+' || e.op === '-' || e.op === '*' || e.op === '/';
}

function integerExponent(e: Expr): number | undefined {
  const lit = literalValue(e);
  return lit !== undefined && lit.isInteger && Number.isSafeInteger(lit.value) ? lit.value : undefined;
}

/** Simplifies an expression; see the module comment for what that means exactly. */
export function simplify(expr: Expr, options: SimplifyOptions = {}): Expr {
  const stateful = new Set([...DEFAULT_STATEFUL_FUNCTIONS, ...(options.statefulFunctions ?? [])]);
  let uniqueCounter = 0;
  // Stateful calls are never merged: each gets a key of its own.
  const keyOf = (e: Expr): string => (hasStatefulCall(e, stateful) ? `#unique${uniqueCounter++}` : exprKey(e));

  const isPureCall = (callee: string): boolean => !stateful.has(callee) && BUILTIN_FUNCTIONS.get(callee)?.stateless === true;

  // ---- decomposition of already simplified trees ----

  function termsOf(e: Expr, sign: number, out: Term[]): void {
    if (e.kind === 'binary' && (e.op === '+' || e.op === '-')) {
      termsOf(e.left, sign, out);
      termsOf(e.right, e.op === '-' ? -sign : sign, out);
      return;
    }
    if (e.kind === 'unary' && (e.op === '-' || e.op === '+') && literalValue(e) === undefined) {
      termsOf(e.operand, e.op === '-' ? -sign : sign, out);
      return;
    }
    const t = productOf(e);
    const coef = mulCoef(t.coef, { n: sign, d: 1, float: false });
    // A bare number times a single sum is distributed, as sympy does (2*(a + b) → 2*a + 2*b).
    const only = t.factors[0];
    if (t.factors.length === 1 && only !== undefined && only.exp === 1 && isSum(only.base)) {
      const inner: Term[] = [];
      termsOf(only.base, 1, inner);
      for (const it of inner) out.push({ coef: mulCoef(it.coef, coef), factors: it.factors });
      return;
    }
    out.push({ coef, factors: t.factors });
  }

  function isSum(e: Expr): boolean {
    return e.kind === 'binary' && (e.op === '+' || e.op === '-');
  }

  function productOf(e: Expr): Term {
    const factors: Factor[] = [];
    let coef: Coef = ONE;
    const visit = (x: Expr, power: number): void => {
      const lit = literalValue(x);
      if (lit !== undefined) {
        // A literal zero divisor stays visible (x/0) instead of becoming an infinite coefficient.
        if (power < 0 && lit.value === 0) factors.push({ base: num(0, lit.isInteger), exp: power });
        else coef = mulCoef(coef, powCoef({ n: lit.value, d: 1, float: !lit.isInteger }, power));
        return;
      }
      if (x.kind === 'binary' && (x.op === '*' || x.op === '/')) {
        visit(x.left, power);
        visit(x.right, x.op === '/' ? -power : power);
        return;
      }
      if (x.kind === 'unary' && (x.op === '-' || x.op === '+')) {
        if (x.op === '-') coef = mulCoef(coef, powCoef({ n: -1, d: 1, float: false }, power));
        visit(x.operand, power);
        return;
      }
      if (x.kind === 'binary' && x.op === '**') {
        const k = integerExponent(x.right);
        if (k !== undefined) {
          visit(x.left, power * k);
          return;
        }
      }
      factors.push({ base: x, exp: power });
    };
    visit(e, 1);
    return { coef, factors: combineFactors(factors) };
  }

  function combineFactors(factors: readonly Factor[]): Factor[] {
    const byKey = new Map<string, { base: Expr; exp: number }>();
    for (const f of factors) {
      const k = keyOf(f.base);
      const prev = byKey.get(k);
      if (prev) prev.exp += f.exp;
      else byKey.set(k, { base: f.base, exp: f.exp });
    }
    return [...byKey.values()].filter((f) => f.exp !== 0);
  }

  function termKey(t: Term): string {
    return t.factors
      .map((f) => `${keyOf(f.base)}^${f.exp}`)
      .sort()
      .join('*');
  }

  // ---- rebuilding ----

  function powerExpr(f: Factor): Expr {
    const k = Math.abs(f.exp);
    return k === 1 ? f.base : binary('**', f.base, num(k, true));
  }

  function chain(items: readonly Expr[]): Expr | undefined {
    let acc: Expr | undefined;
    for (const it of items) acc = acc === undefined ? it : binary('*', acc, it);
    return acc;
  }

  /** Builds `|coef| * Π factors`, with the sign put on the leading element as the parser would. */
  function buildProduct(t: Term, negate: boolean): Expr {
    const c = t.coef;
    const numerators = t.factors.filter((f) => f.exp > 0).map(powerExpr);
    const denominators = t.factors.filter((f) => f.exp < 0).map(powerExpr);
    const absN = Math.abs(c.n);
    const numItems: Expr[] = [];
    if (absN !== 1 || numerators.length === 0 || (c.float && c.d === 1)) {
      numItems.push(num(absN, (!c.float || c.d !== 1) && Number.isInteger(absN)));
    }
    numItems.push(...numerators);
    if (negate) numItems[0] = unary('-', numItems[0]!);
    const top = chain(numItems)!;
    const denItems: Expr[] = [];
    if (c.d !== 1) denItems.push(num(c.d, true));
    denItems.push(...denominators);
    const bottom = chain(denItems);
    return bottom === undefined ? top : binary('/', top, bottom);
  }

  function buildSum(terms: readonly Term[]): Expr {
    const groups = new Map<string, Term>();
    for (const t of terms) {
      const k = termKey(t);
      const prev = groups.get(k);
      groups.set(k, prev ? { coef: addCoef(prev.coef, t.coef), factors: prev.factors } : t);
    }
    const kept = [...groups.values()].filter((t) => t.coef.n !== 0);
    if (kept.length === 0) {
      const anyFloat = terms.some((t) => t.coef.float);
      return num(0, !anyFloat);
    }
    let acc: Expr | undefined;
    for (const t of kept) {
      const negative = t.coef.n < 0;
      if (acc === undefined) acc = buildProduct(t, negative);
      else acc = binary(negative ? '-' : '+', acc, buildProduct(t, false));
    }
    return acc!;
  }

  // ---- bottom-up simplification ----

  function simp(e: Expr): Expr {
    switch (e.kind) {
      case 'number':
        return literal(e.value, e.isInteger);
      case 'boolean':
      case 'name':
        return e;
      case 'unary': {
        const operand = simp(e.operand);
        if (e.op === 'not') {
          if (operand.kind === 'boolean') return bool(!operand.value);
          // `not not c` is `c` only when `c` is known to be boolean.
          if (operand.kind === 'unary' && operand.op === 'not' && isBooleanValued(operand.operand)) return operand.operand;
          return unary('not', operand);
        }
        if (operand.kind === 'boolean') return unary(e.op, operand);
        return normalizeArithmetic(unary(e.op, operand));
      }
      case 'binary': {
        const left = simp(e.left);
        const right = simp(e.right);
        const rebuilt = binary(e.op, left, right);
        const a = literalValue(left);
        const b = literalValue(right);
        if (a !== undefined && b !== undefined) {
          const value = applyArithmetic(e.op, a.value, b.value);
          if (Number.isFinite(value)) {
            const intResult = a.isInteger && b.isInteger && e.op !== '/' && (e.op !== '**' || b.value >= 0);
            if (e.op !== '+' && e.op !== '-' && e.op !== '*' && e.op !== '/') return literal(value, intResult);
          }
        }
        if (left.kind === 'boolean' || right.kind === 'boolean') return rebuilt;
        if (isArithmetic(rebuilt)) return normalizeArithmetic(rebuilt);
        if (e.op === '**') {
          if (b !== undefined && b.value === 1 && b.isInteger) return left;
          if (a !== undefined && a.value === 1) return literal(1, a.isInteger);
        }
        return rebuilt;
      }
      case 'compare': {
        const left = simp(e.left);
        const right = simp(e.right);
        const a = left.kind === 'boolean' ? Number(left.value) : literalValue(left)?.value;
        const b = right.kind === 'boolean' ? Number(right.value) : literalValue(right)?.value;
        if (a !== undefined && b !== undefined) return bool(applyCompare(e.op, a, b));
        return compare(e.op, left, right);
      }
      case 'logical': {
        const left = simp(e.left);
        const right = simp(e.right);
        const absorbing = e.op === 'or';
        for (const [x, y] of [
          [left, right],
          [right, left],
        ] as const) {
          if (x.kind === 'boolean') {
            if (x.value === absorbing && !hasStatefulCall(y, stateful)) return bool(absorbing);
            if (x.value !== absorbing) return y;
          }
        }
        return logical(e.op, left, right);
      }
      case 'call': {
        const args = e.args.map(simp);
        const builtin = BUILTIN_FUNCTIONS.get(e.callee);
        if (builtin !== undefined && isPureCall(e.callee) && args.length === builtin.arity) {
          const lits = args.map((a) => (a.kind === 'boolean' ? num(Number(a.value), true) : literalValue(a)));
          if (lits.every((l) => l !== undefined)) {
            const values = lits.map((l) => l!.value);
            const value = builtin.apply(values);
            if (Number.isFinite(value)) {
              const allInt = lits.every((l) => l!.isInteger);
              const isInt = builtin.integerResult === 'always' || (builtin.integerResult === 'if-args' && allInt);
              return literal(value, isInt);
            }
          }
        }
        return call(e.callee, args);
      }
    }
  }

  function normalizeArithmetic(e: Expr): Expr {
    const terms: Term[] = [];
    termsOf(e, 1, terms);
    // Overflowing literal arithmetic (1e300*1e300*0) is left as written rather than folded to inf/NaN.
    if (terms.some((t) => !Number.isFinite(t.coef.n) || !Number.isFinite(t.coef.d))) return e;
    return buildSum(terms);
  }

  // Iterating to a fixpoint makes idempotence a guarantee rather than a hope; two passes suffice in practice.
  let current = simp(expr);
  for (let i = 0; i < 8; i++) {
    const next = simp(current);
    if (exprKey(next) === exprKey(current)) return next;
    current = next;
  }
  return current;
}

/** True for expressions whose value is certainly a boolean. */
function isBooleanValued(e: Expr): boolean {
  return e.kind === 'boolean' || e.kind === 'compare' || e.kind === 'logical' || (e.kind === 'unary' && e.op === 'not');
}
