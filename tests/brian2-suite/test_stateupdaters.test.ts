/**
 * Brian2 2.5.1 `brian2/tests/test_stateupdaters.py`, translated (status of every function:
 * README.md in this folder). Each `it` is named after Brian2's test function. Brian2's
 * `integrator(eqs)` (abstract code as a string) is `printStatements(integrator.apply(eqs))`;
 * `StateUpdateMethod.apply_stateupdater` is `applyStateUpdater`, `register` `registerStateUpdater`.
 */
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Hz, Network, NeuronGroup, StateMonitor, TimedArray, defaultclock, ms, run, startScope } from '../../src/index.ts';
import { Equations } from '../../src/equations/index.ts';
import {
  ExplicitStateUpdater,
  applyStateUpdater,
  euler,
  exact,
  exponentialEuler,
  heun,
  independent,
  linear,
  milstein,
  registerStateUpdater,
  rk2,
  rk4,
} from '../../src/stateupdaters/index.ts';
import type { StateUpdateMethod } from '../../src/stateupdaters/index.ts';
import { printStatements } from '../../src/parsing/index.ts';
import { assertAllclose, catchLogs, raises } from './helpers.ts';

beforeEach(() => {
  startScope();
  defaultclock.dt = ms(0.1);
});

/** Brian2's `integrator(eqs)`: the abstract code as text. */
const code = (method: StateUpdateMethod, eqs: Equations): string => printStatements(method.apply(eqs));
const rows = (m: { values: readonly Float64Array[] }): number[][] => m.values.map((r) => Array.from(r));

