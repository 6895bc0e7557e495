import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Equations } from '../equations/index.ts';
import { collectIdentifiers, parseExpression, printExpr } from '../parsing/index.ts';
import { mV } from '../units/index.ts';
import { BrianError } from '../util/index.ts';
import { GSL_TIME, MethodOptionValueError, MethodOptionsError, UnsupportedEquationsError, applyStateUpdater, splitGslTime } from './index.ts';

const scalarNames = new Set(['t', 'dt', 'tau', 'pi', 'ms', 'second', 'b']);
const split = (code: string): string => printExpr(splitGslTime(parseExpression(code), (n) => scalarNames.has(n), (f) => f !== 'rand'));

describe('splitGslTime: which t a GSL derivative sees (Brian2 hoists scalar subexpressions)', () => {
  // (expression, expected) — `_gsl_t` is GSL's intermediate time, `t` the step's start.
  const cases: [string, string][] = [
    ['sin(2*pi*freq*t)', 'sin(2 * pi * freq * t)'], // 2, pi, t grouped by collect → hoisted
    ['t - lastspike', '_gsl_t - lastspike'], // a lone scalar name among per-element terms
    ['a*t', 'a * _gsl_t'],
    ['a*t/ms', 'a * t / ms'], // t/ms is a scalar group
    ['(a*t - v)/tau', '(a * _gsl_t - v) / tau'],
    ['2*a*t', '2 * a * t'], // 2 and t grouped
    ['stimulus(t) - v', 'stimulus(t) - v'], // a call of scalars is hoisted
    ['v*exp(-t/tau)', 'v * exp(-t / tau)'],
    ['v + t', 'v + _gsl_t'],
    ['rand()*t + v', 'rand() * _gsl_t + v'], // a stateful call is per element
    ['t', '_gsl_t'],
    ['t*b', 't * b'], // wholly scalar
  ];
  for (const [code, expected] of cases) it(`${code} → ${expected}`, () => assert.equal(split(code), expected));

  it('changes nothing but the name of some t (property)', () => {
    const leaf = fc.constantFrom('t', 'v', 'a', 'tau', '2', 'pi', 'dt', 'b', 'lastspike');
    const expr = fc.letrec((tie) => ({
      e: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/'), tie('e')).map(([l, op, r]) => `(${l} ${op} ${r})`), tie('e').map((x) => `sin(${x})`)),
    })).e as fc.Arbitrary<string>;
    fc.assert(
      fc.property(expr, (code) => {
        const out = split(code);
        assert.equal(out.replaceAll(GSL_TIME, 't'), printExpr(parseExpression(code)));
        if (!collectIdentifiers(parseExpression(code)).has('t')) assert.ok(!out.includes(GSL_TIME));
      }),
    );
  });
});

describe('GSL state updaters: statements and method options', () => {
  const eqs = new Equations('dv/dt = (v0 - v)/(10*ms) : volt\ndw/dt = -w/(5*ms) : 1\nv0 : volt');
  it("returns Brian2's tagged derivatives (y order: by name) and the checked options", () => {
    const choice = applyStateUpdater(eqs, undefined, 'gsl_rk8pd', { methodOptions: { absolute_error_per_variable: { v: mV(0.01) }, maxSteps: 0 } });
    assert.deepEqual(choice.statements.map((s) => s.target), ['_gsl_v_f0', '_gsl_w_f1']);
    assert.equal(choice.gsl?.integrator, 'rk8pd');
    assert.deepEqual(choice.gsl?.absoluteErrors, [1e-5, 1e-6]);
    assert.equal(choice.gsl?.maxSteps, 0);
    assert.equal(applyStateUpdater(eqs, undefined, 'gsl').gsl?.integrator, 'rkf45');
  });
  it('refuses unknown options, wrong values and stochastic equations with typed errors', () => {
    assert.throws(() => applyStateUpdater(eqs, undefined, 'gsl', { methodOptions: { absolute: 1 } }), MethodOptionsError);
    assert.throws(() => applyStateUpdater(eqs, undefined, 'gsl', { methodOptions: { use_last_timestep: 1 } }), (e) => e instanceof MethodOptionValueError && e.option === 'use_last_timestep');
    assert.throws(() => applyStateUpdater(new Equations('dx/dt = -x/(10*ms) + xi/sqrt(ms) : 1'), undefined, 'gsl_rk4'), UnsupportedEquationsError);
  });
});

describe('GSL method options: any value gives a typed error or valid settings (fuzz)', () => {
  const eqs = new Equations('dv/dt = -v/(10*ms) : volt');
  const keys = ['adaptable_timestep', 'absolute_error', 'absolute_error_per_variable', 'max_steps', 'use_last_timestep', 'save_failed_steps', 'save_step_count', 'absoluteError', 'maxSteps', 'nonsense'];
  it('never throws anything but a BrianError', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), fc.oneof(fc.anything(), fc.constantFrom(mV(1), { v: mV(1) }, { v: 1e-3 }, { w: mV(1) }))), (options) => {
        try {
          const choice = applyStateUpdater(eqs, undefined, 'gsl', { methodOptions: options });
          assert.ok(choice.gsl!.absoluteErrors.every((x) => Number.isFinite(x) && x > 0));
          assert.ok(Number.isSafeInteger(choice.gsl!.maxSteps) && choice.gsl!.maxSteps >= 0);
        } catch (e) {
          assert.ok(e instanceof BrianError, String(e));
        }
      }),
    );
  });
});
