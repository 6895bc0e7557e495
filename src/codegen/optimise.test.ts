import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseExpression, parseStatements } from '../parsing/index.ts';
import { Variables, addIndexVariables } from '../variables/index.ts';
import { second } from '../units/index.ts';
import { compileCodeBlock, defineUserFunction } from './index.ts';
import { cPow } from './functions.ts';
import { twins } from './testing.ts';

const N = 5;

function table(): Variables {
  const vars = new Variables('g');
  addIndexVariables(vars, N);
  vars.addArray('x', { size: N, values: [-2.5, -0.3, 0, 0.7, 3.1] });
  vars.addArray('y', { size: N, values: 0 });
  vars.addArray('z', { size: N, values: 0 });
  vars.addArray('b', { dtype: 'bool', size: N, values: [1, 0, 1, 0, 1] });
  vars.addArray('nr', { dtype: 'bool', size: N, values: [1, 1, 0, 1, 0] });
  vars.addArray('w', { size: N, values: 1, conditionalWrite: 'nr' });
  vars.addArray('_spikespace', { dtype: 'int32', size: N + 1 });
  vars.addArray('not_refractory', { dtype: 'bool', size: N, values: [1, 0, 1, 1, 1] });
  vars.addArray('lastspike', { size: N, values: -1 });
  vars.addArray('t', { size: 1, scalar: true, values: 0.5, readOnly: true });
  vars.addArray('dt', { size: 1, scalar: true, values: 1e-4, readOnly: true });
  return vars;
}

const count = (source: string, what: string): number => source.split(what).length - 1;

function stateupdate(code: string) {
  const tw = twins(table, (vars) => ({ name: 'g', template: 'stateupdate', statements: parseStatements(code), variables: vars, N }));
  tw.step(3);
  tw.assertSame();
  return tw.generated.source;
}

test('compileCodeBlock computes a repeated pure subexpression once per element (CSE)', () => {
  const source = stateupdate('y = exp(x/3) + 2*exp(x/3)\nz = exprel(x/3)*exp(x/3) - y');
  assert.equal(count(source, '$f_exp('), 1);
  assert.equal(count(source, '$f_exprel('), 1);
  assert.equal(count(source, '($v_x / 3)'), 1);
});

test('compileCodeBlock never reuses a value across a write to something it reads', () => {
  const source = stateupdate('y = exp(x)\nx = x + 1\nz = exp(x) + exp(x)');
  assert.equal(count(source, '$f_exp('), 2);
});

test('compileCodeBlock never merges random draws or stateful calls', () => {
  let calls = 0;
  const f = defineUserFunction('f', (a) => a + calls++, { argUnits: [null], returnUnit: null, stateful: true });
  const build = () => {
    const vars = table();
    vars.set('f', { kind: 'function', name: 'f', descriptor: f.descriptor, implementation: f.implementation });
    return vars;
  };
  const code = compileCodeBlock({ name: 'g', template: 'stateupdate', statements: parseStatements('y = f(x)\nz = f(x)\nw = rand() + y'), variables: build(), N });
  assert.equal(count(code.source, '$u_f('), 2);
  const tw = twins(table, (vars) => ({ name: 'g', template: 'stateupdate', statements: parseStatements('y = rand() + exp(x)\nz = rand() + exp(x)'), variables: vars, N }));
  tw.step(2);
  tw.assertSame();
  assert.equal(count(tw.generated.source, '$f_exp('), 1);
  assert.notDeepEqual(Array.from(tw.a.getArray('y').array), Array.from(tw.a.getArray('z').array));
});

test('compileCodeBlock defines no CSE inside gated writes or the right operand of and/or', () => {
  // w is written only where nr holds: exp(x) there must not run unconditionally for it.
  const source = stateupdate('w = exp(x) + exp(x)\nb = (x > 0) and (exp(y) > 1) and (exp(y) < 2)');
  assert.doesNotMatch(source, /\$c_\d+ = \$f_exp\(\$v_x\)/);
  assert.doesNotMatch(source, /\$c_\d+ = \$f_exp\(\$v_y\)/);
  // A value computed unconditionally earlier is reused there.
  const reused = stateupdate('y = exp(x)*2 + exp(x)\nw = exp(x)');
  assert.equal(count(reused, '$f_exp('), 1);
});

test('compileCodeBlock writes x**2, x**3, x**4 and x**-1 as multiplications, as cPow does', () => {
  const source = stateupdate('y = x**2 + x**3 - x**4\nz = (x + 1)**3 + (x + 1)**-1 + x**2.5');
  assert.doesNotMatch(source, /\*\* (?:[234]|\(-1\))\)/);
  assert.match(source, /\(\(\$v_x \* \$v_x\) \* \$v_x\)/);
  assert.match(source, /\*\* 2\.5/);
  for (const x of [-2.5, -0.3, 0, 0.7, 3.1, NaN, Infinity, -0]) {
    assert.ok(Object.is(cPow(x, 2), x * x));
    assert.ok(Object.is(cPow(x, 3), x * x * x));
    assert.ok(Object.is(cPow(x, -1), 1 / x));
  }
  assert.equal(cPow(1, Infinity), 1);
  assert.equal(cPow(-1, -Infinity), 1);
});

test('compileCodeBlock(threshold) with refractory tests not_refractory once, only where the condition holds', () => {
  const tw = twins(table, (vars) => ({
    name: 'g', template: 'threshold', condition: parseExpression('x > 0'), variables: vars, N, eventSpace: vars.getArray('_spikespace'), refractory: true,
  }));
  tw.step();
  tw.assertSame();
  assert.equal(count(tw.generated.source, '$a_not_refractory[$idx] !== 0'), 1);
  assert.deepEqual(Array.from(tw.a.getArray('_spikespace').array), [3, 4, 0, 0, 0, 2]);
});

