import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Equations, addRefractoriness } from '../equations/index.ts';
import { printStatements } from '../parsing/index.ts';
import type { Statement } from '../parsing/index.ts';
import { DEFAULT_FUNCTIONS, defineFunction } from '../inference/index.ts';
import { DIMENSIONLESS } from '../units/index.ts';
import { evaluate, type Value } from '../symbolic/index.ts';
import { Variables } from '../variables/index.ts';
import type { Variable } from '../variables/index.ts';
import {
  applyStateUpdater,
  DuplicateStateUpdaterError,
  euler,
  exact,
  ExplicitDescriptionError,
  ExplicitStateUpdater,
  exponentialEuler,
  getStateUpdater,
  heun,
  MethodOptionsError,
  milstein,
  NoSuitableStateUpdaterError,
  registerStateUpdater,
  rk4,
  stateUpdaterNames,
  UnknownStateUpdaterError,
  UnsupportedEquationsError,
} from './index.ts';
import { expm } from './expm.ts';

/** Runs one step of abstract code on plain numbers. */
function step(statements: readonly Statement[], values: Record<string, Value>): Map<string, Value> {
  const out = new Map<string, Value>(Object.entries(values));
  for (const s of statements) out.set(s.target, evaluate(s.value, out));
  return out;
}
const num = (m: Map<string, Value>, n: string): number => m.get(n) as number;

describe('registry', () => {
  it('getStateUpdater(name) knows every Brian2 method, case-insensitively', () => {
    for (const m of ['exact', 'linear', 'independent', 'euler', 'rk2', 'rk4', 'heun', 'milstein', 'exponential_euler']) {
      assert.ok(stateUpdaterNames().includes(m));
    }
    assert.equal(getStateUpdater('RK4'), rk4);
  });
  it('getStateUpdater(unknown) throws UnknownStateUpdaterError naming it', () => {
    assert.throws(() => getStateUpdater('rk5'), (e: unknown) => e instanceof UnknownStateUpdaterError && /No state updater with the name 'rk5' is known/.test(e.message));
  });
  it('registerStateUpdater twice under one name throws DuplicateStateUpdaterError', () => {
    const forward = new ExplicitStateUpdater('forward_test', 'x_new = x + dt*f(x,t)');
    registerStateUpdater('Forward_Test', forward);
    assert.equal(getStateUpdater('forward_test'), forward);
    assert.throws(() => registerStateUpdater('forward_test', forward), (e: unknown) => e instanceof DuplicateStateUpdaterError && /already been registered/.test(e.message));
  });
});