describe('test_stateupdaters (Brian2 2.5.1)', () => {
  it('test_explicit_stateupdater_parsing', () => {
    // These are valid descriptions and should not raise errors
    let updater = new ExplicitStateUpdater('custom', 'x_new = x + dt * f(x, t)');
    updater.apply(new Equations('dv/dt = -v / tau : 1'));
    updater = new ExplicitStateUpdater('custom', 'x2 = x + dt * f(x, t)\nx_new = x2');
    updater.apply(new Equations('dv/dt = -v / tau : 1'));
    updater = new ExplicitStateUpdater('custom', 'x1 = g(x, t) * dW\nx2 = x + dt * f(x, t)\nx_new = x1 + x2', 'multiplicative');
    updater.apply(new Equations('dv/dt = -v / tau + v * xi * tau**-.5: 1'));
    updater = new ExplicitStateUpdater(
      'custom',
      'x_support = x + dt*f(x, t) + dt**.5 * g(x, t)\ng_support = g(x_support, t)\nk = 1/(2*dt**.5)*(g_support - g(x, t))*(dW**2)\nx_new = x + dt*f(x,t) + g(x, t) * dW + k',
      'multiplicative',
    );
    updater.apply(new Equations('dv/dt = -v / tau + v * xi * tau**-.5: 1'));
    // Examples of failed parsing: no x_new = ... statement
    raises(() => new ExplicitStateUpdater('custom', 'x = x + dt * f(x, t)'), 'SyntaxError');
    // Not an assignment
    raises(() => new ExplicitStateUpdater('custom', '2 * x\nx_new = x + dt * f(x, t)'), 'SyntaxError');
    // doesn't separate into stochastic and non-stochastic part (Brian2: when applied; brian-ts: when created)
    raises(() => new ExplicitStateUpdater('custom', 'x_new = x + dt * f(x, t) * g(x, t) * dW').apply(new Equations('')), 'ValueError');
  });

  it('test_non_autonomous_equations', () => {
    // Check that non-autonomous equations are handled correctly in multi-step updates
    const updater = new ExplicitStateUpdater('custom', 'x_new = f(x, t + 0.5*dt)');
    const updateStep = code(updater, new Equations('dv/dt = t : 1')); // Not a valid equation but...
    assert.ok(updateStep.replaceAll(' ', '').includes('0.5*dt'), updateStep);
  });

  it('test_multiple_noise_variables_basic', () => {
    const eqs = new Equations('dv/dt = -v / (10*ms) + xi_1 * ms ** -.5 : 1\ndw/dt = -w / (10*ms) + xi_2 * ms ** -.5 : 1');
    for (const method of [euler, heun, milstein]) {
      const c = code(method, eqs);
      assert.ok(c.includes('xi_1'));
      assert.ok(c.includes('xi_2'));
    }
  });

  it('test_multiple_noise_variables_extended', () => {
    const eqs = 'dx/dt = y : 1\ndy/dt = - 1*ms**-1*y - 40*ms**-2*x : Hz';
    const allEqsNoise = [
      'dx/dt = y : 1\ndy/dt = noise_factor*ms**-1.5*xi_1 + noise_factor*ms**-1.5*xi_2\n   - 1*ms**-1*y - 40*ms**-2*x : Hz',
      'dx/dt = y + noise_factor*ms**-0.5*xi_1: 1\ndy/dt = noise_factor*ms**-1.5*xi_2\n    - 1*ms**-1*y - 40*ms**-2*x : Hz',
    ];
    let G = new NeuronGroup(2, eqs, { method: 'euler' });
    G.x = [0.5, 1];
    G.y = Hz([0, 0.5]);
    let mon = new StateMonitor(G, ['x', 'y'], { record: true });
    let net = new Network(G, mon);
    net.run(ms(10));
    const noNoiseX = rows(mon.x);
    const noNoiseY = rows(mon.y);
    for (const eqsNoise of allEqsNoise) {
      for (const method of ['euler', 'heun']) {
        catchLogs(() => {
          G = new NeuronGroup(2, eqsNoise, { method });
          G.x = [0.5, 1];
          G.y = Hz([0, 0.5]);
          mon = new StateMonitor(G, ['x', 'y'], { record: true });
          net = new Network(G, mon);
          // We run it deterministically, but still we'd detect major errors (e.g. non-stochastic terms that are added twice, see #330)
          net.run(ms(10), { namespace: { noise_factor: 0 } });
        });
        assertAllclose(rows(mon.x).flat(), noNoiseX.flat());
        assertAllclose(rows(mon.y).flat(), noNoiseY.flat());
      }
    }
  });

  it('test_multiplicative_noise', () => {
    // Noise is not multiplicative (constant over time step)
    const ta = new TimedArray([0, 1], defaultclock.dt.times(10));
    const group = new NeuronGroup(1, new Equations('dv/dt = ta(t)*xi*(5*ms)**-0.5 :1'), { method: 'euler', namespace: { ta } });
    new Network(group).run(ms(0)); // no error
    const fails = (eqs: string): void => {
      const g = new NeuronGroup(1, new Equations(eqs), { method: 'euler' });
      const n = new Network(g);
      raises(() => n.run(ms(0)), 'BrianObjectException');
      assert.throws(() => n.run(ms(0)), (e: Error) => e.cause instanceof Error && e.cause.name === 'UnsupportedEquationsError');
    };
    // Noise is multiplicative (multiplied with time-varying variable)
    fails('dv/dt = v*xi*(5*ms)**-0.5 :1');
    // Noise is multiplicative (multiplied with time)
    fails('dv/dt = (t/ms)*xi*(5*ms)**-0.5 :1');
    // Noise is multiplicative (multiplied with time-varying variable)
    fails('dv/dt = w*xi*(5*ms)**-0.5 :1\ndw/dt = -w/(10*ms) : 1');
    // One of the equations has multiplicative noise
    fails('dv/dt = xi_1*(5*ms)**-0.5 : 1\ndw/dt = (t/ms)*xi_2*(5*ms)**-0.5 :1');
    fails('dv/dt = xi_1*(5*ms)**-0.5 : 1\ndw/dt = v*xi_2*(5*ms)**-0.5 :1');
  });

  it('test_temporary_variables', () => {
    // Use a variable name that is used in the state updater description
    const converted = code(rk4, new Equations('dv/dt = -(v + k_2)/(10*ms) : 1'));
    // Use a non-problematic name
    const converted2 = code(rk4, new Equations('dv/dt = -(v + k_var)/(10*ms) : 1'));
    // Make sure that the two formulations result in the same code
    assert.equal(converted, converted2.replaceAll('k_var', 'k_2'));
  });

  it('test_temporary_variables2', () => {
    const converted = code(milstein, new Equations('dv/dt = -v/tau + k*xi*tau**-0.5: 1'));
    const converted2 = code(milstein, new Equations('dv/dt = -v/tau + k_var*xi*tau**-0.5: 1'));
    assert.equal(converted, converted2.replaceAll('k_var', 'k'));
  });

  it('test_integrator_code', () => {
    // A very simple example where the abstract code should always look the same
    const eqs = new Equations('dv/dt = -v / (1 * second) : 1');
    for (const [integrator, lines] of [[linear, 2], [euler, 2], [rk2, 3], [rk4, 6]] as const) {
      const codeLines = code(integrator, eqs).split('\n');
      assert.equal(codeLines.length, lines, `Returned code for integrator ${integrator.name} had ${codeLines.length} lines instead of ${lines}`);
      assert.equal(codeLines[codeLines.length - 1], 'v = _v');
    }
    // It isn't a problem to use 'x', 'f' and 'g' as variable names, even though they are also used
    // in state updater descriptions: the code is identical when replacing x by x0 (and ..._x by ..._x0)
    for (const varname of ['x', 'f', 'g']) {
      const eqsV = new Equations(`d${varname}0/dt = -${varname}0 / (1 * second) : 1`);
      const eqsVar = new Equations(`d${varname}/dt = -${varname} / (1 * second) : 1`);
      for (const integrator of [linear, euler, rk2, rk4]) {
        const codeV = code(integrator, eqsV);
        let codeVar = code(integrator, eqsVar);
        codeVar = codeVar.replace(new RegExp(`\\b${varname}\\b`, 'g'), `${varname}0`);
        codeVar = codeVar.replace(new RegExp(`\\b(\\w*)_${varname}\\b`, 'g'), `$1_${varname}0`);
        assert.equal(codeVar, codeV);
      }
    }
  });

  it('test_integrator_code2', () => {
    const eqs = new Equations('dv/dt=(ge+gi-v)/tau : volt\ndge/dt=-ge/taue : volt\ndgi/dt=-gi/taui : volt');
    const lines = code(euler, eqs).split('\n').sort();
    // Do a very basic check that the right variables are used in every line
    ['_ge', '_gi', '_v', 'ge', 'gi', 'v'].forEach((varname, k) => assert.ok(lines[k]!.startsWith(`${varname} = `), `line "${lines[k]}" does not start with ${varname}`));
    const expected = [['dt', 'ge', 'taue'], ['dt', 'gi', 'taui'], ['dt', 'ge', 'gi', 'v', 'tau'], ['_ge'], ['_gi'], ['_v']];
    expected.forEach((variables, k) => {
      const rhs = lines[k]!.split('=')[1]!;
      for (const variable of variables) assert.ok(rhs.includes(variable), `${variable} not in RHS: "${rhs}"`);
    });
  });

  it('test_illegal_calls', () => {
    const eqs = new Equations('dv/dt = -v / (10*ms) : 1');
    raises(() => applyStateUpdater(eqs, undefined, {} as never), 'TypeError');
    raises(() => applyStateUpdater(eqs, undefined, {} as never, { groupName: 'my_name' }), 'TypeError');
    raises(() => applyStateUpdater(eqs, undefined, [{}, 'euler'] as never), 'TypeError');
    raises(() => applyStateUpdater(eqs, undefined, [{}, 'euler'] as never, { groupName: 'my_name' }), 'TypeError');
  });

  it('test_priority', () => {
    const updater = new ExplicitStateUpdater('custom', 'x_new = x + dt * f(x, t)');
    const check = (eqs: Equations, canIntegrate: [StateUpdateMethod, boolean | null][]): void => {
      for (const [integrator, able] of canIntegrate) {
        let ok = true;
        try {
          integrator.apply(eqs);
        } catch (e) {
          if ((e as Error).name !== 'UnsupportedEquationsError') throw e;
          ok = false;
        }
        if (able !== null) assert.equal(ok, able, `${integrator.name} on '${String(eqs)}'`);
      }
    };
    // Equations that work for the state updater
    let eqs = new Equations('dv/dt = -v / (10*ms) : 1');
    updater.apply(eqs);
    // External parameter in the coefficient, linear integration should work
    eqs = new Equations('dv/dt = -param * v / (10*ms) : 1');
    updater.apply(eqs);
    check(eqs, [[linear, true], [euler, true], [exponentialEuler, true], [rk2, true], [rk4, true], [heun, true], [milstein, true]]);
    // Constant equation, should work for all except linear (see #1010)
    eqs = new Equations('dv/dt = 10*Hz : 1\ndw/dt = -v/(10*ms) : 1');
    updater.apply(eqs);
    check(eqs, [[linear, null], [euler, true], [exponentialEuler, true], [rk2, true], [rk4, true], [heun, true], [milstein, true]]);
    // Equations resulting in complex linear solution for older versions of sympy
    eqs = new Equations('dv/dt      = (ge+gi-(v+49*mV))/(20*ms) : volt\ndge/dt     = -ge/(5*ms) : volt\ndgi/dt     = Dgi/(5*ms) : volt\ndDgi/dt    = ((-2./5) * Dgi - (1./5**2)*gi)/(10*ms) : volt');
    check(eqs, [[linear, null], [euler, true], [exponentialEuler, true], [rk2, true], [rk4, true], [heun, true], [milstein, true]]);
    // Equation with additive noise
    eqs = new Equations('dv/dt = -v / (10*ms) + xi/(10*ms)**.5 : 1');
    assert.throws(() => updater.apply(eqs), { name: 'UnsupportedEquationsError' });
    check(eqs, [[linear, false], [euler, true], [exponentialEuler, false], [rk2, false], [rk4, false], [heun, true], [milstein, true]]);
    // Equation with multiplicative noise
    eqs = new Equations('dv/dt = -v / (10*ms) + v*xi/(10*ms)**.5 : 1');
    assert.throws(() => updater.apply(eqs), { name: 'UnsupportedEquationsError' });
    check(eqs, [[linear, false], [euler, false], [exponentialEuler, false], [rk2, false], [rk4, false], [heun, true], [milstein, true]]);
  });

  it('test_registration', () => {
    const lazyUpdater = new ExplicitStateUpdater('lazy', 'x_new = x');
    const name = `lazy_${Math.random().toString(36).slice(2)}`; // registrations are global
    registerStateUpdater(name, lazyUpdater);
    // Trying to register again
    raises(() => registerStateUpdater(name, lazyUpdater), 'ValueError');
    // Trying to register something that is not a state updater
    raises(() => registerStateUpdater('foo', 'just a string' as never), 'ValueError');
    // (Brian2's `index` argument, the priority position, has no counterpart: the default list is DEFAULT_METHODS.)
  });

  it('test_determination', () => {
    let eqs = new Equations('dv/dt = -v / (10*ms) : 1');
    // all methods should work for these equations
    for (const integrator of [linear, euler, exponentialEuler, rk2, rk4, heun, milstein]) {
      const logs = catchLogs(() => applyStateUpdater(eqs, undefined, integrator));
      assert.equal(logs.length, 0);
    }
    // Equation with multiplicative noise, only milstein and heun should work
    eqs = new Equations('dv/dt = -v / (10*ms) + v*xi*second**-.5: 1');
    for (const integrator of [linear, independent, euler, exponentialEuler, rk2, rk4]) {
      assert.throws(() => applyStateUpdater(eqs, undefined, integrator), { name: 'UnsupportedEquationsError' });
    }
    for (const integrator of [heun, milstein]) {
      const logs = catchLogs(() => applyStateUpdater(eqs, undefined, integrator));
      assert.equal(logs.length, 0);
    }
    // Arbitrary functions (converting equations into abstract code) should always work
    const myStateupdater: StateUpdateMethod = { name: 'mine', apply: () => [] };
    assert.equal(catchLogs(() => applyStateUpdater(eqs, undefined, myStateupdater)).length, 0);
    // Specification with names
    eqs = new Equations('dv/dt = -v / (10*ms) : 1');
    for (const name of ['exact', 'linear', 'euler', 'exponential_euler', 'rk2', 'rk4', 'heun', 'milstein']) {
      assert.equal(catchLogs(() => applyStateUpdater(eqs, undefined, name)).length, 0);
    }
    // Now all except heun and milstein should refuse to work
    eqs = new Equations('dv/dt = -v / (10*ms) + v*xi*second**-.5: 1');
    for (const name of ['linear', 'exact', 'independent', 'euler', 'exponential_euler', 'rk2', 'rk4']) {
      assert.throws(() => applyStateUpdater(eqs, undefined, name), { name: 'UnsupportedEquationsError' });
    }
    assert.equal(catchLogs(() => applyStateUpdater(eqs, undefined, 'milstein')).length, 0);
    assert.equal(catchLogs(() => applyStateUpdater(eqs, undefined, 'heun')).length, 0);
    // non-existing name
    raises(() => applyStateUpdater(eqs, undefined, 'does_not_exist'), 'ValueError');
    // Automatic choice: linear for linear equations, exponential_euler for conditionally linear ones,
    // euler for non-linear ones and additive noise, heun for multiplicative noise (Brian2's info log
    // message is the choice's `info`)
    const allMethods = ['linear', 'exact', 'exponential_euler', 'euler', 'heun', 'milstein'];
    const info = (model: string): string => applyStateUpdater(new Equations(model), undefined, allMethods).info!;
    const first = info('dv/dt = -v / (10*ms) : 1');
    assert.ok(first.includes('linear') || first.includes('exact'));
    assert.ok(info('dv/dt = -(v + w**2)/ (10*ms) : 1\ndw/dt = -w/ (10*ms) : 1').includes('exponential_euler'));
    assert.ok(info('dv/dt = -sqrt(v) / (10*ms) : 1').includes("'euler'"));
    assert.ok(info('dv/dt = -v / (10*ms) + 0.1*second**-.5*xi: 1').includes("'euler'"));
    assert.ok(info('dv/dt = -v / (10*ms) + v*0.1*second**-.5*xi: 1').includes("'heun'"));
  });

  it('test_subexpressions_basic', () => {
    const eqs1 = 'dv/dt = (-v + sin(2*pi*100*Hz*t)) / (10*ms) : 1';
    const eqs2 = 'dv/dt = I / (10*ms) : 1\nI = -v + sin(2*pi*100*Hz*t): 1';
    const G1 = new NeuronGroup(1, eqs1, { method: 'euler' });
    G1.v = 1;
    const G2 = new NeuronGroup(1, eqs2, { method: 'euler' });
    G2.v = 1;
    const mon1 = new StateMonitor(G1, 'v', { record: true });
    const mon2 = new StateMonitor(G2, 'v', { record: true });
    run(ms(10));
    assert.deepEqual(rows(mon1.v), rows(mon2.v));
  });

  it('test_subexpressions', () => {
    const eqs1 = 'dv/dt = (-v + sin(2*pi*100*Hz*t)) / (10*ms) : 1';
    const eqs2 = 'dv/dt = I / (10*ms) : 1\nI = -v + sin(2*pi*100*Hz*t): 1';
    for (const method of ['exponential_euler', 'rk2', 'rk4']) {
      const G1 = new NeuronGroup(1, eqs1, { method });
      G1.v = 1;
      const G2 = new NeuronGroup(1, eqs2, { method });
      G2.v = 1;
      const mon1 = new StateMonitor(G1, 'v', { record: true });
      const mon2 = new StateMonitor(G2, 'v', { record: true });
      const net = new Network(G1, mon1, G2, mon2);
      net.run(ms(10));
      assert.deepEqual(rows(mon1.v), rows(mon2.v), `Results for method ${method} differed!`);
    }
  });

  it('test_locally_constant_check', () => {
    const dt = defaultclock.dt;
    const tas: [TimedArray, boolean][] = [
      [new TimedArray([1], dt), true],
      [new TimedArray([1], dt.times(2)), true],
      [new TimedArray([1], dt.div(2)), false],
      [new TimedArray([1], dt.times(1.5)), false],
    ];
    const unsupported = (e: Error): boolean => e.cause instanceof Error && e.cause.name === 'UnsupportedEquationsError';
    const fails = (net: Network): void => {
      catchLogs(() => assert.throws(() => net.run(ms(0)), unsupported));
    };
    for (const [ta, ok] of tas) {
      // additive
      let G = new NeuronGroup(1, 'dv/dt = -v/(10*ms) + ta(t)*Hz : 1', { method: 'exact', namespace: { ta } });
      if (ok) new Network(G).run(ms(0));
      else fails(new Network(G));
      // multiplicative
      G = new NeuronGroup(1, 'dv/dt = -v*ta(t)/(10*ms) : 1', { method: 'exact', namespace: { ta } });
      if (ok) new Network(G).run(ms(0));
      else fails(new Network(G));
    }
    // If the argument is more than just "t", we cannot guarantee that it is actually locally constant
    fails(new Network(new NeuronGroup(1, 'dv/dt = -v*ta(t/2.0)/(10*ms) : 1', { method: 'exact', namespace: { ta: tas[0]![0] } })));
    // Arbitrary functions are not constant over a time step
    fails(new Network(new NeuronGroup(1, 'dv/dt = -v/(10*ms) + sin(2*pi*100*Hz*t)*Hz : 1', { method: 'exact' })));
    // Stateful functions aren't either
    fails(new Network(new NeuronGroup(1, 'dv/dt = -v/(10*ms) + rand()*Hz : 1', { method: 'exact' })));
    // Neither is "t" itself
    fails(new Network(new NeuronGroup(1, 'dv/dt = -v/(10*ms) + t/second**2 : 1', { method: 'exact' })));
    // But if the argument is not referring to t, all should be well
    new Network(new NeuronGroup(1, 'dv/dt = -v/(10*ms) + sin(2*pi*100*Hz*5*second)*Hz : 1', { method: 'exact' })).run(ms(0));
  });

  it('test_refractory', () => {
    // Not spiking, so never refractory: the results are identical with and without (unless refractory)
    const eqsBase = 'dv/dt = -v/(10*ms) : 1';
    for (const method of ['linear', 'exact', 'independent', 'euler', 'exponential_euler', 'rk2', 'rk4']) {
      const GNoRef = new NeuronGroup(10, eqsBase, { method });
      GNoRef.v = '(i+1)/11.';
      const GRef = new NeuronGroup(10, `${eqsBase}(unless refractory)`, { refractory: ms(1), method });
      GRef.v = '(i+1)/11.';
      const net = new Network(GRef, GNoRef);
      net.run(ms(10));
      assertAllclose(GNoRef.v.values, GRef.v.values);
    }
  });

  it('test_check_for_invalid_values_linear_integrator', () => {
    // A differential equation that the linear integrator cannot solve gives NaN with a warning, or is refused
    const G = new NeuronGroup(1, 'dx/dt = a * x + b * y : 1\ndy/dt = c * x + d * y : 1', {
      threshold: 'x > 100',
      reset: 'x = 0',
      method: 'exact',
      methodOptions: { simplify: false },
      namespace: { a: Hz(0), b: Hz(1000), c: Hz(-500), d: Hz(-100) },
    });
    G.x = 1;
    let clog: [string, string][] = [];
    try {
      clog = catchLogs(() => run(ms(1)));
      const x = (G.x.values as Float64Array)[0]!;
      if (Number.isNaN(x)) assert.ok(clog.some(([key]) => key.includes('invalid_values')));
      else assert.notEqual(x, 0);
    } catch (e) {
      assert.equal((e as Error).cause instanceof Error && (e as Error).cause!.constructor.name, 'UnsupportedEquationsError');
    }
  });
});
