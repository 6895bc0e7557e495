import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseExpression, parseStatements } from '../parsing/index.ts';
import { DimensionMismatchError, volt, second, amp } from '../units/index.ts';
import { ExpressionError, UndefinedIdentifierError } from '../inference/index.ts';
import { Variables, addIndexVariables, usedValues } from '../variables/index.ts';
import type { ArrayVariable } from '../variables/index.ts';
import { CodegenError, compileCodeBlock, compileReference, RandomState } from './index.ts';
import type { CodeBlockSpec } from './index.ts';
import { twins } from './testing.ts';

const mV = 1e-3;
const ms = 1e-3;

/** A LIF group's table (Brian2's standard variables + v, refractoriness). */
function lifVariables(N = 8): Variables {
  const vars = new Variables('neurongroup');
  addIndexVariables(vars, N);
  vars.addArray('v', { dim: volt.dim, size: N, values: Array.from({ length: N }, (_, k) => (-70 + 5 * k) * mV), conditionalWrite: 'not_refractory' });
  vars.addArray('I', { dim: volt.dim, size: N, values: 0 });
  vars.addArray('not_refractory', { dtype: 'bool', size: N, values: 1 });
  vars.addArray('lastspike', { dim: second.dim, size: N, values: -1e4 });
  vars.addArray('t', { dim: second.dim, size: 1, scalar: true, values: 0, readOnly: true });
  vars.addArray('dt', { dim: second.dim, size: 1, scalar: true, values: 0.1 * ms, readOnly: true });
  vars.addArray('_spikespace', { dtype: 'int32', size: N + 1 });
  vars.addConstant('tau', { dim: second.dim, value: 10 * ms });
  vars.addConstant('v0', { dim: volt.dim, value: -10 * mV });
  return vars;
}

const stmts = (code: string) => parseStatements(code);