describe('applyStateUpdater', () => {
  it("applyStateUpdater(lif) picks 'exact' with Brian2's info message", () => {
    const r = applyStateUpdater(new Equations('dv/dt = (v0 - v)/tau : volt'), undefined, undefined, { groupName: 'neurongroup' });
    assert.equal(r.method, 'exact');
    assert.match(r.info!, /^No numerical integration method specified for group 'neurongroup', using method 'exact' \(took \d+\.\d\ds\)\.$/);
  });
  it("applyStateUpdater(nonlinear) falls back to 'euler', reporting the time spent on other methods", () => {
    const r = applyStateUpdater(new Equations('dv/dt = -v**2/tau : 1'), undefined);
    assert.equal(r.method, 'euler');
    assert.match(r.info!, /^No numerical integration method specified, using method 'euler' \(took \d+\.\d\ds, trying other methods took \d+\.\d\ds\)\.$/);
  });
  it("applyStateUpdater(multiplicative noise) picks 'heun'", () => {
    assert.equal(applyStateUpdater(new Equations('dv/dt = -v/tau + v*xi/sqrt(tau) : 1'), undefined).method, 'heun');
  });
  it('applyStateUpdater(eqs, vars, list) throws NoSuitableStateUpdaterError when nothing applies', () => {
    assert.throws(
      () => applyStateUpdater(new Equations('dv/dt = -v/tau + xi/sqrt(tau) : 1'), undefined, ['exact', 'rk4'], { groupName: 'G' }),
      (e: unknown) =>
        e instanceof NoSuitableStateUpdaterError &&
        /^No stateupdater that is suitable for the given equations has been found \(group 'G'\)\./.test(e.message) &&
        e.reasons.length === 2,
    );
  });
  it('applyStateUpdater(eqs, vars, name) gives no info message and passes methodOptions', () => {
    const r = applyStateUpdater(new Equations('dv/dt = -v/tau : 1'), undefined, 'exact', { methodOptions: { simplify: false } });
    assert.equal(r.info, undefined);
    assert.throws(
      () => applyStateUpdater(new Equations('dv/dt = -v/tau : 1'), undefined, 'euler', { methodOptions: { a: 1 } }),
      (e: unknown) => e instanceof MethodOptionsError && /^method_options specifies 'a', but this is not an option for this state updater\. This state updater does not accept any options\.$/.test(e.message),
    );
    assert.throws(
      () => exact.apply(new Equations('dv/dt = -v/tau : 1'), undefined, { methodOptions: { b: 1 } }),
      (e: unknown) => e instanceof MethodOptionsError && /Available options are: 'simplify'\.$/.test(e.message),
    );
  });
  it('applyStateUpdater(eqs, vars, methodObject) uses the object', () => {
    assert.equal(applyStateUpdater(new Equations('dv/dt = -v/tau : 1'), undefined, rk4).method, 'rk4');
  });
});

describe('ExplicitStateUpdater', () => {
  it('new ExplicitStateUpdater(bad description) throws ExplicitDescriptionError', () => {
    for (const bad of ['k = dt*f(x,t)', 'x = 1\nx_new = x', 'k += 1\nx_new = x', 'x_new = (']) {
      assert.throws(() => new ExplicitStateUpdater('bad', bad), ExplicitDescriptionError, bad);
    }
  });
  it("euler.apply(dv/dt = (v0 - v)/tau) is Brian2's forward Euler step", () => {
    const s = euler.apply(new Equations('dv/dt = (v0 - v)/tau : volt'));
    assert.equal(printStatements(s), '_v = v + dt * (v0 - v) / tau\nv = _v');
  });
  it('rk4.apply(...) names temporaries as Brian2 (__k_1_v …)', () => {
    const s = rk4.apply(new Equations('dv/dt = -v/tau : 1'));
    assert.deepEqual(s.map((x) => x.target), ['__k_1_v', '__k_2_v', '__k_3_v', '__k_4_v', '_v', 'v']);
  });
  it('noise: one `xi = dt**0.5*randn()` per noise name, shared by the equations using it', () => {
    const s = euler.apply(new Equations('dx/dt = -x/tau + s*xi_c/sqrt(tau) : 1\ndy/dt = -y/tau + s*xi_c/sqrt(tau) : 1'));
    const draws = s.filter((x) => x.value.kind === 'binary' && printStatements([x]).includes('randn()'));
    assert.deepEqual(draws.map((d) => printStatements([d])), ['xi_c = dt ** 0.5 * randn()']);
  });
  it('euler.apply(multiplicative noise) throws UnsupportedEquationsError', () => {
    assert.throws(() => euler.apply(new Equations('dv/dt = -v/tau + v*xi/sqrt(tau) : 1')), (e: unknown) =>
      e instanceof UnsupportedEquationsError && e.message === 'Cannot integrate equations with multiplicative noise with this state updater.' && e.method === 'euler');
  });
  it('euler accepts noise depending on t only through a locally constant function', () => {
    const eqs = new Equations('dv/dt = -v/tau + ta(t)*xi/sqrt(tau) : 1');
    assert.throws(() => euler.apply(eqs), UnsupportedEquationsError);
    assert.doesNotThrow(() => euler.apply(eqs, undefined, { locallyConstantFunctions: ['ta'] }));
  });
  it('milstein.apply(two noise names in one equation) throws UnsupportedEquationsError', () => {
    assert.throws(() => milstein.apply(new Equations('dv/dt = -v/tau + (xi_1 + xi_2)/sqrt(tau) : 1')), (e: unknown) =>
      e instanceof UnsupportedEquationsError && /non-diagonal noise/.test(e.message));
  });
  it('rk4.apply(stochastic) throws UnsupportedEquationsError', () => {
    assert.throws(() => rk4.apply(new Equations('dv/dt = xi/sqrt(tau) : 1')), (e: unknown) =>
      e instanceof UnsupportedEquationsError && e.message === 'Cannot integrate stochastic equations with this state updater.');
  });
  it('heun with zero noise equals the deterministic Heun-less Euler step', () => {
    const eqs = new Equations('dv/dt = -v/tau + sigma*xi/sqrt(tau) : 1');
    const v = { v: 0.3, tau: 0.01, sigma: 0, dt: 1e-4 };
    const a = step(heun.apply(eqs).map((s) => (s.target === 'xi' ? { ...s, value: { kind: 'number', value: 0, isInteger: true } } : s)) as Statement[], v);
    assert.equal(num(a, 'v'), 0.3 - (1e-4 * 0.3) / 0.01);
  });
});

