/**
 * Brian2 2.5.1 `brian2/tests/test_namespaces.py`, translated (status: README.md in this folder).
 * Brian2's `Group._resolve(name, run_namespace)` and `resolve_all` are a group's
 * `resolution(runNamespace).lookup(name)` (undefined where Brian2 raises KeyError); the
 * calling frame's names (`get_local_namespace`) are given as the run namespace.
 */
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Hz, NeuronGroup, cm, mV, ms, second, startScope, volt } from '../../src/index.ts';
import type { Variable } from '../../src/variables/index.ts';
import { catchLogs, raises } from './helpers.ts';

beforeEach(() => startScope());

/** A group without variables of its own (Brian2's `SimpleGroup`). */
const simpleGroup = (namespace?: Record<string, unknown>): NeuronGroup => new NeuronGroup(1, '', namespace === undefined ? {} : { namespace });

/** The value (SI) and dimension a name resolved to. */
function valueOf(v: Variable | undefined): [number, unknown] {
  assert.ok(v !== undefined && v.kind === 'constant', `not a constant: ${JSON.stringify(v)}`);
  return [Number(v.value), v.dim];
}

describe('test_namespaces (Brian2 2.5.1)', () => {
  it('test_default_content', () => {
    const r = simpleGroup().resolution({});
    // Units
    for (const [name, unit] of [['second', second], ['volt', volt], ['ms', ms], ['Hz', Hz], ['mV', mV]] as const) {
      assert.deepEqual(valueOf(r.lookup(name)), [unit.value, unit.dim]);
    }
    // Functions
    for (const f of ['sin', 'log', 'exp']) assert.equal(r.lookup(f)?.kind, 'function');
    // Constants
    assert.equal(valueOf(r.lookup('e'))[0], Math.E);
    assert.equal(valueOf(r.lookup('pi'))[0], Math.PI);
    assert.equal(valueOf(r.lookup('inf'))[0], Infinity);
  });

  it('test_explicit_namespace', () => {
    const group = simpleGroup({ variable: 42 });
    // Explicitly provided
    let l = catchLogs(() => assert.equal(valueOf(group.resolution({}).lookup('variable'))[0], 42));
    assert.equal(l.length, 0);
    // Value from an explicit run namespace
    l = catchLogs(() => assert.equal(valueOf(group.resolution({ yet_another_var: 17 }).lookup('yet_another_var'))[0], 17));
    assert.equal(l.length, 0);
  });

  it('test_errors', () => {
    // No explicit namespace
    let group = simpleGroup();
    assert.equal(group.resolution({}).lookup('nonexisting_variable'), undefined);
    // Empty explicit namespace
    group = simpleGroup({});
    assert.equal(group.resolution({}).lookup('nonexisting_variable'), undefined);
    // Illegal name
    raises(() => simpleGroup({ _illegal: 3.0 }), 'ValueError');
  });

  it('test_resolution', () => {
    // implicit namespace (the caller's names as the run namespace)
    const tau = ms(10);
    let group = simpleGroup();
    let r = group.resolution({ tau });
    assert.deepEqual(valueOf(r.lookup('tau')), [tau.value, tau.dim]);
    assert.deepEqual(valueOf(r.lookup('ms')), [ms.value, ms.dim]);
    // explicit namespace
    group = simpleGroup({ tau: ms(20) });
    r = group.resolution({});
    assert.deepEqual(valueOf(r.lookup('tau')), [0.02, ms.dim]);
    assert.deepEqual(valueOf(r.lookup('ms')), [ms.value, ms.dim]);
  });

  it('test_warning', () => {
    // Name in external namespace clashes with unit/function name
    const group = simpleGroup();
    const r = group.resolution({ exp: 23, cm: 42 });
    let l = catchLogs(() => assert.equal(r.lookup('exp')?.kind, 'function'));
    assert.equal(l.length, 1, `got warnings: ${JSON.stringify(l)}`);
    assert.ok(l[0]![0].endsWith('.resolution_conflict'));
    l = catchLogs(() => assert.deepEqual(valueOf(r.lookup('cm')), [cm.value, cm.dim]));
    assert.equal(l.length, 1, `got warnings: ${JSON.stringify(l)}`);
    assert.ok(l[0]![0].endsWith('.resolution_conflict'));
  });

  it('test_warning_internal_variables', () => {
    const group1 = new NeuronGroup(5, '');
    const group2 = new NeuronGroup(7, '');
    let l = catchLogs(() => group1.resolution({ N: 5 }).warnShadowed(['N'])); // should not raise a warning
    assert.equal(l.length, 0, `got warnings: ${JSON.stringify(l)}`);
    l = catchLogs(() => group2.resolution({ N: 5 }).warnShadowed(['N'])); // should raise a warning
    assert.equal(l.length, 1, `got warnings: ${JSON.stringify(l)}`);
    assert.ok(l[0]![0].endsWith('.resolution_conflict'));
  });
});
