/** fast-check properties of the symbolic layer, all checked numerically with the reference evaluator. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { binary, call, compare, name, num, parseExpression, printExpr, unary } from '../parsing/index.ts';
import type { Expr } from '../parsing/index.ts';
import { differentiate } from './differentiate.ts';
import { evaluateNumber } from './evaluate.ts';
import { dependsOn, exprKey } from './expr.ts';
import { splitLinear } from './linear.ts';
import { simplify } from './simplify.ts';
import { substitute } from './substitute.ts';

type Env = Record<string, number>;

const leaf = (vars: readonly string[]): fc.Arbitrary<Expr> =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...vars.map((v) => name(v))), weight: 3 },
    fc.integer({ min: 1, max: 5 }).map((n) => num(n)),
    fc.double({ min: 0.25, max: 3, noNaN: true }).map((v) => num(v, false)),
  );

const sq = (u: Expr): Expr => binary('+', binary('**', u, num(2)), num(0.5, false));
const scaled = (k: number, u: Expr): Expr => binary('*', num(k, false), u);

/**
 * Trees over the smooth built-ins whose arguments are wrapped so that every node stays in its
 * function's domain and of moderate size (log(u**2 + 0.5), exp(3.0*sin(u)), ...). Derivatives
 * then exist everywhere, and finite differences are well conditioned.
 */
function smoothTree(vars: readonly string[], maxDepth = 5): fc.Arbitrary<Expr> {
  const wrappers: [string, (u: Expr) => Expr][] = [
    ['exp', (u) => call('exp', [scaled(3, call('sin', [u]))])],
    ['log', (u) => call('log', [sq(u)])],
    ['log10', (u) => call('log10', [sq(u)])],
    ['sqrt', (u) => call('sqrt', [sq(u)])],
    ['expm1', (u) => call('expm1', [call('sin', [u])])],
    ['log1p', (u) => call('log1p', [binary('**', u, num(2))])],
    // Brian2's exprel derivative has a removable 0/0 at 0, so keep the argument away from it.
    ['exprel', (u) => call('exprel', [binary('+', scaled(2, call('sin', [u])), num(2.5, false))])],
    ['sin', (u) => call('sin', [u])],
    ['cos', (u) => call('cos', [u])],
    ['tan', (u) => call('tan', [scaled(0.9, call('tanh', [u]))])],
    ['sinh', (u) => call('sinh', [call('sin', [u])])],
    ['cosh', (u) => call('cosh', [call('cos', [u])])],
    ['tanh', (u) => call('tanh', [u])],
    ['arcsin', (u) => call('arcsin', [scaled(0.9, call('sin', [u]))])],
    ['arccos', (u) => call('arccos', [scaled(0.9, call('cos', [u]))])],
    ['arctan', (u) => call('arctan', [u])],
    ['pow', (u) => binary('**', sq(u), num(1.5, false))],
  ];
  const { tree } = fc.letrec<{ tree: Expr }>((tie) => ({
    tree: fc.oneof(
      { maxDepth, depthSize: 'medium', depthIdentifier: 'smooth' },
      leaf(vars),
      tie('tree').map((t) => unary('-', t)),
      fc.tuple(fc.constantFrom('+', '-', '*'), tie('tree'), tie('tree')).map(([op, a, b]) => binary(op, a, b)),
      fc.tuple(tie('tree'), tie('tree')).map(([a, b]) => binary('/', a, sq(b))),
      fc.tuple(tie('tree'), fc.constantFrom(2, 3)).map(([a, k]) => binary('**', a, num(k))),
      { arbitrary: fc.tuple(fc.constantFrom(...wrappers), tie('tree')).map(([[, wrap], u]) => wrap(u)), weight: 3 },
    ),
  }));
  return tree;
}

