import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defineUserFunction } from '../codegen/index.ts';
import { Network } from '../core/index.ts';
import { ExpressionError } from '../inference/index.ts';
import { QuantityArray, mV, ms, second, volt } from '../units/index.ts';
import { Variables } from '../variables/index.ts';
import { GroupError } from './errors.ts';
import { NameResolution, checkNamespace } from './namespace.ts';
import { NeuronGroup } from './neuron-group.ts';

describe('NameResolution', () => {
  const own = new Variables('g');
  own.addArray('v', { dim: volt.dim, size: 2 });

  it('resolves in Brian2 order: own variables, constants, units, functions, group namespace, run namespace', () => {
    const r = new NameResolution('g', own, { tau: ms(10), v: 1, pi: 3, a: 1 }, { tau: ms(20), b: true, a: 2 });
    assert.equal(r.lookup('v')?.kind, 'array');
    const pi = r.lookup('pi');
    assert.ok(pi?.kind === 'constant' && pi.value === Math.PI, 'the constant pi wins over the group namespace');
    const tau = r.lookup('tau');
    assert.ok(tau?.kind === 'constant' && tau.value === 0.01 && tau.dim === second.dim);
    assert.ok(r.lookup('mV')?.kind === 'constant');
    assert.equal(r.lookup('exp')?.kind, 'function');
    const b = r.lookup('b');
    assert.ok(b?.kind === 'constant' && b.type === 'boolean');
    assert.equal(r.lookup('nothing'), undefined);
  });

  it('namespace values must be scalars (Brian2: "... is not a scalar value")', () => {
    const r = new NameResolution('g', own, { arr: new QuantityArray([1, 2], volt.dim) }, {});
    assert.throws(() => r.lookup('arr'), (e: unknown) => e instanceof ExpressionError && e.code === 'non-scalar-namespace-value' && /Variable arr was found in the group-specific namespace of 'g', but is not a scalar value/.test(e.message));
  });

  it('variablesFor(identifiers) adds only the external names used, on top of the group table', () => {
    const r = new NameResolution('g', own, { tau: ms(10) }, {});
    const table = r.variablesFor(['v', 'tau', 'mV', 'missing']);
    assert.deepEqual([...table.names()].sort(), ['mV', 'tau', 'v']);
  });

  it('suggest(name) proposes close names from variables, namespaces, functions and units', () => {
    const r = new NameResolution('g', own, { tau_m: ms(10) }, {});
    assert.deepEqual(r.suggest('tau_n'), ['tau_m']);
    assert.deepEqual(r.suggest('exq'), ['exp']);
  });

  it('checkNamespace rejects non-objects and names starting with an underscore', () => {
    assert.throws(() => checkNamespace('g', [1]), (e: unknown) => e instanceof GroupError && e.code === 'invalid-option');
    assert.throws(() => checkNamespace('g', { _x: 1 }), (e: unknown) => e instanceof GroupError && /underscore/.test(e.message));
  });

  it('user functions from defineUserFunction can be called from model code', () => {
    const double = defineUserFunction('double', (x: number) => 2 * x, { argUnits: [volt], returnUnit: volt });
    const G = new NeuronGroup(2, 'v : volt\nw : volt', { namespace: { double } });
    G.v = 'i*mV';
    G.w = 'double(v)';
    assert.deepEqual([...G.w.in(mV)].map(Math.round), [0, 2]);
    G.runRegularly('v = double(w)');
    new Network(G).run(ms(0.1));
    assert.deepEqual([...G.v.in(mV)].map(Math.round), [0, 4]);
  });
});
