import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { seed } from '../codegen/index.ts';
import { Network } from '../core/index.ts';
import { DimensionMismatchError, Quantity, QuantityArray, mV, ms, nA, volt } from '../units/index.ts';
import { UndefinedIdentifierError } from '../inference/index.ts';
import { GroupError, GroupUndefinedIdentifierError, UnknownVariableError } from './errors.ts';
import { NeuronGroup } from './neuron-group.ts';
import { VariableView } from './variable-view.ts';

const model = `
dv/dt = -v/tau : volt (unless refractory)
w : 1
n : integer
b : boolean
s : volt (shared)
`;
const group = (N = 10): NeuronGroup =>
  new NeuronGroup(N, model, { threshold: 'v > 10*volt', reset: 'v = 0*volt', refractory: ms(5), namespace: { tau: ms(10), v_max: mV(9) } });

describe('state access', () => {
  it('G.v = mV(-70) sets every element and G.v reads a live VariableView', () => {
    const G = group(3);
    const view = G.v;
    assert.ok(view instanceof VariableView);
    G.v = mV(-70);
    assert.deepEqual([...G.v.in(mV)], [-70, -70, -70]);
    assert.equal(String(G.v), '<neurongroup.v: array([-70., -70., -70.]) * mvolt>'.replace('neurongroup', G.name));
    // the view read before the assignment sees it too
    assert.deepEqual([...view.in(mV)], [-70, -70, -70]);
    assert.equal(G.state('v'), view);
  });

  it("G.I = 'i*I_max/(N-1)'-style string assignments use i, N, namespace names and other variables", () => {
    const G = group(4);
    G.v = 'i*v_max/(N-1)';
    assert.deepEqual([...G.v.in(mV)].map((x) => Math.round(x * 1e9) / 1e9), [0, 3, 6, 9]);
    G.w = 'v/mV + 1';
    assert.deepEqual([...G.w.values].map(Math.round), [1, 4, 7, 10]);
  });

  it("G.v = 'rand()*mV' draws per element, reproducibly after seed(n)", () => {
    const G = group(5);
    seed(11);
    G.v = 'rand()*mV';
    const first = G.v.toFloat64Array();
    seed(11);
    G.v = 'rand()*mV';
    assert.deepEqual(G.v.toFloat64Array(), first);
    assert.ok(new Set(first).size > 1);
  });

  it('G.v.values is a live typed array of SI values (Brian2 G.v_[:]) and G.v_ reads it too', () => {
    const G = group(3);
    G.v.values[1] = 0.005;
    assert.equal(G.v.get(1).in(mV), 5);
    assert.ok(G.v_ instanceof Float64Array);
    assert.equal(G.v_[1], 0.005);
    G.v_ = [0.001, 0.002, 0.003];
    assert.deepEqual([...G.v.in(mV)].map(Math.round), [1, 2, 3]);
  });

  it('G.v[k] reads an element as a Quantity; G.v[k] = x and G.v.setAt(indices, x) write elements', () => {
    const G = group(4);
    G.v[2] = mV(3);
    G.v.setAt([0, -1], mV(1));
    assert.ok(G.v[2] instanceof Quantity);
    assert.deepEqual([...G.v.in(mV)].map((x) => Math.round(x)), [1, 0, 3, 1]);
    assert.equal(G.n[0], 0);
    assert.equal(G.b[0], false);
  });

  it("G.v['i > 1'] = value is Brian2's conditional write; G.v['i > 1'] / where() read the selected elements", () => {
    const G = group(4);
    G.v['i > 1'] = mV(5);
    G.v.setWhere('i == 0', 'w*mV + 2*mV');
    assert.deepEqual([...G.v.in(mV)].map((x) => Math.round(x)), [2, 0, 5, 5]);
    const selected = G.v['v > 1*mV'] as QuantityArray;
    assert.ok(selected instanceof QuantityArray);
    assert.deepEqual([...selected.in(mV)].map(Math.round), [2, 5, 5]);
    assert.deepEqual([...G.v.where('i < 2').in(mV)].map(Math.round), [2, 0]);
  });

  it("string assignments respect (unless refractory); numeric ones bypass it (semantics §14 item 11)", () => {
    const G = group(2);
    G.not_refractory = [false, true];
    G.v = '4*mV';
    assert.deepEqual([...G.v.in(mV)].map(Math.round), [0, 4]);
    G.v = mV(7);
    assert.deepEqual([...G.v.in(mV)].map(Math.round), [7, 7]);
  });

  it('int and bool variables truncate and coerce like numpy assignments', () => {
    const G = group(3);
    G.n = [2.7, -2.7, 1];
    G.b = [0, 3, true];
    assert.deepEqual([...G.n.values], [2, -2, 1]);
    assert.deepEqual([...G.b], [false, true, true]);
  });

  it('shared variables hold one value and refuse conditions', () => {
    const G = group(3);
    G.s = mV(2);
    assert.equal(G.s.length, 1);
    assert.equal(G.s.get(0).in(mV), 2);
    assert.throws(() => { G.s['i > 1'] = mV(1); }, (e: unknown) => e instanceof GroupError && /Cannot conditionally set the scalar variable 's'/.test(e.message));
  });

  it('getStates() returns copies of all public variables and setStates() writes several at once', () => {
    const G = group(2);
    G.v = mV(-70);
    const states = G.getStates();
    assert.deepEqual(Object.keys(states), ['N', 'b', 'dt', 'i', 'lastspike', 'n', 'not_refractory', 's', 't', 't_in_timesteps', 'v', 'w']);
    assert.ok(states['v'] instanceof QuantityArray);
    (states['v'] as QuantityArray).values[0] = 0;
    assert.equal(G.v.get(0).in(mV), -70);
    assert.deepEqual(Object.keys(G.getStates(undefined, { readOnlyVariables: false })), ['b', 'lastspike', 'n', 'not_refractory', 's', 'v', 'w']);
    assert.ok(G.getStates(['v'], { units: false })['v'] instanceof Float64Array);
    G.setStates({ v: mV(1), w: [1, 2] });
    assert.deepEqual([...G.w.values], [1, 2]);
    assert.throws(() => G.setStates({ i: [0, 0] }), (e: unknown) => e instanceof GroupError && e.code === 'read-only');
  });

  it('state access does not change identity: networks and instanceof see the group itself', () => {
    const G = group(2);
    assert.ok(G instanceof NeuronGroup);
    assert.ok('v' in G && !('vv' in G));
    const net = new Network(G);
    assert.equal(net.get(G.name), G);
    net.remove(G);
    assert.equal(net.size, 0);
  });
});

