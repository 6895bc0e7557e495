import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { prefs, resetPrefs } from '../core/index.ts';
import { mV } from '../units/index.ts';
import { GroupError } from './errors.ts';
import { NeuronGroup } from './neuron-group.ts';

afterEach(() => resetPrefs('floatDtype'));

const MODEL = 'dv/dt = -v/(10*ms) : volt\nw : 1\nn : integer\nb : boolean\nI = 2*v : volt';

describe("float storage: prefs.floatDtype and the groups' dtype option (Brian2's dtype keyword)", () => {
  it('float64 by default; prefs.floatDtype = float32 makes every float variable a Float32Array (not integers, booleans or lastspike)', () => {
    const a = new NeuronGroup(3, MODEL, { refractory: 'v > 1*mV' });
    assert.equal(a.state('v').dtype, 'float64');
    assert.ok(a.state('v').values instanceof Float64Array);
    prefs.floatDtype = 'float32';
    const b = new NeuronGroup(3, MODEL, { refractory: 'v > 1*mV' });
    assert.ok(b.state('v').values instanceof Float32Array);
    assert.ok(b.state('w').values instanceof Float32Array);
    assert.equal(b.state('n').dtype, 'int32');
    assert.equal(b.state('b').dtype, 'bool');
    assert.equal(b.state('lastspike').dtype, 'float64', 'times stay float64, as in Brian2');
    assert.equal(b.state('I').dtype, 'float64', 'subexpressions are computed, not stored');
    // Assignments round to float32; reads give the stored number.
    b.v = mV(-60.123456789);
    assert.equal((b.v as { values: Float64Array }).values[0], Math.fround(-0.060123456789));
    assert.notEqual(Math.fround(-0.060123456789), -0.060123456789);
    // The preference is read at creation: a group made before keeps its storage.
    assert.ok(a.state('v').values instanceof Float64Array);
  });

  it("dtype: 'float32' / 'float64' overrides the preference for the group; an object sets it per variable", () => {
    assert.equal(new NeuronGroup(2, MODEL, { dtype: 'float32' }).state('w').dtype, 'float32');
    prefs.floatDtype = 'float32';
    assert.equal(new NeuronGroup(2, MODEL, { dtype: 'float64' }).state('v').dtype, 'float64');
    const g = new NeuronGroup(2, MODEL, { dtype: { v: 'float64', n: 'int32' } });
    assert.equal(g.state('v').dtype, 'float64');
    assert.equal(g.state('w').dtype, 'float32', 'variables not named use the preference');
  });

  it('a wrong dtype is a GroupError naming the group and the variable', () => {
    const fails = (dtype: unknown, pattern: RegExp): void => {
      assert.throws(() => new NeuronGroup(2, MODEL, { dtype: dtype as 'float32', name: 'dt_group' }), (e: unknown) => e instanceof GroupError && e.code === 'invalid-option' && e.objectName === 'dt_group' && pattern.test(e.message));
    };
    fails('float16', /The dtype of 'dt_group' must be 'float64' or 'float32'.*got 'float16'/);
    fails(32, /must be 'float64', 'float32' or an object giving a dtype per variable, got a number/);
    fails({ n: 'float32' }, /Error determining dtype for variable n of 'dt_group': float32 is not a correct type for integer variables/);
    fails({ v: 'int32' }, /Error determining dtype for variable v of 'dt_group': int32 is not a correct type for float variables/);
    fails({ u: 'float32' }, /names 'u', which is not a state variable of its model \(stored variables: v, w, n, b\)/);
  });
});
