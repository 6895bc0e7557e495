import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseExpression, printExpr } from '../parsing/index.ts';
import { differentiate } from './differentiate.ts';
import { evaluateNumber } from './evaluate.ts';
import { NonDifferentiableError } from './errors.ts';

const d = (src: string, v = 'x') => printExpr(differentiate(parseExpression(src), v));

/** Central difference with Richardson extrapolation: error O(h^4), far below the tolerances used here. */
function numericDerivative(src: string, x: number, values: Record<string, number> = {}): number {
  const e = parseExpression(src);
  const f = (at: number) => evaluateNumber(e, { ...values, x: at });
  const h = 1e-3 * (1 + Math.abs(x));
  const d1 = (f(x + h) - f(x - h)) / (2 * h);
  const d2 = (f(x + h / 2) - f(x - h / 2)) / h;
  return (4 * d2 - d1) / 3;
}

describe('differentiate', () => {
  // Each built-in at a point inside its domain; the reference is a numeric derivative.
  const points: [string, number][] = [
    ['exp(2*x)', 0.3],
    ['log(x)', 1.7],
    ['log10(x)', 2.5],
    ['sqrt(x)', 2],
    ['expm1(x)', -0.4],
    ['log1p(x)', 0.6],
    ['exprel(x)', 0.7],
    ['exprel(x)', -2.5],
    ['sin(x)', 0.4],
    ['cos(x)', 0.4],
    ['tan(x)', 0.4],
    ['sinh(x)', 0.4],
    ['cosh(x)', 0.4],
    ['tanh(x)', 0.4],
    ['arcsin(x)', 0.4],
    ['arccos(x)', 0.4],
    ['arctan(x)', 0.4],
    ['abs(x)', -1.3],
    ['abs(x)', 1.3],
    ['x**2.5', 1.3],
    ['2**x', 1.3],
    ['x**x', 1.3],
    ['x**(-3)', 1.3],
    ['x % 0.7', 1.3],
    ['3 % x', 1.3],
    ['clip(x, 0, 1)', 0.5],
    ['clip(x, 0, 1)', 1.5],
    ['clip(2, x, 5)', 3],
    ['clip(2*x, 0, x)', 0.75],
    ['(x + 1)/(x**2 + 2)', 0.3],
  ];
  for (const [src, x] of points) {
    it(`differentiate('${src}', 'x') matches a numeric derivative at x=${x}`, () => {
      const symbolic = evaluateNumber(differentiate(parseExpression(src), 'x'), { x });
      const numeric = numericDerivative(src, x);
      assert.ok(Math.abs(symbolic - numeric) <= 1e-8 * (1 + Math.abs(numeric)), `${symbolic} vs ${numeric}`);
    });
  }

  it('differentiate gives simplified forms', () => {
    assert.equal(d('(v0 - v)/tau', 'v'), '-1 / tau');
    assert.equal(d('exp(-v/tau)', 'v'), '-exp(-v / tau) / tau');
    assert.equal(d('x**3'), '3 * x ** 2');
    assert.equal(d('sin(x)*cos(x)'), 'cos(x) ** 2 - sin(x) ** 2');
    assert.equal(d('abs(x)'), 'sign(x)');
    assert.equal(d('y*x + z'), 'y');
    assert.equal(d('x/(1 + w)'), '1 / (1 + w)');
  });

  it('differentiate(exprel(x)) uses Brian2\'s rule (exp(x)*(x - 1) + 1)/x**2', () => {
    assert.equal(d('exprel(x)'), '(exp(x) * (x - 1) + 1) / x ** 2');
  });

  it('differentiate gives 0 for the piecewise constant sign, floor, ceil, int, // and comparisons', () => {
    for (const src of ['sign(x)', 'floor(x)', 'ceil(x)', 'int(x)', 'x // 2', 'int(x > 0)', 'timestep(t, dt)']) {
      assert.equal(d(src), '0', src);
    }
  });

  it('differentiate gives 0 for unknown functions of other variables (a TimedArray of t)', () => {
    assert.equal(d('stimulus(t)*x', 'x'), 'stimulus(t)');
  });

  it('differentiate throws NonDifferentiableError for rand() and randn()', () => {
    assert.throws(
      () => differentiate(parseExpression('x + 0.1*rand()'), 'x'),
      (e: unknown) => e instanceof NonDifferentiableError && /'x \+ 0.1 \* rand\(\)'.*'x'.*'rand' is a stateful/.test(e.message),
    );
    assert.throws(() => differentiate(parseExpression('randn()'), 'x'), NonDifferentiableError);
  });

  it('differentiate throws NonDifferentiableError naming an unknown function of the variable', () => {
    assert.throws(
      () => differentiate(parseExpression('1 + f(2*x)'), 'x'),
      (e: unknown) => e instanceof NonDifferentiableError && /derivative of the function 'f' is not known \(in 'f\(2 \* x\)'\)/.test(e.message) && e.variable === 'x',
    );
  });

  it('differentiate(expr, v, {raw: true}) returns the unsimplified tree', () => {
    assert.equal(printExpr(differentiate(parseExpression('2*x'), 'x', { raw: true })), '0 * x + 2 * 1');
  });
});