describe('state access errors', () => {
  it('G.v = 3 throws DimensionMismatchError naming the variable and the expected unit', () => {
    const G = group(2);
    assert.throws(
      () => { G.v = 3; },
      (e: unknown) => e instanceof DimensionMismatchError && /^v of 'neurongroup\w*' should be set with a value with units volt, but got 3 \(unit is 1\)\.$/.test(e.message),
    );
    assert.throws(() => { G.w = mV(3); }, (e: unknown) => e instanceof DimensionMismatchError && /w of .* should be set with a dimensionless value, but got 3\. mV/.test(e.message));
  });

  it("G.v = '3' (a string with wrong units) throws DimensionMismatchError naming the group and the assignment", () => {
    const G = group(2);
    assert.throws(() => { G.v = 'w'; }, (e: unknown) => e instanceof DimensionMismatchError && /In the assignment to v of 'neurongroup\w*'/.test(e.message));
  });

  it('G.vv = 3 throws UnknownVariableError with Brian2 wording and a close match', () => {
    const G = group(2);
    assert.throws(
      () => { G.vv = 3; },
      (e: unknown) =>
        e instanceof UnknownVariableError && e.variable === 'vv' && e.suggestions.includes('v') && /Could not find a state variable with name "vv".* Did you mean to write "v"\?/.test(e.message),
    );
    assert.throws(() => G.vv, (e: unknown) => e instanceof UnknownVariableError && /Did you mean to write "v"\?/.test(e.message));
    // other unknown names read as undefined, so tools that probe objects keep working
    assert.equal(G.then, undefined);
    assert.equal(G.href, undefined);
  });

  it('G.addAttribute(name) allows a new plain attribute', () => {
    const G = group(2);
    G.addAttribute('label');
    G.label = 'excitatory';
    assert.equal(G.label, 'excitatory');
    assert.throws(() => G.addAttribute('v'), (e: unknown) => e instanceof GroupError && /already a state variable/.test(e.message));
  });

  it('writing a read-only variable (i, t, N) throws GroupError read-only', () => {
    const G = group(2);
    assert.throws(() => { G.i = [1, 2]; }, (e: unknown) => e instanceof GroupError && e.code === 'read-only' && /Variable i of .* is read-only/.test(e.message));
    assert.throws(() => { G.t = ms(1); }, (e: unknown) => e instanceof GroupError && e.code === 'read-only');
  });

  it('wrong-length arrays throw GroupError shape naming the group and variable', () => {
    const G = group(4);
    assert.throws(
      () => { G.v = mV(1).times([1, 2, 3]); },
      (e: unknown) => e instanceof GroupError && e.code === 'shape' && /Cannot set 'neurongroup\w*\.v': provided values do not match the size of the indices, 3 != 4\./.test(e.message),
    );
  });

  it("G.v = 'x*mV' with an undefined name throws UndefinedIdentifierError naming the group, with close matches", () => {
    const G = group(2);
    assert.throws(
      () => { G.v = 'v_maxx'; },
      (e: unknown) =>
        e instanceof UndefinedIdentifierError &&
        e instanceof GroupUndefinedIdentifierError &&
        e.suggestions.includes('v_max') &&
        /In the assignment to v of 'neurongroup\w*'.*The identifier "v_maxx" could not be resolved\. Did you mean "v_max"\?/.test(e.message),
    );
  });

  it('the error of a string assignment quotes the whole expression and points at the name in "v = …"', () => {
    const G = group(2);
    assert.throws(
      () => { G.v = 'El + (2*5 - 5)*mV'; },
      (e: unknown) =>
        e instanceof GroupUndefinedIdentifierError &&
        e.expression === 'El + (2*5 - 5)*mV' &&
        e.span?.start === 4 && e.span?.end === 6 &&
        /line 1 \("v = El \+ \(2\*5 - 5\)\*mV"\)/.test(e.message),
    );
  });

  it('values that are not numbers throw GroupError invalid-value', () => {
    const G = group(2);
    assert.throws(() => { G.v = { a: 1 }; }, (e: unknown) => e instanceof GroupError && e.code === 'invalid-value');
    assert.throws(() => { G.v['i > 0'] = [mV(1), mV(2)]; }, (e: unknown) => e instanceof GroupError && /has to be a string or a scalar/.test(e.message));
  });

  it('state values with units mixed in a plain array must agree', () => {
    const G = group(2);
    G.v = [mV(1), mV(2)];
    assert.deepEqual([...G.v.in(mV)].map(Math.round), [1, 2]);
    assert.throws(() => { G.v = [mV(1), volt.times(0).div(ms(1))]; }, (e: unknown) => e instanceof GroupError);
  });
});

