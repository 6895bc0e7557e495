import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseExpression, printExpr } from '../parsing/index.ts';
import { NonlinearError, NotConstantOverDtError } from './errors.ts';
import { evaluateNumber } from './evaluate.ts';
import {
  checkConstantOverDt,
  checkLinear,
  conditionallyLinearSystem,
  isConstantOverDt,
  linearSystem,
  splitLinear,
} from './linear.ts';

const p = parseExpression;

function split(src: string, v: string): [string, string] | string {
  const s = splitLinear(p(src), v);
  return s.isLinear ? [printExpr(s.coefficient), printExpr(s.rest)] : s.reason;
}

describe('splitLinear', () => {
  const linear: [string, string, string, string][] = [
    ['(v0 - v)/tau', 'v', '-1 / tau', 'v0 / tau'],
    ['(ge*(Ee-v) + El - v)/taum', 'v', '(-ge - 1) / taum', '(ge * Ee + El) / taum'],
    ['int(not_refractory)*(v0-v)/tau', 'v', '-int(not_refractory) / tau', 'int(not_refractory) * v0 / tau'],
    ['-v*(1/tau + g/C)', 'v', '-1 / tau - g / C', '0'],
    ['(v - 3*v)/tau', 'v', '-2 / tau', '0'],
    ['v/tau + v**2*0', 'v', '1 / tau', '0'],
    ['v/(1+w)', 'v', '1 / (1 + w)', '0'],
    ['-ge/taue', 'v', '0', '-ge / taue'],
    ['v*(v + 1) - v**2', 'v', '1', '0'],
    ['(-v + w**2.0) / tau', 'v', '-1 / tau', 'w ** 2.0 / tau'],
    ['v*exp(w)/v*v', 'v', 'exp(w)', '0'],
  ];
  for (const [src, v, c, r] of linear) {
    it(`splitLinear('${src}', '${v}') is ${c} * ${v} + ${r}`, () => assert.deepEqual(split(src, v), [c, r]));
  }

  const nonlinear: [string, RegExp][] = [
    ['-v**2/(10*ms)', /'v' appears in 'v \*\* 2'/],
    ['exp(-v)', /function 'exp'/],
    ['v*v', /'v' appears in 'v \*\* 2'/],
    ['sqrt(v)', /function 'sqrt'/],
    ['x/v', /denominator 'v'/],
    ['v*(w + v)', /both depend on 'v'/],
    ['int(v > 0)', /function 'int'/],
    ['v // 2', /'v' appears in 'v \/\/ 2'/],
  ];
  for (const [src, reason] of nonlinear) {
    it(`splitLinear('${src}', 'v') reports it is not linear`, () => {
      const s = splitLinear(p(src), 'v');
      assert.equal(s.isLinear, false);
      assert.match(s.isLinear ? '' : s.reason, reason);
    });
  }

  it('splitLinear gets the HH membrane equation coefficients right', () => {
    const rhs = p('(gl*(El-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK) + I)/Cm');
    const s = checkLinear(rhs, 'v');
    assert.equal(printExpr(s.coefficient), '(-gl - g_na * m ** 3 * h - g_kd * n ** 4) / Cm');
    assert.equal(printExpr(s.rest), '(gl * El + g_na * m ** 3 * h * ENa + g_kd * n ** 4 * EK + I) / Cm');
    const values = { gl: 0.3, El: -0.06, g_na: 120, m: 0.05, h: 0.6, ENa: 0.05, g_kd: 36, n: 0.3, EK: -0.077, I: 0.01, Cm: 1, v: -0.065 };
    const whole = evaluateNumber(rhs, values);
    const parts = evaluateNumber(s.coefficient, values) * values.v + evaluateNumber(s.rest, values);
    assert.ok(Math.abs(whole - parts) <= 1e-12 * Math.abs(whole));
  });

  it('splitLinear handles gating variables with rate functions of v (exponential_euler)', () => {
    const s = checkLinear(p('alpha_m*(1 - m) - beta_m*m'), 'm');
    assert.equal(printExpr(s.coefficient), '-alpha_m - beta_m');
    assert.equal(printExpr(s.rest), 'alpha_m');
    const t = checkLinear(p('0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms*(1-m) - 0.28*m/ms'), 'm');
    assert.ok(!printExpr(t.coefficient).includes('m)') && printExpr(t.coefficient).includes('exprel'));
  });
});

