/**
 * Issue 15 item 3 (and issue 16's `G.N = 20`): state variables named like members of the group
 * object are refused when the group is defined (a typed error that says why and how to
 * rename), never silently routed elsewhere; `N`, `start` and `stop` are read-only.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Cylinder, GroupError, NeuronGroup, Soma, SpatialNeuron, SpatialNeuronError, Synapses, SynapsesDefinitionError, um } from '../../src/index.ts';

// The names of the issue, plus methods and fields of every group.
const MEMBER_NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'name', 'clock', 'active', 'order', 'when', 'namespace', 'equations', 'state', 'variables', 'source', 'events', 'method', 'start', 'stop'];

describe('state variables named like object members (issue 15 item 3)', () => {
  for (const name of MEMBER_NAMES) {
    it(`'${name} : 1' is refused by NeuronGroup and Synapses, with the reason and a new name`, () => {
      assert.throws(
        () => new NeuronGroup(2, `${name} : 1`),
        (e: unknown) =>
          e instanceof GroupError &&
          e.code === 'invalid-model' &&
          e.variable === name &&
          e.message.includes(`defines a variable '${name}'`) &&
          e.message.includes(`Rename the variable (for example to '${name}_var')`),
      );
      const G = new NeuronGroup(2, 'v : 1');
      assert.throws(() => new Synapses(G, G, `${name} : 1`), (e: unknown) => e instanceof SynapsesDefinitionError && e.code === 'invalid-model' && e.message.includes(`'${name}'`));
    });
  }

  it('the renamed variable works, and the members keep working', () => {
    const G = new NeuronGroup(2, 'clock_var : 1\nname_var : 1\nconstructor_var : 1');
    G.clock_var = 3;
    G.constructor_var = 2;
    assert.deepEqual(Array.from(G.clock_var_ as Float64Array), [3, 3]);
    assert.deepEqual(Array.from(G.constructor_var_ as Float64Array), [2, 2]);
    assert.equal(G.constructor, NeuronGroup);
    assert.equal(typeof G.clock.dt.value, 'number');
    assert.match(String(G), /NeuronGroup/);
  });

  it('N is refused by the equations (a special name, as in Brian2)', () => {
    assert.throws(() => new NeuronGroup(2, 'N : 1'), /special meaning/);
  });

  it("SpatialNeuron's own members are refused; its morphology variable 'length' is a state variable (Brian2's neuron.length)", () => {
    const morpho = new Soma({ diameter: um(10) });
    morpho.setChild('axon', new Cylinder({ diameter: um(1), length: um(10), n: 2 }));
    assert.throws(() => new SpatialNeuron(morpho, 'Im = 0*amp/meter**2 : amp/meter**2\nmorphology : 1'), SpatialNeuronError);
    const neuron = new SpatialNeuron(morpho, 'Im = 0*amp/meter**2 : amp/meter**2');
    const expected = Array.from(morpho.length_).concat(Array.from(morpho.child('axon').length_));
    assert.deepEqual(Array.from(neuron.length_ as Float64Array), expected);
    assert.deepEqual(Array.from((neuron.length as { values: Float64Array }).values), expected);
    assert.ok(Math.abs(expected[0]! - 10e-6) < 1e-18);
  });
});

describe('N, start and stop are read-only (issue 16: G.N = 20)', () => {
  it('G.N = 20 is a GroupError and changes nothing', () => {
    const G = new NeuronGroup(5, 'v : 1');
    assert.throws(() => {
      (G as { N: number }).N = 20;
    }, (e: unknown) => e instanceof GroupError && e.code === 'read-only' && /'N' of '.*' is read-only/.test(e.message));
    assert.throws(() => {
      (G as { stop: number }).stop = 2;
    }, GroupError);
    assert.equal(G.N, 5);
    assert.equal(G.stop, 5);
    const sub = G.slice(1, 3);
    assert.throws(() => {
      (sub as { start: number }).start = 0;
    }, GroupError);
    assert.equal(sub.start, 1);
  });

  it("Synapses' N follows connect() and cannot be assigned", () => {
    const G = new NeuronGroup(3, 'v : 1');
    const S = new Synapses(G, G);
    S.connect();
    assert.throws(() => {
      (S as { N: number }).N = 1;
    }, GroupError);
    assert.equal(S.N, 9);
  });
});

describe('monitors: a recorded variable named like a monitor member', () => {
  it("warns and is read with M.get(name) (M.record stays the recorded indices)", async () => {
    const { StateMonitor, setWarningHandler } = await import('../../src/index.ts').then(async (m) => ({ ...m, ...(await import('../../src/util/index.ts')) }));
    const warnings: string[] = [];
    setWarningHandler((key, message) => warnings.push(`${key}: ${message}`));
    try {
      const G = new NeuronGroup(2, 'record : 1');
      const M = new StateMonitor(G, 'record', { record: true });
      assert.ok(warnings.some((w) => w.startsWith('monitor_member_name') && w.includes(`${M.name}.get('record')`)), warnings.join('\n'));
      assert.ok(M.record instanceof Int32Array);
      assert.equal(typeof M.get('record').values, 'object');
    } finally {
      setWarningHandler(undefined);
    }
  });
});