describe('VariableView.set with a plain zero', () => {
  it('G.w = 0 and G.w = [0, 0] set a variable with units, as Brian2 accepts a plain 0; G.w = 1 still fails', () => {
    const G = new NeuronGroup(2, 'w : amp');
    G.w = nA(3);
    G.w = 0;
    assert.deepEqual(Array.from(G.w.values), [0, 0]);
    G.w = nA(3);
    G.w = [0, 0];
    assert.deepEqual(Array.from(G.w.values), [0, 0]);
    assert.throws(() => {
      G.w = 1;
    }, (err: unknown) => err instanceof DimensionMismatchError && /should be set with a value with units amp/.test(err.message));
  });
});

describe('arithmetic on a state view (Brian2: G.v + 50*mV)', () => {
  it('plus/minus/times/div/pow/neg give new QuantityArrays and leave the group unchanged', () => {
    const G = group(3);
    G.v = mV([1, 2, 3]);
    const shifted = G.v.plus(mV(50));
    assert.ok(shifted instanceof QuantityArray);
    assert.deepEqual([...shifted.in(mV)].map((x) => Math.round(x * 1e9) / 1e9), [51, 52, 53]);
    assert.deepEqual([...G.v.in(mV)].map((x) => Math.round(x * 1e9) / 1e9), [1, 2, 3]);
    assert.deepEqual([...G.v.minus(G.v).values], [0, 0, 0]);
    assert.equal(G.v.times(2).in(mV)[2]!.toFixed(9), '6.000000000');
    assert.equal(G.v.div(mV(1)).isDimensionless, true);
    assert.equal(G.v.pow(2).dim, volt.dim.pow(2));
    assert.deepEqual([...G.v.neg().in(mV)].map(Math.round), [-1, -2, -3]);
    assert.deepEqual(G.v.gt(mV(1.5)), [false, true, true]);
    assert.equal(Math.round(G.v.mean().in(mV) as unknown as number), 2);
    assert.throws(() => G.v.plus(3), (e: unknown) => e instanceof DimensionMismatchError);
  });

  it('a misspelt member says it is an unknown member and suggests the right one', () => {
    const G = group(3);
    assert.throws(
      () => (G.v as unknown as { plsu: unknown }).plsu,
      (e: unknown) => e instanceof GroupError && e.code === 'invalid-index' && /has no member 'plsu' \(did you mean 'plus'\?\)/.test(e.message),
    );
    assert.throws(() => {
      (G.v as unknown as { valuse: number }).valuse = 3;
    }, (e: unknown) => e instanceof GroupError && /has no member 'valuse'/.test(e.message));
    // bare boolean variables and conditions still select
    assert.equal(G.v['b'] instanceof QuantityArray, true);
    assert.equal((G.v['i > 0'] as QuantityArray).length, 2);
  });
});