test('compileCodeBlock(stateupdate) integrates the exact LIF update and matches the reference', () => {
  const code = '_v = v*exp(-dt/tau) + v0 - v0*exp(-dt/tau)\nv = _v';
  const tw = twins(lifVariables, (vars) => ({ name: 'neurongroup_stateupdater', template: 'stateupdate', statements: stmts(code), variables: vars, N: 8 }));
  tw.step(10);
  tw.assertSame();
  const v = tw.a.getArray('v').array;
  const decay = Math.exp(-0.1 / 10);
  let expected = -70 * mV;
  for (let k = 0; k < 10; k++) expected = expected * decay + -10 * mV - -10 * mV * decay;
  assert.equal(v[0], expected);
  // exp(-dt/tau) is loop-invariant: computed once, before the loop.
  assert.match(tw.generated.source, /const \$h_0 = \$f_exp\(/);
  // (The serial form's loop is a function of its own, ending at the first top-level `};` after it.)
  const source = tw.generated.source;
  assert.doesNotMatch(source.slice(source.indexOf('for ('), source.indexOf('\n};\n', source.indexOf('for ('))), /\$f_exp/);
});

test('compileCodeBlock folds namespace constants into literals (constantsAsValues: false)', () => {
  const vars = lifVariables();
  const code = compileCodeBlock({ name: 'g', template: 'stateupdate', statements: stmts('v = v + (v0*2 + 3*mV)'), variables: vars, N: 8 }, { constantsAsValues: false });
  assert.match(code.source, /\(\$v_v \+ \(-0\.017/);
  assert.doesNotMatch(code.source, /v0/);
});

test('compileCodeBlock hoists expressions of captured constants (constantsAsValues: true)', () => {
  const vars = lifVariables();
  const code = compileCodeBlock({ name: 'g', template: 'stateupdate', statements: stmts('v = v + (v0*2 + 3*mV)'), variables: vars, N: 8 }, { constantsAsValues: true });
  assert.match(code.source, /const \$h_0 = \(\(\$k_v0 \* 2\) \+ 0\.003\);/);
  assert.doesNotMatch(code.source, /-0\.01/);
});

test('compileCodeBlock(threshold) fills the event space and sets refractoriness', () => {
  const tw = twins(lifVariables, (vars) => ({
    name: 'neurongroup_thresholder',
    template: 'threshold',
    condition: parseExpression('v > -55*mV'),
    variables: vars,
    N: 8,
    eventSpace: vars.getArray('_spikespace'),
    refractory: true,
  }));
  tw.a.getArray('t').array[0] = 0.5 * ms;
  tw.b.getArray('t').array[0] = 0.5 * ms;
  tw.a.getArray('not_refractory').array[5] = 0;
  tw.b.getArray('not_refractory').array[5] = 0;
  tw.step();
  tw.assertSame();
  const ev = tw.a.getArray('_spikespace').array;
  assert.equal(ev[8], 3); // neurons 4 (−50 mV), 6, 7; 5 is refractory; 3 is at −55 (not >)
  assert.deepEqual(Array.from(ev.subarray(0, 3)), [4, 6, 7]);
  assert.equal(tw.a.getArray('not_refractory').array[4], 0);
  assert.equal(tw.a.getArray('lastspike').array[4], 0.5 * ms);
  assert.equal(tw.a.getArray('lastspike').array[3], -1e4);
});

test('compileCodeBlock(threshold) without refractory ignores not_refractory (custom events)', () => {
  const vars = lifVariables();
  vars.getArray('not_refractory').array.fill(0);
  const ev = vars.getArray('_spikespace');
  compileCodeBlock({ name: 'g', template: 'threshold', condition: parseExpression('v > -55*mV'), variables: vars, N: 8, eventSpace: ev }).run();
  assert.deepEqual(Array.from(ev.array), [4, 5, 6, 7, 0, 0, 0, 0, 4]);
});

test('compileCodeBlock(reset) runs multi-statement resets on the events only, overriding conditional writes', () => {
  const tw = twins(lifVariables, (vars) => ({
    name: 'neurongroup_resetter',
    template: 'reset',
    statements: stmts('v = -60*mV; I += 1*mV'),
    variables: vars,
    N: 8,
    eventSpace: vars.getArray('_spikespace'),
  }));
  for (const vars of [tw.a, tw.b]) {
    vars.getArray('_spikespace').array.set([1, 6, 0, 0, 0, 0, 0, 0, 2]);
    vars.getArray('not_refractory').array.fill(0);
  }
  tw.step();
  tw.assertSame();
  const v = tw.a.getArray('v').array;
  assert.equal(v[1], -60 * mV);
  assert.equal(v[6], -60 * mV);
  assert.equal(v[0], -70 * mV);
  assert.deepEqual(Array.from(tw.a.getArray('I').array), [0, 1, 0, 0, 0, 0, 1, 0].map((x) => x * mV));
});

test('compileCodeBlock(run_regularly) skips (unless refractory) variables where not_refractory is false', () => {
  const tw = twins(lifVariables, (vars) => ({ name: 'g_run_regularly', template: 'run_regularly', statements: stmts('v = 4*mV\nI = 2*mV'), variables: vars, N: 8 }));
  for (const vars of [tw.a, tw.b]) vars.getArray('not_refractory').array[2] = 0;
  tw.step();
  tw.assertSame();
  assert.equal(tw.a.getArray('v').array[2], -60 * mV);
  assert.equal(tw.a.getArray('v').array[3], 4 * mV);
  assert.equal(tw.a.getArray('I').array[2], 2 * mV);
});

test('compileCodeBlock(set_expression) writes where the condition holds, at the given indices', () => {
  const tw = twins(lifVariables, (vars) => ({
    name: 'g',
    template: 'set_expression',
    statements: stmts('I = i*mV + v'),
    condition: parseExpression('i > 2'),
    indices: Int32Array.from([0, 3, 5]),
    variables: vars,
    N: 8,
  }));
  tw.step();
  tw.assertSame();
  const I = tw.a.getArray('I').array;
  assert.deepEqual(Array.from(I).map((x) => Math.round(x / mV)), [0, 0, 0, -52, 0, -40, 0, 0]);
});

test('compileCodeBlock writes shared variables once, before the loop', () => {
  const build = () => {
    const vars = lifVariables();
    vars.addArray('s', { size: 1, scalar: true, values: 1 });
    return vars;
  };
  const tw = twins(build, (vars) => ({ name: 'g', template: 'run_regularly', statements: stmts('s = s*2\nI = s*mV'), variables: vars, N: 8 }));
  tw.step(3);
  tw.assertSame();
  assert.equal(tw.a.getArray('s').array[0], 8);
  assert.equal(tw.a.getArray('I').array[7], 8 * mV);
});

test('compileCodeBlock(reset) rejects writes to shared variables', () => {
  const vars = lifVariables();
  vars.addArray('s', { size: 1, scalar: true });
  assert.throws(
    () => compileCodeBlock({ name: 'g_resetter', template: 'reset', statements: stmts('s = 1'), variables: vars, N: 8, eventSpace: vars.getArray('_spikespace') }),
    (e: unknown) => e instanceof CodegenError && e.code === 'invalid-write' && /Writing to scalar variable 's' is not allowed/.test(e.message),
  );
});

test('compileCodeBlock truncates writes to integer variables, as Brian2 (n = 10; n /= 4 gives 2)', () => {
  const build = () => {
    const vars = new Variables('g');
    addIndexVariables(vars, 3);
    vars.addArray('n', { dtype: 'int32', size: 3, values: 10 });
    vars.addArray('x', { size: 3 });
    return vars;
  };
  const tw = twins(build, (vars) => ({ name: 'g', template: 'stateupdate', statements: stmts('n /= 4\nx = n + 0.5\nn = -7 // 2 + i\nx += -7 % 3'), variables: vars, N: 3 }));
  tw.step();
  tw.assertSame();
  assert.deepEqual(Array.from(tw.a.getArray('x').array), [4.5, 4.5, 4.5]);
  assert.deepEqual(Array.from(tw.a.getArray('n').array), [-4, -3, -2]);
});

test('compileCodeBlock reads another variable through an index variable (references)', () => {
  const build = () => {
    const pre = new Variables('pre');
    const source = pre.addArray('u', { size: 3, values: [10, 20, 30] });
    const syn = new Variables('synapses');
    syn.addArray('_pre_idx', { dtype: 'int32', size: 4, values: [2, 0, 2, 1] });
    syn.addArray('w', { size: 4 });
    syn.addReference('u_pre', source, '_pre_idx');
    return syn;
  };
  const syn = build();
  compileCodeBlock({ name: 'synapses', template: 'stateupdate', statements: stmts('w = u_pre + 1\nu_pre += 1'), variables: syn, N: 4 }).run();
  assert.deepEqual(Array.from(syn.getArray('w').array), [31, 11, 32, 21]);
  assert.deepEqual(Array.from(syn.getArray('u_pre').array), [11, 21, 32]);
});

test('compileCodeBlock inlines subexpressions with current values', () => {
  const build = () => {
    const vars = lifVariables();
    vars.addSubexpression('J', { dim: volt.dim, expr: parseExpression('v - v0') });
    return vars;
  };
  const tw = twins(build, (vars) => ({ name: 'g', template: 'stateupdate', statements: stmts('v = v + 1*mV\nI = J'), variables: vars, N: 8 }));
  tw.step();
  tw.assertSame();
  assert.ok(Math.abs(tw.a.getArray('I').array[0]! - (-69 * mV - -10 * mV)) < 1e-15);
});

test('compileCodeBlock and compileReference give identical rand/randn/poisson draws', () => {
  const build = () => {
    const vars = lifVariables(200);
    vars.addArray('a', { size: 200 });
    vars.addArray('b', { size: 200 });
    vars.addArray('k', { dtype: 'int32', size: 200 });
    vars.addArray('k2', { dtype: 'int32', size: 200 });
    return vars;
  };
  const tw = twins(build, (vars) => ({
    name: 'g',
    template: 'stateupdate',
    statements: stmts('a = rand()\nb = randn()\nk = poisson(3.5)\nk2 = poisson(40*a)'),
    variables: vars,
    N: 200,
  }));
  tw.step(20);
  tw.assertSame();
});

test('compileCodeBlock rejects unknown identifiers with UndefinedIdentifierError', () => {
  const vars = lifVariables();
  for (const name of ['constructor', '__proto__', 'toString', 'process', 'globalThis', 'hasOwnProperty']) {
    assert.throws(
      () => compileCodeBlock({ name: 'g', template: 'stateupdate', statements: stmts(`v = ${name}`), variables: vars, N: 8 }),
      (e: unknown) => e instanceof UndefinedIdentifierError && e.message === `The identifier "${name}" could not be resolved.`,
      name,
    );
  }
});

test('compileCodeBlock rejects wrong units and non-boolean thresholds with typed errors', () => {
  const vars = lifVariables();
  assert.throws(
    () => compileCodeBlock({ name: 'g', template: 'reset', statements: stmts('v = 3'), variables: vars, N: 8, eventSpace: vars.getArray('_spikespace') }),
    (e: unknown) => e instanceof DimensionMismatchError && /does not have the expected unit/.test(e.message),
  );
  assert.throws(
    () => compileCodeBlock({ name: 'g', template: 'threshold', condition: parseExpression('v'), variables: vars, N: 8, eventSpace: vars.getArray('_spikespace') }),
    (e: unknown) => e instanceof ExpressionError && /Threshold condition 'v' is not a boolean expression/.test(e.message),
  );
  assert.throws(
    () => compileCodeBlock({ name: 'g', template: 'stateupdate', statements: stmts('i = 3'), variables: vars, N: 8 }),
    (e: unknown) => e instanceof ExpressionError && /read-only/.test(e.message),
  );
  void amp;
});

test('compileCodeBlock rejects incomplete specs with CodegenError', () => {
  const vars = lifVariables();
  const cases: [Partial<CodeBlockSpec>, RegExp][] = [
    [{ template: 'threshold' }, /needs 'condition'/],
    [{ template: 'nonsense' as 'reset', statements: [] }, /Unknown template 'nonsense'/],
    [{ template: 'stateupdate', statements: [], N: -1 }, /N must be a non-negative integer/],
    [{ template: 'threshold', condition: parseExpression('v > 0*mV'), eventSpace: vars.getArray('I') }, /event space must be an int32 variable with N\+1 = 9/],
  ];
  for (const [partial, message] of cases) {
    assert.throws(
      () => compileCodeBlock({ name: 'g', variables: vars, N: 8, template: 'stateupdate', ...partial } as CodeBlockSpec),
      (e: unknown) => e instanceof CodegenError && message.test(e.message),
    );
  }
});

test('compileCodeBlock(statemonitor) appends t and one row of recorded values per run', () => {
  const build = () => {
    const vars = lifVariables();
    vars.addSubexpression('J', { dim: volt.dim, expr: parseExpression('2*v') });
    vars.addArray('_rec_v', { dim: volt.dim, size: 'dynamic' });
    vars.addArray('_rec_J', { dim: volt.dim, size: 'dynamic' });
    vars.addArray('_rec_t', { dim: second.dim, size: 'dynamic' });
    return vars;
  };
  const tw = twins(build, (vars) => ({
    name: 'statemonitor',
    template: 'statemonitor',
    variables: vars,
    N: 8,
    indices: Int32Array.from([0, 7]),
    times: vars.getArray('_rec_t'),
    record: [
      { expr: parseExpression('v'), storage: vars.getArray('_rec_v') },
      { expr: parseExpression('J'), storage: vars.getArray('_rec_J') },
    ],
  }));
  for (let k = 0; k < 40; k++) {
    for (const vars of [tw.a, tw.b]) {
      vars.getArray('t').array[0] = k * 0.1 * ms;
      vars.getArray('v').array[7] = k;
    }
    tw.step();
  }
  tw.assertSame();
  const rec = usedValues(tw.a.getArray('_rec_v'));
  assert.equal(rec.length, 80);
  assert.deepEqual(Array.from(rec.subarray(76)), [-70 * mV, 38, -70 * mV, 39]);
  assert.equal(usedValues(tw.a.getArray('_rec_J'))[79], 78);
  assert.equal(usedValues(tw.a.getArray('_rec_t'))[39], 39 * 0.1 * ms);
});

test('compileCodeBlock(spikemonitor) records events within the source range, with counts and values', () => {
  const build = () => {
    const vars = lifVariables();
    vars.addArray('_t', { dim: second.dim, size: 'dynamic' });
    vars.addArray('_i', { dtype: 'int32', size: 'dynamic' });
    vars.addArray('_v', { dim: volt.dim, size: 'dynamic' });
    vars.addArray('_count', { dtype: 'int32', size: 4 });
    return vars;
  };
  const tw = twins(build, (vars) => ({
    name: 'spikemonitor',
    template: 'spikemonitor',
    variables: vars,
    N: 8,
    eventSpace: vars.getArray('_spikespace'),
    eventRange: [2, 6],
    times: vars.getArray('_t'),
    eventIndices: vars.getArray('_i'),
    counts: vars.getArray('_count'),
    record: [{ expr: parseExpression('v'), storage: vars.getArray('_v') }],
  }));
  for (const vars of [tw.a, tw.b]) {
    vars.getArray('_spikespace').array.set([1, 2, 5, 6, 0, 0, 0, 0, 4]);
    vars.getArray('t').array[0] = 3 * ms;
  }
  tw.step(2);
  tw.assertSame();
  assert.deepEqual(Array.from(usedValues(tw.a.getArray('_i'))), [0, 3, 0, 3]);
  assert.deepEqual(Array.from(tw.a.getArray('_count').array), [2, 0, 0, 2]);
  assert.deepEqual(Array.from(usedValues(tw.a.getArray('_v'))).map((x) => Math.round(x / mV)), [-60, -45, -60, -45]);
});

test('compileCodeBlock(spikemonitor) with counts only stores no times or indices; a whole-range monitor checks no range', () => {
  for (const range of [[2, 6], [0, 8]] as const) {
    const build = () => {
      const vars = lifVariables();
      vars.addArray('_count', { dtype: 'int32', size: range[1] - range[0] });
      return vars;
    };
    const tw = twins(build, (vars) => ({ name: 'spikemonitor', template: 'spikemonitor', variables: vars, N: 8, eventSpace: vars.getArray('_spikespace'), eventRange: range, counts: vars.getArray('_count') }));
    for (const vars of [tw.a, tw.b]) vars.getArray('_spikespace').array.set([1, 2, 5, 6, 0, 0, 0, 0, 4]);
    tw.step(3);
    tw.assertSame();
    const expected = range[0] === 2 ? [3, 0, 0, 3] : [0, 3, 3, 0, 0, 3, 3, 0];
    assert.deepEqual(Array.from(tw.a.getArray('_count').array), expected);
    assert.doesNotMatch(tw.generated.source, /\$o_times|\$ensure/);
    if (range[0] === 0) assert.doesNotMatch(tw.generated.source, /continue/);
  }
});

test('compileCodeBlock(ratemonitor) records count/(N·dt) per step', () => {
  const build = () => {
    const vars = lifVariables();
    vars.addArray('_t', { dim: second.dim, size: 'dynamic' });
    vars.addArray('_rate', { size: 'dynamic' });
    return vars;
  };
  const tw = twins(build, (vars) => ({
    name: 'ratemonitor',
    template: 'ratemonitor',
    variables: vars,
    N: 8,
    eventSpace: vars.getArray('_spikespace'),
    times: vars.getArray('_t'),
    rates: vars.getArray('_rate'),
  }));
  for (const vars of [tw.a, tw.b]) vars.getArray('_spikespace').array.set([1, 2, 5, 0, 0, 0, 0, 0, 3]);
  tw.step();
  tw.assertSame();
  assert.equal(usedValues(tw.a.getArray('_rate'))[0], 3 / (8 * 0.1 * ms));
});

test('CodeObject.run allocates nothing that grows with N (typed arrays only)', () => {
  const vars = lifVariables(1000);
  const code = compileCodeBlock({ name: 'g', template: 'stateupdate', statements: stmts('v = v + (v0 - v)*dt/tau'), variables: vars, N: 1000 });
  assert.doesNotMatch(code.source, /new |\[\]|\{\}|=>/);
});

test('compileReference is exported and runs the same spec', () => {
  const vars = lifVariables();
  const ref = compileReference({ name: 'g', template: 'stateupdate', statements: stmts('I = 1*mV'), variables: vars, N: 8, random: new RandomState(1) });
  ref.run();
  assert.equal(vars.getArray('I').array[3], 1 * mV);
  void (null as unknown as ArrayVariable);
});