test('compileCodeBlock loads no variable the body assigns before reading', () => {
  const vars = table();
  const spikes = vars.getArray('_spikespace');
  spikes.array.set([1, 3, 0, 0, 0, 2]);
  const code = compileCodeBlock({ name: 'g', template: 'reset', statements: parseStatements('y = 0\nz = z + 1'), variables: vars, N, eventSpace: spikes });
  assert.doesNotMatch(code.source, /\$v_y = \$a_y/);
  assert.match(code.source, /\$v_z = \$a_z/);
  code.run();
  assert.deepEqual(Array.from(vars.getArray('z').array), [0, 1, 0, 1, 0]);
});

/** The per-element loop of a generated source (its function ends at the first top-level `};` after it). */
const body = (source: string): string => source.slice(source.indexOf('for ('), source.indexOf('\n};\n', source.indexOf('for (')));

test('compileCodeBlock computes exp(-dt*int(nr)/tau) before the loop for each value of nr (boolean specialisation)', () => {
  const source = stateupdate('y = x*exp(-dt*int(nr)/0.02) + exp(-dt*int(nr)/0.02)*(1 - int(nr))\nz = 0.02*(-200 + int(nr)/0.02)');
  assert.equal(count(body(source), '$f_exp('), 0);
  assert.match(body(source), /\(\$v_nr \? \$h_\d+ : \$h_\d+\)/);
  // A constant per value of nr is a literal: 0.02*(-200 + 50) and 0.02*(-200 + 0).
  assert.match(body(source), /\(\$v_nr \? \(-3\) : \(-4\)\)/);
});

test('compileCodeBlock specialises on two booleans (four values) but not on three', () => {
  const two = stateupdate('y = x + exp(dt*int(b) - dt*int(nr))');
  assert.equal(count(body(two), '$f_exp('), 0);
  assert.match(body(two), /\(\$v_b \? \(\$v_nr \? \$h_\d+ : \$h_\d+\) : \(\$v_nr \? \$h_\d+ : \$h_\d+\)\)/);
  const three = stateupdate('y = x + exp(dt*int(b) - dt*int(nr) + dt*int(not_refractory))');
  assert.equal(count(body(three), '$f_exp('), 1);
});

test('compileCodeBlock leaves trivial boolean subtrees alone (int(b), dt*int(b), b and nr)', () => {
  const source = stateupdate('y = x*int(b) + dt*int(nr)\nz = int(b and nr) + x');
  assert.doesNotMatch(body(source).replace(/\$a_\w+\[\$idx\] = \(\$v_\w+ \? 1 : 0\);/g, ''), / \? /);
});

test('compileCodeBlock specialises on a boolean written earlier in the body, reading its new value', () => {
  const source = stateupdate('nr = x > 0\ny = exp(-dt*int(nr)/0.02)');
  assert.match(body(source), /\$v_nr = .*\n.*\(\$v_nr \? /);
});

function timed(): Variables {
  const vars = new Variables('g');
  addIndexVariables(vars, 8);
  vars.addArray('lastspike', { dim: second.dim, size: 8, values: [-1e4, 0, 0.0049, 0.00499999999, 0.005, 0.0050000001, 0.0123, 0.3] });
  vars.addArray('t', { dim: second.dim, size: 1, scalar: true, values: 0.3051, readOnly: true });
  vars.addArray('dt', { dim: second.dim, size: 1, scalar: true, values: 1e-4, readOnly: true });
  vars.addArray('y', { size: 8 });
  vars.addArray('nr', { dtype: 'bool', size: 8 });
  return vars;
}

test('compileCodeBlock writes timestep(t, dt) as inline arithmetic, with the runtime helper\'s bits', () => {
  const code = 'nr = timestep(t - lastspike, dt) >= timestep(0.005*second, dt)\ny = timestep(lastspike, dt) + timestep(t, 0.1*dt)';
  const tw = twins(timed, (vars) => ({ name: 'g', template: 'stateupdate', statements: parseStatements(code), variables: vars, N: 8 }));
  for (let k = 0; k < 50; k++) {
    tw.a.getArray('t').array[0] = tw.b.getArray('t').array[0] = 0.3 + k * 1e-4;
    tw.step();
    tw.assertSame();
  }
  assert.doesNotMatch(tw.generated.source, /\$f_timestep\(/);
  // The refractoriness comparison needs no division per element: a hoisted bound.
  assert.match(tw.generated.source, /\(\(\$v_t - \$v_lastspike\) >= \$h_\d+\)/);
  // 0.001*dt is loop-invariant; only the division and the truncation stay per element.
  assert.match(tw.generated.source, /const \$[hc]_\d+ = \(0\.001 \* \$v_dt\);/);
});

test('compileCodeBlock computes a temporary read only by writes gated on nr where nr holds, with nr known', () => {
  // The state updater's shape for `dw/dt = ... : 1 (unless refractory)`.
  const source = stateupdate('_w = x*exp(-dt*int(nr)/0.02) + int(nr)\nw = _w');
  assert.match(body(source), /let \$t__w = \(\$v_nr \? /);
  // Inside, nr is true: int(nr) folded, no select on nr left.
  assert.doesNotMatch(body(source).replace(/let \$t__w = \(\$v_nr \? /, ''), /\$v_nr \?/);
  assert.doesNotMatch(body(source), /\$f_int/);
  // Not when something else reads it, or when the gate changes in between.
  assert.doesNotMatch(body(stateupdate('_w = x*2\nw = _w\ny = _w')), /\$t__w = \(\$v_nr \?/);
  assert.doesNotMatch(body(stateupdate('_w = x*2\nnr = x > 0\nw = _w')), /\$t__w = \(\$v_nr \?/);
});
