/**
 * Brian2 2.5.1 `brian2/tests/test_synapses.py`, translated (status of every function:
 * README.md in this folder). Each `it` is named after Brian2's test function; where the issue
 * found a difference with no Brian2 test of its own, the test is named after the difference.
 */
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  Network,
  NeuronGroup,
  SpikeGeneratorGroup,
  StateMonitor,
  Synapses,
  collect,
  linkedVar,
  mV,
  ms,
  mmetre,
  metre,
  second,
  run,
  startScope,
  volt,
} from '../../src/index.ts';
import { assertAllclose, catchLogs, raises } from './helpers.ts';

beforeEach(() => startScope());

describe('test_synapses (Brian2 2.5.1)', () => {
  it('test_connect_errors', () => {
    const G = new NeuronGroup(42, '');
    const S = new Synapses(G, G);
    raises(() => S.connect('i*2'), 'TypeError', /not a boolean condition/); // not a boolean condition
    raises(() => S.connect('i > 3*mV'), 'DimensionMismatchError'); // unit error
    raises(() => S.connect('sin(3, 4) > 1'), 'SyntaxError'); // wrong number of arguments
    raises(() => S.connect('1*mV'), 'TypeError'); // unit error in the condition
    raises(() => S.connect({ p: 'sin(3, 4)' }), 'SyntaxError');
    assert.equal(S.N, 0);
  });

  it('connect([1, 2]) is refused (Brian2: condition argument must be bool or string)', () => {
    const G = new NeuronGroup(5, '');
    const S = new Synapses(G, G);
    raises(() => S.connect([1, 2] as never), 'TypeError', /condition argument must be bool or string/);
    assert.equal(S.N, 0);
  });

  it('test_synapse_generator_range_noint', () => {
    const G = new NeuronGroup(42, '');
    const S = new Synapses(G, G);
    const msg = (which: string): RegExp => new RegExp(`The '${which}' argument of the range function was .+, but it needs to be an integer\\.`);
    raises(() => S.connect({ j: 'k for k in range(42.0)' }), 'TypeError', msg('high'));
    raises(() => S.connect({ j: 'k for k in range(0.0, 42)' }), 'TypeError', msg('low'));
    raises(() => S.connect({ j: 'k for k in range(0, 42.0)' }), 'TypeError', msg('high'));
    raises(() => S.connect({ j: 'k for k in range(0, 42, 1.0)' }), 'TypeError', msg('step'));
    raises(() => S.connect({ j: 'k for k in range(True, 42)' }), 'TypeError', msg('low'));
    raises(() => S.connect({ j: 'k for k in range(0, True)' }), 'TypeError', msg('high'));
    raises(() => S.connect({ j: 'k for k in range(0, 42, True)' }), 'TypeError', msg('step'));
  });

  it('a synaptic subexpression in a connect condition (sub_1 = v_pre, sub_2 = v_post)', () => {
    // Brian2 2.5.1 accepts it and connects where the subexpressions agree.
    const G = new NeuronGroup(5, 'v : 1');
    G.v = 'i % 2';
    const S = new Synapses(G, G, 'sub_1 = v_pre : 1\nsub_2 = v_post : 1');
    S.connect('sub_1 == sub_2');
    assert.equal(S.N, 13); // 3*3 even pairs + 2*2 odd pairs
    for (let k = 0; k < S.N; k++) assert.equal(S.i[k]! % 2, S.j[k]! % 2);
  });

  it('test_equations_unit_check', () => {
    const group = new NeuronGroup(1, 'v : volt', { threshold: 'True' });
    const syn = new Synapses(group, group, 'sub1 = 3 : 1\nsub2 = sub1 + 1*mV : volt', { onPre: 'v += sub2' });
    syn.connect();
    const net = new Network(group, syn);
    raises(() => net.run(ms(0)), 'BrianObjectException');
    raises(() => net.run(ms(0)), 'DimensionMismatchError');
  });

  it('test_delay_specification', () => {
    const G = new NeuronGroup(10, 'x : meter', { threshold: 'False' });
    G.x = 'i*mmeter';
    // Array delay
    const velocity = metre(1).div(second(1));
    let S = new Synapses(G, G, 'w:1', { onPre: 'v+=w', namespace: { velocity } });
    S.connect({ j: 'i' });
    assert.equal(S.delay.values.length, 10);
    S.delay = 'i*ms';
    assertAllclose(S.delay.values, Array.from({ length: 10 }, (_, k) => k * 1e-3));
    S.delay = 'abs(x_pre - (N_post-j)*mmeter)/velocity';
    assertAllclose(S.delay.values, Array.from({ length: 10 }, (_, k) => Math.abs(k * 1e-3 - (10 - k) * 1e-3) / 1));
    S.delay = ms(5);
    assertAllclose(S.delay.values, Array(10).fill(5e-3));
    S.delay_ = 7e-3; // without units
    assertAllclose(S.delay.values, Array(10).fill(7e-3));
    // Scalar delay
    S = new Synapses(G, G, 'w:1', { onPre: 'v+=w', delay: ms(5) });
    assertAllclose(S.delay.values, 5e-3);
    S.connect({ j: 'i' });
    S.delay = '3*ms';
    assertAllclose(S.delay.values, 3e-3);
    S.delay = ms(10);
    assertAllclose(S.delay.values, 10e-3);
    S.delay_ = 20e-3;
    assertAllclose(S.delay.values, 20e-3);
    // Invalid arguments
    raises(() => new Synapses(G, G, 'w:1', { onPre: 'v+=w', delay: mV(5) }), 'DimensionMismatchError');
    raises(() => new Synapses(G, G, 'w:1', { onPre: 'v+=w', delay: new (class Other {})() as never }), 'TypeError');
    raises(() => new Synapses(G, G, 'w:1', { onPre: 'v+=w', delay: [ms(1)] as never }), 'TypeError');
    raises(() => new Synapses(G, G, 'w:1', { delay: ms(5) }), 'ValueError');
    raises(() => new Synapses(G, G, 'w:1', { onPre: 'v+=w', delay: { post: ms(5) } }), 'ValueError');
  });

  it('a shared subexpression referring to v_post is refused at creation', () => {
    const G = new NeuronGroup(5, 'v : 1', { threshold: 'v > 1', reset: '' });
    raises(() => new Synapses(G, G, 'sub = v_post : 1 (shared)', { onPre: 'v += sub' }), 'SyntaxError', /Shared subexpression 'sub' refers to non-shared variable 'v_post'/);
  });

  it('test_summed_variable_errors', () => {
    const G = new NeuronGroup(10, 'dv/dt = -v / (10*ms) : volt\nsub = 2*v : volt\np : volt', { threshold: 'False', reset: '' });
    raises(() => new Synapses(G, G, 'dp_post/dt = -p_post / (10*ms) : volt (summed)'), 'ValueError');
    raises(() => new Synapses(G, G, 'p_post : volt (summed)'), 'ValueError');
    raises(() => new Synapses(G, G, 'p = 3*volt : volt (summed)'), 'ValueError');
    raises(() => new Synapses(G, G, 'q_post = 3*volt : volt (summed)'), 'ValueError');
    raises(() => new Synapses(G, G, 'sub_post = 3*volt : volt (summed)'), 'ValueError');
    raises(() => new Synapses(G, G, 'v_post = 3*volt : volt (summed)'), 'ValueError');
    raises(() => new Synapses(G, G, 'p_post = 3*second : second (summed)'), 'DimensionMismatchError');
    raises(() => new Synapses(G, G, 'p_post = 3*volt : volt (summed)\np_pre = 3*volt : volt (summed)'), 'ValueError');
    let err: unknown;
    try {
      new Synapses(G, G, 'ds/dt = -s/(3*ms) : volt (event-driven)\np_post = s : volt (summed)', { onPre: 's += 1*mV' });
    } catch (e) {
      err = e;
    }
    raises(() => { throw err; }, 'EquationError', /'p_post'.*'s'/);
    try {
      new Synapses(G, G, 'ds/dt = -s/(3*ms) : volt (event-driven)\nx = s : volt\ny = x : volt\np_post = y : 1 (summed)', { onPre: 's += 1*mV' });
      err = undefined;
    } catch (e) {
      err = e;
    }
    raises(() => { throw err; }, 'EquationError', /'p_post'.*'s'.*\(via '[xy]', '[xy]'\)/);
    raises(() => {
      new Synapses(G, G, 'y : siemens\np_post = y : volt (summed)');
      run(ms(0));
    }, 'DimensionMismatchError');
  });

  it('test_summed_variables_linked_variables', () => {
    const source = new NeuronGroup(1, '');
    const target1 = new NeuronGroup(10, 'v : 1');
    const target2 = new NeuronGroup(10, 'v : 1 (linked)');
    target2.v = linkedVar(target1.v);
    // Seemingly independent targets, but the variable is the same
    const syn1 = new Synapses(source, target1, 'v_post = 1 : 1 (summed)');
    syn1.connect();
    const syn2 = new Synapses(source, target2, 'v_post = 1 : 1 (summed)');
    syn2.connect();
    const net = new Network(...collect());
    raises(() => net.run(ms(0)), 'NotImplementedError', /Multiple "summed variables" target the variable 'v'/);
  });

  it('test_event_driven_dependency_error2', () => {
    const stim = new SpikeGeneratorGroup(1, [0], ms([0]), { period: ms(5) });
    raises(
      () => new Synapses(stim, stim, 'da/dt = -a / (5*ms) : 1 (clock-driven)\ndb/dt = -b / (5*ms) : 1 (clock-driven)\ndc/dt = a*b / (5*ms) : 1 (event-driven)', { onPre: 'a+=1' }),
      'EquationError',
      /'c'.*'[ab]'/,
    );
    raises(
      () => new Synapses(stim, stim, 'da/dt = -a / (5*ms) : 1 (clock-driven)\nb = a : 1\ndc/dt = b / (5*ms) : 1 (event-driven)', { onPre: 'a+=1' }),
      'EquationError',
      /'c'.*'a'.*'b'/,
    );
  });

  it('test_event_driven_dependency_error3', () => {
    const P = new NeuronGroup(10, 'dv/dt = -v/(10*ms) : volt');
    raises(() => new Synapses(P, P, 'ds/dt = -s/(3*ms) : 1 (event-driven)\ndf/dt = f*s/(5*ms) : 1 (clock-driven)', { onPre: 's += 1' }), 'EquationError', /'f'.*'s'/);
    raises(
      () => new Synapses(P, P, 'ds/dt = -s/(3*ms) : 1 (event-driven)\nx = s : 1\ny = x : 1\ndf/dt = f*y/(5*ms) : 1 (clock-driven)', { onPre: 's += 1' }),
      'EquationError',
      /'f'.*'s'.*'[xy]', '[xy]'/,
    );
  });

  it('test_missing_lastupdate_error_syn_pathway', () => {
    const G = new NeuronGroup(1, 'v : 1', { threshold: 'False' });
    const S = new Synapses(G, G, '', { onPre: 'v += exp(-lastupdate/dt)' });
    S.connect();
    raises(() => run(ms(0)), 'BrianObjectException');
    raises(() => run(ms(0)), 'KeyError', /lastupdate = t[\s\S]*|lastupdate : second/);
    raises(() => run(ms(0)), 'KeyError', /"lastupdate : second"/);
    raises(() => run(ms(0)), 'KeyError', /"lastupdate = t"/);
  });

  it('test_transmission_scalar_delay_different_clocks', () => {
    const inp = new SpikeGeneratorGroup(2, [0, 1], ms([0, 1]), { dt: ms(0.5) });
    const target = new NeuronGroup(2, 'v:1', { dt: ms(0.1) });
    const S = new Synapses(inp, target, '', { onPre: 'v+=1', delay: ms(0.5) });
    S.connect({ j: 'i' });
    const mon = new StateMonitor(target, 'v', { record: true, when: 'end' });
    const logs = catchLogs(() => run(ms(2)));
    assert.equal(logs.length, 1, `expected a warning, got ${logs.length}`);
    assert.ok(logs[0]![0].endsWith('synapses_dt_mismatch'));
    const t = Array.from(mon.t.values as ArrayLike<number>);
    const v0 = Array.from(mon.v[0]!.values as ArrayLike<number>);
    const v1 = Array.from(mon.v[1]!.values as ArrayLike<number>);
    t.forEach((tk, k) => {
      assert.equal(v0[k], tk < 0.5e-3 - 1e-12 ? 0 : 1);
      assert.equal(v1[k], tk < 1.5e-3 - 1e-12 ? 0 : 1);
    });
  });

  it('test_constant_variable_subexpression_in_synapses', () => {
    const G = new NeuronGroup(10, '');
    const S = new Synapses(
      G,
      G,
      `dv1/dt = -v1**2 / (10*ms) : 1 (clock-driven)
dv2/dt = -v_const**2 / (10*ms) : 1 (clock-driven)
dv3/dt = -v_var**2 / (10*ms) : 1 (clock-driven)
dv4/dt = -v_noflag**2 / (10*ms) : 1 (clock-driven)
v_const = v2 : 1 (constant over dt)
v_var = v3 : 1
v_noflag = v4 : 1`,
      { method: 'rk2' },
    );
    S.connect({ j: 'i' });
    for (const v of ['v1', 'v2', 'v3', 'v4']) S[v] = '1.0*i/N';
    run(ms(10));
    // "variable over dt" subexpressions are directly inserted into the equation
    assertAllclose(S.v3.values, S.v1.values);
    assertAllclose(S.v4.values, S.v1.values);
    // "constant over dt" subexpressions keep a fixed value over the time step: a slightly different result for rk2
    const v1 = S.v1.values as Float64Array;
    const v2 = S.v2.values as Float64Array;
    assert.ok(v1.reduce((acc, x, k) => acc + (v2[k]! - x) ** 2, 0) > 1e-10);
  });

  it('test_name_clashes', () => {
    const G1 = new NeuronGroup(1, 'a : 1');
    const G2 = new NeuronGroup(1, 'b : 1');
    raises(() => new Synapses(G1, G2, 'a : 1'), 'ValueError');
    raises(() => new Synapses(G1, G2, 'b : 1'), 'ValueError');
    for (const model of ['x_pre : 1', 'x_post : 1', 'x_pre = 1 : 1', 'x_post = 1 : 1']) {
      raises(() => new Synapses(G1, G2, model), 'ValueError');
      raises(() => new NeuronGroup(1, model), 'ValueError');
    }
    // these are all fine
    new Synapses(G1, G2, 'c : 1');
    new Synapses(G1, G2, 'a_syn : 1');
    new Synapses(G1, G2, 'b_syn : 1');
  });

  it('test_no_synapses', () => {
    const G1 = new NeuronGroup(1, '', { threshold: 'True' });
    const G2 = new NeuronGroup(1, 'v:1');
    const S = new Synapses(G1, G2, '', { onPre: 'v+=1' });
    const net = new Network(G1, G2, S);
    raises(() => net.run(ms(0)), 'BrianObjectException');
    raises(() => net.run(ms(0)), 'TypeError');
  });

  it('test_no_synapses_variable_write', () => {
    const G1 = new NeuronGroup(1, '', { threshold: 'True' });
    const G2 = new NeuronGroup(1, 'v:1');
    const S = new Synapses(G1, G2, 'w : 1', { onPre: 'v+=w' });
    // Setting synaptic variables before calling connect is not allowed
    raises(() => { S.w = 1; }, 'TypeError');
    raises(() => { S.delay = ms(1); }, 'TypeError');
  });

  it('test_incoming_outgoing', () => {
    const G1 = new NeuronGroup(5, '');
    const G2 = new NeuronGroup(5, '');
    const S = new Synapses(G1, G2, '');
    S.connect({ i: [0, 0, 0, 1, 1, 2], j: [0, 1, 2, 1, 2, 3] });
    run(ms(0));
    const all = (q: { values: ArrayLike<number> }, x: number): boolean => Array.from(q.values).every((v) => v === x);
    assert.ok(all(S.N_outgoing.at(0, null), 3));
    assert.ok(all(S.N_outgoing.at(1, null), 2));
    assert.ok(all(S.N_outgoing.at(2, null), 1));
    assert.ok(all(S.N_outgoing.at({ start: 3 }, null), 0));
    assert.deepEqual(Array.from(S.N_outgoing_pre as ArrayLike<number>), [3, 2, 1, 0, 0]);
    assert.ok(all(S.N_incoming.at(null, 0), 1));
    assert.ok(all(S.N_incoming.at(null, 1), 2));
    assert.ok(all(S.N_incoming.at(null, 2), 2));
    assert.ok(all(S.N_incoming.at(null, 3), 1));
    assert.ok(all(S.N_incoming.at(null, { start: 4 }), 0));
    assert.deepEqual(Array.from(S.N_incoming_post as ArrayLike<number>), [1, 2, 2, 1, 0]);
  });

  it("S.w_ = '5' writes the expression's value without unit checks", () => {
    const G = new NeuronGroup(3, 'v : 1');
    const S = new Synapses(G, G, 'w : volt');
    S.connect();
    S.w_ = '5';
    assertAllclose(S.w_ as ArrayLike<number>, Array(9).fill(5));
    S.w_ = '5*mV';
    assertAllclose(S.w.values, Array(9).fill(0.005));
  });
});

void [mmetre, volt];