describe('exact', () => {
  const lif = new Equations('dv/dt = (v0 - v)/tau : volt (unless refractory)');
  it('exact.apply(lif unless refractory) leaves a refractory neuron unchanged (no 0/0)', () => {
    const s = exact.apply(addRefractoriness(lif));
    const out = step(s, { v: -0.06, v0: -0.05, tau: 0.01, dt: 1e-4, not_refractory: false });
    assert.equal(num(out, 'v'), -0.06);
  });
  it('exact.apply(coupled conductance) matches a fine rk4 integration (property)', () => {
    const eqs = new Equations('dv/dt = (El - v + R*ge)/tau : volt\ndge/dt = (h - ge)/taue : amp\ndh/dt = -h/taue : amp');
    const ex = exact.apply(eqs);
    const fine = rk4.apply(eqs);
    fc.assert(
      fc.property(fc.double({ min: 0.005, max: 0.03, noNaN: true }), fc.double({ min: 0.001, max: 0.008, noNaN: true }), (tau, taue) => {
        const start = { v: -0.06, El: -0.07, R: 1e8, ge: 2e-10, h: 1e-10, tau, taue };
        const a = step(ex, { ...start, dt: 1e-3 });
        let s: Map<string, Value> = new Map(Object.entries({ ...start, dt: 1e-6 }));
        for (let k = 0; k < 1000; k++) s = step(fine, Object.fromEntries(s));
        for (const n of ['v', 'ge', 'h']) assert.ok(Math.abs(num(a, n) - num(s, n)) <= 1e-9 * Math.abs(num(s, n)) + 1e-20, n);
      }),
      { numRuns: 10 },
    );
  });
  it('exact.apply keeps per-neuron parameters symbolic (no values needed at apply time)', () => {
    const s = exact.apply(new Equations('dv/dt = (v0 - v)/tau : volt\ntau : second'));
    assert.match(printStatements(s), /exp\(-dt \/ tau\)/);
  });
  it("exact.apply(rand() in the equation) throws Brian2's 'not constant over a time step'", () => {
    assert.throws(() => exact.apply(new Equations('dv/dt = -v/tau + rand()/tau : 1')), (e: unknown) =>
      e instanceof UnsupportedEquationsError && /^Expression '.*rand\(\).*' is not guaranteed to be constant over a time step\.$/.test(e.message));
  });
  it('exact.apply treats user functions marked stateful in variables as not constant', () => {
    const noisy = defineFunction({ name: 'noisy', argUnits: [], returnDim: DIMENSIONLESS, stateful: true });
    const vars = new Map<string, Variable>([['noisy', { kind: 'function', name: 'noisy', descriptor: noisy }]]);
    const eqs = new Equations('dv/dt = (noisy() - v)/tau : 1');
    assert.doesNotThrow(() => exact.apply(eqs));
    assert.throws(() => exact.apply(eqs, vars), UnsupportedEquationsError);
    const table = new Variables('neurongroup');
    table.addFunction('noisy', noisy);
    assert.throws(() => applyStateUpdater(eqs, table, 'exact'), UnsupportedEquationsError);
    assert.equal(applyStateUpdater(eqs, table).method, 'euler');
    assert.ok(DEFAULT_FUNCTIONS.size > 0);
  });
  it("exact.apply(nonlinear) throws Brian2's 'could not be separated into linear components'", () => {
    assert.throws(() => exact.apply(new Equations('dv/dt = -v**2/tau : 1')), (e: unknown) =>
      e instanceof UnsupportedEquationsError && /^The expression '.*', defining the variable 'v', could not be separated into linear components\.$/.test(e.message));
  });
  it('exact.apply(pure integrator) throws UnsupportedEquationsError (singular M, as Brian2)', () => {
    assert.throws(() => exact.apply(new Equations('dv/dt = I/C : volt')), (e: unknown) =>
      e instanceof UnsupportedEquationsError && /^Cannot solve the given equations with this stateupdater\.$/.test(e.message));
  });
  it("exact.apply(stochastic) throws 'Cannot solve stochastic equations'", () => {
    assert.throws(() => exact.apply(new Equations('dv/dt = xi/sqrt(tau) : 1')), (e: unknown) =>
      e instanceof UnsupportedEquationsError && e.message === 'Cannot solve stochastic equations with this state updater.');
  });
  it('exact.apply keeps (constant over dt) subexpressions as variables', () => {
    const s = exact.apply(new Equations('dv/dt = (n - v)/tau : 1\nn = sigma*randn() : 1 (constant over dt)'));
    assert.doesNotMatch(printStatements(s), /randn/);
  });
});

