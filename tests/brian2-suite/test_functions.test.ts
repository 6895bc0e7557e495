/**
 * Brian2 2.5.1 `brian2/tests/test_functions.py`, translated (status of every function: README.md
 * in this folder). Each `it` is named after Brian2's test function. Python's `check_units` and
 * `Function` become `defineUserFunction(name, fn, { argUnits, returnUnit })`; generated code passes
 * SI values, so a user function always sees numbers without units.
 */
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BinomialFunction,
  Network,
  NeuronGroup,
  StateMonitor,
  Synapses,
  defaultclock,
  defineUserFunction,
  ms,
  run,
  second,
  startScope,
  volt,
} from '../../src/index.ts';
import { timestep } from '../../src/codegen/index.ts';
import { assertAllclose, catchLogs, raises } from './helpers.ts';

beforeEach(() => {
  startScope();
  defaultclock.dt = ms(0.1);
});

const variance = (a: ArrayLike<number>): number => {
  const xs = Array.from(a);
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  return xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
};
/** `mon.x_.flatten()` for one recorded time step. */
const flat = (recording: { values: readonly Float64Array[] }): number[] => recording.values.flatMap((r) => Array.from(r));

describe('test_functions (Brian2 2.5.1)', () => {
  it('test_constants_values', () => {
    const G = new NeuronGroup(3, 'v : 1');
    G.v[0] = 'pi';
    G.v[1] = 'e';
    G.v[2] = 'inf';
    run(ms(0));
    assertAllclose(G.v.values, [Math.PI, Math.E, Infinity]);
  });

  it('test_math_functions', () => {
    const testArray = [-1, -0.5, 0, 0.5, 1];
    // numpy's functions (NaN outside the domain, as numpy)
    const numpy: [string, (x: number) => number][] = [
      ['cos', Math.cos], ['tan', Math.tan], ['sinh', Math.sinh], ['cosh', Math.cosh], ['tanh', Math.tanh],
      ['arcsin', Math.asin], ['arccos', Math.acos], ['arctan', Math.atan],
      ['log', Math.log], ['log10', Math.log10], ['log1p', Math.log1p], ['exp', Math.exp], ['sqrt', Math.sqrt],
      ['expm1', Math.expm1], ['exprel', (x) => (x === 0 ? 1 : Math.expm1(x) / x)],
      ['ceil', Math.ceil], ['floor', Math.floor], ['sign', Math.sign], ['int', (x) => Math.trunc(x)],
    ];
    for (const [name, f] of numpy) {
      catchLogs(() => {
        startScope();
        const numpyResult = testArray.map(f);
        const G = new NeuronGroup(testArray.length, `func = ${name}(variable) : 1\nvariable : 1`);
        G.variable = testArray;
        const mon = new StateMonitor(G, 'func', { record: true });
        const net = new Network(G, mon);
        net.run(defaultclock.dt);
        assertAllclose(flat(mon.func), numpyResult.map((x) => x + 0));
      });
    }
  });

  it('test_math_operators', () => {
    const testArray = [-1, -0.5, 0, 0.5, 1];
    const scalar = 3;
    const ops: [string, (a: number, b: number) => number][] = [
      ['**', (a, b) => a ** b],
      ['%', (a, b) => ((a % b) + b) % b], // numpy's mod takes the divisor's sign
    ];
    for (const [operator, f] of ops) {
      startScope();
      const numpyResult = testArray.map((x) => f(x, scalar));
      const G = new NeuronGroup(testArray.length, `func = variable ${operator} scalar : 1\nvariable : 1`, { namespace: { scalar } });
      G.variable = testArray;
      const mon = new StateMonitor(G, 'func', { record: true });
      const net = new Network(G, mon);
      net.run(defaultclock.dt);
      assertAllclose(flat(mon.func), numpyResult);
    }
  });

  it('test_clip', () => {
    const G = new NeuronGroup(
      4,
      'clipexpr1 = clip(integer_var1, 0, 1) : integer\nclipexpr2 = clip(integer_var2, -0.5, 1.5) : integer\nclipexpr3 = clip(float_var1, 0, 1) : 1\nclipexpr4 = clip(float_var2, -0.5, 1.5) : 1\ninteger_var1 : integer\ninteger_var2 : integer\nfloat_var1 : 1\nfloat_var2 : 1',
    );
    G.integer_var1 = [0, 1, -1, 2];
    G.integer_var2 = [0, 1, -1, 2];
    G.float_var1 = [0, 1, -1, 2];
    G.float_var2 = [0, 1, -1, 2];
    const sMon = new StateMonitor(G, ['clipexpr1', 'clipexpr2', 'clipexpr3', 'clipexpr4'], { record: true });
    run(defaultclock.dt);
    assert.deepEqual(flat(sMon.clipexpr1), [0, 1, 0, 1]);
    assert.deepEqual(flat(sMon.clipexpr2), [0, 1, 0, 1]);
    assertAllclose(flat(sMon.clipexpr3), [0, 1, 0, 1]);
    assertAllclose(flat(sMon.clipexpr4), [0, 1, -0.5, 1.5]);
  });

  it('test_bool_to_int', () => {
    const G = new NeuronGroup(2, 'intexpr1 = int(bool_var) : integer\nintexpr2 = int(float_var > 1.0) : integer\nbool_var : boolean\nfloat_var : 1');
    G.bool_var = [true, false];
    G.float_var = [2.0, 0.5];
    const sMon = new StateMonitor(G, ['intexpr1', 'intexpr2'], { record: true });
    run(defaultclock.dt);
    assert.deepEqual(flat(sMon.intexpr1), [1, 0]);
    assert.deepEqual(flat(sMon.intexpr2), [1, 0]);
  });

  it('test_timestep_function', () => {
    const dt = defaultclock.dt.value;
    // Check that multiples of dt end up in the correct time step
    const t = Array.from({ length: 100000 }, (_, k) => k * dt);
    assert.ok(t.every((x, k) => timestep(x, dt) === k));
    // Scalar values should stay scalar
    assert.equal(timestep(0.0005, 0.0001), 5);
  });

  it('test_timestep_function_during_run', () => {
    const group = new NeuronGroup(2, 'ref_t : second\nts = timestep(ref_t, dt) + timestep(t, dt) : integer');
    group.ref_t = second([-1e4, 5 * defaultclock.dt.value]);
    const mon = new StateMonitor(group, 'ts', { record: true });
    run(defaultclock.dt.times(5));
    const ts = mon.ts.values.map((r: Float64Array) => Array.from(r));
    assert.ok(ts[0]!.every((x: number) => x <= -1e4));
    assert.deepEqual(ts[1], [5, 6, 7, 8, 9]);
  });

  it('test_user_defined_function', () => {
    const usersin = defineUserFunction('usersin', Math.sin, { argUnits: [null], returnUnit: null });
    const testArray = [0, 1, 2, 3];
    const G = new NeuronGroup(testArray.length, 'func = usersin(variable) : 1\nvariable : 1', { namespace: { usersin } });
    G.variable = testArray;
    const mon = new StateMonitor(G, 'func', { record: true });
    run(defaultclock.dt);
    assertAllclose(flat(mon.func), testArray.map(Math.sin));
  });

  it('test_user_defined_function_units', () => {
    const nothingSpecified = (x: number, y: number, z: number): number => x * (y + z);
    const allSpecified = defineUserFunction('all_specified', nothingSpecified, { argUnits: [null, second, second], returnUnit: second });
    // Brian2's check_units without a result unit: refused when the function is used; brian-ts
    // refuses it when it is defined
    raises(() => defineUserFunction('no_result_unit', nothingSpecified, { argUnits: [null, second, second] } as never), 'ValueError');
    const G = new NeuronGroup(1, 'a : 1\nb : second\nc : second', { namespace: { nothing_specified: nothingSpecified, all_specified: allSpecified } });
    const net = new Network(G);
    net.run(ms(0)); // make sure we have a clock and therefore a t
    G.c = 'all_specified(a, b, t)';
    // (Brian2's `consistent_units` with `z='y'` and a result computed from the arguments' units has no brian-ts counterpart.)
    raises(() => { G.c = 'nothing_specified(a, b, t)'; }, 'KeyError');
    raises(() => { G.a = 'all_specified(a, b, t)'; }, 'DimensionMismatchError');
    raises(() => { G.a = 'all_specified(b, a, t)'; }, 'DimensionMismatchError');
  });

  it('test_simple_user_defined_function', () => {
    const usersin = defineUserFunction('usersin', Math.sin, { argUnits: [null], returnUnit: null });
    const testArray = [0, 1, 2, 3];
    const G = new NeuronGroup(testArray.length, 'func = usersin(variable) : 1\nvariable : 1', { namespace: { usersin } });
    G.variable = testArray;
    const mon = new StateMonitor(G, 'func', { record: true });
    const net = new Network(G, mon);
    net.run(defaultclock.dt);
    assertAllclose(flat(mon.func), testArray.map(Math.sin));
  });

  it('test_manual_user_defined_function', () => {
    const fooJs = (x: number, y: number): number => x + y + 3; // in volt (SI)
    // The units of the arguments and of the result must both be given
    raises(() => defineUserFunction('foo', fooJs, { returnUnit: volt } as never), 'ValueError');
    raises(() => defineUserFunction('foo', fooJs, { argUnits: [volt, volt] } as never), 'ValueError');
    const foo = defineUserFunction('foo', fooJs, { argUnits: [volt, volt], returnUnit: volt });
    // (Brian2 also calls `foo(1*volt, 2*volt)` directly and builds `bar` with `arg_units=[None, None, 'b']`
    // and a result unit computed from the arguments; brian-ts functions are only called from model code.)
    // Incorrect argument units
    let group = new NeuronGroup(1, 'dv/dt = foo(x, y)/ms : volt\nx : 1\ny : 1');
    let net = new Network(group);
    raises(() => net.run(ms(0), { namespace: { foo } }), 'BrianObjectException');
    raises(() => net.run(ms(0), { namespace: { foo } }), 'DimensionMismatchError');
    // Incorrect output unit
    group = new NeuronGroup(1, 'dv/dt = foo(x, y)/ms : 1\nx : volt\ny : volt');
    net = new Network(group);
    raises(() => net.run(ms(0), { namespace: { foo } }), 'BrianObjectException');
    raises(() => net.run(ms(0), { namespace: { foo } }), 'DimensionMismatchError');
    const G = new NeuronGroup(1, 'func = foo(x, y) : volt\nx : volt\ny : volt', { namespace: { foo } });
    G.x = volt(1);
    G.y = volt(2);
    const mon = new StateMonitor(G, 'func', { record: true });
    net = new Network(G, mon);
    net.run(defaultclock.dt);
    assert.deepEqual(Array.from(mon.func[0].values as Float64Array), [6]);
    assert.equal(mon.func[0].dim, volt.dim);
  });

  it('test_function_dependencies_numpy', () => {
    // A JavaScript implementation may call another function directly (as Brian2's numpy target)
    const fooJs = (_x: number): number => 42e-3;
    const foo = defineUserFunction('foo', fooJs, { argUnits: [volt], returnUnit: volt });
    const bar = defineUserFunction('bar', (x) => 2 * fooJs(x), { argUnits: [volt], returnUnit: volt });
    const G = new NeuronGroup(5, 'v : volt', { namespace: { foo, bar } });
    G.runRegularly('v = bar(v)');
    const net = new Network(G);
    net.run(defaultclock.dt);
    assertAllclose(G.v_, 84 * 0.001);
  });

  it('test_repeated_function_dependencies', () => {
    // each of the binomial functions adds randn as a dependency, see #988
    const testNeuron = new NeuronGroup(1, 'x : 1', { namespace: { bino_1: new BinomialFunction(10, 0.5), bino_2: new BinomialFunction(10, 0.6) } });
    testNeuron.x = 'bino_1()+bino_2()';
    run(ms(0));
  });

  it('test_binomial', () => {
    const binomialFApproximated = new BinomialFunction(100, 0.1, { approximate: true });
    const binomialF = new BinomialFunction(100, 0.1, { approximate: false });
    // Just check that it does not raise an error and that it produces some values
    const G = new NeuronGroup(1, 'x : 1\ny : 1', { namespace: { binomial_f_approximated: binomialFApproximated, binomial_f: binomialF } });
    G.runRegularly('x = binomial_f_approximated()\ny = binomial_f()');
    const mon = new StateMonitor(G, ['x', 'y'], { record: 0 });
    run(ms(1));
    assert.ok(variance(mon.x[0].values) > 0);
    assert.ok(variance(mon.y[0].values) > 0);
  });

  it('test_poisson', () => {
    const G = new NeuronGroup(5, 'l : 1\nx : integer\ny : integer\nz : integer');
    G.l = [0, 1, 5, 15, 25];
    G.runRegularly('x = poisson(l)\ny = poisson(5)\nz = poisson(0)');
    const mon = new StateMonitor(G, ['x', 'y', 'z'], { record: true });
    run(defaultclock.dt.times(100));
    const x = mon.x.values.map((r: Float64Array) => Array.from(r));
    assert.ok(x[0]!.every((v: number) => v === 0));
    for (const r of x.slice(1)) assert.ok(variance(r) > 0);
    for (const r of mon.y.values) assert.ok(variance(r) > 0);
    for (const r of mon.z.values) assert.ok(Array.from(r).every((v) => v === 0));
  });

  it('test_multiple_stateless_function_calls', () => {
    // Expressions such as rand() + rand() (which might be incorrectly simplified to 2*rand()) raise an error
    const G = new NeuronGroup(1, 'dv/dt = (rand() - rand())/second : 1');
    const net = new Network(G);
    raises(() => net.run(ms(0)), 'BrianObjectException');
    raises(() => net.run(ms(0)), 'NotImplementedError');
    const G2 = new NeuronGroup(1, 'v:1', { threshold: 'v>1', reset: 'v=rand() - rand()' });
    const net2 = new Network(G2);
    raises(() => net2.run(ms(0)), 'BrianObjectException');
    raises(() => net2.run(ms(0)), 'NotImplementedError');
    const G3 = new NeuronGroup(1, 'v:1');
    G3.runRegularly('v = rand() - rand()');
    const net3 = new Network(G3);
    raises(() => net3.run(ms(0)), 'BrianObjectException');
    raises(() => net3.run(ms(0)), 'NotImplementedError');
    const G4 = new NeuronGroup(1, 'x : 1');
    // Verify that synaptic equations are checked as well, see #1146
    const S = new Synapses(G4, G4, 'dy/dt = (rand() - rand())/second : 1 (clock-driven)');
    S.connect();
    const net4 = new Network(G4, S);
    raises(() => net4.run(ms(0)), 'BrianObjectException');
    raises(() => net4.run(ms(0)), 'NotImplementedError');
  });
  it('test_declare_types', () => {
    // Brian2's @declare_types is defineUserFunction's argTypes/returnType.
    const mul = (a: number, b: number): number => a * b;
    const f1 = defineUserFunction('f', mul, { argUnits: [null, null], returnUnit: null, argTypes: ['integer', 'float'], returnType: 'highest' });
    assert.deepEqual(f1.descriptor.argTypes, ['integer', 'float']);
    assert.equal(f1.descriptor.returnType, 'highest');
    const mul3 = (a: number, b: number, c: number): number => a * b * c;
    const f2 = defineUserFunction('f', mul3, { argUnits: [null, null, null], returnUnit: null, argTypes: ['any', 'float', 'any'] });
    assert.deepEqual(f2.descriptor.argTypes, ['any', 'float', 'any']);
    assert.equal(f2.descriptor.returnType, 'float');
    raises(() => defineUserFunction('f', mul3, { argUnits: [null, null, null], returnUnit: null, argTypes: ['any', 'floating' as never, 'any'] }), 'ValueError');
    // (Brian2's bad_argname, a type for an argument `d` the function does not have: argTypes are positional here.)
    raises(() => defineUserFunction('f', mul3, { argUnits: [null, null, null], returnUnit: null, argTypes: ['any', 'float'] }), 'ValueError');
    // An integer argument with units (Brian2: TypeError when the group runs; brian-ts: when the function is defined)
    raises(() => {
      const f = defineUserFunction('f', mul, { argUnits: [volt, null], returnUnit: volt, argTypes: ['integer', 'float'] });
      new Network(new NeuronGroup(1, 'dv/dt = f(v, 1)/second : 1', { namespace: { f } })).run(ms(1));
    }, 'TypeError');
    // An integer passed to a float argument
    const f = defineUserFunction('f', (a) => a, { argUnits: [null], returnUnit: null, argTypes: ['float'], returnType: 'float' });
    const G = new NeuronGroup(1, 'a : integer\ndv/dt = f(a)*v/second : 1', { namespace: { f } });
    raises(() => new Network(G).run(ms(1)), 'BrianObjectException');
    raises(() => new Network(G).run(ms(1)), 'TypeError');
  });
});