/** Unconstrained trees with every construct simplify handles (results may be NaN or inf; callers skip those). */
function anyTree(vars: readonly string[], maxDepth = 4): fc.Arbitrary<Expr> {
  const fns = ['exp', 'log', 'sqrt', 'sin', 'abs', 'floor', 'exprel', 'sign', 'int'];
  const { tree } = fc.letrec<{ tree: Expr }>((tie) => ({
    tree: fc.oneof(
      { maxDepth, depthSize: 'medium', depthIdentifier: 'any' },
      leaf(vars),
      fc.constantFrom(num(0), num(1), num(2)),
      fc.tuple(fc.constantFrom('-', '+'), tie('tree')).map(([op, t]) => unary(op, t)),
      fc
        .tuple(fc.constantFrom('+', '-', '*', '/', '+', '-', '*', '//', '%'), tie('tree'), tie('tree'))
        .map(([op, a, b]) => binary(op, a, b)),
      fc.tuple(tie('tree'), fc.constantFrom(num(0), num(1), num(2), unary('-', num(1)), num(0.5, false))).map(([a, k]) => binary('**', a, k)),
      fc.tuple(fc.constantFrom(...fns), tie('tree')).map(([f, u]) => call(f, [u])),
      fc.tuple(tie('tree'), tie('tree'), tie('tree')).map(([a, b, c]) => call('clip', [a, b, c])),
      fc.tuple(fc.constantFrom('<', '>=', '=='), tie('tree'), tie('tree')).map(([op, a, b]) => call('int', [compare(op, a, b)])),
    ),
  }));
  return tree;
}

const point = (vars: readonly string[]): fc.Arbitrary<Env> =>
  fc
    .tuple(...vars.map(() => fc.double({ min: -2, max: 2, noNaN: true })))
    // Subnormals lose relative precision in every operation, which no rounding tolerance covers.
    .map((xs) => Object.fromEntries(vars.map((v, k) => [v, Math.abs(xs[k]!) < 1e-150 ? 0 : xs[k]!])));

/**
 * Largest |value| of any subexpression: the scale that bounds rounding differences after
 * reordering. Infinity when any part is NaN or infinite: there simplify's documented liberties
 * (`x*0 → 0`, `x/x → 1`, `u**0 → 1`) may legitimately change the value, so callers skip such points.
 */
function magnitude(e: Expr, env: Env): number {
  let m = 0;
  const visit = (x: Expr): void => {
    const v = Math.abs(evaluateNumber(x, env));
    m = Number.isNaN(v) ? Infinity : Math.max(m, v);
    if (x.kind === 'unary') visit(x.operand);
    else if (x.kind === 'binary' || x.kind === 'compare' || x.kind === 'logical') {
      visit(x.left);
      visit(x.right);
    } else if (x.kind === 'call') x.args.forEach(visit);
  };
  visit(e);
  return m;
}

const RUNS = { numRuns: 300 };