describe('exponential_euler', () => {
  it('exponentialEuler.apply(linear 1-D) equals exact', () => {
    const eqs = new Equations('dv/dt = (v0 - v)/tau : volt');
    const values = { v: -0.06, v0: -0.05, tau: 0.01, dt: 1e-4 };
    assert.ok(Math.abs(num(step(exponentialEuler.apply(eqs), values), 'v') - num(step(exact.apply(eqs), values), 'v')) < 1e-17);
  });
  it("exponentialEuler.apply(v**2) throws 'Can only solve conditionally linear systems'", () => {
    assert.throws(() => exponentialEuler.apply(new Equations('dv/dt = -v**2/tau : 1')), (e: unknown) =>
      e instanceof UnsupportedEquationsError && e.message === 'Can only solve conditionally linear systems with this state updater.');
  });
  it('exponentialEuler.apply(dv/dt = B) is a plain Euler step', () => {
    assert.equal(printStatements(exponentialEuler.apply(new Equations('dv/dt = I/C : volt'))), '_v = v + dt * I / C\nv = _v');
  });
});

describe('exact with feedback (linear systems without a triangular order)', () => {
  const constant = (name: string, value: number): Variable => ({ kind: 'constant', name, dim: DIMENSIONLESS, readOnly: true, value, type: 'float' });
  const constants = (values: Record<string, number>) => new Map<string, Variable>(Object.entries(values).map(([k, v]) => [k, constant(k, v)]));
  const pair = new Equations('dx/dt = (-x + y + I)/tau : 1\ndy/dt = (x - 3*y)/tau2 : 1\nI : 1');
  /** rk4 with a tiny step, as the reference solution. */
  const fine = (eqs: Equations, start: Record<string, Value>, dt: number, names: readonly string[]) => {
    const update = rk4.apply(eqs);
    let s: Map<string, Value> = new Map(Object.entries({ ...start, dt: dt / 1000 }));
    for (let k = 0; k < 1000; k++) s = step(update, Object.fromEntries(s));
    return names.map((n) => num(s, n));
  };
  it('exact.apply(2x2 feedback, namespace constants and dt) prints numeric coefficients that match rk4 (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.002, max: 0.03, noNaN: true }), fc.double({ min: 0.01, max: 0.1, noNaN: true }), (tau, tau2) => {
        const dt = 1e-3;
        const s = exact.apply(pair, constants({ tau, tau2, dt }));
        assert.doesNotMatch(printStatements(s), /exp|sqrt/);
        const start = { x: 0.3, y: -0.7, I: 0.5, tau, tau2 };
        const out = step(s, { ...start, dt });
        const ref = fine(pair, start, dt, ['x', 'y']);
        assert.ok(Math.abs(num(out, 'x') - ref[0]!) <= 1e-10 && Math.abs(num(out, 'y') - ref[1]!) <= 1e-10);
      }),
      { numRuns: 10 },
    );
  });
  it('exact.apply(2x2 feedback, per-neuron parameters) uses the closed form, equal to the numeric solution', () => {
    const values = { tau: 0.01, tau2: 0.05, dt: 1e-4 };
    const symbolic = exact.apply(pair);
    assert.match(printStatements(symbolic), /__exact_q = sqrt\(/);
    const numeric = exact.apply(pair, constants(values));
    for (const start of [{ x: 0.3, y: -0.7, I: 0 }, { x: -1, y: 2, I: 3 }]) {
      const a = step(symbolic, { ...start, ...values });
      const b = step(numeric, { ...start, ...values });
      for (const n of ['x', 'y']) assert.ok(Math.abs(num(a, n) - num(b, n)) <= 1e-13 * (1 + Math.abs(num(b, n))), n);
    }
  });
  it('exact.apply(3x3 feedback with mixed units) matches rk4 (badly scaled entries stay accurate)', () => {
    const eqs = new Equations('dv/dt = (El - v + R*w)/tau : volt\ndw/dt = (a*(v - El) - w + c*u)/tauw : amp\ndu/dt = (w/b - u)/tauu : amp');
    const values = { El: -0.07, R: 1e8, tau: 0.02, a: 2e-9, tauw: 0.1, c: 0.5, b: 3, tauu: 0.03 };
    const dt = 1e-3;
    const s = exact.apply(eqs, constants({ ...values, dt }));
    const start = { v: -0.05, w: 5e-11, u: 1e-11, ...values };
    const out = step(s, { ...start, dt });
    const ref = fine(eqs, start, dt, ['v', 'w', 'u']);
    ['v', 'w', 'u'].forEach((n, k) => assert.ok(Math.abs(num(out, n) - ref[k]!) <= 1e-11 * Math.abs(ref[k]!), n));
  });
  it('exact.apply(feedback block driving another variable) leaves unreachable coefficients exactly 0', () => {
    const eqs = new Equations('dx/dt = (-x + y)/tau : 1\ndy/dt = (x - 3*y)/tau2 : 1\ndz/dt = (x - z)/tau3 : 1');
    const s = exact.apply(eqs, constants({ tau: 0.01, tau2: 0.05, tau3: 0.02, dt: 1e-4 }));
    const text = printStatements(s);
    assert.doesNotMatch(text.split('\n').find((l) => l.startsWith('_x'))!, /z/);
    assert.match(text.split('\n').find((l) => l.startsWith('_z'))!, /x.*y.*z/);
  });
  it("exact.apply(complex eigenvalues) throws Brian2's 'contains complex values', numeric or symbolic", () => {
    const osc = new Equations('dx/dt = (-x + y)/tau : 1\ndy/dt = (-x - y)/tau2 : 1');
    const complex = (e: unknown) =>
      e instanceof UnsupportedEquationsError && e.message === 'The solution to the linear system contains complex values which is currently not implemented.';
    assert.throws(() => exact.apply(osc, constants({ tau: 0.01, tau2: 0.01, dt: 1e-4 })), complex);
    assert.throws(() => exact.apply(new Equations('dx/dt = -y/tau : 1\ndy/dt = x/tau : 1')), complex);
    const cyc3 = new Equations('dx/dt = (-x + y)/tau : 1\ndy/dt = (-y + z)/tau : 1\ndz/dt = (-z - x)/tau : 1');
    assert.throws(() => exact.apply(cyc3, constants({ tau: 0.01, dt: 1e-4 })), complex);
    assert.equal(applyStateUpdater(osc, constants({ tau: 0.01, tau2: 0.01, dt: 1e-4 })).method, 'euler');
  });
  it('exact.apply(singular feedback) throws Cannot solve (as Brian2)', () => {
    const eqs = new Equations('dx/dt = (y - x)/tau : 1\ndy/dt = (x - y)/tau : 1');
    const cannot = (e: unknown) => e instanceof UnsupportedEquationsError && /^Cannot solve the given equations with this stateupdater\.$/.test(e.message);
    assert.throws(() => exact.apply(eqs), cannot);
    assert.throws(() => exact.apply(eqs, constants({ tau: 0.01, dt: 1e-4 })), cannot);
  });
  it('exact.apply(3x3 feedback with per-neuron parameters) throws UnsupportedEquationsError saying why', () => {
    const eqs = new Equations('dx/dt = (-2*x + y)/tau : 1\ndy/dt = (x - 2*y + z)/tau : 1\ndz/dt = (y - 2*z)/tau : 1\ntau : second');
    assert.throws(() => exact.apply(eqs), (e: unknown) =>
      e instanceof UnsupportedEquationsError && /^Cannot solve the given equations with this stateupdater\. \(brian-ts solves .* only for two variables, or when all coupling coefficients are constants known before the run: x, y, z\)$/.test(e.message));
  });
  it('exact.apply(2x2 feedback unless refractory) keeps the other variable finite for refractory neurons', () => {
    const eqs = addRefractoriness(new Equations('dv/dt = (El - v + R*w)/tau : volt (unless refractory)\ndw/dt = (a*(v - El) - w)/tauw : amp'));
    const s = exact.apply(eqs);
    const out = step(s, { v: -0.06, w: 1e-10, El: -0.07, R: 1e8, tau: 0.02, a: 2e-9, tauw: 0.1, dt: 1e-4, not_refractory: false });
    assert.ok(Number.isFinite(num(out, 'w')) && Math.abs(num(out, 'v') + 0.06) < 1e-15);
  });
});

describe('expm', () => {
  it('expm(matrix) matches known exponentials (Moler & Van Loan; scaling and squaring)', () => {
    const close = (a: number[][], b: number[][], tol: number) =>
      a.forEach((row, i) => row.forEach((x, j) => assert.ok(Math.abs(x - b[i]![j]!) <= tol * Math.abs(b[i]![j]!), `${i},${j}: ${x}`)));
    // e^[[-49, 24], [-64, 31]] = [[3e^-17 - 2e^-1, -3/2 e^-17 + 3/2 e^-1], [4e^-17 - 4e^-1, -2e^-17 + 3e^-1]].
    const [e1, e17] = [Math.exp(-1), Math.exp(-17)];
    close(expm([[-49, 24], [-64, 31]]), [[3 * e17 - 2 * e1, -1.5 * e17 + 1.5 * e1], [4 * e17 - 4 * e1, -2 * e17 + 3 * e1]], 1e-12);
    close(expm([[0, 1e-3], [0, 0]]), [[1, 1e-3], [0, 1]], 0);
    close(expm([[2, 0], [0, -3]]), [[Math.exp(2), 0], [0, Math.exp(-3)]], 1e-14);
  });
});