describe('checkLinear', () => {
  it("checkLinear throws NonlinearError with Brian2's wording", () => {
    assert.throws(
      () => checkLinear(p('-v**2/(10*ms)'), 'v'),
      (e: unknown) =>
        e instanceof NonlinearError &&
        e.variable === 'v' &&
        /^The expression '-v \*\* 2 \/ \(10 \* ms\)', defining the variable 'v', could not be separated into linear components/.test(e.message),
    );
  });
});

describe('linearSystem', () => {
  it('linearSystem extracts M and B of a two-variable synapse model', () => {
    const sys = linearSystem({ v: p('(ge - v)/tau'), ge: p('-ge/taue') }, ['v', 'ge']);
    assert.deepEqual(sys.matrix.map((r) => r.map(printExpr)), [
      ['-1 / tau', '1 / tau'],
      ['0', '-1 / taue'],
    ]);
    assert.deepEqual(sys.constants.map(printExpr), ['0', '0']);
  });

  it('linearSystem keeps parameters and int(not_refractory) in the entries', () => {
    const sys = linearSystem(new Map([['v', p('int(not_refractory)*(v0 - v + I)/tau')]]), ['v']);
    assert.equal(printExpr(sys.matrix[0]![0]!), '-int(not_refractory) / tau');
    assert.equal(printExpr(sys.constants[0]!), 'int(not_refractory) * (v0 + I) / tau');
  });

  it('linearSystem rejects a coefficient that depends on another state variable', () => {
    assert.throws(
      () => linearSystem({ v: p('-v*w/tau'), w: p('-w/tau') }, ['v', 'w']),
      (e: unknown) => e instanceof NonlinearError && e.variable === 'v' && /coefficient '-w \/ tau' of 'v' depends on 'w'/.test(e.message),
    );
  });

  it('linearSystem rejects a nonlinear equation, naming it', () => {
    assert.throws(
      () => linearSystem({ v: p('-v/tau'), w: p('-w**2') }, ['v', 'w']),
      (e: unknown) => e instanceof NonlinearError && e.variable === 'w' && /defining the variable 'w'/.test(e.message),
    );
  });

  it('linearSystem throws NonlinearError when an equation is missing', () => {
    assert.throws(() => linearSystem({ v: p('-v') }, ['v', 'w']), (e: unknown) => e instanceof NonlinearError && /no right-hand side was given for 'w'/.test(e.message));
  });
});

describe('conditionallyLinearSystem', () => {
  it('conditionallyLinearSystem allows coefficients that depend on other variables', () => {
    const sys = conditionallyLinearSystem({ v: p('(-v + w**2.0) / tau'), w: p('-w*v / tau') }, ['v', 'w']);
    assert.equal(printExpr(sys.get('v')!.coefficient), '-1 / tau');
    assert.equal(printExpr(sys.get('v')!.rest), 'w ** 2.0 / tau');
    assert.equal(printExpr(sys.get('w')!.coefficient), '-v / tau');
    assert.throws(() => conditionallyLinearSystem({ v: p('v**2') }, ['v']), NonlinearError);
  });
});

describe('isConstantOverDt', () => {
  it('isConstantOverDt is false for t and for stateful functions, true for parameters', () => {
    assert.equal(isConstantOverDt(p('-1/tau')), true);
    assert.equal(isConstantOverDt(p('sin(2*pi*f*t)')), false);
    assert.equal(isConstantOverDt(p('rand()*sigma')), false);
    assert.equal(isConstantOverDt(p('I_ext(t)')), false);
    assert.equal(isConstantOverDt(p('I_ext(t)'), { locallyConstantFunctions: ['I_ext'] }), true);
    assert.equal(isConstantOverDt(p('I_ext(t + dt)'), { locallyConstantFunctions: ['I_ext'] }), false);
    assert.equal(isConstantOverDt(p('b(x)'), { statefulFunctions: ['b'] }), false);
  });

  it("checkConstantOverDt throws NotConstantOverDtError with Brian2's wording", () => {
    assert.throws(
      () => checkConstantOverDt(p('-1/tau + t/second')),
      (e: unknown) => e instanceof NotConstantOverDtError && /^Expression '-1 \/ tau \+ t \/ second' is not guaranteed to be constant over a time step \(it depends on 't'\)/.test(e.message),
    );
    assert.throws(() => checkConstantOverDt(p('randn()')), (e: unknown) => e instanceof NotConstantOverDtError && /stateful function 'randn'/.test(e.message));
  });
});