describe('symbolic properties', () => {
  it('differentiate(expr, x) matches central finite differences on random smooth trees', () => {
    fc.assert(
      fc.property(smoothTree(['x', 'y']).filter((e) => dependsOn(e, 'x')), point(['x', 'y']), (expr, env) => {
        const f = (x: number) => evaluateNumber(expr, { ...env, x });
        const x0 = env.x!;
        const scale = Math.max(1, magnitude(expr, env));
        // Richardson-extrapolated central differences at two step sizes; error O(h^4).
        const rich = (h: number) => (4 * (f(x0 + h / 2) - f(x0 - h / 2)) / h - (f(x0 + h) - f(x0 - h)) / (2 * h)) / 3;
        const h = 1e-3;
        const coarse = rich(2 * h);
        const fine = rich(h);
        // Outside the asymptotic regime (rapid oscillation, e.g. exp(3*sin(exp(3*sin(x))))) the
        // estimate says nothing; such points are skipped rather than given a loose tolerance.
        fc.pre(Math.abs(coarse - fine) <= 1e-4 * (1 + Math.abs(fine)));
        // Rounding in the differences is ~ eps*scale/h; the truncation error of `fine` is bounded by
        // |coarse - fine| (it shrinks 16-fold per halving), so the tolerance needs both.
        const tolerance = 10 * Math.abs(coarse - fine) + 1e-9 * scale + 1e-7 * Math.abs(fine);
        const symbolic = evaluateNumber(differentiate(expr, 'x'), env);
        assert.ok(
          Math.abs(symbolic - fine) <= tolerance,
          `d/dx ${printExpr(expr)} at ${JSON.stringify(env)}: symbolic ${symbolic}, numeric ${fine} (tolerance ${tolerance})`,
        );
      }),
      RUNS,
    );
  });

  it('simplify(expr) preserves the value at random points (up to rounding)', () => {
    fc.assert(
      fc.property(anyTree(['x', 'y']), point(['x', 'y']), (expr, env) => {
        const before = evaluateNumber(expr, env);
        fc.pre(Number.isFinite(before));
        const scale = magnitude(expr, env);
        fc.pre(scale < 1e12);
        const after = evaluateNumber(simplify(expr), env);
        // Discontinuous functions (floor, //, %, int, sign, comparisons) can jump when a rounding
        // difference crosses a step; only compare where no such function occurs.
        const jumpy = /floor|\/\/|%|int\(|sign/.test(printExpr(expr));
        if (jumpy) return;
        assert.ok(Math.abs(after - before) <= 1e-12 * Math.max(1, scale), `${printExpr(expr)} → ${printExpr(simplify(expr))}: ${before} vs ${after}`);
      }),
      { numRuns: 500 },
    );
  });

  it('simplify is idempotent and stable under print/parse', () => {
    fc.assert(
      fc.property(anyTree(['x', 'y']), (expr) => {
        const once = simplify(expr);
        assert.equal(exprKey(simplify(once)), exprKey(once), printExpr(expr));
        assert.equal(exprKey(simplify(parseExpression(printExpr(once)))), exprKey(once), printExpr(expr));
      }),
      { numRuns: 500 },
    );
  });

  it('splitLinear finds every expression built linearly in x, and coefficient*x + rest equals it', () => {
    const free = smoothTree(['y', 'z'], 2);
    const { lin } = fc.letrec<{ lin: Expr }>((tie) => ({
      lin: fc.oneof(
        { maxDepth: 4, depthIdentifier: 'lin' },
        fc.constant(name('x')),
        free,
        fc.tuple(fc.constantFrom('+', '-'), tie('lin'), tie('lin')).map(([op, a, b]) => binary(op, a, b)),
        fc.tuple(free, tie('lin')).map(([a, b]) => binary('*', a, b)),
        fc.tuple(tie('lin'), free).map(([a, b]) => binary('*', a, b)),
        fc.tuple(tie('lin'), free).map(([a, b]) => binary('/', a, sq(b))),
        tie('lin').map((t) => unary('-', t)),
      ),
    }));
    fc.assert(
      fc.property(lin, point(['x', 'y', 'z']), (expr, env) => {
        const split = splitLinear(expr, 'x');
        assert.ok(split.isLinear, `${printExpr(expr)}: ${split.isLinear ? '' : split.reason}`);
        assert.ok(!dependsOn(split.coefficient, 'x') && !dependsOn(split.rest, 'x'));
        const whole = evaluateNumber(expr, env);
        const parts = evaluateNumber(split.coefficient, env) * env.x! + evaluateNumber(split.rest, env);
        assert.ok(Math.abs(whole - parts) <= 1e-11 * Math.max(1, magnitude(expr, env)), `${printExpr(expr)}: ${whole} vs ${parts}`);
      }),
      RUNS,
    );
  });

  it('splitLinear is sound on arbitrary trees: when it says linear, the parts reproduce the value', () => {
    fc.assert(
      fc.property(anyTree(['x', 'y'], 3), point(['x', 'y']), (expr, env) => {
        const split = splitLinear(expr, 'x');
        if (!split.isLinear) return;
        assert.ok(!dependsOn(split.coefficient, 'x') && !dependsOn(split.rest, 'x'));
        const whole = evaluateNumber(expr, env);
        const scale = magnitude(expr, env);
        fc.pre(scale < 1e12 && !/floor|\/\/|%|int\(|sign/.test(printExpr(expr)));
        const parts = evaluateNumber(split.coefficient, env) * env.x! + evaluateNumber(split.rest, env);
        assert.ok(Math.abs(whole - parts) <= 1e-11 * Math.max(1, scale), `${printExpr(expr)}: ${whole} vs ${parts}`);
      }),
      RUNS,
    );
  });

  it('substitute then evaluate equals evaluate with the substituted values (exactly)', () => {
    fc.assert(
      fc.property(anyTree(['x', 'y']), anyTree(['x', 'y'], 2), anyTree(['y'], 2), point(['x', 'y']), (expr, forX, forY, env) => {
        const direct = evaluateNumber(substitute(expr, { x: forX, y: forY }), env);
        const viaValues = evaluateNumber(expr, { x: evaluateNumber(forX, env), y: evaluateNumber(forY, env) });
        assert.ok(Object.is(direct, viaValues) || direct === viaValues, `${direct} vs ${viaValues}`);
      }),
      RUNS,
    );
  });
});
